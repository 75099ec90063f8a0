//! Paragraph and run properties as one level of Word's cascade sets them (document defaults,
//! a style, direct formatting): each `None` where that level says nothing, so that levels lay
//! over one another property by property.

use quick_xml::events::BytesStart;

use super::Border;
use crate::read::draft::xml::{attr, is_on};

/// Word's size for text no level sizes, half-points.
pub(super) const DEFAULT_SIZE: u32 = 20;

/// A font as a level names it: by name, or by its theme slot (`minorEastAsia`), which wins
/// over a name on the same level.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum FontRef {
    Name(String),
    Theme(String),
}

/// The run properties one level sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct RunProps {
    pub east_asia: Option<FontRef>,
    pub latin: Option<FontRef>,
    /// Half-points.
    pub size: Option<u32>,
    pub bold: Option<bool>,
    /// RRGGBB or `auto`.
    pub color: Option<String>,
    /// Twips.
    pub spacing: Option<i32>,
    /// A character style (direct formatting only).
    pub style: Option<String>,
}

/// A length as a level gives it: in twips, or in hundredths of a character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Len {
    Twips(i32),
    Chars(i32),
}

/// The paragraph properties one level sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ParaProps {
    pub jc: Option<String>,
    pub left: Option<Len>,
    pub right: Option<Len>,
    /// First-line indent; negative hangs.
    pub first: Option<Len>,
    pub before: Option<i32>,
    pub after: Option<i32>,
    /// The line value and its rule (`auto`, `exact`, `atLeast`).
    pub line: Option<(i32, String)>,
    pub snap_to_grid: Option<bool>,
    pub page_break_before: Option<bool>,
    pub border_top: Option<Option<Border>>,
    pub border_bottom: Option<Option<Border>>,
    /// The list and level (`numId`, `ilvl`).
    pub num_id: Option<u32>,
    pub level: Option<u32>,
    /// A paragraph style (direct formatting only).
    pub style: Option<String>,
}

impl RunProps {
    /// These properties laid over `base`.
    pub fn over(&self, base: &RunProps) -> RunProps {
        RunProps {
            east_asia: self.east_asia.clone().or_else(|| base.east_asia.clone()),
            latin: self.latin.clone().or_else(|| base.latin.clone()),
            size: self.size.or(base.size),
            bold: self.bold.or(base.bold),
            color: self.color.clone().or_else(|| base.color.clone()),
            spacing: self.spacing.or(base.spacing),
            style: self.style.clone().or_else(|| base.style.clone()),
        }
    }

    /// Reads `e`, a child of `rPr`, into these properties.
    pub fn set(&mut self, e: &BytesStart) {
        match e.local_name().as_ref() {
            "rFonts" => {
                let font = |theme: &str, name: &str| {
                    (attr(e, theme).map(FontRef::Theme))
                        .or_else(|| attr(e, name).map(FontRef::Name))
                };
                if let Some(f) = font("eastAsiaTheme", "eastAsia") {
                    self.east_asia = Some(f);
                }
                if let Some(f) = font("asciiTheme", "ascii") {
                    self.latin = Some(f);
                }
            }
            "sz" => self.size = attr(e, "val").and_then(|v| v.trim().parse().ok()),
            "b" => self.bold = Some(is_on(e)),
            "color" => self.color = attr(e, "val"),
            "spacing" => self.spacing = signed(e, "val"),
            "rStyle" => self.style = attr(e, "val"),
            _ => {}
        }
    }
}

impl ParaProps {
    /// These properties laid over `base`.
    pub fn over(&self, base: &ParaProps) -> ParaProps {
        ParaProps {
            jc: self.jc.clone().or_else(|| base.jc.clone()),
            left: self.left.or(base.left),
            right: self.right.or(base.right),
            first: self.first.or(base.first),
            before: self.before.or(base.before),
            after: self.after.or(base.after),
            line: self.line.clone().or_else(|| base.line.clone()),
            snap_to_grid: self.snap_to_grid.or(base.snap_to_grid),
            page_break_before: self.page_break_before.or(base.page_break_before),
            border_top: self.border_top.clone().or_else(|| base.border_top.clone()),
            border_bottom: (self.border_bottom.clone()).or_else(|| base.border_bottom.clone()),
            num_id: self.num_id.or(base.num_id),
            level: self.level.or(base.level),
            style: self.style.clone().or_else(|| base.style.clone()),
        }
    }

