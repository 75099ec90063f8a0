//! ASCII punctuation typed inside Chinese text made full-width, as GB/T 15834 sets it: a mark
//! with Chinese beside it (spaces and the `**` of bold marks looked past) becomes its
//! full-width form, and the ASCII spaces around it go (the full-width mark carries its own
//! room). Marks between Latin words or digits stay: `1,000`, `3.5`, `10:30`, `Word, WPS`,
//! `(PDF)` beside a Latin word, and everything in a web address or an e-mail address.
//! Brackets and quotation marks are judged in pairs, by what they hold and what is around
//! them; a `.` after a Chinese sentence becomes `。`, after a heading's Chinese numeral `、`
//! (`一.总体要求`), and `...` becomes `……`; a mark that ends a text with Chinese in it is
//! full-width whatever stands before it (`上午8:30.`).

use super::Tidied;
use crate::text::width::is_full_width;

/// `text` with the ASCII punctuation inside Chinese made full-width, each mark counted in
/// `counts.punctuation`.
///
/// ```
/// use dossier::text::tidy::{Tidied, punctuation};
/// let mut counts = Tidied::default();
/// let text = r#"各单位要加强领导,明确责任(见附件1);时间:10:30,共1,000人."文明"..."#;
/// assert_eq!(
///     punctuation(text, &mut counts),
///     "各单位要加强领导，明确责任（见附件1）；时间：10:30，共1,000人。“文明”……"
/// );
/// assert_eq!(counts.punctuation, 10);
/// assert_eq!(punctuation("Word, WPS (PDF) http://a.cn/x?y=1", &mut counts), "Word, WPS (PDF) http://a.cn/x?y=1");
/// ```
pub fn punctuation(text: &str, counts: &mut Tidied) -> String {
    let chars: Vec<char> = text.chars().collect();
    let context = Context::new(&chars);
    let mut out = String::with_capacity(text.len());
    let (mut i, mut after_mark) = (0, false);
    while let Some(&c) = chars.get(i) {
        if after_mark && c == ' ' {
            i += 1;
            continue;
        }
        after_mark = false;
        match context.full_width(i) {
            Some((mark, taken)) => {
                out.truncate(out.trim_end_matches(' ').len());
                out.push_str(mark);
                counts.punctuation += 1;
                (i, after_mark) = (i + taken, true);
            }
            None => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// What is known of a text to judge each mark in it.
struct Context<'c> {
    chars: &'c [char],
    /// Characters in web or e-mail addresses, left as they are.
    kept: Vec<bool>,
    /// Each bracket's and quotation mark's partner, where it has one.
    partner: Vec<Option<usize>>,
    /// Whether each quotation mark opens (else it closes).
    opens: Vec<bool>,
    /// Chinese characters before each place, to tell whether a pair holds any.
    chinese_before: Vec<usize>,
    /// Where the text starts after its leading spaces.
    first: usize,
}

impl<'c> Context<'c> {
    fn new(chars: &'c [char]) -> Context<'c> {
        let mut chinese_before = vec![0; chars.len() + 1];
        for (i, &c) in chars.iter().enumerate() {
            chinese_before[i + 1] = chinese_before[i] + usize::from(is_chinese(c));
        }
        let (partner, opens) = pairs(chars);
        Context {
            chars,
            kept: addresses(chars),
            partner,
            opens,
            chinese_before,
            first: chars.iter().take_while(|c| c.is_whitespace()).count(),
        }
    }

    /// The full-width form of the mark at `i` and how many characters it replaces, when it
    /// is one to change.
    fn full_width(&self, i: usize) -> Option<(&'static str, usize)> {
        if self.kept.get(i).copied().unwrap_or(true) {
            return None;
        }
        let mark = match self.chars.get(i)? {
            ',' => "，",
            ';' => "；",
            ':' => "：",
            '?' => "？",
            '!' => "！",
            '.' => return self.dots(i),
            '(' | ')' => return self.bracket(i),
            '"' | '\'' => return self.quote(i),
            _ => return None,
        };
        let (before, after) = (self.before(i), self.after(i));
        let beside = is_chinese_at(before) || is_chinese_at(after);
        (beside || self.ends_chinese(i, after)).then_some((mark, 1))
    }

    /// Whether the mark at `i` ends a text that has Chinese before it: a Chinese sentence
    /// ending in a figure or a Latin word (`上午8:30.`, `使用WPS?`).
    fn ends_chinese(&self, i: usize, after: Option<char>) -> bool {
        after.is_none() && self.chinese_before[i] > 0
    }

    /// `.`: a run of three or more is `……` beside Chinese; one after a heading's Chinese
    /// numeral `、`, after Chinese at a sentence's end `。`.
    fn dots(&self, i: usize) -> Option<(&'static str, usize)> {
        if i > 0 && self.chars[i - 1] == '.' {
            return None;
        }
        let run = self.chars[i..].iter().take_while(|&&c| c == '.').count();
        let (before, after) = (self.before(i), self.after(i + run - 1));
        let ends = self.ends_chinese(i, after);
        let chinese = is_chinese_at(before) || is_chinese_at(after) || ends;
        match run {
            1 if self.opens_with_numeral(i) => Some(("、", 1)),
            1 if (is_chinese_at(before) && !is_latin_at(after)) || ends => Some(("。", 1)),
            3.. if chinese => Some(("……", run)),
            _ => None,
        }
    }

    /// Whether the text before `i` is a Chinese numeral alone: a heading's number (`一.`).
    fn opens_with_numeral(&self, i: usize) -> bool {
        let start = i.saturating_sub(4);
        let head = &self.chars[start..i];
        let numeral = |c: &char| "一二三四五六七八九十".contains(*c);
        let digits = head.iter().rev().take_while(|c| numeral(c)).count();
        (1..=3).contains(&digits) && i - digits == self.first
    }

    /// `(` or `)`: full-width with the pair when the pair holds Chinese, its partner is
    /// full-width, or Chinese is beside it and no Latin word is.
    fn bracket(&self, i: usize) -> Option<(&'static str, usize)> {
        let mark = if self.chars[i] == '(' { "（" } else { "）" };
        self.pair_is_chinese(i).then_some((mark, 1))
    }

    /// `"` or `'`: judged as a bracket is, opening or closing as its place says; an
    /// apostrophe inside a Latin word (`don't`) stays.
    fn quote(&self, i: usize) -> Option<(&'static str, usize)> {
        let double = self.chars[i] == '"';
        let mark = match (double, self.opens.get(i).copied().unwrap_or(false)) {
            (true, true) => "“",
            (true, false) => "”",
            (false, true) => "‘",
            (false, false) => "’",
        };
        let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() && !is_chinese(*c));
        let inside_word =
            !double && word(self.chars.get(i.wrapping_sub(1))) && word(self.chars.get(i + 1));
        (!inside_word && self.pair_is_chinese(i)).then_some((mark, 1))
    }

    fn pair_is_chinese(&self, i: usize) -> bool {
        let Some(j) = self.partner.get(i).copied().flatten() else {
            let (before, after) = (self.before(i), self.after(i));
            return chinese_not_latin(before, after);
        };
        let (open, close) = (i.min(j), i.max(j));
        let holds = self.chinese_before[close] > self.chinese_before[open + 1];
        holds
            || !self.chars[j].is_ascii()
            || chinese_not_latin(self.before(open), self.after(close))
    }

    /// The nearest character before `i` that is not looked past.
    fn before(&self, i: usize) -> Option<char> {
        self.chars[..i].iter().rev().copied().find(|&c| !skipped(c))
    }

    /// The nearest character after `i` that is not looked past.
    fn after(&self, i: usize) -> Option<char> {
        self.chars
            .get(i + 1..)?
            .iter()
            .copied()
            .find(|&c| !skipped(c))
    }
}

/// What a mark's neighbours are looked past for: spaces, a bold mark's `*`, and the ASCII
/// brackets and quotation marks that are judged by what they hold.
fn skipped(c: char) -> bool {
    matches!(c, ' ' | '*' | '(' | ')' | '"' | '\'')
}

/// Chinese text, or a full-width mark set in it.
fn is_chinese(c: char) -> bool {
    is_full_width(c)
}

fn is_chinese_at(c: Option<char>) -> bool {
    c.is_some_and(is_chinese)
}

fn is_latin_at(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() && !is_chinese(c))
}

/// Chinese beside a mark, and no Latin word or digit on its other side.
fn chinese_not_latin(before: Option<char>, after: Option<char>) -> bool {
    (is_chinese_at(before) || is_chinese_at(after)) && !is_latin_at(before) && !is_latin_at(after)
}

/// Each bracket's and quotation mark's partner, ASCII and full-width ones paired alike, and
/// whether each quotation mark opens: a straight one opens unless one is open.
fn pairs(chars: &[char]) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut partner = vec![None; chars.len()];
    let mut opens = vec![false; chars.len()];
    let mut brackets = Vec::new();
    let mut quotes: [Option<usize>; 2] = [None, None];
    for (i, &c) in chars.iter().enumerate() {
        let kind = usize::from(matches!(c, '\'' | '‘' | '’'));
        let open_quote = match c {
            '(' | '（' => {
                brackets.push(i);
                continue;
            }
            ')' | '）' => {
                if let Some(o) = brackets.pop() {
                    (partner[o], partner[i]) = (Some(i), Some(o));
                }
                continue;
            }
            '“' | '‘' => true,
            '”' | '’' => false,
            '"' | '\'' => quotes[kind].is_none(),
            _ => continue,
        };
        opens[i] = open_quote;
        match (open_quote, quotes[kind].take()) {
            (true, _) => quotes[kind] = Some(i),
            (false, Some(o)) => (partner[o], partner[i]) = (Some(i), Some(o)),
            (false, None) => {}
        }
    }
    (partner, opens)
}

