//! Golden files, in the manner of rust_xlsxwriter's tests: the `word/document.xml` of every
//! sample scheme, of the sample sheet as a 测评任务分解表, of a unit notice split from it and
//! of the bulletin tallied from the sample tally, pretty-printed one element a line and
//! compared with `tests/golden/<name>.document.xml`. Any change to what dossier writes shows
//! here as a readable difference in the XML. `DOSSIER_BLESS=1 cargo test --test golden`
//! rewrites the golden files with what dossier writes now.

mod common;

use std::path::{Path, PathBuf};

use quick_xml::events::Event;

use common::{dossier, render, repo, samples};

/// How a golden file is rewritten, as the failures say.
const BLESS: &str = "DOSSIER_BLESS=1 cargo test --test golden";
/// Unchanged lines shown before the first difference.
const CONTEXT: usize = 3;
/// Lines shown of each side from the first difference on.
const SHOWN: usize = 6;
/// Lines searched, on the two sides together, past the first difference for where they agree
/// again.
const WINDOW: usize = 200;

/// Runs dossier with `args` and fails unless it succeeds.
fn run(args: &[&str]) {
    let out = dossier(args);
    assert!(
        out.status.success(),
        "dossier {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn sample(name: &str) -> String {
    repo()
        .join("samples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Starts a new line of `out`, indented for `depth`, holding `text`.
fn line(out: &mut String, depth: usize, text: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&"  ".repeat(depth));
    out.push_str(text);
}

/// `xml` one element a line, indented by depth. Tags are copied as written (attributes in
/// their order, quoting and escapes kept), and an element's text as written, entities
/// included, on the line of its start tag. Whitespace between elements is layout and goes.
/// WordprocessingML has no mixed content, so text beside a child element is refused.
fn pretty(xml: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut depth = 0;
    // The last line is a start tag with nothing after it but text: its end tag goes there too.
    let mut open = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Decl(d) => line(&mut out, depth, &format!("<?{}?>", &*d)),
            Event::Start(e) => {
                line(&mut out, depth, &format!("<{}>", &*e));
                depth += 1;
                open = true;
            }
            Event::Empty(e) => {
                line(&mut out, depth, &format!("<{}/>", &*e));
                open = false;
            }
            Event::End(e) => {
                depth -= 1;
                let tag = format!("</{}>", &*e);
                if open {
                    out.push_str(&tag);
                } else {
                    line(&mut out, depth, &tag);
                }
                open = false;
            }
            Event::Text(t) if open => out.push_str(&t),
            Event::GeneralRef(r) if open => out.push_str(&format!("&{};", &*r)),
            Event::Text(t) if t.trim().is_empty() => {}
            Event::Eof => break,
            other => panic!("document.xml: {other:?} outside an element's text"),
        }
    }
    out.push('\n');
    out
}

fn golden_file(name: &str) -> PathBuf {
    repo()
        .join("tests/golden")
        .join(format!("{name}.document.xml"))
}

/// Compares the pretty-printed `word/document.xml` of `docx` with the golden file `name`, or
/// rewrites the golden file when blessing; returns how they differ.
fn compare(name: &str, docx: &Path) -> Option<String> {
    let got = pretty(&common::document_xml(docx));
    let path = golden_file(name);
    if std::env::var_os("DOSSIER_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("tests/golden")).expect("golden folder");
        std::fs::write(&path, &got).expect("write the golden file");
        return None;
    }
    match std::fs::read_to_string(&path) {
        Ok(want) if want == got => None,
        Ok(want) => Some(excerpt(&path, &want, &got)),
        Err(e) => Some(format!("{}: {e} ({BLESS} writes it)", path.display())),
    }
}

/// The first lines, from `at` on, where `want` and `got` agree again for `CONTEXT` lines or to
/// their ends, taking the fewest lines of the two together; their ends if not within `WINDOW`.
fn resync(want: &[&str], got: &[&str], at: usize) -> (usize, usize) {
    let agree = |w: usize, g: usize| {
        want[w..]
            .iter()
            .take(CONTEXT)
            .eq(got[g..].iter().take(CONTEXT))
    };
    (1..=WINDOW)
        .flat_map(|taken| (0..=taken).map(move |w| (at + w, at + taken - w)))
        .filter(|&(w, g)| w <= want.len() && g <= got.len())
        .find(|&(w, g)| agree(w, g))
        .unwrap_or((want.len(), got.len()))
}

/// Where `want` (the golden file at `path`) and `got` first part, unified-style: a few
/// unchanged lines, the golden file's lines (`-`) and the output's (`+`) up to where they agree
/// again (at most `SHOWN` of each), and, when all of them are shown, a few unchanged lines.
fn excerpt(path: &Path, want: &str, got: &str) -> String {
    let want: Vec<&str> = want.lines().collect();
    let got: Vec<&str> = got.lines().collect();
    let at = want.iter().zip(&got).take_while(|(w, g)| w == g).count();
    let (w, g) = resync(&want, &got, at);
    let before = &want[at.saturating_sub(CONTEXT)..at];
    let gone = &want[at..w.min(at + SHOWN)];
    let came = &got[at..g.min(at + SHOWN)];
    let whole = w - at <= SHOWN && g - at <= SHOWN;
    let after = if whole {
        &want[w..(w + CONTEXT).min(want.len())]
    } else {
        &[][..]
    };
    let first = at - before.len() + 1;
    let mut text = format!(
        "{} differs from the output from line {} ({BLESS} rewrites it):\n@@ -{first},{} +{first},{} @@\n",
        path.display(),
        at + 1,
        before.len() + gone.len() + after.len(),
        before.len() + came.len() + after.len(),
    );
    for (mark, lines) in [(' ', before), ('-', gone), ('+', came), (' ', after)] {
        for l in lines {
            text.push_str(&format!("{mark}{l}\n"));
        }
    }
    text
}

/// Fails with every difference found.
fn assert_golden(differences: impl IntoIterator<Item = Option<String>>) {
    let found: Vec<String> = differences.into_iter().flatten().collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_sample_scheme_matches_its_golden_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_golden(samples().iter().map(|scheme| {
        let name = scheme.file_stem().expect("a name").to_string_lossy();
        compare(&name, &render(scheme, dir.path()))
    }));
}

#[test]
fn the_sample_sheet_as_a_table_matches_its_golden_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("分解表.docx");
    run(&["table", &sample("分解表.xlsx"), "-o", s(&docx)]);
    assert_golden([compare("sheet-table", &docx)]);
}

#[test]
fn a_unit_notice_split_from_the_sample_sheet_matches_its_golden_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    run(&[
        "split",
        &sample("分解表.xlsx"),
        "-o",
        s(dir.path()),
        "--date",
        "2024-09-30",
    ]);
    assert_golden([compare(
        "split-unit",
        &dir.path().join("001-市委宣传部.docx"),
    )]);
}

#[test]
fn the_bulletin_tallied_from_the_sample_tally_matches_its_golden_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("通报.docx");
    run(&[
        "tally",
        &sample("进度台账.xlsx"),
        "-o",
        s(&docx),
        "--as-of",
        "2024-10-15",
        "--date",
        "2024-09-30",
    ]);
    assert_golden([compare("tally-bulletin", &docx)]);
}
