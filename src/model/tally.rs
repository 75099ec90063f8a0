//! Progress figures from a tally sheet, as a 进度通报 reports them.

use serde::Serialize;

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
