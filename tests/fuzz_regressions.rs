//! Inputs the fuzz targets (fuzz/) found to crash, hang or exhaust memory, kept in
//! tests/fuzz_regressions/ and fed through the command line: each must now be refused with
//! exit code 1 and a Chinese message naming its place, never a panic report or an abort.

mod common;

use std::path::PathBuf;

fn input(name: &str) -> PathBuf {
    common::repo().join("tests/fuzz_regressions").join(name)
}

/// Runs `dossier import` on the input `name` and checks it is refused as bad input with
/// `message` on stderr, at `place` (the file itself when `None`).
fn refused(name: &str, place: Option<&str>, message: &str) {
    let path = input(name);
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = out_dir.path().join("tasks.yaml");
    let run = common::dossier(&[
        "import",
        &path.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run.status.code(),
        Some(1),
        "{name}: exit code; stderr: {stderr}"
    );
    let place = place.map_or_else(|| path.display().to_string(), str::to_string);
    assert!(
        stderr.starts_with(&format!("{place}: 错误：")),
        "{name}: the message names {place}; stderr: {stderr}"
    );
    assert!(
        stderr.contains(message),
        "{name}: says {message}; stderr: {stderr}"
    );
    assert!(
        stderr.contains("提示："),
        "{name}: gives a hint; stderr: {stderr}"
    );
    for crash in ["内部错误", "panicked", "memory allocation"] {
        assert!(
            !stderr.contains(crash),
            "{name}: no crash report; stderr: {stderr}"
        );
    }
    assert!(!out.exists(), "{name}: nothing is written");
}

const DAMAGED: &str = "无法打开表格：文件已损坏，其中的结构不完整或自相矛盾";

/// calamine sliced past the end of a compound file whose sector lies beyond the file.
#[test]
fn xls_sector_past_end_is_a_damaged_file() {
    refused("xls_sector_past_end.xls", None, DAMAGED);
}

/// calamine asserted on a string record shorter than its header.
#[test]
fn xls_short_string_record_is_a_damaged_file() {
    refused("xls_short_string_record.xls", None, DAMAGED);
}

/// calamine overflowed on a sheet offset past the workbook stream.
#[test]
fn xls_sheet_offset_overflow_is_a_damaged_file() {
    refused("xls_sheet_offset_overflow.xls", None, DAMAGED);
}

/// A cell in column 32,518 made calamine allocate a 43 GB grid, which aborted dossier.
#[test]
fn xls_far_column_is_refused_at_its_cell() {
    refused(
        "xls_far_column.xls",
        Some("分解表!AVBR25"),
        "工作表用到了第 25 行第 32518 列，超过 65536 行、128 列的上限",
    );
}

/// The directory's sector chain points back to itself: calamine followed it until memory ran
/// out.
#[test]
fn xls_sector_loop_is_a_damaged_file() {
    refused(
        "xls_sector_loop.xls",
        None,
        "无法打开表格：文件已损坏（扇区链首尾相接，成了循环）",
    );
}

/// The same compound file named .xlsx: calamine's .xlsx reader opens a compound file to look
/// for an encrypted package, and followed the loop there.
#[test]
fn compound_file_named_xlsx_with_a_sector_loop_is_a_damaged_file() {
    refused(
        "cfb_sector_loop.xlsx",
        None,
        "无法打开表格：文件已损坏（扇区链首尾相接，成了循环）",
    );
}

/// A DIMENSIONS record claiming 4 billion rows: calamine reserved room for all of them.
#[test]
fn xls_huge_dimensions_is_a_damaged_file() {
    refused(
        "xls_huge_dimensions.xls",
        None,
        "DIMENSIONS 记录声称的单元格比 .xls 格式能容纳的 65536 行 × 256 列还多",
    );
}

/// The inputs derived from the sample differ from it only where the test says, so the sample
/// itself still imports: the checks refuse the damage, not the format.
#[test]
fn the_sample_xls_still_imports() {
    let run = common::dossier(&[
        "import",
        &common::repo().join("samples/分解表.xls").to_string_lossy(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("tasks:"));
}

/// A little-endian record: type, length, data.
fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// An .xls (BIFF8 in a version-3 compound file of 512-byte sectors) whose one sheet has
/// `cells` cells, all using one shared string of 65,535 characters.
fn shared_string_xls(cells: u32) -> Vec<u8> {
    let mut globals = biff(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]);
    let sheet_at = globals.len();
    // BOUNDSHEET: its offset (filled in below), visible worksheet, the name 分解表 in UTF-16.
    let mut bound = vec![0, 0, 0, 0, 0, 0, 3, 1];
    bound.extend("分解表".encode_utf16().flat_map(u16::to_le_bytes));
    globals.extend(biff(0x0085, &bound));
    // SST: one string of 65,535 one-byte characters, carried on in CONTINUE records.
    let mut sst = vec![1, 0, 0, 0, 1, 0, 0, 0];
    sst.extend(65_535u16.to_le_bytes());
    sst.push(0);
    let mut chars = vec![b'a'; 65_535];
    let first = 8_224 - sst.len();
    sst.extend(chars.drain(..first));
    globals.extend(biff(0x00FC, &sst));
    while !chars.is_empty() {
        let mut part = vec![0];
        part.extend(chars.drain(..chars.len().min(8_223)));
        globals.extend(biff(0x003C, &part));
    }
    globals.extend(biff(0x000A, &[]));
    let mut stream = globals;
    let sheet_pos = stream.len() as u32;
    stream[sheet_at + 4..sheet_at + 8].copy_from_slice(&sheet_pos.to_le_bytes());
    stream.extend(biff(0x0809, &[0, 6, 0x10, 0, 0, 0, 0, 0]));
    for i in 0..cells {
        let mut cell = ((i / 100) as u16).to_le_bytes().to_vec();
        cell.extend(((i % 100) as u16).to_le_bytes());
        cell.extend([0, 0, 0, 0, 0, 0]);
        stream.extend(biff(0x00FD, &cell));
    }
    stream.extend(biff(0x000A, &[]));
    stream.resize(stream.len().div_ceil(512) * 512, 0);

    // Sectors: the stream, then the directory, then the FAT.
    let data = stream.len() / 512;
    let fat_sectors = (data + 1).div_ceil(127);
    let dir = data;
    let mut fat: Vec<u32> = (1..=data as u32).collect();
    fat[data - 1] = 0xFFFF_FFFE;
    fat.push(0xFFFF_FFFE);
    fat.extend(std::iter::repeat_n(0xFFFF_FFFD, fat_sectors));
    fat.resize(fat_sectors * 128, 0xFFFF_FFFF);
    assert!(
        fat_sectors <= 109,
        "the header's DIFAT holds every FAT sector"
    );

    let mut header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    header.resize(24, 0);
    header.extend([0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6, 0]);
    header.resize(44, 0);
    header.extend((fat_sectors as u32).to_le_bytes());
    header.extend((dir as u32).to_le_bytes());
    header.extend([0; 4]);
    header.extend(4096u32.to_le_bytes());
    header.extend(0xFFFF_FFFEu32.to_le_bytes());
    header.extend([0; 4]);
    header.extend(0xFFFF_FFFEu32.to_le_bytes());
    header.extend([0; 4]);
    for i in 0..109 {
        let id = if i < fat_sectors {
            (dir + 1 + i) as u32
        } else {
            u32::MAX
        };
        header.extend(id.to_le_bytes());
    }

    let entry = |name: &str, kind: u8, start: u32, len: u32| {
        let mut e: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        e.extend([0, 0]);
        let name_len = e.len() as u16;
        e.resize(64, 0);
        e.extend(name_len.to_le_bytes());
        e.extend([kind, 1]);
        e.extend(u32::MAX.to_le_bytes());
        e.extend(u32::MAX.to_le_bytes());
        e.extend(if kind == 5 { 1u32 } else { u32::MAX }.to_le_bytes());
        e.resize(116, 0);
        e.extend(start.to_le_bytes());
        e.extend(len.to_le_bytes());
        e.resize(128, 0);
        e
    };
    let mut file = header;
    file.extend(stream);
    file.extend(entry("Root Entry", 5, 0xFFFF_FFFE, 0));
    file.extend(entry("Workbook", 2, 0, (data * 512) as u32));
    file.resize(file.len() + 256, 0);
    file.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    file
}

/// Every cell using one 65,535-character shared string: calamine gives each its own copy, so
/// 20,000 cells took 1.3 GB and a 5 MB file could take more memory than the machine has.
#[test]
fn xls_copies_of_a_long_shared_string_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("copies.xls");
    std::fs::write(&path, shared_string_xls(20_000)).expect("write the .xls");
    let run = common::dossier(&["import", &path.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("单元格引用的共享文字合计可达 7499 MiB，超过 1024 MiB 的上限"),
        "{stderr}"
    );
}

/// The same workbook with a few cells is read: the shared string is the sheet's text.
#[test]
fn xls_with_a_few_copies_of_a_long_shared_string_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("few.xls");
    std::fs::write(&path, shared_string_xls(3)).expect("write the .xls");
    let mut book = calamine::open_workbook_auto(&path).expect("calamine reads the generated .xls");
    use calamine::Reader;
    let sheet = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("its cells");
    assert_eq!(sheet.used_cells().count(), 3);
    assert!(
        sheet
            .used_cells()
            .all(|(_, _, v)| v.to_string().len() == 65_535)
    );
}

/// `dossier verify` stopped at the first archive it could not read, so a damaged volume hid
/// whether the volumes after it were whole (seen making the verify target's seed corpus).
#[test]
fn verify_goes_on_past_an_unreadable_archive() {
    let dir = tempfile::tempdir().expect("temp dir");
    let evidence = dir.path().join("佐证材料");
    std::fs::create_dir_all(evidence.join("01 理论学习")).expect("evidence folder");
    std::fs::write(evidence.join("01 理论学习/学习记录.txt"), "学习记录\n").expect("a file");
    let good = dir.path().join("good.zip");
    let bundled = common::dossier(&[
        "bundle",
        &evidence.to_string_lossy(),
        "-o",
        &good.to_string_lossy(),
    ]);
    assert!(
        bundled.status.success(),
        "{}",
        String::from_utf8_lossy(&bundled.stderr)
    );
    let bytes = std::fs::read(&good).expect("the archive");
    let cut = dir.path().join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("a truncated copy");

    let run = common::dossier(&["verify", &cut.to_string_lossy(), &good.to_string_lossy()]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr),
    );
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!("{}: 错误：", cut.display())),
        "the unreadable archive is named first: {stderr}"
    );
    assert!(
        stdout.contains(&format!("{}: 校验通过，1 个文件完好", good.display())),
        "the whole archive after it is still checked: {stdout}"
    );
    assert!(stderr.contains("错误：1 个压缩包未通过校验"), "{stderr}");
}

