//! File names every file system takes, Windows' included.

/// A name that every file system takes: characters Windows forbids (`<>:"/\\|?*` and control
/// characters) become `_`, trailing dots and spaces go, and Windows' reserved device names
/// (CON, PRN, AUX, NUL, COM1–9, LPT1–9) get a `_` in front; a name longer than 200 bytes has
/// its stem cut, ending in `…` before its extension.
///
/// ```
/// use dossier::text::safe_file_name;
/// assert_eq!(safe_file_name("市委/市政府办公室"), "市委_市政府办公室");
/// assert_eq!(safe_file_name("CON"), "_CON");
/// assert_eq!(safe_file_name("报告. "), "报告");
/// assert!(safe_file_name(&"很长的单位名称".repeat(20)).len() <= 200);
/// assert!(safe_file_name(&format!("{}.pdf", "会议记录".repeat(30))).ends_with("….pdf"));
/// ```
pub fn safe_file_name(name: &str) -> String {
    let s = windows_safe(name);
    if s.len() <= FILE_NAME_BYTES {
        return s;
    }
    // A name past the file system's 255 bytes cannot be written: its stem is cut, leaving
    // room for a number in front; the extension stays, so the file still opens.
    let (stem, ext) = match s.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 8 => (stem, &s[stem.len()..]),
        _ => (s.as_str(), ""),
    };
    let mut cut = FILE_NAME_BYTES.saturating_sub(ext.len() + '…'.len_utf8());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…{ext}", &stem[..cut])
}

/// The longest name `safe_file_name` gives, in bytes.
const FILE_NAME_BYTES: usize = 200;

/// `name` with what Windows refuses mended, as `safe_file_name` does, but never cut: for a
/// name whose length is decided by where it goes.
///
/// ```
/// use dossier::text::windows_safe;
/// assert_eq!(windows_safe("a|b. "), "a_b");
/// assert_eq!(windows_safe("nul.txt"), "_nul.txt");
/// assert_eq!(windows_safe(&"长".repeat(100)).chars().count(), 100);
/// ```
pub fn windows_safe(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if "<>:\"/\\|?*".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    while s.ends_with(['.', ' ']) {
        s.pop();
    }
    let stem = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str())
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0');
    if reserved || s.is_empty() {
        s.insert(0, '_');
    }
    s
}
