//! The 版头: 份号, 密级 and 紧急程度 at the top left, the organ mark in red (one organ's name
//! and its suffix on a line, or several stacked with the suffix beside them), the 发文字号 (with
//! the 签发人 on its line) and the red separator below it.

use super::{Align, Item, JointMark, Role, Rule, Run, Setter};
use crate::layout::{FaceStyle, Layout, mm_to_pt, mm_to_twips, pt_to_twips, twips_to_pt};
use crate::markup::{Block, Tag, plain};
use crate::text::{align_name, width::text_width_em};

/// The parts of the 版头, gathered until the first block that is not one of them.
#[derive(Default)]
pub(super) struct Header {
    pub(super) copy_no: Option<String>,
    pub(super) secrecy: Option<String>,
    pub(super) urgency: Option<String>,
    pub(super) marks: Vec<String>,
    pub(super) suffix: String,
    pub(super) doc_no: Option<String>,
    /// The label the first 签发人 carries (`签发人：`), and the names.
    pub(super) signer_label: String,
    pub(super) signers: Vec<String>,
    /// 套打: the mark and the separator take their room but are not printed.
    pub(super) preprinted: bool,
    /// 信函格式: the mark and the double lines are drawn outside the text's flow.
    pub(super) letter: bool,
}

impl Header {
    /// Keeps `b` if it is a part of the 版头.
    pub(super) fn take(&mut self, b: &Block) -> bool {
        match b.tag {
            Tag::CopyNo => self.copy_no = Some(b.text()),
            Tag::Secrecy => self.secrecy = Some(b.text()),
            Tag::Urgency => self.urgency = Some(b.text()),
            Tag::Mark => self.marks.push(b.text()),
            Tag::MarkSuffix => self.suffix = b.text(),
            Tag::Preprinted => self.preprinted = true,
            Tag::Letter => self.letter = true,
            Tag::DocNo => self.doc_no = Some(b.text()),
            Tag::Signer => {
                if self.signers.is_empty() {
                    self.signer_label = plain(&b.label);
                }
                self.signers.push(b.text());
            }
            _ => return false,
        }
        true
    }

    /// 份号, 密级 and 紧急程度, those given, in that order, each with its face.
    pub(super) fn top_parts(&self, l: &Layout) -> Vec<(String, FaceStyle)> {
        [
            (&self.copy_no, l.faces.copy_no),
            (&self.secrecy, l.faces.secrecy),
            (&self.urgency, l.faces.urgency),
        ]
        .into_iter()
        .filter_map(|(text, face)| Some((text.clone()?, face)))
        .collect()
    }

    fn is_empty(&self) -> bool {
        self.marks.is_empty() && self.doc_no.is_none() && self.copy_no.is_none()
    }
}

impl Setter<'_, '_> {
    /// Sets the 版头 once, before the first block that is not part of it.
    pub(super) fn flush_header(&mut self) {
        if std::mem::replace(&mut self.header_done, true) {
            return;
        }
        let h = std::mem::take(&mut self.header);
        if h.is_empty() {
            return;
        }
        if h.letter {
            self.letter_head(h);
            return;
        }
        let used = self.top_lines(&h);
        if !h.marks.is_empty() {
            self.organ_mark(&h, used);
        }
        let kept = self.doc_no_line(h);
        // The separator is drawn below its paragraph's line, which the paragraph's height
        // includes, so the blank lines to the title are counted from the separator itself.
        self.pending_space = self.l.line_pitch_twips() * self.l.lines_rule_to_title as i32 + kept;
    }

    /// 份号, 密级 and 紧急程度, a line each; returns the height they take, twips.
    fn top_lines(&mut self, h: &Header) -> i32 {
        let l = self.l;
        let mut used = 0;
        for (text, face) in h.top_parts(l) {
            let mut p = self.para(vec![self.run_of(text, face, l.body_pt)]);
            p.role = Role::Head;
            p.align = Align::Left;
            self.items.push(Item::Para(p));
            used += l.line_pitch_twips();
        }
        used
    }

