//! The hostile-input corpus, `verify` part: real bundles doctored the ways an attacker or a
//! broken tool would (a payload file changed with its manifest line, an edited bag-info.txt,
//! entries named to land outside the folder, a name present twice, a volume left over from an
//! earlier run, five thousand directory records on one gigabyte entry, a folder for an archive),
//! and cases of the same families: each must fail `dossier verify` with exit 1 and a Chinese
//! message naming the archive and the entry, write nothing and change nothing. Cases where a
//! property must hold (a bag rewritten with data descriptors) pass.
//!
//! Each archive starts as a real `dossier bundle` of a small tree, is read into its entries'
//! bytes ([`Entry`]), changed, and written back by the ZIP writer below, so the doctored
//! archives are well-formed but for the one thing changed. Every run is killed after
//! `common::TIMEOUT`, so a hang fails.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use common::{Run, digest, run, s};

// ---------------------------------------------------------------------------------------
// Archives as entries

/// Flag bit 3 (sizes in a data descriptor) and bit 11 (UTF-8 name).
const DESCRIPTOR: u16 = 1 << 3;
const UTF8: u16 = 1 << 11;

/// One entry as its bytes lie in the archive: enough to write it back, changed.
#[derive(Clone, Debug)]
struct Entry {
    name: Vec<u8>,
    flags: u16,
    method: u16,
    crc: u32,
    /// The size the headers declare.
    size: u32,
    /// The data as stored: deflated or not.
    data: Vec<u8>,
    /// The extra field, the same in both headers (these bundles are small: no ZIP64).
    extra: Vec<u8>,
    made_by: u16,
    external: u32,
}

impl Entry {
    /// A stored entry of `content` named `name` in UTF-8, a regular file made on Unix.
    fn stored(name: &str, content: &[u8]) -> Entry {
        Entry {
            name: name.as_bytes().to_vec(),
            flags: UTF8,
            method: 0,
            crc: crc32fast::hash(content),
            size: content.len() as u32,
            data: content.to_vec(),
            extra: Vec::new(),
            made_by: (3 << 8) | 20,
            external: 0o100_644 << 16,
        }
    }

    fn name(&self) -> String {
        String::from_utf8_lossy(&self.name).into_owned()
    }

    /// The content, inflated when deflated.
    fn content(&self) -> Vec<u8> {
        if self.method == 0 {
            return self.data.clone();
        }
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(&self.data[..])
            .read_to_end(&mut out)
            .expect("inflate");
        out
    }

    /// The fields both headers share, from "version needed" to the extra field's length.
    fn fields(&self, to: &mut Vec<u8>) {
        to.extend(20u16.to_le_bytes()); // version needed
        to.extend(self.flags.to_le_bytes());
        to.extend(self.method.to_le_bytes());
        to.extend([0u8; 4]); // DOS time and date
        to.extend(self.crc.to_le_bytes());
        to.extend((self.data.len() as u32).to_le_bytes());
        to.extend(self.size.to_le_bytes());
        to.extend((self.name.len() as u16).to_le_bytes());
        to.extend((self.extra.len() as u16).to_le_bytes());
    }

    /// The local header, the data, and the data descriptor when flag bit 3 asks for one.
    fn local(&self) -> Vec<u8> {
        let mut b = 0x0403_4b50u32.to_le_bytes().to_vec();
        self.fields(&mut b);
        b.extend(&self.name);
        b.extend(&self.extra);
        b.extend(&self.data);
        if self.flags & DESCRIPTOR != 0 {
            b.extend(0x0807_4b50u32.to_le_bytes());
            b.extend(self.crc.to_le_bytes());
            b.extend((self.data.len() as u32).to_le_bytes());
            b.extend(self.size.to_le_bytes());
        }
        b
    }

    /// The central directory record, pointing at `offset`.
    fn central(&self, offset: u32) -> Vec<u8> {
        let mut b = 0x0201_4b50u32.to_le_bytes().to_vec();
        b.extend(self.made_by.to_le_bytes());
        self.fields(&mut b);
        b.extend([0u8; 6]); // comment length, disk, internal attributes
        b.extend(self.external.to_le_bytes());
        b.extend(offset.to_le_bytes());
        b.extend(&self.name);
        b.extend(&self.extra);
        b
    }
}

/// The end record of `count` entries whose directory of `len` bytes starts at `start`.
fn end_record(count: u16, len: usize, start: usize) -> Vec<u8> {
    let mut b = 0x0605_4b50u32.to_le_bytes().to_vec();
    b.extend([0u8; 4]); // disk numbers
    b.extend(count.to_le_bytes());
    b.extend(count.to_le_bytes());
    b.extend((len as u32).to_le_bytes());
    b.extend((start as u32).to_le_bytes());
    b.extend(0u16.to_le_bytes()); // comment length
    b
}

/// `entries` end to end, then their directory and the end record: a well-formed archive.
fn zip_bytes(entries: &[Entry]) -> Vec<u8> {
    zip_with_gap(entries, entries.len(), &[])
}

