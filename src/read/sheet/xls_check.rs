//! Checks an .xls (BIFF records in an OLE compound file) before calamine opens it. calamine
//! reads every sheet of an .xls as it opens the file: it follows the compound file's sector
//! chains until they end, reserves room for the cells a sheet's DIMENSIONS record claims, lays
//! each sheet out as a full grid from its first cell to its last, and copies a shared string
//! into every cell that uses it. So a damaged or crafted file (a cell in column 40,000, a
//! DIMENSIONS record claiming billions of cells, a sector chain that loops back on itself, one
//! long string used by a million cells) makes it allocate without bound, which aborts the
//! process (found by fuzzing, see fuzz/). This walks the same structures the same way, within
//! the file's own size, and says what is wrong before calamine starts. What it cannot read,
//! calamine cannot either, and reports in its own words.

use crate::limits::{SHEET_COLUMNS, SHEET_ROWS, XLS_GRID_CELLS, XLS_TEXT_BYTES};

/// What is wrong with an .xls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A cell of `sheet` (0-based row and column) past `SHEET_ROWS` or `SHEET_COLUMNS`.
    Beyond {
        /// The sheet's name.
        sheet: String,
        /// 0-based row.
        row: u32,
        /// 0-based column.
        col: u32,
    },
    /// The file's structure is damaged; why, in Chinese.
    Damaged(String),
    /// The workbook would take more memory to read than the limits allow; what, in Chinese.
    TooLarge(String),
}

/// Sector numbers with a meaning of their own (MS-CFB 2.1).
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Streams this short live in the mini stream, in 64-byte sectors.
const MINI_CUTOFF: usize = 4096;
const MINI_SECTOR: usize = 64;
/// What one grid cell takes in calamine, in bytes (a `Data`, or the formula grid's `String`).
const GRID_CELL_BYTES: u64 = 32;
/// The largest a decoded character of a shared string gets in UTF-8, in bytes: a byte of a
/// legacy code page read as UTF-16 may become U+FFFD, 3 bytes, twice.
const CHAR_BYTES: u64 = 6;

/// Why the walk stopped short of a verdict.
enum Stop {
    /// calamine refuses the file too, or panics where dossier catches it.
    Unreadable,
    /// A problem to report.
    Found(Problem),
}

type Walk<T> = std::result::Result<T, Stop>;

fn damaged<T>(why: &str) -> Walk<T> {
    Err(Stop::Found(Problem::Damaged(why.to_string())))
}

fn u16_at(b: &[u8], at: usize) -> Walk<u16> {
    b.get(at..at + 2)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .ok_or(Stop::Unreadable)
}

fn u32_at(b: &[u8], at: usize) -> Walk<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or(Stop::Unreadable)
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Checks the .xls file `bytes`; `None` when calamine may read it.
///
/// ```
/// let xls = std::fs::read("samples/分解表.xls").unwrap();
/// assert_eq!(dossier::read::sheet::xls_check::check(&xls), None);
/// ```
pub fn check(bytes: &[u8]) -> Option<Problem> {
    verdict(
        Container::read(bytes)
            .and_then(|c| c.workbook_stream())
            .and_then(|stream| check_records(&stream)),
    )
}

/// Checks only the compound file around the workbook: its allocation tables, directory and
/// mini stream, which calamine reads whenever a workbook is a compound file, whatever its
/// extension (its .xlsx reader looks in one for an encrypted package). `None` when calamine
/// may open it.
///
/// ```
/// let xls = std::fs::read("samples/分解表.xls").unwrap();
/// assert_eq!(dossier::read::sheet::xls_check::check_container(&xls), None);
/// ```
pub fn check_container(bytes: &[u8]) -> Option<Problem> {
    verdict(Container::read(bytes).map(|_| ()))
}

fn verdict(walk: Walk<()>) -> Option<Problem> {
    match walk {
        Ok(()) | Err(Stop::Unreadable) => None,
        Err(Stop::Found(p)) => Some(p),
    }
}