/// Runs dossier with `args`, failing the test if it has not finished within 20 seconds.
fn dossier_within(args: &[&str]) -> std::process::Output {
    common::dossier_within(args, std::time::Duration::from_secs(20))
}

/// A named pipe given as a sheet (directly, or as a scheme's `tasks: file:`) or as an archive
/// made dossier wait forever for a writer (seen while choosing the scheme target's inputs).
#[test]
fn named_pipes_are_refused_not_waited_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = dir.path().join("分解表.xlsx");
    let archive = dir.path().join("材料包.zip");
    for pipe in [&sheet, &archive] {
        let made = std::process::Command::new("mkfifo")
            .arg(pipe)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo {}", pipe.display());
    }
    let scheme = dir.path().join("方案.yaml");
    std::fs::write(
        &scheme,
        "scheme:\n  title: 方案\ntasks:\n  file: 分解表.xlsx\n",
    )
    .expect("scheme file");
    for args in [
        vec!["import", sheet.to_str().expect("UTF-8 path")],
        vec!["check", scheme.to_str().expect("UTF-8 path")],
        vec!["verify", archive.to_str().expect("UTF-8 path")],
    ] {
        let run = dossier_within(&args);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("这不是普通文件，而是管道、套接字或设备"),
            "{args:?}: {stderr}"
        );
    }
}

