//! An attachment that is a Word document: its headings (typed, or numbered by Word's list
//! numbering) become sections at their levels, its text their paragraphs, its table the
//! section's table with its merged cells; the label and title it opens with are not printed
//! twice. Read from drafts written by python-docx and re-saved by LibreOffice
//! (samples/ and tests/drafts/, by tests/tools/make_drafts.py), and measured in LibreOffice's PDF of the DOCX.

mod common;

use std::path::{Path, PathBuf};

use dossier::model::{Attachment, Section};

const DRAFTS: [&str; 2] = [
    "samples/台账管理办法.docx",
    "tests/drafts/台账管理办法-libreoffice.docx",
];

/// A scheme attaching the draft `name`, in a folder of its own beside a copy of it.
fn scheme_attaching(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let draft = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::copy(&draft, dir.path().join("台账.docx")).unwrap();
    let scheme = dir.path().join("方案.yaml");
    let text = "notice:\n  issuer: 青州市文明办\n  date: 2024-03-18\n  body: 现将《青州市创建工作方案》和{附件:台账管理办法}印发给你们。\nscheme:\n  title: 青州市创建工作方案\n  sections:\n    - title: 总体要求\n      text: 全面推进创建工作。\nattachments:\n  - title: 青州市创建工作台账管理办法\n    file: 台账.docx\n";
    std::fs::write(&scheme, text).unwrap();
    (dir, scheme)
}

fn ledger(name: &str) -> Attachment {
    let (_dir, scheme) = scheme_attaching(name);
    let doc = dossier::read::scheme::load(&scheme).unwrap();
    doc.attachments.into_iter().nth(1).unwrap()
}

fn titles(sections: &[Section]) -> Vec<(u8, u32, String)> {
    sections
        .iter()
        .flat_map(|s| {
            std::iter::once((s.level, s.number, s.title.clone())).chain(titles(&s.sections))
        })
        .collect()
}

#[test]
fn a_word_documents_headings_become_sections_at_their_levels() {
    for name in DRAFTS {
        let a = ledger(name);
        assert_eq!(a.label.as_deref(), Some("附件2"), "{name}");
        assert_eq!(
            a.preamble,
            ["为规范创建工作台账，便于检查考核，制定本办法。"],
            "{name}: the label and title it opens with are left out"
        );
        assert_eq!(
            titles(&a.sections),
            [
                (1, 1, "总体要求".to_string()),
                (2, 1, "建档范围".to_string()),
                (3, 1, "明确责任。".to_string()),
                (3, 2, "及时归档。".to_string()),
                (1, 2, "台账目录".to_string()),
            ],
            "{name}: Word's 一、 numbering and typed numbers read alike"
        );
        let first = &a.sections[0];
        assert_eq!(
            first.paragraphs,
            ["台账按测评项目分类建立，**做到一项一档**，专人管理。"],
            "{name}: bold inside a paragraph kept"
        );
        let item = &first.sections[0].sections[0];
        assert!(item.run_in, "{name}: 1.明确责任。 runs into its text");
        assert_eq!(
            item.paragraphs,
            ["各单位确定一名台账管理员，负责收集整理。"]
        );
        let table = &a.sections[1].table.as_ref().expect("the table").table;
        let headers: Vec<&str> = table.columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["测评项目", "资料名称", "责任单位"], "{name}");
        assert_eq!(table.rows[1].cells, ["", "整改台账", ""], "{name}");
        let merged: Vec<(u32, u32)> = table.merges.iter().map(|m| (m.first, m.last)).collect();
        assert_eq!(
            merged,
            [(1, 2), (1, 2)],
            "{name}: 测评项目 and 责任单位 span two rows"
        );
    }
}

#[test]
fn the_body_refers_to_the_word_attachment_by_its_number() {
    let (_dir, scheme) = scheme_attaching(DRAFTS[0]);
    let doc = dossier::read::scheme::load(&scheme).unwrap();
    let body = &doc.notice.unwrap().body[0];
    assert!(body.contains("和附件2印发"), "{body}");
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn a_word_attachment_is_set_in_dossiers_faces_and_its_table_merged() {
    for name in DRAFTS {
        let (dir, scheme) = scheme_attaching(name);
        let (theirs, ours) = common::both_pdfs(&scheme, dir.path());
        for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
            let lines: Vec<_> = pdf.pages.iter().flat_map(|p| p.text_lines()).collect();
            let face = |start: &str| {
                let line = lines.iter().find(|l| l.text().starts_with(start));
                let line = line.unwrap_or_else(|| panic!("{who} {name}: a line starts {start}"));
                line.chars[0].font.clone()
            };
            assert!(
                face("一、总体要求").contains("Sans"),
                "{who} {name}: 一、 in 黑体"
            );
            assert!(
                face("（一）建档范围").contains("UKai"),
                "{who} {name}: （一） in 楷体"
            );
            assert!(face("二、台账目录").contains("Sans"), "{who} {name}");
            let once = |t: &str| lines.iter().filter(|l| l.text().contains(t)).count();
            assert_eq!(
                once("青州市创建工作台账管理办法"),
                2,
                "{who} {name}: the title in the 附件说明 and above the attachment, not again"
            );
            let labels = lines.iter().filter(|l| l.text() == "附件2").count();
            assert_eq!(labels, 1, "{who} {name}: the label once");
            assert_eq!(once("整改台账"), 1, "{who} {name}: the table's cells");
            assert_eq!(
                once("公共秩序"),
                1,
                "{who} {name}: a merged cell printed once"
            );
        }
    }
}

#[test]
fn a_word_document_whose_text_would_inflate_past_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("台账.docx");
    common::inflating_docx(&bomb);
    let scheme = dir.path().join("方案.yaml");
    let text = "scheme:\n  title: 方案\nattachments:\n  - title: 台账\n    file: 台账.docx\n";
    std::fs::write(&scheme, text).unwrap();
    let e = dossier::read::scheme::load(&scheme).unwrap_err();
    assert!(
        e.message.contains("解压后超过 128 MiB 的上限"),
        "{}",
        e.message
    );
    assert!(e.place.ends_with("方案.yaml:5:11"), "{}", e.place);
}
