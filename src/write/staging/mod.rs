//! Files being written: each output is staged in a temporary file beside its target, locked
//! for as long as this run lives, and takes its name only when the whole run's outputs are on
//! disk (`commit`: all or none, even when a rename fails midway). Staged files are known
//! process-wide, so an interrupted run (Ctrl-C, SIGTERM) removes them and undoes a commit in
//! progress (`abandon`), and a later run writing to the same folder removes what a killed one
//! left (`recover`).

mod commit;
mod journal;
mod recover;

use std::collections::HashSet;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

pub use commit::commit;
pub use recover::recover;

/// What this run has staged, the folders it made for its outputs and, during a commit, how
/// far the commit has come.
#[derive(Default)]
struct Live {
    staged: HashSet<PathBuf>,
    /// Outermost first.
    folders: Vec<PathBuf>,
    commit: Option<commit::Progress>,
}

static LIVE: Mutex<Option<Live>> = Mutex::new(None);

/// The process-wide record, locked. A panic elsewhere must not stop the cleanup.
fn live() -> MutexGuard<'static, Option<Live>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

fn with_live<T>(f: impl FnOnce(&mut Live) -> T) -> T {
    f(live().get_or_insert_with(Live::default))
}

/// The start of every name dossier gives a file of its own beside an output, so a run can
/// tell them from the user's files.
pub const PREFIX: &str = ".dossier-";

/// A file being written beside its target: removed when dropped (or when the run is
/// interrupted) unless committed, and locked so a later run knows it is in use.
#[derive(Debug)]
pub struct Staged {
    file: tempfile::NamedTempFile,
    entry: Registered,
}

/// A staged file's place in this run's record, given up when the file is dropped.
#[derive(Debug)]
struct Registered {
    path: PathBuf,
    /// Handed to a commit, which gives up the place once the file is renamed.
    kept: bool,
}

impl Drop for Registered {
    fn drop(&mut self) {
        if !self.kept {
            with_live(|l| l.staged.remove(&self.path));
        }
    }
}

impl Staged {
    /// A new staged file in `dir`, named `.dossier-*.tmp`, with the permissions of an
    /// ordinary document (rw-r--r--): temporary files are private, outputs are not.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let staged = dossier::write::staging::Staged::new_in(dir.path()).unwrap();
    /// let name = staged.path().file_name().unwrap().to_string_lossy().into_owned();
    /// assert!(name.starts_with(".dossier-") && name.ends_with(".tmp"));
    /// let path = staged.path().to_path_buf();
    /// drop(staged);
    /// assert!(!path.exists(), "a staged file never committed is removed");
    /// ```
    pub fn new_in(dir: &Path) -> io::Result<Staged> {
        let file = tempfile::Builder::new()
            .prefix(PREFIX)
            .suffix(".tmp")
            .tempfile_in(dir)?;
        lock(file.as_file())?;
        ordinary(file.as_file())?;
        let path = file.path().to_path_buf();
        with_live(|l| l.staged.insert(path.clone()));
        Ok(Staged {
            file,
            entry: Registered { path, kept: false },
        })
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// The file, to write.
    pub fn file(&self) -> &File {
        self.file.as_file()
    }

    /// The file, to write.
    pub fn file_mut(&mut self) -> &mut File {
        self.file.as_file_mut()
    }

    /// The staged file given over to a commit, which renames it: no longer removed when
    /// dropped, still removed if the run is interrupted before its rename.
    fn keep(self) -> PathBuf {
        let Staged { file, mut entry } = self;
        entry.kept = true;
        // Disarmed, not persisted: the commit renames it.
        let _ = file.into_temp_path().keep();
        std::mem::take(&mut entry.path)
    }
}

/// Holds an exclusive lock on `file` for as long as it is open: a later run that can take the
/// lock knows the run that made the file is gone. A file system without locks still works.
pub(crate) fn lock(file: &File) -> io::Result<()> {
    match file.try_lock() {
        Ok(()) | Err(std::fs::TryLockError::WouldBlock) => Ok(()),
        Err(std::fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => Ok(()),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Gives a file the permissions of an ordinary document (rw-r--r--).
///
/// ```
/// let tmp = tempfile::NamedTempFile::new().unwrap();
/// dossier::write::staging::ordinary(tmp.as_file()).unwrap();
/// #[cfg(unix)]
/// {
///     use std::os::unix::fs::PermissionsExt;
///     let mode = tmp.as_file().metadata().unwrap().permissions().mode();
///     assert_eq!(mode & 0o777, 0o644);
/// }
/// ```
pub fn ordinary(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Records folders this run made for its outputs (outermost first), so an interrupted run
/// removes them again when they are still empty.
pub fn made_folders(dirs: &[PathBuf]) {
    with_live(|l| l.folders.extend_from_slice(dirs));
}

/// Takes folders out of the record: the run wrote into them, or removed them itself.
pub fn forget_folders(dirs: &[PathBuf]) {
    with_live(|l| l.folders.retain(|d| !dirs.contains(d)));
}

/// Ends this run's writing when it is interrupted: a commit in progress is undone, every
/// staged file is removed, then the folders the run made when they are empty. The record
/// stays locked, so nothing more is written before the process exits.
pub fn abandon() -> impl Drop {
    let mut guard = live();
    if let Some(l) = guard.as_mut() {
        if let Some(progress) = l.commit.take() {
            progress.undo();
        }
        for path in l.staged.drain() {
            let _ = std::fs::remove_file(path);
        }
        for dir in l.folders.drain(..).rev() {
            // Only an empty folder goes; one holding anything is left as it is.
            let _ = std::fs::remove_dir(dir);
        }
    }
    guard
}
