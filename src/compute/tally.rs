//! Progress figures from a tally sheet: each task's status read from its 完成情况 cell, counted
//! in total, per unit and per 测评项目, with the overdue tasks named.

use crate::error::{Error, Result};
use crate::model::{Counts, Overdue, STATUS_WORDS, Share, Standing, Tally, TaskRow, TaskTable};
use crate::text::Date;

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    /// 已完成, or 100%.
    Done,
    /// 推进中, or a percentage below 100, as a fraction.
    InProgress(f64),
    /// 未启动, 0%, or nothing written.
    NotStarted,
}

impl Status {
    /// Reads a 完成情况 cell.
    ///
    /// ```
    /// use dossier::compute::tally::Status;
    /// assert_eq!(Status::parse("已完成"), Some(Status::Done));
    /// assert_eq!(Status::parse("60%"), Some(Status::InProgress(0.6)));
    /// assert_eq!(Status::parse("推进中"), Some(Status::InProgress(0.5)));
    /// assert_eq!(Status::parse(""), Some(Status::NotStarted));
    /// assert_eq!(Status::parse("看情况"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Status> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(p) = t
            .strip_suffix(['%', '％'])
            .and_then(|n| n.parse::<f64>().ok())
        {
            return Some(match p {
                p if p >= 100.0 => Status::Done,
                p if p <= 0.0 => Status::NotStarted,
                p => Status::InProgress(p / 100.0),
            });
        }
        if t.is_empty() {
            return Some(Status::NotStarted);
        }
        let (standing, _) = STATUS_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| t.contains(w)))?;
        Some(match standing {
            Standing::NotStarted => Status::NotStarted,
            Standing::UnderWay => Status::InProgress(HALF_DONE),
            Standing::Done => Status::Done,
        })
    }

    fn progress(self) -> f64 {
        match self {
            Status::Done => 1.0,
            Status::InProgress(p) => p,
            Status::NotStarted => 0.0,
        }
    }
}

/// The progress a task 推进中 without a percentage counts for.
const HALF_DONE: f64 = 0.5;

/// The figures of `table` as of the day `as_of`.
pub fn tally(table: &TaskTable, as_of: Date, title: String) -> Result<Tally> {
    let columns = Columns::find(table)?;
    let mut sums = Sums::default();
    for row in &table.rows {
        sums.add_row(table, &columns, row, as_of)?;
    }
    Ok(sums.into_tally(title, as_of))
}

/// The columns a tally reads; only 完成情况 must be there.
struct Columns {
    status: usize,
    item: Option<usize>,
    content: Option<usize>,
    deadline: Option<usize>,
}

impl Columns {
    fn find(table: &TaskTable) -> Result<Columns> {
        let status = table.column("status").ok_or_else(|| {
            let found: Vec<&str> = table.columns.iter().map(|c| c.header.as_str()).collect();
            Error::at(
                table.sheet.clone().unwrap_or_default(),
                "缺少「完成情况」列（或“进展情况”），无法统计进度",
            )
            .with_hint(format!("找到的表头：{}", found.join("、")))
        })?;
        Ok(Columns {
            status,
            item: table.column("item"),
            content: table.column("content"),
            deadline: table.column("deadline"),
        })
    }
}

/// The counts so far, in total, per unit and per 测评项目 (in the order first met), and the
/// overdue tasks.
#[derive(Default)]
struct Sums {
    total: Counts,
    by_unit: Vec<(String, Counts)>,
    by_item: Vec<(String, Counts)>,
    overdue: Vec<Overdue>,
}

impl Sums {
    /// Counts the task in `row`; a 完成情况 that reads as no status is an error.
    fn add_row(
        &mut self,
        table: &TaskTable,
        columns: &Columns,
        row: &TaskRow,
        as_of: Date,
    ) -> Result<()> {
        let cell = |i: Option<usize>| {
            i.and_then(|i| row.cells.get(i))
                .cloned()
                .unwrap_or_default()
        };
        let text = cell(Some(columns.status));
        let status = Status::parse(&text).ok_or_else(|| {
            Error::at(
                table.place(row, columns.status),
                format!("看不懂完成情况「{text}」"),
            )
            .with_hint("写 已完成、推进中、未启动，或百分比（如 60%）")
        })?;
        let deadline = Date::parse(&cell(columns.deadline)).ok();
        let late = status != Status::Done && deadline.is_some_and(|d| d < as_of);
        let units: Vec<String> = table.units(row).into_iter().map(|u| u.name).collect();
        add(&mut self.total, status, late);
        for unit in &units {
            add(entry(&mut self.by_unit, unit), status, late);
        }
        if columns.item.is_some() {
            add(entry(&mut self.by_item, &cell(columns.item)), status, late);
        }
        if late {
            self.overdue.push(Overdue {
                row: row.row,
                item: cell(columns.item),
                content: cell(columns.content),
                units,
                deadline: cell(columns.deadline),
                status: text,
            });
        }
        Ok(())
    }

    fn into_tally(self, title: String, as_of: Date) -> Tally {
        let shares = |groups: Vec<(String, Counts)>| {
            groups
                .into_iter()
                .map(|(name, counts)| Share {
                    name,
                    counts: finish(counts),
                })
                .collect()
        };
        Tally {
            title,
            as_of: as_of.iso(),
            total: finish(self.total),
            by_unit: shares(self.by_unit),
            by_item: shares(self.by_item),
            overdue: self.overdue,
        }
    }
}

fn entry<'a>(groups: &'a mut Vec<(String, Counts)>, name: &str) -> &'a mut Counts {
    let i = match groups.iter().position(|(n, _)| n == name) {
        Some(i) => i,
        None => {
            groups.push((name.to_string(), Counts::default()));
            groups.len() - 1
        }
    };
    &mut groups[i].1
}

fn add(c: &mut Counts, status: Status, late: bool) {
    c.tasks += 1;
    match status {
        Status::Done => c.done += 1,
        Status::InProgress(_) => c.in_progress += 1,
        Status::NotStarted => c.not_started += 1,
    }
    c.overdue += u32::from(late);
    // Summed here, divided by the task count in `finish`.
    c.progress += status.progress();
}

fn finish(mut c: Counts) -> Counts {
    if c.tasks > 0 {
        c.rate = f64::from(c.done) / f64::from(c.tasks);
        c.progress /= f64::from(c.tasks);
    }
    c
}
