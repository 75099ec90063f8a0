//! Reads a ZIP archive back with a parser of its own, entry by entry: the central directory
//! (ZIP64 aware) a record at a time, each local header checked against it and each entry's
//! place (`local`), then every entry decompressed, hashed and checked against its CRC and
//! sizes. A bundle is proved complete by code other than the code that wrote it, and
//! `dossier verify` reads what others send with it.

mod directory;
mod local;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

pub(crate) use directory::CdEntry;
use directory::Directory;
use local::Placement;

use crate::zip_format::*;

/// Entries read back per task: few enough that threads share a tree's few large files evenly.
const READ_BACK_RUN: usize = 8;

/// Entries [`read_back_each`] holds at a time, per core: a few hundred KB of names, and enough
/// runs that the cores rarely wait for a batch's one large file before the next batch. (Four
/// runs per core read 70,000 small entries 70% slower than the whole directory at once, and a
/// tree with a few 60 MB files 40% slower; 64 runs per core, 10% and 4%.)
const READ_BACK_BATCH_PER_CORE: usize = 64 * READ_BACK_RUN;

/// One entry as [`read_back`] found it.
///
/// ```
/// use std::io::Cursor;
/// use dossier::read::archive::read_back_from;
/// use dossier::write::archive::{ArchiveWriter, Method, NameEncoding, Timestamp};
/// let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
/// w.add_bytes("a.txt", b"abc", Method::Store, Timestamp { unix: 0 }).unwrap();
/// let mut zip = w.finish().unwrap().into_inner();
/// // The stored data follows the 30-byte local header, the name and the 9-byte time field.
/// zip[30 + 5 + 9] = b'x';
/// let back = read_back_from(Cursor::new(zip)).unwrap();
/// assert_eq!((back[0].name.as_str(), back[0].size, back[0].crc_ok), ("a.txt", 3, false));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadEntry {
    /// The name, decoded: from the Unicode Path field when its CRC matches the name field,
    /// else UTF-8 when flag bit 11 is set, else GBK.
    pub name: String,
    /// Bytes the data actually decompressed to; reading stops one byte past the size the
    /// entry declares, so never more than that.
    pub size: u64,
    /// Whether the CRC-32 and the size of the decompressed data match the central directory,
    /// and the compressed data ended where its recorded size says.
    pub crc_ok: bool,
    /// SHA-256 of the decompressed data.
    pub sha256: [u8; 32],
}

/// Re-reads the archive at `path` on its own: the central directory (ZIP64 aware), then each
/// local header, decompressing and hashing every entry. [`read_back_each`], collected.
///
/// ```
/// use dossier::read::archive::*;
/// use dossier::write::archive::*;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("a.zip");
/// let mut w = ArchiveWriter::new(std::fs::File::create(&path).unwrap(), NameEncoding::Utf8);
/// w.add_bytes("说明.txt", b"ok", Method::Store, Timestamp { unix: 0 }).unwrap();
/// w.finish().unwrap();
/// let back = read_back(&path).unwrap();
/// assert_eq!((back[0].name.as_str(), back[0].size, back[0].crc_ok), ("说明.txt", 2, true));
/// ```
pub fn read_back(path: &Path) -> io::Result<Vec<ReadEntry>> {
    let mut entries = Vec::new();
    read_back_each(path, &mut |e| {
        entries.push(e);
        Ok(())
    })?;
    Ok(entries)
}

