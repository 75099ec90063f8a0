//! Reads a scheme file (YAML) into the document model. The serde types here mirror the file
//! format field for field (README documents it); `deny_unknown_fields` everywhere so a typo is
//! an error at its `file:line:col`, never a silently ignored field.

use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::yaml_error;
use crate::error::{Error, Result};
use crate::model;
use crate::text::{self, Date};

/// Reads and validates the scheme file at `path`.
///
/// ```no_run
/// let doc = dossier::read::scheme::load(std::path::Path::new("schemes/fulian.yaml")).unwrap();
/// assert!(doc.notice.is_some());
/// ```
pub fn load(path: &Path) -> Result<model::Document> {
    let text = read_text(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    parse_in(&text, &path.display().to_string(), dir)
}

/// The text of the scheme file at `path`. It is read through a cap, so that a file past
/// `SCHEME_FILE_BYTES` (or a device that never ends) is refused without being held whole.
fn read_text(path: &Path) -> Result<String> {
    use std::io::Read;
    let limit = crate::limits::SCHEME_FILE_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            Error::file(path, format!("无法读取方案文件：{}", super::io_reason(&e)))
                .with_hint("检查文件路径是否正确、文件是否为 UTF-8 编码的文本")
        })?;
    if bytes.len() as u64 > limit {
        return Err(
            Error::file(path, format!("方案文件超过 {} MiB 的上限", limit >> 20)).with_hint(
                "方案文件只需写出通知和方案的文字；大的任务表用 tasks: {file: …} 引用表格文件",
            ),
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&good[start..]).chars().count() + 1;
        Error::at(
            format!("{}:{line}:{col}", path.display()),
            "方案文件不是 UTF-8 编码的文本",
        )
        .with_hint("多半是按 GBK 保存的：用记事本或 WPS 另存为“UTF-8”编码后再试")
    })
}

/// Parses scheme text; `name` is how errors refer to the file.
///
/// ```
/// let doc = dossier::read::scheme::parse("scheme:\n  title: 实施方案\n", "a.yaml").unwrap();
/// assert_eq!(doc.attachments[0].title, "实施方案");
/// let err = dossier::read::scheme::parse("scheme:\n  titel: 实施方案\n", "a.yaml").unwrap_err();
/// assert_eq!(err.place, "a.yaml:2:3");
/// ```
pub fn parse(text: &str, name: &str) -> Result<model::Document> {
    parse_in(text, name, Path::new("."))
}

/// Parses scheme text whose relative paths (a task sheet's `file`) are relative to `dir`.
pub fn parse_in(text: &str, name: &str, dir: &Path) -> Result<model::Document> {
    super::yaml_guard::check(text, name)?;
    let spec: FileSpec =
        serde_norway::from_str(text).map_err(|e| yaml_error::translate(&e, name))?;
    let tasks = match spec.tasks {
        Some(ref t) => Some(t.load(name, dir)?),
        None => None,
    };
    Ok(spec.into_model(tasks))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    fonts: Option<FontsName>,
    notice: Option<NoticeSpec>,
    scheme: AttachmentSpec,
    #[serde(default)]
    attachments: Vec<AttachmentSpec>,
    tasks: Option<TasksSpec>,
    #[serde(default)]
    indicators: Vec<IndicatorSpec>,
}

