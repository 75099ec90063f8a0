//! Round trips through the writer and `read::archive`, byte for byte.

use std::fs;
use std::io::Cursor;

use sha2::{Digest, Sha256};

use super::*;
use crate::read::archive::{central_directory, read_back, read_back_each, read_back_from};

const T: Timestamp = Timestamp {
    unix: 1_714_538_096, // 2024-05-01 12:34:56 in Beijing
};

fn sha(b: &[u8]) -> [u8; 32] {
    Sha256::digest(b).into()
}

/// Bytes that deflate a little, not a lot, like real documents.
fn mixed(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if i % 3 == 0 {
                b'a' + (x % 4) as u8
            } else {
                x as u8
            }
        })
        .collect()
}

fn bytes_entry(name: &str, data: &[u8], method: Method) -> EntrySpec {
    EntrySpec {
        name: name.into(),
        source: Source::Bytes(data.to_vec()),
        method,
        modified: T,
        expected_size: None,
    }
}

fn file_entry(name: &str, path: &Path, method: Method, expected: Option<u64>) -> EntrySpec {
    EntrySpec {
        name: name.into(),
        source: Source::File(path.to_path_buf()),
        method,
        modified: T,
        expected_size: expected,
    }
}

fn build(
    entries: Vec<EntrySpec>,
    names: NameEncoding,
    threads: usize,
    limit: u64,
) -> (Vec<u8>, Vec<Written>) {
    let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), names);
    w.buffer_limit = limit;
    let written = add_all(&mut w, entries, threads).unwrap();
    (w.finish().unwrap().into_inner(), written)
}

/// `add_all`, collecting what `each` is told.
fn add_all<W: Write + Seek>(
    w: &mut ArchiveWriter<W>,
    entries: Vec<EntrySpec>,
    threads: usize,
) -> io::Result<Vec<Written>> {
    let mut written = Vec::new();
    w.add_all(entries, threads, &mut |done| {
        written.push(done.clone());
        Ok(())
    })?;
    Ok(written)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn store_and_deflate_round_trip_from_files_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let big = mixed(CHUNK + 12_345, 7);
    let small = mixed(5000, 9);
    let (pb, ps) = (dir.path().join("big.bin"), dir.path().join("small.bin"));
    fs::write(&pb, &big).unwrap();
    fs::write(&ps, &small).unwrap();
    let entries = vec![
        file_entry(
            "a/big-store.bin",
            &pb,
            Method::Store,
            Some(big.len() as u64),
        ),
        file_entry("a/big-deflate.bin", &pb, Method::Deflate, None),
        file_entry("a/small-store.bin", &ps, Method::Store, None),
        file_entry("a/small-deflate.bin", &ps, Method::Deflate, Some(5000)),
        bytes_entry("b/empty.txt", b"", Method::Deflate),
        bytes_entry("b/note.txt", b"hello hello hello", Method::Deflate),
        bytes_entry("b/", b"", Method::Store),
    ];
    let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    let written = add_all(&mut w, entries, 2).unwrap();
    let zip = w.finish().unwrap().into_inner();
    let expect: [&[u8]; 7] = [&big, &big, &small, &small, b"", b"hello hello hello", b""];
    assert_eq!(written.len(), 7);
    let back = read_back_from(Cursor::new(&zip)).unwrap();
    assert_eq!(back.len(), 7);
    for ((r, w), data) in back.iter().zip(&written).zip(expect) {
        assert_eq!(r.name, w.name);
        assert!(r.crc_ok, "{}", r.name);
        assert_eq!(r.size, data.len() as u64);
        assert_eq!(r.sha256, sha(data));
        assert_eq!(w.sha256, sha(data));
        assert_eq!(w.crc32, crc32fast::hash(data));
    }
    assert_eq!(written[0].compressed, big.len() as u64, "stored as is");
    assert!(written[1].compressed < big.len() as u64, "deflated");
    assert!(written[5].compressed < 17);
    // Offsets point at local headers, in order.
    for w in &written {
        let at = usize::try_from(w.offset).unwrap();
        assert_eq!(&zip[at..at + 4], b"PK\x03\x04");
    }
    // Every name is UTF-8-flagged; files are 0644, the folder 0755 with the DOS bit.
    let cd = central_directory(&mut Cursor::new(&zip)).unwrap();
    assert!(cd.iter().all(|e| e.flags & FLAG_UTF8 != 0));
    let dir_rec = find(&zip, b"PK\x01\x02").unwrap();
    let attrs = |rec: usize| u32::from_le_bytes(zip[rec + 38..rec + 42].try_into().unwrap());
    assert_eq!(attrs(dir_rec), 0o100_644 << 16);
    let last = zip.len() - 22 - (46 + 2 + 9);
    assert_eq!(&zip[last..last + 4], b"PK\x01\x02");
    assert_eq!(attrs(last), (0o040_755 << 16) | 0x10);
}

