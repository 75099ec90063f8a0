//! The document's relationships (`word/_rels/document.xml.rels`): which part each footer
//! reference and the theme name.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::read::draft::xml::attr;

/// Relationship id → the part it names, as a path in the package.
#[derive(Debug, Default)]
pub(super) struct Rels {
    parts: HashMap<String, String>,
    theme: Option<String>,
}

impl Rels {
    /// The relationships of `xml`; `Err` says why the XML cannot be read.
    pub fn parse(xml: &str) -> Result<Rels, String> {
        let mut rels = Rels::default();
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event().map_err(|e| e.to_string())? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                    let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) else {
                        continue;
                    };
                    let part = part_path(&target);
                    if attr(&e, "Type").is_some_and(|t| t.ends_with("/theme")) {
                        rels.theme = Some(part.clone());
                    }
                    rels.parts.insert(id, part);
                }
                Event::Eof => return Ok(rels),
                _ => {}
            }
        }
    }

    /// The part relationship `id` names.
    pub fn part(&self, id: &str) -> Option<&str> {
        self.parts.get(id).map(String::as_str)
    }

    /// The theme's part: the one named, else where Word puts it.
    pub fn theme(&self) -> &str {
        self.theme.as_deref().unwrap_or("word/theme/theme1.xml")
    }
}

/// A target relative to `word/` (or absolute in the package) as a path in the package.
fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("word/{}", target.trim_start_matches("./")),
    }
}
