//! The page every item goes on, resolved from `layout`: size and margins for portrait pages
//! and for landscape ones (the portrait page turned clockwise, as it is bound: the binding
//! margin at the top), where the header and footer sit, and the page numbers.

use super::Run;
use crate::layout::{Layout, mm_to_twips, pt_to_twips};

/// One orientation's page, twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSetup {
    /// Page width.
    pub width: i32,
    /// Page height.
    pub height: i32,
    /// Turned: wider than high.
    pub landscape: bool,
    /// Margins to the text area: top, right, bottom, left.
    pub margins: [i32; 4],
    /// Top edge to the header.
    pub header: i32,
    /// Bottom edge to the footer's last line: puts the page number's dashes
    /// `page_number_gap_mm` below the text area.
    pub footer: i32,
    /// The body line pitch, on which the document grid lies.
    pub line_pitch: i32,
    /// The gap between columns (one column: only written, as Word writes it).
    pub column_gap: i32,
}

/// The page of each orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pages {
    /// Portrait pages: most of every document.
    pub portrait: PageSetup,
    /// Landscape pages: wide tables.
    pub landscape: PageSetup,
}

impl PageSetup {
    /// Height of the text area, twips.
    pub fn text_height(&self) -> i32 {
        self.height - self.margins[0] - self.margins[2]
    }

    /// How far the document grid's first line is below the text area's top, twips: the
    /// whole lines of `line_pitch` are centred in it, as LibreOffice lays out the grid.
    pub fn grid_offset(&self) -> i32 {
        self.text_height() % self.line_pitch.max(1) / 2
    }
}

impl Pages {
    /// The page of one orientation.
    pub fn of(&self, landscape: bool) -> &PageSetup {
        if landscape {
            &self.landscape
        } else {
            &self.portrait
        }
    }
}

/// The page number at the foot of every page: `— 1 —`, 1 character in from the outer edge of
/// the text area (odd pages right, even pages left).
#[derive(Debug, Clone, PartialEq)]
pub struct PageNumber {
    /// The run's face and size, without text.
    pub run: Run,
    /// The dash either side of the number.
    pub dash: &'static str,
    /// Distance from the text area's outer edge, twips.
    pub side: i32,
    /// Exact line height, twips.
    pub line: i32,
}

/// The portrait and landscape pages of `l`.
///
/// ```
/// let pages = dossier::typeset::pages(&dossier::layout::GBT9704);
/// assert_eq!(pages.portrait.margins, [2098, 1474, 1984, 1587]);
/// assert_eq!(pages.landscape.margins, [1587, 2098, 1474, 1984]);
/// ```
pub fn pages(l: &Layout) -> Pages {
    let (w, h) = (mm_to_twips(l.page_width_mm), mm_to_twips(l.page_height_mm));
    let (top, right, bottom, left) = (
        mm_to_twips(l.margin_top_mm),
        l.margin_right_twips(),
        mm_to_twips(l.margin_bottom_mm),
        l.margin_left_twips(),
    );
    let footer =
        |bottom_mm: f64| mm_to_twips(bottom_mm - l.page_number_gap_mm - l.page_number_dash_rise_mm);
    let page = |width, height, landscape, margins, footer| PageSetup {
        width,
        height,
        landscape,
        margins,
        header: l.header_twips,
        footer,
        line_pitch: l.line_pitch_twips(),
        column_gap: l.column_gap_twips,
    };
    Pages {
        portrait: page(
            w,
            h,
            false,
            [top, right, bottom, left],
            footer(l.margin_bottom_mm),
        ),
        // Turned clockwise: the left (binding) margin is now at the top, the bottom one at
        // the left, and the right one at the bottom, where the page number goes.
        landscape: page(
            h,
            w,
            true,
            [left, top, right, bottom],
            footer(l.margin_right_mm),
        ),
    }
}

/// The page number of `l`.
pub(super) fn page_number(l: &Layout) -> PageNumber {
    PageNumber {
        run: Run {
            text: String::new(),
            face: l.faces.page_number.0,
            size_pt: l.page_number_pt,
            bold: l.faces.page_number.1,
            color: None,
            spacing_twips: 0,
        },
        dash: l.page_number_dash,
        side: pt_to_twips(l.page_number_pt * l.page_number_side_chars),
        line: pt_to_twips(l.page_number_pt),
    }
}
