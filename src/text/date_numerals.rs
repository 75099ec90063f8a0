//! Dates written in Chinese numerals (`二〇二四年三月五日`, with 〇, ○ or 零 for zero) read as
//! Arabic, so that one date reader serves every form offices write.

use super::width::to_halfwidth;

/// `text` without spaces, its digits ASCII and its Chinese numerals Arabic: the year digit by
/// digit (二〇二四 → 2024), a month or day by its value (十二 → 12, 廿五 → 25); `None` when a
/// numeral is not one a date writes.
pub(crate) fn arabic(text: &str) -> Option<String> {
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(to_halfwidth)
        .collect();
    if !text
        .chars()
        .any(|c| cn_digit(c).is_some() || "十廿卅".contains(c))
    {
        return Some(text);
    }
    let (year, rest) = text.split_once('年')?;
    let year: String = year
        .chars()
        .map(|c| cn_digit(c).or(c.to_digit(10)))
        .map(|d| d.and_then(|d| char::from_digit(d, 10)))
        .collect::<Option<_>>()?;
    let mut out = format!("{year}年");
    let mut part = String::new();
    for c in rest.chars() {
        if matches!(c, '月' | '日' | '号') {
            out.push_str(&cn_number(&part)?.to_string());
            out.push(c);
            part.clear();
        } else {
            part.push(c);
        }
    }
    part.is_empty().then_some(out)
}

/// The value of one Chinese digit, zero written 〇, ○ (a circle, as typed for 〇) or 零.
fn cn_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1),
    }
}

/// A month or day, 1 to 39, in Arabic or Chinese numerals: 5, 05, 五, 十, 十五, 二十, 二十五,
/// 廿五, 三十一, 卅一.
fn cn_number(s: &str) -> Option<u32> {
    if let Some(n) = number(s) {
        return Some(n);
    }
    let chars: Vec<char> = s.chars().collect();
    let tens = |c: char| match c {
        '十' => Some(1),
        '廿' => Some(2),
        '卅' => Some(3),
        _ => None,
    };
    match chars.as_slice() {
        [d] => cn_digit(*d).filter(|&d| d > 0).or(tens(*d).map(|t| t * 10)),
        [t, d] if tens(*t).is_some() => Some(tens(*t)? * 10 + cn_digit(*d).filter(|&d| d > 0)?),
        [d, '十'] => Some(cn_digit(*d).filter(|&d| d > 1)? * 10),
        [d, '十', e] => {
            Some(cn_digit(*d).filter(|&d| d > 1)? * 10 + cn_digit(*e).filter(|&e| e > 0)?)
        }
        _ => None,
    }
}

/// An Arabic number of at most four digits.
fn number(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_read_as_arabic() {
        assert_eq!(
            arabic("二〇二四年三月五日").as_deref(),
            Some("2024年3月5日")
        );
        assert_eq!(
            arabic("二○二三年十二月三十一日").as_deref(),
            Some("2023年12月31日")
        );
        assert_eq!(
            arabic("二零二四年二月廿九日").as_deref(),
            Some("2024年2月29日")
        );
        assert_eq!(arabic("二〇二四年十一月").as_deref(), Some("2024年11月"));
        assert_eq!(
            arabic(" ２０２４ 年3月5日").as_deref(),
            Some("2024年3月5日")
        );
    }

    #[test]
    fn numerals_no_date_writes_are_none() {
        for text in [
            "二四x年三月五日",
            "二〇二四年一十三月五日",
            "二〇二四年三月五日前",
            "二〇二四年零月五日",
        ] {
            assert_eq!(arabic(text), None, "{text}");
        }
    }
}
