//! Writes ZIP archives by hand, for evidence bundles that government portals take: names in
//! UTF-8 or in GBK with the Info-ZIP Unicode Path field beside them, ZIP64 past 4 GiB, the same
//! bytes for the same entries every time, and memory bounded however large the files are and
//! however many. `read::archive` reads them back with a parser of its own.
//!
//! Layout of every entry: a local header written with placeholder CRC and sizes, the data, then
//! the header rewritten in place (no data descriptors, so every reader sees the real sizes in
//! the local header). Entries whose bytes are all in memory get their final header at once; the
//! bytes are the same either way.

mod header;
mod prepare;
mod stream;

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::zip_format::*;
use header::*;
pub use header::{Method, NameEncoding, Timestamp};
use prepare::*;
use stream::{copy_deflated, copy_stored};

/// Where an entry's bytes come from.
///
/// ```
/// use std::io::Cursor;
/// use dossier::write::archive::*;
/// let dir = tempfile::tempdir().unwrap();
/// let file = dir.path().join("说明.txt");
/// std::fs::write(&file, "共 3 件").unwrap();
/// let entry = |name: &str, source| EntrySpec {
///     name: name.into(),
///     source,
///     method: Method::Deflate,
///     modified: Timestamp { unix: 0 },
///     expected_size: None,
/// };
/// let entries = [
///     entry("磁盘.txt", Source::File(file)),
///     entry("内存.txt", Source::Bytes("共 3 件".into())),
/// ];
/// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
/// let mut written = Vec::new();
/// w.add_all(entries, 1, &mut |done| Ok(written.push(done.clone()))).unwrap();
/// assert_eq!((written[0].size, written[0].sha256), (written[1].size, written[1].sha256));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk, read when its turn comes.
    File(PathBuf),
    /// Bytes already in memory.
    Bytes(Vec<u8>),
}

/// One entry to write.
///
/// A name ending in `/` is a directory entry: its source must be empty bytes, and it is
/// always stored.
///
/// ```
/// use std::io::Cursor;
/// use dossier::write::archive::*;
/// let dir = tempfile::tempdir().unwrap();
/// let photo = dir.path().join("001.jpg");
/// std::fs::write(&photo, [0xFF; 2048]).unwrap();
/// // Listed at 2,048 bytes, then grown before its turn.
/// let e = EntrySpec {
///     name: "证据/照片/001.jpg".into(),
///     source: Source::File(photo.clone()),
///     method: Method::Store,
///     modified: Timestamp { unix: 1_714_538_096 },
///     expected_size: Some(2048),
/// };
/// std::fs::write(&photo, [0xFF; 4096]).unwrap();
/// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
/// let err = w.add_all([e], 1, &mut |_| Ok(())).unwrap_err();
/// assert_eq!(FileChanged::of(&err).unwrap().name, "证据/照片/001.jpg");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySpec {
    /// Path inside the archive: `/`-separated, relative, without `.` or `..` segments.
    pub name: String,
    /// Where the bytes come from.
    pub source: Source,
    /// How to store them.
    pub method: Method,
    /// Modification time written into the headers.
    pub modified: Timestamp,
    /// For files: the size seen when the folder was listed. A file whose size differs, when
    /// read, fails with [`FileChanged`]. `None` takes the size found when the file is opened.
    pub expected_size: Option<u64>,
}

/// What was written for an entry.
///
/// ```
/// use std::io::Cursor;
/// use dossier::write::archive::{ArchiveWriter, Method, NameEncoding, Timestamp};
/// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
/// let done = w.add_bytes("a.txt", b"abc", Method::Store, Timestamp { unix: 0 }).unwrap();
/// assert_eq!((done.size, done.compressed, done.offset), (3, 3, 0));
/// assert_eq!(done.crc32, 0x3524_41c2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The entry's name as given (UTF-8).
    pub name: String,
    /// Uncompressed size in bytes.
    pub size: u64,
    /// Size of the stored data in bytes.
    pub compressed: u64,
    /// CRC-32 of the uncompressed bytes.
    pub crc32: u32,
    /// SHA-256 of the uncompressed bytes.
    pub sha256: [u8; 32],
    /// Where the entry's local header starts.
    pub offset: u64,
}

