//! The page rules on the web page's preview, over HTTP: the preview JSON carries each rule on
//! each page it concerns as dossier's own layout checks it (`app::preview`), in the words
//! `dossier lint` says them in, and what the layout changed to keep them.

mod common;

use common::server::Server;
use dossier::app::{Look, preview};
use serde_json::Value;

/// The preview JSON of the scheme text at `path` (from the repository), sent as `name`.
fn previewed(server: &Server, path: &str, name: &str) -> Value {
    let text = std::fs::read(common::repo().join(path)).expect("sample");
    let answer = server.send("POST", &format!("/api/preview/{name}"), &text);
    answer.ok_json()
}

/// The checks of a preview as (rule, page, held, message).
fn checks(json: &Value) -> Vec<(String, u64, bool, String)> {
    let all = json["rules"]["checks"].as_array().expect("checks");
    all.iter()
        .map(|c| {
            (
                c["rule"].as_str().unwrap().to_string(),
                c["page"].as_u64().unwrap(),
                c["held"].as_bool().unwrap(),
                c["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_preview_carries_the_page_rules_dossiers_layout_checks() {
    let ws = tempfile::tempdir().unwrap();
    let server = Server::start(ws.path());
    let json = previewed(&server, "schemes/fulian.yaml", "fulian.yaml");
    let pages = json["pages"].as_array().unwrap().len() as u64;
    let text = std::fs::read_to_string(common::repo().join("schemes/fulian.yaml")).unwrap();
    let at = preview::Text {
        text: &text,
        name: "fulian.yaml",
        dir: ws.path(),
    };
    let laid = preview::lay_out(at, &Look::default()).unwrap();
    let want: Vec<(String, u64, bool, String)> = (laid.rules.iter())
        .map(|c| {
            (
                c.rule.key().into(),
                c.page as u64,
                c.held,
                c.message.clone(),
            )
        })
        .collect();
    assert_eq!(checks(&json), want, "as app::preview lays it out");
    assert_eq!(
        checks(&json),
        [
            (
                "first_page".into(),
                1,
                true,
                "第 1 页在主送之后有正文".into()
            ),
            (
                "signature".into(),
                1,
                true,
                "第 1 页署名与正文同处一面".into()
            ),
            (
                "end_block".into(),
                pages,
                true,
                format!("版记在第 {pages} 页（偶数页，末页）")
            ),
        ]
    );
    assert_eq!(pages % 2, 0, "the 版记's page is even and the last");
    assert!(json["rules"]["fit_note"].is_null(), "nothing changed");
    let clauses: Vec<&str> = (json["rules"]["checks"].as_array().unwrap().iter())
        .map(|c| c["clause"].as_str().unwrap())
        .collect();
    assert_eq!(clauses, ["7.3.3", "7.3.5", "7.4.1"]);
}

#[test]
fn a_notice_dossier_fitted_says_what_it_changed() {
    let ws = tempfile::tempdir().unwrap();
    let server = Server::start(ws.path());
    let json = previewed(&server, "tests/fixtures/short-body.yaml", "short.yaml");
    assert_eq!(
        json["rules"]["fit_note"].as_str(),
        Some("为使第 1 页在主送之后有正文，署名前一段在行末分为两段，后段与署名同页")
    );
    let found = checks(&json);
    assert!(found.iter().all(|c| c.2), "every rule holds: {found:?}");
    assert_eq!(found[0].0, "first_page");
    assert_eq!((found[1].0.as_str(), found[1].1), ("signature", 2));
}

#[test]
fn a_document_without_a_notice_has_only_its_end_blocks_rule() {
    let ws = tempfile::tempdir().unwrap();
    let server = Server::start(ws.path());
    let json = previewed(&server, "schemes/minutes.yaml", "minutes.yaml");
    let pages = json["pages"].as_array().unwrap().len() as u64;
    let found = checks(&json);
    let rules: Vec<(&str, u64)> = found.iter().map(|c| (c.0.as_str(), c.1)).collect();
    assert_eq!(rules, [("end_block", pages)], "a 纪要 has no 主送");
}

#[test]
fn the_page_loads_the_rules_script() {
    let ws = tempfile::tempdir().unwrap();
    let server = Server::start(ws.path());
    let page = server.send("GET", "/", b"");
    let html = String::from_utf8(page.body).unwrap();
    assert!(html.contains(r#"<script src="/assets/rules.js" defer></script>"#));
    assert!(html.contains(r#"<div id="rules" hidden></div>"#));
    let script = server.send("GET", "/assets/rules.js", b"");
    assert_eq!(script.status, 200);
    assert!(
        String::from_utf8(script.body)
            .unwrap()
            .contains("function showRules")
    );
}

#[test]
fn a_rule_no_spacing_keeps_is_marked_broken_on_its_page() {
    let ws = tempfile::tempdir().unwrap();
    let server = Server::start(ws.path());
    // Its 主送 alone fills page 1.
    let json = previewed(
        &server,
        "tests/fixtures/broken_rules/crowded-notice.yaml",
        "c.yaml",
    );
    let found = checks(&json);
    assert_eq!(
        found[0],
        (
            "first_page".into(),
            1,
            false,
            "第 1 页在主送之后没有正文，应至少有一行正文".into()
        )
    );
    assert!(json["rules"]["fit_note"].is_null(), "no fit kept it");
    let warned = json["warnings"][0].as_str().unwrap();
    assert!(warned.contains("第 1 页在主送之后有正文"), "{warned}");
}
