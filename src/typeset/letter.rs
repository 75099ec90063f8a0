//! The 版头 of a 函 (信函格式, GB/T 9704 10.1): the organ mark 30 mm below the page's top edge,
//! a red double line (thick over thin) 4 mm below it and another (thin over thick) 20 mm above
//! the bottom edge, both 170 mm long; the first line under the double line holds 份号, 密级 and
//! 紧急程度 at the left and the 发文字号 at the right, its characters 7/8 of a character below
//! the line; the title two lines further down.

use super::head::{Header, mark_size};
use super::{Align, LetterHead, Para, Role, Run, Setter, page};
use crate::layout::{Layout, mm_to_pt, mm_to_twips, pt_to_twips, twips_to_pt};
use crate::text::width::text_width_em;

impl Setter<'_, '_> {
    /// Sets a 函's 版头: the mark and the double lines drawn on the first page, the lines
    /// under them in the flow.
    pub(super) fn letter_head(&mut self, h: Header) {
        let l = self.l;
        // A joint 函 carries the lead organ's mark.
        let name = format!(
            "{}{}",
            h.marks.first().cloned().unwrap_or_default(),
            h.suffix
        );
        let size = mark_size(l, f64::from(text_width_em(&name)));
        let mut mark = self.para(Vec::new());
        if !h.preprinted {
            mark.runs.push(Run {
                text: name,
                face: l.faces.mark.0,
                size_pt: size,
                bold: l.faces.mark.1,
                color: Some(l.red),
                spacing_twips: 0,
            });
        }
        mark.role = Role::Head;
        mark.align = Align::Center;
        mark.line_twips = pt_to_twips(size * l.mark_line_ratio);
        let mark_top = mm_to_twips(l.letter_mark_top_mm) - pt_to_twips(size * l.glyph_top_ratio);
        // The mark's characters end their em box's descent below the baseline.
        let ascent = size * l.mark_line_ratio * l.fixed_line_ascent;
        let mark_bottom = twips_to_pt(mark_top) + ascent + size * l.em_box_descent;
        let top_rule = mark_bottom + mm_to_pt(l.letter_rule_gap_mm);
        let (rules, below) = double_lines(l, top_rule);
        let length = mm_to_pt(l.letter_rule_mm);
        self.letter = Some(LetterHead {
            mark,
            mark_top,
            rules: if h.preprinted { Vec::new() } else { rules },
            rule_span: ((mm_to_pt(l.page_width_mm) - length) / 2.0, length),
            color: l.red,
        });
        self.letter_lines(h, below);
        self.pending_space = l.line_pitch_twips() * l.lines_rule_to_title as i32;
    }

    /// The lines under the first double line, whose lower edge is `below` pt down the page:
    /// 份号, 密级 and 紧急程度 at the left, a line each, and the 发文字号 at the right of the
    /// first, its characters' top 7/8 of a character below the line.
    fn letter_lines(&mut self, h: Header, below: f64) {
        let l = self.l;
        let pitch = twips_to_pt(l.line_pitch_twips());
        // A body line's characters start this far below its top.
        let glyph_down = pitch * l.fixed_line_ascent - l.body_pt * (1.0 - l.em_box_descent);
        let first_top = below + l.body_pt * l.letter_text_gap_chars - glyph_down;
        let text_top = mm_to_twips(l.margin_top_mm) + page::pages(l).portrait.grid_offset();
        let mut lines: Vec<Para> = (h.top_parts(l).into_iter())
            .map(|(text, face)| self.para(vec![self.run_of(text, face, l.body_pt)]))
            .collect();
        if lines.is_empty() {
            lines.push(self.para(Vec::new()));
        }
        if let (Some(no), Some(first)) = (h.doc_no, lines.first_mut()) {
            first.right_tab = Some(l.text_width_twips());
            first.runs.push(self.body_run(format!("\t{no}")));
        }
        for (i, mut p) in lines.into_iter().enumerate() {
            p.role = Role::Head;
            p.align = Align::Left;
            if i == 0 {
                p.space_before = (pt_to_twips(first_top) - text_top).max(0);
            }
            self.items.push(super::Item::Para(p));
        }
    }
}

/// The double lines of a 函: the first, thick over thin, from `top` pt down the page; the
/// second, thin over thick, ending its distance above the bottom edge. Each line's middle
/// and thickness, pt, and where the first ends.
fn double_lines(l: &Layout, top: f64) -> (Vec<(f64, f64)>, f64) {
    let (thick, thin, space) = l.letter_rule_pt;
    let below = top + thick + space + thin;
    let bottom = mm_to_pt(l.page_height_mm - l.letter_bottom_rule_mm);
    let rules = vec![
        (top + thick / 2.0, thick),
        (below - thin / 2.0, thin),
        (bottom - thick - space - thin / 2.0, thin),
        (bottom - thick / 2.0, thick),
    ];
    (rules, below)
}
