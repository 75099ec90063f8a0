//! Where a reading of a part's XML is: the open elements' names, and whether it is inside
//! something left unread (tracked changes' old properties, drawings and their text boxes,
//! deleted text), which it then passes over whole.

/// Elements whose content is not the document's own formatting or text: the properties
/// before a tracked change, deleted or moved-away text, drawings (a text box's paragraphs,
/// written twice in `mc:AlternateContent`, are not the body's), and a table style's
/// formatting of its first row and other parts.
const UNREAD: [&str; 14] = [
    "pPrChange",
    "rPrChange",
    "sectPrChange",
    "tblPrChange",
    "tcPrChange",
    "trPrChange",
    "numberingChange",
    "del",
    "moveFrom",
    "drawing",
    "pict",
    "object",
    "AlternateContent",
    "tblStylePr",
];

/// The open elements, innermost last.
#[derive(Debug, Default)]
pub(super) struct Tree {
    names: Vec<String>,
    /// How many open elements are unread ones.
    unread: usize,
}

impl Tree {
    /// An element opened.
    pub fn open(&mut self, name: &str) {
        if UNREAD.contains(&name) {
            self.unread += 1;
        }
        self.names.push(name.to_string());
    }

    /// The innermost element closed.
    pub fn close(&mut self) {
        if let Some(name) = self.names.pop()
            && UNREAD.contains(&name.as_str())
        {
            self.unread = self.unread.saturating_sub(1);
        }
    }

    /// How many elements are open.
    pub fn depth(&self) -> usize {
        self.names.len()
    }

    /// Whether the reading is inside an element left unread.
    pub fn unread(&self) -> bool {
        self.unread > 0
    }

    /// Whether an element named `name` would open inside one left unread, or is one: an
    /// empty element such as `<w:drawing/>` is never opened.
    pub fn unread_with(&self, name: &str) -> bool {
        self.unread() || UNREAD.contains(&name)
    }

    /// The name of the element `up` levels out (0: the innermost open one).
    pub fn up(&self, up: usize) -> &str {
        let at = self.names.len().checked_sub(up + 1);
        at.and_then(|i| self.names.get(i))
            .map_or("", String::as_str)
    }

    /// Whether an element named `name` is open.
    pub fn within(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }
}
