//! What each paragraph of a finished document is, read from its text and formatting as a
//! reader of the printed page tells: the 版头 before the title; the title (the first centred
//! paragraph not in red and not the 发文字号); the body after it, with its numbered headings,
//! the 附件说明 and the dates standing alone; each attachment from the page it starts on (its
//! 附件 label, or a centred title opening a page); and the 版记's 抄送 and 印发 lines.

use crate::read::draft::is_label;
use crate::read::finished::{Align, Document, Paragraph};
use crate::text::{heading_level, heading_number};

/// The parts of a document.
#[derive(Debug, Default)]
pub(super) struct Structure {
    /// The main document first, then each attachment.
    pub parts: Vec<Part>,
    /// The 版记's lines, indexes into the document's paragraphs, in order.
    pub end_block: Vec<usize>,
}

/// The main document or an attachment; each field holds indexes into the paragraphs.
#[derive(Debug, Default)]
pub(super) struct Part {
    /// Before the title: the 版头.
    pub head: Vec<usize>,
    /// The attachment's label (附件2).
    pub label: Option<usize>,
    /// The title's paragraphs.
    pub title: Vec<usize>,
    /// Everything after the title outside tables: 主送, text, headings, 附件说明,
    /// signature, date, 附注.
    pub body: Vec<usize>,
    /// The 附件说明's lines, in order.
    pub attachment_note: Vec<usize>,
    /// The paragraphs that are a date alone (成文日期).
    pub dates: Vec<usize>,
    /// The numbered paragraphs of the body, in order.
    pub headings: Vec<Heading>,
}

/// A paragraph opening with a heading number.
#[derive(Debug)]
pub(super) struct Heading {
    /// The paragraph.
    pub paragraph: usize,
    /// The number as written (`（一）`).
    pub label: String,
    /// Its level (1 to 4); 0 for an ordinal stage (`第二阶段：`).
    pub level: u8,
    /// Its value.
    pub number: u32,
    /// How many of the paragraph's first runs are the heading: those before the text of a
    /// run-in one (set apart by their face or weight); all of a heading of levels 1 and 2 on a
    /// line of its own; none of an item numbered in the text's own face (`一、会议认为，…`),
    /// nor of a numbered line of levels 3 and 4 in one face, which may be a heading or an
    /// item of a list, the body's face being theirs.
    pub runs: usize,
}

impl Structure {
    /// The parts of `doc`.
    pub fn of(doc: &Document) -> Structure {
        let end_block: Vec<usize> = (doc.paragraphs.iter().enumerate())
            .filter(|(_, p)| is_end_line(&p.text))
            .map(|(i, _)| i)
            .collect();
        let flow = (doc.paragraphs.iter().enumerate())
            .filter(|(i, p)| p.cell.is_none() && end_block.binary_search(i).is_err())
            .map(|(i, _)| i);
        let parts = split(doc, flow)
            .into_iter()
            .enumerate()
            .map(|(n, chunk)| Part::read(doc, &chunk, n == 0))
            .collect();
        Structure { parts, end_block }
    }
}

/// `抄送：…` or `…印发`.
fn is_end_line(text: &str) -> bool {
    text.trim().starts_with("抄送") || issued(text).is_some()
}

/// The words before `印发` (in traditional script `印發`) ending a 版记 line.
pub(super) fn issued(text: &str) -> Option<&str> {
    let t = text.trim();
    t.strip_suffix("印发").or_else(|| t.strip_suffix("印發"))
}

/// The paragraphs of `flow` in parts: an attachment starts where a page starts with its
/// label or a centred title.
fn split(doc: &Document, flow: impl Iterator<Item = usize>) -> Vec<Vec<usize>> {
    let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
    let mut page_started = false;
    for i in flow {
        let Some(p) = doc.paragraphs.get(i) else {
            continue;
        };
        page_started |= p.new_page;
        let opens = is_label(&p.text) || (p.align == Align::Center && !is_red(p));
        if page_started && has_text(p) {
            if opens && parts.last().is_some_and(|part| !part.is_empty()) {
                parts.push(Vec::new());
            }
            page_started = false;
        }
        parts.last_mut().into_iter().for_each(|part| part.push(i));
    }
    parts
}

impl Part {
    /// The part made of `chunk`, the main document when `main`.
    fn read(doc: &Document, chunk: &[usize], main: bool) -> Part {
        let mut part = Part::default();
        let mut from = 0;
        if !main && let Some(at) = label_at(doc, chunk) {
            part.label = chunk.get(at).copied();
            from = at + 1;
        }
        let rest = chunk.get(from..).unwrap_or_default();
        let body_from = match title_at(doc, rest, main) {
            Some(t) => {
                if main {
                    part.head = rest[..t].to_vec();
                }
                part.title = title_lines(doc, &rest[t..]);
                t + part.title.len()
            }
            None if main => {
                let end = head_end(doc, rest);
                part.head = rest[..end].to_vec();
                end
            }
            None => 0,
        };
        part.body = rest.get(body_from..).unwrap_or_default().to_vec();
        part.classify(doc, main);
        part
    }

    /// The 附件说明, dates and headings among the body's paragraphs.
    fn classify(&mut self, doc: &Document, main: bool) {
        let paragraph = |i: usize| doc.paragraphs.get(i);
        if main {
            self.attachment_note = attachment_note(doc, &self.body);
        }
        for &i in &self.body {
            let Some(p) = paragraph(i) else { continue };
            if super::forms::date_like(&p.text) {
                self.dates.push(i);
            } else if self.attachment_note.binary_search(&i).is_err()
                && let Some(h) = heading(p, i)
            {
                self.headings.push(h);
            }
        }
    }
}

