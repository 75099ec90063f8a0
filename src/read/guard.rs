//! Calls into a third-party reader, held to dossier's promise that no input crashes it.
//! calamine panics on some damaged .xls files (a slice past the end of a truncated compound
//! file, an assertion on a short string record, an overflow on a bad sheet offset: found by
//! fuzzing, see fuzz/). That is the file's damage, not a bug in dossier, so the panic is caught
//! and reported as a damaged file: exit code 1 and a Chinese message naming the file.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::error::{Error, Result};

thread_local! {
    /// How many [`guarded`] calls this thread is inside.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Whether this thread is inside [`guarded`]. A panic hook stays quiet then: the panic is
/// caught and reported as a damaged input, not as an internal error.
///
/// ```
/// use dossier::read::guard::{guarded, in_guarded};
/// assert!(!in_guarded());
/// let inside = guarded(|| Ok(in_guarded()), || unreachable!()).unwrap();
/// assert!(inside);
/// ```
pub fn in_guarded() -> bool {
    DEPTH.with(|d| d.get() > 0)
}

/// Wraps the panic hook installed so far so that it stays quiet for panics inside
/// [`guarded`] (they become a damaged-file error) and reports every other one as before.
/// The command line and the fuzz targets install it over their own hooks.
///
/// ```
/// dossier::read::guard::quiet_guarded_panics();
/// let r = dossier::read::guard::guarded(|| -> dossier::error::Result<()> { panic!("bad record") },
///     || dossier::error::Error::at("a.xls", "文件已损坏"));
/// assert!(r.is_err());
/// ```
pub fn quiet_guarded_panics() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !in_guarded() {
            hook(info);
        }
    }));
}

/// Runs `read`; if it panics, returns the error `damaged` makes instead.
///
/// ```
/// use dossier::error::Error;
/// use dossier::read::guard::guarded;
/// let r: dossier::error::Result<()> =
///     guarded(|| panic!("slice index out of range"), || Error::at("a.xls", "文件已损坏"));
/// assert_eq!(r.unwrap_err().place, "a.xls");
/// ```
pub fn guarded<T>(read: impl FnOnce() -> Result<T>, damaged: impl FnOnce() -> Error) -> Result<T> {
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(read));
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    result.unwrap_or_else(|_| Err(damaged()))
}
