//! The scheme file's form, field for field, as serde reads it; README documents every field.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::model;

use super::fields::{
    Addressees, CellText, CoordinatorLabel, CopyNo, DocNo, FontsName, Heading, IsoDate, Levels,
    OneOrMany, OnePerson, Paragraphs, People, PeriodSpec, SameUnitsSpec, Title, UnitPhrase,
    Urgency,
};
use super::tasks::TasksSpec;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileSpec {
    pub(super) fonts: Option<FontsName>,
    pub(super) script: Option<crate::text::Script>,
    #[serde(default)]
    pub(super) same_units: SameUnitsSpec,
    pub(super) notice: Option<NoticeSpec>,
    pub(super) scheme: Option<Whole>,
    #[serde(default)]
    pub(super) attachments: Vec<Whole>,
    pub(super) tasks: Option<TasksSpec>,
    #[serde(default)]
    pub(super) indicators: Vec<IndicatorSpec>,
}

/// `{code: 1.2, name: 理论学习, units: [市委宣传部]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IndicatorSpec {
    pub(super) code: CellText,
    pub(super) name: String,
    #[serde(default)]
    pub(super) units: OneOrMany,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NoticeSpec {
    pub(super) copy_no: Option<CopyNo>,
    pub(super) secrecy: Option<String>,
    pub(super) urgency: Option<Urgency>,
    pub(super) issuer: OneOrMany,
    pub(super) mark: Option<OneOrMany>,
    pub(super) mark_suffix: Option<String>,
    #[serde(default)]
    pub(super) signer: OneOrMany,
    pub(super) doc_no: Option<DocNo>,
    #[serde(default)]
    pub(super) to: Addressees,
    pub(super) title: Option<Title>,
    #[serde(default)]
    pub(super) title_with_issuer: bool,
    pub(super) body: Option<Paragraphs>,
    pub(super) body_lead: Option<String>,
    #[serde(default = "yes")]
    pub(super) scheme_as_attachment: bool,
    pub(super) signature: Option<OneOrMany>,
    pub(super) date: IsoDate,
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) preprinted: bool,
    #[serde(default)]
    pub(super) letter: bool,
    pub(super) seal: Option<super::seal::SealSpec>,
    pub(super) seal_mm: Option<super::seal::SealMm>,
    #[serde(default)]
    pub(super) attended: OneOrMany,
    #[serde(default)]
    pub(super) absent: OneOrMany,
    #[serde(default)]
    pub(super) observers: OneOrMany,
    #[serde(default)]
    pub(super) cc: OneOrMany,
    pub(super) printer: Option<String>,
    pub(super) print_date: Option<IsoDate>,
    #[serde(default = "yes")]
    pub(super) end_on_even_page: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AttachmentSpec {
    pub(super) title: Title,
    #[serde(default)]
    pub(super) preamble: Paragraphs,
    #[serde(default)]
    pub(super) sections:
        Vec<SectionSpec<1, SectionSpec<2, SectionSpec<3, SectionSpec<4, TooDeep>>>>>,
    #[serde(default)]
    pub(super) continuous: Levels,
    pub(super) unit_phrase: Option<UnitPhrase>,
    pub(super) coordinator_label: Option<CoordinatorLabel>,
    pub(super) coordinator_form: Option<model::CoordinatorForm>,
    /// A PDF file or Word document that is the whole document.
    pub(super) file: Option<super::attached::AttachedFile>,
}

/// A document (`scheme`, an entry of `attachments`) checked as a whole once read, so that what
/// its fields cannot say together is refused at its place.
#[derive(Deserialize)]
#[serde(try_from = "AttachmentSpec")]
pub(super) struct Whole(pub(super) AttachmentSpec);

impl TryFrom<AttachmentSpec> for Whole {
    type Error = String;
    fn try_from(spec: AttachmentSpec) -> std::result::Result<Self, String> {
        let text = !spec.preamble.0.is_empty() || !spec.sections.is_empty();
        if spec.file.is_some() && text {
            return Err(
                "附件写了 file（现成的 PDF 文件或 Word 文档），就不能再写 preamble 或 sections：文件的内容就是附件的全部内容"
                    .to_string(),
            );
        }
        Ok(Whole(spec))
    }
}

