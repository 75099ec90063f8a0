//! A section's properties (`w:sectPr`) as written, and the section they make once its place
//! and the footers are known.

use quick_xml::events::BytesStart;

use super::props::signed;
use super::{Grid, Section};
use crate::read::draft::xml::{attr, is_on};

/// How a section starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Start {
    /// On the next page.
    #[default]
    NextPage,
    /// On the same page.
    Continuous,
    /// On the next odd page.
    Odd,
    /// On the next even page.
    Even,
}

/// A `w:sectPr` as written.
#[derive(Debug, Clone, Default)]
pub(super) struct RawSection {
    size: (i32, i32),
    /// Top, right, bottom, left, gutter.
    margins: [i32; 5],
    grid: Option<String>,
    line_pitch: i32,
    char_space: i32,
    /// Footer references: their type (`default`, `even`, `first`) and relationship id.
    pub footers: Vec<(String, String)>,
    title_page: bool,
    pub start: Start,
}

impl RawSection {
    /// Reads `e`, a child of `sectPr`.
    pub fn set(&mut self, e: &BytesStart) {
        let n = |name| signed(e, name).unwrap_or(0);
        match e.local_name().as_ref() {
            "pgSz" => self.size = (n("w"), n("h")),
            // A negative top or bottom margin is one the text may not push: its size is
            // the same.
            "pgMar" => {
                self.margins =
                    ["top", "right", "bottom", "left", "gutter"].map(|m| n(m).saturating_abs())
            }
            "docGrid" => {
                self.grid = attr(e, "type");
                self.line_pitch = n("linePitch");
                self.char_space = n("charSpace");
            }
            "footerReference" => {
                let kind = attr(e, "type").unwrap_or_else(|| "default".to_string());
                if let Some(id) = attr(e, "id") {
                    self.footers.push((kind, id));
                }
            }
            "titlePg" => self.title_page = is_on(e),
            "type" => {
                self.start = match attr(e, "val").as_deref() {
                    Some("continuous" | "nextColumn") => Start::Continuous,
                    Some("oddPage") => Start::Odd,
                    Some("evenPage") => Start::Even,
                    _ => Start::NextPage,
                }
            }
            _ => {}
        }
    }

    /// The section these properties make, holding `paragraphs`; `body_size` is the default
    /// text size in half-points, which a character grid's pitch is reckoned from.
    pub fn section(&self, paragraphs: std::ops::Range<usize>, body_size: u32) -> Section {
        let [top, right, bottom, left, gutter] = self.margins;
        let kind = self.grid.as_deref().unwrap_or("default");
        let chars = matches!(kind, "linesAndChars" | "snapToChars");
        // charSpace is in 4096ths of a point added to each character of the default size.
        let char_pitch = f64::from(body_size) * 10.0 + f64::from(self.char_space) * 20.0 / 4096.0;
        Section {
            width: self.size.0,
            height: self.size.1,
            margins: [top, right, bottom, left.saturating_add(gutter)],
            grid: Grid {
                lines: chars || kind == "lines",
                chars,
                line_pitch: self.line_pitch,
                char_pitch: if chars { char_pitch.max(0.0) } else { 0.0 },
            },
            footer_odd: None,
            footer_even: None,
            footer_first: None,
            title_page: self.title_page,
            paragraphs,
        }
    }
}