/// As [`zip_bytes`], with `gap` written before entry `before` (or before the directory) and
/// listed nowhere.
fn zip_with_gap(entries: &[Entry], before: usize, gap: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if i == before {
            out.extend(gap);
        }
        central.extend(e.central(out.len() as u32));
        out.extend(e.local());
    }
    if before == entries.len() {
        out.extend(gap);
    }
    let start = out.len();
    out.extend(&central);
    out.extend(end_record(entries.len() as u16, central.len(), start));
    out
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

/// The entries of the archive `zip` (no comment, no ZIP64), in directory order.
fn parse(zip: &[u8]) -> Vec<Entry> {
    let end = zip.len() - 22;
    assert_eq!(
        u32_at(zip, end),
        0x0605_4b50,
        "an end record with no comment"
    );
    let count = usize::from(u16_at(zip, end + 10));
    let mut at = u32_at(zip, end + 16) as usize;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let (n, m, k) = (
            usize::from(u16_at(zip, at + 28)),
            usize::from(u16_at(zip, at + 30)),
            usize::from(u16_at(zip, at + 32)),
        );
        let offset = u32_at(zip, at + 42) as usize;
        let local_var =
            usize::from(u16_at(zip, offset + 26)) + usize::from(u16_at(zip, offset + 28));
        let data_start = offset + 30 + local_var;
        let csize = u32_at(zip, at + 20) as usize;
        out.push(Entry {
            name: zip[at + 46..at + 46 + n].to_vec(),
            flags: u16_at(zip, at + 8),
            method: u16_at(zip, at + 10),
            crc: u32_at(zip, at + 16),
            size: u32_at(zip, at + 24),
            data: zip[data_start..data_start + csize].to_vec(),
            extra: zip[at + 46 + n..at + 46 + n + m].to_vec(),
            made_by: u16_at(zip, at + 4),
            external: u32_at(zip, at + 38),
        });
        at += 46 + n + m + k;
    }
    out
}

/// A bundle's entries, to change and write back.
struct Bag(Vec<Entry>);

impl Bag {
    fn open(path: &Path) -> Bag {
        Bag(parse(&std::fs::read(path).expect("read the archive")))
    }

    fn index(&self, name: &str) -> usize {
        self.0
            .iter()
            .position(|e| e.name() == name)
            .unwrap_or_else(|| panic!("no entry {name}"))
    }

    fn text(&self, name: &str) -> String {
        String::from_utf8(self.0[self.index(name)].content()).expect("UTF-8 tag file")
    }

    /// Sets the content of `name`, stored, in its place.
    fn put(&mut self, name: &str, content: &[u8]) {
        let i = self.index(name);
        self.0[i] = Entry::stored(name, content);
    }

    fn remove(&mut self, name: &str) {
        let i = self.index(name);
        self.0.remove(i);
    }

    /// Gives `file`'s line in `manifest` the SHA-256 of `content` (or drops the line when
    /// `None`), as a forger covering a change would.
    fn relist(&mut self, manifest: &str, file: &str, content: Option<&[u8]>) {
        let text: String = self
            .text(manifest)
            .lines()
            .filter_map(|l| match l.split_once("  ") {
                Some((_, path)) if path == file => content.map(|c| format!("{}  {path}\n", hex(c))),
                _ => Some(format!("{l}\n")),
            })
            .collect();
        self.put(manifest, text.as_bytes());
    }

    fn save(&self, path: &Path) {
        std::fs::write(path, zip_bytes(&self.0)).expect("write the archive");
    }
}

fn hex(content: &[u8]) -> String {
    format!("{:x}", Sha256::digest(content))
}

// ---------------------------------------------------------------------------------------
// Bundles and runs

/// Writes the evidence files `files` (path, content) under `root`.
fn evidence(root: &Path, files: &[(&str, Vec<u8>)]) {
    for (rel, content) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folders");
        std::fs::write(path, content).expect("evidence file");
    }
}

/// Two of the small tree's files, as bundled (without a scheme the tree is kept as it is).
const LOG: &str = "data/01 理论学习/学习记录.txt";
const LIST: &str = "data/02 志愿服务/名单.txt";

/// Three small files in two indicator folders.
fn small_tree() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "01 理论学习/学习记录.txt",
            "中心组学习记录\n".repeat(50).into_bytes(),
        ),
        (
            "01 理论学习/照片.jpg",
            (0..4000u32).map(|i| (i * 31 % 251) as u8).collect(),
        ),
        (
            "02 志愿服务/名单.txt",
            "王岩、赵青\n".repeat(20).into_bytes(),
        ),
    ]
}

/// Bundles `files` (with `args`) from `dir/ev` into `dir/in/<name>.zip`; returns the archives
/// written.
fn bundle_of(dir: &Path, files: &[(&str, Vec<u8>)], name: &str, args: &[&str]) -> Vec<PathBuf> {
    let ev = dir.join(format!("ev-{name}"));
    evidence(&ev, files);
    let out = dir.join("in").join(format!("{name}.zip"));
    let mut all = vec!["bundle", s(&ev), "-o", s(&out)];
    all.extend(args);
    let got = run(&all);
    assert_eq!(got.code, Some(0), "bundle: {}", got.stderr);
    got.stdout
        .lines()
        .map(PathBuf::from)
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect()
}

