//! A commit's journal: what it is about to do, on disk before it does it, so that a run killed
//! halfway through a commit can be undone by the next run writing to the same folder. One line
//! per output (its target, the staged file renamed onto it, the backup of what was there), then
//! `done` once every rename has happened. Paths are written as the hex of their bytes, so any
//! name the file system holds survives.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use super::{PREFIX, lock};

/// One output of a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// Where it goes.
    pub(super) target: PathBuf,
    /// The staged file renamed onto the target; `None` for a stale output that is removed.
    pub(super) staged: Option<PathBuf>,
    /// What the target held before, kept until the commit is done; `None` for a new target.
    pub(super) backup: Option<PathBuf>,
}

/// An open, locked journal.
pub(super) struct Journal {
    file: File,
    path: PathBuf,
}

/// The marker a finished commit ends its journal with.
const DONE: &str = "done";

impl Journal {
    /// Writes the journal of `entries` in `dir` and flushes it to disk.
    pub(super) fn create(dir: &Path, entries: &[Entry]) -> io::Result<Journal> {
        let (file, path) = tempfile::Builder::new()
            .prefix(PREFIX)
            .suffix(".journal")
            .tempfile_in(dir)?
            .keep()
            .map_err(|e| e.error)?;
        lock(&file)?;
        let mut journal = Journal { file, path };
        for e in entries {
            let line = format!(
                "{} {} {}\n",
                hex(Some(&e.target)),
                hex(e.staged.as_deref()),
                hex(e.backup.as_deref())
            );
            journal.file.write_all(line.as_bytes())?;
        }
        journal.file.sync_all()?;
        Ok(journal)
    }

    /// Marks the commit done: every rename has happened, what is left is tidying up.
    pub(super) fn done(&mut self) -> io::Result<()> {
        self.file.write_all(format!("{DONE}\n").as_bytes())?;
        self.file.sync_all()
    }

    /// Removes the journal.
    pub(super) fn remove(self) -> io::Result<()> {
        drop(self.file);
        std::fs::remove_file(&self.path)
    }
}

/// The entries of the journal at `path`, and whether the commit was done.
pub(super) fn read(path: &Path) -> io::Result<(Vec<Entry>, bool)> {
    let mut entries = Vec::new();
    for line in BufReader::new(File::open(path)?).lines() {
        let line = line?;
        if line == DONE {
            return Ok((entries, true));
        }
        let mut parts = line.split(' ').map(unhex);
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Some(Some(target))), Some(Some(staged)), Some(Some(backup))) => {
                entries.push(Entry {
                    target,
                    staged,
                    backup,
                })
            }
            // A line cut short by the kill: the commit had not started.
            _ => return Ok((entries, false)),
        }
    }
    Ok((entries, false))
}

/// The bytes of a path as hex, `-` for none.
fn hex(path: Option<&Path>) -> String {
    match path {
        Some(p) => crate::text::hex(&bytes(p)),
        None => "-".to_string(),
    }
}

/// A path written by `hex`: `Some(None)` for `-`, `None` when it is no such text.
fn unhex(text: &str) -> Option<Option<PathBuf>> {
    if text == "-" {
        return Some(None);
    }
    let bytes: Option<Vec<u8>> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect();
    path_of(bytes?).map(Some)
}

#[cfg(unix)]
fn bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_of(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(windows)]
fn bytes(p: &Path) -> Vec<u8> {
    use std::os::windows::ffi::OsStrExt;
    p.as_os_str()
        .encode_wide()
        .flat_map(u16::to_le_bytes)
        .collect()
}

#[cfg(windows)]
fn path_of(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::windows::ffi::OsStringExt;
    let wide: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some(PathBuf::from(std::ffi::OsString::from_wide(&wide)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_reads_back_its_entries_and_whether_it_was_done() {
        let dir = tempfile::tempdir().unwrap();
        let entries = vec![
            Entry {
                target: dir.path().join("通报.docx"),
                staged: Some(dir.path().join(".dossier-a.tmp")),
                backup: None,
            },
            Entry {
                target: dir.path().join("包-03.zip"),
                staged: None,
                backup: Some(dir.path().join(".dossier-b.old")),
            },
        ];
        let mut journal = Journal::create(dir.path(), &entries).unwrap();
        let path = journal.path.clone();
        assert_eq!(read(&path).unwrap(), (entries.clone(), false));
        journal.done().unwrap();
        assert_eq!(read(&path).unwrap(), (entries, true));
        journal.remove().unwrap();
        assert!(!path.exists());
    }
}
