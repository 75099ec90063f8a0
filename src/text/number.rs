//! Figures written out for people: file sizes, percentages, digests.

/// A size as offices read it: `3.2 MB`.
///
/// ```
/// assert_eq!(dossier::text::human_size(1536), "1.5 KB");
/// assert_eq!(dossier::text::human_size(100), "100 B");
/// ```
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

/// A fraction as a percentage with at most one decimal.
///
/// ```
/// assert_eq!(dossier::text::percent(0.625), "62.5%");
/// assert_eq!(dossier::text::percent(1.0), "100%");
/// ```
pub fn percent(v: f64) -> String {
    let tenths = (v * 1000.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{}%", tenths as i64)
    } else {
        format!("{tenths:.1}%")
    }
}

/// A number as a message quotes it: as written when short, in exponent form when huge.
///
/// ```
/// assert_eq!(dossier::text::quoted_number(-5.0), "-5");
/// assert_eq!(dossier::text::quoted_number(0.25), "0.25");
/// assert_eq!(dossier::text::quoted_number(1e308), "1e308");
/// ```
pub fn quoted_number(v: f64) -> String {
    if v.abs() >= 1e15 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// Lowercase hex, as manifests write digests.
///
/// ```
/// assert_eq!(dossier::text::hex(&[0, 0xab, 0x10]), "00ab10");
/// ```
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
