//! A test hook: `DOSSIER_FAULT=<point>` makes dossier panic at that point, so tests can show
//! that a bug anywhere is reported as an internal error (exit 3) and leaves nothing behind.
//! Points: `staged` (every output written to its temporary file, none renamed yet), `worker`
//! (a worker thread of `parallel`, about to take its first item).

/// Panics when `DOSSIER_FAULT` names `point`.
///
/// ```
/// use std::panic::catch_unwind;
/// use dossier::fault::point;
/// assert!(catch_unwind(|| point("staged")).is_ok(), "DOSSIER_FAULT unset: nothing happens");
/// // SAFETY: the example is a process of its own, and no other thread reads the environment.
/// unsafe { std::env::set_var("DOSSIER_FAULT", "staged") };
/// assert!(catch_unwind(|| point("staged")).is_err());
/// assert!(catch_unwind(|| point("renamed")).is_ok(), "another point");
/// ```
#[allow(clippy::panic)] // the one deliberate panic
pub fn point(point: &str) {
    if std::env::var_os("DOSSIER_FAULT").is_some_and(|p| p == point) {
        panic!("DOSSIER_FAULT={point}");
    }
}
