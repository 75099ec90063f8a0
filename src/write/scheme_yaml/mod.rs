//! An imported draft as a scheme file (YAML), in the form README documents and
//! `read::scheme` reads back: the notice, the scheme and each attachment, the task table as
//! `tasks:` (as `tasks_yaml` writes it), and what the importer guessed as comments beside what
//! it concerns.

mod document;
mod notice;
mod typed;

use serde::Serialize;

use crate::read::draft::doubt::Doubt;
use crate::read::draft::recognise::Imported;

#[derive(Serialize)]
struct File<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<notice::NoticeOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<document::Doc<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<document::Doc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tasks: Option<super::tasks_yaml::Tasks<'a>>,
}

/// The scheme file for the draft `source` recognised as `imported`, after comment lines
/// naming the draft and each guess.
///
/// ```
/// use dossier::read::draft::{Body, recognise::{DocumentDraft, Imported}};
/// let body = Body { preamble: vec!["为规范台账，制定本办法。".into()], ..Default::default() };
/// let imported = Imported { documents: vec![DocumentDraft { title: "台账管理办法".into(), body }], ..Default::default() };
/// let yaml = dossier::write::scheme_yaml::to_string(&imported, "草稿.docx").unwrap();
/// assert!(yaml.contains("scheme:\n  title: 台账管理办法\n  preamble:\n  - 为规范台账，制定本办法。\n"));
/// ```
pub fn to_string(imported: &Imported, source: &str) -> Result<String, String> {
    let mut docs = imported.documents.iter().map(document::doc);
    // A notice alone issues no scheme, and says its own title and body.
    let scheme = docs.next();
    if scheme.is_none() && imported.notice.is_none() {
        return Err("草稿里没有可导入的内容".to_string());
    }
    let scheme_title = scheme.as_ref().map_or("", |s| s.title);
    let notice = imported.notice.as_ref().map(|n| {
        let colophon = imported.colophon.as_ref();
        notice::notice_out(n, scheme_title, imported.scheme_as_attachment, colophon)
    });
    let file = File {
        notice,
        scheme,
        attachments: docs.collect(),
        tasks: imported.tasks.as_ref().map(super::tasks_yaml::Tasks),
    };
    let yaml = serde_norway::to_string(&file).map_err(|e| e.to_string())?;
    Ok(with_comments(&yaml, source, imported))
}

/// `yaml` after a header naming the draft and the guesses with no place in it, each other
/// guess as a comment above the first line holding its anchor.
fn with_comments(yaml: &str, source: &str, imported: &Imported) -> String {
    let doubts = &imported.doubts.0;
    let place = |d: &Doubt| match imported.place(d.number) {
        p if p.is_empty() => p,
        p => format!("（{p}）"),
    };
    let mut out = format!(
        "# 由 dossier import 从「{source}」导入：标题按编号认出层级，编号由 dossier 重新生成。\n"
    );
    if let Some(said) = tidied(&imported.tidied) {
        out.push_str(&format!("# {said}\n"));
    }
    for d in doubts.iter().filter(|d| d.anchor.is_none()) {
        out.push_str(&format!("# 请核对{}：{}\n", place(d), d.what));
    }
    let mut lines: Vec<String> = yaml.lines().map(str::to_string).collect();
    for d in doubts.iter().rev() {
        let anchor = d.anchor.as_deref();
        let Some(i) = anchor.and_then(|a| lines.iter().position(|l| l.contains(a))) else {
            if anchor.is_some() {
                out.push_str(&format!("# 请核对{}：{}\n", place(d), d.what));
            }
            continue;
        };
        let indent = lines[i].len() - lines[i].trim_start().len();
        let comment = format!("{}# 请核对{}：{}", " ".repeat(indent), place(d), d.what);
        lines.insert(i, comment);
    }
    out.push_str(&lines.join("\n"));
    out.push('\n');
    out
}

/// What the clean-up changed, in words (`整理了 5 处：标点 3 处，数字 2 处`); `None` when
/// nothing.
///
/// ```
/// use dossier::text::tidy::Tidied;
/// let t = Tidied { punctuation: 3, digits: 2, ..Default::default() };
/// assert_eq!(dossier::write::scheme_yaml::tidied(&t).unwrap(), "整理了 5 处：标点 3 处，数字 2 处");
/// ```
pub fn tidied(t: &crate::text::tidy::Tidied) -> Option<String> {
    let kinds = [
        ("标点", t.punctuation),
        ("发文字号", t.brackets),
        ("姓名和数字中的空格", t.name_spaces),
        ("日期", t.dates),
        ("数字", t.digits),
    ];
    let said: Vec<String> = (kinds.iter())
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| format!("{what} {n} 处"))
        .collect();
    (t.total() > 0).then(|| format!("整理了 {} 处：{}", t.total(), said.join("，")))
}
