//! Advance widths of the Latin fonts the profiles name, for printable ASCII and the marks
//! Chinese text borrows (quotes, dashes, the middle dot), as their font files give them: the
//! layout breaks lines with the widths Word and LibreOffice use.
//! Times New Roman and Liberation Serif share these metrics (Liberation was made for that).

/// One Latin font's advances for U+0020–U+007E, in units of its em.
#[derive(Debug, PartialEq, Eq)]
pub struct LatinMetrics {
    /// The font name, as a profile's `latin` gives it.
    pub font: &'static str,
    /// Units per em of the tables.
    pub units_per_em: u16,
    /// Regular advances, from U+0020.
    pub regular: [u16; 95],
    /// Bold advances, from U+0020.
    pub bold: [u16; 95],
    /// Other characters: each with its regular and bold advance.
    pub others: &'static [(char, u16, u16)],
}

impl LatinMetrics {
    /// The advance of `c` in em, when the tables hold it.
    ///
    /// ```
    /// let m = dossier::layout::latin_metrics("Times New Roman").unwrap();
    /// assert_eq!(m.advance_em('0', false), Some(0.5));
    /// assert_eq!(m.advance_em('中', false), None);
    /// ```
    pub fn advance_em(&self, c: char, bold: bool) -> Option<f64> {
        let ascii = u32::from(c)
            .checked_sub(0x20)
            .and_then(|at| usize::try_from(at).ok())
            .and_then(|at| {
                if bold { &self.bold } else { &self.regular }
                    .get(at)
                    .copied()
            });
        let units = ascii.or_else(|| {
            let &(_, regular, heavy) = self.others.iter().find(|o| o.0 == c)?;
            Some(if bold { heavy } else { regular })
        })?;
        Some(f64::from(units) / f64::from(self.units_per_em))
    }
}

/// Times New Roman, read from Liberation Serif 2 (`LiberationSerif-Regular.ttf` and
/// `-Bold.ttf`); tests/flow.rs checks them against the installed files.
pub const TIMES: LatinMetrics = LatinMetrics {
    font: "Times New Roman",
    units_per_em: 2048,
    regular: [
        512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024,
        1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909,
        1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479,
        1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961,
        1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024,
        1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108,
    ],
    bold: [
        512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569,
        1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167,
        1024, 1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933,
        1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569,
        682, 1190, 1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569,
        1706, 1139, 1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451,
        807, 1065,
    ],
    others: &[
        ('·', 682, 683),
        ('‘', 682, 682),
        ('’', 682, 682),
        ('“', 909, 1024),
        ('”', 909, 1024),
        ('–', 1024, 1024),
        ('—', 2048, 2048),
        ('…', 2048, 2048),
        ('°', 819, 819),
        ('±', 1124, 1124),
        ('×', 1155, 1167),
        ('÷', 1124, 1124),
        ('§', 1024, 1024),
        ('‰', 2048, 2048),
    ],
};

/// The metrics of the Latin font `font`, when dossier has them.
pub fn latin_metrics(font: &str) -> Option<&'static LatinMetrics> {
    [&TIMES].into_iter().find(|m| m.font == font)
}
