//! GB/T 9704 measured on real output: each sample and the measuring fixture are rendered to
//! DOCX and PDF; the DOCX converted to PDF by LibreOffice, and both PDFs measured the same way
//! through pdfplumber (tests/tools/pdf_probe.py). dossier's own PDF of `NAME` is listed as
//! `NAME (dossier)`.

mod common;

use std::sync::OnceLock;

use common::end_block::{end_block_faults, numbered, unnumbered};
use common::{Page, Pdf, TextLine, mm, python, repo, samples};

const PAGE_W: f64 = 595.3;
const PAGE_H: f64 = 841.9;
/// The text area: 28 mm from the left, 37 mm from the top, 156 × 225 mm.
fn area() -> (f64, f64, f64, f64) {
    (mm(28.0), mm(37.0), mm(28.0 + 156.0), mm(37.0 + 225.0))
}

/// The text area of `p`: a landscape page is the portrait page turned clockwise, the binding
/// margin (28 mm) at the top.
fn page_area(p: &Page) -> (f64, f64, f64, f64) {
    if p.width > p.height {
        (mm(35.0), mm(28.0), mm(35.0 + 225.0), mm(28.0 + 156.0))
    } else {
        area()
    }
}
/// ±1 mm, the tolerance the issue sets for positions.
fn tol() -> f64 {
    mm(1.0)
}
const BODY_PT: f64 = 16.0;
/// Punctuation that may not start a line.
const CLOSING: &str = "，。、；：！？）》”』」";
const PITCH: f64 = 28.95;

/// The names of a document's two PDFs: LibreOffice's and dossier's.
fn both(name: &str) -> [String; 2] {
    [name.to_string(), format!("{name} (dossier)")]
}

/// One of `all_documents`, by its scheme file's name.
fn document(name: &str) -> &'static Pdf {
    &all_documents()
        .iter()
        .find(|(n, _)| n == name)
        .expect("a converted document")
        .1
}

/// Every sample and the fixture, converted once for all the tests that measure them all.
fn all_documents() -> &'static [(String, Pdf)] {
    static DOCS: OnceLock<Vec<(String, Pdf)>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let mut schemes = samples();
        schemes.push(repo().join("tests/fixtures/measure.yaml"));
        let handles: Vec<_> = schemes
            .into_iter()
            .map(|s| {
                std::thread::spawn(move || {
                    let dir = tempfile::tempdir().unwrap();
                    let name = s.file_name().unwrap().to_string_lossy().into_owned();
                    let (theirs, ours) = common::both_pdfs(&s, dir.path());
                    let [a, b] = both(&name);
                    [(a, theirs), (b, ours)]
                })
            })
            .collect();
        // A conversion's panic (a missing client among them) fails the test with its message.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Lines set entirely in red: the organ mark.
fn red_lines(lines: &[TextLine]) -> Vec<&TextLine> {
    lines
        .iter()
        .filter(|l| {
            l.chars
                .iter()
                .all(|c| c.color.as_deref() == Some(&[1.0, 0.0, 0.0][..]))
        })
        .collect()
}

/// Body lines: 3号 text inside the text area (not the page number, not the 版记).
fn body_lines(p: &Page) -> Vec<TextLine> {
    let (_, top, _, bottom) = area();
    p.text_lines()
        .into_iter()
        .filter(|l| (l.size() - BODY_PT).abs() < 0.1 && l.top() > top - tol() && l.top() < bottom)
        .collect()
}

