//! Every layout number dossier uses, in one place, as data: GB/T 9704-2012's page, type sizes
//! and distances, the font profiles, and what a check of a finished document allows. The
//! typesetter, the DOCX writer and the checks read these values and contain no layout
//! literals of their own.

mod checks;
mod fonts;
mod metrics;
mod page_rules;
mod units;

pub use checks::*;
pub use fonts::*;
pub use metrics::*;
pub use page_rules::*;
pub use units::*;

/// The measures of one document format.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Page width, mm.
    pub page_width_mm: f64,
    /// Page height, mm.
    pub page_height_mm: f64,
    /// Top margin (to the text area), mm.
    pub margin_top_mm: f64,
    /// Bottom margin, mm.
    pub margin_bottom_mm: f64,
    /// Left (binding) margin, mm.
    pub margin_left_mm: f64,
    /// Right margin, mm.
    pub margin_right_mm: f64,
    /// Lines on a full page of body text: the exact line pitch is the text area's height
    /// shared among them.
    pub lines_per_page: u32,
    /// Characters on a full line of body text: the character spacing is what makes them
    /// fill the text area's width.
    pub chars_per_line: u32,
    /// The most lines a page may take when a notice's lines are set closer to keep body text
    /// on page 1 with the signature (GB/T 9704 7.3.5 lets line and character spacing change).
    pub tight_lines_per_page: u32,
    /// The most characters a line may take then.
    pub tight_chars_per_line: u32,
    /// The fewest characters a line may take when the body is set wider so that its last
    /// lines go over to the signature's page.
    pub loose_chars_per_line: u32,
    /// Distance from the top edge of the page to a header, twips (Word's 1.5 cm).
    pub header_twips: i32,
    /// The gap between text columns, twips: Word's default, written though the page has one
    /// column.
    pub column_gap_twips: i32,
    /// Body text size (3号), pt.
    pub body_pt: f64,
    /// Title size (2号), pt.
    pub title_pt: f64,
    /// Largest organ-mark size (小初), pt; a longer mark shrinks to fit the width.
    pub mark_max_pt: f64,
    /// Distance from the top of the text area to the top of the organ mark, mm.
    pub mark_top_mm: f64,
    /// The organ mark's exact line height as a multiple of its size.
    pub mark_line_ratio: f64,
    /// Blank body lines between the organ mark and the 发文字号.
    pub lines_mark_to_doc_no: u32,
    /// Distance from the 发文字号 line to the red separator line, mm.
    pub rule_gap_mm: f64,
    /// How far the bottom of an exact body line box lies below its glyphs, pt; the red line's
    /// gap is measured from the glyphs.
    pub rule_text_gap_pt: f64,
    /// Red separator thickness, pt.
    pub rule_pt: f64,
    /// Blank lines between the red line and the title.
    pub lines_rule_to_title: u32,
    /// Widest title line, in characters of the title size.
    pub title_max_chars: f32,
    /// Indent of body paragraphs' first lines, in characters.
    pub first_line_indent_chars: f64,
    /// Distance of the 署名 from the right edge, in characters.
    pub signature_right_chars: f64,
    /// How far right of the 署名's first character the date starts, in characters.
    pub date_offset_chars: f64,
    /// 信函格式 (clause 10.1): the organ mark's top from the page's top edge, mm.
    pub letter_mark_top_mm: f64,
    /// The first red double line's distance below the mark, mm.
    pub letter_rule_gap_mm: f64,
    /// The second red double line's distance above the page's bottom edge, mm.
    pub letter_bottom_rule_mm: f64,
    /// The double lines' length, centred on the page, mm.
    pub letter_rule_mm: f64,
    /// A double line's thick and thin lines and the space between them, pt: practice, as the
    /// standard gives no widths; the thick one as heavy as the 版头's separator and a half.
    pub letter_rule_pt: (f64, f64, f64),
    /// How far below the first double line the first line's characters start, in characters
    /// of the body size: 7/8 of a 3号 character's height.
    pub letter_text_gap_chars: f64,
    /// How far below its baseline a CJK character's body ends, as a share of its size (the
    /// ideographic em box's descent): where the mark ends, for the double line below it.
    pub em_box_descent: f64,
    /// A sealed document's date (7.3.5.1): its distance from the right edge, in characters.
    pub sealed_date_right_chars: f64,
    /// The seal's diameter when the scheme does not give one, mm: 4.2 cm, the common size of
    /// a government department's seal.
    pub seal_mm: f64,
    /// The smallest and largest seal a scheme may give, mm.
    pub seal_mm_range: (f64, f64),
    /// How far the seal's centre sits above the middle of the 署名 and date, pt: the standard
    /// puts them "居印章中心偏下".
    pub seal_centre_above_pt: f64,
    /// A joint document's seals (7.3.5.1) may neither cross nor touch: the least room between
    /// two, in characters.
    pub joint_seal_gap_chars: f64,
    /// 版记 text size (4号), pt.
    pub end_block_pt: f64,
    /// 版记 side indents, in characters of its size.
    pub end_block_indent_chars: f64,
    /// Height of the empty paragraph the floating 版记 is anchored to, pt: as little as a
    /// line can be.
    pub end_block_anchor_pt: f64,
    /// 版记 outer lines, mm.
    pub end_block_thick_mm: f64,
    /// 版记 inner lines, mm.
    pub end_block_thin_mm: f64,
    /// Page number size (4号), pt.
    pub page_number_pt: f64,
    /// Distance from the bottom of the text area to the top of the page number, mm.
    pub page_number_gap_mm: f64,
    /// How far above the footer's bottom edge the centre of the page number's dashes sits, mm
    /// (measured in LibreOffice for a 4号 line).
    pub page_number_dash_rise_mm: f64,
    /// Page number distance from the outer edge of the text area, in characters of its size.
    pub page_number_side_chars: f64,
    /// The dash either side of the page number.
    pub page_number_dash: &'static str,
    /// Table text size on a portrait page (4号), pt.
    pub table_pt: f64,
    /// Table text size on a landscape page and in wide tables (小四), pt.
    pub table_small_pt: f64,
    /// Exact line height of table text as a multiple of its size: tables are set single-spaced,
    /// not on the body's 28.95 pt grid.
    pub table_line_ratio: f64,
    /// Space between a cell's edge and its text, left and right, twips.
    pub table_cell_margin_twips: i32,
    /// Table rule thickness, pt.
    pub table_rule_pt: f64,
    /// A header longer than this many characters may wrap rather than widen its column.
    pub table_header_max_chars: f64,
    /// Room added to each column's longest line, in characters, so it does not wrap.
    pub table_slack_chars: f64,
    /// A long text column is comfortable at this many characters a line; a table whose columns
    /// cannot all be comfortable on a portrait page is set on a landscape one.
    pub table_comfortable_chars: f64,
    /// Unit names and dates are kept whole only while a running-text column keeps at least
    /// this many characters a line: a column narrower than that is worse than a broken name.
    pub table_text_least_chars: f64,
    /// Blank lines between an attached PDF file's label and its first page, as between an
    /// attached document's label and its title; the page is fitted into the text area below.
    pub attached_page_gap_lines: i32,
    /// The red of the organ mark and separator, as RRGGBB.
    pub red: &'static str,
    /// The black of rules, as RRGGBB.
    pub black: &'static str,
    /// The face and weight of each kind of text.
    pub faces: Faces,
    /// How far LibreOffice and Word set a glyph's top below the top of an exact-height line,
    /// as a fraction of the type size; used to put the organ mark's top where the standard says.
    pub glyph_top_ratio: f64,
    /// How far down an exact-height line its baseline sits, as a share of the height: where
    /// LibreOffice puts it (80 %).
    pub fixed_line_ascent: f64,
}

