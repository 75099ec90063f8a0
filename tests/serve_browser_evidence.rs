//! The 佐证材料 part of `dossier serve` in a real browser (Debian's chromium, headless, over
//! WebDriver): samples/佐证材料 chosen with the folder chooser, its plan shown, bundled with the
//! progress bar reaching the end, the archive verified and its 材料目录 shown. Screenshots of
//! each step are kept under target/screenshots/evidence-*.png.

mod common;

use std::path::PathBuf;

use common::browser::{Driver, browser, click, text_of, wait_for};
use common::server::Server;
use fantoccini::{Client, Locator};
use serde_json::json;

async fn shot(client: &Client, step: &str) {
    common::browser::shot(client, &format!("evidence-{step}")).await;
}

/// Opens samples/ with the path box, then 佐证材料 from the list, and chooses it.
async fn choose_the_sample_folder(client: &Client) {
    let samples = common::repo().join("samples");
    let path = client.find(Locator::Css("#ev-path")).await.unwrap();
    path.clear().await.unwrap();
    path.send_keys(samples.to_str().unwrap()).await.unwrap();
    click(client, "#ev-go button[type=submit]").await;
    let names =
        "return [...document.querySelectorAll('#ev-folders button')].map(b => b.textContent)";
    wait_for(client, names, |v| v.to_string().contains("佐证材料")).await;
    let open = "[...document.querySelectorAll('#ev-folders button')].find(b => b.textContent === '佐证材料').click()";
    client.execute(open, vec![]).await.unwrap();
    wait_for(client, names, |v| {
        v.to_string().contains("01 理论学习中心组")
    })
    .await;
    shot(client, "chooser").await;
    click(client, "#ev-choose").await;
}

async fn see_the_plan(client: &Client) {
    let pick = "const s = document.querySelector('#ev-scheme'); s.value = 'with-table.yaml'; s.dispatchEvent(new Event('change')); return s.value";
    wait_for(client, pick, |v| v == "with-table.yaml").await;
    let plan = "return document.querySelector('#ev-plan').textContent";
    wait_for(client, plan, |v| v.to_string().contains("未对应指标")).await;
    let told = text_of(client, "#ev-plan-message").await;
    assert!(
        told.contains("将打包 5 个文件") && told.contains("31 项指标中 3 项有材料"),
        "{told}"
    );
    let shown = text_of(client, "#ev-plan").await;
    assert!(
        shown.contains("01 理论学习中心组") && shown.contains("Thumbs.db"),
        "{shown}"
    );
    assert!(shown.contains("缺少材料的指标（28 项）"), "{shown}");
    shot(client, "plan").await;
}

async fn bundle_and_see_progress(client: &Client, ws: &std::path::Path) {
    click(client, "#ev-bundle").await;
    let bar = "const b = document.querySelector('#ev-progress'); return [b.value, b.max]";
    wait_for(client, bar, |v| {
        v == &json!([5.0, 5.0]) || v == &json!([5, 5])
    })
    .await;
    let message = "return document.querySelector('#ev-job-message').textContent";
    wait_for(client, message, |v| {
        v.to_string().contains("已打包 5 个文件")
    })
    .await;
    assert!(
        text_of(client, "#ev-progress-text")
            .await
            .contains("5/5 个文件")
    );
    shot(client, "bundle").await;
    let zip: PathBuf = ws.join("材料包.zip");
    let run = common::dossier(&["verify", zip.to_str().unwrap()]);
    assert!(run.status.success(), "the archive the page made verifies");
}

async fn verify_and_read_the_catalogue(client: &Client) {
    let verified = "return document.querySelector('#ev-verify-message').textContent";
    wait_for(client, verified, |v| v.to_string().contains("校验通过")).await;
    let findings = text_of(client, "#ev-findings").await;
    assert!(
        findings.contains("材料包.zip: 校验通过，5 个文件完好"),
        "{findings}"
    );
    let rows = "return document.querySelectorAll('#ev-catalogue table:first-of-type tr').length";
    // The screen is the one "bundle" shows: the page verifies as soon as it has packed.
    wait_for(client, rows, |v| v.as_u64() == Some(6)).await;
}

