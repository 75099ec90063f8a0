//! Chinese numerals and the heading numbers GB/T 9704 prescribes for each level.

const CN_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn cn_digit(d: u32) -> char {
    usize::try_from(d)
        .ok()
        .and_then(|i| CN_DIGITS.get(i))
        .copied()
        .unwrap_or('零')
}

/// Writes a group 1..=9999 without leading 零 (the caller decides about that).
fn push_group(out: &mut String, g: u32) {
    let mut started = false;
    let mut zero_pending = false;
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let d = g / unit % 10;
        if d == 0 {
            zero_pending = started;
            continue;
        }
        // A run of zeros inside the group is read as a single 零.
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push(cn_digit(d));
        out.push_str(name);
        started = true;
    }
}

/// Chinese numeral, as used in headings and counts.
///
/// Covers the whole `u32` range (万 and 亿 groups), though 0..=99_999 is what documents need:
/// `cn_numeral(0)` → `零`, `cn_numeral(10)` → `十`, `cn_numeral(21)` → `二十一`,
/// `cn_numeral(101)` → `一百零一`, `cn_numeral(110)` → `一百一十`,
/// `cn_numeral(10010)` → `一万零一十`.
pub fn cn_numeral(n: u32) -> String {
    if n == 0 {
        return "零".to_string();
    }
    let groups = [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut started = false;
    let mut gap = false;
    for (g, unit) in groups {
        if g == 0 {
            gap = started;
            continue;
        }
        // 一万零一十, 一亿零一万: a skipped place between groups is spoken as 零.
        if started && (gap || g < 1000) {
            out.push('零');
        }
        push_group(&mut out, g);
        out.push_str(unit);
        started = true;
        gap = false;
    }
    // Leading 10–19 is said 十, 十一 …, not 一十 (but 一百一十 keeps it).
    match out.strip_prefix("一十") {
        Some(rest) => format!("十{rest}"),
        None => out,
    }
}

/// Heading number labels by level as GB/T 9704 prescribes; None for levels outside 1..=4 or n = 0.
///
/// `heading_label(1, 3)` → `Some("三、")`; `heading_label(2, 3)` → `Some("（三）")`;
/// `heading_label(3, 3)` → `Some("3.")`; `heading_label(4, 3)` → `Some("（3）")`;
/// `heading_label(5, 1)` → `None`.
pub fn heading_label(level: u8, n: u32) -> Option<String> {
    // Numbering starts at 1; "零、" is never a valid heading.
    if n == 0 {
        return None;
    }
    match level {
        1 => Some(format!("{}、", cn_numeral(n))),
        2 => Some(format!("（{}）", cn_numeral(n))),
        3 => Some(format!("{n}.")),
        4 => Some(format!("（{n}）")),
        _ => None,
    }
}

/// The heading number `text` opens with, in any of the forms [`heading_label`] writes (and
/// their common variants: `1、`, `(1)`, full-width digits) or an ordinal stage's `第一阶段：`,
/// if it opens with one.
///
/// ```
/// use dossier::text::heading_number;
/// assert_eq!(heading_number("一、基本原则"), Some("一、"));
/// assert_eq!(heading_number("（十二）推进实施阶段"), Some("（十二）"));
/// assert_eq!(heading_number(" 3.加强领导。"), Some("3."));
/// assert_eq!(heading_number("(2)整改"), Some("(2)"));
/// assert_eq!(heading_number("1.5倍于上年"), None, "a figure, not a number");
/// assert_eq!(heading_number("3.2025年10月组织测评"), Some("3."), "a number before a year");
/// assert_eq!(heading_number("2024年重点任务"), None);
/// assert_eq!(heading_number("（2024年）工作安排"), None);
/// assert_eq!(heading_number("十大行动"), None);
/// assert_eq!(heading_number("第二阶段：自查申报阶段"), Some("第二阶段："));
/// assert_eq!(heading_number("第一阶段工作安排"), None, "no label without its colon");
/// assert_eq!(heading_number("第三階段：總結"), Some("第三階段："));
/// ```
pub fn heading_number(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let numeral = |c: char| "一二三四五六七八九十百零〇".contains(c);
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let run = |s: &str, f: &dyn Fn(char) -> bool| s.find(|c: char| !f(c)).unwrap_or(s.len());
    let end = if let Some(inner) = t.strip_prefix('第') {
        // `第一阶段：`, the label an ordinal stage gets.
        let n = run(inner, &|c| numeral(c) || digit(c));
        let stage = &inner[n..];
        let rest = (stage
            .strip_prefix("阶段")
            .or_else(|| stage.strip_prefix("階段")))
        .filter(|_| n > 0)?;
        let colon = rest.chars().next().filter(|c| matches!(c, '：' | ':'))?;
        Some(t.len() - rest.len() + colon.len_utf8())
    } else if let Some(inner) = t.strip_prefix(['（', '(']) {
        let n = run(inner, &|c| numeral(c) || digit(c));
        let close = inner[n..]
            .chars()
            .next()
            .filter(|c| matches!(c, '）' | ')'));
        close
            .filter(|_| n > 0)
            .map(|c| t.len() - inner.len() + n + c.len_utf8())
    } else {
        let n = run(t, &numeral);
        let (n, marks): (usize, &[char]) = match n {
            0 => (run(t, &digit), &['.', '．', '、']),
            n => (n, &['、']),
        };
        let mut rest = t[n..].chars();
        let mark = rest.next().filter(|c| n > 0 && marks.contains(c));
        // `1.5` is a figure; `3.2025年10月…` a number before a year.
        let year = |r: std::str::Chars| r.take(5).filter(|c| digit(*c)).count() == 4;
        let after = rest.clone();
        let figure = rest.next().is_some_and(digit)
            && !(year(after.clone()) && after.clone().nth(4) == Some('年'));
        mark.filter(|_| !figure).map(|c| n + c.len_utf8())
    }?;
    t.get(..end)
}

/// The level (1 to 4) and number a heading number [`heading_number`] found stands for:
/// `一、` is level 1, `（一）` level 2, `1.` or `1、` level 3, `（1）` level 4; `None` for an
/// ordinal stage's `第一阶段：` or a numeral it cannot read.
///
/// ```
/// use dossier::text::heading_level;
/// assert_eq!(heading_level("十二、"), Some((1, 12)));
/// assert_eq!(heading_level("(三)"), Some((2, 3)));
/// assert_eq!(heading_level("４．"), Some((3, 4)));
/// assert_eq!(heading_level("（10）"), Some((4, 10)));
/// assert_eq!(heading_level("第二阶段："), None);
/// ```
pub fn heading_level(label: &str) -> Option<(u8, u32)> {
    let t = label.trim();
    let inner = t
        .strip_prefix(['（', '('])
        .and_then(|i| i.strip_suffix(['）', ')']));
    let bare = t.strip_suffix(['、', '.', '．']);
    let (text, bracketed) = match (inner, bare) {
        (Some(i), _) => (i, true),
        (None, Some(b)) => (b, false),
        _ => return None,
    };
    let digits: String = text.chars().map(crate::text::width::to_halfwidth).collect();
    if let Ok(n) = digits.parse::<u32>() {
        return Some((if bracketed { 4 } else { 3 }, n));
    }
    let n = cn_value(text)?;
    Some((if bracketed { 2 } else { 1 }, n))
}

/// The value of a Chinese numeral up to 九百九十九: `十二` → 12, `一百零五` → 105.
fn cn_value(text: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let (mut total, mut current) = (0u32, None::<u32>);
    for c in text.chars() {
        match (c, digit(c)) {
            (_, Some(d)) => current = Some(d as u32),
            ('十', _) => total += current.take().unwrap_or(1) * 10,
            ('百', _) => total += current.take()? * 100,
            _ => return None,
        }
    }
    let n = total + current.unwrap_or(0);
    (n > 0).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cn_numeral_small_numbers() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (2, "二"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (120, "一百二十"),
            (999, "九百九十九"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (1011, "一千零一十一"),
            (2014, "二千零一十四"),
            (9999, "九千九百九十九"),
            (10000, "一万"),
            (10001, "一万零一"),
            (10010, "一万零一十"),
            (10100, "一万零一百"),
            (11000, "一万一千"),
            (12345, "一万二千三百四十五"),
            (20500, "二万零五百"),
            (99_999, "九万九千九百九十九"),
        ];
        for (n, s) in cases {
            assert_eq!(cn_numeral(n), s, "{n}");
        }
    }

    #[test]
    fn cn_numeral_large_numbers() {
        let cases = [
            (100_000, "十万"),
            (150_000, "十五万"),
            (100_010, "十万零一十"),
            (1_000_000, "一百万"),
            (10_001_000, "一千万一千"),
            (10_000_100, "一千万零一百"),
            (100_000_000, "一亿"),
            (100_010_000, "一亿零一万"),
            (100_000_010, "一亿零一十"),
            (110_000_000, "一亿一千万"),
            (101_000_000, "一亿零一百万"),
            (1_000_000_000, "十亿"),
            (u32::MAX, "四十二亿九千四百九十六万七千二百九十五"),
        ];
        for (n, s) in cases {
            assert_eq!(cn_numeral(n), s, "{n}");
        }
    }

    #[test]
    fn heading_labels_by_level() {
        assert_eq!(heading_label(1, 1).as_deref(), Some("一、"));
        assert_eq!(heading_label(1, 10).as_deref(), Some("十、"));
        assert_eq!(heading_label(1, 12).as_deref(), Some("十二、"));
        assert_eq!(heading_label(2, 3).as_deref(), Some("（三）"));
        assert_eq!(heading_label(2, 11).as_deref(), Some("（十一）"));
        assert_eq!(heading_label(3, 1).as_deref(), Some("1."));
        assert_eq!(heading_label(3, 12).as_deref(), Some("12."));
        assert_eq!(heading_label(4, 2).as_deref(), Some("（2）"));
        assert_eq!(heading_label(0, 1), None);
        assert_eq!(heading_label(5, 1), None);
        assert_eq!(heading_label(u8::MAX, 1), None);
        assert_eq!(heading_label(1, 0), None);
        // Full-width parentheses exactly U+FF08 / U+FF09.
        assert_eq!(
            heading_label(2, 1).map(|s| s.chars().map(u32::from).collect::<Vec<_>>()),
            Some(vec![0xFF08, u32::from('一'), 0xFF09])
        );
    }
}
