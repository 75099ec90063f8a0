//! The hostile-input corpus, draft part: drafts made to break `dossier import DRAFT` — Word
//! documents that are zip bombs, hold 100,000 paragraphs, tables nested 50 deep or XML that
//! does not parse; text files in no encoding dossier reads, with control characters, a line
//! of 200,000 characters or 65 MiB; Markdown nested without end; a file of no kind dossier
//! reads. `tests/hostile.rs` holds the rest of the corpus; its conventions hold here.
//!
//! Every run is killed after `common::TIMEOUT`, so a hang fails. A refused draft gives exit 1,
//! the Chinese message at its place with a hint, no crash report, nothing at the target and the
//! input unchanged; a draft read gives exit 0 and the right text.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{digest, run, s};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// A Word document at `dir/name` whose `word/document.xml` is `xml` as it is.
fn docx_xml(dir: &Path, name: &str, xml: &str) -> PathBuf {
    let path = dir.join(name);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    z.finish().unwrap();
    path
}

/// A Word document at `dir/name` whose body is `body`.
fn docx(dir: &Path, name: &str, body: &str) -> PathBuf {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    docx_xml(dir, name, &xml)
}

/// Tables nested `depth` deep, the innermost cell holding `text`.
fn nested_tables(depth: usize, text: &str) -> String {
    let open = "<w:tbl><w:tr><w:tc>".repeat(depth);
    let close = "</w:tc></w:tr></w:tbl>".repeat(depth);
    format!("{open}{}{close}", para(text))
}

/// Sets the uncompressed size every header of the zip at `path` declares to `size`.
fn declare_size(path: &Path, size: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    for i in 0..bytes.len().saturating_sub(4) {
        let at = match &bytes[i..i + 4] {
            [0x50, 0x4b, 0x03, 0x04] => i + 22,
            [0x50, 0x4b, 0x01, 0x02] => i + 24,
            _ => continue,
        };
        bytes[at..at + 4].copy_from_slice(&size.to_le_bytes());
    }
    std::fs::write(path, bytes).unwrap();
}

/// A text file at `dir/name` of `bytes`.
fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Bytes no encoding reads, the same each run.
fn noise(n: usize) -> Vec<u8> {
    let mut x: u32 = 0x2024_0305;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect()
}

struct Refused {
    name: &'static str,
    input: fn(&Path) -> PathBuf,
    /// The end of the place the message names, and what the message says.
    place: &'static str,
    message: &'static str,
}

