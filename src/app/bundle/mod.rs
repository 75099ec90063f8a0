//! Evidence bundles: a folder of 佐证材料 packed into verified submission archives.

pub mod index;
pub mod ledger;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};

use crate::app::{Listener, Look, Progress};
use crate::compute::bundle_plan::{self as plan, Placed, Plan};
use crate::error::{Error, Result};
use crate::model::EvidenceHeading;
use crate::read::evidence;
use crate::text::{hex, human_size};
use crate::write::archive::{
    self, ArchiveWriter, EntrySpec, Method, NameEncoding, Source, Timestamp, Written,
};
use index::{FileRows, Span};
use ledger::{Ledger, Record};

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

/// The fixed time of everything in the bundle: `SOURCE_DATE_EPOCH` when set.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// A file on its way from the walk to the archive, with its page count.
type Walked = Result<(Placed, Option<String>)>;

/// Bundles the evidence folder `dir`.
///
/// The folder is walked once to survey it, twice more to size volumes when there is a size
/// limit, and once to pack; nothing proportional to the number of files is held in memory: what was packed goes to a ledger file beside the archive and everything made from
/// it (manifests, 材料目录, the read-back) reads it again.
pub fn bundle(dir: &Path, opts: &Options, listener: &mut dyn Listener) -> Result<Report> {
    let survey = evidence::survey(dir)?;
    check_out_outside(dir, &opts.out)?;
    let indicators = match &opts.scheme {
        Some(s) => crate::read::scheme::load(s)?.evidence_indicators(),
        None => Vec::new(),
    };
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
    std::fs::create_dir_all(beside)
        .map_err(|e| Error::file(beside, format!("无法创建输出目录：{e}")))?;
    let epoch = source_date_epoch();
    let labels = index::labels(&plan);
    let packing = Packing {
        opts,
        plan: &plan,
        labels: &labels,
        missing: plan.missing(),
        set_aside: index::set_aside(&plan, &survey.set_aside),
        epoch,
        generated: Timestamp {
            unix: epoch.unwrap_or(survey.latest),
        },
        volumes: counts.len(),
        dir,
        beside,
    };
    let mut ledger = Ledger::new(beside).map_err(|e| scratch_error(e, beside))?;
    let mut progress = Packed::new(plan.files, plan.bytes, listener);
    let finished = std::thread::scope(|s| -> Result<Vec<tempfile::NamedTempFile>> {
        // The walk runs beside the packing: it reads page counts while files are compressed.
        let (tx, rx) = sync_channel::<Walked>(64);
        let walking = &plan;
        s.spawn(move || {
            let walked = walking.each_placed(dir, &mut |p| {
                let pages = crate::read::pages::pages(&p.file.source);
                tx.send(Ok((p, pages)))
                    .map_err(|_| Error::at("", "打包已停止"))
            });
            if let Err(e) = walked {
                // The packing side has stopped when this fails: nobody is left to tell.
                let _ = tx.send(Err(e));
            }
        });
        let mut finished = Vec::new();
        for (v, (&count, target)) in counts.iter().zip(&targets).enumerate() {
            finished.push(packing.volume(v + 1, count, target, &rx, &mut ledger, &mut progress)?);
        }
        match rx.recv() {
            Ok(Err(e)) => Err(e),
            Ok(Ok((p, _))) => Err(changed(&p.file.source)),
            Err(_) => Ok(finished),
        }
    })?;
    let master = if counts.len() > 1 {
        let path = master_path(&opts.out);
        Some((packing.master(&ledger, &path)?, path))
    } else {
        None
    };
    drop(ledger);
    // Only now, with every volume written and checked, do they take their names.
    let mut archives = Vec::new();
    for (tmp, target) in finished.into_iter().zip(targets) {
        tmp.persist(&target)
            .map_err(|e| Error::file(&target, format!("改名为目标文件失败：{}", e.error)))?;
        archives.push(target);
    }
    let master = match master {
        Some((tmp, path)) => {
            tmp.persist(&path)
                .map_err(|e| Error::file(&path, format!("改名为目标文件失败：{}", e.error)))?;
            Some(path)
        }
        None => None,
    };
    Ok(Report {
        archives,
        master,
        files: plan.files,
        bytes: plan.bytes,
        indicators: indicators.len(),
        covered: indicators.len() - packing.missing.len(),
        set_aside: packing.set_aside,
    })
}

