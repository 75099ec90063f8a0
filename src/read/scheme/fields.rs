//! The forms a scheme file's values take: one name or a list, text split into paragraphs,
//! people with titles, periods, dates, 发文字号 and the like, each checked as it is read.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::layout::GBT9704;
use crate::model;
use crate::text::{self, Date};

/// Paragraphs given as one text (blank lines separate paragraphs; single line breaks are
/// only wrapping and are joined) or as a list of paragraphs.
#[derive(Default)]
pub(super) struct Paragraphs(pub(super) Vec<String>);

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
pub(super) struct OneOrMany(pub(super) Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        text_or_list(d, "一个名称，或名称列表", text::split_list, whole).map(OneOrMany)
    }
}

/// A text taken whole, trimmed: one entry, or none when it is empty.
fn whole(s: &str) -> Vec<String> {
    Some(s.trim().to_string())
        .filter(|s| !s.is_empty())
        .into_iter()
        .collect()
}

/// 主送机关: one text, kept as written (its 、 and ， are the author's punctuation: splitting
/// `各区、县（市）党委和人民政府` would print `各区，县（市）…`), or a list of organs.
#[derive(Default)]
pub(super) struct Addressees(pub(super) Vec<String>);

impl<'de> Deserialize<'de> for Addressees {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        text_or_list(d, "主送机关（一段文字，或机关列表）", whole, whole).map(Addressees)
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
pub(super) struct People(pub(super) Vec<model::Person>);

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
                            name: crate::text::unpadded_name(&name),
                            title: None,
                            post: false,
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

/// `杨杰`, `{name: 杨杰, title: 市妇联主席}`, or a post held by several, `{post: 各社区居委会主任}`.
struct PersonSpec(model::Person);

impl<'de> Deserialize<'de> for PersonSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PersonSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("姓名，或 {name: 姓名, title: 职务}，或 {post: 职务}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<PersonSpec, E> {
                Ok(PersonSpec(model::Person {
                    name: crate::text::unpadded_name(v),
                    title: None,
                    post: false,
                }))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<PersonSpec, A::Error> {
                let full = PersonFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let person = full.into_person().map_err(de::Error::custom)?;
                Ok(PersonSpec(person))
            }
        }
        d.deserialize_any(V)
    }
}

/// One person who holds a post alone (an office's director): a name or `{name, title}`,
/// never a `post` several hold.
pub(super) struct OnePerson(pub(super) model::Person);

impl<'de> Deserialize<'de> for OnePerson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let person = PersonSpec::deserialize(d)?.0;
        if person.post {
            return Err(de::Error::custom(
                "这里要写一个人：姓名，或 {name: 姓名, title: 职务}；post 只用于成员名单",
            ));
        }
        Ok(OnePerson(person))
    }
}

/// A person written out field by field.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonFields {
    name: Option<String>,
    title: Option<String>,
    post: Option<String>,
}

impl PersonFields {
    fn into_person(self) -> std::result::Result<model::Person, &'static str> {
        match (self.name, self.title, self.post) {
            (Some(name), title, None) => Ok(model::Person {
                name: crate::text::unpadded_name(&name),
                title,
                post: false,
            }),
            (None, None, Some(post)) => Ok(model::Person {
                name: post.trim().to_string(),
                title: None,
                post: true,
            }),
            (None, _, None) => Err("缺少必填字段「name」"),
            _ => Err("post 写的是几个人共同的职务（如 各社区居委会主任），不与 name、title 同用"),
        }
    }
}

/// `{市财政局: 财政局, 团市委: [市团委, 共青团市委]}`: each unit with the other spellings that
/// name it.
#[derive(Default)]
pub(super) struct SameUnitsSpec(pub(super) model::SameUnits);

impl<'de> Deserialize<'de> for SameUnitsSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SameUnitsSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("单位名称: 它的其他写法")
            }
            // Checked inside the visitor so the error carries the mapping's own line:col.
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<SameUnitsSpec, A::Error> {
                let mut groups = Vec::new();
                while let Some((unit, others)) = map.next_entry::<String, OneOrMany>()? {
                    groups.push((unit, others.0));
                }
                model::SameUnits::new(groups)
                    .map(SameUnitsSpec)
                    .map_err(de::Error::custom)
            }
        }
        d.deserialize_map(V)
    }
}

/// `7月中旬至7月末`, or `{from: 2014-07-15, to: 2014-07-31}`.
pub(super) struct PeriodSpec(pub(super) model::Period);

impl<'de> Deserialize<'de> for PeriodSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Range {
            from: Moment,
            to: Option<Moment>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PeriodSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("时间段文字（如 7月中旬至7月末），或 {from: 起始日期或月份, to: 结束日期或月份}")
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
                let to = r.to.map(|t| t.0);
                text::format_period(r.from.0, to).map_err(de::Error::custom)?;
                Ok(PeriodSpec(model::Period {
                    from: Some(r.from.0.iso()),
                    to: to.map(|t| t.iso()),
                    words: None,
                }))
            }
        }
        d.deserialize_any(V)
    }
}

/// Deserializes a text and checks it inside the visitor, so an error carries the value's own
/// `line:col` rather than its parent's.
pub(super) fn checked_text<'de, D, T>(
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

/// One end of a period: a date, or a month written `2010-12` or `2010年12月`.
struct Moment(text::When);

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "日期或月份，如 2014-07-25、2010-12", |s| {
            text::When::parse(s).map(Moment)
        })
    }
}

/// A calendar date written `2014-07-25` or `2014年7月25日`, checked to exist.
pub(super) struct IsoDate(pub(super) Date);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "日期，如 2014-07-25", |s| {
            Date::parse(s).map(IsoDate)
        })
    }
}

