//! Reads a task sheet (测评任务分解表, progress tally) from .xlsx, .xlsm, .xls or .ods into a
//! task table, as offices really make them: title rows above the header, headers typed with
//! stray spaces or under other names, cells merged over rows, dates as date cells.

use std::path::Path;

use calamine::{Cell, Data, DataRef, Dimensions, Range, Reader, Sheets};

use super::ods_spans;
use crate::error::{Error, Result};
use crate::limits::{SHEET_COLUMNS, SHEET_FILE_BYTES, SHEET_PART_BYTES, SHEET_ROWS, TEXT_CHARS};
use crate::model::{Column, Merge, TaskRow, TaskTable};
use crate::text::{Date, cell_name};

/// The column keys dossier knows, with the headers offices write for each.
pub const HEADERS: [(&str, &[&str]); 8] = [
    ("seq", &["序号", "编号"]),
    ("item", &["测评项目", "项目"]),
    ("content", &["测评内容", "测评标准", "工作任务"]),
    ("method", &["测评方式", "考核方式"]),
    ("lead", &["责任单位", "落实部门", "责任部门", "牵头单位"]),
    ("coop", &["配合单位", "协办单位"]),
    ("deadline", &["完成时限", "时限"]),
    ("status", &["完成情况", "进展情况"]),
];

/// Columns a task sheet must have.
const REQUIRED: [&str; 2] = ["content", "lead"];

/// How far down a sheet the header row is looked for.
const HEADER_SEARCH_ROWS: u32 = 30;

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The sheet's name; the first sheet when `None`.
    pub sheet: Option<String>,
    /// Headers the office uses that dossier does not know: (header as written, column key).
    pub headers: Vec<(String, String)>,
}

/// A read sheet: the table and what was skipped on the way.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The tasks.
    pub table: TaskTable,
    /// The sheet's name.
    pub sheet: String,
    /// Rows skipped (blank rows, closing notes), each naming its place.
    pub warnings: Vec<String>,
}

/// Reads the task sheet at `path`.
///
/// ```no_run
/// let r = dossier::read::sheet::load(std::path::Path::new("samples/分解表.xlsx"), &Default::default()).unwrap();
/// assert!(r.table.column("lead").is_some());
/// ```
pub fn load(path: &Path, opts: &Options) -> Result<Imported> {
    // calamine panics on some damaged files: that is reported as the file's damage.
    let (sheet, range, spans) = super::guard::guarded(
        || read_cells(path, opts),
        || {
            Error::file(path, "无法打开表格：文件已损坏，其中的结构不完整或自相矛盾")
                .with_hint("请用 Excel 或 WPS 打开这个文件（可能需要修复），另存为 .xlsx 后再导入")
        },
    )?;
    check_cells(&range, &sheet)?;
    read_table(&range, &spans, &sheet, opts).map(|(table, warnings)| Imported {
        table,
        sheet,
        warnings,
    })
}

/// The chosen sheet's name, used cells and merged ranges, as calamine reads them.
fn read_cells(path: &Path, opts: &Options) -> Result<(String, Range<Data>, Vec<ods_spans::Span>)> {
    let mut book = open(path)?;
    let names = book.sheet_names();
    let sheet = match &opts.sheet {
        Some(s) if names.iter().any(|n| n == s) => s.clone(),
        Some(s) => {
            return Err(Error::file(path, format!("没有名为「{s}」的工作表"))
                .with_hint(format!("文件中的工作表：{}", names.join("、"))));
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::file(path, "文件中没有工作表"))?,
    };
    let range = used_range(&mut book, path, &sheet)?;
    let spans = merged(&mut book, path, &sheet)?;
    Ok((sheet, range, spans))
}