/// `{code: 1.2, name: 理论学习, units: [市委宣传部]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorSpec {
    code: CellText,
    name: String,
    #[serde(default)]
    units: OneOrMany,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeSpec {
    copy_no: Option<CopyNo>,
    secrecy: Option<String>,
    urgency: Option<Urgency>,
    issuer: OneOrMany,
    mark: Option<OneOrMany>,
    mark_suffix: Option<String>,
    #[serde(default)]
    signer: OneOrMany,
    doc_no: Option<DocNo>,
    #[serde(default)]
    to: OneOrMany,
    title: Option<String>,
    body: Option<Paragraphs>,
    #[serde(default = "yes")]
    scheme_as_attachment: bool,
    signature: Option<OneOrMany>,
    date: IsoDate,
    note: Option<String>,
    #[serde(default)]
    cc: OneOrMany,
    printer: Option<String>,
    print_date: Option<IsoDate>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttachmentSpec {
    title: String,
    #[serde(default)]
    preamble: Paragraphs,
    #[serde(default)]
    sections: Vec<SectionSpec<1, SectionSpec<2, SectionSpec<3, SectionSpec<4, TooDeep>>>>>,
}

/// A section of level `L` whose children are of type `C`; nesting the type four deep bounds
/// the levels, and `L` bounds the typed parts whose items are numbered one or two levels down.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionSpec<const L: u8, C> {
    title: String,
    run_in: Option<bool>,
    #[serde(default)]
    text: Paragraphs,
    #[serde(default = "Vec::new")]
    sections: Vec<C>,
    #[serde(default)]
    stages: Bounded<StageSpec, L, 2>,
    group: Option<GroupSpec>,
    #[serde(default)]
    task_areas: Bounded<TaskAreaSpec, L, 2>,
    #[serde(default)]
    requirements: Bounded<ItemSpec, L, 3>,
}

/// A list of typed items in a section of level `L`, allowed only up to level `MAX` so that
/// the items' own numbers stay within the four levels.
struct Bounded<T, const L: u8, const MAX: u8>(Vec<T>);

