//! Evidence bundles: a folder of 佐证材料 packed into verified submission archives.

pub mod index;
pub mod measure;
pub mod plan;
pub mod verify;

use std::borrow::Cow;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::error::{Error, Result};
use crate::read::evidence;
use crate::render;
use crate::write::archive::{
    self, ArchiveWriter, EntrySpec, Method, NameEncoding, Source, Timestamp, Written,
};
use plan::{Plan, human_size};

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
    pub render: render::Options,
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

/// The fixed time of everything in the bundle: `SOURCE_DATE_EPOCH` when set.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// Bundles the evidence folder `dir`.
pub fn bundle(dir: &Path, opts: &Options) -> Result<Report> {
    let listing = evidence::list(dir)?;
    check_out_outside(dir, &opts.out)?;
    let indicators = match &opts.scheme {
        Some(s) => crate::read::scheme::load(s)?.evidence_indicators(),
        None => Vec::new(),
    };
    let plan = plan::plan(&listing, &indicators);
    if plan.files.is_empty() {
        return Err(Error::file(dir, "证据文件夹里没有可打包的文件")
            .with_hint("空文件夹和办公软件的临时文件不会打包"));
    }
    let volumes = plan::volumes(&plan, opts.max_size)?;
    let epoch = source_date_epoch();
    let stamp = |f: &evidence::FoundFile| Timestamp {
        unix: epoch.unwrap_or(f.modified),
    };
    let generated = Timestamp {
        unix: epoch.unwrap_or_else(|| {
            plan.files
                .iter()
                .map(|f| f.file.modified)
                .max()
                .unwrap_or(0)
        }),
    };
    let targets = target_paths(&opts.out, volumes.len());
    let mut progress = Progress::new(
        plan.files.len(),
        plan.files.iter().map(|f| f.file.size).sum(),
    );
    let mut finished = Vec::new();
    let missing = index::missing(&plan);
    let mut facts = index::Facts {
        hashes: vec![[0u8; 32]; plan.files.len()],
        pages: plan
            .files
            .iter()
            .map(|f| measure::pages(&f.file.source))
            .collect(),
        volumes: vec![0u32; plan.files.len()],
    };
    for (v, members) in volumes.iter().enumerate() {
        let target = &targets[v];
        let dir_of = target
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir_of)
            .map_err(|e| Error::file(dir_of, format!("无法创建输出目录：{e}")))?;
        let tmp = tempfile::Builder::new()
            .prefix(".dossier-")
            .suffix(".tmp")
            .tempfile_in(dir_of)
            .map_err(|e| Error::file(target, format!("无法在目标目录创建临时文件：{e}")))?;
        let file = tmp
            .reopen()
            .map_err(|e| Error::file(target, format!("无法写入：{e}")))?;
        let mut writer =
            ArchiveWriter::new(std::io::BufWriter::with_capacity(1 << 20, file), opts.names);
        let entries: Vec<EntrySpec> = members
            .iter()
            .map(|&i| {
                let f = &plan.files[i];
                EntrySpec {
                    name: f.path.clone(),
                    source: Source::File(f.file.source.clone()),
                    method: if opts.store {
                        Method::Store
                    } else {
                        method_for(&f.path)
                    },
                    modified: stamp(&f.file),
                    expected_size: Some(f.file.size),
                }
            })
            .collect();
        let (mut written, mut bytes) = (Vec::with_capacity(members.len()), 0);
        writer
            .add_all(entries, opts.threads.max(1), &mut |w| {
                bytes += w.size;
                written.push(w.clone());
                progress.tick(written.len(), bytes);
                Ok(())
            })
            .map_err(|e| write_error(e, target))?;
        for (&i, w) in members.iter().zip(&written) {
            facts.hashes[i] = w.sha256;
            facts.volumes[i] = v as u32 + 1;
        }
        progress.volume_done();
        // One volume holds the whole plan: no copy of its per-file lists.
        let (here, here_facts) = if volumes.len() == 1 {
            (Cow::Borrowed(&plan), Cow::Borrowed(&facts))
        } else {
            let facts = index::Facts {
                hashes: members.iter().map(|&i| facts.hashes[i]).collect(),
                pages: members.iter().map(|&i| facts.pages[i].clone()).collect(),
                volumes: Vec::new(),
            };
            (Cow::Owned(volume_plan(&plan, members)), Cow::Owned(facts))
        };
        // Coverage is the whole submission's: an indicator whose files are in another volume
        // is not missing.
        let index = index::build(INDEX_TITLE, &here, &here_facts, &missing, &listing);
        let tags = tag_files(
            &written,
            &here,
            &index,
            (v + 1, volumes.len()),
            generated,
            &opts.render,
        )?;
        drop(index);
        let mut tag_written = Vec::new();
        for (name, bytes) in &tags {
            tag_written.push(
                writer
                    .add_bytes(name, bytes, Method::Deflate, generated)
                    .map_err(|e| write_error(e, target))?,
            );
        }
        drop(tags);
        let tagmanifest: String = tag_written
            .iter()
            .map(|w| format!("{}  {}\n", hex(&w.sha256), w.name))
            .collect();
        writer
            .add_bytes(
                "tagmanifest-sha256.txt",
                tagmanifest.as_bytes(),
                Method::Deflate,
                generated,
            )
            .map_err(|e| write_error(e, target))?;
        let buffered = writer.finish().map_err(|e| write_error(e, target))?;
        let file = buffered
            .into_inner()
            .map_err(|e| write_error(e.into_error(), target))?;
        // The flush to disk and the read-back run side by side: one waits for the disk, the
        // other hashes what the page cache holds; the archive is renamed only when both pass.
        std::thread::scope(|s| {
            let syncing = s.spawn(|| file.sync_all());
            let checked = verify_written(tmp.path(), &written, target);
            match syncing.join() {
                Ok(synced) => synced.map_err(|e| write_error(e, target))?,
                Err(_) => return Err(Error::file(target, "内部错误：刷新到磁盘的线程意外中止")),
            }
            checked
        })?;
        finished.push((tmp, target.clone()));
    }
    let master = if volumes.len() > 1 {
        let index = index::build(INDEX_TITLE, &plan, &facts, &missing, &listing);
        let path = master_path(&opts.out);
        let bytes = crate::write::xlsx::evidence_workbook(&index)
            .map_err(|e| Error::file(&path, format!("无法生成总目录：{e}")))?;
        Some((path, bytes))
    } else {
        None
    };
    // Only now, with every volume written and checked, do they take their names.
    let mut archives = Vec::new();
    for (tmp, target) in finished {
        tmp.persist(&target)
            .map_err(|e| Error::file(&target, format!("改名为目标文件失败：{}", e.error)))?;
        archives.push(target);
    }
    let master = match master {
        Some((path, bytes)) => {
            crate::write::atomic::write(&path, &bytes)?;
            Some(path)
        }
        None => None,
    };
    Ok(Report {
        archives,
        master,
        files: plan.files.len(),
        bytes: plan.files.iter().map(|f| f.file.size).sum(),
        indicators: indicators.len(),
        covered: indicators.len() - missing.len(),
        set_aside: index::set_aside(&plan, &listing),
    })
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

