//! The clean-up offices expect of text typed by hand, each change counted so that a report can
//! say what was changed: ASCII punctuation inside Chinese text made full-width, full-width
//! digits and Latin letters made ASCII (GB/T 9704 sets Arabic digits half-width), a 发文字号's
//! brackets and number in the standard form, spaces inside a person's name removed, and dates
//! standing alone put in the standard form.

mod dates;
mod punctuation;
mod spaces;

pub use dates::date;
pub use punctuation::punctuation;
pub use spaces::spaces;

use super::doc_number::normalize_doc_number;
use super::name::{align_name, is_han, unpadded_name};
use super::width::to_halfwidth;

/// How many changes of each kind the clean-up made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tidied {
    /// ASCII punctuation made full-width (`,` → `，`), `...` made `……`.
    pub punctuation: usize,
    /// 发文字号 put in the standard form (`[2024]` → `〔2024〕`, `03号` → `3号`).
    pub brackets: usize,
    /// Names whose spaces were removed (`张  三` → `张三`).
    pub name_spaces: usize,
    /// Dates standing alone written in another form put in the standard one
    /// (`2024-03-05` → `2024年3月5日`).
    pub dates: usize,
    /// Full-width digits and Latin letters made ASCII (`２０２４` → `2024`).
    pub digits: usize,
}

impl Tidied {
    /// All the changes made.
    ///
    /// ```
    /// let t = dossier::text::tidy::Tidied { punctuation: 3, digits: 4, ..Default::default() };
    /// assert_eq!(t.total(), 7);
    /// ```
    pub fn total(&self) -> usize {
        self.punctuation + self.brackets + self.name_spaces + self.dates + self.digits
    }
}

/// `text` with full-width digits and Latin letters (`０`–`９`, `Ａ`–`Ｚ`, `ａ`–`ｚ`) made ASCII,
/// each counted in `counts.digits`; full-width punctuation stays.
///
/// ```
/// use dossier::text::tidy::{Tidied, digits};
/// let mut counts = Tidied::default();
/// assert_eq!(digits("２０２４年第３季度ＷＰＳ培训（共５期）", &mut counts), "2024年第3季度WPS培训（共5期）");
/// assert_eq!(counts.digits, 9);
/// ```
pub fn digits(text: &str, counts: &mut Tidied) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                counts.digits += 1;
                to_halfwidth(c)
            }
            _ => c,
        })
        .collect()
}

/// `text` as a 发文字号 in the standard form `机关代字〔年份〕序号号`, counted in
/// `counts.brackets` when that changed it; `None` when `text` is no 发文字号. The year may be
/// in `[]`, `【】`, `()`, `（）`, `［］`, `﹝﹞`, `〔〕` or followed by `年`; the number may have
/// leading zeros or `第`; digits may be full-width and spaces anywhere.
///
/// ```
/// use dossier::text::tidy::{Tidied, doc_no};
/// let mut counts = Tidied::default();
/// assert_eq!(doc_no("青文明办[2024]3号", &mut counts).as_deref(), Some("青文明办〔2024〕3号"));
/// assert_eq!(doc_no("青文明办2024年第03号", &mut counts).as_deref(), Some("青文明办〔2024〕3号"));
/// assert_eq!(doc_no("青文明办〔2024〕3号", &mut counts).as_deref(), Some("青文明办〔2024〕3号"));
/// assert_eq!(counts.brackets, 2);
/// assert_eq!(doc_no("根据2024年3号文件", &mut counts), None);
/// ```
pub fn doc_no(text: &str, counts: &mut Tidied) -> Option<String> {
    let shown = text.trim();
    let standard = normalize_doc_number(&year_bracketed(shown)).ok()?;
    let code = standard.split('〔').next().unwrap_or_default();
    let is_code =
        code.chars().count() <= 20 && code.chars().all(|c| is_han(c) || c.is_ascii_alphabetic());
    if !is_code {
        return None;
    }
    if standard != shown {
        counts.brackets += 1;
    }
    Some(standard)
}

/// A 发文字号 written with `2024年` and no brackets, bracketed: `青办2024年3号` →
/// `青办〔2024〕3号`; any other text as it is.
fn year_bracketed(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(to_halfwidth)
        .collect();
    let year = chars
        .windows(5)
        .position(|w| w[..4].iter().all(char::is_ascii_digit) && w[4] == '年');
    match year {
        Some(at) if at > 0 && !chars.iter().any(|&c| is_year_bracket(c)) => {
            let part = |r: std::ops::Range<usize>| chars.get(r).unwrap_or_default().iter();
            let (code, year) = (part(0..at).collect::<String>(), part(at..at + 4));
            let rest: String = part(at + 5..chars.len()).collect();
            format!("{code}〔{}〕{rest}", year.collect::<String>())
        }
        _ => text.to_string(),
    }
}

