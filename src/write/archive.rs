//! Writes ZIP archives by hand, for evidence bundles that government portals take: names in
//! UTF-8 or in GBK with the Info-ZIP Unicode Path field beside them, ZIP64 past 4 GiB, the same
//! bytes for the same entries every time, and memory bounded however large the files are and
//! however many.
//! [`read_back`] re-reads a finished archive with its own parser, so a bundle can be proved
//! complete by something other than the code that wrote it.
//!
//! Layout of every entry: a local header written with placeholder CRC and sizes, the data, then
//! the header rewritten in place (no data descriptors, so every reader sees the real sizes in
//! the local header). Entries whose bytes are all in memory get their final header at once; the
//! bytes are the same either way.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError, mpsc};
use std::time::SystemTime;

use flate2::Compression;
use flate2::write::DeflateEncoder;
use sha2::{Digest, Sha256};

/// Files are read, hashed and compressed in pieces of this size.
const CHUNK: usize = 1 << 20;
/// Entries read back per task: few enough that threads share a tree's few large files evenly.
const READ_BACK_RUN: usize = 8;
/// Entries [`read_back_each`] holds at a time, per core: a few hundred KB of names, and enough
/// runs that the cores rarely wait for a batch's one large file before the next batch. (Four
/// runs per core read 70,000 small entries 70% slower than the whole directory at once, and a
/// tree with a few 60 MB files 40% slower; 64 runs per core, 10% and 4%.)
const READ_BACK_BATCH_PER_CORE: usize = 64 * READ_BACK_RUN;
/// Deflate entries up to this size are compressed whole by a worker thread; larger ones stream.
const BUFFER_LIMIT: u64 = 8 << 20;
/// zlib level 6: the usual balance; evidence is mostly already-compressed media anyway.
const LEVEL: u32 = 6;
/// A 32-bit field holding this means "see the ZIP64 record".
const MAX32: u64 = 0xFFFF_FFFF;
/// Likewise for 16-bit counts.
const MAX16: u64 = 0xFFFF;
/// Longest entry name, in UTF-8 bytes: leaves room in the 16-bit extra-field length for the
/// Unicode Path field, which repeats the name.
const MAX_NAME: usize = 0xFF00;

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const EOCD_SIG: u32 = 0x0605_4b50;
const ZIP64_EOCD_SIG: u32 = 0x0606_4b50;
const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;
const ZIP64_TAG: u16 = 0x0001;
const TIME_TAG: u16 = 0x5455;
const UPATH_TAG: u16 = 0x7075;
const FLAG_ENCRYPTED: u16 = 1;
const FLAG_UTF8: u16 = 1 << 11;
/// "Version made by" high byte: Unix, so extractors apply the mode in the external attributes.
const MADE_BY_UNIX: u16 = 3 << 8;
const FILE_ATTRS: u32 = 0o100_644 << 16;
/// Unix drwxr-xr-x plus the MS-DOS directory bit, which Windows extractors look at.
const DIR_ATTRS: u32 = (0o040_755 << 16) | 0x10;
/// China Standard Time, UTC+8: what a portal's reviewer sees in the DOS time fields.
const CHINA_OFFSET: i64 = 8 * 3600;

/// How an entry's bytes are stored.
///
/// ```
/// use dossier::write::archive::Method;
/// assert_ne!(Method::Store, Method::Deflate);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// As they are: for files that are already compressed (JPEG, MP4, DOCX, PDF).
    Store,
    /// Deflate, level 6.
    Deflate,
}

impl Method {
    fn code(self) -> u16 {
        match self {
            Method::Store => 0,
            Method::Deflate => 8,
        }
    }
}

/// How entry names are spelled in the archive.
///
/// ```
/// use dossier::write::archive::NameEncoding;
/// assert_eq!(NameEncoding::default(), NameEncoding::Utf8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NameEncoding {
    /// UTF-8 with general-purpose flag bit 11 set on every entry.
    #[default]
    Utf8,
    /// GBK bytes with bit 11 clear, for Chinese Windows and Java readers that assume the
    /// system code page, plus an Info-ZIP Unicode Path field (0x7075) holding the UTF-8 name
    /// for readers that know it. A name GBK cannot spell is written as UTF-8 with bit 11.
    Gbk,
}

/// Where an entry's bytes come from.
///
/// ```
/// use dossier::write::archive::Source;
/// let s = Source::Bytes(b"hello".to_vec());
/// assert!(matches!(s, Source::Bytes(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk, read when its turn comes.
    File(PathBuf),
    /// Bytes already in memory.
    Bytes(Vec<u8>),
}

/// A modification time: whole seconds since the Unix epoch.
///
/// It becomes the DOS date and time of the headers, in China Standard Time (UTC+8) and
/// clamped to what DOS can hold (1980-01-01 to 2107-12-31), and, when it lies between 1970 and
/// 2038, also an extended-timestamp field (0x5455) that extractors restore exactly.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use dossier::write::archive::Timestamp;
/// let t = Timestamp::from_system_time(UNIX_EPOCH + Duration::from_millis(1_500));
/// assert_eq!(t, Timestamp { unix: 1 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z; negative before it.
    pub unix: i64,
}

impl Timestamp {
    /// The whole second `t` falls in (rounded down, also before the epoch).
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use dossier::write::archive::Timestamp;
    /// let t = Timestamp::from_system_time(UNIX_EPOCH - Duration::from_millis(500));
    /// assert_eq!(t.unix, -1);
    /// ```
    pub fn from_system_time(t: SystemTime) -> Self {
        let unix = match t.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => {
                let d = e.duration();
                let secs = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
                // Round towards the past, like the positive side.
                if d.subsec_nanos() > 0 {
                    -secs.saturating_add(1)
                } else {
                    -secs
                }
            }
        };
        Timestamp { unix }
    }

    /// DOS (time, date) in UTC+8, clamped to 1980..=2107.
    fn dos(self) -> (u16, u16) {
        /// 1980-01-01 and 2107-12-31, in seconds since 1970.
        const DOS_FIRST: i64 = 315_532_800;
        const DOS_LAST: i64 = 4_354_732_800;
        // DOS dates run from 1980 to 2107; clamping first keeps the year in range for the
        // calendar conversion too.
        let local = self
            .unix
            .saturating_add(CHINA_OFFSET)
            .clamp(DOS_FIRST - 86_400, DOS_LAST + 86_400);
        let day = crate::text::Date::from_unix_days(local.div_euclid(86_400));
        let (y, mo, d) = (
            i64::from(day.year),
            i64::from(day.month),
            i64::from(day.day),
        );
        let secs = local.rem_euclid(86_400);
        let (y, mo, d, h, mi, s) = if y < 1980 {
            (1980, 1, 1, 0, 0, 0)
        } else if y > 2107 {
            (2107, 12, 31, 23, 59, 58)
        } else {
            (y, mo, d, secs / 3600, secs / 60 % 60, secs % 60)
        };
        // Every value is range-checked above, so the narrowing casts cannot lose bits.
        let time = ((h as u16) << 11) | ((mi as u16) << 5) | ((s / 2) as u16);
        let date = (((y - 1980) as u16) << 9) | ((mo as u16) << 5) | (d as u16);
        (time, date)
    }

    /// The 32-bit mtime of the extended-timestamp field, when every reader agrees on it:
    /// readers differ on whether the field is signed, so only 1970..2038 is written.
    fn unix32(self) -> Option<u32> {
        u32::try_from(self.unix)
            .ok()
            .filter(|&t| i32::try_from(t).is_ok())
    }
}

