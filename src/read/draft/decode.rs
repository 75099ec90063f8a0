//! A text draft's bytes as text, in the encoding it was saved in: the byte-order mark (BOM)
//! decides when there is one (UTF-8, UTF-16 LE or BE, as Notepad writes them); else UTF-16
//! when the bytes hold zero bytes and read as Chinese text in UTF-16 (saved without its mark),
//! UTF-8 when they are valid UTF-8, else GB18030 (GBK and GB2312 are part of it: what Notepad
//! saves as “ANSI” on a Chinese Windows) when they decode without a byte left over. Anything
//! else is refused at the line and byte where it stops being text, as is a control character
//! no text file holds.

use std::io::Read;
use std::path::Path;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::error::{Error, Result, io_reason};
use crate::limits::DRAFT_BYTES;
use crate::text::width::is_full_width;

/// What to do about a draft that is no text dossier reads.
const SAVE_AS_UTF8: &str = "用记事本打开它，“另存为”时在“编码”中选 UTF-8，保存后再导入";

/// The text of the draft at `path`, decoded.
pub(super) fn read_text(path: &Path) -> Result<String> {
    let bytes = read_bytes(path)?;
    let text = decode(&bytes).map_err(|why| Error::file(path, why).with_hint(SAVE_AS_UTF8))?;
    match control_character(&text) {
        Some(why) => Err(Error::file(path, why).with_hint(
            "这可能不是纯文本文件；是文本的，请用记事本打开它，另存为 UTF-8 编码后再导入",
        )),
        None => Ok(text),
    }
}

/// The file's bytes, read through the size limit (a file growing as it is read included).
fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    if let Some(why) = super::super::special_file(path) {
        return Err(Error::file(path, why));
    }
    let io = |e: std::io::Error| Error::file(path, format!("无法读取草稿：{}", io_reason(&e)));
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(DRAFT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > DRAFT_BYTES {
        return Err(
            Error::file(path, format!("草稿超过 {} MiB 的上限", DRAFT_BYTES >> 20))
                .with_hint(super::LIMIT_HINT),
        );
    }
    Ok(bytes)
}

/// `bytes` as text; `Err` names the line and byte where no encoding read reads on.
fn decode(bytes: &[u8]) -> std::result::Result<String, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or_default();
        return strict(encoding, body).map_err(|at| {
            let (line, byte) = place(bytes, bom + at, encoding);
            let name = encoding.name();
            format!("第 {line} 行第 {byte} 字节不是 {name} 编码的文字，而文件开头的标记（BOM）说它是 {name} 编码")
        });
    }
    if let Some(text) = unmarked_utf16(bytes) {
        return Ok(text);
    }
    let utf8 = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_string()),
        Err(e) => e.valid_up_to(),
    };
    let gbk = match strict(GB18030, bytes) {
        Ok(text) => return Ok(text),
        Err(at) => at,
    };
    // Text valid as UTF-8 past a Chinese character is UTF-8, and breaks off where UTF-8 does
    // (GBK's two-byte characters are often valid UTF-8 too, but as Latin, Greek or Hebrew
    // letters); else it is GBK, broken off where GBK is.
    let valid = bytes.get(..utf8).and_then(|b| std::str::from_utf8(b).ok());
    let chinese_utf8 = valid.is_some_and(|t| t.chars().any(is_full_width));
    let at = if chinese_utf8 { utf8 } else { gbk };
    let (line, byte) = place(bytes, at, GB18030);
    Err(format!(
        "第 {line} 行第 {byte} 字节不是 UTF-8 或 GBK 编码的文字"
    ))
}

/// `bytes` as UTF-16 saved without its mark, little-endian (as Windows writes it) or
/// big-endian: when they hold a zero byte (the high byte of every line end, space, digit and
/// Latin letter; no text in another encoding has one) and decode without a unit left over
/// into text of the characters Chinese documents are written in. The same bytes read in the
/// other order, or UTF-8 read as UTF-16, give Korean, Yi and rare Chinese characters instead.
fn unmarked_utf16(bytes: &[u8]) -> Option<String> {
    if !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
        return None;
    }
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .filter_map(|encoding| strict(encoding, bytes).ok())
        .find(|text| mostly_common(text))
}