/// A section type and the type of its sections, one level down.
pub(super) trait Nest {
    type Child;
}

impl<const L: u8, C: Nest> Nest for SectionSpec<L, C> {
    type Child = C;
}

impl Nest for TooDeep {
    type Child = TooDeep;
}

/// A section of level `L` whose children are of type `C`; nesting the type four deep bounds
/// the levels, and `L` bounds the typed parts whose items are numbered one or two levels down.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    bound = "C: Deserialize<'de>, <C as Nest>::Child: Deserialize<'de>"
)]
pub(super) struct SectionSpec<const L: u8, C: Nest> {
    pub(super) title: Option<Heading>,
    pub(super) run_in: Option<bool>,
    #[serde(default)]
    pub(super) text: Paragraphs,
    pub(super) table: Option<SectionTableSpec>,
    #[serde(default = "Vec::new")]
    pub(super) sections: Vec<C>,
    /// Sections two levels down, the level between left out (`一、` straight to `1.`).
    #[serde(default = "Vec::new")]
    pub(super) items: Vec<<C as Nest>::Child>,
    #[serde(default)]
    pub(super) stages: Bounded<StageSpec<L>, L, 2>,
    #[serde(default)]
    pub(super) stage_form: model::StageForm,
    #[serde(default)]
    pub(super) period_form: model::PeriodForm,
    pub(super) group: Option<GroupSpec>,
    #[serde(default)]
    pub(super) work_groups: Bounded<WorkGroupSpec, L, 3>,
    #[serde(default)]
    pub(super) task_areas: Bounded<TaskAreaSpec<L>, L, 2>,
    #[serde(default)]
    pub(super) requirements: Bounded<ItemSpec, L, 3>,
    #[serde(default)]
    pub(super) lists: Vec<ListSpec>,
    /// Paragraphs after all of the above (a stages section's closing words).
    #[serde(default)]
    pub(super) text_after: Paragraphs,
}

/// A list of typed items in a section of level `L`, allowed only up to level `MAX` so that
/// the items' own numbers stay within the four levels.
pub(super) struct Bounded<T, const L: u8, const MAX: u8>(pub(super) Vec<T>);

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

/// `{columns: [指标, 目标值], rows: [[保洁率, 100%], …], merges: [{column: 指标, first: 1,
/// last: 2}]}`: a small table in a section. A row shorter than the header is filled with empty
/// cells; a longer one is an error.
pub(super) struct SectionTableSpec(pub(super) model::TaskTable);

impl<'de> Deserialize<'de> for SectionTableSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            columns: Vec<String>,
            rows: Vec<Vec<CellText>>,
            #[serde(default)]
            merges: Vec<super::tasks::MergeSpec>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SectionTableSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("{columns: [列名, …], rows: [[单元格, …], …]}")
            }
            // Checked inside the visitor so the error carries the table's own line:col.
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<SectionTableSpec, A::Error> {
                let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                section_table(full.columns, full.rows, full.merges)
                    .map(SectionTableSpec)
                    .map_err(de::Error::custom)
            }
        }
        d.deserialize_map(V)
    }
}

/// The table of `columns` (their headers), `rows` and `merges` (by header, rows from 1), or
/// why it cannot be one.
fn section_table(
    columns: Vec<String>,
    rows: Vec<Vec<CellText>>,
    merges: Vec<super::tasks::MergeSpec>,
) -> std::result::Result<model::TaskTable, String> {
    if columns.is_empty() {
        return Err("表格至少要有一列：columns 里写出各列的表头".to_string());
    }
    let mut cells = Vec::new();
    for (n, row) in (1u32..).zip(rows) {
        if row.len() > columns.len() {
            return Err(format!(
                "表格第 {n} 行有 {} 格，比表头的 {} 列多",
                row.len(),
                columns.len()
            ));
        }
        let mut row: Vec<String> = row.into_iter().map(|c| c.0).collect();
        row.resize(columns.len(), String::new());
        cells.push(row);
    }
    let rows = cells.len() as u32;
    let outside = |m: &&super::tasks::MergeSpec| {
        !columns.contains(&m.column) || m.first < 1 || m.last <= m.first || m.last > rows
    };
    if let Some(m) = merges.iter().find(outside) {
        return Err(format!(
            "merges 中的合并「{}」第 {} 至 {} 行不对应表格的列或行：column 写表头，行从 1 数起",
            m.column, m.first, m.last
        ));
    }
    // A header dossier does not know is its own key.
    let keyed: Vec<(&str, &str)> = columns.iter().map(|h| (h.as_str(), h.as_str())).collect();
    let mut table = model::TaskTable::built(&keyed, cells);
    table.merges = (merges.into_iter())
        .map(|m| model::Merge {
            column: m.column,
            first: m.first,
            last: m.last,
        })
        .collect();
    Ok(table)
}

