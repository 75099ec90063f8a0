//! What the ZIP format fixes, shared by the archive writer and reader: record signatures,
//! extra-field tags and flag bits, and the CRC-32 and SHA-256 every entry's data is checked by.

use std::io;

use sha2::{Digest, Sha256};

/// Files are read, hashed and compressed in pieces of this size.
pub(crate) const CHUNK: usize = 1 << 20;

/// A 32-bit field holding this means "see the ZIP64 record".
pub(crate) const MAX32: u64 = 0xFFFF_FFFF;

/// Likewise for 16-bit counts.
pub(crate) const MAX16: u64 = 0xFFFF;

pub(crate) const LOCAL_SIG: u32 = 0x0403_4b50;

pub(crate) const CENTRAL_SIG: u32 = 0x0201_4b50;

pub(crate) const EOCD_SIG: u32 = 0x0605_4b50;

pub(crate) const ZIP64_EOCD_SIG: u32 = 0x0606_4b50;

pub(crate) const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;

pub(crate) const ZIP64_TAG: u16 = 0x0001;

pub(crate) const TIME_TAG: u16 = 0x5455;

pub(crate) const UPATH_TAG: u16 = 0x7075;

pub(crate) const FLAG_ENCRYPTED: u16 = 1;

pub(crate) const FLAG_UTF8: u16 = 1 << 11;

/// "Version made by" high byte: Unix, so extractors apply the mode in the external attributes.
pub(crate) const MADE_BY_UNIX: u16 = 3 << 8;

pub(crate) const FILE_ATTRS: u32 = 0o100_644 << 16;

/// Unix drwxr-xr-x plus the MS-DOS directory bit, which Windows extractors look at.
pub(crate) const DIR_ATTRS: u32 = (0o040_755 << 16) | 0x10;

/// Says "made by Unix" in every central-directory header of the zip archive that `tail` ends,
/// as dossier's own writers do, so a zip written by a library that says the system it was built
/// for (rust_xlsxwriter's workbooks) has the same bytes on Windows as on Linux. `tail` holds at
/// least the whole central directory and what follows it; an error when it does not.
pub(crate) fn made_by_unix(tail: &mut [u8]) -> io::Result<()> {
    let (mut at, end) = central_directory(tail)?;
    while at < end {
        let mut le = Le(tail.get(at..).unwrap_or_default());
        if le.u32()? != CENTRAL_SIG {
            return Err(corrupt("ZIP 中央目录记录的签名不对"));
        }
        le.take(24)?; // versions, flags, method, time, CRC and sizes
        let (name, extra, comment) = (le.u16()?, le.u16()?, le.u16()?);
        tail[at + 5] = (MADE_BY_UNIX >> 8) as u8;
        at += 46 + usize::from(name) + usize::from(extra) + usize::from(comment);
    }
    Ok(())
}

/// Where the central directory of the archive that `tail` ends lies in `tail`, from its end
/// record (and the ZIP64 one before it, when there is one).
fn central_directory(tail: &[u8]) -> io::Result<(usize, usize)> {
    let eocd = (0..tail.len().saturating_sub(21))
        .rev()
        .take(MAX16 as usize + 1)
        .find(|&at| {
            let mut le = Le(tail.get(at..).unwrap_or_default());
            le.u32().is_ok_and(|sig| sig == EOCD_SIG)
                && le.take(16).is_ok()
                && le
                    .u16()
                    .is_ok_and(|c| at + 22 + usize::from(c) == tail.len())
        })
        .ok_or_else(|| corrupt("不是 ZIP 文件：找不到中央目录结束记录"))?;
    let mut end = eocd;
    let mut size = u64::from(Le(tail.get(eocd + 12..).unwrap_or_default()).u32()?);
    let locator = eocd.checked_sub(20).and_then(|at| tail.get(at..));
    if locator.is_some_and(|l| Le(l).u32().is_ok_and(|sig| sig == ZIP64_LOCATOR_SIG)) {
        // dossier's zip writers put nothing between the ZIP64 end record and its locator.
        end = eocd.saturating_sub(20 + 56);
        let mut le = Le(tail.get(end..).unwrap_or_default());
        if le.u32()? != ZIP64_EOCD_SIG {
            return Err(corrupt("ZIP64 中央目录结束记录的签名不对"));
        }
        le.take(36)?; // its size, versions, disks and entry counts
        size = le.u64()?;
    }
    let start = usize::try_from(size)
        .ok()
        .and_then(|size| end.checked_sub(size));
    Ok((
        start.ok_or_else(|| corrupt("中央目录不在所给的字节里"))?,
        end,
    ))
}

/// A little-endian reader over a byte slice that fails instead of panicking when short.
pub(crate) struct Le<'a>(pub(crate) &'a [u8]);

impl<'a> Le<'a> {
    pub(crate) fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
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

    pub(crate) fn u16(&mut self) -> io::Result<u16> {
        self.arr().map(u16::from_le_bytes)
    }

    pub(crate) fn u32(&mut self) -> io::Result<u32> {
        self.arr().map(u32::from_le_bytes)
    }

    pub(crate) fn u64(&mut self) -> io::Result<u64> {
        self.arr().map(u64::from_le_bytes)
    }
}

pub(crate) fn corrupt(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

/// CRC-32, SHA-256 and length of a stream, updated together.
pub(crate) struct Hashes {
    crc: crc32fast::Hasher,
    sha: Sha256,
    pub(crate) len: u64,
}

impl Hashes {
    pub(crate) fn new() -> Self {
        Hashes {
            crc: crc32fast::Hasher::new(),
            sha: Sha256::new(),
            len: 0,
        }
    }

    pub(crate) fn update(&mut self, b: &[u8]) {
        self.crc.update(b);
        self.sha.update(b);
        self.len += b.len() as u64;
    }

    pub(crate) fn finish(self) -> (u64, u32, [u8; 32]) {
        (self.len, self.crc.finalize(), self.sha.finalize().into())
    }
}
