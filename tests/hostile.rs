//! The hostile-input corpus: inputs made to break a reader. YAML bombs (deep nesting, the
//! billion laughs, an anchor referenced thousands of times), megabyte strings, files too big,
//! characters YAML or XML cannot hold, zip bombs, a shared-string table of hundreds of MiB,
//! sheets of 1,048,576 rows or with a cell at XFD1048576, overlapping merges, a forged
//! manifest; and inputs that must be accepted as they are: markup, template syntax and control
//! characters in every text field, evidence trees with `..` names, links out of the folder and
//! names that collide. `tests/hostile/` holds the small files; everything big is made here.
//!
//! Every run is killed after `TIMEOUT`, so a hang fails. A refused input must give exit 1, the
//! Chinese message at its place, no panic, nothing at the target and the input unchanged.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use common::repo;

use common::{digest, run, s};

// ---------------------------------------------------------------------------------------
// Input builders

/// Copies `tests/hostile/NAME` into `dir`.
fn fixture(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(repo().join("tests/hostile").join(name), &to).expect("copy fixture");
    to
}

fn text_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::write(&to, text).expect("write input");
    to
}

/// The parts every .xlsx needs besides its sheet and its shared strings.
fn xlsx_frame() -> Vec<(&'static str, String)> {
    vec![
        ("[Content_Types].xml", concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
            r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
            r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#,
            r#"</Types>"#).to_string()),
        ("_rels/.rels", concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
            r#"</Relationships>"#).to_string()),
        ("xl/workbook.xml", concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            r#"<sheets><sheet name="分解表" sheetId="1" r:id="rId1"/></sheets></workbook>"#).to_string()),
        ("xl/_rels/workbook.xml.rels", concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
            r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#,
            r#"</Relationships>"#).to_string()),
    ]
}

/// The start of a shared-string table, and its end.
const SST: (&str, &str) = (
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    "</sst>",
);

/// An inline-string cell.
fn cell(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The header row and one task row every sheet below starts with.
fn head_rows() -> String {
    format!(
        r#"<row r="1">{}{}</row><row r="2">{}{}</row>"#,
        cell("A1", "测评内容"),
        cell("B1", "责任单位"),
        cell("A2", "整治背街小巷"),
        cell("B2", "市城管局")
    )
}

/// Writes an .xlsx at `path` whose sheet's `<sheetData>` content comes from `rows`, followed
/// by `after` (merges), with the shared strings `sst`. Parts are deflated at the fastest
/// level: the repetitive bombs shrink a thousandfold all the same.
fn xlsx(
    path: &Path,
    rows: &mut dyn FnMut(&mut dyn Write),
    after: &str,
    sst: &mut dyn FnMut(&mut dyn Write),
) {
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).expect("create xlsx"));
    for (name, body) in xlsx_frame() {
        z.start_file(name, opts).expect("part");
        z.write_all(body.as_bytes()).expect("write part");
    }
    z.start_file("xl/sharedStrings.xml", opts).expect("part");
    z.write_all(SST.0.as_bytes()).expect("sst");
    sst(&mut z);
    z.write_all(SST.1.as_bytes()).expect("sst");
    z.start_file("xl/worksheets/sheet1.xml", opts)
        .expect("sheet");
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#)
        .expect("sheet");
    rows(&mut z);
    z.write_all(format!("</sheetData>{after}</worksheet>").as_bytes())
        .expect("sheet");
    z.finish().expect("finish xlsx");
}

fn no_strings(_: &mut dyn Write) {}

/// A sheet with the header and task rows, then `extra` written `times` times.
fn xlsx_with(dir: &Path, name: &str, extra: &str, times: usize, after: &str) -> PathBuf {
    let path = dir.join(name);
    xlsx(
        &path,
        &mut |w| {
            w.write_all(head_rows().as_bytes()).expect("rows");
            for _ in 0..times {
                w.write_all(extra.as_bytes()).expect("rows");
            }
        },
        after,
        &mut no_strings,
    );
    path
}

/// An .ods whose one sheet's rows are `rows` (table:table-row elements).
fn ods(dir: &Path, name: &str, rows: &str) -> PathBuf {
    let path = dir.join(name);
    let opts = zip::write::SimpleFileOptions::default();
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).expect("create ods"));
    z.start_file(
        "mimetype",
        opts.compression_method(zip::CompressionMethod::Stored),
    )
    .expect("mimetype");
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("mimetype");
    z.start_file("META-INF/manifest.xml", opts)
        .expect("manifest");
    z.write_all(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
        r#"<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
        r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#
    ).as_bytes()).expect("manifest");
    z.start_file("content.xml", opts).expect("content");
    let c = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    write!(
        z,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="分解表"><table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        c("测评内容"),
        c("责任单位"),
        c("整治背街小巷"),
        c("市城管局")
    )
    .expect("content");
    z.finish().expect("finish ods");
    path
}

/// A zip written by hand, so that a part can declare a size it does not have. Each part is
/// (name, method: 0 stored or 8 deflated, data as stored, CRC-32 of the content, size declared).
fn raw_zip(path: &Path, parts: &[(&str, u16, Vec<u8>, u32, u32)]) {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, crc, declared) in parts {
        let fields = |to: &mut Vec<u8>| {
            to.extend(20u16.to_le_bytes()); // version needed
            to.extend(0u16.to_le_bytes()); // flags
            to.extend(method.to_le_bytes());
            to.extend(0u32.to_le_bytes()); // time and date
            to.extend(crc.to_le_bytes());
            to.extend((data.len() as u32).to_le_bytes());
            to.extend(declared.to_le_bytes());
            to.extend((name.len() as u16).to_le_bytes());
            to.extend(0u16.to_le_bytes()); // extra field length
        };
        let offset = out.len() as u32;
        out.extend(0x0403_4b50u32.to_le_bytes());
        fields(&mut out);
        out.extend(name.as_bytes());
        out.extend(data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // version made by
        fields(&mut central);
        central.extend([0u8; 6]); // comment length, disk, internal attributes
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]); // disk numbers
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // comment length
    std::fs::write(path, out).expect("write zip");
}

