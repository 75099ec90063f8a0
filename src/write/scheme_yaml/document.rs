//! An imported document as a scheme file's `scheme` or attachment: its title, the
//! paragraphs before its first heading, and its sections with their text and tables; numbers
//! are left to dossier, which writes them again.

use serde::Serialize;

use super::typed;
use crate::model::{PeriodForm, Section, TaskTable};
use crate::read::draft::recognise::DocumentDraft;

#[derive(Serialize)]
pub(super) struct Doc<'a> {
    pub(super) title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    continuous: Vec<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    preamble: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sections: Vec<Sec<'a>>,
}

#[derive(Serialize)]
struct Sec<'a> {
    pub(super) title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    run_in: Option<bool>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    text: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<Table<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage_form: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period_form: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stages: Vec<typed::StageOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<typed::GroupOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    task_areas: Vec<typed::AreaOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    requirements: Vec<typed::ItemOut<'a>>,
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    merges: Vec<MergeOut<'a>>,
}

/// A cell merged over rows `first..=last`, its column named by its header.
#[derive(Serialize)]
struct MergeOut<'a> {
    column: &'a str,
    first: u32,
    last: u32,
}

/// The scheme file's entry for `d`.
pub(super) fn doc(d: &DocumentDraft) -> Doc<'_> {
    let body = &d.body;
    let mut preamble = body.preamble.clone();
    // The scheme format has no table before the first section: its rows stay as text.
    preamble.extend(body.table.iter().flat_map(rows_as_text));
    preamble.extend(body.after_table.iter().cloned());
    Doc {
        title: &d.title,
        continuous: continuous_levels(&body.sections),
        preamble,
        sections: body.sections.iter().map(sec).collect(),
    }
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
        stage_form: (!s.stages.is_empty())
            .then(|| typed::stage_form(s.stage_form))
            .flatten(),
        period_form: (!s.stages.is_empty() && s.period_form == PeriodForm::Line).then_some("line"),
        stages: s.stages.iter().map(typed::stage).collect(),
        group: s.group.as_ref().map(typed::group),
        task_areas: s.task_areas.iter().map(typed::area).collect(),
        requirements: s.requirements.iter().map(typed::item).collect(),
        sections: sections.into_iter().map(sec).collect(),
        items: items.into_iter().map(sec).collect(),
        text_after: &s.after,
    }
}

fn table(t: &TaskTable) -> Table<'_> {
    let header = |key: &str| t.column(key).map(|i| t.columns[i].header.as_str());
    let merges = (t.merges.iter())
        .filter_map(|m| {
            let column = header(&m.column)?;
            Some(MergeOut {
                column,
                first: m.first,
                last: m.last,
            })
        })
        .collect();
    Table {
        columns: t.columns.iter().map(|c| c.header.as_str()).collect(),
        rows: t.rows.iter().map(|r| r.cells.as_slice()).collect(),
        merges,
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
