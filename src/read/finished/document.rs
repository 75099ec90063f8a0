//! A finished document read whole: its parts opened with their sizes checked, each read, and
//! the paragraphs placed in their sections, on their pages, with their indents in twips.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::body::{Read, ReadSection, Stop, Walk};
use super::props::Len;
use super::rels::Rels;
use super::styles::Styles;
use super::theme::Theme;
use super::{Align, Document, Footer, LineSpacing, Paragraph, Section};
use crate::error::{Error, Result};
use crate::read::draft::numbering::Numbering;
use crate::read::draft::parts::{Parts, damaged};
use crate::read::draft::xml::is_on;

/// The formatting of the Word document at `path`. A file that is no Word document, is too
/// large, holds a part too large to inflate or XML that cannot be read is an error naming it.
///
/// ```
/// use dossier::{layout, markup, typeset, write::docx};
/// let m = markup::parse("正文。", "t", Vec::new()).unwrap();
/// let g = typeset::typeset(&m, &layout::GBT9704).unwrap();
/// let bytes = docx::to_bytes(&g, &layout::FONT_PROFILES[0], &Default::default()).unwrap();
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("a.docx");
/// std::fs::write(&path, bytes).unwrap();
/// let doc = dossier::read::finished::read(&path).unwrap();
/// let p = &doc.paragraphs[0];
/// assert_eq!((p.text.as_str(), p.runs[0].east_asia_font.as_str()), ("正文。", "仿宋_GB2312"));
/// assert_eq!((p.runs[0].size_pt, p.first_line), (16.0, 630));
/// assert_eq!(doc.sections[0].margins, [2098, 1474, 1984, 1587]);
/// std::fs::write(&path, "not a zip").unwrap();
/// assert!(dossier::read::finished::read(&path).unwrap_err().message.contains("不是 zip"));
/// ```
pub fn read(path: &Path) -> Result<Document> {
    let parts = Parts::open(path)?;
    let Some(xml) = parts.read("word/document.xml")? else {
        return Err(
            Error::file(path, "这不是 Word 文档：其中没有正文（word/document.xml）")
                .with_hint("用 Word 或 WPS 打开它，另存为 .docx 后再试"),
        );
    };
    let context = Context::load(path, &parts)?;
    let mut numbering = Numbering::parse(&context.part("word/numbering.xml")?);
    crate::read::guard::guarded(
        || context.document(&xml, &mut numbering),
        || damaged(path, "结构不完整或自相矛盾"),
    )
}

/// What every part is read with: the package, the styles, the theme and the relationships.
struct Context<'p> {
    path: &'p Path,
    parts: &'p Parts<'p>,
    styles: Styles,
    theme: Theme,
    rels: Rels,
    even_and_odd: bool,
}

