//! The hostile corpus, full disks: `split`, `tally`, `render` and `bundle` writing to a disk
//! that fills up stop with exit 1 and `磁盘已满`, leave the outputs an earlier run wrote as
//! they were, leave no temporary file and no folder they made, and change no input. The disk
//! is a 3 MiB tmpfs, which needs root to mount: `bash .ci/run` runs as root.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Run, digest, repo, run, s};

/// A 3 MiB tmpfs mounted on a fresh folder, unmounted when dropped.
struct SmallDisk {
    at: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> SmallDisk {
        let dir = tempfile::tempdir().expect("tempdir");
        let at = dir.path().join("disk");
        std::fs::create_dir(&at).expect("mkdir");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=3m", "tmpfs"])
            .arg(&at)
            .output()
            .expect("mount runs");
        assert!(
            mounted.status.success(),
            "mounting a tmpfs needs root: {}",
            String::from_utf8_lossy(&mounted.stderr)
        );
        SmallDisk { at, _dir: dir }
    }

    /// Fills the disk up to `free` bytes left.
    fn fill(&self, free: u64) {
        let stat = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(&self.at)
            .output()
            .expect("df runs");
        let avail: u64 = String::from_utf8_lossy(&stat.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .expect("df's figure");
        let size = usize::try_from(avail.saturating_sub(free)).expect("size");
        std::fs::write(self.at.join("占位"), vec![0u8; size]).expect("fill");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.at).status();
    }
}

/// Asserts exit 1 and `磁盘已满` in the error.
fn disk_full(got: &Run) {
    assert_eq!(got.code, Some(1), "exit code; stderr: {}", got.stderr);
    assert!(
        got.stderr.contains("错误：") && got.stderr.contains("磁盘已满"),
        "{}",
        got.stderr
    );
}

/// A copy of the repository file `rel` in `dir`.
fn input(dir: &Path, rel: &str) -> PathBuf {
    let to = dir.join(Path::new(rel).file_name().expect("name"));
    std::fs::copy(repo().join(rel), &to).expect("copy");
    to
}

#[test]
#[ignore = "needs root to mount a small tmpfs — bash .ci/run runs as root"]
fn split_into_a_new_folder_on_a_full_disk_leaves_no_folder() {
    let disk = SmallDisk::mount();
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = input(dir.path(), "samples/分解表.xlsx");
    disk.fill(40_000);
    let before = digest(&disk.at);
    let out = disk.at.join("各单位").join("七月");
    let got = run(&["split", s(&sheet), "-o", s(&out), "--date", "2024-07-01"]);
    disk_full(&got);
    assert_eq!(digest(&disk.at), before, "nothing left on the disk");
    assert_eq!(digest(dir.path()).len(), 2, "the sheet alone, unchanged");
}

#[test]
#[ignore = "needs root to mount a small tmpfs — bash .ci/run runs as root"]
fn tally_over_an_earlier_bulletin_on_a_full_disk_keeps_the_earlier_one() {
    let disk = SmallDisk::mount();
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = input(dir.path(), "samples/进度台账.xlsx");
    let out = disk.at.join("通报.docx");
    let first = run(&["tally", s(&sheet), "-o", s(&out), "--as-of", "2024-06-30"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let size = std::fs::metadata(&out).expect("written").len();
    disk.fill(size + 4096);
    let before = digest(&disk.at);
    let got = run(&["tally", s(&sheet), "-o", s(&out), "--as-of", "2024-09-30"]);
    disk_full(&got);
    assert_eq!(
        digest(&disk.at),
        before,
        "the earlier DOCX and XLSX as they were"
    );
}

#[test]
#[ignore = "needs root to mount a small tmpfs — bash .ci/run runs as root"]
fn render_and_bundle_on_a_full_disk_leave_nothing() {
    let disk = SmallDisk::mount();
    let dir = tempfile::tempdir().expect("tempdir");
    let scheme = input(dir.path(), "schemes/joint.yaml");
    let evidence = dir.path().join("证据");
    std::fs::create_dir(&evidence).expect("mkdir");
    let noise: Vec<u8> = (0..600_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(evidence.join("扫描件.bin"), noise).expect("write");
    disk.fill(8_192);
    let inputs = digest(dir.path());
    let before = digest(&disk.at);
    let got = run(&["render", s(&scheme), "-o", s(&disk.at.join("通知"))]);
    disk_full(&got);
    let got = run(&[
        "bundle",
        s(&evidence),
        "-o",
        s(&disk.at.join("包/材料.zip")),
    ]);
    disk_full(&got);
    assert_eq!(digest(&disk.at), before, "nothing left on the disk");
    assert_eq!(digest(dir.path()), inputs, "no input changed");
}
