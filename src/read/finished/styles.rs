//! `styles.xml`: the document defaults and each style's paragraph, run and table-border
//! properties, with the `basedOn` chains followed, so that a paragraph's properties resolve
//! as Word resolves them: defaults, then its paragraph style, then its character style, then
//! its direct formatting.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::props::{DEFAULT_SIZE, ParaProps, RunProps, Sides};
use super::tree::Tree;
use crate::read::draft::xml::attr;

/// One style.
#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    para: ParaProps,
    run: RunProps,
    table: Sides,
}

/// A document's styles.
#[derive(Debug, Default)]
pub(super) struct Styles {
    para: ParaProps,
    run: RunProps,
    styles: HashMap<String, Style>,
    /// The default paragraph style (`Normal`) and table style.
    default_para: Option<String>,
    default_table: Option<String>,
}

/// A `basedOn` chain is followed this far at most: a loop ends there.
const CHAIN: usize = 16;

impl Styles {
    /// The styles of `xml` (a `styles.xml`); `Err` says why the XML cannot be read.
    pub fn parse(xml: &str) -> Result<Styles, String> {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut tree = Tree::default();
        let mut id = String::new();
        loop {
            match reader.read_event().map_err(|e| e.to_string())? {
                Event::Start(e) => {
                    styles.element(&e, &tree, &mut id);
                    tree.open(e.local_name().as_ref());
                }
                Event::Empty(e) => styles.element(&e, &tree, &mut id),
                Event::End(_) => tree.close(),
                Event::Eof => return Ok(styles),
                _ => {}
            }
        }
    }

    /// Takes in element `e`, opened inside `tree`, of the style `id` (empty outside one).
    fn element(&mut self, e: &BytesStart, tree: &Tree, id: &mut String) {
        let name = e.local_name();
        let name = name.as_ref();
        if tree.unread_with(name) {
            return;
        }
        if name == "style" {
            *id = attr(e, "styleId").unwrap_or_default();
            let default = attr(e, "default").is_some_and(|d| d == "1" || d == "true");
            match attr(e, "type").as_deref() {
                Some("paragraph") if default => self.default_para = Some(id.clone()),
                Some("table") if default => self.default_table = Some(id.clone()),
                _ => {}
            }
            return;
        }
        let in_style = tree.within("style");
        if in_style && name == "basedOn" {
            self.styles.entry(id.clone()).or_default().based_on = attr(e, "val");
            return;
        }
        let (para, run, table) = if in_style {
            let s = self.styles.entry(id.clone()).or_default();
            (&mut s.para, &mut s.run, Some(&mut s.table))
        } else if tree.within("docDefaults") {
            (&mut self.para, &mut self.run, None)
        } else {
            return;
        };
        match (tree.up(0), tree.up(1)) {
            ("rPr", p) if p != "pPr" => run.set(e),
            ("pPr", _) | ("numPr", "pPr") => para.set(e),
            ("pBdr", _) => para.set_border(e),
            ("tblBorders", _) => table.into_iter().for_each(|t| t.set(e)),
            _ => {}
        }
    }

    /// The paragraph and run properties of paragraph style `id` (the default style when
    /// `None`) over the document defaults.
    pub fn paragraph(&self, id: Option<&str>) -> (ParaProps, RunProps) {
        let mut para = self.para.clone();
        let mut run = self.run.clone();
        for style in self.chain(id.or(self.default_para.as_deref())).iter().rev() {
            para = style.para.over(&para);
            run = style.run.over(&run);
        }
        (para, run)
    }

    /// The size of text in the default paragraph style, half-points.
    pub fn body_size(&self) -> u32 {
        self.paragraph(None).1.size.unwrap_or(DEFAULT_SIZE)
    }

    /// The run properties character style `id` sets, its chain followed.
    pub fn character(&self, id: &str) -> RunProps {
        let chain = self.chain(Some(id));
        (chain.iter().rev()).fold(RunProps::default(), |run, style| style.run.over(&run))
    }

    /// The borders table style `id` (the default table style when `None`) gives.
    pub fn table(&self, id: Option<&str>) -> Sides {
        let chain = self.chain(id.or(self.default_table.as_deref()));
        (chain.iter().rev()).fold(Sides::default(), |b, style| style.table.over(&b))
    }

    /// Style `id` and those it is based on, nearest first.
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut at = id;
        while let Some(style) = at.and_then(|i| self.styles.get(i)) {
            if out.len() == CHAIN {
                break;
            }
            out.push(style);
            at = style.based_on.as_deref();
        }
        out
    }
}
