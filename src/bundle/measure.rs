//! Page and photo counts, where they are cheap to know: PDFs count their page objects, DOCX
//! files say their pages in docProps/app.xml, an image is one photo.

use std::io::Read;
use std::path::Path;

/// Largest PDF read to count its pages; a bigger one is listed without a count.
const PDF_LIMIT: u64 = 64 * 1024 * 1024;

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

fn pdf_pages(path: &Path) -> Option<usize> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > PDF_LIMIT {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    // Each page is an object of /Type /Page (the page tree nodes are /Pages).
    let mut count = 0;
    for pattern in [&b"/Type/Page"[..], &b"/Type /Page"[..]] {
        let mut at = 0;
        while let Some(i) = find(&bytes[at..], pattern) {
            let end = at + i + pattern.len();
            if bytes.get(end) != Some(&b's') {
                count += 1;
            }
            at = end;
        }
    }
    (count > 0).then_some(count)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
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
