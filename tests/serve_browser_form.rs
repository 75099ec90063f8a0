//! The 通知与方案 form in a real browser (Debian's chromium, headless, over WebDriver): a new
//! notice is filled in through the form alone — its fields typed into, a section, two stages
//! and a leadership group added with the buttons — and the text, the saved file, the
//! preview's page 1 (its SVG text and the red of the organ mark in a screenshot) and the
//! downloaded DOCX (read back by python-docx) all say what was typed; a wrong date is shown
//! at its field. Screenshots are kept under target/screenshots/ as schemes-*.png.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::browser::{Driver, browser, click, wait_for};
use common::server::Server;
use fantoccini::{Client, Locator};

async fn shot(client: &Client, step: &str) -> Vec<u8> {
    common::browser::shot(client, &format!("schemes-{step}")).await
}

/// Types `text` into the form's field `field` (`scheme.sections[1].title`), replacing it.
async fn fill(client: &Client, field: &str, text: &str) {
    let css = format!("#form [data-input=\"{field}\"]");
    let input = client
        .find(Locator::Css(&css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// Types into the `n`th input of the field `field` (a period's ends, a person's title).
async fn fill_nth(client: &Client, field: &str, n: usize, text: &str) {
    let css = format!("#form [data-input=\"{field}\"] input:nth-of-type({n})");
    let input = client
        .find(Locator::Css(&css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    input.send_keys(text).await.unwrap();
}

async fn text_holds(client: &Client, words: &[&str]) -> String {
    let value = wait_for(
        client,
        "return document.querySelector('#text').value",
        |v| {
            v.as_str()
                .is_some_and(|t| words.iter().all(|w| t.contains(w)))
        },
    )
    .await;
    value.as_str().unwrap().to_string()
}

async fn fill_the_notice(client: &Client) {
    fill(client, "notice.issuer", "青州市创建全国文明城市工作指挥部").await;
    fill(client, "notice.doc_no", "青创指[2026]第3号").await;
    fill(client, "notice.date", "2026-03-02").await;
    let body = "现将《青州市窗口服务提升行动方案》印发给你们，请认真贯彻落实。";
    fill(client, "notice.body", body).await;
    fill(client, "notice.cc", "市委办公室\n市政府办公室").await;
    fill(
        client,
        "notice.printer",
        "青州市创建全国文明城市工作指挥部办公室",
    )
    .await;
    fill(client, "scheme.title", "青州市窗口服务提升行动方案").await;
    fill(
        client,
        "scheme.sections[0].text",
        "全市窗口单位做到服务规范、群众满意。",
    )
    .await;
    click(client, "#form [data-add=\"scheme.sections\"]").await;
    fill(client, "scheme.sections[1].title", "实施步骤").await;
    for _ in 0..2 {
        click(client, "#form [data-add=\"scheme.sections[1].stages\"]").await;
    }
    fill(client, "scheme.sections[1].stages[0].name", "动员部署阶段").await;
    fill_nth(
        client,
        "scheme.sections[1].stages[0].period",
        2,
        "2026-03-02",
    )
    .await;
    fill_nth(
        client,
        "scheme.sections[1].stages[0].period",
        3,
        "2026-03-31",
    )
    .await;
    fill(
        client,
        "scheme.sections[1].stages[0].text",
        "制定方案，召开动员会。",
    )
    .await;
    fill(client, "scheme.sections[1].stages[1].name", "全面实施阶段").await;
    fill_nth(
        client,
        "scheme.sections[1].stages[1].period",
        1,
        "4月至11月",
    )
    .await;
    fill(
        client,
        "scheme.sections[1].stages[1].text",
        "各单位按方案组织实施。",
    )
    .await;
    click(client, "#form [data-add=\"scheme.sections\"]").await;
    fill(client, "scheme.sections[2].title", "组织领导").await;
    click(
        client,
        "#form [data-field=\"scheme.sections[2].group\"] fieldset > button",
    )
    .await;
    fill(
        client,
        "scheme.sections[2].group.name",
        "窗口服务提升行动领导小组",
    )
    .await;
    for _ in 0..2 {
        click(
            client,
            "#form [data-add=\"scheme.sections[2].group.roles\"]",
        )
        .await;
    }
    fill(client, "scheme.sections[2].group.roles[0].role", "组长").await;
    fill_nth(
        client,
        "scheme.sections[2].group.roles[0].members",
        1,
        "林舟",
    )
    .await;
    fill(client, "scheme.sections[2].group.roles[1].role", "成员").await;
    fill_nth(
        client,
        "scheme.sections[2].group.roles[1].members",
        1,
        "王岩、赵青",
    )
    .await;
}

/// The text the form wrote reads as the notice typed in, and is the file saved.
async fn the_text_is_the_notice(client: &Client, ws: &Path) -> String {
    let text = text_holds(client, &["林舟", "王岩、赵青", "全面实施阶段", "4月至11月"]).await;
    let saved = ws.join("表单通知.yaml");
    let started = Instant::now();
    while !std::fs::read_to_string(&saved).is_ok_and(|t| t == text) {
        assert!(started.elapsed() < Duration::from_secs(10), "not autosaved");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let doc = dossier::read::scheme::parse(&text, "表单通知.yaml").expect("the text reads");
    let notice = doc.notice.as_ref().unwrap();
    assert_eq!(notice.issuers, ["青州市创建全国文明城市工作指挥部"]);
    assert_eq!(notice.cc, ["市委办公室", "市政府办公室"]);
    let sections = &doc.attachments[0].sections;
    assert_eq!(sections.len(), 3);
    assert_eq!(sections[1].stages.len(), 2);
    let group = sections[2].group.as_ref().unwrap();
    assert_eq!(group.roles.len(), 2);
    text
}

/// Page 1 of the preview: the organ mark and the body in its SVG, the mark red on screen.
async fn page_one_shows_the_mark(client: &Client) {
    let svg =
        "return document.querySelector('#pages .page svg')?.textContent.replace(/\\s/g, '') || ''";
    wait_for(client, svg, |v| {
        v.as_str().is_some_and(|t| {
            t.contains("青州市创建全国文明城市工作指挥部文件") && t.contains("现将")
        })
    })
    .await;
    let rect = "const r = document.querySelector('#pages .page').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]";
    let r = client.execute(rect, vec![]).await.unwrap();
    let r: Vec<f64> = serde_json::from_value(r).unwrap();
    let png = shot(client, "preview").await;
    // The mark's band: its top 35 mm below the text area's (37 mm below the page's top
    // edge), 小初 (12.7 mm) high, on a 297 mm page; the red line is below it.
    let band = (r[1] + r[3] * 70.0 / 297.0, r[1] + r[3] * 87.0 / 297.0);
    let red = red_pixels_in(&png, (r[0], r[0] + r[2]), band);
    assert!(
        red > 300,
        "the organ mark shows red in its band: {red} red pixels"
    );
}

/// Pixels near pure red within `xs` × `ys` of the PNG `png`.
fn red_pixels_in(png: &[u8], xs: (f64, f64), ys: (f64, f64)) -> usize {
    let inside = |x: usize, y: usize| {
        let (x, y) = (x as f64, y as f64);
        x >= xs.0 && x < xs.1 && y >= ys.0 && y < ys.1
    };
    let pixels = common::browser::rgb_pixels(png).into_iter();
    pixels
        .filter(|&(x, y, p)| inside(x, y) && p[0] > 180 && p[1] < 80 && p[2] < 80)
        .count()
}

/// The DOCX the page downloads, read back by python-docx as tests/docx.rs reads one.
async fn the_docx_reads_back(client: &Client, ws: &Path) {
    let fetch = "return fetch('/api/download/' + encodeURIComponent(current) + '?format=docx', \
        {method: 'POST', body: document.querySelector('#text').value, credentials: 'same-origin'}) \
        .then(r => r.arrayBuffer()).then(b => Array.from(new Uint8Array(b)))";
    let bytes = client.execute(fetch, vec![]).await.unwrap();
    let bytes: Vec<u8> = serde_json::from_value(bytes).unwrap();
    assert!(bytes.starts_with(b"PK"), "a DOCX");
    let docx = ws.join("表单通知.docx");
    std::fs::write(&docx, &bytes).unwrap();
    let dump = common::docx_dump(&common::python(), &docx);
    common::assert_paragraphs_in_order(
        &dump,
        &[
            "青州市创建全国文明城市工作指挥部文件",
            "青创指〔2026〕3号",
            "现将《青州市窗口服务提升行动方案》印发给你们",
            "2026年3月2日",
            "一、总体要求",
            "（一）动员部署阶段（2026年3月2日至3月31日）。制定方案",
            "（二）全面实施阶段（4月至11月）。",
            "组　长：林　舟",
            "成　员：王岩、赵青",
            "抄送：市委办公室，市政府办公室。",
        ],
    );
    common::assert_gbt9704_page(&dump);
}

/// A date that does not exist is shown at the date field, in the words `dossier check` uses.
async fn an_error_shows_at_its_field(client: &Client) {
    fill(client, "notice.date", "2026-02-30").await;
    let at = "return document.querySelector('#form [data-field=\"notice.date\"] .field-error')?.textContent || ''";
    let said = wait_for(client, at, |v| {
        v.as_str().is_some_and(|t| t.contains("2月没有30日"))
    })
    .await;
    assert!(said.as_str().unwrap().starts_with("错误："), "{said}");
    let under = "return document.querySelector('#errors').textContent";
    wait_for(client, under, |v| {
        v.as_str().is_some_and(|t| t.contains("表单通知.yaml:"))
    })
    .await;
    shot(client, "error").await;
}

#[test]
#[ignore = "needs chromium and chromedriver (Debian's chromium, chromium-driver) and the validators' Python venv"]
fn a_notice_filled_in_the_form_previews_and_downloads() {
    assert!(common::chromium().is_file() && common::chromedriver().is_file());
    let ws = tempfile::tempdir().unwrap();
    let server = Server::start(ws.path());
    let driver = Driver::start();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = browser(&driver, None).await;
        client.goto(&server.url).await.unwrap();
        client
            .find(Locator::Css("#new-name"))
            .await
            .unwrap()
            .send_keys("表单通知")
            .await
            .unwrap();
        click(&client, "#new-form button").await;
        wait_for(
            &client,
            "return document.querySelectorAll('#form [data-input]').length",
            |v| v.as_u64().is_some_and(|n| n > 10),
        )
        .await;
        shot(&client, "new").await;
        fill_the_notice(&client).await;
        shot(&client, "form").await;
        the_text_is_the_notice(&client, ws.path()).await;
        page_one_shows_the_mark(&client).await;
        the_docx_reads_back(&client, ws.path()).await;
        an_error_shows_at_its_field(&client).await;
        client.close().await.unwrap();
    });
}
