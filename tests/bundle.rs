//! Evidence bundles as an office makes them and a portal receives them: every file arrives
//! byte for byte under a name that opens everywhere, checked by other tools; volumes stand
//! alone; damage is named; nothing is left half-written.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{dossier, repo};

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// A hostile but real evidence tree: Chinese names, spaces, full-width punctuation, names
/// Windows cannot hold, names equal but for case, a 0-byte file, deep nesting, junk.
fn evidence_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut add = |rel: &str, bytes: Vec<u8>| {
        write(root, rel, &bytes);
        files.insert(rel.to_string(), bytes);
    };
    add(
        "01 理论学习/学习计划（2024年）.txt",
        "中心组学习计划\n".repeat(200).into_bytes(),
    );
    add(
        "01 理论学习/照片 一/现场 照片.jpg",
        (0..70_000u32).map(|i| (i * 7919 % 251) as u8).collect(),
    );
    add("01 理论学习/空白登记表.txt", Vec::new());
    add(
        "3、政务服务/办件台账：全年?.csv",
        "序号,事项\n1,办结\n".repeat(1000).into_bytes(),
    );
    add("3、政务服务/CON.txt", b"reserved name".to_vec());
    add("3、政务服务/结尾有点.", b"trailing dot".to_vec());
    add("其他/Report.TXT", b"upper".to_vec());
    add("其他/report.txt", b"lower".to_vec());
    add(
        "其他/甲/乙/丙/丁/戊/己/庚/辛/深层文件.txt",
        b"deep".to_vec(),
    );
    for junk in [
        "~$学习计划.docx",
        "Thumbs.db",
        ".DS_Store",
        "01 理论学习/desktop.ini",
    ] {
        write(root, junk, b"junk");
    }
    std::fs::create_dir_all(root.join("空的文件夹")).unwrap();
    files
}

/// The original name of each archived file, from the bag's 原始文件名.txt.
fn originals(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(dir.join("原始文件名.txt"))
        .unwrap()
        .lines()
        .map(|l| {
            let (a, o) = l.split_once('\t').unwrap();
            (a.to_string(), o.to_string())
        })
        .collect()
}

/// Every file extracted under `dir`, by its path below it.
fn extracted(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

fn bundle(evidence: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "bundle",
        evidence.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    dossier(&args)
}

/// The archives a successful bundle run names on stdout, in order.
fn archives_written(run: &std::process::Output) -> Vec<PathBuf> {
    String::from_utf8_lossy(&run.stdout)
        .lines()
        .map(PathBuf::from)
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect()
}

/// The names of the entries in `zip`, as the zip crate reads them.
fn entry_names(zip: &Path) -> Vec<String> {
    let z = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    z.file_names().map(|n| n.unwrap().into_owned()).collect()
}

/// Extracts `zip` with `tool` into a fresh folder and returns it.
fn extract(tool: &str, zip: &Path, into: &Path) -> PathBuf {
    std::fs::create_dir_all(into).unwrap();
    let out = match tool {
        "unzip" => Command::new(common::unzip())
            .arg("-q")
            .arg(zip)
            .arg("-d")
            .arg(into)
            .output(),
        _ => Command::new(common::sevenzip())
            .arg("x")
            .arg("-y")
            .arg(format!("-o{}", into.display()))
            .arg(zip)
            .output(),
    }
    .unwrap();
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    into.to_path_buf()
}

/// Bundles `evidence_tree` in `dir` into `out/材料包.zip`: the files put in the tree, the
/// archive and what the run printed on stderr.
fn bundled_tree(dir: &Path) -> (BTreeMap<String, Vec<u8>>, PathBuf, String) {
    let evidence = dir.join("佐证材料");
    let files = evidence_tree(&evidence);
    let zip = dir.join("out").join("材料包.zip");
    let run = bundle(&evidence, &zip, &[]);
    let err = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{err}");
    (files, zip, err)
}

#[test]
fn junk_and_empty_folders_are_reported_and_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let (_, zip, err) = bundled_tree(dir.path());
    for junk in [
        "~$学习计划.docx",
        "Thumbs.db",
        ".DS_Store",
        "01 理论学习/desktop.ini",
    ] {
        assert!(
            err.contains(&format!("{junk}: 系统或办公软件的临时文件")),
            "junk {junk} is listed: {err}"
        );
    }
    assert!(err.contains("空的文件夹: 空文件夹"), "{err}");
    let names = entry_names(&zip);
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Thumbs.db") || n.contains("空的文件夹")),
        "{names:?}"
    );
}