/// The title of every 材料目录.
const INDEX_TITLE: &str = "佐证材料目录";

/// The plan narrowed to one volume's files, indicators kept so that coverage is whole.
fn volume_plan(plan: &Plan, members: &[usize]) -> Plan {
    Plan {
        indicators: plan.indicators.clone(),
        folders: plan.folders.clone(),
        files: members.iter().map(|&i| plan.files[i].clone()).collect(),
        unmatched: plan.unmatched.clone(),
    }
}

/// The bag's tag files for one volume (`here`: its plan, of `volumes`): BagIt declaration,
/// info, manifest, original names, and the 材料目录 as DOCX and XLSX.
fn tag_files(
    written: &[Written],
    here: &Plan,
    index: &crate::model::EvidenceIndex,
    (volume, volumes): (usize, usize),
    generated: Timestamp,
    render_opts: &render::Options,
) -> Result<Vec<(String, Vec<u8>)>> {
    // The 材料目录 first: rendering it is the peak of a bundle's memory, and the manifests'
    // text, as long as the tree, need not be held through it.
    let docx = render::evidence_document(index, here.indicators.len(), render_opts)?;
    let xlsx = crate::write::xlsx::evidence_workbook(index)
        .map_err(|e| Error::at("材料目录.xlsx", format!("无法生成：{e}")))?;
    let manifest: String = written
        .iter()
        .map(|w| format!("{}  {}\n", hex(&w.sha256), w.name))
        .collect();
    let bytes: u64 = written.iter().map(|w| w.size).sum();
    let date = crate::cn::Date::from_unix_days(generated.unix.div_euclid(86_400)).iso();
    let mut info = format!(
        "Payload-Oxum: {bytes}.{}\nBagging-Date: {date}\n",
        written.len()
    );
    if volumes > 1 {
        info.push_str(&format!("Bag-Count: {volume} of {volumes}\n"));
    }
    let names: String = here
        .files
        .iter()
        .map(|f| format!("{}\t{}\n", f.path, f.file.rel_path()))
        .collect();
    Ok(vec![
        (
            "bagit.txt".to_string(),
            b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_vec(),
        ),
        ("bag-info.txt".to_string(), info.into_bytes()),
        ("manifest-sha256.txt".to_string(), manifest.into_bytes()),
        ("原始文件名.txt".to_string(), names.into_bytes()),
        ("材料目录.docx".to_string(), docx),
        ("材料目录.xlsx".to_string(), xlsx),
    ])
}

