//! Which sheet of a workbook to read. Offices keep drop-down lists and notes on sheets they
//! hide, often in front of the task sheet; without a name given, the sheet read is the first
//! one a user of the workbook sees.

use std::path::Path;

use calamine::{Sheet, SheetType, SheetVisible};

use crate::error::{Error, Result};

/// The sheet to read, and a warning when it is not the workbook's first.
pub(super) fn pick(
    sheets: &[Sheet],
    path: &Path,
    wanted: Option<&str>,
) -> Result<(String, Option<String>)> {
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    if let Some(name) = wanted {
        return if names.contains(&name) {
            Ok((name.to_string(), None))
        } else {
            Err(Error::file(path, format!("没有名为「{name}」的工作表"))
                .with_hint(format!("文件中的工作表：{}", names.join("、"))))
        };
    }
    let Some(first) = sheets.first() else {
        return Err(Error::file(path, "文件中没有工作表"));
    };
    let Some(at) = sheets.iter().position(readable) else {
        return Err(Error::file(
            path,
            format!("文件中没有可见的工作表（{}）", described(sheets)),
        )
        .with_hint("在 Excel 或 WPS 中取消隐藏要导入的工作表后另存，或用 --sheet（方案文件中为 tasks.sheet）指明它"));
    };
    let chosen = sheets[at].name.clone();
    let warning = (at > 0).then(|| {
        format!(
            "{}: 第一个工作表「{}」{}，读取的是第一个可见的工作表「{chosen}」（要读其他工作表请用 --sheet 指明）",
            crate::error::shown(path),
            first.name,
            why_passed(first)
        )
    });
    Ok((chosen, warning))
}

/// A sheet a user sees and that holds cells.
fn readable(sheet: &Sheet) -> bool {
    sheet.visible == SheetVisible::Visible && sheet.typ == SheetType::WorkSheet
}

/// Why a sheet was passed over.
fn why_passed(sheet: &Sheet) -> &'static str {
    match (sheet.visible, sheet.typ) {
        (SheetVisible::Hidden, _) => "是隐藏的",
        (SheetVisible::VeryHidden, _) => "是深度隐藏的（veryHidden）",
        _ => "是图表或宏表，不是工作表",
    }
}

/// Each sheet with why it is passed over: `「下拉选项」是隐藏的，「图表1」是图表…`.
fn described(sheets: &[Sheet]) -> String {
    sheets
        .iter()
        .map(|s| format!("「{}」{}", s.name, why_passed(s)))
        .collect::<Vec<_>>()
        .join("，")
}
