//! The document model: what every reader produces and every template reads. Values are kept
//! as the author meant them (dates as `2014-07-25`, names unpadded); their printed form is the
//! templates' business, through the filters in `template`.

mod columns;
mod document;
mod evidence;
mod table;
mod tally;
mod units;

pub use columns::*;
pub use document::*;
pub use evidence::*;
pub use table::*;
pub use tally::*;
pub use units::*;