/// With `--max-size` under the room a volume keeps for its bag files and index, a 13-byte file
/// was said to be "bigger than the 18 KB limit" (seen making the verify target's seed corpus).
#[test]
fn a_volume_limit_below_the_reserve_says_why_a_small_file_does_not_fit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let evidence = dir.path().join("佐证材料");
    std::fs::create_dir_all(&evidence).expect("evidence folder");
    std::fs::write(evidence.join("学习记录.txt"), "学习记录\n").expect("a file");
    let out = dir.path().join("材料包.zip");
    let run = common::dossier(&[
        "bundle",
        &evidence.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--max-size",
        "18K",
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "这个文件有 13 B，加上每卷为清单和材料目录留出的 256.0 KB，超过每卷上限 18.0 KB"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("比每卷上限"), "{stderr}");
}

/// A corrupt deflate stream in one entry made `dossier verify` give up on the whole archive
/// ("无法读取压缩包") instead of naming that file as damaged and checking the rest (seen in the
/// verify target's seed with one flipped byte).
#[test]
fn verify_names_an_entry_with_a_corrupt_stream_and_checks_the_others() {
    let dir = tempfile::tempdir().expect("temp dir");
    let evidence = dir.path().join("佐证材料");
    std::fs::create_dir_all(&evidence).expect("evidence folder");
    std::fs::write(evidence.join("学习记录.txt"), "学习记录\n".repeat(50)).expect("a file");
    std::fs::write(evidence.join("名单.txt"), "王岩、赵青\n".repeat(50)).expect("a file");
    let zip = dir.path().join("材料包.zip");
    let bundled = common::dossier(&[
        "bundle",
        &evidence.to_string_lossy(),
        "-o",
        &zip.to_string_lossy(),
    ]);
    assert!(
        bundled.status.success(),
        "{}",
        String::from_utf8_lossy(&bundled.stderr)
    );

    // The first byte of the entry's deflate data set to a block type deflate reserves.
    let mut bytes = std::fs::read(&zip).expect("the archive");
    let name = "data/学习记录.txt".as_bytes();
    let at = bytes
        .windows(name.len())
        .position(|w| w == name)
        .expect("the entry's local header");
    let extra = usize::from(u16::from_le_bytes([bytes[at - 2], bytes[at - 1]]));
    assert_eq!(
        u16::from_le_bytes([bytes[at - 22], bytes[at - 21]]),
        8,
        "the entry is deflated"
    );
    bytes[at + name.len() + extra] = 0xFF;
    std::fs::write(&zip, &bytes).expect("the damaged archive");

    let run = common::dossier(&["verify", &zip.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!("{}: 损坏：data/学习记录.txt\n", zip.display())),
        "the damaged file is named: {stderr}"
    );
    assert!(
        !stderr.contains("名单.txt"),
        "the other file is whole: {stderr}"
    );
    assert!(!stderr.contains("无法读取压缩包"), "{stderr}");
}
