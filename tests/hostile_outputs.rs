//! The hostile corpus, outputs: no command writes over one of its inputs, into the folder it
//! packs, or over another of its outputs; outputs are all or none when a rename fails, a
//! panic strikes, the run is interrupted or killed; a later run clears what a killed one left;
//! a bundle written again with fewer volumes leaves no stale volume. Each case checks the exit
//! code, the Chinese message, that nothing was left at or beside any target and that no input
//! changed.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{Run, digest, file_names, repo, run, s};

/// A copy of the sample at `rel` (under the repository) in `dir`, under `name`.
fn sample(dir: &Path, rel: &str, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(repo().join(rel), &to).expect("copy sample");
    to
}

/// dossier's own leftovers in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    file_names(dir)
        .into_iter()
        .filter(|n| n.starts_with(".dossier-"))
        .collect()
}

/// Asserts a refusal: exit 1, an error line `place: 错误：message…` (after any warnings about
/// the input), nothing on stdout.
fn refused(got: &Run, place: &str, message: &str) {
    assert_eq!(got.code, Some(1), "exit code; stderr: {}", got.stderr);
    let (at, said) = got
        .stderr
        .lines()
        .find_map(|l| l.split_once(": 错误："))
        .unwrap_or_else(|| panic!("`位置: 错误：消息`, got {}", got.stderr));
    assert!(at.ends_with(place), "place {at} should end with {place}");
    assert!(
        said.contains(message),
        "message {said} should say {message}"
    );
    assert!(got.stdout.is_empty(), "nothing on stdout: {}", got.stdout);
}

/// Runs dossier with `DOSSIER_FAULT` set to `fault`.
fn with_fault(args: &[&str], fault: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("DOSSIER_FAULT", fault)
        .output()
        .expect("dossier runs")
}

#[test]
fn tally_never_writes_its_workbook_over_the_tally_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let tally = sample(dir.path(), "samples/进度台账.xlsx", "进度台账.xlsx");
    let before = digest(dir.path());
    let out = dir.path().join("进度台账.docx");
    let got = run(&["tally", s(&tally), "-o", s(&out), "--as-of", "2024-10-01"]);
    refused(&got, "进度台账.xlsx", "输出文件就是输入文件");
    assert_eq!(
        digest(dir.path()),
        before,
        "the tally is unchanged, nothing written"
    );
    let got = run(&["tally", s(&tally), "-o", s(&dir.path().join("通报.xlsx"))]);
    refused(&got, "通报.xlsx", "通报要写成 .docx");
    assert_eq!(digest(dir.path()), before);
}

#[test]
fn no_command_writes_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = sample(dir.path(), "samples/分解表.xlsx", "分解表.xlsx");
    // A scheme file named like the document it renders to.
    let scheme = sample(dir.path(), "schemes/fulian.yaml", "方案.docx");
    let before = digest(dir.path());
    let got = run(&["import", s(&sheet), "-o", s(&sheet)]);
    refused(&got, "分解表.xlsx", "输出文件就是输入文件");
    let got = run(&["table", s(&sheet), "-o", s(&sheet)]);
    refused(&got, "分解表.xlsx", "输出文件就是输入文件");
    let got = run(&["render", s(&scheme)]);
    assert_eq!(got.code, Some(1), "{}", got.stderr);
    assert!(
        got.stderr.contains("输出文件就是输入文件"),
        "{}",
        got.stderr
    );
    // Another spelling of the same file: through a link.
    let link = dir.path().join("链接.xlsx");
    std::os::unix::fs::symlink(&sheet, &link).unwrap();
    let got = run(&["import", s(&sheet), "-o", s(&link)]);
    refused(&got, "链接.xlsx", "输出文件就是输入文件");
    std::fs::remove_file(&link).unwrap();
    assert_eq!(
        digest(dir.path()),
        before,
        "every input unchanged, nothing written"
    );
}