/// Pages of running body text: nothing but 3号 lines, and nearly full (so a page that breaks
/// early, at 21 lines, is still found and then fails the count).
fn full_body_pages(pdf: &Pdf) -> Vec<&Page> {
    pdf.pages
        .iter()
        .filter(|p| {
            let inside: Vec<_> = p
                .text_lines()
                .into_iter()
                .filter(|l| l.top() < area().3)
                .collect();
            inside.len() >= 20 && inside.iter().all(|l| (l.size() - BODY_PT).abs() < 0.1)
        })
        .collect()
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn pages_are_a4() {
    let docs = all_documents();
    for (name, pdf) in docs {
        for p in &pdf.pages {
            let (w, h) = (p.width.min(p.height), p.width.max(p.height));
            assert!(
                (w - PAGE_W).abs() < 0.5 && (h - PAGE_H).abs() < 0.5,
                "{name} page {} is {}×{}",
                p.number,
                p.width,
                p.height
            );
        }
    }
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn full_page_has_22_lines_of_28_characters_inside_the_text_area() {
    for name in both("measure.yaml") {
        full_pages_of(&name, document(&name));
    }
}

fn full_pages_of(name: &str, pdf: &Pdf) {
    let full = full_body_pages(pdf);
    assert!(!full.is_empty(), "{name}: the fixture has a full body page");
    let (left, top, right, bottom) = area();
    for p in full {
        let lines = body_lines(p);
        assert_eq!(lines.len(), 22, "{name} page {}: 22 lines", p.number);
        // Line boxes are the pitch high with the 3号 em box centred in them.
        let half_lead = (PITCH - BODY_PT) / 2.0;
        let first_top = lines[0].top() - half_lead;
        let last_bottom = lines[21].top() + BODY_PT + half_lead;
        assert!(
            (first_top - top).abs() < tol(),
            "{name} page {}: text area top {first_top:.1} vs {top:.1}",
            p.number
        );
        assert!(
            (last_bottom - bottom).abs() < tol(),
            "{name} page {}: text area bottom {last_bottom:.1} vs {bottom:.1}",
            p.number
        );
        let mut full_lines = 0;
        for (i, l) in lines.iter().enumerate() {
            assert!(
                l.x0() > left - tol(),
                "{name} page {}: line starts inside the area: {}",
                p.number,
                l.text()
            );
            assert!(
                l.x1() < right + tol(),
                "{name} page {}: line ends inside the area: {}",
                p.number,
                l.text()
            );
            if (l.x0() - left).abs() < tol() && (l.x1() - right).abs() < tol() {
                // A full line holds 28 characters; it holds 27, spread to the full width, only
                // where closing punctuation would fall past the 28th place: it may neither hang
                // past the edge nor start a line, so the character before it moves down too.
                let next_starts_with_closing = lines.get(i + 1).is_some_and(|n| {
                    n.chars
                        .iter()
                        .take(2)
                        .any(|c| CLOSING.contains(c.text.as_str()))
                });
                if l.em() == 28.0 {
                    full_lines += 1;
                } else {
                    assert!(
                        l.em() == 27.0 && next_starts_with_closing,
                        "{name} page {}: a full line holds 28 characters: {} ({} em)",
                        p.number,
                        l.text(),
                        l.em()
                    );
                }
            }
        }
        assert!(
            full_lines >= 5,
            "{name} page {}: most lines are full ({full_lines})",
            p.number
        );
    }
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn header_block_mark_red_title_2hao_body_3hao() {
    let docs = all_documents();
    let (left, top, right, _) = area();
    for (name, pdf) in docs {
        // 套打 leaves the mark and the separator out by design, and a 函 has a 版头 of its own
        // (clause 10.1); tests/forms.rs measures both.
        if name.contains("preprinted") || name.contains("letter") {
            continue;
        }
        let first = &pdf.pages[0];
        let lines = first.text_lines();
        let red = red_lines(&lines);
        assert!(!red.is_empty(), "{name}: the organ mark is red");
        // Its top 35 mm below the top of the text area (GB/T 9704 7.2.3), by the em box.
        let mark_top = red.iter().map(|l| l.top()).fold(f64::MAX, f64::min);
        assert!(
            (mark_top - (top + mm(35.0))).abs() < tol(),
            "{name}: organ mark top {mark_top:.1} vs {:.1}",
            top + mm(35.0)
        );
        let (x0, x1) = red.iter().fold((f64::MAX, 0.0f64), |(a, b), l| {
            (a.min(l.x0()), b.max(l.x1()))
        });
        assert!(
            ((x0 + x1) / 2.0 - (left + right) / 2.0).abs() < tol(),
            "{name}: organ mark centred"
        );
        assert!(
            red.iter().all(|l| l.size() <= 36.0 + 0.1),
            "{name}: organ mark at most 小初"
        );
        let red_rule = first
            .lines
            .iter()
            .find(|r| r.color.as_deref() == Some(&[1.0, 0.0, 0.0][..]))
            .unwrap_or_else(|| panic!("{name}: the red separator line"));
        assert!(
            (red_rule.x0 - left).abs() < tol() && (red_rule.x1 - right).abs() < tol(),
            "{name}: separator spans the text width"
        );
        // A 纪要 has no 发文字号; its line is there, empty, the separator under it.
        if let Some(doc_no) = lines.iter().find(|l| l.text().contains("〔20")) {
            let gap = red_rule.top - (doc_no.baseline + 2.0);
            assert!(
                (gap - mm(4.0)).abs() < tol(),
                "{name}: separator 4 mm below the 发文字号: {:.2} mm",
                gap / mm(1.0)
            );
        }
        let below: Vec<_> = lines
            .iter()
            .filter(|l| l.top() > red_rule.top && l.top() < area().3)
            .collect();
        let title = below.first().unwrap_or_else(|| panic!("{name}: a title"));
        assert!((title.size() - 22.0).abs() < 0.1, "{name}: title in 2号");
        // Two blank lines between the red line and the title (on the 28.95 pt grid).
        let blank = title.top() - (PITCH - 22.0) / 2.0 - red_rule.top;
        assert!(
            (blank - 2.0 * PITCH).abs() < mm(3.0),
            "{name}: two blank lines above the title ({blank:.1} pt)"
        );
        assert!(
            title.chars.len() <= 20,
            "{name}: at most 20 characters a title line"
        );
        let body: Vec<_> = below
            .iter()
            .filter(|l| (l.size() - 22.0).abs() > 0.1)
            .collect();
        assert!(
            body.len() > 1 && body.iter().all(|l| (l.size() - 16.0).abs() < 0.1),
            "{name}: body in 3号"
        );
        let indented = body
            .iter()
            .any(|l| (l.x0() - (left + 2.0 * 15.75)).abs() < tol());
        assert!(indented, "{name}: paragraphs indented 2 characters");
    }
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn page_numbers_alternate_sides_and_the_end_block_sits_on_an_even_last_page_bottom() {
    let docs = all_documents();
    for (name, pdf) in docs {
        // A 函's first page is unnumbered and its 版记 has no rules or 印发 row (clause 10.1),
        // which tests/forms.rs measures.
        if name.contains("letter") {
            continue;
        }
        check_page_numbers_and_end_block(name, pdf);
    }
}

fn check_page_numbers_and_end_block(name: &str, pdf: &Pdf) {
    let last = pdf.pages.len();
    for p in &pdf.pages {
        if unnumbered(pdf, p) {
            assert!(!numbered(p), "{name}: page {} carries no number", p.number);
            continue;
        }
        let (left, _, right, bottom) = page_area(p);
        let number = p
            .text_lines()
            .into_iter()
            .find(|l| l.top() > bottom)
            .unwrap_or_else(|| panic!("{name}: page {} has a page number", p.number));
        assert_eq!(number.text().replace(' ', ""), format!("—{}—", p.number));
        assert!(
            number.text().contains(&format!(" {} ", p.number)),
            "spaces either side: {}",
            number.text()
        );
        assert!((number.size() - 14.0).abs() < 0.1, "4号 page number");
        // GB/T 9704 7.5: the dashes 7 mm below the text area; a dash sits mid-em.
        let dash = &number.chars[0];
        let dash_mid = (dash.top + dash.bottom) / 2.0;
        assert!(
            (dash_mid - (bottom + mm(7.0))).abs() < tol(),
            "page {}: dashes 7 mm below the text area ({:.1} mm)",
            p.number,
            (dash_mid - bottom) / mm(1.0)
        );
        if p.number % 2 == 1 {
            assert!(
                (number.x1() - (right - 14.0)).abs() < tol(),
                "odd page {}: right, 1 character in",
                p.number
            );
        } else {
            assert!(
                (number.x0() - (left + 14.0)).abs() < tol(),
                "even page {}: left, 1 character in",
                p.number
            );
        }
    }
    let p = &pdf.pages[last - 1];
    assert!(p.height > p.width, "{name}: the 版记 page is portrait");
    let (left, _, right, _) = area();
    let lines = p.text_lines();
    let printer = lines
        .iter()
        .find(|l| l.text().contains("印发"))
        .unwrap_or_else(|| panic!("{name}: 印发 line on the last page"));
    assert!((printer.size() - 14.0).abs() < 0.1, "版记 in 4号");
    assert!(
        (printer.x1() - (right - 14.0)).abs() < tol(),
        "印发日期 1 character from the right"
    );
    assert!(
        (printer.x0() - (left + 14.0)).abs() < tol(),
        "印发机关 1 character from the left"
    );
    let rules: Vec<_> = p.lines.iter().filter(|r| r.x1 - r.x0 > mm(150.0)).collect();
    let has_cc = lines.iter().any(|l| l.text().starts_with("抄送："));
    let rows = 1 + usize::from(has_cc);
    assert_eq!(
        rules.len(),
        rows + 1,
        "{name}: 版记 has a line above, between and below its rows: {rules:?}"
    );
    let faults = end_block_faults(pdf, true);
    assert!(faults.is_empty(), "{name}: {faults:?}");
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn every_sample_passes_openxml_audit() {
    let py = python();
    let mut schemes = samples();
    schemes.push(repo().join("tests/fixtures/measure.yaml"));
    schemes.push(repo().join("tests/fixtures/signer.yaml"));
    for scheme in schemes {
        let dir = tempfile::tempdir().unwrap();
        let docx = common::render(&scheme, dir.path());
        let findings = common::audit(&py, &docx);
        assert!(findings.is_empty(), "{}: {findings:?}", scheme.display());
    }
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn the_first_page_shows_body_text() {
    let docs = all_documents();
    for (name, pdf) in docs {
        assert!(
            body_lines(&pdf.pages[0]).len() > 1,
            "{name}: page 1 shows body text"
        );
    }
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn signer_shares_the_doc_no_line_one_character_in_from_each_side() {
    let dir = tempfile::tempdir().unwrap();
    let (theirs, ours) = common::both_pdfs(&repo().join("tests/fixtures/signer.yaml"), dir.path());
    signer_line_of(&theirs);
    signer_line_of(&ours);
}

fn signer_line_of(pdf: &Pdf) {
    let (left, _, right, _) = area();
    let lines = pdf.pages[0].text_lines();
    let mut line = lines
        .iter()
        .find(|l| l.text().contains("签发人："))
        .expect("签发人 line")
        .clone();
    // The number is set 1 character in by a full-width space, which a PDF may keep as text.
    line.chars.retain(|c| c.text != "　" || c.x0 > left + 20.0);
    assert!(
        line.text().starts_with("青政〔2024〕5号"),
        "{}",
        line.text()
    );
    assert!(
        (line.x0() - (left + 15.75)).abs() < tol(),
        "发文字号 1 character from the left"
    );
    let rule = (pdf.pages[0].lines.iter())
        .find(|r| r.color.as_deref() == Some(&[1.0, 0.0, 0.0][..]))
        .expect("the red separator");
    assert!(
        (rule.x0 - left).abs() < tol() && (rule.x1 - right).abs() < tol(),
        "the separator spans the text width under a line with 签发人"
    );
    assert!(
        (line.x1() - (right - 15.75)).abs() < tol(),
        "签发人 1 character from the right"
    );
    let name = line.chars.last().unwrap();
    assert_ne!(
        name.font, line.chars[0].font,
        "签发人 names in 楷体, the label in 仿宋"
    );
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn joint_mark_stacks_the_organs_with_the_suffix_centred_beside_them() {
    for name in both("joint.yaml") {
        joint_mark_of(document(&name));
    }
}

fn joint_mark_of(pdf: &Pdf) {
    let lines = pdf.pages[0].text_lines();
    let red = red_lines(&lines);
    let names: Vec<_> = red.iter().filter(|l| !l.text().contains("文件")).collect();
    let suffix = red
        .iter()
        .find(|l| l.text() == "文件")
        .expect("文件 on a line of its own");
    assert_eq!(
        names.len(),
        2,
        "two organs stacked: {:?}",
        red.iter().map(|l| l.text()).collect::<Vec<_>>()
    );
    assert!(
        (names[0].x0() - names[1].x0()).abs() < 1.0 && (names[0].x1() - names[1].x1()).abs() < 1.0,
        "names spread to one width"
    );
    assert!(
        suffix.x0() > names[0].x1(),
        "文件 to the right of the names"
    );
    let names_mid = (names[0].top() + names[1].top() + names[1].size()) / 2.0;
    let suffix_mid = suffix.top() + suffix.size() / 2.0;
    assert!(
        (names_mid - suffix_mid).abs() < tol(),
        "文件 centred against the names"
    );
    let (_, top, _, _) = area();
    assert!(
        (names[0].top() - (top + mm(35.0))).abs() < tol(),
        "mark top 35 mm below the text area top"
    );
}