impl<T, const L: u8, const MAX: u8> Default for Bounded<T, L, MAX> {
    fn default() -> Self {
        Bounded(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>, const L: u8, const MAX: u8> Deserialize<'de> for Bounded<T, L, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<T, const L: u8, const MAX: u8>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>, const L: u8, const MAX: u8> Visitor<'de> for V<T, L, MAX> {
            type Value = Bounded<T, L, MAX>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("列表（每项以 - 开头）")
            }
            // Checked inside the visitor so the error carries the list's own line:col.
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                if L > MAX {
                    return Err(de::Error::custom(format!(
                        "这一节是第{L}级小节，其中各项还要往下编号，会超出四级；这种内容只能放在第{MAX}级及以上的小节里"
                    )));
                }
                let mut out = Vec::new();
                while let Some(item) = seq.next_element()? {
                    out.push(item);
                }
                Ok(Bounded(out))
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
    }
}

/// Stands in the place of a fifth level, which the standard's numbering does not have.
struct TooDeep;

impl<'de> Deserialize<'de> for TooDeep {
    fn deserialize<D: Deserializer<'de>>(_: D) -> std::result::Result<Self, D::Error> {
        Err(de::Error::custom(
            "小节最多四级（一、（一）1.（1）），这里是第五级；请把它并入上一级的 text",
        ))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StageSpec {
    name: String,
    period: Option<PeriodSpec>,
    #[serde(default)]
    text: Paragraphs,
    #[serde(default)]
    steps: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupSpec {
    name: String,
    roles: Vec<RoleSpec>,
    office: Option<OfficeSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleSpec {
    role: String,
    members: People,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeSpec {
    location: Option<String>,
    director: Option<PersonSpec>,
    #[serde(default)]
    deputies: People,
    #[serde(default)]
    duties: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskAreaSpec {
    name: String,
    #[serde(default)]
    coordinators: OneOrMany,
    #[serde(default)]
    deputy_coordinators: OneOrMany,
    #[serde(default)]
    units: OneOrMany,
    #[serde(default)]
    tasks: Vec<TaskSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskSpec {
    #[serde(default)]
    title: String,
    text: Paragraphs,
    #[serde(default)]
    units: OneOrMany,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemSpec {
    title: String,
    #[serde(default)]
    text: Paragraphs,
}

impl FileSpec {
    fn into_model(self, tasks: Option<model::TaskTable>) -> model::Document {
        let scheme_title = self.scheme.title.clone();
        let labelled = self.notice.as_ref().is_some_and(|n| n.scheme_as_attachment);
        let mut docs = vec![(labelled, self.scheme)];
        docs.extend(self.attachments.into_iter().map(|a| (true, a)));
        if let Some(t) = &tasks {
            docs.push((
                true,
                AttachmentSpec {
                    title: t
                        .title
                        .clone()
                        .unwrap_or_else(|| DEFAULT_TABLE_TITLE.to_string()),
                    preamble: Paragraphs::default(),
                    sections: Vec::new(),
                },
            ));
        }
        let table_index = tasks.as_ref().map(|_| docs.len() - 1);
        let label_count = docs.iter().filter(|(l, _)| *l).count();
        let mut attachment_titles = Vec::new();
        let mut attachments = Vec::new();
        for (labelled, spec) in docs {
            let label = labelled.then(|| {
                attachment_titles.push(one_line(&spec.title));
                if label_count == 1 {
                    "附件".to_string()
                } else {
                    format!("附件{}", attachment_titles.len())
                }
            });
            let mut a = spec.into_model(label);
            a.table = Some(attachments.len()) == table_index;
            attachments.push(a);
        }
        model::Document {
            fonts: self.fonts.map(|f| f.0),
            notice: self
                .notice
                .map(|n| n.into_model(&scheme_title, attachment_titles)),
            attachments,
            tasks,
            indicators: self
                .indicators
                .into_iter()
                .map(|i| model::Indicator {
                    code: i.code.0,
                    name: i.name,
                    units: i.units.0,
                })
                .collect(),
        }
    }
}

/// A title with the author's line breaks removed, as it is quoted in running text.
fn one_line(title: &str) -> String {
    title.lines().map(str::trim).collect()
}

impl NoticeSpec {
    fn into_model(self, scheme_title: &str, attachment_titles: Vec<String>) -> model::Notice {
        let issuers = self.issuer.0;
        let quoted = one_line(scheme_title);
        let title = self
            .title
            .unwrap_or_else(|| format!("关于印发《{quoted}》的通知"));
        let body = self.body.map(|b| b.0).unwrap_or_else(|| {
            vec![format!(
                "现将《{quoted}》印发给你们，请结合实际认真贯彻落实。"
            )]
        });
        let date = self.date.0;
        model::Notice {
            copy_no: self.copy_no.map(|c| c.0),
            secrecy: self.secrecy,
            urgency: self.urgency.map(|u| u.0),
            mark_names: self.mark.map(|m| m.0).unwrap_or_else(|| issuers.clone()),
            mark_suffix: self.mark_suffix.unwrap_or_else(|| "文件".to_string()),
            signature: self
                .signature
                .map(|s| s.0)
                .unwrap_or_else(|| issuers.clone()),
            issuers,
            signers: self.signer.0,
            doc_no: self.doc_no.map(|d| d.0),
            to: self.to.0,
            title,
            body,
            attachment_titles,
            date: iso(date),
            note: self.note,
            cc: self.cc.0,
            printer: self.printer,
            print_date: iso(self.print_date.map_or(date, |d| d.0)),
        }
    }
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

impl AttachmentSpec {
    fn into_model(self, label: Option<String>) -> model::Attachment {
        model::Attachment {
            label,
            title: self.title,
            preamble: self.preamble.0,
            sections: numbered(self.sections, |n, s| s.into_model(1, n)),
            table: false,
        }
    }
}

/// Numbers items from 1 in their order.
fn numbered<T, U>(items: Vec<T>, f: impl Fn(u32, T) -> U) -> Vec<U> {
    items
        .into_iter()
        .zip(1u32..)
        .map(|(item, n)| f(n, item))
        .collect()
}

/// What a section of any level turns into; implemented for every nesting depth.
trait IntoSection {
    fn into_model(self, level: u8, number: u32) -> model::Section;
}

impl IntoSection for TooDeep {
    fn into_model(self, level: u8, number: u32) -> model::Section {
        model::Section {
            level,
            number,
            title: String::new(),
            run_in: false,
            paragraphs: Vec::new(),
            sections: Vec::new(),
            stages: Vec::new(),
            group: None,
            task_areas: Vec::new(),
            requirements: Vec::new(),
        }
    }
}

impl<const L: u8, C: IntoSection> IntoSection for SectionSpec<L, C> {
    fn into_model(self, level: u8, number: u32) -> model::Section {
        // Level 1 stands alone; deeper headings run in by custom when they read as a sentence.
        let run_in = level > 1
            && !self.text.0.is_empty()
            && self
                .run_in
                .unwrap_or(level >= 3 || (level == 2 && self.title.ends_with('。')));
        // Every kind of sub-item shares one numbering, in the order the template prints them.
        let mut next = 0u32;
        let mut number_next = || {
            next += 1;
            next
        };
        let stages = self
            .stages
            .0
            .into_iter()
            .map(|s| model::Stage {
                number: number_next(),
                name: s.name,
                period: s.period.map(|p| p.0),
                paragraphs: s.text.0,
                steps: s.steps,
            })
            .collect();
        let task_areas = self
            .task_areas
            .0
            .into_iter()
            .map(|a| model::TaskArea {
                number: number_next(),
                name: a.name,
                coordinators: a.coordinators.0,
                deputy_coordinators: a.deputy_coordinators.0,
                units: a.units.0,
                tasks: numbered(a.tasks, |n, t| model::Task {
                    number: n,
                    title: run_in_title(t.title, !t.text.0.is_empty()),
                    paragraphs: t.text.0,
                    units: t.units.0,
                }),
            })
            .collect();
        let requirements = self
            .requirements
            .0
            .into_iter()
            .map(|r| model::Item {
                number: number_next(),
                title: run_in_title(r.title, !r.text.0.is_empty()),
                paragraphs: r.text.0,
            })
            .collect();
        let sections = self
            .sections
            .into_iter()
            .map(|s| s.into_model(level + 1, number_next()))
            .collect();
        model::Section {
            level,
            number,
            title: run_in_title(self.title, run_in),
            run_in,
            paragraphs: self.text.0,
            sections,
            stages,
            group: self.group.map(|g| model::Group {
                name: g.name,
                roles: g
                    .roles
                    .into_iter()
                    .map(|r| model::Role {
                        role: r.role,
                        members: r.members.0,
                    })
                    .collect(),
                office: g.office.map(|o| model::Office {
                    location: o.location,
                    director: o.director.map(|p| p.0),
                    deputies: o.deputies.0,
                    duties: o.duties,
                }),
            }),
            task_areas,
            requirements,
        }
    }
}

/// A heading that runs into its text ends as a sentence does: `1.加强学习。深入开展……`; one
/// the author left without closing punctuation gets a 。.
fn run_in_title(title: String, runs_in: bool) -> String {
    const CLOSING: [char; 6] = ['。', '！', '？', '；', '：', '…'];
    if runs_in && !title.is_empty() && !title.ends_with(CLOSING) {
        format!("{title}。")
    } else {
        title
    }
}

/// Paragraphs given as one text (blank lines separate paragraphs; single line breaks are
/// only wrapping and are joined) or as a list of paragraphs.
#[derive(Default)]
struct Paragraphs(Vec<String>);

impl Paragraphs {
    fn from_text(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut current = String::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            } else {
                current.push_str(line);
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
        out
    }
}

impl<'de> Deserialize<'de> for Paragraphs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let expecting = "正文文本（空行分段）或段落列表";
        text_or_list(d, expecting, Paragraphs::from_text, Paragraphs::from_text).map(Paragraphs)
    }
}

/// One name or a list of names; a single text may list several, separated by 、 or ，.
#[derive(Default)]
struct OneOrMany(Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let item = |s: &str| {
            Some(s.trim().to_string())
                .filter(|s| !s.is_empty())
                .into_iter()
                .collect()
        };
        text_or_list(d, "一个名称，或名称列表", text::split_list, item).map(OneOrMany)
    }
}

/// Names listed in one text, separated by 、，；/ or line breaks. Spaces do not separate:
/// offices pad two-character names with them (`杨  杰`).
/// A text, split by `text`, or a list of texts, each turned into entries by `item`.
fn text_or_list<'de, D: Deserializer<'de>>(
    d: D,
    expecting: &'static str,
    text: fn(&str) -> Vec<String>,
    item: fn(&str) -> Vec<String>,
) -> std::result::Result<Vec<String>, D::Error> {
    struct V {
        expecting: &'static str,
        text: fn(&str) -> Vec<String>,
        item: fn(&str) -> Vec<String>,
    }
    impl<'de> Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Vec<String>, E> {
            Ok((self.text)(v))
        }
        fn visit_seq<A: SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(s) = seq.next_element::<String>()? {
                out.extend((self.item)(&s));
            }
            Ok(out)
        }
    }
    d.deserialize_any(V {
        expecting,
        text,
        item,
    })
}

/// People as a list (`杨杰` or `{name: 杨杰, title: 主席}` each) or one text listing names.
#[derive(Default)]
struct People(Vec<model::Person>);

impl<'de> Deserialize<'de> for People {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = People;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("人员列表")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<People, E> {
                Ok(People(
                    text::split_list(v)
                        .into_iter()
                        .map(|name| model::Person {
                            name: person_name(&name),
                            title: None,
                        })
                        .collect(),
                ))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<People, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<PersonSpec>()? {
                    out.push(p.0);
                }
                Ok(People(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A Chinese name without the padding offices type into it (`杨  杰` → `杨杰`); templates pad
/// it again where the layout wants it. Names in Latin letters keep their single spaces.
fn person_name(s: &str) -> String {
    let s = s.trim();
    if s.chars().any(|c| c.is_ascii_alphabetic()) {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }
}

/// `杨杰`, or `{name: 杨杰, title: 市妇联主席}`.
struct PersonSpec(model::Person);

impl<'de> Deserialize<'de> for PersonSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            name: String,
            title: Option<String>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PersonSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("姓名，或 {name: 姓名, title: 职务}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<PersonSpec, E> {
                Ok(PersonSpec(model::Person {
                    name: person_name(v),
                    title: None,
                }))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<PersonSpec, A::Error> {
                let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(PersonSpec(model::Person {
                    name: person_name(&full.name),
                    title: full.title,
                }))
            }
        }
        d.deserialize_any(V)
    }
}

/// `7月中旬至7月末`, or `{from: 2014-07-15, to: 2014-07-31}`.
struct PeriodSpec(model::Period);

impl<'de> Deserialize<'de> for PeriodSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Range {
            from: IsoDate,
            to: IsoDate,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PeriodSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("时间段文字（如 7月中旬至7月末），或 {from: 起始日期, to: 结束日期}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<PeriodSpec, E> {
                Ok(PeriodSpec(model::Period {
                    from: None,
                    to: None,
                    words: Some(v.trim().to_string()),
                }))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<PeriodSpec, A::Error> {
                let r = Range::deserialize(de::value::MapAccessDeserializer::new(map))?;
                text::format_period(r.from.0, r.to.0).map_err(de::Error::custom)?;
                Ok(PeriodSpec(model::Period {
                    from: Some(iso(r.from.0)),
                    to: Some(iso(r.to.0)),
                    words: None,
                }))
            }
        }
        d.deserialize_any(V)
    }
}

/// Deserializes a text and checks it inside the visitor, so an error carries the value's own
/// `line:col` rather than its parent's.
fn checked_text<'de, D, T>(
    d: D,
    expecting: &'static str,
    check: fn(&str) -> std::result::Result<T, String>,
) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct V<T> {
        expecting: &'static str,
        check: fn(&str) -> std::result::Result<T, String>,
    }
    impl<T> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<T, E> {
            (self.check)(v).map_err(E::custom)
        }
    }
    d.deserialize_str(V { expecting, check })
}

/// A calendar date written `2014-07-25` or `2014年7月25日`, checked to exist.
struct IsoDate(Date);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "日期，如 2014-07-25", |s| {
            Date::parse(s).map(IsoDate)
        })
    }
}

