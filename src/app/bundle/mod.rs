//! Evidence bundles: a folder of 佐证材料 packed into verified submission archives. The folder
//! is surveyed and planned (`compute::bundle_plan`), packed volume by volume (`packing`), each
//! volume a BagIt bag with its tag files (`tags`) read back before it takes its name
//! (`readback`); what was packed is kept in a ledger file, not in memory (`ledger`), and the
//! 材料目录 is made from it (`index`).

pub mod catalogue;
pub mod index;
pub mod ledger;
mod packing;
mod readback;
mod tags;
mod volume_set;

use std::path::{Path, PathBuf};

use crate::app::{Cancel, Listener, Look, outputs};
use crate::compute::bundle_plan::{self as plan, Plan};
use crate::error::{Error, Result};
use crate::model::Indicator;
use crate::read::evidence::{self, Survey};
use crate::read::scheme::Files;
use crate::write::archive::{Method, NameEncoding};
use ledger::Ledger;
use packing::{Packed, Packing};
use volume_set::VolumeSet;

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
    /// Which files the scheme file may make dossier read.
    pub files: Files,
    /// Asked to stop: the run ends between two files, nothing written.
    pub cancel: Cancel,
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
/// (manifests, 材料目录, the read-back) reads it again. Stopped through `opts.cancel`, it
/// ends between two files with its temporary files removed.
pub fn bundle(dir: &Path, opts: &Options, listener: &mut dyn Listener) -> Result<Report> {
    outputs::named_as(&opts.out, "zip")?;
    listener.step("清点证据文件夹");
    let Surveyed {
        survey,
        plan,
        sources,
    } = surveyed(dir, opts)?;
    if plan.files == 0 {
        return Err(Error::file(dir, "证据文件夹里没有可打包的文件")
            .with_hint("空文件夹和办公软件的临时文件不会打包"));
    }
    let counts = plan::volumes(&plan, dir, opts.max_size)?;
    opts.cancel.check()?;
    let set = VolumeSet::new(&opts.out, counts.len());
    let stale = set.plan(dir, &sources)?;
    let beside = outputs::folder(&opts.out);
    let made = outputs::prepare(std::slice::from_ref(&beside))?;
    let packing = Packing::new(opts, &plan, &survey, counts.len(), dir, &beside);
    let mut ledger = Ledger::new(&beside).map_err(|e| {
        let reason = crate::error::write_reason(&e);
        Error::file(&beside, format!("无法在输出目录创建临时文件：{reason}"))
    })?;
    let mut progress = Packed::new(plan.files, plan.bytes, listener);
    let volumes = packing.volumes(&counts, &set.volumes, &mut ledger, &mut progress)?;
    let master = match &set.master {
        Some(path) => Some(packing.master(&ledger, path)?),
        None => None,
    };
    drop(ledger);
    opts.cancel.check()?;
    listener.step("保存");
    let staged = volumes
        .into_iter()
        .chain(master)
        .zip(set.all().cloned())
        .collect();
    outputs::commit(staged, stale)?;
    made.keep();
    Ok(report(&plan, &packing, set.volumes, set.master))
}

/// A folder surveyed and laid out, with the files its scheme file made dossier read.
struct Surveyed {
    survey: Survey,
    plan: Plan,
    sources: Vec<PathBuf>,
}

fn surveyed(dir: &Path, opts: &Options) -> Result<Surveyed> {
    let survey = evidence::survey(dir)?;
    let (indicators, sources) = indicators(opts)?;
    let plan = plan::plan(&survey, &indicators);
    Ok(Surveyed {
        survey,
        plan,
        sources,
    })
}

/// What bundling the folder would do, found before anything is packed: which top-level
/// entry goes with which indicator, what is missing, what is set aside.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Each top-level entry with files, in archive order.
    pub entries: Vec<PlannedEntry>,
    /// The scheme file's indicators (none without one).
    pub indicators: usize,
    /// Indicators with no evidence, with the units that owe it.
    pub missing: Vec<Indicator>,
    /// Things set aside, with why, in the words of the 材料目录.
    pub set_aside: Vec<(String, String)>,
    /// Files to pack.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
}

