//! A minimal XML text builder for the OOXML parts: escaping, and nothing else, because every
//! part's element order is fixed by the schema and spelled out by the writer.

use std::fmt::Write;

/// Appends `text` escaped for element content or attribute values. Control characters (C0
/// but tab and line breaks, DEL, C1) and the noncharacters U+FFFE and U+FFFF are dropped:
/// XML 1.0 cannot hold most of them, and none has a visible form.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// `text` escaped.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    escape_into(&mut s, text);
    s
}

/// Appends a formatted fragment; writing to a String cannot fail.
pub fn push_fmt(out: &mut String, args: std::fmt::Arguments) {
    let _ = out.write_fmt(args);
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(
            super::escape("a<b>&\"]]>\u{0}\u{1}\u{7F}\u{85}\u{9F}\u{FFFE}c\td"),
            "a&lt;b&gt;&amp;&quot;]]&gt;c\td"
        );
    }
}
