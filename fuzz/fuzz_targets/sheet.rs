//! Spreadsheet bytes → `read::sheet::load`. The first byte picks the file's extension (so the
//! reader dossier chooses by extension meets every format's bytes); the rest is the file.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 3] = ["xlsx", "xls", "ods"];

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let d = tempfile::tempdir().expect("temp dir");
        let p = d.path().to_path_buf();
        (d, p)
    })
    .1
}

// A panic dossier catches inside a third-party reader is reported as a damaged file, as the
// command line does; every other panic still aborts, as a crash.
fuzz_target!(init: dossier::read::guard::quiet_guarded_panics(), |data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let ext = EXTENSIONS[usize::from(pick) % EXTENSIONS.len()];
    let path = dir().join(format!("分解表.{ext}"));
    std::fs::write(&path, bytes).expect("write the sheet");
    if let Ok(r) = dossier::read::sheet::load(&path, &Default::default()) {
        // A sheet without its required columns is an error, never an empty table.
        assert!(r.table.column("content").is_some() && r.table.column("lead").is_some());
    }
});
