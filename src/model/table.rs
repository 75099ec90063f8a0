//! Task tables as a sheet or a scheme file holds them, and tables too long to hold, read again
//! on every pass.

use serde::Serialize;

use super::units::{Part, Unit, parse_units};

/// A task table: a 测评任务分解表 read from a sheet or written in a scheme file. Every cell
/// keeps the text the sheet shows; units and dates are read from it where they are needed.
/// It serializes as the `tasks:` part of a scheme file, each row a map from column key to text.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskTable {
    /// The title line above the header, if the sheet has one.
    pub title: Option<String>,
    /// The sheet it was read from, for naming cells in messages.
    pub sheet: Option<String>,
    /// The columns, in the sheet's order.
    pub columns: Vec<Column>,
    /// The task rows, in the sheet's order.
    pub rows: Vec<TaskRow>,
    /// Cells merged over several rows, as the sheet has them.
    pub merges: Vec<Merge>,
}

/// A column of a task table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Its position in the sheet, from 0, when read from one.
    #[serde(skip)]
    pub index: Option<u32>,
    /// What the column holds: `seq`, `item`, `content`, `method`, `lead`, `coop`, `deadline`,
    /// `status`, or, for a column dossier does not know, its header text.
    pub key: String,
    /// The header as the sheet writes it, tidied of stray spaces.
    pub header: String,
}

impl Column {
    /// A column built in code, not read from a sheet.
    ///
    /// ```
    /// use dossier::model::Column;
    /// let built = Column::new("seq", "序号");
    /// let read = dossier::read::sheet::load("samples/分解表.xlsx".as_ref(), &Default::default()).unwrap();
    /// assert_eq!(read.table.columns[0], Column { index: Some(0), ..built.clone() });
    /// assert_eq!(built.index, None, "no place in a sheet");
    /// ```
    pub fn new(key: &str, header: &str) -> Column {
        Column {
            index: None,
            key: key.to_string(),
            header: header.to_string(),
        }
    }
}

/// One task row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRow {
    /// Its row number in the sheet (from 1), or its position in a scheme file.
    pub row: u32,
    /// One text per column; empty for an empty cell. Dates are ISO (`2024-09-30`).
    pub cells: Vec<String>,
    /// Its units one by one, where its source listed them so (a scheme's task areas): a
    /// name such as `各区、县（市）党委和人民政府` is then one unit, not read apart at `、`.
    pub named: Option<Vec<String>>,
}

/// A cell merged over rows `first..=last` of one column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merge {
    /// The column's key.
    pub column: String,
    /// First row (sheet row number).
    pub first: u32,
    /// Last row (sheet row number).
    pub last: u32,
}

impl TaskTable {
    /// A table built in code: columns as (key, header), rows numbered from 1.
    ///
    /// ```
    /// let t = dossier::model::TaskTable::built(&[("seq", "序号"), ("lead", "责任单位")], vec![vec!["1".into(), "市文明办".into()]]);
    /// assert_eq!((t.columns[1].header.as_str(), t.rows[0].row), ("责任单位", 1));
    /// ```
    pub fn built(columns: &[(&str, &str)], rows: Vec<Vec<String>>) -> TaskTable {
        TaskTable {
            title: None,
            sheet: None,
            columns: columns
                .iter()
                .map(|(key, header)| Column::new(key, header))
                .collect(),
            rows: rows
                .into_iter()
                .zip(1u32..)
                .map(|(cells, row)| TaskRow {
                    row,
                    cells,
                    named: None,
                })
                .collect(),
            merges: Vec::new(),
        }
    }

    /// A table built in code whose rows are numbered: a 序号 column (`seq`) first, then
    /// `columns` as (key, header); each row's cells follow its number, from 1.
    ///
    /// ```
    /// let t = dossier::model::TaskTable::numbered(&[("lead", "责任单位")], vec![vec!["市文明办".into()]]);
    /// assert_eq!((t.columns[0].header.as_str(), t.rows[0].cells.as_slice()), ("序号", &["1".to_string(), "市文明办".into()][..]));
    /// ```
    pub fn numbered(columns: &[(&str, &str)], rows: Vec<Vec<String>>) -> TaskTable {
        let mut keyed = vec![("seq", "序号")];
        keyed.extend_from_slice(columns);
        let rows = rows
            .into_iter()
            .zip(1u32..)
            .map(|(cells, n)| std::iter::once(n.to_string()).chain(cells).collect())
            .collect();
        TaskTable::built(&keyed, rows)
    }

