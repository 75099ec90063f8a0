//! The markup templates produce: one block per line, a line starting with `@tag` or, without
//! a tag, a body paragraph. Inside a block, `{h1 …}`…`{h4 …}` set a run in a heading's face and
//! `{b …}` in bold; `\` escapes `\ { } @ |` and `\n` breaks the line. README lists every tag.
//! A document's markup travels with the tables its `@table N` lines place, checked as it is
//! parsed, so the typesetter is handed one thing: [`Markup`].

use crate::error::{Error, Result};
use crate::model::TableSource;

/// What a block is; the typesetter gives each its place and style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// A body paragraph (a line without a tag).
    Para,
    /// 份号.
    CopyNo,
    /// 密级 and 保密期限.
    Secrecy,
    /// 紧急程度.
    Urgency,
    /// One issuing organ's name in the organ mark.
    Mark,
    /// What follows the names in the organ mark (`文件`).
    MarkSuffix,
    /// 发文字号.
    DocNo,
    /// One 签发人, after the label the first of them carries: `签发人：|张三`.
    Signer,
    /// The notice's title.
    Title,
    /// 主送机关.
    To,
    /// A heading on its own line, level 1 to 4.
    Heading(u8),
    /// A paragraph whose continuation lines hang under the text after its label.
    Hang,
    /// One attachment's name in the 附件说明, after its label and number: `附件：|1.|名称`.
    /// The label is printed before the first only; the list hangs under the text after it.
    Attach,
    /// One attendance list of 纪要 (`出席：…`), its label in 黑体, a blank line before the first.
    Attend,
    /// One organ in the signature.
    Sign,
    /// 成文日期.
    Date,
    /// 附注.
    Note,
    /// `附件` label; starts a new page.
    AttLabel,
    /// An attached document's title; starts a new page unless a label just did.
    AttTitle,
    /// 抄送 line of the 版记.
    Cc,
    /// 印发机关.
    Printer,
    /// 印发日期.
    PrintDate,
    /// The 版记 at the foot of the page the text ends on, even or odd (without it, on an
    /// even page).
    EndAnywhere,
    /// 套打: the organ mark and the red separator are left out (the paper has them printed),
    /// every other position kept.
    Preprinted,
    /// 信函格式: the 版头 of a 函, the first page unnumbered, a 版记 without rules.
    Letter,
    /// 加盖印章: the 署名 and date set for a seal of this diameter, mm (`@sealed 42`).
    Sealed,
    /// The table of this number (from 0) among those the markup carries (`@table 0`).
    Table(usize),
    /// The pages of the attached PDF file of this number (from 0) among those the markup
    /// carries (`@file 0`), each on a page of its own.
    File(usize),
}

const TAGS: [(&str, Tag); 28] = [
    ("copy_no", Tag::CopyNo),
    ("secrecy", Tag::Secrecy),
    ("urgency", Tag::Urgency),
    ("mark", Tag::Mark),
    ("mark_suffix", Tag::MarkSuffix),
    ("doc_no", Tag::DocNo),
    ("signer", Tag::Signer),
    ("title", Tag::Title),
    ("to", Tag::To),
    ("h1", Tag::Heading(1)),
    ("h2", Tag::Heading(2)),
    ("h3", Tag::Heading(3)),
    ("h4", Tag::Heading(4)),
    ("hang", Tag::Hang),
    ("attach", Tag::Attach),
    ("attend", Tag::Attend),
    ("sign", Tag::Sign),
    ("date", Tag::Date),
    ("note", Tag::Note),
    ("att_label", Tag::AttLabel),
    ("att_title", Tag::AttTitle),
    ("cc", Tag::Cc),
    ("printer", Tag::Printer),
    ("print_date", Tag::PrintDate),
    ("end_anywhere", Tag::EndAnywhere),
    ("preprinted", Tag::Preprinted),
    ("sealed", Tag::Sealed),
    ("letter", Tag::Letter),
];

/// The style of an inline run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The block's own style.
    Plain,
    /// The face of a heading of this level.
    Heading(u8),
    /// Bold.
    Bold,
}

/// A piece of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text in a style.
    Text(String, Style),
    /// A line break inside the block.
    Break,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub tag: Tag,
    /// Its label (`@hang`, `@attach`, `@signer`): the text before the first unescaped `|`.
    pub label: Vec<Inline>,
    /// Its number (`@attach`): the text between the label and the content.
    pub number: Vec<Inline>,
    /// Its content.
    pub content: Vec<Inline>,
    /// Line in the markup, from 1, for error messages.
    pub line: usize,
}

impl Block {
    /// The block's text without styles; breaks become `\n`.
    pub fn text(&self) -> String {
        plain(&self.content)
    }
}

