//! Spreadsheet cells named as Excel and WPS name them, for messages that point at a cell.

/// `A1` notation for a 0-based cell.
///
/// ```
/// assert_eq!(dossier::text::cell_name(11, 6), "G12");
/// assert_eq!(dossier::text::cell_name(0, 27), "AB1");
/// ```
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}