/// What the ledger records of a file besides what the archive writer reports.
struct Owed {
    original: String,
    pages: Option<String>,
    indicator: Option<usize>,
}

/// What every volume of one bundle shares.
struct Packing<'a> {
    opts: &'a Options,
    plan: &'a Plan,
    /// Each indicator as the 材料目录 names it.
    labels: &'a [String],
    /// Indicators with no evidence in the whole submission.
    missing: Vec<crate::model::Indicator>,
    set_aside: Vec<(String, String)>,
    epoch: Option<i64>,
    /// The time of the bag's own files.
    generated: Timestamp,
    volumes: usize,
    /// The evidence folder.
    dir: &'a Path,
    /// The folder the archives go to; temporary files go there too.
    beside: &'a Path,
}

impl Packing<'_> {
    /// Packs the next `count` files from `walked` as volume `v` (from 1) into a temporary file
    /// beside `target`, adds the bag's tag files, and reads it all back.
    fn volume(
        &self,
        v: usize,
        count: usize,
        target: &Path,
        walked: &Receiver<Walked>,
        ledger: &mut Ledger,
        progress: &mut Packed,
    ) -> Result<tempfile::NamedTempFile> {
        let volume = u32::try_from(v).unwrap_or(u32::MAX);
        let tmp = crate::write::atomic::temporary_in(self.beside)
            .map_err(|e| Error::file(target, format!("无法在目标目录创建临时文件：{e}")))?;
        let file = tmp
            .reopen()
            .map_err(|e| Error::file(target, format!("无法写入：{e}")))?;
        crate::write::atomic::ordinary(&file)
            .map_err(|e| Error::file(target, format!("无法设置文件权限：{e}")))?;
        let mut writer =
            ArchiveWriter::new(BufWriter::with_capacity(1 << 20, file), self.opts.names);
        // What the ledger needs of each file besides what the writer reports, in order.
        let pending: RefCell<VecDeque<Owed>> = RefCell::new(VecDeque::new());
        let failed: RefCell<Option<Error>> = RefCell::new(None);
        // Fused: once the walk has failed or ended, the writer asking again must not replace
        // the walk's own error with the closed channel's.
        let specs = (0..count)
            .map_while(|_| match walked.recv() {
                Ok(Ok((p, pages))) => {
                    pending.borrow_mut().push_back(Owed {
                        original: p.file.rel_path(),
                        pages,
                        indicator: p.indicator,
                    });
                    Some(EntrySpec {
                        method: if self.opts.store {
                            Method::Store
                        } else {
                            method_for(&p.path)
                        },
                        name: p.path,
                        modified: Timestamp {
                            unix: self.epoch.unwrap_or(p.file.modified),
                        },
                        expected_size: Some(p.file.size),
                        source: Source::File(p.file.source),
                    })
                }
                Ok(Err(e)) => {
                    *failed.borrow_mut() = Some(e);
                    None
                }
                Err(_) => {
                    *failed.borrow_mut() = Some(Error::file(
                        target,
                        "内部错误：遍历证据文件夹的线程意外中止",
                    ));
                    None
                }
            })
            .fuse();
        let (mut files, mut bytes) = (0usize, 0u64);
        let added = writer.add_all(specs, self.opts.threads.max(1), &mut |w: &Written| {
            let Owed {
                original,
                pages,
                indicator,
            } = pending
                .borrow_mut()
                .pop_front()
                .ok_or_else(|| std::io::Error::other("内部错误：写入的条目多于列出的文件"))?;
            ledger.push(&Record {
                volume,
                indicator: indicator.and_then(|i| u32::try_from(i).ok()),
                size: w.size,
                sha256: w.sha256,
                pages,
                path: w.name.clone(),
                original,
            })?;
            files += 1;
            bytes += w.size;
            progress.tick(files, bytes);
            Ok(())
        });
        if let Some(e) = failed.into_inner() {
            return Err(e);
        }
        added.map_err(|e| write_error(e, target))?;
        if files != count {
            return Err(changed(self.dir));
        }
        progress.volume_done();
        let tags = self.tag_files(&mut writer, ledger, volume, (files, bytes), target)?;
        let buffered = writer.finish().map_err(|e| write_error(e, target))?;
        let file = buffered
            .into_inner()
            .map_err(|e| write_error(e.into_error(), target))?;
        // The flush to disk and the read-back run side by side: one waits for the disk, the
        // other hashes what the page cache holds; the archive is renamed only when both pass.
        std::thread::scope(|s| {
            let syncing = s.spawn(|| file.sync_all());
            let checked = verify_written(tmp.path(), ledger, volume, &tags, target);
            let synced = syncing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            synced.map_err(|e| write_error(e, target))?;
            checked
        })?;
        let size = tmp.as_file().metadata().map_or(0, |m| m.len());
        if let Some(max) = self.opts.max_size
            && size > max
        {
            // Only files grown since the volumes were sized get here.
            return Err(Error::file(
                target,
                format!(
                    "这一卷有 {}，超过每卷上限 {}：证据文件夹里有文件在打包过程中变大了",
                    human_size(size),
                    human_size(max)
                ),
            )
            .with_hint("等文件夹不再变动后重新打包"));
        }
        Ok(tmp)
    }

    /// The bag's tag files for `volume` of `files` files and `bytes` bytes: BagIt
    /// declaration, info, manifest, original names, the 材料目录 as DOCX and XLSX, and the
    /// tag manifest last. Returns what was written, in order.
    fn tag_files<W: Write + Seek>(
        &self,
        writer: &mut ArchiveWriter<W>,
        ledger: &Ledger,
        volume: u32,
        (files, bytes): (usize, u64),
        target: &Path,
    ) -> Result<Vec<Written>> {
        let io = |e: std::io::Error| write_error(e, target);
        let at = self.generated;
        let mut tags = Vec::new();
        tags.push(
            writer
                .add_bytes(
                    "bagit.txt",
                    b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
                    Method::Deflate,
                    at,
                )
                .map_err(io)?,
        );
        let date = crate::text::Date::from_unix_days(at.unix.div_euclid(86_400)).iso();
        let mut info = format!("Payload-Oxum: {bytes}.{files}\nBagging-Date: {date}\n");
        if self.volumes > 1 {
            info.push_str(&format!("Bag-Count: {volume} of {}\n", self.volumes));
        }
        tags.push(
            writer
                .add_bytes("bag-info.txt", info.as_bytes(), Method::Deflate, at)
                .map_err(io)?,
        );
        let lines =
            |line: &dyn Fn(&Record) -> String| -> std::io::Result<BufWriter<std::fs::File>> {
                let mut spill = self.scratch()?;
                for r in ledger.read(volume)? {
                    spill.write_all(line(&r?).as_bytes())?;
                }
                Ok(spill)
            };
        let manifest = lines(&|r| format!("{}  {}\n", hex(&r.sha256), r.path)).map_err(io)?;
        tags.push(add_spilled(writer, "manifest-sha256.txt", manifest, at).map_err(io)?);
        let names = lines(&|r| format!("{}\t{}\n", r.path, r.original)).map_err(io)?;
        tags.push(add_spilled(writer, "原始文件名.txt", names, at).map_err(io)?);
        let heading = self.heading(files, bytes);
        let rows = FileRows::new(ledger, Span::Volume(volume), self.labels);
        let docx = index::document(
            &heading,
            &rows,
            &self.opts.look,
            self.scratch().map_err(io)?,
        )?;
        tags.push(add_spilled(writer, "材料目录.docx", docx, at).map_err(io)?);
        let mut xlsx = self.scratch().map_err(io)?;
        // A single volume's listing says which volume each file is in (the only one), as the
        // master index of a split submission does; a volume of several leaves it to that.
        let one = self.volumes == 1;
        crate::write::xlsx::evidence_workbook(
            &heading,
            |put| index::each_entry(ledger, Span::Volume(volume), self.labels, one, put),
            &mut xlsx,
        )
        .map_err(|e| Error::at("材料目录.xlsx", format!("无法生成：{e}")))?;
        tags.push(add_spilled(writer, "材料目录.xlsx", xlsx, at).map_err(io)?);
        let tagmanifest: String = tags
            .iter()
            .map(|w| format!("{}  {}\n", hex(&w.sha256), w.name))
            .collect();
        tags.push(
            writer
                .add_bytes(
                    "tagmanifest-sha256.txt",
                    tagmanifest.as_bytes(),
                    Method::Deflate,
                    at,
                )
                .map_err(io)?,
        );
        Ok(tags)
    }

    /// The master index of a split submission, every file with its volume, in a temporary
    /// file beside `path`.
    fn master(&self, ledger: &Ledger, path: &Path) -> Result<tempfile::NamedTempFile> {
        let fail = |e: std::io::Error| Error::file(path, format!("无法生成总目录：{e}"));
        let mut tmp = crate::write::atomic::temporary_in(self.beside).map_err(fail)?;
        let heading = self.heading(self.plan.files, self.plan.bytes);
        let mut out = BufWriter::new(tmp.as_file_mut());
        crate::write::xlsx::evidence_workbook(
            &heading,
            |put| index::each_entry(ledger, Span::All, self.labels, true, put),
            &mut out,
        )
        .map_err(fail)?;
        out.flush().map_err(fail)?;
        drop(out);
        crate::write::atomic::ordinary(tmp.as_file()).map_err(fail)?;
        tmp.as_file().sync_all().map_err(fail)?;
        Ok(tmp)
    }

    /// What a 材料目录 of `files` files and `bytes` bytes says besides its rows: the gaps and
    /// what was set aside are the whole submission's.
    fn heading(&self, files: usize, bytes: u64) -> EvidenceHeading {
        EvidenceHeading {
            title: INDEX_TITLE.to_string(),
            missing: self.missing.clone(),
            set_aside: self.set_aside.clone(),
            indicators: self.plan.indicators.len(),
            files,
            bytes,
        }
    }

    /// A temporary file beside the archives for a tag file too long to build in memory.
    fn scratch(&self) -> std::io::Result<BufWriter<std::fs::File>> {
        Ok(BufWriter::with_capacity(
            256 << 10,
            tempfile::tempfile_in(self.beside)?,
        ))
    }
}

