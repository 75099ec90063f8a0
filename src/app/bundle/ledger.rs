//! What was packed, file by file, kept in a temporary file beside the archive instead of in
//! memory: the manifests, the 材料目录 and the read-back are all made by reading it again, so
//! a bundle of any number of files runs in the same memory.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::model::Extent;
use crate::write::staging::Staged;

/// One packed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The volume it is in, from 1.
    pub volume: u32,
    /// The indicator it is evidence for, by position.
    pub indicator: Option<u32>,
    /// Bytes.
    pub size: u64,
    /// SHA-256.
    pub sha256: [u8; 32],
    /// Pages or photos, where cheap to know.
    pub pages: Option<Extent>,
    /// Its path in the archive.
    pub path: String,
    /// Its path in the evidence folder.
    pub original: String,
}

/// Records appended in archive order, read back in the same order.
///
/// ```
/// use dossier::app::bundle::ledger::{Ledger, Record};
/// let dir = tempfile::tempdir().unwrap();
/// let mut ledger = Ledger::new(dir.path()).unwrap();
/// let r = Record {
///     volume: 1,
///     indicator: Some(0),
///     size: 3,
///     sha256: [7; 32],
///     pages: Some(dossier::model::Extent::Pages(2)),
///     path: "data/01 学习/001-记录.pdf".into(),
///     original: "01 学习/记录.pdf".into(),
/// };
/// ledger.push(&r).unwrap();
/// let back: Vec<Record> = ledger.read(1).unwrap().collect::<Result<_, _>>().unwrap();
/// assert_eq!(back, [r]);
/// ```
pub struct Ledger {
    /// Staged like an output, so that an interrupted run removes it too.
    file: Staged,
    /// Flushed by every reader first: a reader sees every record pushed before it.
    out: RefCell<BufWriter<File>>,
    /// Where each volume's records start, and how many there are: volume `n` at `n - 1`.
    volumes: Vec<(u64, usize)>,
    end: u64,
}

impl Ledger {
    /// A new, empty ledger in a temporary file in `dir`, removed when the ledger is dropped.
    pub fn new(dir: &Path) -> io::Result<Ledger> {
        let file = Staged::new_in(dir)?;
        let out = RefCell::new(BufWriter::with_capacity(
            256 << 10,
            file.file().try_clone()?,
        ));
        Ok(Ledger {
            file,
            out,
            volumes: Vec::new(),
            end: 0,
        })
    }

    /// Appends `r`, after every record of an earlier volume.
    pub fn push(&mut self, r: &Record) -> io::Result<()> {
        let mut b = Vec::with_capacity(64 + r.path.len() + r.original.len());
        b.extend_from_slice(&r.volume.to_le_bytes());
        b.extend_from_slice(&r.indicator.map_or(u32::MAX, |i| i).to_le_bytes());
        b.extend_from_slice(&r.size.to_le_bytes());
        b.extend_from_slice(&r.sha256);
        let (kind, count) = match r.pages {
            None => (0, 0),
            Some(Extent::Pages(n)) => (1, n),
            Some(Extent::Photo) => (2, 1),
        };
        b.push(kind);
        b.extend_from_slice(&count.to_le_bytes());
        put_str(&mut b, &r.path)?;
        put_str(&mut b, &r.original)?;
        let v = usize::try_from(r.volume).unwrap_or(usize::MAX);
        while self.volumes.len() < v {
            self.volumes.push((self.end, 0));
        }
        if let Some(last) = self.volumes.last_mut() {
            last.1 += 1;
        }
        self.out.get_mut().write_all(&b)?;
        self.end += b.len() as u64;
        Ok(())
    }

    /// The records of `volume`, in the order they were pushed.
    pub fn read(&self, volume: u32) -> io::Result<Reader> {
        let (start, count) = self.span(volume);
        self.reader(start, count)
    }

    /// Every record, in the order pushed.
    pub fn read_all(&self) -> io::Result<Reader> {
        let count = self.volumes.iter().map(|v| v.1).sum();
        self.reader(0, count)
    }

    fn span(&self, volume: u32) -> (u64, usize) {
        usize::try_from(volume)
            .ok()
            .and_then(|v| self.volumes.get(v.checked_sub(1)?))
            .copied()
            .unwrap_or((self.end, 0))
    }

    fn reader(&self, start: u64, count: usize) -> io::Result<Reader> {
        self.out.borrow_mut().flush()?;
        let mut f = File::open(self.file.path())?;
        f.seek(SeekFrom::Start(start))?;
        Ok(Reader {
            r: BufReader::with_capacity(256 << 10, f),
            left: count,
        })
    }
}

fn put_str(b: &mut Vec<u8>, s: &str) -> io::Result<()> {
    let n = u32::try_from(s.len()).map_err(|_| io::Error::other("名字过长"))?;
    b.extend_from_slice(&n.to_le_bytes());
    b.extend_from_slice(s.as_bytes());
    Ok(())
}

/// Reads records back.
pub struct Reader {
    r: BufReader<File>,
    left: usize,
}

impl Reader {
    fn u32(&mut self) -> io::Result<u32> {
        let mut b = [0u8; 4];
        self.r.read_exact(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn string(&mut self) -> io::Result<String> {
        let n = self.u32()?;
        let mut b = vec![0u8; usize::try_from(n).unwrap_or(0)];
        self.r.read_exact(&mut b)?;
        String::from_utf8(b).map_err(io::Error::other)
    }

    fn record(&mut self) -> io::Result<Record> {
        let volume = self.u32()?;
        let indicator = Some(self.u32()?).filter(|&i| i != u32::MAX);
        let mut size = [0u8; 8];
        self.r.read_exact(&mut size)?;
        let mut sha256 = [0u8; 32];
        self.r.read_exact(&mut sha256)?;
        let mut kind = [0u8; 1];
        self.r.read_exact(&mut kind)?;
        let mut count = [0u8; 8];
        self.r.read_exact(&mut count)?;
        let pages = match kind {
            [0] => None,
            [1] => Some(Extent::Pages(u64::from_le_bytes(count))),
            _ => Some(Extent::Photo),
        };
        Ok(Record {
            volume,
            indicator,
            size: u64::from_le_bytes(size),
            sha256,
            pages,
            path: self.string()?,
            original: self.string()?,
        })
    }
}

impl Iterator for Reader {
    type Item = io::Result<Record>;

    fn next(&mut self) -> Option<io::Result<Record>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some(self.record())
    }
}