impl Layout {
    /// Height of the text area, twips.
    pub fn text_height_twips(&self) -> i32 {
        mm_to_twips(self.page_height_mm)
            - mm_to_twips(self.margin_top_mm)
            - mm_to_twips(self.margin_bottom_mm)
    }

    /// Exact line pitch of body text, twips: the whole twips that let `lines_per_page` lines
    /// fit the text area (579: 22 lines in 225 mm).
    ///
    /// ```
    /// assert_eq!(dossier::layout::GBT9704.line_pitch_twips(), 579);
    /// ```
    pub fn line_pitch_twips(&self) -> i32 {
        self.line_pitch_for(self.lines_per_page)
    }

    /// The exact line pitch that fits `lines` lines in the text area, twips.
    ///
    /// ```
    /// assert_eq!(dossier::layout::GBT9704.line_pitch_for(24), 531);
    /// ```
    pub fn line_pitch_for(&self, lines: u32) -> i32 {
        self.text_height_twips() / lines.max(1) as i32
    }

    /// Character spacing on body text, twips: the whole twips that let `chars_per_line`
    /// characters fit the text area's width (−5, a quarter point: 28 characters in 156 mm).
    ///
    /// ```
    /// assert_eq!(dossier::layout::GBT9704.char_spacing_twips(), -5);
    /// ```
    pub fn char_spacing_twips(&self) -> i32 {
        self.char_spacing_for(self.chars_per_line)
    }

