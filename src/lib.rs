//! dossier: turns structured descriptions of civilized-city creation work into the documents
//! government offices file. Readers build one document model; Tera templates turn it into
//! markup; the typesetter lays the markup out to GB/T 9704-2012; writers spell it out as files.

// Input must never crash dossier: an unwrap, expect or panic on a path input can reach is a
// bug, so the library has none (tests may).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod bundle;
pub mod error;
pub mod fault;
pub mod layout;
pub mod limits;
pub mod markup;
pub mod model;
pub mod parallel;
pub mod read;
pub mod render;
pub mod split;
pub mod tally;
pub mod template;
pub mod text;
pub mod typeset;
pub mod write;
pub mod zip_format;
