//! The 附件说明 (7.3.4): `附件` and a full-width colon, 2 characters in; one attachment
//! unnumbered, several numbered 1. 2. … with each number under the first; no punctuation
//! after a name; a name that runs over a line goes on under its first character.

use super::Finding;
use super::grid::char_pitch;
use super::place::at;
use super::structure::Structure;
use crate::layout::{Layout, TOLERANCES};
use crate::read::finished::{Document, Paragraph};
use crate::text::width::text_width_em;
use crate::text::{heading_level, heading_number};

/// The label the first line opens with, as the standard writes it.
const LABEL: &str = "附件：";

/// The 附件说明 findings of `doc`.
pub(super) fn check(doc: &Document, s: &Structure, l: &Layout) -> Vec<Finding> {
    let Some(main) = s.parts.first() else {
        return Vec::new();
    };
    let lines: Vec<&Paragraph> = (main.attachment_note.iter())
        .filter_map(|&i| doc.paragraphs.get(i))
        .collect();
    let Some(first) = lines.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let after = first.text.trim().trim_start_matches("附件").trim_start();
    if after.starts_with(':') {
        out.push(at(
            first,
            "「附件」后应为全角冒号「：」".to_string(),
            "7.3.4",
        ));
    }
    let first_item = after.trim_start_matches([':', '：']).trim_start();
    let items = std::iter::once(first_item).chain(lines.iter().skip(1).map(|p| p.text.trim()));
    for (k, (p, item)) in lines.iter().zip(items).enumerate() {
        let line = Line {
            k,
            several: lines.len() > 1,
            text: item,
        };
        out.extend(line.check(doc, p, l).into_iter().map(|m| at(p, m, "7.3.4")));
    }
    out
}

/// Line `k` of the 附件说明, its text after `附件：`.
struct Line<'t> {
    k: usize,
    several: bool,
    text: &'t str,
}

impl Line<'_> {
    /// What is wrong with the line, paragraph `p`: its number, punctuation after the name,
    /// its indents.
    fn check(&self, doc: &Document, p: &Paragraph, l: &Layout) -> Vec<String> {
        let item = self.text;
        let number =
            heading_number(item).filter(|n| heading_level(n).is_some_and(|(lv, _)| lv >= 3));
        let mut out: Vec<String> = numbered(self.k, self.several, number).into_iter().collect();
        let name = item.get(number.map_or(0, str::len)..).unwrap_or(item);
        let closing = name
            .chars()
            .last()
            .filter(|c| "。，、；：！？.,;:!?".contains(*c));
        if let Some(mark) = closing {
            out.push(format!(
                "附件名称「{name}」后加了「{mark}」，附件名称后不加标点符号"
            ));
        }
        let grid = (doc.sections.get(p.section))
            .map(|s| s.grid)
            .unwrap_or_default();
        let indent = Indent {
            first: self.k == 0,
            number: number.unwrap_or(""),
            text: item,
        };
        out.extend(indent.check(p, char_pitch(p, &grid), l));
        out
    }
}

/// What is wrong with line `k`'s number, `number` as written.
fn numbered(k: usize, several: bool, number: Option<&str>) -> Option<String> {
    let want = format!("{}.", k + 1);
    match (several, number) {
        (false, Some(n)) => Some(format!("只有一个附件，不编顺序号（写了「{n}」）")),
        (true, Some(n)) if n == want => None,
        (true, n) => Some(format!(
            "附件顺序号写作「{}」，应为「{want}」",
            n.unwrap_or("")
        )),
        (false, None) => None,
    }
}

/// Where a line of the 附件说明 should start and go on.
struct Indent<'t> {
    /// Whether it is the first line (which opens with `附件：`).
    first: bool,
    /// Its number as written, empty for one attachment.
    number: &'t str,
    /// Its text after `附件：`.
    text: &'t str,
}

impl Indent<'_> {
    /// What is wrong with `p`'s indents, a character being `pitch` twips: the first line 2
    /// characters in (a later one under the first's number), a line that runs over going on
    /// under the name's first character.
    fn check(&self, p: &Paragraph, pitch: Option<f64>, l: &Layout) -> Option<String> {
        let c = pitch.filter(|&c| c > 0.0)?;
        let label = f64::from(text_width_em(LABEL));
        let lead = if self.first { 0.0 } else { label };
        let start = l.first_line_indent_chars + lead;
        let name_at = l.first_line_indent_chars + label + f64::from(text_width_em(self.number));
        let got = (f64::from(p.indent_left) + f64::from(p.first_line)) / c;
        let tolerance = TOLERANCES.chars;
        if (got - start).abs() > tolerance {
            return Some(format!("附件说明这一行左空 {got:.1} 字，应左空 {start} 字"));
        }
        let own = if self.first { label } else { 0.0 };
        let width = start + own + f64::from(text_width_em(self.text));
        let runs_over = width > f64::from(l.chars_per_line);
        let wrapped = f64::from(p.indent_left) / c;
        (runs_over && (wrapped - name_at).abs() > tolerance).then(|| {
            format!(
                "附件名称回行左空 {wrapped:.1} 字，应与上一行附件名称首字对齐（左空 {name_at:.1} 字）"
            )
        })
    }
}
