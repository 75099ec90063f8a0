//! Cells whose value cannot be read: a formula saved without its result (as openpyxl and other
//! programs write them), an error value (`#REF!`, `#DIV/0!`), a date outside Excel's range.
//! calamine reads the first two as empty cells and the last as the nearest date it can make,
//! so a task lost its unit or got a made-up deadline without a word; the first of them on the
//! sheet, in reading order, is refused at its cell instead.

use calamine::{Data, DataRef, ExcelDateTime, ExcelDateTimeType, Range, XlsxFormulaMetadata};

use crate::error::Error;
use crate::text::{Date, cell_name, quoted_number};

/// Why a cell's value cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Hole {
    /// A formula, as written (`=A2*2`), saved without its result.
    Uncached(String),
    /// A cell of a shared formula (one formula the file writes once for a block of cells)
    /// saved without its result.
    SharedUncached,
    /// An error value, as Excel shows it (`#REF!`).
    Error(String),
    /// A date cell's serial number outside Excel's dates.
    Serial(f64),
    /// A date cell whose date does not exist or is out of range: the date, and why.
    IsoDate(String, String),
}

/// A hole and its cell, 0-based.
pub(super) type Found = ((u32, u32), Hole);

/// The first of two holes in reading order.
pub(super) fn first(a: Option<Found>, b: Option<Found>) -> Option<Found> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The hole an .xlsx cell is, from its value and formula as calamine streams them: a
/// formula whose cell holds no value at all. A formula whose result is empty text holds an
/// empty text value, so it is not one.
pub(super) fn in_formula(value: &DataRef, formula: Option<&XlsxFormulaMetadata>) -> Option<Hole> {
    if !matches!(value, DataRef::Empty) {
        return None;
    }
    match formula? {
        XlsxFormulaMetadata::Normal { formula } | XlsxFormulaMetadata::Shared { formula, .. } => {
            Some(Hole::Uncached(format!("={formula}")))
        }
        _ => Some(Hole::SharedUncached),
    }
}

/// The first cell of `range`, in reading order, that holds an error value or a date out of
/// range.
pub(super) fn in_values(range: &Range<Data>) -> Option<Found> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range.used_cells().find_map(|(r, c, value)| {
        in_value(value).map(|hole| ((r0 + r as u32, c0 + c as u32), hole))
    })
}

/// Texts that are an error value as spreadsheets show one. An .ods holds an error as its
/// text (`#DIV/0!`, LibreOffice's own `Err:502`); no office types one as a task's text.
fn is_error_text(s: &str) -> bool {
    let s = s.trim();
    const SHOWN: [&str; 9] = [
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#DATA!", "#SPILL!",
    ];
    SHOWN.contains(&s)
        || s.strip_prefix("Err:")
            .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

fn in_value(value: &Data) -> Option<Hole> {
    match value {
        Data::Error(e) => Some(Hole::Error(e.to_string())),
        Data::String(s) if is_error_text(s) => Some(Hole::Error(s.trim().to_string())),
        Data::DateTime(dt) if !dt.is_duration() && !serial_in_range(dt) => {
            Some(Hole::Serial(dt.as_f64()))
        }
        Data::DateTimeIso(s) => iso_date_hole(s),
        _ => None,
    }
}

/// The last serial number Excel gives a day, 9999-12-31, in the 1900 and 1904 date systems.
const LAST_SERIAL_1900: f64 = 2_958_465.0;
const LAST_SERIAL_1904: f64 = 2_957_003.0;

/// Whether a date cell's serial number is a day Excel has: from 1900-01-01 (1904-01-01) to
/// 9999-12-31, not the 1900-02-29 Excel's 1900 system counts but no calendar has. calamine
/// reads any other number as the nearest day it can make (1899-12-31, 9999-12-31).
fn serial_in_range(dt: &ExcelDateTime) -> bool {
    let v = dt.as_f64();
    // The same serial number is another day in the other system; calamine does not say which
    // system the workbook uses, so that tells it.
    let as_1900 = ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false);
    let in_1904 = as_1900.to_ymd_hms_milli() != dt.to_ymd_hms_milli();
    if in_1904 {
        (0.0..LAST_SERIAL_1904 + 1.0).contains(&v)
    } else {
        (1.0..LAST_SERIAL_1900 + 1.0).contains(&v) && v.floor() != 60.0
    }
}

