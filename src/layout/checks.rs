//! How far a finished document may stray from the layout before `dossier lint` calls it a
//! deviation: the standard's own allowance, and what rounding leaves (a length is written in
//! whole twips, a size in half-points, and Word and LibreOffice convert from centimetres and
//! inches); and the words the standard sets in a face of their own.

/// The allowances a check of a finished document makes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerances {
    /// Page and text area sizes, mm.
    pub size_mm: f64,
    /// The top and binding margins (天头, 订口), mm: GB/T 9704 5.2.1 allows ±1 mm.
    pub margin_mm: f64,
    /// Type sizes, pt.
    pub size_pt: f64,
    /// Indents and widths, in characters.
    pub chars: f64,
}

/// The allowances `dossier lint` makes.
pub const TOLERANCES: Tolerances = Tolerances {
    size_mm: 0.5,
    margin_mm: 1.0,
    size_pt: 0.25,
    chars: 0.3,
};

/// The labels of a 纪要's attendance lists (GB/T 9704 10.3), set in 3号黑体 before the names.
pub const ATTENDANCE_LABELS: [&str; 3] = ["出席", "请假", "列席"];
