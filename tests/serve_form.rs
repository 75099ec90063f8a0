//! The scheme form's addresses over HTTP: scheme text read as a form (its tree, comments and
//! errors at their fields) and a form written back as scheme text that reads as the same
//! document, comments kept; and what a hostile or broken request gets.

mod common;

use std::path::Path;

use common::server::Server;
use dossier::app::{Warnings, import};

fn workspace() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The form of `text`, read as the scheme file `name`.
fn form_of(server: &Server, name: &str, text: &str) -> serde_json::Value {
    let answer = server.send("POST", &format!("/api/form/{name}"), text.as_bytes());
    answer.ok_json()
}

/// The scheme text the form `form` is written back as.
fn text_of(server: &Server, form: &serde_json::Value) -> String {
    let edited = serde_json::json!({ "tree": form["tree"], "comments": form["comments"] });
    let answer = server.send("POST", "/api/text", edited.to_string().as_bytes());
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()["text"].as_str().expect("text").to_string()
}

/// The document `text` reads as, in full, its relative files read from `schemes/`.
fn model(text: &str) -> String {
    let dir = common::repo().join("schemes");
    let doc = dossier::read::scheme::parse_in(text, "x.yaml", &dir).expect("reads");
    format!("{doc:?}")
}

fn comment_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .collect()
}

#[test]
fn every_sample_goes_through_the_form_and_back_to_the_same_document() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let mut samples: Vec<_> = std::fs::read_dir(common::repo().join("schemes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    samples.sort();
    assert!(samples.len() >= 10);
    for sample in samples {
        let text = std::fs::read_to_string(&sample).unwrap();
        let form = form_of(&server, "x.yaml", &text);
        assert!(form["tree"].is_object(), "{}", sample.display());
        let lines = form["lines"].as_array().unwrap();
        assert_eq!(lines.len(), text.lines().count(), "{}", sample.display());
        let back = text_of(&server, &form);
        assert_eq!(model(&back), model(&text), "{}", sample.display());
        assert_eq!(
            comment_lines(&back),
            comment_lines(&text),
            "{}",
            sample.display()
        );
        assert_eq!(
            text_of(&server, &form_of(&server, "x.yaml", &back)),
            back,
            "stable"
        );
    }
}

#[test]
fn an_imported_drafts_guesses_are_kept_above_their_fields() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let drafts = common::repo().join("tests/drafts");
    for draft in ["背街小巷整治方案.md", "文明交通劝导通知-utf8.txt"] {
        let bytes = std::fs::read(drafts.join(draft)).unwrap();
        let yaml = import::draft_yaml_of(&bytes, draft, &mut Warnings::default()).unwrap();
        let form = form_of(&server, "x.yaml", &yaml);
        let back = text_of(&server, &form);
        assert_eq!(comment_lines(&back), comment_lines(&yaml), "{draft}");
        assert_eq!(model(&back), model(&yaml), "{draft}");
        // Each guess stands above the same field it stood above.
        let fields = |text: &str| {
            let lines = form_of(&server, "x.yaml", text)["lines"].clone();
            let lines: Vec<String> = serde_json::from_value(lines).unwrap();
            text.lines()
                .zip(lines)
                .filter(|(l, _)| l.trim().starts_with("# 请核对"))
                .map(|(l, f)| format!("{} {f}", l.trim()))
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(&back), fields(&yaml), "{draft}");
    }
}

#[test]
fn an_error_is_placed_at_its_field_in_the_words_check_uses() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let bad = "notice:\n  issuer: 青州市文明办\n  date: 2024-02-30\nscheme:\n  title: 方案\n";
    let form = form_of(&server, "方案.yaml", bad);
    assert_eq!(form["error"]["field"], "notice.date");
    let error = form["error"]["error"].as_str().unwrap();
    assert!(error.starts_with("方案.yaml:3:9: 错误："), "{error}");
    assert!(error.contains("2月没有30日"), "{error}");
    let (_dir, file) = common::scheme_file(bad);
    let check = common::dossier(&["check", common::s(&file)]);
    let said = String::from_utf8_lossy(&check.stderr);
    let message = error.split_once("错误：").unwrap().1;
    assert!(said.contains(message), "{said} / {message}");

    let typo = "scheme:\n  title: 方案\n  sections:\n  - title: 要求\n    txet: 写错了\n";
    let form = form_of(&server, "方案.yaml", typo);
    assert_eq!(form["error"]["field"], "scheme.sections[0]");
    assert!(
        form["error"]["error"]
            .as_str()
            .unwrap()
            .contains("未知字段「txet」")
    );
    assert_eq!(form["lines"][4], "scheme.sections[0].txet");

    let broken = form_of(&server, "方案.yaml", "scheme: [\n");
    assert!(broken["tree"].is_null());
    assert!(
        broken["error"]["error"]
            .as_str()
            .unwrap()
            .starts_with("方案.yaml:")
    );
    assert!(form_of(&server, "方案.yaml", "scheme: {title: 方案}\n")["error"].is_null());
}

