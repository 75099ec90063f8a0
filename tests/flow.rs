//! dossier's own line breaking checked against the fonts it measures with and against
//! LibreOffice's layout of the same DOCX, line by line.

mod common;

use std::path::Path;

use common::end_block::end_block_faults;
use dossier::flow::{lines, para_text};
use dossier::layout::{FontProfile, GBT9704, PageRule, TIMES};
use dossier::model::TableSource;
use dossier::template::{ENTRY, Templates};
use dossier::typeset::{Galley, Item, Role};

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

/// Calls `f` with the galley of `scheme`'s documents and its font profile.
fn with_galley<T>(scheme: &Path, f: impl FnOnce(&Galley<'_>, &FontProfile) -> T) -> T {
    let doc = dossier::read::scheme::load(scheme).expect("scheme");
    let text = Templates::load(None)
        .expect("templates")
        .render(&doc)
        .expect("render");
    let tables: Vec<TableSource<'_>> = doc.tables().into_iter().map(TableSource::Held).collect();
    let mut markup = dossier::markup::parse(&text, ENTRY, tables).expect("markup");
    markup.files.clone_from(&doc.files);
    let mut galley = dossier::typeset::typeset(&markup, &GBT9704).expect("typeset");
    let fonts = FontProfile::named(doc.fonts.as_deref()).expect("fonts");
    dossier::flow::fit(&mut galley, &GBT9704, fonts).expect("fit");
    f(&galley, fonts)
}

/// The lines dossier breaks the galley's paragraphs into (but those laid out by a tab stop),
/// spaces left out as the PDF's text leaves them out.
fn paragraph_lines(galley: &Galley<'_>, fonts: &FontProfile) -> Vec<String> {
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

/// The text lines of a PDF, spaces left out.
fn libreoffice_lines(pdf: &common::Pdf) -> Vec<String> {
    pdf.pages
        .iter()
        .flat_map(|p| p.text_lines())
        .map(|l| l.text().replace([' ', '\u{3000}'], ""))
        .collect()
}

/// The lines of `ours` LibreOffice does not have, in order (each looked for a little ahead of
/// the last found, past lines of what is not compared).
fn misses(ours: &[String], theirs: &[String]) -> Vec<String> {
    let mut next = 0;
    let mut misses = Vec::new();
    for line in ours {
        match theirs[next..].iter().take(60).position(|t| t == line) {
            Some(i) => next += i + 1,
            None => misses.push(line.clone()),
        }
    }
    misses
}

/// What dossier puts on each page of the galley: each page's characters, sorted, spaces
/// left out (a table row's cells share a line of the PDF, so lines are not compared).
fn placed_pages(galley: &Galley<'_>, fonts: &FontProfile) -> Vec<String> {
    let rows = table_rows(galley);
    let mut pages: Vec<Vec<char>> = Vec::new();
    for placed in dossier::flow::pages(galley, fonts).expect("pages") {
        let text = placed_text(galley, &rows, &placed);
        if pages.len() <= placed.page {
            pages.resize(placed.page + 1, Vec::new());
        }
        pages[placed.page].extend(text[placed.line.start..placed.line.end].chars());
    }
    // A 函's mark is drawn on its first page outside the flow.
    if let (Some(head), Some(first)) = (&galley.letter, pages.first_mut()) {
        first.extend(head.mark.runs.iter().flat_map(|r| r.text.chars()));
    }
    pages.into_iter().map(sorted).collect()
}

/// Each table's body rows, by the table's index in the galley: each cell's text.
fn table_rows(galley: &Galley<'_>) -> std::collections::HashMap<usize, Vec<Vec<String>>> {
    let mut out = std::collections::HashMap::new();
    for (i, item) in galley.items.iter().enumerate() {
        let Item::Table(t) = item else { continue };
        let mut rows = Vec::new();
        t.rows
            .each(&mut |cells| {
                rows.push(cells.iter().map(|c| c.text.clone()).collect());
                Ok(())
            })
            .expect("rows");
        out.insert(i, rows);
    }
    out
}

/// The text of the paragraph or cell a placed line is a line of; `rows` are the tables'.
fn placed_text(
    galley: &Galley<'_>,
    rows: &std::collections::HashMap<usize, Vec<Vec<String>>>,
    placed: &dossier::flow::Placed,
) -> String {
    use dossier::flow::Source;
    match placed.source {
        Source::Para(i) => match &galley.items[i] {
            Item::Para(p) => para_text(p),
            _ => unreachable!("a paragraph"),
        },
        Source::Mark(i, name) => match &galley.items[i] {
            Item::JointMark(m) => para_text(name.map_or(&m.suffix, |n| &m.names[n])),
            _ => unreachable!("a mark"),
        },
        Source::Cell(i, row, column) => match &galley.items[i] {
            Item::Table(t) => match row {
                None => para_text(&t.header[column]),
                Some(r) => rows[&i][r][column].clone(),
            },
            _ => unreachable!("a table"),
        },
        Source::End(i) => para_text(&galley.end_block.as_ref().expect("版记").rows[i].para),
    }
}

fn sorted(chars: impl IntoIterator<Item = char>) -> String {
    let mut v: Vec<char> = chars
        .into_iter()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    v.sort_unstable();
    v.into_iter().collect()
}

/// A PDF's pages as [`placed_pages`] gives them, page numbers left out.
fn libreoffice_pages(pdf: &common::Pdf) -> Vec<String> {
    pdf.pages
        .iter()
        .map(|p| {
            let lines = p.text_lines();
            let body = lines.iter().filter(|l| {
                let t = l.text().replace(' ', "");
                !(t.starts_with('—')
                    && t.ends_with('—')
                    && t.trim_matches('—').chars().all(|c| c.is_ascii_digit()))
            });
            sorted(body.flat_map(|l| l.text().chars().collect::<Vec<_>>()))
        })
        .collect()
}

/// How `ours` differs from `theirs`, page by page.
fn page_differences(scheme: &Path, ours: &[String], theirs: &[String]) -> Vec<String> {
    if ours.len() != theirs.len() {
        return vec![format!(
            "{}: {} pages, LibreOffice {}",
            scheme.display(),
            ours.len(),
            theirs.len()
        )];
    }
    let pages = ours.iter().zip(theirs).enumerate();
    pages
        .filter(|(_, (a, b))| a != b)
        .map(|(n, _)| format!("{} page {}", scheme.display(), n + 1))
        .collect()
}

#[test]
#[ignore = "needs LibreOffice with the CJK fonts and the validators' Python — bash .ci/run installs them"]
fn lines_and_pages_are_where_libreoffice_sets_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut lines, mut pages) = (0, 0);
    let (mut line_misses, mut page_misses) = (Vec::new(), Vec::new());
    let mut end_faults = Vec::new();
    for scheme in common::layout_schemes() {
        let (pdf, ours) = common::both_pdfs(&scheme, dir.path());
        end_faults.extend(end_block_faults_in_both(&scheme, &pdf, &ours));
        let ours = with_galley(&scheme, paragraph_lines);
        let missed = misses(&ours, &libreoffice_lines(&pdf));
        lines += ours.len();
        line_misses.extend(
            missed
                .into_iter()
                .map(|m| format!("{}: {m}", scheme.display())),
        );
        let theirs = libreoffice_pages(&pdf);
        pages += theirs.len();
        page_misses.extend(page_differences(
            &scheme,
            &with_galley(&scheme, placed_pages),
            &theirs,
        ));
    }
    eprintln!(
        "{} of {lines} lines and {} of {pages} pages as LibreOffice sets them",
        lines - line_misses.len(),
        pages - page_misses.len()
    );
    assert!(
        lines > 1000 && pages > 100,
        "enough compared: {lines} lines, {pages} pages"
    );
    assert!(
        line_misses.is_empty(),
        "lines LibreOffice breaks otherwise:\n{}",
        line_misses.join("\n")
    );
    assert!(
        page_misses.is_empty(),
        "pages otherwise:\n{}",
        page_misses.join("\n")
    );
    assert!(end_faults.is_empty(), "{}", end_faults.join("\n"));
}

