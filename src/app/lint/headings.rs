//! Heading numbers (7.3.3): 一、 then （一） then 1. then （1）, each written so; a level
//! comes in under the one above it, leaving out one level at most (一、 then 1., as 实施意见
//! are written; 一、 then （1） leaves out two); numbers count 1, 2, 3 under each heading, or
//! straight through the part, without gaps or repeats; headings set in their level's face
//! (一、 黑体, （一） 楷体, 1. and （1） the body's face, bold as the layout sets them).

use super::Finding;
use super::place::at;
use super::structure::{Heading, Part, Structure};
use crate::layout::{Layout, sets_face};
use crate::read::finished::{Document, Paragraph};
use crate::text::heading_label;

/// The heading findings of `doc`.
pub(super) fn check(doc: &Document, s: &Structure, l: &Layout) -> Vec<Finding> {
    let mut out = Vec::new();
    for part in &s.parts {
        out.extend(numbering(doc, part));
        for h in part.headings.iter().filter(|h| h.level > 0) {
            let Some(p) = doc.paragraphs.get(h.paragraph) else {
                continue;
            };
            if let Some(m) = form(h) {
                out.push(at(p, m, "7.3.3"));
            }
            if let Some(m) = face(p, h, l) {
                out.push(at(p, m, "7.3.3"));
            }
        }
    }
    out
}

/// What is wrong with how `h`'s number is written (`1、` for `1.`).
fn form(h: &Heading) -> Option<String> {
    let standard = heading_label(h.level, h.number)?;
    (standard != h.label).then(|| {
        format!(
            "序号写作「{}」，第{}层序号应写作「{standard}」",
            h.label, h.level
        )
    })
}

/// What is wrong with the face of `h`'s words, when it has words of its own.
fn face(p: &Paragraph, h: &Heading, l: &Layout) -> Option<String> {
    let (face, bold) = l.faces.heading(h.level);
    let runs = p
        .runs
        .iter()
        .take(h.runs)
        .filter(|r| !r.text.trim().is_empty());
    let wrong = runs
        .clone()
        .find(|r| !r.text.is_ascii() && !sets_face(&r.east_asia_font, r.bold, face));
    // Bold is the layout's for the levels set in the body's face; 黑体 and 楷体 are what
    // the standard names.
    let weight = h.level >= 3 && runs.clone().any(|r| r.bold != bold);
    let want = format!("{}{}", face.name(), if bold { "加粗" } else { "" });
    if let Some(r) = wrong {
        return Some(format!(
            "第{}层标题为{}，应为{want}",
            h.level, r.east_asia_font
        ));
    }
    weight.then(|| {
        let got = if bold { "不加粗" } else { "加粗" };
        format!("第{}层标题{got}，应为{want}", h.level)
    })
}

/// The findings of `part`'s numbering: levels left out, numbers out of count.
fn numbering(doc: &Document, part: &Part) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut count = Count::default();
    for h in &part.headings {
        let Some(p) = doc.paragraphs.get(h.paragraph) else {
            continue;
        };
        if let Some(m) = count.take(h) {
            out.push(at(p, m, "7.3.3"));
        }
    }
    out
}

/// How far each level has counted, under its present heading and straight through the part,
/// and the deepest level open.
#[derive(Default)]
struct Count {
    under: [u32; 5],
    through: [u32; 5],
    /// The label last met at each level.
    labels: [String; 5],
    deepest: u8,
    /// The level ordinal stages stand under, while they go on.
    stages_under: Option<u8>,
}

impl Count {
    /// Counts `h`; what is wrong with its place in the order, if anything.
    fn take(&mut self, h: &Heading) -> Option<String> {
        if h.level == 0 {
            let under = *self.stages_under.get_or_insert(self.deepest.min(3));
            self.under
                .iter_mut()
                .skip(usize::from(under) + 1)
                .for_each(|n| *n = 0);
            self.deepest = under + 1;
            return None;
        }
        if self.stages_under.is_some_and(|u| h.level <= u) {
            self.stages_under = None;
        }
        let level = usize::from(h.level.clamp(1, 4));
        let (under, through) = (self.under[level], self.through[level]);
        let mut found = None;
        if usize::from(h.level) > usize::from(self.deepest) + 2 {
            let above = match self.deepest {
                0 => "正文开头".to_string(),
                d => format!("「{}」之下", self.labels[usize::from(d)]),
            };
            found = Some(format!(
                "第{}层序号「{}」直接排在{above}，跳过了中间两层：层次应依次为 一、（一）1.（1）",
                h.level, h.label
            ));
        } else if h.number != under.saturating_add(1) && h.number != through.saturating_add(1) {
            let after = match heading_label(h.level, under) {
                None => "这是本层第一个序号".to_string(),
                Some(before) => format!("前一个同层序号是「{before}」"),
            };
            let next = heading_label(h.level, under.saturating_add(1)).unwrap_or_default();
            found = Some(format!(
                "序号「{}」不接续：{after}，应为「{next}」",
                h.label
            ));
        }
        self.under[level] = h.number;
        self.through[level] = h.number.max(through);
        self.labels[level] = h.label.clone();
        self.under.iter_mut().skip(level + 1).for_each(|n| *n = 0);
        self.deepest = h.level.clamp(1, 4);
        found
    }
}
