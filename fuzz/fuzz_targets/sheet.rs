//! Spreadsheet bytes → `read::sheet::load`. The first byte picks what the rest is: a file to
//! read as .xlsx, .xls or .ods (so the reader dossier chooses by extension meets every format's
//! bytes), or the values for the counts a sample workbook declares. In that last mode the
//! second byte picks the sample (samples/分解表.xlsx or .ods) and every count attribute in its
//! parts (`count`, `uniqueCount`, a `dimension` or merge `ref`, an .ods cell's or row's repeats
//! and spans, a `text:c` run of spaces) is rewritten to a value the following bytes choose, so
//! the counts a reader might allocate by are tried at every size on an otherwise sound file.
#![no_main]

use std::io::{Read, Write};

use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 3] = ["xlsx", "xls", "ods"];

/// The samples whose counts are rewritten, with their extensions.
const SAMPLES: [(&[u8], &str); 2] = [
    (include_bytes!("../../samples/分解表.xlsx"), "xlsx"),
    (include_bytes!("../../samples/分解表.ods"), "ods"),
];

/// The attributes that declare a count or an extent.
const COUNTS: [&str; 8] = [
    "count=\"",
    "uniqueCount=\"",
    "ref=\"",
    "table:number-columns-repeated=\"",
    "table:number-rows-repeated=\"",
    "table:number-columns-spanned=\"",
    "table:number-rows-spanned=\"",
    "text:c=\"",
];

#[path = "../shared/scratch.rs"]
mod scratch;
use scratch::dir;

/// The bytes that choose the counts, read in turn; zeros once they run out.
struct Values<'a>(&'a [u8]);

impl Values<'_> {
    fn byte(&mut self) -> u8 {
        let (&b, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        b
    }

    fn u64(&mut self) -> u64 {
        (0..8).fold(0, |v, _| (v << 8) | u64::from(self.byte()))
    }

    /// The value for an attribute that held `old`: `old` itself (a zero byte), else a number
    /// of any size, or for a `ref` a range from A1 to a cell anywhere.
    fn value(&mut self, attribute: &str, old: &str) -> String {
        let shift = self.byte();
        if shift == 0 {
            return old.to_string();
        }
        let n = self.u64() >> (shift % 64);
        if attribute == "ref=\"" {
            let (row, col) = (n >> 16, n & 0xFFFF);
            format!("A1:{}{row}", column_name(col))
        } else {
            n.to_string()
        }
    }
}

/// A column's letters: 0 → A, 26 → AA.
fn column_name(mut col: u64) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// `xml` with the value of every count attribute chosen by `values`.
fn with_counts(xml: &str, values: &mut Values) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some((at, attribute)) = COUNTS
        .iter()
        .filter_map(|a| rest.find(a).map(|i| (i, *a)))
        .min()
    {
        let start = at + attribute.len();
        let Some(len) = rest[start..].find('"') else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&values.value(attribute, &rest[start..start + len]));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// The sample package `sample` with its XML parts' counts chosen by `values`.
fn rewritten(sample: &[u8], values: &mut Values) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(sample)).expect("the sample opens");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part of the sample");
        let name = part.name().expect("a part's name").to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).expect("the part reads");
        if name.ends_with(".xml") {
            bytes = with_counts(&String::from_utf8_lossy(&bytes), values).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("a part starts");
        out.write_all(&bytes).expect("the part is written");
    }
    out.finish().expect("the package is written").into_inner()
}

// A panic dossier catches inside a third-party reader is reported as a damaged file, as the
// command line does; every other panic still aborts, as a crash.
fuzz_target!(init: dossier::read::guard::quiet_guarded_panics(), |data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let (ext, file) = match EXTENSIONS.get(usize::from(pick) % 4) {
        Some(ext) => (*ext, bytes.to_vec()),
        None => {
            let mut values = Values(bytes);
            let (sample, ext) = SAMPLES[usize::from(values.byte()) % SAMPLES.len()];
            (ext, rewritten(sample, &mut values))
        }
    };
    let path = dir().join(format!("分解表.{ext}"));
    std::fs::write(&path, file).expect("write the sheet");
    if let Ok(r) = dossier::read::sheet::load(&path, &Default::default()) {
        // A sheet without its required columns is an error, never an empty table.
        assert!(r.table.column("content").is_some() && r.table.column("lead").is_some());
    }
});
