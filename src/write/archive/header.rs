//! The headers of an entry as the writer spells them: local and central records, ZIP64 and
//! extended-timestamp and Unicode Path fields, names checked and encoded, times in DOS form.

use std::io;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::zip_format::*;

/// Longest entry name, in UTF-8 bytes: leaves room in the 16-bit extra-field length for the
/// Unicode Path field, which repeats the name.
pub(crate) const MAX_NAME: usize = 0xFF00;

/// China Standard Time, UTC+8: what a portal's reviewer sees in the DOS time fields.
const CHINA_OFFSET: i64 = 8 * 3600;

/// How an entry's bytes are stored.
///
/// ```
/// use std::io::Cursor;
/// use dossier::write::archive::{ArchiveWriter, Method, NameEncoding, Timestamp};
/// let text = "创建全国文明城市。".repeat(100);
/// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
/// let t = Timestamp { unix: 0 };
/// let stored = w.add_bytes("原样.txt", text.as_bytes(), Method::Store, t).unwrap();
/// let deflated = w.add_bytes("压缩.txt", text.as_bytes(), Method::Deflate, t).unwrap();
/// assert_eq!(stored.compressed, stored.size);
/// assert!(deflated.compressed < deflated.size / 10);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// As they are: for files that are already compressed (JPEG, MP4, DOCX, PDF).
    Store,
    /// Deflate, level 6.
    Deflate,
}

impl Method {
    pub(crate) fn code(self) -> u16 {
        match self {
            Method::Store => 0,
            Method::Deflate => 8,
        }
    }
}

/// How entry names are spelled in the archive.
///
/// ```
/// use std::io::Cursor;
/// use dossier::write::archive::{ArchiveWriter, Method, NameEncoding, Timestamp};
/// assert_eq!(NameEncoding::default(), NameEncoding::Utf8);
/// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Gbk);
/// w.add_bytes("清单.txt", b"", Method::Store, Timestamp { unix: 0 }).unwrap();
/// let zip = w.finish().unwrap().into_inner();
/// // The first local header: flag bit 11 clear, and the name field after the 30 fixed bytes
/// // in GBK (清 C7E5, 单 B5A5).
/// assert_eq!(zip[7] & 0x08, 0);
/// assert_eq!(&zip[30..38], b"\xc7\xe5\xb5\xa5.txt");
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
    pub(crate) fn dos(self) -> (u16, u16) {
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
    pub(crate) fn unix32(self) -> Option<u32> {
        u32::try_from(self.unix)
            .ok()
            .filter(|&t| i32::try_from(t).is_ok())
    }
}

/// Everything a header needs, decided before the header is first written.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// The name field's bytes: UTF-8 or GBK.
    pub(crate) name: Vec<u8>,
    pub(crate) flags: u16,
    /// Data of the Unicode Path field (version, CRC-32 of `name`, UTF-8 name), for GBK names.
    pub(crate) upath: Option<Vec<u8>>,
    pub(crate) method: Method,
    pub(crate) time: u16,
    pub(crate) date: u16,
    pub(crate) mtime: Option<u32>,
    pub(crate) dir: bool,
    /// Sizes live in a ZIP64 extra field, in the local and the central header.
    pub(crate) zip64_sizes: bool,
    pub(crate) offset: u64,
    pub(crate) crc: u32,
    pub(crate) size: u64,
    pub(crate) csize: u64,
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

    pub(crate) fn local(&self) -> io::Result<Vec<u8>> {
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

    pub(crate) fn central(&self, b: &mut Vec<u8>) -> io::Result<()> {
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

pub(crate) fn put16(b: &mut Vec<u8>, v: u16) {
    b.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn put32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn put64(b: &mut Vec<u8>, v: u64) {
    b.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn len16(n: usize) -> io::Result<u16> {
    u16::try_from(n).map_err(|_| invalid("条目名或扩展字段超过 65535 字节"))
}

pub(crate) fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg.into())
}

/// Whether an entry of `size` bytes needs its sizes in a ZIP64 field. Deflate can expand
/// incompressible data by 5 bytes per stored block; zlib's `deflateBound` terms cover that
/// (a margin of 64 KiB would not, near 4 GiB).
pub(crate) fn needs_zip64(size: u64, method: Method) -> bool {
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
pub(crate) fn check_name(name: &str) -> io::Result<bool> {
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
pub(crate) fn encode_name(name: &str, enc: NameEncoding) -> (Vec<u8>, u16, Option<Vec<u8>>) {
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
pub(crate) fn name_key(name: &str) -> [u8; 16] {
    let d = Sha256::digest(name.as_bytes());
    let mut key = [0u8; 16];
    key.copy_from_slice(&d[..16]);
    key
}

/// The records that end an archive of `count` entries whose central directory of `cd_size`
/// bytes starts at `cd_start` and ends at `end`: the ZIP64 end record and its locator when
/// more than 65,534 entries or offsets past 4 GiB need them, then the classic end record.
pub(crate) fn end_records(count: u64, cd_start: u64, cd_size: u64, end: u64) -> Vec<u8> {
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
    b
}
