//! Checks an .ods before calamine opens it. calamine reads every sheet of an .ods as it opens
//! the file, and takes the file's counts at their word: a cell repeated along its row
//! (`number-columns-repeated`) or down the sheet (`number-rows-repeated`) is copied that many
//! times, text and all, and a run of spaces (`<text:s text:c="2000000000"/>`) is spelled out
//! in full. So a file of one kilobyte can make it build gigabytes. This walks content.xml as a
//! stream, repeats counted and nothing expanded, and says what calamine would make before it
//! starts: a cell past the sheet limits, a cell past the text limit, the grid of all sheets
//! together, the text copied into it.

use std::io::BufRead;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::ods_spans::{Place, attr, count};
use crate::limits::{ODS_GRID_CELLS, ODS_TEXT_BYTES, SHEET_COLUMNS, SHEET_ROWS, TEXT_CHARS};

/// What is wrong with an .ods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Problem {
    /// A filled cell of `sheet` (0-based row and column) past `SHEET_ROWS` or `SHEET_COLUMNS`.
    Beyond(String, u32, u32),
    /// A cell of `sheet` (0-based row and column) whose text has this many characters, past
    /// `TEXT_CHARS`.
    LongCell(String, u32, u32, u64),
    /// The workbook would take more memory to read than the limits allow; what, in Chinese.
    TooLarge(String),
}

/// What calamine keeps of one cell, in bytes: its value and its formula text (a `Data` and a
/// `String`), in the rows as read and again in the sheet's grid.
const GRID_CELL_BYTES: u64 = 112;

/// The first problem of the .ods at `path`; `None` when calamine may read it. A file that is
/// no readable ODS is left to calamine, which reports it in its own words.
pub(super) fn check(path: &Path) -> Result<Option<Problem>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    Walk::default().run(Reader::from_reader(std::io::BufReader::new(content)))
}

/// A sheet's filled cells so far: (first row, first column, last row, last column).
type Extent = Option<(u32, u32, u32, u32)>;

/// The walk's count so far.
#[derive(Default)]
struct Walk {
    sheet: String,
    at: Place,
    extent: Extent,
    /// Grid cells of the sheets finished.
    grid: u64,
    /// Text bytes of the rows finished, repeats counted.
    text: u64,
    /// Text bytes of the current row element, column repeats counted.
    row_text: u64,
}

impl Walk {
    fn run(mut self, mut reader: Reader<impl BufRead>) -> Result<Option<Problem>, String> {
        let mut buf = Vec::new();
        loop {
            let event = reader
                .read_event_into(&mut buf)
                .map_err(|e| e.to_string())?;
            let found = match &event {
                Event::Start(e) if is_cell(e) => {
                    let e = e.to_owned();
                    let (chars, bytes) = cell_text(&mut reader).map_err(|e| e.to_string())?;
                    self.cell(&e, true, chars, bytes)
                }
                Event::Empty(e) if is_cell(e) => self.cell(e, false, 0, 0),
                Event::Start(e) | Event::Empty(e) => self.element(e, &event),
                Event::End(e) if e.name().as_ref() == "table:table-row" => self.row_ends(),
                Event::End(e) if e.name().as_ref() == "table:table" => self.sheet_ends(),
                Event::Eof => return self.sheet_ends().map_or(Ok(None), |p| Ok(Some(p))),
                _ => None,
            };
            if found.is_some() {
                return Ok(found);
            }
            buf.clear();
        }
    }

    /// A sheet or a row starts.
    fn element(&mut self, e: &BytesStart, event: &Event) -> Option<Problem> {
        match e.name().as_ref() {
            "table:table" => {
                let done = self.sheet_ends();
                self.sheet = attr(e, "table:name").unwrap_or_default();
                self.at.row = 0;
                done
            }
            "table:table-row" => {
                self.row_text = 0;
                self.at.row_starts(e, false);
                if matches!(event, Event::Empty(_)) {
                    return self.row_ends();
                }
                None
            }
            _ => None,
        }
    }

