//! A test hook: `DOSSIER_FAULT=<point>` makes dossier panic at that point, so tests can show
//! that a bug anywhere is reported as an internal error (exit 3) and leaves nothing behind;
//! `DOSSIER_FAULT=kill:<point>` ends the process there at once, as `kill -9` would, so tests
//! can show that the next run clears what it left. Points: `staged` (every output written to
//! its temporary file, none renamed yet), `worker` (a worker thread of `parallel`, about to
//! take its first item), `renaming` (a commit, after each output took its name).

/// Panics, or ends the process, when `DOSSIER_FAULT` names `point`.
///
/// ```
/// use std::panic::catch_unwind;
/// use dossier::fault::point;
/// assert!(catch_unwind(|| point("staged")).is_ok(), "DOSSIER_FAULT unset: nothing happens");
/// // SAFETY: the example is a process of its own, and no other thread reads the environment.
/// unsafe { std::env::set_var("DOSSIER_FAULT", "staged") };
/// assert!(catch_unwind(|| point("staged")).is_err());
/// assert!(catch_unwind(|| point("renaming")).is_ok(), "another point");
/// ```
#[allow(clippy::panic)] // the one deliberate panic
pub fn point(point: &str) {
    let Some(fault) = std::env::var_os("DOSSIER_FAULT") else {
        return;
    };
    if fault == point {
        panic!("DOSSIER_FAULT={point}");
    }
    if fault.to_str().and_then(|f| f.strip_prefix("kill:")) == Some(point) {
        std::process::abort();
    }
}