/// Whether 19 in 20 of `text`'s characters or more are ones Chinese documents are written
/// in: ASCII, common Chinese characters, Chinese and full-width punctuation, and the Latin,
/// punctuation, number and symbol blocks a document uses.
fn mostly_common(text: &str) -> bool {
    let common = |c: char| {
        matches!(u32::from(c),
            0x09 | 0x0A | 0x0C | 0x0D | 0x20..=0x7E | 0xA0..=0xFF | 0x2000..=0x27BF
                | 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
    };
    let (all, usual) = text.chars().fold((0usize, 0usize), |(a, u), c| {
        (a + 1, u + usize::from(common(c)))
    });
    usual * 20 >= all * 19
}

/// `bytes` decoded as `encoding` with nothing replaced; `Err` the offset of the first byte
/// that is no character in it.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> std::result::Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut at = 0;
    loop {
        let rest = bytes.get(at..).unwrap_or_default();
        let room = decoder.max_utf8_buffer_length_without_replacement(rest.len());
        text.reserve(room.unwrap_or(rest.len()));
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        at += read;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, after) => {
                return Err(at.saturating_sub(usize::from(bad) + usize::from(after)));
            }
        }
    }
}

/// The line and the byte within it (both from 1) of offset `at` in `bytes`, saved in
/// `encoding`: CR LF, CR and LF each end a line.
fn place(bytes: &[u8], at: usize, encoding: &'static Encoding) -> (usize, usize) {
    let unit = if encoding == UTF_16LE || encoding == UTF_16BE {
        2
    } else {
        1
    };
    let code = |i: usize| match (unit, bytes.get(i), bytes.get(i + 1)) {
        (1, Some(&b), _) => u16::from(b),
        (_, Some(&a), Some(&b)) if encoding == UTF_16LE => u16::from_le_bytes([a, b]),
        (_, Some(&a), Some(&b)) => u16::from_be_bytes([a, b]),
        _ => 0,
    };
    let (mut line, mut start, mut i) = (1, 0, 0);
    while i + unit <= at {
        let c = code(i);
        i += unit;
        let crlf = c == 0x0D && i + unit <= at && code(i) == 0x0A;
        if c == 0x0A || (c == 0x0D && !crlf) {
            (line, start) = (line + 1, i);
        }
    }
    (line, at - start + 1)
}

/// Where `text` holds a control character no text file does (a zero byte, an escape …; tab,
/// line ends and form feed are text), and which.
fn control_character(text: &str) -> Option<String> {
    let starts = line_starts(text);
    let (at, c) = text.char_indices().find(|&(_, c)| is_stray_control(c))?;
    let line = line_of(&starts, at);
    let start = starts.get(line - 1).copied().unwrap_or(0);
    let column = text.get(start..at).map_or(0, |s| s.chars().count()) + 1;
    Some(format!(
        "第 {line} 行第 {column} 个字符是控制字符 U+{:04X}，纯文本中不会有它",
        u32::from(c)
    ))
}

/// A control character no text file holds: tab, line ends and form feed are text.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')
}

/// Where each line of `text` starts, in bytes: CR LF, CR and LF each end a line.
pub(super) fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        let crlf = b == b'\r' && bytes.get(i + 1) == Some(&b'\n');
        if b == b'\n' || (b == b'\r' && !crlf) {
            starts.push(i + 1);
        }
    }
    starts
}