/// A real bundle of the small tree at `dir/in/材料包.zip`, and its entries.
fn bundled(dir: &Path) -> (PathBuf, Bag) {
    let zip = bundle_of(dir, &small_tree(), "材料包", &[]).remove(0);
    let bag = Bag::open(&zip);
    (zip, bag)
}

/// The line `verify` prints for `what` of `archive`.
fn at(archive: &Path, what: &str) -> String {
    format!("{}: {what}", archive.display())
}

/// Runs `verify` on `archives` and checks the refusal: exit 1, each of `said` on stderr, none
/// of `archives` said to pass, no crash, and nothing written or changed under `dir`.
fn refused(dir: &Path, archives: &[&Path], said: &[String]) -> Run {
    let before = digest(dir);
    let mut args = vec!["verify"];
    args.extend(archives.iter().map(|p| s(p)));
    let got = run(&args);
    assert_eq!(got.code, Some(1), "exit code; stderr: {}", got.stderr);
    for crash in ["panicked", "内部错误", "RUST_BACKTRACE"] {
        assert!(!got.stderr.contains(crash), "a crash: {}", got.stderr);
    }
    for line in said {
        assert!(
            got.stderr.contains(line),
            "stderr should say {line}: {}",
            got.stderr
        );
    }
    assert!(
        got.stderr.contains("错误："),
        "the count of failed archives: {}",
        got.stderr
    );
    assert_eq!(digest(dir), before, "nothing written, the input unchanged");
    got
}

/// Runs `verify` on `archive`, which must pass.
fn passes(archive: &Path) {
    let got = run(&["verify", s(archive)]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    assert!(got.stderr.is_empty(), "{}", got.stderr);
    assert!(got.stdout.contains("校验通过"), "{}", got.stdout);
}

// ---------------------------------------------------------------------------------------
// The cases the issue lists

/// Issue 4: a payload file changed together with its manifest line (same size) passed, as
/// did an edited bag-info.txt: the tag manifest, which vouches for both, was never read.
#[test]
fn a_payload_file_changed_with_its_manifest_line_or_an_edited_bag_info_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    passes(&zip);
    let file = LOG;
    let mut forged = bag.text(file).into_bytes();
    forged[..6].copy_from_slice("伪造".as_bytes());
    let mut payload = Bag(bag.0.clone());
    payload.put(file, &forged);
    payload.relist("manifest-sha256.txt", file, Some(&forged));
    payload.save(&zip);
    refused(
        dir.path(),
        &[&zip],
        &[at(&zip, "损坏：manifest-sha256.txt\n")],
    );

    let mut info = Bag(bag.0.clone());
    let edited = info
        .text("bag-info.txt")
        .replace("Bagging-Date: ", "Bagging-Date: 1");
    info.put("bag-info.txt", edited.as_bytes());
    info.save(&zip);
    refused(dir.path(), &[&zip], &[at(&zip, "损坏：bag-info.txt\n")]);
}

/// Issue 5: entries named to land outside the folder passed, as only `data/` was looked at.
#[test]
fn entries_named_outside_the_folder_fail_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    for name in ["../../evil.sh", "/etc/cron.d/evil"] {
        let mut evil = Bag(bag.0.clone());
        evil.0.push(Entry::stored(name, b"#!/bin/sh\nrm -rf ~\n"));
        evil.save(&zip);
        let said = format!("名字不安全：{name}（");
        refused(dir.path(), &[&zip], &[at(&zip, &said)]);
    }
}

/// Issue 6: a forged first copy of a name (with a valid CRC) before the original passed;
/// extractors disagree on which copy they keep. The same name spelled in UTF-8 and in GBK with
/// a Unicode Path field is a repeat too.
#[test]
fn a_name_present_twice_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let file = LIST;
    let mut twice = Bag(bag.0.clone());
    let i = twice.index(file);
    twice
        .0
        .insert(i, Entry::stored(file, "伪造的名单\n".as_bytes()));
    twice.save(&zip);
    let said = [
        at(&zip, &format!("重名：{file}（")),
        at(&zip, &format!("损坏：{file}\n")),
    ];
    refused(dir.path(), &[&zip], &said);

    let mut spelled = Bag(bag.0.clone());
    let gbk = encoding_rs::GBK.encode(file).0.into_owned();
    let mut copy = Entry::stored(file, "伪造的名单\n".as_bytes());
    copy.extra = unicode_path(&gbk, file);
    copy.name = gbk;
    copy.flags = 0;
    let i = spelled.index(file);
    spelled.0.insert(i, copy);
    spelled.save(&zip);
    refused(dir.path(), &[&zip], &[at(&zip, &format!("重名：{file}（"))]);
}

/// An Info-ZIP Unicode Path field (0x7075) naming `name` for the name field `raw`.
fn unicode_path(raw: &[u8], name: &str) -> Vec<u8> {
    let mut b = 0x7075u16.to_le_bytes().to_vec();
    b.extend(((5 + name.len()) as u16).to_le_bytes());
    b.push(1);
    b.extend(crc32fast::hash(raw).to_le_bytes());
    b.extend(name.as_bytes());
    b
}

