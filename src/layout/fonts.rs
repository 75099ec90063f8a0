//! Faces and font profiles: which face each kind of text is set in, and the font names an
//! office's machines know for each face.

use serde::Serialize;

/// Which face a run of text is set in; the profile maps each role to a font name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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

/// A face and whether it is set bold.
pub type FaceStyle = (Face, bool);

/// The face of each kind of text (GB/T 9704 7.3 and the practice the seeds show).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Faces {
    /// Body text.
    pub body: FaceStyle,
    /// Headings of levels 1 to 4 (level 3 bold by practice).
    pub headings: [FaceStyle; 4],
    /// Titles.
    pub title: FaceStyle,
    /// The organ mark.
    pub mark: FaceStyle,
    /// 份号.
    pub copy_no: FaceStyle,
    /// 密级.
    pub secrecy: FaceStyle,
    /// 紧急程度.
    pub urgency: FaceStyle,
    /// The names of the 签发人.
    pub signers: FaceStyle,
    /// An attachment's `附件` label.
    pub attachment_label: FaceStyle,
    /// A table's header row.
    pub table_header: FaceStyle,
    /// A table's body cells.
    pub table_body: FaceStyle,
    /// The 版记.
    pub end_block: FaceStyle,
    /// Page numbers.
    pub page_number: FaceStyle,
}

impl Faces {
    /// The face of a heading of `level` (1 to 4; deeper levels take level 4's).
    ///
    /// ```
    /// use dossier::layout::{Face, GBT9704};
    /// assert_eq!(GBT9704.faces.heading(2), (Face::Kai, false));
    /// ```
    pub fn heading(&self, level: u8) -> FaceStyle {
        let i = usize::from(level.clamp(1, 4)) - 1;
        self.headings.get(i).copied().unwrap_or(self.body)
    }
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

/// The font families that may stand in for `face` when the profile's font is not installed,
/// in order: the Windows names, then the open fonts of Linux machines (Debian's
/// fonts-noto-cjk and fonts-arphic-ukai), as `tests/tools/35-dossier-cjk-aliases.conf` maps
/// them for LibreOffice.
///
/// ```
/// use dossier::layout::{Face, fallback_fonts};
/// assert_eq!(fallback_fonts(Face::Kai).last(), Some(&"AR PL UKai CN"));
/// ```
pub fn fallback_fonts(face: Face) -> &'static [&'static str] {
    match face {
        Face::FangSong => &["仿宋", "FangSong", "Noto Serif CJK SC"],
        Face::Hei => &["黑体", "SimHei", "Noto Sans CJK SC"],
        Face::Kai => &["楷体", "KaiTi", "AR PL UKai CN"],
        Face::XiaoBiaoSong => &["方正小标宋简体", "宋体", "SimSun", "Noto Serif CJK SC"],
        Face::Song => &["宋体", "SimSun", "Noto Serif CJK SC"],
    }
}

/// The families that may stand in for the Latin font: the same metrics as Times New Roman.
pub const LATIN_FALLBACK_FONTS: [&str; 2] = ["Times New Roman", "Liberation Serif"];

/// What font names say of their face, tried in this order (仿宋 and 小标宋 contain 宋, so
/// they come before 宋体): a name holding one of a face's marks, in any case, sets that face.
/// The marks cover the profiles' names and the other names offices' machines know
/// (方正仿宋_GBK, 华文楷体 STKaiti, SimHei, 华文中宋 STZhongsong …).
pub const FACE_MARKS: [(Face, &[&str]); 5] = [
    (
        Face::XiaoBiaoSong,
        &["小标宋", "xiaobiaosong", "中宋", "zhongsong"],
    ),
    (Face::FangSong, &["仿宋", "fangsong"]),
    (Face::Kai, &["楷", "kai"]),
    (Face::Hei, &["黑", "hei"]),
    (Face::Song, &["宋", "simsun", "song"]),
];

/// The face the font called `font` sets, when its name says.
///
/// ```
/// use dossier::layout::{Face, face_of};
/// assert_eq!(face_of("仿宋_GB2312"), Some(Face::FangSong));
/// assert_eq!(face_of("方正小标宋简体"), Some(Face::XiaoBiaoSong));
/// assert_eq!(face_of("SimSun"), Some(Face::Song));
/// assert_eq!(face_of("等线"), None);
/// ```
pub fn face_of(font: &str) -> Option<Face> {
    let name = font.to_lowercase();
    FACE_MARKS
        .iter()
        .find(|(_, marks)| marks.iter().any(|m| name.contains(m)))
        .map(|(face, _)| *face)
}

/// Whether text in `font`, bold or not, is set in `face`: the font's name says so, or a
/// profile sets `face` in that font (宋体 stands in for 小标宋 in the win10 profile, bold).
///
/// ```
/// use dossier::layout::{Face, sets_face};
/// assert!(sets_face("方正小标宋简体", false, Face::XiaoBiaoSong));
/// assert!(sets_face("宋体", true, Face::XiaoBiaoSong));
/// assert!(!sets_face("宋体", false, Face::XiaoBiaoSong));
/// assert!(!sets_face("黑体", false, Face::FangSong));
/// ```
pub fn sets_face(font: &str, bold: bool, face: Face) -> bool {
    let stand_in = FONT_PROFILES.iter().any(|p| {
        let needs_bold = face == Face::XiaoBiaoSong && p.xiaobiaosong_bold;
        p.font(face) == font && (bold || !needs_bold)
    });
    stand_in || face_of(font) == Some(face)
}

impl Face {
    /// The face's name as the standard writes it.
    ///
    /// ```
    /// assert_eq!(dossier::layout::Face::Kai.name(), "楷体");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Face::FangSong => "仿宋",
            Face::Hei => "黑体",
            Face::Kai => "楷体",
            Face::XiaoBiaoSong => "小标宋",
            Face::Song => "宋体",
        }
    }
}
