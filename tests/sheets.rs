//! Task sheets as offices make them: every format gives the same table; the decomposition table
//! DOCX holds every cell, in order, merged exactly where the sheet merges; bad sheets are named.

mod common;

use std::path::Path;

use common::{docx_dump, dossier, paragraph_texts, python, repo};
use dossier::read::sheet::{self, Options};

fn load(name: &str) -> sheet::Imported {
    sheet::load(&repo().join("samples").join(name), &Options::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn xlsx_xls_and_ods_give_the_same_table() {
    let xlsx = load("分解表.xlsx");
    assert_eq!(xlsx.sheet, "分解表");
    assert_eq!(
        xlsx.table.rows.len(),
        31,
        "31 tasks; the blank row and the 注 row are skipped"
    );
    assert_eq!(xlsx.warnings.len(), 2, "{:?}", xlsx.warnings);
    assert!(xlsx.warnings[0].starts_with("分解表!A20: 空行"));
    assert!(xlsx.warnings[1].starts_with("分解表!A37: 表末的注释行"));
    let keys: Vec<&str> = xlsx.table.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "seq", "item", "content", "method", "lead", "coop", "deadline"
        ],
        "headers typed with spaces are recognised"
    );
    for other in ["分解表.xls", "分解表.ods"] {
        let t = load(other);
        assert_eq!(t.table, xlsx.table, "{other}: same rows, groups and cells");
        for (a, b) in t.table.rows.iter().zip(&xlsx.table.rows) {
            assert_eq!(t.table.units(a), xlsx.table.units(b), "{other}: same units");
        }
    }
    let items = xlsx
        .table
        .merges
        .iter()
        .filter(|m| m.column == "item")
        .count();
    assert_eq!(items, 6, "six 测评项目 groups");
}

#[test]
fn cells_are_read_as_offices_mean_them() {
    let t = load("分解表.xlsx").table;
    let cell = |row: u32, key: &str| {
        let i = t.column(key).unwrap();
        t.rows
            .iter()
            .find(|r| r.row == row)
            .map(|r| r.cells[i].clone())
            .unwrap()
    };
    assert_eq!(
        cell(5, "method"),
        "材料审核\n听取汇报",
        "line breaks in a cell are kept"
    );
    assert_eq!(
        cell(9, "item"),
        cell(5, "item"),
        "a merged 测评项目 applies to every row it covers"
    );
    assert!(
        !cell(5, "deadline").is_empty() && cell(5, "deadline").len() == 10,
        "date cells are ISO dates"
    );
    for row in &t.rows {
        for c in &row.cells {
            assert_eq!(c.trim(), c, "row {}: cells are trimmed", row.row);
            assert!(
                !c.starts_with('\u{3000}') && !c.ends_with('\u{3000}'),
                "full-width spaces trimmed"
            );
        }
    }
    let marked = t
        .rows
        .iter()
        .flat_map(|r| t.units(r))
        .filter(|u| u.role == dossier::model::Part::Cooperate)
        .count();
    assert!(
        marked > 0,
        "units marked 配合 or in the 配合单位 column cooperate"
    );
}

/// A sheet cell as (row, column, text), 1-based.
type SheetCell = (u32, u32, String);
/// A merged range as [first row, first column, last row, last column], 1-based.
type SheetMerge = [u32; 4];
/// A DOCX table cell: its text and its vMerge state (restart, continue, or none).
type DocxCell = (String, Option<bool>);

