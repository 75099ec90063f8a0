//! The notice a draft opens with, when it has one: its 版头 (organ mark, 发文字号, 签发人),
//! title, 主送, body, 附件说明, 出席/请假/列席, 署名, date and 附注, recognised by what each
//! line looks like.

use super::Para;
use super::doubt::Doubts;
use super::forms::{self, Attendance, Mark};
use crate::text::Date;

/// What a draft's notice says.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeDraft {
    /// The issuing organs, from the organ mark (`…文件`) or else the 署名.
    pub issuers: Vec<String>,
    /// The names the organ mark carries; none when there is no mark.
    pub mark_names: Vec<String>,
    /// What follows the names in the organ mark (`文件`, `纪要`), when the mark has no such
    /// word (`""`), or `None` when there is no mark.
    pub mark_suffix: Option<String>,
    /// 发文字号 as typed.
    pub doc_no: Option<String>,
    /// 签发人, from beside the 发文字号.
    pub signers: Vec<String>,
    /// Whether the 发文字号 line has no organ mark but room left above it: the mark is on
    /// the paper (套打).
    pub preprinted: bool,
    /// The title, its lines joined.
    pub title: String,
    /// 主送机关, without the closing colon.
    pub to: Option<String>,
    /// The body's paragraphs.
    pub body: Vec<String>,
    /// The titles the 附件说明 lists.
    pub attachments: Vec<String>,
    /// 纪要's 出席, 请假 and 列席 lines.
    pub attendance: Attendance,
    /// The 署名 lines.
    pub signature: Vec<String>,
    /// The width, mm, of a picture anchored at the 署名 or date: a seal, that wide.
    pub seal: Option<f64>,
    /// 成文日期.
    pub date: Date,
    /// 附注, without its parentheses.
    pub note: Option<String>,
}

/// The notice `paras` open with and how many paragraphs it takes, when they open with one: a
/// title ending in 通知 within the first lines, and a date after the body.
///
/// ```
/// use dossier::read::draft::{Para, doubt::Doubts, notice::notice};
/// let paras: Vec<Para> = ["青州市文明办文件", "青文明办〔2024〕3号", "关于印发《方案》的通知",
///     "各单位：", "现将《方案》印发给你们。", "附件：方案", "青州市文明办", "2024年3月5日", "方案"]
///     .iter().enumerate().map(|(i, t)| Para { text: t.to_string(), number: i + 1, ..Default::default() }).collect();
/// let (n, taken) = notice(&paras, &mut Doubts::default()).unwrap();
/// assert_eq!((taken, n.issuers[0].as_str(), n.date.day), (8, "青州市文明办", 5));
/// assert_eq!((n.to.as_deref(), n.attachments.len()), (Some("各单位"), 1));
/// ```
pub fn notice(paras: &[Para], doubts: &mut Doubts) -> Option<(NoticeDraft, usize)> {
    let mut at = Cursor { paras, i: 0 };
    let (mark, doc_no, signers, preprinted) = at.head();
    let title = at.title()?;
    let to = at
        .take_if(is_addressee)
        .map(|t| t.trim_end_matches(['：', ':']).to_string());
    let body = at.take_while(|i, p| {
        !is_attachment_note(&p.text) && !at_signature(paras, i) && !forms::is_attendance(&p.text)
    });
    let mut attendance = Attendance::default();
    at.attendance(&mut attendance);
    let attachments = at.attachment_note();
    // A 纪要 may list who attended after its 附件 line as well as before it.
    at.attendance(&mut attendance);
    let signed_at = at.i;
    let signature = at.take_while(|_, p| !is_date(&p.text));
    check_signature(&paras[signed_at..at.i], doubts);
    let signature: Vec<String> = signature.iter().flat_map(|l| side_by_side(l)).collect();
    let date = at.date()?;
    let seal = seal(
        paras.get(signed_at..at.i).unwrap_or_default(),
        &signature,
        doubts,
    );
    let note = at.take_if(is_note).map(|t| unbracketed(&t));
    let first = paras.first().map_or(0, |p| p.number);
    let issuers = issuers(mark.as_ref(), &signature, first, doubts);
    let (mark_names, mark_suffix) = mark.map(|m| (m.names, Some(m.suffix))).unwrap_or_default();
    Some((
        NoticeDraft {
            issuers,
            mark_names,
            mark_suffix,
            doc_no,
            signers,
            preprinted,
            title,
            to,
            body,
            attachments,
            attendance,
            signature,
            seal,
            date,
            note,
        },
        at.i,
    ))
}

