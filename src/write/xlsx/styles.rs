//! What the three workbooks share: formats, a fixed creation time, header rows, date cells and
//! print set-up.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::text::Date;

/// A date as 公文 write it; Excel shows 2024年9月30日 and keeps the serial number.
pub(super) const DATE_FORMAT: &str = r#"yyyy"年"m"月"d"日""#;

/// A4 in Excel's paper-size codes.
const PAPER_A4: u8 = 9;

/// GB2312 character set, so Excel picks the Chinese face for the title font.
const CHARSET_GB2312: u8 = 134;

/// The formats the workbooks share.
pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) header: Format,
    pub(super) wrap: Format,
    pub(super) number: Format,
    pub(super) percent: Format,
    pub(super) date: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
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
pub(super) fn new_book() -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(book)
}

/// A4 landscape, one page wide, rows `0..=header` repeated on every page.
pub(super) fn print_setup(ws: &mut Worksheet, header: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    // Width fits the page; height 0 lets the pages run on as long as the rows do.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(0, header)?;
    Ok(())
}

/// Freezes a list's header row, lets the office filter it, and sets it up for print.
pub(super) fn finish_list(ws: &mut Worksheet, rows: usize, cols: usize) -> Result<(), XlsxError> {
    let last_row = u32::try_from(rows).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col =
        u16::try_from(cols.saturating_sub(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    print_setup(ws, 0)
}

pub(super) fn header_row(
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

/// An ISO date as a date cell; anything that is no date Excel can hold stays as the text it is.
pub(super) fn write_date(
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
