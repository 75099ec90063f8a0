//! Archive bytes → `bundle::verify::verify` and `write::archive::read_back`, both reading the
//! file as `dossier verify` does.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn path() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let d = tempfile::tempdir().expect("temp dir");
        let p = d.path().join("材料包.zip");
        (d, p)
    })
    .1
}

fuzz_target!(|data: &[u8]| {
    std::fs::write(path(), data).expect("write the archive");
    let verified = dossier::app::verify::verify(path());
    let read = dossier::read::archive::read_back(path());
    // verify reads every entry back itself, so an archive it accepts must read back.
    if verified.is_ok() {
        assert!(
            read.is_ok(),
            "verify accepted an archive read_back rejects: {:?}",
            read.err()
        );
    }
});
