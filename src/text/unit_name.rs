//! A unit's name in one spelling, however it was typed: offices type the same 责任单位 with
//! half- or full-width brackets, letters and digits from a full-width IME, spaces to pad it,
//! and characters no one sees (a zero-width space pasted from a web page), and each of these
//! would make a second unit with a notice of its own.

use super::width::is_full_width;

/// Characters that show nothing: controls, zero-width spaces and joiners, direction marks,
/// the byte-order mark, the soft hyphen, variation selectors, and the noncharacters U+FFFE and
/// U+FFFF.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(u32::from(c),
            0xAD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
                | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF9..=0xFFFB
                | 0xFFFE | 0xFFFF | 0xE0000..=0xE0FFF)
}

/// One character in its one spelling: full-width letters and digits as ASCII, round brackets
/// full-width as Chinese text has them.
fn one_spelling(c: char) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
        }
        c => c,
    }
}

/// The name of a unit in one spelling: invisible characters removed, full-width letters and
/// digits made ASCII, round brackets made full-width, and spaces (ASCII, full-width, no-break,
/// tabs) dropped at the ends and between two Chinese characters, where they mean nothing;
/// elsewhere a run of them is one ASCII space (`Party A Office`, `12345 热线`).
///
/// ```
/// use dossier::text::unit_name;
/// assert_eq!(unit_name("市文明办(测试)"), "市文明办（测试）");
/// assert_eq!(unit_name("市\u{200b}文明办"), "市文明办");
/// assert_eq!(unit_name("　市　文明办 "), "市文明办");
/// assert_eq!(unit_name("ＸＹ公司"), "XY公司");
/// assert_eq!(unit_name("Party  A\u{3000}Office"), "Party A Office");
/// ```
pub fn unit_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name
        .chars()
        .filter(|c| !is_invisible(*c) || c.is_whitespace())
    {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let c = one_spelling(c);
        let after = out.chars().next_back();
        if space && after.is_some_and(|a| !(is_full_width(a) && is_full_width(c))) {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// What of a unit's name tells it from others: without the place words offices drop or add
/// (`市`, `区`, `县` anywhere, so 团市委 and 市团委 agree), without a closing `及相关单位` or the
/// like, in one spelling ([`unit_name`]). Two names with the same core probably name one unit.
///
/// ```
/// use dossier::text::unit_core;
/// assert_eq!(unit_core("市财政局"), unit_core("财政局"));
/// assert_eq!(unit_core("团市委"), unit_core("市团委"));
/// assert_eq!(unit_core("公安局及相关单位"), unit_core("市公安局"));
/// assert_ne!(unit_core("市委宣传部"), unit_core("市委组织部"));
/// ```
pub fn unit_core(name: &str) -> String {
    const TAILS: [&str; 6] = [
        "及相关单位",
        "等相关单位",
        "及有关单位",
        "等有关单位",
        "相关单位",
        "等单位",
    ];
    let name = unit_name(name);
    let name = TAILS
        .iter()
        .find_map(|t| name.strip_suffix(t))
        .unwrap_or(&name);
    name.chars()
        .filter(|c| !matches!(c, '市' | '区' | '县'))
        .collect()
}

/// `name` with each invisible character shown as its code (`<U+200B>`), so a message can
/// tell two spellings apart that look the same.
///
/// ```
/// assert_eq!(dossier::text::shown_spelling("市\u{200b}文明办"), "市<U+200B>文明办");
/// ```
pub fn shown_spelling(name: &str) -> String {
    name.chars()
        .map(|c| {
            if is_invisible(c) || (c.is_whitespace() && c != ' ') {
                format!("<U+{:04X}>", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whether `name` names something: it holds a letter, a digit or a Chinese character, not
/// only punctuation and symbols (`—`, `/`, `…`).
///
/// ```
/// use dossier::text::names_something;
/// assert!(names_something("市文明办"));
/// assert!(!names_something("——"));
/// ```
pub fn names_something(name: &str) -> bool {
    name.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_unit_become_one() {
        let one = "各县（市、区）政府";
        for typed in [
            "各县(市、区)政府",
            "各县（市、区)政府",
            "各县\u{200b}（市、区）政府",
            "\u{feff}各县（市、区）政府",
            "各 县（市、区） 政府",
            "各县\u{3000}（市、区）政府",
            "各县\u{a0}（市、区）政府\t",
            "各县（市、区）\u{200d}政府\u{2060}",
        ] {
            assert_eq!(unit_name(typed), one, "{typed:?}");
        }
        assert_eq!(unit_name("市１２３４５热线"), "市12345热线");
        assert_eq!(unit_name("ＣＣＴＶ"), "CCTV");
    }

    #[test]
    fn spaces_between_latin_words_stay_one_space() {
        assert_eq!(unit_name("Party   A"), "Party A");
        assert_eq!(unit_name("12345 热线"), "12345 热线");
        assert_eq!(unit_name("{b 粗}"), "{b 粗}");
        assert_eq!(unit_name("   "), "");
        assert_eq!(unit_name("\u{200b}"), "");
    }

    #[test]
    fn other_punctuation_is_kept_as_typed() {
        assert_eq!(unit_name("市委【办】"), "市委【办】");
        assert_eq!(unit_name("A/B"), "A/B");
        assert_eq!(unit_name("市－局"), "市－局");
    }

    #[test]
    fn spellings_show_what_cannot_be_seen() {
        assert_eq!(shown_spelling("市\u{3000}局"), "市<U+3000>局");
        assert_eq!(shown_spelling("市 局"), "市 局");
        assert_eq!(shown_spelling("市局\u{feff}"), "市局<U+FEFF>");
    }
}