/// Re-reads the archive at `path` like [`read_back`], but hands each entry to `each` in
/// central-directory order as it is checked, holding only a bounded batch at a time: the
/// central directory is read a record at a time, each record's local header checked and its
/// place with it (see `local`), and each batch of 512 entries per core is checked on all cores,
/// 8 entries to a task, before the next is read.
///
/// An error stops it and is returned: one of `each`, or the first of the archive's in
/// central-directory order (a damaged or misplaced record is found before its batch is
/// inflated; the entries before it have been handed over).
///
/// ```
/// use dossier::read::archive::*;
/// use dossier::write::archive::*;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("a.zip");
/// let mut w = ArchiveWriter::new(std::fs::File::create(&path).unwrap(), NameEncoding::Gbk);
/// for i in 0..100 {
///     let text = format!("第 {i} 件");
///     w.add_bytes(&format!("材料/{i}.txt"), text.as_bytes(), Method::Deflate, Timestamp { unix: 0 })
///         .unwrap();
/// }
/// w.finish().unwrap();
/// let (mut count, mut bytes) = (0, 0);
/// read_back_each(&path, &mut |e| {
///     assert!(e.crc_ok, "{}", e.name);
///     assert_eq!(e.name, format!("材料/{count}.txt"));
///     count += 1;
///     bytes += e.size;
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!((count, bytes), (100, 10 * 9 + 90 * 10));
/// ```
pub fn read_back_each(
    path: &Path,
    each: &mut dyn FnMut(ReadEntry) -> io::Result<()>,
) -> io::Result<()> {
    let len = batch_len();
    let mut directory = Directory::open(open(path)?)?;
    let mut placement = Placement::new(directory.cd_start);
    let mut headers = open(path)?;
    let mut batch = Vec::with_capacity(len);
    loop {
        batch.clear();
        let damaged = next_batch(
            &mut directory,
            &mut placement,
            &mut headers,
            &mut batch,
            len,
        );
        if batch.is_empty() {
            return damaged.and_then(|()| placement.finish());
        }
        check_batch(path, &batch, each)?;
        damaged?;
    }
}

/// [`read_back`] on any seekable reader.
///
/// ```
/// use std::io::Cursor;
/// use dossier::read::archive::read_back_from;
/// assert!(read_back_from(Cursor::new(b"not a zip".to_vec())).is_err());
/// ```
pub fn read_back_from<R: Read + Seek>(mut r: R) -> io::Result<Vec<ReadEntry>> {
    let cd = central_directory(&mut r)?;
    let mut buf = vec![0u8; CHUNK];
    cd.iter()
        .map(|e| read_entry(&mut r, e, &mut buf, None))
        .collect()
}

/// Every record of the central directory, each checked against its local header and placed
/// (see `local`), before any data is read.
pub(crate) fn central_directory<R: Read + Seek>(r: &mut R) -> io::Result<Vec<CdEntry>> {
    let mut directory = Directory::open(&mut *r)?;
    let cd_start = directory.cd_start;
    let mut entries = directory.by_ref().collect::<io::Result<Vec<_>>>()?;
    let mut placement = Placement::new(cd_start);
    for e in &mut entries {
        placement.place(r, e)?;
    }
    placement.finish()?;
    Ok(entries)
}

/// Reads the entries of `path` that [`central_directory`] listed, as [`read_back_each`] does.
pub(crate) fn read_listed(
    path: &Path,
    entries: &[CdEntry],
    each: &mut dyn FnMut(ReadEntry) -> io::Result<()>,
) -> io::Result<()> {
    for batch in entries.chunks(batch_len()) {
        check_batch(path, batch, each)?;
    }
    Ok(())
}

/// One listed entry read back whole, with its bytes: for small files, whose declared size the
/// caller has bounded (the data never inflates past it).
pub(crate) fn read_whole(path: &Path, e: &CdEntry) -> io::Result<(ReadEntry, Vec<u8>)> {
    let mut bytes = Vec::new();
    let mut buf = vec![0u8; CHUNK];
    let back = read_entry(&mut open(path)?, e, &mut buf, Some(&mut bytes))?;
    Ok((back, bytes))
}

/// Entries [`read_back_each`] holds at a time: a few batches of runs per core.
fn batch_len() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    READ_BACK_BATCH_PER_CORE * cores
}

/// Fills `batch` with up to `len` records, each placed. A damaged or misplaced record ends the
/// directory and is returned; the records before it stay in `batch`, to be checked.
fn next_batch<R: Read + Seek>(
    directory: &mut Directory<R>,
    placement: &mut Placement,
    headers: &mut File,
    batch: &mut Vec<CdEntry>,
    len: usize,
) -> io::Result<()> {
    for e in directory.by_ref().take(len) {
        let mut e = e?;
        placement.place(headers, &mut e)?;
        batch.push(e);
    }
    Ok(())
}

