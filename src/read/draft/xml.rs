//! What the Word readers (drafts and finished documents) take from quick-xml: attributes by their name without prefix
//! (`w:val` is `val`), Word's on/off properties, and the characters of entity references.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart};

/// The attribute whose name without prefix is `name`, if the element has it.
pub(crate) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// An on/off property such as `<w:b/>`: on unless its `w:val` says off.
pub(crate) fn is_on(e: &BytesStart) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// A number attribute (`w:val="3"`), if it is one.
pub(crate) fn number(e: &BytesStart, name: &str) -> Option<u32> {
    attr(e, name)?.trim().parse().ok()
}

/// The character `&amp;` or `&#x4E00;` stands for.
pub(crate) fn entity(r: &BytesRef) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match r.as_ref() {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}