/// The compound file's sectors, as calamine numbers them: sector `id` starts one sector size
/// into the file (the header takes the first), and the last may be short.
struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
    max_id: usize,
}

impl<'a> Sectors<'a> {
    fn get(&self, id: u32) -> Walk<&'a [u8]> {
        let id = id as usize;
        if id > self.max_id {
            return Err(Stop::Unreadable);
        }
        let start = (id + 1) * self.size;
        let end = (start + self.size).min(self.bytes.len());
        self.bytes.get(start..end).ok_or(Stop::Unreadable)
    }

    /// The stream size a directory entry gives: 32 bits in version 3 files (512-byte
    /// sectors), 64 in version 4.
    fn entry_len(&self, d: &[u8]) -> Walk<usize> {
        if self.size == 512 {
            Ok(u32_at(d, 120)? as usize)
        } else {
            let low = u64::from(u32_at(d, 120)?);
            let high = u64::from(u32_at(d, 124)?);
            usize::try_from((high << 32) | low).map_err(|_| Stop::Unreadable)
        }
    }

    /// The chain from `start` through `fat`, cut at `limit` bytes. A chain longer than the
    /// file has sectors goes round in a loop, which calamine would follow until `limit`.
    fn chain(&self, start: u32, fat: &[u32], limit: usize) -> Walk<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0usize;
        while id != END_OF_CHAIN {
            let sector = self.get(id)?;
            out.extend_from_slice(&sector[..sector.len().min(limit - out.len())]);
            if out.len() >= limit {
                break;
            }
            steps += 1;
            if steps > self.max_id + 1 {
                return damaged("扇区链首尾相接，成了循环");
            }
            id = *fat.get(id as usize).ok_or(Stop::Unreadable)?;
        }
        Ok(out)
    }
}

/// A compound file read as calamine reads it when it opens one: sectors, allocation table,
/// directory and mini stream.
struct Container<'a> {
    sectors: Sectors<'a>,
    fat: Vec<u32>,
    dirs: Vec<u8>,
    mini: MiniStream,
}

impl<'a> Container<'a> {
    fn read(bytes: &'a [u8]) -> Walk<Self> {
        let (header, sectors) = open(bytes)?;
        let fat = allocation_table(header, &sectors)?;
        let dirs = sectors.chain(u32_at(header, 48)?, &fat, usize::MAX)?;
        let root = dirs.get(..128).ok_or(Stop::Unreadable)?;
        let mini = MiniStream::read(header, root, &sectors, &fat)?;
        Ok(Container {
            sectors,
            fat,
            dirs,
            mini,
        })
    }

    /// The `Workbook` (or BIFF5 `Book`) stream, read as calamine reads it.
    fn workbook_stream(&self) -> Walk<Vec<u8>> {
        let dirs: Vec<&[u8]> = self.dirs.chunks_exact(128).collect();
        let entry = entry_named(&dirs, "Workbook")
            .or_else(|| entry_named(&dirs, "Book"))
            .ok_or(Stop::Unreadable)?;
        let (start, len) = (u32_at(entry, 116)?, self.sectors.entry_len(entry)?);
        if len >= MINI_CUTOFF {
            return self.sectors.chain(start, &self.fat, len);
        }
        self.mini.chain(start, len)
    }
}

/// The compound file's 512-byte header and its sectors, if it is a compound file of a
/// version calamine reads.
fn open(bytes: &[u8]) -> Walk<(&[u8], Sectors<'_>)> {
    let header = bytes.get(..512).ok_or(Stop::Unreadable)?;
    if header[..8] != *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
        return Err(Stop::Unreadable);
    }
    let size = match u16_at(header, 30)? {
        9 => 512,
        12 => 4096,
        _ => return Err(Stop::Unreadable),
    };
    if u16_at(header, 32)? != 6 {
        return Err(Stop::Unreadable);
    }
    let sectors = Sectors {
        bytes,
        size,
        max_id: bytes.len() / size,
    };
    Ok((header, sectors))
}

