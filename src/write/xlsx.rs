//! Workbooks for the office's own hands: the blank 测评任务分解表 it hands out to units, and the
//! figures of a 进度通报 for its follow-up. Cells are typed (numbers, percentages and dates are
//! real values, not text) so the office can sort, sum and filter them, and the blank sheet reads
//! back through `read::sheet` exactly as it was filled in. Files are byte-identical run to run:
//! the only varying part, the creation time, is fixed.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::model::{Counts, DEFAULT_TABLE_TITLE, Entry, Share, TASK_COLUMNS, Tally};
use crate::text::Date;

/// The last sheet row (1-based) the blank sheet's validations and formats reach: more tasks
/// than any 分解表 holds, few enough to keep the file small.
const LAST_ROW: u32 = 1000;

/// A date as 公文 write it; Excel shows 2024年9月30日 and keeps the serial number.
const DATE_FORMAT: &str = r#"yyyy"年"m"月"d"日""#;

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

/// A4 in Excel's paper-size codes.
const PAPER_A4: u8 = 9;

/// GB2312 character set, so Excel picks the Chinese face for the title font.
const CHARSET_GB2312: u8 = 134;

/// The blank task sheet an office hands out (`dossier sheet-template`): sheet 分解表 with a
/// title row (测评任务分解表) and the header row 序号, 测评项目, 测评内容, 测评方式, 责任单位,
/// 配合单位, 完成时限, 完成情况, frozen on screen and repeated on every printed page (A4
/// landscape). 测评方式 and 完成情况 offer drop-down lists, 完成时限 takes dates shown as
/// 2024年9月30日, and the long-text columns wrap. The bytes are the same on every run.
///
/// ```
/// let bytes = dossier::write::xlsx::sheet_template().unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// assert_eq!(bytes, dossier::write::xlsx::sheet_template().unwrap());
/// ```
pub fn sheet_template() -> std::io::Result<Vec<u8>> {
    template_book().map_err(std::io::Error::other)
}

/// The progress figures of a 进度通报 as a workbook for the office's own follow-up: sheet 总体
/// (title, 统计截至 date, the totals), 按责任单位, 按测评项目 (left out when the tally has no
/// 测评项目) and 逾期任务. Counts are numbers, 完成率 and 平均进度 are percentages, deadlines
/// are dates; header rows are frozen. The bytes are the same on every run.
///
/// ```
/// use dossier::model::{Counts, Tally};
/// let tally = Tally {
///     title: "重点任务进度通报".into(),
///     as_of: "2024-09-30".into(),
///     total: Counts { tasks: 2, done: 1, not_started: 1, rate: 0.5, progress: 0.5, ..Default::default() },
///     by_unit: vec![],
///     by_item: vec![],
///     overdue: vec![],
/// };
/// let bytes = dossier::write::xlsx::tally_workbook(&tally).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// ```
pub fn tally_workbook(tally: &Tally) -> std::io::Result<Vec<u8>> {
    tally_book(tally).map_err(std::io::Error::other)
}

/// The 材料目录 workbook of an evidence bundle, written to `out`: one sheet listing the files
/// `rows` hands on (written as they come, so a tree of any size takes the same memory), one of
/// the indicators missing evidence, one of what was set aside.
///
/// ```
/// use dossier::model::{EvidenceEntry, EvidenceHeading};
/// let heading = EvidenceHeading { title: "佐证材料目录".into(), ..Default::default() };
/// let mut out = std::io::Cursor::new(Vec::new());
/// let rows = |put: &mut dyn FnMut(EvidenceEntry) -> std::io::Result<()>| {
///     put(EvidenceEntry {
///         indicator: "1 理论学习".into(),
///         path: "data/1 理论学习/001-记录.pdf".into(),
///         original: "1 理论学习/记录.pdf".into(),
///         size: 1024,
///         pages: Some("3页".into()),
///         sha256: "00".repeat(32),
///         volume: None,
///     })
/// };
/// dossier::write::xlsx::evidence_workbook(&heading, rows, &mut out).unwrap();
/// assert_eq!(&out.get_ref()[..2], b"PK");
/// ```
pub fn evidence_workbook<W: std::io::Write + Send>(
    heading: &crate::model::EvidenceHeading,
    rows: impl FnOnce(
        &mut dyn FnMut(crate::model::EvidenceEntry) -> std::io::Result<()>,
    ) -> std::io::Result<()>,
    out: W,
) -> std::io::Result<()> {
    evidence_book(heading, rows, out).map_err(|e| match e {
        XlsxError::IoError(e) => e,
        other => std::io::Error::other(other),
    })
}

