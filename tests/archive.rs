//! The hand-written ZIP writer against the extractors people use: Info-ZIP `unzip` and 7-Zip
//! must give back every file byte for byte under its original Chinese name, with its time.
//! The tests that run them are ignored unless asked for (`bash .ci/run` installs both and
//! runs them).

mod common;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Seek, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime};

use dossier::read::archive::{ReadEntry, read_back, read_back_each};
use dossier::write::archive::{ArchiveWriter, EntrySpec, Method, NameEncoding, Source, Timestamp};
use sha2::{Digest, Sha256};

/// `unzip` with a UTF-8 locale: Debian's unzip 6.0 writes Unicode names only under one, and
/// prints `#Uxxxx` escapes in the C locale CI may run in.
fn unzip(args: &[&str]) -> Output {
    let out = Command::new(common::unzip())
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .output()
        .expect("unzip runs");
    assert!(
        out.status.success(),
        "unzip {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn sevenz(args: &[&str]) -> Output {
    let out = Command::new(common::sevenzip())
        .args(args)
        .output()
        .expect("7z runs");
    assert!(
        out.status.success(),
        "7z {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Deterministic bytes that compress somewhat, like office documents.
fn mixed(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if i % 4 == 0 {
                b'0' + (x % 10) as u8
            } else {
                x as u8
            }
        })
        .collect()
}

/// An odd second, so a DOS time (2-second steps) would show as wrong.
const MODIFIED: i64 = 1_714_538_097;

/// Evidence files: (name in the archive, file, content, method).
type Evidence = Vec<(String, PathBuf, Vec<u8>, Method)>;

/// The evidence folder.
fn evidence(dir: &Path) -> Evidence {
    let report = "关于创建全国文明城市工作情况的报告。\n"
        .repeat(400)
        .into_bytes();
    let files: Vec<(&str, Vec<u8>, Method)> = vec![
        (
            "关于创建全国文明城市的报告（第一稿）.txt",
            report,
            Method::Deflate,
        ),
        (
            "附件 1：测评体系　说明（2024 年）/照片·现场 001.jpg",
            mixed(300_000, 1),
            Method::Store,
        ),
        ("空文件.txt", Vec::new(), Method::Deflate),
        ("空文件-存储.bin", Vec::new(), Method::Store),
        (
            "一/二/三/四/五/六/七/八/九/十/十一/十二/深层文件【终稿】.docx",
            mixed(40_000, 2),
            Method::Deflate,
        ),
        // Over the 8 MiB buffer limit: deflated streaming on the writer thread.
        ("数据/台账 汇总.xlsx", mixed(9 << 20, 3), Method::Deflate),
        ("数据/原始 记录.bin", mixed(3 << 20, 4), Method::Store),
        ("readme.md", b"# evidence\n".to_vec(), Method::Deflate),
    ];
    files
        .into_iter()
        .enumerate()
        .map(|(i, (name, data, method))| {
            let path = dir.join(format!("f{i}"));
            fs::write(&path, &data).expect("write source");
            (name.to_string(), path, data, method)
        })
        .collect()
}

fn entries(files: &[(String, PathBuf, Vec<u8>, Method)]) -> Vec<EntrySpec> {
    files
        .iter()
        .map(|(name, path, data, method)| EntrySpec {
            name: name.clone(),
            source: Source::File(path.clone()),
            method: *method,
            modified: Timestamp { unix: MODIFIED },
            expected_size: Some(data.len() as u64),
        })
        .collect()
}

fn write_zip(path: &Path, entries: Vec<EntrySpec>, names: NameEncoding) {
    let file = fs::File::create(path).expect("create zip");
    let mut w = ArchiveWriter::new(file, names);
    w.add_all(entries, 2, &mut |_| Ok(()))
        .expect("write entries");
    w.finish().expect("finish").sync_all().expect("sync");
}

/// Every file under `root`, by its path relative to `root` with `/` separators.
fn files_under(root: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).expect("read extracted dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).expect("under root");
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_str().expect("UTF-8 name").to_string())
                    .collect();
                out.insert(rel.join("/"), p);
            }
        }
    }
    out
}

