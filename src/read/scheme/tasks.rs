//! `tasks:` — a task table, read from a sheet or written out in the scheme file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::Deserializer;

use super::Files;
use super::fields::{CellText, checked_text};
use crate::error::{Error, Result};
use crate::model;
use crate::read::sheet;

/// `tasks:` — a task table, either read from a sheet (`file`, with optional `sheet` and
/// `headers`) or written out (`title`, `columns`, `rows`, `merges`, as `dossier import` writes).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TasksSpec {
    pub(super) file: Option<String>,
    pub(super) sheet: Option<String>,
    #[serde(default)]
    pub(super) headers: std::collections::BTreeMap<String, ColumnKey>,
    pub(super) title: Option<String>,
    #[serde(default)]
    pub(super) columns: Vec<ColumnSpec>,
    #[serde(default)]
    pub(super) rows: Vec<std::collections::BTreeMap<String, CellText>>,
    #[serde(default)]
    pub(super) merges: Vec<MergeSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ColumnSpec {
    pub(super) key: String,
    pub(super) header: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MergeSpec {
    pub(super) column: String,
    pub(super) first: u32,
    pub(super) last: u32,
}

/// One of the column keys dossier knows.
pub(super) struct ColumnKey(pub(super) String);

impl<'de> Deserialize<'de> for ColumnKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "列名", |s| {
            let keys: Vec<&str> = model::TASK_COLUMNS.iter().map(|c| c.key).collect();
            if keys.contains(&s) {
                Ok(ColumnKey(s.to_string()))
            } else {
                Err(format!("没有名为「{s}」的列，可用：{}", keys.join("、")))
            }
        })
    }
}

impl TasksSpec {
    /// The table: read from its sheet, or checked as written. `name` is the scheme file's name
    /// for messages; `dir` is where a relative `file` is looked for.
    /// The table, the sheet file it was read from and what reading it passed over.
    pub(super) fn load(
        &self,
        name: &str,
        dir: &Path,
        files: Files,
    ) -> Result<(model::TaskTable, Option<PathBuf>, Vec<String>)> {
        match &self.file {
            Some(file) => {
                let path = dir.join(file);
                if files == Files::BesideScheme {
                    super::beside(&path, dir, name, "tasks 的 file")?;
                }
                let (table, warnings) = self.read_sheet(&path)?;
                Ok((table, Some(path), warnings))
            }
            None => Ok((self.written(name)?, None, Vec::new())),
        }
    }

    /// The table read from the sheet file at `path`, under `title:` when one is given, and
    /// what reading it passed over.
    fn read_sheet(&self, path: &Path) -> Result<(model::TaskTable, Vec<String>)> {
        let opts = sheet::Options {
            sheet: self.sheet.clone(),
            headers: self
                .headers
                .iter()
                .map(|(h, k)| (h.clone(), k.0.clone()))
                .collect(),
        };
        let read = sheet::load(path, &opts)?;
        let mut table = read.table;
        if self.title.is_some() {
            table.title.clone_from(&self.title);
        }
        Ok((table, read.warnings))
    }

    /// The table as written out: rows with only the columns listed, merges within them.
    fn written(&self, name: &str) -> Result<model::TaskTable> {
        let at = |what: String| Error::at(name, format!("tasks：{what}"));
        if self.columns.is_empty() {
            return Err(
                at("需要 file（任务表文件），或写出 columns 和 rows".to_string())
                    .with_hint("用 dossier import 表格文件 -o tasks.yaml 可以生成这一部分"),
            );
        }
        let keys: Vec<&str> = self.columns.iter().map(|c| c.key.as_str()).collect();
        let rows = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| task_row(i, row, &keys).map_err(at))
            .collect::<Result<Vec<_>>>()?;
        if let Some(m) = self
            .merges
            .iter()
            .find(|m| !keys.contains(&m.column.as_str()) || m.last < m.first)
        {
            return Err(at(format!(
                "merges 中的合并「{}」第 {} 至 {} 行不对应任何列或行",
                m.column, m.first, m.last
            )));
        }
        Ok(model::TaskTable {
            title: self.title.clone(),
            sheet: None,
            columns: self
                .columns
                .iter()
                .map(|c| model::Column {
                    index: None,
                    key: c.key.clone(),
                    header: c.header.clone(),
                })
                .collect(),
            rows,
            merges: self
                .merges
                .iter()
                .map(|m| model::Merge {
                    column: m.column.clone(),
                    first: m.first,
                    last: m.last,
                })
                .collect(),
        })
    }
}

/// The `i`-th (from 0) written row, its cells in the order of `keys`; what is wrong with it,
/// if anything.
fn task_row(
    i: usize,
    row: &BTreeMap<String, CellText>,
    keys: &[&str],
) -> std::result::Result<model::TaskRow, String> {
    let number = row.get("row").map_or(Ok(i as u32 + 1), |c| {
        c.0.parse()
            .map_err(|_| format!("rows 第 {} 项的 row 应为行号，这里是「{}」", i + 1, c.0))
    })?;
    if let Some(unknown) = row
        .keys()
        .find(|k| *k != "row" && !keys.contains(&k.as_str()))
    {
        return Err(format!(
            "rows 第 {} 项有 columns 中没有的列「{unknown}」",
            i + 1
        ));
    }
    let cells = keys
        .iter()
        .map(|k| row.get(*k).map(|c| c.0.clone()).unwrap_or_default())
        .collect();
    Ok(model::TaskRow {
        row: number,
        cells,
        named: None,
    })
}