    /// The character spacing that fits `chars` body characters on a line, twips.
    ///
    /// ```
    /// assert_eq!(dossier::layout::GBT9704.char_spacing_for(29), -15);
    /// ```
    pub fn char_spacing_for(&self, chars: u32) -> i32 {
        let pitch = f64::from(self.text_width_twips()) / f64::from(chars.max(1));
        pitch.floor() as i32 - pt_to_twips(self.body_pt)
    }

    /// Width of the text area, twips.
    pub fn text_width_twips(&self) -> i32 {
        mm_to_twips(self.page_width_mm) - self.margin_left_twips() - self.margin_right_twips()
    }
    /// Left margin, twips.
    pub fn margin_left_twips(&self) -> i32 {
        mm_to_twips(self.margin_left_mm)
    }
    /// Right margin, twips.
    pub fn margin_right_twips(&self) -> i32 {
        mm_to_twips(self.margin_right_mm)
    }
    /// Width of one body character including its spacing, twips.
    pub fn body_char_twips(&self) -> i32 {
        pt_to_twips(self.body_pt) + self.char_spacing_twips()
    }
    /// `chars` body characters, twips.
    pub fn body_chars(&self, chars: f64) -> i32 {
        (chars * f64::from(self.body_char_twips())).round() as i32
    }
}

/// GB/T 9704-2012 as `../shared/gbt9704.md` gives it.
pub const GBT9704: Layout = Layout {
    page_width_mm: 210.0,
    page_height_mm: 297.0,
    margin_top_mm: 37.0,
    margin_bottom_mm: 35.0,
    margin_left_mm: 28.0,
    margin_right_mm: 26.0,
    lines_per_page: 22,
    chars_per_line: 28,
    tight_lines_per_page: 26,
    tight_chars_per_line: 29,
    loose_chars_per_line: 26,
    header_twips: 851,
    column_gap_twips: 425,
    body_pt: 16.0,
    title_pt: 22.0,
    mark_max_pt: 36.0,
    mark_top_mm: 35.0,
    mark_line_ratio: 1.2,
    lines_mark_to_doc_no: 2,
    rule_gap_mm: 4.0,
    rule_text_gap_pt: 4.0,
    rule_pt: 1.0,
    lines_rule_to_title: 2,
    title_max_chars: 20.0,
    first_line_indent_chars: 2.0,
    signature_right_chars: 2.0,
    date_offset_chars: 2.0,
    letter_mark_top_mm: 30.0,
    letter_rule_gap_mm: 4.0,
    letter_bottom_rule_mm: 20.0,
    letter_rule_mm: 170.0,
    letter_rule_pt: (1.5, 0.5, 1.0),
    letter_text_gap_chars: 0.875,
    em_box_descent: 0.12,
    sealed_date_right_chars: 4.0,
    seal_mm: 42.0,
    seal_mm_range: (30.0, 60.0),
    seal_centre_above_pt: 6.0,
    joint_seal_gap_chars: 0.5,
    end_block_pt: 14.0,
    end_block_indent_chars: 1.0,
    end_block_anchor_pt: 1.0,
    end_block_thick_mm: 0.35,
    end_block_thin_mm: 0.25,
    page_number_pt: 14.0,
    page_number_gap_mm: 7.0,
    page_number_dash_rise_mm: 2.72,
    page_number_side_chars: 1.0,
    page_number_dash: "—",
    table_pt: 14.0,
    table_small_pt: 12.0,
    table_line_ratio: 1.4,
    table_cell_margin_twips: 85,
    table_rule_pt: 0.5,
    table_header_max_chars: 4.0,
    table_slack_chars: 1.0,
    table_comfortable_chars: 14.0,
    table_text_least_chars: 8.0,
    attached_page_gap_lines: 1,
    red: "FF0000",
    black: "000000",
    faces: Faces {
        body: (Face::FangSong, false),
        headings: [
            (Face::Hei, false),
            (Face::Kai, false),
            (Face::FangSong, true),
            (Face::FangSong, false),
        ],
        title: (Face::XiaoBiaoSong, false),
        mark: (Face::XiaoBiaoSong, false),
        copy_no: (Face::FangSong, false),
        secrecy: (Face::Hei, false),
        urgency: (Face::Hei, false),
        signers: (Face::Kai, false),
        attachment_label: (Face::Hei, false),
        table_header: (Face::Hei, false),
        table_body: (Face::FangSong, false),
        end_block: (Face::FangSong, false),
        page_number: (Face::Song, false),
    },
    glyph_top_ratio: 0.0,
    fixed_line_ascent: 0.8,
};
