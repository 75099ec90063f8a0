//! Spaces typed inside Chinese running text, which has none between words.

use super::Tidied;
use crate::text::name::is_han;

/// Running text with the spaces typed between two Chinese characters (`联系人：何  静`) or
/// inside a figure (`8888 6601`) removed, each run counted in `counts.name_spaces`: Chinese
/// text has no spaces between words. Spaces beside Latin words stay.
///
/// ```
/// use dossier::text::tidy::{Tidied, spaces};
/// let mut counts = Tidied::default();
/// assert_eq!(spaces("联系人：何  静，电话：0571-8888 6601", &mut counts), "联系人：何静，电话：0571-88886601");
/// assert_eq!(spaces("用 Word 或 WPS 打开", &mut counts), "用 Word 或 WPS 打开");
/// assert_eq!(counts.name_spaces, 2);
/// ```
pub fn spaces(text: &str, counts: &mut Tidied) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_whitespace()).count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let before = i.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(i + run).copied();
        let joined = |f: fn(char) -> bool| before.is_some_and(f) && after.is_some_and(f);
        if joined(is_han) || joined(|c| c.is_ascii_digit()) {
            counts.name_spaces += 1;
        } else {
            out.extend(&chars[i..i + run]);
        }
        i += run;
    }
    out
}