const REFUSED: &[Refused] = &[
    Refused {
        name: "a zip bomb: a Word document whose text declares 3 GiB",
        input: |d| {
            let path = docx(d, "炸弹.docx", &para("通知"));
            declare_size(&path, 3 << 30);
            path
        },
        place: "炸弹.docx",
        message: "Word 文档中的「word/document.xml」解压后超过 128 MiB 的上限",
    },
    Refused {
        name: "a zip bomb that declares 1 KiB and inflates to 16 MiB",
        input: |d| {
            let path = docx(d, "谎报.docx", &para(&"段".repeat((16 << 20) / 3)));
            declare_size(&path, 1 << 10);
            path
        },
        place: "谎报.docx",
        message: "无法读取 Word 文档：文件已损坏",
    },
    Refused {
        name: "a Word document of 100,000 paragraphs",
        input: |d| {
            docx(
                d,
                "十万段.docx",
                &para("各单位要加强领导。").repeat(100_000),
            )
        },
        place: "十万段.docx",
        message: "草稿超过 20000 段的上限（表格中的段落也计算在内），到第 20001 段为止",
    },
    Refused {
        name: "a Word table cell of 100,000 paragraphs",
        input: |d| {
            let cell = para("巡查记录").repeat(100_000);
            let body = format!(
                "{}<w:tbl><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl>",
                para("台账")
            );
            docx(d, "一格十万段.docx", &body)
        },
        place: "一格十万段.docx",
        message: "草稿超过 20000 段的上限（表格中的段落也计算在内），到第 1 段之后的表格中为止",
    },
    Refused {
        name: "Word tables nested 50 deep",
        input: |d| {
            let body = format!("{}{}", para("附件"), nested_tables(50, "深"));
            docx(d, "套表.docx", &body)
        },
        place: "套表.docx",
        message: "第 1 段之后的表格一层套一层，超过 8 层的上限",
    },
    Refused {
        name: "a Word document whose XML does not parse",
        input: |d| {
            let xml = format!(
                r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>未闭合</w:body></w:document>"#
            );
            docx_xml(d, "坏.docx", &xml)
        },
        place: "坏.docx",
        message: "无法读取 Word 文档：文件已损坏",
    },
    Refused {
        name: "a Word document that is no zip",
        input: |d| file(d, "假.docx", "一、总体要求".as_bytes()),
        place: "假.docx",
        message: "这不是 Word 文档（.docx）：内容不是 zip 格式",
    },
    Refused {
        name: "a text draft of 100,000 lines",
        input: |d| {
            file(
                d,
                "十万行.txt",
                "　　各单位要加强领导。\r\n".repeat(100_000).as_bytes(),
            )
        },
        place: "十万行.txt",
        message: "草稿超过 20000 段的上限（表格中的段落也计算在内），到第 20001 行为止",
    },
    Refused {
        name: "random bytes named .txt",
        input: |d| file(d, "乱码.txt", &noise(4096)),
        place: "乱码.txt",
        message: "字节不是 UTF-8 或 GBK 编码的文字",
    },
    Refused {
        name: "a GBK draft with a byte no encoding reads on its third line",
        input: |d| {
            let mut bytes = encoding_rs::GB18030
                .encode("通知\r\n各单位：\r\n　　请于")
                .0
                .into_owned();
            bytes.extend([0xFF, b'3']);
            file(d, "半截.txt", &bytes)
        },
        place: "半截.txt",
        message: "第 3 行第 9 字节不是 UTF-8 或 GBK 编码的文字",
    },
    Refused {
        name: "a text draft with an escape sequence",
        input: |d| file(d, "控制.txt", "通知\n\u{1b}[31m各单位".as_bytes()),
        place: "控制.txt",
        message: "第 2 行第 1 个字符是控制字符 U+001B",
    },
    Refused {
        name: "a text draft of one line of 200,000 characters",
        input: |d| file(d, "长行.txt", "字".repeat(200_000).as_bytes()),
        place: "长行.txt",
        message: "第 1 行有 200000 字，超过一段 100000 字的上限",
    },
    Refused {
        name: "a text draft of 65 MiB",
        input: |d| {
            let path = d.join("大.txt");
            std::fs::File::create(&path)
                .unwrap()
                .set_len(65 << 20)
                .unwrap();
            path
        },
        place: "大.txt",
        message: "草稿超过 64 MiB 的上限",
    },
    Refused {
        name: "a Markdown draft of one line of 200,000 characters in brackets",
        input: |d| {
            let line = format!("{}文{}", "[".repeat(100_000), "]".repeat(100_000));
            file(d, "括号.md", line.as_bytes())
        },
        place: "括号.md",
        message: "第 1 行有 200001 字，超过一段 100000 字的上限",
    },
    Refused {
        name: "an old Word document (.doc)",
        input: |d| file(d, "草稿.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
        place: "草稿.doc",
        message: "dossier 能读取的草稿是 Word 文档（.docx）、纯文本（.txt）和 Markdown（.md、.markdown）",
    },
    Refused {
        name: "a file of no kind dossier reads",
        input: |d| file(d, "草稿.pdf", b"%PDF-1.7"),
        place: "草稿.pdf",
        message: "不是能读取的表格文件",
    },
];

fn refuse(case: &Refused) {
    let dir = tempfile::tempdir().unwrap();
    let (input_dir, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(&input_dir).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let input = (case.input)(&input_dir);
    let before = digest(&input_dir);
    let target = out.join("方案.yaml");
    let got = run(&["import", s(&input), "-o", s(&target)]);
    let name = case.name;
    assert_eq!(
        got.code,
        Some(1),
        "{name}: exit code; stderr: {}",
        got.stderr
    );
    for crash in ["panicked", "内部错误", "RUST_BACKTRACE", "stack backtrace"] {
        assert!(!got.stderr.contains(crash), "{name}: {}", got.stderr);
    }
    let mut lines = got.stderr.lines();
    let first = lines.next().unwrap_or("");
    let (place, message) = first
        .split_once(": 错误：")
        .unwrap_or_else(|| panic!("{name}: `位置: 错误：消息`, got {first}"));
    assert!(place.ends_with(case.place), "{name}: place {place}");
    assert!(message.contains(case.message), "{name}: message {message}");
    let hint = lines.next().unwrap_or("");
    assert!(
        hint.trim_start().starts_with("提示："),
        "{name}: a hint: {hint}"
    );
    assert!(got.stdout.is_empty(), "{name}: {}", got.stdout);
    common::assert_nothing_in(&out, name);
    assert_eq!(digest(&input_dir), before, "{name}: the input is unchanged");
}

#[test]
fn hostile_drafts_are_refused_at_their_place_and_write_nothing() {
    for case in REFUSED {
        let started = std::time::Instant::now();
        refuse(case);
        let took = started.elapsed();
        assert!(took.as_secs() < 10, "{}: refused in {took:?}", case.name);
    }
}

/// Imports `path` and returns the scheme file's title and the YAML.
fn imported(path: &Path) -> (String, String) {
    let got = run(&["import", s(path)]);
    assert_eq!(got.code, Some(0), "{}: {}", path.display(), got.stderr);
    let doc = dossier::read::scheme::parse(&got.stdout, "imported.yaml").unwrap();
    (doc.attachments[0].title.clone(), got.stdout)
}

#[test]
fn utf16_with_or_without_its_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "关于开展志愿服务活动的通知\r\n各单位：\r\n　　请于3月底前报送。\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let marked: Vec<u8> = [0xFF, 0xFE].into_iter().chain(le.iter().copied()).collect();
    for (name, bytes) in [
        ("无标记.txt", &le),
        ("大端.txt", &be),
        ("有标记.txt", &marked),
    ] {
        let (title, yaml) = imported(&file(dir.path(), name, bytes));
        assert_eq!(title, "关于开展志愿服务活动的通知", "{name}");
        assert!(yaml.contains("请于3月底前报送。"), "{name}: {yaml}");
    }
}

#[test]
fn tables_nested_within_the_limit_give_their_text_to_the_outer_cell() {
    let dir = tempfile::tempdir().unwrap();
    let inner = nested_tables(7, "巡查记录");
    let body = format!(
        "{}<w:tbl><w:tr><w:tc>{}{inner}</w:tc></w:tr></w:tbl>",
        para("一、台账目录"),
        para("公共秩序")
    );
    let path = docx(dir.path(), "八层.docx", &body);
    let draft = dossier::read::draft::read(&path).unwrap();
    let dossier::read::draft::Block::Table(rows) = &draft.blocks[1] else {
        panic!("a table: {draft:?}")
    };
    assert_eq!(rows[0][0].text, "公共秩序\n巡查记录");
}

#[test]
fn markdown_nested_without_end_is_read_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let quotes = format!("# 通知\n\n{} 各单位\n", ">".repeat(50_000));
    let lists: String = (0..2_000)
        .map(|i| format!("{}- 第{i}项\n", "  ".repeat(i)))
        .collect();
    for (name, text) in [
        ("引用.md", quotes),
        ("列表.md", format!("# 通知\n\n{lists}")),
    ] {
        let started = std::time::Instant::now();
        let (title, _) = imported(&file(dir.path(), name, text.as_bytes()));
        assert_eq!(title, "通知", "{name}");
        assert!(
            started.elapsed().as_secs() < 10,
            "{name}: {:?}",
            started.elapsed()
        );
    }
}
