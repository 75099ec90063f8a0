//! What dossier reads of a task sheet, for a front that shows it before anything is made:
//! the table as `table` lays it out, and the units `split` would write to.

use std::path::Path;

use super::{Listener, load_sheet};
use crate::compute::split::{UnitTasks, by_unit};
use crate::error::Result;
use crate::model::{Merge, SameUnits, TaskTable};

/// A task sheet as read.
#[derive(Debug, Clone)]
pub struct Read {
    /// The tasks, as `table`, `split` and `tally` read them.
    pub table: TaskTable,
    /// The sheet read.
    pub sheet: String,
    /// Each unit named, in the order `split` numbers them, with its tasks.
    pub units: Vec<UnitTasks>,
    /// What `split` would say of the units: names that probably name one unit.
    pub doubts: Vec<String>,
}

/// Reads the task sheet at `path` (the sheet `sheet`, else the first visible one), telling
/// `listener` what the reader passed over, as `import` and `table` do.
///
/// ```
/// use dossier::app::{Warnings, sheet};
/// let mut warnings = Warnings::default();
/// let read = sheet::read("samples/分解表.xlsx".as_ref(), None, &mut warnings).unwrap();
/// assert_eq!((read.sheet.as_str(), read.table.rows.len()), ("分解表", 31));
/// assert_eq!(read.units[0].name, "市委宣传部");
/// assert_eq!(warnings.0[0], "分解表!A20: 空行，已跳过");
/// assert!(read.doubts[0].starts_with("单位「市公安局」和「市公安局交警支队」可能是同一个单位"));
/// ```
pub fn read(path: &Path, sheet: Option<&str>, listener: &mut dyn Listener) -> Result<Read> {
    let imported = load_sheet(path, sheet, listener)?;
    let units = by_unit(&imported.table, &SameUnits::default());
    let doubts = super::split::probably_one(&units.iter().collect::<Vec<_>>());
    Ok(Read {
        table: imported.table,
        sheet: imported.sheet,
        units,
        doubts,
    })
}

impl Read {
    /// Where a merge lies on the sheet: `分解表!B5:B12`.
    ///
    /// ```
    /// use dossier::app::{Warnings, sheet};
    /// let read = sheet::read("samples/分解表.xlsx".as_ref(), None, &mut Warnings::default()).unwrap();
    /// assert_eq!(read.place(&read.table.merges[0]), "分解表!B5:B9");
    /// ```
    pub fn place(&self, merge: &Merge) -> String {
        let column = self.table.column(&merge.column);
        let index = column.and_then(|c| self.table.columns[c].index);
        match index {
            Some(i) => format!(
                "{}!{}:{}",
                self.sheet,
                crate::text::cell_name(merge.first - 1, i),
                crate::text::cell_name(merge.last - 1, i)
            ),
            None => format!("{} 第 {}–{} 行", self.sheet, merge.first, merge.last),
        }
    }
}
