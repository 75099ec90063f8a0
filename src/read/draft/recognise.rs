//! A draft's parts recognised: the notice it opens with, the 版记 it ends with, and the
//! documents between them (the scheme, and each attachment after its `附件N` label), each with
//! its title and its body read into sections.

use super::colophon::{Colophon, take_colophon};
use super::doubt::Doubts;
use super::notice::{NoticeDraft, notice};
use super::{Block, Body, Draft, Para, is_label};

/// A draft, recognised.
#[derive(Debug, Default)]
pub struct Imported {
    /// The notice, when the draft has one.
    pub notice: Option<NoticeDraft>,
    /// Whether the scheme is an attachment (under a label), not printed with the notice.
    pub scheme_as_attachment: bool,
    /// The 版记, when the draft ends with one.
    pub colophon: Option<Colophon>,
    /// The scheme, then each further attachment.
    pub documents: Vec<DocumentDraft>,
    /// What was guessed.
    pub doubts: Doubts,
    /// Whether the draft's places are lines (a text draft), not paragraphs.
    pub by_line: bool,
    /// What the clean-up changed.
    pub tidied: crate::text::tidy::Tidied,
    /// The 任务分解表 the last attachment is, as the scheme file's `tasks:`.
    pub tasks: Option<crate::model::TaskTable>,
}

impl Imported {
    /// Where guess `number` is, as the draft counts (`第 12 段`, `第 3 行`); empty for a guess
    /// about the whole draft (0).
    ///
    /// ```
    /// let i = dossier::read::draft::recognise::Imported { by_line: true, ..Default::default() };
    /// assert_eq!((i.place(3).as_str(), i.place(0).as_str()), ("第 3 行", ""));
    /// ```
    pub fn place(&self, number: usize) -> String {
        match number {
            0 => String::new(),
            n => super::place(self.by_line, n),
        }
    }
}

/// A document of a draft: its title and its body.
#[derive(Debug, Default)]
pub struct DocumentDraft {
    /// Its title.
    pub title: String,
    /// Its paragraphs and sections.
    pub body: Body,
}

/// The parts of `draft`; `name` (the file's name without extension) titles a document that
/// has no title line. `Err` says which table has no place.
///
/// ```
/// use dossier::read::draft::{Block, Draft, Para, recognise::recognise};
/// let blocks = ["台账管理办法", "一、总则", "为规范台账，制定本办法。"].iter().enumerate()
///     .map(|(i, t)| Block::Para(Para { text: t.to_string(), number: i + 1, ..Default::default() })).collect();
/// let r = recognise(Draft { blocks, by_line: false }, "草稿").unwrap();
/// assert!(r.notice.is_none());
/// assert_eq!((r.documents[0].title.as_str(), r.documents[0].body.sections[0].title.as_str()), ("台账管理办法", "总则"));
/// ```
pub fn recognise(mut draft: Draft, name: &str) -> Result<Imported, String> {
    let mut tidied = super::tidy_draft(&mut draft);
    let by_line = draft.by_line;
    let mut blocks = draft.blocks;
    let mut doubts = Doubts::default();
    let colophon = take_colophon(&mut blocks);
    let leading = opening(&blocks);
    let notice = notice(&leading, &mut doubts).map(|(n, taken)| {
        blocks.drain(..taken);
        n
    });
    let mut pieces = labelled_pieces(blocks, notice.is_some());
    let tasks = super::task_table::take_tasks(&mut pieces, &mut doubts);
    let scheme_as_attachment = notice.is_some() && pieces.first().is_some_and(|p| p.0);
    let mut documents = Vec::new();
    let mut unread = Vec::new();
    for (_, piece) in pieces {
        unread.push(super::unread::is_unread(&piece));
        let mut doc = document(piece, name, by_line)?;
        doubts.0.append(&mut doc.body.doubts.0);
        super::typed::typed(&mut doc.body.sections, &mut doubts);
        documents.push(doc);
    }
    let listed = super::unread::listed(notice.as_ref());
    super::unread::title_unread(
        listed,
        &mut documents,
        &unread,
        scheme_as_attachment,
        &mut doubts,
    );
    if let Some(n) = &notice {
        let mut titles = labelled_titles(&documents, scheme_as_attachment);
        titles.extend(tasks.as_ref().map(|t| t.shown_title()));
        check_listed(n, &titles, &mut doubts);
    }
    let mut imported = Imported {
        notice,
        scheme_as_attachment,
        colophon,
        documents,
        doubts,
        by_line,
        tidied,
        tasks,
    };
    super::tidy_recognised(&mut imported, &mut tidied);
    imported.tidied = tidied;
    Ok(imported)
}