/// The sector numbers of the file allocation table: the header's 109, then those of the
/// DIFAT sector chain.
fn difat(header: &[u8], sectors: &Sectors<'_>) -> Walk<Vec<u32>> {
    let mut difat: Vec<u32> = u32s(&header[76..]).collect();
    let mut next = u32_at(header, 68)?;
    let mut difat_sectors = 0usize;
    while next < MAX_REGULAR_SECTOR {
        difat_sectors += 1;
        if difat_sectors > sectors.max_id + 1 {
            return Err(Stop::Unreadable);
        }
        difat.extend(u32s(sectors.get(next)?));
        next = difat.pop().ok_or(Stop::Unreadable)?;
    }
    Ok(difat)
}

/// The file allocation table: the next sector of every sector's chain.
fn allocation_table(header: &[u8], sectors: &Sectors<'_>) -> Walk<Vec<u32>> {
    // A FAT sector is a sector of the file: more of them than the file has means the same
    // ones are listed again and again, and calamine would load each copy.
    let fat_ids: Vec<u32> = difat(header, sectors)?
        .into_iter()
        .filter(|&id| id < DIFAT_SECTOR)
        .collect();
    if fat_ids.len() > sectors.max_id + 1 + 109 {
        return damaged("文件分配表列出的扇区比文件里的还多");
    }
    let mut fat = Vec::new();
    for id in fat_ids {
        fat.extend(u32s(sectors.get(id)?));
    }
    Ok(fat)
}

/// The directory entry (128 bytes) named `want`, whatever the case of its ASCII letters.
fn entry_named<'d>(dirs: &[&'d [u8]], want: &str) -> Option<&'d [u8]> {
    dirs.iter().copied().find(|d| {
        let units: Vec<u16> = d[..64]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let name = String::from_utf16_lossy(&units);
        let name = name.split('\0').next().unwrap_or_default();
        name.eq_ignore_ascii_case(want)
    })
}

/// The mini stream and its allocation table: streams shorter than `MINI_CUTOFF` live there,
/// in `MINI_SECTOR`-byte sectors.
struct MiniStream {
    fat: Vec<u32>,
    stream: Vec<u8>,
}

impl MiniStream {
    /// Read through the root directory entry `root`; empty when the header lists no mini
    /// allocation table.
    fn read(header: &[u8], root: &[u8], sectors: &Sectors<'_>, fat: &[u32]) -> Walk<Self> {
        let mini_fat_len = u32_at(header, 64)? as usize;
        if mini_fat_len == 0 {
            return Ok(MiniStream {
                fat: Vec::new(),
                stream: Vec::new(),
            });
        }
        let stream = sectors.chain(u32_at(root, 116)?, fat, sectors.entry_len(root)?)?;
        let limit = mini_fat_len.saturating_mul(sectors.size);
        let fat = u32s(&sectors.chain(u32_at(header, 60)?, fat, limit)?).collect();
        Ok(MiniStream { fat, stream })
    }

    /// The `len` bytes of the chain from mini sector `start`. calamine reads a mini sector
    /// past the mini stream's end from wherever its file reader happens to be; a sound file
    /// never points there.
    fn chain(&self, start: u32, len: usize) -> Walk<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0usize;
        while id != END_OF_CHAIN {
            let at = id as usize * MINI_SECTOR;
            let sector = self
                .stream
                .get(at..at + MINI_SECTOR)
                .map_or_else(|| damaged("小扇区超出了迷你流"), Ok)?;
            out.extend_from_slice(&sector[..MINI_SECTOR.min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            steps += 1;
            if steps > self.stream.len() / MINI_SECTOR {
                return damaged("小扇区链首尾相接，成了循环");
            }
            id = *self.fat.get(id as usize).ok_or(Stop::Unreadable)?;
        }
        Ok(out)
    }
}

/// One BIFF record with the CONTINUE records after it, split as calamine splits them.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    more: Vec<&'a [u8]>,
}

