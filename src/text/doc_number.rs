//! 发文字号 as typed, normalised to the standard form `机关代字〔年份〕序号号`.

use super::width::to_halfwidth;

const DOC_NUMBER_HINT: &str = "发文字号应写作 机关代字〔年份〕序号号，如 哈办发〔2012〕9号";

fn is_year_open(c: char) -> bool {
    matches!(c, '〔' | '[' | '［' | '【' | '(' | '（' | '﹝' | '〖')
}

fn is_year_close(c: char) -> bool {
    matches!(c, '〕' | ']' | '］' | '】' | ')' | '）' | '﹞' | '〗')
}

/// Normalises a 发文字号 as typed by a secretary into the standard form.
///
/// Accepts [] 【】 () （） ［］ 〔〕 (and the look-alikes ﹝﹞ 〖〗) around the year, full-width
/// digits, a "第" before the number, leading zeros and spaces anywhere:
/// `normalize_doc_number("哈办发[2012]第09号")` → `Ok("哈办发〔2012〕9号")`.
/// Err (Chinese) without a bracketed four-digit year, an issuer code before it, or a
/// number ending in 号 (or, in traditional script, 號, which is kept) after it; the message ends with `发文字号应写作 机关代字〔年份〕序号号，如 哈办发〔2012〕9号`.
pub fn normalize_doc_number(s: &str) -> Result<String, String> {
    let shown = s.trim();
    let fail = |why: &str| format!("发文字号“{shown}”{why}；{DOC_NUMBER_HINT}");
    // Spaces carry no meaning inside a 发文字号; full-width digits are an IME habit.
    let chars: Vec<char> = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if matches!(c, '０'..='９') {
                to_halfwidth(c)
            } else {
                c
            }
        })
        .collect();
    let pos = chars
        .windows(6)
        .position(|w| {
            matches!(w, [open, a, b, c, d, close]
                if is_year_open(*open)
                    && is_year_close(*close)
                    && [a, b, c, d].iter().all(|x| x.is_ascii_digit()))
        })
        .ok_or_else(|| fail("缺少括号内的四位年份"))?;
    let prefix: String = chars.get(..pos).unwrap_or_default().iter().collect();
    let year: String = chars
        .get(pos + 1..pos + 5)
        .unwrap_or_default()
        .iter()
        .collect();
    let rest: String = chars.get(pos + 6..).unwrap_or_default().iter().collect();
    if prefix.is_empty() {
        return Err(fail("缺少机关代字"));
    }
    let numbered = rest.strip_prefix('第').unwrap_or(&rest);
    // A traditional-script document writes 號, and keeps it.
    let (digits, hao) = match numbered.strip_suffix('號') {
        Some(d) => (d, '號'),
        None => (numbered.strip_suffix('号').unwrap_or(""), '号'),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fail("缺少以“号”结尾的序号"));
    }
    let seq = digits.trim_start_matches('0');
    if seq.is_empty() {
        return Err(fail("的序号不能为0"));
    }
    Ok(format!("{prefix}〔{year}〕{seq}{hao}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_doc_number_variants() {
        let ok = "哈办发〔2012〕9号".to_string();
        for s in [
            "哈办发〔2012〕9号",
            "哈办发[2012]9号",
            "哈办发【2012】9号",
            "哈办发(2012)9号",
            "哈办发（2012）9号",
            "哈办发［2012］9号",
            "哈办发﹝2012﹞9号",
            "哈办发〖2012〗9号",
            "哈办发〔2012〕09号",
            "哈办发〔2012〕009号",
            "哈办发〔2012〕第9号",
            "哈办发[2012]第09号",
            "  哈办发 〔2012〕 9 号 ",
            "哈办发　〔２０１２〕９号",
            "哈办发(2012]9号",
        ] {
            assert_eq!(normalize_doc_number(s), Ok(ok.clone()), "{s}");
        }
        assert_eq!(
            normalize_doc_number("港辦發[2024]第03號"),
            Ok("港辦發〔2024〕3號".to_string()),
            "traditional script keeps 號"
        );
        assert_eq!(
            normalize_doc_number("哈文明办发〔2014〕120号"),
            Ok("哈文明办发〔2014〕120号".to_string())
        );
        assert_eq!(
            normalize_doc_number("哈办发〔2012〕100号"),
            Ok("哈办发〔2012〕100号".to_string())
        );
    }

    #[test]
    fn normalize_doc_number_errors() {
        for s in [
            "",
            "哈办发2012年9号",
            "哈办发〔12〕9号",
            "哈办发〔20120〕9号",
            "〔2012〕9号",
            "哈办发〔2012〕9",
            "哈办发〔2012〕号",
            "哈办发〔2012〕第号",
            "哈办发〔2012〕九号",
            "哈办发〔2012〕9号文",
            "哈办发〔2012〕0号",
            "哈办发〔2012〕00号",
            "〔",
        ] {
            let e = normalize_doc_number(s).err().unwrap_or_default();
            assert!(
                e.contains("发文字号应写作 机关代字〔年份〕序号号，如 哈办发〔2012〕9号"),
                "{s}: {e}"
            );
        }
        let e = normalize_doc_number("哈办发〔2012〕0号")
            .err()
            .unwrap_or_default();
        assert!(e.contains("不能为0"), "{e}");
    }
}