/// One entry to write.
///
/// A name ending in `/` is a directory entry: its source must be empty bytes, and it is
/// always stored.
///
/// ```
/// use dossier::write::archive::{EntrySpec, Method, Source, Timestamp};
/// let e = EntrySpec {
///     name: "证据/照片/001.jpg".into(),
///     source: Source::File("/data/photos/001.jpg".into()),
///     method: Method::Store,
///     modified: Timestamp { unix: 1_714_538_096 },
///     expected_size: Some(2_048_576),
/// };
/// assert_eq!(e.name.split('/').count(), 3);
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
            self.path.display(),
            self.name,
            self.detail
        )
    }
}

impl std::error::Error for FileChanged {}

/// Everything a header needs, decided before the header is first written.
#[derive(Debug, Clone)]
struct Header {
    /// The name field's bytes: UTF-8 or GBK.
    name: Vec<u8>,
    flags: u16,
    /// Data of the Unicode Path field (version, CRC-32 of `name`, UTF-8 name), for GBK names.
    upath: Option<Vec<u8>>,
    method: Method,
    time: u16,
    date: u16,
    mtime: Option<u32>,
    dir: bool,
    /// Sizes live in a ZIP64 extra field, in the local and the central header.
    zip64_sizes: bool,
    offset: u64,
    crc: u32,
    size: u64,
    csize: u64,
}

impl Header {
    fn zip64_offset(&self) -> bool {
        self.offset >= MAX32
    }

    fn version(&self) -> u16 {
        if self.zip64_sizes || self.zip64_offset() {
            45
        } else {
            20
        }
    }

    /// The sizes as the 32-bit fields hold them.
    fn sizes32(&self) -> io::Result<(u32, u32)> {
        if self.zip64_sizes {
            Ok((u32::MAX, u32::MAX))
        } else {
            match (u32::try_from(self.csize), u32::try_from(self.size)) {
                (Ok(c), Ok(s)) if c != u32::MAX && s != u32::MAX => Ok((c, s)),
                _ => Err(io::Error::other(
                    "条目超过 4 GiB 但未预留 ZIP64 字段（压缩后比预计的大）",
                )),
            }
        }
    }

    /// The extended-timestamp and Unicode Path fields, shared by both headers.
    fn common_extra(&self, extra: &mut Vec<u8>) -> io::Result<()> {
        if let Some(t) = self.mtime {
            put16(extra, TIME_TAG);
            put16(extra, 5);
            extra.push(1); // flags: modification time present
            put32(extra, t);
        }
        if let Some(u) = &self.upath {
            put16(extra, UPATH_TAG);
            put16(extra, len16(u.len())?);
            extra.extend_from_slice(u);
        }
        Ok(())
    }

    fn local(&self) -> io::Result<Vec<u8>> {
        let mut extra = Vec::new();
        if self.zip64_sizes {
            // In a local header both sizes are required, uncompressed first.
            put16(&mut extra, ZIP64_TAG);
            put16(&mut extra, 16);
            put64(&mut extra, self.size);
            put64(&mut extra, self.csize);
        }
        self.common_extra(&mut extra)?;
        let (csize, size) = self.sizes32()?;
        let mut b = Vec::with_capacity(30 + self.name.len() + extra.len());
        put32(&mut b, LOCAL_SIG);
        put16(&mut b, self.version());
        put16(&mut b, self.flags);
        put16(&mut b, self.method.code());
        put16(&mut b, self.time);
        put16(&mut b, self.date);
        put32(&mut b, self.crc);
        put32(&mut b, csize);
        put32(&mut b, size);
        put16(&mut b, len16(self.name.len())?);
        put16(&mut b, len16(extra.len())?);
        b.extend_from_slice(&self.name);
        b.extend_from_slice(&extra);
        Ok(b)
    }

    fn central(&self, b: &mut Vec<u8>) -> io::Result<()> {
        let mut extra = Vec::new();
        let mut z64 = Vec::new();
        if self.zip64_sizes {
            put64(&mut z64, self.size);
            put64(&mut z64, self.csize);
        }
        let offset32 = if self.zip64_offset() {
            put64(&mut z64, self.offset);
            u32::MAX
        } else {
            u32::try_from(self.offset).unwrap_or(u32::MAX)
        };
        if !z64.is_empty() {
            put16(&mut extra, ZIP64_TAG);
            put16(&mut extra, len16(z64.len())?);
            extra.extend_from_slice(&z64);
        }
        self.common_extra(&mut extra)?;
        let (csize, size) = self.sizes32()?;
        put32(b, CENTRAL_SIG);
        put16(b, MADE_BY_UNIX | self.version());
        put16(b, self.version());
        put16(b, self.flags);
        put16(b, self.method.code());
        put16(b, self.time);
        put16(b, self.date);
        put32(b, self.crc);
        put32(b, csize);
        put32(b, size);
        put16(b, len16(self.name.len())?);
        put16(b, len16(extra.len())?);
        put16(b, 0); // comment length
        put16(b, 0); // disk number start
        put16(b, 0); // internal attributes
        put32(b, if self.dir { DIR_ATTRS } else { FILE_ATTRS });
        put32(b, offset32);
        b.extend_from_slice(&self.name);
        b.extend_from_slice(&extra);
        Ok(())
    }
}

fn put16(b: &mut Vec<u8>, v: u16) {
    b.extend_from_slice(&v.to_le_bytes());
}

fn put32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}

fn put64(b: &mut Vec<u8>, v: u64) {
    b.extend_from_slice(&v.to_le_bytes());
}

fn len16(n: usize) -> io::Result<u16> {
    u16::try_from(n).map_err(|_| invalid("条目名或扩展字段超过 65535 字节"))
}

fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg.into())
}

