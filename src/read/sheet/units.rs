//! The units a sheet's tasks name, checked as the sheet is read: a task whose 责任单位 names no
//! unit would be in no unit's notice, so it is refused at its cell; a name of only punctuation
//! (`—`) is left out with a warning; and the spellings taken as one unit (`（）` and `()`,
//! full-width letters, a zero-width space: see `text::unit_name`) are reported.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::{Part, TaskRow, TaskTable, Written, written_units};
use crate::text::{names_something, shown_spelling};

/// Each spelling of one unit as the sheet writes it, with the first cell it is written in.
struct Spellings {
    /// The unit's name in its one spelling.
    name: String,
    /// (as written, cell), in the order first met.
    written: Vec<(String, String)>,
}

/// The units met so far, in the order first met, and the warnings so far.
#[derive(Default)]
struct Units {
    seen: Vec<Spellings>,
    /// Where each unit is in `seen`, by name.
    index: HashMap<String, usize>,
    warnings: Vec<String>,
}

impl Units {
    /// Notes a name written in the cell at `place`: one of punctuation only is left out with a
    /// warning; another spelling of a unit met before is kept for the report.
    fn note(&mut self, w: Written, place: &str) {
        if !names_something(&w.unit.name) {
            let shown = &w.as_written;
            self.warnings
                .push(format!("{place}: 「{shown}」不是单位名称，已略去"));
            return;
        }
        let seen = &mut self.seen;
        let at = *self.index.entry(w.unit.name.clone()).or_insert_with(|| {
            seen.push(Spellings {
                name: w.unit.name,
                written: Vec::new(),
            });
            seen.len() - 1
        });
        let spellings = &mut seen[at].written;
        if !spellings.iter().any(|(s, _)| *s == w.as_written) {
            spellings.push((w.as_written, place.to_string()));
        }
    }

    /// The warnings, those on spellings taken as one unit last.
    fn warnings(mut self) -> Vec<String> {
        self.warnings.extend(self.seen.iter().filter_map(merged));
        self.warnings
    }
}

/// The warnings about the units of `table`, read from a sheet; an error for a task that names
/// no 责任单位.
pub(super) fn check(table: &TaskTable) -> Result<Vec<String>> {
    let mut units = Units::default();
    for row in &table.rows {
        for (key, part) in [("lead", Part::Lead), ("coop", Part::Cooperate)] {
            let Some(i) = table.column(key) else { continue };
            let cell = row.cells.get(i).map_or("", String::as_str);
            let written = written_units(cell, part);
            if part == Part::Lead && !written.iter().any(|w| names_something(&w.unit.name)) {
                return Err(no_unit(table, row, i, cell));
            }
            let place = table.place(row, i);
            for w in written {
                units.note(w, &place);
            }
        }
    }
    Ok(units.warnings())
}

/// The error for a task whose 责任单位 cell (`cell`, in column `i`) names no unit.
fn no_unit(table: &TaskTable, row: &TaskRow, i: usize, cell: &str) -> Error {
    let header = table
        .columns
        .get(i)
        .map_or("责任单位", |c| c.header.as_str());
    let what = if cell.trim().is_empty() {
        format!("{header}是空的")
    } else {
        format!("{header}「{cell}」里没有单位名称")
    };
    Error::at(
        table.place(row, i),
        format!("{what}：这项任务不会出现在任何单位的通知里"),
    )
    .with_hint(format!(
        "填上{header}（几个单位用“、”隔开）；如果这一行不是任务（分组标题、说明），请删掉它或移到表外"
    ))
}

/// The warning that several spellings were taken as one unit, at the cell of the second.
fn merged(unit: &Spellings) -> Option<String> {
    let (second, place) = unit.written.get(1)?;
    let others: Vec<String> = unit
        .written
        .iter()
        .filter(|(_, at)| at != place)
        .map(|(s, at)| format!("{at} 的「{}」", shown_spelling(s)))
        .collect();
    Some(format!(
        "{place}: 单位「{}」与 {}是同一单位的不同写法，已合并为「{}」",
        shown_spelling(second),
        others.join("、"),
        unit.name
    ))
}
