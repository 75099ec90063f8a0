//! File names as another system wrote them: bytes that need not be UTF-8 (GBK from an old
//! Windows share), read as text for display and recorded exactly for the ledger.

/// The name as text: UTF-8 as it is (a few GBK names are valid UTF-8 too, and read so); bytes that are not UTF-8 but are GBK (GB18030) read as
/// GBK, as a Chinese Windows wrote them; anything else with `�` for what cannot be read.
///
/// ```
/// use dossier::text::decoded_name;
/// assert_eq!(decoded_name("学习.pdf".as_bytes()), "学习.pdf");
/// assert_eq!(decoded_name(b"\xbb\xe1\xd2\xe9.pdf"), "会议.pdf");
/// assert_eq!(decoded_name(b"\xff.pdf"), "\u{fffd}.pdf");
/// ```
pub fn decoded_name(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    match encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => text.into_owned(),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The name's exact bytes as UTF-8 text: a backslash as `\\`, control characters as `\xNN`,
/// and, in a name that is not UTF-8, every byte past ASCII as `\xNN` too (so a GBK name
/// does not show as the stray letters some of its byte pairs would be). The bytes can be had
/// back from the text, and a UTF-8 name reads as it is.
///
/// ```
/// use dossier::text::escaped_name;
/// assert_eq!(escaped_name("学习.pdf".as_bytes()), "学习.pdf");
/// assert_eq!(escaped_name(b"\xbb\xe1\xd2\xe9.pdf"), r"\xBB\xE1\xD2\xE9.pdf");
/// assert_eq!(escaped_name(b"a\\b\tc"), r"a\\b\x09c");
/// ```
pub fn escaped_name(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    match std::str::from_utf8(bytes) {
        Ok(text) => text.chars().for_each(|c| put_escaped(&mut out, c)),
        Err(_) => {
            for &b in bytes {
                if b.is_ascii() {
                    put_escaped(&mut out, char::from(b));
                } else {
                    out.push_str(&format!("\\x{b:02X}"));
                }
            }
        }
    }
    out
}

/// `c` onto `out`, a backslash doubled and a control character as `\xNN`.
fn put_escaped(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        c if c.is_ascii_control() => out.push_str(&format!("\\x{:02X}", u32::from(c))),
        c => out.push(c),
    }
}
