//! Checks a scheme file against the limits in `crate::limits` before and while it is parsed,
//! so that no text makes the YAML parser hang or run out of memory:
//!
//! - characters YAML forbids are reported at their own `line:col` (the YAML reader only says
//!   "position N");
//! - flow collections (`[…]`, `{…}`) may nest only `YAML_FLOW_DEPTH` deep. The YAML scanner
//!   walks its whole stack of open flow collections on every token, so 100,000 `[` take
//!   minutes; the depth is measured here first by a scan that follows the scanner's own rules
//!   for where a token starts (quotes, comments, block scalars, plain scalars, indentation);
//! - once aliases are expanded, the file may hold only `YAML_EXPANDED_BYTES` of text and
//!   `YAML_EXPANDED_VALUES` values, and no single text longer than `TEXT_CHARS` characters.
//!   This is measured by walking the parsed document without keeping anything, so a few
//!   anchors referenced thousands of times are refused before they are copied.

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

use super::yaml_error;
use crate::error::{Error, Result};
use crate::limits::{TEXT_CHARS, YAML_EXPANDED_BYTES, YAML_EXPANDED_VALUES, YAML_FLOW_DEPTH};

/// Checks scheme text; `name` is how errors refer to the file.
pub fn check(text: &str, name: &str) -> Result<()> {
    if let Some((line, col, c)) = forbidden_char(text) {
        return Err(Error::at(
            format!("{name}:{line}:{col}"),
            format!("这里有 YAML 不允许直接出现的控制字符 U+{:04X}", c as u32),
        )
        .with_hint("删掉它；确实要写进文字的，在双引号文字里写成转义（如 \"\\x01\"）"));
    }
    if let Some((line, col)) = Scanner::new(text).too_deep() {
        return Err(Error::at(
            format!("{name}:{line}:{col}"),
            format!("方括号或花括号嵌套超过 {YAML_FLOW_DEPTH} 层"),
        )
        .with_hint("方案文件的列表和映射用缩进书写即可，不需要这么多层括号"));
    }
    let mut tally = Tally::default();
    Measure(&mut tally)
        .deserialize(serde_norway::Deserializer::from_str(text))
        .map_err(|e| yaml_error::translate(&e, name))
}

/// The first character the YAML reader refuses, as (line, column, character), both from 1.
fn forbidden_char(text: &str) -> Option<(usize, usize, char)> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c >= '\u{10000}'
    };
    let (at, c) = text.char_indices().find(|&(_, c)| !allowed(c))?;
    let (line, col) = line_col(text, at);
    Some((line, col, c))
}

