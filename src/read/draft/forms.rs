//! The forms a notice takes besides the 文件 (GB/T 9704 clause 10), recognised by their text
//! as a typed draft shows them too: a 函 (its title `关于…的函`, its mark the organ's name
//! alone above the 发文字号), a 纪要 (its mark `…会议纪要`, its 出席/请假/列席 lines), and a
//! 签发人 beside the 发文字号.

use super::Para;
use crate::text::normalize_doc_number;

/// An organ mark: the names it carries and the word after them.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The names, one a line.
    pub names: Vec<String>,
    /// `文件`, `纪要`, or `""` for a name alone (a 函's mark).
    pub suffix: String,
}

/// The organ mark `paras` open with, if they open with one: `…文件`; `…纪要` with a title
/// ending in 纪要 after it (else it is the title itself); or a name alone with a 发文字号
/// under it.
///
/// ```
/// use dossier::read::draft::{Para, forms::mark};
/// let paras = |lines: &[&str]| -> Vec<Para> {
///     lines.iter().map(|t| Para { text: t.to_string(), ..Default::default() }).collect()
/// };
/// let m = mark(&paras(&["青州市文明办文件", "关于开展评选的通知"])).unwrap();
/// assert_eq!((m.names[0].as_str(), m.suffix.as_str()), ("青州市文明办", "文件"));
/// let m = mark(&paras(&["青州市文明办", "青文明办函〔2024〕6号", "关于商请支持的函"])).unwrap();
/// assert_eq!((m.names[0].as_str(), m.suffix.as_str()), ("青州市文明办", ""));
/// let m = mark(&paras(&["创建工作例会纪要", "第三次例会纪要"])).unwrap();
/// assert_eq!((m.names[0].as_str(), m.suffix.as_str()), ("创建工作例会", "纪要"));
/// assert!(mark(&paras(&["第三次例会纪要", "会议认为，进展顺利。"])).is_none());
/// assert!(mark(&paras(&["青州市文明办", "关于开展评选的通知"])).is_none());
/// ```
pub fn mark(paras: &[Para]) -> Option<Mark> {
    let mut texts = paras
        .iter()
        .map(|p| p.text.trim())
        .filter(|t| !t.is_empty());
    let first = texts.next()?;
    let next = texts.next().unwrap_or_default();
    let with = |suffix: &str| {
        names_before(first, suffix).map(|names| Mark {
            names,
            suffix: suffix.to_string(),
        })
    };
    with("文件")
        .or_else(|| with("纪要").filter(|_| next.ends_with("纪要")))
        .or_else(|| with("").filter(|_| doc_no_line(next).is_some()))
}

/// The names a mark carries, one a line, before `suffix` on its last line:
/// `江屿市人民政府文件` → `[江屿市人民政府]`.
fn names_before(text: &str, suffix: &str) -> Option<Vec<String>> {
    let lines: Vec<String> = (text.lines())
        .map(|l| l.split_whitespace().collect::<String>())
        .filter(|l| !l.is_empty())
        .collect();
    let (last, before) = lines.split_last()?;
    let last = last.strip_suffix(suffix)?;
    let names: Vec<String> = before
        .iter()
        .cloned()
        .chain(Some(last.to_string()))
        .filter(|n| !n.is_empty())
        .collect();
    let plain =
        |n: &String| (2..=30).contains(&n.chars().count()) && !n.contains(['，', '。', '：', '《']);
    (!names.is_empty() && names.iter().all(plain)).then_some(names)
}

