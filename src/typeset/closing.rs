//! The close of a document: the 署名 and 成文日期 (set right, kept with what comes before) and
//! the 版记 (抄送, 印发机关 and 印发日期 between rules, floated to the foot of the last page).

use super::{Align, EndBlock, EndRow, EndStart, Role, Rule, SealMark, Setter};
use crate::layout::{Layout, TWIPS_PER_PT, mm_to_pt, pt_to_twips, twips_to_pt};
use crate::markup::{Block, Tag};
use crate::model::Picture;
use crate::text::width::{set_width_em, text_width_em};

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
    /// `@sealed`: the seal's diameter, pt.
    seal_pt: Option<f64>,
    /// Where the seals go, once the date is set.
    seal_marks: Vec<SealMark>,
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
            // Its number was checked when the block came (`seal_mm`).
            Tag::Sealed => self.seal_pt = b.text().trim().parse().ok().map(mm_to_pt),
            _ => return false,
        }
        true
    }

    /// Where the seals go, each with the picture, when the document was sealed.
    pub(super) fn seal_marks(&mut self, picture: Option<&Picture>) -> Vec<SealMark> {
        let mut marks = std::mem::take(&mut self.seal_marks);
        for mark in &mut marks {
            mark.picture = picture.cloned();
        }
        marks
    }
}

/// The diameter a `@sealed` block gives, mm, when it is a number within `l`'s range.
pub(super) fn seal_mm(b: &Block, l: &Layout) -> Option<f64> {
    let (least, most) = l.seal_mm_range;
    let mm: f64 = b.text().trim().parse().ok()?;
    (least..=most).contains(&mm).then_some(mm)
}

/// Where the 署名 and the date start, in characters from the left of a line `width` wide.
pub(super) struct Places {
    pub(super) signature: f64,
    /// The 署名's width, in characters, as its place was worked out.
    signature_em: f64,
    pub(super) date: f64,
    /// The date's width, in characters.
    date_em: f64,
    /// Sealed: the date is set flush right this many characters in, where it ends exactly
    /// however a word processor spaces its digits.
    date_from_right: Option<f64>,
    /// Blank lines before the 署名.
    pub(super) blank_lines: u32,
    /// Sealed: how far below the date the seal reaches, twips.
    below: i32,
}

impl Setter<'_, '_> {
    /// Sets the signature and date once both have been seen, each organ's name a line, the
    /// date below them: without a seal 2 characters from the right, the date 2 characters
    /// right of the names' start (both moved left when the date would reach past its place);
    /// sealed, the date 4 characters from the right and the 署名 centred over it (7.3.5.1).
    pub(super) fn flush_signature(&mut self) {
        let Some(date) = self.closing.date.take() else {
            return;
        };
        let l = self.l;
        let names = std::mem::take(&mut self.closing.signature);
        let widest = |width: fn(&str) -> f64| names.iter().map(|n| width(n)).fold(0.0, f64::max);
        let sealed = self.closing.seal_pt.take();
        // The standard forbids a page with the signature alone.
        self.keep_previous_with_next();
        if let (Some(seal), true) = (sealed, names.len() > 1) {
            self.joint_sealed(&names, date, seal);
            return;
        }
        let places = match sealed {
            Some(seal) => self.sealed_places(widest(set_width_em), set_width_em(&date), seal),
            None => {
                let em = |s: &str| f64::from(text_width_em(s));
                self.places(widest(em), em(&date))
            }
        };
        let width = f64::from(l.chars_per_line);
        self.pending_space += l.line_pitch_twips() * places.blank_lines as i32;
        for name in names {
            let mut p = self.para(vec![self.body_run(name)]);
            p.role = Role::Signature;
            p.align = Align::Right;
            p.indent_left = l.body_chars(places.signature.max(0.0));
            p.indent_right =
                l.body_chars((width - places.signature - places.signature_em).max(0.0));
            p.keep_next = true;
            self.push(p);
        }
        let date_item = self.date_para(date, &places);
        if let Some(seal) = sealed {
            let centre = places.date + places.date_em / 2.0;
            self.seal_on(date_item, centre, seal);
        }
    }

    /// The date's paragraph where `places` puts it, and below it the room the seal takes;
    /// the date's index among the items.
    pub(super) fn date_para(&mut self, date: String, places: &Places) -> usize {
        let l = self.l;
        let mut p = self.para(vec![self.body_run(date)]);
        p.role = Role::Date;
        match places.date_from_right {
            Some(right) => {
                p.align = Align::Right;
                p.indent_right = l.body_chars(right);
            }
            None => {
                p.align = Align::Left;
                p.indent_left = l.body_chars(places.date.max(0.0));
            }
        }
        p.keep_next = places.below > 0;
        self.push(p);
        let date_item = self.items.len() - 1;
        if places.below > 0 {
            self.seal_room(places.below);
        }
        date_item
    }