/// Stands in the place of a fifth level, which the standard's numbering does not have.
pub(super) struct TooDeep;

impl<'de> Deserialize<'de> for TooDeep {
    fn deserialize<D: Deserializer<'de>>(_: D) -> std::result::Result<Self, D::Error> {
        Err(de::Error::custom(
            "小节最多四级（一、（一）1.（1）），这里是第五级；请把它并入上一级的 text",
        ))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StageSpec<const L: u8> {
    pub(super) name: Heading,
    /// Words before `第一阶段` in the ordinal form (`创建省级文明城市`).
    pub(super) prefix: Option<String>,
    pub(super) period: Option<PeriodSpec>,
    #[serde(default)]
    pub(super) text: Paragraphs,
    #[serde(default = "Vec::new")]
    pub(super) steps: Vec<StepSpec<L>>,
    /// Run the steps on in one paragraph under this heading (`主要工作：1.…；2.…。`).
    pub(super) steps_label: Option<String>,
}

/// A stage's step in a section of level `L`: its text, or `{text: …, steps: [...]}` with
/// sub-steps, which only a level-1 section has room to number.
pub(super) struct StepSpec<const L: u8>(pub(super) model::Step);

impl<'de, const L: u8> Deserialize<'de> for StepSpec<L> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full<const L: u8> {
            text: String,
            #[serde(default)]
            steps: Bounded<String, L, 1>,
        }
        struct V<const L: u8>;
        impl<'de, const L: u8> Visitor<'de> for V<L> {
            type Value = StepSpec<L>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("步骤文字，或 {text: 步骤文字, steps: [小步骤, …]}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<StepSpec<L>, E> {
                Ok(StepSpec(model::Step {
                    text: v.to_string(),
                    steps: Vec::new(),
                }))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<StepSpec<L>, A::Error> {
                let full = Full::<L>::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(StepSpec(model::Step {
                    text: full.text,
                    steps: full.steps.0,
                }))
            }
        }
        d.deserialize_any(V::<L>)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupSpec {
    pub(super) name: String,
    #[serde(default)]
    pub(super) form: GroupForm,
    pub(super) lead_in: Option<String>,
    #[serde(default)]
    pub(super) roles: Vec<RoleSpec>,
    pub(super) office: Option<OfficeSpec>,
}

/// How a group is written: a line per role, or one sentence.
#[derive(Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(super) enum GroupForm {
    #[default]
    Roster,
    Prose,
}

/// `{name: 政务环境组, duty: 负责……, leaders: 张三, lead_units: 市纪委, lead_people: 李四,
/// units: [...], tasks: [...]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WorkGroupSpec {
    pub(super) name: Heading,
    pub(super) duty: Option<String>,
    #[serde(default)]
    pub(super) leaders: OneOrMany,
    #[serde(default)]
    pub(super) lead_units: OneOrMany,
    #[serde(default)]
    pub(super) lead_people: OneOrMany,
    #[serde(default)]
    pub(super) units: OneOrMany,
    #[serde(default)]
    pub(super) tasks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RoleSpec {
    pub(super) role: String,
    pub(super) members: People,
}

#[derive(Deserialize)]
#[serde(try_from = "OfficeFields")]
pub(super) struct OfficeSpec(pub(super) OfficeFields);

impl TryFrom<OfficeFields> for OfficeSpec {
    type Error = String;
    fn try_from(o: OfficeFields) -> std::result::Result<Self, String> {
        if o.name.is_some() && o.location.is_none() {
            return Err(
                "office 写了 name（如 领导小组办公室），句子是“<name>设在<location>”，还要写 location"
                    .to_string(),
            );
        }
        Ok(OfficeSpec(o))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OfficeFields {
    pub(super) name: Option<String>,
    pub(super) location: Option<String>,
    pub(super) charge: Option<String>,
    #[serde(default)]
    pub(super) appointment: model::Appointment,
    pub(super) director: Option<OnePerson>,
    #[serde(default)]
    pub(super) deputies: People,
    pub(super) short_name: Option<String>,
    #[serde(default)]
    pub(super) concurrent: bool,
    pub(super) members: Option<String>,
    #[serde(default)]
    pub(super) duties: Vec<String>,
    pub(super) duties_label: Option<String>,
    pub(super) text: Option<String>,
}

/// `{label: 牵头单位工作职责, items: [...]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ListSpec {
    pub(super) label: String,
    pub(super) items: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TaskAreaSpec<const L: u8> {
    pub(super) name: Heading,
    #[serde(default)]
    pub(super) coordinators: OneOrMany,
    #[serde(default)]
    pub(super) deputy_coordinators: OneOrMany,
    pub(super) coordinator_label: Option<CoordinatorLabel>,
    pub(super) coordinator_form: Option<model::CoordinatorForm>,
    #[serde(default)]
    pub(super) units: OneOrMany,
    pub(super) unit_phrase: Option<UnitPhrase>,
    #[serde(default)]
    pub(super) text: Paragraphs,
    #[serde(default = "Vec::new")]
    pub(super) tasks: Vec<TaskSpec<L>>,
}

/// A task in a section of level `L`: its text, its parts run in after it (`（1）…（A负责）；
/// （2）…`), which only a level-1 section has room to number, or both.
pub(super) struct TaskSpec<const L: u8> {
    pub(super) title: Heading,
    pub(super) text: Paragraphs,
    pub(super) parts: Vec<PartSpec>,
    pub(super) units: OneOrMany,
    pub(super) unit_lead: Option<String>,
    pub(super) unit_phrase: Option<UnitPhrase>,
}

impl<const L: u8> TaskSpec<L> {
    /// Why the task cannot be printed as written, when it cannot.
    fn refused(&self) -> Option<&'static str> {
        let words = self.unit_lead.is_some() || self.unit_phrase.is_some();
        if self.text.0.is_empty() && self.parts.is_empty() {
            Some("任务没有内容：写上 text（任务正文），或 parts（分项，每项一个（1）（2）……）")
        } else if words && self.units.0.is_empty() && self.parts.is_empty() {
            Some(
                "写了 unit_lead 或 unit_phrase，却没有 units：括号里的话跟在责任单位前后，请写上 units",
            )
        } else {
            None
        }
    }
}

impl<'de, const L: u8> Deserialize<'de> for TaskSpec<L> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full<const L: u8> {
            #[serde(default)]
            title: Heading,
            #[serde(default)]
            text: Paragraphs,
            #[serde(default)]
            parts: Bounded<PartSpec, L, 1>,
            #[serde(default)]
            units: OneOrMany,
            unit_lead: Option<String>,
            unit_phrase: Option<UnitPhrase>,
        }
        struct V<const L: u8>;
        impl<'de, const L: u8> Visitor<'de> for V<L> {
            type Value = TaskSpec<L>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("{title: 标题, text: 任务, parts: [...], units: [单位, …]}")
            }
            // Checked inside the visitor so the error carries the task's own line:col.
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<TaskSpec<L>, A::Error> {
                let full = Full::<L>::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let task = TaskSpec {
                    title: full.title,
                    text: full.text,
                    parts: full.parts.0,
                    units: full.units,
                    unit_lead: full.unit_lead,
                    unit_phrase: full.unit_phrase,
                };
                match task.refused() {
                    Some(why) => Err(de::Error::custom(why)),
                    None => Ok(task),
                }
            }
        }
        d.deserialize_map(V::<L>)
    }
}

/// A task's part: its text, or `{text: …, units: […], unit_phrase: …}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PartSpec {
    pub(super) text: String,
    #[serde(default)]
    pub(super) units: OneOrMany,
    pub(super) unit_phrase: Option<UnitPhrase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ItemSpec {
    pub(super) title: Heading,
    #[serde(default)]
    pub(super) text: Paragraphs,
}