/// Checks that `root` holds exactly `files`, byte for byte, with their modification time.
fn assert_same(tool: &str, root: &Path, files: &[(String, PathBuf, Vec<u8>, Method)]) {
    let got = files_under(root);
    let want: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(
        got.keys().map(String::as_str).collect::<Vec<_>>(),
        want_sorted,
        "{tool} extracted these names"
    );
    let modified = SystemTime::UNIX_EPOCH + Duration::from_secs(MODIFIED as u64);
    for (name, _, data, _) in files {
        let path = &got[name];
        let bytes = fs::read(path).expect("read extracted");
        assert!(bytes == *data, "{tool}: {name} differs");
        let mtime = fs::metadata(path)
            .and_then(|m| m.modified())
            .expect("mtime");
        assert_eq!(mtime, modified, "{tool}: {name} has the exact time");
    }
}

fn extract_both(zip: &Path, dir: &Path, files: &[(String, PathBuf, Vec<u8>, Method)]) {
    let by_unzip = dir.join("unzip");
    unzip(&[
        "-q",
        &zip.to_string_lossy(),
        "-d",
        &by_unzip.to_string_lossy(),
    ]);
    assert_same("unzip", &by_unzip, files);
    let by_7z = dir.join("7z");
    sevenz(&[
        "x",
        "-y",
        &format!("-o{}", by_7z.display()),
        &zip.to_string_lossy(),
    ]);
    assert_same("7z", &by_7z, files);
}

/// Names as `7z l -slt` lists them.
fn names_7z(zip: &Path) -> Vec<String> {
    let out = sevenz(&["l", "-ba", "-slt", &zip.to_string_lossy()]);
    String::from_utf8(out.stdout)
        .expect("7z lists UTF-8")
        .lines()
        .filter_map(|l| l.strip_prefix("Path = "))
        .map(str::to_string)
        .collect()
}

#[test]
#[ignore = "needs Info-ZIP unzip and 7-Zip — bash .ci/run installs them"]
fn utf8_names_extract_byte_for_byte_with_unzip_and_7z() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = evidence(dir.path());
    let zip = dir.path().join("材料 UTF-8.zip");
    write_zip(&zip, entries(&files), NameEncoding::Utf8);

    let back = read_back(&zip).expect("read back");
    for (r, (name, _, data, _)) in back.iter().zip(&files) {
        assert_eq!(&r.name, name);
        assert!(r.crc_ok && r.size == data.len() as u64, "{name}");
    }
    unzip(&["-tq", &zip.to_string_lossy()]);
    sevenz(&["t", &zip.to_string_lossy()]);
    extract_both(&zip, dir.path(), &files);
}

#[test]
#[ignore = "needs Info-ZIP unzip and 7-Zip — bash .ci/run installs them"]
fn gbk_names_list_and_extract_as_the_original_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = evidence(dir.path());
    // GBK cannot spell this one: it goes in as UTF-8 with flag bit 11.
    let odd = dir.path().join("odd");
    fs::write(&odd, b"emoji").expect("write");
    files.push(("表情😀.txt".into(), odd, b"emoji".to_vec(), Method::Deflate));
    let zip = dir.path().join("材料 GBK.zip");
    write_zip(&zip, entries(&files), NameEncoding::Gbk);
    let want: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();

    // unzip reads the Unicode Path field (0x7075) under a UTF-8 locale.
    let listed = unzip(&["-Z1", &zip.to_string_lossy()]);
    let listed = String::from_utf8(listed.stdout).expect("UTF-8 listing");
    assert_eq!(listed.lines().collect::<Vec<_>>(), want, "unzip -Z1");
    let long = String::from_utf8(unzip(&["-l", &zip.to_string_lossy()]).stdout).expect("UTF-8");
    for name in &want {
        assert!(
            long.contains(&format!("   {name}\n")),
            "unzip -l lists {name}"
        );
    }
    // Told to ignore Unicode fields, unzip shows the name field itself: GBK bytes, which is
    // what Windows Explorer and Java's ZipFile(…, GBK) read. Names start at column 30.
    let raw = unzip(&["-UU", "-l", &zip.to_string_lossy()]).stdout;
    let raw_names: Vec<&[u8]> = raw
        .split(|&b| b == b'\n')
        .skip_while(|l| !l.starts_with(b"---------"))
        .skip(1)
        .take_while(|l| !l.starts_with(b"---------"))
        .map(|l| &l[30..])
        .collect();
    assert_eq!(
        raw_names.len(),
        want.len(),
        "unzip -UU -l lists every entry"
    );
    for (raw, name) in raw_names.iter().zip(&want) {
        let expect = if name.contains('😀') {
            name.as_bytes().to_vec()
        } else {
            encoding_rs::GBK.encode(name).0.into_owned()
        };
        assert_eq!(raw, &expect.as_slice(), "raw name field of {name}");
    }

    assert_eq!(names_7z(&zip), want, "7z l");
    extract_both(&zip, dir.path(), &files);
}

