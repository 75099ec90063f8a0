//! Each entry's local header, checked against its central record, and where the entry lies.
//! Extractors that read the central directory and those that stream local headers must find
//! the same entries with the same bytes, so entries follow one another in directory order with
//! nothing between them (a streaming reader would find a local header hidden there) and none
//! overlapping (a few KB of records pointing at one entry made a reader inflate the same
//! gigabyte five thousand times), and the last one ends where the directory starts. All of it
//! is known before any data is read.

use std::io::{self, Read, Seek};

use super::directory::{CdEntry, decode_name, find_extra, read_exact_at, widen};
use crate::zip_format::Le;
use crate::zip_format::*;

/// Flag bit 3: CRC and sizes follow the data in a data descriptor.
const FLAG_DESCRIPTOR: u16 = 1 << 3;

/// The flag bits readers act on, which both headers must agree on.
const FLAGS_READ: u16 = FLAG_ENCRYPTED | FLAG_DESCRIPTOR | FLAG_UTF8;

/// The signature a data descriptor may start with.
const DESCRIPTOR_SIG: u32 = 0x0807_4b50;

/// Where the next entry must start, and where the central directory does.
pub(super) struct Placement {
    next: Option<u64>,
    cd_start: u64,
}

/// A local header as read.
struct Local {
    flags: u16,
    method: u16,
    crc: u32,
    csize: u64,
    size: u64,
    raw_name: Vec<u8>,
    name: String,
    /// The header's length: where the data starts, from the header's offset.
    len: u64,
    /// Whether its extra field has a ZIP64 field: the descriptor's sizes are 8 bytes then.
    zip64: bool,
}

impl Placement {
    /// The first entry may start anywhere (whether bytes may come before it is the caller's to
    /// say); each later one where the one before it ends.
    pub(super) fn new(cd_start: u64) -> Self {
        Placement {
            next: None,
            cd_start,
        }
    }

    /// Checks `e`'s place and its local header, and records where its data starts.
    pub(super) fn place<R: Read + Seek>(&mut self, r: &mut R, e: &mut CdEntry) -> io::Result<()> {
        let fail = |what: String| corrupt(format!("条目「{}」{what}", e.name));
        let next = self.next.unwrap_or(e.offset);
        if e.offset < next {
            return Err(fail("与前一个条目重叠，或不按中央目录的顺序存放".into()));
        }
        if e.offset > next {
            let gap = e.offset - next;
            return Err(fail(format!("之前有 {gap} 字节不属于任何条目")));
        }
        let local = read_local(r, e.offset, self.cd_start).map_err(|err| fail(err.to_string()))?;
        agrees(&local, e).map_err(fail)?;
        e.data_start = e.offset + local.len;
        let beyond = || fail("的数据伸进了中央目录，或超出文件".into());
        let mut end = (e.data_start.checked_add(e.csize))
            .filter(|&end| end <= self.cd_start)
            .ok_or_else(beyond)?;
        if local.flags & FLAG_DESCRIPTOR != 0 {
            end += descriptor(r, end, &local, e).map_err(|err| fail(err.to_string()))?;
            if end > self.cd_start {
                return Err(beyond());
            }
        }
        self.next = Some(end);
        Ok(())
    }

    /// An error when bytes lie between the last entry and the central directory.
    pub(super) fn finish(&self) -> io::Result<()> {
        match self.next {
            Some(end) if end < self.cd_start => Err(corrupt(format!(
                "最后一个条目与中央目录之间有 {} 字节不属于任何条目",
                self.cd_start - end
            ))),
            _ => Ok(()),
        }
    }
}