/// The issuing organs: the mark's names, but a 纪要's mark names the meeting, so the 署名
/// names them there (the mark's names when there is no 署名). A doubt at paragraph `first`
/// when there are none.
fn issuers(mark: Option<&Mark>, signature: &[String], first: usize, d: &mut Doubts) -> Vec<String> {
    let issuers = match mark {
        Some(m) if m.suffix != "纪要" || signature.is_empty() => m.names.clone(),
        _ => signature.to_vec(),
    };
    if issuers.is_empty() {
        d.add(
            first,
            "通知既无发文机关标志也无署名：请在 issuer 写上发文机关",
        );
    }
    issuers
}

/// The width of a picture anchored in the 署名 or date `paras`: a seal, whose picture the
/// scheme file must name again (the draft holds no file of it). None past the seals a
/// notice can carry.
fn seal(paras: &[Para], signature: &[String], doubts: &mut Doubts) -> Option<f64> {
    let (at, mm) = paras.iter().find_map(|p| p.picture.map(|mm| (p, mm)))?;
    if signature.len() > crate::limits::JOINT_SEALS {
        return None;
    }
    doubts.add_at(
        at.number,
        "seal: true",
        "署名和成文日期处有印章图片，已写 seal: true（留出盖章位置，打印后盖章）；\
         要把印章印上，请把 true 换成印章图片（背景透明的 PNG）的路径",
    );
    Some(mm)
}

/// A place in the paragraphs, moved on as each part is recognised.
struct Cursor<'a> {
    paras: &'a [Para],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<&str> {
        self.paras.get(self.i).map(|p| p.text.trim())
    }

    fn skip_blank(&mut self) {
        while self.peek().is_some_and(str::is_empty) {
            self.i += 1;
        }
    }

    /// The next paragraph's text when `test` holds for it.
    fn take_if(&mut self, test: impl Fn(&str) -> bool) -> Option<String> {
        self.skip_blank();
        let text = self.peek().filter(|t| test(t))?.to_string();
        self.i += 1;
        Some(text)
    }

    /// The paragraphs up to the first for which `go_on` (given its index) fails, blank ones
    /// left out.
    fn take_while(&mut self, go_on: impl Fn(usize, &Para) -> bool) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(p) = self.paras.get(self.i).filter(|p| go_on(self.i, p)) {
            if !p.text.trim().is_empty() {
                out.push(p.text.trim().to_string());
            }
            self.i += 1;
        }
        out
    }

    /// The organ mark, the 发文字号 and 签发人 under it, and whether the paper has the
    /// mark: no mark, and room left above the 发文字号 line (套打).
    fn head(&mut self) -> (Option<Mark>, Option<String>, Vec<String>, bool) {
        self.skip_blank();
        let mark = forms::mark(self.paras.get(self.i..).unwrap_or_default());
        if mark.is_some() {
            self.i += 1;
        }
        self.skip_blank();
        let room = self.paras.get(self.i).is_some_and(|p| p.after_blank);
        let line = self.take_if(|t| forms::doc_no_line(t).is_some());
        let preprinted = mark.is_none() && room && line.is_some();
        let (doc_no, signers) = line
            .as_deref()
            .and_then(forms::doc_no_line)
            .unwrap_or_default();
        (mark, doc_no, signers, preprinted)
    }

    /// The 出席, 请假 and 列席 lines here, read into `a`.
    fn attendance(&mut self, a: &mut Attendance) {
        while let Some(line) = self.take_if(forms::is_attendance) {
            a.read(&line);
        }
    }

    /// The title: up to three lines, the last ending as a notice's title does (通知, 函,
    /// 纪要).
    fn title(&mut self) -> Option<String> {
        self.skip_blank();
        let lines = self.paras.get(self.i..)?.iter().take(3);
        let end = lines.map(|p| p.text.trim()).position(forms::is_title_end)?;
        let title: String = self.paras[self.i..=self.i + end]
            .iter()
            .map(|p| p.text.split_whitespace().collect::<String>())
            .collect();
        self.i += end + 1;
        Some(title)
    }

    /// The titles of a 附件说明: `附件：X`, or `附件：1.X` with `2.Y` … on the lines after.
    fn attachment_note(&mut self) -> Vec<String> {
        let Some(first) = self.take_if(is_attachment_note) else {
            return Vec::new();
        };
        let rest = first
            .trim_start_matches("附件")
            .trim_start_matches(['：', ':']);
        let mut titles = vec![without_list_number(rest)];
        while let Some(next) = self.take_if(|t| list_number(t).is_some() && !is_date(t)) {
            titles.push(without_list_number(&next));
        }
        titles
    }

    fn date(&mut self) -> Option<Date> {
        self.skip_blank();
        let date = date_of(self.peek()?)?;
        self.i += 1;
        Some(date)
    }
}

