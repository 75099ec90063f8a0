//! A table streamed from a `RowSource` prints exactly as the same rows held in a `TaskTable`
//! with the same merges; its source is read in exactly two passes, and a failing read fails
//! the document; a 材料目录 of 20,000 streamed rows, written to a file, reads back whole.

use std::cell::Cell;
use std::io::{Cursor, Read, Seek};

use dossier::app::bundle::index;
use dossier::layout::{FONT_PROFILES, GBT9704};
use dossier::markup;
use dossier::model::{
    Column, EvidenceHeading, HeldRows, Indicator, Merge, RowSource, TableSource, TaskTable,
};
use dossier::typeset::{Item, Rows, typeset};
use dossier::write::docx;

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// The runs of equal consecutive cells in column `i`, as (value, first row from 1, length).
fn runs(rows: &[Vec<String>], i: usize) -> Vec<(String, u32, u32)> {
    let mut out: Vec<(String, u32, u32)> = Vec::new();
    for (row, n) in rows.iter().zip(1u32..) {
        let value = row.get(i).cloned().unwrap_or_default();
        match out.last_mut() {
            Some((v, _, len)) if *v == value => *len += 1,
            _ => out.push((value, n, 1)),
        }
    }
    out
}

/// The same rows as a held table, with a merge for each run of two or more equal non-empty
/// cells of the streamed source's merge column.
fn held(source: &HeldRows) -> TaskTable {
    let columns: Vec<(&str, &str)> = source
        .columns
        .iter()
        .map(|c| (c.key.as_str(), c.header.as_str()))
        .collect();
    let mut table = TaskTable::built(&columns, source.rows.clone());
    if let Some(key) = &source.merge {
        let i = source.columns.iter().position(|c| &c.key == key).unwrap();
        for (value, first, len) in runs(&source.rows, i) {
            if len > 1 && !value.is_empty() {
                table.merges.push(Merge {
                    column: key.clone(),
                    first,
                    last: first + len - 1,
                });
            }
        }
    }
    table
}

fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The DOCX of `markup` placing `table` as `@table 0`, and whether it turned to landscape.
fn docx_of(markup: &str, table: TableSource<'_>) -> (Vec<u8>, bool) {
    let markup = markup::parse(markup, "test", vec![table]).unwrap();
    let galley = typeset(&markup, &GBT9704).unwrap();
    let streamed = galley
        .items
        .iter()
        .any(|i| matches!(i, Item::Table(t) if matches!(t.rows, Rows::Streamed(_))));
    assert_eq!(streamed, matches!(table, TableSource::Streamed(_)));
    let landscape = galley
        .items
        .iter()
        .any(|i| matches!(i, Item::Turn { landscape: true }));
    let bytes = docx::to_bytes(&galley, &FONT_PROFILES[0], &Default::default()).unwrap();
    (bytes, landscape)
}

/// Streamed and held give the same DOCX bytes; the document.xml, and whether it is landscape.
fn same_both_ways(markup: &str, source: &HeldRows) -> (String, bool) {
    let table = held(source);
    let (streamed, turned) = docx_of(markup, TableSource::Streamed(source));
    let (whole, held_turned) = docx_of(markup, TableSource::Held(&table));
    assert_eq!(turned, held_turned);
    let xml = document_xml(&streamed);
    assert!(
        streamed == whole,
        "streamed and held differ:\n{xml}\n---\n{}",
        document_xml(&whole)
    );
    (xml, turned)
}

const OPENING: &str = "@att_title 佐证材料目录\n@table 0\n";

