//! Opens a workbook only after checking it is one dossier can read without harm: its kind
//! told by its first bytes, its size, each part's declared size and counts, an .ods's extent
//! and text and an .xls's structure, so that no file makes calamine allocate without bound or
//! hang.

use std::path::Path;

use calamine::Sheets;

use crate::error::{Error, Result};
use crate::limits::{SHEET_COLUMNS, SHEET_FILE_BYTES, SHEET_PART_BYTES, SHEET_ROWS};
use crate::text::cell_name;

pub(super) fn open(path: &Path) -> Result<Sheets<std::io::BufReader<std::fs::File>>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !["xlsx", "xlsm", "xls", "ods", "xlsb"].contains(&ext.as_str()) {
        return Err(Error::file(path, "不是能读取的表格文件").with_hint(
            "支持 .xlsx、.xlsm、.xls 和 .ods 文件；其他格式请先在 Excel 或 WPS 中另存为 .xlsx",
        ));
    }
    let zip = sniff(path)?;
    if zip {
        check_parts(path)?;
    }
    if ext == "ods" {
        check_ods(path)?;
    }
    if ext == "xls" {
        check_xls(path, super::xls_check::check)?;
    } else if !zip {
        check_xls(path, super::xls_check::check_container)?;
    }
    calamine::open_workbook_auto(path).map_err(|e| {
        let err = Error::file(path, format!("无法打开表格：{}", reason(&e)));
        if is_password(&e) {
            err.with_hint("请在 Excel 或 WPS 中取消文件密码（另存时不设密码）后再导入")
        } else {
            err.with_hint(
                "文件可能已损坏，或扩展名与实际格式不符；请用 Excel 或 WPS 打开确认后另存为 .xlsx",
            )
        }
    })
}

/// Tells a damaged workbook from a file that is no workbook at all by its first bytes: a zip
/// (xlsx, ods) or an OLE compound file (xls, encrypted xlsx) is at least the right kind.
/// Refuses a file past `SHEET_FILE_BYTES`, which calamine would read whole. True for a zip.
fn sniff(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut head = [0u8; 4];
    let unreadable = |e: std::io::Error| {
        Error::file(
            path,
            format!("无法读取表格：{}", crate::error::io_reason(&e)),
        )
    };
    if let Some(why) = crate::read::special_file(path) {
        return Err(Error::file(path, format!("无法读取表格：{why}"))
            .with_hint("请指向 Excel 或 WPS 保存的 .xlsx、.xls 或 .ods 文件"));
    }
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > SHEET_FILE_BYTES {
        return Err(Error::file(
            path,
            format!(
                "表格文件有 {}，超过 {} MiB 的上限",
                mib(size),
                SHEET_FILE_BYTES >> 20
            ),
        )
        .with_hint("任务表用不到这么大；删去表里的图片和多余的工作表后另存，再导入"));
    }
    let read = file.read(&mut head).map_err(unreadable)?;
    if read == 4 && (head == *b"PK\x03\x04" || head == [0xD0, 0xCF, 0x11, 0xE0]) {
        Ok(head[0] == b'P')
    } else {
        Err(
            Error::file(path, "这不是表格文件：内容不是 Excel 或 ODS 格式")
                .with_hint("请用 Excel 或 WPS 打开这个文件，另存为 .xlsx 后再导入"),
        )
    }
}

fn is_password(e: &calamine::Error) -> bool {
    matches!(
        e,
        calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password)
    ) || e.to_string().to_lowercase().contains("password")
}

/// Sizes in messages: `1.5 MiB`.
fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
}

