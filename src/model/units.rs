//! Units named in a task's cells, and how each takes part: 牵头 or 配合.

use serde::Serialize;

/// How a unit takes part in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// 牵头 or simply 负责.
    Lead,
    /// 配合 / 协办.
    Cooperate,
}

/// A unit named in a task's 责任单位 or 配合单位 cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// `市委组织部`.
    pub name: String,
    /// Lead or cooperating.
    pub role: Part,
}

/// Units listed in one cell: separated by 、，,；; or line breaks; `（牵头）`/`（配合）` after a
/// name, or `牵头：…`/`配合：…` before a list, set the role; otherwise it is `default`.
pub fn parse_units(text: &str, default: Part) -> Vec<Unit> {
    let mut out = Vec::new();
    for part in crate::text::split_outside_brackets(text, &['；', ';', '\n']) {
        let part = part.trim();
        let (list_role, list) = match part.split_once(['：', ':']) {
            Some((label, rest)) => match marker(label) {
                Some(role) => (role, rest),
                None => (default, part),
            },
            None => (default, part),
        };
        for name in crate::text::split_outside_brackets(list, &['、', '，', ',', '/', '／']) {
            let (name, role) = marked(name.trim_matches(|c: char| c.is_whitespace()), list_role);
            if !name.is_empty() {
                out.push(Unit { name, role });
            }
        }
    }
    out
}

/// A unit's name without a trailing role mark, and the role it marks.
fn marked(name: &str, role: Part) -> (String, Part) {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = name.strip_suffix(close).and_then(|n| n.rsplit_once(open))
            && let Some(r) = marker(inner.1)
        {
            return (inner.0.trim().to_string(), r);
        }
    }
    (name.to_string(), role)
}

/// The role a label names: 牵头 lead; 配合 or 协办 cooperate.
fn marker(label: &str) -> Option<Part> {
    match label.trim() {
        "牵头" | "牵头单位" => Some(Part::Lead),
        "配合" | "配合单位" | "协办" | "协办单位" => Some(Part::Cooperate),
        _ => None,
    }
}