/// Text of inlines without styles; breaks become `\n`.
pub fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t, _) => t.as_str(),
            Inline::Break => "\n",
        })
        .collect()
}

/// A document's markup, parsed, with the tables its `@table N` blocks place.
#[derive(Debug)]
pub struct Markup<'a> {
    /// The blocks in order.
    pub blocks: Vec<Block>,
    /// The tables, by number.
    pub tables: Vec<TableSource<'a>>,
    /// The seal's picture a `@sealed` signature is printed under, when there is one.
    pub seal: Option<crate::model::Picture>,
    /// The PDF files attached as they are, by number (`@file N`).
    pub files: Vec<crate::model::PdfFile>,
}

/// Parses markup with the tables it may place; `origin` names the template it came from, for
/// error messages. A `@table N` whose number is no table of `tables` is an error at its line.
///
/// ```
/// use dossier::markup::{parse, Tag, Inline, Style};
/// let m = parse("@h1 一、指导思想\n{h3 1.学习。}深入开展\\{x\\}", "t", Vec::new()).unwrap();
/// assert_eq!(m.blocks[0].tag, Tag::Heading(1));
/// assert_eq!(m.blocks[1].content[0], Inline::Text("1.学习。".into(), Style::Heading(3)));
/// assert_eq!(m.blocks[1].text(), "1.学习。深入开展{x}");
/// assert!(parse("@table 0", "t", Vec::new()).is_err());
/// ```
pub fn parse<'a>(text: &str, origin: &str, tables: Vec<TableSource<'a>>) -> Result<Markup<'a>> {
    let mut blocks = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        // The markup is the templates' joint output, so its line is named with its text.
        let at = || {
            format!(
                "模板输出第 {n} 行「{}」（由 {origin} 开始渲染）",
                line.trim()
            )
        };
        let parsed = block(line.trim_end(), n, tables.len()).map_err(|mut e| {
            e.place = at();
            e
        })?;
        blocks.push(parsed);
    }
    Ok(Markup {
        blocks,
        tables,
        seal: None,
        files: Vec::new(),
    })
}

/// A message about the line being parsed; `parse` names the line.
fn wrong(message: impl Into<String>) -> Error {
    Error::at("", message)
}

/// One line of markup as a block, at line `n`, with `tables` tables to place.
fn block(line: &str, n: usize, tables: usize) -> Result<Block> {
    let (tag, rest) = match line.strip_prefix('@') {
        Some(tagged) => {
            let (name, rest) = tagged.split_once(' ').unwrap_or((tagged, ""));
            (tag(name, rest, tables)?, rest)
        }
        None => (Tag::Para, line.trim_start()),
    };
    let mut b = Block {
        tag,
        label: Vec::new(),
        number: Vec::new(),
        content: Vec::new(),
        line: n,
    };
    let content = match tag {
        Tag::Hang | Tag::Signer | Tag::Attend => {
            let (label, content) = labelled(rest, tag)?;
            b.label = inlines(label).map_err(wrong)?;
            content
        }
        Tag::Attach => {
            let (label, numbered) = labelled(rest, tag)?;
            let (number, content) = labelled(numbered, tag)?;
            b.label = inlines(label).map_err(wrong)?;
            b.number = inlines(number).map_err(wrong)?;
            content
        }
        Tag::Table(_) | Tag::File(_) => "",
        _ => rest,
    };
    b.content = inlines(content).map_err(wrong)?;
    Ok(b)
}

/// The tag called `name`; `@table`'s number, in `rest`, must be one of the `tables`.
fn tag(name: &str, rest: &str, tables: usize) -> Result<Tag> {
    if name == "table" {
        let n = rest.trim();
        return match n.parse::<usize>() {
            Ok(i) if i < tables => Ok(Tag::Table(i)),
            Ok(_) => Err(wrong(format!(
                "@table {n}：没有第 {n} 张表（共 {tables} 张，从 0 数起）"
            ))),
            Err(_) => Err(wrong(format!(
                "@table 后应是表的编号（从 0 数起的整数），这里是「{n}」"
            ))),
        };
    }
    if name == "file" {
        let n = rest.trim();
        return n.parse::<usize>().map(Tag::File).map_err(|_| {
            wrong(format!(
                "@file 后应是附件文件的编号（从 0 数起的整数），这里是「{n}」"
            ))
        });
    }
    TAGS.iter()
        .find(|(t, _)| *t == name)
        .map(|(_, tag)| *tag)
        .ok_or_else(|| {
            wrong(format!("未知的标记「@{name}」"))
                .with_hint("README“模板标记”一节列出了可用的标记；数据中的 @ 会被自动转义")
        })
}