/// The line and column (in characters), both from 1, of byte `at` in `text`.
pub(super) fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Follows the YAML scanner (libyaml's, as serde_norway uses it) over the text far enough to
/// know where each token starts and so how deep flow collections nest. Block indentation is
/// tracked because it decides where a plain or block scalar ends. Where the real scanner would
/// stop with an error, this one carries on: it can then only count more, never less.
struct Scanner<'a> {
    s: &'a [u8],
    /// Byte offset (the scanner's `index`).
    i: usize,
    line: usize,
    /// Column in characters.
    col: usize,
    flow: usize,
    /// The current block indentation and the enclosing ones; −1 is the stream's.
    indent: i64,
    indents: Vec<i64>,
    /// Whether a simple key may start here.
    allowed: bool,
    /// The block context's possible simple key: (line, byte offset, column).
    key: Option<(usize, usize, usize)>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            s: text.as_bytes(),
            i: 0,
            line: 0,
            col: 0,
            flow: 0,
            indent: -1,
            indents: Vec::new(),
            allowed: true,
            key: None,
        }
    }

    fn at(&self, k: usize) -> u8 {
        self.s.get(self.i + k).copied().unwrap_or(0)
    }

    fn end(&self, k: usize) -> bool {
        self.i + k >= self.s.len()
    }

    fn is_break(&self, k: usize) -> bool {
        match self.at(k) {
            b'\r' | b'\n' => true,
            0xC2 => self.at(k + 1) == 0x85,
            0xE2 => self.at(k + 1) == 0x80 && matches!(self.at(k + 2), 0xA8 | 0xA9),
            _ => false,
        }
    }

    fn is_blank(&self, k: usize) -> bool {
        matches!(self.at(k), b' ' | b'\t')
    }

    fn is_blankz(&self, k: usize) -> bool {
        self.is_blank(k) || self.is_break(k) || self.end(k)
    }

    fn is_alpha(&self) -> bool {
        matches!(self.at(0), b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | b'_' | b'-')
    }

    /// Moves past one character.
    fn skip(&mut self) {
        let width = match self.at(0) {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
        self.i = (self.i + width).min(self.s.len());
        self.col += 1;
    }

    /// Moves past one line break (CR LF counts as one).
    fn skip_line(&mut self) {
        if self.at(0) == b'\r' && self.at(1) == b'\n' {
            self.i += 2;
        } else {
            self.skip();
        }
        self.col = 0;
        self.line += 1;
    }

    fn document_marker(&self) -> bool {
        self.col == 0
            && ((self.at(0) == b'-' && self.at(1) == b'-' && self.at(2) == b'-')
                || (self.at(0) == b'.' && self.at(1) == b'.' && self.at(2) == b'.'))
            && self.is_blankz(3)
    }

    fn roll(&mut self, col: usize) {
        if self.flow == 0 && self.indent < col as i64 {
            self.indents.push(self.indent);
            self.indent = col as i64;
        }
    }

    fn unroll(&mut self, col: i64) {
        if self.flow == 0 {
            while self.indent > col {
                self.indent = self.indents.pop().unwrap_or(-1);
            }
        }
    }

    fn save_key(&mut self) {
        if self.flow == 0 && self.allowed {
            self.key = Some((self.line, self.i, self.col));
        }
    }

    fn remove_key(&mut self) {
        if self.flow == 0 {
            self.key = None;
        }
    }

    /// Where (line, column, from 1) a flow collection first opens deeper than the limit.
    fn too_deep(mut self) -> Option<(usize, usize)> {
        loop {
            self.skip_to_token();
            self.unroll(self.col as i64);
            if self.end(0) {
                return None;
            }
            if self.col == 0 && self.at(0) == b'%' {
                while !self.is_break(0) && !self.end(0) {
                    self.skip();
                }
            } else if self.document_marker() {
                self.unroll(-1);
                self.remove_key();
                self.allowed = false;
                (0..3).for_each(|_| self.skip());
            } else if let Some(at) = self.token() {
                return Some(at);
            }
        }
    }

    /// Moves past the token that starts here; where it opens a flow collection deeper than
    /// the limit, that place (line, column, from 1).
    fn token(&mut self) -> Option<(usize, usize)> {
        let c = self.at(0);
        match c {
            b'[' | b'{' => return self.open_flow(),
            b']' | b'}' => {
                self.remove_key();
                self.flow = self.flow.saturating_sub(1);
                self.allowed = false;
                self.skip();
            }
            b',' => {
                self.remove_key();
                self.allowed = true;
                self.skip();
            }
            b'-' if self.is_blankz(1) => self.block_indicator(true),
            b'?' if self.flow > 0 || self.is_blankz(1) => self.block_indicator(self.flow == 0),
            b':' if self.flow > 0 || self.is_blankz(1) => {
                self.value();
                self.skip();
            }
            b'*' | b'&' => {
                self.key_may_start();
                self.skip();
                while self.is_alpha() {
                    self.skip();
                }
            }
            b'!' => {
                self.key_may_start();
                self.tag();
            }
            b'|' | b'>' if self.flow == 0 => {
                self.remove_key();
                self.allowed = true;
                self.block_scalar();
            }
            b'\'' | b'"' => {
                self.key_may_start();
                self.quoted(c == b'\'');
            }
            _ if self.plain_starts() => {
                self.key_may_start();
                self.plain();
            }
            // The real scanner stops here with an error; going on only counts more.
            _ => self.skip(),
        }
        None
    }

    /// A `[` or `{`; where it nests deeper than the limit, its place (line, column, from 1).
    fn open_flow(&mut self) -> Option<(usize, usize)> {
        self.save_key();
        self.flow += 1;
        if self.flow > YAML_FLOW_DEPTH {
            return Some((self.line + 1, self.col + 1));
        }
        self.allowed = true;
        self.skip();
        None
    }

    /// A `-` or `?` indicator, which may open a block collection at this column; a simple
    /// key may follow it where `key_after`.
    fn block_indicator(&mut self, key_after: bool) {
        self.roll(self.col);
        self.remove_key();
        self.allowed = key_after;
        self.skip();
    }

    /// A token that may be a simple key (an alias, anchor, tag or scalar); no other key may
    /// start inside it.
    fn key_may_start(&mut self) {
        self.save_key();
        self.allowed = false;
    }

    /// Skips a comment, if one starts here, up to the end of its line.
    fn skip_comment(&mut self) {
        if self.at(0) == b'#' {
            while !self.is_break(0) && !self.end(0) {
                self.skip();
            }
        }
    }

    /// Skips spaces, comments and line breaks up to the next token.
    fn skip_to_token(&mut self) {
        loop {
            if self.col == 0 && self.at(0) == 0xEF && self.at(1) == 0xBB && self.at(2) == 0xBF {
                self.skip();
            }
            while self.at(0) == b' ' || ((self.flow > 0 || !self.allowed) && self.at(0) == b'\t') {
                self.skip();
            }
            self.skip_comment();
            if !self.is_break(0) {
                return;
            }
            self.skip_line();
            if self.flow == 0 {
                self.allowed = true;
            }
        }
    }

    /// A `:` value indicator: a block mapping starts at its simple key, if it has one.
    fn value(&mut self) {
        let key = self
            .key
            .filter(|&(line, i, _)| self.flow == 0 && line == self.line && i + 1024 >= self.i);
        match key {
            Some((_, _, col)) => {
                self.roll(col);
                self.key = None;
                self.allowed = false;
            }
            None => {
                self.roll(self.col);
                self.allowed = self.flow == 0;
            }
        }
    }

    fn plain_starts(&self) -> bool {
        let c = self.at(0);
        !(self.is_blankz(0) || b"-?:,[]{}#&*!|>'\"%@`".contains(&c))
            || (c == b'-' && !self.is_blank(1))
            || (self.flow == 0 && (c == b'?' || c == b':') && !self.is_blankz(1))
    }

    /// A tag: `!<verbatim>`, or a handle and a suffix of URI characters.
    fn tag(&mut self) {
        let uri = |c: u8, verbatim: bool| {
            c.is_ascii_alphanumeric()
                || b"-_;/?:@&=+$.%!~*'()".contains(&c)
                || (verbatim && b",[]".contains(&c))
        };
        if self.at(1) == b'<' {
            self.skip();
            self.skip();
            while uri(self.at(0), true) {
                self.skip();
            }
            if self.at(0) == b'>' {
                self.skip();
            }
        } else {
            self.skip();
            while uri(self.at(0), false) {
                self.skip();
            }
        }
    }

    /// A `|` or `>` block scalar: its header line, then every line indented at least as far
    /// as its first.
    fn block_scalar(&mut self) {
        self.skip();
        let mut increment = 0i64;
        if matches!(self.at(0), b'+' | b'-') {
            self.skip();
            if self.at(0).is_ascii_digit() {
                increment = i64::from(self.at(0) - b'0');
                self.skip();
            }
        } else if self.at(0).is_ascii_digit() {
            increment = i64::from(self.at(0) - b'0');
            self.skip();
            if matches!(self.at(0), b'+' | b'-') {
                self.skip();
            }
        }
        while self.is_blank(0) {
            self.skip();
        }
        self.skip_comment();
        if !self.is_break(0) {
            return;
        }
        self.skip_line();
        let mut indent = match increment {
            0 => 0,
            n if self.indent >= 0 => self.indent + n,
            n => n,
        };
        if !self.block_breaks(&mut indent) {
            return;
        }
        while self.col as i64 == indent && !self.end(0) {
            while !self.is_break(0) && !self.end(0) {
                self.skip();
            }
            if self.end(0) {
                return;
            }
            self.skip_line();
            if !self.block_breaks(&mut indent) {
                return;
            }
        }
    }

    /// The indentation and empty lines before a block scalar's next line; settles the
    /// scalar's indentation from its first line when it has none yet. False where the real
    /// scanner stops (a tab in the indentation).
    fn block_breaks(&mut self, indent: &mut i64) -> bool {
        let mut widest = 0i64;
        loop {
            while (*indent == 0 || (self.col as i64) < *indent) && self.at(0) == b' ' {
                self.skip();
            }
            widest = widest.max(self.col as i64);
            if (*indent == 0 || (self.col as i64) < *indent) && self.at(0) == b'\t' {
                return false;
            }
            if !self.is_break(0) {
                break;
            }
            self.skip_line();
        }
        if *indent == 0 {
            *indent = widest.max(self.indent + 1).max(1);
        }
        true
    }

    /// A `'…'` or `"…"` scalar, over as many lines as it takes.
    fn quoted(&mut self, single: bool) {
        let quote = if single { b'\'' } else { b'"' };
        self.skip();
        loop {
            if self.document_marker() || self.end(0) {
                return;
            }
            while !self.is_blankz(0) {
                if single && self.at(0) == b'\'' && self.at(1) == b'\'' {
                    self.skip();
                    self.skip();
                } else if self.at(0) == quote {
                    break;
                } else if !single && self.at(0) == b'\\' && self.is_break(1) {
                    self.skip();
                    self.skip_line();
                    break;
                } else if !single && self.at(0) == b'\\' {
                    self.skip();
                    if !self.end(0) {
                        self.skip();
                    }
                } else {
                    self.skip();
                }
            }
            if self.at(0) == quote {
                self.skip();
                return;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    self.skip();
                } else {
                    self.skip_line();
                }
            }
        }
    }

    /// A plain scalar; in the block context it goes on over lines indented past the current
    /// block, in a flow collection up to the next indicator.
    fn plain(&mut self) {
        let indent = self.indent + 1;
        let mut after_break = false;
        loop {
            if self.document_marker() || self.at(0) == b'#' {
                break;
            }
            while !self.is_blankz(0) {
                let c = self.at(0);
                if self.flow > 0 && c == b':' && b",?[]{}".contains(&self.at(1)) {
                    return;
                }
                if (c == b':' && self.is_blankz(1)) || (self.flow > 0 && b",[]{}".contains(&c)) {
                    break;
                }
                after_break = false;
                self.skip();
            }
            if !(self.is_blank(0) || self.is_break(0)) {
                break;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    self.skip();
                } else {
                    self.skip_line();
                    after_break = true;
                }
            }
            if self.flow == 0 && (self.col as i64) < indent {
                break;
            }
        }
        if after_break {
            self.allowed = true;
        }
    }
}

