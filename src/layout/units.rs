//! Lengths in the units the page is measured in (mm, pt) and the units WordprocessingML
//! writes (twips, half-points, eighths of a point).

/// Twips per point: WordprocessingML measures lengths in twentieths of a point.
pub const TWIPS_PER_PT: f64 = 20.0;

/// Twips per millimetre.
const TWIPS_PER_MM: f64 = 72.0 * TWIPS_PER_PT / 25.4;

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
    (pt * TWIPS_PER_PT).round() as i32
}

/// Twips to points.
///
/// ```
/// assert_eq!(dossier::layout::twips_to_pt(320), 16.0);
/// ```
pub fn twips_to_pt(twips: i32) -> f64 {
    f64::from(twips) / TWIPS_PER_PT
}

/// Millimetres to points.
///
/// ```
/// assert_eq!(dossier::layout::mm_to_pt(25.4), 72.0);
/// ```
pub fn mm_to_pt(mm: f64) -> f64 {
    mm * 72.0 / 25.4
}

/// Points to half-points, the unit of a run's size.
///
/// ```
/// assert_eq!(dossier::layout::pt_to_half_points(10.5), 21);
/// ```
pub fn pt_to_half_points(pt: f64) -> i32 {
    (pt * 2.0).round() as i32
}

/// Points to eighths of a point, the unit of a border's width.
///
/// ```
/// assert_eq!(dossier::layout::pt_to_eighths(0.5), 4);
/// ```
pub fn pt_to_eighths(pt: f64) -> i32 {
    (pt * 8.0).round() as i32
}

/// Twips to millimetres.
///
/// ```
/// assert_eq!((dossier::layout::twips_to_mm(2098) * 10.0).round(), 370.0);
/// ```
pub fn twips_to_mm(twips: i32) -> f64 {
    f64::from(twips) / TWIPS_PER_MM
}

/// The Chinese type sizes (号) and their points, largest first.
pub const SIZE_NAMES: [(&str, f64); 11] = [
    ("初号", 42.0),
    ("小初", 36.0),
    ("1号", 26.0),
    ("小1号", 24.0),
    ("2号", 22.0),
    ("小2号", 18.0),
    ("3号", 16.0),
    ("小3号", 15.0),
    ("4号", 14.0),
    ("小4号", 12.0),
    ("5号", 10.5),
];

/// `what` in a size as the standard names it: `3号仿宋（16 磅）`, or `17 磅仿宋` for a size
/// without a name.
///
/// ```
/// use dossier::layout::sized;
/// assert_eq!(sized(16.0, "仿宋"), "3号仿宋（16 磅）");
/// assert_eq!(sized(17.0, "仿宋"), "17 磅仿宋");
/// ```
pub fn sized(pt: f64, what: &str) -> String {
    match SIZE_NAMES.iter().find(|(_, p)| (p - pt).abs() < 0.01) {
        Some((name, _)) => format!("{name}{what}（{pt} 磅）"),
        None => format!("{pt} 磅{what}"),
    }
}
