//! `dossier format DRAFT -o OUT.docx --pdf` (一键排版): a draft of each kind becomes a DOCX
//! and a PDF that `dossier lint` finds nothing wrong with, what was tidied is said on stderr,
//! the draft is left byte for byte as it was, and it is never the output.

mod common;

use std::path::{Path, PathBuf};

fn draft(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/drafts/corpus")
        .join(name)
}

#[test]
fn drafts_of_each_kind_format_to_a_document_lint_finds_clean() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "06-关于开展文明餐桌行动的通知.docx",
        "12-农贸市场环境提升工作方案.txt",
        "15-门前三包责任制实施方案.md",
    ] {
        let before = std::fs::read(draft(name)).unwrap();
        let out = dir.path().join(format!("{name}.docx"));
        let run = common::run(&[
            "format",
            common::s(&draft(name)),
            "-o",
            common::s(&out),
            "--pdf",
        ]);
        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
        assert!(
            out.with_extension("pdf").is_file(),
            "{name}: the PDF beside the DOCX"
        );
        let lint = common::run(&["lint", common::s(&out)]);
        assert_eq!(lint.code, Some(0), "{name}: {}", lint.stdout);
        assert_eq!(
            std::fs::read(draft(name)).unwrap(),
            before,
            "{name}: the draft untouched"
        );
    }
}

#[test]
fn what_was_tidied_is_said_and_the_draft_is_never_the_output() {
    let name = "06-关于开展文明餐桌行动的通知.docx";
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("通知.docx");
    let run = common::run(&["format", common::s(&draft(name)), "-o", common::s(&out)]);
    assert!(
        run.stderr.contains("整理了 2 处：姓名和数字中的空格 2 处"),
        "{}",
        run.stderr
    );
    let copy = dir.path().join("草稿.docx");
    std::fs::copy(draft(name), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let run = common::run(&["format", common::s(&copy), "-o", common::s(&copy)]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("写出会把它覆盖"), "{}", run.stderr);
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}