#[test]
fn gbk_names_carry_the_unicode_path_field_and_read_back_as_utf8() {
    let names = [
        "关于创建全国文明城市的报告（第一稿）.docx",
        "附件 1：测评体系　说明/照片·001.jpg",
        "plain-ascii.txt",
        "表情😀.txt", // GBK has no emoji: falls back to UTF-8 with bit 11
    ];
    let entries = names
        .iter()
        .map(|n| bytes_entry(n, n.as_bytes(), Method::Deflate))
        .collect();
    let (zip, _) = build(entries, NameEncoding::Gbk, 1, BUFFER_LIMIT);
    let back = read_back_from(Cursor::new(&zip)).unwrap();
    let got: Vec<&str> = back.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(got, names);
    assert!(back.iter().all(|e| e.crc_ok));

    let cd = central_directory(&mut Cursor::new(&zip)).unwrap();
    let gbk = encoding_rs::GBK.encode(names[0]).0;
    assert_eq!(cd[0].raw_name, gbk.as_ref());
    assert_eq!(cd[0].flags & FLAG_UTF8, 0);
    assert_eq!(cd[2].raw_name, b"plain-ascii.txt");
    assert_eq!(cd[2].flags & FLAG_UTF8, 0);
    assert_eq!(cd[3].raw_name, names[3].as_bytes());
    assert_ne!(cd[3].flags & FLAG_UTF8, 0);
    // The Unicode Path field, in the local and the central header: tag, version 1,
    // CRC-32 of the GBK name, the UTF-8 name.
    let mut field = Vec::new();
    put16(&mut field, UPATH_TAG);
    put16(&mut field, len16(5 + names[0].len()).unwrap());
    field.push(1);
    put32(&mut field, crc32fast::hash(&gbk));
    field.extend_from_slice(names[0].as_bytes());
    let first = find(&zip, &field).unwrap();
    assert!(first < find(&zip, b"PK\x01\x02").unwrap());
    assert!(find(&zip[first + 1..], &field).is_some());
    assert!(find(&zip, names[2].as_bytes()).is_some());
}

#[test]
fn the_same_entries_give_the_same_bytes_on_every_path() {
    let dir = tempfile::tempdir().unwrap();
    let data = mixed(CHUNK + 99, 3);
    let p = dir.path().join("d.bin");
    fs::write(&p, &data).unwrap();
    let entries = || {
        vec![
            file_entry("文件/d.bin", &p, Method::Deflate, None),
            bytes_entry("内存/m.bin", &data, Method::Deflate),
            file_entry("文件/s.bin", &p, Method::Store, Some(data.len() as u64)),
            bytes_entry("短.txt", b"x", Method::Deflate),
        ]
    };
    let (a, wa) = build(entries(), NameEncoding::Gbk, 2, BUFFER_LIMIT);
    let (b, _) = build(entries(), NameEncoding::Gbk, 2, BUFFER_LIMIT);
    // No workers, and a limit that sends every file down the streaming path.
    let (c, _) = build(entries(), NameEncoding::Gbk, 0, BUFFER_LIMIT);
    let (d, wd) = build(entries(), NameEncoding::Gbk, 2, 16);
    assert!(a == b, "two runs differ");
    assert!(a == c, "worker and writer-thread compression differ");
    assert!(a == d, "buffered and streaming compression differ");
    assert_eq!(wa, wd);
    assert_eq!(&a[0..2], b"PK");
    // Made by Unix, version 2.0; 0644 files.
    let cd = find(&a, b"PK\x01\x02").unwrap();
    assert_eq!(&a[cd + 4..cd + 6], &[20, 3]);
}

