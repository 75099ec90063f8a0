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
    let walk = workbook_stream(bytes).and_then(|stream| check_records(&stream));
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

/// The `Workbook` (or BIFF5 `Book`) stream, read as calamine reads it.
fn workbook_stream(bytes: &[u8]) -> Walk<Vec<u8>> {
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
    // A FAT sector is a sector of the file: more of them than the file has means the same
    // ones are listed again and again, and calamine would load each copy.
    let fat_ids: Vec<u32> = difat.into_iter().filter(|&id| id < DIFAT_SECTOR).collect();
    if fat_ids.len() > sectors.max_id + 1 + 109 {
        return damaged("文件分配表列出的扇区比文件里的还多");
    }
    let mut fat = Vec::new();
    for id in fat_ids {
        fat.extend(u32s(sectors.get(id)?));
    }

    let dirs = sectors.chain(u32_at(header, 48)?, &fat, usize::MAX)?;
    let dirs: Vec<&[u8]> = dirs.chunks_exact(128).collect();
    let root = dirs.first().ok_or(Stop::Unreadable)?;
    let entry_len = |d: &[u8]| -> Walk<usize> {
        if size == 512 {
            Ok(u32_at(d, 120)? as usize)
        } else {
            let low = u64::from(u32_at(d, 120)?);
            let high = u64::from(u32_at(d, 124)?);
            usize::try_from((high << 32) | low).map_err(|_| Stop::Unreadable)
        }
    };
    let mini_fat_len = u32_at(header, 64)? as usize;
    let (mini_fat, mini_stream) = if mini_fat_len > 0 {
        let stream = sectors.chain(u32_at(root, 116)?, &fat, entry_len(root)?)?;
        let limit = mini_fat_len.saturating_mul(size);
        let mini_fat: Vec<u32> = u32s(&sectors.chain(u32_at(header, 60)?, &fat, limit)?).collect();
        (mini_fat, stream)
    } else {
        (Vec::new(), Vec::new())
    };

    let named = |want: &str| {
        dirs.iter().copied().find(|d| {
            let units: Vec<u16> = d[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            let name = String::from_utf16_lossy(&units);
            let name = name.split('\0').next().unwrap_or_default();
            name.eq_ignore_ascii_case(want)
        })
    };
    let entry = named("Workbook")
        .or_else(|| named("Book"))
        .ok_or(Stop::Unreadable)?;
    let (start, len) = (u32_at(entry, 116)?, entry_len(entry)?);
    if len >= MINI_CUTOFF {
        return sectors.chain(start, &fat, len);
    }
    // In the mini stream. calamine reads a mini sector past the mini stream's end from
    // wherever its file reader happens to be; a sound file never points there.
    let mut out = Vec::new();
    let mut id = start;
    let mut steps = 0usize;
    while id != END_OF_CHAIN {
        let at = id as usize * MINI_SECTOR;
        let sector = mini_stream
            .get(at..at + MINI_SECTOR)
            .map_or_else(|| damaged("小扇区超出了迷你流"), Ok)?;
        out.extend_from_slice(&sector[..MINI_SECTOR.min(len - out.len())]);
        if out.len() >= len {
            break;
        }
        steps += 1;
        if steps > mini_stream.len() / MINI_SECTOR {
            return damaged("小扇区链首尾相接，成了循环");
        }
        id = *mini_fat.get(id as usize).ok_or(Stop::Unreadable)?;
    }
    Ok(out)
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

fn check_records(stream: &[u8]) -> Walk<()> {
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let mut shared: Vec<u64> = Vec::new();
    for r in records(stream) {
        let r = r?;
        match r.typ {
            // FILEPASS: encrypted, and calamine says so.
            0x002F if u16_at(r.data, 0)? != 0 => return Err(Stop::Unreadable),
            0x0085 => sheets.push((u32_at(r.data, 0)? as usize, sheet_name(r.data))),
            0x00FC => shared = shared_string_chars(&r)?,
            0x000A => break,
            _ => {}
        }
    }

    let mut grid = 0u64;
    let mut text = 0u64;
    for (pos, name) in &sheets {
        let sheet = stream.get(*pos..).ok_or(Stop::Unreadable)?;
        let mut cells = Bounds::default();
        let mut formulas = Bounds::default();
        let cell = |bounds: &mut Bounds, row: u32, col: u32| -> Walk<()> {
            if row >= SHEET_ROWS || col >= SHEET_COLUMNS {
                return Err(Stop::Found(Problem::Beyond {
                    sheet: name.clone(),
                    row,
                    col,
                }));
            }
            bounds.add(row, col);
            Ok(())
        };
        let mut seen_bof = false;
        let mut depth = 0usize;
        // A STRING record holds the value of the formula before it, at that formula's cell.
        let mut formula_at = (0, 0);
        for r in records(sheet) {
            let r = r?;
            let d = r.data;
            // Embedded charts are substreams of their own, skipped as calamine skips them.
            if depth > 0 {
                match r.typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match r.typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x0200 => dimensions(d)?,
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E => {
                    cell(
                        &mut cells,
                        u32::from(u16_at(d, 0)?),
                        u32::from(u16_at(d, 2)?),
                    )?;
                }
                0x00FD => {
                    cell(
                        &mut cells,
                        u32::from(u16_at(d, 0)?),
                        u32::from(u16_at(d, 2)?),
                    )?;
                    let index = u32_at(d, 6)? as usize;
                    text += shared.get(index).copied().unwrap_or(0) * CHAR_BYTES;
                }
                0x00BD if d.len() >= 6 => {
                    let row = u32::from(u16_at(d, 0)?);
                    let first = u32::from(u16_at(d, 2)?);
                    let count = (d.len() - 6).div_ceil(6) as u32;
                    if count > 0 {
                        cell(&mut cells, row, first)?;
                        cell(&mut cells, row, first + count - 1)?;
                    }
                }
                0x0006 if d.len() >= 20 => {
                    let (row, col) = (u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?));
                    cell(&mut cells, row, col)?;
                    cell(&mut formulas, row, col)?;
                    formula_at = (row, col);
                }
                0x0207 => cell(&mut cells, formula_at.0, formula_at.1)?,
                0x000A => break,
                _ => {}
            }
        }
        grid += cells.area() + formulas.area();
    }
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
    let mut data = r.data.get(8..).ok_or(Stop::Unreadable)?;
    let mut more = r.more.iter();
    let mut out = Vec::new();
    loop {
        if data.is_empty() {
            match more.next() {
                Some(next) => data = next,
                None => break,
            }
            if data.is_empty() {
                out.push(0);
                continue;
            }
        }
        let chars = usize::from(u16_at(data, 0)?);
        let flags = *data.get(2).ok_or(Stop::Unreadable)?;
        data = &data[3..];
        let mut runs = 0usize;
        if flags & 0x8 != 0 {
            runs = usize::from(u16_at(data, 0)?);
            data = &data[2..];
        }
        let mut phonetic = 0usize;
        if flags & 0x4 != 0 {
            // calamine reads it signed and widens it, so a negative size is enormous.
            phonetic = u32_at(data, 0)? as i32 as usize;
            data = &data[4..];
        }
        let mut left = chars;
        let mut wide = flags & 0x1 != 0;
        while left > 0 {
            let n = if wide {
                (data.len() / 2).min(left)
            } else {
                data.len().min(left)
            };
            data = &data[if wide { 2 * n } else { n }..];
            left -= n;
            if left > 0 {
                data = more.next().ok_or(Stop::Unreadable)?;
                wide = *data.first().ok_or(Stop::Unreadable)? & 0x1 != 0;
                data = &data[1..];
            }
        }
        out.push(chars as u64);
        for mut skip in [runs.saturating_mul(4), phonetic] {
            while skip > 0 {
                if data.is_empty() {
                    data = more.next().ok_or(Stop::Unreadable)?;
                }
                let n = skip.min(data.len());
                data = &data[n..];
                skip -= n;
            }
        }
    }
    Ok(out)
}
