//! The document model: what every reader produces and every template reads. Values are kept
//! as the author meant them (dates as `2014-07-25`, names unpadded); their printed form is the
//! templates' business, through the filters in `template`.

use serde::Serialize;

/// One scheme file's worth of documents: the notice and the documents printed after it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Document {
    /// Font profile the scheme asks for (`gb2312`, `win10`); the CLI's `--fonts` wins over it.
    pub fonts: Option<String>,
    /// The notice; `None` when the scheme file describes a scheme alone.
    pub notice: Option<Notice>,
    /// The documents printed after the notice, each from a new page: the scheme first.
    pub attachments: Vec<Attachment>,
    /// The task table, printed as the last attachment (the one whose `table` is set).
    #[serde(skip)]
    pub tasks: Option<TaskTable>,
    /// The indicators evidence is gathered for, as the scheme lists them.
    #[serde(skip)]
    pub indicators: Vec<Indicator>,
}

/// A 测评指标 that evidence is gathered for: one folder of 佐证材料 each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indicator {
    /// Its code or number, `1.2` or `12`.
    pub code: String,
    /// What it is, `理论学习中心组学习`.
    pub name: String,
    /// Units that owe evidence for it.
    pub units: Vec<String>,
}

impl Document {
    /// The indicators evidence is gathered for: those the scheme lists, else one per task row
    /// (its 序号 as code, its 测评内容 as name, its units as those who owe evidence).
    pub fn evidence_indicators(&self) -> Vec<Indicator> {
        if !self.indicators.is_empty() {
            return self.indicators.clone();
        }
        let Some(t) = &self.tasks else {
            return Vec::new();
        };
        let cell = |row: &TaskRow, key: &str| {
            t.column(key)
                .and_then(|i| row.cells.get(i))
                .cloned()
                .unwrap_or_default()
        };
        t.rows
            .iter()
            .zip(1u32..)
            .map(|(row, n)| {
                let seq = cell(row, "seq");
                Indicator {
                    code: if seq.is_empty() { n.to_string() } else { seq },
                    name: cell(row, "content"),
                    units: t.units(row).into_iter().map(|u| u.name).collect(),
                }
            })
            .collect()
    }
}

/// A 通知 laid out to GB/T 9704.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Notice {
    /// 份号, six digits.
    pub copy_no: Option<String>,
    /// 密级 and 保密期限, e.g. `秘密★1年`.
    pub secrecy: Option<String>,
    /// 紧急程度: 特急 or 加急.
    pub urgency: Option<String>,
    /// Issuing organs, the lead first.
    pub issuers: Vec<String>,
    /// Names as printed in the organ mark, stacked when several.
    pub mark_names: Vec<String>,
    /// What follows the names in the mark: `文件`, or empty for the name alone.
    pub mark_suffix: String,
    /// 签发人 (upward documents only).
    pub signers: Vec<String>,
    /// 发文字号 in standard form.
    pub doc_no: Option<String>,
    /// 主送机关.
    pub to: Vec<String>,
    /// The title; a `\n` marks a line break the author chose.
    pub title: String,
    /// Body paragraphs.
    pub body: Vec<String>,
    /// Titles listed in the 附件说明, in order.
    pub attachment_titles: Vec<String>,
    /// 署名: one name per organ.
    pub signature: Vec<String>,
    /// 成文日期, ISO form.
    pub date: String,
    /// 附注, without the parentheses.
    pub note: Option<String>,
    /// 抄送机关.
    pub cc: Vec<String>,
    /// 印发机关.
    pub printer: Option<String>,
    /// 印发日期, ISO form.
    pub print_date: String,
}

/// A document printed after the notice: the implementation scheme, or another attachment.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Attachment {
    /// `附件`, `附件1` …, or `None` when printed as the document the notice issues.
    pub label: Option<String>,
    /// Its title; a `\n` marks a line break the author chose.
    pub title: String,
    /// Paragraphs before the first section.
    pub preamble: Vec<String>,
    /// Level-1 sections.
    pub sections: Vec<Section>,
    /// Whether the document's task table follows its title.
    pub table: bool,
}

/// A numbered section; levels 1 to 4 are numbered 一、 （一） 1. （1）.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Section {
    /// 1 to 4.
    pub level: u8,
    /// Position among its siblings, from 1.
    pub number: u32,
    /// Heading text, without its number.
    pub title: String,
    /// Whether the heading runs into the first paragraph (`1.标题。正文……`).
    pub run_in: bool,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// Sub-sections, one level down.
    pub sections: Vec<Section>,
    /// Dated stages (方法步骤).
    pub stages: Vec<Stage>,
    /// A leadership group (组织机构).
    pub group: Option<Group>,
    /// Task areas with coordinators and responsible units.
    pub task_areas: Vec<TaskArea>,
    /// Requirements (工作要求), each a run-in item.
    pub requirements: Vec<Item>,
}