/// 发文字号, normalised to `哈办发〔2012〕9号`.
struct DocNo(String);

impl<'de> Deserialize<'de> for DocNo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "发文字号，如 哈办发〔2012〕9号", |s| {
            text::normalize_doc_number(s).map(DocNo)
        })
    }
}

/// 份号: six digits, zero-padded when fewer are given.
struct CopyNo(String);

impl<'de> Deserialize<'de> for CopyNo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = CopyNo;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("份号：1至6位数字")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<CopyNo, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<CopyNo, E> {
                let v = v.trim();
                if v.is_empty() || v.len() > 6 || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::custom(format!("份号应为1至6位数字，这里是「{v}」")));
                }
                Ok(CopyNo(format!("{v:0>6}")))
            }
        }
        d.deserialize_any(V)
    }
}

/// 紧急程度: the standard allows 特急 and 加急 only.
struct Urgency(String);

impl<'de> Deserialize<'de> for Urgency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "特急 或 加急", |s| match s.trim() {
            v @ ("特急" | "加急") => Ok(Urgency(v.to_string())),
            v => Err(format!("紧急程度只能是「特急」或「加急」，这里是「{v}」")),
        })
    }
}

/// The name of a font profile in `layout`.
struct FontsName(String);

impl<'de> Deserialize<'de> for FontsName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "字体方案名", |s| {
            let s = s.trim();
            match crate::layout::font_profile(s) {
                Some(p) => Ok(FontsName(p.name.to_string())),
                None => {
                    let known: Vec<&str> = crate::layout::FONT_PROFILES
                        .iter()
                        .map(|p| p.name)
                        .collect();
                    Err(format!(
                        "没有名为「{s}」的字体方案，可用：{}",
                        known.join("、")
                    ))
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn text_forms_and_defaults() {
        let doc = parse(
            "notice:\n  issuer: 甲办公室、乙办公室\n  date: 2024年7月2日\nscheme:\n  title: |\n    方案\n  preamble: |\n    第一段\n    续行\n\n    第二段\n",
            "t.yaml",
        )
        .unwrap();
        let n = doc.notice.unwrap();
        assert_eq!(n.issuers, ["甲办公室", "乙办公室"]);
        let roster = parse(
            "scheme:\n  title: 方案\n  sections:\n    - title: 组织\n      group:\n        name: 小组\n        roles:\n          - {role: 组  长, members: 杨  杰}\n          - {role: 成员, members: 王 思、John  Smith}\n",
            "t.yaml",
        )
        .unwrap();
        let g = roster.attachments[0].sections[0].group.clone().unwrap();
        let names: Vec<_> = g
            .roles
            .iter()
            .flat_map(|r| r.members.iter().map(|m| m.name.clone()))
            .collect();
        assert_eq!(
            names,
            ["杨杰", "王思", "John Smith"],
            "padding is not a separator"
        );
        assert_eq!(
            n.signature, n.issuers,
            "joint documents sign with every organ"
        );
        assert_eq!(n.date, "2024-07-02");
        assert_eq!(n.print_date, n.date);
        assert_eq!(n.title, "关于印发《方案》的通知");
        assert_eq!(n.attachment_titles, ["方案"]);
        assert_eq!(doc.attachments[0].label.as_deref(), Some("附件"));
        assert_eq!(doc.attachments[0].preamble, ["第一段续行", "第二段"]);
    }

    #[test]
    fn sub_items_share_one_numbering_and_run_in_titles_close() {
        let doc = parse(
            "scheme:\n  title: 方案\n  sections:\n    - title: 要求\n      requirements:\n        - {title: 加强领导, text: 正文}\n      sections:\n        - {title: 其他。, text: 正文}\n        - {title: 不跑, run_in: false, text: 正文}\n",
            "t.yaml",
        )
        .unwrap();
        let s = &doc.attachments[0].sections[0];
        assert_eq!(s.requirements[0].number, 1);
        assert_eq!(s.requirements[0].title, "加强领导。");
        assert_eq!(s.sections[0].number, 2);
        assert!(s.sections[0].run_in);
        assert_eq!(s.sections[0].title, "其他。");
        assert_eq!((s.sections[1].number, s.sections[1].run_in), (3, false));
        assert_eq!(s.sections[1].title, "不跑", "own-line headings get no 。");
    }

    #[test]
    fn several_attachments_are_numbered() {
        let doc = parse(
            "notice:\n  issuer: 甲\n  date: 2024-07-02\n  scheme_as_attachment: false\nscheme:\n  title: 方案\nattachments:\n  - title: 台账\n  - title: 名单\n",
            "t.yaml",
        )
        .unwrap();
        let labels: Vec<_> = doc.attachments.iter().map(|a| a.label.clone()).collect();
        assert_eq!(labels, [None, Some("附件1".into()), Some("附件2".into())]);
        assert_eq!(doc.notice.unwrap().attachment_titles, ["台账", "名单"]);
    }
}

/// The attachment title of a task table whose sheet has no title row.
const DEFAULT_TABLE_TITLE: &str = "测评任务分解表";

/// `tasks:` — a task table, either read from a sheet (`file`, with optional `sheet` and
/// `headers`) or written out (`title`, `columns`, `rows`, `merges`, as `dossier import` writes).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TasksSpec {
    file: Option<String>,
    sheet: Option<String>,
    #[serde(default)]
    headers: std::collections::BTreeMap<String, ColumnKey>,
    title: Option<String>,
    #[serde(default)]
    columns: Vec<ColumnSpec>,
    #[serde(default)]
    rows: Vec<std::collections::BTreeMap<String, CellText>>,
    #[serde(default)]
    merges: Vec<MergeSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnSpec {
    key: String,
    header: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeSpec {
    column: String,
    first: u32,
    last: u32,
}

/// One of the column keys dossier knows.
struct ColumnKey(String);

impl<'de> Deserialize<'de> for ColumnKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "列名", |s| {
            let keys: Vec<&str> = super::sheet::HEADERS.iter().map(|(k, _)| *k).collect();
            if keys.contains(&s) {
                Ok(ColumnKey(s.to_string()))
            } else {
                Err(format!("没有名为「{s}」的列，可用：{}", keys.join("、")))
            }
        })
    }
}