fn evidence_book<W: std::io::Write + Send>(
    heading: &crate::model::EvidenceHeading,
    rows: impl FnOnce(
        &mut dyn FnMut(crate::model::EvidenceEntry) -> std::io::Result<()>,
    ) -> std::io::Result<()>,
    out: W,
) -> Result<(), XlsxError> {
    let st = Styles::new();
    let mut book = new_book()?;
    // One row per file: written out as it goes (inline strings, no shared-string table).
    let ws = book.add_worksheet_with_constant_memory()?;
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
    header_row(ws, 0, &headers, &st)?;
    let mut row = 0u32;
    let mut put = |e: crate::model::EvidenceEntry| -> Result<(), XlsxError> {
        row += 1;
        ws.write_number_with_format(row, 0, f64::from(row), &st.number)?;
        ws.write_string_with_format(row, 1, &e.indicator, &st.wrap)?;
        match e.volume {
            Some(v) => ws.write_number_with_format(row, 2, f64::from(v), &st.number)?,
            None => ws.write_string_with_format(row, 2, "", &st.number)?,
        };
        ws.write_string_with_format(row, 3, &e.path, &st.wrap)?;
        ws.write_string_with_format(row, 4, &e.original, &st.wrap)?;
        ws.write_number_with_format(row, 5, e.size as f64, &st.number)?;
        ws.write_string_with_format(row, 6, e.pages.as_deref().unwrap_or(""), &st.number)?;
        ws.write_string_with_format(row, 7, &e.sha256, &st.wrap)?;
        Ok(())
    };
    rows(&mut |e| put(e).map_err(std::io::Error::other))?;
    for (col, width) in (0u16..).zip([6.0, 30.0, 5.0, 50.0, 50.0, 14.0, 10.0, 66.0]) {
        ws.set_column_width(col, width)?;
    }
    finish_list(ws, usize::try_from(row).unwrap_or(0), headers.len())?;
    let ws = book.add_worksheet();
    ws.set_name("缺少材料")?;
    header_row(ws, 0, &["指标编号", "指标", "责任单位"], &st)?;
    for (row, i) in (1u32..).zip(&heading.missing) {
        ws.write_string_with_format(row, 0, &i.code, &st.number)?;
        ws.write_string_with_format(row, 1, &i.name, &st.wrap)?;
        ws.write_string_with_format(row, 2, i.units.join("、"), &st.wrap)?;
    }
    for (col, width) in (0u16..).zip([10.0, 60.0, 30.0]) {
        ws.set_column_width(col, width)?;
    }
    finish_list(ws, heading.missing.len(), 3)?;
    let ws = book.add_worksheet();
    ws.set_name("未打包")?;
    header_row(ws, 0, &["路径", "原因"], &st)?;
    for (row, (path, why)) in (1u32..).zip(&heading.set_aside) {
        ws.write_string_with_format(row, 0, path, &st.wrap)?;
        ws.write_string_with_format(row, 1, why, &st.wrap)?;
    }
    ws.set_column_width(0, 60.0)?;
    ws.set_column_width(1, 40.0)?;
    finish_list(ws, heading.set_aside.len(), 2)?;
    book.save_to_writer(out)
}

/// The formats both workbooks share.
struct Styles {
    title: Format,
    header: Format,
    wrap: Format,
    number: Format,
    percent: Format,
    date: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new()
                .set_font_name("黑体")
                .set_font_charset(CHARSET_GB2312)
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap()
                .set_background_color(Color::RGB(0xD9E1F2)),
            wrap: cell.clone().set_text_wrap(),
            number: cell.clone().set_align(FormatAlign::Center),
            percent: cell
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("0.0%"),
            date: cell
                .set_align(FormatAlign::Center)
                .set_num_format(DATE_FORMAT),
        }
    }
}