/// A labelled block's text split at its first unescaped `|`.
fn labelled(text: &str, tag: Tag) -> Result<(&str, &str)> {
    split_unescaped(text, '|').ok_or_else(|| {
        let (name, example) = match tag {
            Tag::Attach => ("@attach", "@attach 附件：|1.|名称"),
            Tag::Signer => ("@signer", "@signer 签发人：|张三"),
            Tag::Attend => ("@attend", "@attend 出席：|市委宣传部孟庆和"),
            _ => ("@hang", "@hang 组　长：|杨　杰"),
        };
        wrong(format!("{name} 需要用 | 分开标签和内容，如 {example}"))
    })
}

/// Splits at the first `sep` not escaped by a backslash.
fn split_unescaped(s: &str, sep: char) -> Option<(&str, &str)> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            return Some((&s[..i], &s[i + c.len_utf8()..]));
        }
    }
    None
}

/// Parses a block's text into styled runs.
fn inlines(s: &str) -> std::result::Result<Vec<Inline>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut style = Style::Plain;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => {
                    flush(&mut out, &mut text, style);
                    out.push(Inline::Break);
                }
                Some(e) => text.push(e),
                None => text.push('\\'),
            },
            '{' => {
                if style != Style::Plain {
                    return Err("样式 {…} 不能嵌套".to_string());
                }
                let name: String = chars.by_ref().take_while(|c| *c != ' ').collect();
                style = match name.as_str() {
                    "h1" => Style::Heading(1),
                    "h2" => Style::Heading(2),
                    "h3" => Style::Heading(3),
                    "h4" => Style::Heading(4),
                    "b" => Style::Bold,
                    other => return Err(format!("未知的样式「{{{other}」，可用：h1 h2 h3 h4 b")),
                };
                flush(&mut out, &mut text, Style::Plain);
            }
            '}' => {
                if style == Style::Plain {
                    return Err(
                        "多余的「}」；文字中的花括号会被自动转义，模板里要写 \\}".to_string()
                    );
                }
                flush(&mut out, &mut text, style);
                style = Style::Plain;
            }
            _ => text.push(c),
        }
    }
    if style != Style::Plain {
        return Err("样式 {… 没有用 } 结束".to_string());
    }
    flush(&mut out, &mut text, style);
    Ok(out)
}

fn flush(out: &mut Vec<Inline>, text: &mut String, style: Style) {
    if !text.is_empty() {
        out.push(Inline::Text(std::mem::take(text), style));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        parse(text, "t", Vec::new()).unwrap().blocks
    }

    #[test]
    fn escaped_data_stays_text() {
        let b = blocks("\\@title \\{h1 x\\} a\\|b\\\\");
        assert_eq!(b[0].tag, Tag::Para);
        assert_eq!(b[0].text(), "@title {h1 x} a|b\\");
    }

    #[test]
    fn hang_signer_and_attach_split_their_labels() {
        let b = blocks(
            "@hang 组　长：|杨　杰\\|x\n@signer 签发人：|张三\n@attach 附件：|2.|台账\\|名单",
        );
        assert_eq!(plain(&b[0].label), "组　长：");
        assert_eq!(b[0].text(), "杨　杰|x");
        assert_eq!(
            (plain(&b[1].label), b[1].text()),
            ("签发人：".into(), "张三".into())
        );
        assert_eq!(plain(&b[2].label), "附件：");
        assert_eq!(plain(&b[2].number), "2.");
        assert_eq!(b[2].text(), "台账|名单");
        assert!(parse("@attach 台账", "t", Vec::new()).is_err());
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("ok\n@bogus x", "notice.tera", Vec::new()).unwrap_err();
        assert_eq!(
            e.place,
            "模板输出第 2 行「@bogus x」（由 notice.tera 开始渲染）"
        );
        for bad in ["{h1 open", "close}", "{zz x}"] {
            assert!(parse(bad, "t", Vec::new()).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_table_number_must_name_a_table() {
        let t = crate::model::TaskTable::built(&[("seq", "序号")], Vec::new());
        let one = || vec![TableSource::Held(&t)];
        assert_eq!(
            parse("@table 0", "t", one()).unwrap().blocks[0].tag,
            Tag::Table(0)
        );
        for bad in ["@table 1", "@table -1", "@table 第一张", "@table"] {
            let e = parse(bad, "t", one()).unwrap_err();
            assert!(e.place.starts_with("模板输出第 1 行"), "{bad}: {e}");
            assert!(e.message.starts_with("@table"), "{bad}: {e}");
        }
    }

    #[test]
    fn breaks() {
        let b = blocks("@title 第一行\\n第二行");
        assert_eq!(b[0].content[1], Inline::Break);
    }
}