/// The sheet as openpyxl reads it: its non-empty cells and its merges.
fn sheet_cells(py: &Path, path: &Path, sheet: &str) -> (Vec<SheetCell>, Vec<SheetMerge>) {
    let out = std::process::Command::new(py)
        .arg(repo().join("tests/tools/sheet_dump.py"))
        .arg(path)
        .arg(sheet)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cells = v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c[0].as_u64().unwrap() as u32,
                c[1].as_u64().unwrap() as u32,
                c[2].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let merges = v["merges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| std::array::from_fn(|i| m[i].as_u64().unwrap() as u32))
        .collect();
    (cells, merges)
}

/// The table's cells in the DOCX, row by row, with each cell's vMerge state.
fn docx_table(docx: &Path) -> (Vec<String>, Vec<Vec<DocxCell>>) {
    let file = std::fs::File::open(docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let table = &xml[xml.find("<w:tbl>").expect("a table")..];
    let mut row_props = Vec::new();
    let mut rows = Vec::new();
    for tr in table.split("<w:tr>").skip(1) {
        let tr = tr.split("</w:tr>").next().unwrap();
        row_props.push(tr.split("</w:trPr>").next().unwrap_or("").to_string());
        let cells = tr
            .split("<w:tc>")
            .skip(1)
            .map(|tc| {
                let merge = if tc.contains(r#"<w:vMerge w:val="restart"/>"#) {
                    Some(true)
                } else if tc.contains("<w:vMerge/>") {
                    Some(false)
                } else {
                    None
                };
                let text: String = tc
                    .split("<w:t xml:space=\"preserve\">")
                    .skip(1)
                    .map(|t| t.split("</w:t>").next().unwrap())
                    .collect::<Vec<_>>()
                    .join("");
                (text, merge)
            })
            .collect();
        rows.push(cells);
    }
    (row_props, rows)
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn the_table_docx_holds_every_cell_in_order_merged_as_the_sheet() {
    let py = python();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = repo().join("samples/分解表.xlsx");
    let docx = dir.path().join("分解表.docx");
    let out = dossier(&[
        "table",
        &xlsx.to_string_lossy(),
        "-o",
        &docx.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (cells, merges) = sheet_cells(&py, &xlsx, "分解表");
    // The sheet's data rows as openpyxl sees them: below the header row (4), without the blank
    // row and the closing 注 row.
    let data_rows: Vec<u32> = (5..=36)
        .filter(|r| cells.iter().any(|c| c.0 == *r))
        .collect();
    assert_eq!(data_rows.len(), 31);
    let covered = |r: u32, c: u32| {
        merges
            .iter()
            .any(|m| r > m[0] && r <= m[2] && (m[1]..=m[3]).contains(&c))
    };
    let mut expected = Vec::new();
    for &r in &data_rows {
        for c in 1..=7 {
            if covered(r, c) {
                continue;
            }
            if let Some((_, _, text)) = cells.iter().find(|x| x.0 == r && x.1 == c) {
                let tidy = sheet::tidy_text(text);
                let shown = if c == 7 {
                    dossier::typeset::shown("deadline", &tidy)
                } else {
                    tidy
                };
                expected.push(shown);
            }
        }
    }
    // Read back by python-docx: the title, the 7 headers, then the cells.
    let texts: Vec<String> = paragraph_texts(&docx_dump(&py, &docx))
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(texts[0], "青州市创建全国文明城市测评任务分解表");
    assert_eq!(
        texts[1..8],
        [
            "序号",
            "测评项目",
            "测评内容",
            "测评方式",
            "责任单位",
            "配合单位",
            "完成时限"
        ]
    );
    assert_eq!(texts[8..], expected[..], "every non-empty cell, in order");

    let (row_props, rows) = docx_table(&docx);
    assert!(
        row_props[0].contains("<w:tblHeader/>"),
        "the header row repeats on every page"
    );
    assert!(row_props[1..].iter().all(|p| !p.contains("<w:tblHeader/>")));
    assert!(
        row_props.iter().all(|p| p.contains("<w:cantSplit/>")),
        "rows are not split across pages"
    );
    // vMerge runs in the DOCX, as (column, first data row, last data row).
    let mut runs = Vec::new();
    for c in 0..7 {
        let mut start = None;
        for (i, row) in rows[1..].iter().enumerate() {
            match row[c].1 {
                Some(true) => start = Some(i),
                Some(false) => {}
                None => start = None,
            }
            let continues = rows.get(i + 2).is_some_and(|next| next[c].1 == Some(false));
            if let (Some(s), false) = (start, continues) {
                runs.push((c as u32 + 1, data_rows[s], data_rows[i]));
                start = None;
            }
        }
    }
    let mut sheet_runs: Vec<(u32, u32, u32)> = merges
        .iter()
        .filter(|m| m[1] == m[3] && m[0] >= 5 && m[2] <= 36)
        .map(|m| (m[1], m[0], m[2]))
        .collect();
    runs.sort();
    sheet_runs.sort();
    assert_eq!(
        runs, sheet_runs,
        "vMerge runs are exactly the sheet's merged groups"
    );
    let findings = common::audit(&py, &docx);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn libreoffice_repeats_the_header_on_every_landscape_page() {
    let py = python();
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("t.docx");
    let out = dossier(&[
        "table",
        &repo().join("samples/分解表.ods").to_string_lossy(),
        "-o",
        &docx.to_string_lossy(),
    ]);
    assert!(out.status.success());
    let pdf = common::probe(&py, &common::to_pdf(&docx));
    assert!(pdf.pages.len() >= 2, "the table runs over pages");
    for p in &pdf.pages {
        assert!(p.width > p.height, "page {} is landscape", p.number);
        let lines = p.text_lines();
        let header = lines
            .iter()
            .find(|l| l.text().contains("测评内容"))
            .unwrap_or_else(|| panic!("page {}: header row", p.number));
        assert!(
            lines
                .iter()
                .filter(|l| l.top() < header.top())
                .all(|l| l.size() > 14.0),
            "page {}: the header heads the table",
            p.number
        );
        assert!(
            (header.size() - 12.0).abs() < 0.1,
            "小四 in a landscape table"
        );
        let number = lines.last().unwrap();
        assert_eq!(
            number.text().replace(' ', ""),
            format!("—{}—", p.number),
            "page numbers continue"
        );
    }
}

#[test]
fn bad_sheets_are_named_and_nothing_is_written() {
    let cases = [
        (
            "missing_column.xlsx",
            None,
            "分解表!A1",
            "缺少必需的列「责任单位",
        ),
        (
            "bad_date.xlsx",
            None,
            "分解表!F3",
            "完成时限「2024-02-30」不是有效日期",
        ),
        ("corrupt.xlsx", None, "corrupt.xlsx", "文件已损坏"),
        ("empty.xlsx", None, "Sheet1!A1", "是空的"),
        ("password.xlsx", None, "password.xlsx", "密码保护"),
        (
            "not_a_sheet.xlsx",
            None,
            "not_a_sheet.xlsx",
            "这不是表格文件",
        ),
        (
            "bad_date.xlsx",
            Some("不存在"),
            "bad_date.xlsx",
            "没有名为「不存在」的工作表",
        ),
    ];
    for (file, sheet, place, message) in cases {
        let path = repo().join("tests/sheets").join(file);
        let dir = tempfile::tempdir().unwrap();
        for cmd in ["import", "table"] {
            let target = dir
                .path()
                .join(if cmd == "import" { "t.yaml" } else { "t.docx" });
            let mut args = vec![
                cmd.to_string(),
                path.to_string_lossy().into_owned(),
                "-o".into(),
                target.to_string_lossy().into_owned(),
            ];
            if let Some(s) = sheet {
                args.extend(["--sheet".to_string(), s.to_string()]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = dossier(&args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{file} {cmd}: {err}");
            let first = err.lines().next().unwrap_or("");
            let (got_place, got) = first
                .split_once(": 错误：")
                .unwrap_or_else(|| panic!("{file}: {first}"));
            assert!(
                got_place.ends_with(place),
                "{file}: place {got_place}, expected {place}"
            );
            assert!(got.contains(message), "{file}: {got}");
            assert_eq!(
                std::fs::read_dir(dir.path()).unwrap().count(),
                0,
                "{file} {cmd}: nothing written"
            );
        }
    }
}

#[test]
fn imported_yaml_is_the_tasks_part_of_a_scheme_file() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("tasks.yaml");
    let sheet = repo().join("samples/分解表.ods");
    let out = dossier(&[
        "import",
        &sheet.to_string_lossy(),
        "-o",
        &yaml.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tasks = std::fs::read_to_string(&yaml).unwrap();
    let scheme = format!("scheme:\n  title: 方案\n{tasks}");
    let doc = dossier::read::scheme::parse(&scheme, "s.yaml").unwrap();
    let from_yaml = doc.tasks.expect("tasks");
    let mut from_sheet = load("分解表.ods").table;
    // The YAML names no sheet or sheet columns; everything else is the same.
    from_sheet.sheet = None;
    for c in &mut from_sheet.columns {
        c.index = None;
    }
    assert_eq!(from_yaml, from_sheet);
    assert_eq!(
        doc.attachments.last().map(|a| a.table),
        Some(true),
        "the table is attached"
    );
}

#[test]
fn a_scheme_can_name_headers_the_office_uses() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("台账.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["工作内容及标准", "承办科室"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "整治背街小巷环境卫生").unwrap();
    ws.write_string(1, 1, "市城管局").unwrap();
    book.save(&sheet).unwrap();
    let scheme = dir.path().join("s.yaml");
    let text = "scheme:\n  title: 方案\ntasks:\n  file: 台账.xlsx\n  headers: {工作内容及标准: content, 承办科室: lead}\n";
    std::fs::write(&scheme, text).unwrap();
    let doc = dossier::read::scheme::load(&scheme).unwrap();
    let t = doc.tasks.unwrap();
    assert_eq!(
        t.columns.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        ["content", "lead"]
    );
    assert_eq!(t.rows[0].cells, ["整治背街小巷环境卫生", "市城管局"]);
    // Without the mapping the sheet has no recognisable header row.
    let plain = sheet::load(&sheet, &Options::default()).unwrap_err();
    assert!(plain.message.contains("找不到表头行"), "{plain}");
}
