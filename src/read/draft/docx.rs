//! A Word document (`.docx`, as Word, WPS and LibreOffice save it) read into a draft: each
//! paragraph's text with the list number Word prints before it, bold runs marked, and its
//! tables cell by cell, merges kept. Runs split anywhere are joined; deleted text, field codes
//! and drawings are left out, but a text box's paragraphs (a 函's mark) are read before the
//! paragraph it floats from, and a picture anchored in a paragraph is noted (a seal).

use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::numbering::Numbering;
use super::parts::{Parts, damaged};
use super::styles::Styles;
use super::xml::{attr, entity, is_on, number};
use super::{Block, Cell, Count, Draft, LIMIT_HINT, Para};
use crate::error::{Error, Result};
use crate::limits::DRAFT_TABLE_DEPTH;

/// The draft the Word document at `path` holds.
pub fn read_docx(path: &Path) -> Result<Draft> {
    let parts = Parts::open(path)?;
    let styles = Styles::parse(&parts.read("word/styles.xml")?.unwrap_or_default());
    let numbering = Numbering::parse(&parts.read("word/numbering.xml")?.unwrap_or_default());
    let Some(document) = parts.read("word/document.xml")? else {
        return Err(
            Error::file(path, "这不是 Word 文档：其中没有正文（word/document.xml）")
                .with_hint("用 Word 或 WPS 打开它，另存为 .docx 后再试"),
        );
    };
    let mut walk = Walk::new(styles, numbering);
    super::super::guard::guarded(
        || {
            walk.document(&document).map_err(|stop| match stop {
                Stop::Damaged(why) => damaged(path, &why),
                Stop::Limit(why) => Error::file(path, why).with_hint(LIMIT_HINT),
            })
        },
        || damaged(path, "结构不完整或自相矛盾"),
    )?;
    Ok(Draft {
        blocks: walk.blocks,
        by_line: false,
    })
}

/// Why reading `document.xml` stopped: its XML is damaged, or it passes a limit.
enum Stop {
    Damaged(String),
    Limit(String),
}

/// English metric units in a millimetre: a drawing's size.
const EMU_PER_MM: f64 = 36_000.0;

/// What is read of a paragraph while a text box inside it is read.
struct Outer {
    runs: Vec<(String, bool)>,
    centred: bool,
    list: Option<(u32, u32)>,
    style_bold: bool,
    bold: bool,
    picture: Option<f64>,
}

/// Where the reading of `document.xml` is.
#[derive(Default)]
struct Walk {
    styles: Styles,
    numbering: Numbering,
    blocks: Vec<Block>,
    /// The paragraph being read: its runs as (text, bold), its properties.
    runs: Vec<(String, bool)>,
    centred: bool,
    list: Option<(u32, u32)>,
    style_bold: bool,
    picture: Option<f64>,
    /// The width of the drawing being read, mm.
    extent_mm: f64,
    /// Whether blank paragraphs came since the last paragraph or table of the draft.
    after_blank: bool,
    /// The paragraphs a text box's paragraph is read inside, outermost first.
    outer: Vec<Outer>,
    /// How many paragraphs are open, one inside another's text box.
    depth: usize,
    /// Inside the paragraph's properties, a run, its text, or text that is not shown.
    in_props: bool,
    bold: bool,
    in_text: bool,
    hidden: u32,
    /// The draft's paragraphs so far, and all paragraphs, those in cells too.
    paragraphs: usize,
    count: Count,
    /// Open tables, outermost first: each its rows, the last row being read.
    tables: Vec<Vec<Vec<Cell>>>,
    /// Open cells, outermost first.
    cells: Vec<Cell>,
}

impl Walk {
    fn new(styles: Styles, numbering: Numbering) -> Walk {
        Walk {
            styles,
            numbering,
            ..Walk::default()
        }
    }