#[test]
fn timestamps_become_beijing_dos_time_and_an_exact_unix_field() {
    let (time, date) = T.dos();
    assert_eq!(date, (44 << 9) | (5 << 5) | 1);
    assert_eq!(time, (12 << 11) | (34 << 5) | 28);
    // 16:00 UTC is already the next day in Beijing.
    let (_, date) = Timestamp {
        unix: 1_704_124_800,
    }
    .dos(); // 2024-01-01T16:00Z
    assert_eq!(date, (44 << 9) | (1 << 5) | 2);
    assert_eq!(Timestamp { unix: 0 }.dos(), (0, (1 << 5) | 1));
    assert_eq!(
        Timestamp {
            unix: -5_000_000_000
        }
        .dos(),
        (0, (1 << 5) | 1)
    );
    let end = Timestamp {
        unix: 5_000_000_000_000,
    }
    .dos();
    assert_eq!(
        end,
        ((23 << 11) | (59 << 5) | 29, (127 << 9) | (12 << 5) | 31)
    );
    assert_eq!(T.unix32(), Some(1_714_538_096));
    assert_eq!(Timestamp { unix: -1 }.unix32(), None);
    assert_eq!(Timestamp { unix: 1 << 31 }.unix32(), None);

    let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    w.add_bytes("t", b"", Method::Store, T).unwrap();
    let zip = w.finish().unwrap().into_inner();
    let mut ut = vec![0x55, 0x54, 5, 0, 1];
    ut.extend_from_slice(&1_714_538_096u32.to_le_bytes());
    let first = find(&zip, &ut).unwrap();
    assert!(find(&zip[first + 1..], &ut).is_some(), "in both headers");
}

#[test]
fn zip64_decisions() {
    assert!(!needs_zip64(0xFFFF_FFFE, Method::Store));
    assert!(needs_zip64(0xFFFF_FFFF, Method::Store));
    // Incompressible data near 4 GiB can grow past it when deflated.
    assert!(needs_zip64(0xFFF0_0000, Method::Deflate));
    assert!(!needs_zip64(0xF000_0000, Method::Deflate));
}

#[test]
fn seventy_thousand_entries_get_a_zip64_end_record() {
    let n = 70_000;
    let entries: Vec<EntrySpec> = (0..n)
        .map(|i| EntrySpec {
            name: format!("{i:05}"),
            source: Source::Bytes(vec![(i % 251) as u8]),
            method: Method::Store,
            modified: T,
            expected_size: None,
        })
        .collect();
    let (zip, _) = build(entries, NameEncoding::Utf8, 0, BUFFER_LIMIT);
    let eocd = zip.len() - 22;
    assert_eq!(&zip[eocd..eocd + 4], b"PK\x05\x06");
    assert_eq!(&zip[eocd + 8..eocd + 12], &[0xFF; 4], "counts overflow");
    assert_eq!(&zip[eocd - 20..eocd - 16], b"PK\x06\x07", "locator");
    assert_eq!(
        &zip[eocd - 76..eocd - 72],
        b"PK\x06\x06",
        "zip64 end record"
    );
    let back = read_back_from(Cursor::new(&zip)).unwrap();
    assert_eq!(back.len(), n);
    assert!(back.iter().all(|e| e.crc_ok && e.size == 1));
    assert_eq!(back[69_999].name, "69999");
    assert_eq!(back[69_999].sha256, sha(&[(69_999 % 251) as u8]));
}