/// The local header at `at`, which must end before the central directory.
fn read_local<R: Read + Seek>(r: &mut R, at: u64, cd_start: u64) -> io::Result<Local> {
    if at.saturating_add(30) > cd_start {
        return Err(corrupt("的本地文件头不在中央目录之前"));
    }
    let head = read_exact_at(r, at, 30)?;
    let mut le = Le(&head);
    if le.u32()? != LOCAL_SIG {
        return Err(corrupt("的本地文件头签名不对"));
    }
    le.take(2)?; // version needed
    let (flags, method) = (le.u16()?, le.u16()?);
    le.take(4)?; // DOS time and date
    let (crc, csize32, size32) = (le.u32()?, le.u32()?, le.u32()?);
    let (n, m) = (le.u16()?, le.u16()?);
    let len = 30 + u64::from(n) + u64::from(m);
    if at.saturating_add(len) > cd_start {
        return Err(corrupt("的本地文件头伸进了中央目录"));
    }
    let mut var = vec![0u8; usize::from(n) + usize::from(m)];
    r.read_exact(&mut var)
        .map_err(|e| corrupt(format!("的本地文件头被截断：{e}")))?;
    let (raw, extra) = var.split_at(usize::from(n));
    let zip64 = find_extra(extra, ZIP64_TAG);
    let mut z = Le(zip64.unwrap_or_default());
    let size = widen(size32, &mut z)?;
    let csize = widen(csize32, &mut z)?;
    let (name, _) = decode_name(raw, flags, extra);
    let raw_name = raw.to_vec();
    Ok(Local {
        flags,
        method,
        crc,
        csize,
        size,
        raw_name,
        name,
        len,
        zip64: zip64.is_some(),
    })
}

/// Whether the local header says what the central record says: the same name (as the name
/// field and the Unicode Path field read), flags readers act on, method, and, unless a data
/// descriptor carries them, CRC and sizes. Also refused here, before any data is read: what
/// cannot be checked (encryption, a method other than store and deflate), and a stored entry
/// whose two sizes differ (extractors would read different lengths).
fn agrees(local: &Local, e: &CdEntry) -> Result<(), String> {
    if e.flags & FLAG_ENCRYPTED != 0 {
        return Err("已加密，无法校验".into());
    }
    if e.method != 0 && e.method != 8 {
        return Err(format!("用了不支持的压缩方法 {}", e.method));
    }
    if e.method == 0 && e.csize != e.size {
        return Err(format!(
            "是不压缩存放的，却记着压缩后 {} 字节、原为 {} 字节",
            e.csize, e.size
        ));
    }
    if local.raw_name != e.raw_name || local.name != e.name {
        return Err("的本地文件头与中央目录的名字不一致".into());
    }
    if local.flags & FLAGS_READ != e.flags & FLAGS_READ || local.method != e.method {
        return Err("的本地文件头与中央目录的标志或压缩方法不一致".into());
    }
    let described = e.flags & FLAG_DESCRIPTOR != 0;
    if !described && (local.crc, local.csize, local.size) != (e.crc, e.csize, e.size) {
        return Err("的本地文件头与中央目录记的 CRC 或大小不一致".into());
    }
    Ok(())
}

/// The data descriptor at `at`, which must repeat the central record's CRC and sizes; its
/// length.
fn descriptor<R: Read + Seek>(r: &mut R, at: u64, local: &Local, e: &CdEntry) -> io::Result<u64> {
    let wide = if local.zip64 { 8 } else { 4 };
    let bytes = read_exact_at(r, at, 4 + 4 + 2 * wide)?;
    let mut le = Le(&bytes);
    let signed = le.u32()? == DESCRIPTOR_SIG;
    let mut le = if signed { le } else { Le(&bytes) };
    let crc = le.u32()?;
    let (csize, size) = if local.zip64 {
        (le.u64()?, le.u64()?)
    } else {
        (u64::from(le.u32()?), u64::from(le.u32()?))
    };
    if (crc, csize, size) != (e.crc, e.csize, e.size) {
        return Err(corrupt("的数据描述符与中央目录记的 CRC 或大小不一致"));
    }
    Ok(if signed { 4 } else { 0 } + 4 + 2 * wide as u64)
}
