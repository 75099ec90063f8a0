//! An imported draft as a scheme file (YAML): its title, the paragraphs before its first
//! heading, and its sections with their text and tables, in the form README documents and
//! `read::scheme` reads back; numbers are left to dossier, which writes them again.

use serde::Serialize;

use crate::model::{Section, TaskTable};
use crate::read::draft::Body;

#[derive(Serialize)]
struct File<'a> {
    scheme: Doc<'a>,
}

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    continuous: Vec<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    preamble: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sections: Vec<Sec<'a>>,
}

#[derive(Serialize)]
struct Sec<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    run_in: Option<bool>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    text: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<Table<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sections: Vec<Sec<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    items: Vec<Sec<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    text_after: &'a [String],
}

#[derive(Serialize)]
struct Table<'a> {
    columns: Vec<&'a str>,
    rows: Vec<&'a [String]>,
}

/// The scheme file for a draft titled `title` whose body is `body`, after a comment line
/// naming the draft `source`.
///
/// ```
/// let body = dossier::read::draft::Body { preamble: vec!["为规范台账，制定本办法。".into()], ..Default::default() };
/// let yaml = dossier::write::scheme_yaml::to_string("台账管理办法", &body, "草稿.docx").unwrap();
/// assert!(yaml.contains("scheme:\n  title: 台账管理办法\n  preamble:\n  - 为规范台账，制定本办法。\n"));
/// ```
pub fn to_string(title: &str, body: &Body, source: &str) -> Result<String, String> {
    let mut preamble = body.preamble.clone();
    // The scheme format has no table before the first section: its rows stay as text.
    preamble.extend(body.table.iter().flat_map(rows_as_text));
    preamble.extend(body.after_table.iter().cloned());
    let file = File {
        scheme: Doc {
            title,
            continuous: continuous_levels(&body.sections),
            preamble,
            sections: body.sections.iter().map(sec).collect(),
        },
    };
    let yaml = serde_norway::to_string(&file).map_err(|e| e.to_string())?;
    Ok(format!(
        "# 由 dossier import 从「{source}」导入：标题按编号认出层级，编号由 dossier 重新生成。\n{yaml}"
    ))
}

fn sec(s: &Section) -> Sec<'_> {
    let (sections, items) = s
        .sections
        .iter()
        .partition::<Vec<_>, _>(|c| c.level <= s.level + 1);
    // Written only where it differs from what the scheme file assumes (README: run-in defaults).
    let assumed = s.level >= 3 || (s.level == 2 && s.title.ends_with('。'));
    let text = !s.paragraphs.is_empty();
    Sec {
        title: &s.title,
        run_in: (text && s.level > 1 && s.run_in != assumed).then_some(s.run_in),
        text: &s.paragraphs,
        table: s.table.as_ref().map(|t| table(&t.table)),
        sections: sections.into_iter().map(sec).collect(),
        items: items.into_iter().map(sec).collect(),
        text_after: &s.after,
    }
}

fn table(t: &TaskTable) -> Table<'_> {
    Table {
        columns: t.columns.iter().map(|c| c.header.as_str()).collect(),
        rows: t.rows.iter().map(|r| r.cells.as_slice()).collect(),
    }
}

fn rows_as_text(t: &TaskTable) -> Vec<String> {
    let header = t
        .columns
        .iter()
        .map(|c| c.header.clone())
        .collect::<Vec<_>>();
    std::iter::once(header)
        .chain(t.rows.iter().map(|r| r.cells.clone()))
        .map(|cells| cells.join("　"))
        .collect()
}

/// The levels numbered straight through the document: where a section's number is not its
/// place among its siblings.
fn continuous_levels(sections: &[Section]) -> Vec<u8> {
    let mut levels = Vec::new();
    let mut visit = vec![sections];
    while let Some(siblings) = visit.pop() {
        let mut seen = [0u32; 5];
        for s in siblings {
            let l = usize::from(s.level.min(4));
            seen[l] += 1;
            if s.number != seen[l] && !levels.contains(&s.level) {
                levels.push(s.level);
            }
            visit.push(&s.sections);
        }
    }
    levels.sort_unstable();
    levels
}