    fn document(&mut self, xml: &str) -> std::result::Result<(), Stop> {
        let mut reader = Reader::from_str(xml);
        loop {
            let event = reader
                .read_event()
                .map_err(|e| Stop::Damaged(e.to_string()))?;
            match event {
                Event::Start(e) => self.start(&e, false).map_err(Stop::Limit)?,
                Event::Empty(e) => self.start(&e, true).map_err(Stop::Limit)?,
                Event::End(e) => self.end(e.local_name().as_ref()).map_err(Stop::Limit)?,
                Event::Text(t) if self.in_text && self.hidden == 0 => self.push_text(&t),
                Event::GeneralRef(r) if self.in_text && self.hidden == 0 => {
                    if let Some(c) = entity(&r) {
                        self.push_text(&c.to_string());
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> std::result::Result<(), String> {
        match e.local_name().as_ref() {
            "p" if !empty => self.begin_paragraph(),
            "pPr" if !empty => self.in_props = true,
            "jc" if self.in_props => self.centred = attr(e, "val").as_deref() == Some("center"),
            "ilvl" if self.in_props => {
                self.list.get_or_insert((0, 0)).1 = number(e, "val").unwrap_or(0)
            }
            "numId" if self.in_props => {
                self.list.get_or_insert((0, 0)).0 = number(e, "val").unwrap_or(0)
            }
            "pStyle" if self.in_props => {
                self.style_bold = attr(e, "val").is_some_and(|s| self.styles.bold(&s));
            }
            "r" if !empty => self.bold = self.style_bold,
            "b" if !self.in_props => self.bold = is_on(e),
            "t" if !empty => self.in_text = true,
            "tab" if !self.in_props && self.hidden == 0 => self.push_text("\t"),
            "br" | "cr" if self.hidden == 0 => self.push_text("\n"),
            "del" | "instrText" | "delText" | "moveFrom" | "Fallback" if !empty => self.hidden += 1,
            "extent" => self.extent_mm = f64::from(number(e, "cx").unwrap_or(0)) / EMU_PER_MM,
            "pic" if self.hidden == 0 => self.picture = Some(self.extent_mm),
            "tbl" if !empty => self.open_table()?,
            "tr" if !empty => self
                .tables
                .last_mut()
                .into_iter()
                .for_each(|t| t.push(Vec::new())),
            "tc" if !empty => self.cells.push(Cell {
                span: 1,
                ..Cell::default()
            }),
            "gridSpan" => {
                let span = number(e, "val").unwrap_or(1).max(1);
                self.cells
                    .last_mut()
                    .into_iter()
                    .for_each(|c| c.span = span as usize);
            }
            "vMerge" => {
                let continued = attr(e, "val").as_deref() != Some("restart");
                self.cells
                    .last_mut()
                    .into_iter()
                    .for_each(|c| c.continued = continued);
            }
            _ => {}
        }
        Ok(())
    }

    /// A table opened: refused past [`DRAFT_TABLE_DEPTH`] tables one inside another.
    fn open_table(&mut self) -> std::result::Result<(), String> {
        self.tables.push(Vec::new());
        if self.tables.len() <= DRAFT_TABLE_DEPTH {
            return Ok(());
        }
        let after = match self.paragraphs {
            0 => "正文开头".to_string(),
            n => format!("第 {n} 段之后"),
        };
        Err(format!(
            "{after}的表格一层套一层，超过 {DRAFT_TABLE_DEPTH} 层的上限"
        ))
    }

    fn end(&mut self, name: &str) -> std::result::Result<(), String> {
        match name {
            "pPr" => self.in_props = false,
            "t" => self.in_text = false,
            "del" | "instrText" | "delText" | "moveFrom" | "Fallback" => {
                self.hidden = self.hidden.saturating_sub(1)
            }
            "p" => {
                self.end_paragraph()?;
                self.resume_outer();
            }
            "tc" => {
                if let Some(cell) = self.cells.pop()
                    && let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut())
                {
                    row.push(cell);
                }
            }
            "tbl" => self.end_table(),
            _ => {}
        }
        Ok(())
    }

    /// A paragraph begun; one inside a text box keeps what was read of the paragraph that
    /// holds the box, to go on with it after.
    fn begin_paragraph(&mut self) {
        if self.depth > 0 {
            self.outer.push(Outer {
                runs: std::mem::take(&mut self.runs),
                centred: self.centred,
                list: self.list,
                style_bold: self.style_bold,
                bold: self.bold,
                picture: self.picture,
            });
        }
        self.depth += 1;
        self.runs.clear();
        (self.centred, self.list, self.style_bold) = (false, None, false);
        self.picture = None;
    }

    /// A paragraph ended: the one holding its text box, if any, read on.
    fn resume_outer(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        if self.depth == 0 {
            return;
        }
        if let Some(o) = self.outer.pop() {
            (self.runs, self.centred, self.list) = (o.runs, o.centred, o.list);
            (self.style_bold, self.bold, self.picture) = (o.style_bold, o.bold, o.picture);
        }
    }

    fn push_text(&mut self, text: &str) {
        match self.runs.last_mut() {
            Some((t, bold)) if *bold == self.bold => t.push_str(text),
            _ => self.runs.push((text.to_string(), self.bold)),
        }
    }

    /// The paragraph read, into the cell it is in or the draft; an empty one is layout.
    /// `Err` past a limit.
    fn end_paragraph(&mut self) -> std::result::Result<(), String> {
        let label = match self.list {
            Some((list, level)) if list != 0 => self.numbering.label(list, level),
            _ => None,
        };
        let runs = std::mem::take(&mut self.runs);
        let shown = |(t, _): &&(String, bool)| !t.trim().is_empty();
        let bold = runs.iter().filter(shown).all(|(_, b)| *b) && runs.iter().any(|r| shown(&r));
        let mut text = label.unwrap_or_default();
        for (t, b) in &runs {
            match (*b && !bold && !t.trim().is_empty(), t.trim()) {
                (true, inner) => text.push_str(&format!("**{inner}**")),
                (false, _) => text.push_str(t),
            }
        }
        let text = text.trim();
        if text.is_empty() {
            self.after_blank |= self.cells.is_empty() && self.depth == 1;
            return Ok(());
        }
        if let Some(cell) = self.cells.last_mut() {
            let place = format!("第 {} 段之后的表格中", self.paragraphs);
            self.count.paragraph(text, &place)?;
            if !cell.text.is_empty() {
                cell.text.push('\n');
            }
            cell.text.push_str(text);
            return Ok(());
        }
        self.count
            .paragraph(text, &format!("第 {} 段", self.paragraphs + 1))?;
        self.paragraphs += 1;
        self.blocks.push(Block::Para(Para {
            text: text.to_string(),
            bold,
            centred: self.centred,
            number: self.paragraphs,
            picture: self.picture,
            after_blank: std::mem::take(&mut self.after_blank),
        }));
        Ok(())
    }

    /// A table closed: the draft's when it is outermost, else its text into the cell that
    /// holds it.
    fn end_table(&mut self) {
        let Some(rows) = self.tables.pop() else {
            return;
        };
        if self.tables.is_empty() {
            self.after_blank = false;
            self.blocks.push(Block::Table(rows));
            return;
        }
        let text: Vec<String> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect();
        if let Some(cell) = self.cells.last_mut() {
            if !cell.text.is_empty() {
                cell.text.push('\n');
            }
            cell.text.push_str(&text.join("\n"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Block, Walk};

    fn texts(xml: &str) -> Vec<(String, Option<f64>)> {
        let mut walk = Walk::default();
        assert!(walk.document(xml).is_ok());
        (walk.blocks.into_iter())
            .filter_map(|b| match b {
                Block::Para(p) => Some((p.text, p.picture)),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_text_box_is_read_before_its_paragraph_once_and_a_picture_with_its_width() {
        let boxed = |inner: &str| {
            format!("<w:txbxContent><w:p><w:r><w:t>{inner}</w:t></w:r></w:p></w:txbxContent>")
        };
        let xml = format!(
            "<w:document><w:body><w:p><w:r><w:t>青文明办函〔2024〕6号</w:t></w:r><w:r>\
             <mc:AlternateContent><mc:Choice><w:drawing>{}</w:drawing></mc:Choice>\
             <mc:Fallback><w:pict>{}</w:pict></mc:Fallback></mc:AlternateContent></w:r>\
             <w:r><w:t>。</w:t></w:r></w:p>\
             <w:p><w:r><w:t>2024年5月27日</w:t></w:r><w:r><w:drawing><wp:anchor>\
             <wp:extent cx=\"1512000\" cy=\"1512000\"/><a:graphic><a:graphicData><pic:pic/>\
             </a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p></w:body></w:document>",
            boxed("青州市文明办"),
            boxed("青州市文明办")
        );
        assert_eq!(
            texts(&xml),
            [
                ("青州市文明办".to_string(), None),
                ("青文明办函〔2024〕6号。".to_string(), None),
                ("2024年5月27日".to_string(), Some(42.0)),
            ]
        );
    }
}
