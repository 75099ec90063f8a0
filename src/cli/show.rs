//! What the command line prints of each operation's report: the paths written on stdout, one a
//! line, so scripts can use them; everything else on stderr.

use std::path::{Path, PathBuf};

use crate::app::{bundle, import, render, split, tally, verify};
use crate::error::Result;
use crate::text::human_size;

/// Prints a path written.
pub fn written(path: &Path) {
    println!("{}", path.display());
}

/// The failures of a render, then the documents written.
pub fn render(r: &render::Report) -> Result<()> {
    for e in &r.failed {
        eprintln!("{e}");
    }
    r.written.iter().for_each(|p| written(p));
    r.outcome()
}

pub fn checked(scheme: &Path) {
    println!("{}: 检查通过", scheme.display());
}

/// The YAML written, or the YAML itself when it went nowhere.
pub fn imported(r: &import::Report) {
    match &r.written {
        Some(path) => written(path),
        None => print!("{}", r.yaml),
    }
}

/// The index first, then each unit's notice.
pub fn split(r: &split::Report) {
    written(&r.index);
    r.units.iter().for_each(|p| written(p));
}

pub fn tallied(r: &tally::Report) {
    written(&r.docx);
    written(&r.xlsx);
}

/// What was set aside, a summary line, then the archives and the master index.
pub fn bundled(r: &bundle::Report) {
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
    r.archives.iter().for_each(|p| written(p));
    if let Some(m) = &r.master {
        written(m);
    }
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
    for (what, names) in [
        ("缺失", &f.missing),
        ("多余", &f.extra),
        ("损坏", &f.corrupted),
    ] {
        for n in names {
            eprintln!("{}: {what}：{n}", path.display());
        }
    }
    if f.ok() {
        println!("{}: 校验通过，{} 个文件完好", path.display(), f.checked);
    }
}
