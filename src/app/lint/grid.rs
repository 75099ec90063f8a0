//! 22 lines of 28 characters a page (5.2.3): each body paragraph's line pitch and character
//! pitch, from its exact line spacing or the document grid it keeps to, and its runs' size
//! and spacing. Most of the body must give 22 and 28; a paragraph may be set closer or wider
//! as far as the layout itself does to keep the signature with the text (5.2.3, 7.3.5.5).

use std::collections::HashMap;

use super::Finding;
use super::place::{grouped, paragraph};
use super::structure::{Structure, has_text};
use crate::layout::{Layout, twips_to_pt};
use crate::read::finished::{Document, Grid, LineSpacing, Paragraph};

/// The line and character findings of `doc`.
pub(super) fn check(doc: &Document, s: &Structure, l: &Layout) -> Vec<Finding> {
    let mut lines = Vec::new();
    let mut chars = Vec::new();
    for (n, part) in s.parts.iter().enumerate() {
        let body = part.body.iter().filter_map(|&i| doc.paragraphs.get(i));
        for p in body.filter(|p| has_text(p)) {
            let grid = doc
                .sections
                .get(p.section)
                .map(|s| s.grid)
                .unwrap_or_default();
            let main = n == 0;
            lines.push(Measured {
                p,
                main,
                pitch: line_pitch(p, &grid),
            });
            if !p.text.is_ascii() {
                chars.push(Measured {
                    p,
                    main,
                    pitch: char_pitch(p, &grid),
                });
            }
        }
    }
    let mut out = judge(Kind::Lines, &lines, l);
    out.extend(judge(Kind::Chars, &chars, l));
    out
}

/// A body paragraph's pitch of one kind, `None` when it follows the font; whether it is in
/// the main document, whose pages 7.3.5.5 lets set closer or wider.
struct Measured<'d> {
    p: &'d Paragraph,
    main: bool,
    pitch: Option<f64>,
}

/// Lines a page, or characters a line.
#[derive(Clone, Copy)]
enum Kind {
    Lines,
    Chars,
}

impl Kind {
    /// How many a pitch of `pitch` twips gives.
    fn count(self, pitch: f64, l: &Layout) -> i32 {
        let room = match self {
            Kind::Lines => l.text_height_twips(),
            Kind::Chars => l.text_width_twips(),
        };
        // A hair over the room still counts: Word's grid pitch is not whole twips.
        (f64::from(room) / pitch.max(1.0) + 1e-6).floor() as i32
    }

    /// How many the standard asks, and the pitch that gives them.
    fn want(self, l: &Layout) -> (i32, i32) {
        match self {
            Kind::Lines => (l.lines_per_page as i32, l.line_pitch_twips()),
            Kind::Chars => (l.chars_per_line as i32, l.body_char_twips()),
        }
    }

    /// How many the main document may take when set closer or wider (7.3.5.5), as far as the
    /// layout itself goes.
    fn adjusted(self, l: &Layout) -> std::ops::RangeInclusive<i32> {
        match self {
            Kind::Lines => l.lines_per_page as i32..=l.tight_lines_per_page as i32,
            Kind::Chars => l.loose_chars_per_line as i32..=l.tight_chars_per_line as i32,
        }
    }

    /// (行距, 每面, 行) or (字距, 每行, 个字).
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Kind::Lines => ("行距", "每面", "行"),
            Kind::Chars => ("字距", "每行", "个字"),
        }
    }

    /// `行距 30 磅，每面排 21 行，应为每面 22 行（行距约 28.95 磅）`.
    fn describe(self, n: i32, pitch: f64, l: &Layout) -> String {
        let (unit, each, what) = self.words();
        let (want, want_pitch) = self.want(l);
        format!(
            "{unit} {} 磅，{each}排 {n} {what}，应为{each} {want} {what}（{unit}约 {} 磅）",
            (pitch / 20.0 * 100.0).round() / 100.0,
            twips_to_pt(want_pitch)
        )
    }

    /// Why a pitch that follows the font is a deviation.
    fn unfixed(self, l: &Layout) -> String {
        let (unit, each, what) = self.words();
        let (_, want_pitch) = self.want(l);
        format!(
            "{unit}不是固定值，也不对齐文档网格，{each}{what}数随字体而变；应设固定值约 {} 磅",
            twips_to_pt(want_pitch)
        )
    }
}

/// The findings about one kind of pitch: the count most of the body gives (a count the
/// main document alone takes, set closer or wider, passes), and each paragraph whose count
/// is neither that nor one it may take.
fn judge(kind: Kind, measured: &[Measured], l: &Layout) -> Vec<Finding> {
    let (want, _) = kind.want(l);
    let count = |m: &Measured| m.pitch.map(|p| kind.count(p, l));
    let mut tally: HashMap<i32, (usize, usize)> = HashMap::new();
    for (at, n) in measured
        .iter()
        .enumerate()
        .filter_map(|(a, m)| Some((a, count(m)?)))
    {
        tally.entry(n).or_insert((0, at)).0 += 1;
    }
    let usual = (tally.iter())
        .max_by_key(|(n, (seen, first))| (*seen, usize::MAX - first, **n))
        .map(|(&n, &(seen, first))| (n, seen, first));
    let allowed = |n: i32, main: bool| n == want || (main && kind.adjusted(l).contains(&n));
    let mut out = Vec::new();
    if let Some((n, seen, first)) = usual
        && let Some(m) = measured.get(first)
        && !measured
            .iter()
            .filter(|m| count(m) == Some(n))
            .all(|m| allowed(n, m.main))
    {
        out.push(Finding {
            place: format!("正文（{}等 {seen} 段）", paragraph(m.p)),
            message: kind.describe(n, m.pitch.unwrap_or(0.0), l),
            clause: "5.2.3",
        });
    }
    let each = measured.iter().map(|m| {
        let found = match (m.pitch, count(m)) {
            (Some(pitch), Some(n)) => (Some(n) != usual.map(|u| u.0) && !allowed(n, m.main))
                .then(|| kind.describe(n, pitch, l)),
            _ => Some(kind.unfixed(l)),
        };
        (m.p, found)
    });
    out.extend(grouped(each, "5.2.3"));
    out
}

/// The height of `p`'s lines, twips; `None` when it follows the font's own height.
fn line_pitch(p: &Paragraph, grid: &Grid) -> Option<f64> {
    match p.line {
        LineSpacing::Exact(v) | LineSpacing::AtLeast(v) => Some(f64::from(v)),
        LineSpacing::Multiple(m) if p.snap_to_grid && grid.lines && grid.line_pitch > 0 => {
            Some(f64::from(grid.line_pitch) * f64::from(m) / 240.0)
        }
        LineSpacing::Multiple(_) => None,
    }
}

/// How far apart `p`'s Chinese characters are, twips: the grid's pitch when they keep to
/// it, else the size and spacing of its longest run of Chinese text.
pub(super) fn char_pitch(p: &Paragraph, grid: &Grid) -> Option<f64> {
    if p.snap_to_grid && grid.chars && grid.char_pitch > 0.0 {
        return Some(grid.char_pitch);
    }
    let run = (p.runs.iter())
        .filter(|r| !r.text.is_ascii())
        .max_by_key(|r| r.text.chars().count())?;
    Some(run.size_pt * 20.0 + f64::from(run.spacing_twips))
}
