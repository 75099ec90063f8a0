//! Packing the planned files volume by volume: a walker thread places each file and reads its
//! page count while the archive writer compresses and writes; each packed file goes to the
//! ledger; each volume is sealed with its tag files and read back in a temporary file beside
//! its target.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, sync_channel};

use super::index::{self, Span};
use super::ledger::{Ledger, Record};
use super::{Options, method_for};
use crate::app::{Listener, Progress, source_date_epoch};
use crate::compute::bundle_plan::{Placed, Plan};
use crate::error::{Error, Result, write_reason};
use crate::model::{EvidenceHeading, Extent, Indicator};
use crate::read::evidence::Survey;
use crate::text::human_size;
use crate::write::archive::{
    ArchiveWriter, EntrySpec, FileChanged, Method, Source, Timestamp, Written,
};
use crate::write::staging::Staged;

/// The title of every 材料目录.
const INDEX_TITLE: &str = "佐证材料目录";

/// A file on its way from the walk to the archive, with its page count.
pub(super) type Walked = Result<(Placed, Option<Extent>)>;

/// A volume's archive as it is written: into a temporary file beside its target.
type VolumeWriter = ArchiveWriter<BufWriter<File>>;

/// What every volume of one bundle shares.
pub(super) struct Packing<'a> {
    pub(super) opts: &'a Options,
    pub(super) plan: &'a Plan,
    /// Each indicator as the 材料目录 names it.
    pub(super) labels: Vec<String>,
    /// Indicators with no evidence in the whole submission.
    pub(super) missing: Vec<Indicator>,
    pub(super) set_aside: Vec<(String, String)>,
    /// The fixed time of every entry, when `SOURCE_DATE_EPOCH` sets one.
    epoch: Option<i64>,
    /// The time of the bag's own files.
    pub(super) generated: Timestamp,
    pub(super) volumes: usize,
    /// The evidence folder.
    dir: &'a Path,
    /// The folder the archives go to; temporary files go there too.
    beside: &'a Path,
}

impl<'a> Packing<'a> {
    pub(super) fn new(
        opts: &'a Options,
        plan: &'a Plan,
        survey: &Survey,
        volumes: usize,
        dir: &'a Path,
        beside: &'a Path,
    ) -> Self {
        let epoch = source_date_epoch();
        Packing {
            opts,
            plan,
            labels: index::labels(plan),
            missing: plan.missing(),
            set_aside: index::set_aside(plan, &survey.set_aside),
            epoch,
            generated: Timestamp {
                unix: epoch.unwrap_or(survey.latest),
            },
            volumes,
            dir,
            beside,
        }
    }

