//! A task table as the `tasks:` part of a scheme file (YAML): rows as maps, `row` first, then
//! each non-empty cell under its column's key, the form a secretary reads and writes and
//! `read::scheme` reads back.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::model::{TaskRow, TaskTable};

/// The `tasks:` part for `table`, after a comment line saying it came from sheet `sheet` of
/// the file `source`.
///
/// ```
/// let t = dossier::model::TaskTable::built(&[("seq", "序号"), ("lead", "责任单位")], vec![vec!["1".into(), "市文明办".into()]]);
/// let yaml = dossier::write::tasks_yaml::to_string(&t, "分解表.xlsx", "分解表").unwrap();
/// assert!(yaml.starts_with("# 由 dossier import 从「分解表.xlsx」的工作表「分解表」导入"));
/// assert!(yaml.contains("  rows:\n  - row: 1\n    seq: '1'\n    lead: 市文明办\n"));
/// ```
pub fn to_string(table: &TaskTable, source: &str, sheet: &str) -> Result<String, String> {
    #[derive(Serialize)]
    struct Part<'a> {
        tasks: Tasks<'a>,
    }
    let body = serde_norway::to_string(&Part {
        tasks: Tasks(table),
    })
    .map_err(|e| e.to_string())?;
    Ok(format!(
        "# 由 dossier import 从「{source}」的工作表「{sheet}」导入；可整段放进方案文件。\n{body}"
    ))
}

/// A task table as the `tasks:` part: title, columns, rows, merges.
pub(super) struct Tasks<'a>(pub(super) &'a TaskTable);
struct Rows<'a>(&'a TaskTable);
struct Row<'a>(&'a TaskTable, &'a TaskRow);

impl Serialize for Tasks<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let table = self.0;
        let mut map = s.serialize_map(None)?;
        if let Some(title) = &table.title {
            map.serialize_entry("title", title)?;
        }
        map.serialize_entry("columns", &table.columns)?;
        map.serialize_entry("rows", &Rows(table))?;
        map.serialize_entry("merges", &table.merges)?;
        map.end()
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.rows.iter().map(|r| Row(self.0, r)))
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("row", &self.1.row)?;
        for (column, cell) in self.0.columns.iter().zip(&self.1.cells) {
            if !cell.is_empty() {
                map.serialize_entry(&column.key, cell)?;
            }
        }
        map.end()
    }
}