#[test]
fn a_table_never_writes_over_the_task_sheet_its_scheme_reads() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = sample(dir.path(), "samples/分解表.xlsx", "分解表.xlsx");
    let scheme = dir.path().join("方案.yaml");
    std::fs::write(
        &scheme,
        "scheme: {title: 方案}\ntasks: {file: 分解表.xlsx}\n",
    )
    .unwrap();
    let before = digest(dir.path());
    let got = run(&["table", s(&scheme), "-o", s(&sheet)]);
    refused(&got, "分解表.xlsx", "输出文件就是输入文件");
    assert_eq!(digest(dir.path()), before);
}

#[test]
fn a_bundle_is_never_written_inside_the_folder_it_packs_even_in_a_new_folder() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("证据");
    std::fs::create_dir_all(evidence.join("01 学习")).unwrap();
    std::fs::write(evidence.join("01 学习/计划.txt"), "计划").unwrap();
    let before = digest(dir.path());
    let out = evidence.join("新建/包.zip");
    let got = run(&["bundle", s(&evidence), "-o", s(&out)]);
    refused(&got, "包.zip", "输出文件不能放在证据文件夹里面");
    assert_eq!(
        digest(dir.path()),
        before,
        "not even the new folder is made"
    );
    let through = dir.path().join("入口");
    std::os::unix::fs::symlink(&evidence, &through).unwrap();
    let got = run(&["bundle", s(&evidence), "-o", s(&through.join("包.zip"))]);
    refused(&got, "包.zip", "输出文件不能放在证据文件夹里面");
}

/// An evidence folder whose files make several volumes at a small size limit.
fn volumes_tree(dir: &Path) -> PathBuf {
    let evidence = dir.join("证据");
    for i in 1..=6 {
        let folder = evidence.join(format!("{i:02} 指标"));
        std::fs::create_dir_all(&folder).unwrap();
        let bytes: Vec<u8> = (0..300_000u32).map(|j| (j * 7 + i) as u8).collect();
        std::fs::write(folder.join("扫描件.pdf"), bytes).unwrap();
    }
    evidence
}

#[test]
fn bundling_again_with_fewer_volumes_leaves_no_stale_volume() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = volumes_tree(dir.path());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("包.zip");
    let first = run(&["bundle", s(&evidence), "-o", s(&out), "--max-size", "600K"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let many = file_names(&out_dir);
    assert!(
        many.len() >= 4,
        "several volumes and a master index: {many:?}"
    );
    let second = run(&["bundle", s(&evidence), "-o", s(&out), "--max-size", "1200K"]);
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    let fewer = file_names(&out_dir);
    assert!(fewer.len() < many.len(), "{many:?} then {fewer:?}");
    let written: Vec<String> = second
        .stdout
        .lines()
        .map(|l| {
            Path::new(l)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(fewer, written, "only this run's set is left");
    let third = run(&["bundle", s(&evidence), "-o", s(&out)]);
    assert_eq!(third.code, Some(0), "{}", third.stderr);
    assert_eq!(
        file_names(&out_dir),
        ["包.zip"],
        "one archive: the volumes and index go"
    );
}

#[test]
fn a_file_of_the_sets_name_that_is_no_bundle_is_not_removed() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = volumes_tree(dir.path());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    std::fs::write(out_dir.join("包-09.zip"), "用户自己的文件").unwrap();
    let before = digest(&out_dir);
    let got = run(&["bundle", s(&evidence), "-o", s(&out_dir.join("包.zip"))]);
    refused(&got, "包-09.zip", "不是 dossier 打的包");
    assert_eq!(digest(&out_dir), before);
}

#[test]
fn a_name_taken_by_a_folder_stops_the_run_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = sample(dir.path(), "samples/分解表.xlsx", "分解表.xlsx");
    let out = dir.path().join("split");
    std::fs::create_dir_all(out.join("003-市委组织部.docx")).unwrap();
    let before = digest(dir.path());
    let got = run(&["split", s(&sheet), "-o", s(&out), "--date", "2024-10-01"]);
    refused(&got, "003-市委组织部.docx", "输出位置是一个已有的文件夹");
    assert_eq!(digest(dir.path()), before);
}

#[test]
fn a_panic_while_outputs_take_their_names_puts_every_target_back() {
    let dir = tempfile::tempdir().unwrap();
    let tally = sample(dir.path(), "samples/进度台账.xlsx", "台账.xlsx");
    let out = dir.path().join("通报.docx");
    std::fs::write(&out, "上次的通报").unwrap();
    std::fs::write(dir.path().join("通报.xlsx"), "上次的统计").unwrap();
    let before = digest(dir.path());
    let args = ["tally", s(&tally), "-o", s(&out), "--as-of", "2024-10-01"];
    let got = with_fault(&args, "renaming");
    assert_eq!(
        got.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&got.stderr)
    );
    assert_eq!(
        digest(dir.path()),
        before,
        "both targets hold what they held"
    );
}