/// The line (from 1) byte offset `at` is on, given the lines' `starts`.
pub(super) fn line_of(starts: &[usize], at: usize) -> usize {
    starts.partition_point(|&s| s <= at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        GB18030.encode(text).0.into_owned()
    }

    #[test]
    fn a_bom_decides_the_encoding() {
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend("通知".as_bytes());
        assert_eq!(decode(&utf8).as_deref(), Ok("通知"));
        let mut le = vec![0xFF, 0xFE];
        le.extend("通知\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).as_deref(), Ok("通知\r\n"));
        let mut be = vec![0xFE, 0xFF];
        be.extend("方案".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).as_deref(), Ok("方案"));
    }

    #[test]
    fn a_bom_that_lies_is_refused_where_its_encoding_stops() {
        let mut bytes = b"\xEF\xBB\xBFok\n".to_vec();
        bytes.extend(gbk("创建"));
        let e = decode(&bytes).unwrap_err();
        assert!(
            e.starts_with("第 2 行第 1 字节不是 UTF-8 编码的文字"),
            "{e}"
        );
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("a\nb".encode_utf16().flat_map(u16::to_le_bytes));
        bytes.extend([0x00, 0xD8, b'c', 0]);
        let e = decode(&bytes).unwrap_err();
        assert!(
            e.starts_with("第 2 行第 3 字节不是 UTF-16LE 编码的文字"),
            "{e}"
        );
        assert!(e.contains("BOM"), "{e}");
    }

    #[test]
    fn utf8_then_unmarked_utf16_then_gbk() {
        assert_eq!(
            decode("一、总体要求".as_bytes()).as_deref(),
            Ok("一、总体要求")
        );
        assert_eq!(
            decode(&gbk("一、总体要求\r\n")).as_deref(),
            Ok("一、总体要求\r\n")
        );
        let le: Vec<u8> = "创建\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le).as_deref(), Ok("创建\n"));
        let be: Vec<u8> = "A创建".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be).as_deref(), Ok("A创建"));
        let text = "　　开展志愿服务活动，开创新局面\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(
            decode(&le).as_deref(),
            Ok(text),
            "开 (U+5F00) has a zero low byte"
        );
        let mut stray = "第一行第二行第三行".as_bytes().to_vec();
        stray.insert(3, 0);
        assert!(
            decode(&stray).unwrap_or_default().contains('\0'),
            "UTF-8, not UTF-16"
        );
        assert_eq!(decode(b"").as_deref(), Ok(""));
    }

    #[test]
    fn bytes_neither_encoding_reads_are_refused_at_their_line_and_byte() {
        let mut bytes = gbk("第一行\r\n第二行");
        bytes.extend([0xFF, 0xFE, b'x']);
        let e = decode(&bytes).unwrap_err();
        assert_eq!(e, "第 2 行第 7 字节不是 UTF-8 或 GBK 编码的文字");
        let mut bytes = "标题\r第二行".as_bytes().to_vec();
        bytes.push(0xC3);
        bytes.extend("尾".as_bytes());
        let e = decode(&bytes).unwrap_err();
        assert!(e.starts_with("第 2 行第 10 字节"), "UTF-8 before it: {e}");
        let mut bytes = gbk("通知\r\n各单位：");
        bytes.push(0xFF);
        let e = decode(&bytes).unwrap_err();
        assert!(
            e.starts_with("第 2 行第 9 字节"),
            "通知 is valid UTF-8 in GBK: {e}"
        );
    }

    #[test]
    fn control_characters_are_named_at_their_line() {
        let e = control_character("第一行\n通\u{1}知").unwrap_or_default();
        assert_eq!(e, "第 2 行第 2 个字符是控制字符 U+0001，纯文本中不会有它");
        assert_eq!(control_character("表\t格\r\n\u{c}下页"), None);
    }

    #[test]
    fn lines_end_at_crlf_cr_and_lf() {
        let text = "a\r\nb\rc\nd";
        let starts = line_starts(text);
        assert_eq!(starts, [0, 3, 5, 7]);
        assert_eq!(line_of(&starts, 0), 1);
        assert_eq!(line_of(&starts, 3), 2);
        assert_eq!(line_of(&starts, 7), 4);
        assert_eq!(place(b"a\r\nb\rcd", 6, GB18030), (3, 2));
    }
}
