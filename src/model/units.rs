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

/// Spellings of units a scheme says name one unit (`财政局` is `市财政局`): each other
/// spelling, in its one spelling, and the name it stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SameUnits(std::collections::BTreeMap<String, String>);

impl SameUnits {
    /// The units `groups` name, each with the other spellings it is written in; the error
    /// says which spelling is given two units.
    ///
    /// ```
    /// use dossier::model::SameUnits;
    /// let same = SameUnits::new([("市财政局".into(), vec!["财政局".into()])]).unwrap();
    /// assert_eq!(same.name("财政局"), "市财政局");
    /// assert_eq!(same.name("市教育局"), "市教育局");
    /// let twice = [("甲局".into(), vec!["丙".into()]), ("乙局".into(), vec!["丙".into()])];
    /// assert!(SameUnits::new(twice).is_err());
    /// let chain = [("甲局".into(), vec!["乙局".into()]), ("乙局".into(), vec!["丙".into()])];
    /// assert!(SameUnits::new(chain).is_err(), "乙局 both a unit and a spelling");
    /// ```
    pub fn new(
        groups: impl IntoIterator<Item = (String, Vec<String>)>,
    ) -> Result<SameUnits, String> {
        let mut map = std::collections::BTreeMap::new();
        for (unit, others) in groups {
            let unit = crate::text::unit_name(&unit);
            for other in others {
                let other = crate::text::unit_name(&other);
                if other == unit {
                    continue;
                }
                if let Some(before) = map.insert(other.clone(), unit.clone()) {
                    return Err(format!(
                        "「{other}」既归入「{before}」，又归入「{unit}」；一种写法只能归入一个单位"
                    ));
                }
            }
        }
        // A unit that is also another's spelling would swap or chain names, not merge them.
        if let Some((unit, other)) = map.values().find_map(|u| map.get_key_value(u)) {
            return Err(format!(
                "「{unit}」既有其他写法归入它，自己又归入「{other}」；请只写一层：把这些写法都列在「{other}」名下"
            ));
        }
        Ok(SameUnits(map))
    }

    /// The unit `name` stands for.
    pub fn name<'a>(&'a self, name: &'a str) -> &'a str {
        self.0.get(name).map_or(name, String::as_str)
    }

    /// Each other spelling with the unit it stands for.
    pub fn spellings(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(a, b)| (a.as_str(), b.as_str()))
    }
}