/// A stage of the work.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stage {
    /// Position, from 1.
    pub number: u32,
    /// `制定方案阶段`.
    pub name: String,
    /// When it runs.
    pub period: Option<Period>,
    /// What happens in it.
    pub paragraphs: Vec<String>,
    /// Numbered steps.
    pub steps: Vec<String>,
}

/// When a stage runs: exact dates, or words such as `7月中旬至7月末`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Period {
    /// First day, ISO form.
    pub from: Option<String>,
    /// Last day, ISO form.
    pub to: Option<String>,
    /// The period in words, when given so.
    pub words: Option<String>,
}

/// A leadership group (领导小组) or similar body.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Group {
    /// `市妇联创城工作推进领导小组`.
    pub name: String,
    /// Roles in order: 组长, 副组长, 成员 …
    pub roles: Vec<Role>,
    /// Its office (办公室).
    pub office: Option<Office>,
}

/// One role of a group and who holds it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Role {
    /// `组长`, `副组长`, `成员`, `协调人` …
    pub role: String,
    /// The people, in order.
    pub members: Vec<Person>,
}

/// A person, with a job title when the document names it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    /// `杨杰`.
    pub name: String,
    /// `市妇联党组书记、主席`.
    pub title: Option<String>,
}

/// A group's office.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Office {
    /// Where it sits: `市妇联机关党委`.
    pub location: Option<String>,
    /// Its director.
    pub director: Option<Person>,
    /// Its deputy directors.
    pub deputies: Vec<Person>,
    /// What it does, one duty per item.
    pub duties: Vec<String>,
}

/// A task area (as in 建设廉洁高效的政务环境) with the people who answer for it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TaskArea {
    /// Position, from 1.
    pub number: u32,
    /// `建设廉洁高效的政务环境`.
    pub name: String,
    /// 协调人.
    pub coordinators: Vec<String>,
    /// 副协调人.
    pub deputy_coordinators: Vec<String>,
    /// 责任单位.
    pub units: Vec<String>,
    /// Numbered tasks.
    pub tasks: Vec<Task>,
}

/// A task with the units responsible for it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Task {
    /// Position, from 1.
    pub number: u32,
    /// A short heading that runs into the text (ending 。), or empty.
    pub title: String,
    /// What to do; the first paragraph follows the title on its line.
    pub paragraphs: Vec<String>,
    /// Units answering for this task (lead first), when named per task.
    pub units: Vec<String>,
}

/// A run-in item: `（一）建立组织，强化领导。各部（室）要……`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Item {
    /// Position, from 1.
    pub number: u32,
    /// The heading part.
    pub title: String,
    /// The text: the first paragraph follows the heading on its line.
    pub paragraphs: Vec<String>,
}

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

/// Serialized as the `tasks:` part of a scheme file: rows as maps (`row`, then each non-empty
/// cell under its column's key), the form a secretary reads and writes.
impl Serialize for TaskTable {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Rows<'a>(&'a TaskTable);
        struct Row<'a>(&'a TaskTable, &'a TaskRow);
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
        let mut map = s.serialize_map(None)?;
        if let Some(title) = &self.title {
            map.serialize_entry("title", title)?;
        }
        map.serialize_entry("columns", &self.columns)?;
        map.serialize_entry("rows", &Rows(self))?;
        map.serialize_entry("merges", &self.merges)?;
        map.end()
    }
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
    /// let c = dossier::model::Column::new("seq", "序号");
    /// assert_eq!((c.index, c.key.as_str(), c.header.as_str()), (None, "seq", "序号"));
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

/// How a unit takes part in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// 牵头 or simply 负责.
    Lead,
    /// 配合 / 协办.
    Cooperate,
}

/// A unit named in a task's 责任单位 or 配合单位 cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// `市委组织部`.
    pub name: String,
    /// Lead or cooperating.
    pub role: Part,
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
                .map(|(cells, row)| TaskRow { row, cells })
                .collect(),
            merges: Vec::new(),
        }
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
    ///     rows: vec![TaskRow { row: 3, cells: vec!["市委宣传部（牵头）、市文明办（配合）".into()] }],
    ///     merges: vec![],
    /// };
    /// let units = t.units(&t.rows[0]);
    /// assert_eq!(parse_units("各县（市、区）政府、市文明办", Part::Lead).len(), 2);
    /// assert_eq!(units[0], Unit { name: "市委宣传部".into(), role: Part::Lead });
    /// assert_eq!(units[1], Unit { name: "市文明办".into(), role: Part::Cooperate });
    /// ```
    pub fn units(&self, row: &TaskRow) -> Vec<Unit> {
        let mut out = Vec::new();
        for (key, default) in [("lead", Part::Lead), ("coop", Part::Cooperate)] {
            if let Some(text) = self.column(key).and_then(|i| row.cells.get(i)) {
                out.extend(parse_units(text, default));
            }
        }
        out
    }
}