    /// A cell: `open` when it has content (an element of its own), its text's characters and
    /// bytes.
    fn cell(&mut self, e: &BytesStart, open: bool, chars: u64, bytes: u64) -> Option<Problem> {
        let repeat = count(e, "table:number-columns-repeated");
        let formula = attr(e, "table:formula").map_or(0, |f| f.len() as u64);
        let filled = open || attr(e, "office:value-type").is_some() || formula > 0;
        let (row, col) = (self.at.row, self.at.col);
        let beyond = self.at.first_beyond(repeat, SHEET_ROWS, SHEET_COLUMNS);
        self.at.pass_cells(repeat);
        if !filled {
            return None;
        }
        if let Some((row, col)) = beyond {
            return Some(Problem::Beyond(self.sheet.clone(), row, col));
        }
        if chars > TEXT_CHARS as u64 {
            return Some(Problem::LongCell(self.sheet.clone(), row, col, chars));
        }
        self.spread(row, col, repeat);
        self.row_text = self
            .row_text
            .saturating_add((bytes + formula).saturating_mul(u64::from(repeat)));
        None
    }

    /// Widens the sheet's extent to cells `col`.. (`repeat` of them) on the current row's rows.
    fn spread(&mut self, row: u32, col: u32, repeat: u32) {
        let last_row = row.saturating_add(self.at.row_repeat.saturating_sub(1));
        let last_col = col.saturating_add(repeat.saturating_sub(1));
        self.extent = Some(match self.extent {
            None => (row, col, last_row, last_col),
            Some((r0, c0, r1, c1)) => {
                (r0.min(row), c0.min(col), r1.max(last_row), c1.max(last_col))
            }
        });
    }

    fn row_ends(&mut self) -> Option<Problem> {
        let rows = u64::from(self.at.row_repeat);
        self.text = self.text.saturating_add(self.row_text.saturating_mul(rows));
        self.row_text = 0;
        self.at.row_ends();
        (self.text > ODS_TEXT_BYTES).then(|| {
            Problem::TooLarge(format!(
                "单元格的文字连同重复的行和列合计可达 {} MiB，超过 {} MiB 的上限",
                self.text >> 20,
                ODS_TEXT_BYTES >> 20
            ))
        })
    }

    /// A sheet ends: its grid, from its first filled cell to its last, is added to the others.
    fn sheet_ends(&mut self) -> Option<Problem> {
        if let Some((r0, c0, r1, c1)) = self.extent.take() {
            let cells = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
            self.grid = self.grid.saturating_add(cells);
        }
        (self.grid > ODS_GRID_CELLS).then(|| {
            Problem::TooLarge(format!(
                "各工作表从首个到末个单元格的范围共 {} 格，读入约需 {} MiB，超过 {} 格的上限",
                self.grid,
                self.grid.saturating_mul(GRID_CELL_BYTES) >> 20,
                ODS_GRID_CELLS
            ))
        })
    }
}

fn is_cell(e: &BytesStart) -> bool {
    matches!(
        e.name().as_ref(),
        "table:table-cell" | "table:covered-table-cell"
    )
}

/// The characters and bytes of the text in a cell whose start tag was just read, as calamine
/// spells it out: each `<text:s text:c="N"/>` as N spaces; comments (`office:annotation`),
/// which calamine leaves out, left out. Reads to the end of the cell.
fn cell_text(reader: &mut Reader<impl BufRead>) -> quick_xml::Result<(u64, u64)> {
    let (mut chars, mut bytes) = (0u64, 0u64);
    let mut depth = 1u32;
    let mut buf = Vec::new();
    while depth > 0 {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) if e.name().as_ref() == "office:annotation" => {
                let end = e.to_end().into_owned();
                reader.read_to_end_into(end.name(), &mut Vec::new())?;
            }
            Event::Start(e) => {
                depth += 1;
                (chars, bytes) = add(chars, bytes, spaces(&e));
            }
            Event::Empty(e) => (chars, bytes) = add(chars, bytes, spaces(&e)),
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                let t: &str = t.as_ref();
                (chars, bytes) = (chars + t.chars().count() as u64, bytes + t.len() as u64);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok((chars, bytes))
}

/// The spaces a `text:s` element stands for (`text:c`, else one); none for another element.
fn spaces(e: &BytesStart) -> u64 {
    if e.name().as_ref() != "text:s" {
        return 0;
    }
    attr(e, "text:c").and_then(|c| c.parse().ok()).unwrap_or(1)
}

/// Characters and bytes, `n` single-byte characters more.
fn add(chars: u64, bytes: u64, n: u64) -> (u64, u64) {
    (chars.saturating_add(n), bytes.saturating_add(n))
}
