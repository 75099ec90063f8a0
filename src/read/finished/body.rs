//! The walk through `document.xml` (or a footer): paragraphs with their runs, tables with
//! their cells' borders, sections, fields, and the page breaks met on the way, each
//! paragraph's and run's properties resolved through the styles.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, BytesText, Event};

use super::pages::Mark;
use super::props::{DEFAULT_SIZE, FontRef, ParaProps, RunProps, Sides};
use super::sections::RawSection;
use super::styles::Styles;
use super::theme::Theme;
use super::tree::Tree;
use super::{Cell, CellAt, Float, Paragraph, Run, Table};
use crate::limits::{FINISHED_DEPTH, FINISHED_ITEMS, FINISHED_PARAGRAPHS};
use crate::read::draft::numbering::Numbering;
use crate::read::draft::xml::{attr, entity};

/// Why a walk stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Stop {
    /// The XML cannot be read: why.
    Xml(String),
    /// The part is past a limit: which, in Chinese.
    Limit(String),
}

/// A paragraph read, its properties resolved through its style but its indents not yet
/// turned into twips (a character's width depends on its section's grid).
#[derive(Debug)]
pub(super) struct Read {
    pub paragraph: Paragraph,
    pub props: ParaProps,
    /// The size of its style's text, half-points: what an indent in characters counts.
    pub size: u32,
}

/// A section read: its properties and the paragraphs it ends after (exclusive).
#[derive(Debug)]
pub(super) struct ReadSection {
    pub raw: RawSection,
    pub end: usize,
}

/// A field the reading is inside: its instruction, and whether its result is being read.
#[derive(Debug, Default)]
struct Field {
    instr: String,
    result: bool,
}

/// A table being read.
#[derive(Debug, Default)]
struct OpenTable {
    index: usize,
    style: Option<String>,
    sides: Sides,
    /// Each row's cells' own sides.
    rows: Vec<Vec<Sides>>,
}

/// The paragraph being read.
#[derive(Debug, Default)]
struct Open {
    props: ParaProps,
    /// Its paragraph mark's run properties (a list number takes them).
    mark: RunProps,
    resolved: Option<(ParaProps, RunProps)>,
    runs: Vec<Run>,
    drawing: bool,
    section: Option<RawSection>,
}

/// What a walk read.
#[derive(Debug)]
pub(super) struct Walked {
    pub paragraphs: Vec<Read>,
    pub tables: Vec<Table>,
    pub sections: Vec<ReadSection>,
    /// What it met, in order, for the pages.
    pub marks: Vec<Mark>,
    /// Whether it met a page break Word's layout made.
    pub rendered: bool,
}

/// The walk.
pub(super) struct Walk<'s> {
    styles: &'s Styles,
    theme: &'s Theme,
    numbering: &'s mut Numbering,
    tree: Tree,
    paragraphs: Vec<Read>,
    tables: Vec<Table>,
    sections: Vec<ReadSection>,
    marks: Vec<Mark>,
    rendered: bool,
    para: Option<Open>,
    /// The run being read: its direct properties and text.
    run: Option<(RunProps, String)>,
    fields: Vec<Field>,
    open_tables: Vec<OpenTable>,
    /// The body-level `sectPr` being read.
    section: Option<RawSection>,
    /// Runs, tables, rows and cells read, against [`FINISHED_ITEMS`].
    items: usize,
    /// A limit passed, which ends the reading.
    stop: Option<Stop>,
}

impl<'s> Walk<'s> {
    /// A walk resolving through `styles` and `theme`, numbering lists with `numbering`.
    pub fn new(styles: &'s Styles, theme: &'s Theme, numbering: &'s mut Numbering) -> Self {
        Walk {
            styles,
            theme,
            numbering,
            tree: Tree::default(),
            paragraphs: Vec::new(),
            tables: Vec::new(),
            sections: Vec::new(),
            marks: Vec::new(),
            rendered: false,
            para: None,
            run: None,
            fields: Vec::new(),
            open_tables: Vec::new(),
            section: None,
            items: 0,
            stop: None,
        }
    }