/// Files that make one volume each at `--max-size 300K` (each volume keeps 256 KB for its
/// tag files): `n` photos of 30 KB that do not compress.
fn photos(n: usize) -> Vec<(String, Vec<u8>)> {
    (0..n)
        .map(|i| {
            let mut x = 0x9E37_79B9u32 ^ i as u32;
            let bytes = (0..30_000)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x as u8
                })
                .collect();
            (format!("0{}/照片.jpg", i + 1), bytes)
        })
        .collect()
}

fn as_refs(files: &[(String, Vec<u8>)]) -> Vec<(&str, Vec<u8>)> {
    files.iter().map(|(p, c)| (p.as_str(), c.clone())).collect()
}

/// Issue 7: re-bundling to the same `-o` with fewer volumes left the earlier run's last volume
/// (`Bag-Count: 3 of 3` beside the new `of 2`), and verifying them together passed. Here the
/// stale volume is put there by hand, as `bundle` no longer leaves one.
#[test]
fn a_stale_volume_a_missing_one_and_a_repeated_one_fail_the_set() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (p3, p2) = (photos(3), photos(2));
    let three = bundle_of(dir.path(), &as_refs(&p3), "旧", &["--max-size", "300K"]);
    let two = bundle_of(dir.path(), &as_refs(&p2), "包", &["--max-size", "300K"]);
    assert_eq!((three.len(), two.len()), (3, 2), "{three:?} {two:?}");
    let stale = dir.path().join("in/包-03.zip");
    std::fs::copy(&three[2], &stale).expect("the stale volume");
    for v in &two {
        passes(v);
    }
    passes(&stale);
    let said = at(
        &stale,
        "分卷不成套：bag-info.txt 记为第 3 卷、共 3 卷，同时校验的其他分卷记共 2 卷",
    );
    let got = refused(dir.path(), &[&two[0], &two[1], &stale], &[said]);
    for v in &two {
        assert!(got.stdout.contains(&at(v, "校验通过")), "{}", got.stdout);
    }
    let missing = at(
        &three[0],
        "分卷不成套：同一套共 3 卷，这里没有可读的第 2 卷",
    );
    refused(dir.path(), &[&three[0], &three[2]], &[missing]);
    let again = at(
        &three[0],
        &format!("分卷不成套：与 {} 同为第 1 卷", three[0].display()),
    );
    refused(
        dir.path(),
        &[&three[0], &three[1], &three[2], &three[0]],
        &[again],
    );
}

/// The bytes of a raw deflate stream of `len` zeros.
fn deflated_zeros(len: usize) -> Vec<u8> {
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..len / chunk.len() {
        z.write_all(&chunk).expect("deflate");
    }
    z.finish().expect("deflate")
}

/// The CRC-32 and SHA-256 of `len` zeros.
fn zeros_digests(len: usize) -> (u32, String) {
    let (mut crc, mut sha) = (crc32fast::Hasher::new(), Sha256::new());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..len / chunk.len() {
        crc.update(&chunk);
        sha.update(&chunk);
    }
    (crc.finalize(), format!("{:x}", sha.finalize()))
}

/// Issue 17: an archive of 1 MB whose 5,000 directory records all point at one 1 GiB entry
/// (the manifest listing it) ran past 120 s on two cores: 5 TB to inflate. Overlapping entries
/// are refused before any is inflated.
#[test]
fn five_thousand_records_on_one_gigabyte_entry_are_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).expect("in");
    let zip = input.join("叠.zip");
    let giga = 1 << 30;
    let mut zero = Entry::stored("data/零.bin", b"");
    (zero.method, zero.data) = (8, deflated_zeros(giga));
    let (crc, sha) = zeros_digests(giga);
    (zero.crc, zero.size) = (crc, giga as u32);
    let listed = format!("{sha}  data/零.bin\n");
    let manifest = Entry::stored("manifest-sha256.txt", listed.as_bytes());
    let mut bytes = manifest.local();
    let mut central = manifest.central(0);
    let record = zero.central(bytes.len() as u32);
    bytes.extend(zero.local());
    for _ in 0..5000 {
        central.extend(&record);
    }
    let start = bytes.len();
    bytes.extend(&central);
    bytes.extend(end_record(5001, central.len(), start));
    std::fs::write(&zip, &bytes).expect("write");
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    let started = Instant::now();
    let said = at(
        &zip,
        "错误：无法读取压缩包：条目「data/零.bin」与前一个条目重叠",
    );
    refused(dir.path(), &[&zip], &[said]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

/// Issue 22: a folder given to verify was "unreadable, download it again".
#[test]
fn a_folder_is_named_as_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, _) = bundled(dir.path());
    let folder = zip.parent().expect("in/");
    let said = [
        at(folder, "错误：这是一个文件夹，不是压缩包"),
        format!(
            "提示：请给出其中的 .zip 文件，如 {}",
            folder.join("*.zip").display()
        ),
    ];
    let got = refused(dir.path(), &[folder], &said);
    assert!(!got.stderr.contains("重新下载"), "{}", got.stderr);
}