impl<'p> Context<'p> {
    fn load(path: &'p Path, parts: &'p Parts<'p>) -> Result<Context<'p>> {
        let mut c = Context {
            path,
            parts,
            styles: Styles::default(),
            theme: Theme::default(),
            rels: Rels::default(),
            even_and_odd: false,
        };
        c.styles =
            Styles::parse(&c.part("word/styles.xml")?).map_err(|w| c.bad("word/styles.xml", w))?;
        let rels = c.part("word/_rels/document.xml.rels")?;
        c.rels = Rels::parse(&rels).map_err(|w| c.bad("word/_rels/document.xml.rels", w))?;
        let theme = c.part(c.rels.theme())?;
        c.theme = Theme::parse(&theme).map_err(|w| c.bad(c.rels.theme(), w))?;
        let settings = c.part("word/settings.xml")?;
        c.even_and_odd = even_and_odd(&settings).map_err(|w| c.bad("word/settings.xml", w))?;
        Ok(c)
    }

    /// Part `name` as text; empty when the package has none.
    fn part(&self, name: &str) -> Result<String> {
        Ok(self.parts.read(name)?.unwrap_or_default())
    }

    /// The error for part `name`'s XML that cannot be read, `why`.
    fn bad(&self, name: &str, why: String) -> Error {
        damaged(self.path, &format!("{name}：{why}"))
    }

    /// The error for part `name`'s reading stopped by `stop`.
    fn stopped(&self, name: &str, stop: Stop) -> Error {
        match stop {
            Stop::Xml(why) => self.bad(name, why),
            Stop::Limit(what) => Error::file(
                self.path,
                format!("无法检查 Word 文档：其中「{name}」的{what}"),
            )
            .with_hint("这不像一份公文；若确是公文，请分成几份再查"),
        }
    }

    /// The document `xml` (a `document.xml`) holds, its footers read.
    fn document(&self, xml: &str, numbering: &mut Numbering) -> Result<Document> {
        let mut walk = Walk::new(&self.styles, &self.theme, numbering);
        walk.read(xml)
            .map_err(|s| self.stopped("word/document.xml", s))?;
        let walked = walk.finish();
        let pages = super::pages::pages(&walked.marks, walked.paragraphs.len(), walked.rendered);
        let mut doc = Document {
            tables: walked.tables,
            even_and_odd_footers: self.even_and_odd,
            pages_known: walked.rendered,
            ..Document::default()
        };
        self.sections(
            &walked.sections,
            walked.paragraphs.len(),
            &mut doc,
            numbering,
        )?;
        doc.paragraphs = (walked.paragraphs.into_iter().zip(pages))
            .map(|(read, (new_page, page))| {
                let section = doc.sections.get(read.paragraph.section);
                Paragraph {
                    new_page,
                    page,
                    ..finish(read, section)
                }
            })
            .collect();
        Ok(doc)
    }

    /// `doc`'s sections from those `read`, over `count` paragraphs, their footers read.
    fn sections(
        &self,
        read: &[ReadSection],
        count: usize,
        doc: &mut Document,
        numbering: &mut Numbering,
    ) -> Result<()> {
        let mut footers: HashMap<String, usize> = HashMap::new();
        let mut start = 0;
        for read in read {
            let mut section = read.raw.section(start..read.end, self.styles.body_size());
            for (kind, id) in &read.raw.footers {
                let n = self.footer(id, &section, &mut footers, doc, numbering)?;
                match kind.as_str() {
                    "even" => section.footer_even = n,
                    "first" => section.footer_first = n,
                    _ => section.footer_odd = n,
                }
            }
            inherit(&mut section, doc.sections.last());
            start = read.end;
            doc.sections.push(section);
        }
        // Paragraphs after the last section's properties, or a body without any, take
        // Word's defaults: no size, no margins.
        if doc.sections.is_empty() || start < count {
            let raw = super::sections::RawSection::default();
            doc.sections.push(raw.section(start..count, 0));
        }
        Ok(())
    }

    /// The footer relationship `id` names, read once, its index among `doc`'s footers.
    fn footer(
        &self,
        id: &str,
        section: &Section,
        read: &mut HashMap<String, usize>,
        doc: &mut Document,
        numbering: &mut Numbering,
    ) -> Result<Option<usize>> {
        let Some(name) = self.rels.part(id) else {
            return Ok(None);
        };
        if let Some(&n) = read.get(name) {
            return Ok(Some(n));
        }
        let mut walk = Walk::new(&self.styles, &self.theme, numbering);
        walk.read(&self.part(name)?)
            .map_err(|s| self.stopped(name, s))?;
        let paragraphs = walk.finish().paragraphs;
        doc.footers.push(Footer {
            part: name.to_string(),
            paragraphs: (paragraphs.into_iter())
                .map(|p| finish(p, Some(section)))
                .collect(),
        });
        read.insert(name.to_string(), doc.footers.len() - 1);
        Ok(Some(doc.footers.len() - 1))
    }
}

/// A section that names no footer of a kind keeps the previous section's.
fn inherit(section: &mut Section, previous: Option<&Section>) {
    let Some(p) = previous else {
        return;
    };
    section.footer_odd = section.footer_odd.or(p.footer_odd);
    section.footer_even = section.footer_even.or(p.footer_even);
    section.footer_first = section.footer_first.or(p.footer_first);
}

/// A paragraph read, its indents in twips: a character counts its section's grid pitch
/// when characters keep to the grid, else its style's text size.
fn finish(read: Read, section: Option<&Section>) -> Paragraph {
    let grid = section.map(|s| s.grid).unwrap_or_default();
    let unit = if grid.chars {
        grid.char_pitch
    } else {
        f64::from(read.size) * 10.0
    };
    let twips = |l: Option<Len>| match l {
        Some(Len::Twips(t)) => t,
        Some(Len::Chars(c)) => (f64::from(c) * unit / 100.0).round() as i32,
        None => 0,
    };
    let p = &read.props;
    Paragraph {
        align: align(p.jc.as_deref()),
        indent_left: twips(p.left),
        indent_right: twips(p.right),
        first_line: twips(p.first),
        line: match &p.line {
            Some((v, rule)) if rule == "exact" => LineSpacing::Exact(*v),
            Some((v, rule)) if rule == "atLeast" => LineSpacing::AtLeast(*v),
            Some((v, _)) => LineSpacing::Multiple(*v),
            None => LineSpacing::default(),
        },
        space_before: p.before.unwrap_or(0),
        space_after: p.after.unwrap_or(0),
        snap_to_grid: p.snap_to_grid.unwrap_or(true),
        border_top: p.border_top.clone().flatten(),
        border_bottom: p.border_bottom.clone().flatten(),
        ..read.paragraph
    }
}

/// An alignment as `w:jc` names it.
fn align(jc: Option<&str>) -> Align {
    match jc {
        Some("center") => Align::Center,
        Some("right" | "end") => Align::Right,
        Some("both" | "justify" | "lowKashida" | "mediumKashida" | "highKashida") => Align::Both,
        Some("distribute" | "thaiDistribute") => Align::Distribute,
        _ => Align::Left,
    }
}

/// Whether `xml` (a `settings.xml`) gives even pages their own headers and footers.
fn even_and_odd(xml: &str) -> std::result::Result<bool, String> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "evenAndOddHeaders" => {
                return Ok(is_on(&e));
            }
            Event::Eof => return Ok(false),
            _ => {}
        }
    }
}
