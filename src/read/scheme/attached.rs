//! `attachments: - {title: 任务分解表, file: 附件/分解表.pdf}` — an attachment that is a PDF file
//! already made. The file is read while serde reads the value, so that a missing, damaged,
//! encrypted or oversize file is refused at the value's `file:line:col`, as every other
//! mistake in a scheme file is.

use std::cell::{Cell, RefCell};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hayro_write::hayro_syntax::{LoadPdfError, Pdf};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::Files;
use crate::error::Error;
use crate::limits::{ATTACHED_PDF_BYTES, ATTACHED_PDF_PAGES, ATTACHED_PDFS_BYTES};
use crate::model::PdfFile;
use crate::read::guard::guarded;

thread_local! {
    /// The folder of the scheme file being read and the files it may name: serde gives a
    /// value no context, and the file must be read within the value to be refused at its place.
    static READING: RefCell<Option<(PathBuf, Files)>> = const { RefCell::new(None) };
    /// The bytes of the files read so far for that scheme file.
    static READ_BYTES: Cell<u64> = const { Cell::new(0) };
}

/// Runs `read` with relative `file`s read from `dir`, within what `files` allows.
pub(super) fn reading_in<T>(dir: &Path, files: Files, read: impl FnOnce() -> T) -> T {
    /// Puts back what was set before, a panic in `read` included.
    struct Restore(Option<(PathBuf, Files)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            READING.set(self.0.take());
        }
    }
    let _restore = Restore(READING.replace(Some((dir.to_path_buf(), files))));
    READ_BYTES.set(0);
    read()
}

/// `file:` — the file, read and checked, and where it was read from.
pub(super) struct AttachedFile {
    pub(super) path: PathBuf,
    pub(super) content: Attached,
}

/// What an attached file brings: a PDF's pages, or a Word document's body.
pub(super) enum Attached {
    Pdf(PdfFile),
    Body(crate::read::draft::Body),
}

impl<'de> Deserialize<'de> for AttachedFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = AttachedFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("PDF 或 Word 文档（.docx）的文件名")
            }
            // Read within the visitor: an error made here is placed at the value itself.
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<AttachedFile, E> {
                load(v.trim()).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// The file `name` names, beside the scheme file being read.
fn load(name: &str) -> std::result::Result<AttachedFile, String> {
    if name.is_empty() {
        return Err("附件文件名是空的".to_string());
    }
    let (dir, files) = READING
        .with_borrow(Clone::clone)
        .unwrap_or_else(|| (PathBuf::from("."), Files::Anywhere));
    let path = dir.join(name);
    if files == Files::BesideScheme {
        super::beside(&path, &dir, "", "附件的 file").map_err(|e| e.message)?;
    }
    let is_docx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if is_docx {
        let body = read_body(&path).map_err(|why| format!("附件文件「{name}」{why}"))?;
        let content = Attached::Body(body);
        return Ok(AttachedFile { path, content });
    }
    let pdf = read_pdf(&path).map_err(|why| format!("附件文件「{name}」{why}"))?;
    let total = READ_BYTES.get() + pdf.bytes.len() as u64;
    READ_BYTES.set(total);
    if total > ATTACHED_PDFS_BYTES {
        return Err(format!(
            "附件文件「{name}」读入后，方案附带的 PDF 文件合计超过 {} MiB 的上限",
            ATTACHED_PDFS_BYTES >> 20
        ));
    }
    let content = Attached::Pdf(pdf);
    Ok(AttachedFile { path, content })
}

/// The body of the Word document at `path`; why not, in words that follow the file's name.
fn read_body(path: &Path) -> std::result::Result<crate::read::draft::Body, String> {
    let draft = crate::read::draft::read_docx(path).map_err(|e| {
        let why = e
            .message
            .trim_start_matches("无法读取 Word 文档：")
            .to_string();
        format!("读不出来：{why}")
    })?;
    crate::read::draft::body(&draft)
}

/// The PDF at `path` with its pages' sizes; why not, in words that follow the file's name.
fn read_pdf(path: &Path) -> std::result::Result<PdfFile, String> {
    let bytes = read_capped(path)?;
    if encrypted(&bytes) {
        return Err("加了密（设了口令或权限），无法把它的页面排进文件".to_string());
    }
    let bytes = Arc::new(bytes);
    // A file that makes the reader panic is a damaged file, as a sheet's is.
    let pages = guarded(
        || pages_of(&bytes).map_err(|why| Error::at("", why)),
        || Error::at("", DAMAGED),
    )
    .map_err(|e| e.message)?;
    if pages.is_empty() {
        return Err("一页也没有".to_string());
    }
    if pages.len() > ATTACHED_PDF_PAGES {
        return Err(format!(
            "有 {} 页，超过 {ATTACHED_PDF_PAGES} 页的上限",
            pages.len()
        ));
    }
    let name = crate::error::shown(path);
    Ok(PdfFile { name, bytes, pages })
}

const DAMAGED: &str = "不是能读的 PDF 文件（已损坏，或不是 PDF）";

/// Each page's size as it is shown, pt.
fn pages_of(bytes: &Arc<Vec<u8>>) -> std::result::Result<Vec<(f64, f64)>, &'static str> {
    let pdf = Pdf::new(bytes.clone()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => "加了密（设了口令或权限），无法把它的页面排进文件",
        LoadPdfError::Invalid => DAMAGED,
    })?;
    Ok((pdf.pages().iter())
        .map(|p| {
            let (w, h) = p.render_dimensions();
            (f64::from(w), f64::from(h))
        })
        .collect())
}

/// The file's bytes, read through the cap so that a device that never ends is refused too.
fn read_capped(path: &Path) -> std::result::Result<Vec<u8>, String> {
    if let Some(why) = crate::read::special_file(path) {
        return Err(format!("无法读取：{why}"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(ATTACHED_PDF_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("无法读取：{}", crate::error::io_reason(&e)))?;
    if bytes.len() as u64 > ATTACHED_PDF_BYTES {
        return Err(format!("超过 {} MiB 的上限", ATTACHED_PDF_BYTES >> 20));
    }
    Ok(bytes)
}

/// Whether the file has an encryption dictionary. hayro opens a file encrypted with an empty
/// user password, but its pages would then be copied out of a file whose owner restricted
/// them; the dictionary is named in the trailer (or the cross-reference stream's dictionary),
/// which is never compressed.
fn encrypted(bytes: &[u8]) -> bool {
    const KEY: &[u8] = b"/Encrypt";
    bytes.windows(KEY.len() + 1).any(|w| {
        w.starts_with(KEY) && !w[KEY.len()].is_ascii_alphanumeric() && w[KEY.len()] != b'_'
    })
}

#[cfg(test)]
mod tests {
    use super::encrypted;

    #[test]
    fn the_encryption_dictionary_is_found_by_its_key_alone() {
        assert!(encrypted(b"trailer << /Size 9 /Encrypt 7 0 R >>"));
        assert!(encrypted(b"<</Encrypt<</Filter/Standard>>>>"));
        assert!(!encrypted(b"<< /EncryptMetadata false >>"));
        assert!(!encrypted(b"trailer << /Size 9 /Root 1 0 R >>"));
    }
}
