//! Dates and months in every form offices write them: Arabic or Chinese numerals
//! (`二〇二四年三月五日`, with 〇, ○ or 零 for zero), `年月日` or `-`, `/`, `.` between the parts,
//! zero-padded or not, full-width digits and spaces anywhere; a date that is no day of the
//! calendar (`2月30日`) is none.

use crate::text::Date;
use crate::text::width::to_halfwidth;

/// The year, month and day `text` writes, when it is a date and nothing else.
///
/// ```
/// use dossier::text::tidy::date;
/// assert_eq!(date("2024年3月5日"), Some((2024, 3, 5)));
/// assert_eq!(date("二〇二四年三月五日"), Some((2024, 3, 5)));
/// assert_eq!(date("2024/03/05"), Some((2024, 3, 5)));
/// assert_eq!(date("2024年2月30日"), None);
/// ```
pub fn date(text: &str) -> Option<(i32, u32, u32)> {
    let text = arabic(text)?;
    let d = Date::parse(&text).ok()?;
    Some((d.year, d.month, d.day))
}

/// The year and month `text` writes, when it is a month and nothing else: `2024年3月`,
/// `二〇二四年三月`, `2024-03`, `2024/3`, `2024.3`.
///
/// ```
/// use dossier::text::tidy::month;
/// assert_eq!(month("2024年3月"), Some((2024, 3)));
/// assert_eq!(month("二〇二四年十二月"), Some((2024, 12)));
/// assert_eq!(month("2024-13"), None);
/// assert_eq!(month("2024年3月5日"), None);
/// ```
pub fn month(text: &str) -> Option<(i32, u32)> {
    let text = arabic(text)?;
    let (year, month) = match text.strip_suffix('月') {
        Some(ym) => ym.split_once('年')?,
        None => ['-', '/', '.']
            .iter()
            .find_map(|&sep| text.split_once(sep))?,
    };
    let (year, month) = (number(year)?, number(month)?);
    let d = Date::new(i32::try_from(year).ok()?, month, 1).ok()?;
    Some((d.year, d.month))
}

/// `text` without spaces, its digits ASCII and its Chinese numerals Arabic: the year digit by
/// digit (二〇二四 → 2024), a month or day by its value (十二 → 12, 廿五 → 25); `None` when a
/// numeral is not one a date writes.
fn arabic(text: &str) -> Option<String> {
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
    fn dates_in_every_form_offices_write() {
        for text in [
            "2024年3月5日",
            "2024年03月05日",
            "2024年3月5号",
            "二〇二四年三月五日",
            "二○二四年三月五日",
            "二零二四年三月五日",
            "2024-3-5",
            "2024-03-05",
            "2024/03/05",
            "2024/3/5",
            "2024.3.5",
            "２０２４年３月５日",
            "2024 年 3 月 5 日",
            " 2024年3月5日 ",
            "２０２４－０３－０５",
        ] {
            assert_eq!(date(text), Some((2024, 3, 5)), "{text}");
        }
        assert_eq!(date("二〇二三年十二月三十一日"), Some((2023, 12, 31)));
        assert_eq!(date("二〇二四年十月二十日"), Some((2024, 10, 20)));
        assert_eq!(date("二〇二四年二月廿九日"), Some((2024, 2, 29)));
        assert_eq!(date("二〇二四年十一月十日"), Some((2024, 11, 10)));
    }

    #[test]
    fn what_is_no_date_is_none() {
        for text in [
            "",
            "2024年2月30日",
            "2023年2月29日",
            "2024年13月1日",
            "2024年3月",
            "2024-3",
            "3月5日",
            "24-3-5",
            "二〇二四年三月三十二日",
            "二〇二四年一十三月五日",
            "二〇二四年三月五日前",
            "2024年3月5日上午",
            "关于2024年3月5日会议的通知",
            "二〇二四年零月五日",
            "二四年三月五日",
        ] {
            assert_eq!(date(text), None, "{text}");
        }
    }

    #[test]
    fn months() {
        for text in [
            "2024年3月",
            "2024年03月",
            "二〇二四年三月",
            "2024-03",
            "2024/3",
            "2024.3",
            "２０２４年３月",
        ] {
            assert_eq!(month(text), Some((2024, 3)), "{text}");
        }
        for text in [
            "",
            "2024年",
            "3月",
            "2024年13月",
            "2024年0月",
            "2024-3-5",
            "2024年3月5日",
            "24年3月",
            "2024年三月份",
        ] {
            assert_eq!(month(text), None, "{text}");
        }
    }
}