#[test]
#[ignore = "needs Info-ZIP unzip and 7-Zip — bash .ci/run installs them"]
fn every_file_arrives_intact_through_unzip_and_7z_with_safe_names() {
    let dir = tempfile::tempdir().unwrap();
    let (files, zip, _) = bundled_tree(dir.path());
    for tool in ["unzip", "7z"] {
        let out = extract(tool, &zip, &dir.path().join(tool));
        let got = extracted(&out);
        let names = originals(&out);
        let manifest = std::fs::read_to_string(out.join("manifest-sha256.txt")).unwrap();
        assert_eq!(
            names.len(),
            files.len(),
            "{tool}: every file is listed once"
        );
        for (archived, original) in &names {
            let bytes = got
                .get(archived)
                .unwrap_or_else(|| panic!("{tool}: {archived} was extracted"));
            assert_eq!(
                bytes, &files[original],
                "{tool}: {original} arrives byte for byte"
            );
            assert!(
                manifest.contains(&format!("  {archived}\n")),
                "{tool}: {archived} is in the manifest"
            );
            for part in archived.split('/') {
                assert!(
                    !part.chars().any(|c| "<>:\"\\|?*".contains(c)),
                    "{archived}: no character Windows forbids"
                );
                assert!(
                    !part.ends_with('.') && !part.ends_with(' '),
                    "{archived}: no trailing dot or space"
                );
                let stem = part.split('.').next().unwrap().to_uppercase();
                assert!(
                    !["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str()),
                    "{archived}: no device name"
                );
            }
            assert!(
                archived.encode_utf16().count() <= 200,
                "{archived}: short enough for Windows"
            );
        }
        let lower: Vec<String> = names.keys().map(|n| n.to_lowercase()).collect();
        let mut unique = lower.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            lower.len(),
            "{tool}: no two names differ only in case"
        );
        // The manifest checks out with a standard tool.
        let sum = Command::new("sha256sum")
            .args(["-c", "--quiet", "manifest-sha256.txt"])
            .current_dir(&out)
            .output()
            .unwrap();
        assert!(
            sum.status.success(),
            "{tool}: sha256sum -c: {}",
            String::from_utf8_lossy(&sum.stdout)
        );
    }
}

#[test]
fn with_a_scheme_folders_become_indicators_and_gaps_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("证据");
    evidence_tree(&evidence);
    let zip = dir.path().join("按指标.zip");
    let run = bundle(
        &evidence,
        &zip,
        &[
            "--scheme",
            repo().join("schemes/with-table.yaml").to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("其他: 不对应任何指标，已放入 未对应指标"),
        "{err}"
    );
    assert!(err.contains("31 项指标中 2 项有材料"), "{err}");
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("data/1 健全党委（党组）理论学习中心组学习制度/001-")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("data/3 ") && n.ends_with("-办件台账：全年_.csv")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.starts_with("data/未对应指标/其他/")),
        "{names:?}"
    );
    for tag in [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
        "材料目录.docx",
        "材料目录.xlsx",
    ] {
        assert!(names.iter().any(|n| n == tag), "{tag} is in the bag");
    }
    // The index names what is missing and who owes it.
    let mut xml = String::new();
    let mut docx = Vec::new();
    std::io::Read::read_to_end(&mut z.by_name("材料目录.docx").unwrap(), &mut docx).unwrap();
    let mut inner = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    std::io::Read::read_to_string(&mut inner.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(
        xml.contains("缺少材料的指标") && xml.contains("市委组织部、市纪委监委"),
        "missing indicators with their units"
    );
}

