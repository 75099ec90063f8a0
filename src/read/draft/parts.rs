//! A Word document's zip, opened with its size and its parts' declared sizes checked before
//! any part is inflated (zip bombs), and its parts read as text: what the draft reader and the
//! finished-document reader both open.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::limits::{DRAFT_BYTES, DRAFT_PART_BYTES};

/// A document's zip, its parts' sizes checked before any is inflated.
pub(crate) struct Parts<'p> {
    path: &'p Path,
    zip: std::cell::RefCell<zip::ZipArchive<std::fs::File>>,
}

impl<'p> Parts<'p> {
    /// The Word document at `path`; an error in Chinese naming it when it is no file, too
    /// large, not a zip, or holds a part too large to inflate.
    pub(crate) fn open(path: &'p Path) -> Result<Parts<'p>> {
        let io = |e: std::io::Error| {
            Error::file(
                path,
                format!("无法读取 Word 文档：{}", crate::error::io_reason(&e)),
            )
        };
        if let Some(why) = super::super::special_file(path) {
            return Err(Error::file(path, why));
        }
        let file = std::fs::File::open(path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        if size > DRAFT_BYTES {
            return Err(Error::file(
                path,
                format!("Word 文档超过 {} MiB 的上限", DRAFT_BYTES >> 20),
            )
            .with_hint(super::LIMIT_HINT));
        }
        let not_docx = |_| {
            Error::file(path, "这不是 Word 文档（.docx）：内容不是 zip 格式")
                .with_hint("旧版 .doc 文件请用 Word 或 WPS 另存为 .docx 后再试")
        };
        let mut zip = zip::ZipArchive::new(file).map_err(not_docx)?;
        let oversized = super::super::oversized_part(&mut zip, DRAFT_PART_BYTES);
        if let Some((name, _)) = oversized.map_err(|e| damaged(path, &e.to_string()))? {
            return Err(Error::file(
                path,
                format!(
                    "Word 文档中的「{name}」解压后超过 {} MiB 的上限",
                    DRAFT_PART_BYTES >> 20
                ),
            )
            .with_hint("这不像 Word 保存的文档；请用 Word 或 WPS 打开它，另存为 .docx 后再试"));
        }
        let zip = std::cell::RefCell::new(zip);
        Ok(Parts { path, zip })
    }

    /// The part `name` as text, `None` when the document has none.
    pub(crate) fn read(&self, name: &str) -> Result<Option<String>> {
        let mut zip = self.zip.borrow_mut();
        let Ok(part) = zip.by_name(name) else {
            return Ok(None);
        };
        let mut text = String::new();
        // The zip reader stops at the size the directory declares, checked above.
        part.take(DRAFT_PART_BYTES)
            .read_to_string(&mut text)
            .map_err(|e| damaged(self.path, &e.to_string()))?;
        Ok(Some(text))
    }
}

/// The error for a Word document at `path` that cannot be read, `why` saying what is wrong.
pub(crate) fn damaged(path: &Path, why: &str) -> Error {
    Error::file(path, format!("无法读取 Word 文档：文件已损坏（{why}）"))
        .with_hint("用 Word 或 WPS 打开它，另存为 .docx 后再试")
}
