//! dossier reads its own documents back: a sample scheme rendered to DOCX and imported gives
//! a scheme file whose model is the sample's — the notice field by field, and every document
//! with its sections at their levels and its typed parts (stages, group and office, task
//! areas with their tasks and units, requirements), and the task table (columns, rows' cells,
//! merges). A seal's picture and an attached PDF file are not in the DOCX as files: those
//! samples come back asking for them.

mod common;

use std::path::Path;

use common::compared::{difference, documents, printed, tasks};
use dossier::app::{Warnings, import::draft_yaml};
use dossier::model::{Document, Notice};
use dossier::read::scheme::{load, parse};

/// Samples whose every part the importer recognises (the others are listed in README
/// under what `import` does not yet read back).
const SAMPLES: [&str; 7] = [
    "fulian",
    "task-areas",
    "joint",
    "with-table",
    "letter",
    "minutes",
    "preprinted",
];

/// Samples with a file the DOCX shows only as a picture: a seal's, an attached PDF's pages.
const WITH_PICTURES: [&str; 3] = ["sealed", "joint-sealed", "attached-file"];

fn rendered_and_imported(name: &str) -> (Document, Document, Warnings) {
    let (original, imported, warnings, _) = rendered_and_imported_yaml(name);
    (original, imported, warnings)
}

/// Renders the scheme file `scheme` into `dir`.
fn render(scheme: &Path, dir: &Path) {
    let out = common::dossier(&["render", common::s(scheme), "-o", common::s(dir)]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{}: {said}", scheme.display());
}

fn rendered_and_imported_yaml(name: &str) -> (Document, Document, Warnings, String) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scheme = repo.join(format!("schemes/{name}.yaml"));
    let dir = tempfile::tempdir().unwrap();
    render(&scheme, dir.path());
    let mut warnings = Warnings::default();
    let yaml = draft_yaml(&dir.path().join(format!("{name}.docx")), &mut warnings).unwrap();
    let imported = parse(&yaml, "imported.yaml").unwrap_or_else(|e| panic!("{name}: {e}\n{yaml}"));
    (load(&scheme).unwrap(), imported, warnings, yaml)
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
        let (a, b) = (documents(&original), documents(&imported));
        assert!(
            a == b,
            "{name}: documents differ at …{}",
            difference(&a, &b)
        );
        let (a, b) = (tasks(&original), tasks(&imported));
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

/// A seal's picture and an attached PDF file are in the DOCX only as pictures: they come back
/// as `seal: true` and as the attachment's title, each with a `# 请核对` comment asking for the
/// file, and everything else as the sample has it.
#[test]
fn pictures_come_back_as_what_they_stand_for_asking_for_their_files() {
    for name in WITH_PICTURES {
        let (original, imported, warnings, yaml) = rendered_and_imported_yaml(name);
        let (a, b) = (
            original.notice.clone().unwrap(),
            imported.notice.clone().unwrap(),
        );
        let seal = |n: &Notice| n.seal.as_ref().map(|s| (s.mm, s.picture.is_some()));
        let asked_for = match seal(&a) {
            Some((mm, true)) => {
                assert_eq!(
                    seal(&b),
                    Some((mm, false)),
                    "{name}: seal: true, no picture"
                );
                assert_above(&yaml, "  seal: true", "请把 true 换成印章图片");
                1
            }
            _ => 0,
        };
        let no_seal = |n: &Notice| Notice {
            seal: None,
            ..printed(n)
        };
        assert_eq!(no_seal(&a), no_seal(&b), "{name}: notice");
        let files = |d: &Document| {
            let each = d.attachments.iter();
            each.map(|a| (a.label.clone(), a.file.is_some()))
                .collect::<Vec<_>>()
        };
        let (from, to) = (files(&original), files(&imported));
        let pdfs = from.iter().filter(|(_, file)| *file).count();
        assert_eq!(
            from.iter()
                .map(|(l, _)| (l.clone(), false))
                .collect::<Vec<_>>(),
            to,
            "{name}: the same attachments, none with a file"
        );
        for a in original.attachments.iter().filter(|a| a.file.is_some()) {
            assert_above(&yaml, &format!("- title: {}", a.title), "file: 附件文件");
        }
        let (a, b) = (documents(&original), documents(&imported));
        assert!(
            a == b,
            "{name}: documents differ at …{}",
            difference(&a, &b)
        );
        assert_eq!(
            warnings.0.len(),
            asked_for + pdfs,
            "{name}: {:?}",
            warnings.0
        );
        assert!(asked_for + pdfs > 0, "{name} has a picture");
    }
}

/// A seal's picture is as wide as the seal: a seal of another size than the default comes back
/// with its `seal_mm`.
#[test]
fn a_seal_comes_back_at_its_size() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("samples/样章.png"), dir.path().join("样章.png")).unwrap();
    let sample = std::fs::read_to_string(repo.join("schemes/sealed.yaml")).unwrap();
    let resized = sample.replace("seal: ../samples/样章.png", "seal: 样章.png\n  seal_mm: 38");
    assert_ne!(sample, resized);
    let scheme = dir.path().join("sealed.yaml");
    std::fs::write(&scheme, resized).unwrap();
    render(&scheme, dir.path());
    let yaml = draft_yaml(&dir.path().join("sealed.docx"), &mut Warnings::default()).unwrap();
    assert!(yaml.contains("  seal: true\n  seal_mm: 38.0\n"), "{yaml}");
    let imported = parse(&yaml, "imported.yaml").unwrap();
    let seal = imported.notice.unwrap().seal.unwrap();
    assert_eq!((seal.mm, seal.picture.is_none()), (38.0, true));
}

