//! A joint document's seals (GB/T 9704 7.3.5.1): the organs' 署名 side by side in their order,
//! a seal pressed on each and the last one on the date too, the seals apart from each other
//! and inside the text area; organs a row cannot hold go on a row above it.

use super::{Align, Role, Setter};
use crate::layout::{pt_to_twips, twips_to_pt};
use crate::text::width::set_width_em;

/// A 署名 in its row: its width, its centre in characters from the text area's left edge,
/// and the room between it and the next one to its right, in characters.
struct Signed<'a> {
    name: &'a str,
    width: f64,
    centre: f64,
    gap: f64,
}

impl Setter<'_, '_> {
    /// Sets `names` in rows, the last row over `date`, with a seal `seal_pt` across on each.
    pub(super) fn joint_sealed(&mut self, names: &[String], date: String, seal_pt: f64) {
        let l = self.l;
        let last = names.last().map_or(0.0, |n| set_width_em(n));
        let places = self.sealed_places(last, set_width_em(&date), seal_pt);
        let seal = f64::from(pt_to_twips(seal_pt)) / f64::from(l.body_char_twips());
        let right = places.signature + last / 2.0;
        let rows = rows(names, right, seal + l.joint_seal_gap_chars, seal / 2.0);
        let pitch = twips_to_pt(l.line_pitch_twips());
        let apart = ((seal_pt + l.joint_seal_gap_chars * l.body_pt) / pitch).ceil() * pitch;
        self.pending_space += l.line_pitch_twips() * places.blank_lines as i32;
        let mut date = Some(date);
        for (i, row) in rows.iter().enumerate() {
            self.signature_row(row);
            let under = match (i + 1 == rows.len(), date.take()) {
                (true, Some(date)) => self.date_para(date, &places),
                (_, rest) => {
                    date = rest;
                    self.seal_room(pt_to_twips(apart - pitch));
                    self.items.len() - 1
                }
            };
            for s in row {
                self.seal_on(under, s.centre, seal_pt);
            }
        }
    }

    /// One row of 署名, set flush right so that each falls where its seal is centred: between
    /// two, an ideographic space widened by its character spacing to the room they need.
    fn signature_row(&mut self, row: &[Signed]) {
        let l = self.l;
        let mut runs = Vec::new();
        for s in row {
            runs.push(self.body_run(s.name));
            if s.gap > 0.0 {
                let mut space = self.body_run('\u{3000}');
                space.spacing_twips = l.body_chars(s.gap) - pt_to_twips(l.body_pt);
                runs.push(space);
            }
        }
        let end = row.last().map_or(0.0, |s| s.centre + s.width / 2.0);
        let mut p = self.para(runs);
        p.role = Role::Signature;
        p.align = Align::Right;
        p.indent_right = l.body_chars((f64::from(l.chars_per_line) - end).max(0.0));
        p.keep_next = true;
        self.push(p);
    }
}

/// `names` in rows, each row's last 署名 centred `right` characters in; within a row the
/// centres are `step` apart, or a character more than the names need, and a row ends
/// where a seal `reach` from its centre would pass the left edge. Rows fill from the last
/// organ back, so that the last row is whole and the order reads on from row to row.
fn rows(names: &[String], right: f64, step: f64, reach: f64) -> Vec<Vec<Signed<'_>>> {
    let mut rows: Vec<Vec<Signed>> = Vec::new();
    let mut row: Vec<Signed> = Vec::new();
    for name in names.iter().rev() {
        let width = set_width_em(name);
        let placed = row.last().map(|next| {
            let between = (width + next.width) / 2.0;
            let gap = (step - between).max(1.0);
            (next.centre - between - gap, gap)
        });
        let fits = |centre: f64| centre - reach.max(width / 2.0) >= 0.0;
        let (centre, gap) = match placed {
            Some((centre, gap)) if fits(centre) => (centre, gap),
            Some(_) => {
                rows.push(std::mem::take(&mut row));
                (right, 0.0)
            }
            None => (right, 0.0),
        };
        row.push(Signed {
            name,
            width,
            centre,
            gap,
        });
    }
    rows.push(row);
    rows.reverse();
    for row in &mut rows {
        row.reverse();
    }
    rows
}
