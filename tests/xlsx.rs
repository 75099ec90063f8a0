//! The workbooks dossier writes, as another client reads them: openpyxl finds the drop-downs,
//! frozen headers, print titles and number formats; openxml-audit finds nothing wrong; and a
//! template filled in (as a unit would, by openpyxl here) imports back through `read::sheet`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{audit, python};
use dossier::model::{Counts, Overdue, Share, Tally};
use dossier::read::sheet::{self, Options};
use dossier::write::xlsx::{sheet_template, tally_workbook};
use serde_json::Value;

/// What openpyxl reads from a workbook, per sheet, as JSON: `{"order": [names], "sheets": {…}}`.
const DUMP: &str = r#"
import json, sys, openpyxl
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter

def column(ws, idx):
    # openpyxl keys a run of like columns (E:F) by its first letter only.
    for cd in ws.column_dimensions.values():
        if cd.min and cd.max and cd.min <= idx <= cd.max:
            return cd
    return None

out = {}
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    cols = {}
    for i in range(1, ws.max_column + 1):
        cd = column(ws, i)
        fmt = cd.number_format if cd else "General"
        cols[get_column_letter(i)] = {
            "format": fmt,
            "is_date": is_date_format(fmt),
            "wrap": bool(cd and cd.alignment.wrap_text),
            "width": cd.width if cd else None,
        }
    out[ws.title] = {
        "freeze": ws.freeze_panes,
        "print_titles": ws.print_title_rows,
        "orientation": ws.page_setup.orientation,
        "paper": str(ws.page_setup.paperSize),
        "merged": [str(r) for r in ws.merged_cells.ranges],
        "validations": [
            {"type": dv.type, "sqref": str(dv.sqref), "formula1": dv.formula1}
            for dv in ws.data_validations.dataValidation
        ],
        "columns": cols,
        "cells": {
            c.coordinate: {
                "value": c.value,
                "format": c.number_format,
                "is_date": c.is_date,
                "bold": bool(c.font and c.font.b),
                "border": c.border.left.style,
            }
            for row in ws.iter_rows() for c in row if c.value is not None
        },
    }
# The sheets in order beside them, as JSON objects need not keep it.
print(json.dumps({"order": wb.sheetnames, "sheets": out}, ensure_ascii=False, default=str))
"#;

/// Fills three task rows into the template at argv[1] and saves it as argv[2]. A deadline cell
/// is given its column's format, as Excel and WPS do when a date is typed into the column.
const FILL: &str = r#"
import datetime, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["分解表"]
date_format = ws.column_dimensions["G"].number_format
rows = [
    [1, "思想道德建设", "开展“我们的节日”主题活动", "实地考察", "市委宣传部",
     "市文明办、市文化和旅游局", datetime.datetime(2024, 9, 30), "已完成"],
    [2, "思想道德建设", "培育和践行社会主义核心价值观", "材料审核", "市文明办",
     None, "长期坚持", "推进中"],
    [3, "公共文化服务", "建成城市书房10处", "问卷调查", "市文化和旅游局",
     "市财政局", datetime.datetime(2024, 12, 31), "未启动"],
]
for r, values in enumerate(rows, start=3):
    for c, v in enumerate(values, start=1):
        if v is None:
            continue
        cell = ws.cell(row=r, column=c, value=v)
        if isinstance(v, datetime.datetime):
            cell.number_format = date_format
wb.save(sys.argv[2])
"#;

fn run(py: &Path, script: &str, args: &[&Path]) -> Vec<u8> {
    let out = Command::new(py)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "openpyxl script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn dump(py: &Path, path: &Path) -> Value {
    serde_json::from_slice(&run(py, DUMP, &[path])).expect("dump JSON")
}

fn save(dir: &Path, name: &str, bytes: Vec<u8>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write workbook");
    path
}

fn counts(tasks: u32, done: u32, in_progress: u32, not_started: u32, overdue: u32) -> Counts {
    Counts {
        tasks,
        done,
        in_progress,
        not_started,
        overdue,
        rate: f64::from(done) / f64::from(tasks),
        progress: (f64::from(done) + f64::from(in_progress) / 2.0) / f64::from(tasks),
    }
}

fn tally() -> Tally {
    Tally {
        title: "青州市创建全国文明城市重点任务进度通报".into(),
        as_of: "2024-09-30".into(),
        total: counts(8, 3, 3, 2, 1),
        by_unit: vec![
            Share {
                name: "市委宣传部".into(),
                counts: counts(5, 2, 2, 1, 1),
            },
            Share {
                name: "市文明办".into(),
                counts: counts(3, 1, 1, 1, 0),
            },
        ],
        by_item: vec![Share {
            name: "公共文化服务".into(),
            counts: counts(8, 3, 3, 2, 1),
        }],
        overdue: vec![Overdue {
            row: 7,
            item: "公共文化服务".into(),
            content: "建成城市书房10处".into(),
            units: vec!["市文化和旅游局".into(), "市财政局".into()],
            deadline: "2024-08-31".into(),
            status: "未启动".into(),
        }],
    }
}

