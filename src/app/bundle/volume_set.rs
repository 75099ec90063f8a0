//! The files one bundle writes: `OUT.zip`, or the volumes `OUT-01.zip` … and the master index
//! `OUT-总目录.xlsx`; and the members of the same set an earlier run left that this one does not
//! rewrite (a volume fewer, a master index no longer needed), which go in the same commit so
//! that no stale volume stands beside the new set.

use std::path::{Path, PathBuf};

use crate::app::outputs;
use crate::error::{Error, Result};

/// The targets of one bundle.
pub(super) struct VolumeSet {
    /// The archives, in order.
    pub(super) volumes: Vec<PathBuf>,
    /// The master index, when there are volumes.
    pub(super) master: Option<PathBuf>,
    /// The stem the set's names start with.
    stem: String,
}

impl VolumeSet {
    /// The set of `count` archives for `-o out`.
    pub(super) fn new(out: &Path, count: usize) -> Self {
        let stem = out
            .file_stem()
            .map_or_else(|| "bundle".into(), |s| s.to_string_lossy().into_owned());
        if count <= 1 {
            return VolumeSet {
                volumes: vec![out.to_path_buf()],
                master: None,
                stem,
            };
        }
        let width = count.to_string().len().max(2);
        VolumeSet {
            volumes: (1..=count)
                .map(|n| out.with_file_name(format!("{stem}-{n:0width$}.zip")))
                .collect(),
            master: Some(out.with_file_name(format!("{stem}-总目录.xlsx"))),
            stem,
        }
    }

    /// Every target, the volumes first.
    pub(super) fn all(&self) -> impl Iterator<Item = &PathBuf> {
        self.volumes.iter().chain(&self.master)
    }

    /// Plans the targets (none inside the evidence folder `evidence` or replacing one of the
    /// files read) and returns the stale members of the set to remove with the commit.
    pub(super) fn plan(&self, evidence: &Path, read: &[PathBuf]) -> Result<Vec<PathBuf>> {
        let mut plan = outputs::Plan::default();
        plan.keep_out_of(evidence, "证据文件夹");
        plan.read_all(read);
        for target in self.all() {
            plan.write(target)?;
        }
        self.stale()
    }

    /// Members of the set already in the output folder that this run does not rewrite. One
    /// that is not a dossier bundle (or master index) is not removed: the run is refused.
    fn stale(&self) -> Result<Vec<PathBuf>> {
        let Some(first) = self.volumes.first() else {
            return Ok(Vec::new());
        };
        let dir = outputs::folder(first);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(_) => return Ok(Vec::new()),
        };
        let mut stale = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = first.with_file_name(&name);
            if self.member(&name) && !self.all().any(|t| *t == path) {
                refuse_foreign(&path, &name)?;
                stale.push(path);
            }
        }
        stale.sort();
        Ok(stale)
    }

    /// Whether a file named `name` belongs to a set of this stem: `STEM.zip`, `STEM-01.zip` …,
    /// `STEM-总目录.xlsx`.
    fn member(&self, name: &str) -> bool {
        let Some(rest) = name.strip_prefix(self.stem.as_str()) else {
            return false;
        };
        let volume = rest
            .strip_prefix('-')
            .and_then(|r| r.strip_suffix(".zip"))
            .is_some_and(|n| n.len() >= 2 && n.bytes().all(|b| b.is_ascii_digit()));
        rest == ".zip" || rest == "-总目录.xlsx" || volume
    }
}

/// Refuses a stale member that is not recognisably dossier's: a bundle holds `bagit.txt` and
/// `bag-info.txt`, a master index is a workbook.
fn refuse_foreign(path: &Path, name: &str) -> Result<()> {
    let parts: &[&str] = if name.ends_with(".xlsx") {
        &["xl/workbook.xml"]
    } else {
        &["bagit.txt", "bag-info.txt"]
    };
    let ours = std::fs::File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(f).ok())
        .is_some_and(|mut z| parts.iter().all(|p| z.by_name(p).is_ok()));
    if ours {
        return Ok(());
    }
    Err(Error::file(
        path,
        "输出位置已有一个同名的文件，它不是 dossier 打的包，不会替换或删除",
    )
    .with_hint("这次打包的分卷与它同属一组名字；把它移走，或用 -o 另取一个名字"))
}
