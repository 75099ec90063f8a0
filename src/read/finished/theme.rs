//! The theme's fonts (`theme1.xml`): what a run names by its theme slot (`minorEastAsia`)
//! is set in. Word's own documents name their fonts so (its default template's East Asian
//! font is the theme's, 等线 in a Chinese Word).

use quick_xml::Reader;
use quick_xml::events::Event;

use super::props::FontRef;
use crate::read::draft::xml::attr;

/// The major (headings) and minor (body) fonts, each its Latin and East Asian one.
#[derive(Debug, Default)]
pub(super) struct Theme {
    major: (String, String),
    minor: (String, String),
}

impl Theme {
    /// The fonts of `xml` (a theme part); `Err` says why the XML cannot be read.
    pub fn parse(xml: &str) -> Result<Theme, String> {
        let mut theme = Theme::default();
        let mut reader = Reader::from_str(xml);
        let mut major = None;
        loop {
            let e = match reader.read_event().map_err(|e| e.to_string())? {
                Event::Start(e) | Event::Empty(e) => e,
                Event::End(e) if e.local_name().as_ref().ends_with("Font") => {
                    major = None;
                    continue;
                }
                Event::Eof => return Ok(theme),
                _ => continue,
            };
            let name = e.local_name();
            let Some(is_major) = major else {
                major = match name.as_ref() {
                    "majorFont" => Some(true),
                    "minorFont" => Some(false),
                    _ => None,
                };
                continue;
            };
            let slot = if is_major {
                &mut theme.major
            } else {
                &mut theme.minor
            };
            let typeface = attr(&e, "typeface").unwrap_or_default();
            match name.as_ref() {
                "latin" => slot.0 = typeface,
                "ea" if !typeface.is_empty() => slot.1 = typeface,
                // A theme that leaves `ea` empty names the font of each script; Simplified
                // Chinese is `Hans`.
                "font" if slot.1.is_empty() && attr(&e, "script").as_deref() == Some("Hans") => {
                    slot.1 = typeface
                }
                _ => {}
            }
        }
    }

    /// The font `font` stands for: its name, or the theme's font in its slot.
    pub fn font(&self, font: &FontRef) -> String {
        match font {
            FontRef::Name(name) => name.clone(),
            FontRef::Theme(slot) => {
                let (latin, east) = if slot.starts_with("major") {
                    &self.major
                } else {
                    &self.minor
                };
                if slot.ends_with("EastAsia") {
                    east.clone()
                } else {
                    latin.clone()
                }
            }
        }
    }
}
