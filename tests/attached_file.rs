//! An attachment that is a PDF file already made: listed in the 附件说明, its pages set one to a
//! page after its label, each scaled into the text area; page numbers go on over them, and the
//! 版记 still ends on an even page. Measured in dossier's PDF with poppler and qpdf, against a
//! fixture PDF dossier makes first.

mod common;

use std::path::Path;
use std::process::Command;

use common::{dossier, mm, s};

/// A program the test needs, by name.
fn run(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} not found ({e}) — bash .ci/run installs it"))
}

/// A word poppler finds on a page: its text and box, pt from the page's top left.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    y1: f64,
}

/// The words of page `page` (from 1) of `pdf`.
fn words(pdf: &Path, page: usize) -> Vec<Word> {
    let n = page.to_string();
    let out = run("pdftotext", &["-f", &n, "-l", &n, "-bbox", s(pdf), "-"]);
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |line: &str, name: &str| -> f64 {
        let from = line.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        let rest = &line[from..];
        rest[..rest.find('"').expect("closing quote")]
            .parse()
            .expect("a number")
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| Word {
            text: l[l.find('>').expect("tag end") + 1..l.rfind("</word>").expect("end")]
                .to_string(),
            x0: attr(l, "xMin"),
            y0: attr(l, "yMin"),
            y1: attr(l, "yMax"),
        })
        .collect()
}

/// The first word of `words` that starts with `text`.
fn find<'w>(words: &'w [Word], text: &str) -> &'w Word {
    words
        .iter()
        .find(|w| w.text.starts_with(text))
        .unwrap_or_else(|| panic!("「{text}」 not among {words:?}"))
}

/// A page's text with its spaces dropped.
fn text(pdf: &Path, page: usize) -> String {
    words(pdf, page).iter().map(|w| w.text.as_str()).collect()
}

fn pages(pdf: &Path) -> usize {
    let info = String::from_utf8_lossy(&run("pdfinfo", &[s(pdf)]).stdout).into_owned();
    let line = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .expect("a page count");
    line["Pages:".len()..].trim().parse().expect("a number")
}