#[test]
fn offsets_past_4_gib_use_zip64_fields() {
    // A sparse file whose first 4.25 GiB are a hole: the entries land past 4 GiB without
    // writing gigabytes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("far.zip");
    let start = MAX32 + (256 << 20);
    let mut f = File::create(&path).unwrap();
    f.seek(SeekFrom::Start(start)).unwrap();
    let mut w = ArchiveWriter::starting_at(f, NameEncoding::Utf8, start);
    let a = w.add_bytes("远/a.txt", b"abc", Method::Store, T).unwrap();
    let data = mixed(CHUNK * 2, 5);
    let entries = vec![bytes_entry("远/b.bin", &data, Method::Deflate)];
    let b = add_all(&mut w, entries, 1).unwrap();
    w.finish().unwrap();
    assert_eq!(a.offset, start);
    assert!(b[0].offset > start);
    let back = read_back(&path).unwrap();
    assert_eq!(back.len(), 2);
    assert!(back.iter().all(|e| e.crc_ok));
    assert_eq!(back[1].sha256, sha(&data));
    let cd = central_directory(&mut File::open(&path).unwrap()).unwrap();
    assert_eq!(cd[0].offset, start);
}

#[test]
fn a_file_that_changed_fails_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("证据.txt");
    fs::write(&p, b"12345").unwrap();
    for (method, threads) in [
        (Method::Store, 0),
        (Method::Deflate, 0),
        (Method::Deflate, 2),
    ] {
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
        let entries = vec![
            bytes_entry("first.txt", b"kept", Method::Store),
            file_entry("材料/证据.txt", &p, method, Some(4)),
            bytes_entry("never.txt", b"not reached", Method::Store),
        ];
        let e = add_all(&mut w, entries, threads).unwrap_err();
        let c = FileChanged::of(&e).expect("a FileChanged error");
        assert_eq!(c.name, "材料/证据.txt");
        assert_eq!(c.path, p);
        let msg = e.to_string();
        assert!(msg.contains("读取期间被改动") && msg.contains(&*p.to_string_lossy()));
        // Found before a byte of it went out: the archive still holds the first entry.
        assert_eq!(w.count(), 1);
        let zip = w.finish().unwrap().into_inner();
        let back = read_back_from(Cursor::new(zip)).unwrap();
        assert_eq!(back.len(), 1);
    }
}

#[test]
fn a_large_file_that_grew_while_streamed_breaks_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("grows.bin");
    fs::write(&p, mixed(CHUNK + 10, 1)).unwrap();
    let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    // The listing saw it one byte shorter, then it was stat-ed at that size: simulate by
    // planning the streamed read for fewer bytes than the file holds.
    let h = w.begin("grows.bin", Method::Store, T, false).unwrap();
    let mut reader = File::open(&p).unwrap();
    let r = w.guard(|w| {
        w.write_stream("grows.bin", h, CHUNK as u64, &mut reader, &mut |n| {
            check_after(
                "grows.bin",
                &p,
                Stat {
                    len: CHUNK as u64,
                    modified: None,
                },
                n,
            )
        })
    });
    assert!(FileChanged::of(&r.unwrap_err()).is_some());
    assert!(w.add_bytes("b", b"", Method::Store, T).is_err());
    assert!(w.finish().is_err());
}

