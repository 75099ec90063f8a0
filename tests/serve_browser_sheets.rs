//! The 任务表 part of `dossier serve` in a real browser (Debian's chromium, headless): a sheet
//! uploaded shows its rows, merged cells and units; the units' ZIP downloaded holds one notice
//! per unit listed and the index; a bad sheet shows the reader's message at its cell.
//! Screenshots `sheets-*.png` under target/screenshots/.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::browser::{Driver, browser, click, wait_for};
use common::server::Server;
use fantoccini::{Client, Locator};

async fn shot(client: &Client, step: &str) {
    common::browser::shot(client, &format!("sheets-{step}")).await;
}

async fn upload(client: &Client, file: &Path) {
    let input = client.find(Locator::Css("#sheet-file")).await.unwrap();
    input.send_keys(file.to_str().unwrap()).await.unwrap();
    click(client, "#sheet-upload button").await;
}

/// The text of each cell of the rows of `table`, row by row.
async fn cells(client: &Client, table: &str) -> Vec<Vec<String>> {
    let script = format!(
        "return [...document.querySelectorAll('{table} tbody tr')].map(r => [...r.cells].map(c => c.textContent))"
    );
    let value = client.execute(&script, vec![]).await.unwrap();
    serde_json::from_value(value).unwrap()
}

/// The file that appears in `dir` once its download is complete.
fn downloaded(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let started = Instant::now();
    loop {
        let partial = std::fs::read_dir(dir).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".crdownload")
        });
        if path.is_file() && !partial {
            return path;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no {name} downloaded"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

async fn the_sample_is_read(client: &Client, sheet: &Path) -> Vec<Vec<String>> {
    upload(client, sheet).await;
    let rows = "return document.querySelectorAll('#sheet-rows tbody tr').length";
    wait_for(client, rows, |v| v.as_u64() == Some(31)).await;
    let merged =
        "return [...document.querySelectorAll('#sheet-rows td.merged')].map(c => c.rowSpan)";
    let spans = client.execute(merged, vec![]).await.unwrap();
    let spans: Vec<u64> = serde_json::from_value(spans).unwrap();
    assert!(
        !spans.is_empty() && spans.iter().all(|s| *s > 1),
        "{spans:?}"
    );
    assert_eq!(spans[0], 5, "测评项目 B5:B9 over five rows");
    let merges = client.find(Locator::Css("#sheet-merges")).await.unwrap();
    assert!(merges.text().await.unwrap().contains("分解表!B5:B9"));
    let warnings = client.find(Locator::Css("#sheet-messages")).await.unwrap();
    assert!(
        warnings
            .text()
            .await
            .unwrap()
            .contains("分解表!A20: 空行，已跳过")
    );
    let units = cells(client, "#sheet-units").await;
    assert_eq!(units.len(), 35);
    assert_eq!(units[0][1..3], ["001".to_string(), "市委宣传部".into()]);
    let files = client.find(Locator::Css("#sheet-files")).await.unwrap();
    assert_eq!(files.text().await.unwrap(), "分解表.xlsx");
    units
}

/// The ZIP downloaded holds the index first and one notice per unit the page listed.
fn the_zip_has_each_unit(zip: &Path, units: &[Vec<String>]) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    assert_eq!(archive.len(), units.len() + 1);
    assert_eq!(
        archive.by_index(0).unwrap().name().unwrap(),
        "000-单位目录.docx"
    );
    let mut index = String::new();
    let docx = {
        let mut bytes = Vec::new();
        archive
            .by_index(0)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        bytes
    };
    let mut inner = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    inner
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut index)
        .unwrap();
    for unit in units {
        let name = format!("{}-{}.docx", unit[1], unit[2]);
        let mut notice = archive.by_name(&name).unwrap_or_else(|_| panic!("{name}"));
        let mut bytes = Vec::new();
        notice.read_to_end(&mut bytes).unwrap();
        let mut docx = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        docx.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains(&unit[2]), "{name} is addressed to its unit");
        assert!(
            index.contains(&format!(">{name}<")),
            "the index lists {name}"
        );
    }
}

/// The split runs as a job: the bar counts the units to the last, the step names it, and the
/// page offers the ZIP kept in the workspace.
async fn split_as_a_job(client: &Client) {
    let bar = "const b = document.querySelector('#sheet-split-progress'); return [b.value, b.max]";
    wait_for(client, bar, |v| {
        v[0].as_f64() == Some(35.0) && v[1].as_f64() == Some(35.0)
    })
    .await;
    let link = "return document.querySelector('#sheet-split-download a')?.textContent || ''";
    wait_for(client, link, |v| v == "下载 分解表-单位任务清单.zip").await;
    let step = client
        .execute(
            "return document.querySelector('#sheet-split-text').textContent",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        step.as_str().unwrap().starts_with("第 35/35 个单位："),
        "{step}"
    );
    let told = client
        .execute(
            "return document.querySelector('#status').textContent",
            vec![],
        )
        .await
        .unwrap();
    assert!(told.as_str().unwrap().contains("35 个单位的通知"), "{told}");
    let cancel = "return document.querySelector('#sheet-split-cancel').disabled";
    wait_for(client, cancel, |v| v == &serde_json::json!(true)).await;
}

#[test]
#[ignore = "needs chromium and chromedriver (Debian's chromium, chromium-driver)"]
fn a_sheet_uploaded_is_shown_and_split_into_a_zip() {
    let ws = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let sheet = files.path().join("分解表.xlsx");
    std::fs::copy(common::repo().join("samples/分解表.xlsx"), &sheet).unwrap();
    let bad = files.path().join("缺列.xlsx");
    std::fs::copy(
        common::repo().join("tests/sheets/missing_column.xlsx"),
        &bad,
    )
    .unwrap();
    let server = Server::start(ws.path());
    let driver = Driver::start();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = browser(&driver, Some(downloads.path())).await;
        client.goto(&server.url).await.unwrap();
        click(&client, "#tabs a[data-tab=sheets]").await;
        let shown = "return document.querySelector('#sheets').hidden";
        wait_for(&client, shown, |v| v == &serde_json::json!(false)).await;
        shot(&client, "open").await;
        let units = the_sample_is_read(&client, &sheet).await;
        shot(&client, "read").await;
        let date = "document.querySelector('#sheet-date').value = '2024-09-30'";
        client.execute(date, vec![]).await.unwrap();
        click(&client, "#sheet-split").await;
        split_as_a_job(&client).await;
        let zip = downloaded(downloads.path(), "分解表-单位任务清单.zip");
        the_zip_has_each_unit(&zip, &units);
        assert_eq!(
            std::fs::read(&zip).unwrap(),
            std::fs::read(ws.path().join("分解表-单位任务清单.zip")).unwrap(),
            "the download is the ZIP the job kept"
        );
        shot(&client, "split").await;
        upload(&client, &bad).await;
        let error = "return document.querySelector('#sheet-messages .error')?.textContent || ''";
        let said = wait_for(&client, error, |v| {
            v.as_str().is_some_and(|t| !t.is_empty())
        })
        .await;
        let said = said.as_str().unwrap();
        assert!(said.starts_with("分解表!A1: 错误：缺少必需的列"), "{said}");
        shot(&client, "error").await;
        client.close().await.unwrap();
    });
    assert!(
        !ws.path().join("缺列.xlsx").exists(),
        "a sheet that does not read is not kept"
    );
}