/// The records of `stream`, stopping where calamine would stop with an error.
fn records(mut stream: &[u8]) -> impl Iterator<Item = Walk<Record<'_>>> {
    std::iter::from_fn(move || {
        if stream.is_empty() {
            return None;
        }
        let head =
            |s: &[u8]| -> Walk<(u16, usize)> { Ok((u16_at(s, 0)?, usize::from(u16_at(s, 2)?))) };
        let (typ, len) = match head(stream) {
            Ok(h) if stream.len() >= h.1 + 4 => h,
            _ => {
                stream = &[];
                return Some(Err(Stop::Unreadable));
            }
        };
        let data = &stream[4..len + 4];
        stream = &stream[len + 4..];
        let mut more = Vec::new();
        while stream.len() > 4 && u16_at(stream, 0).is_ok_and(|t| t == 0x003C) {
            match head(stream) {
                Ok((_, n)) if stream.len() >= n + 4 => {
                    more.push(&stream[4..n + 4]);
                    stream = &stream[n + 4..];
                }
                _ => {
                    stream = &[];
                    return Some(Err(Stop::Unreadable));
                }
            }
        }
        Some(Ok(Record { typ, data, more }))
    })
}

/// A sheet's bounds so far: first and last row and column of its cells.
#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    /// Cells in the grid from the first cell to the last.
    fn area(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1)
        })
    }
}

/// Walks the records of the workbook stream: the globals, then each sheet, adding up what
/// calamine would allocate for them.
fn check_records(stream: &[u8]) -> Walk<()> {
    let globals = Globals::read(stream)?;
    let mut grid = 0u64;
    let mut text = 0u64;
    for (pos, name) in &globals.sheets {
        let sheet = stream.get(*pos..).ok_or(Stop::Unreadable)?;
        let walked = SheetWalk::through(sheet, name, &globals.shared)?;
        grid += walked.cells.area() + walked.formulas.area();
        text += walked.text;
    }
    within_limits(grid, text)
}

/// What the workbook globals substream, before the first EOF, says about the sheets.
struct Globals {
    /// Each sheet's substream, by its offset in the stream, and its name.
    sheets: Vec<(usize, String)>,
    /// The length in characters of each shared string.
    shared: Vec<u64>,
}

impl Globals {
    fn read(stream: &[u8]) -> Walk<Globals> {
        let mut globals = Globals {
            sheets: Vec::new(),
            shared: Vec::new(),
        };
        for r in records(stream) {
            let r = r?;
            match r.typ {
                // FILEPASS: encrypted, and calamine says so.
                0x002F if u16_at(r.data, 0)? != 0 => return Err(Stop::Unreadable),
                0x0085 => globals
                    .sheets
                    .push((u32_at(r.data, 0)? as usize, sheet_name(r.data))),
                0x00FC => globals.shared = shared_string_chars(&r)?,
                0x000A => break,
                _ => {}
            }
        }
        Ok(globals)
    }
}

/// One sheet's substream walked as calamine lays the sheet out: the bounds of its cell grid
/// and of its formula grid, and the shared text its cells copy.
struct SheetWalk<'a> {
    name: &'a str,
    shared: &'a [u64],
    cells: Bounds,
    formulas: Bounds,
    seen_bof: bool,
    /// How deep in embedded charts, substreams of their own, skipped as calamine skips them.
    depth: usize,
    /// A STRING record holds the value of the formula before it, at that formula's cell.
    formula_at: (u32, u32),
    /// Bytes of shared strings copied into cells.
    text: u64,
}

impl<'a> SheetWalk<'a> {
    /// Walks the substream at the start of `sheet`, up to its EOF.
    fn through(sheet: &[u8], name: &'a str, shared: &'a [u64]) -> Walk<Self> {
        let mut walk = SheetWalk {
            name,
            shared,
            cells: Bounds::default(),
            formulas: Bounds::default(),
            seen_bof: false,
            depth: 0,
            formula_at: (0, 0),
            text: 0,
        };
        for r in records(sheet) {
            if !walk.record(&r?)? {
                break;
            }
        }
        Ok(walk)
    }