fn corrupt(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

/// Whether an entry of `size` bytes needs its sizes in a ZIP64 field. Deflate can expand
/// incompressible data by 5 bytes per stored block; zlib's `deflateBound` terms cover that
/// (a margin of 64 KiB would not, near 4 GiB).
fn needs_zip64(size: u64, method: Method) -> bool {
    let bound = match method {
        Method::Store => size,
        Method::Deflate => size
            .saturating_add(size >> 12)
            .saturating_add(size >> 14)
            .saturating_add(size >> 25)
            .saturating_add(64),
    };
    bound >= MAX32
}

/// Checks an entry name; returns whether it names a directory.
fn check_name(name: &str) -> io::Result<bool> {
    let bad = |why: &str| Err(invalid(format!("条目名「{name}」{why}")));
    let (body, dir) = match name.strip_suffix('/') {
        Some(b) => (b, true),
        None => (name, false),
    };
    if body.is_empty() {
        return bad("为空");
    }
    if name.len() > MAX_NAME {
        return bad("过长");
    }
    if name.contains(['\\', '\0']) {
        return bad("含有反斜杠或空字符");
    }
    // Absolute paths and `..` would let an extractor write outside its target folder.
    if body
        .split('/')
        .any(|seg| seg.is_empty() || seg == "." || seg == "..")
    {
        return bad("含有空的、「.」或「..」路径段，或以「/」开头");
    }
    Ok(dir)
}

/// The name field, flags and Unicode Path data for `name`.
fn encode_name(name: &str, enc: NameEncoding) -> (Vec<u8>, u16, Option<Vec<u8>>) {
    if enc == NameEncoding::Gbk {
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(name);
        if !unmappable {
            if name.is_ascii() {
                // The same bytes in every encoding: nothing for the Unicode field to add.
                return (gbk.into_owned(), 0, None);
            }
            let mut upath = Vec::with_capacity(5 + name.len());
            upath.push(1);
            put32(&mut upath, crc32fast::hash(&gbk));
            upath.extend_from_slice(name.as_bytes());
            return (gbk.into_owned(), 0, Some(upath));
        }
    }
    (name.as_bytes().to_vec(), FLAG_UTF8, None)
}

/// What duplicates are told apart by: the first 128 bits of the name's SHA-256, which no two
/// names share by chance, in 16 bytes however long the name.
fn name_key(name: &str) -> [u8; 16] {
    let d = Sha256::digest(name.as_bytes());
    let mut key = [0u8; 16];
    key.copy_from_slice(&d[..16]);
    key
}

/// CRC-32, SHA-256 and length of a stream, updated together.
struct Hashes {
    crc: crc32fast::Hasher,
    sha: Sha256,
    len: u64,
}

impl Hashes {
    fn new() -> Self {
        Hashes {
            crc: crc32fast::Hasher::new(),
            sha: Sha256::new(),
            len: 0,
        }
    }

    fn update(&mut self, b: &[u8]) {
        self.crc.update(b);
        self.sha.update(b);
        self.len += b.len() as u64;
    }

    fn finish(self) -> (u64, u32, [u8; 32]) {
        (self.len, self.crc.finalize(), self.sha.finalize().into())
    }
}

/// An entry's data in memory: compressed or stored bytes, and what they hash to.
struct Ready {
    data: Vec<u8>,
    size: u64,
    crc: u32,
    sha: [u8; 32],
}

/// Deflates `data` in `CHUNK` pieces: the same pieces the streaming path feeds, so the two
/// paths cannot give different bytes.
fn deflate_buffer(data: &[u8]) -> io::Result<Ready> {
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
fn read_full(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
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
struct Stat {
    len: u64,
    modified: Option<SystemTime>,
}

fn stat(path: &Path) -> io::Result<Stat> {
    let m = fs::metadata(path)
        .map_err(|e| io::Error::new(e.kind(), format!("无法读取「{}」：{e}", path.display())))?;
    if !m.is_file() {
        return Err(invalid(format!("「{}」不是普通文件", path.display())));
    }
    Ok(Stat {
        len: m.len(),
        modified: m.modified().ok(),
    })
}

fn open(path: &Path) -> io::Result<File> {
    File::open(path)
        .map_err(|e| io::Error::new(e.kind(), format!("无法打开「{}」：{e}", path.display())))
}

fn changed(name: &str, path: &Path, detail: String) -> io::Error {
    io::Error::other(FileChanged {
        name: name.to_string(),
        path: path.to_path_buf(),
        detail,
    })
}

/// The size to plan with: the listed size, which must still be the file's size.
fn planned_len(name: &str, path: &Path, before: Stat, expected: Option<u64>) -> io::Result<u64> {
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
fn check_after(name: &str, path: &Path, before: Stat, read: u64) -> io::Result<()> {
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
type Job = (u64, EntrySpec);

/// A worker's answer: the job's number, its spec, and what [`prepare`] made of it.
type Prepared = (u64, EntrySpec, io::Result<Option<Ready>>);

/// Takes jobs from `jobs` until it closes or `stop` is set, and sends back what it made of
/// them. A panic inside `prepare` becomes that job's error: a job that never came back would
/// leave the writer waiting for it forever.
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
        let result = std::panic::catch_unwind(|| prepare(&spec, limit))
            .unwrap_or_else(|_| Err(io::Error::other("内部错误：压缩线程意外中止")));
        if done.send((n, spec, result)).is_err() {
            return;
        }
    }
}

/// A pulled entry's spec when the writer reaches it, with what [`prepare`] made of it if it
/// was a job.
type Reached = (EntrySpec, Option<io::Result<Option<Ready>>>);

/// Where [`ArchiveWriter::add_all`] gets entries ready: on worker threads or on its own.
trait Preparer {
    /// What stands for a pulled entry until the writer reaches it.
    type Pulled;
    /// Takes a spec as it is pulled from the caller's iterator.
    fn pull(&mut self, spec: EntrySpec) -> io::Result<Self::Pulled>;
    /// The entry back when its turn comes.
    fn reach(&mut self, pulled: Self::Pulled) -> io::Result<Reached>;
}

/// No workers: jobs are prepared on the calling thread when their turn comes, exactly as a
/// worker would, so the output is the same.
struct OnThisThread {
    limit: u64,
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
struct Pool {
    jobs: mpsc::Sender<Job>,
    results: mpsc::Receiver<Prepared>,
    early: BTreeMap<u64, (EntrySpec, io::Result<Option<Ready>>)>,
    sent: u64,
    limit: u64,
}

/// An entry pulled while workers run.
enum Pulled {
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
            self.early.insert(k, (spec, r));
        }
    }
}

/// Counts the bytes the deflate encoder hands on.
struct Counter<'a, W: Write> {
    out: &'a mut W,
    n: u64,
}

impl<W: Write> Write for Counter<'_, W> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        let k = self.out.write(b)?;
        self.n += k as u64;
        Ok(k)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

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
/// use dossier::write::archive::{read_back_from, ArchiveWriter, Method, NameEncoding, Timestamp};
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
    /// use dossier::write::archive::{ArchiveWriter, NameEncoding};
    /// let w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    /// assert_eq!(w.position(), 0);
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
            return self.write_pulled(&mut entries, &mut OnThisThread { limit }, 1, each);
        }
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
            let r = self.write_pulled(&mut entries, &mut pool, threads + 2, each);
            // On an error, workers finish the job in hand and take no more; closing the job
            // channel lets them end when they have nothing left.
            stop.store(true, Ordering::Relaxed);
            drop(pool);
            r
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
        let mut b = Vec::with_capacity(128);
        if count >= MAX16 || cd_start >= MAX32 || cd_size >= MAX32 {
            put32(&mut b, ZIP64_EOCD_SIG);
            put64(&mut b, 44); // size of the rest of this record
            put16(&mut b, MADE_BY_UNIX | 45);
            put16(&mut b, 45);
            put32(&mut b, 0); // this disk
            put32(&mut b, 0); // disk with the central directory
            put64(&mut b, count);
            put64(&mut b, count);
            put64(&mut b, cd_size);
            put64(&mut b, cd_start);
            put32(&mut b, ZIP64_LOCATOR_SIG);
            put32(&mut b, 0);
            put64(&mut b, end);
            put32(&mut b, 1); // total disks
        }
        let count16 = u16::try_from(count.min(MAX16)).unwrap_or(u16::MAX);
        put32(&mut b, EOCD_SIG);
        put16(&mut b, 0);
        put16(&mut b, 0);
        put16(&mut b, count16);
        put16(&mut b, count16);
        put32(
            &mut b,
            u32::try_from(cd_size.min(MAX32)).unwrap_or(u32::MAX),
        );
        put32(
            &mut b,
            u32::try_from(cd_start.min(MAX32)).unwrap_or(u32::MAX),
        );
        put16(&mut b, 0); // comment length
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
        let mut buf = vec![0u8; CHUNK];
        let csize = match h.method {
            Method::Store => {
                loop {
                    let n = read_full(src, &mut buf)?;
                    let Some(piece) = buf.get(..n).filter(|p| !p.is_empty()) else {
                        break;
                    };
                    hashes.update(piece);
                    self.out.write_all(piece)?;
                    self.pos += n as u64;
                }
                hashes.len
            }
            Method::Deflate => {
                let counter = Counter {
                    out: &mut self.out,
                    n: 0,
                };
                let mut enc = DeflateEncoder::new(counter, Compression::new(LEVEL));
                let mut result = Ok(());
                loop {
                    let n = match read_full(src, &mut buf) {
                        Ok(n) => n,
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    };
                    let Some(piece) = buf.get(..n).filter(|p| !p.is_empty()) else {
                        break;
                    };
                    hashes.update(piece);
                    if let Err(e) = enc.write_all(piece) {
                        result = Err(e);
                        break;
                    }
                }
                // A failure here leaves the header written: `guard` marks the archive broken.
                let counter = result.and_then(|()| enc.finish())?;
                self.pos += counter.n;
                counter.n
            }
        };
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
        let back =
            i64::try_from(header.len() as u64 + csize).map_err(|_| io::Error::other("条目过大"))?;
        let fwd = i64::try_from(csize).map_err(|_| io::Error::other("条目过大"))?;
        let patched = self
            .out
            .seek(SeekFrom::Current(-back))
            .and_then(|_| self.out.write_all(&header))
            .and_then(|()| self.out.seek(SeekFrom::Current(fwd)));
        if let Err(e) = patched {
            self.broken = true;
            return Err(e);
        }
        self.record(name, h, sha)
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

