//! An entry's data streamed from its source into the archive in 1 MiB pieces, hashed on the
//! way, stored or deflated: no large file is ever held whole.

use std::io::{self, Read, Write};

use flate2::Compression;
use flate2::write::DeflateEncoder;

use super::prepare::{LEVEL, read_full};
use crate::zip_format::{CHUNK, Hashes};

/// Copies `src` to `out` as it is; returns the bytes written.
pub(crate) fn copy_stored(
    src: &mut dyn Read,
    out: &mut dyn Write,
    hashes: &mut Hashes,
) -> io::Result<u64> {
    pump(src, hashes, &mut |piece| out.write_all(piece))?;
    Ok(hashes.len)
}

/// Deflates `src` into `out`; returns the compressed bytes written.
pub(crate) fn copy_deflated(
    src: &mut dyn Read,
    out: &mut dyn Write,
    hashes: &mut Hashes,
) -> io::Result<u64> {
    let counter = Counter { out, n: 0 };
    let mut enc = DeflateEncoder::new(counter, Compression::new(LEVEL));
    pump(src, hashes, &mut |piece| enc.write_all(piece))?;
    Ok(enc.finish()?.n)
}

/// Reads `src` to its end in `CHUNK` pieces, hashing each and handing it to `sink`.
fn pump(
    src: &mut dyn Read,
    hashes: &mut Hashes,
    sink: &mut dyn FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = read_full(src, &mut buf)?;
        let Some(piece) = buf.get(..n).filter(|p| !p.is_empty()) else {
            return Ok(());
        };
        hashes.update(piece);
        sink(piece)?;
    }
}

/// Counts the bytes the deflate encoder hands on.
struct Counter<'a> {
    out: &'a mut dyn Write,
    n: u64,
}

impl Write for Counter<'_> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        let k = self.out.write(b)?;
        self.n += k as u64;
        Ok(k)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
