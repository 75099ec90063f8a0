//! The forms the standard writes out: the 发文字号 (7.2.5: 〔〕 around a four-digit year, no
//! 第, no leading zeros), the 成文日期 (7.3.5.4) and the 印发日期 (7.4.3) (Arabic numerals,
//! the full year, no leading zeros: 2024年3月5日).

use super::Finding;
use super::place::at;
use super::structure::Structure;
use crate::read::finished::{Document, Paragraph};
use crate::text::{Date, format_date, normalize_doc_number};

/// The form findings of `doc`.
pub(super) fn check(doc: &Document, s: &Structure) -> Vec<Finding> {
    let p = |i: &usize| doc.paragraphs.get(*i);
    let mut out = Vec::new();
    let head = s
        .parts
        .first()
        .map(|m| m.head.as_slice())
        .unwrap_or_default();
    for p in head.iter().filter_map(p) {
        out.extend(doc_number_finding(p));
    }
    for p in s.parts.iter().flat_map(|part| &part.dates).filter_map(p) {
        if let Some(why) = date_deviation(p.text.trim()) {
            out.push(at(p, format!("成文日期{why}"), "7.3.5.4"));
        }
    }
    for p in s.end_block.iter().filter_map(p) {
        let issued = super::structure::issued(&p.text).unwrap_or("");
        let date = issued.rsplit(char::is_whitespace).next().unwrap_or("");
        if date_like(date)
            && let Some(why) = date_deviation(date)
        {
            out.push(at(p, format!("印发日期{why}"), "7.4.3"));
        }
    }
    out
}

/// The finding about the 发文字号 in `p`, if it is not in the standard's form.
fn doc_number_finding(p: &Paragraph) -> Option<Finding> {
    let written = doc_number(&p.text)?;
    let message = match normalize_doc_number(written) {
        Ok(standard) if standard == written => return None,
        Ok(standard) => format!(
            "发文字号写作「{written}」，应为「{standard}」：年份用六角括号〔〕括入，序号不加“第”、不编虚位"
        ),
        Err(why) => why,
    };
    Some(at(p, message, "7.2.5"))
}

/// The 发文字号 in `text`: an issuer's code, a four-digit year in brackets of any kind, a
/// number (with 第 or not) and 号.
///
/// `哈办发〔2012〕9号` and `哈办发[2012]第09号` are found; `计划（2024）` is not.
pub(super) fn doc_number(text: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let open = |c: char| "〔[［【(（﹝〖".contains(c);
    let close = |c: char| "〕]］】)）﹞〗".contains(c);
    for start in 0..chars.len() {
        let at = |k: usize| chars.get(start + k).map_or('\0', |&(_, c)| c);
        if !(open(at(0)) && (1..=4).all(|k| digit(at(k))) && close(at(5))) {
            continue;
        }
        let mut k = 6 + usize::from(at(6) == '第');
        let digits = (k..).take_while(|&n| digit(at(n))).count();
        k += digits;
        if digits == 0 || !matches!(at(k), '号' | '號') {
            continue;
        }
        let code = (0..start).rev().take_while(|&n| {
            chars
                .get(n)
                .is_some_and(|&(_, c)| !c.is_whitespace() && !"：:　".contains(c))
        });
        let from = code.last().unwrap_or(start);
        let begin = chars.get(from).map_or(0, |&(b, _)| b);
        let end = chars.get(start + k + 1).map_or(text.len(), |&(b, _)| b);
        return text.get(begin..end);
    }
    None
}

/// Whether `text` is a date standing alone, in any of the forms offices write:
/// `2024年3月5日`, `2024年03月05日`, `24年3月5日`, `2024.3.5`, `2024-03-05`, `二〇二四年三月五日`.
pub(super) fn date_like(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.chars().count())
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    let numerals =
        |s: &str| !s.is_empty() && s.chars().all(|c| "〇○零一二三四五六七八九十".contains(c));
    if let Some((y, rest)) = t.split_once('年')
        && let Some((m, d)) = rest.split_once('月')
        && let Some(d) = d.strip_suffix(['日', '号'])
    {
        return (digits(y, 2..=4) && digits(m, 1..=2) && digits(d, 1..=2))
            || (numerals(y) && numerals(m) && numerals(d));
    }
    ['.', '-', '/'].iter().any(|&sep| {
        let parts: Vec<&str> = t.split(sep).collect();
        matches!(parts.as_slice(), [y, m, d] if digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2))
    })
}

/// What is wrong with the date `text` (one [`date_like`] accepts), if anything: `写作「…」，
/// 应为「…」…`.
fn date_deviation(text: &str) -> Option<String> {
    let standard = match Date::parse(text) {
        Ok(d) => format_date(d),
        Err(why) => {
            return Some(format!(
                "「{text}」不合格式（{why}）：应用阿拉伯数字将年、月、日标全，如 2024年3月5日"
            ));
        }
    };
    (standard != text).then(|| {
        format!("写作「{text}」，应为「{standard}」：用阿拉伯数字将年、月、日标全，年份标全称，月、日不编虚位")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_numbers_are_found_in_their_line() {
        assert_eq!(
            doc_number("　青创城指〔2024〕8号\t签发人：孟庆和"),
            Some("青创城指〔2024〕8号")
        );
        assert_eq!(doc_number("哈办发[2012]第09号"), Some("哈办发[2012]第09号"));
        assert_eq!(doc_number("关于印发《行动计划（2024）》的通知"), None);
    }

    #[test]
    fn dates_in_every_form_are_read() {
        for d in [
            "2024年3月5日",
            "2024年03月05日",
            "24年3月5日",
            "2024.3.5",
            "2024-03-05",
            "二〇二四年三月五日",
        ] {
            assert!(date_like(d), "{d}");
        }
        assert!(!date_like("2024年3月5日下午"));
        assert_eq!(date_deviation("2024年3月5日"), None);
        assert!(
            date_deviation("2024年03月05日")
                .unwrap()
                .contains("应为「2024年3月5日」")
        );
        assert!(
            date_deviation("二〇二四年十二月五日")
                .unwrap()
                .contains("应为「2024年12月5日」")
        );
        assert!(
            date_deviation("24年3月5日")
                .unwrap()
                .contains("年份应为四位数")
        );
    }
}