/// A workbook whose creation time is fixed, so equal content gives equal bytes.
fn new_book() -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(book)
}

fn template_book() -> Result<Vec<u8>, XlsxError> {
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

/// A4 landscape, one page wide, rows `0..=header` repeated on every page.
fn print_setup(ws: &mut Worksheet, header: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    // Width fits the page; height 0 lets the pages run on as long as the rows do.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(0, header)?;
    Ok(())
}

fn tally_book(tally: &Tally) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut book = new_book()?;

    let ws = book.add_worksheet();
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
    header_row(ws, 2, &COUNT_HEADERS, &st)?;
    counts_row(ws, 3, 0, &tally.total, &st)?;
    for col in 0..=last_col {
        ws.set_column_width(col, 11)?;
    }
    ws.set_freeze_panes(3, 0)?;
    print_setup(ws, 2)?;

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

    let ws = book.add_worksheet();
    ws.set_name("逾期任务")?;
    let headers = [
        "序号",
        "测评项目",
        "工作任务",
        "责任单位",
        "完成时限",
        "完成情况",
    ];
    header_row(ws, 0, &headers, &st)?;
    for (row, (n, task)) in (1u32..).zip((1u32..).zip(&tally.overdue)) {
        ws.write_number_with_format(row, 0, n, &st.number)?;
        ws.write_string_with_format(row, 1, &task.item, &st.wrap)?;
        ws.write_string_with_format(row, 2, &task.content, &st.wrap)?;
        ws.write_string_with_format(row, 3, task.units.join("、"), &st.wrap)?;
        write_date(ws, row, 4, &task.deadline, &st.date)?;
        ws.write_string_with_format(row, 5, &task.status, &st.number)?;
    }
    for (col, width) in (0u16..).zip([6, 16, 50, 24, 16, 12]) {
        ws.set_column_width(col, width)?;
    }
    finish_list(ws, tally.overdue.len(), headers.len())?;

    book.save_to_buffer()
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

/// Freezes a list's header row, lets the office filter it, and sets it up for print.
fn finish_list(ws: &mut Worksheet, rows: usize, cols: usize) -> Result<(), XlsxError> {
    let last_row = u32::try_from(rows).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col =
        u16::try_from(cols.saturating_sub(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    print_setup(ws, 0)
}

fn header_row(
    ws: &mut Worksheet,
    row: u32,
    headers: &[&str],
    st: &Styles,
) -> Result<(), XlsxError> {
    for (col, header) in (0u16..).zip(headers) {
        ws.write_string_with_format(row, col, *header, &st.header)?;
    }
    Ok(())
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

/// An ISO date as a date cell; anything that is no date Excel can hold stays as the text it is.
fn write_date(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    iso: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let date = Date::parse(iso).ok().and_then(|d| {
        let year = u16::try_from(d.year).ok()?;
        let month = u8::try_from(d.month).ok()?;
        let day = u8::try_from(d.day).ok()?;
        ExcelDateTime::from_ymd(year, month, day).ok()
    });
    match date {
        Some(d) => ws.write_datetime_with_format(row, col, &d, format)?,
        None => ws.write_string_with_format(row, col, iso, format)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Overdue;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook")
    }

    fn counts(tasks: u32, done: u32, in_progress: u32, not_started: u32, overdue: u32) -> Counts {
        let rate = f64::from(done) / f64::from(tasks);
        Counts {
            tasks,
            done,
            in_progress,
            not_started,
            overdue,
            rate,
            progress: rate + f64::from(in_progress) / f64::from(tasks) / 2.0,
        }
    }

    fn tally() -> Tally {
        Tally {
            title: "青州市创建全国文明城市重点任务进度通报".into(),
            as_of: "2024-09-30".into(),
            total: counts(4, 1, 2, 1, 1),
            by_unit: vec![
                Share {
                    name: "市委宣传部".into(),
                    counts: counts(3, 1, 1, 1, 1),
                },
                Share {
                    name: "市文明办".into(),
                    counts: counts(2, 0, 2, 0, 0),
                },
            ],
            by_item: vec![Share {
                name: "公共文化".into(),
                counts: counts(4, 1, 2, 1, 1),
            }],
            overdue: vec![Overdue {
                row: 5,
                item: "公共文化".into(),
                content: "建成城市书房10处".into(),
                units: vec!["市文化和旅游局".into(), "市财政局".into()],
                deadline: "2024-08-31".into(),
                status: "未启动".into(),
            }],
        }
    }

    #[test]
    fn template_reads_back_with_title_and_headers() {
        let mut book = open(sheet_template().expect("template"));
        assert_eq!(book.sheet_names(), ["分解表"]);
        let range = book.worksheet_range("分解表").expect("sheet");
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String("测评任务分解表".into()))
        );
        let headers: Vec<String> = (0..8)
            .map(|c| {
                range
                    .get_value((1, c))
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            headers,
            [
                "序号",
                "测评项目",
                "测评内容",
                "测评方式",
                "责任单位",
                "配合单位",
                "完成时限",
                "完成情况"
            ]
        );
        let merges = book.merge_cells_by_sheet_name("分解表").expect("merges");
        assert_eq!(merges.len(), 1, "the title alone is merged");
        assert_eq!((merges[0].start, merges[0].end), ((0, 0), (0, 7)));
    }

    #[test]
    fn tally_reads_back_typed() {
        let mut book = open(tally_workbook(&tally()).expect("tally workbook"));
        assert_eq!(
            book.sheet_names(),
            ["总体", "按责任单位", "按测评项目", "逾期任务"]
        );

        let total = book.worksheet_range("总体").expect("总体");
        assert_eq!(
            total.get_value((0, 0)),
            Some(&Data::String(
                "青州市创建全国文明城市重点任务进度通报".into()
            ))
        );
        assert!(
            matches!(total.get_value((1, 1)), Some(Data::DateTime(d)) if d.to_ymd_hms_milli().0 == 2024),
            "统计截至 is a date cell: {:?}",
            total.get_value((1, 1))
        );
        assert_eq!(
            total.get_value((2, 5)),
            Some(&Data::String("完成率".into()))
        );
        assert_eq!(
            total.get_value((3, 0)),
            Some(&Data::Float(4.0)),
            "任务数 is a number"
        );
        assert_eq!(
            total.get_value((3, 4)),
            Some(&Data::Float(1.0)),
            "逾期 is a number"
        );
        assert_eq!(
            total.get_value((3, 5)),
            Some(&Data::Float(0.25)),
            "完成率 is a fraction"
        );

        let units = book.worksheet_range("按责任单位").expect("按责任单位");
        assert_eq!(
            units.get_value((0, 0)),
            Some(&Data::String("责任单位".into()))
        );
        assert_eq!(
            units.get_value((2, 0)),
            Some(&Data::String("市文明办".into()))
        );
        assert_eq!(units.get_value((2, 3)), Some(&Data::Float(2.0)), "推进中");
        assert_eq!(units.height(), 3, "a header and two units");

        let overdue = book.worksheet_range("逾期任务").expect("逾期任务");
        assert_eq!(overdue.get_value((1, 0)), Some(&Data::Float(1.0)));
        assert_eq!(
            overdue.get_value((1, 3)),
            Some(&Data::String("市文化和旅游局、市财政局".into()))
        );
        match overdue.get_value((1, 4)) {
            Some(Data::DateTime(d)) => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                assert_eq!((y, m, day), (2024, 8, 31));
            }
            other => panic!("完成时限 is a date cell, not {other:?}"),
        }
    }

    #[test]
    fn empty_by_item_leaves_its_sheet_out() {
        let mut t = tally();
        t.by_item.clear();
        t.overdue[0].deadline = "长期坚持".into();
        let mut book = open(tally_workbook(&t).expect("tally workbook"));
        assert_eq!(book.sheet_names(), ["总体", "按责任单位", "逾期任务"]);
        let overdue = book.worksheet_range("逾期任务").expect("逾期任务");
        assert_eq!(
            overdue.get_value((1, 4)),
            Some(&Data::String("长期坚持".into())),
            "a deadline in words stays words"
        );
    }

    #[test]
    fn writes_are_byte_identical() {
        assert_eq!(sheet_template().expect("a"), sheet_template().expect("b"));
        let t = tally();
        assert_eq!(
            tally_workbook(&t).expect("a"),
            tally_workbook(&t).expect("b")
        );
    }
}
