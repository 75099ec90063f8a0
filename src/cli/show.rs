//! What the command line prints of each operation's report: the paths written on stdout, one a
//! line, so scripts can use them; everything else on stderr.

use std::path::{Path, PathBuf};

use crate::app::{bundle, import, lint, render, split, tally, verify};
use crate::error::{Result, shown};
use crate::text::human_size;

/// Prints a path written.
pub fn written(path: &Path) -> Result<()> {
    print_path(path);
    Ok(())
}

/// Prints the paths written.
pub fn all_written(paths: &[PathBuf]) -> Result<()> {
    paths.iter().for_each(|p| print_path(p));
    Ok(())
}

fn print_path(path: &Path) {
    println!("{}", shown(path));
}

/// The failures of a render, the fonts the PDFs used when `verbose`, then the documents
/// written.
pub fn render(r: &render::Report, verbose: bool) -> Result<()> {
    for e in &r.failed {
        eprintln!("{e}");
    }
    r.warnings.iter().for_each(|w| eprintln!("{w}"));
    if verbose {
        r.fonts.iter().for_each(|f| eprintln!("字体：{f}"));
    }
    r.written.iter().for_each(|p| print_path(p));
    r.outcome()
}

/// That the scheme file passed, when it did.
pub fn checked(checked: Result<Vec<String>>, scheme: &Path) -> Result<()> {
    checked?.iter().for_each(|w| eprintln!("{w}"));
    println!("{}: 检查通过", shown(scheme));
    Ok(())
}

/// The YAML written, or the YAML itself when it went nowhere.
pub fn imported(r: &import::Report) -> Result<()> {
    match &r.written {
        Some(path) => print_path(path),
        None => print!("{}", r.yaml),
    }
    Ok(())
}

/// The index first, then each unit's notice.
pub fn split(r: &split::Report) -> Result<()> {
    print_path(&r.index);
    r.units.iter().chain(&r.pdfs).for_each(|p| print_path(p));
    Ok(())
}

/// The bulletin, then its workbook.
pub fn tallied(r: &tally::Report) -> Result<()> {
    print_path(&r.docx);
    print_path(&r.xlsx);
    r.pdf.iter().for_each(|p| print_path(p));
    Ok(())
}

/// What was set aside, a summary line, then the archives and the master index.
pub fn bundled(r: &bundle::Report) -> Result<()> {
    for (path, why) in &r.set_aside {
        eprintln!("{path}: {why}");
    }
    let matched = if r.indicators > 0 {
        format!("{} 项指标中 {} 项有材料", r.indicators, r.covered)
    } else {
        "未按指标对应（没有 --scheme）".to_string()
    };
    eprintln!(
        "已打包 {} 个文件，共 {}；{matched}",
        r.files,
        human_size(r.bytes)
    );
    r.archives
        .iter()
        .chain(&r.master)
        .for_each(|p| print_path(p));
    Ok(())
}

/// Each archive's findings: what is wrong on stderr, a passed archive on stdout.
pub fn verified(results: &[(PathBuf, Result<verify::Findings>)]) -> Result<()> {
    for (path, result) in results {
        match result {
            Err(e) => eprintln!("{e}"),
            Ok(f) => findings(path, f),
        }
    }
    verify::outcome(results)
}

fn findings(path: &Path, f: &verify::Findings) {
    for problem in &f.problems {
        eprintln!("{}: {problem}", shown(path));
    }
    if f.ok() {
        println!("{}: 校验通过，{} 个文件完好", shown(path), f.checked);
    }
}

/// Each document's findings on stdout, one a line, then a line summing it up; a document that
/// cannot be read on stderr. The exit code: 2 when a document could not be read, else 1 when
/// any deviates, else 0.
pub fn linted<'p>(
    reports: impl IntoIterator<Item = (&'p PathBuf, Result<lint::Report>)>,
) -> std::process::ExitCode {
    let (mut unread, mut deviates) = (false, false);
    for (path, report) in reports {
        let r = match report {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                unread = true;
                continue;
            }
        };
        let shown = shown(path);
        r.findings.iter().for_each(|f| println!("{shown}: {f}"));
        deviates |= !r.findings.is_empty();
        println!("{shown}: {}", lint_summary(&r));
    }
    std::process::ExitCode::from(match (unread, deviates) {
        (true, _) => 2,
        (false, true) => 1,
        (false, false) => 0,
    })
}

/// `发现 3 处不符合 GB/T 9704-2012（共 84 段）`, with why pages are not named.
fn lint_summary(r: &lint::Report) -> String {
    let pages = if r.pages_known || r.findings.is_empty() {
        ""
    } else {
        "；文档没有记录分页，未注页码（用 Word 打开并保存后再查可注页码）"
    };
    match r.findings.len() {
        0 => format!("未发现不符合 GB/T 9704-2012 之处（共 {} 段）", r.paragraphs),
        n => format!(
            "发现 {n} 处不符合 GB/T 9704-2012（共 {} 段）{pages}",
            r.paragraphs
        ),
    }
}

/// Where the page is, and what the user must know about it. A closed output (the terminal
/// gone) must not stop the server, so what cannot be printed is let go.
pub fn serving(started: &crate::serve::Started) {
    use std::io::Write;
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    if let Some(warning) = &started.warning {
        let _ = writeln!(err, "警告：{warning}");
    }
    let _ = writeln!(out, "dossier 网页已启动，请在浏览器里打开：{}", started.url);
    let _ = writeln!(out, "这个地址含一次性口令，只给自己用；按 Ctrl-C 停止。");
    if let Some(why) = &started.not_opened {
        let _ = writeln!(err, "{why}");
    }
}
