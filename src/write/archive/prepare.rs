//! Entries made ready to write: read, hashed and compressed on worker threads while the
//! writer writes finished ones in order, or on the writer's own thread; and the checks that a
//! file did not change while it was read.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError, mpsc};
use std::time::SystemTime;

use flate2::Compression;
use flate2::write::DeflateEncoder;

use super::header::{Method, invalid};
use super::{EntrySpec, FileChanged, Source};
use crate::zip_format::{CHUNK, Hashes};

/// Deflate entries up to this size are compressed whole by a worker thread; larger ones stream.
pub(crate) const BUFFER_LIMIT: u64 = 8 << 20;

/// zlib level 6: the usual balance; evidence is mostly already-compressed media anyway.
pub(crate) const LEVEL: u32 = 6;

/// An entry's data in memory: compressed or stored bytes, and what they hash to.
pub(crate) struct Ready {
    pub(crate) data: Vec<u8>,
    pub(crate) size: u64,
    pub(crate) crc: u32,
    pub(crate) sha: [u8; 32],
}

/// Deflates `data` in `CHUNK` pieces: the same pieces the streaming path feeds, so the two
/// paths cannot give different bytes.
pub(crate) fn deflate_buffer(data: &[u8]) -> io::Result<Ready> {
    let mut h = Hashes::new();
    let mut enc = DeflateEncoder::new(
        Vec::with_capacity(data.len() / 2 + 64),
        Compression::new(LEVEL),
    );
    for piece in data.chunks(CHUNK) {
        h.update(piece);
        enc.write_all(piece)?;
    }
    let data = enc.finish()?;
    let (size, crc, sha) = h.finish();
    Ok(Ready {
        data,
        size,
        crc,
        sha,
    })
}

/// Reads until `buf` is full or the input ends; returns how much was read.
pub(crate) fn read_full(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while let Some(rest) = buf.get_mut(n..).filter(|r| !r.is_empty()) {
        match r.read(rest) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Size and modification time of a file, for the before/after comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stat {
    pub(crate) len: u64,
    pub(crate) modified: Option<SystemTime>,
}

pub(crate) fn stat(path: &Path) -> io::Result<Stat> {
    let m = fs::metadata(path).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("无法读取「{}」：{e}", crate::error::shown(path)),
        )
    })?;
    if !m.is_file() {
        return Err(invalid(format!(
            "「{}」不是普通文件",
            crate::error::shown(path)
        )));
    }
    Ok(Stat {
        len: m.len(),
        modified: m.modified().ok(),
    })
}

pub(crate) fn open(path: &Path) -> io::Result<File> {
    File::open(path).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("无法打开「{}」：{e}", crate::error::shown(path)),
        )
    })
}

fn changed(name: &str, path: &Path, detail: String) -> io::Error {
    io::Error::other(FileChanged {
        name: name.to_string(),
        path: path.to_path_buf(),
        detail,
    })
}

/// The size to plan with: the listed size, which must still be the file's size.
pub(crate) fn planned_len(
    name: &str,
    path: &Path,
    before: Stat,
    expected: Option<u64>,
) -> io::Result<u64> {
    match expected {
        Some(e) if e != before.len => Err(changed(
            name,
            path,
            format!("列出时 {e} 字节，读取前 {} 字节", before.len),
        )),
        _ => Ok(before.len),
    }
}

/// Checks, after reading `read` bytes of `path`, that nothing moved under us.
pub(crate) fn check_after(name: &str, path: &Path, before: Stat, read: u64) -> io::Result<()> {
    if read != before.len {
        return Err(changed(
            name,
            path,
            format!("读取前 {} 字节，实际读到 {read} 字节", before.len),
        ));
    }
    let after = stat(path)?;
    if after != before {
        return Err(changed(
            name,
            path,
            format!(
                "读取后大小或修改时间不同（{} → {} 字节）",
                before.len, after.len
            ),
        ));
    }
    Ok(())
}

/// What a worker thread makes of an entry: its data in memory, or `None` when the file
/// turned out larger than the buffer limit and the writer thread must stream it.
fn prepare(spec: &EntrySpec, limit: u64) -> io::Result<Option<Ready>> {
    match &spec.source {
        Source::Bytes(b) if b.len() as u64 > limit => Ok(None),
        Source::Bytes(b) => match spec.method {
            Method::Deflate => deflate_buffer(b).map(Some),
            Method::Store => Ok(Some(stored_buffer(b.to_vec()))),
        },
        Source::File(path) => {
            let before = stat(path)?;
            let len = planned_len(&spec.name, path, before, spec.expected_size)?;
            if len > limit {
                return Ok(None);
            }
            let mut data = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
            // One byte more than expected is enough to see that the file grew.
            open(path)?.take(len + 1).read_to_end(&mut data)?;
            check_after(&spec.name, path, before, data.len() as u64)?;
            match spec.method {
                Method::Deflate => deflate_buffer(&data).map(Some),
                Method::Store => Ok(Some(stored_buffer(data))),
            }
        }
    }
}

/// A file to store, read and hashed by a worker: the writing thread only writes it.
fn stored_buffer(data: Vec<u8>) -> Ready {
    let mut h = Hashes::new();
    for piece in data.chunks(CHUNK) {
        h.update(piece);
    }
    let (size, crc, sha) = h.finish();
    Ready {
        data,
        size,
        crc,
        sha,
    }
}

