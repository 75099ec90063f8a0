//! Line breaking: each paragraph of the galley broken into lines on its measure, with its
//! fonts' advances and the Chinese line-breaking rules, where Word and LibreOffice break the
//! DOCX. Break opportunities are Unicode's (UAX #14, which LibreOffice's ICU also follows):
//! none before a closing mark or after an opening one, none inside a Latin word or a number.
//! Nothing hangs past the measure: a closing mark that does not fit takes the character
//! before it to the next line.

mod advance;
mod divide;
mod end_page;
mod fit;
mod pages;
mod rules;
mod sheets;

use crate::layout::FontProfile;
use crate::text::width::char_width;
use crate::text::{no_line_end, no_line_start};
use crate::typeset::Para;

pub use advance::advance_twips;
pub use fit::{Fit, Fitted, fit};
pub use pages::{Placed, PlacedInset, PlacedRow, Placement, Source, pages, placement};
pub use rules::Checked;
pub use sheets::{Image, InsetPage, Sheet, Stroke, Text, sheets};

/// One line of a paragraph: the byte range of the paragraph's text (its runs' texts joined)
/// that it holds, and how wide that is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    /// First byte of the line.
    pub start: usize,
    /// One past its last byte, a line break it ends at not included.
    pub end: usize,
    /// Its width, twips, spaces at its end not counted.
    pub width_twips: f64,
}

/// A character of a paragraph with where it is and what it takes.
pub(super) struct Glyph {
    at: usize,
    c: char,
    /// Twips, all told.
    advance: f64,
    /// What of the advance only a character after it on the line adds: its spacing and
    /// the space between Chinese and Latin, twips.
    trailing: f64,
    /// A line may break before it.
    break_before: bool,
    /// The run it is in, by index.
    run: usize,
    /// It is set in the run's Latin font.
    latin: bool,
}

/// The paragraph's text: its runs' texts joined.
pub fn para_text(p: &Para) -> String {
    p.runs.iter().map(|r| r.text.as_str()).collect()
}

/// The lines of `p` on a text area `width_twips` wide, its indents taken off.
///
/// ```
/// use dossier::flow::{lines, para_text};
/// let m = dossier::markup::parse(&"测".repeat(60), "t", Vec::new()).unwrap();
/// let g = dossier::typeset::typeset(&m, &dossier::layout::GBT9704).unwrap();
/// let dossier::typeset::Item::Para(p) = &g.items[0] else { panic!("a paragraph") };
/// let fonts = dossier::layout::FontProfile::named(None).unwrap();
/// let text = para_text(p);
/// let got: Vec<usize> = lines(p, 8844, fonts).iter().map(|l| text[l.start..l.end].chars().count()).collect();
/// assert_eq!(got, [26, 28, 6], "two characters' indent on the first line");
/// ```
pub fn lines(p: &Para, width_twips: i32, fonts: &FontProfile) -> Vec<Line> {
    let glyphs = glyphs(p, fonts);
    let measure = f64::from(width_twips - p.indent_left - p.indent_right);
    let mut out = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        let first = out.is_empty();
        let room = measure - if first { f64::from(p.first_line) } else { 0.0 };
        let (end, next) = line_end(&glyphs, start, room);
        out.push(line(&glyphs, start, end));
        start = next;
    }
    if out.is_empty() {
        out.push(Line {
            start: 0,
            end: 0,
            width_twips: 0.0,
        });
    }
    out
}

/// Where the line from `start` ends in `room` twips, and where the next one starts (past a
/// line break).
fn line_end(glyphs: &[Glyph], start: usize, room: f64) -> (usize, usize) {
    let mut width = 0.0;
    let mut last_break = None;
    for (i, g) in glyphs.iter().enumerate().skip(start) {
        if g.c == '\n' {
            return (i, i + 1);
        }
        if i > start && g.break_before {
            last_break = Some(i);
        }
        if width + g.advance - g.trailing > room && i > start && !g.c.is_whitespace() {
            let cut = last_break.unwrap_or(i);
            return (cut, cut);
        }
        width += g.advance;
    }
    (glyphs.len(), glyphs.len())
}

fn line(glyphs: &[Glyph], start: usize, end: usize) -> Line {
    let held = &glyphs[start..end];
    let shown = held
        .iter()
        .rposition(|g| !g.c.is_whitespace())
        .map_or(0, |i| i + 1);
    Line {
        start: held.first().map_or(0, |g| g.at),
        end: glyphs.get(end).map_or_else(
            || held.last().map_or(0, |g| g.at + g.c.len_utf8()),
            |g| g.at,
        ),
        width_twips: held[..shown].iter().map(|g| g.advance).sum::<f64>()
            - held[..shown].last().map_or(0.0, |g| g.trailing),
    }
}

/// The paragraph's characters with their advances and break opportunities.
pub(super) fn glyphs(p: &Para, fonts: &FontProfile) -> Vec<Glyph> {
    let text = para_text(p);
    let breaks = opportunities(&text);
    let chars = advance::set(&p.runs, fonts);
    chars
        .into_iter()
        .map(|c| Glyph {
            at: c.at,
            c: c.c,
            advance: c.advance,
            trailing: c.trailing,
            break_before: breaks[c.at],
            run: c.run,
            latin: c.latin,
        })
        .collect()
}

/// Where a line may break in `text`, by byte: Unicode's rules, with curly quotation marks
/// beside Chinese taken as opening (“ ‘) and closing (” ’) marks, and no break between a
/// closing mark and a Latin letter after it, as LibreOffice breaks.
fn opportunities(text: &str) -> Vec<bool> {
    let mut breaks = vec![false; text.len() + 1];
    for (at, _) in unicode_linebreak::linebreaks(text) {
        breaks[at] = true;
    }
    let mut chars = text.char_indices().peekable();
    while let Some((_, a)) = chars.next() {
        let Some(&(at, b)) = chars.peek() else { break };
        let chinese = char_width(a) >= 1.0 && char_width(b) >= 1.0;
        if chinese && (closing_quote(a) && !no_line_start(b) || opening_quote(b) && !no_line_end(a))
        {
            breaks[at] = true;
        }
        if no_line_start(a) && b.is_ascii_alphabetic() {
            breaks[at] = false;
        }
    }
    breaks
}

fn opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘')
}

fn closing_quote(c: char) -> bool {
    matches!(c, '”' | '’')
}
