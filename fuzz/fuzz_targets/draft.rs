//! Draft bytes → `read::draft::read` → `read::draft::body`, `read::draft::tidy_draft`, and the
//! importer's recogniser (`read::draft::recognise`) with the scheme-file writer. The first
//! byte picks what the rest is: a whole Word file, one part (the document, its numbering
//! or its styles) put into the sample draft samples/台账管理办法.docx in place of its own, so
//! the XML readers meet every shape of text inside an otherwise sound package, or a plain-text
//! or Markdown draft (decoding, lines and indents, CommonMark, the clean-up).
#![no_main]

use std::io::{Read, Write};

use libfuzzer_sys::fuzz_target;

const SAMPLE: &[u8] = include_bytes!("../../samples/台账管理办法.docx");
const PARTS: [&str; 3] = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];

#[path = "../shared/scratch.rs"]
mod scratch;
use scratch::dir;

/// The sample with part `name` replaced by `text`.
fn with_part(name: &str, text: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(SAMPLE)).expect("the sample");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part");
        let own = part.name().map(|n| n.to_string()).unwrap_or_default();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).expect("the part's bytes");
        out.start_file(own.as_str(), stored).expect("a part");
        out.write_all(if own == name { text } else { &bytes })
            .expect("written");
    }
    out.finish().expect("the zip").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (bytes, name) = match (PARTS.get(usize::from(mode % 6)), mode % 6) {
        (Some(part), _) => (with_part(part, rest), "draft.docx"),
        (None, 3) => (rest.to_vec(), "draft.docx"),
        (None, 4) => (rest.to_vec(), "draft.txt"),
        (None, _) => (rest.to_vec(), "draft.md"),
    };
    let path = dir().join(name);
    std::fs::write(&path, bytes).expect("the draft written");
    if let Ok(mut draft) = dossier::read::draft::read(&path) {
        let _ = dossier::read::draft::body(&draft);
        dossier::read::draft::tidy_draft(&mut draft);
        if let Ok(imported) = dossier::read::draft::recognise::recognise(draft, "草稿") {
            let _ = dossier::write::scheme_yaml::to_string(&imported, "草稿.docx");
        }
    }
});