/// One entry as [`read_back`] found it.
///
/// ```
/// use dossier::write::archive::ReadEntry;
/// let e = ReadEntry { name: "a".into(), size: 0, crc_ok: true, sha256: [0; 32] };
/// assert!(e.crc_ok);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadEntry {
    /// The name, decoded: from the Unicode Path field when its CRC matches the name field,
    /// else UTF-8 when flag bit 11 is set, else GBK.
    pub name: String,
    /// Bytes the data actually decompressed to.
    pub size: u64,
    /// Whether the CRC-32 and the size of the decompressed data match the central directory,
    /// and the compressed data ended where its recorded size says.
    pub crc_ok: bool,
    /// SHA-256 of the decompressed data.
    pub sha256: [u8; 32],
}

/// Re-reads the archive at `path` on its own: the central directory (ZIP64 aware), then each
/// local header, decompressing and hashing every entry. [`read_back_each`], collected.
///
/// ```
/// use dossier::write::archive::*;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("a.zip");
/// let mut w = ArchiveWriter::new(std::fs::File::create(&path).unwrap(), NameEncoding::Utf8);
/// w.add_bytes("说明.txt", b"ok", Method::Store, Timestamp { unix: 0 }).unwrap();
/// w.finish().unwrap();
/// let back = read_back(&path).unwrap();
/// assert_eq!((back[0].name.as_str(), back[0].size, back[0].crc_ok), ("说明.txt", 2, true));
/// ```
pub fn read_back(path: &Path) -> io::Result<Vec<ReadEntry>> {
    let mut entries = Vec::new();
    read_back_each(path, &mut |e| {
        entries.push(e);
        Ok(())
    })?;
    Ok(entries)
}

/// Re-reads the archive at `path` like [`read_back`], but hands each entry to `each` in
/// central-directory order as it is checked, holding only a bounded batch at a time: the
/// central directory is read a record at a time, and each batch of 512 entries per core is
/// checked on all cores, 8 entries to a task, before the next is read.
///
/// An error stops it and is returned: one of `each`, or the first of the archive's in
/// central-directory order (the entries before it have been handed over).
///
/// ```
/// use dossier::write::archive::*;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("a.zip");
/// let mut w = ArchiveWriter::new(std::fs::File::create(&path).unwrap(), NameEncoding::Gbk);
/// for i in 0..100 {
///     let text = format!("第 {i} 件");
///     w.add_bytes(&format!("材料/{i}.txt"), text.as_bytes(), Method::Deflate, Timestamp { unix: 0 })
///         .unwrap();
/// }
/// w.finish().unwrap();
/// let (mut count, mut bytes) = (0, 0);
/// read_back_each(&path, &mut |e| {
///     assert!(e.crc_ok, "{}", e.name);
///     assert_eq!(e.name, format!("材料/{count}.txt"));
///     count += 1;
///     bytes += e.size;
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!((count, bytes), (100, 10 * 9 + 90 * 10));
/// ```
pub fn read_back_each(
    path: &Path,
    each: &mut dyn FnMut(ReadEntry) -> io::Result<()>,
) -> io::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let batch_len = READ_BACK_BATCH_PER_CORE * cores;
    let mut directory = Directory::open(open(path)?)?;
    let mut batch = Vec::with_capacity(batch_len);
    loop {
        batch.clear();
        // A damaged record ends the directory; the entries before it are still checked.
        let mut damaged = Ok(());
        for e in directory.by_ref().take(batch_len) {
            match e {
                Ok(e) => batch.push(e),
                Err(e) => damaged = Err(e),
            }
        }
        if batch.is_empty() {
            return damaged;
        }
        // Checked on all cores, a run of entries at a time through a handle of its own:
        // hashing the whole archive again is what the read-back costs.
        let runs: Vec<&[CdEntry]> = batch.chunks(READ_BACK_RUN).collect();
        let done = crate::parallel::on_all_cores(&runs, |run| {
            let mut r = open(path)?;
            let mut buf = vec![0u8; CHUNK];
            run.iter()
                .map(|e| read_entry(&mut r, e, &mut buf))
                .collect::<io::Result<Vec<_>>>()
        })
        .map_err(io::Error::other)?;
        for run in done {
            for e in run? {
                each(e)?;
            }
        }
        damaged?;
    }
}

/// [`read_back`] on any seekable reader.
///
/// ```
/// use std::io::Cursor;
/// use dossier::write::archive::read_back_from;
/// assert!(read_back_from(Cursor::new(b"not a zip".to_vec())).is_err());
/// ```
pub fn read_back_from<R: Read + Seek>(mut r: R) -> io::Result<Vec<ReadEntry>> {
    let cd = central_directory(&mut r)?;
    let mut buf = vec![0u8; CHUNK];
    cd.iter().map(|e| read_entry(&mut r, e, &mut buf)).collect()
}

/// A little-endian reader over a byte slice that fails instead of panicking when short.
struct Le<'a>(&'a [u8]);

