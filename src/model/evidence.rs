//! Evidence: the indicators it is gathered for, and what a 材料目录 lists of it.

use serde::Serialize;

/// A 测评指标 that evidence is gathered for: one folder of 佐证材料 each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indicator {
    /// Its code or number, `1.2` or `12`.
    pub code: String,
    /// What it is, `理论学习中心组学习`.
    pub name: String,
    /// Units that owe evidence for it.
    pub units: Vec<String>,
}

/// How much an evidence file holds, where that is cheap to know: a document's pages, or the
/// one photo an image is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Extent {
    /// A document of this many pages.
    Pages(u64),
    /// A photo.
    Photo,
}

impl Extent {
    /// The pages, or 1 for a photo.
    pub fn count(self) -> u64 {
        match self {
            Extent::Pages(n) => n,
            Extent::Photo => 1,
        }
    }
}

/// As a 材料目录 prints it: `12页`, `1张`.
///
/// ```
/// use dossier::model::Extent;
/// assert_eq!((Extent::Pages(12).to_string(), Extent::Photo.to_string()), ("12页".into(), "1张".into()));
/// ```
impl std::fmt::Display for Extent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Extent::Pages(n) => write!(f, "{n}页"),
            Extent::Photo => f.write_str("1张"),
        }
    }
}

/// One file of an evidence bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceEntry {
    /// Its indicator, `12 窗口行业服务规范`, or empty.
    pub indicator: String,
    /// Its path in the archive.
    pub path: String,
    /// Its path in the evidence folder, as the office named it.
    pub original: String,
    /// Bytes.
    pub size: u64,
    /// Pages or photos, where cheap to know.
    pub pages: Option<Extent>,
    /// SHA-256, hex.
    pub sha256: String,
    /// The volume it is in, from 1, when split.
    pub volume: Option<u32>,
}

/// What the 材料目录 says besides its file rows.
#[derive(Debug, Clone, Default)]
pub struct EvidenceHeading {
    /// The document's title.
    pub title: String,
    /// Indicators with no evidence in the whole submission.
    pub missing: Vec<Indicator>,
    /// What was not packed as evidence, with why.
    pub set_aside: Vec<(String, String)>,
    /// Indicators in the scheme (0 without one).
    pub indicators: usize,
    /// Files listed.
    pub files: usize,
    /// Their total size, bytes.
    pub bytes: u64,
}