    /// A seal `seal_pt` across, centred `centre` characters from the text area's left edge,
    /// at the customary height over the top of `item`, the line under its 署名.
    pub(super) fn seal_on(&mut self, item: usize, centre: f64, seal_pt: f64) {
        let l = self.l;
        // Measured from the right edge, as the 署名 and date under it are set: the text area
        // is a little wider than its characters.
        let from_right = l.body_chars(f64::from(l.chars_per_line) - centre);
        self.closing.seal_marks.push(SealMark {
            diameter: pt_to_twips(seal_pt),
            centre_x: l.margin_left_twips() + l.text_width_twips() - from_right,
            centre_above: pt_to_twips(l.seal_centre_above_pt),
            item,
            picture: None,
        });
    }

    fn places(&self, sig_em: f64, date_em: f64) -> Places {
        let l = self.l;
        let right = f64::from(l.chars_per_line) - l.signature_right_chars;
        let mut signature = right - sig_em;
        let mut date = signature + l.date_offset_chars;
        if date + date_em > right {
            date = right - date_em;
            signature = date - l.date_offset_chars;
        }
        Places {
            signature,
            signature_em: sig_em,
            date,
            date_em,
            date_from_right: None,
            blank_lines: 1,
            below: 0,
        }
    }

    /// An empty paragraph `height` twips high kept with the date above it: the room the seal
    /// takes below the date, which the page must have (it is not to reach the page number)
    /// and which a 附注 or the 版记 starts below.
    pub(super) fn seal_room(&mut self, height: i32) {
        let mut p = self.para(Vec::new());
        p.role = Role::Date;
        p.line_twips = height;
        self.push(p);
    }

    /// Sealed: the date `sealed_date_right_chars` from the right, the 署名 centred over it
    /// (kept inside the line), and as many blank lines above them as put the seal's top
    /// within a line of the text above while its centre stays above their middle.
    pub(super) fn sealed_places(&mut self, sig_em: f64, date_em: f64, seal_pt: f64) -> Places {
        let l = self.l;
        let width = f64::from(l.chars_per_line);
        let date = width - l.sealed_date_right_chars - date_em;
        let signature = (date + (date_em - sig_em) / 2.0).min(width - sig_em);
        let pitch = twips_to_pt(l.line_pitch_twips());
        let reach = seal_pt / 2.0 + l.seal_centre_above_pt;
        let blank_lines = ((reach / pitch).ceil() as u32).saturating_sub(1).max(1);
        // Below the date the seal reaches this far, in whole lines.
        let overhang = reach - 2.0 * l.seal_centre_above_pt - pitch;
        Places {
            signature,
            signature_em: sig_em,
            date,
            date_em,
            date_from_right: Some(l.sealed_date_right_chars),
            blank_lines,
            below: pt_to_twips((overhang / pitch).ceil().max(0.0) * pitch),
        }
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
            ruled: self.letter.is_none(),
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

#[cfg(test)]
mod tests {
    use crate::layout::GBT9704;
    use crate::typeset::{Item, Role};

    #[test]
    fn a_seal_keeps_a_line_below_the_date_on_its_page() {
        let text = "正文。\n@sealed 42\n@sign 青州市文明办\n@date 2024年5月8日\n@cc 抄送：市委办公室。\n@end_anywhere";
        let m = crate::markup::parse(text, "t", Vec::new()).unwrap();
        let g = crate::typeset::typeset(&m, &GBT9704).unwrap();
        let [.., Item::Para(date), Item::Para(room)] = g.items.as_slice() else {
            panic!("the date, then the seal's room: {:?}", g.items);
        };
        assert!(date.keep_next, "the date stays with the room below it");
        assert!(room.runs.is_empty(), "the room holds nothing");
        assert_eq!(
            room.line_twips,
            GBT9704.line_pitch_twips(),
            "a line for a 42 mm seal"
        );
        let [seal] = g.seals.as_slice() else {
            panic!("one seal: {:?}", g.seals);
        };
        assert_eq!(seal.item, g.items.len() - 2, "the seal is on the date");
    }

    #[test]
    fn a_joint_notices_seals_go_in_rows_apart_from_each_other() {
        let text = "正文。\n@sealed 42\n@sign 甲市文明办\n@sign 乙市商务局\n@sign 丙市市场监管局\n@sign 丁市教育局\n@date 2024年5月8日\n@cc 抄送：市委办公室。\n@end_anywhere";
        let m = crate::markup::parse(text, "t", Vec::new()).unwrap();
        let g = super::super::typeset(&m, &GBT9704).unwrap();
        let rows: Vec<usize> = g.seals.iter().map(|s| s.item).collect();
        assert_eq!(rows[1..], [rows[1]; 3], "three on the date's row: {rows:?}");
        assert!(rows[0] < rows[1], "the first organ on a row above");
        let Some(Item::Para(date)) = g.items.get(rows[3]) else {
            panic!("the last row's seals over the date");
        };
        assert_eq!(date.role, Role::Date);
        let d = g.seals[0].diameter;
        for pair in g.seals[1..].windows(2) {
            assert!(pair[1].centre_x - pair[0].centre_x > d, "apart: {pair:?}");
        }
        let left = GBT9704.margin_left_twips();
        assert!(g.seals[1].centre_x - d / 2 >= left, "inside the text area");
    }
}
