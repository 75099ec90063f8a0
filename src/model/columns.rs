//! What dossier knows of a task sheet's columns, in one table: each column's key, the headers
//! offices write for it, how the blank sheet offers it and how a printed table sets it; and
//! the words a 完成情况 cell is read by. The sheet reader, the blank sheet, the table
//! typesetter and the tally all read this table.

/// How a column's cells are set in a printed table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    /// Centred: short labels, numbers, dates.
    Centre,
    /// Flush left: lists of units, which justified would spread a short list apart.
    Left,
    /// Justified: running text.
    Justify,
}

/// What a cell of the blank sheet takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Anything, on one line.
    Plain,
    /// Text that wraps.
    Wrapped,
    /// A date, shown as 2024年9月30日 (words are let through with a warning).
    Date,
    /// One of these words, from a drop-down (others are let through with a warning).
    Choice(&'static [&'static str]),
}

/// A column dossier knows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColumnKind {
    /// The key a task table and a scheme file's `tasks:` call it by.
    pub key: &'static str,
    /// The headers offices write for it; the first is the one dossier writes.
    pub headers: &'static [&'static str],
    /// How a printed table sets its cells.
    pub align: Alignment,
    /// Its width in the blank sheet, in characters, and what its cells take there; `None`
    /// for a column dossier only prints.
    pub sheet: Option<(f64, Entry)>,
}

impl ColumnKind {
    /// The header dossier writes for the column.
    pub fn header(&self) -> &'static str {
        self.headers.first().copied().unwrap_or(self.key)
    }
}

/// Ways a task is assessed, as the 测评体系 names them.
pub const METHODS: [&str; 5] = ["材料审核", "实地考察", "问卷调查", "听取汇报", "网上申报"];

/// A sheet's columns, in the order offices use and the blank sheet has them.
pub const TASK_COLUMNS: [ColumnKind; 8] = [
    ColumnKind {
        key: "seq",
        headers: &["序号", "编号"],
        align: Alignment::Centre,
        sheet: Some((6.0, Entry::Plain)),
    },
    ColumnKind {
        key: "item",
        headers: &["测评项目", "项目"],
        align: Alignment::Centre,
        sheet: Some((14.0, Entry::Plain)),
    },
    ColumnKind {
        key: "content",
        headers: &["测评内容", "测评标准", "工作任务"],
        align: Alignment::Justify,
        sheet: Some((50.0, Entry::Wrapped)),
    },
    ColumnKind {
        key: "method",
        headers: &["测评方式", "考核方式"],
        align: Alignment::Centre,
        sheet: Some((12.0, Entry::Choice(&METHODS))),
    },
    ColumnKind {
        key: "lead",
        headers: &["责任单位", "落实部门", "责任部门", "牵头单位"],
        align: Alignment::Left,
        sheet: Some((20.0, Entry::Wrapped)),
    },
    ColumnKind {
        key: "coop",
        headers: &["配合单位", "协办单位"],
        align: Alignment::Left,
        sheet: Some((20.0, Entry::Wrapped)),
    },
    ColumnKind {
        key: "deadline",
        headers: &["完成时限", "时限"],
        align: Alignment::Centre,
        sheet: Some((14.0, Entry::Date)),
    },
    ColumnKind {
        key: "status",
        headers: &["完成情况", "进展情况"],
        align: Alignment::Centre,
        sheet: Some((12.0, Entry::Choice(&STATUS_CHOICES))),
    },
];

/// Columns dossier adds to the tables it builds from a sheet, all short labels and figures,
/// centred: a unit's part in a task, task counts, rates, file names.
pub const BUILT_COLUMNS: [&str; 8] = [
    "part",
    "tasks",
    "lead_tasks",
    "coop_tasks",
    "done",
    "overdue",
    "rate",
    "file",
];

/// How a printed table sets the cells of the column `key`; a column dossier does not know
/// is running text.
///
/// ```
/// use dossier::model::{Alignment, alignment};
/// assert_eq!(alignment("lead"), Alignment::Left);
/// assert_eq!(alignment("rate"), Alignment::Centre);
/// assert_eq!(alignment("备注"), Alignment::Justify);
/// ```
pub fn alignment(key: &str) -> Alignment {
    match TASK_COLUMNS.iter().find(|c| c.key == key) {
        Some(c) => c.align,
        None if BUILT_COLUMNS.contains(&key) => Alignment::Centre,
        None => Alignment::Justify,
    }
}

/// The columns a task sheet must have.
pub const REQUIRED: [&str; 2] = ["content", "lead"];

/// A header as typed, without the spaces offices pad it with.
///
/// ```
/// assert_eq!(dossier::model::tidy_header(" 责 任单位\n"), "责任单位");
/// ```
pub fn tidy_header(header: &str) -> String {
    header.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The key of the column dossier knows by `header`, typed with stray spaces or not.
///
/// ```
/// use dossier::model::column_key;
/// assert_eq!((column_key("落实 部门"), column_key("备注")), (Some("lead"), None));
/// ```
pub fn column_key(header: &str) -> Option<&'static str> {
    let h = tidy_header(header);
    TASK_COLUMNS
        .iter()
        .find(|c| c.headers.contains(&h.as_str()))
        .map(|c| c.key)
}

/// Whether a row whose cells name the column keys `keys` is a task table's header: it names
/// a required column and at least two columns dossier knows.
///
/// ```
/// use dossier::model::names_task_columns;
/// assert!(names_task_columns(&["seq", "content"]));
/// assert!(!names_task_columns(&["seq", "item"]) && !names_task_columns(&["lead"]));
/// ```
pub fn names_task_columns<S: AsRef<str>>(keys: &[S]) -> bool {
    let required = keys.iter().any(|k| REQUIRED.contains(&k.as_ref()));
    required && keys.len() >= 2
}

/// The title of a task table whose sheet has none.
pub const DEFAULT_TABLE_TITLE: &str = "测评任务分解表";

/// Where a task stands, as a 完成情况 cell says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// 未启动.
    NotStarted,
    /// 推进中.
    UnderWay,
    /// 已完成.
    Done,
}

/// The words of a 完成情况 cell, in the order a cell is tested against them: its standing is
/// that of the first group with a word the cell contains (未完成 is under way, though it
/// contains 完成).
pub const STATUS_WORDS: [(Standing, &[&str]); 3] = [
    (Standing::NotStarted, &["未启动", "未开始"]),
    (Standing::UnderWay, &["未完成", "推进", "进行", "部分"]),
    (Standing::Done, &["完成"]),
];

/// The blank sheet's choices for 完成情况, done first; each reads back as what it says.
pub const STATUS_CHOICES: [&str; 3] = ["已完成", "推进中", "未启动"];