/// The 发文字号 and the 签发人 of a line that holds either: `青文明办〔2024〕3号`, or
/// `青文明办〔2024〕3号  签发人：张三`, whose names may be set apart by spaces (a two-character
/// name spaced out to three, `张　三`, is one name).
///
/// ```
/// use dossier::read::draft::forms::doc_no_line;
/// let (no, signers) = doc_no_line("　青创城指〔2024〕8号\t签发人：孟庆和").unwrap();
/// assert_eq!((no.as_deref(), signers), (Some("青创城指〔2024〕8号"), vec!["孟庆和".to_string()]));
/// let (_, signers) = doc_no_line("青发〔2024〕1号    签发人：张　三　欧阳修").unwrap();
/// assert_eq!(signers, ["张三", "欧阳修"]);
/// assert_eq!(doc_no_line("青发〔2024〕1号"), Some((Some("青发〔2024〕1号".to_string()), vec![])));
/// assert!(doc_no_line("关于开展评选的通知").is_none());
/// ```
pub fn doc_no_line(text: &str) -> Option<(Option<String>, Vec<String>)> {
    let text = text.trim();
    let Some((before, after)) = text.split_once("签发人") else {
        return normalize_doc_number(text)
            .is_ok()
            .then(|| (Some(text.to_string()), Vec::new()));
    };
    let before = before.trim();
    let doc_no = Some(before.to_string()).filter(|b| normalize_doc_number(b).is_ok());
    if doc_no.is_none() && !before.is_empty() {
        return None;
    }
    let names = after.trim_start_matches([':', '：', ' ', '\u{3000}']);
    Some((doc_no, signers(names)))
}

/// Names set apart by spaces or 、，, two single characters in a row joined (`张　三`).
fn signers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut half: Option<String> = None;
    for piece in text.split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',')) {
        match (piece.chars().count(), half.take()) {
            (0, h) => half = h,
            (1, None) => half = Some(piece.to_string()),
            (1, Some(h)) => out.push(h + piece),
            (_, h) => out.extend(h.into_iter().chain(Some(piece.to_string()))),
        }
    }
    out.extend(half);
    out
}

/// Whether `title` ends as a notice's title does: 通知, 函, 纪要.
///
/// ```
/// use dossier::read::draft::forms::is_title_end;
/// assert!(is_title_end("关于商请支持的函") && is_title_end("第三次会议纪要"));
/// assert!(is_title_end("关于印发《方案》的通知") && !is_title_end("实施方案"));
/// ```
pub fn is_title_end(title: &str) -> bool {
    let t = title.trim();
    ["通知", "通知》", "函", "纪要"]
        .iter()
        .any(|end| t.ends_with(end))
}

/// Whether `title` is a 函's.
///
/// ```
/// assert!(dossier::read::draft::forms::is_letter("关于商请支持文明交通劝导的函"));
/// ```
pub fn is_letter(title: &str) -> bool {
    title.trim().ends_with('函')
}

/// Who attended a meeting, as a 纪要 lists them: each line's names as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attendance {
    /// 出席.
    pub attended: Option<String>,
    /// 请假.
    pub absent: Option<String>,
    /// 列席.
    pub observers: Option<String>,
}

impl Attendance {
    /// Reads `line` into the attendance when it is an 出席, 请假 or 列席 line; false when
    /// it is none.
    ///
    /// ```
    /// let mut a = dossier::read::draft::forms::Attendance::default();
    /// assert!(a.read("出席：张三、李四") && a.read("列席: 市委督查室王五"));
    /// assert!(!a.read("会议认为，进展顺利。"));
    /// assert_eq!((a.attended.as_deref(), a.observers.as_deref()), (Some("张三、李四"), Some("市委督查室王五")));
    /// ```
    pub fn read(&mut self, line: &str) -> bool {
        let Some((label, names)) = attendance_line(line) else {
            return false;
        };
        let slot = match label {
            "出席" => &mut self.attended,
            "请假" => &mut self.absent,
            _ => &mut self.observers,
        };
        *slot = Some(names.to_string());
        true
    }
}

/// The label and the names of an 出席, 请假 or 列席 line.
fn attendance_line(line: &str) -> Option<(&'static str, &str)> {
    let line = line.trim();
    ["出席", "请假", "列席"].into_iter().find_map(|label| {
        let rest = line.strip_prefix(label)?.trim_start();
        let names = rest.strip_prefix(['：', ':'])?.trim();
        (!names.is_empty()).then_some((label, names))
    })
}

/// Whether `line` is an 出席, 请假 or 列席 line.
///
/// ```
/// use dossier::read::draft::forms::is_attendance;
/// assert!(is_attendance("请假：市教育局许安（出差）") && !is_attendance("出席会议的有："));
/// ```
pub fn is_attendance(line: &str) -> bool {
    attendance_line(line).is_some()
}