#[test]
fn a_form_edited_is_written_as_scheme_text() {
    let ws = workspace();
    let server = Server::start(ws.path());
    // Written out, not with json!, whose maps here are sorted: the order sent is kept.
    let body = r##"{"tree": {
        "notice": {"issuer": "青州市文明办", "date": "2026-01-05", "seal": true, "seal_mm": 42,
                   "body": ["第一段：要点。", "第二段。"], "preprinted": false},
        "scheme": {"title": "实施方案", "preamble": "多行\n文字",
                   "sections": [{"title": "总体要求", "text": "正文。"}]}},
      "comments": [
        {"field": "scheme.sections[0].title", "text": "# 请核对：标题"},
        {"field": "scheme.sections[5].title", "text": "# 已删去的节"}]}"##;
    let answer = server.send("POST", "/api/text", body.as_bytes());
    assert_eq!(answer.status, 200);
    let text = answer.json()["text"].as_str().unwrap().to_string();
    assert!(
        text.starts_with("notice:\n  issuer: 青州市文明办\n"),
        "{text}"
    );
    assert!(text.contains("  seal_mm: 42\n"), "{text}");
    assert!(
        text.contains("  # 已删去的节\n  sections:\n  # 请核对：标题\n  - title: 总体要求\n"),
        "{text}"
    );
    let doc = dossier::read::scheme::parse(&text, "x.yaml").unwrap();
    let notice = doc.notice.unwrap();
    assert_eq!(notice.body.len(), 2);
    assert_eq!(doc.attachments[0].preamble, ["多行文字"]);
}
#[test]
fn malformed_huge_and_deep_json_get_4xx_and_the_server_keeps_serving() {
    let ws = workspace();
    let server = Server::start(ws.path());
    server
        .send("POST", "/api/text", b"{\"tree\": ")
        .assert_refused(400);
    server
        .send("POST", "/api/text", &[0xff, 0xfe, 0x00, 0x81])
        .assert_refused(400);
    server
        .send("POST", "/api/text", b"[1, 2]")
        .assert_refused(400);
    let deep = format!(
        "{{\"tree\": {}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    server
        .send("POST", "/api/text", deep.as_bytes())
        .assert_refused(400);
    let huge = format!("{{\"tree\": \"{}\"}}", "字".repeat(3_000_000));
    server
        .send("POST", "/api/text", huge.as_bytes())
        .assert_refused(413);
    let big_form = "scheme:\n  title: 方案\n".repeat(500_000);
    server
        .send("POST", "/api/form/a.yaml", big_form.as_bytes())
        .assert_refused(413);
    server
        .send("POST", "/api/form/a.yaml", &[0xff, 0xfe])
        .assert_refused(400);
    let deep_yaml = format!("scheme: {}", "[".repeat(10_000));
    let form = form_of(&server, "a.yaml", &deep_yaml);
    assert!(
        form["error"]["error"].as_str().unwrap().contains("嵌套"),
        "{form}"
    );
    let ok = form_of(&server, "a.yaml", "scheme: {title: 方案}\n");
    assert_eq!(ok["tree"]["scheme"]["title"], "方案");
}

#[test]
fn a_name_that_is_a_path_is_refused_and_nothing_is_written() {
    let ws = workspace();
    let server = Server::start(ws.path());
    for name in [
        "..%2Fsecret.yaml",
        "a%2Fb.yaml",
        "%2Ftmp%2Fx.yaml",
        "..",
        "a%5Cb.yaml",
        ".hidden.yaml",
        "x.docx",
    ] {
        let answer = server.send(
            "POST",
            &format!("/api/form/{name}"),
            b"scheme: {title: x}\n",
        );
        assert!(
            (400..=404).contains(&answer.status),
            "{name}: {}",
            answer.status
        );
    }
    let body = serde_json::json!({"tree": {"scheme": {"title": "x"}}});
    let answer = server.send("POST", "/api/text", body.to_string().as_bytes());
    assert_eq!(answer.status, 200);
    assert_eq!(
        std::fs::read_dir(ws.path()).unwrap().count(),
        0,
        "nothing written"
    );
    assert!(Path::new(ws.path()).exists());
}
