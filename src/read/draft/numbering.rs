//! Word's list numbering (`numbering.xml`): the number it prints before a paragraph, so that
//! a heading numbered by Word reads as one typed by hand (`一、`, `（二）`, `3.`).

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::xml::{attr, number};
use crate::text::cn_numeral;

/// How one level of a list is numbered.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    /// `%1、`, `（%2）`: the level's number pattern.
    text: String,
}

/// The lists of a document and where each has counted to.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    /// Abstract list id → its levels, by level.
    abstracts: HashMap<u32, HashMap<u32, Level>>,
    /// List id → its abstract list's id and the levels it restarts elsewhere.
    lists: HashMap<u32, (u32, HashMap<u32, u32>)>,
    /// List id → the count at each level.
    counts: HashMap<u32, [u32; 9]>,
}

impl Numbering {
    /// The lists `xml` (a `numbering.xml`) defines; none from text it cannot read.
    pub(crate) fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let (mut abstract_id, mut list_id, mut level) = (0, 0, 0);
        let mut in_abstract = false;
        while let Ok(event) = reader.read_event() {
            let e = match event {
                Event::Start(e) | Event::Empty(e) => e,
                Event::End(e) if e.local_name().as_ref() == "abstractNum" => {
                    in_abstract = false;
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let at = |name| number(&e, name).unwrap_or(0);
            match e.local_name().as_ref() {
                "abstractNum" => (abstract_id, in_abstract) = (at("abstractNumId"), true),
                "num" => list_id = at("numId"),
                "abstractNumId" => {
                    n.lists.entry(list_id).or_default().0 = at("val");
                }
                "lvl" | "lvlOverride" => level = at("ilvl"),
                "startOverride" => {
                    let list = n.lists.entry(list_id).or_default();
                    list.1.insert(level, at("val"));
                }
                name if in_abstract => n.level_part(abstract_id, level, name, &e),
                _ => {}
            }
        }
        n
    }

    fn level_part(&mut self, id: u32, level: u32, name: &str, e: &quick_xml::events::BytesStart) {
        let l = self
            .abstracts
            .entry(id)
            .or_default()
            .entry(level)
            .or_default();
        match name {
            "start" => l.start = number(e, "val").unwrap_or(1),
            "numFmt" => l.format = attr(e, "val").unwrap_or_default(),
            "lvlText" => l.text = attr(e, "val").unwrap_or_default(),
            _ => {}
        }
    }

    /// The number list `list` prints at `level` for the next paragraph, counting it; `None`
    /// for a bullet, or a list the document does not define.
    pub(crate) fn label(&mut self, list: u32, level: u32) -> Option<String> {
        let (abstract_id, restarts) = self.lists.get(&list)?;
        let levels = self.abstracts.get(abstract_id)?;
        let this = levels.get(&level)?;
        if this.format == "bullet" || this.format == "none" {
            return None;
        }
        let depth = usize::try_from(level).ok().filter(|&d| d < 9)?;
        let counts = self.counts.entry(list).or_default();
        let start = |l: u32| {
            restarts
                .get(&l)
                .copied()
                .or(levels.get(&l).map(|x| x.start))
        };
        counts[depth] = match counts[depth] {
            0 => start(level).unwrap_or(1),
            n => n + 1,
        };
        counts[depth + 1..].iter_mut().for_each(|c| *c = 0);
        let mut text = this.text.clone();
        for (d, count) in counts.iter().enumerate().take(depth + 1) {
            let format = levels
                .get(&(d as u32))
                .map_or("decimal", |l| l.format.as_str());
            text = text.replace(&format!("%{}", d + 1), &formatted(*count, format));
        }
        Some(text)
    }
}

/// `n` in Word's number format `format`.
fn formatted(n: u32, format: &str) -> String {
    // chineseCounting as Word and WPS write it; LibreOffice saves the same list as
    // taiwaneseCountingThousand.
    let chinese = format.contains("Counting") || format.starts_with("chinese");
    match format {
        _ if chinese => cn_numeral(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => (n.to_string().chars())
            .map(|c| char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c))
            .collect(),
        "lowerLetter" | "upperLetter" if (1..=26).contains(&n) => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            char::from(base + (n - 1) as u8).to_string()
        }
        _ => n.to_string(),
    }
}