fn is_addressee(text: &str) -> bool {
    let ends = text.ends_with('：') || text.ends_with(':');
    ends && text.chars().count() <= 150 && !text.starts_with("附件")
}

fn is_attachment_note(text: &str) -> bool {
    let t = text.trim_start();
    t.strip_prefix("附件")
        .is_some_and(|r| r.trim_start().starts_with(['：', ':']))
}

/// The date `text` gives, spaces typed inside it ignored.
fn date_of(text: &str) -> Option<Date> {
    Date::parse(&text.replace(' ', "")).ok()
}

fn is_date(text: &str) -> bool {
    date_of(text).is_some()
}

/// Whether paragraph `i` opens the 署名: a short line of names, the date within the next
/// lines.
fn at_signature(paras: &[Para], i: usize) -> bool {
    let ahead = paras.get(i..).unwrap_or_default().iter().take(5);
    let lines: Vec<&str> = ahead.map(|q| q.text.trim()).collect();
    let Some(date) = lines.iter().position(|t| is_date(t)) else {
        return false;
    };
    date > 0 && lines[..date].iter().all(|t| is_name_line(t))
}

/// The words a notice's body may close with on a line of their own, which are no 署名.
const CLOSINGS: [&str; 6] = [
    "特此通知",
    "特此通报",
    "特此函告",
    "特此报告",
    "特此批复",
    "此复",
];

/// How the names of organs end, told from the words a body line ends with.
const ORGAN_ENDS: [&str; 20] = [
    "办公室",
    "委员会",
    "政府",
    "指挥部",
    "小组",
    "中心",
    "局",
    "部",
    "办",
    "委",
    "会",
    "厅",
    "院",
    "队",
    "所",
    "站",
    "团",
    "联",
    "社",
    "处",
];

/// A line that names an organ: short, with no sentence punctuation, and no closing words.
fn is_name_line(text: &str) -> bool {
    let n = text.chars().count();
    let plain = !text.contains(['，', '。', '；', '：', ',', ':']);
    (2..=40).contains(&n) && plain && !CLOSINGS.contains(&text)
}

/// Notes each line of the 署名 `paras` whose last words name no organ: it may be the body's.
fn check_signature(paras: &[Para], doubts: &mut Doubts) {
    for p in paras.iter().filter(|p| !p.text.trim().is_empty()) {
        let names = side_by_side(&p.text);
        if names
            .iter()
            .any(|n| !ORGAN_ENDS.iter().any(|e| n.ends_with(e)))
        {
            doubts.add(
                p.number,
                format!(
                    "「{}」读作署名，但不像机关名称：如是正文，请移到 body",
                    p.text.trim()
                ),
            );
        }
    }
}

/// The names of a line that sets them side by side (a joint sealed notice's 署名), apart at
/// tabs or at runs of spaces.
fn side_by_side(line: &str) -> Vec<String> {
    let gaps = line.replace(['\t', '\u{3000}'], "  ");
    (gaps.split("  "))
        .map(|n| n.split_whitespace().collect::<String>())
        .filter(|n| !n.is_empty())
        .collect()
}

fn is_note(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'))
}

fn unbracketed(text: &str) -> String {
    let t = text.trim();
    let t = t.strip_prefix(['（', '(']).unwrap_or(t);
    t.strip_suffix(['）', ')']).unwrap_or(t).to_string()
}

/// The `1.` a 附件说明 entry opens with.
fn list_number(text: &str) -> Option<&str> {
    crate::text::heading_number(text)
        .filter(|n| crate::text::heading_level(n).is_some_and(|l| l.0 == 3))
}

fn without_list_number(text: &str) -> String {
    let t = text.trim();
    let rest = list_number(t).map_or(t, |n| &t[n.len()..]);
    rest.trim().trim_end_matches(['。', '；', ';']).to_string()
}