/// A cell as written: text, or a number written without quotes.
struct CellText(String);

impl<'de> Deserialize<'de> for CellText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = CellText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("单元格文字")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<CellText, E> {
                Ok(CellText(super::sheet::tidy_text(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<CellText, E> {
                Ok(CellText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<CellText, E> {
                Ok(CellText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<CellText, E> {
                Ok(CellText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<CellText, E> {
                Ok(CellText(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

impl TasksSpec {
    /// The table: read from its sheet, or checked as written. `name` is the scheme file's name
    /// for messages; `dir` is where a relative `file` is looked for.
    fn load(&self, name: &str, dir: &Path) -> Result<model::TaskTable> {
        if let Some(file) = &self.file {
            let opts = super::sheet::Options {
                sheet: self.sheet.clone(),
                headers: self
                    .headers
                    .iter()
                    .map(|(h, k)| (h.clone(), k.0.clone()))
                    .collect(),
            };
            let mut table = super::sheet::load(&dir.join(file), &opts)?.table;
            if self.title.is_some() {
                table.title.clone_from(&self.title);
            }
            return Ok(table);
        }
        let at = |what: String| Error::at(name, format!("tasks：{what}"));
        if self.columns.is_empty() {
            return Err(
                at("需要 file（任务表文件），或写出 columns 和 rows".to_string())
                    .with_hint("用 dossier import 表格文件 -o tasks.yaml 可以生成这一部分"),
            );
        }
        let keys: Vec<&str> = self.columns.iter().map(|c| c.key.as_str()).collect();
        let mut rows = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let number = row.get("row").map_or(Ok(i as u32 + 1), |c| {
                c.0.parse().map_err(|_| {
                    at(format!(
                        "rows 第 {} 项的 row 应为行号，这里是「{}」",
                        i + 1,
                        c.0
                    ))
                })
            })?;
            if let Some(unknown) = row
                .keys()
                .find(|k| *k != "row" && !keys.contains(&k.as_str()))
            {
                return Err(at(format!(
                    "rows 第 {} 项有 columns 中没有的列「{unknown}」",
                    i + 1
                )));
            }
            let cells = keys
                .iter()
                .map(|k| row.get(*k).map(|c| c.0.clone()).unwrap_or_default())
                .collect();
            rows.push(model::TaskRow { row: number, cells });
        }
        for m in &self.merges {
            if !keys.contains(&m.column.as_str()) || m.last < m.first {
                return Err(at(format!(
                    "merges 中的合并「{}」第 {} 至 {} 行不对应任何列或行",
                    m.column, m.first, m.last
                )));
            }
        }
        Ok(model::TaskTable {
            title: self.title.clone(),
            sheet: None,
            columns: self
                .columns
                .iter()
                .map(|c| model::Column {
                    index: None,
                    key: c.key.clone(),
                    header: c.header.clone(),
                })
                .collect(),
            rows,
            merges: self
                .merges
                .iter()
                .map(|m| model::Merge {
                    column: m.column.clone(),
                    first: m.first,
                    last: m.last,
                })
                .collect(),
        })
    }
}