#[test]
fn a_run_killed_while_renaming_is_undone_by_the_next_run_there() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = sample(dir.path(), "samples/分解表.xlsx", "分解表.xlsx");
    let out = dir.path().join("split");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("000-单位目录.docx"), "上次的目录").unwrap();
    let before = digest(&out);
    let args = ["split", s(&sheet), "-o", s(&out), "--date", "2024-10-01"];
    let killed = with_fault(&args, "kill:renaming");
    assert_ne!(killed.status.code(), Some(0), "the run was killed");
    assert!(
        !leftovers(&out).is_empty(),
        "a killed run leaves its journal and staged files"
    );
    // Any run writing there first undoes the killed run's half-done commit.
    let template = out.join("空白分解表.xlsx");
    let next = run(&["sheet-template", "-o", s(&template)]);
    assert_eq!(next.code, Some(0), "{}", next.stderr);
    std::fs::remove_file(&template).unwrap();
    assert_eq!(
        digest(&out),
        before,
        "the folder is as it was before the killed run"
    );
}

#[test]
fn a_later_run_removes_what_a_run_killed_after_staging_left() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = sample(dir.path(), "samples/分解表.xlsx", "分解表.xlsx");
    let out = dir.path().join("split");
    let args = ["split", s(&sheet), "-o", s(&out), "--date", "2024-10-01"];
    let killed = with_fault(&args, "kill:staged");
    assert_ne!(killed.status.code(), Some(0));
    assert!(leftovers(&out).len() > 30, "{:?}", file_names(&out));
    let again = run(&args);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

#[test]
fn a_scheme_file_that_is_a_pipe_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("方案.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    for command in ["check", "render"] {
        let got = run(&[command, s(&fifo)]);
        refused(&got, "方案.yaml", "这不是普通文件");
    }
}

#[test]
fn sigterm_during_a_bundle_leaves_nothing_behind_not_even_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("证据");
    for i in 0..40 {
        let folder = evidence.join(format!("{:02} 指标", i % 8 + 1));
        std::fs::create_dir_all(&folder).unwrap();
        // Text deflates slowly enough for the signal to find the run packing.
        let text = format!("第{i}份材料，创建全国文明城市工作记录。").repeat(200_000);
        std::fs::write(folder.join(format!("记录{i}.txt")), text).unwrap();
    }
    // A folder the run makes: it goes too.
    let out_dir = dir.path().join("提交").join("第一批");
    let out = out_dir.join("包.zip");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["bundle", s(&evidence), "-o", s(&out)])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("dossier starts");
    // Until the run has staged something to clean up.
    let started = Instant::now();
    while (!out_dir.is_dir() || leftovers(&out_dir).is_empty())
        && started.elapsed() < Duration::from_secs(30)
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!leftovers(&out_dir).is_empty(), "the run staged its files");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(130), "a run ended by SIGTERM says so");
    assert!(
        file_names(dir.path()) == ["证据"],
        "nothing left: {:?}",
        file_names(dir.path())
    );
}