/// Which characters are in a web address (`http://`, `https://`, `ftp://`, `www.`) or an
/// e-mail address, up to a space, a Chinese character or a closing bracket; a sentence's
/// mark at the end is not part of it.
fn addresses(chars: &[char]) -> Vec<bool> {
    let mut kept = vec![false; chars.len()];
    let url = |c: &char| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '(' | ')');
    let mail = |c: &char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..]
            .iter()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        let starts = ["http://", "https://", "ftp://", "www."]
            .iter()
            .any(|p| rest.starts_with(p));
        let word_start = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        let (from, to) = if starts && word_start {
            (i, i + chars[i..].iter().take_while(|c| url(c)).count())
        } else if chars[i] == '@' {
            let left = chars[..i].iter().rev().take_while(|c| mail(c)).count();
            (
                i - left,
                i + 1 + chars[i + 1..].iter().take_while(|c| mail(c)).count(),
            )
        } else {
            i += 1;
            continue;
        };
        let to = from
            + chars[from..to]
                .iter()
                .rposition(|c| !".,;:!?".contains(*c))
                .map_or(0, |p| p + 1);
        kept[from..to].iter_mut().for_each(|k| *k = true);
        i = to.max(i + 1);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tidy(text: &str) -> (String, usize) {
        let mut counts = Tidied::default();
        let out = punctuation(text, &mut counts);
        (out, counts.punctuation)
    }

    #[test]
    fn marks_beside_chinese_become_full_width() {
        for (typed, tidied, n) in [
            ("加强领导,明确责任", "加强领导，明确责任", 1),
            ("加强领导, 明确责任", "加强领导，明确责任", 1),
            ("一是抓宣传;二是抓整治", "一是抓宣传；二是抓整治", 1),
            ("联系电话:12345", "联系电话：12345", 1),
            ("怎么办?怎么干!", "怎么办？怎么干！", 2),
            ("请各单位于3月5日前报送.", "请各单位于3月5日前报送。", 1),
            (
                "完成整改.下一步要巩固成果.",
                "完成整改。下一步要巩固成果。",
                2,
            ),
            ("(一)组织领导", "（一）组织领导", 2),
            ("(1)加强宣传", "（1）加强宣传", 2),
            ("提交材料(PDF格式)", "提交材料（PDF格式）", 2),
            ("提交材料(PDF)", "提交材料（PDF）", 2),
            ("学习\"两会\"精神", "学习“两会”精神", 2),
            ("他说:\"要抓'落实'\".", "他说：“要抓‘落实’”。", 6),
            ("各单位要...", "各单位要……", 1),
            ("整治......持续", "整治……持续", 1),
            ("一.总体要求", "一、总体要求", 1),
            ("十二.附则", "十二、附则", 1),
            ("共3,其中", "共3，其中", 1),
            ("**加强领导.**各单位", "**加强领导。**各单位", 1),
            ("（见附件1)", "（见附件1）", 1),
            ("使用WPS, 提高效率", "使用WPS，提高效率", 1),
            ("每周一上午7:30-8:30.", "每周一上午7:30-8:30。", 1),
            ("是否使用WPS?", "是否使用WPS？", 1),
            ("见www.wenming.cn.", "见www.wenming.cn。", 1),
            (
                "(邮箱:wmb@example.gov.cn).",
                "（邮箱：wmb@example.gov.cn）。",
                4,
            ),
        ] {
            assert_eq!(tidy(typed), (tidied.to_string(), n), "{typed}");
        }
    }

    #[test]
    fn marks_in_figures_dates_addresses_and_latin_stay() {
        for kept in [
            "共1,000人",
            "增长3.5%",
            "上午10:30召开",
            "2024-03-05",
            "2024.3.5",
            "比例为1:2",
            "使用Word, WPS等软件",
            "Adobe Reader (PDF)",
            "使用WPS(PDF)格式",
            "登录http://wmb.gov.cn/a?b=1,2;c=3查看",
            "网址：https://www.example.cn/index.html。",
            "发送至wmb@example.gov.cn，",
            "方案.docx",
            "附件1.台账目录",
            "第3.2条",
            "1.加强领导",
            "don't",
            "e.g. Word",
            "etc...",
            "Hello, world!",
            "",
            "...",
            "**",
        ] {
            assert_eq!(tidy(kept), (kept.to_string(), 0), "{kept}");
        }
    }

    #[test]
    fn pairs_are_found_across_the_text() {
        let (partner, opens) = pairs(&"(a(b)c)\"d\"“e\"".chars().collect::<Vec<_>>());
        assert_eq!(partner[0], Some(6));
        assert_eq!(partner[2], Some(4));
        assert_eq!(partner[7], Some(9));
        assert_eq!(partner[10], Some(12));
        assert!(opens[7] && !opens[9] && opens[10] && !opens[12]);
    }

    #[test]
    fn long_texts_of_marks_take_linear_time() {
        let text = "(".repeat(50_000) + "文" + &")".repeat(50_000);
        let started = std::time::Instant::now();
        let (out, n) = tidy(&text);
        assert_eq!(n, 100_000);
        assert!(out.starts_with("（（") && out.ends_with("））"));
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }
}