impl<'a> Le<'a> {
    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        let (head, rest) = self
            .0
            .split_at_checked(n)
            .ok_or_else(|| corrupt("ZIP 结构被截断"))?;
        self.0 = rest;
        Ok(head)
    }

    fn arr<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        self.take(N)?
            .try_into()
            .map_err(|_| corrupt("ZIP 结构被截断"))
    }

    fn u16(&mut self) -> io::Result<u16> {
        self.arr().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> io::Result<u32> {
        self.arr().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> io::Result<u64> {
        self.arr().map(u64::from_le_bytes)
    }
}

/// A central directory record, as read.
struct CdEntry {
    name: String,
    raw_name: Vec<u8>,
    flags: u16,
    method: u16,
    crc: u32,
    size: u64,
    csize: u64,
    offset: u64,
}

fn read_exact_at<R: Read + Seek>(r: &mut R, at: u64, n: usize) -> io::Result<Vec<u8>> {
    r.seek(SeekFrom::Start(at))?;
    let mut b = vec![0u8; n];
    r.read_exact(&mut b)
        .map_err(|e| corrupt(format!("ZIP 结构被截断（偏移 {at}）：{e}")))?;
    Ok(b)
}

/// The extra field with `tag` in `extra`, if any.
fn find_extra(mut extra: &[u8], tag: u16) -> Option<&[u8]> {
    while extra.len() >= 4 {
        let mut le = Le(extra);
        let (t, n) = (le.u16().ok()?, le.u16().ok()?);
        let data = le.take(usize::from(n)).ok()?;
        if t == tag {
            return Some(data);
        }
        extra = le.0;
    }
    None
}

fn decode_name(raw: &[u8], flags: u16, extra: &[u8]) -> String {
    if let Some(u) = find_extra(extra, UPATH_TAG) {
        let mut le = Le(u);
        let version = le.take(1).ok();
        let crc = le.u32().ok();
        // A stale field (the name was changed by a tool that did not know it) has a wrong CRC.
        if version == Some(&[1u8][..])
            && crc == Some(crc32fast::hash(raw))
            && let Ok(s) = std::str::from_utf8(le.0)
        {
            return s.to_string();
        }
    }
    if flags & FLAG_UTF8 != 0 {
        String::from_utf8_lossy(raw).into_owned()
    } else {
        encoding_rs::GBK
            .decode_without_bom_handling(raw)
            .0
            .into_owned()
    }
}

/// The central directory, read a record at a time: what is held does not grow with the
/// number of entries.
struct Directory<R> {
    records: BufReader<io::Take<R>>,
    /// Records still to read.
    left: u64,
}

impl<R: Read + Seek> Directory<R> {
    /// Finds the directory through the end records (ZIP64 aware).
    fn open(mut r: R) -> io::Result<Self> {
        let len = r.seek(SeekFrom::End(0))?;
        let tail_len = len.min(22 + MAX16);
        let tail_start = len - tail_len;
        let tail = read_exact_at(&mut r, tail_start, usize::try_from(tail_len).unwrap_or(0))?;
        // The end record is the last signature whose comment length reaches the end of the file.
        let sig = EOCD_SIG.to_le_bytes();
        let at = (0..tail.len().saturating_sub(21))
            .rev()
            .find(|&i| {
                let comment = tail.get(i + 20..).and_then(|c| Le(c).u16().ok());
                tail.get(i..i + 4) == Some(&sig[..])
                    && comment.map(usize::from) == Some(tail.len() - i - 22)
            })
            .ok_or_else(|| corrupt("不是 ZIP 文件：找不到中央目录结束记录"))?;
        let eocd_pos = tail_start + at as u64;
        let mut le = Le(tail.get(at + 4..).unwrap_or_default());
        let (disk, cd_disk) = (le.u16()?, le.u16()?);
        let (_, mut count) = (le.u16()?, u64::from(le.u16()?));
        let mut cd_size = u64::from(le.u32()?);
        let mut cd_start = u64::from(le.u32()?);
        if disk != 0 || cd_disk != 0 {
            return Err(corrupt("不支持分卷 ZIP"));
        }
        if eocd_pos >= 20 {
            let loc = read_exact_at(&mut r, eocd_pos - 20, 20)?;
            let mut le = Le(&loc);
            if le.u32()? == ZIP64_LOCATOR_SIG {
                le.u32()?;
                let z64_pos = le.u64()?;
                let rec = read_exact_at(&mut r, z64_pos, 56)?;
                let mut le = Le(&rec);
                if le.u32()? != ZIP64_EOCD_SIG {
                    return Err(corrupt("ZIP64 中央目录结束记录的签名不对"));
                }
                le.take(20)?; // size, versions, disk numbers
                le.u64()?; // entries on this disk
                count = le.u64()?;
                cd_size = le.u64()?;
                cd_start = le.u64()?;
            }
        }
        if cd_start.checked_add(cd_size).is_none_or(|e| e > eocd_pos) {
            return Err(corrupt("中央目录的位置超出文件"));
        }
        r.seek(SeekFrom::Start(cd_start))?;
        Ok(Directory {
            records: BufReader::with_capacity(256 << 10, r.take(cd_size)),
            left: count,
        })
    }
}

impl<R: Read> Directory<R> {
    fn record(&mut self) -> io::Result<CdEntry> {
        let mut fixed = [0u8; 46];
        self.records
            .read_exact(&mut fixed)
            .map_err(|_| corrupt("中央目录被截断"))?;
        let mut le = Le(&fixed);
        if le.u32()? != CENTRAL_SIG {
            return Err(corrupt("中央目录记录的签名不对"));
        }
        le.take(4)?; // versions
        let flags = le.u16()?;
        let method = le.u16()?;
        le.take(4)?; // DOS time and date
        let crc = le.u32()?;
        let csize32 = le.u32()?;
        let size32 = le.u32()?;
        let (n, m, k) = (le.u16()?, le.u16()?, le.u16()?);
        le.take(8)?; // disk, internal and external attributes
        let offset32 = le.u32()?;
        let mut var = vec![0u8; usize::from(n) + usize::from(m) + usize::from(k)];
        self.records
            .read_exact(&mut var)
            .map_err(|_| corrupt("中央目录被截断"))?;
        let mut le = Le(&var);
        let raw_name = le.take(usize::from(n))?.to_vec();
        let extra = le.take(usize::from(m))?;
        let mut z = Le(find_extra(extra, ZIP64_TAG).unwrap_or_default());
        let mut wide = |v32: u32| -> io::Result<u64> {
            if u64::from(v32) == MAX32 {
                z.u64()
            } else {
                Ok(u64::from(v32))
            }
        };
        // The ZIP64 field holds, in this order, each value whose 32-bit field is full.
        let size = wide(size32)?;
        let csize = wide(csize32)?;
        let offset = wide(offset32)?;
        Ok(CdEntry {
            name: decode_name(&raw_name, flags, extra),
            raw_name,
            flags,
            method,
            crc,
            size,
            csize,
            offset,
        })
    }
}

impl<R: Read> Iterator for Directory<R> {
    type Item = io::Result<CdEntry>;

    fn next(&mut self) -> Option<io::Result<CdEntry>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let r = self.record();
        if r.is_err() {
            // Nothing after a damaged record can be found.
            self.left = 0;
        }
        Some(r)
    }
}

fn central_directory<R: Read + Seek>(r: &mut R) -> io::Result<Vec<CdEntry>> {
    Directory::open(r)?.collect()
}

