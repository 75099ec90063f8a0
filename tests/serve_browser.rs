//! `dossier serve` in a real browser: Debian's chromium, headless, driven over WebDriver. A
//! scheme typed into the page shows its title in the preview's SVG pages and is saved to the
//! workspace; a draft imported shows the importer's guesses, each a link to its line.
//! Screenshots are kept under target/screenshots/.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::browser::{Driver, browser, screenshots, wait_for};
use common::server::Server;
use fantoccini::{Client, Locator};

/// A draft with numbers that skip and repeat, which the importer says it guessed at.
const DRAFT: &str = "\
浏览器导入测试方案
一、工作目标
全市窗口单位做到文明服务。
二、主要任务
（一）规范服务
统一服务标准。
（三）加强督查
每月检查一次。
（三）总结提升
年底总结经验。
";

/// Pixels of the PNG `png` near pure red, as the red line under the organ mark is drawn.
fn red_pixels(png: &[u8]) -> usize {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    buf[..info.buffer_size()]
        .chunks(step)
        .filter(|p| p[0] > 200 && p[1] < 60 && p[2] < 60)
        .count()
}

async fn type_a_scheme(client: &Client, ws: &Path) {
    client
        .find(Locator::Css("#new-name"))
        .await
        .unwrap()
        .send_keys("浏览器方案")
        .await
        .unwrap();
    client
        .find(Locator::Css("#new-form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The scheme is typed as text, not filled in the form (tests/serve_browser_form.rs).
    client
        .find(Locator::Css("#mode [data-mode=text]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let area = client.find(Locator::Css("#text")).await.unwrap();
    wait_for(
        client,
        "return document.querySelector('#text').value",
        |v| v.as_str().is_some_and(|t| t.contains("scheme:")),
    )
    .await;
    area.clear().await.unwrap();
    let text = "notice:\n  issuer: 青州市文明办\n  to: [各成员单位]\n  body: [现将方案印发给你们。]\n  date: 2026-01-05\nscheme:\n  title: 窗口服务提升方案\n";
    area.send_keys(text).await.unwrap();
    let svg_text = "return [...document.querySelectorAll('#pages .page svg')].map(s => s.textContent.replace(/\\s/g, '')).join('|')";
    wait_for(client, svg_text, |v| {
        v.as_str().is_some_and(|t| t.contains("窗口服务提升方案"))
    })
    .await;
    let saved = ws.join("浏览器方案.yaml");
    let started = Instant::now();
    while !std::fs::read_to_string(&saved).is_ok_and(|t| t == text) {
        assert!(started.elapsed() < Duration::from_secs(10), "not autosaved");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn import_a_draft(client: &Client, ws: &Path) {
    let draft = ws.join("窗口草稿.txt");
    std::fs::write(&draft, DRAFT).unwrap();
    let input = client.find(Locator::Css("#import-file")).await.unwrap();
    input.send_keys(draft.to_str().unwrap()).await.unwrap();
    client
        .find(Locator::Css("#import-form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let guesses = "return [...document.querySelectorAll('#guesses a')].map(a => a.textContent)";
    let listed = wait_for(client, guesses, |v| {
        v.as_array().is_some_and(|a| !a.is_empty())
    })
    .await;
    let first = listed[0].as_str().unwrap();
    assert!(
        first.contains("请核对") && first.contains("编号"),
        "{first}"
    );
    client
        .find(Locator::Css("#guesses a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let line = "const t = document.querySelector('#text'); return t.value.slice(0, t.selectionStart).split('\\n').length";
    let at = client.execute(line, vec![]).await.unwrap();
    let said: usize = first
        .trim_start_matches("第 ")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        at.as_u64(),
        Some(said as u64 + 1),
        "the link goes to the line under the comment"
    );
    assert!(
        ws.join("窗口草稿.yaml").is_file(),
        "the import is saved as a scheme file"
    );
}

/// The file open in the page is changed by someone else; the page's next save goes to a copy
/// and both texts are kept.
async fn a_change_elsewhere_is_kept(client: &Client, ws: &Path) {
    let elsewhere = "scheme:\n  title: 别处改过的方案\n";
    std::fs::write(ws.join("窗口草稿.yaml"), elsewhere).unwrap();
    let area = client.find(Locator::Css("#text")).await.unwrap();
    area.send_keys("# 本页的改动\n").await.unwrap();
    let copy = ws.join("窗口草稿-副本.yaml");
    let started = Instant::now();
    while !std::fs::read_to_string(&copy).is_ok_and(|t| t.contains("# 本页的改动")) {
        assert!(started.elapsed() < Duration::from_secs(10), "no copy saved");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        std::fs::read_to_string(ws.join("窗口草稿.yaml")).unwrap(),
        elsewhere
    );
    let status = client
        .find(Locator::Css("#status"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        status.contains("已在别处改过") && status.contains("窗口草稿-副本.yaml"),
        "{status}"
    );
}

#[test]
#[ignore = "needs chromium and chromedriver (Debian's chromium, chromium-driver)"]
fn the_page_previews_what_is_typed_and_lists_import_guesses() {
    let (chromium, _) = (common::chromium(), common::chromedriver());
    assert!(chromium.is_file());
    let ws = tempfile::tempdir().unwrap();
    let server = Server::start(ws.path());
    let driver = Driver::start();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = browser(&driver, None).await;
        client.goto(&server.url).await.unwrap();
        assert_eq!(
            client.current_url().await.unwrap().path(),
            "/",
            "the token left the address"
        );
        type_a_scheme(&client, ws.path()).await;
        let shot = client.screenshot().await.unwrap();
        std::fs::write(screenshots().join("serve-preview.png"), &shot).unwrap();
        assert!(
            red_pixels(&shot) > 200,
            "the red line and organ mark show in the preview"
        );
        import_a_draft(&client, ws.path()).await;
        let shot = client.screenshot().await.unwrap();
        std::fs::write(screenshots().join("serve-import.png"), &shot).unwrap();
        a_change_elsewhere_is_kept(&client, ws.path()).await;
        client.close().await.unwrap();
    });
}