/// 1,000 entries from a lazy iterator: files and bytes, stored and deflated, small ones for
/// the workers and a file over the 8 MiB buffer limit twice (listed at its size, so streamed on
/// the writer thread; unlisted, so handed to a worker, which gives it back to be streamed).
fn lazy_entry(i: usize, dir: &Path, big: &Path) -> EntrySpec {
    let method = if i.is_multiple_of(4) {
        Method::Store
    } else {
        Method::Deflate
    };
    let (source, expected_size) = match i {
        500 => (Source::File(big.to_path_buf()), Some(9 << 20)),
        700 => (Source::File(big.to_path_buf()), None),
        _ if i.is_multiple_of(3) => {
            let data = mixed(i * 31 % 20_000, i as u64);
            let path = dir.join(format!("f{i}"));
            fs::write(&path, &data).expect("write source");
            (Source::File(path), Some(data.len() as u64))
        }
        _ => (Source::Bytes(mixed(i * 37 % 5_000, i as u64)), None),
    };
    EntrySpec {
        name: format!("材料/{:02}/第 {i} 件.bin", i / 100),
        source,
        method,
        modified: Timestamp { unix: MODIFIED },
        expected_size,
    }
}

#[test]
fn add_all_pulls_a_lazy_iterator_a_bounded_way_ahead_and_threads_do_not_change_the_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.bin");
    fs::write(&big, mixed(9 << 20, 99)).expect("write big");
    let run = |threads: usize| {
        let zip = dir.path().join(format!("{threads}.zip"));
        let sources = dir.path().join(format!("src{threads}"));
        fs::create_dir(&sources).expect("mkdir");
        let pulled = Cell::new(0);
        let entries = (0..1000).map(|i| {
            pulled.set(pulled.get() + 1);
            lazy_entry(i, &sources, &big)
        });
        let mut w = ArchiveWriter::new(fs::File::create(&zip).expect("create"), NameEncoding::Gbk);
        let (mut reported, mut most_ahead) = (Vec::new(), 0);
        w.add_all(entries, threads, &mut |done| {
            reported.push((done.name.clone(), done.size, done.sha256));
            let ahead = pulled.get() - reported.len();
            assert!(
                ahead <= threads + 3,
                "{} specs pulled when {} were written, with {threads} threads",
                pulled.get(),
                reported.len()
            );
            most_ahead = most_ahead.max(ahead);
            Ok(())
        })
        .expect("write");
        w.finish().expect("finish");
        assert_eq!((pulled.get(), reported.len()), (1000, 1000));
        (zip, reported, most_ahead)
    };
    let (zip, reported, most_ahead) = run(3);
    assert!(most_ahead > 1, "the workers were given specs ahead");
    let back = read_back(&zip).expect("read back");
    let got: Vec<(String, u64, [u8; 32])> = back
        .iter()
        .inspect(|e| assert!(e.crc_ok, "{}", e.name))
        .map(|e| (e.name.clone(), e.size, e.sha256))
        .collect();
    assert!(got == reported, "the archive holds what each was told");
    assert_eq!(reported[500].1, 9 << 20);
    assert_eq!(reported[500].2, reported[700].2);

    let (alone, reported_alone, _) = run(0);
    assert!(reported_alone == reported);
    assert!(
        fs::read(&zip).expect("read") == fs::read(&alone).expect("read"),
        "3 threads and none give the same bytes"
    );
}

