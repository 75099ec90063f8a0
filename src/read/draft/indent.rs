//! How a plain-text draft sets its lines with spaces: body paragraphs start at one indent
//! (two full-width spaces, four ASCII ones, a tab), and a short line indented far more than
//! that is set apart: a title centred by spaces, a signature or a date pushed to the right.
//! A set-apart line is centred when its middle is the middle of the line (the draft's own,
//! when it is broken into lines of one length by hand; else GB/T 9704's 28 characters), or
//! when it comes before the body, where only a title is set apart.

use crate::layout::GBT9704;
use crate::text::width::set_width_em;

/// A line at least this wide (em) is body text: wider than a title or a signature.
const BODY_EM: f64 = 24.0;
/// A line indented this much more (em) than the body is set apart.
const SET_APART_EM: f64 = 4.0;
/// A set-apart line is no wider (em): a body paragraph indented by mistake is.
const SHORT_EM: f64 = 40.0;
/// How far (em) a centred line's middle may be from the line's.
const CENTRE_SLACK_EM: f64 = 2.0;
/// A tab at a line's start, as Notepad sets it (8 columns, 4 em).
const TAB_EM: f64 = 4.0;

/// A line's indent and the width of its text, in em.
#[derive(Debug, Clone, Copy)]
struct Measure {
    indent: f64,
    width: f64,
}

fn measure(line: &str) -> Measure {
    let text = line.trim_start();
    let lead = line.get(..line.len() - text.len()).unwrap_or_default();
    let indent = lead.chars().fold(0.0, |at, c| match c {
        '\t' => (at / TAB_EM + 1.0).floor() * TAB_EM,
        c if crate::text::width::char_width(c) >= 1.0 => at + 1.0,
        _ => at + 0.5,
    });
    Measure {
        indent,
        width: set_width_em(text.trim_end()),
    }
}

/// How a draft's body is set, to tell the lines set apart from it.
#[derive(Debug)]
pub(super) struct Setting {
    body_indent: f64,
    line_em: f64,
    /// The first body line's index.
    first_body: usize,
}

impl Setting {
    /// The setting of `lines` (blank ones included).
    pub(super) fn of(lines: &[&str]) -> Setting {
        let measures: Vec<Measure> = lines.iter().map(|l| measure(l)).collect();
        let shown = measures
            .iter()
            .zip(lines)
            .filter(|(_, l)| !l.trim().is_empty());
        let body: Vec<Measure> = shown.clone().map(|(m, _)| *m).filter(is_body).collect();
        let all: Vec<Measure> = shown.map(|(m, _)| *m).collect();
        let body_indent = most_common_indent(if body.is_empty() { &all } else { &body });
        let first_body = measures
            .iter()
            .position(|m| is_body(m) && m.indent < body_indent + SET_APART_EM)
            .unwrap_or(measures.len());
        Setting {
            body_indent,
            line_em: line_em(&body),
            first_body,
        }
    }

    /// Whether line `index`, `line`, is set apart from the body and centred.
    pub(super) fn centred(&self, index: usize, line: &str) -> bool {
        let m = measure(line);
        let apart = m.indent >= self.body_indent + SET_APART_EM && m.width <= SHORT_EM;
        let middle = m.indent + m.width / 2.0;
        apart && (index < self.first_body || (middle - self.line_em / 2.0).abs() <= CENTRE_SLACK_EM)
    }
}

fn is_body(m: &Measure) -> bool {
    m.width >= BODY_EM
}

/// The indent most of `lines` have, to half an em; the least among equals.
fn most_common_indent(lines: &[Measure]) -> f64 {
    let mut halves: Vec<u32> = lines.iter().map(|m| (m.indent * 2.0) as u32).collect();
    halves.sort_unstable();
    let mut best = (0, 0);
    for run in halves.chunk_by(|a, b| a == b) {
        if run.len() > best.1 {
            best = (run[0], run.len());
        }
    }
    f64::from(best.0) / 2.0
}

/// The width of the draft's lines: where most body lines end when it is broken into lines by
/// hand (they end within an em of the longest), else GB/T 9704's.
fn line_em(body: &[Measure]) -> f64 {
    let ends: Vec<f64> = body.iter().map(|m| m.indent + m.width).collect();
    let longest = ends.iter().copied().fold(0.0, f64::max);
    let full = ends.iter().filter(|&&e| longest - e <= 1.0).count();
    if body.len() >= 3 && full * 2 >= body.len() && longest <= SHORT_EM * 1.5 {
        longest
    } else {
        f64::from(GBT9704.chars_per_line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "　　为深入推进全国文明城市创建工作，进一步提升城市文明程度和市民文明素质，结合我市实际，制定本方案。";

    fn centred(lines: &[&str]) -> Vec<usize> {
        let setting = Setting::of(lines);
        (0..lines.len())
            .filter(|&i| setting.centred(i, lines[i]))
            .collect()
    }

    #[test]
    fn indents_count_full_width_spaces_ascii_spaces_and_tabs() {
        assert_eq!(measure("　　通知").indent, 2.0);
        assert_eq!(measure("    通知").indent, 2.0);
        assert_eq!(measure("\t通知").indent, 4.0);
        assert_eq!(measure("  \t通知").indent, 4.0);
        assert_eq!(measure("通知").width, 2.0);
    }

    #[test]
    fn a_title_centred_by_spaces_is_told_from_the_body() {
        let lines = [
            "            关于开展文明交通劝导活动的通知",
            "",
            "各区文明办：",
            BODY,
            BODY,
            "                                    青州市文明办",
            "                                  2024年3月5日",
        ];
        assert_eq!(centred(&lines), [0], "the signature and date are set right");
    }

    #[test]
    fn a_title_set_apart_before_the_body_is_centred_at_any_indent() {
        let lines = [
            "　　　　　　　　　　　　　　　　　　　　关于开展活动的通知",
            BODY,
        ];
        assert_eq!(centred(&lines), [0]);
        let lines = ["关于开展活动的通知", BODY, "　　一、总体要求"];
        assert!(centred(&lines).is_empty(), "not indented past the body");
    }

    #[test]
    fn a_draft_broken_by_hand_centres_on_its_own_line() {
        let wrapped = "　　各单位要高度重视，把文明交通劝导活动作为创建工作的重要内容，";
        let rest = "切实加强组织领导，明确工作责任，确保活动取得实效，推动创建工作。";
        let title = " ".repeat(26) + "实施方案";
        let lines = [
            rest,
            wrapped,
            rest,
            rest,
            title.as_str(),
            rest,
            "2024年3月5日",
        ];
        let setting = Setting::of(&lines);
        assert_eq!(setting.line_em, 32.0);
        assert_eq!(centred(&lines), [4]);
    }
}