/// Whether `spec` goes to a worker thread: files and in-memory Deflate entries that (as far as
/// the listing knows) fit the buffer limit. Files to store go too: reading and hashing them
/// on the workers leaves the writing thread nothing but writing.
fn is_job(spec: &EntrySpec, limit: u64) -> bool {
    !spec.name.ends_with('/')
        && match &spec.source {
            Source::Bytes(b) => spec.method == Method::Deflate && b.len() as u64 <= limit,
            Source::File(_) => spec.expected_size.is_none_or(|s| s <= limit),
        }
}

/// A job for a worker: its number in the batch, and the spec it owns until it sends it back.
pub(crate) type Job = (u64, EntrySpec);

/// A worker's answer: the job's number, its spec, and what [`prepare`] made of it, or the
/// panic it ended in.
pub(crate) type Prepared = (
    u64,
    EntrySpec,
    std::thread::Result<io::Result<Option<Ready>>>,
);

/// Takes jobs from `jobs` until it closes or `stop` is set, and sends back what it made of
/// them. A panic inside `prepare` is sent back too, for the writer to carry on: a job that
/// never came back would leave the writer waiting for it forever.
fn worker(
    jobs: &Mutex<mpsc::Receiver<Job>>,
    stop: &AtomicBool,
    limit: u64,
    done: mpsc::Sender<Prepared>,
) {
    loop {
        // The lock is held only while waiting for the next job, not while preparing it.
        let next = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok((n, spec)) = next else { return };
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let result = std::panic::catch_unwind(|| prepare(&spec, limit));
        if done.send((n, spec, result)).is_err() {
            return;
        }
    }
}

/// A pulled entry's spec when the writer reaches it, with what [`prepare`] made of it if it
/// was a job.
pub(crate) type Reached = (EntrySpec, Option<io::Result<Option<Ready>>>);

/// Where [`ArchiveWriter::add_all`] gets entries ready: on worker threads or on its own.
pub(crate) trait Preparer {
    /// What stands for a pulled entry until the writer reaches it.
    type Pulled;
    /// Takes a spec as it is pulled from the caller's iterator.
    fn pull(&mut self, spec: EntrySpec) -> io::Result<Self::Pulled>;
    /// The entry back when its turn comes.
    fn reach(&mut self, pulled: Self::Pulled) -> io::Result<Reached>;
}

/// No workers: jobs are prepared on the calling thread when their turn comes, exactly as a
/// worker would, so the output is the same.
pub(crate) struct OnThisThread {
    limit: u64,
}

impl OnThisThread {
    pub(crate) fn new(limit: u64) -> Self {
        OnThisThread { limit }
    }
}

impl Preparer for OnThisThread {
    type Pulled = EntrySpec;

    fn pull(&mut self, spec: EntrySpec) -> io::Result<EntrySpec> {
        Ok(spec)
    }

    fn reach(&mut self, spec: EntrySpec) -> io::Result<Reached> {
        let prepared = is_job(&spec, self.limit).then(|| prepare(&spec, self.limit));
        Ok((spec, prepared))
    }
}

/// The writer's side of the workers: jobs go out numbered as they are pulled, results come
/// back in any order and wait in `early` until the writer reaches them. The writer pulls no
/// more than its lookahead holds, and that is what bounds the results waiting in memory.
pub(crate) struct Pool {
    jobs: mpsc::Sender<Job>,
    results: mpsc::Receiver<Prepared>,
    early: BTreeMap<u64, (EntrySpec, io::Result<Option<Ready>>)>,
    sent: u64,
    limit: u64,
}

/// Runs `write` with a pool of `threads` workers preparing the jobs it pulls, files up to
/// `limit` bytes.
pub(crate) fn on_workers<R>(
    threads: usize,
    limit: u64,
    write: impl FnOnce(&mut Pool) -> io::Result<R>,
) -> io::Result<R> {
    let (jobs, queued) = mpsc::channel();
    let (done, results) = mpsc::channel();
    let queued = Mutex::new(queued);
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (queued, stop, done) = (&queued, &stop, done.clone());
            s.spawn(move || worker(queued, stop, limit, done));
        }
        drop(done);
        let mut pool = Pool {
            jobs,
            results,
            early: BTreeMap::new(),
            sent: 0,
            limit,
        };
        let r = write(&mut pool);
        // On an error, workers finish the job in hand and take no more; closing the job
        // channel lets them end when they have nothing left.
        stop.store(true, Ordering::Relaxed);
        drop(pool);
        r
    })
}

/// An entry pulled while workers run.
pub(crate) enum Pulled {
    /// Not a job: written from its spec on the calling thread.
    Here(EntrySpec),
    /// Sent to a worker as this job; its spec comes back with the result.
    Sent(u64),
}

impl Preparer for Pool {
    type Pulled = Pulled;

    fn pull(&mut self, spec: EntrySpec) -> io::Result<Pulled> {
        if !is_job(&spec, self.limit) {
            return Ok(Pulled::Here(spec));
        }
        let n = self.sent;
        self.jobs
            .send((n, spec))
            .map_err(|_| io::Error::other("压缩线程意外退出"))?;
        self.sent += 1;
        Ok(Pulled::Sent(n))
    }

    fn reach(&mut self, pulled: Pulled) -> io::Result<Reached> {
        let n = match pulled {
            Pulled::Here(spec) => return Ok((spec, None)),
            Pulled::Sent(n) => n,
        };
        loop {
            if let Some((spec, r)) = self.early.remove(&n) {
                return Ok((spec, Some(r)));
            }
            let (k, spec, r) = self
                .results
                .recv()
                .map_err(|_| io::Error::other("压缩线程意外退出"))?;
            // A bug in a worker is the writer's: it ends the run as a panic would here.
            let r = r.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            self.early.insert(k, (spec, r));
        }
    }
}