/// Three folders of 400 KiB of random bytes each: more than a volume of 1 MB holds.
fn folder_for_volumes() -> tempfile::TempDir {
    let folders = ["01 理论学习", "02 理想信念", "03 志愿服务"];
    common::random_evidence(&folders, 4, 100 << 10, |n| format!("照片{n}.txt"))
}

/// A folder bundled with 每卷 1 MB and 原样存入: the page lists each volume and the master
/// index; each volume verifies and stores every file as it is.
async fn bundle_with_options(client: &Client, ws: &std::path::Path, folder: &std::path::Path) {
    let path = client.find(Locator::Css("#ev-path")).await.unwrap();
    path.clear().await.unwrap();
    path.send_keys(folder.to_str().unwrap()).await.unwrap();
    click(client, "#ev-go button[type=submit]").await;
    let chosen = "return document.querySelector('#ev-choose').disabled";
    wait_for(client, chosen, |v| v == &json!(false)).await;
    click(client, "#ev-choose").await;
    let pick = "const s = document.querySelector('#ev-scheme'); s.value = ''; s.dispatchEvent(new Event('change')); return document.querySelector('#ev-plan-message').textContent";
    wait_for(client, pick, |v| v.to_string().contains("将打包 12 个文件")).await;
    let out = client.find(Locator::Css("#ev-out")).await.unwrap();
    out.clear().await.unwrap();
    out.send_keys("分卷.zip").await.unwrap();
    let size = client.find(Locator::Css("#ev-max-size")).await.unwrap();
    size.send_keys("1").await.unwrap();
    click(client, "#ev-store").await;
    click(client, "#ev-bundle").await;
    let message = "return document.querySelector('#ev-job-message').textContent";
    let said = wait_for(client, message, |v| {
        v.to_string().contains("已打包 12 个文件")
    })
    .await;
    let links = "return [...document.querySelectorAll('#ev-downloads a')].map(a => a.textContent)";
    let links: Vec<String> =
        serde_json::from_value(client.execute(links, vec![]).await.unwrap()).unwrap();
    let volumes: Vec<&String> = links.iter().filter(|l| l.ends_with(".zip")).collect();
    assert!(volumes.len() >= 2, "{links:?}");
    assert!(
        said.to_string()
            .contains(&format!("分 {} 卷", volumes.len())),
        "{said}"
    );
    assert_eq!(links.last().unwrap(), "下载 分卷-总目录.xlsx");
    common::browser::shot(client, "evidence-options").await;
    for link in volumes {
        let zip = ws.join(link.trim_start_matches("下载 "));
        let run = common::dossier(&["verify", zip.to_str().unwrap()]);
        assert!(run.status.success(), "{link} verifies");
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
        for i in 0..archive.len() {
            let entry = archive.by_index(i).unwrap();
            if entry.name().unwrap().starts_with("data/") {
                assert_eq!(
                    entry.compression(),
                    zip::CompressionMethod::Stored,
                    "{link}"
                );
            }
        }
    }
}

#[test]
#[ignore = "needs chromium and chromedriver (Debian's chromium, chromium-driver)"]
fn samples_are_chosen_planned_bundled_and_verified_in_the_browser() {
    let (chromium, _) = (common::chromium(), common::chromedriver());
    assert!(chromium.is_file());
    let ws = common::with_table_workspace();
    let volumes = folder_for_volumes();
    let server = Server::start_with(ws.path(), &[("SOURCE_DATE_EPOCH", "1700000000")]);
    let driver = Driver::start();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = browser(&driver, None).await;
        client.goto(&server.url).await.unwrap();
        client
            .goto(&format!("http://{}/#evidence", server.host))
            .await
            .unwrap();
        choose_the_sample_folder(&client).await;
        see_the_plan(&client).await;
        bundle_and_see_progress(&client, ws.path()).await;
        verify_and_read_the_catalogue(&client).await;
        bundle_with_options(&client, ws.path(), volumes.path()).await;
        client.close().await.unwrap();
    });
}
