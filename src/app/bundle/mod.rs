//! Evidence bundles: a folder of 佐证材料 packed into verified submission archives. The folder
//! is surveyed and planned (`compute::bundle_plan`), packed volume by volume (`packing`), each
//! volume a BagIt bag with its tag files (`tags`) read back before it takes its name
//! (`readback`); what was packed is kept in a ledger file, not in memory (`ledger`), and the
//! 材料目录 is made from it (`index`).

pub mod index;
pub mod ledger;
mod packing;
mod readback;
mod tags;

use std::path::{Path, PathBuf};

use crate::app::{Listener, Look, outputs};
use crate::compute::bundle_plan::{self as plan, Plan};
use crate::error::{Error, Result};
use crate::model::Indicator;
use crate::read::evidence;
use crate::write::archive::{Method, NameEncoding};
use ledger::Ledger;
use packing::{Packed, Packing};

/// How to bundle.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A scheme file whose indicators (or task rows) the folders are matched to.
    pub scheme: Option<PathBuf>,
    /// The archive to write; with volumes, `NAME-01.zip` … beside it.
    pub out: PathBuf,
    /// Largest volume, bytes.
    pub max_size: Option<u64>,
    /// Store every file, text too: the fastest, the largest archive.
    pub store: bool,
    /// How names are stored.
    pub names: NameEncoding,
    /// Worker threads for compression.
    pub threads: usize,
    /// Templates and fonts for the index.
    pub look: Look,
}

/// What a bundle run did.
#[derive(Debug, Clone)]
pub struct Report {
    /// The archives written, in order.
    pub archives: Vec<PathBuf>,
    /// The master index, when split into volumes.
    pub master: Option<PathBuf>,
    /// Files packed and their bytes.
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
    /// Indicators, and how many have evidence.
    pub indicators: usize,
    /// Indicators with at least one file.
    pub covered: usize,
    /// Things set aside, with why (also in each archive's index).
    pub set_aside: Vec<(String, String)>,
}

/// Types that are compressed already: storing them is as small and much faster.
const STORED: [&str; 24] = [
    "jpg", "jpeg", "png", "gif", "webp", "heic", "pdf", "ofd", "docx", "xlsx", "pptx", "docm",
    "xlsm", "zip", "rar", "7z", "gz", "bz2", "xz", "mp4", "mov", "mkv", "mp3", "m4a",
];

/// How a file is best packed, by its type.
pub fn method_for(path: &str) -> Method {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    if STORED.contains(&ext.as_str()) {
        Method::Store
    } else {
        Method::Deflate
    }
}

/// Bundles the evidence folder `dir`.
///
/// The folder is walked once to survey it, twice more to size volumes when there is a size
/// limit, and once to pack; nothing proportional to the number of files is held in memory:
/// what was packed goes to a ledger file beside the archive and everything made from it
/// (manifests, 材料目录, the read-back) reads it again.
pub fn bundle(dir: &Path, opts: &Options, listener: &mut dyn Listener) -> Result<Report> {
    let survey = evidence::survey(dir)?;
    check_out_outside(dir, &opts.out)?;
    let indicators = indicators(opts)?;
    let plan = plan::plan(&survey, &indicators);
    if plan.files == 0 {
        return Err(Error::file(dir, "证据文件夹里没有可打包的文件")
            .with_hint("空文件夹和办公软件的临时文件不会打包"));
    }
    let counts = plan::volumes(&plan, dir, opts.max_size)?;
    let targets = target_paths(&opts.out, counts.len());
    let beside = opts
        .out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    outputs::make_dir(beside)?;
    let packing = Packing::new(opts, &plan, &survey, counts.len(), dir, beside);
    let mut ledger = Ledger::new(beside)
        .map_err(|e| Error::file(beside, format!("无法在输出目录创建临时文件：{e}")))?;
    let mut progress = Packed::new(plan.files, plan.bytes, listener);
    let volumes = packing.volumes(&counts, &targets, &mut ledger, &mut progress)?;
    let master = match counts.len() {
        0 | 1 => None,
        _ => {
            let path = master_path(&opts.out);
            Some((packing.master(&ledger, &path)?, path))
        }
    };
    drop(ledger);
    let (archives, master) = take_names(volumes, targets, master)?;
    Ok(report(&plan, &packing, archives, master))
}

/// The indicators the scheme file names (or its task rows), none without one.
fn indicators(opts: &Options) -> Result<Vec<Indicator>> {
    match &opts.scheme {
        Some(s) => Ok(crate::read::scheme::load(s)?.evidence_indicators()),
        None => Ok(Vec::new()),
    }
}

/// Only when every volume is written and checked do they take their names, the master index
/// last.
fn take_names(
    volumes: Vec<tempfile::NamedTempFile>,
    targets: Vec<PathBuf>,
    master: Option<(tempfile::NamedTempFile, PathBuf)>,
) -> Result<(Vec<PathBuf>, Option<PathBuf>)> {
    let persist = |tmp: tempfile::NamedTempFile, target: &Path| {
        tmp.persist(target)
            .map(|_| ())
            .map_err(|e| Error::file(target, format!("改名为目标文件失败：{}", e.error)))
    };
    for (tmp, target) in volumes.into_iter().zip(&targets) {
        persist(tmp, target)?;
    }
    let master = match master {
        Some((tmp, path)) => {
            persist(tmp, &path)?;
            Some(path)
        }
        None => None,
    };
    Ok((targets, master))
}

fn report(
    plan: &Plan,
    packing: &Packing,
    archives: Vec<PathBuf>,
    master: Option<PathBuf>,
) -> Report {
    Report {
        archives,
        master,
        files: plan.files,
        bytes: plan.bytes,
        indicators: plan.indicators.len(),
        covered: plan.indicators.len() - packing.missing.len(),
        set_aside: packing.set_aside.clone(),
    }
}

/// Refuses an archive inside the folder it packs: a second run would pack the first's output.
fn check_out_outside(dir: &Path, out: &Path) -> Result<()> {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(parent) = parent.canonicalize()
        && parent.starts_with(&dir)
    {
        return Err(Error::file(out, "输出文件不能放在证据文件夹里面")
            .with_hint("把 -o 指向证据文件夹之外的位置"));
    }
    Ok(())
}

/// `OUT.zip`, or `OUT-01.zip` … for volumes.
fn target_paths(out: &Path, count: usize) -> Vec<PathBuf> {
    if count <= 1 {
        return vec![out.to_path_buf()];
    }
    let stem = out
        .file_stem()
        .map_or_else(|| "bundle".into(), |s| s.to_string_lossy().into_owned());
    let width = count.to_string().len().max(2);
    (1..=count)
        .map(|n| out.with_file_name(format!("{stem}-{n:0width$}.zip")))
        .collect()
}

/// `OUT-总目录.xlsx`.
fn master_path(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map_or_else(|| "bundle".into(), |s| s.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}-总目录.xlsx"))
}
