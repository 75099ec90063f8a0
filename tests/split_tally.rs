//! Unit task lists and progress bulletins, checked against the sheets they come from.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::{dossier, python, repo};

/// The text of every table cell in a DOCX's first table, row by row, read from its XML.
fn table_rows(docx: &Path) -> Vec<Vec<String>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let table = &xml[xml.find("<w:tbl>").expect("a table")..];
    let table = &table[..table.find("</w:tbl>").unwrap()];
    table
        .split("<w:tr>")
        .skip(1)
        .map(|tr| {
            tr.split("<w:tc>")
                .skip(1)
                .map(|tc| {
                    tc.split("<w:t xml:space=\"preserve\">")
                        .skip(1)
                        .map(|t| t.split("</w:t>").next().unwrap())
                        .collect::<Vec<_>>()
                        .join("")
                })
                .collect()
        })
        .collect()
}

/// A task sheet with `units` units, each leading `per_unit` tasks and cooperating on the
/// previous unit's first task, written with rust_xlsxwriter.
fn big_sheet(path: &Path, units: usize, per_unit: usize) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("分解表").unwrap();
    for (c, h) in ["序号", "测评项目", "测评内容", "责任单位", "配合单位"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_string(0, 0, "大型测评任务分解表").unwrap();
    let mut row = 2u32;
    for u in 0..units {
        for t in 0..per_unit {
            sheet.write_number(row, 0, f64::from(row - 1)).unwrap();
            sheet
                .write_string(row, 1, format!("测评项目{}", u % 7))
                .unwrap();
            sheet
                .write_string(row, 2, format!("单位{u}的第{t}项任务"))
                .unwrap();
            sheet.write_string(row, 3, format!("第{u:03}单位")).unwrap();
            if t == 0 {
                sheet
                    .write_string(row, 4, format!("第{:03}单位", (u + 1) % units))
                    .unwrap();
            }
            row += 1;
        }
    }
    book.save(path).unwrap();
}

