//! The number a draft's heading opens with, in every form offices type: the four levels
//! GB/T 9704 numbers (一、 （一） 1. （1）, with their variants), circled numbers (①), a
//! chapter and its articles (第一章, 第一条), and an ordinal stage (第一阶段：).

use crate::text::{heading_level, heading_number};

/// What a heading's number says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Label {
    /// A heading of `level` numbered `number`; `untitled` for an article (`第一条`), whose
    /// words are its text, not a title.
    Level {
        level: u8,
        number: u32,
        untitled: bool,
    },
    /// `第二阶段：`, one level below the heading it stands under.
    Ordinal(u32),
}

/// The length in bytes of the number `text` opens with, and what it says.
pub(super) fn label(text: &str) -> Option<(usize, Label)> {
    let t = text.trim_start();
    let skipped = text.len() - t.len();
    let (len, label) = circled(t).or_else(|| chapter(t)).or_else(|| numbered(t))?;
    Some((skipped + len, label))
}

fn numbered(t: &str) -> Option<(usize, Label)> {
    let label = heading_number(t)?;
    let found = match heading_level(label) {
        Some((level, number)) => Label::Level {
            level,
            number,
            untitled: false,
        },
        None => Label::Ordinal(ordinal(label)?),
    };
    Some((label.len(), found))
}

/// `①` to `⑳`: the level below `（1）`'s parent, written as the fourth.
fn circled(t: &str) -> Option<(usize, Label)> {
    let c = t.chars().next()?;
    let n = u32::from(c).checked_sub(0x2460).filter(|n| *n < 20)? + 1;
    let level = Label::Level {
        level: 4,
        number: n,
        untitled: false,
    };
    Some((c.len_utf8(), level))
}

/// `第一章` (level 1) or `第一条` (level 2, untitled), with the space after it.
fn chapter(t: &str) -> Option<(usize, Label)> {
    let inner = t.strip_prefix('第')?;
    let n = inner.find(|c: char| !"一二三四五六七八九十百零〇".contains(c))?;
    let (level, rest) = match inner[n..].chars().next()? {
        '章' => (1, &inner[n + '章'.len_utf8()..]),
        '条' => (2, &inner[n + '条'.len_utf8()..]),
        _ => return None,
    };
    let number = ordinal(&t[..'第'.len_utf8() + n])?;
    let spaced = rest.is_empty() || rest.starts_with(char::is_whitespace);
    let level = Label::Level {
        level,
        number,
        untitled: level == 2,
    };
    spaced.then_some((t.len() - rest.len(), level))
}

/// The numeral of `第二阶段：`, `第三章`: 2, 3.
fn ordinal(label: &str) -> Option<u32> {
    let numeral: String = (label.chars().skip(1))
        .take_while(|c| "一二三四五六七八九十百零〇".contains(*c))
        .collect();
    heading_level(&format!("{numeral}、")).map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_gives_its_level() {
        let level = |t| match label(t) {
            Some((_, Label::Level { level, number, .. })) => Some((level, number)),
            _ => None,
        };
        assert_eq!(level("一、总则"), Some((1, 1)));
        assert_eq!(level("②开展评选。"), Some((4, 2)));
        assert_eq!(level("第三章  考核"), Some((1, 3)));
        assert_eq!(level("第十二条　本办法"), Some((2, 12)));
        assert_eq!(level("第一条例外"), None, "a word, not an article");
        assert_eq!(
            label("第二阶段：全面实施"),
            Some(("第二阶段：".len(), Label::Ordinal(2)))
        );
    }
}