/// Where in `chunk` an attachment's label is: its first paragraph with text, if a label.
fn label_at(doc: &Document, chunk: &[usize]) -> Option<usize> {
    let first = chunk
        .iter()
        .position(|i| doc.paragraphs.get(*i).is_some_and(has_text))?;
    let label = chunk.get(first).and_then(|i| doc.paragraphs.get(*i));
    label.is_some_and(|p| is_label(&p.text)).then_some(first)
}

/// Where in `chunk` the title is: the first paragraph with text that is centred, not red and
/// not the 发文字号; an attachment's only when it is its first paragraph with text.
fn title_at(doc: &Document, chunk: &[usize], main: bool) -> Option<usize> {
    let mut texts =
        (chunk.iter().enumerate()).filter(|(_, i)| doc.paragraphs.get(**i).is_some_and(has_text));
    let is_title = |i: &usize| {
        doc.paragraphs.get(*i).is_some_and(|p| {
            p.align == Align::Center && !is_red(p) && super::forms::doc_number(&p.text).is_none()
        })
    };
    if main {
        texts.find(|(_, i)| is_title(i)).map(|(n, _)| n)
    } else {
        texts.next().filter(|(_, i)| is_title(i)).map(|(n, _)| n)
    }
}

/// The title's paragraphs from the start of `rest`: it and the centred paragraphs with text
/// in its size right after it (a title written on several paragraphs; a subtitle in another
/// size is not the title).
fn title_lines(doc: &Document, rest: &[usize]) -> Vec<usize> {
    let size = |p: &Paragraph| {
        p.runs
            .iter()
            .find(|r| !r.text.trim().is_empty())
            .map(|r| r.size_pt)
    };
    let first = rest
        .first()
        .and_then(|i| doc.paragraphs.get(*i))
        .and_then(size);
    let is_line = |i: &&usize| {
        doc.paragraphs.get(**i).is_some_and(|p| {
            has_text(p) && p.align == Align::Center && !is_red(p) && size(p) == first
        })
    };
    rest.iter().take_while(is_line).copied().collect()
}

/// Without a title, where the main document's 版头 ends: after its red lines, blank lines
/// and 发文字号.
fn head_end(doc: &Document, chunk: &[usize]) -> usize {
    let head = |i: &&usize| {
        doc.paragraphs.get(**i).is_some_and(|p| {
            !has_text(p) || is_red(p) || super::forms::doc_number(&p.text).is_some()
        })
    };
    chunk.iter().take_while(head).count()
}

/// The 附件说明 among `body`: the line opening with `附件：` and the numbered lines after it.
fn attachment_note(doc: &Document, body: &[usize]) -> Vec<usize> {
    let text = |i: &usize| doc.paragraphs.get(*i).map_or("", |p| p.text.trim());
    let Some(start) = body.iter().position(|i| {
        let t = text(i);
        t.starts_with("附件") && !is_label(t) && t.contains(['：', ':'])
    }) else {
        return Vec::new();
    };
    let items = body[start + 1..].iter().take_while(|i| {
        heading_number(text(i))
            .and_then(heading_level)
            .is_some_and(|(level, _)| level >= 3)
    });
    std::iter::once(body[start]).chain(items.copied()).collect()
}

/// The heading paragraph `p` (index `i`) opens with, if it opens with a heading number.
fn heading(p: &Paragraph, i: usize) -> Option<Heading> {
    let label = heading_number(&p.text)?;
    let Some((level, number)) = heading_level(label) else {
        // `第二阶段：`, an ordinal stage: it numbers nothing, but the numbers under it start
        // again (level 0 says so).
        return Some(Heading {
            paragraph: i,
            label: label.trim().to_string(),
            level: 0,
            number: 0,
            runs: p.runs.len(),
        });
    };
    Some(Heading {
        paragraph: i,
        label: label.trim().to_string(),
        level,
        number,
        runs: heading_runs(p, label, level),
    })
}

/// How many of `p`'s first runs form its heading (see [`Heading::runs`]).
fn heading_runs(p: &Paragraph, label: &str, level: u8) -> usize {
    let visible: Vec<usize> = (p.runs.iter().enumerate())
        .filter(|(_, r)| !r.text.trim().is_empty())
        .map(|(n, _)| n)
        .collect();
    let look = |n: &usize| p.runs.get(*n).map(|r| (r.east_asia_font.as_str(), r.bold));
    let first = visible.first().and_then(look);
    match visible.iter().find(|n| look(n) != first) {
        Some(&differs) => differs,
        None if level <= 2 && stands_alone(&p.text, label) => p.runs.len(),
        None => 0,
    }
}

/// Whether `text`, opening with `label`, is a heading on a line of its own: no comma, colon
/// or semicolon, and no sentence ending before its end.
fn stands_alone(text: &str, label: &str) -> bool {
    let rest = text.trim().get(label.len()..).unwrap_or("");
    let rest = rest.trim_end_matches(['。', '！', '？', '.', '!', '?']);
    !rest.contains(['，', '；', '：', '。', '！', '？', ',', ';', ':'])
}

/// Whether `p` has any text but spaces.
pub(super) fn has_text(p: &Paragraph) -> bool {
    !p.text.trim().is_empty()
}

/// Whether all of `p`'s text is red (the organ mark, a 纪要's mark): red strong, green and
/// blue weak, as offices' reds are (FF0000, E60012).
fn is_red(p: &Paragraph) -> bool {
    let red = |c: &str| {
        let v = u32::from_str_radix(c, 16).unwrap_or(0);
        c.len() == 6 && (v >> 16) >= 0xC0 && ((v >> 8) & 0xFF) < 0x60 && (v & 0xFF) < 0x60
    };
    let mut visible = p
        .runs
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .peekable();
    visible.peek().is_some() && visible.all(|r| r.color.as_deref().is_some_and(red))
}