/// Renders `scheme` with its PDF into `dir`; returns the PDF.
fn render(scheme: &Path, dir: &Path) -> std::path::PathBuf {
    let out = dossier(&["render", s(scheme), "--pdf", "-o", s(dir)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let stem = scheme.file_stem().expect("a name").to_string_lossy();
    dir.join(format!("{stem}.pdf"))
}

/// The fixture: two pages of dossier's own, each with words to find.
const FIXTURE: &str = "scheme:\n  title: 样张甲\n  preamble: 甲页的文字在这里。\nattachments:\n  - title: 样张乙\n    preamble: 乙页的文字在这里。\n";

const SCHEME: &str = "notice:\n  issuer: 青州市文明办\n  date: 2024-05-08\n  printer: 青州市文明办秘书科\nscheme:\n  title: 工作方案\n  preamble: 正文。\nattachments:\n  - title: 任务分解表\n    file: 样张/样张.pdf\n";

/// The text area's left and top edges, its width and height, pt; the body line pitch and how
/// far the line grid sits below the area's top (its whole lines centred in it), pt.
const AREA: (f64, f64, f64, f64) = (28.0, 37.0, 156.0, 225.0);
const PITCH: f64 = 28.95;
const GRID: f64 = 0.45;

#[test]
#[ignore = "needs poppler, qpdf and the CJK fonts — bash .ci/run installs them"]
fn an_attached_pdf_files_pages_are_fitted_into_the_text_area_after_its_label() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture_dir = dir.path().join("样张");
    std::fs::create_dir(&fixture_dir).expect("folder");
    std::fs::write(fixture_dir.join("样张.yaml"), FIXTURE).expect("fixture scheme");
    let fixture = render(&fixture_dir.join("样张.yaml"), &fixture_dir);
    assert_eq!(pages(&fixture), 2, "the fixture has two pages");
    let scheme = dir.path().join("通知.yaml");
    std::fs::write(&scheme, SCHEME).expect("scheme");
    let out_dir = dir.path().join("out");
    let pdf = render(&scheme, &out_dir);

    // Notice, scheme (附件1), the file's two pages (附件2), a blank page, the 版记's page.
    assert_eq!(pages(&pdf), 6);
    let check = run("qpdf", &["--check", s(&pdf)]);
    assert!(check.status.success(), "qpdf --check: {check:?}");
    assert!(text(&pdf, 1).contains("2.任务分解表"), "in the 附件说明");
    assert!(text(&pdf, 3).contains("甲页的文字在这里"));
    assert!(text(&pdf, 4).contains("乙页的文字在这里"));
    assert!(text(&pdf, 5).is_empty(), "the blank page before the 版记");
    assert!(
        text(&pdf, 6).contains("印发"),
        "the 版记 on page 6, an even one"
    );
    for (page, number) in [(2, "—2—"), (3, "—3—"), (4, "—4—")] {
        assert!(text(&pdf, page).contains(number), "page {page} numbered");
    }
    assert!(
        !text(&pdf, 6).contains("—6—"),
        "after a blank page, unnumbered"
    );

    let label = find(&words(&pdf, 3), "附件").clone();
    let (left, top, width, height) = (mm(AREA.0), mm(AREA.1), mm(AREA.2), mm(AREA.3));
    assert!((label.x0 - left).abs() < mm(0.5), "the label at the left");
    assert!(label.y0 > top && label.y1 < top + GRID + PITCH, "on line 1");
    assert_eq!(
        text(&pdf, 3).matches("附件2").count(),
        1,
        "{}",
        text(&pdf, 3)
    );

    // Each fixture word lands where the page, scaled to fit its box and centred, puts it.
    let (pw, ph) = (595.3, 841.9);
    let below_label = GRID + 2.0 * PITCH;
    for (page, box_top, word) in [(3, below_label, "样张甲"), (4, 0.0, "样张乙")] {
        let box_h = height - box_top;
        let scale = (width / pw).min(box_h / ph);
        let x = left + (width - pw * scale) / 2.0;
        let y = top + box_top + (box_h - ph * scale) / 2.0;
        let original = find(&words(&fixture, page - 2), word).clone();
        let placed = find(&words(&pdf, page), word).clone();
        let want = (x + original.x0 * scale, y + original.y0 * scale);
        assert!(
            (placed.x0 - want.0).abs() < mm(0.5) && (placed.y0 - want.1).abs() < mm(0.5),
            "page {page}: {word} at {:?}, wanted {want:?}",
            (placed.x0, placed.y0)
        );
        let size = (placed.y1 - placed.y0) / (original.y1 - original.y0);
        assert!((size - scale).abs() < 0.01, "scaled by {size}, not {scale}");
    }

    let again = render(&scheme, &dir.path().join("again"));
    assert_eq!(
        std::fs::read(&pdf).expect("pdf"),
        std::fs::read(&again).expect("pdf"),
        "the same bytes every time"
    );
}

#[test]
fn the_docx_and_svg_show_each_attached_page_as_its_picture_in_the_same_box() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A 200 × 200 pt page with a blue square in its middle quarter.
    let one = common::repo().join("tests/bad/files/一页.pdf");
    std::fs::copy(&one, dir.path().join("一页.pdf")).expect("fixture");
    let scheme = dir.path().join("通知.yaml");
    let text = SCHEME.replace("样张/样张.pdf", "一页.pdf");
    std::fs::write(&scheme, text).expect("scheme");
    let svgs = dir.path().join("svg");
    let out = dossier(&["render", s(&scheme), "--svg", s(&svgs), "-o", s(dir.path())]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docx = dir.path().join("通知.docx");

    // The square page fills the text area's width (156 mm), one blank line below the label.
    let side = mm(AREA.2);
    let top = mm(AREA.1) + GRID + 2.0 * PITCH;
    let y = top + (mm(AREA.3) - GRID - 2.0 * PITCH - side) / 2.0;
    let xml = common::document_xml(&docx);
    let anchor = &xml[xml.find("<wp:anchor").expect("an anchored picture")..];
    let number = |after: &str| -> f64 {
        let from = anchor.find(after).expect(after) + after.len();
        let digits: String = anchor[from..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse::<f64>().expect("a number") / 12_700.0
    };
    let near = |got: f64, want: f64| (got - want).abs() < mm(0.5);
    assert!(
        near(number(r#"<wp:extent cx=""#), side),
        "as wide as the text area"
    );
    assert!(near(number(r#"" cy=""#), side), "its proportions kept");
    let x = number(r#"<wp:positionH relativeFrom="page"><wp:posOffset>"#);
    let y_got = number(r#"<wp:positionV relativeFrom="page"><wp:posOffset>"#);
    assert!(
        near(x, mm(AREA.0)) && near(y_got, y),
        "at ({x}, {y_got}), wanted ({}, {y})",
        mm(AREA.0)
    );

    let file = std::fs::File::open(&docx).expect("docx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut png = Vec::new();
    std::io::Read::read_to_end(
        &mut zip.by_name("word/media/page1.png").expect("the picture"),
        &mut png,
    )
    .expect("read");
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let frame = reader.next_frame(&mut pixels).expect("a frame");
    let channels = frame.color_type.samples();
    let at = |x: u32, y: u32| {
        let i = y as usize * frame.line_size + x as usize * channels;
        pixels[i..i + 3].to_vec()
    };
    let (w, h) = (frame.width, frame.height);
    assert!((900..=930).contains(&w), "150 dpi over 156 mm: {w} px");
    assert_eq!(
        at(w / 2, h / 2),
        [0, 0, 255],
        "the blue square in the middle"
    );
    assert_eq!(at(2, 2), [255, 255, 255], "the page's white around it");

    let page3 = std::fs::read_to_string(svgs.join("通知-3.svg")).expect("page 3");
    assert!(
        page3.contains(">附件</text>"),
        "the label on the file's page"
    );
    let image = &page3[page3.find("<image ").expect("the page's picture")..];
    let attr = |name: &str| -> f64 {
        let from = image.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        image[from..from + image[from..].find('"').expect("quote")]
            .parse()
            .expect("a number")
    };
    assert!(near(attr("x"), mm(AREA.0)) && near(attr("y"), y) && near(attr("width"), side));
    assert!(page3.contains("— 3 —"), "numbered on");
}

#[test]
fn an_attached_file_past_the_size_limit_is_refused_at_its_value() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Sparse: 64 MiB and one byte, none of it written.
    let big = std::fs::File::create(dir.path().join("大.pdf")).expect("file");
    big.set_len((64 << 20) + 1).expect("size");
    let scheme = dir.path().join("通知.yaml");
    std::fs::write(&scheme, SCHEME.replace("样张/样张.pdf", "大.pdf")).expect("scheme");
    let out = dossier(&["check", s(&scheme)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("通知.yaml:10:11: 错误：附件文件「大.pdf」超过 64 MiB 的上限"),
        "{err}"
    );
}

#[test]
#[ignore = "needs LibreOffice with the CJK fonts and their aliases, and poppler — bash .ci/run installs them"]
fn libreoffice_sets_the_docx_on_the_pages_of_dossiers_pdf() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        common::repo().join("schemes/fulian.yaml"),
        dir.path().join("fulian.yaml"),
    )
    .expect("a sample");
    // A four-page notice of dossier's own, attached as a file.
    let sample = render(&dir.path().join("fulian.yaml"), dir.path());
    std::fs::create_dir(dir.path().join("样张")).expect("folder");
    std::fs::copy(&sample, dir.path().join("样张/样张.pdf")).expect("fixture");
    let scheme = dir.path().join("通知.yaml");
    std::fs::write(&scheme, SCHEME).expect("scheme");
    let ours = render(&scheme, &dir.path().join("out"));
    let theirs = common::libreoffice_pdf_of(&ours.with_extension("docx"), dir.path());
    // Notice, scheme, the file's four pages, the 版记's page (page 7 would be odd: a blank).
    assert_eq!((pages(&ours), pages(&theirs)), (8, 8));
    for page in 1..=8 {
        let (a, b) = (text(&ours, page), text(&theirs, page));
        let numbered = |t: &str| t.contains(&format!("—{page}—"));
        assert_eq!(numbered(&a), numbered(&b), "page {page}: {a} / {b}");
    }
    assert!(
        text(&theirs, 3).starts_with("附件2"),
        "the label over the first picture"
    );
    assert!(text(&theirs, 8).contains("印发"), "the 版记 on page 8");
    let images =
        String::from_utf8_lossy(&run("pdfimages", &["-list", s(&theirs)]).stdout).into_owned();
    let on: Vec<&str> = (images.lines().skip(2))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        on,
        ["3", "4", "5", "6"],
        "a picture on each of the file's pages"
    );
}

/// Whether each page of `pdf` is landscape.
fn landscape_pages(pdf: &Path) -> Vec<bool> {
    let n = pages(pdf).to_string();
    let info = run("pdfinfo", &["-f", "1", "-l", &n, s(pdf)]);
    String::from_utf8_lossy(&info.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| {
            let size: Vec<f64> = (l.split_whitespace())
                .filter_map(|w| w.parse().ok())
                .collect();
            // "Page    3 size: 841.89 x 595.304 pts": the page's number, its width, its height.
            size[1] > size[2]
        })
        .collect()
}

#[test]
#[ignore = "needs LibreOffice with the CJK fonts and their aliases, and poppler — bash .ci/run installs them"]
fn a_landscape_file_gets_landscape_pages_as_dossiers_own_tables_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("样张")).expect("folder");
    // dossier's own 测评任务分解表: a wide table on landscape pages.
    let table = dir.path().join("样张/样张.docx");
    let sheet = common::repo().join("samples/分解表.xlsx");
    let out = dossier(&["table", s(&sheet), "--pdf", "-o", s(&table)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file_pages = pages(&table.with_extension("pdf"));
    let scheme = dir.path().join("通知.yaml");
    std::fs::write(&scheme, SCHEME).expect("scheme");
    let ours = render(&scheme, &dir.path().join("out"));
    let theirs = common::libreoffice_pdf_of(&ours.with_extension("docx"), dir.path());
    let (a, b) = (landscape_pages(&ours), landscape_pages(&theirs));
    assert_eq!(a, b, "LibreOffice turns the same pages");
    let turned: Vec<usize> = (a.iter().enumerate())
        .filter(|&(_, &l)| l)
        .map(|(i, _)| i + 1)
        .collect();
    let want: Vec<usize> = (3..3 + file_pages).collect();
    assert_eq!(
        turned, want,
        "the file's pages, and only they, are landscape"
    );
    assert!(
        text(&ours, 3).starts_with("附件2"),
        "the label on the first"
    );
    assert!(
        text(&theirs, 3).starts_with("附件2"),
        "the label on the first"
    );
}