    /// Packs the volumes, `counts` files each, into temporary files beside their `targets`,
    /// while a walker thread places the files and reads their page counts.
    pub(super) fn volumes(
        &self,
        counts: &[usize],
        targets: &[std::path::PathBuf],
        ledger: &mut Ledger,
        progress: &mut Packed,
    ) -> Result<Vec<Staged>> {
        std::thread::scope(|s| {
            let (tx, rx) = sync_channel::<Walked>(64);
            let (plan, dir) = (self.plan, self.dir);
            s.spawn(move || {
                let walked = plan.each_placed(dir, &mut |p| {
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
            for (v, (&count, target)) in counts.iter().zip(targets).enumerate() {
                finished.push(self.volume(v + 1, count, target, &rx, ledger, progress)?);
            }
            match rx.recv() {
                Ok(Err(e)) => Err(e),
                Ok(Ok((p, _))) => Err(changed(&p.file.source)),
                Err(_) => Ok(finished),
            }
        })
    }

    /// Packs the next `count` files from `walked` as volume `v` (from 1) into a temporary file
    /// beside `target`, adds the bag's tag files, and reads it all back.
    pub(super) fn volume(
        &self,
        v: usize,
        count: usize,
        target: &Path,
        walked: &Receiver<Walked>,
        ledger: &mut Ledger,
        progress: &mut Packed,
    ) -> Result<Staged> {
        let volume = u32::try_from(v).unwrap_or(u32::MAX);
        let (tmp, mut writer) = self.open_volume(target)?;
        progress.listener.step("打包");
        let packed =
            self.pack_files(&mut writer, volume, count, target, walked, ledger, progress)?;
        progress.volume_done();
        progress.listener.step("写材料目录并校验压缩包");
        let tags = self.tag_files(&mut writer, ledger, volume, packed, target)?;
        self.seal(writer, &tmp, ledger, volume, &tags, target)?;
        Ok(tmp)
    }

    /// A new temporary file beside `target`, with ordinary permissions, and its writer.
    fn open_volume(&self, target: &Path) -> Result<(Staged, VolumeWriter)> {
        let tmp = Staged::new_in(self.beside).map_err(|e| {
            let reason = write_reason(&e);
            Error::file(target, format!("无法在目标目录创建临时文件：{reason}"))
        })?;
        let file = tmp
            .file()
            .try_clone()
            .map_err(|e| Error::file(target, format!("无法写入：{}", write_reason(&e))))?;
        let writer = ArchiveWriter::new(BufWriter::with_capacity(1 << 20, file), self.opts.names);
        Ok((tmp, writer))
    }

    /// Writes the next `count` files of the walk into the volume, recording each in the
    /// ledger; returns how many files and bytes were packed.
    #[allow(clippy::too_many_arguments)]
    fn pack_files(
        &self,
        writer: &mut VolumeWriter,
        volume: u32,
        count: usize,
        target: &Path,
        walked: &Receiver<Walked>,
        ledger: &mut Ledger,
        progress: &mut Packed,
    ) -> Result<(usize, u64)> {
        // What the ledger needs of each file besides what the writer reports, in order.
        let pending: RefCell<VecDeque<Owed>> = RefCell::new(VecDeque::new());
        let failed: RefCell<Option<Error>> = RefCell::new(None);
        // Fused: once the walk has failed or ended, the writer asking again must not replace
        // the walk's own error with the closed channel's.
        let specs = (0..count)
            .map_while(|_| self.next_spec(walked, target, &pending, &failed))
            .fuse();
        let (mut files, mut bytes) = (0usize, 0u64);
        let added = writer.add_all(specs, self.opts.threads.max(1), &mut |w: &Written| {
            let owed = pending
                .borrow_mut()
                .pop_front()
                .ok_or_else(|| std::io::Error::other("内部错误：写入的条目多于列出的文件"))?;
            ledger.push(&owed.record(volume, w))?;
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
        Ok((files, bytes))
    }

    /// The next file of the walk as an entry to write, what the ledger owes it put aside in
    /// `pending`; `None`, the reason in `failed`, when the walk failed or ended.
    fn next_spec(
        &self,
        walked: &Receiver<Walked>,
        target: &Path,
        pending: &RefCell<VecDeque<Owed>>,
        failed: &RefCell<Option<Error>>,
    ) -> Option<EntrySpec> {
        if let Err(stopped) = self.opts.cancel.check() {
            *failed.borrow_mut() = Some(stopped);
            return None;
        }
        match walked.recv() {
            Ok(Ok((p, pages))) => {
                pending.borrow_mut().push_back(Owed {
                    original: p.file.original.clone(),
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
        }
    }

    /// Finishes the volume's archive, flushes it to disk and reads it back: one waits for the
    /// disk, the other hashes what the page cache holds, side by side. A volume grown past the
    /// size limit is refused.
    fn seal(
        &self,
        writer: VolumeWriter,
        tmp: &Staged,
        ledger: &Ledger,
        volume: u32,
        tags: &[Written],
        target: &Path,
    ) -> Result<()> {
        let buffered = writer.finish().map_err(|e| write_error(e, target))?;
        let file = buffered
            .into_inner()
            .map_err(|e| write_error(e.into_error(), target))?;
        std::thread::scope(|s| {
            let syncing = s.spawn(|| file.sync_all());
            let checked = super::readback::check(tmp.path(), ledger, volume, tags, target);
            let synced = syncing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            synced.map_err(|e| write_error(e, target))?;
            checked
        })?;
        let size = tmp.file().metadata().map_or(0, |m| m.len());
        match self.opts.max_size {
            // Only files grown since the volumes were sized get here.
            Some(max) if size > max => Err(Error::file(
                target,
                format!(
                    "这一卷有 {}，超过每卷上限 {}：证据文件夹里有文件在打包过程中变大了",
                    human_size(size),
                    human_size(max)
                ),
            )
            .with_hint("等文件夹不再变动后重新打包")),
            _ => Ok(()),
        }
    }

    /// The master index of a split submission, every file with its volume, in a temporary
    /// file beside `path`.
    pub(super) fn master(&self, ledger: &Ledger, path: &Path) -> Result<Staged> {
        let fail = |e: std::io::Error| Error::file(path, format!("无法生成总目录：{e}"));
        let mut tmp = Staged::new_in(self.beside).map_err(fail)?;
        let heading = self.heading(self.plan.files, self.plan.bytes);
        let mut out = BufWriter::new(tmp.file_mut());
        crate::write::xlsx::evidence_workbook(
            &heading,
            |put| index::each_entry(ledger, Span::All, &self.labels, true, put),
            &mut out,
        )
        .map_err(fail)?;
        out.flush().map_err(fail)?;
        drop(out);
        tmp.file().sync_all().map_err(fail)?;
        Ok(tmp)
    }

    /// What a 材料目录 of `files` files and `bytes` bytes says besides its rows: the gaps and
    /// what was set aside are the whole submission's.
    pub(super) fn heading(&self, files: usize, bytes: u64) -> EvidenceHeading {
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
    pub(super) fn scratch(&self) -> std::io::Result<BufWriter<std::fs::File>> {
        Ok(BufWriter::with_capacity(
            256 << 10,
            tempfile::tempfile_in(self.beside)?,
        ))
    }
}

/// What the ledger records of a file besides what the archive writer reports.
struct Owed {
    original: String,
    pages: Option<Extent>,
    indicator: Option<usize>,
}

impl Owed {
    /// The ledger's record of the file, written as `w` in `volume`.
    fn record(self, volume: u32, w: &Written) -> Record {
        Record {
            volume,
            indicator: self.indicator.and_then(|i| u32::try_from(i).ok()),
            size: w.size,
            sha256: w.sha256,
            pages: self.pages,
            path: w.name.clone(),
            original: self.original,
        }
    }
}

/// The error for a folder found different from what its survey found.
fn changed(path: &Path) -> Error {
    Error::file(path, "证据文件夹在打包过程中有文件增减或改动")
        .with_hint("等文件夹不再变动后重新打包")
}

pub(super) fn write_error(e: std::io::Error, target: &Path) -> Error {
    if let Some(changed) = FileChanged::of(&e) {
        return Error::file(
            &changed.path,
            format!("文件在打包过程中被修改了：{}", changed.detail),
        )
        .with_hint("等文件不再被修改（如关闭正在编辑它的程序）后重新打包");
    }
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "文件在打包过程中被删除或移走了".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取或写入权限".to_string(),
        _ => write_reason(&e),
    };
    let error = Error::file(target, format!("打包失败：{reason}"));
    match e.kind() {
        std::io::ErrorKind::StorageFull => {
            error.with_hint("腾出磁盘空间，或用 -o 写到空间够的磁盘")
        }
        _ => error,
    }
}

/// Counts what has been packed across volumes and tells the listener.
pub(super) struct Packed<'l> {
    listener: &'l mut dyn Listener,
    now: Progress,
    /// Files and bytes of the volumes finished before the current one.
    base: (usize, u64),
}

impl<'l> Packed<'l> {
    pub(super) fn new(files: usize, bytes: u64, listener: &'l mut dyn Listener) -> Self {
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
            labels: Vec::new(),
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
            original: "a.txt".into(),
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
