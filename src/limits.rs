//! Every limit dossier puts on what it reads, in one place. A file past a limit is refused
//! with a Chinese error naming the place and the limit, before any work that would grow with
//! it; README's "限制 / Limits" section lists them. They are far above what an office's real
//! files need, and low enough that no input makes dossier hang or run out of memory.

/// Largest scheme file, in bytes.
pub const SCHEME_FILE_BYTES: u64 = 8 << 20;

/// Deepest nesting of YAML flow collections (`[…]`, `{…}`) in a scheme file. The YAML scanner
/// spends time in proportion to this depth on every token, so it is checked before parsing.
pub const YAML_FLOW_DEPTH: usize = 64;

/// Text a scheme file may hold once its aliases (`*name`) are expanded, in bytes: a few
/// anchors referenced from many places must not multiply into gigabytes.
pub const YAML_EXPANDED_BYTES: usize = 32 << 20;

/// Values (texts, numbers, lists, maps) a scheme file may hold once its aliases are expanded.
pub const YAML_EXPANDED_VALUES: usize = 1_000_000;

/// Largest draft read (a Word document, plain text or Markdown, as a draft or an
/// attachment), in bytes: a long scheme with its pictures is a few MiB.
pub const DRAFT_BYTES: u64 = 64 << 20;

/// Largest draft the web page (`dossier serve`) takes as an upload, in bytes: a draft read
/// from a file may be twice as large, but a request's body is held in memory whole.
pub const UPLOAD_BYTES: u64 = 32 << 20;

/// Largest archive the web page (`dossier serve`) takes as an upload to verify, in bytes: it
/// is streamed to a temporary file, never held in memory; a submission's volume is rarely
/// over 2 GiB.
pub const ARCHIVE_UPLOAD_BYTES: u64 = 4 << 30;

/// Background jobs (a bundle) the web page runs at once: each keeps the cores busy, so more
/// would only slow each other down.
pub const RUNNING_JOBS: usize = 2;

/// Most paragraphs one draft may hold, a table cell's counted too: a long scheme has a few
/// hundred, and a thousand-page document some twenty thousand.
pub const DRAFT_PARAGRAPHS: usize = 20_000;

/// Deepest a Word draft may set tables inside tables' cells: a form inside a table is two
/// deep; each nested table's text goes into the cell that holds it.
pub const DRAFT_TABLE_DEPTH: usize = 8;

/// One part of a Word document, uncompressed, in bytes: checked in the zip's directory
/// before any part is inflated (zip bombs).
pub const DRAFT_PART_BYTES: u64 = 128 << 20;

/// Paragraphs `dossier lint` reads in one part of a Word document (its body, a footer): a
/// 公文 of a hundred pages has a few thousand, and each read keeps its formatting, so a small
/// zip of empty paragraphs must not grow into gigabytes.
pub const FINISHED_PARAGRAPHS: usize = 100_000;

/// Runs, tables, table rows and cells `dossier lint` reads in one part of a Word document,
/// together.
pub const FINISHED_ITEMS: usize = 1_000_000;

/// How deep the XML elements of a Word document `dossier lint` reads may nest: Word's own
/// nest a few dozen deep (a table in a table in a content control).
pub const FINISHED_DEPTH: usize = 256;

/// Organs that may seal one joint document (GB/T 9704 7.3.5.1), one seal each: a page holds
/// a few rows of seals, and the DOCX numbers each seal's picture below its other drawings.
pub const JOINT_SEALS: usize = 12;

/// Longest single text, in characters: one value in a scheme file, one cell of a sheet.
pub const TEXT_CHARS: usize = 100_000;

/// Largest PDF file attached as it is (`attachments: - {file: …}`), in bytes: it is held whole
/// while the document is written, and a scanned attachment of a few hundred pages is under it.
pub const ATTACHED_PDF_BYTES: u64 = 64 << 20;

/// All the PDF files one scheme file attaches, together, in bytes: a file named under many
/// aliases (`*name`) is read once for each.
pub const ATTACHED_PDFS_BYTES: u64 = 256 << 20;

/// Most pages of one attached PDF file, each a page of the document.
pub const ATTACHED_PDF_PAGES: usize = 500;

/// Largest task sheet file, in bytes.
pub const SHEET_FILE_BYTES: u64 = 64 << 20;

/// Largest part of an .xlsx/.xlsm/.ods package once uncompressed, in bytes, read from the
/// zip directory before the sheet is opened (the zip reader holds each part to its declared
/// size, so a part cannot inflate past it).
pub const SHEET_PART_BYTES: u64 = 128 << 20;

/// The fewest bytes a shared string takes in an .xlsx's `sharedStrings.xml` (`<si/>`): the
/// strings the table declares (`uniqueCount`), which calamine reserves room for before reading
/// one, may be at most its part's uncompressed size over this.
pub const SHARED_STRING_BYTES: u64 = 5;

/// The last row a sheet may use (Excel 97–2003's own limit).
pub const SHEET_ROWS: u32 = 65_536;

/// The last column a sheet may use (column DX).
pub const SHEET_COLUMNS: u32 = 128;

/// Largest tag file that `dossier verify` reads as text from an archive (`manifest-sha256.txt`,
/// `tagmanifest-sha256.txt`, `bagit.txt`, `bag-info.txt`), uncompressed, in bytes (a manifest of
/// some 600,000 files' lines). Refused by the size the entry declares, before it is inflated.
pub const TAG_FILE_BYTES: u64 = 64 << 20;

/// Grid cells an .xls may make calamine lay out, all sheets together: each sheet's cells and
/// its formulas from the first to the last, as calamine reads the whole workbook on opening it.
/// One full sheet (`SHEET_ROWS` × `SHEET_COLUMNS`), some 270 MB.
pub const XLS_GRID_CELLS: u64 = SHEET_ROWS as u64 * SHEET_COLUMNS as u64;

/// Text an .xls's cells may copy out of its shared-string table, in bytes, counted at the most
/// a character can take: calamine gives every cell its own copy of the string it uses.
pub const XLS_TEXT_BYTES: u64 = 1 << 30;

/// Longest a template may render one document for, in seconds: a user's template is a
/// program, and loops over `range` nest without end; the built-in ones take well under one.
pub const RENDER_SECONDS: u64 = 30;

/// Memory a thread rendering one document may take, in bytes: a string a template doubles
/// grows past any machine's memory in a few dozen steps.
pub const RENDER_MEMORY_BYTES: usize = 1 << 30;

/// Text one rendering may produce, in bytes: a scheme file at its limits renders to less
/// than a tenth of this.
pub const RENDER_OUTPUT_BYTES: usize = 256 << 20;

/// Largest template file read from `--templates`, in bytes.
pub const TEMPLATE_FILE_BYTES: u64 = 1 << 20;

/// Grid cells an .ods may make calamine lay out, all sheets together: each sheet's cells from
/// its first filled cell to its last, as calamine reads the whole workbook on opening it and
/// copies a cell repeated along a row or down a sheet into every place it stands for. One full
/// sheet (`SHEET_ROWS` × `SHEET_COLUMNS`).
pub const ODS_GRID_CELLS: u64 = SHEET_ROWS as u64 * SHEET_COLUMNS as u64;

/// Text an .ods's cells may make calamine build, in bytes, a repeated cell's text counted
/// once for each place it stands for and a run of spaces (`text:s`) spelled out. calamine
/// holds it twice as it lays the grid out: with a full grid, some 1.3 GB at most.
pub const ODS_TEXT_BYTES: u64 = 256 << 20;
