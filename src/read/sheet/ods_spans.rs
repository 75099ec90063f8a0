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

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn count(e: &BytesStart, name: &str) -> u32 {
    attr(e, name).and_then(|v| v.parse().ok()).unwrap_or(1)
}

/// The spans of `sheet` in an ODS content.xml.
fn spans_in(xml: &str, sheet: &str) -> Result<Vec<Span>, String> {
    let mut reader = Reader::from_str(xml);
    let mut spans = Vec::new();
    let mut in_sheet = false;
    let (mut row, mut col) = (0u32, 0u32);
    let mut row_repeat = 1u32;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    in_sheet = attr(e, "table:name").as_deref() == Some(sheet);
                    row = 0;
                }
                "table:table-row" if in_sheet => {
                    col = 0;
                    row_repeat = count(e, "table:number-rows-repeated");
                    if matches!(event, Event::Empty(_)) {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" if in_sheet => {
                    let rows = count(e, "table:number-rows-spanned");
                    let cols = count(e, "table:number-columns-spanned");
                    if rows > 1 || cols > 1 {
                        spans.push((
                            row,
                            col,
                            row.saturating_add(rows - 1),
                            col.saturating_add(cols - 1),
                        ));
                    }
                    col = col.saturating_add(count(e, "table:number-columns-repeated"));
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "table:table-row" if in_sheet => row = row.saturating_add(row_repeat),
                "table:table" if in_sheet => return Ok(spans),
                _ => {}
            },
            Event::Eof => return Ok(spans),
            _ => {}
        }
    }
}

/// The first cell that holds something at or past row `rows` or column `cols` (0-based), in
/// any sheet: (sheet, row, column). Read as a stream, repeats counted, nothing expanded, so a
/// sheet of a million repeated rows costs no more than its few lines of XML.
pub fn beyond(path: &Path, rows: u32, cols: u32) -> Result<Option<(String, u32, u32)>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut reader = Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let mut sheet = String::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut row_repeat = 1u32;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    sheet = attr(e, "table:name").unwrap_or_default();
                    row = 0;
                }
                "table:table-row" => {
                    col = 0;
                    row_repeat = count(e, "table:number-rows-repeated");
                    if matches!(event, Event::Empty(_)) {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let repeat = count(e, "table:number-columns-repeated");
                    // A cell with a value, or with text inside it, holds something.
                    let filled =
                        matches!(event, Event::Start(_)) || attr(e, "office:value-type").is_some();
                    let last_row = row.saturating_add(row_repeat.saturating_sub(1));
                    let last_col = col.saturating_add(repeat.saturating_sub(1));
                    if filled && (last_row >= rows || last_col >= cols) {
                        // The first such cell in reading order.
                        return Ok(Some(if last_col >= cols {
                            (sheet, row, col.max(cols))
                        } else {
                            (sheet, row.max(rows), col)
                        }));
                    }
                    col = col.saturating_add(repeat);
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeat);
            }
            Event::Eof => return Ok(None),
            _ => {}
        }
        buf.clear();
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
