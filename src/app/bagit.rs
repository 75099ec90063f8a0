//! What BagIt (RFC 8493) fixes that packing a bag and verifying one both need: the names of
//! the tag files and how a path is written in a manifest.

/// The declaration every bag starts with.
pub(crate) const DECLARATION: &str = "bagit.txt";

/// The bag's metadata: Payload-Oxum, Bagging-Date, Bag-Count.
pub(crate) const INFO: &str = "bag-info.txt";

/// The payload manifest.
pub(crate) const MANIFEST: &str = "manifest-sha256.txt";

/// The tag manifest, over the tag files.
pub(crate) const TAG_MANIFEST: &str = "tagmanifest-sha256.txt";

/// A path as a manifest line writes it: `%`, CR and LF percent-encoded (RFC 8493 §2.1.3).
///
/// ```
/// assert_eq!(dossier::app::bagit::encoded("data/完成率95%.xlsx"), "data/完成率95%25.xlsx");
/// ```
pub fn encoded(path: &str) -> String {
    path.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A manifest line's path as the file is named: [`encoded`] undone.
///
/// ```
/// use dossier::app::bagit::{decoded, encoded};
/// let name = "data/50%off\n.txt";
/// assert_eq!(decoded(&encoded(name)), name);
/// assert_eq!(decoded("data/a%0d%0Ab%25"), "data/a\r\nb%");
/// ```
pub fn decoded(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3).map(str::to_ascii_uppercase);
        let (c, skip) = match code.as_deref() {
            Some("25") => ('%', 3),
            Some("0D") => ('\r', 3),
            Some("0A") => ('\n', 3),
            _ => ('%', 1),
        };
        out.push(c);
        rest = &rest[i + skip..];
    }
    out.push_str(rest);
    out
}
