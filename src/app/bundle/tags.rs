//! The bag's tag files of a volume: the BagIt declaration and info, the SHA-256 manifest, the
//! original names, the 材料目录 as DOCX and XLSX, and the tag manifest over them all. Those as
//! long as the volume is large are built in temporary files and streamed in.

use std::fs::File;
use std::io::{BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

use super::index::{self, FileRows, Span};
use super::ledger::{Ledger, Record};
use super::packing::{Packing, write_error};
use crate::app::bagit;
use crate::error::{Error, Result};
use crate::text::{Date, hex};
use crate::write::archive::{ArchiveWriter, Method, Timestamp, Written};

/// The BagIt declaration every bag starts with.
const DECLARATION: &[u8] = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/// Where a volume's tag files go, and what they say of it.
struct Tags<'p, 'w, W: Write + Seek> {
    packing: &'p Packing<'p>,
    writer: &'w mut ArchiveWriter<W>,
    ledger: &'p Ledger,
    volume: u32,
    target: &'p Path,
    /// What was written, in order.
    written: Vec<Written>,
}

impl Packing<'_> {
    /// The bag's tag files for `volume` of `files` files and `bytes` bytes, the tag manifest
    /// last. Returns what was written, in order.
    pub(super) fn tag_files<W: Write + Seek>(
        &self,
        writer: &mut ArchiveWriter<W>,
        ledger: &Ledger,
        volume: u32,
        (files, bytes): (usize, u64),
        target: &Path,
    ) -> Result<Vec<Written>> {
        let mut tags = Tags {
            packing: self,
            writer,
            ledger,
            volume,
            target,
            written: Vec::new(),
        };
        tags.add("bagit.txt", DECLARATION)?;
        tags.add(
            "bag-info.txt",
            self.bag_info(volume, files, bytes).as_bytes(),
        )?;
        tags.listing(bagit::MANIFEST, &|r| {
            format!("{}  {}\n", hex(&r.sha256), bagit::encoded(&r.path))
        })?;
        tags.listing("原始文件名.txt", &|r| {
            format!("{}\t{}\n", r.path, r.original)
        })?;
        tags.index(files, bytes)?;
        let tagmanifest: String = tags
            .written
            .iter()
            .map(|w| format!("{}  {}\n", hex(&w.sha256), bagit::encoded(&w.name)))
            .collect();
        tags.add(bagit::TAG_MANIFEST, tagmanifest.as_bytes())?;
        Ok(tags.written)
    }

    /// bag-info.txt: the payload's bytes and files, the bagging date, and which volume of how
    /// many this is when there are several.
    fn bag_info(&self, volume: u32, files: usize, bytes: u64) -> String {
        let date = Date::from_unix_days(self.generated.unix.div_euclid(86_400)).iso();
        let mut info = format!("Payload-Oxum: {bytes}.{files}\nBagging-Date: {date}\n");
        if self.volumes > 1 {
            info.push_str(&format!("Bag-Count: {volume} of {}\n", self.volumes));
        }
        info
    }
}

impl<W: Write + Seek> Tags<'_, '_, W> {
    fn io(&self) -> impl Fn(std::io::Error) -> Error + '_ {
        |e| write_error(e, self.target)
    }

    fn at(&self) -> Timestamp {
        self.packing.generated
    }

    /// Adds a tag file held in memory.
    fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        let at = self.at();
        let w = self.writer.add_bytes(name, bytes, Method::Deflate, at);
        let w = w.map_err(|e| write_error(e, self.target))?;
        self.written.push(w);
        Ok(())
    }

    /// Adds a tag file spilled to a temporary file.
    fn add_spilled(&mut self, name: &str, spill: BufWriter<File>) -> Result<()> {
        let at = self.at();
        let w = add_spilled(self.writer, name, spill, at).map_err(self.io())?;
        self.written.push(w);
        Ok(())
    }

    /// Adds a tag file of one line per packed file of the volume.
    fn listing(&mut self, name: &str, line: &dyn Fn(&Record) -> String) -> Result<()> {
        let mut spill = self.packing.scratch().map_err(self.io())?;
        let records = self.ledger.read(self.volume).map_err(self.io())?;
        for r in records {
            let r = r.map_err(self.io())?;
            spill.write_all(line(&r).as_bytes()).map_err(self.io())?;
        }
        self.add_spilled(name, spill)
    }

    /// Adds the 材料目录 of the volume's `files` files and `bytes` bytes, as DOCX and XLSX.
    fn index(&mut self, files: usize, bytes: u64) -> Result<()> {
        let p = self.packing;
        let heading = p.heading(files, bytes);
        let rows = FileRows::new(self.ledger, Span::Volume(self.volume), &p.labels);
        let out = p.scratch().map_err(self.io())?;
        let docx = index::document(&heading, &rows, &p.opts.look, out)?;
        self.add_spilled("材料目录.docx", docx)?;
        let mut xlsx = p.scratch().map_err(self.io())?;
        // A single volume's listing says which volume each file is in (the only one), as the
        // master index of a split submission does; a volume of several leaves it to that.
        let one = p.volumes == 1;
        let (ledger, volume) = (self.ledger, self.volume);
        crate::write::xlsx::evidence_workbook(
            &heading,
            |put| index::each_entry(ledger, Span::Volume(volume), &p.labels, one, put),
            &mut xlsx,
        )
        .map_err(|e| Error::at("材料目录.xlsx", format!("无法生成：{e}")))?;
        self.add_spilled("材料目录.xlsx", xlsx)
    }
}

/// Adds the tag file spilled to `spill` as `name`.
fn add_spilled<W: Write + Seek>(
    writer: &mut ArchiveWriter<W>,
    name: &str,
    spill: BufWriter<File>,
    at: Timestamp,
) -> std::io::Result<Written> {
    let mut file = spill.into_inner().map_err(|e| e.into_error())?;
    let len = file.stream_position()?;
    file.seek(SeekFrom::Start(0))?;
    writer.add_reader(name, &mut BufReader::new(file), len, Method::Deflate, at)
}