/// An .xlsx whose sheet part declares 1 KiB but inflates to `actual` bytes of XML.
fn lying_xlsx(path: &Path, actual: usize) {
    let mut parts: Vec<(&str, u16, Vec<u8>, u32, u32)> = xlsx_frame()
        .into_iter()
        .chain([("xl/sharedStrings.xml", format!("{}{}", SST.0, SST.1))])
        .map(|(name, body)| {
            let crc = crc32fast::hash(body.as_bytes());
            let len = body.len() as u32;
            (name, 0u16, body.into_bytes(), crc, len)
        })
        .collect();
    let mut sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}"#,
        head_rows()
    )
    .into_bytes();
    let tail = b"</sheetData></worksheet>";
    sheet.resize(actual - tail.len(), b' ');
    sheet.extend(tail);
    let mut deflated = Vec::new();
    let mut enc = flate2::write::DeflateEncoder::new(&mut deflated, flate2::Compression::fast());
    enc.write_all(&sheet).expect("deflate");
    enc.finish().expect("deflate");
    parts.push((
        "xl/worksheets/sheet1.xml",
        8,
        deflated,
        crc32fast::hash(&sheet),
        1024,
    ));
    raw_zip(path, &parts);
}

// ---------------------------------------------------------------------------------------
// The refused inputs

/// An input dossier must refuse: how to make it, what to run, what it must say.
struct Refused {
    /// What the case is.
    name: &'static str,
    /// The subcommand; `args` adds the input and an output target.
    command: &'static str,
    /// Makes the input in the folder given and returns its path.
    input: fn(&Path) -> PathBuf,
    /// The exit code.
    exit: i32,
    /// How the place in the first line of stderr ends (`file:line:col`, `工作表!单元格`, a path).
    place: &'static str,
    /// What the message says.
    message: &'static str,
}

