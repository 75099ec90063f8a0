//! The central directory: found through the end records (ZIP64 aware), read a record at a
//! time, each record's name decoded as extractors read it. Whatever an extractor could read
//! otherwise (a record the end record does not count, bytes between the directory and the end
//! records) is refused.

use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};

use crate::zip_format::*;

/// A central directory record, as read.
pub(crate) struct CdEntry {
    /// The name as a reader that knows the Unicode Path field reads it.
    pub(crate) name: String,
    /// The name field's own reading (UTF-8 or GBK by flag bit 11) when a Unicode Path field
    /// names the entry otherwise: what a reader that ignores the field extracts.
    pub(crate) field_name: Option<String>,
    pub(crate) raw_name: Vec<u8>,
    /// "Version made by": its high byte says whose attributes `external` holds.
    pub(crate) made_by: u16,
    pub(crate) flags: u16,
    pub(crate) method: u16,
    pub(crate) crc: u32,
    pub(crate) size: u64,
    pub(crate) csize: u64,
    pub(crate) external: u32,
    pub(crate) offset: u64,
    /// Where the entry's data starts, once its local header is read (0 before).
    pub(crate) data_start: u64,
}

pub(super) fn read_exact_at<R: Read + Seek>(r: &mut R, at: u64, n: usize) -> io::Result<Vec<u8>> {
    r.seek(SeekFrom::Start(at))?;
    let mut b = vec![0u8; n];
    r.read_exact(&mut b)
        .map_err(|e| corrupt(format!("ZIP 结构被截断（偏移 {at}）：{e}")))?;
    Ok(b)
}

/// The extra field with `tag` in `extra`, if any.
pub(super) fn find_extra(mut extra: &[u8], tag: u16) -> Option<&[u8]> {
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

/// The name an extractor that knows the Unicode Path field reads, and the name field's own
/// reading when that differs.
pub(super) fn decode_name(raw: &[u8], flags: u16, extra: &[u8]) -> (String, Option<String>) {
    let field = if flags & FLAG_UTF8 != 0 {
        String::from_utf8_lossy(raw).into_owned()
    } else {
        encoding_rs::GBK
            .decode_without_bom_handling(raw)
            .0
            .into_owned()
    };
    match unicode_path(raw, extra) {
        Some(unicode) if unicode != field => (unicode, Some(field)),
        _ => (field, None),
    }
}

/// The Unicode Path field's name, when the field is there and still belongs to `raw`.
fn unicode_path(raw: &[u8], extra: &[u8]) -> Option<String> {
    let mut le = Le(find_extra(extra, UPATH_TAG)?);
    let version = le.take(1).ok()?;
    let crc = le.u32().ok()?;
    // A stale field (the name was changed by a tool that did not know it) has a wrong CRC.
    if version != [1u8] || crc != crc32fast::hash(raw) {
        return None;
    }
    std::str::from_utf8(le.0).ok().map(str::to_string)
}

/// What the end records say of the central directory.
struct End {
    count: u64,
    cd_size: u64,
    cd_start: u64,
    /// Where the directory must end: at the ZIP64 end record, else at the classic one.
    cd_end: u64,
}

/// The classic end record's offset: the last signature whose comment reaches the end of the
/// file.
fn find_end<R: Read + Seek>(r: &mut R) -> io::Result<(u64, Vec<u8>)> {
    let len = r.seek(SeekFrom::End(0))?;
    let tail_len = len.min(22 + MAX16);
    let tail_start = len - tail_len;
    let tail = read_exact_at(r, tail_start, usize::try_from(tail_len).unwrap_or(0))?;
    let sig = EOCD_SIG.to_le_bytes();
    let at = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| {
            let comment = tail.get(i + 20..).and_then(|c| Le(c).u16().ok());
            tail.get(i..i + 4) == Some(&sig[..])
                && comment.map(usize::from) == Some(tail.len() - i - 22)
        })
        .ok_or_else(|| corrupt("不是 ZIP 文件：找不到中央目录结束记录"))?;
    let record = tail.get(at..at + 22).unwrap_or_default().to_vec();
    Ok((tail_start + at as u64, record))
}