    /// Reads `e`, a child of `pPr` (or of its `pBdr` or `numPr`), into these properties.
    pub fn set(&mut self, e: &BytesStart) {
        match e.local_name().as_ref() {
            "jc" => self.jc = attr(e, "val"),
            "ind" => self.indent(e),
            "spacing" => {
                self.before = signed(e, "before").or(self.before);
                self.after = signed(e, "after").or(self.after);
                if let Some(line) = signed(e, "line") {
                    let rule = attr(e, "lineRule").unwrap_or_else(|| "auto".to_string());
                    self.line = Some((line, rule));
                }
            }
            "snapToGrid" => self.snap_to_grid = Some(is_on(e)),
            "pageBreakBefore" => self.page_break_before = Some(is_on(e)),
            "pStyle" => self.style = attr(e, "val"),
            "numId" => self.num_id = attr(e, "val").and_then(|v| v.trim().parse().ok()),
            "ilvl" => self.level = attr(e, "val").and_then(|v| v.trim().parse().ok()),
            _ => {}
        }
    }

    /// Reads `e`, a side of `pBdr`.
    pub fn set_border(&mut self, e: &BytesStart) {
        match e.local_name().as_ref() {
            "top" => self.border_top = Some(border(e)),
            "bottom" => self.border_bottom = Some(border(e)),
            _ => {}
        }
    }

    /// `w:ind`: a length in characters (`leftChars`) wins over the same in twips unless it
    /// is 0, which Word writes to undo an inherited one; `start`/`end` are `left`/`right` in
    /// the newer spelling.
    fn indent(&mut self, e: &BytesStart) {
        let len = |chars: &str, twips: &[&str]| {
            let c = signed(e, chars).filter(|&c| c != 0).map(Len::Chars);
            c.or_else(|| twips.iter().find_map(|t| signed(e, t)).map(Len::Twips))
                .or_else(|| signed(e, chars).map(|_| Len::Twips(0)))
        };
        self.left = len("leftChars", &["left", "start"]).or(self.left);
        self.right = len("rightChars", &["right", "end"]).or(self.right);
        let first = len("firstLineChars", &["firstLine"]);
        let hanging = len("hangingChars", &["hanging"]).map(|l| match l {
            Len::Twips(t) => Len::Twips(t.saturating_neg()),
            Len::Chars(c) => Len::Chars(c.saturating_neg()),
        });
        // Word writes one of the two; a hanging indent of 0 says nothing against a first line.
        self.first = match (hanging, first) {
            (Some(h), _) if h != Len::Twips(0) => Some(h),
            (_, Some(f)) => Some(f),
            (h, None) => h.or(self.first),
        };
    }
}

/// A border side (`w:top`, `w:insideH` …), `None` when it draws nothing.
pub(super) fn border(e: &BytesStart) -> Option<Border> {
    let style = attr(e, "val").unwrap_or_default();
    if matches!(style.as_str(), "nil" | "none" | "") {
        return None;
    }
    Some(Border {
        style,
        eighths: attr(e, "sz")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(4),
        color: attr(e, "color").unwrap_or_else(|| "auto".to_string()),
    })
}

/// A signed number attribute. LibreOffice writes some negative values as their 32-bit
/// unsigned pattern (`charSpace="4294950911"` for −16385), so those are turned back.
pub(super) fn signed(e: &BytesStart, name: &str) -> Option<i32> {
    let v: i64 = attr(e, name)?.trim().parse().ok()?;
    let v = if v > i64::from(i32::MAX) && v <= i64::from(u32::MAX) {
        v - (1_i64 << 32)
    } else {
        v
    };
    i32::try_from(v).ok()
}

/// The horizontal borders of a table or a cell one level sets: each side `Some(None)` when
/// the level removes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Sides {
    pub top: Option<Option<Border>>,
    pub bottom: Option<Option<Border>>,
    pub inside_h: Option<Option<Border>>,
}

impl Sides {
    /// These sides laid over `base`.
    pub fn over(&self, base: &Sides) -> Sides {
        Sides {
            top: self.top.clone().or_else(|| base.top.clone()),
            bottom: self.bottom.clone().or_else(|| base.bottom.clone()),
            inside_h: self.inside_h.clone().or_else(|| base.inside_h.clone()),
        }
    }

    /// Reads `e`, a side of `tblBorders` or `tcBorders`.
    pub fn set(&mut self, e: &BytesStart) {
        match e.local_name().as_ref() {
            "top" => self.top = Some(border(e)),
            "bottom" => self.bottom = Some(border(e)),
            "insideH" => self.inside_h = Some(border(e)),
            _ => {}
        }
    }
}
