//! How wide text is when set in a CJK font, in em, and full-width forms folded to ASCII.

/// Maps full-width ASCII variants (０-９, －, ／, ．, （…) to ASCII, since IMEs produce them.
pub(crate) fn to_halfwidth(c: char) -> char {
    match u32::from(c) {
        cp @ 0xFF01..=0xFF5E => char::from_u32(cp - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Characters that take no room of their own: controls, combining marks, zero-width marks.
fn is_zero_width(c: char) -> bool {
    c.is_control()
        || matches!(u32::from(c),
            0x0300..=0x036F | 0x200B..=0x200F | 0x2060..=0x2064 | 0xFE00..=0xFE0F
                | 0xFEFF | 0xE0100..=0xE01EF)
}

/// Characters a CJK font sets one em wide.
pub(crate) fn is_full_width(c: char) -> bool {
    matches!(u32::from(c),
        // East Asian Wide / Fullwidth blocks
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE10..=0xFE19
            | 0xFE30..=0xFE6F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x2FFFD
            | 0x30000..=0x3FFFD
            // "Ambiguous" symbols that GB 2312 fonts such as SimSun set full width
            | 0xA7 | 0xB0 | 0xB1 | 0xB7 | 0xD7 | 0xF7
            | 0x2014..=0x2016
            | 0x2018 | 0x2019 | 0x201C | 0x201D
            | 0x2020..=0x2022
            | 0x2025 | 0x2026 | 0x2030 | 0x2032 | 0x2033 | 0x203B
            | 0x2103 | 0x2116 | 0x2121
            | 0x2160..=0x217F
            | 0x2190..=0x2199
            | 0x2460..=0x24FF
            | 0x2500..=0x257F
            | 0x25A0..=0x25FF
            | 0x2600..=0x26FF)
}

/// Width in em of one character set in a CJK font.
pub fn char_width(c: char) -> f32 {
    if is_zero_width(c) {
        0.0
    } else if is_full_width(c) {
        1.0
    } else {
        0.5
    }
}

/// The space LibreOffice and Word set between a Chinese character and a Latin letter or digit
/// beside it, in em.
pub const AUTOSPACE_EM: f64 = 0.2;

/// Whether that space goes between `a` and `b`: one is a Chinese character (not a mark), the
/// other a letter or digit set in the Latin font.
///
/// ```
/// use dossier::text::width::autospaced;
/// assert!(autospaced('年', '5') && autospaced('4', '年'));
/// assert!(!autospaced('年', '，') && !autospaced('2', '0'));
/// ```
pub fn autospaced(a: char, b: char) -> bool {
    let latin = |c: char| c.is_alphanumeric() && (u32::from(c) <= 0xFF || char_width(c) < 1.0);
    (super::is_han(a) && latin(b)) || (latin(a) && super::is_han(b))
}

/// Width in em of a line of text as a word processor sets it in a CJK font: its characters'
/// widths (as `text_width_em`) and the spaces between Chinese and Latin.
///
/// ```
/// let em = dossier::text::width::set_width_em("2024年5月8日");
/// assert!((em - (6.0 + 5.0 * 0.2)).abs() < 1e-9, "6 em and five gaps: {em}");
/// ```
pub fn set_width_em(s: &str) -> f64 {
    let gaps = s
        .chars()
        .zip(s.chars().skip(1))
        .filter(|&(a, b)| autospaced(a, b))
        .count();
    f64::from(text_width_em(s)) + AUTOSPACE_EM * gaps as f64
}

/// Display width in em of text set in a CJK font.
///
/// Full-width characters (CJK, full-width punctuation, U+3000, “” …) count 1.0,
/// ASCII and half-width characters 0.5, controls and combining marks 0:
/// `text_width_em("关于2014年")` → `5.0`.
pub fn text_width_em(s: &str) -> f32 {
    s.chars().map(char_width).sum()
}
