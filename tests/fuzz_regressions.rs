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
