//! A finished Word document (`.docx`, as dossier, Word, WPS or LibreOffice saves it) read for
//! its formatting: each section's page, margins, document grid and footers; each paragraph's
//! text, alignment, indents and line spacing, and each run's East Asian font, size, weight
//! and colour, resolved as Word resolves them (direct formatting over the character style
//! over the paragraph style over the document defaults, theme fonts looked up); tables with
//! their borders and where they float; and the page each paragraph falls on where the
//! document says (Word records the page breaks it last laid out, `w:lastRenderedPageBreak`;
//! page breaks, `pageBreakBefore` and section breaks start pages too). What `dossier lint`
//! checks against GB/T 9704.

mod body;
mod document;
mod pages;
mod props;
mod rels;
mod sections;
mod styles;
mod theme;
mod tree;

pub use document::read;

/// A finished document's formatting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The body's paragraphs in reading order, those in tables included (text boxes and
    /// drawings are not read).
    pub paragraphs: Vec<Paragraph>,
    /// The body's tables, in the order they open (an inner one after the one holding it).
    pub tables: Vec<Table>,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// The footers the sections use.
    pub footers: Vec<Footer>,
    /// Whether even pages take their own footer (`w:evenAndOddHeaders`); without it every
    /// page takes the default one.
    pub even_and_odd_footers: bool,
    /// Whether the pages paragraphs fall on are known: the document records where its last
    /// layout broke the pages, as Word does when it saves.
    pub pages_known: bool,
}

/// A paragraph as it prints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// Its place among the document's paragraphs, from 1 (`第 12 段`): every paragraph
    /// counts, blank ones and those in tables too, as Word's paragraph marks show them.
    pub number: usize,
    /// Its text, the number a list prints before it included; a tab is `\t`, a line break
    /// `\n`.
    pub text: String,
    /// Its runs with their formatting resolved, the list number's first.
    pub runs: Vec<Run>,
    /// How its lines are aligned.
    pub align: Align,
    /// Left and right indents, twips.
    pub indent_left: i32,
    /// Right indent, twips.
    pub indent_right: i32,
    /// The first line's indent from the left indent, twips; negative hangs.
    pub first_line: i32,
    /// Its line spacing.
    pub line: LineSpacing,
    /// Space before and after, twips.
    pub space_before: i32,
    /// Space after, twips.
    pub space_after: i32,
    /// Whether its lines keep to the document grid (`snapToGrid`, on unless set off).
    pub snap_to_grid: bool,
    /// Whether it starts a page: a page break or a section break before its text, or
    /// `pageBreakBefore`.
    pub new_page: bool,
    /// The line drawn above it, if any.
    pub border_top: Option<Border>,
    /// The line drawn below it, if any.
    pub border_bottom: Option<Border>,
    /// The table cell it is in, if any (the innermost).
    pub cell: Option<CellAt>,
    /// The section it is in, from 0.
    pub section: usize,
    /// The page it starts on, from 1, where known.
    pub page: Option<u32>,
    /// Whether it holds a picture or a shape (a seal, an attached page, a drawn line).
    pub drawing: bool,
}

/// A run of text in one formatting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    /// Its text.
    pub text: String,
    /// The font its Chinese characters are set in (`w:eastAsia`, or the theme's).
    pub east_asia_font: String,
    /// The font its Latin letters and digits are set in (`w:ascii`, or the theme's).
    pub latin_font: String,
    /// Size, pt.
    pub size_pt: f64,
    /// Bold.
    pub bold: bool,
    /// Colour as RRGGBB; `None` for automatic (black).
    pub color: Option<String>,
    /// Space added between characters, twips (negative tightens).
    pub spacing_twips: i32,
    /// The instruction of the field whose result it is, in capitals, its words one space
    /// apart (`PAGE \* MERGEFORMAT`), if any.
    pub field: Option<String>,
}

/// How a paragraph's lines are aligned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified.
    Both,
    /// Spread over the whole line.
    Distribute,
}

/// A paragraph's line spacing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineSpacing {
    /// Every line this high, twips.
    Exact(i32),
    /// Every line at least this high, twips.
    AtLeast(i32),
    /// A multiple of the font's line height (or, on a document grid, of its pitch), in
    /// 240ths: 240 is single.
    Multiple(i32),
}

impl Default for LineSpacing {
    fn default() -> LineSpacing {
        LineSpacing::Multiple(240)
    }
}

/// A line along an edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Border {
    /// Its style as Word names it (`single`, `thick`, `double` …).
    pub style: String,
    /// Its width in eighths of a point.
    pub eighths: u32,
    /// Its colour, RRGGBB or `auto`.
    pub color: String,
}

/// Where a paragraph in a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellAt {
    /// The table, an index into [`Document::tables`].
    pub table: usize,
    /// Its row, from 0.
    pub row: usize,
    /// Its cell in the row, from 0.
    pub column: usize,
}

/// A table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Its width, twips, when given so.
    pub width: Option<i32>,
    /// Where it floats, when it does.
    pub float: Option<Float>,
    /// Its rows, each its cells.
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell's horizontal borders: its own, else the table's (its direct formatting over
/// its style's) for the cell's place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The line above it, if any.
    pub top: Option<Border>,
    /// The line below it, if any.
    pub bottom: Option<Border>,
}

/// Where a floating table is placed (`w:tblpPr`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Float {
    /// What it is placed against vertically: `margin` (the text area), `page` or `text`.
    pub vertical_anchor: String,
    /// Where vertically, when given by name: `bottom`, `top`, `center` …
    pub vertical_spec: Option<String>,
    /// What it is placed against horizontally.
    pub horizontal_anchor: String,
    /// Its distance from that, twips.
    pub x: i32,
}

/// A section: pages set up alike.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    /// Page width and height, twips.
    pub width: i32,
    /// Page height, twips.
    pub height: i32,
    /// Margins to the text area, twips: top, right, bottom, left (the gutter included).
    pub margins: [i32; 4],
    /// The document grid.
    pub grid: Grid,
    /// The footers of its odd (default), even and first pages, indexes into
    /// [`Document::footers`]; a section that names none keeps the previous one's.
    pub footer_odd: Option<usize>,
    /// The even pages' footer.
    pub footer_even: Option<usize>,
    /// The first page's footer, used when `title_page` is set.
    pub footer_first: Option<usize>,
    /// Whether its first page has a footer of its own (`w:titlePg`).
    pub title_page: bool,
    /// Its paragraphs, indexes into [`Document::paragraphs`].
    pub paragraphs: std::ops::Range<usize>,
}

/// A section's document grid.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Grid {
    /// Whether lines keep to it (`lines`, `linesAndChars`, `snapToChars`).
    pub lines: bool,
    /// Whether characters keep to it too (`linesAndChars`, `snapToChars`).
    pub chars: bool,
    /// Its line pitch, twips.
    pub line_pitch: i32,
    /// Its character pitch, twips (not whole: Word reckons it in 4096ths of a point), when
    /// characters keep to it.
    pub char_pitch: f64,
}

/// A footer part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Footer {
    /// Its part's name in the package (`word/footer1.xml`).
    pub part: String,
    /// Its paragraphs.
    pub paragraphs: Vec<Paragraph>,
}
