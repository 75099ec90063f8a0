//! The hostile corpus, templates a user wrote: loops nested past any end, a string doubled
//! past any memory, text past its limit, and template files that are no text (a pipe, a
//! folder, a file too large) are each stopped or refused with exit 1 and a Chinese message
//! naming the template; nothing is left at or beside the target and no input changes.

mod common;

use std::path::{Path, PathBuf};

use common::{Run, digest, repo, run, s};

/// A folder in `dir` holding `notice.tera` and `unit.tera` with `text`.
fn templates(dir: &Path, text: &str) -> PathBuf {
    let t = dir.join("模板");
    std::fs::create_dir_all(&t).expect("mkdir");
    for name in ["notice.tera", "unit.tera"] {
        std::fs::write(t.join(name), text).expect("write");
    }
    t
}

/// Renders the sample scheme with the templates in `t` into `dir/输出`; asserts that no
/// input changed and nothing was made at the target.
fn render_with(dir: &Path, t: &Path) -> Run {
    let scheme = dir.join("方案.yaml");
    std::fs::copy(repo().join("schemes/fulian.yaml"), &scheme).expect("copy");
    let before = (digest(t), std::fs::read(&scheme).expect("read"));
    let out = dir.join("输出");
    let got = run(&["render", s(&scheme), "--templates", s(t), "-o", s(&out)]);
    assert_eq!(before, (digest(t), std::fs::read(&scheme).expect("read")));
    assert!(!out.exists(), "nothing made at the target");
    got
}

/// Asserts exit 1 and an error at `place` saying `message`.
fn stopped(got: &Run, place: &str, message: &str) {
    assert_eq!(got.code, Some(1), "exit code; stderr: {}", got.stderr);
    let line = got
        .stderr
        .lines()
        .find(|l| l.contains(": 错误："))
        .unwrap_or_else(|| panic!("an error line: {}", got.stderr));
    let (at, said) = line.split_once(": 错误：").expect("place: 错误：");
    assert!(at.ends_with(place), "{at} should end with {place}");
    assert!(said.contains(message), "{said} should say {message}");
}

#[test]
fn loops_nested_past_any_end_are_stopped_after_thirty_seconds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = templates(
        dir.path(),
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    let started = std::time::Instant::now();
    let got = render_with(dir.path(), &t);
    stopped(&got, "notice.tera", "模板运行超过 30 秒，已停止");
    assert!(started.elapsed().as_secs() < 45, "{:?}", started.elapsed());
}

#[test]
fn a_string_doubled_without_end_is_stopped_before_it_takes_the_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = templates(
        dir.path(),
        r#"{% set_global s = "xxxxxxxx" %}{% for i in range(end=60) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}"#,
    );
    let got = render_with(dir.path(), &t);
    stopped(&got, "notice.tera", "模板运行占用的内存超过 1.0 GB");
    assert!(!got.stderr.contains("memory allocation"), "{}", got.stderr);
}

#[test]
fn text_past_its_limit_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = templates(
        dir.path(),
        "{% for i in range(end=100000) %}{% for j in range(end=100) %}一段撑大输出的文字，一段撑大输出的文字。{% endfor %}{% endfor %}",
    );
    let got = render_with(dir.path(), &t);
    stopped(&got, "notice.tera", "模板生成的文字超过 256.0 MB");
}

#[test]
fn a_split_whose_unit_template_doubles_a_string_writes_no_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = templates(
        dir.path(),
        r#"{% set_global s = "x" %}{% for i in range(end=60) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}"#,
    );
    let sheet = dir.path().join("分解表.xlsx");
    std::fs::copy(repo().join("samples/分解表.xlsx"), &sheet).expect("copy");
    let out = dir.path().join("各单位");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("已有.docx"), b"kept").expect("write");
    let before = digest(dir.path());
    let got = run(&["split", s(&sheet), "--templates", s(&t), "-o", s(&out)]);
    stopped(&got, "unit.tera", "内存超过");
    assert_eq!(
        digest(dir.path()),
        before,
        "nothing written, nothing changed"
    );
}

#[test]
fn a_template_that_is_a_folder_or_too_large_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = dir.path().join("模板");
    std::fs::create_dir_all(t.join("notice.tera")).expect("mkdir");
    let got = render_with(dir.path(), &t);
    stopped(&got, "notice.tera", "无法读取模板：这是文件夹");
    std::fs::remove_dir(t.join("notice.tera")).expect("rmdir");
    std::fs::write(t.join("notice.tera"), "文".repeat(400_000)).expect("write");
    let got = render_with(dir.path(), &t);
    stopped(&got, "notice.tera", "无法读取模板：文件超过 1.0 MB 的上限");
}

#[cfg(unix)]
#[test]
fn a_template_that_is_a_pipe_is_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = dir.path().join("模板");
    std::fs::create_dir_all(&t).expect("mkdir");
    let fifo = t.join("notice.tera");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let got = render_with(dir.path(), &t);
    stopped(&got, "notice.tera", "无法读取模板：这不是普通文件");
}
