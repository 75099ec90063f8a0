//! Shared test helpers: run the binary, and reach the real clients (LibreOffice, the Python
//! validators, the extractors) that measure its output. The tests that need a client are
//! `#[ignore]`d with the reason; run with `--include-ignored`, a missing client fails them
//! with what is missing, so no test passes without measuring.
#![allow(dead_code)]

pub mod browser;
pub mod compared;
pub mod end_block;
pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `dossier` with `args`.
pub fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .expect("dossier runs")
}

/// Runs dossier with `args`, killing it (and failing the test) if it is still running after
/// `limit`: a hang must fail, not stall the suite. Its output is drained on threads, so a
/// chatty run cannot block on a full pipe.
pub fn dossier_within(args: &[&str], limit: std::time::Duration) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dossier starts");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            r.read_to_end(&mut s).expect("pipe reads");
            s
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if started.elapsed() > limit {
            child.kill().expect("kill");
            child.wait().expect("reap");
            panic!("dossier {args:?} hung: still running after {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().expect("stdout thread"),
        stderr: err.join().expect("stderr thread"),
    }
}

/// The sample scheme files.
pub fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join("schemes"))
        .expect("schemes/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    assert!(v.len() >= 3, "schemes/ holds at least three samples");
    v
}

/// Renders `scheme` into `dir` and returns the DOCX path.
pub fn render(scheme: &Path, dir: &Path) -> PathBuf {
    let out = dossier(&[
        "render",
        &scheme.to_string_lossy(),
        "-o",
        &dir.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "render {} failed: {}",
        scheme.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    assert!(path.is_file(), "render printed an existing path");
    path
}

/// Renders `scheme` into `dir` with `--pdf` and returns the DOCX's and the PDF's paths.
pub fn render_with_pdf(scheme: &Path, dir: &Path) -> (PathBuf, PathBuf) {
    let out = dossier(&["render", s(scheme), "--pdf", "-o", s(dir)]);
    assert!(
        out.status.success(),
        "render --pdf {} failed: {}",
        scheme.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let paths: Vec<PathBuf> = stdout.lines().map(PathBuf::from).collect();
    let [docx, pdf] = paths.as_slice() else {
        panic!("render --pdf printed two paths: {stdout}")
    };
    assert!(docx.is_file() && pdf.is_file(), "both written");
    (docx.clone(), pdf.clone())
}

/// The scheme files dossier's layout is checked on: the samples, the fixtures and the corpus
/// built to stress breaking.
pub fn layout_schemes() -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = ["schemes", "tests/fixtures", "tests/layout_corpus"]
        .iter()
        .flat_map(|d| std::fs::read_dir(repo().join(d)).expect("folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    all.sort();
    all
}

/// LibreOffice's PDF of `docx`, converted from a copy in `dir/libreoffice` (so that it does
/// not replace a PDF dossier wrote beside the DOCX).
pub fn libreoffice_pdf_of(docx: &Path, dir: &Path) -> PathBuf {
    let theirs = dir.join("libreoffice");
    std::fs::create_dir_all(&theirs).expect("folder");
    let copy = theirs.join(docx.file_name().expect("a name"));
    std::fs::copy(docx, &copy).expect("copy");
    to_pdf(&copy)
}

/// LibreOffice's PDF of the DOCX dossier renders from `scheme` into `dir`, and dossier's own
/// PDF of it, both measured.
pub fn both_pdfs(scheme: &Path, dir: &Path) -> (Pdf, Pdf) {
    let (docx, ours) = render_with_pdf(scheme, dir);
    let py = python();
    (
        probe(&py, &libreoffice_pdf_of(&docx, dir)),
        probe(&py, &ours),
    )
}

/// Fails the calling test: `what` is missing.
fn missing(what: &str) -> ! {
    panic!("{what} not found — bash .ci/run installs it")
}

/// `name` found on PATH (`what` names it in the failure when it is not there).
fn program(name: &str, what: &str) -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| missing(what))
}

/// Debian's chromium.
pub fn chromium() -> PathBuf {
    program("chromium", "chromium (the browser)")
}

/// chromedriver, which drives chromium over WebDriver.
pub fn chromedriver() -> PathBuf {
    program("chromedriver", "chromedriver (Debian's chromium-driver)")
}

/// Info-ZIP `unzip`.
pub fn unzip() -> PathBuf {
    program("unzip", "Info-ZIP unzip")
}

/// 7-Zip's `7z`.
pub fn sevenzip() -> PathBuf {
    program("7z", "7-Zip (7z, package p7zip-full)")
}

/// The Python of the validators' venv: `DOSSIER_PYTHON`, else `.venv/bin/python`.
pub fn python() -> PathBuf {
    let (p, from) = match std::env::var_os("DOSSIER_PYTHON") {
        Some(p) => (PathBuf::from(p), "DOSSIER_PYTHON"),
        None => (
            repo().join(".venv/bin/python"),
            "the venv at the repository root",
        ),
    };
    if !p.is_file() {
        missing(&format!("the validators' Python {} ({from})", p.display()));
    }
    p
}

/// The faces GB/T 9704 names and the open fonts the layout tests were calibrated with, as
/// tests/tools/35-dossier-cjk-aliases.conf maps them.
const CJK_ALIASES: [(&str, &str); 3] = [
    ("仿宋_GB2312", "Noto Serif CJK SC"),
    ("黑体", "Noto Sans CJK SC"),
    ("楷体_GB2312", "AR PL UKai CN"),
];

/// LibreOffice's `soffice`, once fontconfig is seen to give it the calibrated CJK fonts: other
/// fonts would move every measured line.
pub fn libreoffice() -> PathBuf {
    let soffice = program("soffice", "LibreOffice (soffice)");
    let fc_match = program("fc-match", "fontconfig (fc-match)");
    for (face, font) in CJK_ALIASES {
        let out = Command::new(&fc_match)
            .args([face, "family"])
            .output()
            .expect("fc-match runs");
        if String::from_utf8_lossy(&out.stdout).trim() != font {
            missing(&format!(
                "{font} for {face} (the CJK fonts and tests/tools/35-dossier-cjk-aliases.conf)"
            ));
        }
    }
    soffice
}

static PROFILE: AtomicUsize = AtomicUsize::new(0);

/// Converts `docx` to PDF with LibreOffice, beside it.
pub fn to_pdf(docx: &Path) -> PathBuf {
    let dir = docx.parent().expect("docx has a folder");
    // Each conversion gets its own profile so tests can convert in parallel.
    let profile = std::env::temp_dir().join(format!(
        "dossier-lo-{}-{}",
        std::process::id(),
        PROFILE.fetch_add(1, Ordering::SeqCst)
    ));
    let out = Command::new(libreoffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    let _ = std::fs::remove_dir_all(&profile);
    let pdf = docx.with_extension("pdf");
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF of {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// openxml-audit's findings on `path` (empty when it opens clean).
pub fn audit(python: &Path, path: &Path) -> Vec<String> {
    let bin = python.with_file_name("openxml-audit");
    let out = Command::new(bin)
        .args(["-o", "json", "-m", "0"])
        .arg(path)
        .output()
        .expect("openxml-audit runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "openxml-audit printed no JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut findings = Vec::new();
    for file in report.as_array().expect("a list of files") {
        for key in ["errors", "warnings"] {
            if let Some(list) = file.get(key).and_then(|v| v.as_array()) {
                findings.extend(list.iter().map(|f| f.to_string()));
            }
        }
        let errors = file["error_count"].as_u64().expect("error_count");
        let warnings = file["warning_count"].as_u64().unwrap_or(0);
        assert_eq!(
            errors + warnings,
            findings.len() as u64,
            "finding counts agree"
        );
    }
    findings
}

/// A PDF's pages as `tests/tools/pdf_probe.py` reports them.
#[derive(Debug, Deserialize)]
pub struct Pdf {
    pub pages: Vec<Page>,
}

#[derive(Debug, Deserialize)]
pub struct Page {
    pub number: usize,
    pub width: f64,
    pub height: f64,
    pub chars: Vec<Char>,
    pub lines: Vec<Line>,
    pub images: Vec<Picture>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Picture {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub masked: bool,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Char {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub baseline: f64,
    pub size: f64,
    pub font: String,
    pub color: Option<Vec<f64>>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Line {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub width: f64,
    pub color: Option<Vec<f64>>,
}

/// Reads `pdf` through the probe.
pub fn probe(python: &Path, pdf: &Path) -> Pdf {
    let out = Command::new(python)
        .arg(repo().join("tests/tools/pdf_probe.py"))
        .arg(pdf)
        .output()
        .expect("probe runs");
    assert!(
        out.status.success(),
        "probe failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("probe JSON")
}

/// A line of text on a page: characters sharing a baseline, left to right.
#[derive(Debug, Clone)]
pub struct TextLine {
    pub baseline: f64,
    pub chars: Vec<Char>,
}

impl TextLine {
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.text.as_str()).collect()
    }
    pub fn x0(&self) -> f64 {
        self.chars.first().map_or(0.0, |c| c.x0)
    }
    pub fn x1(&self) -> f64 {
        self.chars.last().map_or(0.0, |c| c.x1)
    }
    pub fn top(&self) -> f64 {
        self.chars.iter().map(|c| c.top).fold(f64::MAX, f64::min)
    }
    pub fn size(&self) -> f64 {
        self.chars.iter().map(|c| c.size).fold(0.0, f64::max)
    }
    /// Width in em of the body size: full-width characters 1, others 1/2.
    pub fn em(&self) -> f64 {
        self.chars
            .iter()
            .filter(|c| c.text != " ")
            .map(|c| if c.text.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    }
}

impl Page {
    /// The page's text lines, top to bottom.
    pub fn text_lines(&self) -> Vec<TextLine> {
        let mut chars = self.chars.clone();
        chars.sort_by(|a, b| {
            a.baseline
                .total_cmp(&b.baseline)
                .then(a.x0.total_cmp(&b.x0))
        });
        let mut lines: Vec<TextLine> = Vec::new();
        for c in chars {
            match lines.last_mut() {
                Some(l) if (l.baseline - c.baseline).abs() < 1.0 => l.chars.push(c),
                _ => lines.push(TextLine {
                    baseline: c.baseline,
                    chars: vec![c],
                }),
            }
        }
        for l in &mut lines {
            l.chars.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        }
        lines
    }
}

/// Millimetres in PDF points.
pub fn mm(v: f64) -> f64 {
    v * 72.0 / 25.4
}

/// What python-docx reads from a DOCX (tests/tools/docx_dump.py).
pub fn docx_dump(python: &Path, docx: &Path) -> serde_json::Value {
    let out = Command::new(python)
        .arg(repo().join("tests/tools/docx_dump.py"))
        .arg(docx)
        .output()
        .expect("docx_dump runs");
    assert!(
        out.status.success(),
        "python-docx could not read {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("docx_dump JSON")
}

/// The text of each paragraph python-docx reads.
pub fn paragraph_texts(dump: &serde_json::Value) -> Vec<String> {
    dump["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| p["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Asserts python-docx reads paragraphs holding each of `needles`, one after another in that
/// order (each looked for after the one before).
pub fn assert_paragraphs_in_order(dump: &serde_json::Value, needles: &[&str]) {
    let texts = paragraph_texts(dump);
    let mut from = 0;
    for needle in needles {
        let at = texts[from..].iter().position(|t| t.contains(needle));
        let at = at.unwrap_or_else(|| panic!("{needle} after paragraph {from}: {texts:#?}"));
        from += at + 1;
    }
}

/// Asserts the DOCX's page is GB/T 9704's: A4, margins 37/35/28/26 mm (in twips).
pub fn assert_gbt9704_page(dump: &serde_json::Value) {
    let s = &dump["sections"][0];
    let twips = |key: &str| s[key].as_i64();
    assert_eq!(
        [
            "page_width",
            "page_height",
            "top",
            "bottom",
            "left",
            "right"
        ]
        .map(twips),
        [11906, 16838, 2098, 1984, 1587, 1474].map(Some)
    );
}

/// An evidence folder in a fresh temporary folder: `files` files of `size` random bytes (which
/// no compression shrinks) in each of `folders`, the n-th named `name(n)`.
pub fn random_evidence(
    folders: &[&str],
    files: usize,
    size: usize,
    name: impl Fn(usize) -> String,
) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as u8
    };
    for folder in folders {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        for n in 0..files {
            let bytes: Vec<u8> = (0..size).map(|_| next()).collect();
            std::fs::write(dir.path().join(folder).join(name(n)), bytes).unwrap();
        }
    }
    dir
}

/// A fresh workspace holding schemes/with-table.yaml and the sheet it reads, side by side (the
/// web page reads a scheme file's sheet from the workspace only).
pub fn with_table_workspace() -> tempfile::TempDir {
    let ws = tempfile::tempdir().unwrap();
    let scheme = std::fs::read_to_string(repo().join("schemes/with-table.yaml")).unwrap();
    let scheme = scheme.replace("file: ../samples/分解表.xlsx", "file: 分解表.xlsx");
    std::fs::write(ws.path().join("with-table.yaml"), scheme).unwrap();
    let sheet = ws.path().join("分解表.xlsx");
    std::fs::copy(repo().join("samples/分解表.xlsx"), sheet).unwrap();
    ws
}

/// Writes `text` as a scheme file in a fresh folder and returns (folder, path).
pub fn scheme_file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scheme.yaml");
    std::fs::write(&path, text).expect("write scheme");
    (dir, path)
}

// The hostile corpus's runs: every run killed after `TIMEOUT`, inputs compared by digest.

/// Longer than any case needs by far; a run still going then is hung.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// What a finished run printed.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs dossier with `args`, killing it (and failing) if it is still running after `TIMEOUT`.
pub fn run(args: &[&str]) -> Run {
    let o = dossier_within(args, TIMEOUT);
    Run {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The names of what is in `dir`, sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .into_string()
                .expect("UTF-8 name")
        })
        .collect();
    names.sort();
    names
}

/// Asserts that nothing at all is below `dir` (or that it is not there): what a refused run
/// must leave at its target.
pub fn assert_nothing_in(dir: &Path, what: &str) {
    let left: Vec<_> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .collect();
    assert!(
        left.is_empty(),
        "{what}: nothing written at the target: {left:?}"
    );
}

/// Every file and link below `dir` with a digest of its content (a link by its target), so a
/// changed, added or removed input shows.
pub fn digest(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).follow_links(false) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(dir).expect("below").to_path_buf();
        let kind = e.file_type();
        let what = if kind.is_symlink() {
            format!(
                "link {}",
                std::fs::read_link(e.path()).expect("link").display()
            )
        } else if kind.is_file() {
            let mut h = Sha256::new();
            std::io::copy(&mut std::fs::File::open(e.path()).expect("open"), &mut h).expect("read");
            format!("{:x}", h.finalize())
        } else {
            "dir".to_string()
        };
        out.insert(rel, what);
    }
    out
}

/// The `word/document.xml` of `docx`.
pub fn document_xml(docx: &Path) -> String {
    use std::io::Read;
    let file = std::fs::File::open(docx).expect("open docx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    xml
}

/// The text of the DOCX at `docx`: every `w:t` of its body, in order.
pub fn docx_text(docx: &Path) -> String {
    let xml = document_xml(docx);
    xml.split("<w:t")
        .skip(1)
        .filter_map(|t| t.split_once('>').and_then(|(_, r)| r.split_once("</w:t>")))
        .map(|(text, _)| text.to_string())
        .collect()
}

/// A Word document at `path` whose `word/document.xml` inflates to 129 MiB of spaces, past
/// the 128 MiB a part may have: a zip bomb, small on disk.
pub fn inflating_docx(path: &Path) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", deflated).unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..129 {
        zip.write_all(&spaces).unwrap();
    }
    zip.finish().unwrap();
}