fn read_entry<R: Read + Seek>(r: &mut R, e: &CdEntry, buf: &mut [u8]) -> io::Result<ReadEntry> {
    let fail = |what: &str| corrupt(format!("条目「{}」{what}", e.name));
    if e.flags & FLAG_ENCRYPTED != 0 {
        return Err(fail("已加密，无法校验"));
    }
    let head = read_exact_at(r, e.offset, 30)?;
    let mut le = Le(&head);
    if le.u32()? != LOCAL_SIG {
        return Err(fail("的本地文件头签名不对"));
    }
    le.take(22)?;
    let (n, m) = (le.u16()?, le.u16()?);
    let mut name = vec![0u8; usize::from(n)];
    r.read_exact(&mut name)?;
    if name != e.raw_name {
        return Err(fail("的本地文件头与中央目录的名字不一致"));
    }
    r.seek(SeekFrom::Current(i64::from(m)))?;
    let mut hashes = Hashes::new();
    let mut data = BufReader::with_capacity(CHUNK, (&mut *r).take(e.csize));
    let whole = match e.method {
        0 => {
            copy_hashing(&mut data, &mut hashes, buf)?;
            true
        }
        8 => {
            let mut inflate = flate2::bufread::DeflateDecoder::new(data);
            match copy_hashing(&mut inflate, &mut hashes, buf) {
                // A corrupt or cut stream damages this entry only; the others are still read.
                Err(err)
                    if matches!(
                        err.kind(),
                        io::ErrorKind::InvalidInput
                            | io::ErrorKind::InvalidData
                            | io::ErrorKind::UnexpectedEof
                    ) =>
                {
                    false
                }
                Err(err) => return Err(fail(&format!("解压失败：{err}"))),
                Ok(()) => {
                    // The stream must end exactly where the recorded compressed size does.
                    let mut rest = inflate.into_inner();
                    rest.fill_buf()?.is_empty() && rest.into_inner().limit() == 0
                }
            }
        }
        other => return Err(fail(&format!("用了不支持的压缩方法 {other}"))),
    };
    let (size, crc, sha256) = hashes.finish();
    Ok(ReadEntry {
        name: e.name.clone(),
        size,
        crc_ok: whole && crc == e.crc && size == e.size,
        sha256,
    })
}

