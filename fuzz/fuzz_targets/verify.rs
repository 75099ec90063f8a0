//! Archive bytes → `app::verify::verify` and `read::archive::read_back`, both reading the file
//! as `dossier verify` does.
//!
//! An input that starts with `PK` is the archive as it is (the seed corpus: real bundles, which
//! the fuzzer mutates byte by byte). Any other input is a list of edits, 8 bytes each, to the
//! central directory of a real bundle: records pointed elsewhere, given other sizes or flags,
//! repeated at another offset, dropped or swapped, and the end record's count put off. So
//! overlapping, out-of-order, repeated and size-lying entries are reached at once, not only
//! after the fuzzer has found a directory that parses.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// The bundle whose directory the edits change.
const BASE: &[u8] = include_bytes!("../corpus/verify/utf8.zip");

/// At most this many edits are applied: enough to build any small directory.
const MAX_EDITS: usize = 64;

fn path() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let d = tempfile::tempdir().expect("temp dir");
        let p = d.path().join("材料包.zip");
        (d, p)
    })
    .1
}

/// An archive cut into what comes before its central directory and the directory's records.
#[derive(Clone)]
struct Zip {
    entries: Vec<u8>,
    records: Vec<Vec<u8>>,
    /// Added to the record count the end record gives.
    count_off: i16,
}

fn u16_at(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([b[at], b[at + 1]]))
}

fn u32_at(b: &[u8], at: usize) -> usize {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes")) as usize
}

/// The base bundle, cut (it has no archive comment and no ZIP64 records).
fn base() -> &'static Zip {
    static BASE_ZIP: OnceLock<Zip> = OnceLock::new();
    BASE_ZIP.get_or_init(|| {
        let end = BASE.len() - 22;
        let (count, mut at) = (u16_at(BASE, end + 10), u32_at(BASE, end + 16));
        let entries = BASE[..at].to_vec();
        let mut records = Vec::with_capacity(count);
        for _ in 0..count {
            let len = 46 + u16_at(BASE, at + 28) + u16_at(BASE, at + 30) + u16_at(BASE, at + 32);
            records.push(BASE[at..at + len].to_vec());
            at += len;
        }
        Zip {
            entries,
            records,
            count_off: 0,
        }
    })
}

/// Applies one edit: `[what, which record, value (4 bytes, little-endian), 2 spare bytes]`.
fn edit(zip: &mut Zip, op: &[u8]) {
    let n = zip.records.len();
    if n == 0 || op.len() < 6 {
        return;
    }
    let i = usize::from(op[1]) % n;
    let value = u32::from_le_bytes([op[2], op[3], op[4], op[5]]);
    // Offsets a little past the end too: a local header cut short, or in the directory.
    let somewhere = value % (zip.entries.len() as u32 + 64);
    let put =
        |rec: &mut Vec<u8>, at: usize, v: u32| rec[at..at + 4].copy_from_slice(&v.to_le_bytes());
    match op[0] % 8 {
        0 => put(&mut zip.records[i], 42, somewhere),
        1 => put(&mut zip.records[i], 20, value),
        2 => put(&mut zip.records[i], 24, value),
        3 => {
            let mut copy = zip.records[i].clone();
            put(&mut copy, 42, somewhere);
            zip.records.push(copy);
        }
        4 => {
            zip.records.remove(i);
        }
        5 => zip.records.swap(i, value as usize % n),
        6 => {
            let flags = u16::from_le_bytes([zip.records[i][8], zip.records[i][9]]) ^ value as u16;
            zip.records[i][8..10].copy_from_slice(&flags.to_le_bytes());
        }
        _ => zip.count_off = i16::from(value as i8),
    }
}

/// The archive: the entries, the records, and an end record counting them (put off).
fn assemble(zip: &Zip) -> Vec<u8> {
    let mut out = zip.entries.clone();
    let start = out.len() as u32;
    let directory: Vec<u8> = zip.records.concat();
    out.extend(&directory);
    let count = (zip.records.len() as i64 + i64::from(zip.count_off)).clamp(0, 0xFFFF) as u16;
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]); // disk numbers
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend((directory.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // comment length
    out
}

/// The archive an input stands for.
fn archive(data: &[u8]) -> Vec<u8> {
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let mut zip = base().clone();
    for op in data.chunks(8).take(MAX_EDITS) {
        edit(&mut zip, op);
    }
    assemble(&zip)
}

fuzz_target!(|data: &[u8]| {
    std::fs::write(path(), archive(data)).expect("write the archive");
    let verified = dossier::app::verify::verify(path());
    let read = dossier::read::archive::read_back(path());
    // verify reads every entry back itself, so an archive it accepts must read back.
    if verified.is_ok() {
        assert!(
            read.is_ok(),
            "verify accepted an archive read_back rejects: {:?}",
            read.err()
        );
    }
});