#[test]
#[ignore = "needs Info-ZIP unzip — bash .ci/run installs it"]
fn volumes_stand_alone_cover_everything_and_keep_to_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    let mut files = BTreeMap::new();
    for i in 0..12 {
        let bytes: Vec<u8> = (0..300_000u32)
            .map(|j| ((j * 31 + i * 17) % 256) as u8 ^ (j >> 8) as u8)
            .collect();
        let rel = format!("{:02} 指标{i}/扫描件{i}.pdf", i % 4 + 1);
        write(&evidence, &rel, &bytes);
        files.insert(rel, bytes);
    }
    let zip = dir.path().join("分卷.zip");
    let limit = 1_200_000u64;
    let run = bundle(&evidence, &zip, &["--max-size", "1200000"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let volumes = archives_written(&run);
    assert!(volumes.len() >= 3, "split into volumes: {volumes:?}");
    assert!(
        dir.path().join("分卷-总目录.xlsx").is_file(),
        "a master index says what lies where"
    );
    let mut union = BTreeMap::new();
    for (n, v) in volumes.iter().enumerate() {
        assert!(
            std::fs::metadata(v).unwrap().len() <= limit,
            "{} keeps to the limit",
            v.display()
        );
        let out = extract("unzip", v, &dir.path().join(format!("v{n}")));
        let got = extracted(&out);
        let info = std::fs::read_to_string(out.join("bag-info.txt")).unwrap();
        assert!(
            info.contains(&format!("Bag-Count: {} of {}", n + 1, volumes.len())),
            "{info}"
        );
        let verify = dossier(&["verify", v.to_str().unwrap()]);
        assert!(verify.status.success(), "each volume verifies alone");
        for (archived, original) in originals(&out) {
            assert!(
                union.insert(original, got[&archived].clone()).is_none(),
                "a file is in one volume only"
            );
        }
    }
    assert_eq!(union, files, "the volumes together hold exactly the input");
}

#[test]
fn a_file_larger_than_a_volume_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    write(&evidence, "01 指标/大文件.mp4", &vec![7u8; 3_000_000]);
    write(&evidence, "02 指标/小文件.txt", b"small");
    let zip = dir.path().join("out").join("包.zip");
    let run = bundle(&evidence, &zip, &["--max-size", "1M"]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("大文件.mp4: 错误：这个文件有 2.9 MB，比每卷上限 1.0 MB 还大"),
        "{err}"
    );
    assert!(
        !dir.path().join("out").exists()
            || std::fs::read_dir(dir.path().join("out")).unwrap().count() == 0,
        "nothing written"
    );
}

#[test]
fn a_flipped_byte_is_named_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    evidence_tree(&evidence);
    let zip = dir.path().join("包.zip");
    assert!(bundle(&evidence, &zip, &[]).status.success());
    let ok = dossier(&["verify", zip.to_str().unwrap()]);
    assert!(ok.status.success());
    assert!(String::from_utf8_lossy(&ok.stdout).contains("校验通过，9 个文件完好"));
    // Flip one byte inside the stored photo's data.
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let (name, start) = {
        let f = z.by_name("data/01 理论学习/照片 一/现场 照片.jpg").unwrap();
        (f.name().unwrap().to_string(), f.data_start().unwrap())
    };
    let mut bytes = std::fs::read(&zip).unwrap();
    bytes[start as usize + 1000] ^= 0x55;
    std::fs::write(&zip, &bytes).unwrap();
    let bad = dossier(&["verify", zip.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains(&format!("损坏：{name}")), "{err}");
}

#[test]
fn two_bundles_of_the_same_tree_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    evidence_tree(&evidence);
    let a = dir.path().join("a.zip");
    let b = dir.path().join("b.zip");
    assert!(bundle(&evidence, &a, &[]).status.success());
    assert!(bundle(&evidence, &b, &[]).status.success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
#[ignore = "needs 7-Zip — bash .ci/run installs it"]
fn gbk_names_carry_the_unicode_path_for_extractors_that_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    write(&evidence, "01 理论学习/学习计划（全年）.txt", b"plan");
    let zip = dir.path().join("gbk.zip");
    assert!(
        bundle(&evidence, &zip, &["--name-encoding", "gbk"])
            .status
            .success()
    );
    let out = extract("7z", &zip, &dir.path().join("x"));
    assert!(
        out.join("data/01 理论学习/001-学习计划（全年）.txt")
            .is_file()
            || extracted(&out)
                .keys()
                .any(|k| k.ends_with("学习计划（全年）.txt"))
    );
    assert!(dossier(&["verify", zip.to_str().unwrap()]).status.success());
}

