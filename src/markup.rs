//! The markup templates produce: one block per line, a line starting with `@tag` or, without
//! a tag, a body paragraph. Inside a block, `{h1 …}`…`{h4 …}` set a run in a heading's face and
//! `{b …}` in bold; `\` escapes `\ { } @ |` and `\n` breaks the line. README lists every tag.

use crate::error::{Error, Result};

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
    /// One 签发人.
    Signer,
    /// The notice's title.
    Title,
    /// 主送机关.
    To,
    /// A heading on its own line, level 1 to 4.
    Heading(u8),
    /// A paragraph whose continuation lines hang under the text after its label.
    Hang,
    /// One attachment's name in the 附件说明.
    Attach,
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
    /// A table the document carries, by its number from 0 (`@table 0`).
    Table,
}

const TAGS: [(&str, Tag); 24] = [
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
    ("sign", Tag::Sign),
    ("date", Tag::Date),
    ("note", Tag::Note),
    ("att_label", Tag::AttLabel),
    ("att_title", Tag::AttTitle),
    ("cc", Tag::Cc),
    ("printer", Tag::Printer),
    ("print_date", Tag::PrintDate),
    ("table", Tag::Table),
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
    /// Its label (only `@hang` has one): the text before the first unescaped `|`.
    pub label: Vec<Inline>,
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

/// Parses markup; `origin` names the template it came from, for error messages.
///
/// ```
/// use dossier::markup::{parse, Tag, Inline, Style};
/// let blocks = parse("@h1 一、指导思想\n{h3 1.学习。}深入开展\\{x\\}", "t").unwrap();
/// assert_eq!(blocks[0].tag, Tag::Heading(1));
/// assert_eq!(blocks[1].content[0], Inline::Text("1.学习。".into(), Style::Heading(3)));
/// assert_eq!(blocks[1].text(), "1.学习。深入开展{x}");
/// ```
pub fn parse(text: &str, origin: &str) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        // The markup is the templates' joint output, so its line is named with its text.
        let at = || {
            format!(
                "模板输出第 {n} 行「{}」（由 {origin} 开始渲染）",
                line.trim()
            )
        };
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let (tag, rest) = match line.strip_prefix('@') {
            Some(tagged) => {
                let (name, rest) = tagged.split_once(' ').unwrap_or((tagged, ""));
                let tag = TAGS
                    .iter()
                    .find(|(t, _)| *t == name)
                    .map(|(_, tag)| *tag)
                    .ok_or_else(|| {
                        Error::at(at(), format!("未知的标记「@{name}」")).with_hint(
                            "README“模板标记”一节列出了可用的标记；数据中的 @ 会被自动转义",
                        )
                    })?;
                (tag, rest)
            }
            None => (Tag::Para, line.trim_start()),
        };
        let (label, content) = if tag == Tag::Hang {
            let (label, content) = split_unescaped(rest, '|').ok_or_else(|| {
                Error::at(
                    at(),
                    "@hang 需要用 | 分开标签和内容，如 @hang 组　长：|杨　杰",
                )
            })?;
            (inlines(label).map_err(|m| Error::at(at(), m))?, content)
        } else {
            (Vec::new(), rest)
        };
        let content = inlines(content).map_err(|m| Error::at(at(), m))?;
        blocks.push(Block {
            tag,
            label,
            content,
            line: n,
        });
    }
    Ok(blocks)
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

    #[test]
    fn escaped_data_stays_text() {
        let b = parse("\\@title \\{h1 x\\} a\\|b\\\\", "t").unwrap();
        assert_eq!(b[0].tag, Tag::Para);
        assert_eq!(b[0].text(), "@title {h1 x} a|b\\");
    }

    #[test]
    fn hang_splits_label() {
        let b = parse("@hang 组　长：|杨　杰\\|x", "t").unwrap();
        assert_eq!(plain(&b[0].label), "组　长：");
        assert_eq!(b[0].text(), "杨　杰|x");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("ok\n@bogus x", "notice.tera").unwrap_err();
        assert_eq!(
            e.place,
            "模板输出第 2 行「@bogus x」（由 notice.tera 开始渲染）"
        );
        assert!(parse("{h1 open", "t").is_err());
        assert!(parse("close}", "t").is_err());
        assert!(parse("{zz x}", "t").is_err());
    }

    #[test]
    fn breaks() {
        let b = parse("@title 第一行\\n第二行", "t").unwrap();
        assert_eq!(b[0].content[1], Inline::Break);
    }
}
