//! Page and photo counts, where they are cheap to know: PDFs count their page objects, DOCX
//! files say their pages in docProps/app.xml, an image is one photo.

use std::io::Read;
use std::path::Path;

use crate::model::Extent;

/// How much of a PDF's head and tail is read for its page tree: where writers put it.
const PDF_WINDOW: u64 = 256 << 10;

/// A document's pages or an image's one photo, or `None` when the count is not cheap to know.
///
/// ```
/// use dossier::model::Extent;
/// assert_eq!(dossier::read::pages::pages("照片.JPG".as_ref()), Some(Extent::Photo));
/// assert_eq!(dossier::read::pages::pages("记录.txt".as_ref()), None);
/// ```
pub fn pages(path: &Path) -> Option<Extent> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" | "png" | "gif" | "bmp" | "tif" | "tiff" | "heic" | "webp" => {
            Some(Extent::Photo)
        }
        "pdf" => pdf_pages(path).map(Extent::Pages),
        "docx" => docx_pages(path).map(Extent::Pages),
        _ => None,
    }
}

/// The page count of a PDF's page tree root: the largest `/Count` of a `/Type /Pages`
/// dictionary in the first or last `PDF_WINDOW` bytes of the file. A tree kept inside a compressed object
/// stream is not cheap to find, and gives `None`.
fn pdf_pages(path: &Path) -> Option<u64> {
    use std::io::{Seek, SeekFrom};
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let mut head = Vec::new();
    (&mut f).take(PDF_WINDOW).read_to_end(&mut head).ok()?;
    let mut tail = Vec::new();
    if len > PDF_WINDOW {
        f.seek(SeekFrom::Start(
            len.saturating_sub(PDF_WINDOW).max(PDF_WINDOW),
        ))
        .ok()?;
        f.take(PDF_WINDOW).read_to_end(&mut tail).ok()?;
    }
    [head, tail]
        .iter()
        .filter_map(|b| largest_pages_count(b))
        .max()
}

/// The largest `/Count n` in a dictionary that also says `/Type /Pages` (or `/Type/Pages`),
/// scanned as bytes: a PDF is mostly binary.
fn largest_pages_count(bytes: &[u8]) -> Option<u64> {
    let mut best = None;
    let mut at = 0;
    while let Some(i) = find(&bytes[at..], b"/Count") {
        let pos = at + i;
        at = pos + 6;
        // The dictionary this /Count is in: back to its `<<`, at most a few hundred bytes.
        let start = pos.saturating_sub(512);
        let before = &bytes[start..pos];
        let open = before
            .windows(2)
            .rposition(|w| w == b"<<")
            .map_or(0, |o| o + 2);
        let dict: Vec<u8> = before[open..]
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        if find(&dict, b"/Type/Pages").is_none() {
            continue;
        }
        let digits: Vec<u8> = bytes[at..]
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take_while(|b| b.is_ascii_digit())
            .copied()
            .collect();
        if let Some(n) = std::str::from_utf8(&digits)
            .ok()
            .and_then(|d| d.parse::<u64>().ok())
        {
            best = best.max(Some(n));
        }
    }
    best
}

/// Where `needle` first occurs in `hay`: a first-byte scan, then a compare.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        match hay[i..].iter().position(|&b| b == first) {
            Some(p) if i + p + needle.len() <= hay.len() => {
                if &hay[i + p..i + p + needle.len()] == needle {
                    return Some(i + p);
                }
                i += p + 1;
            }
            _ => return None,
        }
    }
    None
}

fn docx_pages(path: &Path) -> Option<u64> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(file).ok()?;
    let mut xml = String::new();
    zip.by_name("docProps/app.xml")
        .ok()?
        .read_to_string(&mut xml)
        .ok()?;
    let start = xml.find("<Pages>")? + "<Pages>".len();
    let end = xml[start..].find("</Pages>")? + start;
    xml[start..end].trim().parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_tree_root_counts_the_pages() {
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 12 >> endobj\n5 0 obj <</Type/Pages/Count 3/Parent 2 0 R>> endobj";
        assert_eq!(super::largest_pages_count(pdf), Some(12));
        assert_eq!(super::largest_pages_count(b"%PDF-1.5 nothing"), None);
    }
}
