//! Merged cells of an OpenDocument spreadsheet. calamine reads the covered cells of an ODS
//! merge as empty cells and does not report the merge, so the spans are read here from the
//! sheet's own XML: a cell's `table:number-rows-spanned` / `-columns-spanned`.

use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// A merged range, 0-based, inclusive: (first row, first column, last row, last column).
pub type Span = (u32, u32, u32, u32);

/// The merged ranges of the sheet called `sheet` in the ODS file at `path`.
pub fn merged(path: &Path, sheet: &str) -> Result<Vec<Span>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    zip.by_name("content.xml")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    spans_in(&xml, sheet)
}

/// The value of the attribute `name`, if the element has it.
pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// A repeat or span count: the attribute `name` as a number, 1 without it.
pub(super) fn count(e: &BytesStart, name: &str) -> u32 {
    attr(e, name).and_then(|v| v.parse().ok()).unwrap_or(1)
}

/// Where the reading is in a sheet: the row and column of the next cell (0-based), and how
/// many rows the current row stands for.
pub(super) struct Place {
    pub(super) row: u32,
    pub(super) col: u32,
    pub(super) row_repeat: u32,
}

impl Default for Place {
    fn default() -> Place {
        Place::new()
    }
}

impl Place {
    fn new() -> Place {
        Place {
            row: 0,
            col: 0,
            row_repeat: 1,
        }
    }

    /// A `table:table-row` starts; an `empty` element is the whole row.
    pub(super) fn row_starts(&mut self, e: &BytesStart, empty: bool) {
        self.col = 0;
        self.row_repeat = count(e, "table:number-rows-repeated");
        if empty {
            self.row_ends();
        }
    }

    pub(super) fn row_ends(&mut self) {
        self.row = self.row.saturating_add(self.row_repeat);
    }

    /// Moves past a cell repeated `repeat` times along the row.
    pub(super) fn pass_cells(&mut self, repeat: u32) {
        self.col = self.col.saturating_add(repeat);
    }

    /// The first cell, in reading order, at or past row `rows` or column `cols` among the
    /// `repeat` cells here, each repeated down the row's repeats.
    pub(super) fn first_beyond(&self, repeat: u32, rows: u32, cols: u32) -> Option<(u32, u32)> {
        let last_row = self.row.saturating_add(self.row_repeat.saturating_sub(1));
        let last_col = self.col.saturating_add(repeat.saturating_sub(1));
        if last_col >= cols {
            Some((self.row, self.col.max(cols)))
        } else if last_row >= rows {
            Some((self.row.max(rows), self.col))
        } else {
            None
        }
    }
}

/// The spans of `sheet` in an ODS content.xml.
fn spans_in(xml: &str, sheet: &str) -> Result<Vec<Span>, String> {
    let mut reader = Reader::from_str(xml);
    let mut spans = Vec::new();
    let mut in_sheet = false;
    let mut at = Place::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    in_sheet = attr(e, "table:name").as_deref() == Some(sheet);
                    at.row = 0;
                }
                "table:table-row" if in_sheet => {
                    at.row_starts(e, matches!(event, Event::Empty(_)));
                }
                "table:table-cell" | "table:covered-table-cell" if in_sheet => {
                    let rows = count(e, "table:number-rows-spanned");
                    let cols = count(e, "table:number-columns-spanned");
                    if rows > 1 || cols > 1 {
                        spans.push((
                            at.row,
                            at.col,
                            at.row.saturating_add(rows - 1),
                            at.col.saturating_add(cols - 1),
                        ));
                    }
                    at.pass_cells(count(e, "table:number-columns-repeated"));
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "table:table-row" if in_sheet => at.row_ends(),
                "table:table" if in_sheet => return Ok(spans),
                _ => {}
            },
            Event::Eof => return Ok(spans),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn spans_count_repeats_and_covered_cells() {
        let xml = r#"<office:document-content><table:table table:name="其他"><table:table-row><table:table-cell table:number-rows-spanned="9"/></table:table-row></table:table>
<table:table table:name="分解表">
<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell table:number-rows-spanned="3"><text:p>项目</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="1"/><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:covered-table-cell/></table:table-row>
</table:table></office:document-content>"#;
        assert_eq!(
            super::spans_in(xml, "分解表").unwrap(),
            vec![(2, 2, 4, 2), (2, 3, 2, 4)]
        );
    }
}