/// What the expanded document holds so far.
#[derive(Default)]
struct Tally {
    bytes: usize,
    values: usize,
}

/// Walks any YAML value, counting into the tally, keeping nothing.
struct Measure<'t>(&'t mut Tally);

impl Measure<'_> {
    fn value<E: de::Error>(&mut self) -> std::result::Result<(), E> {
        self.0.values += 1;
        if self.0.values > YAML_EXPANDED_VALUES {
            return Err(E::custom(format!(
                "展开别名（*引用）后，方案文件超过 {YAML_EXPANDED_VALUES} 个值"
            )));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Measure<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Measure<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("任意值")
    }

    fn visit_bool<E: de::Error>(mut self, _: bool) -> std::result::Result<(), E> {
        self.value()
    }

    fn visit_i64<E: de::Error>(mut self, _: i64) -> std::result::Result<(), E> {
        self.value()
    }

    fn visit_u64<E: de::Error>(mut self, _: u64) -> std::result::Result<(), E> {
        self.value()
    }

    fn visit_f64<E: de::Error>(mut self, _: f64) -> std::result::Result<(), E> {
        self.value()
    }

    fn visit_unit<E: de::Error>(mut self) -> std::result::Result<(), E> {
        self.value()
    }

    fn visit_none<E: de::Error>(mut self) -> std::result::Result<(), E> {
        self.value()
    }

    fn visit_str<E: de::Error>(mut self, v: &str) -> std::result::Result<(), E> {
        self.value()?;
        let chars = v.chars().count();
        if chars > TEXT_CHARS {
            return Err(E::custom(format!(
                "这段文字有 {chars} 字，超过单段文字 {TEXT_CHARS} 字的上限"
            )));
        }
        self.0.bytes += v.len();
        if self.0.bytes > YAML_EXPANDED_BYTES {
            return Err(E::custom(format!(
                "展开别名（*引用）后，方案文件的文字超过 {} MiB",
                YAML_EXPANDED_BYTES >> 20
            )));
        }
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(mut self, d: D) -> std::result::Result<(), D::Error> {
        self.value()?;
        d.deserialize_any(Measure(self.0))
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> std::result::Result<(), A::Error> {
        self.value()?;
        while seq.next_element_seed(Measure(self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> std::result::Result<(), A::Error> {
        self.value()?;
        while map.next_key_seed(Measure(self.0))?.is_some() {
            map.next_value_seed(Measure(self.0))?;
        }
        Ok(())
    }

    fn visit_enum<A: EnumAccess<'de>>(mut self, data: A) -> std::result::Result<(), A::Error> {
        use serde::de::VariantAccess;
        self.value()?;
        let ((), variant) = data.variant_seed(Measure(self.0))?;
        variant.newtype_variant_seed(Measure(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::{Scanner, check};

    fn depth_error(text: &str) -> Option<(usize, usize)> {
        Scanner::new(text).too_deep()
    }

    #[test]
    fn flow_depth_counts_only_real_brackets() {
        let deep = format!("a: {}{}\n", "[".repeat(65), "]".repeat(65));
        assert_eq!(depth_error(&deep), Some((1, 68)));
        let ok = format!("a: {}{}\n", "[".repeat(64), "]".repeat(64));
        assert_eq!(depth_error(&ok), None);
        // Brackets inside texts, comments and block scalars open nothing.
        let many = "[".repeat(200);
        for text in [
            format!("a: 青办发{many}\n"),
            format!("a: '{many}'\n"),
            format!("a: \"{many}\"\n"),
            format!("a: x # {many}\n"),
            format!("a: |\n  {many}\n  {many}\nb: c\n"),
            format!("a: b\n  {many}\n"),
            format!("a: !<{many}> x\n"),
        ] {
            assert_eq!(depth_error(&text), None, "{text}");
        }
    }

    #[test]
    fn brackets_hidden_from_a_naive_reading_are_counted() {
        // A quote inside a plain text opens no quoted text; an empty block scalar ends where
        // the mapping goes on; a closing bracket inside quotes closes nothing.
        let many = "[".repeat(100);
        for text in [
            format!("a: it's\nb: {many}\n"),
            format!("a: x\n  'y\nb: {many}\n"),
            format!("a: |\nb: {many}\n"),
            format!("a: {}\n", "[ \"]\" ".repeat(100)),
            format!("a: [x, 'y\n  ', {many}\n"),
        ] {
            assert!(depth_error(&text).is_some(), "{text}");
        }
    }

    #[test]
    fn forbidden_characters_are_placed() {
        let e = check("scheme:\n  title: a\u{1}b\n", "s.yaml").unwrap_err();
        assert_eq!(e.place, "s.yaml:2:11");
        assert!(e.message.contains("U+0001"), "{}", e.message);
    }

    #[test]
    fn aliases_may_not_multiply_text() {
        let big = "字".repeat(50_000);
        let refs = vec!["*a"; 300].join(", ");
        let text = format!("x: &a \"{big}\"\ny: [{refs}]\n");
        let e = check(&text, "s.yaml").unwrap_err();
        assert!(e.message.contains("MiB"), "{}", e.message);
        let long = format!("x: {}\n", "字".repeat(100_001));
        let e = check(&long, "s.yaml").unwrap_err();
        assert_eq!(e.place, "s.yaml:1:4");
        assert!(e.message.contains("100001 字"), "{}", e.message);
    }
}
