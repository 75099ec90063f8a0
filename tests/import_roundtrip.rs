//! dossier reads its own documents back: a sample scheme rendered to DOCX and imported gives
//! a scheme file whose model is the sample's — the notice field by field, and every document
//! with its sections at their levels and its typed parts (stages, group and office, task
//! areas with their tasks and units, requirements), and the task table (columns, rows' cells,
//! merges).

mod common;

use std::path::Path;

use dossier::app::{Warnings, import::draft_yaml};
use dossier::model::{Attachment, Document, Notice};
use dossier::read::scheme::{load, parse};

/// Samples whose every part the importer recognises (the others are listed in README
/// under what `import` does not yet read back).
const SAMPLES: [&str; 6] = [
    "fulian",
    "sealed",
    "task-areas",
    "joint",
    "joint-sealed",
    "with-table",
];

fn rendered_and_imported(name: &str) -> (Document, Document, Warnings) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scheme = repo.join(format!("schemes/{name}.yaml"));
    let dir = tempfile::tempdir().unwrap();
    let out = common::dossier(&[
        "render",
        scheme.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut warnings = Warnings::default();
    let yaml = draft_yaml(&dir.path().join(format!("{name}.docx")), &mut warnings).unwrap();
    let imported = parse(&yaml, "imported.yaml").unwrap_or_else(|e| panic!("{name}: {e}\n{yaml}"));
    (load(&scheme).unwrap(), imported, warnings)
}

/// The notice as it prints: 主送 given as a list prints joined with `，`, as one text does.
fn printed(n: &Notice) -> Notice {
    let mut n = n.clone();
    n.to = vec![n.to.join("，")]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    n.seal = None;
    n
}

/// A document as the draft shows it: the label is dossier's own, and titles lose the line
/// breaks their author set (the 2号 title breaks them again the same way).
fn shown(a: &Attachment) -> (String, Vec<String>, String) {
    let title = a.title.lines().collect::<String>();
    let body = format!("{:?}", (&a.preamble, &a.sections));
    (title, a.preamble.clone(), body)
}

#[test]
fn samples_rendered_and_imported_give_their_own_model() {
    for name in SAMPLES {
        let (original, imported, warnings) = rendered_and_imported(name);
        assert_eq!(
            original.notice.as_ref().map(printed),
            imported.notice.as_ref().map(printed),
            "{name}: notice"
        );
        let docs =
            |d: &Document| format!("{:?}", d.attachments.iter().map(shown).collect::<Vec<_>>());
        let (a, b) = (docs(&original), docs(&imported));
        assert!(
            a == b,
            "{name}: documents differ at …{}",
            difference(&a, &b)
        );
        let (a, b) = (tasks_shown(&original), tasks_shown(&imported));
        assert!(
            a == b,
            "{name}: task tables differ at …{}",
            difference(&a, &b)
        );
        assert!(
            warnings.0.is_empty(),
            "{name}: nothing guessed: {:?}",
            warnings.0
        );
    }
}

#[test]
fn typed_parts_come_back_typed() {
    let (_, imported, _) = rendered_and_imported("task-areas");
    let sections = &imported.attachments[0].sections;
    let with =
        |f: &dyn Fn(&dossier::model::Section) -> bool| sections.iter().filter(|s| f(s)).count();
    assert_eq!(with(&|s| s.task_areas.len() == 5), 1, "five task areas");
    assert_eq!(with(&|s| s.stages.len() == 3), 1, "three stages");
    assert_eq!(
        with(&|s| s.group.as_ref().is_some_and(|g| g.office.is_some())),
        1
    );
    assert_eq!(
        with(&|s| s.requirements.len() == 3),
        1,
        "three requirements"
    );
    let areas = &sections
        .iter()
        .find(|s| !s.task_areas.is_empty())
        .unwrap()
        .task_areas;
    assert_eq!(areas[0].coordinators, ["陈立衡"]);
    assert_eq!(areas[0].tasks[1].units, ["市司法局", "市政府办"]);
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
    let from = at.saturating_sub(120);
    let part = |s: &str| s.chars().skip(from).take(300).collect::<String>();
    format!("\n  sample:   {}\n  imported: {}", part(a), part(b))
}
