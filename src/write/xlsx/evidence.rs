//! The 材料目录 workbook of an evidence bundle (`dossier bundle`).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::styles::{Styles, finish_list, header_row, new_book};
use crate::model::{EvidenceEntry, EvidenceHeading, Indicator};

/// The workbook, written to `out`: sheets 材料目录 (the files `rows` hands on), 缺少材料 and
/// 未打包.
pub(super) fn book<W: std::io::Write + Send>(
    heading: &EvidenceHeading,
    rows: impl FnOnce(&mut dyn FnMut(EvidenceEntry) -> std::io::Result<()>) -> std::io::Result<()>,
    out: W,
) -> Result<(), XlsxError> {
    let st = Styles::new();
    let mut book = new_book()?;
    // One row per file: written out as it goes (inline strings, no shared-string table).
    files_sheet(book.add_worksheet_with_constant_memory()?, rows, &st)?;
    missing_sheet(book.add_worksheet(), &heading.missing, &st)?;
    set_aside_sheet(book.add_worksheet(), &heading.set_aside, &st)?;
    book.save_to_writer(out)
}

/// Sheet 材料目录: one row per file `rows` hands on.
fn files_sheet(
    ws: &mut Worksheet,
    rows: impl FnOnce(&mut dyn FnMut(EvidenceEntry) -> std::io::Result<()>) -> std::io::Result<()>,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name("材料目录")?;
    let headers = [
        "序号",
        "指标",
        "卷",
        "归档路径",
        "原文件路径",
        "大小（字节）",
        "页数/张数",
        "SHA-256",
    ];
    header_row(ws, 0, &headers, st)?;
    let mut row = 0u32;
    rows(&mut |e| {
        row += 1;
        file_row(ws, row, &e, st).map_err(std::io::Error::other)
    })?;
    for (col, width) in (0u16..).zip([6.0, 30.0, 5.0, 50.0, 50.0, 14.0, 10.0, 66.0]) {
        ws.set_column_width(col, width)?;
    }
    finish_list(ws, usize::try_from(row).unwrap_or(0), headers.len())
}

/// Row `row` of sheet 材料目录: the file `e`.
fn file_row(ws: &mut Worksheet, row: u32, e: &EvidenceEntry, st: &Styles) -> Result<(), XlsxError> {
    ws.write_number_with_format(row, 0, f64::from(row), &st.number)?;
    ws.write_string_with_format(row, 1, &e.indicator, &st.wrap)?;
    match e.volume {
        Some(v) => ws.write_number_with_format(row, 2, f64::from(v), &st.number)?,
        None => ws.write_string_with_format(row, 2, "", &st.number)?,
    };
    ws.write_string_with_format(row, 3, &e.path, &st.wrap)?;
    ws.write_string_with_format(row, 4, &e.original, &st.wrap)?;
    ws.write_number_with_format(row, 5, e.size as f64, &st.number)?;
    match e.pages {
        Some(pages) => ws.write_number_with_format(row, 6, pages.count() as f64, &st.number)?,
        None => ws.write_string_with_format(row, 6, "", &st.number)?,
    };
    ws.write_string_with_format(row, 7, &e.sha256, &st.wrap)?;
    Ok(())
}

/// Sheet 缺少材料: the indicators with no evidence.
fn missing_sheet(ws: &mut Worksheet, missing: &[Indicator], st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("缺少材料")?;
    header_row(ws, 0, &["指标编号", "指标", "责任单位"], st)?;
    for (row, i) in (1u32..).zip(missing) {
        match whole_number(&i.code) {
            Some(n) => ws.write_number_with_format(row, 0, n, &st.number)?,
            None => ws.write_string_with_format(row, 0, &i.code, &st.number)?,
        };
        ws.write_string_with_format(row, 1, &i.name, &st.wrap)?;
        ws.write_string_with_format(row, 2, i.units.join("、"), &st.wrap)?;
    }
    for (col, width) in (0u16..).zip([10.0, 60.0, 30.0]) {
        ws.set_column_width(col, width)?;
    }
    finish_list(ws, missing.len(), 3)
}

/// Sheet 未打包: what was set aside, with why.
fn set_aside_sheet(
    ws: &mut Worksheet,
    set_aside: &[(String, String)],
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name("未打包")?;
    header_row(ws, 0, &["路径", "原因"], st)?;
    for (row, (path, why)) in (1u32..).zip(set_aside) {
        ws.write_string_with_format(row, 0, path, &st.wrap)?;
        ws.write_string_with_format(row, 1, why, &st.wrap)?;
    }
    ws.set_column_width(0, 60.0)?;
    ws.set_column_width(1, 40.0)?;
    finish_list(ws, set_aside.len(), 2)
}

/// An indicator code that is a whole number as written (`12`, not `01` or `1.2`, which are
/// codes a number would change), as a number.
fn whole_number(code: &str) -> Option<f64> {
    code.parse::<u32>()
        .ok()
        .filter(|n| n.to_string() == code)
        .map(f64::from)
}
