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
    let pixels = common::browser::rgb_pixels(png).into_iter();
    pixels
        .filter(|(_, _, p)| p[0] > 200 && p[1] < 60 && p[2] < 60)
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

/// dossier stopped: a change is kept in the browser, and the page says in Chinese that dossier
/// cannot be reached, not the browser's `TypeError: Failed to fetch`.
async fn a_stopped_server_is_said_and_the_text_kept(client: &Client) {
    let area = client.find(Locator::Css("#text")).await.unwrap();
    area.send_keys("# 停了以后的改动\n").await.unwrap();
    let status = "return document.querySelector('#status').textContent";
    let said = wait_for(client, status, |v| v.to_string().contains("保存失败")).await;
    assert!(said.to_string().contains("连接不上 dossier"), "{said}");
    assert!(!said.to_string().contains("undefined"), "{said}");
    let kept = "return Object.keys(localStorage).filter(k => k.startsWith('dossier-unsaved:')) \
        .map(k => localStorage.getItem(k)).join()";
    let kept = client.execute(kept, vec![]).await.unwrap();
    assert!(kept.to_string().contains("# 停了以后的改动"), "{kept}");
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
        drop(server);
        a_stopped_server_is_said_and_the_text_kept(&client).await;
        client.close().await.unwrap();
    });
}

/// Opens the scheme file `name` from the page's list.
async fn open_listed(client: &Client, name: &str) {
    let listed = format!(
        "return [...document.querySelectorAll('#files button')].some(b => b.textContent === '{name}')"
    );
    wait_for(client, &listed, |v| v.as_bool() == Some(true)).await;
    let click = format!(
        "[...document.querySelectorAll('#files button')].find(b => b.textContent === '{name}').click()"
    );
    client.execute(&click, vec![]).await.unwrap();
}

/// Each page's rule marks: (rule, held, text, colour).
async fn rule_marks(client: &Client) -> Vec<Vec<(String, String, String, String)>> {
    let script = "return [...document.querySelectorAll('#pages > .page')].map(p => \
        [...p.querySelectorAll('.rule-marks .rule')].map(r => \
        [r.dataset.rule, r.dataset.held, r.textContent, getComputedStyle(r).color]))";
    serde_json::from_value(client.execute(script, vec![]).await.unwrap()).unwrap()
}

/// Whether each page's marks sit within its top margin (天头), clear of its text.
async fn marks_in_top_margin(client: &Client) -> bool {
    let top = dossier::layout::GBT9704.margin_top_mm / dossier::layout::GBT9704.page_height_mm;
    let script = format!(
        "return [...document.querySelectorAll('#pages > .page')].every(p => {{ \
         const m = p.querySelector('.rule-marks'); if (!m) return true; \
         const a = p.getBoundingClientRect(), b = m.getBoundingClientRect(); \
         return b.bottom - a.top <= a.height * {top}; }})"
    );
    client.execute(&script, vec![]).await.unwrap() == serde_json::json!(true)
}

/// Pixels of the PNG `png` near the page's green (#17692b) and red (#b40000).
fn green_and_red(png: &[u8]) -> (usize, usize) {
    let near = |p: &[u8; 3], c: [i32; 3]| (0..3).all(|k| (i32::from(p[k]) - c[k]).abs() < 40);
    let pixels = common::browser::rgb_pixels(png).into_iter();
    pixels.fold((0, 0), |(g, r), (_, _, p)| {
        (
            g + usize::from(near(&p, [23, 105, 43])),
            r + usize::from(near(&p, [180, 0, 0])),
        )
    })
}

const GREEN: &str = "rgb(23, 105, 43)";
const RED: &str = "rgb(180, 0, 0)";

