//! Operations on the model: a task table split by unit, the progress figures of a tally, and
//! where each evidence file goes in a bundle.

pub mod archive_names;
pub mod bundle_plan;
pub mod split;
pub mod tally;
