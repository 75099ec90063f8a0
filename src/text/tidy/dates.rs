//! A date standing alone as a line, written in another of the forms offices use
//! (`2024-03-05`, `2024年03月05日`, `二〇二四年三月五日`), put in the GB/T 9704 form.

use super::Tidied;
use crate::text::{Date, format_date};

/// `text` in the standard form `2024年3月5日` when it is a date and nothing else, counted in
/// `counts.dates` when that changed it; any other text as it is.
///
/// ```
/// use dossier::text::tidy::{Tidied, date};
/// let mut counts = Tidied::default();
/// assert_eq!(date("二〇二四年三月五日", &mut counts), "2024年3月5日");
/// assert_eq!(date(" 2024-03-05", &mut counts), "2024年3月5日");
/// assert_eq!(date("2024年3月5日", &mut counts), "2024年3月5日");
/// assert_eq!(date("2024年2月30日", &mut counts), "2024年2月30日");
/// assert_eq!(date("2024年3月5日前完成", &mut counts), "2024年3月5日前完成");
/// assert_eq!(counts.dates, 2);
/// ```
pub fn date(text: &str, counts: &mut Tidied) -> String {
    let Ok(d) = Date::parse(text) else {
        return text.to_string();
    };
    let standard = format_date(d);
    if standard != text.trim() {
        counts.dates += 1;
    }
    standard
}
