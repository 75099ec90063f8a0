//! The hostile corpus, names in bundles: long chains of long folders stay within the path rule
//! with each file's own name kept whole, and names that are not UTF-8 (GBK from an old Windows
//! share) are read as GBK with the original bytes kept exactly in 原始文件名.txt. Each case
//! checks the exit code, the names read back from the archive, that `verify` passes it, that
//! nothing is left beside the target and that no input changed.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use common::{digest, run, s};

fn write(root: &Path, rel: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, rel.as_bytes()).expect("write");
}

/// Bundles `evidence` into `out` with `extra` arguments and returns the archive's entries with
/// its 原始文件名.txt, after checking the run, `verify`, the target's folder and the input.
fn bundled(evidence: &Path, out: &Path, extra: &[&str]) -> (Vec<String>, String) {
    let before = digest(evidence);
    let mut args = vec!["bundle", s(evidence), "-o", s(out)];
    args.extend(extra);
    let got = run(&args);
    assert_eq!(got.code, Some(0), "bundle: {}", got.stderr);
    assert_eq!(digest(evidence), before, "the evidence folder is unchanged");
    let beside: Vec<String> = std::fs::read_dir(out.parent().expect("parent"))
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dossier-"))
        .collect();
    assert!(
        beside.is_empty(),
        "nothing left beside the target: {beside:?}"
    );
    let verified = run(&["verify", s(out)]);
    assert_eq!(verified.code, Some(0), "verify: {}", verified.stderr);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(out).expect("open")).expect("zip");
    let names = zip
        .file_names()
        .map(|n| n.expect("name").into_owned())
        .collect();
    let mut listing = String::new();
    zip.by_name("原始文件名.txt")
        .expect("原始文件名.txt")
        .read_to_string(&mut listing)
        .expect("read");
    (names, listing)
}

/// 原始文件名.txt as archived path → original path.
fn originals(listing: &str) -> BTreeMap<&str, &str> {
    listing
        .lines()
        .map(|l| l.split_once('\t').expect("path TAB original"))
        .collect()
}

/// Every payload entry within the path rule: 200 UTF-16 units, 255 bytes a name.
fn within_rule(names: &[String]) {
    for name in names.iter().filter(|n| n.starts_with("data/")) {
        assert!(name.encode_utf16().count() <= 200, "{name} is too long");
        assert!(name.split('/').all(|p| p.len() <= 255), "{name}");
    }
}

/// A chain of `depth` folders of some 26 characters each, as offices name them.
fn chain(depth: usize) -> String {
    (1..=depth)
        .map(|i| format!("第{i}部分关于深入开展文明城市创建工作的材料汇编"))
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn a_long_folder_chain_keeps_every_path_within_the_rule_and_each_file_name_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let evidence = dir.path().join("佐证材料");
    // The two cases found: entries of 222 and 416 characters.
    let files = [
        format!("其他/{}/会议签到表.pdf", chain(7)),
        format!("其他/{}/劝导现场照片（三月五日上午）.jpg", chain(15)),
        format!("其他/{}/劝导现场照片（三月五日下午）.jpg", chain(15)),
        "其他/短路径/记录.txt".to_string(),
    ];
    for f in &files {
        write(&evidence, f);
    }
    let out = dir.path().join("out").join("材料包.zip");
    std::fs::create_dir_all(out.parent().expect("parent")).expect("mkdir");
    let (names, listing) = bundled(&evidence, &out, &[]);
    within_rule(&names);
    let originals = originals(&listing);
    assert_eq!(originals.len(), files.len(), "{listing}");
    for f in &files {
        let (archived, _) = originals
            .iter()
            .find(|(_, o)| **o == f.as_str())
            .unwrap_or_else(|| panic!("{f} is listed: {listing}"));
        let own = f.rsplit('/').next().expect("name");
        assert!(archived.ends_with(own), "{archived} keeps {own} whole");
        assert!(names.iter().any(|n| n == archived), "{archived} is packed");
    }
    assert!(
        originals.contains_key("data/其他/短路径/记录.txt"),
        "{listing}"
    );
}

#[test]
fn in_an_indicator_folder_the_folded_folders_are_cut_before_the_file_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let evidence = dir.path().join("佐证材料");
    let file = format!("01 学习/{}/中心组学习研讨发言材料汇编.docx", chain(6));
    write(&evidence, &file);
    let out = dir.path().join("材料包.zip");
    let scheme = common::repo().join("schemes/with-table.yaml");
    let (names, listing) = bundled(&evidence, &out, &["--scheme", s(&scheme)]);
    within_rule(&names);
    let (archived, original) = listing
        .lines()
        .next()
        .and_then(|l| l.split_once('\t'))
        .expect("one line");
    assert_eq!(original, file);
    assert!(
        archived.starts_with("data/1 ") && archived.contains("/001-第1部分"),
        "{archived}"
    );
    assert!(
        archived.ends_with("…_中心组学习研讨发言材料汇编.docx"),
        "{archived}"
    );
}

/// The bytes an escaped name in 原始文件名.txt stands for: `\xNN` a byte, `\\` a backslash.
fn unescaped(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('\\') {
            out.push(b'\\');
            rest = tail;
        } else {
            let hex = after.get(1..3).expect("\\xNN");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            rest = &after[3..];
        }
    }
    out.extend_from_slice(rest.as_bytes());
    out
}

#[cfg(unix)]
#[test]
fn gbk_names_are_read_as_gbk_and_kept_byte_for_byte_in_the_listing() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let evidence = dir.path().join("佐证材料");
    let gbk = |t: &str| encoding_rs::GBK.encode(t).0.into_owned();
    let folder = evidence.join(std::ffi::OsStr::from_bytes(&gbk("学习资料")));
    std::fs::create_dir_all(&folder).expect("mkdir");
    let raw_names = [
        gbk("会议记录.pdf"),
        b"\xff\xfe\x80.txt".to_vec(),
        b"back\\slash.txt".to_vec(),
    ];
    for raw in &raw_names {
        std::fs::write(folder.join(std::ffi::OsStr::from_bytes(raw)), raw).expect("write");
    }
    let out = dir.path().join("材料包.zip");
    let (names, listing) = bundled(&evidence, &out, &[]);
    assert!(
        names.iter().any(|n| n == "data/学习资料/会议记录.pdf"),
        "{names:?}"
    );
    assert!(
        !names
            .iter()
            .any(|n| n.contains("学习资料/") && n.contains('\u{fffd}') && n.ends_with(".pdf")),
        "{names:?}"
    );
    let originals = originals(&listing);
    let exact: Vec<Vec<u8>> = originals.values().map(|o| unescaped(o)).collect();
    for raw in &raw_names {
        let mut path = gbk("学习资料");
        path.push(b'/');
        path.extend_from_slice(raw);
        assert!(exact.contains(&path), "{raw:?} kept exactly in {listing}");
    }
    assert_eq!(
        originals.get("data/学习资料/会议记录.pdf"),
        Some(&r"\xD1\xA7\xCF\xB0\xD7\xCA\xC1\xCF/\xBB\xE1\xD2\xE9\xBC\xC7\xC2\xBC.pdf")
    );
}
