//! The draft corpus (tests/drafts/corpus, made by tests/tools/make_draft_corpus.py; Word,
//! plain-text and Markdown drafts): each draft imported gives the scheme its expected file
//! holds — the notice field by field, every document with its sections at their levels and its
//! typed parts, and the task table (columns, rows' cells, merges).

use std::path::{Path, PathBuf};

use dossier::app::{Warnings, import::draft_yaml};
use dossier::model::{Attachment, Document, Notice};
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

fn printed(n: &Notice) -> Notice {
    let mut n = n.clone();
    n.to = vec![n.to.join("，")]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    n
}

fn shown(a: &Attachment) -> String {
    format!(
        "{:?}",
        (
            a.title.lines().collect::<String>(),
            &a.preamble,
            &a.sections
        )
    )
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
    let notice = |d: &Document| format!("{:?}", d.notice.as_ref().map(printed));
    let docs = |d: &Document| format!("{:?}", d.attachments.iter().map(shown).collect::<Vec<_>>());
    let a = notice(&expected) + &docs(&expected) + &tasks_shown(&expected);
    let b = notice(&imported) + &docs(&imported) + &tasks_shown(&imported);
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

/// The task table as it reads: its title, columns (key and header), rows' cells, and merges
/// by the rows' places in the table (a sheet numbers its rows as the sheet does, a draft from
/// 1), in order.
fn tasks_shown(d: &Document) -> String {
    let Some(t) = &d.tasks else {
        return "no tasks".to_string();
    };
    let place = |row: u32| t.rows.iter().position(|r| r.row == row);
    let mut merges: Vec<_> = (t.merges.iter())
        .map(|m| (place(m.first), place(m.last), m.column.as_str()))
        .collect();
    merges.sort();
    let columns: Vec<_> = t.columns.iter().map(|c| (&c.key, &c.header)).collect();
    let rows: Vec<_> = t.rows.iter().map(|r| &r.cells).collect();
    format!("{:?}", (&t.title, columns, rows, merges))
}

/// Where `a` and `b` part, with some of each after it.
fn difference(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(80);
    let part = |s: &str| s.chars().skip(from).take(240).collect::<String>();
    format!("\n  expected: {}\n  imported: {}", part(a), part(b))
}