/// Tag files streamed with `add_reader` from temporary files: stored and deflated, empty, and
/// over the 8 MiB buffer limit. They read back whole, and the archive is byte for byte the one
/// `add_bytes` writes for the same data.
#[test]
fn add_reader_round_trips_and_writes_what_add_bytes_writes() {
    let big = mixed(9 << 20, 5);
    let text = "关于创建全国文明城市工作情况的报告。\n"
        .repeat(2_000)
        .into_bytes();
    let cases: [(&str, &[u8], Method); 6] = [
        ("manifest-sha256.txt", &text, Method::Deflate),
        ("原始文件名.txt", &text, Method::Store),
        ("空.txt", b"", Method::Deflate),
        ("空-存储.txt", b"", Method::Store),
        ("大/材料目录.docx", &big, Method::Deflate),
        ("大/材料目录.xlsx", &big, Method::Store),
    ];
    let t = Timestamp { unix: MODIFIED };
    let dir = tempfile::tempdir().expect("temp dir");
    let by_reader = dir.path().join("reader.zip");
    let mut w = ArchiveWriter::new(
        fs::File::create(&by_reader).expect("create"),
        NameEncoding::Gbk,
    );
    for (name, data, method) in cases {
        let mut spilled = tempfile::tempfile().expect("temp file");
        spilled.write_all(data).expect("spill");
        spilled.rewind().expect("rewind");
        let done = w
            .add_reader(name, &mut spilled, data.len() as u64, method, t)
            .expect("add_reader");
        assert_eq!((done.name.as_str(), done.size), (name, data.len() as u64));
    }
    w.finish().expect("finish");
    let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Gbk);
    for (name, data, method) in cases {
        w.add_bytes(name, data, method, t).expect("add_bytes");
    }
    let by_bytes = w.finish().expect("finish").into_inner();
    assert!(
        fs::read(&by_reader).expect("read") == by_bytes,
        "add_reader and add_bytes differ"
    );

    let back = read_back(&by_reader).expect("read back");
    assert_eq!(back.len(), cases.len());
    for (e, (name, data, _)) in back.iter().zip(cases) {
        assert_eq!(e.name, name);
        assert!(e.crc_ok && e.size == data.len() as u64, "{name}");
        assert_eq!(e.sha256, <[u8; 32]>::from(Sha256::digest(data)), "{name}");
    }
}

/// A reader that ends early or runs on past `len` fails the entry, naming it, and leaves the
/// archive broken: the entry's header is already out.
#[test]
fn add_reader_given_fewer_or_more_bytes_than_len_fails_and_breaks_the_archive() {
    let t = Timestamp { unix: MODIFIED };
    let big = mixed(3 << 20, 8);
    let cases: [(&[u8], u64, Method); 7] = [
        (b"abc", 4, Method::Store),
        (b"abcde", 4, Method::Store),
        (b"abc", 4, Method::Deflate),
        (b"abcde", 4, Method::Deflate),
        (b"", 1, Method::Store),
        (b"x", 0, Method::Deflate),
        (&big, (3 << 20) + 1, Method::Deflate),
    ];
    for (data, len, method) in cases {
        let mut w = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
        w.add_bytes("之前.txt", b"kept", Method::Store, t)
            .expect("first entry");
        let e = w
            .add_reader("坏/清单.txt", &mut &data[..], len, method, t)
            .expect_err("wrong length");
        assert!(
            e.to_string().contains("坏/清单.txt") && e.to_string().contains(&len.to_string()),
            "{e}"
        );
        let later = w.add_bytes("之后.txt", b"", Method::Store, t);
        assert!(
            later.is_err(),
            "{} bytes for {len}: still usable",
            data.len()
        );
        assert!(w.add_reader("再.txt", &mut &b""[..], 0, method, t).is_err());
        assert!(
            w.finish().is_err(),
            "{} bytes for {len}: finished",
            data.len()
        );
    }
}

/// What `read_back_each` hands over, in order.
fn each_of(zip: &Path) -> Vec<ReadEntry> {
    let mut got = Vec::new();
    read_back_each(zip, &mut |e| {
        got.push(e);
        Ok(())
    })
    .expect("read back each");
    got
}

