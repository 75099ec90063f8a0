//! Page and photo counts, where they are cheap to know: PDFs count their page objects, DOCX
//! files say their pages in docProps/app.xml, an image is one photo.

use std::io::Read;
use std::path::Path;

/// How much of a PDF's head and tail is read for its page tree: where writers put it.
const PDF_WINDOW: u64 = 1 << 20;

/// `12页`, `1张`, or `None` when the count is not cheap to know.
pub fn pages(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" | "png" | "gif" | "bmp" | "tif" | "tiff" | "heic" | "webp" => {
            Some("1张".to_string())
        }
        "pdf" => pdf_pages(path).map(|n| format!("{n}页")),
        "docx" => docx_pages(path).map(|n| format!("{n}页")),
        _ => None,
    }
}

/// The page count of a PDF's page tree root: the largest `/Count` of a `/Type /Pages`
/// dictionary in the file's first or last megabyte. A tree kept inside a compressed object
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

/// The largest `/Count n` in a dictionary that also says `/Type /Pages` (or `/Type/Pages`).
fn largest_pages_count(bytes: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(bytes);
    let mut best = None;
    for dict in text.split("<<") {
        let dict = dict.split(">>").next().unwrap_or("");
        let compact: String = dict.split_whitespace().collect();
        if !compact.contains("/Type/Pages") {
            continue;
        }
        if let Some(rest) = compact.split("/Count").nth(1) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse::<u64>() {
                best = best.max(Some(n));
            }
        }
    }
    best
}

fn docx_pages(path: &Path) -> Option<usize> {
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
