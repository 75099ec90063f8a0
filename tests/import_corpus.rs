//! The draft corpus (tests/drafts/corpus, made by tests/tools/make_draft_corpus.py; Word,
//! plain-text and Markdown drafts): each draft imported gives the scheme its expected file
//! holds — the notice field by field, every document with its sections at their levels and its
//! typed parts, and the task table (columns, rows' cells, merges).

mod common;

use std::path::{Path, PathBuf};

use common::compared::{difference, documents, printed, tasks};
use dossier::app::{Warnings, import::draft_yaml};
use dossier::model::Document;
use dossier::read::scheme::{load, parse};

fn drafts(set: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/drafts")
        .join(set);
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let ext = p.extension().map(|e| e.to_string_lossy().into_owned());
            matches!(ext.as_deref(), Some("docx" | "txt" | "md")) && !p.ends_with("README.md")
        })
        .collect();
    out.sort();
    out
}

/// Why the draft at `path` does not import to its expected scheme, if it does not.
fn mismatch(path: &Path) -> Option<String> {
    let expected = load(&path.with_extension("yaml")).unwrap();
    let yaml = match draft_yaml(path, &mut Warnings::default()) {
        Ok(yaml) => yaml,
        Err(e) => return Some(e.to_string()),
    };
    let imported: Document =
        parse(&yaml, "imported.yaml").expect("every imported draft reads back");
    let shown = |d: &Document| {
        let notice = format!("{:?}", d.notice.as_ref().map(printed));
        notice + &documents(d) + &tasks(d)
    };
    let (a, b) = (shown(&expected), shown(&imported));
    (a != b).then(|| difference(&a, &b))
}

/// The drafts recovered exactly: all of them.
const RECOVERED: [&str; 16] = [
    "01-文明交通劝导行动实施方案.docx",
    "02-背街小巷环境整治工作方案.docx",
    "03-创建全国文明城市工作责任分工方案.docx",
    "04-测评任务分解表.docx",
    "05-文明单位创建考核办法.docx",
    "06-关于开展文明餐桌行动的通知.docx",
    "07-巩固创建成果长效管理工作方案.docx",
    "08-志愿服务关爱行动实施方案.docx",
    "09-城乡环境综合整治任务分工方案.docx",
    "10-文明养犬专项整治实施方案.txt",
    "11-创建全国文明城市宣传工作方案.txt",
    "12-农贸市场环境提升工作方案.txt",
    "13-测评任务责任分解方案.txt",
    "14-新时代文明实践站建设实施方案.md",
    "15-门前三包责任制实施方案.md",
    "16-文明交通秩序整治工作方案.md",
];

#[test]
fn corpus_drafts_import_to_their_expected_schemes() {
    let mut exact = Vec::new();
    for path in drafts("corpus") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match mismatch(&path) {
            None => exact.push(name),
            Some(why) => eprintln!("{name}: {why}"),
        }
    }
    eprintln!(
        "recovered exactly: {}/{}",
        exact.len(),
        drafts("corpus").len()
    );
    assert_eq!(exact, RECOVERED, "the drafts recovered exactly");
}