#[test]
fn read_back_each_gives_what_read_back_gives_and_stops_at_an_error_of_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 70,000 entries: ZIP64 counts, and many batches.
    let many = dir.path().join("many.zip");
    let mut w = ArchiveWriter::new(fs::File::create(&many).expect("create"), NameEncoding::Utf8);
    let specs = (0..70_000u32).map(|i| EntrySpec {
        name: format!("材料/{:03}/{i:05}.txt", i / 1000),
        source: Source::Bytes(i.to_string().into_bytes()),
        method: if i % 2 == 0 {
            Method::Store
        } else {
            Method::Deflate
        },
        modified: Timestamp { unix: MODIFIED },
        expected_size: None,
    });
    w.add_all(specs, 0, &mut |_| Ok(())).expect("write");
    w.finish().expect("finish");
    let all = read_back(&many).expect("read back");
    assert_eq!(all.len(), 70_000);
    assert!(all.iter().all(|e| e.crc_ok));
    assert_eq!(all[69_999].name, "材料/069/69999.txt");
    assert!(
        each_of(&many) == all,
        "read_back_each differs from read_back"
    );

    // GBK names with the Unicode Path field, the evidence of the extraction tests.
    let files = evidence(dir.path());
    let gbk = dir.path().join("gbk.zip");
    write_zip(&gbk, entries(&files), NameEncoding::Gbk);
    let all = read_back(&gbk).expect("read back");
    let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
    let want: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names, want);
    assert!(
        each_of(&gbk) == all,
        "read_back_each differs from read_back on GBK names"
    );

    // An error of `each` stops the read-back, and is what it returns.
    let mut calls = 0;
    let e = read_back_each(&many, &mut |_| {
        calls += 1;
        if calls == 1_500 {
            return Err(std::io::Error::other("够了"));
        }
        Ok(())
    })
    .expect_err("each failed");
    assert_eq!((e.to_string().as_str(), calls), ("够了", 1_500));
}

/// Writes `重复.zip` in `dir`: the evidence with a name already written met again in a later
/// batch and within one, each refused when reached, before any of it is written. Returns the
/// archive and the evidence.
fn archive_with_repeated_names(dir: &Path) -> (PathBuf, Evidence) {
    let files = evidence(dir);
    let zip = dir.join("重复.zip");
    let mut w = ArchiveWriter::new(fs::File::create(&zip).expect("create"), NameEncoding::Gbk);
    let mut first = entries(&files);
    let again = first.split_off(4);
    w.add_all(first, 2, &mut |_| Ok(())).expect("first batch");
    let mut batch = again;
    batch.insert(2, entries(&files).swap_remove(1));
    let mut written = Vec::new();
    let e = w
        .add_all(batch, 2, &mut |done| {
            written.push(done.name.clone());
            Ok(())
        })
        .expect_err("a repeated name");
    assert_eq!(e.to_string(), format!("条目名「{}」重复", files[1].0));
    assert_eq!(written, [files[4].0.as_str(), files[5].0.as_str()]);
    assert_eq!(w.count(), 6);
    let within = [0, 1].map(|i| EntrySpec {
        name: "同名.txt".into(),
        source: Source::Bytes(vec![i]),
        method: Method::Deflate,
        modified: Timestamp { unix: MODIFIED },
        expected_size: None,
    });
    let e = w
        .add_all(within, 0, &mut |_| Ok(()))
        .expect_err("repeated within a batch");
    assert_eq!(e.to_string(), "条目名「同名.txt」重复");
    w.finish().expect("finish");
    (zip, files)
}

/// The entries before a refused repeated name make a valid archive.
#[test]
fn a_repeated_name_after_entries_were_written_is_refused_and_the_archive_stays_valid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, files) = archive_with_repeated_names(dir.path());
    let back = read_back(&zip).expect("read back");
    let names: Vec<&str> = back.iter().map(|e| e.name.as_str()).collect();
    let mut want: Vec<&str> = files[..6].iter().map(|f| f.0.as_str()).collect();
    want.push("同名.txt");
    assert_eq!(names, want);
    assert!(back.iter().all(|e| e.crc_ok));
    for (e, f) in back[..6].iter().zip(&files) {
        assert_eq!(e.sha256, <[u8; 32]>::from(Sha256::digest(&f.2)), "{}", f.0);
    }
}