/// Adds the tag file spilled to `spill` as `name`.
fn add_spilled<W: Write + Seek>(
    writer: &mut ArchiveWriter<W>,
    name: &str,
    spill: BufWriter<std::fs::File>,
    at: Timestamp,
) -> std::io::Result<Written> {
    let mut file = spill.into_inner().map_err(|e| e.into_error())?;
    let len = file.stream_position()?;
    file.seek(SeekFrom::Start(0))?;
    writer.add_reader(name, &mut BufReader::new(file), len, Method::Deflate, at)
}

/// The error for a folder found different from what its survey found.
fn changed(path: &Path) -> Error {
    Error::file(path, "证据文件夹在打包过程中有文件增减或改动")
        .with_hint("等文件夹不再变动后重新打包")
}

fn scratch_error(e: std::io::Error, dir: &Path) -> Error {
    Error::file(dir, format!("无法在输出目录创建临时文件：{e}"))
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

/// Reads the written archive back and checks every entry, in order, against what the ledger
/// says of volume `volume` and then the tag files `tags`: the same name, size and SHA-256, and
/// a CRC that matches.
fn verify_written(
    path: &Path,
    ledger: &Ledger,
    volume: u32,
    tags: &[Written],
    target: &Path,
) -> Result<()> {
    let fail = |e: std::io::Error| Error::file(target, format!("写入后回读失败：{e}"));
    let mut records = ledger.read(volume).map_err(fail)?;
    let mut tags = tags.iter();
    let mut expected = move || -> std::io::Result<Option<(String, u64, [u8; 32])>> {
        Ok(match records.next() {
            Some(r) => {
                let r = r?;
                Some((r.path, r.size, r.sha256))
            }
            None => tags.next().map(|w| (w.name.clone(), w.size, w.sha256)),
        })
    };
    let mut found: Option<Error> = None;
    let read = crate::read::archive::read_back_each(path, &mut |back| {
        let problem = match expected()? {
            Some((name, ..)) if back.name != name => {
                Error::file(target, format!("写入后回读不到：{name}"))
            }
            Some((_, size, sha)) if back.crc_ok && back.sha256 == sha && back.size == size => {
                return Ok(());
            }
            Some((name, ..)) => Error::file(target, format!("写入后校验不符：{name}"))
                .with_hint("磁盘或内存可能有问题；请换一个输出位置重试"),
            None => Error::file(target, format!("写入后回读到多余的条目：{}", back.name)),
        };
        found = Some(problem);
        Err(std::io::Error::other("回读发现问题"))
    });
    if let Some(problem) = found {
        return Err(problem);
    }
    read.map_err(fail)?;
    match expected().map_err(fail)? {
        Some((name, ..)) => Err(Error::file(target, format!("写入后回读不到：{name}"))),
        None => Ok(()),
    }
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

/// Counts what has been packed across volumes and tells the listener.
struct Packed<'l> {
    listener: &'l mut dyn Listener,
    now: Progress,
    /// Files and bytes of the volumes finished before the current one.
    base: (usize, u64),
}

impl<'l> Packed<'l> {
    fn new(files: usize, bytes: u64, listener: &'l mut dyn Listener) -> Self {
        Packed {
            listener,
            now: Progress {
                done_files: 0,
                files,
                done_bytes: 0,
                bytes,
            },
            base: (0, 0),
        }
    }

    /// `n` files and `bytes` done in the current volume.
    fn tick(&mut self, n: usize, bytes: u64) {
        self.now.done_files = self.base.0 + n;
        self.now.done_bytes = self.base.1 + bytes;
        self.listener.progress(&self.now);
    }

    fn volume_done(&mut self) {
        self.base = (self.now.done_files, self.now.done_bytes);
        self.listener.part_done();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::evidence::FoundFile;

    #[test]
    fn a_walk_that_fails_midway_reports_its_own_error_and_leaves_no_archive() {
        let dir = tempfile::tempdir().expect("tempdir");
        let source = dir.path().join("a.txt");
        std::fs::write(&source, b"abc").expect("write");
        let out = dir.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        let target = out.join("b.zip");
        let opts = Options {
            out: target.clone(),
            threads: 2,
            ..Default::default()
        };
        let plan = Plan::default();
        let packing = Packing {
            opts: &opts,
            plan: &plan,
            labels: &[],
            missing: Vec::new(),
            set_aside: Vec::new(),
            epoch: Some(0),
            generated: Timestamp { unix: 0 },
            volumes: 1,
            dir: dir.path(),
            beside: &out,
        };
        let (tx, rx) = sync_channel(8);
        let file = FoundFile {
            source: source.clone(),
            rel: vec!["a.txt".into()],
            size: 3,
            modified: 0,
        };
        let placed = Placed {
            file,
            path: "data/a.txt".into(),
            indicator: None,
        };
        tx.send(Ok((placed, None))).expect("send");
        tx.send(Err(Error::file(&source, "无法读取：测试用的错误")))
            .expect("send");
        // The walk has ended, with files still owed to the volume.
        drop(tx);
        let mut ledger = Ledger::new(&out).expect("ledger");
        let mut silent = crate::app::Warnings::default();
        let mut progress = Packed::new(5, 3, &mut silent);
        let err = packing
            .volume(1, 5, &target, &rx, &mut ledger, &mut progress)
            .expect_err("the walk failed");
        assert!(err.to_string().contains("测试用的错误"), "{err}");
        drop(ledger);
        assert_eq!(std::fs::read_dir(&out).expect("out").count(), 0);
    }
}