/// Refuses an .xlsx/.xlsm/.ods whose zip directory declares a part larger than
/// `SHEET_PART_BYTES` uncompressed, before calamine inflates it, or whose parts declare more
/// than they hold (`declared`). The zip reader stops a part that inflates past its declared
/// size, so the directory's sizes bound what is read.
fn check_parts(path: &Path) -> Result<()> {
    let damaged = |e: zip::result::ZipError| {
        Error::file(path, format!("无法打开表格：文件已损坏（{e}）")).with_hint(
            "文件可能已损坏，或扩展名与实际格式不符；请用 Excel 或 WPS 打开确认后另存为 .xlsx",
        )
    };
    let file = std::fs::File::open(path).map_err(|e| {
        Error::file(
            path,
            format!("无法读取表格：{}", crate::error::io_reason(&e)),
        )
    })?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(damaged)?;
    if let Some((name, size)) =
        super::super::oversized_part(&mut zip, SHEET_PART_BYTES).map_err(damaged)?
    {
        return Err(Error::file(
            path,
            format!(
                "表格文件中的「{name}」解压后有 {}，超过每个部分 {} MiB 的上限",
                mib(size),
                SHEET_PART_BYTES >> 20
            ),
        )
        .with_hint("这不像正常的任务表（可能损坏，或是故意做大的压缩包）；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"));
    }
    super::declared::check(&mut zip, path)
}

/// Refuses an .ods that would make calamine allocate without bound as it opens it: see
/// `ods_check`.
fn check_ods(path: &Path) -> Result<()> {
    use super::ods_check::{Problem, check};
    match check(path) {
        Ok(Some(Problem::Beyond(sheet, row, col))) => Err(beyond_limits(&sheet, row, col)),
        Ok(Some(Problem::LongCell(sheet, row, col, chars))) => {
            Err(super::cells::too_long(&sheet, row, col, chars))
        }
        Ok(Some(Problem::TooLarge(what))) => Err(Error::file(
            path,
            format!("无法打开表格：{what}"),
        )
        .with_hint("任务表用不到这么大；删去多余的工作表和远处的内容，另存为 .xlsx 后再导入")),
        // A file calamine cannot read either is reported by calamine, in its own words.
        Ok(None) | Err(_) => Ok(()),
    }
}

/// Refuses a compound file that would make calamine allocate without bound as it opens it,
/// by `check` (an .xls's whole workbook, or only the container of a file with another
/// extension): see `xls_check`.
fn check_xls(path: &Path, check: fn(&[u8]) -> Option<super::xls_check::Problem>) -> Result<()> {
    use super::xls_check::Problem;
    let bytes = std::fs::read(path).map_err(|e| {
        Error::file(
            path,
            format!("无法读取表格：{}", crate::error::io_reason(&e)),
        )
    })?;
    match check(&bytes) {
        None => Ok(()),
        Some(Problem::Beyond { sheet, row, col }) => Err(beyond_limits(&sheet, row, col)),
        Some(Problem::Damaged(why)) => Err(Error::file(
            path,
            format!("无法打开表格：文件已损坏（{why}）"),
        )
        .with_hint("请用 Excel 或 WPS 打开这个文件（可能需要修复），另存为 .xlsx 后再导入")),
        Some(Problem::TooLarge(what)) => Err(Error::file(path, format!("无法打开表格：{what}"))
            .with_hint("任务表用不到这么大；删去多余的工作表和远处的内容，另存为 .xlsx 后再导入")),
    }
}

/// The error for a cell past `SHEET_ROWS` or `SHEET_COLUMNS` (0-based row and column).
pub(super) fn beyond_limits(sheet: &str, row: u32, col: u32) -> Error {
    Error::at(
        format!("{sheet}!{}", cell_name(row, col)),
        format!(
            "工作表用到了第 {} 行第 {} 列，超过 {SHEET_ROWS} 行、{SHEET_COLUMNS} 列的上限",
            u64::from(row) + 1,
            u64::from(col) + 1
        ),
    )
    .with_hint("删掉表格下方或右侧远处多余的内容（可在 Excel 中按 Ctrl+End 找到它），另存后再导入")
}

/// A short Chinese reason for a calamine error.
pub(super) fn reason(e: &calamine::Error) -> String {
    if is_password(e) {
        return "文件有密码保护".to_string();
    }
    match e {
        calamine::Error::Io(io) => crate::error::io_reason(io),
        _ => {
            let text = e.to_string();
            // The zip reader stops a part that inflates past the size it declares.
            if text.contains("larger than its declared uncompressed size") {
                return "文件已损坏：其中一个部分解压后超过它自己声明的大小".to_string();
            }
            if text.contains("Zip")
                || text.contains("zip")
                || text.contains("Cfb")
                || text.contains("Invalid")
            {
                format!("文件已损坏（{text}）")
            } else {
                format!("文件内容无法识别（{text}）")
            }
        }
    }
}