/// An ISO date (an .ods date cell) that is no date from 1900 to 9999.
fn iso_date_hole(s: &str) -> Option<Hole> {
    let day = s.split('T').next().unwrap_or(s);
    match Date::parse(day) {
        Ok(d) if d.year >= 1900 => None,
        Ok(_) => Some(Hole::IsoDate(day.to_string(), "早于 1900 年".to_string())),
        Err(e) => Some(Hole::IsoDate(day.to_string(), e)),
    }
}

/// The longest formula a message quotes, in characters.
const SHOWN_FORMULA: usize = 60;

impl Hole {
    /// The error for this hole at `sheet`'s cell `at`.
    pub(super) fn refusal(&self, sheet: &str, at: (u32, u32)) -> Error {
        let place = format!("{sheet}!{}", cell_name(at.0, at.1));
        let recalc = "这样的文件通常由程序生成、没有经过 Excel 计算：请用 Excel 或 WPS 打开它并保存一次（保存时会算出公式的值），再导入";
        match self {
            Hole::Uncached(f) => Error::at(
                place,
                format!("单元格是公式「{}」，但文件里没有保存它的计算结果，读不出值", shorten(f)),
            )
            .with_hint(recalc),
            Hole::SharedUncached => Error::at(
                place,
                "单元格的公式与同一列上方的单元格共用（共享公式），但文件里没有保存它的计算结果，读不出值",
            )
            .with_hint(recalc),
            Hole::Error(e) => Error::at(place, format!("单元格的值是错误值 {e}，读不出内容"))
                .with_hint(format!(
                    "{}；在 Excel 或 WPS 中改正这个单元格的公式，或直接填上内容，保存后再导入",
                    error_reason(e)
                )),
            Hole::Serial(v) => Error::at(
                place,
                format!(
                    "日期超出 Excel 的日期范围（1900-01-01 至 9999-12-31）：单元格存的数是 {}",
                    quoted_number(*v)
                ),
            )
            .with_hint("这可能是误设成日期格式的数字；请填写正确的日期（如 2024-09-30）"),
            Hole::IsoDate(d, why) => Error::at(place, format!("日期「{d}」无效：{why}"))
                .with_hint("请填写正确的日期（如 2024-09-30）"),
        }
    }
}

/// A formula cut to what a message can quote.
fn shorten(f: &str) -> String {
    if f.chars().count() <= SHOWN_FORMULA {
        f.to_string()
    } else {
        let head: String = f.chars().take(SHOWN_FORMULA).collect();
        format!("{head}…")
    }
}

/// What an error value usually means, for the hint.
fn error_reason(e: &str) -> &'static str {
    match e {
        "#REF!" => "#REF! 表示公式引用的单元格已被删除",
        "#DIV/0!" => "#DIV/0! 表示公式除以了零或空单元格",
        "#N/A" => "#N/A 表示公式要查找的值不存在",
        "#NAME?" => "#NAME? 表示公式里有无法识别的函数或名称",
        "#VALUE!" => "#VALUE! 表示公式的参数类型不对",
        "#NUM!" => "#NUM! 表示公式算出的数无效",
        _ => "这个单元格的公式没能算出结果",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(v: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false))
    }

    #[test]
    fn dates_outside_excels_range_are_holes() {
        for v in [-1.0, 0.0, 0.5, 60.0, 2_958_466.0, 1e308, f64::NAN] {
            assert!(in_value(&date(v)).is_some(), "{v}");
        }
        for v in [1.0, 59.0, 61.0, 45_565.0, 2_958_465.5] {
            assert_eq!(in_value(&date(v)), None, "{v}");
        }
    }

    #[test]
    fn a_1904_workbook_has_its_own_range() {
        let d = |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, true));
        assert_eq!(in_value(&d(0.0)), None);
        assert_eq!(in_value(&d(2_957_003.0)), None);
        assert!(in_value(&d(2_957_004.0)).is_some());
    }

    #[test]
    fn error_values_and_their_texts_are_holes() {
        assert_eq!(
            in_value(&Data::Error(calamine::CellErrorType::Ref)),
            Some(Hole::Error("#REF!".into()))
        );
        assert!(in_value(&Data::String("#DIV/0!".into())).is_some());
        assert!(in_value(&Data::String("Err:502".into())).is_some());
        assert_eq!(in_value(&Data::String("#1 任务".into())), None);
    }

    #[test]
    fn iso_dates_must_exist() {
        assert!(in_value(&Data::DateTimeIso("2024-02-30".into())).is_some());
        assert!(in_value(&Data::DateTimeIso("0001-01-01".into())).is_some());
        assert_eq!(
            in_value(&Data::DateTimeIso("2024-09-30T00:00:00".into())),
            None
        );
    }
}