fn copy_hashing(r: &mut dyn Read, h: &mut Hashes, buf: &mut [u8]) -> io::Result<()> {
    loop {
        let n = match r.read(buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        match buf.get(..n) {
            Some(piece) if !piece.is_empty() => h.update(piece),
            _ => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    const T: Timestamp = Timestamp {
        unix: 1_714_538_096, // 2024-05-01 12:34:56 in Beijing
    };

    fn sha(b: &[u8]) -> [u8; 32] {
        Sha256::digest(b).into()
    }

    /// Bytes that deflate a little, not a lot, like real documents.
    fn mixed(n: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if i % 3 == 0 {
                    b'a' + (x % 4) as u8
                } else {
                    x as u8
                }
            })
            .collect()
    }

    fn bytes_entry(name: &str, data: &[u8], method: Method) -> EntrySpec {
        EntrySpec {
            name: name.into(),
            source: Source::Bytes(data.to_vec()),
            method,
            modified: T,
            expected_size: None,
        }
    }

    fn file_entry(name: &str, path: &Path, method: Method, expected: Option<u64>) -> EntrySpec {
        EntrySpec {
            name: name.into(),
            source: Source::File(path.to_path_buf()),
            method,
            modified: T,
            expected_size: expected,
        }
    }

    fn build(
        entries: Vec<EntrySpec>,
        names: NameEncoding,
        threads: usize,
        limit: u64,
    ) -> (Vec<u8>, Vec<Written>) {
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), names);
        w.buffer_limit = limit;
        let written = add_all(&mut w, entries, threads).unwrap();
        (w.finish().unwrap().into_inner(), written)
    }

    /// `add_all`, collecting what `each` is told.
    fn add_all<W: Write + Seek>(
        w: &mut ArchiveWriter<W>,
        entries: Vec<EntrySpec>,
        threads: usize,
    ) -> io::Result<Vec<Written>> {
        let mut written = Vec::new();
        w.add_all(entries, threads, &mut |done| {
            written.push(done.clone());
            Ok(())
        })?;
        Ok(written)
    }

    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }

    #[test]
    fn store_and_deflate_round_trip_from_files_and_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let big = mixed(CHUNK + 12_345, 7);
        let small = mixed(5000, 9);
        let (pb, ps) = (dir.path().join("big.bin"), dir.path().join("small.bin"));
        fs::write(&pb, &big).unwrap();
        fs::write(&ps, &small).unwrap();
        let entries = vec![
            file_entry(
                "a/big-store.bin",
                &pb,
                Method::Store,
                Some(big.len() as u64),
            ),
            file_entry("a/big-deflate.bin", &pb, Method::Deflate, None),
            file_entry("a/small-store.bin", &ps, Method::Store, None),
            file_entry("a/small-deflate.bin", &ps, Method::Deflate, Some(5000)),
            bytes_entry("b/empty.txt", b"", Method::Deflate),
            bytes_entry("b/note.txt", b"hello hello hello", Method::Deflate),
            bytes_entry("b/", b"", Method::Store),
        ];
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
        let written = add_all(&mut w, entries, 2).unwrap();
        let zip = w.finish().unwrap().into_inner();
        let expect: [&[u8]; 7] = [&big, &big, &small, &small, b"", b"hello hello hello", b""];
        assert_eq!(written.len(), 7);
        let back = read_back_from(Cursor::new(&zip)).unwrap();
        assert_eq!(back.len(), 7);
        for ((r, w), data) in back.iter().zip(&written).zip(expect) {
            assert_eq!(r.name, w.name);
            assert!(r.crc_ok, "{}", r.name);
            assert_eq!(r.size, data.len() as u64);
            assert_eq!(r.sha256, sha(data));
            assert_eq!(w.sha256, sha(data));
            assert_eq!(w.crc32, crc32fast::hash(data));
        }
        assert_eq!(written[0].compressed, big.len() as u64, "stored as is");
        assert!(written[1].compressed < big.len() as u64, "deflated");
        assert!(written[5].compressed < 17);
        // Offsets point at local headers, in order.
        for w in &written {
            let at = usize::try_from(w.offset).unwrap();
            assert_eq!(&zip[at..at + 4], b"PK\x03\x04");
        }
        // Every name is UTF-8-flagged; files are 0644, the folder 0755 with the DOS bit.
        let cd = central_directory(&mut Cursor::new(&zip)).unwrap();
        assert!(cd.iter().all(|e| e.flags & FLAG_UTF8 != 0));
        let dir_rec = find(&zip, b"PK\x01\x02").unwrap();
        let attrs = |rec: usize| u32::from_le_bytes(zip[rec + 38..rec + 42].try_into().unwrap());
        assert_eq!(attrs(dir_rec), 0o100_644 << 16);
        let last = zip.len() - 22 - (46 + 2 + 9);
        assert_eq!(&zip[last..last + 4], b"PK\x01\x02");
        assert_eq!(attrs(last), (0o040_755 << 16) | 0x10);
    }

    #[test]
    fn gbk_names_carry_the_unicode_path_field_and_read_back_as_utf8() {
        let names = [
            "关于创建全国文明城市的报告（第一稿）.docx",
            "附件 1：测评体系　说明/照片·001.jpg",
            "plain-ascii.txt",
            "表情😀.txt", // GBK has no emoji: falls back to UTF-8 with bit 11
        ];
        let entries = names
            .iter()
            .map(|n| bytes_entry(n, n.as_bytes(), Method::Deflate))
            .collect();
        let (zip, _) = build(entries, NameEncoding::Gbk, 1, BUFFER_LIMIT);
        let back = read_back_from(Cursor::new(&zip)).unwrap();
        let got: Vec<&str> = back.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(got, names);
        assert!(back.iter().all(|e| e.crc_ok));

        let cd = central_directory(&mut Cursor::new(&zip)).unwrap();
        let gbk = encoding_rs::GBK.encode(names[0]).0;
        assert_eq!(cd[0].raw_name, gbk.as_ref());
        assert_eq!(cd[0].flags & FLAG_UTF8, 0);
        assert_eq!(cd[2].raw_name, b"plain-ascii.txt");
        assert_eq!(cd[2].flags & FLAG_UTF8, 0);
        assert_eq!(cd[3].raw_name, names[3].as_bytes());
        assert_ne!(cd[3].flags & FLAG_UTF8, 0);
        // The Unicode Path field, in the local and the central header: tag, version 1,
        // CRC-32 of the GBK name, the UTF-8 name.
        let mut field = Vec::new();
        put16(&mut field, UPATH_TAG);
        put16(&mut field, len16(5 + names[0].len()).unwrap());
        field.push(1);
        put32(&mut field, crc32fast::hash(&gbk));
        field.extend_from_slice(names[0].as_bytes());
        let first = find(&zip, &field).unwrap();
        assert!(first < find(&zip, b"PK\x01\x02").unwrap());
        assert!(find(&zip[first + 1..], &field).is_some());
        assert!(find(&zip, names[2].as_bytes()).is_some());
    }

    #[test]
    fn a_stale_unicode_field_is_ignored() {
        let raw = encoding_rs::GBK.encode("新名.txt").0.into_owned();
        let mut extra = Vec::new();
        put16(&mut extra, UPATH_TAG);
        put16(&mut extra, 5 + 7);
        extra.push(1);
        put32(&mut extra, crc32fast::hash(b"old.txt"));
        extra.extend_from_slice(b"old.txt");
        assert_eq!(decode_name(&raw, 0, &extra), "新名.txt");
    }

    #[test]
    fn the_same_entries_give_the_same_bytes_on_every_path() {
        let dir = tempfile::tempdir().unwrap();
        let data = mixed(CHUNK + 99, 3);
        let p = dir.path().join("d.bin");
        fs::write(&p, &data).unwrap();
        let entries = || {
            vec![
                file_entry("文件/d.bin", &p, Method::Deflate, None),
                bytes_entry("内存/m.bin", &data, Method::Deflate),
                file_entry("文件/s.bin", &p, Method::Store, Some(data.len() as u64)),
                bytes_entry("短.txt", b"x", Method::Deflate),
            ]
        };
        let (a, wa) = build(entries(), NameEncoding::Gbk, 2, BUFFER_LIMIT);
        let (b, _) = build(entries(), NameEncoding::Gbk, 2, BUFFER_LIMIT);
        // No workers, and a limit that sends every file down the streaming path.
        let (c, _) = build(entries(), NameEncoding::Gbk, 0, BUFFER_LIMIT);
        let (d, wd) = build(entries(), NameEncoding::Gbk, 2, 16);
        assert!(a == b, "two runs differ");
        assert!(a == c, "worker and writer-thread compression differ");
        assert!(a == d, "buffered and streaming compression differ");
        assert_eq!(wa, wd);
        assert_eq!(&a[0..2], b"PK");
        // Made by Unix, version 2.0; 0644 files.
        let cd = find(&a, b"PK\x01\x02").unwrap();
        assert_eq!(&a[cd + 4..cd + 6], &[20, 3]);
    }

    #[test]
    fn timestamps_become_beijing_dos_time_and_an_exact_unix_field() {
        let (time, date) = T.dos();
        assert_eq!(date, (44 << 9) | (5 << 5) | 1);
        assert_eq!(time, (12 << 11) | (34 << 5) | 28);
        // 16:00 UTC is already the next day in Beijing.
        let (_, date) = Timestamp {
            unix: 1_704_124_800,
        }
        .dos(); // 2024-01-01T16:00Z
        assert_eq!(date, (44 << 9) | (1 << 5) | 2);
        assert_eq!(Timestamp { unix: 0 }.dos(), (0, (1 << 5) | 1));
        assert_eq!(
            Timestamp {
                unix: -5_000_000_000
            }
            .dos(),
            (0, (1 << 5) | 1)
        );
        let end = Timestamp {
            unix: 5_000_000_000_000,
        }
        .dos();
        assert_eq!(
            end,
            ((23 << 11) | (59 << 5) | 29, (127 << 9) | (12 << 5) | 31)
        );
        assert_eq!(T.unix32(), Some(1_714_538_096));
        assert_eq!(Timestamp { unix: -1 }.unix32(), None);
        assert_eq!(Timestamp { unix: 1 << 31 }.unix32(), None);

        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
        w.add_bytes("t", b"", Method::Store, T).unwrap();
        let zip = w.finish().unwrap().into_inner();
        let mut ut = vec![0x55, 0x54, 5, 0, 1];
        ut.extend_from_slice(&1_714_538_096u32.to_le_bytes());
        let first = find(&zip, &ut).unwrap();
        assert!(find(&zip[first + 1..], &ut).is_some(), "in both headers");
    }

    #[test]
    fn zip64_decisions() {
        assert!(!needs_zip64(0xFFFF_FFFE, Method::Store));
        assert!(needs_zip64(0xFFFF_FFFF, Method::Store));
        // Incompressible data near 4 GiB can grow past it when deflated.
        assert!(needs_zip64(0xFFF0_0000, Method::Deflate));
        assert!(!needs_zip64(0xF000_0000, Method::Deflate));
    }

    #[test]
    fn seventy_thousand_entries_get_a_zip64_end_record() {
        let n = 70_000;
        let entries: Vec<EntrySpec> = (0..n)
            .map(|i| EntrySpec {
                name: format!("{i:05}"),
                source: Source::Bytes(vec![(i % 251) as u8]),
                method: Method::Store,
                modified: T,
                expected_size: None,
            })
            .collect();
        let (zip, _) = build(entries, NameEncoding::Utf8, 0, BUFFER_LIMIT);
        let eocd = zip.len() - 22;
        assert_eq!(&zip[eocd..eocd + 4], b"PK\x05\x06");
        assert_eq!(&zip[eocd + 8..eocd + 12], &[0xFF; 4], "counts overflow");
        assert_eq!(&zip[eocd - 20..eocd - 16], b"PK\x06\x07", "locator");
        assert_eq!(
            &zip[eocd - 76..eocd - 72],
            b"PK\x06\x06",
            "zip64 end record"
        );
        let back = read_back_from(Cursor::new(&zip)).unwrap();
        assert_eq!(back.len(), n);
        assert!(back.iter().all(|e| e.crc_ok && e.size == 1));
        assert_eq!(back[69_999].name, "69999");
        assert_eq!(back[69_999].sha256, sha(&[(69_999 % 251) as u8]));
    }

    #[test]
    fn offsets_past_4_gib_use_zip64_fields() {
        // A sparse file whose first 4.25 GiB are a hole: the entries land past 4 GiB without
        // writing gigabytes.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("far.zip");
        let start = MAX32 + (256 << 20);
        let mut f = File::create(&path).unwrap();
        f.seek(SeekFrom::Start(start)).unwrap();
        let mut w = ArchiveWriter::starting_at(f, NameEncoding::Utf8, start);
        let a = w.add_bytes("远/a.txt", b"abc", Method::Store, T).unwrap();
        let data = mixed(CHUNK * 2, 5);
        let entries = vec![bytes_entry("远/b.bin", &data, Method::Deflate)];
        let b = add_all(&mut w, entries, 1).unwrap();
        w.finish().unwrap();
        assert_eq!(a.offset, start);
        assert!(b[0].offset > start);
        let back = read_back(&path).unwrap();
        assert_eq!(back.len(), 2);
        assert!(back.iter().all(|e| e.crc_ok));
        assert_eq!(back[1].sha256, sha(&data));
        let cd = central_directory(&mut File::open(&path).unwrap()).unwrap();
        assert_eq!(cd[0].offset, start);
    }

    #[test]
    fn a_file_that_changed_fails_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("证据.txt");
        fs::write(&p, b"12345").unwrap();
        for (method, threads) in [
            (Method::Store, 0),
            (Method::Deflate, 0),
            (Method::Deflate, 2),
        ] {
            let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
            let entries = vec![
                bytes_entry("first.txt", b"kept", Method::Store),
                file_entry("材料/证据.txt", &p, method, Some(4)),
                bytes_entry("never.txt", b"not reached", Method::Store),
            ];
            let e = add_all(&mut w, entries, threads).unwrap_err();
            let c = FileChanged::of(&e).expect("a FileChanged error");
            assert_eq!(c.name, "材料/证据.txt");
            assert_eq!(c.path, p);
            let msg = e.to_string();
            assert!(msg.contains("读取期间被改动") && msg.contains(&*p.to_string_lossy()));
            // Found before a byte of it went out: the archive still holds the first entry.
            assert_eq!(w.count(), 1);
            let zip = w.finish().unwrap().into_inner();
            let back = read_back_from(Cursor::new(zip)).unwrap();
            assert_eq!(back.len(), 1);
        }
    }

    #[test]
    fn a_large_file_that_grew_while_streamed_breaks_the_archive() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("grows.bin");
        fs::write(&p, mixed(CHUNK + 10, 1)).unwrap();
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
        // The listing saw it one byte shorter, then it was stat-ed at that size: simulate by
        // planning the streamed read for fewer bytes than the file holds.
        let h = w.begin("grows.bin", Method::Store, T, false).unwrap();
        let mut reader = File::open(&p).unwrap();
        let r = w.guard(|w| {
            w.write_stream("grows.bin", h, CHUNK as u64, &mut reader, &mut |n| {
                check_after(
                    "grows.bin",
                    &p,
                    Stat {
                        len: CHUNK as u64,
                        modified: None,
                    },
                    n,
                )
            })
        });
        assert!(FileChanged::of(&r.unwrap_err()).is_some());
        assert!(w.add_bytes("b", b"", Method::Store, T).is_err());
        assert!(w.finish().is_err());
    }

    #[test]
    fn bad_and_repeated_names_are_refused_before_writing() {
        for bad in ["", "/abs", "a/../b", "a//b", "./a", "a\\b", "/", "a/./b"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_name("a/b/").unwrap());
        assert!(!check_name("a/b").unwrap());
        for threads in [0, 2] {
            let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
            let entries = vec![
                bytes_entry("x", b"1", Method::Store),
                bytes_entry("y", &mixed(5000, 1), Method::Deflate),
                bytes_entry("x", b"2", Method::Deflate),
                bytes_entry("z", b"3", Method::Store),
            ];
            let e = add_all(&mut w, entries, threads).unwrap_err();
            assert_eq!(e.to_string(), "条目名「x」重复");
            assert_eq!(w.count(), 2);
            let at = w.position();
            assert!(w.add_bytes("y", b"", Method::Store, T).is_err());
            assert!(w.add_bytes("bad/../name", b"", Method::Store, T).is_err());
            assert!(w.add_bytes("d/", b"x", Method::Store, T).is_err());
            assert_eq!(w.position(), at, "nothing of a refused entry is written");
            let back = read_back_from(w.finish().unwrap()).unwrap();
            let names: Vec<&str> = back.iter().map(|e| e.name.as_str()).collect();
            assert_eq!(names, ["x", "y"]);
        }
    }

    #[test]
    fn an_error_from_each_stops_the_batch_and_leaves_a_valid_archive() {
        for threads in [0, 3] {
            let entries =
                (0..50).map(|i| bytes_entry(&format!("{i}.txt"), &mixed(100, i), Method::Deflate));
            let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
            let mut calls = 0;
            let e = w
                .add_all(entries, threads, &mut |_| {
                    calls += 1;
                    if calls == 10 {
                        return Err(io::Error::other("停"));
                    }
                    Ok(())
                })
                .unwrap_err();
            assert_eq!(e.to_string(), "停");
            assert_eq!((calls, w.count()), (10, 10));
            let back = read_back_from(w.finish().unwrap()).unwrap();
            assert_eq!(back.len(), 10);
            assert!(back.iter().all(|e| e.crc_ok));
            assert_eq!(back[9].name, "9.txt");
        }
    }

    #[test]
    fn read_back_each_hands_over_the_entries_before_a_damaged_directory_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let mut w = ArchiveWriter::new(File::create(&path).unwrap(), NameEncoding::Utf8);
        for i in 0..5 {
            w.add_bytes(&format!("{i}.txt"), b"x", Method::Store, T)
                .unwrap();
        }
        w.finish().unwrap();
        let mut zip = fs::read(&path).unwrap();
        let cd = find(&zip, b"PK\x01\x02").unwrap();
        let fourth = cd + 3 * (zip.len() - 22 - cd) / 5;
        assert_eq!(&zip[fourth..fourth + 4], b"PK\x01\x02");
        zip[fourth] = b'Q';
        fs::write(&path, &zip).unwrap();
        let mut got = Vec::new();
        let e = read_back_each(&path, &mut |e| {
            got.push(e.name);
            Ok(())
        })
        .unwrap_err();
        assert_eq!(got, ["0.txt", "1.txt", "2.txt"]);
        assert!(e.to_string().contains("中央目录记录的签名不对"), "{e}");
        assert!(read_back(&path).is_err());
    }

    #[test]
    fn read_back_flags_damaged_data() {
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
        w.add_bytes("a.txt", b"evidence", Method::Store, T).unwrap();
        let mut zip = w.finish().unwrap().into_inner();
        let at = find(&zip, b"evidence").unwrap();
        zip[at] = b'E';
        let back = read_back_from(Cursor::new(&zip)).unwrap();
        assert!(!back[0].crc_ok);
        zip.truncate(zip.len() - 5);
        assert!(read_back_from(Cursor::new(&zip)).is_err());
    }
}
