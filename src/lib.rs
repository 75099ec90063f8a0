//! dossier: turns structured descriptions of civilized-city creation work into the documents
//! government offices file. Readers build one document model; Tera templates turn it into
//! markup; the typesetter lays the markup out to GB/T 9704-2012; writers spell it out as files;
//! the application layer runs each operation from its plain inputs, for the command line.
//!
//! The modules below are listed in the one order imports may follow: a module uses only those
//! listed before it (and its own submodules), never one listed after it. `tests/layers.rs`
//! reads this list and every `crate::` path in src/ and fails on an import against it.
//!
//! - foundations: `error`, `limits`, `fault`, `parallel`, `text` (Chinese text and figures);
//! - data the stages share: `layout` (every layout number and face), `zip_format`;
//! - `model`, the one document model;
//! - `read`, the readers (scheme files, task sheets, evidence folders, archives);
//! - `compute`, operations on the model (a table split by unit, progress figures, where each
//!   evidence file goes);
//! - `markup` and `template`, the text the templates write and the templates themselves;
//! - `typeset`, the page, and `flow`, where its lines break;
//! - `write`, the writers (DOCX, XLSX, the evidence ZIP, scheme-file YAML, atomic files);
//! - `app`, one operation per command; `serve`, a local web page over it; and `cli`, the
//!   command line over both.

// Input must never crash dossier: an unwrap, expect or panic on a path input can reach is a
// bug, so the library has none (tests may).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// A blank line between the declarations keeps rustfmt from sorting them: the order is the point.

/// The error type and its Chinese messages.
pub mod error;

/// Every limit on input.
pub mod limits;

/// A test hook that panics at a named point.
pub mod fault;

/// One function over many items on all cores.
pub mod parallel;

/// Chinese text and figures.
pub mod text;

/// Every layout number, face and colour.
pub mod layout;

/// What the ZIP format fixes.
pub mod zip_format;

/// The document model.
pub mod model;

/// The readers.
pub mod read;

/// Operations on the model.
pub mod compute;

/// The markup the templates write.
pub mod markup;

/// The templates.
pub mod template;

/// The page.
pub mod typeset;

/// Where lines break.
pub mod flow;

/// The writers.
pub mod write;

/// One operation per command.
pub mod app;

/// The local web page.
pub mod serve;

/// The command line.
pub mod cli;
