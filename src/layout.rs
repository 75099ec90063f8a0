//! Every layout number dossier uses, in one place, as data: GB/T 9704-2012's page, type sizes
//! and distances, and the font profiles. The typesetter and the DOCX writer read these values
//! and contain no layout literals of their own.

use serde::Serialize;

/// Twips (twentieths of a point) per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// Millimetres to twips, rounded to the nearest twip.
///
/// ```
/// assert_eq!(dossier::layout::mm_to_twips(37.0), 2098);
/// ```
pub fn mm_to_twips(mm: f64) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// Points to twips.
///
/// ```
/// assert_eq!(dossier::layout::pt_to_twips(16.0), 320);
/// ```
pub fn pt_to_twips(pt: f64) -> i32 {
    (pt * 20.0).round() as i32
}

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
    /// Lines on a full page of body text.
    pub lines_per_page: u32,
    /// Characters on a full line of body text.
    pub chars_per_line: u32,
    /// Exact line pitch of body text, twips: 22 of them fit in the 225 mm text area.
    pub line_pitch_twips: i32,
    /// Character spacing on body text, twips: −0.25 pt makes 28 characters fill 156 mm.
    pub char_spacing_twips: i32,
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
    /// 版记 text size (4号), pt.
    pub end_block_pt: f64,
    /// 版记 side indents, in characters of its size.
    pub end_block_indent_chars: f64,
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
    /// The red of the organ mark and separator, as RRGGBB.
    pub red: &'static str,
    /// How far LibreOffice and Word set a glyph's top below the top of an exact-height line,
    /// as a fraction of the type size; used to put the organ mark's top where the standard says.
    pub glyph_top_ratio: f64,
}

impl Layout {
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
        pt_to_twips(self.body_pt) + self.char_spacing_twips
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
    line_pitch_twips: 579,
    char_spacing_twips: -5,
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
    end_block_pt: 14.0,
    end_block_indent_chars: 1.0,
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
    red: "FF0000",
    glyph_top_ratio: 0.0,
};

/// Which face a run of text is set in; the profile maps each role to a font name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Face {
    /// 仿宋: body text.
    FangSong,
    /// 黑体: level-1 headings, 附件 labels, 密级.
    Hei,
    /// 楷体: level-2 headings, 签发人 names.
    Kai,
    /// 小标宋: titles and the organ mark.
    XiaoBiaoSong,
    /// 宋体: page numbers.
    Song,
}

/// Font names for each face, as one office's machines know them.
#[derive(Debug, Clone, PartialEq)]
pub struct FontProfile {
    /// What `--fonts` calls it.
    pub name: &'static str,
    /// What it is for, shown by `--help`.
    pub description: &'static str,
    /// 仿宋.
    pub fangsong: &'static str,
    /// 黑体.
    pub hei: &'static str,
    /// 楷体.
    pub kai: &'static str,
    /// 小标宋 or its stand-in.
    pub xiaobiaosong: &'static str,
    /// Whether the 小标宋 stand-in needs bold to look like 小标宋.
    pub xiaobiaosong_bold: bool,
    /// 宋体.
    pub song: &'static str,
    /// Latin letters and digits.
    pub latin: &'static str,
}

impl FontProfile {
    /// The font name for `face`.
    ///
    /// ```
    /// use dossier::layout::{Face, FONT_PROFILES};
    /// assert_eq!(FONT_PROFILES[0].font(Face::FangSong), "仿宋_GB2312");
    /// ```
    pub fn font(&self, face: Face) -> &'static str {
        match face {
            Face::FangSong => self.fangsong,
            Face::Hei => self.hei,
            Face::Kai => self.kai,
            Face::XiaoBiaoSong => self.xiaobiaosong,
            Face::Song => self.song,
        }
    }
}

/// The font profiles, the default first.
pub const FONT_PROFILES: [FontProfile; 2] = [
    FontProfile {
        name: "gb2312",
        description: "GB2312 时代的字体名（仿宋_GB2312、楷体_GB2312、方正小标宋简体），多数机关电脑已安装",
        fangsong: "仿宋_GB2312",
        hei: "黑体",
        kai: "楷体_GB2312",
        xiaobiaosong: "方正小标宋简体",
        xiaobiaosong_bold: false,
        song: "宋体",
        latin: "Times New Roman",
    },
    FontProfile {
        name: "win10",
        description: "Windows 10 及以后自带的字体名（仿宋、楷体；标题以宋体加粗代替小标宋）",
        fangsong: "仿宋",
        hei: "黑体",
        kai: "楷体",
        xiaobiaosong: "宋体",
        xiaobiaosong_bold: true,
        song: "宋体",
        latin: "Times New Roman",
    },
];

impl FontProfile {
    /// The profile called `name`, or the default; an unknown name is an error listing the
    /// known ones.
    ///
    /// ```
    /// use dossier::layout::FontProfile;
    /// assert_eq!(FontProfile::named(None).unwrap().name, "gb2312");
    /// assert_eq!(FontProfile::named(Some("win10")).unwrap().fangsong, "仿宋");
    /// assert!(FontProfile::named(Some("nope")).unwrap_err().hint.contains("gb2312、win10"));
    /// ```
    pub fn named(name: Option<&str>) -> crate::error::Result<&'static FontProfile> {
        match name {
            None => Ok(&FONT_PROFILES[0]),
            Some(n) => font_profile(n).ok_or_else(|| {
                crate::error::Error::at("--fonts", format!("没有名为「{n}」的字体方案"))
                    .with_hint(format!("可用的字体方案：{}", profile_names()))
            }),
        }
    }
}

/// The profiles' names, as a list in a message: `gb2312、win10`.
pub fn profile_names() -> String {
    let names: Vec<&str> = FONT_PROFILES.iter().map(|p| p.name).collect();
    names.join("、")
}

/// The profile called `name`.
///
/// ```
/// assert_eq!(dossier::layout::font_profile("win10").unwrap().fangsong, "仿宋");
/// assert!(dossier::layout::font_profile("nope").is_none());
/// ```
pub fn font_profile(name: &str) -> Option<&'static FontProfile> {
    FONT_PROFILES.iter().find(|p| p.name == name)
}
