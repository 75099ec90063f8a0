//! A test hook: `DOSSIER_FAULT=<point>` makes dossier panic at that point, so tests can show
//! that a bug anywhere is reported as an internal error (exit 3) and leaves nothing behind.
//! Points: `staged` (every output written to its temporary file, none renamed yet), `worker`
//! (a worker thread of `parallel`, about to take its first item).

/// Panics when `DOSSIER_FAULT` names `point`.
///
/// ```
/// dossier::fault::point("staged"); // DOSSIER_FAULT is not set: nothing happens
/// ```
#[allow(clippy::panic)] // the one deliberate panic
pub fn point(point: &str) {
    if std::env::var_os("DOSSIER_FAULT").is_some_and(|p| p == point) {
        panic!("DOSSIER_FAULT={point}");
    }
}
