//! What a killed run left beside its outputs, cleared by the next run that writes there: a
//! commit caught halfway is undone from its journal (or finished, when every rename had
//! happened), and staged files and backups nobody holds are removed. A file another live run
//! holds (its lock cannot be taken) is left alone.

use std::collections::HashSet;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use super::PREFIX;
use super::commit::restore;
use super::journal;

/// Clears the leftovers of dead runs in `dir`.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let left = dir.path().join(".dossier-abc.tmp");
/// std::fs::write(&left, "a killed run's staged file").unwrap();
/// std::fs::write(dir.path().join("通报.docx"), "the user's").unwrap();
/// dossier::write::staging::recover(dir.path()).unwrap();
/// assert!(!left.exists());
/// assert!(dir.path().join("通报.docx").exists());
/// ```
pub fn recover(dir: &Path) -> io::Result<()> {
    let ours = leftovers(dir)?;
    let mut in_use = HashSet::new();
    for path in ours.iter().filter(|p| has_suffix(p, ".journal")) {
        match held(path)? {
            Some(_) => in_use.extend(referenced(path)?),
            None => undo_journal(path)?,
        }
    }
    for path in ours.iter().filter(|p| !has_suffix(p, ".journal")) {
        if in_use.contains(path) || !path.exists() {
            continue;
        }
        // A backup has no handle to lock: one no live journal names is a dead run's.
        let dead = has_suffix(path, ".old") || held(path)?.is_none();
        if dead {
            remove(path)?;
        }
    }
    Ok(())
}

/// dossier's own files in `dir`.
fn leftovers(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(PREFIX) && entry.file_type()?.is_file() {
            out.push(entry.path());
        }
    }
    Ok(out)
}

fn has_suffix(path: &Path, suffix: &str) -> bool {
    path.to_string_lossy().ends_with(suffix)
}

/// `Some` when a live run holds the file's lock.
fn held(path: &Path) -> io::Result<Option<()>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    match file.try_lock() {
        Ok(()) => Ok(None),
        Err(std::fs::TryLockError::WouldBlock) => Ok(Some(())),
        Err(std::fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// The files a live run's journal names.
fn referenced(path: &Path) -> io::Result<Vec<PathBuf>> {
    let (entries, _) = journal::read(path)?;
    Ok(entries
        .into_iter()
        .flat_map(|e| e.staged.into_iter().chain(e.backup))
        .collect())
}

/// Undoes (or, when it was done, finishes) the commit of a dead run's journal.
fn undo_journal(path: &Path) -> io::Result<()> {
    let (entries, done) = journal::read(path)?;
    for e in entries.iter().rev() {
        let renamed = e.staged.as_ref().is_none_or(|s| !s.exists());
        match (done, renamed) {
            (true, _) => {}
            (false, true) => restore(e),
            (false, false) => remove_if_there(e.staged.as_deref())?,
        }
        if done || !renamed {
            remove_if_there(e.backup.as_deref())?;
        }
    }
    remove(path)
}

fn remove_if_there(path: Option<&Path>) -> io::Result<()> {
    match path {
        Some(p) if p.exists() => remove(p),
        _ => Ok(()),
    }
}

fn remove(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