/// Reads the end records (ZIP64 aware). One disk only; the entry counts for this disk and in
/// all must agree, as an extractor may read either.
fn end_records<R: Read + Seek>(r: &mut R) -> io::Result<End> {
    let (eocd_pos, record) = find_end(r)?;
    let mut le = Le(record.get(4..).unwrap_or_default());
    let (disk, cd_disk) = (le.u16()?, le.u16()?);
    let (here, count) = (le.u16()?, le.u16()?);
    let cd_size = u64::from(le.u32()?);
    let cd_start = u64::from(le.u32()?);
    if disk != 0 || cd_disk != 0 {
        return Err(corrupt("不支持分卷 ZIP"));
    }
    if here != count {
        return Err(corrupt("中央目录结束记录的两个条目数不一致"));
    }
    let classic = End {
        count: u64::from(count),
        cd_size,
        cd_start,
        cd_end: eocd_pos,
    };
    if eocd_pos < 20 {
        return Ok(classic);
    }
    let loc = read_exact_at(r, eocd_pos - 20, 20)?;
    let mut le = Le(&loc);
    if le.u32()? != ZIP64_LOCATOR_SIG {
        return Ok(classic);
    }
    le.u32()?; // disk with the ZIP64 end record
    zip64_end(r, le.u64()?, eocd_pos - 20)
}

/// The ZIP64 end record at `at`, which must end where its locator starts.
fn zip64_end<R: Read + Seek>(r: &mut R, at: u64, locator: u64) -> io::Result<End> {
    let rec = read_exact_at(r, at, 56)?;
    let mut le = Le(&rec);
    if le.u32()? != ZIP64_EOCD_SIG {
        return Err(corrupt("ZIP64 中央目录结束记录的签名不对"));
    }
    let rest = le.u64()?;
    le.take(4)?; // versions
    let (disk, cd_disk) = (le.u32()?, le.u32()?);
    let (here, count) = (le.u64()?, le.u64()?);
    let (cd_size, cd_start) = (le.u64()?, le.u64()?);
    if disk != 0 || cd_disk != 0 {
        return Err(corrupt("不支持分卷 ZIP"));
    }
    if here != count {
        return Err(corrupt("ZIP64 中央目录结束记录的两个条目数不一致"));
    }
    if at.checked_add(12).and_then(|a| a.checked_add(rest)) != Some(locator) {
        return Err(corrupt(
            "ZIP64 中央目录结束记录与其定位记录之间有多余的字节",
        ));
    }
    Ok(End {
        count,
        cd_size,
        cd_start,
        cd_end: at,
    })
}

/// The central directory, read a record at a time: what is held does not grow with the
/// number of entries.
pub(super) struct Directory<R> {
    records: BufReader<io::Take<R>>,
    /// Records still to read.
    left: u64,
    /// Where the directory starts: where the last entry must end.
    pub(super) cd_start: u64,
}

impl<R: Read + Seek> Directory<R> {
    /// Finds the directory through the end records, which it must reach exactly.
    pub(super) fn open(mut r: R) -> io::Result<Self> {
        let end = end_records(&mut r)?;
        match end.cd_start.checked_add(end.cd_size) {
            Some(e) if e == end.cd_end => {}
            Some(e) if e < end.cd_end => {
                return Err(corrupt(format!(
                    "结束记录所记的中央目录位置差了 {} 字节（文件前面多了内容，或中间被改过）",
                    end.cd_end - e
                )));
            }
            _ => return Err(corrupt("中央目录的位置超出文件")),
        }
        r.seek(SeekFrom::Start(end.cd_start))?;
        Ok(Directory {
            records: BufReader::with_capacity(256 << 10, r.take(end.cd_size)),
            left: end.count,
            cd_start: end.cd_start,
        })
    }
}