/// The paragraphs `blocks` open with, up to the first table; a table that opens them is
/// read as one paragraph of its first column's lines and then the rest (a joint organ mark:
/// the names, then `文件` beside them).
fn opening(blocks: &[Block]) -> Vec<Para> {
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Para(p) => out.push(p.clone()),
            Block::Table(rows) if i == 0 => {
                let first = rows.iter().filter_map(|r| r.first());
                let rest = rows.iter().flat_map(|r| r.iter().skip(1));
                let lines = first
                    .chain(rest)
                    .filter(|c| !c.continued && !c.text.trim().is_empty());
                let text = lines.map(|c| c.text.trim()).collect::<Vec<_>>().join("\n");
                out.push(Para {
                    text,
                    ..Default::default()
                });
            }
            Block::Table(_) => break,
        }
    }
    out
}

/// `blocks` cut at each attachment label, each piece with whether a label opened it; a
/// blank piece before the first label is left out, and after a notice a blank one alone (the
/// notice issues nothing).
fn labelled_pieces(blocks: Vec<Block>, after_notice: bool) -> Vec<(bool, Vec<Block>)> {
    let mut pieces: Vec<(bool, Vec<Block>)> = vec![(false, Vec::new())];
    for block in blocks {
        match &block {
            Block::Para(p) if is_label(&p.text) => pieces.push((true, Vec::new())),
            _ => pieces.last_mut().map_or((), |p| p.1.push(block)),
        }
    }
    let blank = |b: &Block| matches!(b, Block::Para(p) if p.text.trim().is_empty());
    if (pieces.len() > 1 || after_notice) && pieces[0].1.iter().all(blank) {
        pieces.remove(0);
    }
    pieces
}

/// A document from its blocks: the title (the first paragraph when it is centred or no
/// heading, else `name`), the rest its body.
fn document(mut blocks: Vec<Block>, name: &str, by_line: bool) -> Result<DocumentDraft, String> {
    let first = blocks.iter().position(|b| match b {
        Block::Para(p) => !p.text.trim().is_empty(),
        Block::Table(_) => true,
    });
    let titled = first.and_then(|i| match blocks.get(i) {
        Some(Block::Para(p)) if p.centred || crate::text::heading_number(&p.text).is_none() => {
            Some((i, p.text.split_whitespace().collect::<String>()))
        }
        _ => None,
    });
    let title = match titled {
        Some((i, title)) => {
            blocks.drain(..=i);
            title
        }
        None => name.to_string(),
    };
    let draft = Draft { blocks, by_line };
    Ok(DocumentDraft {
        title,
        body: super::body(&draft)?,
    })
}

/// The titles of the documents under a label.
fn labelled_titles(docs: &[DocumentDraft], scheme_labelled: bool) -> Vec<&str> {
    let labelled = docs.iter().skip(usize::from(!scheme_labelled));
    labelled.map(|doc| doc.title.as_str()).collect()
}

/// Says where the 附件说明 and the titles of the attachments disagree.
fn check_listed(n: &NoticeDraft, titles: &[&str], d: &mut Doubts) {
    for listed in &n.attachments {
        if !titles.contains(&listed.as_str()) {
            d.add(
                0,
                format!("附件说明列出的「{listed}」在草稿里没有找到同名的附件：请核对附件标题"),
            );
        }
    }
    if n.attachments.is_empty() && !titles.is_empty() {
        d.add(
            0,
            "草稿有附件，但通知没有附件说明：已按附件顺序生成附件说明",
        );
    }
}