    /// The table's title, or the usual one when its sheet has none.
    ///
    /// ```
    /// let t = dossier::model::TaskTable::built(&[("seq", "序号")], vec![]);
    /// assert_eq!(t.shown_title(), "测评任务分解表");
    /// ```
    pub fn shown_title(&self) -> &str {
        self.title.as_deref().unwrap_or(super::DEFAULT_TABLE_TITLE)
    }

    /// Where a cell is, for messages: `台账!F12` for a sheet, else its row and header.
    pub fn place(&self, row: &TaskRow, column: usize) -> String {
        let col = self.columns.get(column);
        match (&self.sheet, col.and_then(|c| c.index)) {
            (Some(sheet), Some(i)) => {
                format!("{sheet}!{}", crate::text::cell_name(row.row - 1, i))
            }
            _ => format!(
                "tasks 第 {} 行「{}」",
                row.row,
                col.map_or("", |c| c.header.as_str())
            ),
        }
    }

    /// The index of the column with `key`.
    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// The units a row names, leads first as the sheet lists them: those in the `lead`
    /// column lead unless marked 配合, those in the `coop` column cooperate unless marked 牵头.
    ///
    /// ```
    /// use dossier::model::*;
    /// let t = TaskTable {
    ///     title: None,
    ///     sheet: None,
    ///     columns: vec![Column { index: None, key: "lead".into(), header: "责任单位".into() }],
    ///     rows: vec![TaskRow { row: 3, cells: vec!["市委宣传部（牵头）、市文明办（配合）".into()], named: None }],
    ///     merges: vec![],
    /// };
    /// let units = t.units(&t.rows[0]);
    /// assert_eq!(parse_units("各县（市、区）政府、市文明办", Part::Lead).len(), 2);
    /// assert_eq!(units[0], Unit { name: "市委宣传部".into(), role: Part::Lead });
    /// assert_eq!(units[1], Unit { name: "市文明办".into(), role: Part::Cooperate });
    /// ```
    pub fn units(&self, row: &TaskRow) -> Vec<Unit> {
        if let Some(named) = &row.named {
            let lead = |name: &String| Unit {
                name: name.clone(),
                role: Part::Lead,
            };
            return named.iter().map(lead).collect();
        }
        let mut out = Vec::new();
        for (key, default) in [("lead", Part::Lead), ("coop", Part::Cooperate)] {
            if let Some(text) = self.column(key).and_then(|i| row.cells.get(i)) {
                out.extend(parse_units(text, default));
            }
        }
        out
    }
}

/// A table too long to hold in memory: its rows are read again each time they are wanted
/// (once to measure the columns, once to write them).
///
/// ```
/// use dossier::model::{Column, RowSource};
/// /// The numbers 1 to `n`, made afresh on every pass.
/// struct Numbers(usize, Vec<Column>);
/// impl RowSource for Numbers {
///     fn columns(&self) -> &[Column] {
///         &self.1
///     }
///     fn merge_runs(&self) -> Option<&str> {
///         None
///     }
///     fn each_row(&self, row: &mut dyn FnMut(&[String]) -> std::io::Result<()>) -> std::io::Result<()> {
///         (1..=self.0).try_for_each(|n| row(&[n.to_string()]))
///     }
/// }
/// let numbers = Numbers(3, vec![Column::new("seq", "序号")]);
/// let mut seen = Vec::new();
/// numbers.each_row(&mut |cells| Ok(seen.push(cells[0].clone()))).unwrap();
/// assert_eq!(seen, ["1", "2", "3"]);
/// ```
pub trait RowSource {
    /// The columns: keys and headers as a TaskTable has them (keys pick alignment etc.).
    fn columns(&self) -> &[Column];
    /// The key of the column whose runs of equal, consecutive, non-empty cells are merged
    /// into one cell spanning those rows (the 指标 column of a 材料目录), if any.
    fn merge_runs(&self) -> Option<&str>;
    /// Calls `row` with each row's cells, in order, as many times as it is called.
    fn each_row(
        &self,
        row: &mut dyn FnMut(&[String]) -> std::io::Result<()>,
    ) -> std::io::Result<()>;
}

