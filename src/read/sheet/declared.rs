//! Counts a workbook part declares, held to what the part can hold. calamine reserves room for
//! the shared strings an .xlsx's `sharedStrings.xml` declares (`uniqueCount`) before it reads
//! one: a small file declaring two billion asks for 48 GB, and the process aborts. Each string
//! takes at least `<si/>` in the part, so a count past the part's uncompressed size over that
//! is a false one. (calamine's other counts are capped or grow with what is read: the cells a
//! sheet's `dimension` declares are reserved up to 100,000, the formats of `styles.xml` are
//! added as read.)

use std::io::{BufReader, Read, Seek};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::error::{Error, Result};
use crate::limits::SHARED_STRING_BYTES;

/// Refuses a shared-string table that declares more strings than its part can hold.
pub(super) fn check<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, path: &Path) -> Result<()> {
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else { continue };
        let name = part.name().unwrap_or_default().to_string();
        if !name.to_lowercase().ends_with("sharedstrings.xml") {
            continue;
        }
        let size = part.size();
        let Some(count) = unique_count(part) else {
            continue;
        };
        if count > size / SHARED_STRING_BYTES {
            return Err(Error::file(
                path,
                format!(
                    "表格文件中的「{name}」声明有 {count} 条共享文字，而它解压后只有 {size} 字节，装不下这么多"
                ),
            )
            .with_hint("文件已损坏，或是特意构造的；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"));
        }
    }
    Ok(())
}

/// The `uniqueCount` of the table's `<sst>` element, as calamine reads it: `None` when there
/// is none, or it is no number calamine would take.
fn unique_count(part: impl Read) -> Option<u64> {
    let mut reader = Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sst" => {
                let value = e.try_get_attribute("uniqueCount").ok()??;
                return value.value.parse().ok();
            }
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}