fn open(path: &Path) -> Result<Sheets<std::io::BufReader<std::fs::File>>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !["xlsx", "xlsm", "xls", "ods", "xlsb"].contains(&ext.as_str()) {
        return Err(Error::file(path, "不是能读取的表格文件").with_hint(
            "支持 .xlsx、.xlsm、.xls 和 .ods 文件；其他格式请先在 Excel 或 WPS 中另存为 .xlsx",
        ));
    }
    if sniff(path)? {
        check_parts(path)?;
    }
    if ext == "ods" {
        check_ods_extent(path)?;
    }
    if ext == "xls" {
        check_xls(path)?;
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
    let unreadable =
        |e: std::io::Error| Error::file(path, format!("无法读取表格：{}", super::io_reason(&e)));
    if let Some(why) = super::special_file(path) {
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
/// `SHEET_PART_BYTES` uncompressed, before calamine inflates it. The zip reader stops a part
/// that inflates past its declared size, so the directory's sizes bound what is read.
fn check_parts(path: &Path) -> Result<()> {
    let damaged = |e: zip::result::ZipError| {
        Error::file(path, format!("无法打开表格：文件已损坏（{e}）")).with_hint(
            "文件可能已损坏，或扩展名与实际格式不符；请用 Excel 或 WPS 打开确认后另存为 .xlsx",
        )
    };
    let file = std::fs::File::open(path)
        .map_err(|e| Error::file(path, format!("无法读取表格：{}", super::io_reason(&e))))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(damaged)?;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(damaged)?;
        if part.size() > SHEET_PART_BYTES {
            return Err(Error::file(
                path,
                format!(
                    "表格文件中的「{}」解压后有 {}，超过每个部分 {} MiB 的上限",
                    part.name().unwrap_or_default(),
                    mib(part.size()),
                    SHEET_PART_BYTES >> 20
                ),
            )
            .with_hint("这不像正常的任务表（可能损坏，或是故意做大的压缩包）；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"));
        }
    }
    Ok(())
}

/// Refuses an .ods with a cell past the limits before calamine reads it: calamine expands
/// every sheet's repeated rows and columns when it opens the file.
fn check_ods_extent(path: &Path) -> Result<()> {
    match ods_spans::beyond(path, SHEET_ROWS, SHEET_COLUMNS) {
        Ok(Some((sheet, row, col))) => Err(beyond_limits(&sheet, row, col)),
        // A file calamine cannot read either is reported by calamine, in its own words.
        Ok(None) | Err(_) => Ok(()),
    }
}

/// Refuses an .xls that would make calamine allocate without bound as it opens it: see
/// `xls_check`.
fn check_xls(path: &Path) -> Result<()> {
    use super::xls_check::{Problem, check};
    let bytes = std::fs::read(path)
        .map_err(|e| Error::file(path, format!("无法读取表格：{}", super::io_reason(&e))))?;
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
fn beyond_limits(sheet: &str, row: u32, col: u32) -> Error {
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

/// The used cells of `sheet`, refused past the limits. An .xlsx or .xlsb sheet is read cell by
/// cell, so a far-out cell (`XFD1048576`) is refused before calamine would allocate the grid
/// up to it; .xls holds at most 65,536 × 256 cells by its format, and .ods was checked before
/// it was opened.
fn used_range(
    book: &mut Sheets<std::io::BufReader<std::fs::File>>,
    path: &Path,
    sheet: &str,
) -> Result<Range<Data>> {
    let fail = |e: calamine::Error| {
        Error::file(path, format!("无法读取工作表「{sheet}」：{}", reason(&e)))
    };
    let mut cells = Vec::new();
    let mut keep = |pos: (u32, u32), value: &DataRef| {
        if pos.0 >= SHEET_ROWS || pos.1 >= SHEET_COLUMNS {
            return Err(beyond_limits(sheet, pos.0, pos.1));
        }
        if !matches!(value, DataRef::Empty) {
            cells.push(Cell::new(pos, Data::from(value.clone())));
        }
        Ok(())
    };
    let range = match book {
        Sheets::Xlsx(x) => {
            let mut reader = x
                .worksheet_cells_reader(sheet)
                .map_err(|e| fail(calamine::Error::Xlsx(e)))?;
            while let Some(c) = reader
                .next_cell()
                .map_err(|e| fail(calamine::Error::Xlsx(e)))?
            {
                keep(c.get_position(), c.get_value())?;
            }
            Range::from_sparse(cells)
        }
        Sheets::Xlsb(x) => {
            let mut reader = x
                .worksheet_cells_reader(sheet)
                .map_err(|e| fail(calamine::Error::Xlsb(e)))?;
            while let Some(c) = reader
                .next_cell()
                .map_err(|e| fail(calamine::Error::Xlsb(e)))?
            {
                keep(c.get_position(), c.get_value())?;
            }
            Range::from_sparse(cells)
        }
        _ => book.worksheet_range(sheet).map_err(fail)?,
    };
    match range.end() {
        Some((row, col)) if row >= SHEET_ROWS || col >= SHEET_COLUMNS => {
            Err(beyond_limits(sheet, row, col))
        }
        _ => Ok(range),
    }
}

/// Refuses a cell with more than `TEXT_CHARS` characters, naming it.
fn check_cells(range: &Range<Data>, sheet: &str) -> Result<()> {
    for (row, col, value) in range.used_cells() {
        if let Data::String(s) = value {
            let chars = s.chars().count();
            if chars > TEXT_CHARS {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                return Err(Error::at(
                    format!("{sheet}!{}", cell_name(r0 + row as u32, c0 + col as u32)),
                    format!("单元格有 {chars} 字，超过单段文字 {TEXT_CHARS} 字的上限"),
                )
                .with_hint("一个单元格不必这么长；检查是否误把整篇文字粘贴了进来"));
            }
        }
    }
    Ok(())
}

/// A short Chinese reason for a calamine error.
fn reason(e: &calamine::Error) -> String {
    if is_password(e) {
        return "文件有密码保护".to_string();
    }
    match e {
        calamine::Error::Io(io) => super::io_reason(io),
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

/// Merged ranges, 0-based inclusive (first row, first column, last row, last column).
fn merged(
    book: &mut Sheets<std::io::BufReader<std::fs::File>>,
    path: &Path,
    sheet: &str,
) -> Result<Vec<ods_spans::Span>> {
    let dims = |d: Vec<Dimensions>| {
        d.into_iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect()
    };
    let fail = |e: String| Error::file(path, format!("无法读取合并单元格：{e}"));
    match book {
        Sheets::Xlsx(x) => x
            .merge_cells_by_sheet_name(sheet)
            .map(dims)
            .map_err(|e| fail(e.to_string())),
        Sheets::Xls(x) => x
            .merge_cells_by_sheet_name(sheet)
            .map(dims)
            .map_err(|e| fail(e.to_string())),
        Sheets::Ods(_) => ods_spans::merged(path, sheet).map_err(fail),
        Sheets::Xlsb(_) => Ok(Vec::new()),
    }
}

/// A header as typed, without the spaces offices pad it with.
fn tidy_header(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The key a header names, by the office's own mapping first, then the known synonyms.
fn key_of(header: &str, opts: &Options) -> Option<String> {
    let h = tidy_header(header);
    if h.is_empty() {
        return None;
    }
    if let Some((_, key)) = opts.headers.iter().find(|(k, _)| tidy_header(k) == h) {
        return Some(key.clone());
    }
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(key, _)| key.to_string())
}

/// A cell's value as the sheet shows it: text trimmed at both ends and around its line breaks,
/// whole numbers without a decimal point, dates in ISO form.
fn text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => tidy_text(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// Trims a text cell: surrounding ASCII and full-width spaces go, line breaks inside stay.
pub fn tidy_text(s: &str) -> String {
    let lines: Vec<&str> = s.split(['\n', '\r']).map(|l| l.trim()).collect();
    lines
        .join("\n")
        .trim_matches(|c: char| c.is_whitespace())
        .replace("\n\n", "\n")
}

/// Whether free text in a 完成时限 cell is meant as a date (and so must be a valid one).
fn looks_like_date(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && s.chars()
            .all(|c| c.is_ascii_digit() || "-/.年月日 ".contains(c))
}

fn read_table(
    range: &Range<Data>,
    spans: &[ods_spans::Span],
    sheet: &str,
    opts: &Options,
) -> Result<(TaskTable, Vec<String>)> {
    let place = |r: u32, c: u32| format!("{sheet}!{}", cell_name(r, c));
    let Some((end_row, end_col)) = range.end() else {
        return Err(Error::at(
            format!("{sheet}!A1"),
            format!("工作表「{sheet}」是空的"),
        ));
    };
    let raw = |r: u32, c: u32| range.get_value((r, c)).unwrap_or(&Data::Empty);
    // Merges in a sound sheet do not overlap, so together they cover at most the sheet; more
    // would only make the map below take long to fill.
    let area = |r0: u32, c0: u32, r1: u32, c1: u32| {
        let rows = u64::from(r1.min(end_row).saturating_sub(r0)) + 1;
        let cols = u64::from(c1.min(end_col).saturating_sub(c0)) + 1;
        if r0 > end_row || c0 > end_col {
            0
        } else {
            rows * cols
        }
    };
    let mut covered = 0u64;
    for &(r0, c0, r1, c1) in spans {
        covered += area(r0, c0, r1, c1);
        if covered > (u64::from(end_row) + 1) * (u64::from(end_col) + 1) {
            return Err(Error::at(place(r0, c0), "合并单元格相互重叠")
                .with_hint("在 Excel 或 WPS 中取消这一片的合并，重新合并后另存"));
        }
    }
    // Each cell covered by a merge reads the merge's top-left value.
    let mut cover = std::collections::HashMap::new();
    for &(r0, c0, r1, c1) in spans {
        for r in r0..=r1.min(end_row) {
            for c in c0..=c1.min(end_col) {
                cover.insert((r, c), (r0, c0));
            }
        }
    }
    let origin = |r: u32, c: u32| cover.get(&(r, c)).copied();
    let value = |r: u32, c: u32| match origin(r, c) {
        Some((r0, c0)) if c0 == c => text(raw(r0, c0)),
        Some(_) => String::new(),
        None => text(raw(r, c)),
    };

    // The header row: the first row naming a required column, among rows naming the most.
    let mut best: Option<(u32, usize)> = None;
    for r in 0..=end_row.min(HEADER_SEARCH_ROWS) {
        let keys: Vec<String> = (0..=end_col)
            .filter_map(|c| key_of(&value(r, c), opts))
            .collect();
        let has_required = keys.iter().any(|k| REQUIRED.contains(&k.as_str()));
        if has_required && keys.len() >= 2 && best.is_none_or(|(_, n)| keys.len() > n) {
            best = Some((r, keys.len()));
        }
    }
    let Some((header_row, _)) = best else {
        let first = (0..=end_row.min(HEADER_SEARCH_ROWS))
            .find(|r| (0..=end_col).any(|c| !value(*r, c).is_empty()));
        return Err(match first {
            None => Error::at(format!("{sheet}!A1"), format!("工作表「{sheet}」是空的")),
            Some(r) => {
                let found: Vec<String> = (0..=end_col)
                    .map(|c| value(r, c))
                    .filter(|v| !v.is_empty())
                    .collect();
                Error::at(place(r, 0), "找不到表头行：没有“测评内容”和“责任单位”这样的列")
                    .with_hint(format!(
                        "第一行非空内容是：{}；表头可写 测评内容/测评标准/工作任务、责任单位/落实部门/责任部门/牵头单位，或在方案文件的 tasks.headers 中指明",
                        found.join("、")
                    ))
            }
        });
    };

    let mut columns = Vec::new();
    let mut column_index = Vec::new();
    for c in 0..=end_col {
        let header = value(header_row, c);
        if header.is_empty() {
            continue;
        }
        let key = key_of(&header, opts).unwrap_or_else(|| tidy_header(&header));
        if columns.iter().any(|col: &Column| col.key == key) {
            return Err(Error::at(
                place(header_row, c),
                format!("表头「{header}」与前面的列重复"),
            ));
        }
        columns.push(Column {
            index: Some(c),
            key,
            header: tidy_header(&header),
        });
        column_index.push(c);
    }
    for key in REQUIRED {
        if !columns.iter().any(|c| c.key == key) {
            let names = HEADERS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(&[][..], |(_, n)| *n);
            let found: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
            return Err(Error::at(
                place(header_row, 0),
                format!("缺少必需的列「{}」", names.join("/")),
            )
            .with_hint(format!(
                "找到的表头：{}；如果这一列用了别的名称，请在方案文件的 tasks.headers 中指明，如 {{\"工作内容\": content}}",
                found.join("、")
            )));
        }
    }

    let title = (0..header_row)
        .filter_map(|r| (0..=end_col).map(|c| value(r, c)).find(|v| !v.is_empty()))
        .find(|t| !t.starts_with("附件"));

    let deadline = columns.iter().position(|c| c.key == "deadline");
    // A blank row is worth a warning only when a filled row follows it.
    let last_filled = (header_row + 1..=end_row)
        .rev()
        .find(|&r| column_index.iter().any(|&c| !text(raw(r, c)).is_empty()));
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for r in header_row + 1..=end_row {
        // A row is judged by its own cells: one holding only what a merge from above spills
        // into it is still a blank row.
        let own: Vec<String> = column_index
            .iter()
            .map(|&c| {
                if origin(r, c).is_some_and(|o| o != (r, c)) {
                    String::new()
                } else {
                    value(r, c)
                }
            })
            .collect();
        let first_text = (0..=end_col)
            .map(|c| text(raw(r, c)))
            .find(|v| !v.is_empty());
        if let Some(t) = &first_text
            && (t.starts_with("注：") || t.starts_with("注:") || t.starts_with("说明："))
        {
            warnings.push(format!("{}: 表末的注释行，已跳过", place(r, 0)));
            continue;
        }
        if own.iter().all(String::is_empty) {
            if first_text.is_none() && last_filled.is_some_and(|last| last >= r) {
                warnings.push(format!("{}: 空行，已跳过", place(r, 0)));
            }
            continue;
        }
        let mut cells: Vec<String> = column_index.iter().map(|&c| value(r, c)).collect();
        // A typed 60% is stored as the number 0.6 with a percent format, which the reader
        // does not see; in a 完成情况 column a number is a progress, so it is shown as one.
        if let Some(i) = columns.iter().position(|c| c.key == "status")
            && let Data::Float(_) | Data::Int(_) = raw(r, column_index[i])
            && let Ok(v) = cells[i].parse::<f64>()
        {
            let percent = if v <= 1.0 { v * 100.0 } else { v };
            cells[i] = format!("{}%", (percent * 10.0).round() / 10.0);
        }
        if let Some(i) = deadline {
            let c = column_index[i];
            let cell = &cells[i];
            if !cell.is_empty() && !matches!(raw(r, c), Data::DateTime(_) | Data::DateTimeIso(_)) {
                match Date::parse(cell) {
                    Ok(d) => cells[i] = format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
                    Err(e) if looks_like_date(cell) => {
                        return Err(Error::at(
                            place(r, c),
                            format!("完成时限「{cell}」不是有效日期：{e}"),
                        )
                        .with_hint(
                            "写成日期（如 2024-09-30），或写成文字（如 9月底前、长期坚持）",
                        ));
                    }
                    Err(_) => {}
                }
            }
        }
        rows.push(TaskRow { row: r + 1, cells });
    }
    if rows.is_empty() {
        return Err(Error::at(place(header_row, 0), "表头下面没有任务行"));
    }

    let kept: Vec<u32> = rows.iter().map(|r| r.row).collect();
    let mut merges = Vec::new();
    for &(r0, c0, r1, c1) in spans {
        let Some(i) = column_index.iter().position(|&c| c == c0) else {
            continue;
        };
        if c1 != c0 && column_index.iter().any(|&c| c > c0 && c <= c1) {
            continue;
        }
        // `kept` is in sheet order: the merge's rows are found by two binary searches, not a
        // pass over every row for every merge.
        let from = kept.partition_point(|&row| row < r0 + 1);
        let to = kept.partition_point(|&row| row <= r1 + 1);
        let covered = kept.get(from..to).unwrap_or_default();
        if let (Some(&first), Some(&last)) = (covered.first(), covered.last())
            && last > first
        {
            merges.push(Merge {
                column: columns[i].key.clone(),
                first,
                last,
            });
        }
    }
    merges.sort_by(|a, b| (a.first, &a.column).cmp(&(b.first, &b.column)));
    Ok((
        TaskTable {
            title,
            sheet: Some(sheet.to_string()),
            columns,
            rows,
            merges,
        },
        warnings,
    ))
}
