//! Scheme file text → `read::scheme::parse_in`, and a scheme that loads → templates → markup →
//! typesetter → DOCX in memory: the whole path a user's scheme file takes.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// A scratch tree with the sample sheet at `samples/分解表.xlsx`, so `tasks: {file:
/// ../samples/分解表.xlsx}` (as in schemes/with-table.yaml) resolves from `schemes/`.
fn scheme_dir() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(root.path().join("samples")).expect("samples/");
        std::fs::create_dir(root.path().join("schemes")).expect("schemes/");
        std::fs::write(
            root.path().join("samples/分解表.xlsx"),
            include_bytes!("../../samples/分解表.xlsx"),
        )
        .expect("sample sheet");
        let dir = root.path().join("schemes");
        (root, dir)
    })
    .1
}

// A panic dossier catches inside a third-party reader is reported as a damaged file, as the
// command line does; every other panic still aborts, as a crash.
fuzz_target!(init: dossier::read::guard::quiet_guarded_panics(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = dossier::read::scheme::parse_in(text, "fuzz.yaml", scheme_dir()) else {
        return;
    };
    if let Ok(bytes) = dossier::app::render::document(&doc, &Default::default()) {
        assert_eq!(&bytes[..2], b"PK", "a DOCX is a zip");
    }
});