    /// Takes in one record; false at the sheet's EOF.
    fn record(&mut self, r: &Record<'_>) -> Walk<bool> {
        if self.depth > 0 {
            match r.typ {
                0x0809 => self.depth += 1,
                0x000A => self.depth -= 1,
                _ => {}
            }
            return Ok(true);
        }
        let d = r.data;
        match r.typ {
            0x0809 if self.seen_bof => self.depth += 1,
            0x0809 => self.seen_bof = true,
            0x0200 => dimensions(d)?,
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E => self.cell(row_col(d)?)?,
            0x00FD => {
                self.cell(row_col(d)?)?;
                let index = u32_at(d, 6)? as usize;
                self.text += self.shared.get(index).copied().unwrap_or(0) * CHAR_BYTES;
            }
            0x00BD if d.len() >= 6 => self.cell_run(d)?,
            0x0006 if d.len() >= 20 => {
                let at = row_col(d)?;
                self.cell(at)?;
                place(&mut self.formulas, self.name, at)?;
                self.formula_at = at;
            }
            0x0207 => self.cell(self.formula_at)?,
            0x000A => return Ok(false),
            _ => {}
        }
        Ok(true)
    }

    /// A cell of the sheet's grid.
    fn cell(&mut self, at: (u32, u32)) -> Walk<()> {
        place(&mut self.cells, self.name, at)
    }

    /// A MULRK record: a run of cells along one row.
    fn cell_run(&mut self, d: &[u8]) -> Walk<()> {
        let (row, first) = row_col(d)?;
        let count = (d.len() - 6).div_ceil(6) as u32;
        if count > 0 {
            self.cell((row, first))?;
            self.cell((row, first + count - 1))?;
        }
        Ok(())
    }
}

/// The row and column a cell record starts with.
fn row_col(d: &[u8]) -> Walk<(u32, u32)> {
    Ok((u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?)))
}

/// Adds the cell `(row, col)` of the sheet `sheet` to `bounds`, if it is within the limits.
fn place(bounds: &mut Bounds, sheet: &str, (row, col): (u32, u32)) -> Walk<()> {
    if row >= SHEET_ROWS || col >= SHEET_COLUMNS {
        return Err(Stop::Found(Problem::Beyond {
            sheet: sheet.to_string(),
            row,
            col,
        }));
    }
    bounds.add(row, col);
    Ok(())
}

/// Whether the grids (`grid` cells in all) and the shared text their cells copy (`text`
/// bytes) fit the limits.
fn within_limits(grid: u64, text: u64) -> Walk<()> {
    if grid > XLS_GRID_CELLS {
        return Err(Stop::Found(Problem::TooLarge(format!(
            "各工作表从首个到末个单元格的范围共 {grid} 格，读入约需 {} MiB，超过 {} 格的上限",
            (grid * GRID_CELL_BYTES) >> 20,
            XLS_GRID_CELLS
        ))));
    }
    if text > XLS_TEXT_BYTES {
        return Err(Stop::Found(Problem::TooLarge(format!(
            "单元格引用的共享文字合计可达 {} MiB，超过 {} MiB 的上限",
            text >> 20,
            XLS_TEXT_BYTES >> 20
        ))));
    }
    Ok(())
}

/// A DIMENSIONS record claiming more cells than the .xls format's own 65,536 rows × 256
/// columns: calamine reserves room for that many. Read as calamine reads it, wrapping where
/// it wraps.
fn dimensions(d: &[u8]) -> Walk<()> {
    let (first_row, row_end, mut first_col, col_end) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0)?),
            u32::from(u16_at(d, 2)?),
            u32::from(u16_at(d, 4)?),
            u32::from(u16_at(d, 6)?),
        ),
        14 | 16 => (
            u32_at(d, 0)?,
            u32_at(d, 4)?,
            u32::from(u16_at(d, 8)?),
            u32::from(u16_at(d, 10)?),
        ),
        _ => return Err(Stop::Unreadable),
    };
    if first_col > 0xFF || col_end < first_col {
        first_col = 0;
    }
    let (rows, cols) = if row_end >= 1 && col_end >= 1 {
        (
            (row_end - 1).wrapping_sub(first_row).wrapping_add(1),
            (col_end - 1).wrapping_sub(first_col).wrapping_add(1),
        )
    } else {
        (1, 1)
    };
    if u64::from(rows) * u64::from(cols) > 65_536 * 256 {
        return damaged(
            "工作表的 DIMENSIONS 记录声称的单元格比 .xls 格式能容纳的 65536 行 × 256 列还多",
        );
    }
    Ok(())
}