/// Where the 版记 of `scheme` breaks the rules in LibreOffice's PDF `theirs` and dossier's
/// `ours`: on the last page at the text area's foot, on an even page unless the scheme says
/// otherwise, numbered unless a blank page goes before it.
fn end_block_faults_in_both(
    scheme: &Path,
    theirs: &common::Pdf,
    ours: &common::Pdf,
) -> Vec<String> {
    let Some(even) = with_galley(scheme, |g, _| g.end_block.as_ref().map(|e| e.even_page)) else {
        return Vec::new();
    };
    [("LibreOffice", theirs), ("dossier", ours)]
        .into_iter()
        .flat_map(|(who, pdf)| {
            end_block_faults(pdf, even)
                .into_iter()
                .map(move |f| format!("{} ({who}): {f}", scheme.display()))
        })
        .collect()
}

/// What the placed line is, when it is a paragraph's.
fn role_of(galley: &Galley<'_>, placed: &dossier::flow::Placed) -> Option<Role> {
    match placed.source {
        dossier::flow::Source::Para(i) => match &galley.items[i] {
            Item::Para(p) => Some(p.role),
            _ => None,
        },
        dossier::flow::Source::Cell(..) => Some(Role::Text),
        _ => None,
    }
}

/// The page rules each document breaks, in dossier's layout: page 1 without body text after
/// the 主送, a page with the signature or date and no body text, a page ending with a heading.
fn broken_rules(galley: &Galley<'_>, fonts: &FontProfile) -> Vec<String> {
    let placed = dossier::flow::pages(galley, fonts).expect("pages");
    let to = galley
        .items
        .iter()
        .position(|i| matches!(i, Item::Para(p) if p.role == Role::To));
    let is_body = |p: &dossier::flow::Placed| {
        let after_to = match p.source {
            dossier::flow::Source::Para(i) => to.is_none_or(|to| i > to),
            _ => true,
        };
        matches!(role_of(galley, p), Some(Role::Text | Role::Heading)) && after_to
    };
    let mut broken: Vec<String> = end_on_odd_page(galley, &placed).into_iter().collect();
    if placed.iter().any(is_body) && !placed.iter().any(|p| p.page == 0 && is_body(p)) {
        broken.push("page 1 shows no body text".to_string());
    }
    let last_page = placed.last().map_or(0, |p| p.page);
    for page in 0..=last_page {
        let on: Vec<_> = placed.iter().filter(|p| p.page == page).collect();
        let closing = on
            .iter()
            .any(|p| matches!(role_of(galley, p), Some(Role::Signature | Role::Date)));
        let text = on.iter().any(|p| {
            matches!(
                role_of(galley, p),
                Some(Role::Text | Role::Heading | Role::Attachments)
            )
        });
        if closing && !text {
            broken.push(format!(
                "page {} holds the signature without text",
                page + 1
            ));
        }
        let last = on.iter().max_by_key(|p| p.top);
        if last.is_some_and(|p| role_of(galley, p) == Some(Role::Heading)) && page < last_page {
            broken.push(format!("page {} ends with a heading", page + 1));
        }
        if let Some(p) = last.filter(|p| run_in_heading_goes_on(galley, p)) {
            let text = match &galley.items[source_index(p)] {
                Item::Para(q) => para_text(q),
                _ => String::new(),
            };
            broken.push(format!("page {} splits the heading of「{text}」", page + 1));
        }
    }
    broken
}

