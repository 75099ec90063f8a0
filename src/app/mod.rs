//! The application layer: one module per operation the command line offers (and any other
//! front will), each taking plain inputs and returning a report of what it did. Warnings and
//! progress reach the caller through a [`Listener`] as the operation runs; nothing here prints.

pub mod bagit;
pub mod bundle;
pub mod check;
pub mod form;
pub mod format;
pub mod import;
pub mod lint;
mod outputs;
mod pipeline;
pub mod preview;
pub mod render;
pub mod sheet;
pub mod sheet_template;
pub mod split;
pub mod table;
pub mod tally;
pub mod verify;

use std::path::PathBuf;

use crate::error::Result;
use crate::text::Date;

/// How documents look: the templates and the font profile.
#[derive(Debug, Clone, Default)]
pub struct Look {
    /// A directory whose templates replace the built-in ones of the same name.
    pub templates: Option<PathBuf>,
    /// Font profile name; `None` takes the scheme's `fonts`, then the default.
    pub fonts: Option<String>,
    /// A PDF beside each DOCX.
    pub pdf: bool,
    /// Each page as an SVG picture too.
    pub svg: bool,
    /// Folders with more fonts for the PDF.
    pub font_dirs: Vec<PathBuf>,
}

impl Look {
    /// Starts listing the machine's fonts when a PDF is asked for, so that the list is ready
    /// by the time the first page is drawn.
    pub(crate) fn prepare(&self) -> Result<()> {
        if self.pdf {
            crate::write::pdf::start_listing(&self.font_dirs)?;
        }
        Ok(())
    }
}

/// Who signs a unit's notice or a bulletin, and when.
#[derive(Debug, Clone)]
pub struct Signed {
    /// 发文机关, printed as the signature.
    pub issuer: String,
    /// 成文日期.
    pub date: Date,
}

/// How far a long operation has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Files done, of `files`.
    pub done_files: usize,
    /// All the files.
    pub files: usize,
    /// Bytes done, of `bytes`.
    pub done_bytes: u64,
    /// All the bytes.
    pub bytes: u64,
}

/// Hears what an operation has to say while it runs.
pub trait Listener {
    /// A warning about the input that did not stop the operation (a skipped row), naming its
    /// place.
    fn warning(&mut self, text: &str);
    /// How far the operation has come; called often.
    fn progress(&mut self, progress: &Progress) {
        let _ = progress;
    }
    /// A part of the output (a volume) is finished.
    fn part_done(&mut self) {}
    /// A new step of the operation begins, said in a few Chinese words (`打包`).
    fn step(&mut self, step: &str) {
        let _ = step;
    }
}

/// A request to stop an operation, shared between whoever may ask (a web page's cancel
/// button) and the operation, which looks at it between files and stops with an error, its
/// temporary files removed and nothing written.
///
/// ```
/// use dossier::app::Cancel;
/// let cancel = Cancel::default();
/// let asked = cancel.clone();
/// assert!(cancel.check().is_ok());
/// asked.cancel();
/// assert!(cancel.is_cancelled());
/// assert!(cancel.check().unwrap_err().to_string().contains("已取消"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Cancel(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Cancel {
    /// Asks the operation to stop.
    pub fn cancel(&self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Whether stopping was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// An error once stopping was asked for, so that `?` ends the operation there.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            return Err(
                crate::error::Error::at("", "已取消：没有写出任何文件").with_hint("需要时重新开始")
            );
        }
        Ok(())
    }
}

/// A listener that keeps the warnings and ignores progress.
///
/// ```
/// use dossier::app::{Listener, Warnings};
/// let mut w = Warnings::default();
/// w.warning("分解表!A9: 空行，已跳过");
/// assert_eq!(w.0, ["分解表!A9: 空行，已跳过"]);
/// ```
#[derive(Debug, Default)]
pub struct Warnings(pub Vec<String>);

impl Listener for Warnings {
    fn warning(&mut self, text: &str) {
        self.0.push(text.to_string());
    }
}

/// Files an operation made in memory, each with the path it is written to, in the order the
/// operation writes them.
pub type InMemory = Vec<(PathBuf, Vec<u8>)>;

/// Who signs a unit's notice or a bulletin when no one is named.
pub const DEFAULT_ISSUER: &str = "创建全国文明城市工作指挥部办公室";

/// The fixed time of every entry of an archive dossier writes, when `SOURCE_DATE_EPOCH`
/// (seconds since 1970) sets one, as reproducible builds do.
pub(crate) fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// A task table as `load_tasks` read it.
struct Tasks {
    table: crate::model::TaskTable,
    /// The files read for it.
    read: Vec<PathBuf>,
    /// The spellings a scheme file says name one unit.
    same_units: crate::model::SameUnits,
}

/// A task table and the files it was read from: a task sheet, or a scheme file's `tasks`
/// (with the sheet they name) or, when it has none, the tasks of its task areas.
fn load_tasks(
    path: &std::path::Path,
    sheet: Option<&str>,
    files: crate::read::scheme::Files,
    listener: &mut dyn Listener,
) -> Result<Tasks> {
    let mut read = vec![path.to_path_buf()];
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
    {
        let table = load_sheet(path, sheet, listener)?.table;
        return Ok(Tasks {
            table,
            read,
            same_units: Default::default(),
        });
    }
    let mut doc = crate::read::scheme::load_with(path, files)?;
    doc.warnings.iter().for_each(|w| listener.warning(w));
    read.extend(doc.sources.iter().cloned());
    let tasks = doc.tasks.take();
    let table = tasks.or_else(|| doc.area_table()).ok_or_else(|| {
        crate::error::Error::file(path, "方案文件里没有任务：既没有 tasks（任务表），task_areas 里也没有 tasks")
            .with_hint("在方案文件中加入 tasks: {file: 分解表.xlsx}，或在 task_areas 的各板块下写 tasks；也可以直接用分解表.xlsx")
    })?;
    Ok(Tasks {
        table,
        read,
        same_units: doc.same_units,
    })
}

/// Reads the task sheet at `path` (the sheet `sheet`, else the first visible one), telling
/// `listener` of each thing read otherwise than written: a sheet passed over, a row skipped,
/// unit spellings taken as one.
fn load_sheet(
    path: &std::path::Path,
    sheet: Option<&str>,
    listener: &mut dyn Listener,
) -> crate::error::Result<crate::read::sheet::Imported> {
    let opts = crate::read::sheet::Options {
        sheet: sheet.map(str::to_string),
        headers: Vec::new(),
    };
    let imported = crate::read::sheet::load(path, &opts)?;
    for w in &imported.warnings {
        listener.warning(w);
    }
    Ok(imported)
}