    /// The organ mark, its top `mark_top_mm` below the text area's, less the lines `used`
    /// above it; at most 小初, shrunk in half points until it fits the width.
    fn organ_mark(&mut self, h: &Header, used: i32) {
        let l = self.l;
        let width = l.text_width_twips();
        let names_em = h
            .marks
            .iter()
            .map(|m| text_width_em(m))
            .fold(0.0f32, f32::max);
        let total_em = f64::from(names_em + text_width_em(&h.suffix));
        let size = mark_size(l, total_em);
        let glyph_top = pt_to_twips(size * l.glyph_top_ratio);
        let top = (mm_to_twips(l.mark_top_mm) - used - glyph_top).max(0);
        let line = pt_to_twips(size * l.mark_line_ratio);
        let mark = |text: String, align: Align| {
            let run = Run {
                text,
                face: l.faces.mark.0,
                size_pt: size,
                bold: l.faces.mark.1,
                color: Some(l.red),
                spacing_twips: 0,
            };
            // Printed onto paper that has the mark: its lines keep their height, empty.
            let mut p = self.para(if h.preprinted { Vec::new() } else { vec![run] });
            p.role = Role::Head;
            p.align = align;
            p.line_twips = line;
            p
        };
        if h.marks.len() > 1 {
            let names_width = (f64::from(width) * f64::from(names_em) / total_em).round() as i32;
            let names = h
                .marks
                .iter()
                .map(|m| mark(m.clone(), Align::Distribute))
                .collect();
            let suffix = mark(h.suffix.clone(), Align::Center);
            self.items.push(Item::JointMark(JointMark {
                space_before: top,
                width,
                names_width,
                names,
                suffix,
            }));
        } else {
            let mut p = mark(format!("{}{}", h.marks.concat(), h.suffix), Align::Center);
            p.space_before = top;
            self.items.push(Item::Para(p));
        }
    }

    /// The 发文字号 line, carrying the red separator below it even when empty. With 签发人 the
    /// number moves 1 character in from the left and the signers sit 1 character in from the
    /// right, on the same line, at a right tab.
    /// Returns the room a separator left out (套打) takes, twips.
    fn doc_no_line(&mut self, h: Header) -> i32 {
        let l = self.l;
        let mut p = self.para(Vec::new());
        p.role = Role::Head;
        p.space_before = l.line_pitch_twips() * l.lines_mark_to_doc_no as i32;
        let rule = Rule {
            width_pt: l.rule_pt,
            color: l.red,
            // Border gaps are whole points in WordprocessingML.
            space_pt: (mm_to_pt(l.rule_gap_mm) - l.rule_text_gap_pt).round(),
        };
        // The paper has the separator: its room is kept, as space before what follows.
        let kept = if h.preprinted {
            pt_to_twips(rule.space_pt + rule.width_pt)
        } else {
            p.rule_below = Some(rule);
            0
        };
        // Without 签发人 the line has no indent, so that the separator below it (a border of
        // the paragraph in the DOCX) spans the text width even when there is no number.
        match (h.doc_no, h.signers.is_empty()) {
            (no, true) => {
                p.align = Align::Center;
                p.runs.push(self.body_run(no.unwrap_or_default()));
            }
            (no, false) => {
                let one = l.body_chars(1.0);
                p.align = Align::Left;
                p.right_tab = Some(l.text_width_twips() - one);
                // One character in by a full-width space, not an indent, for the same reason.
                p.runs
                    .push(self.body_run(format!("　{}", no.unwrap_or_default())));
                let names: Vec<String> = h.signers.iter().map(|s| align_name(s)).collect();
                p.runs.push(self.body_run(format!("\t{}", h.signer_label)));
                p.runs
                    .push(self.run_of(names.join("　"), l.faces.signers, l.body_pt));
            }
        }
        self.items.push(Item::Para(p));
        kept
    }
}

/// The mark's size for a mark `em` wide: at most 小初, shrunk in half points until it fits
/// the text area's width.
pub(super) fn mark_size(l: &Layout, em: f64) -> f64 {
    let max_pt = twips_to_pt(l.text_width_twips()) / em.max(1.0);
    (l.mark_max_pt.min(max_pt) * 2.0).floor() / 2.0
}
