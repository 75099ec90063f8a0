//! Splits a task table by unit: each unit gets the rows that name it, marked lead or
//! cooperating, with the sheet's merges kept where its rows stay together.

use std::collections::HashMap;

use crate::model::{Column, Merge, Part, SameUnits, TaskRow, TaskTable};
use crate::text::unit_core;

/// One unit's share of a task table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UnitTasks {
    /// Its position among the units, from 1, in the order they first appear.
    pub number: u32,
    /// The unit.
    pub name: String,
    /// Tasks it leads.
    pub lead: u32,
    /// Tasks it cooperates on.
    pub cooperate: u32,
    /// Its rows, with a 承担方式 column added.
    #[serde(skip)]
    pub table: TaskTable,
}

/// The key and header of the column added to each unit's table.
const PART_COLUMN: (&str, &str) = ("part", "承担方式");

/// Splits `table` into one table per unit.
///
/// ```
/// use dossier::model::*;
/// let t = TaskTable {
///     title: None,
///     sheet: None,
///     columns: vec![
///         Column { index: None, key: "content".into(), header: "测评内容".into() },
///         Column { index: None, key: "lead".into(), header: "责任单位".into() },
///     ],
///     rows: vec![
///         TaskRow { row: 2, cells: vec!["甲".into(), "市委宣传部、市文明办（配合）".into()], named: None },
///         TaskRow { row: 3, cells: vec!["乙".into(), "市文明办".into()], named: None },
///     ],
///     merges: vec![],
/// };
/// let units = dossier::compute::split::by_unit(&t, &SameUnits::default());
/// assert_eq!(units[1].name, "市文明办");
/// assert_eq!((units[1].lead, units[1].cooperate), (1, 1));
/// assert_eq!(units[1].table.rows.len(), 2);
/// ```
/// Spellings `same` says name one unit count as that unit.
pub fn by_unit(table: &TaskTable, same: &SameUnits) -> Vec<UnitTasks> {
    let position: HashMap<u32, usize> = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.row, i))
        .collect();
    let mut columns = table.columns.clone();
    columns.push(Column::new(PART_COLUMN.0, PART_COLUMN.1));
    picks(table, same)
        .into_iter()
        .zip(1u32..)
        .map(|((name, picked), number)| {
            let rows: Vec<TaskRow> = picked
                .iter()
                .map(|&(i, part)| {
                    let mut row = table.rows[i].clone();
                    row.cells.push(part_text(part).to_string());
                    row
                })
                .collect();
            let lead = picked.iter().filter(|(_, p)| *p == Part::Lead).count() as u32;
            UnitTasks {
                number,
                cooperate: picked.len() as u32 - lead,
                lead,
                table: TaskTable {
                    title: table.title.clone(),
                    sheet: table.sheet.clone(),
                    columns: columns.clone(),
                    merges: kept_merges(table, &rows, &position),
                    rows,
                },
                name,
            }
        })
        .collect()
}

/// Each unit in the order it first appears, with the rows (by position) that name it and how
/// it takes part in each; a unit named twice in a row takes the first part.
fn picks(table: &TaskTable, same: &SameUnits) -> Vec<(String, Vec<(usize, Part)>)> {
    let mut units: Vec<(String, Vec<(usize, Part)>)> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        for mut unit in table.units(row) {
            unit.name = same.name(&unit.name).to_string();
            match units.iter_mut().find(|(name, _)| *name == unit.name) {
                Some((_, rows)) => {
                    if !rows.iter().any(|(r, _)| *r == i) {
                        rows.push((i, unit.role));
                    }
                }
                None => units.push((unit.name, vec![(i, unit.role)])),
            }
        }
    }
    units
}

/// Pairs of `names` (by index, the earlier first) that probably name one unit: their
/// [`unit_core`]s are equal, or one of at least three characters lies inside the other (not
/// in a name of many units, `各县（市、区）委宣传部`).
///
/// ```
/// let names = ["市财政局", "市委宣传部", "财政局", "团市委", "市团委", "宣传部", "市委",
///     "各县（市、区）委宣传部", "公安局及相关单位", "市公安局"];
/// let pairs = dossier::compute::split::probably_same(&names);
/// assert_eq!(pairs, [(0, 2), (1, 5), (3, 4), (8, 9)]);
/// ```
pub fn probably_same(names: &[&str]) -> Vec<(usize, usize)> {
    let cores: Vec<String> = names.iter().map(|n| unit_core(n)).collect();
    let mut alike: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, core) in cores.iter().enumerate() {
        alike.entry(core).or_default().push(i);
    }
    let mut pairs: Vec<(usize, usize)> = alike
        .values()
        .flat_map(|group| {
            let rest = group.iter().enumerate();
            rest.flat_map(|(k, &i)| group[k + 1..].iter().map(move |&j| (i, j)))
        })
        .collect();
    // One name inside another is looked for pair by pair, so only among as many units as a
    // city has, not in a sheet of thousands.
    if names.len() <= CONTAINED_UNITS {
        let one = |i: usize| !names[i].starts_with('各');
        let within = |a: &str, b: &str| a.chars().count() >= 3 && a != b && b.contains(a);
        for (i, a) in cores.iter().enumerate().filter(|(i, _)| one(*i)) {
            let later = cores
                .iter()
                .enumerate()
                .skip(i + 1)
                .filter(|(j, _)| one(*j));
            pairs.extend(
                later
                    .filter(|(_, b)| within(a, b) || within(b, a))
                    .map(|(j, _)| (i, j)),
            );
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Up to how many units one name inside another is looked for.
const CONTAINED_UNITS: usize = 2000;

/// How the 承担方式 column says a part.
pub fn part_text(part: Part) -> &'static str {
    match part {
        Part::Lead => "牵头",
        Part::Cooperate => "配合",
    }
}

/// The sheet's merges over runs of `rows` that were adjacent in the sheet and still are.
/// `position` maps a sheet row to its place among the table's rows.
fn kept_merges(table: &TaskTable, rows: &[TaskRow], position: &HashMap<u32, usize>) -> Vec<Merge> {
    let adjacent = |a: u32, b: u32| matches!((position.get(&a), position.get(&b)), (Some(x), Some(y)) if *y == x + 1);
    let mut numbers: Vec<u32> = rows.iter().map(|r| r.row).collect();
    numbers.sort_unstable();
    let mut out = Vec::new();
    for m in &table.merges {
        let mut run: Vec<u32> = Vec::new();
        // Two binary searches find the merge's rows: a pass over all of them for every merge
        // made a split of 100,000 rows take 22 times as long as one of 10,000.
        let from = numbers.partition_point(|&r| r < m.first);
        let to = numbers.partition_point(|&r| r <= m.last);
        let inside = numbers.get(from..to).unwrap_or_default().iter().copied();
        for r in inside.chain(std::iter::once(u32::MAX)) {
            match run.last() {
                Some(&last) if r != u32::MAX && adjacent(last, r) => run.push(r),
                _ => {
                    if let (Some(&first), Some(&last)) = (run.first(), run.last())
                        && last > first
                    {
                        out.push(Merge {
                            column: m.column.clone(),
                            first,
                            last,
                        });
                    }
                    run = vec![r];
                }
            }
        }
    }
    out
}
