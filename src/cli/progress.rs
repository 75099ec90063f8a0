//! What the command line shows while an operation runs: warnings on stderr as they come, and
//! progress as a live line on a terminal or a line per tenth of the work in a log.

use std::io::IsTerminal;
use std::time::Instant;

use crate::app::{Listener, Progress};
use crate::text::human_size;

/// Prints warnings and progress to stderr.
pub struct Terminal {
    start: Instant,
    tty: bool,
    last_tenth: u64,
    last_draw: Option<Instant>,
    done: bool,
}

impl Terminal {
    /// A listener for the standard error stream, live if it is a terminal.
    pub fn new() -> Self {
        Terminal {
            start: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            last_tenth: 0,
            last_draw: None,
            done: false,
        }
    }

    fn line(&self, p: &Progress) -> String {
        let secs = self.start.elapsed().as_secs_f64().max(0.001);
        format!(
            "打包：{}/{} 个文件，{}/{}，{}/s",
            p.done_files,
            p.files,
            human_size(p.done_bytes),
            human_size(p.bytes),
            human_size((p.done_bytes as f64 / secs) as u64)
        )
    }

    /// Redraws the live line at most ten times a second, and when the work is done.
    fn draw(&mut self, p: &Progress) {
        if self
            .last_draw
            .is_none_or(|t| t.elapsed().as_millis() >= 100)
            || self.done
        {
            eprint!("\r\x1b[K{}", self.line(p));
            self.last_draw = Some(Instant::now());
        }
    }

    /// Logs a line when another tenth of the bytes is done, and when all the files are.
    fn log(&mut self, p: &Progress) {
        let tenth = (p.done_bytes * 10).checked_div(p.bytes).unwrap_or(10);
        if tenth > self.last_tenth || self.done && self.last_tenth < 10 {
            self.last_tenth = tenth.max(u64::from(self.done) * 10);
            eprintln!("{}", self.line(p));
        }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::new()
    }
}

impl Listener for Terminal {
    fn warning(&mut self, text: &str) {
        eprintln!("{text}");
    }

    fn progress(&mut self, p: &Progress) {
        // Progress without bytes counts items (a split's units); the command line prints what
        // was written at the end instead.
        if p.bytes == 0 && p.files > 0 {
            return;
        }
        self.done = p.done_files == p.files;
        if self.tty {
            self.draw(p);
        } else {
            self.log(p);
        }
    }

    fn part_done(&mut self) {
        if self.tty && self.done {
            eprintln!();
        }
    }
}