#[test]
fn bad_and_repeated_names_are_refused_before_writing() {
    for bad in ["", "/abs", "a/../b", "a//b", "./a", "a\\b", "/", "a/./b"] {
        assert!(check_name(bad).is_err(), "{bad:?}");
    }
    assert!(check_name("a/b/").unwrap());
    assert!(!check_name("a/b").unwrap());
    for threads in [0, 2] {
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
        let entries = vec![
            bytes_entry("x", b"1", Method::Store),
            bytes_entry("y", &mixed(5000, 1), Method::Deflate),
            bytes_entry("x", b"2", Method::Deflate),
            bytes_entry("z", b"3", Method::Store),
        ];
        let e = add_all(&mut w, entries, threads).unwrap_err();
        assert_eq!(e.to_string(), "条目名「x」重复");
        assert_eq!(w.count(), 2);
        let at = w.position();
        assert!(w.add_bytes("y", b"", Method::Store, T).is_err());
        assert!(w.add_bytes("bad/../name", b"", Method::Store, T).is_err());
        assert!(w.add_bytes("d/", b"x", Method::Store, T).is_err());
        assert_eq!(w.position(), at, "nothing of a refused entry is written");
        let back = read_back_from(w.finish().unwrap()).unwrap();
        let names: Vec<&str> = back.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["x", "y"]);
    }
}

#[test]
fn an_error_from_each_stops_the_batch_and_leaves_a_valid_archive() {
    for threads in [0, 3] {
        let entries =
            (0..50).map(|i| bytes_entry(&format!("{i}.txt"), &mixed(100, i), Method::Deflate));
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
        let mut calls = 0;
        let e = w
            .add_all(entries, threads, &mut |_| {
                calls += 1;
                if calls == 10 {
                    return Err(io::Error::other("停"));
                }
                Ok(())
            })
            .unwrap_err();
        assert_eq!(e.to_string(), "停");
        assert_eq!((calls, w.count()), (10, 10));
        let back = read_back_from(w.finish().unwrap()).unwrap();
        assert_eq!(back.len(), 10);
        assert!(back.iter().all(|e| e.crc_ok));
        assert_eq!(back[9].name, "9.txt");
    }
}

#[test]
fn read_back_each_hands_over_the_entries_before_a_damaged_directory_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.zip");
    let mut w = ArchiveWriter::new(File::create(&path).unwrap(), NameEncoding::Utf8);
    for i in 0..5 {
        w.add_bytes(&format!("{i}.txt"), b"x", Method::Store, T)
            .unwrap();
    }
    w.finish().unwrap();
    let mut zip = fs::read(&path).unwrap();
    let cd = find(&zip, b"PK\x01\x02").unwrap();
    let fourth = cd + 3 * (zip.len() - 22 - cd) / 5;
    assert_eq!(&zip[fourth..fourth + 4], b"PK\x01\x02");
    zip[fourth] = b'Q';
    fs::write(&path, &zip).unwrap();
    let mut got = Vec::new();
    let e = read_back_each(&path, &mut |e| {
        got.push(e.name);
        Ok(())
    })
    .unwrap_err();
    assert_eq!(got, ["0.txt", "1.txt", "2.txt"]);
    assert!(e.to_string().contains("中央目录记录的签名不对"), "{e}");
    assert!(read_back(&path).is_err());
}

#[test]
fn read_back_flags_damaged_data() {
    let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    w.add_bytes("a.txt", b"evidence", Method::Store, T).unwrap();
    let mut zip = w.finish().unwrap().into_inner();
    let at = find(&zip, b"evidence").unwrap();
    zip[at] = b'E';
    let back = read_back_from(Cursor::new(&zip)).unwrap();
    assert!(!back[0].crc_ok);
    zip.truncate(zip.len() - 5);
    assert!(read_back_from(Cursor::new(&zip)).is_err());
}

#[test]
fn read_back_inflates_no_further_than_a_byte_past_the_declared_size() {
    let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    w.add_bytes("零.bin", &vec![0u8; 64 << 20], Method::Deflate, T)
        .unwrap();
    let mut zip = w.finish().unwrap().into_inner();
    // The declared size: byte 22 of the local header, 24 of the central record.
    let cd = find(&zip, b"PK\x01\x02").unwrap();
    for at in [22, cd + 24] {
        zip[at..at + 4].copy_from_slice(&1024u32.to_le_bytes());
    }
    let back = read_back_from(Cursor::new(&zip)).unwrap();
    assert_eq!((back[0].size, back[0].crc_ok), (1025, false));
}
