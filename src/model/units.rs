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

/// A unit as a cell writes it, and the unit it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The name as typed, trimmed, without its role mark: `市文明办(测试)`.
    pub as_written: String,
    /// The unit, its name in one spelling (`text::unit_name`): `市文明办（测试）`.
    pub unit: Unit,
}

/// Units listed in one cell: separated by 、，,；; or line breaks; `（牵头）`/`（配合）` after a
/// name, or `牵头：…`/`配合：…` before a list, set the role; otherwise it is `default`. Each
/// name is in its one spelling, and a name of only punctuation (`—`) names no unit.
///
/// ```
/// use dossier::model::{Part, parse_units};
/// let units = parse_units("市文明办(测试)、——、市\u{200b}城管局（配合）", Part::Lead);
/// let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
/// assert_eq!(names, ["市文明办（测试）", "市城管局"]);
/// assert_eq!(units[1].role, Part::Cooperate);
/// ```
pub fn parse_units(text: &str, default: Part) -> Vec<Unit> {
    written_units(text, default)
        .into_iter()
        .map(|w| w.unit)
        .filter(|u| crate::text::names_something(&u.name))
        .collect()
}

/// Every name one cell lists, as written and in its one spelling, those of only punctuation
/// included: what `parse_units` reads, for a reader to report on.
pub fn written_units(text: &str, default: Part) -> Vec<Written> {
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
            let (bare, role) = marked(name.trim_matches(|c: char| c.is_whitespace()), list_role);
            // A mark an invisible character hid (`（配合）` + U+200B) shows once it is gone.
            let (name, role) = marked(&crate::text::unit_name(&bare), role);
            if !name.is_empty() {
                out.push(Written {
                    as_written: bare,
                    unit: Unit { name, role },
                });
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