/// Checks `batch` on all cores, a run of entries at a time through a handle of its own (hashing
/// the whole archive again is what the read-back costs), and hands each entry to `each` in order.
fn check_batch(
    path: &Path,
    batch: &[CdEntry],
    each: &mut dyn FnMut(ReadEntry) -> io::Result<()>,
) -> io::Result<()> {
    let runs: Vec<&[CdEntry]> = batch.chunks(READ_BACK_RUN).collect();
    let done = crate::parallel::on_all_cores(&runs, |run| {
        let mut r = open(path)?;
        let mut buf = vec![0u8; CHUNK];
        run.iter()
            .map(|e| read_entry(&mut r, e, &mut buf, None))
            .collect::<io::Result<Vec<_>>>()
    });
    for run in done {
        for e in run? {
            each(e)?;
        }
    }
    Ok(())
}

/// Reads a placed entry's data, decompressing and hashing it (and keeping it in `keep`, when
/// given). Damage to the data makes the entry's `crc_ok` false; only a failing read is an error.
fn read_entry<R: Read + Seek>(
    r: &mut R,
    e: &CdEntry,
    buf: &mut [u8],
    mut keep: Option<&mut Vec<u8>>,
) -> io::Result<ReadEntry> {
    r.seek(SeekFrom::Start(e.data_start))?;
    let mut hashes = Hashes::new();
    let mut out = |piece: &[u8]| {
        hashes.update(piece);
        if let Some(k) = keep.as_deref_mut() {
            k.extend_from_slice(piece);
        }
    };
    let mut data = BufReader::with_capacity(CHUNK, (&mut *r).take(e.csize));
    let whole = match e.method {
        0 => copy_out(&mut data, buf, &mut out).map(|()| true)?,
        8 => inflate_out(data, e.size, buf, &mut out)
            .map_err(|err| corrupt(format!("条目「{}」解压失败：{err}", e.name)))?,
        other => {
            let what = format!("条目「{}」用了不支持的压缩方法 {other}", e.name);
            return Err(corrupt(what));
        }
    };
    let (size, crc, sha256) = hashes.finish();
    Ok(ReadEntry {
        name: e.name.clone(),
        size,
        crc_ok: whole && crc == e.crc && size == e.size,
        sha256,
    })
}

/// Inflates an entry's data into `out`; whether the stream was whole: a corrupt or cut stream
/// damages this entry only (the others are still read), the stream must end exactly where its
/// recorded compressed size does, and it is never inflated past one byte more than the `size`
/// it declares (a bigger stream is damaged, however much more it holds).
fn inflate_out<R: Read>(
    data: BufReader<io::Take<R>>,
    size: u64,
    buf: &mut [u8],
    out: &mut dyn FnMut(&[u8]),
) -> io::Result<bool> {
    let mut inflate = flate2::bufread::DeflateDecoder::new(data).take(size.saturating_add(1));
    match copy_out(&mut inflate, buf, out) {
        Err(err)
            if matches!(
                err.kind(),
                io::ErrorKind::InvalidInput
                    | io::ErrorKind::InvalidData
                    | io::ErrorKind::UnexpectedEof
            ) =>
        {
            Ok(false)
        }
        Err(err) => Err(err),
        Ok(()) if inflate.limit() == 0 => Ok(false),
        Ok(()) => {
            let mut rest = inflate.into_inner().into_inner();
            Ok(rest.fill_buf()?.is_empty() && rest.into_inner().limit() == 0)
        }
    }
}

fn copy_out(r: &mut dyn Read, buf: &mut [u8], out: &mut dyn FnMut(&[u8])) -> io::Result<()> {
    loop {
        let n = match r.read(buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        match buf.get(..n) {
            Some(piece) if !piece.is_empty() => out(piece),
            _ => return Ok(()),
        }
    }
}

fn open(path: &Path) -> io::Result<File> {
    File::open(path).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("无法打开「{}」：{e}", crate::error::shown(path)),
        )
    })
}
