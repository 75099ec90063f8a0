//! An attached PDF file's pages, as an office sets them in Word: each on a page of its own,
//! scaled uniformly to fit the text area and centred in it; the first below its label.

use super::{Item, Role, Setter, page};
use crate::error::{Error, Result};
use crate::model::{PdfFile, Picture};

/// A page of an attached PDF file in its box: the text area, or the part of it below the label.
#[derive(Debug, Clone, PartialEq)]
pub struct Inset {
    /// The file.
    pub file: PdfFile,
    /// Its page, from 0.
    pub page: usize,
    /// It starts a page (all but a first page set below its label).
    pub page_break_before: bool,
    /// It is on a landscape page: the file's pages are all wider than high (a wide table).
    pub landscape: bool,
    /// The box's top, twips below the text area's top; the box reaches down to its foot.
    pub top: i32,
    /// The box's width, twips: the text area's.
    pub width: i32,
    /// The box's height, twips.
    pub height: i32,
    /// The page as a picture, for the writers that cannot draw a PDF page (DOCX, SVG); set
    /// once it is drawn.
    pub picture: Option<Picture>,
}

impl Inset {
    /// The page drawn in the box, scaled uniformly to fit and centred: its left and top
    /// within the box, its width and height, twips.
    ///
    /// ```
    /// use dossier::model::PdfFile;
    /// let file = PdfFile { name: "a.pdf".into(), bytes: Default::default(), pages: vec![(595.0, 842.0)] };
    /// let i = dossier::typeset::Inset { file, page: 0, page_break_before: true, landscape: false, top: 0, width: 8844, height: 12756, picture: None };
    /// let (x, y, w, h) = i.fitted();
    /// assert_eq!((x, w), (0.0, 8844.0), "an A4 page fills the width (156 mm of 210)");
    /// assert!((h - 8844.0 * 842.0 / 595.0).abs() < 1e-9, "its proportions kept");
    /// assert!((y - (12756.0 - h) / 2.0).abs() < 1e-9, "centred in the height");
    /// ```
    pub fn fitted(&self) -> (f64, f64, f64, f64) {
        let (pw, ph) = self
            .file
            .pages
            .get(self.page)
            .copied()
            .unwrap_or((1.0, 1.0));
        let (bw, bh) = (f64::from(self.width), f64::from(self.height));
        let scale = (bw / pw.max(1.0)).min(bh / ph.max(1.0));
        let (w, h) = (pw * scale, ph * scale);
        ((bw - w) / 2.0, (bh - h) / 2.0, w, h)
    }
}

impl Setter<'_, '_> {
    /// The pages of attached file `n`, each filling a page: the first below the label just
    /// set, when there is one, the others in the whole text area.
    pub(super) fn place_file(&mut self, n: usize, line: usize) -> Result<()> {
        let Some(file) = self.files.get(n) else {
            return Err(Error::at(
                format!("模板输出第 {line} 行"),
                format!("@file {n}：没有第 {n} 个附件文件"),
            ));
        };
        let l = self.l;
        let landscape = file.pages.iter().all(|&(w, h)| w > h);
        let setup = *page::pages(l).of(landscape);
        let width = setup.width - setup.margins[1] - setup.margins[3];
        let area = setup.text_height();
        let labelled = matches!(self.items.last(), Some(Item::Para(p)) if p.role == Role::Label);
        // Below the label's line, on the grid as the label is, and the blank lines after it.
        let below_label =
            setup.grid_offset() + l.line_pitch_twips() * (1 + l.attached_page_gap_lines);
        self.pending_space = 0;
        self.pending_break = false;
        let turned = self.turn_to(landscape);
        for page in 0..file.pages.len() {
            let first_below_label = page == 0 && labelled;
            let top = if first_below_label { below_label } else { 0 };
            self.items.push(Item::Inset(Inset {
                file: file.clone(),
                page,
                // The first page is on the label's page, or starts with the turn.
                page_break_before: page > 0 || !(labelled || turned),
                landscape,
                top,
                width,
                height: area - top,
                picture: None,
            }));
        }
        // What follows starts a page of its own: this one is full.
        self.pending_break = true;
        Ok(())
    }

    /// Turns the pages to `landscape` for an attached file: back to portrait with a turn that
    /// starts the file's first page, or to landscape from the attachment's start, its own page
    /// break becoming the turn. Whether the file's first page starts with the turn.
    fn turn_to(&mut self, landscape: bool) -> bool {
        if landscape == self.landscape {
            return false;
        }
        self.landscape = landscape;
        if landscape {
            let start = self.doc_start;
            if let Some(Item::Para(p)) = self.items.get_mut(start) {
                p.page_break_before = false;
            }
            self.items.insert(start, Item::Turn { landscape: true });
            return start == self.items.len() - 1;
        }
        self.items.push(Item::Turn { landscape: false });
        true
    }
}