// ---------------------------------------------------------------------------------------
// More cases of the same families

/// Adds `entry` to the payload as a forger who knows BagIt would: listed in the manifest,
/// counted in Payload-Oxum, the tag manifest updated to match. Only what `entry` itself is
/// remains to be caught.
fn forge(bag: &mut Bag, entry: Entry) {
    let (name, content) = (entry.name(), entry.content());
    let at = bag.index("bagit.txt");
    bag.0.insert(at, entry);
    let manifest = format!(
        "{}{}  {name}\n",
        bag.text("manifest-sha256.txt"),
        hex(&content)
    );
    bag.put("manifest-sha256.txt", manifest.as_bytes());
    let info = bag.text("bag-info.txt");
    let (head, rest) = info.split_once("Payload-Oxum: ").expect("Payload-Oxum");
    let (oxum, tail) = rest.split_once('\n').expect("a line");
    let (bytes, files) = oxum.split_once('.').expect("bytes.files");
    let bytes: usize = bytes.parse::<usize>().expect("bytes") + content.len();
    let files: usize = files.parse::<usize>().expect("files") + 1;
    let info = format!("{head}Payload-Oxum: {bytes}.{files}\n{tail}");
    bag.put("bag-info.txt", info.as_bytes());
    for tag in ["manifest-sha256.txt", "bag-info.txt"] {
        let now = bag.text(tag).into_bytes();
        bag.relist("tagmanifest-sha256.txt", tag, Some(&now));
    }
}

/// Sets tag file `name` to `content` and the tag manifest to match.
fn retag(bag: &mut Bag, name: &str, content: &str) {
    bag.put(name, content.as_bytes());
    bag.relist("tagmanifest-sha256.txt", name, Some(content.as_bytes()));
}

/// A manifest line for a file the archive lacks and a payload file the manifest lacks, at
/// once: both named, neither hiding the other.
#[test]
fn a_file_missing_and_another_extra_at_once_are_both_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, mut bag) = bundled(dir.path());
    bag.remove(LOG);
    let extra = "data/01 理论学习/补充.txt";
    bag.0
        .insert(0, Entry::stored(extra, "补充材料\n".as_bytes()));
    bag.save(&zip);
    let said = [
        at(&zip, &format!("缺失：{LOG}\n")),
        at(&zip, &format!("多余：{extra}\n")),
    ];
    refused(dir.path(), &[&zip], &said);
}

/// A tag file the tag manifest lists but the archive lacks; a file outside data/ it does not
/// list; a BagIt tag file it leaves out.
#[test]
fn tag_files_missing_undeclared_or_left_out_of_the_tag_manifest_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let mut lacking = Bag(bag.0.clone());
    lacking.remove("材料目录.xlsx");
    lacking.save(&zip);
    refused(dir.path(), &[&zip], &[at(&zip, "缺失：材料目录.xlsx\n")]);

    let mut undeclared = Bag(bag.0.clone());
    undeclared.0.push(Entry::stored("说明.sh", b"echo hi\n"));
    undeclared.save(&zip);
    let said = at(
        &zip,
        "多余：说明.sh（不在 data/ 下，也不是 tagmanifest-sha256.txt 列出的标签文件）",
    );
    refused(dir.path(), &[&zip], &[said]);

    let mut uncovered = Bag(bag.0.clone());
    uncovered.relist("tagmanifest-sha256.txt", "bagit.txt", None);
    uncovered.save(&zip);
    refused(dir.path(), &[&zip], &[at(&zip, "未受校验：bagit.txt（")]);
}

/// Payload-Oxum with a wrong count; bag-info.txt gone (with its tag manifest line); bagit.txt
/// of another version. The tag manifest is made to match each time, so only BagIt's own rules
/// catch them.
#[test]
fn bag_info_and_bagit_txt_are_checked_against_the_payload_and_the_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let mut oxum = Bag(bag.0.clone());
    let info = oxum.text("bag-info.txt").replace(".3\n", ".4\n");
    retag(&mut oxum, "bag-info.txt", &info);
    oxum.save(&zip);
    let said = at(&zip, "bag-info.txt 有误：Payload-Oxum 记为 4 个文件共");
    refused(dir.path(), &[&zip], &[said]);

    let mut no_info = Bag(bag.0.clone());
    no_info.remove("bag-info.txt");
    no_info.relist("tagmanifest-sha256.txt", "bag-info.txt", None);
    no_info.save(&zip);
    refused(dir.path(), &[&zip], &[at(&zip, "缺失：bag-info.txt\n")]);

    let mut version = Bag(bag.0.clone());
    let text = "BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n";
    retag(&mut version, "bagit.txt", text);
    version.save(&zip);
    refused(
        dir.path(),
        &[&zip],
        &[at(&zip, "bagit.txt 有误：BagIt-Version 是「2.0」")],
    );
}

