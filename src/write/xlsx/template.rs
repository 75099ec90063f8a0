//! The blank 测评任务分解表 (`dossier sheet-template`).

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format, Worksheet,
    XlsxError,
};

use super::styles::{DATE_FORMAT, Styles, new_book, print_setup};
use crate::model::{DEFAULT_TABLE_TITLE, Entry, TASK_COLUMNS};

/// The last sheet row (1-based) the blank sheet's validations and formats reach: more tasks
/// than any 分解表 holds, few enough to keep the file small.
const LAST_ROW: u32 = 1000;

/// The workbook: sheet 分解表, its title row and header row.
pub(super) fn book() -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut book = new_book()?;
    let ws = book.add_worksheet();
    ws.set_name("分解表")?;

    let last_col = TASK_COLUMNS.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last_col, DEFAULT_TABLE_TITLE, &st.title)?;
    ws.set_row_height(0, 32)?;
    for (col, kind) in (0u16..).zip(TASK_COLUMNS) {
        ws.write_string_with_format(1, col, kind.header(), &st.header)?;
        if let Some((width, _)) = kind.sheet {
            ws.set_column_width(col, width)?;
        }
    }
    ws.set_row_height(1, 24)?;
    for (col, kind) in (0u16..).zip(TASK_COLUMNS) {
        if let Some((_, entry)) = kind.sheet {
            column_entry(ws, col, entry)?;
        }
    }

    ws.set_freeze_panes(2, 0)?;
    print_setup(ws, 1)?;
    book.save_to_buffer()
}

/// Makes the blank rows of column `col` take `entry`. Column formats, not cell formats:
/// Excel, WPS and LibreOffice give a new entry its column's format, so the blank rows stay
/// blank (and unprinted) yet type right.
fn column_entry(ws: &mut Worksheet, col: u16, entry: Entry) -> Result<(), XlsxError> {
    let (first, last) = (2, LAST_ROW - 1);
    match entry {
        Entry::Plain => {}
        Entry::Wrapped => {
            ws.set_column_format(col, &Format::new().set_text_wrap())?;
        }
        Entry::Date => {
            ws.set_column_format(col, &Format::new().set_num_format(DATE_FORMAT))?;
            ws.add_data_validation(first, col, last, col, &dates()?)?;
        }
        Entry::Choice(options) => {
            ws.add_data_validation(first, col, last, col, &choice(options)?)?;
        }
    }
    Ok(())
}

/// Between two far dates: any real date passes, a typo such as 2024-13-01 is caught. Only a
/// warning, because 完成时限 may rightly be words (长期坚持, 9月底前), which the reader keeps.
fn dates() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(2000, 1, 1)?,
            ExcelDateTime::from_ymd(2099, 12, 31)?,
        ))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title("完成时限")?
        .set_error_message(
            "请填写日期，如 2024-09-30；确需写文字（如“长期坚持”）的，可选“是”继续。",
        )
}

/// A drop-down of `options`. A warning rather than a stop: offices also write combinations
/// (材料审核、实地考察) or percentages (60%), which the reader understands.
fn choice(options: &[&str]) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(options)?
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_message(format!("请从下拉列表中选择：{}。", options.join("、")))
}