/// The 版记 on an odd page when it asks for an even one.
fn end_on_odd_page(galley: &Galley<'_>, placed: &[dossier::flow::Placed]) -> Option<String> {
    let even = galley.end_block.as_ref()?.even_page;
    let end = placed
        .iter()
        .find(|p| matches!(p.source, dossier::flow::Source::End(_)))?;
    (even && end.page % 2 == 0).then(|| format!("the 版记 is on page {}", end.page + 1))
}

#[test]
fn every_sample_keeps_the_page_rules_in_dossiers_layout() {
    let mut broken = Vec::new();
    for scheme in common::layout_schemes() {
        let found = with_galley(&scheme, broken_rules);
        broken.extend(
            found
                .into_iter()
                .map(|b| format!("{}: {b}", scheme.display())),
        );
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn a_body_too_short_to_break_is_divided_so_page_1_and_the_signature_keep_text() {
    let scheme = common::repo().join("tests/fixtures/short-body.yaml");
    let doc = dossier::read::scheme::load(&scheme).expect("scheme");
    let text = Templates::load(None).unwrap().render(&doc).unwrap();
    let markup = dossier::markup::parse(&text, ENTRY, Vec::new()).expect("markup");
    let mut galley = dossier::typeset::typeset(&markup, &GBT9704).expect("typeset");
    let fonts = FontProfile::named(None).unwrap();
    let fitted = dossier::flow::fit(&mut galley, &GBT9704, fonts).unwrap();
    assert!(fitted.kept, "the rules hold");
    assert!(fitted.fit.is_some_and(|f| f.divided), "{:?}", fitted.fit);
    let parts: Vec<&dossier::typeset::Para> = (galley.items.iter())
        .filter_map(|i| match i {
            Item::Para(p) if p.role == Role::Text => Some(p),
            _ => None,
        })
        .take(2)
        .collect();
    let [first, rest] = parts.as_slice() else {
        panic!("the body in two parts: {parts:?}");
    };
    assert!(
        first.first_line > 0 && rest.first_line == 0,
        "the second part sets on unindented"
    );
    assert!(
        !first.keep_next && rest.keep_next,
        "the last line kept with the signature"
    );
}

fn source_index(p: &dossier::flow::Placed) -> usize {
    match p.source {
        dossier::flow::Source::Para(i) => i,
        _ => usize::MAX,
    }
}

/// Whether placed line `p`, the last on its page, ends inside the run-in heading its
/// paragraph opens with (a first run in another face than the body's).
fn run_in_heading_goes_on(galley: &Galley<'_>, p: &dossier::flow::Placed) -> bool {
    let Some(Item::Para(para)) = galley.items.get(source_index(p)) else {
        return false;
    };
    let (Some(first), Some(body)) = (para.runs.first(), para.runs.get(1)) else {
        return false;
    };
    let heading = (first.face, first.bold) != (body.face, body.bold);
    heading && p.line.end < first.text.len()
}

/// How `scheme`'s documents fit their pages.
fn fitted(scheme: &Path) -> dossier::flow::Fitted {
    let doc = dossier::read::scheme::load(scheme).expect("scheme");
    let text = Templates::load(None).unwrap().render(&doc).unwrap();
    let tables: Vec<TableSource<'_>> = doc.tables().into_iter().map(TableSource::Held).collect();
    let mut markup = dossier::markup::parse(&text, ENTRY, tables).expect("markup");
    markup.files.clone_from(&doc.files);
    let mut galley = dossier::typeset::typeset(&markup, &GBT9704).expect("typeset");
    let fonts = FontProfile::named(doc.fonts.as_deref()).expect("fonts");
    dossier::flow::fit(&mut galley, &GBT9704, fonts).expect("fit")
}

/// Each rule's result as (rule, page, held).
fn results(f: &dossier::flow::Fitted) -> Vec<(PageRule, usize, bool)> {
    f.rules.iter().map(|c| (c.rule, c.page, c.held)).collect()
}

#[test]
fn a_notice_that_keeps_the_page_rules_says_so_page_by_page() {
    let f = fitted(&common::repo().join("schemes/fulian.yaml"));
    assert_eq!((f.fit, f.note(&GBT9704)), (None, None), "nothing changed");
    assert_eq!(
        results(&f),
        [
            (PageRule::FirstPageText, 1, true),
            (PageRule::SignatureWithText, 1, true),
            (PageRule::EndOnEvenPage, 4, true),
        ]
    );
    let said: Vec<&str> = f.rules.iter().map(|c| c.message.as_str()).collect();
    assert_eq!(
        said,
        [
            "第 1 页在主送之后有正文",
            "第 1 页署名与正文同处一面",
            "版记在第 4 页（偶数页，末页）"
        ]
    );
}

#[test]
fn a_notice_fitted_to_the_rules_says_what_was_changed_and_that_they_hold() {
    let f = fitted(&common::repo().join("tests/fixtures/short-body.yaml"));
    assert_eq!(f.needed, [PageRule::FirstPageText], "page 1 had no text");
    assert_eq!(
        f.note(&GBT9704).as_deref(),
        Some("为使第 1 页在主送之后有正文，署名前一段在行末分为两段，后段与署名同页")
    );
    assert_eq!(
        results(&f),
        [
            (PageRule::FirstPageText, 1, true),
            (PageRule::SignatureWithText, 2, true)
        ],
        "the signature went on to page 2 with the body's last line"
    );
}

#[test]
fn the_end_blocks_rule_names_the_last_page_and_it_is_even() {
    for name in ["sealed.yaml", "minutes.yaml", "task-areas.yaml"] {
        let f = fitted(&common::repo().join("schemes").join(name));
        let placed = f.placement.as_ref().expect("laid out");
        let last = (placed.lines.iter().map(|p| p.page))
            .chain(placed.rows.iter().map(|r| r.page))
            .max()
            .expect("a page");
        let end: Vec<_> = (f.rules.iter())
            .filter(|c| c.rule == PageRule::EndOnEvenPage)
            .collect();
        let [end] = end.as_slice() else {
            panic!("{name}: one 版记 rule: {:?}", f.rules)
        };
        assert!(end.held && end.page == last + 1, "{name}: {end:?}");
        assert_eq!(end.page % 2, 0, "{name}: {end:?}");
        assert_eq!(
            end.message,
            format!("版记在第 {} 页（偶数页，末页）", end.page)
        );
    }
    let minutes = fitted(&common::repo().join("schemes/minutes.yaml"));
    assert!(
        minutes
            .rules
            .iter()
            .all(|c| c.rule == PageRule::EndOnEvenPage),
        "a 纪要 has no 主送: only the 版记's rule"
    );
}