/// A manifest that lists one path twice, with two hashes (BagIt 1.0 forbids it: which holds?),
/// and one that lists a path outside data/.
#[test]
fn a_manifest_listing_a_path_twice_or_outside_the_payload_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let manifest = bag.text("manifest-sha256.txt");
    for (line, what) in [
        (
            format!("{}  {LOG}\n", hex(b"other")),
            format!("重复列出「{LOG}」"),
        ),
        (
            format!("{}  ../外面.txt\n", hex(b"x")),
            "列出的「../外面.txt」不在 data/ 下".into(),
        ),
    ] {
        let mut listed = Bag(bag.0.clone());
        retag(
            &mut listed,
            "manifest-sha256.txt",
            &format!("{manifest}{line}"),
        );
        listed.save(&zip);
        refused(
            dir.path(),
            &[&zip],
            &[at(&zip, &format!("manifest-sha256.txt 有误：{what}"))],
        );
    }
}

/// Names a forger lists properly that still do not extract as one file each: equal but for
/// case, a file's name used as a folder, a segment too long for any file system, a symbolic
/// link, a Unicode Path field naming another file than the name field.
#[test]
fn listed_names_that_do_not_extract_as_written_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let upper = LOG.replace(".txt", ".TXT");
    let inside = format!("{LOG}/里面.txt");
    let long = format!("data/01 理论学习/{}.txt", "长".repeat(90));
    let mut link = Entry::stored("data/01 理论学习/链接.txt", b"/etc/passwd");
    link.external = 0o120_777 << 16;
    let cases = [
        (
            Entry::stored(&upper, b"upper"),
            format!("名字冲突：{LOG} 与 {upper}（"),
        ),
        (
            Entry::stored(&inside, b"inside"),
            format!("名字冲突：{LOG} 是文件，而 {inside} 把它当作文件夹"),
        ),
        (
            Entry::stored(&long, b"long"),
            format!("名字不安全：{long}（有一段超过 255 字节"),
        ),
        (
            link,
            "不是普通文件：data/01 理论学习/链接.txt（符号链接".into(),
        ),
    ];
    for (entry, said) in cases {
        let mut forged = Bag(bag.0.clone());
        forge(&mut forged, entry);
        forged.save(&zip);
        refused(dir.path(), &[&zip], &[at(&zip, &said)]);
    }
    let mut two = Bag(bag.0.clone());
    let i = two.index(LIST);
    let other = "data/02 志愿服务/名单（改）.txt";
    two.0[i].extra = unicode_path(LIST.as_bytes(), other);
    two.save(&zip);
    let said = format!("名字有两种读法：{other}（名字字段是「{LIST}」");
    refused(dir.path(), &[&zip], &[at(&zip, &said)]);
}

/// Entries whose headers disagree or cannot be checked: the local header's name differs from
/// the directory's, a stored entry's two sizes differ, the encrypted flag.
#[test]
fn entries_whose_headers_disagree_or_are_encrypted_are_refused_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let mut bytes = zip_bytes(&bag.0);
    // The first local header's name starts at byte 30: `data/` becomes `Data/`.
    bytes[30] = b'D';
    std::fs::write(&zip, &bytes).expect("write");
    let said = format!(
        "错误：无法读取压缩包：条目「{}」的本地文件头与中央目录的名字不一致",
        bag.0[0].name()
    );
    refused(dir.path(), &[&zip], &[at(&zip, &said)]);

    let mut sizes = Bag(bag.0.clone());
    let i = sizes.index(LIST);
    sizes.0[i] = Entry::stored(LIST, &sizes.0[i].content());
    sizes.0[i].size += 1000;
    sizes.save(&zip);
    let said = format!("错误：无法读取压缩包：条目「{LIST}」是不压缩存放的，却记着压缩后");
    refused(dir.path(), &[&zip], &[at(&zip, &said)]);

    let mut locked = Bag(bag.0.clone());
    let i = locked.index(LIST);
    locked.0[i].flags |= 1;
    locked.save(&zip);
    let said = format!("错误：无法读取压缩包：条目「{LIST}」已加密，无法校验");
    refused(dir.path(), &[&zip], &[at(&zip, &said)]);
}

/// The end record counting one entry fewer than the directory holds (an extractor that reads
/// the directory to its end finds one more), or one more.
#[test]
fn an_end_record_that_miscounts_the_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let good = zip_bytes(&bag.0);
    let count_at = good.len() - 22 + 8;
    let n = u16_at(&good, count_at);
    for (count, said) in [
        (n - 1, "中央目录里的记录比结束记录所记的多"),
        (n + 1, "中央目录被截断，或记录数比结束记录所记的少"),
    ] {
        let mut bytes = good.clone();
        bytes[count_at..count_at + 2].copy_from_slice(&count.to_le_bytes());
        bytes[count_at + 2..count_at + 4].copy_from_slice(&count.to_le_bytes());
        std::fs::write(&zip, &bytes).expect("write");
        refused(
            dir.path(),
            &[&zip],
            &[at(&zip, &format!("错误：无法读取压缩包：{said}"))],
        );
    }
}

