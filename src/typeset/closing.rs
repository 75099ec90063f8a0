//! The close of a document: the 署名 and 成文日期 (set right, kept with what comes before) and
//! the 版记 (抄送, 印发机关 and 印发日期 between rules, floated to the foot of the last page).

use super::{Align, EndBlock, EndRow, EndStart, Role, Rule, Setter};
use crate::layout::{TWIPS_PER_PT, mm_to_pt, pt_to_twips};
use crate::markup::{Block, Tag};
use crate::text::width::text_width_em;

/// The signature and the 版记's rows, gathered until they can be set.
#[derive(Default)]
pub(super) struct Closing {
    signature: Vec<String>,
    date: Option<String>,
    /// The 版记's rows as text; a `\t` moves to the right edge.
    end_rows: Vec<String>,
    printer: Option<String>,
    /// `@end_anywhere`: the 版记 need not be on an even page.
    anywhere: bool,
}

impl Closing {
    /// Keeps `b` if it is part of the signature or the 版记.
    pub(super) fn take(&mut self, b: &Block) -> bool {
        match b.tag {
            Tag::Sign => self.signature.push(b.text()),
            Tag::Date => self.date = Some(b.text()),
            Tag::Cc => self.end_rows.push(b.text()),
            Tag::Printer => self.printer = Some(b.text()),
            Tag::PrintDate => {
                let printer = self.printer.take().unwrap_or_default();
                self.end_rows.push(format!("{printer}\t{}", b.text()));
            }
            Tag::EndAnywhere => self.anywhere = true,
            _ => return false,
        }
        true
    }
}

impl Setter<'_, '_> {
    /// Sets the signature and date once both have been seen: each organ's name a line, 2
    /// characters from the right, the date 2 characters right of the names' start (both
    /// moved left when the date would reach past its place).
    pub(super) fn flush_signature(&mut self) {
        let Some(date) = self.closing.date.take() else {
            return;
        };
        let l = self.l;
        let names = std::mem::take(&mut self.closing.signature);
        let width = f64::from(l.chars_per_line);
        let sig_em = names
            .iter()
            .map(|n| f64::from(text_width_em(n)))
            .fold(0.0, f64::max);
        let date_em = f64::from(text_width_em(&date));
        let mut sig_start = width - l.signature_right_chars - sig_em;
        let mut date_start = sig_start + l.date_offset_chars;
        if date_start + date_em > width - l.signature_right_chars {
            date_start = width - l.signature_right_chars - date_em;
            sig_start = date_start - l.date_offset_chars;
        }
        // The standard forbids a page with the signature alone.
        self.keep_previous_with_next();
        self.pending_space += l.line_pitch_twips();
        for name in names {
            let mut p = self.para(vec![self.body_run(name)]);
            p.role = Role::Signature;
            p.align = Align::Right;
            p.indent_left = l.body_chars(sig_start.max(0.0));
            p.indent_right = l.body_chars((width - sig_start - sig_em).max(0.0));
            p.keep_next = true;
            self.push(p);
        }
        let mut p = self.para(vec![self.body_run(date)]);
        p.role = Role::Date;
        p.align = Align::Left;
        p.indent_left = l.body_chars(date_start.max(0.0));
        self.push(p);
    }

    /// The 版记, if the document has one.
    pub(super) fn end_block(&mut self) -> Option<EndBlock> {
        let mut texts = std::mem::take(&mut self.closing.end_rows);
        texts.extend(self.closing.printer.take());
        if texts.is_empty() {
            return None;
        }
        let l = self.l;
        let rule = |mm: f64| Rule {
            width_pt: mm_to_pt(mm),
            color: l.black,
            space_pt: 0.0,
        };
        Some(EndBlock {
            rows: texts.into_iter().map(|t| self.end_row(t)).collect(),
            thick: rule(l.end_block_thick_mm),
            thin: rule(l.end_block_thin_mm),
            width: l.text_width_twips(),
            left: l.margin_left_twips(),
            anchor_twips: pt_to_twips(l.end_block_anchor_pt),
            even_page: !self.closing.anywhere,
            start: EndStart::Here,
        })
    }

    /// A 版记 row: 4号仿宋, 1 character in from each side; a `\t` moves to the right edge.
    /// Wrapped lines hang under the text after the row's label (`抄送：`).
    fn end_row(&self, text: String) -> EndRow {
        let l = self.l;
        let side = pt_to_twips(l.end_block_pt * l.end_block_indent_chars);
        let label_em = text
            .split_once('：')
            .filter(|(label, _)| !label.contains('\t'))
            .map_or(0.0, |(label, _)| text_width_em(label) + 1.0);
        let hang = pt_to_twips(l.end_block_pt * f64::from(label_em));
        // A line holds the row's width in characters of its size, less one for the
        // punctuation that cannot start a line and so may pull a character down.
        let per_line =
            f64::from(l.text_width_twips() - 2 * side) / (l.end_block_pt * TWIPS_PER_PT) - 1.0;
        let em = f64::from(text_width_em(&text));
        let rest = (em - per_line).max(0.0);
        let lines = 1 + (rest / (per_line - f64::from(label_em)).max(1.0)).ceil() as u32;
        let mut run = self.run_of(text, l.faces.end_block, l.end_block_pt);
        run.spacing_twips = 0;
        let mut p = self.para(vec![run]);
        p.align = Align::Left;
        p.indent_left = side + hang;
        p.first_line = -hang;
        p.indent_right = side;
        p.right_tab = Some(l.text_width_twips() - side);
        EndRow { para: p, lines }
    }
}