/// Units listed in one cell: separated by 、，,；; or line breaks; `（牵头）`/`（配合）` after a
/// name, or `牵头：…`/`配合：…` before a list, set the role; otherwise it is `default`.
pub fn parse_units(text: &str, default: Part) -> Vec<Unit> {
    let mut out = Vec::new();
    for part in crate::text::split_outside_brackets(text, &['；', ';', '\n']) {
        let part = part.trim();
        let (list_role, list) = match part.split_once(['：', ':']) {
            Some((label, rest)) => match marker(label) {
                Some(role) => (role, rest),
                None => (default, part),
            },
            None => (default, part),
        };
        for name in crate::text::split_outside_brackets(list, &['、', '，', ',', '/', '／']) {
            let (name, role) = marked(name.trim_matches(|c: char| c.is_whitespace()), list_role);
            if !name.is_empty() {
                out.push(Unit { name, role });
            }
        }
    }
    out
}

/// A unit's name without a trailing role mark, and the role it marks.
fn marked(name: &str, role: Part) -> (String, Part) {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = name.strip_suffix(close).and_then(|n| n.rsplit_once(open))
            && let Some(r) = marker(inner.1)
        {
            return (inner.0.trim().to_string(), r);
        }
    }
    (name.to_string(), role)
}

/// The role a label names: 牵头 lead; 配合 or 协办 cooperate.
fn marker(label: &str) -> Option<Part> {
    match label.trim() {
        "牵头" | "牵头单位" => Some(Part::Lead),
        "配合" | "配合单位" | "协办" | "协办单位" => Some(Part::Cooperate),
        _ => None,
    }
}

/// Progress figures from a tally sheet, as a 进度通报 reports them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tally {
    /// The bulletin's title, e.g. `青州市创建全国文明城市重点任务进度通报`.
    pub title: String,
    /// The day the figures are as of (ISO); deadlines before it are overdue.
    pub as_of: String,
    /// All tasks.
    pub total: Counts,
    /// Per unit, in the order units first appear; a task with several units counts for each.
    pub by_unit: Vec<Share>,
    /// Per 测评项目, in sheet order (empty when the sheet has no 测评项目 column).
    pub by_item: Vec<Share>,
    /// Tasks past their deadline and not done, in sheet order.
    pub overdue: Vec<Overdue>,
}

/// Task counts for one group of tasks.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Tasks.
    pub tasks: u32,
    /// Done (已完成 or 100%).
    pub done: u32,
    /// Under way (推进中 or a percentage between 0 and 100).
    pub in_progress: u32,
    /// Not started (未启动, 0% or blank).
    pub not_started: u32,
    /// Past their deadline and not done.
    pub overdue: u32,
    /// Done ÷ tasks, 0 to 1.
    pub rate: f64,
    /// Mean progress of the tasks, 0 to 1 (推进中 without a percentage counts as half).
    pub progress: f64,
}

/// One unit's or 测评项目's share of the tasks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    /// The unit or 测评项目.
    pub name: String,
    /// Its counts.
    pub counts: Counts,
}

/// An overdue task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overdue {
    /// Its sheet row.
    pub row: u32,
    /// Its 测评项目, or empty.
    pub item: String,
    /// What the task is.
    pub content: String,
    /// Its units, leads first.
    pub units: Vec<String>,
    /// Its deadline (ISO).
    pub deadline: String,
    /// Its status as the sheet says it.
    pub status: String,
}

/// One file of an evidence bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceEntry {
    /// Its indicator, `12 窗口行业服务规范`, or empty.
    pub indicator: String,
    /// Its path in the archive.
    pub path: String,
    /// Its path in the evidence folder, as the office named it.
    pub original: String,
    /// Bytes.
    pub size: u64,
    /// Pages or photos, where cheap to know: `12页`, `1张`.
    pub pages: Option<String>,
    /// SHA-256, hex.
    pub sha256: String,
    /// The volume it is in, from 1, when split.
    pub volume: Option<u32>,
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

/// What the 材料目录 says besides its file rows.
///
/// ```
/// let heading = dossier::model::EvidenceHeading {
///     title: "佐证材料目录".into(),
///     files: 2,
///     bytes: 2048,
///     ..Default::default()
/// };
/// assert!(heading.missing.is_empty() && heading.indicators == 0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct EvidenceHeading {
    /// The document's title.
    pub title: String,
    /// Indicators with no evidence in the whole submission.
    pub missing: Vec<Indicator>,
    /// What was not packed as evidence, with why.
    pub set_aside: Vec<(String, String)>,
    /// Indicators in the scheme (0 without one).
    pub indicators: usize,
    /// Files listed.
    pub files: usize,
    /// Their total size, bytes.
    pub bytes: u64,
}