fn validation<'a>(sheet: &'a Value, sqref: &str) -> &'a Value {
    sheet["validations"]
        .as_array()
        .expect("validations")
        .iter()
        .find(|v| v["sqref"] == sqref)
        .unwrap_or_else(|| panic!("no data validation on {sqref}: {}", sheet["validations"]))
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn template_has_lists_frozen_headers_and_a_date_column() {
    let py = python();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = save(
        dir.path(),
        "分解表.xlsx",
        sheet_template().expect("template"),
    );
    let book = dump(&py, &path);
    assert_eq!(book["order"], serde_json::json!(["分解表"]));
    let ws = &book["sheets"]["分解表"];

    let method = validation(ws, "D3:D1000");
    assert_eq!(method["type"], "list");
    assert_eq!(
        method["formula1"],
        "\"材料审核,实地考察,问卷调查,听取汇报,网上申报\""
    );
    let status = validation(ws, "H3:H1000");
    assert_eq!(status["type"], "list");
    assert_eq!(status["formula1"], "\"已完成,推进中,未启动\"");
    assert_eq!(validation(ws, "G3:G1000")["type"], "date");

    assert_eq!(ws["freeze"], "A3", "title and header rows frozen");
    assert_eq!(ws["print_titles"], "$1:$2", "and repeated on each page");
    assert_eq!(ws["orientation"], "landscape");
    assert_eq!(ws["paper"], "9", "A4");
    assert_eq!(ws["merged"], serde_json::json!(["A1:H1"]));

    let deadline = &ws["columns"]["G"];
    assert_eq!(deadline["is_date"], true, "完成时限 format: {deadline}");
    assert_eq!(deadline["format"], "yyyy\"年\"m\"月\"d\"日\"");
    for col in ["C", "E", "F"] {
        assert_eq!(ws["columns"][col]["wrap"], true, "column {col} wraps");
    }
    assert!(ws["columns"]["C"]["width"].as_f64().unwrap_or(0.0) >= 50.0);

    let header = &ws["cells"]["A2"];
    assert_eq!(header["value"], "序号");
    assert_eq!(header["bold"], true);
    assert_eq!(header["border"], "thin");

    assert!(audit(&py, &path).is_empty(), "{:?}", audit(&py, &path));
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn tally_workbook_has_typed_cells() {
    let py = python();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = save(
        dir.path(),
        "进度.xlsx",
        tally_workbook(&tally()).expect("tally"),
    );
    let book = dump(&py, &path);
    assert_eq!(
        book["order"],
        serde_json::json!(["总体", "按责任单位", "按测评项目", "逾期任务"])
    );
    let book = &book["sheets"];

    let total = &book["总体"];
    assert_eq!(total["cells"]["B2"]["is_date"], true, "统计截至 is a date");
    assert_eq!(total["cells"]["F3"]["value"], "完成率");
    let rate = &total["cells"]["F4"];
    assert_eq!(rate["value"], 0.375);
    assert_eq!(rate["format"], "0.0%", "完成率 is a percentage");
    assert_eq!(total["cells"]["G4"]["format"], "0.0%", "平均进度 too");
    assert_eq!(total["cells"]["A4"]["value"], 8, "任务数 is a number");
    assert_eq!(total["freeze"], "A4");

    let units = &book["按责任单位"];
    assert_eq!(units["freeze"], "A2");
    assert_eq!(units["cells"]["A1"]["bold"], true);
    assert_eq!(units["cells"]["A3"]["value"], "市文明办");
    assert_eq!(units["cells"]["B3"]["value"], 3);
    assert_eq!(units["cells"]["G2"]["format"], "0.0%");

    let overdue = &book["逾期任务"];
    assert_eq!(overdue["freeze"], "A2");
    assert_eq!(overdue["cells"]["D2"]["value"], "市文化和旅游局、市财政局");
    assert_eq!(
        overdue["cells"]["E2"]["is_date"], true,
        "完成时限 is a date"
    );
    assert_eq!(overdue["cells"]["E2"]["value"], "2024-08-31 00:00:00");

    assert!(audit(&py, &path).is_empty(), "{:?}", audit(&py, &path));
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn filled_template_imports_back() {
    let py = python();
    let dir = tempfile::tempdir().expect("temp dir");
    let blank = save(dir.path(), "空白.xlsx", sheet_template().expect("template"));
    let filled = dir.path().join("已填.xlsx");
    run(&py, FILL, &[&blank, &filled]);

    let got = sheet::load(&filled, &Options::default()).expect("the filled sheet imports");
    assert_eq!(got.sheet, "分解表");
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    let t = &got.table;
    assert_eq!(t.title.as_deref(), Some("测评任务分解表"));
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "seq", "item", "content", "method", "lead", "coop", "deadline", "status"
        ]
    );
    let rows: Vec<(u32, Vec<&str>)> = t
        .rows
        .iter()
        .map(|r| (r.row, r.cells.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                3,
                vec![
                    "1",
                    "思想道德建设",
                    "开展“我们的节日”主题活动",
                    "实地考察",
                    "市委宣传部",
                    "市文明办、市文化和旅游局",
                    "2024-09-30",
                    "已完成",
                ]
            ),
            (
                4,
                vec![
                    "2",
                    "思想道德建设",
                    "培育和践行社会主义核心价值观",
                    "材料审核",
                    "市文明办",
                    "",
                    "长期坚持",
                    "推进中",
                ]
            ),
            (
                5,
                vec![
                    "3",
                    "公共文化服务",
                    "建成城市书房10处",
                    "问卷调查",
                    "市文化和旅游局",
                    "市财政局",
                    "2024-12-31",
                    "未启动",
                ]
            ),
        ]
    );
    assert!(t.merges.is_empty(), "the title's merge is no task merge");
}