impl<R: Read> Directory<R> {
    fn record(&mut self) -> io::Result<CdEntry> {
        let mut fixed = [0u8; 46];
        self.records
            .read_exact(&mut fixed)
            .map_err(|_| corrupt("中央目录被截断，或记录数比结束记录所记的少"))?;
        let mut le = Le(&fixed);
        if le.u32()? != CENTRAL_SIG {
            return Err(corrupt("中央目录记录的签名不对"));
        }
        let made_by = le.u16()?;
        le.take(2)?; // version needed
        let flags = le.u16()?;
        let method = le.u16()?;
        le.take(4)?; // DOS time and date
        let crc = le.u32()?;
        let csize32 = le.u32()?;
        let size32 = le.u32()?;
        let (n, m, k) = (le.u16()?, le.u16()?, le.u16()?);
        le.take(4)?; // disk, internal attributes
        let external = le.u32()?;
        let offset32 = le.u32()?;
        let mut var = vec![0u8; usize::from(n) + usize::from(m) + usize::from(k)];
        self.records
            .read_exact(&mut var)
            .map_err(|_| corrupt("中央目录被截断"))?;
        let mut le = Le(&var);
        let raw_name = le.take(usize::from(n))?.to_vec();
        let extra = le.take(usize::from(m))?;
        // The ZIP64 field holds, in this order, each value whose 32-bit field is full.
        let mut z = Le(find_extra(extra, ZIP64_TAG).unwrap_or_default());
        let size = widen(size32, &mut z)?;
        let csize = widen(csize32, &mut z)?;
        let offset = widen(offset32, &mut z)?;
        let (name, field_name) = decode_name(&raw_name, flags, extra);
        Ok(CdEntry {
            name,
            field_name,
            raw_name,
            made_by,
            flags,
            method,
            crc,
            size,
            csize,
            external,
            offset,
            data_start: 0,
        })
    }

    /// An error when the directory holds more than the end record counts: an extractor that
    /// reads to the directory's end would find entries one that trusts the count does not.
    fn check_all_read(&mut self) -> io::Result<()> {
        if self.records.fill_buf()?.is_empty() {
            Ok(())
        } else {
            Err(corrupt("中央目录里的记录比结束记录所记的多"))
        }
    }
}

/// A 32-bit size or offset, or its 64-bit value from the ZIP64 field when it is full.
pub(super) fn widen(v32: u32, zip64: &mut Le) -> io::Result<u64> {
    if u64::from(v32) == MAX32 {
        zip64.u64()
    } else {
        Ok(u64::from(v32))
    }
}

impl<R: Read> Iterator for Directory<R> {
    type Item = io::Result<CdEntry>;

    fn next(&mut self) -> Option<io::Result<CdEntry>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let mut r = self.record();
        if r.is_ok() && self.left == 0 {
            r = self.check_all_read().and(r);
        }
        if r.is_err() {
            // Nothing after a damaged record can be found.
            self.left = 0;
        }
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_unicode_field_is_ignored() {
        let raw = encoding_rs::GBK.encode("新名.txt").0.into_owned();
        let mut extra = Vec::new();
        extra.extend_from_slice(&UPATH_TAG.to_le_bytes());
        extra.extend_from_slice(&12u16.to_le_bytes());
        extra.push(1);
        extra.extend_from_slice(&crc32fast::hash(b"old.txt").to_le_bytes());
        extra.extend_from_slice(b"old.txt");
        assert_eq!(decode_name(&raw, 0, &extra), ("新名.txt".to_string(), None));
    }

    #[test]
    fn a_unicode_field_naming_another_file_keeps_the_name_field_beside_it() {
        let raw = b"data/a.txt";
        let mut extra = Vec::new();
        extra.extend_from_slice(&UPATH_TAG.to_le_bytes());
        extra.extend_from_slice(&15u16.to_le_bytes());
        extra.push(1);
        extra.extend_from_slice(&crc32fast::hash(raw).to_le_bytes());
        extra.extend_from_slice(b"data/b.txt");
        let (name, field) = decode_name(raw, 0, &extra);
        assert_eq!(
            (name.as_str(), field.as_deref()),
            ("data/b.txt", Some("data/a.txt"))
        );
    }
}