#[test]
fn split_gives_each_of_200_units_exactly_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("大表.xlsx");
    big_sheet(&sheet, 200, 3);
    let out = dir.path().join("单位");
    let run = dossier(&[
        "split",
        &sheet.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--date",
        "2024-07-01",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut files: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 201, "200 documents and the index");
    let index = table_rows(&files[0]);
    assert_eq!(
        index.len(),
        201,
        "the index lists every unit under its header"
    );
    for (u, file) in files[1..].iter().enumerate() {
        let name = format!("第{u:03}单位");
        assert!(
            file.file_name()
                .unwrap()
                .to_string_lossy()
                .ends_with(&format!("-{name}.docx"))
        );
        let rows = table_rows(file);
        let tasks: Vec<&Vec<String>> = rows[1..].iter().collect();
        // Its own three tasks, which it leads, and the previous unit's first, on which it
        // cooperates.
        let mut expected: Vec<(String, &str)> = (0..3)
            .map(|t| (format!("单位{u}的第{t}项任务"), "牵头"))
            .collect();
        expected.push((format!("单位{}的第0项任务", (u + 199) % 200), "配合"));
        expected.sort();
        let mut got: Vec<(String, &str)> = tasks
            .iter()
            .map(|r| (r[2].clone(), r.last().unwrap().as_str()))
            .collect();
        got.sort();
        assert_eq!(got, expected, "{name}");
        let listed = &index[u + 1];
        assert_eq!(listed[1], name);
        assert_eq!(
            listed[2..5],
            ["4", "3", "1"],
            "{name}: tasks, lead, cooperating"
        );
    }
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn tally_counts_agree_with_a_direct_count_over_the_sheet() {
    let py = python();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("通报.docx");
    let sheet = repo().join("samples/进度台账.xlsx");
    let run = dossier(&[
        "tally",
        &sheet.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--as-of",
        "2024-10-01",
        "--date",
        "2024-10-08",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Counted straight from the sheet by openpyxl, and read from the workbook dossier wrote.
    let script = r#"
import datetime, json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["台账"]
rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[2]]
def status(v):
    if isinstance(v, (int, float)): return "done" if v >= 1 else ("none" if v <= 0 else "doing")
    v = str(v).strip()
    if v.endswith("%"):
        p = float(v[:-1]); return "done" if p >= 100 else ("none" if p <= 0 else "doing")
    return {"已完成": "done", "推进中": "doing", "未启动": "none"}[v]
asof = datetime.datetime(2024, 10, 1)
units = {}
total = {"tasks": 0, "done": 0, "overdue": 0}
for r in rows:
    s = status(r[5]); late = s != "done" and isinstance(r[4], datetime.datetime) and r[4] < asof
    total["tasks"] += 1; total["done"] += s == "done"; total["overdue"] += late
    for u in str(r[3]).replace("，", "、").split("、"):
        c = units.setdefault(u.strip(), {"tasks": 0, "done": 0, "overdue": 0})
        c["tasks"] += 1; c["done"] += s == "done"; c["overdue"] += late
got = openpyxl.load_workbook(sys.argv[2])
by_unit = {}
for r in got["按责任单位"].iter_rows(values_only=True):
    if isinstance(r[1], (int, float)):
        by_unit[r[0]] = {"tasks": r[1], "done": r[2], "overdue": r[5], "rate": r[6]}
print(json.dumps({"units": units, "total": total, "by_unit": by_unit}, ensure_ascii=False))
"#;
    let res = std::process::Command::new(&py)
        .args(["-c", script])
        .arg(&sheet)
        .arg(out.with_extension("xlsx"))
        .output()
        .unwrap();
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    let units = v["units"].as_object().unwrap();
    let by_unit = v["by_unit"].as_object().unwrap();
    assert_eq!(units.len(), by_unit.len(), "one row per unit: {by_unit:?}");
    for (name, want) in units {
        let got = &by_unit[name];
        for k in ["tasks", "done", "overdue"] {
            assert_eq!(got[k].as_f64(), want[k].as_f64(), "{name} {k}");
        }
        let rate = want["done"].as_f64().unwrap() / want["tasks"].as_f64().unwrap();
        assert!(
            (got["rate"].as_f64().unwrap() - rate).abs() < 1e-9,
            "{name} rate"
        );
    }
    // The bulletin says the same totals in words.
    let texts = common::paragraph_texts(&common::docx_dump(&py, &out));
    let t = &v["total"];
    let lead = texts
        .iter()
        .find(|p| p.starts_with("截至2024年10月1日"))
        .expect("the opening paragraph");
    assert!(
        lead.contains(&format!(
            "全部{}项任务中，已完成{}项",
            t["tasks"], t["done"]
        )),
        "{lead}"
    );
    assert!(
        lead.contains(&format!("仍未完成的{}项", t["overdue"])),
        "{lead}"
    );
    assert!(common::audit(&py, &out).is_empty());
}

#[test]
fn a_unit_name_too_long_for_a_file_name_is_cut_and_the_split_completes() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("长名称.xlsx");
    let long = format!("{}办公室", "市创建全国文明城市工作指挥部".repeat(8));
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["序号", "测评内容", "责任单位"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, unit) in [long.as_str(), "市文明办"].iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_number(row, 0, f64::from(row)).unwrap();
        ws.write_string(row, 1, format!("第{row}项任务")).unwrap();
        ws.write_string(row, 2, *unit).unwrap();
    }
    book.save(&sheet).unwrap();
    let out = dir.path().join("各单位");
    let o = dossier(&[
        "split",
        sheet.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--date",
        "2024-07-01",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let cut = names.iter().find(|n| n.starts_with("001-")).unwrap();
    assert!(cut.len() <= 255 && cut.ends_with("….docx"), "{cut}");
    assert!(long.starts_with(cut.trim_start_matches("001-").trim_end_matches("….docx")));
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn the_bulletins_overdue_table_keeps_each_date_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("通报.docx");
    let sheet = repo().join("samples/进度台账.xlsx");
    let args = ["tally", common::s(&sheet), "-o", common::s(&out)];
    let run = dossier(&[&args[..], &["--as-of", "2024-09-01", "--pdf"]].concat());
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let theirs = common::libreoffice_pdf_of(&out, dir.path());
    for (who, pdf) in [
        ("LibreOffice", theirs),
        ("dossier", out.with_extension("pdf")),
    ] {
        let lines: Vec<String> = common::probe(&python(), &pdf)
            .pages
            .iter()
            .flat_map(|p| p.text_lines())
            .map(|l| l.text().replace(' ', ""))
            .collect();
        // The three tasks overdue on 1 September, each due 2024年7月31日: the 完成时限 column
        // has the room for the date, and the 工作任务 column still 8 characters a line.
        let whole = lines.iter().filter(|l| l.contains("2024年7月31日")).count();
        assert_eq!(whole, 3, "{who}: each date on one line: {lines:#?}");
    }
}

/// A sheet in `dir` writing units as a city's sheet has them: some spellings of one unit,
/// beside units that only look alike.
fn near_duplicates_sheet(dir: &Path) -> PathBuf {
    let path = dir.join("分解表.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let headers = ["序号", "测评内容", "责任单位", "配合单位"];
    // Spellings of one unit as a city's sheet has them, beside units that only look alike.
    let rows = [
        ("落实财政保障", "财政局", "市团委"),
        ("安排创建经费", "市财政局", "团市委"),
        ("维护交通秩序", "公安局及相关单位", "市委宣传部"),
        ("治理占道经营", "市公安局", "市委组织部"),
        ("组织宣传报道", "各县（市、区）委宣传部", ""),
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (task, lead, coop)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_number(r, 0, f64::from(r)).unwrap();
        for (c, text) in [(1, task), (2, lead), (3, coop)] {
            sheet.write_string(r, c, *text).unwrap();
        }
    }
    book.save(&path).unwrap();
    path
}

#[test]
fn split_reports_unit_names_that_probably_name_one_unit() {
    let dir = tempfile::tempdir().unwrap();
    let path = near_duplicates_sheet(dir.path());
    let out = dir.path().join("清单");
    let done = dossier(&["split", common::s(&path), "-o", common::s(&out)]);
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    let said: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("可能是同一个单位"))
        .collect();
    for (a, b) in [
        ("财政局", "市财政局"),
        ("市团委", "团市委"),
        ("公安局及相关单位", "市公安局"),
    ] {
        let pair = format!("单位「{a}」和「{b}」可能是同一个单位");
        assert!(
            said.iter().any(|l| l.starts_with(&pair)),
            "{pair}: {stderr}"
        );
    }
    assert_eq!(said.len(), 3, "no other pair: {said:#?}");
}

#[test]
fn split_merges_the_spellings_a_mapping_names_one_unit() {
    let dir = tempfile::tempdir().unwrap();
    let path = near_duplicates_sheet(dir.path());
    let same = dir.path().join("同一单位.yaml");
    std::fs::write(&same, "市财政局: 财政局\n团市委: [市团委]\n").unwrap();
    let out = dir.path().join("清单");
    let done = dossier(&[
        "split",
        common::s(&path),
        "--same-units",
        common::s(&same),
        "-o",
        common::s(&out),
    ]);
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    for note in [
        "「财政局」按 same_units 算作「市财政局」",
        "「市团委」按 same_units 算作「团市委」",
    ] {
        assert!(stderr.contains(note), "{note}: {stderr}");
    }
    let still: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("可能是同一个单位"))
        .collect();
    assert_eq!(still.len(), 1, "only the pair left unmapped: {still:#?}");
    let names = common::file_names(&out);
    assert!(
        !names.iter().any(|n| n.ends_with("-财政局.docx")),
        "{names:?}"
    );
    let finance = names
        .iter()
        .find(|n| n.ends_with("-市财政局.docx"))
        .unwrap_or_else(|| panic!("市财政局's list among {names:?}"));
    let text = common::docx_text(&out.join(finance));
    for task in ["落实财政保障", "安排创建经费"] {
        assert!(text.contains(task), "{task} in 市财政局's list: {text}");
    }
    assert_eq!(
        std::fs::read_to_string(&same).unwrap(),
        "市财政局: 财政局\n团市委: [市团委]\n",
        "the mapping is left as it was"
    );
}

#[test]
fn a_schemes_same_units_merge_its_task_areas_units() {
    let (dir, scheme) = common::scheme_file(
        "same_units: {市财政局: [财政局, 财政部门]}\nscheme:\n  title: 方案\n  sections:\n    - title: 任务\n      task_areas:\n        - name: 保障\n          tasks:\n            - {text: 落实创建经费。, units: 财政局}\n            - {text: 安排奖补资金。, units: 市财政局}\n            - {text: 审核支出。, units: 财政部门、市审计局}\n",
    );
    let out = dir.path().join("清单");
    let done = dossier(&["split", common::s(&scheme), "-o", common::s(&out)]);
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    let names = common::file_names(&out);
    let lists: Vec<&String> = names.iter().filter(|n| n.contains("财政")).collect();
    assert_eq!(lists.len(), 1, "one list for 市财政局: {names:?}");
    let text = common::docx_text(&out.join(lists[0]));
    for task in ["落实创建经费。", "安排奖补资金。", "审核支出。"] {
        assert!(text.contains(task), "{task}: {text}");
    }
}
