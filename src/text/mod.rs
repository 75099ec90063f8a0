//! Text as Chinese offices write it: dates, numerals and heading numbers, 发文字号, names,
//! widths in a CJK font, lists of units and a unit's one spelling, file names every system
//! takes, figures (sizes, percentages), and the script dossier's own words are written in.
//! Pure functions of their input: none panics, whatever it is given.

mod cell;
mod date;
mod date_numerals;
mod doc_number;
mod emphasis;
mod file_name;
mod fold;
mod line_marks;
mod list;
mod name;
mod name_bytes;
mod number;
mod numeral;
mod period;
mod script;
pub mod tidy;
mod unit_name;
pub mod width;

pub(crate) use name::is_han;

pub use cell::cell_name;
pub use date::{Date, format_date, format_month, month_part};
pub use doc_number::normalize_doc_number;
pub use emphasis::{emphasis_parts, without_emphasis};
pub use file_name::{safe_file_name, windows_safe};
pub use fold::folded;
pub use line_marks::{no_line_end, no_line_start};
pub use list::{split_list, split_outside_brackets};
pub use name::{align_name, unpadded_name};
pub use name_bytes::{decoded_name, escaped_name};
pub use number::{hex, human_size, percent, quoted_number};
pub use numeral::{cn_numeral, heading_label, heading_level, heading_number};
pub use period::{When, format_period};
pub use script::Script;
pub use unit_name::{names_something, shown_spelling, unit_core, unit_name};