#[test]
fn symlinks_stay_inside_the_folder_and_special_files_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    write(&evidence, "01 指标/原件.txt", b"original");
    std::os::unix::fs::symlink(
        evidence.join("01 指标/原件.txt"),
        evidence.join("01 指标/链接.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/etc/hostname", evidence.join("01 指标/外部.txt")).unwrap();
    std::os::unix::fs::symlink("..", evidence.join("01 指标/上级")).unwrap();
    std::os::unix::fs::symlink(evidence.join("不存在"), evidence.join("01 指标/断链")).unwrap();
    let fifo = evidence.join("01 指标/管道");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let zip = dir.path().join("l.zip");
    let run = bundle(&evidence, &zip, &[]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("01 指标/外部.txt: 链接指向证据文件夹之外，未跟随"),
        "{err}"
    );
    assert!(
        err.contains("01 指标/上级: 链接指回它所在的上级文件夹（循环），未跟随"),
        "{err}"
    );
    assert!(err.contains("01 指标/断链: 链接指向的文件不存在"), "{err}");
    assert!(err.contains("01 指标/管道: 不是普通文件"), "{err}");
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert!(
        names.contains(&"data/01 指标/链接.txt".to_string()),
        "a link inside is packed under its own name: {names:?}"
    );
    assert_eq!(names.iter().filter(|n| n.starts_with("data/")).count(), 2);
}

#[test]
fn a_file_that_cannot_be_read_stops_the_bundle_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    write(&evidence, "01 指标/可读.txt", b"ok");
    write(&evidence, "01 指标/不可读.txt", b"secret");
    let locked = evidence.join("01 指标/不可读.txt");
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    // Root reads anything, so as root the bundler runs as nobody.
    let as_root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let mut cmd = if as_root {
        for p in [dir.path(), &evidence, &evidence.join("01 指标"), &out_dir] {
            std::fs::set_permissions(p, std::os::unix::fs::PermissionsExt::from_mode(0o777))
                .unwrap();
        }
        std::fs::set_permissions(
            evidence.join("01 指标/可读.txt"),
            std::os::unix::fs::PermissionsExt::from_mode(0o644),
        )
        .unwrap();
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_dossier"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
    };
    let run = cmd
        .args([
            "bundle",
            evidence.to_str().unwrap(),
            "-o",
            out_dir.join("包.zip").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("不可读.txt: 错误：无法读取：没有读取权限"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(&out_dir).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn a_file_changing_while_it_is_read_fails_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    write(
        &evidence,
        "01 指标/增长中.log",
        &vec![b'x'; 64 * 1024 * 1024],
    );
    let growing = evidence.join("01 指标/增长中.log");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let s = stop.clone();
    let g = growing.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().append(true).open(g).unwrap();
        while !s.load(std::sync::atomic::Ordering::Relaxed) {
            f.write_all(&[b'y'; 4096]).unwrap();
            std::thread::yield_now();
        }
    });
    let out_dir = dir.path().join("out");
    let run = bundle(&evidence, &out_dir.join("包.zip"), &[]);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("增长中.log: 错误：文件在打包过程中被修改了"),
        "{err}"
    );
    assert!(
        !out_dir.join("包.zip").exists(),
        "nothing at the target path"
    );
}

#[test]
fn a_killed_bundle_leaves_nothing_at_the_target_path() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    for i in 0..40 {
        write(
            &evidence,
            &format!("01 指标/文件{i}.txt"),
            &vec![b'a' + (i % 26) as u8; 8 * 1024 * 1024],
        );
    }
    let target = dir.path().join("包.zip");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "bundle",
            evidence.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Kill it once it has started writing.
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(20) {
        let temp = std::fs::read_dir(dir.path()).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".dossier-")
        });
        if temp {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!target.exists(), "nothing at the target path");
}

#[test]
fn each_volume_reports_the_whole_submissions_gaps() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    for i in 1..=3 {
        let bytes: Vec<u8> = (0..400_000u32)
            .map(|j| (j.wrapping_mul(2_654_435_761) >> 24) as u8 ^ i as u8)
            .collect();
        write(&evidence, &format!("{i:02} 指标/扫描件.pdf"), &bytes);
    }
    let zip = dir.path().join("卷.zip");
    let scheme = repo().join("schemes/with-table.yaml");
    let run = bundle(
        &evidence,
        &zip,
        &["--scheme", scheme.to_str().unwrap(), "--max-size", "700000"],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let volumes = archives_written(&run);
    assert_eq!(volumes.len(), 3, "one indicator per volume");
    for v in &volumes {
        let mut z = zip::ZipArchive::new(std::fs::File::open(v).unwrap()).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut z.by_name("材料目录.xlsx").unwrap(), &mut bytes).unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let missing = book.worksheet_range("缺少材料").unwrap();
        assert_eq!(
            missing.height() - 1,
            28,
            "{}: the 28 indicators with no evidence in any volume",
            v.display()
        );
    }
}