/// Reads the written archive back and checks every payload entry's CRC and SHA-256 against
/// what was written.
fn verify_written(path: &Path, written: &[Written], target: &Path) -> Result<()> {
    let back = archive::read_back(path)
        .map_err(|e| Error::file(target, format!("写入后回读失败：{e}")))?;
    let back: std::collections::HashMap<&str, &archive::ReadEntry> =
        back.iter().map(|b| (b.name.as_str(), b)).collect();
    for w in written {
        match back.get(w.name.as_str()) {
            Some(b) if b.crc_ok && b.sha256 == w.sha256 && b.size == w.size => {}
            Some(_) => {
                return Err(Error::file(target, format!("写入后校验不符：{}", w.name))
                    .with_hint("磁盘或内存可能有问题；请换一个输出位置重试"));
            }
            None => return Err(Error::file(target, format!("写入后回读不到：{}", w.name))),
        }
    }
    Ok(())
}

fn write_error(e: std::io::Error, target: &Path) -> Error {
    if let Some(changed) = archive::FileChanged::of(&e) {
        return Error::file(
            &changed.path,
            format!("文件在打包过程中被修改了：{}", changed.detail),
        )
        .with_hint("等文件不再被修改（如关闭正在编辑它的程序）后重新打包");
    }
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "文件在打包过程中被删除或移走了".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取或写入权限".to_string(),
        _ => e.to_string(),
    };
    Error::file(target, format!("打包失败：{reason}"))
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Progress on stderr: a live line on a terminal, a line per tenth otherwise.
struct Progress {
    files: usize,
    bytes: u64,
    start: Instant,
    tty: bool,
    done_files: usize,
    done_bytes: u64,
    base_files: usize,
    base_bytes: u64,
    last_tenth: u64,
    last_draw: Option<Instant>,
}

impl Progress {
    fn new(files: usize, bytes: u64) -> Self {
        Progress {
            files,
            bytes,
            start: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            done_files: 0,
            done_bytes: 0,
            base_files: 0,
            base_bytes: 0,
            last_tenth: 0,
            last_draw: None,
        }
    }

    /// `n` files and `bytes` done in the current volume.
    fn tick(&mut self, n: usize, bytes: u64) {
        self.done_files = self.base_files + n;
        self.done_bytes = self.base_bytes + bytes;
        let secs = self.start.elapsed().as_secs_f64().max(0.001);
        let line = format!(
            "打包：{}/{} 个文件，{}/{}，{}/s",
            self.done_files,
            self.files,
            human_size(self.done_bytes),
            human_size(self.bytes),
            human_size((self.done_bytes as f64 / secs) as u64)
        );
        if self.tty {
            if self
                .last_draw
                .is_none_or(|t| t.elapsed().as_millis() >= 100)
                || self.done_files == self.files
            {
                eprint!("\r\x1b[K{line}");
                self.last_draw = Some(Instant::now());
            }
        } else {
            let tenth = (self.done_bytes * 10).checked_div(self.bytes).unwrap_or(10);
            if tenth > self.last_tenth || self.done_files == self.files && self.last_tenth < 10 {
                self.last_tenth = tenth.max(u64::from(self.done_files == self.files) * 10);
                eprintln!("{line}");
            }
        }
    }

    fn volume_done(&mut self) {
        self.base_files = self.done_files;
        self.base_bytes = self.done_bytes;
        if self.tty && self.done_files == self.files {
            eprintln!();
        }
    }
}