/// Whether the line of `yaml` that is `line` has a `# 请核对` comment saying `said` above it.
fn assert_above(yaml: &str, line: &str, said: &str) {
    let lines: Vec<&str> = yaml.lines().collect();
    let at = lines.iter().position(|l| *l == line);
    let at = at.unwrap_or_else(|| panic!("no line {line:?} in\n{yaml}"));
    let above = lines[at - 1].trim_start();
    assert!(
        above.starts_with("# 请核对") && above.contains(said),
        "{line:?} has above it {above:?}"
    );
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

/// The with-table sample rendered and imported drives `table`, `split` and `bundle` as the
/// sample itself does: the same bytes out (dates fixed by SOURCE_DATE_EPOCH).
#[test]
fn an_imported_scheme_drives_table_split_and_bundle_as_its_sample_does() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let sample = repo.join("schemes/with-table.yaml");
    render(&sample, dir.path());
    let imported = dir.path().join("imported.yaml");
    let docx = dir.path().join("with-table.docx");
    std::fs::write(
        &imported,
        draft_yaml(&docx, &mut Warnings::default()).unwrap(),
    )
    .unwrap();
    let evidence = repo.join("samples/佐证材料");
    let outputs = |scheme: &Path, tag: &str| {
        let out = |name: &str| dir.path().join(format!("{tag}-{name}"));
        let run = |args: &[&str]| {
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                .args(args)
                .env("SOURCE_DATE_EPOCH", "1700000000")
                .output()
                .unwrap();
            assert!(
                o.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        };
        let scheme = common::s(scheme);
        run(&["table", scheme, "-o", common::s(&out("表.docx"))]);
        run(&["split", scheme, "-o", common::s(&out("单位"))]);
        let zip = out("材料.zip");
        run(&[
            "bundle",
            common::s(&evidence),
            "--scheme",
            scheme,
            "--out",
            common::s(&zip),
        ]);
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let own = rel.strip_prefix(&format!("{tag}-"))?.to_string();
                Some((own, std::fs::read(e.path()).unwrap()))
            })
            .collect();
        files.sort();
        files
    };
    let (theirs, ours) = (outputs(&sample, "sample"), outputs(&imported, "imported"));
    assert!(
        theirs.len() >= 3,
        "{:?}",
        theirs.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(
        theirs.iter().map(|f| &f.0).collect::<Vec<_>>(),
        ours.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, a), (_, b)) in theirs.iter().zip(&ours) {
        assert!(a == b, "{name} differs");
    }
}