const REFUSED: &[Refused] = &[
    Refused {
        name: "a million nested [ on one line",
        command: "check",
        input: |d| {
            let n = 1_000_000;
            text_file(
                d,
                "flow.yaml",
                &format!("scheme:\n  title: {}{}\n", "[".repeat(n), "]".repeat(n)),
            )
        },
        exit: 1,
        place: "flow.yaml:2:74",
        message: "方括号或花括号嵌套超过 64 层",
    },
    Refused {
        name: "nested flow maps over many lines, with quotes and comments between",
        command: "render",
        input: |d| {
            let level = "{a: 'x]]', b: \"y}}\", c: # [[[\n";
            text_file(
                d,
                "maps.yaml",
                &format!("scheme:\n  title: t\nnotice: {}\n", level.repeat(100_000)),
            )
        },
        exit: 1,
        place: "maps.yaml:67:1",
        message: "嵌套超过 64 层",
    },
    Refused {
        name: "block mappings nested 200 deep",
        command: "check",
        input: |d| {
            let mut t = String::from("scheme:\n  title: t\nnotice:\n");
            for i in 1..200 {
                t.push_str(&format!("{}a:\n", " ".repeat(i)));
            }
            text_file(d, "blocks.yaml", &t)
        },
        exit: 1,
        place: "blocks.yaml:131:129",
        message: "嵌套层次过深",
    },
    Refused {
        name: "the billion laughs",
        command: "render",
        input: |d| fixture(d, "billion_laughs.yaml"),
        exit: 1,
        place: "billion_laughs.yaml",
        message: "别名（*引用）展开次数过多",
    },
    Refused {
        name: "one 300 KB anchor referenced 2,000 times (600 MB once expanded)",
        command: "render",
        input: |d| {
            let refs = vec!["*a"; 2000].join(", ");
            let text = format!(
                "scheme:\n  title: &a \"{}\"\n  preamble: [{refs}]\n",
                "字".repeat(100_000)
            );
            text_file(d, "fanout.yaml", &text)
        },
        exit: 1,
        place: "fanout.yaml:2:10",
        message: "文字超过 32 MiB",
    },
    Refused {
        name: "a list of 1,000 referenced 2,000 times (two million values)",
        command: "check",
        input: |d| {
            let list = vec!["1"; 1000].join(", ");
            let refs = vec!["*a"; 2000].join(", ");
            text_file(
                d,
                "values.yaml",
                &format!("scheme:\n  title: t\n  preamble: [&a [{list}], {refs}]\n"),
            )
        },
        exit: 1,
        place: "values.yaml:3:3000",
        message: "超过 1000000 个值",
    },
    Refused {
        name: "a title of a million characters",
        command: "render",
        input: |d| {
            text_file(
                d,
                "mb.yaml",
                &format!("scheme:\n  title: {}\n", "a".repeat(1 << 20)),
            )
        },
        exit: 1,
        place: "mb.yaml:2:10",
        message: "这段文字有 1048576 字，超过单段文字 100000 字的上限",
    },
    Refused {
        name: "a scheme file of 9 MiB",
        command: "check",
        input: |d| {
            let comment = format!("# {}\n", "注".repeat(1000));
            let times = (9 << 20) / comment.len() + 1;
            text_file(
                d,
                "big.yaml",
                &format!("scheme:\n  title: t\n{}", comment.repeat(times)),
            )
        },
        exit: 1,
        place: "big.yaml",
        message: "方案文件超过 8 MiB 的上限",
    },
    Refused {
        name: "a device that never ends",
        command: "check",
        input: |_| PathBuf::from("/dev/zero"),
        exit: 1,
        place: "/dev/zero",
        message: "无法读取方案文件：这不是普通文件，而是管道、套接字或设备",
    },
    Refused {
        name: "a raw control character",
        command: "render",
        input: |d| fixture(d, "raw_control.yaml"),
        exit: 1,
        place: "raw_control.yaml:3:11",
        message: "控制字符 U+0001",
    },
    Refused {
        name: "a lone surrogate in a \\u escape",
        command: "render",
        input: |d| fixture(d, "lone_surrogate.yaml"),
        exit: 1,
        place: "lone_surrogate.yaml:3:14",
        message: "\\uD800 至 \\uDFFF 是 UTF-16 的代理项",
    },
    Refused {
        name: "a surrogate pair in two \\u escapes, as JSON writes an emoji",
        command: "check",
        input: |d| fixture(d, "surrogate_pair.yaml"),
        exit: 1,
        place: "surrogate_pair.yaml:3:14",
        message: "成对也不行",
    },
    Refused {
        name: "a reference to an anchor never defined",
        command: "check",
        input: |d| fixture(d, "unknown_anchor.yaml"),
        exit: 1,
        place: "unknown_anchor.yaml:3:10",
        message: "引用了没有定义的锚点",
    },
    Refused {
        name: "a scheme saved as GBK",
        command: "render",
        input: |d| fixture(d, "gbk.yaml"),
        exit: 1,
        place: "gbk.yaml:3:10",
        message: "方案文件不是 UTF-8 编码的文本",
    },
    Refused {
        name: "a sheet of 1,048,576 rows",
        command: "import",
        input: |d| {
            let path = d.join("million.xlsx");
            xlsx(
                &path,
                &mut |w| {
                    w.write_all(head_rows().as_bytes()).expect("rows");
                    for r in 3..=1_048_576 {
                        write!(w, r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#).expect("row");
                    }
                },
                "",
                &mut no_strings,
            );
            path
        },
        exit: 1,
        place: "分解表!A65537",
        message: "工作表用到了第 65537 行第 1 列，超过 65536 行、128 列的上限",
    },
    Refused {
        name: "the same sheet split by unit",
        command: "split",
        input: |d| {
            xlsx_with(
                d,
                "tall.xlsx",
                r#"<row r="1048576"><c r="B1048576"><v>1</v></c></row>"#,
                1,
                "",
            )
        },
        exit: 1,
        place: "分解表!B1048576",
        message: "超过 65536 行",
    },
    Refused {
        name: "a cell at XFD1048576",
        command: "table",
        input: |d| {
            xlsx_with(
                d,
                "corner.xlsx",
                &format!(r#"<row r="1048576">{}</row>"#, cell("XFD1048576", "尾")),
                1,
                "",
            )
        },
        exit: 1,
        place: "分解表!XFD1048576",
        message: "工作表用到了第 1048576 行第 16384 列",
    },
    Refused {
        name: "a zip bomb: 200 MiB of spaces in the sheet",
        command: "import",
        input: |d| xlsx_with(d, "bomb.xlsx", &" ".repeat(1 << 20), 200, ""),
        exit: 1,
        place: "bomb.xlsx",
        message: "表格文件中的「xl/worksheets/sheet1.xml」解压后有 200.0 MiB，超过每个部分 128 MiB 的上限",
    },
    Refused {
        name: "a zip bomb that declares 1 KiB and inflates to 16 MiB",
        command: "import",
        input: |d| {
            let path = d.join("liar.xlsx");
            lying_xlsx(&path, 16 << 20);
            path
        },
        exit: 1,
        place: "liar.xlsx",
        message: "解压后超过它自己声明的大小",
    },
    Refused {
        name: "a shared-string table of 200 MiB",
        command: "tally",
        input: |d| {
            let path = d.join("strings.xlsx");
            let si = format!("<si><t>{}</t></si>", "字".repeat(340));
            xlsx(
                &path,
                &mut |w| w.write_all(head_rows().as_bytes()).expect("rows"),
                "",
                &mut |w| {
                    for _ in 0..200 << 10 {
                        w.write_all(si.as_bytes()).expect("strings");
                    }
                },
            );
            path
        },
        exit: 1,
        place: "strings.xlsx",
        message: "「xl/sharedStrings.xml」解压后有",
    },
    Refused {
        name: "a sheet file of 65 MiB",
        command: "import",
        input: |d| {
            let path = d.join("heavy.xlsx");
            let mut z = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
                .large_file(true);
            z.start_file("xl/media/image1.png", stored).expect("part");
            let mb = vec![7u8; 1 << 20];
            for _ in 0..65 {
                z.write_all(&mb).expect("write");
            }
            z.finish().expect("finish");
            path
        },
        exit: 1,
        place: "heavy.xlsx",
        message: "超过 64 MiB 的上限",
    },
    Refused {
        name: "a cell of 100,001 characters",
        command: "table",
        input: |d| {
            xlsx_with(
                d,
                "long.xlsx",
                &format!(r#"<row r="3">{}</row>"#, cell("A3", &"字".repeat(100_001))),
                1,
                "",
            )
        },
        exit: 1,
        place: "分解表!A3",
        message: "单元格有 100001 字，超过单段文字 100000 字的上限",
    },
    Refused {
        name: "10,000 merges over the same cells",
        command: "import",
        input: |d| {
            let merges = format!(
                r#"<mergeCells count="10000">{}</mergeCells>"#,
                r#"<mergeCell ref="A1:B2"/>"#.repeat(10_000)
            );
            xlsx_with(d, "merges.xlsx", "", 0, &merges)
        },
        exit: 1,
        place: "分解表!A1",
        message: "合并单元格相互重叠",
    },
    Refused {
        name: "an .ods of 1,048,576 repeated rows",
        command: "import",
        input: |d| {
            ods(
                d,
                "tall.ods",
                r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell office:value-type="string"><text:p>任务</text:p></table:table-cell></table:table-row>"#,
            )
        },
        exit: 1,
        place: "分解表!A65537",
        message: "超过 65536 行、128 列的上限",
    },
    Refused {
        name: "an .ods with a cell at XFD1048576",
        command: "table",
        input: |d| {
            ods(
                d,
                "corner.ods",
                r#"<table:table-row table:number-rows-repeated="1048573"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="string"><text:p>尾</text:p></table:table-cell></table:table-row>"#,
            )
        },
        exit: 1,
        place: "分解表!XFD1048576",
        message: "工作表用到了第 1048576 行第 16384 列",
    },
    Refused {
        name: "a scheme whose task sheet is a zip bomb",
        command: "render",
        input: |d| {
            xlsx_with(d, "bomb.xlsx", &" ".repeat(1 << 20), 130, "");
            text_file(
                d,
                "with-bomb.yaml",
                "scheme:\n  title: 方案\ntasks:\n  file: bomb.xlsx\n",
            )
        },
        exit: 1,
        place: "bomb.xlsx",
        message: "超过每个部分 128 MiB 的上限",
    },
    Refused {
        name: "an archive whose manifest inflates to 65 MiB",
        command: "verify",
        input: |d| {
            let path = d.join("manifest-bomb.zip");
            let mut z = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(1));
            z.start_file("manifest-sha256.txt", opts).expect("part");
            let lines = vec![b'\n'; 1 << 20];
            for _ in 0..65 {
                z.write_all(&lines).expect("write");
            }
            z.finish().expect("finish");
            path
        },
        exit: 1,
        place: "manifest-bomb.zip",
        message: "manifest-sha256.txt 解压后超过 64 MiB 的上限",
    },
];

/// The arguments that run `command` on `input`, writing under `out`.
fn args(command: &str, input: &Path, out: &Path) -> Vec<String> {
    let target = |name: &str| s(&out.join(name)).to_string();
    let mut a = vec![command.to_string(), s(input).to_string()];
    match command {
        "check" | "verify" => {}
        "render" => a.extend(["-o".to_string(), s(out).to_string()]),
        "import" => a.extend(["-o".to_string(), target("tasks.yaml")]),
        "table" => a.extend(["-o".to_string(), target("table.docx")]),
        "split" => a.extend([
            "-o".to_string(),
            target("split"),
            "--date".into(),
            "2024-10-01".into(),
        ]),
        "tally" => a.extend([
            "-o".to_string(),
            target("tally.docx"),
            "--as-of".into(),
            "2024-10-01".into(),
            "--date".into(),
            "2024-10-01".into(),
        ]),
        other => panic!("no arguments for {other}"),
    }
    a
}

/// Each refused case runs in its own folder: `in/` for the input, `out/` for the target.
fn refuse(case: &Refused) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (input_dir, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(&input_dir).expect("in");
    std::fs::create_dir_all(&out).expect("out");
    let input = (case.input)(&input_dir);
    let before = digest(&input_dir);
    let args = args(case.command, &input, &out);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let got = run(&args);
    let name = case.name;
    assert_eq!(
        got.code,
        Some(case.exit),
        "{name}: exit code; stderr: {}",
        got.stderr
    );
    for crash in ["panicked", "内部错误", "RUST_BACKTRACE", "stack backtrace"] {
        assert!(
            !got.stderr.contains(crash),
            "{name}: no crash report: {}",
            got.stderr
        );
    }
    let first = got.stderr.lines().next().unwrap_or("");
    let (place, message) = first
        .split_once(": 错误：")
        .unwrap_or_else(|| panic!("{name}: `位置: 错误：消息`, got {first}"));
    assert!(
        place.ends_with(case.place),
        "{name}: place {place} should end with {}",
        case.place
    );
    assert!(
        message.contains(case.message),
        "{name}: message {message} should say {}",
        case.message
    );
    assert!(
        got.stdout.is_empty(),
        "{name}: nothing on stdout: {}",
        got.stdout
    );
    common::assert_nothing_in(&out, name);
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(
        beside.len(),
        2,
        "{name}: nothing written beside the input: {beside:?}"
    );
    assert_eq!(digest(&input_dir), before, "{name}: the input is unchanged");
}

#[test]
fn refused_yaml_inputs_name_their_place_and_write_nothing() {
    for case in REFUSED.iter().filter(|c| c.input_kind() == Kind::Yaml) {
        refuse(case);
    }
}

#[test]
fn refused_sheets_name_their_place_and_write_nothing() {
    for case in REFUSED.iter().filter(|c| c.input_kind() == Kind::Sheet) {
        refuse(case);
    }
}

#[test]
fn refused_archives_name_their_place_and_write_nothing() {
    for case in REFUSED.iter().filter(|c| c.input_kind() == Kind::Archive) {
        refuse(case);
    }
}

#[derive(PartialEq, Eq)]
enum Kind {
    Yaml,
    Sheet,
    Archive,
}

impl Refused {
    /// Split over three tests so that the two cores share the generation work.
    fn input_kind(&self) -> Kind {
        match self.command {
            "verify" => Kind::Archive,
            "check" | "render" if !self.place.contains("xlsx") => Kind::Yaml,
            _ => Kind::Sheet,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Accepted inputs: what is written must come out as the same visible text

/// Markup, template syntax and XML in one text: none of it may become markup or be evaluated.
const CORE: &str = r#"<w:p>&amp;&#x41;"'>]]><![CDATA[x]]>{{ 1 + 1 }}{% if true %}是{% endif %}{# 注 #}{{ notice.issuers }}@title {b 粗}\{|\@h1 \n $x"#;

/// Characters with no visible form: C0 and C1 controls, DEL, U+FFFE, U+FFFF. The defined
/// behaviour (README, 限制 / Limits) is that they are dropped from documents. Whitespace
/// controls (tab, line breaks) are tested on their own.
const INVISIBLE: &str = "\u{0}\u{1}\u{8}\u{1f}\u{7f}\u{80}\u{9f}\u{fffe}\u{ffff}";

/// What a field holds: the markup, then name separators (names are given as lists, whose
/// items are taken whole), then the invisible characters.
fn hostile(tag: &str) -> String {
    format!("{tag}{CORE}、，;/{INVISIBLE}末")
}

/// What a reader must see of `hostile(tag)`.
fn visible(tag: &str) -> String {
    format!("{tag}{CORE}、，;/末")
}

/// `text` as a YAML double-quoted scalar, every character without a visible form escaped.
fn yaml_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}') =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every text field of a scheme file, each holding `hostile(tag)` with its own tag (the 署名
/// is the issuer's, its default); the second list says which tags are titles (broken into
/// lines, a space at a break becoming the break).
fn sweep_scheme() -> (String, Vec<&'static str>, Vec<&'static str>) {
    let tags = vec![
        "〔密级〕",
        "〔发文机关〕",
        "〔标志〕",
        "〔标志后缀〕",
        "〔签发人〕",
        "〔主送〕",
        "〔通知标题〕",
        "〔正文〕",
        "〔附注〕",
        "〔抄送〕",
        "〔印发机关〕",
        "〔方案标题〕",
        "〔前言〕",
        "〔一级标题〕",
        "〔一级正文〕",
        "〔阶段〕",
        "〔时段〕",
        "〔阶段正文〕",
        "〔步骤〕",
        "〔小组〕",
        "〔职务名〕",
        "〔成员〕",
        "〔成员职务〕",
        "〔办公室地点〕",
        "〔主任〕",
        "〔主任职务〕",
        "〔副主任〕",
        "〔职责〕",
        "〔任务领域〕",
        "〔协调人〕",
        "〔副协调人〕",
        "〔责任单位〕",
        "〔任务标题〕",
        "〔任务正文〕",
        "〔任务单位〕",
        "〔要求标题〕",
        "〔要求正文〕",
        "〔二级标题〕",
        "〔二级正文〕",
        "〔附件标题〕",
        "〔附件前言〕",
        "〔表格标题〕",
        "〔表头〕",
        "〔表头二〕",
        "〔单元格〕",
        "〔单元格二〕",
    ];
    let titles = vec![
        "〔标志〕",
        "〔标志后缀〕",
        "〔通知标题〕",
        "〔方案标题〕",
        "〔附件标题〕",
        "〔表格标题〕",
    ];
    let t = |tag: &str| yaml_str(&hostile(tag));
    let yaml = format!(
        r#"notice:
  secrecy: {}
  issuer: [{}]
  mark: [{}]
  mark_suffix: {}
  signer: [{}]
  to: [{}]
  title: {}
  body: {}
  date: 2024-05-06
  note: {}
  cc: [{}]
  printer: {}
scheme:
  title: {}
  preamble: {}
  sections:
    - title: {}
      text: {}
      stages:
        - name: {}
          period: {}
          text: {}
          steps: [{}]
      group:
        name: {}
        roles:
          - role: {}
            members: [{{name: {}, title: {}}}]
        office:
          location: {}
          director: {{name: {}, title: {}}}
          deputies: [{}]
          duties: [{}]
      task_areas:
        - name: {}
          coordinators: [{}]
          deputy_coordinators: [{}]
          units: [{}]
          tasks:
            - title: {}
              text: {}
              units: [{}]
      requirements:
        - title: {}
          text: {}
      sections:
        - title: {}
          text: {}
attachments:
  - title: {}
    preamble: {}
tasks:
  title: {}
  columns:
    - {{key: content, header: {}}}
    - {{key: lead, header: {}}}
  rows:
    - {{content: {}, lead: {}}}
"#,
        t(tags[0]),
        t(tags[1]),
        t(tags[2]),
        t(tags[3]),
        t(tags[4]),
        t(tags[5]),
        t(tags[6]),
        t(tags[7]),
        t(tags[8]),
        t(tags[9]),
        t(tags[10]),
        t(tags[11]),
        t(tags[12]),
        t(tags[13]),
        t(tags[14]),
        t(tags[15]),
        t(tags[16]),
        t(tags[17]),
        t(tags[18]),
        t(tags[19]),
        t(tags[20]),
        t(tags[21]),
        t(tags[22]),
        t(tags[23]),
        t(tags[24]),
        t(tags[25]),
        t(tags[26]),
        t(tags[27]),
        t(tags[28]),
        t(tags[29]),
        t(tags[30]),
        t(tags[31]),
        t(tags[32]),
        t(tags[33]),
        t(tags[34]),
        t(tags[35]),
        t(tags[36]),
        t(tags[37]),
        t(tags[38]),
        t(tags[39]),
        t(tags[40]),
        t(tags[41]),
        t(tags[42]),
        t(tags[43]),
        t(tags[44]),
        t(tags[45]),
    );
    (yaml, tags, titles)
}

/// The paragraphs of a DOCX's body as a reader sees them (table cells included): each run's
/// text, `w:br` and `w:cr` as a line break, `w:tab` in a run as a tab. Fails unless every XML
/// part is well-formed and holds no character XML forbids.
fn docx_paragraphs(path: &Path) -> Vec<String> {
    use quick_xml::events::Event;
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(path).expect("open docx")).expect("a zip");
    let mut body = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        let name = part.name().expect("name").to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("UTF-8 part");
        let bad = xml.chars().find(|&c| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{fffe}' | '\u{ffff}')
        });
        assert!(
            bad.is_none(),
            "{name}: holds {bad:?}, which XML 1.0 forbids"
        );
        let mut reader = quick_xml::Reader::from_str(&xml);
        let (mut depth, mut in_run, mut in_text) = (0i64, false, false);
        let mut paragraphs: Vec<String> = Vec::new();
        loop {
            match reader
                .read_event()
                .unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"))
            {
                Event::Start(e) => {
                    depth += 1;
                    match e.name().as_ref() {
                        "w:p" => paragraphs.push(String::new()),
                        "w:r" => in_run = true,
                        "w:t" => in_text = true,
                        _ => {}
                    }
                }
                Event::End(e) => {
                    depth -= 1;
                    match e.name().as_ref() {
                        "w:r" => in_run = false,
                        "w:t" => in_text = false,
                        _ => {}
                    }
                }
                Event::Empty(e) => match e.name().as_ref() {
                    "w:br" | "w:cr" if in_run => {
                        paragraphs.last_mut().expect("in a paragraph").push('\n')
                    }
                    "w:tab" if in_run => paragraphs.last_mut().expect("in a paragraph").push('\t'),
                    "w:p" => paragraphs.push(String::new()),
                    _ => {}
                },
                Event::Text(t) if in_text => paragraphs
                    .last_mut()
                    .expect("in a paragraph")
                    .push_str(&t.xml10_content()),
                Event::GeneralRef(r) if in_text => {
                    let c = if r.is_char_ref() {
                        r.resolve_char_ref()
                            .expect("char ref")
                            .expect("a char")
                            .to_string()
                    } else {
                        match r.as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            other => panic!("{name}: unknown entity &{other};"),
                        }
                        .to_string()
                    };
                    paragraphs.last_mut().expect("in a paragraph").push_str(&c);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0, "{name}: every element is closed");
        if name == "word/document.xml" {
            body = paragraphs;
        }
    }
    body
}

/// Whether some paragraph shows `want`; titles are compared without spaces and line breaks,
/// which line breaking may trade for one another.
fn shows(paragraphs: &[String], want: &str, title: bool) -> bool {
    let squeeze = |s: &str| {
        s.chars()
            .filter(|c| !matches!(c, ' ' | '\n'))
            .collect::<String>()
    };
    paragraphs.iter().any(|p| {
        if title {
            squeeze(p).contains(&squeeze(want))
        } else {
            p.contains(want)
        }
    })
}

/// Renders `yaml` as the scheme file `<name>.yaml` in `dir` and returns the DOCX.
fn rendered(dir: &Path, name: &str, yaml: &str) -> PathBuf {
    let scheme = text_file(dir, &format!("{name}.yaml"), yaml);
    let out = dir.join("out");
    let got = run(&["render", s(&scheme), "-o", s(&out)]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    out.join(format!("{name}.docx"))
}

#[test]
fn every_text_field_shows_markup_and_template_syntax_as_written() {
    let (yaml, tags, titles) = sweep_scheme();
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = rendered(dir.path(), "sweep", &yaml);
    let paragraphs = docx_paragraphs(&docx);
    for tag in &tags {
        assert!(
            shows(&paragraphs, &visible(tag), titles.contains(tag)),
            "{tag}: the field's text is shown as written, invisible characters dropped; paragraphs: {paragraphs:#?}"
        );
    }
    // Nothing was evaluated: no template output stands where the data had template syntax.
    assert!(
        !paragraphs
            .iter()
            .any(|p| p.contains("[\"") || p.trim() == "2"),
        "{paragraphs:#?}"
    );
}

/// Tab, CR, VT, FF, NEL, LS, PS in a title, a paragraph and a table cell.
const WHITESPACE_SCHEME: &str = concat!(
    "scheme:\n  title: \"题\\t目\"\n  preamble: \"甲\\t乙\\r丙\\v丁\\f戊\\N己\\L庚\\P辛\"\n",
    "tasks:\n  columns:\n    - {key: content, header: 内容}\n    - {key: lead, header: 单位}\n",
    "  rows:\n    - {content: \"子\\t丑\\r寅 \\n 卯\\v辰\", lead: 市城管局}\n",
);

#[test]
fn tabs_and_line_breaks_in_data_follow_the_documented_rules() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = rendered(dir.path(), "ws", WHITESPACE_SCHEME);
    let paragraphs = docx_paragraphs(&docx);
    // A tab stays a tab; CR, VT, FF and NEL have no visible form and go; LS and PS are kept.
    for want in ["题\t目", "甲\t乙丙丁戊己\u{2028}庚\u{2029}辛"] {
        assert!(
            paragraphs.iter().any(|p| p == want),
            "{want:?} in {paragraphs:#?}"
        );
    }
    // In a table cell CR and LF are line breaks, trimmed around as a sheet cell is.
    assert!(
        paragraphs.iter().any(|p| p == "子\t丑\n寅\n卯辰"),
        "{paragraphs:#?}"
    );
}

/// A task sheet whose title, headers and cells carry `hostile`; the unit names carry no name
/// separators, since a cell of units is split at them.
fn hostile_sheet(path: &Path) -> Vec<String> {
    let unit = |n: u32| {
        format!(
            "〔单位{n}〕<w:p>&amp{{{{ 1 + 1 }}}}{{% if true %}}是{{% endif %}}@title {{b 粗}}\\{{|\\@h1 $x{INVISIBLE}局"
        )
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("分解表").expect("name");
    ws.write_string(0, 0, hostile("〔表名〕")).expect("cell");
    let headers = [
        "序号",
        "测评项目",
        "测评内容",
        "责任单位",
        "完成时限",
        "完成情况",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(1, c as u16, *h).expect("cell");
    }
    ws.write_string(1, 6, hostile("〔备注列〕")).expect("cell");
    for r in 0..2u32 {
        let row = r + 2;
        ws.write_number(row, 0, f64::from(r + 1)).expect("cell");
        ws.write_string(row, 1, hostile(&format!("〔项目{r}〕")))
            .expect("cell");
        ws.write_string(row, 2, hostile(&format!("〔内容{r}〕")))
            .expect("cell");
        ws.write_string(row, 3, unit(r)).expect("cell");
        ws.write_string(row, 4, "2024-06-30").expect("cell");
        ws.write_string(row, 5, if r == 0 { "已完成" } else { "推进中" })
            .expect("cell");
        ws.write_string(row, 6, hostile(&format!("〔备注{r}〕")))
            .expect("cell");
    }
    book.save(path).expect("save sheet");
    (0..2).map(unit).collect()
}

/// Writes `sheet` as a 测评任务分解表 DOCX to `docx` and returns it.
fn table_of(sheet: &Path, docx: &Path) -> PathBuf {
    let got = run(&["table", s(sheet), "-o", s(docx)]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    docx.to_path_buf()
}

#[test]
fn sheet_cells_show_as_written_in_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = dir.path().join("分解表.xlsx");
    let units = hostile_sheet(&sheet);
    let before = std::fs::read(&sheet).expect("sheet");
    let clean = |u: &str| {
        u.chars()
            .filter(|c| !INVISIBLE.contains(*c))
            .collect::<String>()
    };
    let out = dir.path().join("out");

    // table: every cell, the title and the extra header, as written.
    let table = table_of(&sheet, &out.join("table.docx"));
    let paragraphs = docx_paragraphs(&table);
    for tag in [
        "〔项目0〕",
        "〔内容0〕",
        "〔备注0〕",
        "〔项目1〕",
        "〔内容1〕",
        "〔备注1〕",
    ] {
        assert!(
            shows(&paragraphs, &visible(tag), false),
            "{tag}: {paragraphs:#?}"
        );
    }
    // The title is broken into lines; a header loses its spaces, as offices pad headers.
    for tag in ["〔表名〕", "〔备注列〕"] {
        assert!(
            shows(&paragraphs, &visible(tag), true),
            "{tag}: {paragraphs:#?}"
        );
    }
    for u in &units {
        assert!(shows(&paragraphs, &clean(u), false), "{u}: {paragraphs:#?}");
    }

    // import, then render a scheme that holds the imported tasks: the round trip keeps every
    // character the sheet held, and the YAML it writes is accepted back.
    let tasks = out.join("tasks.yaml");
    let got = run(&["import", s(&sheet), "-o", s(&tasks)]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    let imported = std::fs::read_to_string(&tasks).expect("tasks.yaml");
    let value: serde_norway::Value = serde_norway::from_str(&imported).expect("import writes YAML");
    assert_eq!(
        value["tasks"]["rows"][0]["content"].as_str(),
        Some(hostile("〔内容0〕").as_str()),
        "import keeps every character of a cell, escaped in the YAML"
    );
    let scheme = text_file(
        &out,
        "roundtrip.yaml",
        &format!("scheme:\n  title: 方案\n{imported}"),
    );
    let got = run(&["render", s(&scheme), "-o", s(&out)]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    let again = docx_paragraphs(&out.join("roundtrip.docx"));
    for tag in ["〔项目0〕", "〔内容1〕", "〔备注1〕"] {
        assert!(shows(&again, &visible(tag), false), "{tag}: {again:#?}");
    }

    // split: one file per unit, each named safely inside the folder, each notice naming its unit.
    let split = out.join("split");
    let got = run(&["split", s(&sheet), "-o", s(&split), "--date", "2024-10-01"]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    let files = common::file_names(&split);
    assert_eq!(
        files.len(),
        units.len() + 1,
        "a notice per unit and the index: {files:?}"
    );
    for f in &files {
        assert!(
            !f.chars()
                .any(|c| "<>:\"/\\|?*".contains(c) || c.is_control()),
            "{f}: a name every system can hold"
        );
    }
    for (n, u) in units.iter().enumerate() {
        let file = files
            .iter()
            .find(|f| f.starts_with(&format!("{:03}-", n + 1)))
            .unwrap_or_else(|| panic!("unit {n}'s notice in {files:?}"));
        let notice = docx_paragraphs(&split.join(file));
        assert!(shows(&notice, &clean(u), false), "{u}: {notice:#?}");
    }

    // tally: the bulletin and its workbook name the units as written.
    let tally = out.join("tally.docx");
    let got = run(&[
        "tally",
        s(&sheet),
        "-o",
        s(&tally),
        "--as-of",
        "2024-10-01",
        "--date",
        "2024-10-01",
    ]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    let bulletin = docx_paragraphs(&tally);
    for u in &units {
        assert!(shows(&bulletin, &clean(u), false), "{u}: {bulletin:#?}");
    }
    let mut book =
        zip::ZipArchive::new(std::fs::File::open(tally.with_extension("xlsx")).expect("xlsx"))
            .expect("zip");
    let mut strings = String::new();
    book.by_name("xl/sharedStrings.xml")
        .expect("shared strings")
        .read_to_string(&mut strings)
        .expect("read");
    assert!(
        strings.contains("〔单位0〕&lt;w:p&gt;&amp;amp{{ 1 + 1 }}"),
        "{strings}"
    );
    assert_eq!(
        std::fs::read(&sheet).expect("sheet"),
        before,
        "the sheet is only read"
    );
}

/// python-docx, another reader, finds the same paragraphs as `docx_paragraphs` in the
/// documents made from hostile text above.
#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn python_docx_reads_the_hostile_documents_as_we_do() {
    let py = common::python();
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = dir.path().join("分解表.xlsx");
    hostile_sheet(&sheet);
    let documents = [
        rendered(dir.path(), "sweep", &sweep_scheme().0),
        rendered(dir.path(), "ws", WHITESPACE_SCHEME),
        table_of(&sheet, &dir.path().join("table.docx")),
    ];
    for docx in documents {
        let theirs = common::paragraph_texts(&common::docx_dump(&py, &docx));
        assert_eq!(
            theirs,
            docx_paragraphs(&docx),
            "python-docx reads the paragraphs of {}",
            docx.display()
        );
    }
}

#[test]
fn a_text_of_exactly_the_limit_is_printed_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "文".repeat(100_000);
    let scheme = text_file(
        dir.path(),
        "limit.yaml",
        &format!("scheme:\n  title: 方案\n  preamble: {text}\n"),
    );
    let got = run(&["render", s(&scheme), "-o", s(dir.path())]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    let paragraphs = docx_paragraphs(&dir.path().join("limit.docx"));
    assert!(
        paragraphs.contains(&text),
        "the 100,000 characters, all of them"
    );
}

#[test]
fn blank_rows_down_to_the_last_row_allowed_are_reported_in_one_pass() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = xlsx_with(
        dir.path(),
        "sparse.xlsx",
        &format!(
            r#"<row r="65536">{}{}</row>"#,
            cell("A65536", "末行任务"),
            cell("B65536", "市文明办")
        ),
        1,
        "",
    );
    let started = Instant::now();
    let got = run(&["import", s(&sheet)]);
    // Checking each blank row against every row after it took minutes here; one pass takes
    // well under a second, and this bound leaves room for a loaded machine.
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        got.code,
        Some(0),
        "{}",
        got.stderr.lines().next().unwrap_or("")
    );
    assert_eq!(
        got.stderr
            .lines()
            .filter(|l| l.ends_with("空行，已跳过"))
            .count(),
        65_533
    );
    assert!(got.stdout.contains("末行任务"), "the last row is read");
}

#[test]
fn verify_reads_an_archive_of_65536_files_in_one_pass() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("many.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let empty = format!("{:x}", Sha256::digest(b""));
    let mut manifest = String::new();
    for i in 0..65_536 {
        let name = format!("data/{i:05}.txt");
        z.start_file(&name, stored).expect("entry");
        manifest.push_str(&format!("{empty}  {name}\n"));
    }
    // The tag files a bag needs, the tag manifest vouching for the others.
    let tags = [
        (
            "bagit.txt",
            "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_string(),
        ),
        ("bag-info.txt", "Payload-Oxum: 0.65536\n".to_string()),
        ("manifest-sha256.txt", manifest),
    ];
    let mut tag_manifest = String::new();
    for (name, text) in &tags {
        z.start_file(*name, stored).expect("tag file");
        z.write_all(text.as_bytes()).expect("tag file");
        let hash = Sha256::digest(text.as_bytes());
        tag_manifest.push_str(&format!("{hash:x}  {name}\n"));
    }
    z.start_file("tagmanifest-sha256.txt", stored)
        .expect("tag manifest");
    z.write_all(tag_manifest.as_bytes()).expect("tag manifest");
    z.finish().expect("finish");
    let started = Instant::now();
    let got = run(&["verify", s(&path)]);
    // Matching each listed name against every entry took minutes at this size.
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    assert!(got.stdout.contains("65536 个文件完好"), "{}", got.stdout);
}

/// Writes `bytes` at `rel` below `root`, making folders.
fn put(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("folder")).expect("folders");
    std::fs::write(path, bytes).expect("write evidence");
}

#[test]
fn evidence_with_dotted_names_outside_links_and_colliding_names_is_packed_safely() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let ev = root.join("证据");
    let outside = root.join("外部");
    put(&outside, "秘密.txt", b"SECRET OUTSIDE");
    // Names long enough that the archive path must be cut to 200 characters.
    let long = "x".repeat(240);
    // Each file's content is its own, so a file overwritten by another would show.
    let files: Vec<(String, Vec<u8>)> = [
        ("01 理论学习/报告.pdf", "case a"),
        ("01 理论学习/报告.PDF", "case b"),
        ("01 理论学习/a:b.txt", "windows a"),
        ("01 理论学习/a_b.txt", "windows b"),
        ("01 理论学习/caf\u{e9}.txt", "composed"),
        ("01 理论学习/cafe\u{301}.txt", "decomposed"),
        ("01 理论学习/..秘密.txt", "leading dots"),
        ("01 理论学习/...", "only dots"),
        ("01 理论学习/..\\..\\逃逸.txt", "backslashes"),
        (".. /x.txt", "dots and a space"),
        (&*format!("01 理论学习/{long}甲.txt"), "long a"),
        (&*format!("01 理论学习/{long}乙.txt"), "long b"),
    ]
    .iter()
    .map(|(p, c)| (p.to_string(), c.as_bytes().to_vec()))
    .collect();
    for (p, c) in &files {
        put(&ev, p, c);
    }
    let link =
        |target: PathBuf, at: &str| std::os::unix::fs::symlink(target, ev.join(at)).expect("link");
    link(
        ev.join("01 理论学习/报告.pdf"),
        "01 理论学习/绝对链接-内部.pdf",
    );
    link(outside.join("秘密.txt"), "01 理论学习/绝对链接-外部.txt");
    link(
        PathBuf::from("../../外部/秘密.txt"),
        "01 理论学习/相对链接-外部.txt",
    );
    link(PathBuf::from("../.."), "01 理论学习/上上级");
    link(PathBuf::from("/"), "01 理论学习/根目录");
    let (ev_before, outside_before) = (digest(&ev), digest(&outside));
    let out = root.join("out");
    std::fs::create_dir_all(&out).expect("out");
    let zip_path = out.join("材料.zip");
    let got = run(&["bundle", s(&ev), "-o", s(&zip_path)]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    for (link, why) in [
        (
            "01 理论学习/绝对链接-外部.txt",
            "链接指向证据文件夹之外，未跟随",
        ),
        (
            "01 理论学习/相对链接-外部.txt",
            "链接指向证据文件夹之外，未跟随",
        ),
        ("01 理论学习/上上级", "链接指向证据文件夹之外，未跟随"),
        ("01 理论学习/根目录", "链接指向证据文件夹之外，未跟随"),
    ] {
        assert!(
            got.stderr.contains(&format!("{link}: {why}")),
            "{link} reported: {}",
            got.stderr
        );
    }

    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip_path).expect("zip")).expect("a zip");
    let mut payload: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).expect("entry");
        let name = e.name().expect("name").to_string();
        assert!(
            !name.starts_with('/')
                && !name.contains('\\')
                && name
                    .split('/')
                    .all(|c| c != ".." && c != "." && !c.is_empty()),
            "{name}: a relative path that stays inside the folder it is extracted to"
        );
        if name.starts_with("data/") {
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).expect("read entry");
            payload.insert(name, bytes);
        }
    }
    // Every file arrived, once, with its own content; the link inside brought a copy of its
    // target; nothing from outside the folder came in.
    let mut got_contents: Vec<&[u8]> = payload.values().map(Vec::as_slice).collect();
    let mut want: Vec<&[u8]> = files
        .iter()
        .map(|(_, c)| c.as_slice())
        .chain([b"case a".as_slice()])
        .collect();
    got_contents.sort();
    want.sort();
    assert_eq!(
        got_contents,
        want,
        "archived: {:?}",
        payload.keys().collect::<Vec<_>>()
    );
    // No two names in a folder are the same to a system that ignores case or Unicode
    // normalisation (Windows, macOS), or once a long name is cut to fit.
    let mut seen = std::collections::HashSet::new();
    for name in payload.keys() {
        let key: String = name
            .to_lowercase()
            .chars()
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .collect::<String>()
            .replace('\u{e9}', "e");
        assert!(
            seen.insert(key),
            "{name} collides with another archived name: {:?}",
            payload.keys().collect::<Vec<_>>()
        );
    }
    assert_eq!(
        std::fs::read_dir(&out).expect("out").count(),
        1,
        "only the archive is written"
    );
    assert_eq!(digest(&ev), ev_before, "the evidence folder is only read");
    assert_eq!(
        digest(&outside),
        outside_before,
        "nothing outside is touched"
    );
    let verified = run(&["verify", s(&zip_path)]);
    assert_eq!(verified.code, Some(0), "{}", verified.stderr);
}