async fn rules_kept(client: &Client) {
    open_listed(client, "fulian.yaml").await;
    let summary = "return document.querySelector('#rules .summary')?.textContent || ''";
    let said = wait_for(client, summary, |v| {
        v.as_str().is_some_and(|t| t.contains("版记"))
    })
    .await;
    assert_eq!(
        said.as_str().unwrap(),
        "版面规则：第 1 页在主送之后有正文 ✓；第 1 页署名与正文同处一面 ✓；版记在第 4 页（偶数页，末页） ✓"
    );
    let marks = rule_marks(client).await;
    let mark = |rule: &str, text: &str| (rule.into(), "true".into(), text.into(), GREEN.into());
    assert_eq!(
        marks,
        [
            vec![
                mark("first_page", "第 1 页在主送之后有正文 ✓"),
                mark("signature", "第 1 页署名与正文同处一面 ✓")
            ],
            vec![],
            vec![],
            vec![mark("end_block", "版记在第 4 页（偶数页，末页） ✓")],
        ]
    );
    assert!(marks_in_top_margin(client).await, "the marks cover no text");
    let shot = client.screenshot().await.unwrap();
    std::fs::write(screenshots().join("schemes-rules.png"), &shot).unwrap();
    assert!(green_and_red(&shot).0 > 100, "the ✓ marks show green");
}

async fn rules_fitted(client: &Client) {
    open_listed(client, "通知-正文很短.yaml").await;
    let note = "return document.querySelector('#rules .fit-note')?.textContent || ''";
    let said = wait_for(client, note, |v| v.as_str().is_some_and(|t| !t.is_empty())).await;
    assert_eq!(
        said.as_str().unwrap(),
        "dossier 已调整：为使第 1 页在主送之后有正文，署名前一段在行末分为两段，后段与署名同页"
    );
    let marks = rule_marks(client).await;
    assert_eq!(
        marks[1][0].0, "signature",
        "the signature went on to page 2"
    );
    assert!(
        marks
            .iter()
            .flatten()
            .all(|m| m.1 == "true" && m.3 == GREEN)
    );
    let shot = client.screenshot().await.unwrap();
    std::fs::write(screenshots().join("schemes-rules-fitted.png"), &shot).unwrap();
}

async fn rules_broken(client: &Client) {
    open_listed(client, "通知-主送很长.yaml").await;
    let summary = "return document.querySelector('#rules .summary')?.textContent || ''";
    wait_for(client, summary, |v| {
        v.as_str().is_some_and(|t| t.contains('✗'))
    })
    .await;
    let marks = rule_marks(client).await;
    assert_eq!(
        marks[0][0],
        (
            "first_page".into(),
            "false".into(),
            "✗ 第 1 页在主送之后没有正文，应至少有一行正文".into(),
            RED.into()
        )
    );
    let errors = client
        .find(Locator::Css("#errors"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        errors.contains("仍无法让第 1 页在主送之后有正文"),
        "{errors}"
    );
    let shot = client.screenshot().await.unwrap();
    std::fs::write(screenshots().join("schemes-rules-broken.png"), &shot).unwrap();
    assert!(green_and_red(&shot).1 > 100, "the broken rule shows red");
}

#[test]
#[ignore = "needs chromium and chromedriver (Debian's chromium, chromium-driver)"]
fn the_preview_marks_the_page_rules_on_their_pages() {
    let (chromium, _) = (common::chromium(), common::chromedriver());
    assert!(chromium.is_file());
    let ws = tempfile::tempdir().unwrap();
    for (from, to) in [
        ("schemes/fulian.yaml", "fulian.yaml"),
        ("tests/fixtures/short-body.yaml", "通知-正文很短.yaml"),
        (
            "tests/fixtures/broken_rules/crowded-notice.yaml",
            "通知-主送很长.yaml",
        ),
    ] {
        std::fs::copy(common::repo().join(from), ws.path().join(to)).unwrap();
    }
    let server = Server::start(ws.path());
    let driver = Driver::start();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = browser(&driver, None).await;
        client.goto(&server.url).await.unwrap();
        rules_kept(&client).await;
        rules_fitted(&client).await;
        rules_broken(&client).await;
        client.close().await.unwrap();
    });
}