fn is_year_bracket(c: char) -> bool {
    "〔〕[]［］【】()（）﹝﹞〖〗".contains(c)
}

/// A name or unit with the spaces typed inside it removed (`text::unpadded_name`), counted
/// in `counts.name_spaces` when that changed more than its ends, unless the name was padded
/// as a roster sets it (`杨　杰`, which dossier pads so again).
///
/// ```
/// use dossier::text::tidy::{Tidied, name};
/// let mut counts = Tidied::default();
/// assert_eq!(name("张  三", &mut counts), "张三");
/// assert_eq!(name("欧阳 小 明", &mut counts), "欧阳小明");
/// assert_eq!(name(" 市城管局 ", &mut counts), "市城管局");
/// assert_eq!(name("John Smith", &mut counts), "John Smith");
/// assert_eq!(name("杨　杰", &mut counts), "杨杰");
/// assert_eq!(counts.name_spaces, 2);
/// ```
pub fn name(text: &str, counts: &mut Tidied) -> String {
    let unpadded = unpadded_name(text);
    let typed = text.trim();
    if unpadded != typed && align_name(&unpadded) != typed {
        counts.name_spaces += 1;
    }
    unpadded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_letters_made_ascii_and_nothing_else() {
        let mut counts = Tidied::default();
        assert_eq!(digits("ＧＢ／Ｔ　９７０４", &mut counts), "GB／T　9704");
        assert_eq!(counts.digits, 7);
        let mut counts = Tidied::default();
        for kept in ["2024年3月", "（一）", "①②", "一二三", "，。：；"] {
            assert_eq!(digits(kept, &mut counts), kept);
        }
        assert_eq!(counts, Tidied::default());
    }

    #[test]
    fn doc_numbers_as_offices_type_them() {
        let standard = "青文明办〔2024〕3号";
        for typed in [
            "青文明办[2024]3号",
            "青文明办【2024】3号",
            "青文明办(2024)3号",
            "青文明办（2024）3号",
            "青文明办［2024］3号",
            "青文明办﹝2024﹞3号",
            "青文明办〔2024〕03号",
            "青文明办〔2024〕第3号",
            "青文明办2024年3号",
            "青文明办2024年第003号",
            "青文明办 〔２０２４〕 ３ 号",
            " 青文明办〔2024〕3号\t",
        ] {
            let mut counts = Tidied::default();
            assert_eq!(
                doc_no(typed, &mut counts).as_deref(),
                Some(standard),
                "{typed}"
            );
            assert_eq!(
                counts.brackets,
                usize::from(typed.trim() != standard),
                "{typed}"
            );
        }
        let mut counts = Tidied::default();
        assert_eq!(
            doc_no("港辦發[2024]第03號", &mut counts).as_deref(),
            Some("港辦發〔2024〕3號")
        );
        assert_eq!(
            doc_no("GAB[2024]3号", &mut counts).as_deref(),
            Some("GAB〔2024〕3号")
        );
    }

    #[test]
    fn text_that_is_no_doc_number_is_none() {
        let mut counts = Tidied::default();
        for text in [
            "",
            "2024年3号",
            "〔2024〕3号",
            "青文明办〔2024〕",
            "青文明办〔24〕3号",
            "根据青文明办〔2024〕3号文件",
            "经研究，〔2024〕3号",
            "青文明办〔2024〕三号",
            "关于印发2024年工作要点的通知",
            "二〇二四年三月五日",
        ] {
            assert_eq!(doc_no(text, &mut counts), None, "{text}");
        }
        assert_eq!(counts.brackets, 0);
    }

    #[test]
    fn spaces_inside_names_taken_out() {
        let mut counts = Tidied::default();
        for (typed, name_) in [
            ("张  三", "张三"),
            ("张　三", "张三"),
            ("张\u{3000}\u{3000}三", "张三"),
            (" 王 小 明 ", "王小明"),
            ("欧阳 小 明", "欧阳小明"),
            ("司马 相如", "司马相如"),
            ("Li  Ming", "Li Ming"),
        ] {
            assert_eq!(name(typed, &mut counts), name_, "{typed}");
        }
        assert_eq!(counts.name_spaces, 6, "张　三 is a roster's padding");
        let mut counts = Tidied::default();
        for (typed, kept) in [
            ("张三", "张三"),
            (" 李四 ", "李四"),
            ("John Smith", "John Smith"),
            ("买买提·艾力", "买买提·艾力"),
        ] {
            assert_eq!(name(typed, &mut counts), kept, "{typed}");
        }
        assert_eq!(counts.name_spaces, 0);
    }
}
