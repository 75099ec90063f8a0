//! The 材料目录 of an archive, read back: the workbook a bundle wrote into it, as rows of text,
//! so a front other than Excel (the web page) can show it.

use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, Xlsx};

use crate::error::{Error, Result};
use crate::limits::TAG_FILE_BYTES;
use crate::read::archive;

/// The workbook's name in every bag dossier writes.
pub const WORKBOOK: &str = "材料目录.xlsx";

/// One sheet of the 材料目录: its name, its header and its rows, each cell as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// 材料目录, 缺少材料 or 未打包.
    pub name: String,
    /// The header row.
    pub header: Vec<String>,
    /// The rows below it.
    pub rows: Vec<Vec<String>>,
}

/// The sheets of the 材料目录 in the archive at `path`.
///
/// ```
/// let out = tempfile::tempdir().unwrap();
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("记录.txt"), "学习记录").unwrap();
/// let zip = out.path().join("包.zip");
/// let opts = dossier::app::bundle::Options { out: zip.clone(), threads: 1, ..Default::default() };
/// dossier::app::bundle::bundle(dir.path(), &opts, &mut dossier::app::Warnings::default()).unwrap();
/// let sheets = dossier::app::bundle::catalogue::read(&zip).unwrap();
/// assert_eq!(sheets[0].name, "材料目录");
/// assert_eq!(sheets[0].rows[0][3], "data/记录.txt");
/// ```
pub fn read(path: &Path) -> Result<Vec<Sheet>> {
    let fail = |why: String| Error::file(path, why);
    let mut file = std::fs::File::open(path)
        .map_err(|e| fail(format!("无法读取：{}", crate::error::io_reason(&e))))?;
    let entries =
        archive::central_directory(&mut file).map_err(|e| fail(format!("无法读取压缩包：{e}")))?;
    let entry = entries.iter().find(|e| e.name == WORKBOOK).ok_or_else(|| {
        fail(format!("压缩包里没有 {WORKBOOK}")).with_hint("只有 dossier bundle 打的包里有材料目录")
    })?;
    if entry.size > TAG_FILE_BYTES {
        return Err(fail(format!(
            "{WORKBOOK} 解压后超过 {} MiB 的上限",
            TAG_FILE_BYTES >> 20
        )));
    }
    let (back, bytes) =
        archive::read_whole(path, entry).map_err(|e| fail(format!("无法读取 {WORKBOOK}：{e}")))?;
    if !back.crc_ok {
        return Err(fail(format!("{WORKBOOK} 已损坏")).with_hint("用“校验”查看压缩包的问题"));
    }
    let damaged = || fail(format!("无法读取 {WORKBOOK}：文件已损坏"));
    crate::read::guard::guarded(|| sheets(bytes).map_err(|_| damaged()), damaged)
}

/// Each sheet of the workbook `bytes`, its parts' sizes checked before any is inflated.
fn sheets(bytes: Vec<u8>) -> std::result::Result<Vec<Sheet>, ()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).map_err(|_| ())?;
    if !matches!(
        crate::read::oversized_part(&mut zip, TAG_FILE_BYTES),
        Ok(None)
    ) {
        return Err(());
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).map_err(|_| ())?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|_| ())?;
        let mut rows = range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        let header = rows.next().unwrap_or_default();
        out.push(Sheet {
            name,
            header,
            rows: rows.collect(),
        });
    }
    Ok(out)
}