/// A notice's or document's title. Lines its writer breaks it into are printed as they are,
/// so each must fit a title line (GB/T 9704: 20 characters of 2号).
pub(super) struct Title(pub(super) String);

impl<'de> Deserialize<'de> for Title {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "标题文字", |s| {
            title_lines_fit(s)?;
            Ok(Title(s.to_string()))
        })
    }
}

/// An error naming the first line written into `title` that is wider than a title line.
fn title_lines_fit(title: &str) -> std::result::Result<(), String> {
    if !title.contains('\n') {
        return Ok(());
    }
    let max = GBT9704.title_max_chars;
    let lines = title.lines().map(str::trim).filter(|l| !l.is_empty());
    for (i, line) in lines.enumerate() {
        let width = text::width::text_width_em(line);
        if width > max {
            return Err(format!(
                "标题第 {} 行「{line}」有 {width} 个字宽，一行最多 {max} 个字：请在合适处再换行，或不换行、由 dossier 自动分行",
                i + 1
            ));
        }
    }
    Ok(())
}

/// A heading dossier numbers (a section's title, a stage's or task area's name, a task's or
/// requirement's title): a number typed before it would print twice (`一、一、基本原则`).
#[derive(Default)]
pub(super) struct Heading(pub(super) String);

impl<'de> Deserialize<'de> for Heading {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "标题文字", |s| match text::heading_number(s) {
            Some(n) => Err(format!(
                "「{}」开头的「{n}」是编号，dossier 会自动编号：请删去它",
                s.trim()
            )),
            None => Ok(Heading(s.to_string())),
        })
    }
}

/// 发文字号, normalised to `哈办发〔2012〕9号`.
pub(super) struct DocNo(pub(super) String);

impl<'de> Deserialize<'de> for DocNo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "发文字号，如 哈办发〔2012〕9号", |s| {
            text::normalize_doc_number(s).map(DocNo)
        })
    }
}

/// 份号: six digits, zero-padded when fewer are given.
pub(super) struct CopyNo(pub(super) String);

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
pub(super) struct Urgency(pub(super) String);

impl<'de> Deserialize<'de> for Urgency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "特急 或 加急", |s| match s.trim() {
            v @ ("特急" | "加急") => Ok(Urgency(v.to_string())),
            v => Err(format!("紧急程度只能是「特急」或「加急」，这里是「{v}」")),
        })
    }
}

/// The name of a font profile in `layout`.
pub(super) struct FontsName(pub(super) String);

impl<'de> Deserialize<'de> for FontsName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "字体方案名", |s| {
            let s = s.trim();
            match crate::layout::font_profile(s) {
                Some(p) => Ok(FontsName(p.name.to_string())),
                None => Err(format!(
                    "没有名为「{s}」的字体方案，可用：{}",
                    crate::layout::profile_names()
                )),
            }
        })
    }
}

/// A cell as written: text, or a number written without quotes.
pub(super) struct CellText(pub(super) String);

impl<'de> Deserialize<'de> for CellText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = CellText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("单元格文字")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<CellText, E> {
                Ok(CellText(crate::read::sheet::tidy_text(v)))
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

/// The levels numbered straight through a document (`continuous: 3` or `[2, 3]`): 2 to 4,
/// as level 1 never starts again anyway.
#[derive(Default)]
pub(super) struct Levels(pub(super) Vec<u8>);

impl<'de> Deserialize<'de> for Levels {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        // Checked inside the visitor so that the error carries the number's own line:col.
        impl<'de> Visitor<'de> for V {
            type Value = Levels;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("全文连续编号的级别：2、3、4 中的一个或几个，如 3 或 [2, 3]")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Levels, E> {
                level(v).map(|l| Levels(vec![l]))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Levels, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<u64>()? {
                    out.push(level(v)?);
                }
                Ok(Levels(out))
            }
        }
        d.deserialize_any(V)
    }
}

fn level<E: de::Error>(v: u64) -> std::result::Result<u8, E> {
    match u8::try_from(v) {
        Ok(l @ 2..=4) => Ok(l),
        _ => Err(E::custom(format!(
            "continuous 写的是要全文连续编号的级别，只能是 2、3、4（第 1 级本来就全文连续），这里是 {v}"
        ))),
    }
}

/// What a task area's coordinators are called: `创建工作协调人` makes
/// `创建工作协调人：A；副协调人：B。`. dossier adds the colon.
pub(super) struct CoordinatorLabel(pub(super) String);

impl<'de> Deserialize<'de> for CoordinatorLabel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(d, "协调人的称呼，如 创建工作协调人", |s| {
            let s = s.trim();
            if s.is_empty() {
                Err("coordinator_label 是空的：写上协调人的称呼，如 创建工作协调人".to_string())
            } else if s.ends_with(['：', ':']) {
                Err(format!(
                    "「{s}」带了冒号：dossier 会自己加冒号，这里只写称呼"
                ))
            } else {
                Ok(CoordinatorLabel(s.to_string()))
            }
        })
    }
}

/// The words after a task's units in its note: `负责并提供相关资料` makes
/// `（市委组织部、市纪委负责并提供相关资料）`. dossier adds the brackets.
pub(super) struct UnitPhrase(pub(super) String);

impl<'de> Deserialize<'de> for UnitPhrase {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        checked_text(
            d,
            "单位之后的话，如 负责并提供相关资料",
            |s| {
                let s = s.trim();
                if s.is_empty() {
                    Err("unit_phrase 是空的：写上单位之后的话，如 负责并提供相关资料".to_string())
                } else if s.contains(['（', '）', '(', ')']) {
                    Err(format!(
                        "「{s}」带了括号：dossier 会自己加括号，这里只写括号里单位之后的话"
                    ))
                } else {
                    Ok(UnitPhrase(s.to_string()))
                }
            },
        )
    }
}