/// The error inside the [`io::Error`] returned when a source file changed between the listing
/// and the end of reading it: its size differs from `expected_size`, fewer or more bytes came
/// than its size, or its size or modification time differ after reading from before.
///
/// ```
/// use dossier::write::archive::FileChanged;
/// let e = std::io::Error::other(FileChanged {
///     name: "a.txt".into(),
///     path: "/d/a.txt".into(),
///     detail: "列出时 3 字节，现在 4 字节".into(),
/// });
/// assert!(FileChanged::of(&e).is_some());
/// assert!(e.to_string().contains("/d/a.txt"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChanged {
    /// The entry's name in the archive.
    pub name: String,
    /// The file that changed.
    pub path: PathBuf,
    /// What differed.
    pub detail: String,
}

impl FileChanged {
    /// The `FileChanged` inside `e`, if that is what `e` is.
    ///
    /// ```
    /// use dossier::write::archive::FileChanged;
    /// assert!(FileChanged::of(&std::io::Error::other("disk full")).is_none());
    /// ```
    pub fn of(e: &io::Error) -> Option<&FileChanged> {
        e.get_ref().and_then(|inner| inner.downcast_ref())
    }
}

impl fmt::Display for FileChanged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "文件在读取期间被改动：{}（条目「{}」：{}）",
            crate::error::shown(&self.path),
            self.name,
            self.detail
        )
    }
}

impl std::error::Error for FileChanged {}

/// A ZIP archive being written.
///
/// Offsets count from where `out` stood when it was handed over; give it a fresh file or an
/// empty cursor. An I/O error after an entry's first byte went out (or a file found changed
/// after it was streamed, or a reader that gave other than the bytes promised to
/// [`add_reader`](Self::add_reader)) leaves the archive unusable, and every later call fails; an error
/// found before that (an unreadable file, a bad name, a file changed before its turn) leaves
/// the entries written so far intact, and [`finish`](Self::finish) still makes a valid archive
/// of them.
///
/// ```
/// use std::io::Cursor;
/// use dossier::read::archive::read_back_from;
/// use dossier::write::archive::{ArchiveWriter, Method, NameEncoding, Timestamp};
/// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Gbk);
/// w.add_bytes("清单.txt", "共 1 件".as_bytes(), Method::Deflate, Timestamp { unix: 1_714_538_096 })
///     .unwrap();
/// let zip = w.finish().unwrap();
/// let back = read_back_from(zip).unwrap();
/// assert_eq!(back[0].name, "清单.txt");
/// assert!(back[0].crc_ok);
/// ```
pub struct ArchiveWriter<W: Write + Seek> {
    out: BufWriter<W>,
    names: NameEncoding,
    pos: u64,
    /// The central directory's records, spilled as entries are written and copied out by
    /// [`finish`](Self::finish): what the writer holds stays the same however many entries.
    central: Option<BufWriter<File>>,
    /// Bytes in `central`.
    central_len: u64,
    count: usize,
    /// A 128-bit digest of each name written, to refuse duplicates without keeping the names.
    seen: HashSet<[u8; 16]>,
    broken: bool,
    buffer_limit: u64,
}

