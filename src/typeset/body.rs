//! The blocks of the body, each set in its place: titles, 主送, paragraphs, headings, rosters,
//! the 附件说明, 附注, attachment labels and titles, and tables.

use super::title::split_title;
use super::{Align, Item, Para, Role, Run, Setter};
use crate::error::{Error, Result};
use crate::layout::FaceStyle;
use crate::markup::{Block, Tag, plain};
use crate::text::width::text_width_em;

impl<'a> Setter<'_, 'a> {
    /// Sets a block of the body.
    pub(super) fn body(&mut self, b: &Block) -> Result<()> {
        let l = self.l;
        let body = l.faces.body;
        match b.tag {
            Tag::Title => self.title(b),
            Tag::To => {
                let mut p = self.para(self.runs(&b.content, body));
                p.role = Role::To;
                p.align = Align::Left;
                self.push(p);
            }
            Tag::Para | Tag::Note => {
                let mut p = self.para(self.runs(&b.content, body));
                p.first_line = self.indent();
                self.push(p);
            }
            Tag::Heading(level) => {
                let mut p = self.para(self.runs(&b.content, l.faces.heading(level)));
                p.role = Role::Heading;
                p.first_line = self.indent();
                p.keep_next = true;
                self.push(p);
            }
            Tag::Hang => self.hang(b, l.faces.body),
            Tag::Attend => self.attend(b),
            Tag::Attach => self.attach(b),
            Tag::AttLabel => {
                let mut p = self.para(self.runs(&b.content, l.faces.attachment_label));
                p.role = Role::Label;
                p.align = Align::Left;
                self.pending_break = true;
                self.doc_start = self.items.len();
                self.push(p);
                self.pending_space = l.line_pitch_twips();
            }
            Tag::AttTitle => {
                // Right after a label the title is on the label's page.
                if self.pending_space == 0 {
                    self.pending_break = true;
                    self.doc_start = self.items.len();
                }
                self.title(b);
            }
            Tag::Table(n) => self.place_table(n, b.line)?,
            Tag::File(n) => self.place_file(n, b.line)?,
            other => {
                return Err(Error::at(
                    format!("模板输出第 {} 行", b.line),
                    format!("标记 {other:?} 不能出现在这里"),
                ));
            }
        }
        Ok(())
    }

    /// The first-line indent of body paragraphs.
    fn indent(&self) -> i32 {
        self.l.body_chars(self.l.first_line_indent_chars)
    }

    /// A title, broken into balanced lines, centred, with a blank line after it.
    fn title(&mut self, b: &Block) {
        let l = self.l;
        let lines = split_title(&b.text(), l.title_max_chars);
        let mut runs = Vec::new();
        for (i, line) in lines.into_iter().enumerate() {
            if i > 0 {
                runs.push(self.run_of("\n", l.faces.title, l.title_pt));
            }
            let mut r: Run = self.run_of(line, l.faces.title, l.title_pt);
            r.spacing_twips = 0;
            runs.push(r);
        }
        let mut p = self.para(runs);
        p.role = Role::Title;
        p.align = Align::Center;
        self.push(p);
        self.pending_space = l.line_pitch_twips();
    }

    /// A roster line: continuation lines hang under the text after the label; a roster stays
    /// on one page.
    fn hang(&mut self, b: &Block, label_face: FaceStyle) {
        let l = self.l;
        let indent = self.indent();
        let label_chars = f64::from(text_width_em(&plain(&b.label)));
        let mut runs = self.runs(&b.label, label_face);
        runs.extend(self.runs(&b.content, l.faces.body));
        let mut p = self.para(runs);
        p.align = Align::Left;
        p.indent_left = indent + l.body_chars(label_chars);
        p.first_line = -l.body_chars(label_chars);
        if matches!(self.items.last(), Some(Item::Para(prev)) if is_roster_line(prev, indent)) {
            self.keep_previous_with_next();
        }
        self.push(p);
    }

    /// One attendance list of 纪要 (`出席：…`): a blank line below the body or the 附件说明
    /// before the first of a run, the label in 3号黑体 (the face of level-1 headings).
    fn attend(&mut self, b: &Block) {
        let l = self.l;
        if self.items.len() != self.attend_end {
            self.keep_previous_with_next();
            self.pending_space += l.line_pitch_twips();
        }
        self.hang(b, l.faces.heading(1));
        self.attend_end = self.items.len();
    }

    /// One line of the 附件说明, a blank line below the body: the label before the first only,
    /// numbered when there are several, continuation lines hanging under the name.
    fn attach(&mut self, b: &Block) {
        let l = self.l;
        self.attach_count += 1;
        let first = self.attach_count == 1;
        let label = plain(&b.label);
        let number = plain(&b.number);
        let lead = if first { label.as_str() } else { "" };
        let text = format!("{lead}{number}{}", b.text());
        let hang = f64::from(text_width_em(&number) + text_width_em(lead));
        let mut p: Para = self.para(vec![self.body_run(text)]);
        p.role = Role::Attachments;
        p.align = Align::Left;
        p.indent_left =
            self.indent() + l.body_chars(f64::from(text_width_em(&label) + text_width_em(&number)));
        p.first_line = -l.body_chars(hang);
        p.keep_next = true;
        if first {
            self.keep_previous_with_next();
            self.pending_space += l.line_pitch_twips();
        }
        self.push(p);
    }

    /// Places table `n`: a table that opens its attached document may turn the page.
    fn place_table(&mut self, n: usize, line: usize) -> Result<()> {
        let Some(t) = self.tables.get(n).copied() else {
            return Err(Error::at(
                format!("模板输出第 {line} 行"),
                format!("@table {n}：没有第 {n} 张表"),
            ));
        };
        // Nothing but its label and title before it: the table opens its document. A table
        // after text (a section's) stays on the page it is on.
        let opens = (self.items.get(self.doc_start..)).is_some_and(|before| {
            before
                .iter()
                .all(|i| matches!(i, Item::Para(p) if matches!(p.role, Role::Label | Role::Title)))
        });
        let block = self.table(t, opens).map_err(|e| {
            Error::at(
                format!("模板输出第 {line} 行"),
                format!("@table {n}：读取表格的行失败：{e}"),
            )
        })?;
        if block.landscape && !self.landscape {
            // The attachment's own page break becomes the turn to landscape.
            let start = self.doc_start;
            if let Some(Item::Para(p)) = self.items.get_mut(start) {
                p.page_break_before = false;
            }
            self.items.insert(start, Item::Turn { landscape: true });
            self.landscape = true;
        }
        self.pending_space = 0;
        self.items.push(Item::Table(block));
        Ok(())
    }
}

/// Whether `p` is a roster line: one that hangs under its label.
fn is_roster_line(p: &Para, indent: i32) -> bool {
    p.first_line < 0 && p.indent_left > indent
}
