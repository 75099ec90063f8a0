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