impl<W: Write + Seek> ArchiveWriter<W> {
    /// Starts an archive on `out`, spelling names in `names`.
    ///
    /// ```
    /// use std::io::Cursor;
    /// use dossier::write::archive::{ArchiveWriter, Method, NameEncoding, Timestamp};
    /// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    /// w.add_bytes("清单.txt", b"", Method::Store, Timestamp { unix: 0 }).unwrap();
    /// let zip = w.finish().unwrap().into_inner();
    /// // The first local header: flag bit 11 (UTF-8) set, the name in UTF-8 after 30 bytes.
    /// assert_eq!(zip[7] & 0x08, 0x08);
    /// assert_eq!(&zip[30..40], "清单.txt".as_bytes());
    /// ```
    pub fn new(out: W, names: NameEncoding) -> Self {
        ArchiveWriter {
            out: BufWriter::with_capacity(256 << 10, out),
            names,
            pos: 0,
            central: None,
            central_len: 0,
            count: 0,
            seen: HashSet::new(),
            broken: false,
            buffer_limit: BUFFER_LIMIT,
        }
    }

    /// Writes entries in the order the iterator yields them, pulling at most `threads + 2`
    /// specs ahead of the one being written (the iterator is consumed on the calling thread
    /// only; workers get the specs they compress sent to them). `each` is called on the calling
    /// thread after each entry is written, in order, with what was written; an error it
    /// returns stops the batch and is returned (archive entries before it stay valid).
    ///
    /// Files and Deflate entries up to 8 MiB are read, hashed and compressed on `threads`
    /// worker threads while this thread writes finished entries in order. The one being
    /// written counts among the `threads + 2` pulled specs, which also bounds the prepared
    /// buffers waiting in memory. Larger files are streamed on this thread in 1 MiB pieces, so
    /// no large file is ever held whole. `threads == 0` does everything on this thread, one
    /// spec at a time, with the same output.
    ///
    /// An error in writing an entry likewise stops the batch at that entry, and names it. A bad
    /// or repeated name, an unreadable file or one found changed before its turn
    /// ([`FileChanged`]) is refused before any of that entry is written, so the entries before
    /// it are written and valid and [`finish`](Self::finish) still makes an archive of them;
    /// a repeated name is found when it is reached, not before the batch starts.
    ///
    /// ```
    /// use std::io::Cursor;
    /// use dossier::read::archive::read_back_from;
    /// use dossier::write::archive::*;
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("报告.txt");
    /// std::fs::write(&path, "创建工作报告".repeat(100)).unwrap();
    /// // A lazy iterator: specs are made as the writer pulls them.
    /// let entries = ["材料/报告.txt", "材料/副本.txt", "材料/报告.txt"].into_iter().map(|name| {
    ///     EntrySpec {
    ///         name: name.into(),
    ///         source: Source::File(path.clone()),
    ///         method: Method::Deflate,
    ///         modified: Timestamp { unix: 1_714_538_096 },
    ///         expected_size: Some(1800),
    ///     }
    /// });
    /// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    /// let mut done = Vec::new();
    /// let r = w.add_all(entries, 2, &mut |written| {
    ///     done.push((written.name.clone(), written.size, written.compressed));
    ///     Ok(())
    /// });
    /// // The third name repeats the first: refused when reached, after two were written.
    /// assert!(r.unwrap_err().to_string().contains("重复"));
    /// assert_eq!(done.len(), 2);
    /// assert_eq!((done[0].1, done[1].1), (1800, 1800));
    /// assert!(done[0].2 < 100);
    /// let back = read_back_from(w.finish().unwrap()).unwrap();
    /// assert_eq!(back.len(), 2);
    /// ```
    pub fn add_all<I: IntoIterator<Item = EntrySpec>>(
        &mut self,
        entries: I,
        threads: usize,
        each: &mut dyn FnMut(&Written) -> io::Result<()>,
    ) -> io::Result<()> {
        self.usable()?;
        let limit = self.buffer_limit;
        let mut entries = entries.into_iter();
        if threads == 0 {
            return self.write_pulled(&mut entries, &mut OnThisThread::new(limit), 1, each);
        }
        on_workers(threads, limit, |pool| {
            self.write_pulled(&mut entries, pool, threads + 2, each)
        })
    }