    /// Reads `xml`; `Err` says why it cannot be read, or which limit it passes.
    pub fn read(&mut self, xml: &str) -> Result<(), Stop> {
        let mut reader = Reader::from_str(xml);
        loop {
            if let Some(stop) = self.stop.take() {
                return Err(stop);
            }
            let event = reader.read_event().map_err(|e| Stop::Xml(e.to_string()))?;
            match event {
                Event::Start(e) => {
                    self.start(&e, false);
                    self.tree.open(e.local_name().as_ref());
                    if self.tree.depth() > FINISHED_DEPTH {
                        self.limit(format!("元素嵌套超过 {FINISHED_DEPTH} 层的上限"));
                    }
                }
                Event::Empty(e) => {
                    self.start(&e, true);
                }
                Event::End(_) => {
                    if !self.tree.unread() {
                        let name = self.tree.up(0).to_string();
                        self.end(&name);
                    }
                    self.tree.close();
                }
                Event::Text(t) => self.text(&t),
                Event::GeneralRef(r) => {
                    if let Some(c) = entity(&r) {
                        self.push_text(&c.to_string());
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// Stops the reading: a limit is passed, `what` says which.
    fn limit(&mut self, what: String) {
        self.stop.get_or_insert(Stop::Limit(what));
    }

    /// Counts one more run, table, row or cell.
    fn count_item(&mut self) {
        self.items += 1;
        if self.items > FINISHED_ITEMS {
            self.limit(format!(
                "文字块、表格、行和单元格合计超过 {FINISHED_ITEMS} 个的上限"
            ));
        }
    }

    /// What was read.
    pub fn finish(self) -> Walked {
        Walked {
            paragraphs: self.paragraphs,
            tables: self.tables,
            sections: self.sections,
            marks: self.marks,
            rendered: self.rendered,
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.tree.unread_with(name) {
            if matches!(name, "drawing" | "pict" | "object") {
                self.para.iter_mut().for_each(|p| p.drawing = true);
            }
            return;
        }
        match (name, self.tree.up(0), self.tree.up(1)) {
            ("p", _, _) => {
                self.begin_paragraph();
                if empty {
                    self.end_paragraph();
                }
            }
            ("sectPr", _, _) => self.section = Some(RawSection::default()),
            (_, "sectPr", _) => self.section.iter_mut().for_each(|s| s.set(e)),
            (_, "rPr", "pPr") => self.para.iter_mut().for_each(|p| p.mark.set(e)),
            (_, "pPr", _) | (_, "numPr", "pPr") => {
                self.para.iter_mut().for_each(|p| p.props.set(e))
            }
            (_, "pBdr", _) => self.para.iter_mut().for_each(|p| p.props.set_border(e)),
            ("r", _, _) => self.begin_run(),
            (_, "rPr", "r") => self.run.iter_mut().for_each(|r| r.0.set(e)),
            (_, "r", _) => self.in_run(name, e),
            ("fldSimple", _, _) if !empty => self.fields.push(Field {
                instr: attr(e, "instr").unwrap_or_default(),
                result: true,
            }),
            _ => self.in_table(name, e),
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" => self.end_paragraph(),
            "pPr" => self.resolve_paragraph(),
            "r" => self.end_run(),
            "fldSimple" => drop(self.fields.pop()),
            "sectPr" => self.end_section(),
            "tbl" => self.end_table(),
            _ => {}
        }
    }

    /// Text inside `w:t` is the run's; inside `w:instrText` it is the field's instruction.
    fn text(&mut self, t: &BytesText) {
        if self.tree.unread() {
            return;
        }
        let text = t.xml10_content();
        match self.tree.up(0) {
            "t" => self.push_text(&text),
            "instrText" => {
                self.fields
                    .last_mut()
                    .into_iter()
                    .for_each(|f| f.instr.push_str(&text));
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.tree.unread() || !matches!(self.tree.up(0), "t" | "r") {
            return;
        }
        if let Some((_, t)) = self.run.as_mut() {
            t.push_str(text);
            if self.marks.last() != Some(&Mark::Text) {
                self.marks.push(Mark::Text);
            }
        }
    }

    /// An element directly in a run: a tab, a break, a field's parts, a rendered page break.
    fn in_run(&mut self, name: &str, e: &BytesStart) {
        match name {
            "tab" => self.push_text("\t"),
            "cr" => self.push_text("\n"),
            "br" => match attr(e, "type").as_deref() {
                Some("page") => self.marks.push(Mark::Forced),
                Some("column") => {}
                _ => self.push_text("\n"),
            },
            "lastRenderedPageBreak" => {
                self.rendered = true;
                self.marks.push(Mark::Rendered);
            }
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(Field::default()),
                Some("separate") => self
                    .fields
                    .last_mut()
                    .into_iter()
                    .for_each(|f| f.result = true),
                Some("end") => drop(self.fields.pop()),
                _ => {}
            },
            _ => {}
        }
    }

    fn begin_paragraph(&mut self) {
        if self.paragraphs.len() >= FINISHED_PARAGRAPHS {
            self.limit(format!("段落超过 {FINISHED_PARAGRAPHS} 段的上限"));
        }
        self.para = Some(Open::default());
        self.marks.push(Mark::Para(self.paragraphs.len()));
    }

    /// The paragraph's properties through its style, once its own are read; a page break
    /// before it is marked then.
    fn resolve_paragraph(&mut self) {
        let Some(p) = self.para.as_mut().filter(|p| p.resolved.is_none()) else {
            return;
        };
        let (style_para, style_run) = self.styles.paragraph(p.props.style.as_deref());
        let props = p.props.over(&style_para);
        if props.page_break_before == Some(true) {
            self.marks.push(Mark::Forced);
        }
        p.resolved = Some((props, style_run));
    }

    fn begin_run(&mut self) {
        self.resolve_paragraph();
        self.run = Some((RunProps::default(), String::new()));
    }

    fn end_run(&mut self) {
        let Some((direct, text)) = self.run.take() else {
            return;
        };
        let Some(p) = self.para.as_mut() else {
            return;
        };
        let style_run = p.resolved.as_ref().map(|r| r.1.clone()).unwrap_or_default();
        let field = self.fields.iter().rev().find(|f| f.result);
        let field = field.map(|f| f.instr.split_whitespace().collect::<Vec<_>>().join(" "));
        let mut run = resolve_run(&direct, &style_run, self.styles, self.theme);
        run.field = field.map(|f| f.to_uppercase());
        run.text = text;
        if run.text.is_empty() {
            return;
        }
        p.runs.push(run);
        self.count_item();
    }

    fn end_paragraph(&mut self) {
        self.resolve_paragraph();
        let Some(mut open) = self.para.take() else {
            return;
        };
        let (props, style_run) = open.resolved.take().unwrap_or_default();
        let index = self.paragraphs.len();
        let mut runs = self.label(&props, &open.mark.over(&style_run));
        runs.append(&mut open.runs);
        let paragraph = Paragraph {
            number: index + 1,
            text: runs.iter().map(|r| r.text.as_str()).collect(),
            runs,
            drawing: open.drawing,
            cell: self.cell_at(),
            section: self.sections.len(),
            ..Paragraph::default()
        };
        let size = style_run.size.unwrap_or(DEFAULT_SIZE);
        self.paragraphs.push(Read {
            paragraph,
            props,
            size,
        });
        self.marks.push(Mark::ParaEnd(index));
        if let Some(raw) = open.section.take() {
            self.close_section(raw);
        }
    }

    /// The number Word's list prints before a paragraph, as a run in the paragraph mark's
    /// formatting.
    fn label(&mut self, props: &ParaProps, mark: &RunProps) -> Vec<Run> {
        let text = match (props.num_id, props.level) {
            (Some(list), level) if list != 0 => self.numbering.label(list, level.unwrap_or(0)),
            _ => None,
        };
        let base = RunProps::default();
        let run = |text| Run {
            text,
            ..resolve_run(mark, &base, self.styles, self.theme)
        };
        text.filter(|t| !t.is_empty())
            .map(run)
            .into_iter()
            .collect()
    }

    /// A `sectPr` closed: in a paragraph's properties it ends the section after that
    /// paragraph; in the body, the last section.
    fn end_section(&mut self) {
        let Some(raw) = self.section.take() else {
            return;
        };
        match self.para.as_mut() {
            Some(p) => p.section = Some(raw),
            None => self.close_section(raw),
        }
    }

    fn close_section(&mut self, raw: RawSection) {
        self.marks.push(Mark::Section(raw.start));
        self.sections.push(ReadSection {
            raw,
            end: self.paragraphs.len(),
        });
    }

    /// The cell paragraphs now being read are in.
    fn cell_at(&self) -> Option<CellAt> {
        let t = self.open_tables.last()?;
        let row = t.rows.len().checked_sub(1)?;
        let column = t.rows.last()?.len().checked_sub(1)?;
        Some(CellAt {
            table: t.index,
            row,
            column,
        })
    }

    /// An element of a table's structure or properties.
    fn in_table(&mut self, name: &str, e: &BytesStart) {
        if matches!(name, "tbl" | "tr" | "tc") {
            self.count_item();
        }
        let parent = self.tree.up(0);
        match (name, parent) {
            ("tbl", _) => {
                let index = self.tables.len();
                self.tables.push(Table::default());
                self.open_tables.push(OpenTable {
                    index,
                    ..OpenTable::default()
                });
            }
            ("tr", _) => self.with_table(|t, _| t.rows.push(Vec::new())),
            ("tc", _) => self.with_table(|t, _| {
                t.rows
                    .last_mut()
                    .into_iter()
                    .for_each(|r| r.push(Sides::default()))
            }),
            (_, "tcBorders") => self.with_table(|t, _| {
                let cell = t.rows.last_mut().and_then(|r| r.last_mut());
                cell.into_iter().for_each(|c| c.set(e));
            }),
            (_, "tblBorders") => self.with_table(|t, _| t.sides.set(e)),
            ("tblStyle", "tblPr") => self.with_table(|t, _| t.style = attr(e, "val")),
            ("tblW", "tblPr") => self.with_table(|_, table| table.width = twips_width(e)),
            ("tblpPr", "tblPr") => self.with_table(|_, table| table.float = Some(float(e))),
            _ => {}
        }
    }

    fn with_table(&mut self, f: impl FnOnce(&mut OpenTable, &mut Table)) {
        if let Some(open) = self.open_tables.last_mut()
            && let Some(table) = self.tables.get_mut(open.index)
        {
            f(open, table);
        }
    }

    /// A table closed: its cells' borders resolved against its own and its style's.
    fn end_table(&mut self) {
        let Some(open) = self.open_tables.pop() else {
            return;
        };
        let sides = open.sides.over(&self.styles.table(open.style.as_deref()));
        let last = open.rows.len().saturating_sub(1);
        let rows = (open.rows.iter().enumerate())
            .map(|(i, row)| row.iter().map(|c| cell(c, &sides, i, last)).collect())
            .collect();
        if let Some(table) = self.tables.get_mut(open.index) {
            table.rows = rows;
        }
    }
}

/// A run's formatting: its own over its character style over its paragraph's style (which
/// holds the document defaults).
fn resolve_run(direct: &RunProps, style_run: &RunProps, styles: &Styles, theme: &Theme) -> Run {
    let character = direct.style.as_deref().map(|s| styles.character(s));
    let props = direct.over(&character.unwrap_or_default().over(style_run));
    let font = |f: &Option<FontRef>| f.as_ref().map(|f| theme.font(f));
    Run {
        east_asia_font: font(&props.east_asia).unwrap_or_default(),
        latin_font: font(&props.latin).unwrap_or_default(),
        size_pt: f64::from(props.size.unwrap_or(DEFAULT_SIZE)) / 2.0,
        bold: props.bold.unwrap_or(false),
        color: props.color.filter(|c| !c.eq_ignore_ascii_case("auto")),
        spacing_twips: props.spacing.unwrap_or(0),
        ..Run::default()
    }
}

/// A cell's borders: its own where it sets them, else the table's for its row.
fn cell(own: &Sides, table: &Sides, row: usize, last: usize) -> Cell {
    let above = if row == 0 {
        &table.top
    } else {
        &table.inside_h
    };
    let below = if row == last {
        &table.bottom
    } else {
        &table.inside_h
    };
    Cell {
        top: own.top.clone().or_else(|| above.clone()).flatten(),
        bottom: own.bottom.clone().or_else(|| below.clone()).flatten(),
    }
}

/// A table's width when given in twips.
fn twips_width(e: &BytesStart) -> Option<i32> {
    let dxa = attr(e, "type").is_none_or(|t| t == "dxa");
    dxa.then(|| super::props::signed(e, "w")).flatten()
}

/// Where a floating table is placed.
fn float(e: &BytesStart) -> Float {
    Float {
        vertical_anchor: attr(e, "vertAnchor").unwrap_or_else(|| "margin".to_string()),
        vertical_spec: attr(e, "tblpYSpec"),
        horizontal_anchor: attr(e, "horzAnchor").unwrap_or_else(|| "text".to_string()),
        x: super::props::signed(e, "tblpX").unwrap_or(0),
    }
}