#[test]
fn runs_of_equal_cells_merge_as_the_same_merges_held() {
    let items = [
        "1 理论学习",
        "1 理论学习",
        "1 理论学习",
        "2 窗口服务",
        "",
        "",
        "3 环境整治",
        "3 环境整治",
        "1 理论学习",
    ];
    let source = HeldRows::built(
        &[
            ("seq", "序号"),
            ("item", "指标"),
            ("content", "文件"),
            ("size", "大小"),
        ],
        Some("item"),
        items
            .iter()
            .zip(1..)
            .map(|(item, n)| strings(&[&n.to_string(), item, &format!("文件{n}.pdf"), "1.0 KB"]))
            .collect(),
    );
    let (xml, _) = same_both_ways(OPENING, &source);
    // Runs 1×3 and 3×2 merge; the single 2, the empty pair and the last 1 do not.
    assert_eq!(xml.matches(r#"<w:vMerge w:val="restart"/>"#).count(), 2);
    assert_eq!(xml.matches("<w:vMerge/>").count(), 3);
    assert_eq!(xml.matches("1 理论学习").count(), 2);
}

#[test]
fn empty_cells_and_short_rows_print_alike() {
    let source = HeldRows::built(
        &[
            ("seq", "序号"),
            ("content", "测评内容"),
            ("lead", "责任单位"),
        ],
        None,
        vec![
            strings(&["1", "", "市文明办"]),
            strings(&["", "", ""]),
            strings(&["3", "健全制度\n定期学习", ""]),
            strings(&["4"]),
            strings(&["", "开展志愿服务", "团市委、市民政局"]),
        ],
    );
    let (xml, landscape) = same_both_ways(OPENING, &source);
    assert!(!landscape);
    assert_eq!(xml.matches("<w:tr>").count(), 6);
    assert!(xml.contains("健全制度</w:t><w:br/>"), "{xml}");
}

#[test]
fn a_deadline_column_prints_its_dates_in_words_either_way() {
    let source = HeldRows::built(
        &[
            ("seq", "序号"),
            ("content", "测评内容"),
            ("deadline", "完成时限"),
        ],
        Some("deadline"),
        vec![
            strings(&["1", "健全理论学习中心组学习制度", "2024-09-30"]),
            strings(&["2", "开展理想信念教育", "2024-09-30"]),
            strings(&["3", "建设新时代文明实践中心", "长期坚持"]),
            strings(&["4", "整治背街小巷", ""]),
        ],
    );
    let (xml, _) = same_both_ways(OPENING, &source);
    assert!(xml.contains("2024年9月30日"), "{xml}");
    assert!(!xml.contains("2024-09-30"));
    assert_eq!(xml.matches(r#"<w:vMerge w:val="restart"/>"#).count(), 1);
}

/// Nine columns of long text: too wide for a portrait page.
fn wide() -> HeldRows {
    let keys = [
        ("seq", "序号"),
        ("item", "测评项目"),
        ("content", "测评内容"),
        ("method", "测评方法"),
        ("lead", "责任单位"),
        ("coop", "配合单位"),
        ("deadline", "完成时限"),
        ("status", "完成情况"),
        ("note", "备注"),
    ];
    let rows = (1..=12)
        .map(|n| {
            let mut row = vec![n.to_string(), format!("测评项目第{}组", n / 4)];
            row.extend(
                keys[2..]
                    .iter()
                    .map(|(_, h)| format!("{h}的较长说明文字，第{n}行，须占据足够的宽度")),
            );
            row
        })
        .collect();
    HeldRows::built(&keys, Some("item"), rows)
}

#[test]
fn wide_columns_turn_the_page_the_same_way() {
    let (xml, landscape) = same_both_ways(OPENING, &wide());
    assert!(landscape);
    assert!(xml.contains(r#"w:orient="landscape""#));
    assert_eq!(xml.matches(r#"<w:vMerge w:val="restart"/>"#).count(), 3);
}

#[test]
fn a_wide_table_inside_running_text_stays_portrait_the_same_way() {
    let markup = "@att_title 佐证材料目录\n第一段。\n第二段。\n@table 0\n";
    let (xml, landscape) = same_both_ways(markup, &wide());
    assert!(!landscape);
    assert!(!xml.contains("landscape"));
}

/// Rows made afresh on every pass, counting the passes; one may fail partway.
struct Counting {
    rows: HeldRows,
    passes: Cell<usize>,
    fail_on: Option<usize>,
}

impl RowSource for Counting {
    fn columns(&self) -> &[Column] {
        self.rows.columns()
    }

    fn merge_runs(&self) -> Option<&str> {
        self.rows.merge_runs()
    }

    fn each_row(
        &self,
        row: &mut dyn FnMut(&[String]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.passes.set(self.passes.get() + 1);
        for (i, cells) in self.rows.rows.iter().enumerate() {
            if Some(self.passes.get()) == self.fail_on && i == 2 {
                return Err(std::io::Error::other("证据文件夹读不到了"));
            }
            row(cells)?;
        }
        Ok(())
    }
}

fn counting(fail_on: Option<usize>) -> Counting {
    Counting {
        rows: files((0..6).map(|n| format!("{} 指标", n / 2)).collect()),
        passes: Cell::new(0),
        fail_on,
    }
}

/// 材料目录 rows with these indicators.
fn files(indicators: Vec<String>) -> HeldRows {
    HeldRows::built(
        &[
            ("seq", "序号"),
            ("item", "指标"),
            ("content", "文件"),
            ("size", "大小"),
            ("pages", "页数"),
        ],
        Some("item"),
        indicators
            .into_iter()
            .zip(1..)
            .map(|(item, n)| strings(&[&n.to_string(), &item, "a.pdf", "1.0 KB", "2页"]))
            .collect(),
    )
}

fn heading(files: usize) -> EvidenceHeading {
    EvidenceHeading {
        title: "佐证材料目录".into(),
        missing: vec![Indicator {
            code: "9".into(),
            name: "窗口行业服务规范".into(),
            units: vec!["市行政审批服务局".into(), "市政务服务中心".into()],
        }],
        set_aside: vec![("其他".into(), "不对应任何指标".into())],
        indicators: 10,
        files,
        bytes: 3 << 20,
    }
}

#[test]
fn the_evidence_document_reads_its_rows_exactly_twice() {
    let source = counting(None);
    let out = Cursor::new(Vec::new());
    let docx = index::document(&heading(6), &source, &Default::default(), out)
        .unwrap()
        .into_inner();
    assert_eq!(source.passes.get(), 2);
    let xml = document_xml(&docx);
    assert!(xml.contains("共10项指标，其中9项有佐证材料，1项缺少材料；共6个文件，合计3.0 MB。"));
    assert!(xml.contains("市行政审批服务局、市政务服务中心"));
}

#[test]
fn a_source_failing_while_the_document_is_written_fails_the_document() {
    let source = counting(Some(2));
    let out = Cursor::new(Vec::new());
    let e = index::document(&heading(6), &source, &Default::default(), out)
        .expect_err("the document fails");
    assert_eq!(source.passes.get(), 2);
    assert!(e.message.contains("证据文件夹读不到了"), "{e}");
}

#[test]
fn a_source_failing_while_the_columns_are_measured_fails_the_document() {
    let source = counting(Some(1));
    let out = Cursor::new(Vec::new());
    let e = index::document(&heading(6), &source, &Default::default(), out)
        .expect_err("the document fails");
    assert_eq!(source.passes.get(), 1);
    assert!(e.message.contains("证据文件夹读不到了"), "{e}");
}

/// Rows made as they are read, never held: runs of ten, of seven after three unfiled files,
/// and single files.
struct Generated(usize, Vec<Column>);

impl Generated {
    fn indicator(n: usize) -> String {
        if n.is_multiple_of(97) {
            format!("单列 {n}")
        } else if n % 50 < 3 {
            String::new()
        } else {
            format!("{} 指标", n / 10)
        }
    }
}

impl RowSource for Generated {
    fn columns(&self) -> &[Column] {
        &self.1
    }

    fn merge_runs(&self) -> Option<&str> {
        Some("item")
    }

    fn each_row(
        &self,
        row: &mut dyn FnMut(&[String]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        (0..self.0).try_for_each(|n| {
            row(&[
                (n + 1).to_string(),
                Self::indicator(n),
                format!("{:03}-会议记录.pdf", n % 1000),
                "12.5 KB".to_string(),
                String::new(),
            ])
        })
    }
}

#[test]
fn twenty_thousand_streamed_rows_write_to_a_file_and_read_back_whole() {
    const ROWS: usize = 20_000;
    let source = Generated(ROWS, files(Vec::new()).columns);
    let file = tempfile::tempfile().unwrap();
    let mut file = index::document(&heading(ROWS), &source, &Default::default(), file).unwrap();
    file.rewind().unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // The files' table and the missing indicators' table, each with its header row.
    assert_eq!(xml.matches("<w:tbl>").count(), 2);
    assert_eq!(xml.matches("<w:tr>").count(), ROWS + 1 + 2);
    let values: Vec<Vec<String>> = (0..ROWS).map(|n| vec![Generated::indicator(n)]).collect();
    let merged: Vec<u32> = runs(&values, 0)
        .into_iter()
        .filter(|(v, _, len)| !v.is_empty() && *len > 1)
        .map(|(_, _, len)| len)
        .collect();
    assert!(merged.len() > 1000);
    assert_eq!(
        xml.matches(r#"<w:vMerge w:val="restart"/>"#).count(),
        merged.len()
    );
    assert_eq!(
        xml.matches("<w:vMerge/>").count(),
        merged.iter().map(|len| *len as usize - 1).sum::<usize>()
    );
    assert!(xml.contains(">20000</w:t>"));
}
