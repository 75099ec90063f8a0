//! A run's outputs take their names all at once or not at all. What a target held before is
//! kept as a backup (a hard link, or a copy where the file system has none) until every rename
//! has happened; a rename that fails undoes the ones before it, and so does an interrupted run
//! (`super::abandon`). Outputs of an earlier run that this one replaces without rewriting them
//! (a volume fewer) are removed the same way.

use std::io;
use std::path::{Path, PathBuf};

use super::journal::{Entry, Journal};
use super::{PREFIX, Staged, with_live};

/// A commit under way: its journal, its outputs, and how many have been renamed.
pub(super) struct Progress {
    journal: Journal,
    entries: Vec<Entry>,
    /// Entries whose backup and rename are done, in order.
    done: usize,
}

/// Renames every staged file onto its target and removes every `stale` output, all or none.
///
/// ```
/// use dossier::write::staging::{Staged, commit};
/// use std::io::Write;
/// let dir = tempfile::tempdir().unwrap();
/// let (a, b) = (dir.path().join("a.docx"), dir.path().join("b.docx"));
/// std::fs::write(&a, "old").unwrap();
/// let mut staged = Staged::new_in(dir.path()).unwrap();
/// staged.file_mut().write_all(b"new").unwrap();
/// commit(vec![(staged, a.clone())], vec![]).unwrap();
/// assert_eq!(std::fs::read_to_string(&a).unwrap(), "new");
/// // A rename that fails (its folder is gone) undoes the others: `a` keeps what it held.
/// let mut first = Staged::new_in(dir.path()).unwrap();
/// first.file_mut().write_all(b"newer").unwrap();
/// let second = Staged::new_in(dir.path()).unwrap();
/// let nowhere = dir.path().join("gone/c.docx");
/// assert!(commit(vec![(first, a.clone()), (second, nowhere)], vec![b.clone()]).is_err());
/// assert_eq!(std::fs::read_to_string(&a).unwrap(), "new");
/// let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
/// assert_eq!(left, ["a.docx"], "nothing staged, backed up or journalled is left");
/// ```
pub fn commit(files: Vec<(Staged, PathBuf)>, stale: Vec<PathBuf>) -> io::Result<()> {
    let Some(dir) = files
        .first()
        .map(|(_, t)| t)
        .or(stale.first())
        .map(|t| folder(t))
    else {
        return Ok(());
    };
    let mut entries = Vec::new();
    for (staged, target) in &files {
        entries.push(entry(target, Some(staged.path().to_path_buf()))?);
    }
    for target in stale.iter().filter(|t| t.exists()) {
        entries.push(entry(target, None)?);
    }
    let journal = Journal::create(&dir, &entries)?;
    // Kept only now: until the journal names them, the files stay open and locked.
    files.into_iter().for_each(|(staged, _)| {
        staged.keep();
    });
    with_live(|l| {
        l.commit = Some(Progress {
            journal,
            entries,
            done: 0,
        })
    });
    run()
}

/// The entry for `target`, with a backup name when something is there to keep.
fn entry(target: &Path, staged: Option<PathBuf>) -> io::Result<Entry> {
    let backup = match target.symlink_metadata() {
        Ok(_) => Some(backup_name(&folder(target))?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    Ok(Entry {
        target: target.to_path_buf(),
        staged,
        backup,
    })
}

/// A free name for a backup in `dir`.
fn backup_name(dir: &Path) -> io::Result<PathBuf> {
    let reserved = tempfile::Builder::new()
        .prefix(PREFIX)
        .suffix(".old")
        .tempfile_in(dir)?;
    // Only the name is wanted: the file goes, and the backup takes its place.
    let path = reserved.path().to_path_buf();
    reserved.close()?;
    Ok(path)
}

/// The folder a path is in.
fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Takes every step of the commit in this run's record, one at a time, each under the
/// record's lock so an interruption finds it between steps; undoes them all on a failure.
fn run() -> io::Result<()> {
    loop {
        let step = with_live(|l| match l.commit.as_mut() {
            Some(p) if p.done < p.entries.len() => Some(p.step()),
            _ => None,
        });
        match step {
            Some(Ok(())) => crate::fault::point("renaming"),
            Some(Err(e)) => {
                if let Some(p) = with_live(|l| l.commit.take()) {
                    let entries = p.undo();
                    with_live(|l| forget(l, &entries));
                }
                return Err(e);
            }
            None => break,
        }
    }
    match with_live(|l| l.commit.take()) {
        Some(p) => {
            let entries = p.finish()?;
            with_live(|l| forget(l, &entries));
            Ok(())
        }
        None => Ok(()),
    }
}

impl Progress {
    /// Backs up and renames (or removes) the next entry.
    fn step(&mut self) -> io::Result<()> {
        let Some(e) = self.entries.get(self.done) else {
            return Ok(());
        };
        if let Some(backup) = &e.backup {
            match &e.staged {
                Some(_) => keep_copy(&e.target, backup)?,
                None => std::fs::rename(&e.target, backup)?,
            }
        }
        if let Some(staged) = &e.staged
            && let Err(err) = std::fs::rename(staged, &e.target)
        {
            // This entry's backup is undone with the entries before it.
            if let Some(backup) = &e.backup {
                let _ = std::fs::remove_file(backup);
            }
            return Err(err);
        }
        self.done += 1;
        Ok(())
    }

    /// Puts every target back as it was and removes what this commit made; returns the
    /// entries, whose staged files are gone.
    pub(super) fn undo(self) -> Vec<Entry> {
        let (done, rest) = self.entries.split_at(self.done.min(self.entries.len()));
        for e in done.iter().rev() {
            restore(e);
        }
        for staged in rest.iter().filter_map(|e| e.staged.as_ref()) {
            let _ = std::fs::remove_file(staged);
        }
        let _ = self.journal.remove();
        self.entries
    }

    /// Every rename has happened: the backups and the journal go. Returns the entries.
    fn finish(mut self) -> io::Result<Vec<Entry>> {
        self.journal.done()?;
        for backup in self.entries.iter().filter_map(|e| e.backup.as_ref()) {
            std::fs::remove_file(backup)?;
        }
        self.journal.remove()?;
        Ok(self.entries)
    }
}

/// Undoes one entry whose rename happened: the backup goes back, or the new target goes.
pub(super) fn restore(e: &Entry) {
    match (&e.backup, &e.staged) {
        (Some(backup), _) => {
            let _ = std::fs::rename(backup, &e.target);
        }
        (None, Some(_)) => {
            let _ = std::fs::remove_file(&e.target);
        }
        (None, None) => {}
    }
}

/// Keeps what `target` holds under `backup`: a hard link, or a copy where there is none.
fn keep_copy(target: &Path, backup: &Path) -> io::Result<()> {
    std::fs::hard_link(target, backup).or_else(|_| std::fs::copy(target, backup).map(|_| ()))
}

/// The staged files of `entries` are no longer this run's to remove.
fn forget(l: &mut super::Live, entries: &[Entry]) {
    for staged in entries.iter().filter_map(|e| e.staged.as_ref()) {
        l.staged.remove(staged);
    }
}