/// Bytes no entry owns, where a streaming extractor would find a local header the directory
/// does not list: at the start, between two entries, before the directory.
#[test]
fn a_local_header_hidden_outside_every_entry_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let hidden = Entry::stored("data/01 理论学习/藏.txt", b"hidden").local();
    let n = hidden.len();
    for (before, said) in [
        (0, format!("开头有 {n} 字节不属于任何条目")),
        (
            1,
            format!("条目「{}」之前有 {n} 字节不属于任何条目", bag.0[1].name()),
        ),
        (
            bag.0.len(),
            format!("最后一个条目与中央目录之间有 {n} 字节不属于任何条目"),
        ),
    ] {
        std::fs::write(&zip, zip_with_gap(&bag.0, before, &hidden)).expect("write");
        refused(
            dir.path(),
            &[&zip],
            &[at(&zip, &format!("错误：无法读取压缩包：{said}"))],
        );
    }
}

/// Sizes that lie: a ZIP64 field declaring a terabyte (for a payload file: damaged; for the
/// manifest: past the tag-file limit, refused before it is inflated), and a payload file that
/// declares 1 KiB but inflates to 256 MiB (inflated no further than 1 KiB and a byte).
#[test]
fn sizes_that_lie_are_damage_and_are_never_inflated_past() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let terabyte = |e: &mut Entry| {
        e.size = u32::MAX;
        e.extra = [1u16.to_le_bytes(), 8u16.to_le_bytes()].concat();
        e.extra.extend((1u64 << 40).to_le_bytes());
    };
    let mut payload = Bag(bag.0.clone());
    let i = payload.index(LIST);
    terabyte(&mut payload.0[i]);
    payload.save(&zip);
    refused(dir.path(), &[&zip], &[at(&zip, &format!("损坏：{LIST}\n"))]);
    let mut manifest = Bag(bag.0.clone());
    let i = manifest.index("manifest-sha256.txt");
    terabyte(&mut manifest.0[i]);
    manifest.save(&zip);
    let said = "错误：manifest-sha256.txt 解压后超过 64 MiB 的上限";
    refused(dir.path(), &[&zip], &[at(&zip, said)]);

    let mut bomb = Bag(bag.0.clone());
    let mut e = Entry::stored("data/01 理论学习/小.txt", &[0u8; 1024]);
    forge(&mut bomb, e.clone());
    (e.method, e.data) = (8, deflated_zeros(256 << 20));
    let i = bomb.index("data/01 理论学习/小.txt");
    bomb.0[i] = e;
    bomb.save(&zip);
    let started = Instant::now();
    refused(
        dir.path(),
        &[&zip],
        &[at(&zip, "损坏：data/01 理论学习/小.txt\n")],
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

/// Properties that hold: a bag rewritten with data descriptors (as streaming zip tools write)
/// and one rewritten by the `zip` crate still pass; a data descriptor that lies does not.
#[test]
fn bags_rewritten_by_other_writers_pass_and_a_lying_descriptor_does_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let mut described = Bag(bag.0.clone());
    for e in &mut described.0 {
        e.flags |= DESCRIPTOR;
    }
    described.save(&zip);
    passes(&zip);
    let mut bytes = zip_bytes(&described.0);
    let first = &described.0[0];
    let descriptor = 30 + first.name.len() + first.extra.len() + first.data.len();
    bytes[descriptor + 4] ^= 1;
    std::fs::write(&zip, &bytes).expect("write");
    let said = format!(
        "错误：无法读取压缩包：条目「{}」的数据描述符与中央目录记的 CRC 或大小不一致",
        first.name()
    );
    refused(dir.path(), &[&zip], &[at(&zip, &said)]);

    let mut z = zip::ZipWriter::new(std::fs::File::create(&zip).expect("create"));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for e in &bag.0 {
        z.start_file(e.name(), opts).expect("entry");
        z.write_all(&e.content()).expect("write");
    }
    z.finish().expect("finish");
    passes(&zip);
}

// ---------------------------------------------------------------------------------------
// Against bagit-python

/// The validators' Python, with bagit-python.
fn bagit_python() -> PathBuf {
    let python = common::python();
    let found = std::process::Command::new(&python)
        .args(["-c", "import bagit"])
        .status()
        .expect("python runs");
    assert!(
        found.success(),
        "bagit-python not found in {} — bash .ci/run installs it",
        python.display()
    );
    python
}

/// Writes every entry of `bag` below `to`, as an extractor would (the names here are safe).
fn extract(bag: &Bag, to: &Path) {
    for e in &bag.0 {
        let path = to.join(e.name());
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folders");
        std::fs::write(path, e.content()).expect("extract");
    }
}

/// Whether bagit-python finds the bag in `dir` valid.
fn bagit_python_accepts(python: &Path, dir: &Path) -> bool {
    std::process::Command::new(python)
        .args(["-m", "bagit", "--validate"])
        .arg(dir)
        .output()
        .expect("bagit-python runs")
        .status
        .success()
}

/// `bag` changed by `change`.
fn changed(bag: &Bag, change: impl FnOnce(&mut Bag)) -> Bag {
    let mut b = Bag(bag.0.clone());
    change(&mut b);
    b
}