#[test]
fn long_chinese_names_are_cut_to_what_every_file_system_holds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ev = dir.path().join("证据");
    // Sub-folders are folded into the file's name under its indicator: 160 characters, 480
    // bytes, within Windows' path length but past Linux's 255 bytes for a name; the folded
    // folder is cut, not the file's own 240 bytes.
    let folder = "会议记录".repeat(20);
    let file = format!("{}.pdf", "学习材料".repeat(20));
    put(&ev, &format!("01 理论学习/{folder}/{file}"), b"long");
    put(
        &ev,
        &format!("01 理论学习/{folder}/{}", file.replace(".pdf", "二.pdf")),
        b"long two",
    );
    let scheme = text_file(
        dir.path(),
        "s.yaml",
        "scheme:\n  title: 方案\nindicators:\n  - {code: 1, name: 理论学习, units: [市委宣传部]}\n",
    );
    let zip_path = dir.path().join("out/材料.zip");
    let got = run(&["bundle", s(&ev), "--scheme", s(&scheme), "-o", s(&zip_path)]);
    assert_eq!(got.code, Some(0), "{}", got.stderr);
    let z = zip::ZipArchive::new(std::fs::File::open(&zip_path).expect("zip")).expect("a zip");
    let names: Vec<String> = z
        .file_names()
        .map(|n| n.expect("a UTF-8 name").into_owned())
        .filter(|n| n.starts_with("data/"))
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    for name in names {
        assert!(
            name.encode_utf16().count() <= 200,
            "{name}: within 200 characters"
        );
        assert!(
            name.split('/').all(|part| part.len() <= 255),
            "{name}: each name within 255 bytes"
        );
        let second = file.replace(".pdf", "二.pdf");
        assert!(
            name.ends_with(&format!("…_{file}")) || name.ends_with(&format!("-{second}")),
            "{name}: the folded folder cut (or left out), the file's own name whole"
        );
    }
}
