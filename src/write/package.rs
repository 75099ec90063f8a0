//! The OPC package: a zip of named parts with fixed order, fixed timestamps and deflate, so the
//! same document always gives the same bytes.

use std::io::{Seek, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// Writes a part into the sink it is given.
pub type PartWriter<'a> = Box<dyn FnOnce(&mut dyn Write) -> std::io::Result<()> + 'a>;

/// What a part holds: its text, or a writer that streams it, for parts too large to build
/// whole in memory (a document.xml with a table of ten thousand rows).
pub enum Content<'a> {
    /// The part's text.
    Text(String),
    /// Streams the part.
    Stream(PartWriter<'a>),
}

/// Zips `parts` (name, content) in the order given into `out`, and hands `out` back.
pub fn zip_parts<W: Write + Seek>(parts: Vec<(&str, Content)>, out: W) -> std::io::Result<W> {
    let mut zip = ZipWriter::new(out);
    // Made by Unix wherever dossier runs: the zip crate would otherwise say the system it was
    // built for, and a Windows build's files would differ from a Linux build's.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
        .system(System::Unix);
    for (name, content) in parts {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        match content {
            Content::Text(text) => zip.write_all(text.as_bytes())?,
            Content::Stream(write) => write(&mut zip)?,
        }
    }
    zip.finish().map_err(std::io::Error::other)
}