/// Rows held in memory, read as a `RowSource`: a stand-in, in tests, for a source that reads
/// its rows from elsewhere on every pass.
///
/// ```
/// use dossier::model::{HeldRows, RowSource};
/// let rows = HeldRows::built(
///     &[("item", "指标"), ("content", "文件")],
///     Some("item"),
///     vec![vec!["1 学习".into(), "计划.pdf".into()], vec!["1 学习".into(), "照片.jpg".into()]],
/// );
/// let mut files = Vec::new();
/// rows.each_row(&mut |cells| Ok(files.push(cells[1].clone()))).unwrap();
/// assert_eq!((rows.merge_runs(), files.len()), (Some("item"), 2));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeldRows {
    /// The columns.
    pub columns: Vec<Column>,
    /// The key of the column merged over runs of equal cells.
    pub merge: Option<String>,
    /// One text per column in each row.
    pub rows: Vec<Vec<String>>,
}

impl HeldRows {
    /// Rows built in code: columns as (key, header), the merged column by key.
    ///
    /// ```
    /// let rows = dossier::model::HeldRows::built(&[("seq", "序号")], None, vec![vec!["1".into()]]);
    /// assert_eq!((rows.columns[0].header.as_str(), rows.rows.len()), ("序号", 1));
    /// ```
    pub fn built(columns: &[(&str, &str)], merge: Option<&str>, rows: Vec<Vec<String>>) -> Self {
        HeldRows {
            columns: columns
                .iter()
                .map(|(key, header)| Column::new(key, header))
                .collect(),
            merge: merge.map(str::to_string),
            rows,
        }
    }
}

impl RowSource for HeldRows {
    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn merge_runs(&self) -> Option<&str> {
        self.merge.as_deref()
    }

    fn each_row(
        &self,
        row: &mut dyn FnMut(&[String]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.rows.iter().try_for_each(|cells| row(cells))
    }
}

/// A table `@table N` places: held whole in memory, or read from its source each time its
/// rows are wanted.
///
/// ```
/// use dossier::model::{HeldRows, TableSource, TaskTable};
/// use dossier::typeset::{Item, Rows, typeset};
/// let held = TaskTable::built(&[("seq", "序号")], vec![vec!["1".into()]]);
/// let streamed = HeldRows::built(&[("seq", "序号")], None, vec![vec!["1".into()]]);
/// let tables = vec![TableSource::Held(&held), TableSource::Streamed(&streamed)];
/// let m = dossier::markup::parse("@att_title 表\n@table 0\n@table 1", "t", tables).unwrap();
/// let g = typeset(&m, &dossier::layout::GBT9704).unwrap();
/// assert!(matches!(&g.items[1], Item::Table(t) if matches!(t.rows, Rows::Held(_))));
/// assert!(matches!(&g.items[2], Item::Table(t) if matches!(t.rows, Rows::Streamed(_))));
/// ```
#[derive(Clone, Copy)]
pub enum TableSource<'a> {
    /// Rows in memory, cells merged where the table's `merges` say.
    Held(&'a TaskTable),
    /// Rows read from their source, once to measure the columns and once to write them; the
    /// source's `merge_runs` column merged over runs of equal cells.
    Streamed(&'a dyn RowSource),
}

impl<'a> TableSource<'a> {
    /// The table's columns.
    pub fn columns(self) -> &'a [Column] {
        match self {
            TableSource::Held(t) => &t.columns,
            TableSource::Streamed(s) => s.columns(),
        }
    }
}

/// A streamed source shows its columns: its rows are read only when wanted.
impl std::fmt::Debug for TableSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TableSource::Held(t) => f.debug_tuple("Held").field(t).finish(),
            TableSource::Streamed(s) => f
                .debug_struct("Streamed")
                .field("columns", &s.columns())
                .finish(),
        }
    }
}
