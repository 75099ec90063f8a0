//! The figures of a 进度通报 as a workbook (`dossier tally`).

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::styles::{
    DATE_FORMAT, Styles, finish_list, header_row, new_book, print_setup, write_date,
};
use crate::model::{Counts, Overdue, Share, Tally};

/// The columns of every table of counts after the name column.
const COUNT_HEADERS: [&str; 7] = [
    "任务数",
    "已完成",
    "推进中",
    "未启动",
    "逾期",
    "完成率",
    "平均进度",
];

/// The workbook: sheets 总体, 按责任单位, 按测评项目 (when the tally has 测评项目) and 逾期任务.
pub(super) fn book(tally: &Tally) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut book = new_book()?;
    overall_sheet(book.add_worksheet(), tally, &st)?;
    shares_sheet(
        book.add_worksheet(),
        "按责任单位",
        "责任单位",
        &tally.by_unit,
        &st,
    )?;
    if !tally.by_item.is_empty() {
        shares_sheet(
            book.add_worksheet(),
            "按测评项目",
            "测评项目",
            &tally.by_item,
            &st,
        )?;
    }
    overdue_sheet(book.add_worksheet(), &tally.overdue, &st)?;
    book.save_to_buffer()
}

/// Sheet 总体: the title, the 统计截至 date, and the totals.
fn overall_sheet(ws: &mut Worksheet, tally: &Tally, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("总体")?;
    let last_col = COUNT_HEADERS.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last_col, &tally.title, &st.title)?;
    ws.set_row_height(0, 32)?;
    ws.write_string(1, 0, "统计截至")?;
    let plain_date = Format::new()
        .set_align(FormatAlign::Left)
        .set_num_format(DATE_FORMAT);
    // The date spans three columns so 2024年9月30日 shows whole in the narrow count columns.
    ws.merge_range(1, 1, 1, 3, "", &plain_date)?;
    write_date(ws, 1, 1, &tally.as_of, &plain_date)?;
    header_row(ws, 2, &COUNT_HEADERS, st)?;
    counts_row(ws, 3, 0, &tally.total, st)?;
    for col in 0..=last_col {
        ws.set_column_width(col, 11)?;
    }
    ws.set_freeze_panes(3, 0)?;
    print_setup(ws, 2)
}

/// Sheet 逾期任务: one row per overdue task.
fn overdue_sheet(ws: &mut Worksheet, overdue: &[Overdue], st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("逾期任务")?;
    let headers = [
        "序号",
        "测评项目",
        "工作任务",
        "责任单位",
        "完成时限",
        "完成情况",
    ];
    header_row(ws, 0, &headers, st)?;
    for (row, (n, task)) in (1u32..).zip((1u32..).zip(overdue)) {
        ws.write_number_with_format(row, 0, n, &st.number)?;
        ws.write_string_with_format(row, 1, &task.item, &st.wrap)?;
        ws.write_string_with_format(row, 2, &task.content, &st.wrap)?;
        ws.write_string_with_format(row, 3, task.units.join("、"), &st.wrap)?;
        write_date(ws, row, 4, &task.deadline, &st.date)?;
        match percentage(&task.status) {
            Some(p) => ws.write_number_with_format(row, 5, p, &st.percent)?,
            None => ws.write_string_with_format(row, 5, &task.status, &st.number)?,
        };
    }
    for (col, width) in (0u16..).zip([6, 16, 50, 24, 16, 12]) {
        ws.set_column_width(col, width)?;
    }
    finish_list(ws, overdue.len(), headers.len())
}

/// One sheet of counts per unit or 测评项目, `name` heading the first column.
fn shares_sheet(
    ws: &mut Worksheet,
    sheet: &str,
    name: &str,
    shares: &[Share],
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(sheet)?;
    let headers: Vec<&str> = std::iter::once(name).chain(COUNT_HEADERS).collect();
    header_row(ws, 0, &headers, st)?;
    for (row, share) in (1u32..).zip(shares) {
        ws.write_string_with_format(row, 0, &share.name, &st.wrap)?;
        counts_row(ws, row, 1, &share.counts, st)?;
    }
    ws.set_column_width(0, 24)?;
    for col in 1..headers.len() as u16 {
        ws.set_column_width(col, 11)?;
    }
    finish_list(ws, shares.len(), headers.len())
}

/// `counts` from column `col` on, in the order of `COUNT_HEADERS`.
fn counts_row(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    counts: &Counts,
    st: &Styles,
) -> Result<(), XlsxError> {
    let whole = [
        counts.tasks,
        counts.done,
        counts.in_progress,
        counts.not_started,
        counts.overdue,
    ];
    for (c, n) in (col..).zip(whole) {
        ws.write_number_with_format(row, c, n, &st.number)?;
    }
    ws.write_number_with_format(row, col + 5, counts.rate, &st.percent)?;
    ws.write_number_with_format(row, col + 6, counts.progress, &st.percent)?;
    Ok(())
}

/// A 完成情况 written as a percentage (`60%`), as the fraction it is; words stay words.
fn percentage(status: &str) -> Option<f64> {
    let number = status.trim().strip_suffix(['%', '％'])?;
    number.trim().parse::<f64>().ok().map(|p| p / 100.0)
}