#[test]
#[ignore = "needs Info-ZIP unzip — bash .ci/run installs it"]
fn unzip_tests_the_archive_left_by_a_refused_repeated_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, _) = archive_with_repeated_names(dir.path());
    unzip(&["-tq", &zip.to_string_lossy()]);
}

/// A 4.5 GiB file (sparse: zeros cost no disk) deflated and stored: ZIP64 sizes in both
/// headers, an entry and the central directory past 4 GiB, and the ZIP64 end records, read
/// back by our reader, `unzip` and 7z.
#[test]
#[ignore = "needs Info-ZIP unzip and 7-Zip, and minutes for 4.5 GiB — bash .ci/run installs them"]
fn a_file_over_4_gib_round_trips_through_zip64() {
    let started = Instant::now();
    let big_len: u64 = (4 << 30) + (512 << 20);
    // Dropped on every exit, panics included: the 4.5 GB archive does not outlive the test.
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.bin");
    fs::File::create(&big)
        .and_then(|f| f.set_len(big_len))
        .expect("sparse file");
    let small = dir.path().join("small.txt");
    fs::write(&small, "在 4 GiB 之后".as_bytes()).expect("write");
    let at = |name: &str, path: &Path, method| EntrySpec {
        name: name.into(),
        source: Source::File(path.to_path_buf()),
        method,
        modified: Timestamp { unix: MODIFIED },
        expected_size: None,
    };
    let entries = vec![
        at("大文件/零（压缩）.bin", &big, Method::Deflate),
        at("大文件/零（存储）.bin", &big, Method::Store),
        at("之后/小文件.txt", &small, Method::Store),
    ];
    let zip = dir.path().join("大.zip");
    let file = fs::File::create(&zip).expect("create");
    let mut w = ArchiveWriter::new(file, NameEncoding::Gbk);
    let mut written = Vec::new();
    w.add_all(entries, 2, &mut |done| {
        written.push(done.clone());
        Ok(())
    })
    .expect("write");
    w.finish().expect("finish");
    let wrote = started.elapsed();
    assert_eq!(written[0].size, big_len);
    assert!(written[0].compressed < 10 << 20, "zeros deflate well");
    assert!(
        written[2].offset > 0xFFFF_FFFF,
        "the last entry starts past 4 GiB"
    );

    let back = read_back(&zip).expect("read back");
    let sizes: Vec<(u64, bool)> = back.iter().map(|e| (e.size, e.crc_ok)).collect();
    assert_eq!(sizes, [(big_len, true), (big_len, true), (16, true)]);
    assert_eq!(back[0].sha256, back[1].sha256);
    assert_eq!(back[0].sha256, written[0].sha256);
    let read = started.elapsed();

    let z = zip.to_string_lossy();
    // unzip inflates the deflated giant (its own ZIP64 size handling); 7z below checks the
    // CRC of every entry, and unzip reads the small entry past 4 GiB.
    {
        let name = "大文件/零（压缩）.bin";
        let out = Command::new("sh")
            .env("LC_ALL", "C.UTF-8")
            .arg("-c")
            .arg(r#""$1" -p "$2" "$3" | wc -c"#)
            .args(["sh", &common::unzip().to_string_lossy(), &z, name])
            .output()
            .expect("unzip | wc");
        let count = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert_eq!(count, big_len.to_string(), "unzip -p {name} | wc -c");
    }
    let unzipped = started.elapsed();
    sevenz(&["t", &z]);
    let listing = String::from_utf8(sevenz(&["l", "-ba", "-slt", &z]).stdout).expect("UTF-8");
    assert!(listing.contains("Path = 之后/小文件.txt"));
    assert_eq!(
        listing
            .lines()
            .filter(|l| *l == format!("Size = {big_len}"))
            .count(),
        2,
        "7z lists both 4.5 GiB entries"
    );
    let small_out = unzip(&["-p", &z, "之后/小文件.txt"]).stdout;
    assert_eq!(small_out, "在 4 GiB 之后".as_bytes());
    eprintln!(
        "4.5 GiB ZIP64 test: write {:.1}s, read back {:.1}s, unzip -p {:.1}s, 7z t {:.1}s, total {:.1}s",
        wrote.as_secs_f64(),
        (read - wrote).as_secs_f64(),
        (unzipped - read).as_secs_f64(),
        (started.elapsed() - unzipped).as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}