/// A BOUNDSHEET record's sheet name (BIFF8: a length, a flag for two-byte characters, then
/// the characters), for messages.
fn sheet_name(d: &[u8]) -> String {
    let count = d.get(6).map_or(0, |&n| usize::from(n));
    let wide = d.get(7).is_some_and(|f| f & 1 != 0);
    let chars = d.get(8..).unwrap_or_default();
    if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(count)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(count).map(|&b| char::from(b)).collect()
    }
}

/// The length in characters of each string of an SST record, walked as calamine reads them:
/// a string's characters may go on in the next CONTINUE record, which then starts with its own
/// flag byte; formatting runs and phonetic data are skipped.
fn shared_string_chars(r: &Record<'_>) -> Walk<Vec<u64>> {
    let mut sst = SstReader {
        data: r.data.get(8..).ok_or(Stop::Unreadable)?,
        more: r.more.iter(),
    };
    let mut out = Vec::new();
    loop {
        if sst.data.is_empty() {
            match sst.more.next() {
                Some(next) => sst.data = next,
                None => break,
            }
            if sst.data.is_empty() {
                out.push(0);
                continue;
            }
        }
        out.push(sst.string()?);
    }
    Ok(out)
}

/// The bytes of an SST record, read on into its CONTINUE records.
struct SstReader<'r> {
    data: &'r [u8],
    more: std::slice::Iter<'r, &'r [u8]>,
}

impl SstReader<'_> {
    /// Walks one string; its length in characters.
    fn string(&mut self) -> Walk<u64> {
        let chars = usize::from(u16_at(self.data, 0)?);
        let flags = *self.data.get(2).ok_or(Stop::Unreadable)?;
        self.data = &self.data[3..];
        let mut runs = 0usize;
        if flags & 0x8 != 0 {
            runs = usize::from(u16_at(self.data, 0)?);
            self.data = &self.data[2..];
        }
        let mut phonetic = 0usize;
        if flags & 0x4 != 0 {
            // calamine reads it signed and widens it, so a negative size is enormous.
            phonetic = u32_at(self.data, 0)? as i32 as usize;
            self.data = &self.data[4..];
        }
        self.skip_chars(chars, flags & 0x1 != 0)?;
        self.skip_bytes(runs.saturating_mul(4))?;
        self.skip_bytes(phonetic)?;
        Ok(chars as u64)
    }

    /// Skips `chars` characters, two bytes each when `wide`; a CONTINUE record they go on
    /// in starts with a flag byte saying whether they are wide there.
    fn skip_chars(&mut self, chars: usize, mut wide: bool) -> Walk<()> {
        let mut left = chars;
        while left > 0 {
            let n = if wide {
                (self.data.len() / 2).min(left)
            } else {
                self.data.len().min(left)
            };
            self.data = &self.data[if wide { 2 * n } else { n }..];
            left -= n;
            if left > 0 {
                self.data = self.more.next().ok_or(Stop::Unreadable)?;
                wide = *self.data.first().ok_or(Stop::Unreadable)? & 0x1 != 0;
                self.data = &self.data[1..];
            }
        }
        Ok(())
    }

    fn skip_bytes(&mut self, mut skip: usize) -> Walk<()> {
        while skip > 0 {
            if self.data.is_empty() {
                self.data = self.more.next().ok_or(Stop::Unreadable)?;
            }
            let n = skip.min(self.data.len());
            self.data = &self.data[n..];
            skip -= n;
        }
        Ok(())
    }
}
