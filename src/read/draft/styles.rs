//! Which paragraph styles of a Word document are bold (`styles.xml`), their `basedOn` chain
//! followed, so that a heading bold by its style reads as one made bold by hand.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::xml::{attr, is_on};

/// Style id → whether it sets bold itself, and the style it is based on.
#[derive(Debug, Default)]
pub(super) struct Styles(HashMap<String, (Option<bool>, Option<String>)>);

impl Styles {
    /// The styles `xml` (a `styles.xml`) defines; none from text it cannot read.
    pub(super) fn parse(xml: &str) -> Styles {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut id = String::new();
        let mut in_run_props = false;
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => id = attr(&e, "styleId").unwrap_or_default(),
                    "basedOn" => styles.0.entry(id.clone()).or_default().1 = attr(&e, "val"),
                    "rPr" => in_run_props = true,
                    "b" if in_run_props => {
                        styles.0.entry(id.clone()).or_default().0 = Some(is_on(&e));
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "rPr" => in_run_props = false,
                Event::Eof => break,
                _ => {}
            }
        }
        styles
    }

    /// Whether text in style `id` is bold, as its own setting or the nearest it is based on
    /// says (ten steps at most: a loop of `basedOn` ends there).
    pub(super) fn bold(&self, id: &str) -> bool {
        let mut at = id;
        for _ in 0..10 {
            match self.0.get(at) {
                Some((Some(bold), _)) => return *bold,
                Some((None, Some(base))) => at = base,
                _ => return false,
            }
        }
        false
    }
}