/// A top-level entry of the evidence folder and where its files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedEntry {
    /// Its name.
    pub name: String,
    /// The indicator it matched, `12 窗口行业服务规范`; `None` when it matches none.
    pub indicator: Option<String>,
    /// The folder its files go to in the archive: its indicator's (`data/01 理论学习`), else
    /// the one for what matches none (`data/未对应指标`, or `data` without a scheme file).
    pub folder: String,
    /// Files to pack in it.
    pub files: usize,
}

/// Plans the bundle of `dir` as [`bundle`] would, writing nothing: `opts.out` is not used.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::create_dir(dir.path().join("01 学习")).unwrap();
/// std::fs::write(dir.path().join("01 学习/记录.txt"), "学习记录").unwrap();
/// std::fs::write(dir.path().join("Thumbs.db"), "").unwrap();
/// let planned = dossier::app::bundle::plan(dir.path(), &Default::default()).unwrap();
/// assert_eq!((planned.files, planned.entries[0].name.as_str()), (1, "01 学习"));
/// assert_eq!(planned.set_aside[0].0, "Thumbs.db");
/// ```
pub fn plan(dir: &Path, opts: &Options) -> Result<Planned> {
    let Surveyed { survey, plan, .. } = surveyed(dir, opts)?;
    let labels = index::labels(&plan);
    let base = if plan.indicators.is_empty() {
        crate::compute::archive_names::DATA.to_string()
    } else {
        format!(
            "{}/{}",
            crate::compute::archive_names::DATA,
            plan::UNMATCHED
        )
    };
    let entries = plan
        .order
        .iter()
        .filter_map(|(raw, i)| {
            let top = survey.tops.iter().find(|t| &t.raw == raw)?;
            let folder = match i.and_then(|i| plan.folders.get(i)) {
                Some(folder) => folder.clone(),
                None => base.clone(),
            };
            Some(PlannedEntry {
                name: top.name.clone(),
                indicator: i.and_then(|i| labels.get(i).cloned()),
                folder,
                files: top.files,
            })
        })
        .collect();
    Ok(Planned {
        entries,
        indicators: plan.indicators.len(),
        missing: plan.missing(),
        set_aside: index::set_aside(&plan, &survey.set_aside),
        files: plan.files,
        bytes: plan.bytes,
    })
}

/// The indicators the scheme file names (or its task rows), none without one; and the files
/// the scheme made dossier read.
fn indicators(opts: &Options) -> Result<(Vec<Indicator>, Vec<PathBuf>)> {
    match &opts.scheme {
        Some(s) => {
            let doc = crate::read::scheme::load_with(s, opts.files)?;
            let mut read = vec![s.clone()];
            read.extend(doc.sources.iter().cloned());
            Ok((doc.evidence_indicators(), read))
        }
        None => Ok((Vec::new(), Vec::new())),
    }
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

/// A volume size as `--max-size` takes it: bytes, or a number with `K`, `M` or `G` (KiB, MiB,
/// GiB; a `B` after it allowed), more than zero; else the message to show, in Chinese.
///
/// ```
/// use dossier::app::bundle::parse_size;
/// assert_eq!(parse_size("500M"), Ok(500 << 20));
/// assert_eq!(parse_size("1.5g"), Ok(3 << 29));
/// assert!(parse_size("0M").unwrap_err().contains("看不懂大小「0M」"));
/// ```
pub fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim().to_uppercase();
    let t = t.strip_suffix('B').unwrap_or(&t);
    let (num, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let mult: f64 = match unit {
        "" => 1.0,
        "K" => 1024.0,
        "M" => 1024.0 * 1024.0,
        "G" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err(format!("看不懂大小「{s}」，请写成 500M 或 2G 这样的形式")),
    };
    match num.trim().parse::<f64>() {
        Ok(n) if n > 0.0 => Ok((n * mult) as u64),
        _ => Err(format!("看不懂大小「{s}」，请写成 500M 或 2G 这样的形式")),
    }
}
