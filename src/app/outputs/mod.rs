//! Where a run writes, planned before anything is: every target is resolved and checked
//! against the run's inputs (an output never replaces one), against the folders no output may
//! go in (the evidence folder being packed) and against the run's other targets; then the
//! outputs are written all or none (`write::staging`), after what killed runs left in those
//! folders is cleared.

mod resolve;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result, write_reason};
use crate::write::{atomic, staging};
use resolve::{Input, Target, resolved, same_name};

/// What a run reads and where it writes.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Files the run reads.
    inputs: Vec<Input>,
    /// Folders no output may be in, resolved, with the words that say why.
    keep_out: Vec<(PathBuf, &'static str)>,
    /// Targets planned so far, resolved.
    targets: Vec<PathBuf>,
}

impl Plan {
    /// A file the run reads: no output may replace it.
    pub(crate) fn read(&mut self, input: &Path) {
        self.inputs.push(Input::new(input));
    }

    /// Files the run reads.
    pub(crate) fn read_all<'p>(&mut self, inputs: impl IntoIterator<Item = &'p PathBuf>) {
        inputs.into_iter().for_each(|p| self.read(p));
    }

    /// A folder no output may be in, and what it is (`证据文件夹`).
    pub(crate) fn keep_out_of(&mut self, dir: &Path, what: &'static str) {
        self.keep_out.push((resolved(dir), what));
    }

    /// Plans `target`: refused when it is one of the inputs, lies in a folder kept out of, is
    /// a folder, or is another target of the run.
    pub(crate) fn write(&mut self, target: &Path) -> Result<()> {
        if target.is_dir() {
            return Err(Error::file(target, "输出位置是一个已有的文件夹，不是文件")
                .with_hint("用 -o 指定一个文件名"));
        }
        let planned = Target::new(target);
        if let Some(input) = self.inputs.iter().find(|i| planned.replaces(i)) {
            return Err(Error::file(
                target,
                format!(
                    "输出文件就是输入文件「{}」，写出会把它覆盖",
                    crate::error::shown(&input.path)
                ),
            )
            .with_hint("用 -o 给输出另取一个文件名"));
        }
        let at = planned.resolved;
        if let Some((dir, what)) = self.keep_out.iter().find(|(d, _)| at.starts_with(d)) {
            return Err(
                Error::file(target, format!("输出文件不能放在{what}里面")).with_hint(format!(
                    "把 -o 指向{what}「{}」之外的位置",
                    crate::error::shown(dir)
                )),
            );
        }
        if self.targets.iter().any(|t| same_name(t, &at)) {
            return Err(Error::file(target, "这次要写出的两个文件是同一个文件")
                .with_hint("给它们另取不同的文件名"));
        }
        self.targets.push(at);
        Ok(())
    }
}

/// Refuses `target` unless its name ends in `.ext` (in any case): without it the file opens
/// in nothing on Windows, and with another's it opens in the wrong program.
pub(crate) fn named_as(target: &Path, ext: &str) -> Result<()> {
    if target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        return Ok(());
    }
    let stem = target
        .file_stem()
        .map_or_else(|| "输出".into(), |s| s.to_string_lossy());
    Err(Error::file(target, format!("输出文件名要以 .{ext} 结尾"))
        .with_hint(format!("如 -o {stem}.{ext}")))
}

/// Checks a run that reads `inputs` and writes `targets`, as [`Plan::write`] does.
pub(crate) fn check<P: AsRef<Path>>(inputs: &[P], targets: &[&Path]) -> Result<()> {
    let mut plan = Plan::default();
    inputs.iter().for_each(|i| plan.read(i.as_ref()));
    targets.iter().try_for_each(|t| plan.write(t))
}

/// Makes the folder `dir` (and its parents) when it is missing; returns the folders made,
/// outermost first.
fn make_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && !d.is_dir())
        .map(Path::to_path_buf)
        .collect();
    if let Some(file) = missing.iter().find(|d| d.exists()) {
        return Err(Error::file(
            dir,
            format!(
                "「{}」是文件，不是文件夹，无法在它下面写出",
                crate::error::shown(file)
            ),
        )
        .with_hint("-o 的路径中间有一段是已有的文件；换一个位置或改名"));
    }
    if missing.is_empty() {
        return Ok(missing);
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::file(dir, format!("无法创建输出目录：{}", write_reason(&e))))?;
    Ok(missing.into_iter().rev().collect())
}

/// Folders a run made for its outputs: removed again, when still empty, unless the run
/// wrote its outputs ([`Made::keep`]), so a failed run leaves no empty folder behind (nor an
/// interrupted one: they are in the staging record too).
#[must_use]
#[derive(Debug, Default)]
pub(crate) struct Made(Vec<PathBuf>);

impl Made {
    /// The outputs are written: the folders stay.
    pub(crate) fn keep(mut self) {
        staging::forget_folders(&self.0);
        self.0.clear();
    }
}

impl Drop for Made {
    fn drop(&mut self) {
        for dir in self.0.iter().rev() {
            // Only an empty folder goes; one holding anything is left as it is.
            let _ = std::fs::remove_dir(dir);
        }
        staging::forget_folders(&self.0);
    }
}

/// Writes every (path, bytes) all or none, after clearing their folders of what dead runs
/// left; returns the paths in the order given.
pub(crate) fn write_all(files: Vec<(PathBuf, Vec<u8>)>) -> Result<Vec<PathBuf>> {
    let folders: Vec<PathBuf> = files.iter().map(|(p, _)| folder(p)).collect();
    let made = prepare(&folders)?;
    let staged: Vec<(&Path, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    atomic::write_many(&staged, &[])?;
    made.keep();
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// Writes one file as [`write_all`] does; returns its path.
pub(crate) fn write_one(path: &Path, bytes: Vec<u8>) -> Result<PathBuf> {
    write_all(vec![(path.to_path_buf(), bytes)])?;
    Ok(path.to_path_buf())
}

/// Gives staged files their targets and removes `stale` outputs of an earlier run, all or
/// none.
pub(crate) fn commit(files: Vec<(staging::Staged, PathBuf)>, stale: Vec<PathBuf>) -> Result<()> {
    let first = files.first().map(|(_, p)| p.clone()).unwrap_or_default();
    staging::commit(files, stale).map_err(|e| {
        Error::file(
            &first,
            format!(
                "无法写入输出文件：改名为目标文件失败（{}）",
                write_reason(&e)
            ),
        )
        .with_hint("检查输出目录是否有写权限、磁盘是否已满")
    })
}

/// Makes every folder of `folders` and clears it of what dead runs left there; returns the
/// folders made.
pub(crate) fn prepare(folders: &[PathBuf]) -> Result<Made> {
    let mut made = Made::default();
    let mut done: Vec<&PathBuf> = Vec::new();
    for dir in folders {
        if done.contains(&dir) {
            continue;
        }
        let new = make_dir(dir)?;
        staging::made_folders(&new);
        made.0.extend(new);
        staging::recover(dir).map_err(|e| {
            Error::file(dir, format!("无法清理上次中断留下的临时文件：{e}"))
                .with_hint("检查这个文件夹的写权限")
        })?;
        done.push(dir);
    }
    Ok(made)
}

/// The folder a path is in.
pub(crate) fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