    /// Adds one entry from memory (the manifest, the index), compressing it on this thread.
    ///
    /// ```
    /// use std::io::Cursor;
    /// use dossier::write::archive::{ArchiveWriter, Method, NameEncoding, Timestamp};
    /// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    /// let t = Timestamp { unix: 1_714_538_096 };
    /// let a = w.add_bytes("manifest.json", &[b'{'; 1000], Method::Deflate, t).unwrap();
    /// assert_eq!(a.size, 1000);
    /// assert!(w.add_bytes("manifest.json", b"", Method::Store, t).is_err()); // duplicate
    /// ```
    pub fn add_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        method: Method,
        modified: Timestamp,
    ) -> io::Result<Written> {
        let h = self.begin(name, method, modified, bytes.is_empty())?;
        let limit = self.buffer_limit;
        self.guard(|w| w.write_inline(name, h, Src::Bytes(bytes), limit))
    }

    /// Adds one entry of exactly `len` bytes streamed from `data` (a tag file spilled to a
    /// temporary file: manifests, the index documents). Fewer or more bytes than `len` is an
    /// error (the archive is then broken, like any failure after the first byte).
    ///
    /// The data is hashed and compressed on this thread in 1 MiB pieces however long it is,
    /// and the entry's bytes are those [`add_bytes`](Self::add_bytes) writes for the same data.
    ///
    /// ```
    /// use std::io::{Cursor, Seek, Write};
    /// use dossier::read::archive::read_back_from;
    /// use dossier::write::archive::*;
    /// let mut manifest = tempfile::tempfile().unwrap();
    /// for i in 0..1000 {
    ///     writeln!(manifest, "{i:064x}  data/{i}.jpg").unwrap();
    /// }
    /// let len = manifest.stream_position().unwrap();
    /// manifest.rewind().unwrap();
    /// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    /// let t = Timestamp { unix: 1_714_538_096 };
    /// let done = w.add_reader("manifest-sha256.txt", &mut manifest, len, Method::Deflate, t).unwrap();
    /// assert_eq!(done.size, len);
    /// assert!(done.compressed < len / 2);
    /// // A byte promised that never came: an error, and the archive is broken.
    /// assert!(w.add_reader("short.txt", &mut &b"abc"[..], 4, Method::Store, t).is_err());
    /// assert!(w.finish().is_err());
    /// ```
    pub fn add_reader(
        &mut self,
        name: &str,
        data: &mut dyn Read,
        len: u64,
        method: Method,
        modified: Timestamp,
    ) -> io::Result<Written> {
        let h = self.begin(name, method, modified, len == 0)?;
        // One byte more than promised is enough to see that there are more.
        let mut data = data.take(len.saturating_add(1));
        let mut exact = |read: u64| match read.cmp(&len) {
            std::cmp::Ordering::Equal => Ok(()),
            std::cmp::Ordering::Less => Err(corrupt(format!(
                "条目「{name}」只读到 {read} 字节，少于给定的 {len} 字节"
            ))),
            std::cmp::Ordering::Greater => Err(corrupt(format!(
                "条目「{name}」的数据多于给定的 {len} 字节"
            ))),
        };
        self.guard(|w| w.write_stream(name, h, len, &mut data, &mut exact))
    }

    /// Bytes written so far, including buffered ones (so callers can cut volumes).
    ///
    /// ```
    /// use std::io::Cursor;
    /// use dossier::write::archive::{ArchiveWriter, Method, NameEncoding, Timestamp};
    /// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    /// w.add_bytes("a", b"xyz", Method::Store, Timestamp { unix: 0 }).unwrap();
    /// assert_eq!(w.position(), 30 + 1 + 9 + 3); // header, name, timestamp field, data
    /// ```
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// How many entries have been written so far. (What each one was is returned by the call
    /// that wrote it; the writer keeps no per-entry state in memory but a name digest: the
    /// central directory waits in a temporary file.)
    ///
    /// ```
    /// use std::io::Cursor;
    /// use dossier::write::archive::{ArchiveWriter, Method, NameEncoding, Timestamp};
    /// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    /// w.add_bytes("a", b"", Method::Store, Timestamp { unix: 0 }).unwrap();
    /// assert_eq!(w.count(), 1);
    /// ```
    pub fn count(&self) -> usize {
        self.count
    }

    /// Writes the central directory (and the ZIP64 end records when more than 65,534 entries
    /// or offsets past 4 GiB need them), flushes, and returns the inner writer.
    ///
    /// ```
    /// use std::io::Cursor;
    /// use dossier::write::archive::{ArchiveWriter, NameEncoding};
    /// let w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    /// let empty = w.finish().unwrap().into_inner();
    /// assert_eq!(&empty[..4], b"PK\x05\x06");
    /// ```
    pub fn finish(mut self) -> io::Result<W> {
        self.usable()?;
        let count = self.count as u64;
        let cd_start = self.pos;
        if let Some(spill) = self.central.take() {
            let mut spill = spill.into_inner().map_err(|e| e.into_error())?;
            spill.seek(SeekFrom::Start(0))?;
            let copied = io::copy(&mut spill.take(self.central_len), &mut self.out)?;
            if copied != self.central_len {
                return Err(io::Error::other("内部错误：中央目录的临时文件变短了"));
            }
            self.pos += copied;
        }
        let cd_size = self.central_len;
        let end = self.pos;
        let b = end_records(count, cd_start, cd_size, end);
        self.out.write_all(&b)?;
        self.out.into_inner().map_err(|e| e.into_error())
    }

    fn usable(&self) -> io::Result<()> {
        if self.broken {
            return Err(io::Error::other(
                "压缩包在之前的写入失败后已不完整，需要重新生成",
            ));
        }
        Ok(())
    }

    /// Runs `f`, marking the archive broken if it fails after writing anything.
    fn guard<T>(&mut self, f: impl FnOnce(&mut Self) -> io::Result<T>) -> io::Result<T> {
        let start = self.pos;
        let r = f(self);
        if r.is_err() && self.pos != start {
            self.broken = true;
        }
        r
    }

    /// Everything an entry needs before its first byte goes out, so that what can fail here
    /// leaves the archive as it was: checks the name, refuses a repeated one, plans the
    /// header and makes sure the central directory has somewhere to go.
    fn begin(
        &mut self,
        name: &str,
        method: Method,
        modified: Timestamp,
        empty: bool,
    ) -> io::Result<Header> {
        self.usable()?;
        let h = self.plan(name, method, modified, empty)?;
        if self.seen.contains(&name_key(name)) {
            return Err(invalid(format!("条目名「{name}」重复")));
        }
        self.spill()?;
        Ok(h)
    }

    /// The temporary file the central directory's records go to, made on first use.
    fn spill(&mut self) -> io::Result<&mut BufWriter<File>> {
        match &mut self.central {
            Some(spill) => Ok(spill),
            empty => {
                let file = tempfile::tempfile().map_err(|e| {
                    io::Error::new(e.kind(), format!("无法为中央目录创建临时文件：{e}"))
                })?;
                Ok(empty.insert(BufWriter::with_capacity(64 << 10, file)))
            }
        }
    }

    /// Header fields that do not depend on the data; also checks the name.
    fn plan(
        &self,
        name: &str,
        method: Method,
        modified: Timestamp,
        empty: bool,
    ) -> io::Result<Header> {
        let dir = check_name(name)?;
        if dir && !empty {
            return Err(invalid(format!("目录条目「{name}」不能有内容")));
        }
        // An empty directory entry deflated would be 2 bytes of nothing.
        let method = if dir { Method::Store } else { method };
        let (bytes, flags, upath) = encode_name(name, self.names);
        let (time, date) = modified.dos();
        let h = Header {
            name: bytes,
            flags,
            upath,
            method,
            time,
            date,
            mtime: modified.unix32(),
            dir,
            zip64_sizes: false,
            offset: 0,
            crc: 0,
            size: 0,
            csize: 0,
        };
        Ok(h)
    }

    /// The writing loop of [`add_all`](Self::add_all): keeps up to `window` specs pulled
    /// (handed to `prep` as they are), and writes the oldest when it is ready.
    fn write_pulled<P: Preparer>(
        &mut self,
        entries: &mut dyn Iterator<Item = EntrySpec>,
        prep: &mut P,
        window: usize,
        each: &mut dyn FnMut(&Written) -> io::Result<()>,
    ) -> io::Result<()> {
        let limit = self.buffer_limit;
        let mut pulled = VecDeque::with_capacity(window);
        loop {
            while pulled.len() < window
                && let Some(spec) = entries.next()
            {
                pulled.push_back(prep.pull(spec)?);
            }
            let Some(next) = pulled.pop_front() else {
                return Ok(());
            };
            let (spec, prepared) = prep.reach(next)?;
            let empty = matches!(&spec.source, Source::Bytes(b) if b.is_empty());
            let h = self.begin(&spec.name, spec.method, spec.modified, empty)?;
            let written = match prepared {
                Some(Err(e)) => return Err(e),
                Some(Ok(Some(ready))) => self.guard(|w| w.write_ready(&spec.name, h, &ready)),
                // Not a job, or a file that turned out larger than a worker holds.
                Some(Ok(None)) | None => {
                    self.guard(|w| w.write_inline(&spec.name, h, src(&spec), limit))
                }
            }?;
            each(&written)?;
        }
    }

    /// Writes bytes to the output, keeping the position; a failure breaks the archive.
    fn put(&mut self, b: &[u8]) -> io::Result<()> {
        if let Err(e) = self.out.write_all(b) {
            self.broken = true;
            return Err(e);
        }
        self.pos += b.len() as u64;
        Ok(())
    }

    /// Writes an entry whose data is all in memory: its final header, then the data.
    fn write_ready(&mut self, name: &str, mut h: Header, r: &Ready) -> io::Result<Written> {
        h.offset = self.pos;
        h.zip64_sizes = needs_zip64(r.size, h.method);
        h.crc = r.crc;
        h.size = r.size;
        h.csize = r.data.len() as u64;
        let local = h.local()?;
        self.put(&local)?;
        self.put(&r.data)?;
        self.record(name, h, r.sha)
    }

    /// Writes an entry on this thread from a file or from memory.
    fn write_inline(
        &mut self,
        name: &str,
        h: Header,
        source: Src<'_>,
        limit: u64,
    ) -> io::Result<Written> {
        match source {
            Src::Bytes(b) => {
                let ready = match h.method {
                    Method::Store => {
                        let mut hs = Hashes::new();
                        hs.update(b);
                        let (size, crc, sha) = hs.finish();
                        return self.write_slices(name, h, b, size, crc, sha);
                    }
                    Method::Deflate if b.len() as u64 <= limit => deflate_buffer(b)?,
                    Method::Deflate => {
                        let len = b.len() as u64;
                        return self.write_stream(name, h, len, &mut &b[..], &mut |_| Ok(()));
                    }
                };
                self.write_ready(name, h, &ready)
            }
            Src::File(path, expected) => {
                let before = stat(path)?;
                let len = planned_len(name, path, before, expected)?;
                let mut file = open(path)?;
                if h.method == Method::Store && len < CHUNK as u64 {
                    // Small enough to read whole first: checked before a byte goes out, and no
                    // header to patch.
                    let mut data = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
                    (&mut file).take(len + 1).read_to_end(&mut data)?;
                    check_after(name, path, before, data.len() as u64)?;
                    let mut hs = Hashes::new();
                    hs.update(&data);
                    let (size, crc, sha) = hs.finish();
                    return self.write_slices(name, h, &data, size, crc, sha);
                }
                let mut reader = file.take(len + 1);
                self.write_stream(name, h, len, &mut reader, &mut |read| {
                    check_after(name, path, before, read)
                })
            }
        }
    }

    /// Writes a stored entry from memory.
    fn write_slices(
        &mut self,
        name: &str,
        mut h: Header,
        data: &[u8],
        size: u64,
        crc: u32,
        sha: [u8; 32],
    ) -> io::Result<Written> {
        h.offset = self.pos;
        h.zip64_sizes = needs_zip64(size, h.method);
        h.crc = crc;
        h.size = size;
        h.csize = size;
        let local = h.local()?;
        self.put(&local)?;
        self.put(data)?;
        self.record(name, h, sha)
    }

    /// Streams an entry of (planned) `len` bytes: header with placeholders, data in 1 MiB
    /// pieces, `check` on the byte count read, then the header rewritten in place.
    fn write_stream(
        &mut self,
        name: &str,
        mut h: Header,
        len: u64,
        src: &mut dyn Read,
        check: &mut dyn FnMut(u64) -> io::Result<()>,
    ) -> io::Result<Written> {
        h.offset = self.pos;
        // Decided from the planned size before the header goes out: the header cannot grow.
        h.zip64_sizes = needs_zip64(len, h.method);
        let placeholder = h.local()?;
        self.put(&placeholder)?;
        let mut hashes = Hashes::new();
        let csize = match h.method {
            Method::Store => copy_stored(src, &mut self.out, &mut hashes),
            Method::Deflate => copy_deflated(src, &mut self.out, &mut hashes),
        };
        // A failure here leaves the header written: `guard` marks the archive broken.
        let csize = csize?;
        self.pos += csize;
        let (size, crc, sha) = hashes.finish();
        check(size)?;
        h.crc = crc;
        h.size = size;
        h.csize = csize;
        let header = h.local()?;
        if header.len() != placeholder.len() {
            self.broken = true;
            return Err(io::Error::other("内部错误：本地文件头长度改变"));
        }
        self.patch_local(&header, csize)?;
        self.record(name, h, sha)
    }

    /// Rewrites the local header of the entry just streamed (`csize` bytes of data), and
    /// returns to the end.
    fn patch_local(&mut self, header: &[u8], csize: u64) -> io::Result<()> {
        let back =
            i64::try_from(header.len() as u64 + csize).map_err(|_| io::Error::other("条目过大"))?;
        let fwd = i64::try_from(csize).map_err(|_| io::Error::other("条目过大"))?;
        let patched = self
            .out
            .seek(SeekFrom::Current(-back))
            .and_then(|_| self.out.write_all(header))
            .and_then(|()| self.out.seek(SeekFrom::Current(fwd)));
        if patched.is_err() {
            self.broken = true;
        }
        patched.map(|_| ())
    }

    /// Spills the entry's central-directory record, once its data is out.
    fn record(&mut self, name: &str, h: Header, sha256: [u8; 32]) -> io::Result<Written> {
        let mut rec = Vec::with_capacity(46 + 2 * h.name.len() + 64);
        h.central(&mut rec)?;
        self.spill()?.write_all(&rec)?;
        self.central_len += rec.len() as u64;
        self.count += 1;
        self.seen.insert(name_key(name));
        Ok(Written {
            name: name.to_string(),
            size: h.size,
            compressed: h.csize,
            crc32: h.crc,
            sha256,
            offset: h.offset,
        })
    }

    #[cfg(test)]
    fn starting_at(out: W, names: NameEncoding, pos: u64) -> Self {
        let mut w = Self::new(out, names);
        w.pos = pos;
        w
    }
}

/// A borrowed source.
#[derive(Clone, Copy)]
enum Src<'a> {
    File(&'a Path, Option<u64>),
    Bytes(&'a [u8]),
}

fn src(spec: &EntrySpec) -> Src<'_> {
    match &spec.source {
        Source::File(p) => Src::File(p, spec.expected_size),
        Source::Bytes(b) => Src::Bytes(b),
    }
}

#[cfg(test)]
mod tests;
