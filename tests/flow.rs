//! dossier's own line breaking checked against the fonts it measures with and against
//! LibreOffice's layout of the same DOCX, line by line.

mod common;

use std::path::{Path, PathBuf};

use common::{python, repo, s};
use dossier::flow::{lines, para_text};
use dossier::layout::{FontProfile, GBT9704, TIMES};
use dossier::model::TableSource;
use dossier::template::{ENTRY, Templates};
use dossier::typeset::Item;

#[test]
#[ignore = "needs Liberation Serif (fonts-liberation2) — bash .ci/run installs it"]
fn latin_metrics_are_liberation_serifs() {
    for (file, table, bold) in [
        ("LiberationSerif-Regular.ttf", &TIMES.regular, false),
        ("LiberationSerif-Bold.ttf", &TIMES.bold, true),
    ] {
        let path = Path::new("/usr/share/fonts/truetype/liberation2").join(file);
        let data = std::fs::read(&path).expect("Liberation Serif installed");
        let face = ttf_parser::Face::parse(&data, 0).expect("a font");
        assert_eq!(face.units_per_em(), TIMES.units_per_em);
        for (c, &want) in (' '..='~').zip(table.iter()) {
            let glyph = face.glyph_index(c).expect("glyph");
            assert_eq!(face.glyph_hor_advance(glyph), Some(want), "{file} {c:?}");
        }
        for &(c, regular, heavy) in TIMES.others {
            let glyph = face.glyph_index(c).expect("glyph");
            let want = if bold { heavy } else { regular };
            assert_eq!(face.glyph_hor_advance(glyph), Some(want), "{file} {c:?}");
        }
    }
}

/// The scheme files whose documents are compared: the samples, the fixtures and the corpus
/// built to stress breaking.
fn schemes() -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = ["schemes", "tests/fixtures", "tests/layout_corpus"]
        .iter()
        .flat_map(|d| std::fs::read_dir(repo().join(d)).expect("folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    all.sort();
    all
}

/// The lines dossier breaks the paragraphs of `scheme` into (but those laid out by a tab
/// stop), spaces left out as the PDF's text leaves them out.
fn dossier_lines(scheme: &Path) -> Vec<String> {
    let doc = dossier::read::scheme::load(scheme).expect("scheme");
    let text = Templates::load(None)
        .expect("templates")
        .render(&doc)
        .expect("render");
    let tables: Vec<TableSource<'_>> = doc.tasks.iter().map(TableSource::Held).collect();
    let markup = dossier::markup::parse(&text, ENTRY, tables).expect("markup");
    let galley = dossier::typeset::typeset(&markup, &GBT9704).expect("typeset");
    let fonts = FontProfile::named(doc.fonts.as_deref()).expect("fonts");
    let width = GBT9704.text_width_twips();
    let mut out = Vec::new();
    for item in &galley.items {
        let Item::Para(p) = item else { continue };
        let text = para_text(p);
        if text.contains('\t') || text.trim().is_empty() {
            continue;
        }
        for l in lines(p, width, fonts) {
            out.push(text[l.start..l.end].replace([' ', '\u{3000}'], ""));
        }
    }
    out
}

/// The text lines of LibreOffice's PDF of `scheme`'s DOCX, spaces left out.
fn libreoffice_lines(scheme: &Path, dir: &Path) -> Vec<String> {
    let docx = dir.join(format!(
        "{}.docx",
        scheme.file_stem().expect("stem").to_string_lossy()
    ));
    let got = common::run(&["render", s(scheme), "-o", s(dir)]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    let pdf = common::to_pdf(&docx);
    common::probe(&python(), &pdf)
        .pages
        .iter()
        .flat_map(|p| p.text_lines())
        .map(|l| l.text().replace([' ', '\u{3000}'], ""))
        .collect()
}

/// How many of `ours` LibreOffice has as lines, in order (each looked for a little ahead of
/// the last found, past lines that are not body paragraphs); the misses, for the message.
fn agreement(ours: &[String], theirs: &[String]) -> (usize, Vec<String>) {
    let mut next = 0;
    let mut misses = Vec::new();
    for line in ours {
        match theirs[next..].iter().take(60).position(|t| t == line) {
            Some(i) => next += i + 1,
            None => misses.push(line.clone()),
        }
    }
    (ours.len() - misses.len(), misses)
}

#[test]
#[ignore = "needs LibreOffice with the CJK fonts and the validators' Python — bash .ci/run installs them"]
fn lines_break_where_libreoffice_breaks_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut total, mut same, mut misses) = (0, 0, Vec::new());
    for scheme in schemes() {
        let ours = dossier_lines(&scheme);
        let theirs = libreoffice_lines(&scheme, dir.path());
        let (agree, missed) = agreement(&ours, &theirs);
        total += ours.len();
        same += agree;
        misses.extend(
            missed
                .into_iter()
                .map(|m| format!("{}: {m}", scheme.display())),
        );
    }
    eprintln!("{same} of {total} lines as LibreOffice breaks them");
    assert!(total > 100, "enough lines compared: {total}");
    assert!(
        misses.is_empty(),
        "lines LibreOffice breaks otherwise:\n{}",
        misses.join("\n")
    );
}