#[test]
#[ignore = "needs Info-ZIP unzip — bash .ci/run installs it"]
fn store_leaves_every_file_uncompressed_and_intact() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("ev");
    let files = evidence_tree(&evidence);
    let zip = dir.path().join("stored.zip");
    assert!(bundle(&evidence, &zip, &["--store"]).status.success());
    // `unzip -v`: one line per entry, its method in the second column.
    let listing = Command::new(common::unzip())
        .arg("-v")
        .arg(&zip)
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    let methods: Vec<(&str, &str)> = listing
        .lines()
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let name = l.find(" data/").map(|at| &l[at + 1..])?;
            Some((name, *cols.get(1)?))
        })
        .collect();
    assert_eq!(methods.len(), files.len(), "{listing}");
    for (name, method) in &methods {
        assert_eq!(*method, "Stored", "{name}");
    }
    let back = extracted(&extract("unzip", &zip, &dir.path().join("x")).join("data"));
    assert_eq!(
        back.values().collect::<Vec<_>>(),
        files.values().collect::<Vec<_>>()
    );
    assert!(dossier(&["verify", zip.to_str().unwrap()]).status.success());
}

/// Every file under `root`, by path below it, with its bytes.
fn tree_bytes(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Bundles `samples/佐证材料` against `schemes/with-table.yaml` into `提交/材料包.zip` in
/// `dir`: the sample's files before the run, the archive and what the run printed on stderr.
fn bundled_sample(dir: &Path) -> (BTreeMap<String, Vec<u8>>, PathBuf, String) {
    let sample = repo().join("samples/佐证材料");
    let before = tree_bytes(&sample);
    let out = dir.join("提交/材料包.zip");
    let scheme = repo().join("schemes/with-table.yaml");
    let run = bundle(&sample, &out, &["--scheme", scheme.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    assert_eq!(archives_written(&run), std::slice::from_ref(&out));
    (before, out, stderr)
}

#[test]
fn the_bundled_sample_evidence_packs_as_the_readme_shows() {
    let dir = tempfile::tempdir().unwrap();
    let (before, out, stderr) = bundled_sample(dir.path());
    // The folders matched by their numbers, the one matching nothing kept apart, junk left out.
    assert!(stderr.contains("31 项指标中 3 项有材料"), "{stderr}");
    assert!(stderr.contains("其他材料: 不对应任何指标"), "{stderr}");
    assert!(
        stderr.contains("Thumbs.db: 系统或办公软件的临时文件"),
        "{stderr}"
    );
    let data: Vec<String> = entry_names(&out)
        .into_iter()
        .filter(|n| n.starts_with("data/"))
        .collect();
    assert_eq!(data.len(), 5, "{data:?}");
    let check = dossier(&["verify", out.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // The sample is only read.
    assert_eq!(tree_bytes(&repo().join("samples/佐证材料")), before);
}

#[test]
#[ignore = "needs Info-ZIP unzip — bash .ci/run installs it"]
fn the_bundled_sample_evidence_unzips_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (before, out, _) = bundled_sample(dir.path());
    let unpacked = extract("unzip", &out, &dir.path().join("x"));
    let names = originals(&unpacked);
    assert_eq!(names.len(), 5, "{names:?}");
    for (archived, original) in &names {
        assert_eq!(
            std::fs::read(unpacked.join(archived)).unwrap(),
            before[original.as_str()],
            "{archived}"
        );
    }
    assert!(names.contains_key("data/2 开展党员干部理想信念和职业道德教育/001-年度教育方案.pdf"));
}

#[test]
fn a_percent_sign_in_a_name_is_encoded_in_the_manifest_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("证据");
    write(&evidence, "01 指标/完成率95%.txt", b"95%");
    let out = dir.path().join("包.zip");
    let run = bundle(&evidence, &out, &[]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let file = std::fs::File::open(&out).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut manifest = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("manifest-sha256.txt").unwrap(),
        &mut manifest,
    )
    .unwrap();
    // RFC 8493 §2.1.3: a `%` in a manifest path is written `%25`.
    assert!(manifest.contains("完成率95%25.txt"), "{manifest}");
    assert!(zip.by_name("data/01 指标/完成率95%.txt").is_ok());
    let verified = dossier(&["verify", &out.to_string_lossy()]);
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );
}