/// Doctored bags BagIt finds valid: rewritten with data descriptors, and a payload file added
/// by a forger who updates every manifest (a bag carries no signature).
fn valid_cases(bag: &Bag) -> Vec<(&'static str, Bag)> {
    vec![
        ("untouched", changed(bag, |_| {})),
        (
            "rewritten with data descriptors",
            changed(bag, |b| b.0.iter_mut().for_each(|e| e.flags |= DESCRIPTOR)),
        ),
        (
            "a payload file added by a forger who updates every manifest",
            changed(bag, |b| forge(b, Entry::stored("data/补.txt", b"x"))),
        ),
    ]
}

/// Doctored bags BagIt finds invalid.
fn invalid_cases(bag: &Bag) -> Vec<(&'static str, Bag)> {
    let info = bag.text("bag-info.txt");
    let edited = info.replace("Bagging-Date: ", "Bagging-Date: 1");
    let miscounted = info.replace(".3\n", ".4\n");
    let version = "BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n";
    let manifest = bag.text("manifest-sha256.txt");
    let twice = format!("{manifest}{}  {LOG}\n", hex(b"y"));
    let outside = format!("{manifest}{}  ../外.txt\n", hex(b"y"));
    let forged = |b: &mut Bag| {
        b.put(LOG, b"forged");
        b.relist("manifest-sha256.txt", LOG, Some(b"forged"));
    };
    let swapped = |b: &mut Bag| {
        b.remove(LOG);
        b.0.insert(0, Entry::stored("data/多.txt", b"x"));
    };
    vec![
        (
            "a payload file changed with its manifest line",
            changed(bag, forged),
        ),
        (
            "bag-info.txt edited",
            changed(bag, |b| b.put("bag-info.txt", edited.as_bytes())),
        ),
        ("a file missing and another extra", changed(bag, swapped)),
        (
            "a listed tag file missing",
            changed(bag, |b| b.remove("材料目录.xlsx")),
        ),
        (
            "Payload-Oxum miscounting",
            changed(bag, |b| retag(b, "bag-info.txt", &miscounted)),
        ),
        (
            "bagit.txt of version 2.0",
            changed(bag, |b| retag(b, "bagit.txt", version)),
        ),
        (
            "a manifest listing a path twice",
            changed(bag, |b| retag(b, "manifest-sha256.txt", &twice)),
        ),
        (
            "a manifest listing a path outside the bag",
            changed(bag, |b| retag(b, "manifest-sha256.txt", &outside)),
        ),
    ]
}

/// Bags valid to BagIt that dossier refuses, as every bag it writes has what these lack: a
/// bag-info.txt with Payload-Oxum, a tag manifest that covers bagit.txt, only tag files the tag
/// manifest lists beside data/, names that extract apart on every system.
fn stricter_cases(bag: &Bag) -> Vec<(&'static str, Bag)> {
    let no_info = |b: &mut Bag| {
        b.remove("bag-info.txt");
        b.relist("tagmanifest-sha256.txt", "bag-info.txt", None);
    };
    let upper = Entry::stored(&LOG.replace(".txt", ".TXT"), b"x");
    vec![
        ("no bag-info.txt", changed(bag, no_info)),
        (
            "no tag manifest",
            changed(bag, |b| b.remove("tagmanifest-sha256.txt")),
        ),
        (
            "bagit.txt not in the tag manifest",
            changed(bag, |b| {
                b.relist("tagmanifest-sha256.txt", "bagit.txt", None)
            }),
        ),
        (
            "a file beside data/ no manifest lists",
            changed(bag, |b| b.0.push(Entry::stored("说明.sh", b"echo\n"))),
        ),
        (
            "names equal but for case",
            changed(bag, |b| forge(b, upper)),
        ),
    ]
}

/// bagit-python (the Library of Congress's BagIt validator), given each doctored bag
/// extracted, decides as `dossier verify` does on the archive; where dossier is stricter than
/// BagIt, it refuses what bagit-python accepts, as README says.
#[test]
#[ignore = "needs bagit-python — bash .ci/run installs it"]
fn bagit_python_agrees_on_the_doctored_bags() {
    let python = bagit_python();
    let dir = tempfile::tempdir().expect("temp dir");
    let (zip, bag) = bundled(dir.path());
    let decide = |n: usize, b: &Bag| {
        b.save(&zip);
        let ours = run(&["verify", s(&zip)]).code == Some(0);
        let extracted = dir.path().join(format!("x{n}"));
        extract(b, &extracted);
        (ours, bagit_python_accepts(&python, &extracted))
    };
    let agreed = [(true, valid_cases(&bag)), (false, invalid_cases(&bag))];
    for (n, (valid, (what, b))) in agreed
        .into_iter()
        .flat_map(|(valid, cases)| cases.into_iter().map(move |c| (valid, c)))
        .enumerate()
    {
        assert_eq!(
            decide(n, &b),
            (valid, valid),
            "{what}: (dossier, bagit-python)"
        );
    }
    for (n, (what, b)) in stricter_cases(&bag).into_iter().enumerate() {
        assert_eq!(
            decide(100 + n, &b),
            (false, true),
            "{what}: (dossier, bagit-python)"
        );
    }
}
