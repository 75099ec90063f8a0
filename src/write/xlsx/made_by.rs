//! rust_xlsxwriter's zip says the system it was built for in each entry's "version made by"
//! and cannot be told otherwise: a workbook made on Windows would differ from Linux's in that
//! one byte. Each workbook's central directory is rewritten to say Unix, as dossier's own zips
//! say, so every build writes the same bytes.

use std::io::{self, Write};

use crate::zip_format::{CHUNK, made_by_unix};

/// A whole workbook in memory, made by Unix.
pub(super) fn in_memory(mut bytes: Vec<u8>) -> io::Result<Vec<u8>> {
    made_by_unix(&mut bytes)?;
    Ok(bytes)
}

/// Hands a streamed workbook on to `out`, holding back its last bytes (at least one `CHUNK`,
/// far more than a workbook's central directory and end records) until `finish`.
pub(super) struct Streamed<W: Write> {
    out: W,
    held: Vec<u8>,
}

impl<W: Write> Streamed<W> {
    pub(super) fn new(out: W) -> Self {
        Streamed {
            out,
            held: Vec::new(),
        }
    }

    /// Writes the held bytes, made by Unix, once the workbook is complete.
    pub(super) fn finish(mut self) -> io::Result<()> {
        made_by_unix(&mut self.held)?;
        self.out.write_all(&self.held)?;
        self.out.flush()
    }
}

impl<W: Write> Write for Streamed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.held.extend_from_slice(buf);
        if self.held.len() > 2 * CHUNK {
            let passed = self.held.len() - CHUNK;
            self.out.write_all(&self.held[..passed])?;
            self.held.drain(..passed);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
