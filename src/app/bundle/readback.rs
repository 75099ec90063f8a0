//! A written volume read back, entry by entry, against what was meant to be in it.

use std::path::Path;

use super::ledger::Ledger;
use crate::error::{Error, Result};
use crate::write::archive::Written;

/// Reads the written archive back and checks every entry, in order, against what the ledger
/// says of volume `volume` and then the tag files `tags`: the same name, size and SHA-256, and
/// a CRC that matches.
pub(super) fn check(
    path: &Path,
    ledger: &Ledger,
    volume: u32,
    tags: &[Written],
    target: &Path,
) -> Result<()> {
    let fail = |e: std::io::Error| Error::file(target, format!("写入后回读失败：{e}"));
    let mut records = ledger.read(volume).map_err(fail)?;
    let mut tags = tags.iter();
    let mut expected = move || -> std::io::Result<Option<(String, u64, [u8; 32])>> {
        Ok(match records.next() {
            Some(r) => {
                let r = r?;
                Some((r.path, r.size, r.sha256))
            }
            None => tags.next().map(|w| (w.name.clone(), w.size, w.sha256)),
        })
    };
    let mut found: Option<Error> = None;
    let read = crate::read::archive::read_back_each(path, &mut |back| {
        let problem = match expected()? {
            Some((name, ..)) if back.name != name => {
                Error::file(target, format!("写入后回读不到：{name}"))
            }
            Some((_, size, sha)) if back.crc_ok && back.sha256 == sha && back.size == size => {
                return Ok(());
            }
            Some((name, ..)) => Error::file(target, format!("写入后校验不符：{name}"))
                .with_hint("磁盘或内存可能有问题；请换一个输出位置重试"),
            None => Error::file(target, format!("写入后回读到多余的条目：{}", back.name)),
        };
        found = Some(problem);
        Err(std::io::Error::other("回读发现问题"))
    });
    if let Some(problem) = found {
        return Err(problem);
    }
    read.map_err(fail)?;
    match expected().map_err(fail)? {
        Some((name, ..)) => Err(Error::file(target, format!("写入后回读不到：{name}"))),
        None => Ok(()),
    }
}
