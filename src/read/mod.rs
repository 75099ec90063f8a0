//! Readers: each turns one kind of input into the document model: scheme files, task sheets,
//! Word drafts, evidence folders, archives and the page counts of the files in them; and
//! finished Word documents into their formatting, for checking.

pub mod archive;
pub mod draft;
pub mod evidence;
pub mod finished;
pub mod guard;
pub mod pages;
pub mod raster;
pub mod scheme;
pub mod sheet;

/// Why `path` is no file to read, when it is a named pipe, a socket or a device: opening a
/// pipe waits for a writer (a sheet or an archive named so hung dossier), and a device never
/// ends. `None` for a regular file, a folder or a path that does not exist, each of which
/// opening reports in its own words.
pub(crate) fn special_file(path: &std::path::Path) -> Option<&'static str> {
    let kind = std::fs::metadata(path).ok()?.file_type();
    (!kind.is_file() && !kind.is_dir()).then_some("这不是普通文件，而是管道、套接字或设备")
}

/// The first part of `zip` its directory declares larger than `limit` bytes uncompressed,
/// with that size: checked before any part is inflated, since the zip reader stops a part
/// at the size it declares (zip bombs).
pub(crate) fn oversized_part<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    limit: u64,
) -> zip::result::ZipResult<Option<(String, u64)>> {
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i)?;
        if part.size() > limit {
            return Ok(Some((
                part.name().unwrap_or_default().to_string(),
                part.size(),
            )));
        }
    }
    Ok(None)
}
