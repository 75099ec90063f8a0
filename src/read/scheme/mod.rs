//! Reads a scheme file (YAML) into the document model: the text is checked against the limits
//! (`yaml_guard`), deserialized into types that mirror the file format field for field (`spec`,
//! with the value forms in `fields` and the task table in `tasks`), then lowered into the model
//! (`lower`). `deny_unknown_fields` everywhere, so a typo is an error at its `file:line:col`,
//! never a silently ignored field.

mod attached;
mod fields;
mod lower;
mod refs;
mod seal;
mod spec;
mod tasks;
mod yaml_error;
mod yaml_guard;

pub use lower::forwarding;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model;
use spec::FileSpec;

/// Reads and validates the scheme file at `path`.
///
/// ```
/// let doc = dossier::read::scheme::load(std::path::Path::new("schemes/fulian.yaml")).unwrap();
/// assert!(doc.notice.is_some());
/// assert_eq!(doc.attachments[0].title, "青州市妇联创建全国文明城市工作实施方案");
/// ```
pub fn load(path: &Path) -> Result<model::Document> {
    load_with(path, Files::Anywhere)
}

/// The text of the scheme file at `path`. It is read through a cap, so that a file past
/// `SCHEME_FILE_BYTES` (or a device that never ends) is refused without being held whole.
fn read_text(path: &Path) -> Result<String> {
    use std::io::Read;
    if let Some(why) = crate::read::special_file(path) {
        return Err(Error::file(path, format!("无法读取方案文件：{why}"))
            .with_hint("请指向一个 .yaml 方案文件"));
    }
    let limit = crate::limits::SCHEME_FILE_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            Error::file(
                path,
                format!("无法读取方案文件：{}", crate::error::io_reason(&e)),
            )
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
            format!("{}:{line}:{col}", crate::error::shown(path)),
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
    parse_with(text, name, dir, Files::Anywhere)
}

/// Which files a scheme file may make dossier read (a task sheet's `file`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Files {
    /// Any file the path names: a scheme file of one's own.
    #[default]
    Anywhere,
    /// Only files in the scheme file's own folder or below: a scheme file received from
    /// others, which could otherwise name any file the user can read.
    BesideScheme,
}

/// Reads the scheme file at `path`, reading only the files `files` allows.
///
/// ```
/// use dossier::read::scheme::{Files, load_with};
/// let dir = tempfile::tempdir().unwrap();
/// let scheme = dir.path().join("方案.yaml");
/// std::fs::write(&scheme, "scheme: {title: 方案}\ntasks: {file: ../secret.xlsx}\n").unwrap();
/// let e = load_with(&scheme, Files::BesideScheme).unwrap_err();
/// assert!(e.message.contains("方案文件所在的文件夹"), "{e}");
/// ```
pub fn load_with(path: &Path, files: Files) -> Result<model::Document> {
    let text = read_text(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    parse_with(&text, &crate::error::shown(path), dir, files)
}

/// Reads a file saying which spellings name one unit, written as a scheme's `same_units`
/// is: `市财政局: [财政局]`, a unit per line.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let file = dir.path().join("单位.yaml");
/// std::fs::write(&file, "市财政局: 财政局\n团市委: [市团委, 共青团市委]\n").unwrap();
/// let same = dossier::read::scheme::load_same_units(&file).unwrap();
/// assert_eq!(same.name("市团委"), "团市委");
/// ```
pub fn load_same_units(path: &Path) -> Result<model::SameUnits> {
    let text = read_text(path)?;
    let name = crate::error::shown(path);
    yaml_guard::check(&text, &name)?;
    let spec: fields::SameUnitsSpec =
        serde_norway::from_str(&text).map_err(|e| yaml_error::translate(&e, &name))?;
    Ok(spec.0)
}

/// The YAML tree of scheme text, its maps in the order written, read within the limits a
/// scheme file is read within; not yet checked against the format (see [`parse`]).
///
/// ```
/// let tree = dossier::read::scheme::tree("scheme:\n  title: 方案\n", "a.yaml").unwrap();
/// assert_eq!(tree["scheme"]["title"].as_str(), Some("方案"));
/// let e = dossier::read::scheme::tree("scheme: [\n", "a.yaml").unwrap_err();
/// assert!(e.place.starts_with("a.yaml:"), "{e}");
/// ```
pub fn tree(text: &str, name: &str) -> Result<serde_norway::Value> {
    yaml_guard::check(text, name)?;
    serde_norway::from_str(text).map_err(|e| yaml_error::translate(&e, name))
}

/// Parses scheme text whose relative paths are relative to `dir`, reading only the files
/// `files` allows.
///
/// ```
/// use dossier::read::scheme::{Files, parse_with};
/// let text = "scheme: {title: 方案}\ntasks: {file: ../secret.xlsx}\n";
/// let e = parse_with(text, "方案.yaml", "schemes".as_ref(), Files::BesideScheme).unwrap_err();
/// assert!(e.message.contains("方案文件所在的文件夹"), "{e}");
/// ```
pub fn parse_with(text: &str, name: &str, dir: &Path, files: Files) -> Result<model::Document> {
    yaml_guard::check(text, name)?;
    let spec: FileSpec = attached::reading_in(dir, files, || serde_norway::from_str(text))
        .map_err(|e| yaml_error::translate(&e, name))?;
    let (tasks, sources, warnings) = match spec.tasks {
        Some(ref t) => {
            let (table, source, warnings) = t.load(name, dir, files)?;
            (Some(table), source.into_iter().collect(), warnings)
        }
        None => (None, Vec::new(), Vec::new()),
    };
    alone(&spec, name)?;
    let seal = notice_seal(spec.notice.as_ref(), name, dir, files)?;
    let script = spec
        .script
        .unwrap_or_else(|| crate::text::Script::detect(text));
    let mut doc = spec.into_model(tasks, sources, script);
    if let Some(notice) = doc.notice.as_mut() {
        doc.sources.extend(forms(notice, seal, name)?);
    }
    for a in &doc.attachments {
        sections_said(&a.sections, name)?;
    }
    refs::resolve(&mut doc, text, name)?;
    doc.number_tables();
    doc.warnings = warnings;
    Ok(doc)
}

/// Refuses a file without a scheme unless it is a notice alone that says its own title and
/// body (dossier's are those of a notice that issues a scheme).
fn alone(spec: &FileSpec, name: &str) -> Result<()> {
    if spec.scheme.is_some() {
        return Ok(());
    }
    let Some(notice) = &spec.notice else {
        return Err(Error::at(name, "缺少必填字段「scheme」")
            .with_hint("写出 scheme（方案）；只发通知时写 notice，并写出它的 title 和 body"));
    };
    if notice.title.is_none() || notice.body.is_none() || notice.title_with_issuer {
        return Err(Error::at(name, "没有 scheme 的通知须自己写出 title 和 body")
            .with_hint("dossier 拟的标题和正文（关于印发《…》的通知）是印发方案用的：写出通知的 title 和 body，或加上 scheme"));
    }
    Ok(())
}

/// The seal `notice` asks for, loaded; and what its fields cannot say together refused.
fn notice_seal(
    notice: Option<&spec::NoticeSpec>,
    name: &str,
    dir: &Path,
    files: Files,
) -> Result<Option<(model::Seal, Option<PathBuf>)>> {
    if notice.is_some_and(|n| n.body_lead.is_some() && n.body.is_some()) {
        return Err(Error::at(name, "body_lead：notice 写了 body，正文不由 dossier 拟")
            .with_hint("把这些字写进 body 的开头，或去掉 body，由 dossier 拟“<body_lead>现将《…》印发给你们……”"));
    }
    if notice.is_some_and(|n| n.title_with_issuer && n.title.is_some()) {
        return Err(Error::at(
            name,
            "title_with_issuer：notice 写了 title，标题不由 dossier 拟",
        )
        .with_hint(
            "把发文机关名称写进 title，或去掉 title，由 dossier 拟“<机关>关于印发《…》的通知”",
        ));
    }
    Ok(match notice.map(|n| (&n.seal, &n.seal_mm)) {
        Some((Some(s), mm)) => s.load(mm.as_ref(), name, dir, files)?,
        Some((None, Some(_))) => {
            return Err(Error::at(name, "seal_mm：没有 seal，印章直径不起作用")
                .with_hint("加盖印章请写 seal: true 或印章图片文件名；不盖章就去掉 seal_mm"));
        }
        _ => None,
    })
}

/// Puts `seal` on `notice` and refuses what its forms cannot do together; the seal's picture
/// file, when it has one, is what reading it took in.
fn forms(
    notice: &mut model::Notice,
    seal: Option<(model::Seal, Option<PathBuf>)>,
    name: &str,
) -> Result<Option<PathBuf>> {
    if notice.letter && !notice.signers.is_empty() {
        return Err(Error::at(name, "signer：信函格式（letter）不标签发人")
            .with_hint("函不标签发人：去掉 signer，或去掉 letter 改用文件格式"));
    }
    if notice.letter && notice.printer.is_some() {
        return Err(Error::at(
            name,
            "printer：信函格式（letter）的版记不加印发机关和印发日期",
        )
        .with_hint("去掉 printer（和 print_date）；抄送照写"));
    }
    let Some((seal, source)) = seal else {
        return Ok(None);
    };
    let most = crate::limits::JOINT_SEALS;
    if notice.signature.len() > most {
        return Err(Error::at(
            name,
            format!(
                "seal：联合行文有 {} 个署名机关，一份文件最多排 {most} 枚印章",
                notice.signature.len()
            ),
        )
        .with_hint("由主办机关署名盖章（signature 只写主办机关），或去掉 seal、打印后手工盖章"));
    }
    notice.seal = Some(seal);
    Ok(source)
}

/// Refuses what a section says that would not print: `stage_form` or `period_form` without
/// stages, and neither title nor text (its number alone).
fn sections_said(sections: &[model::Section], name: &str) -> Result<()> {
    for s in sections {
        let named = if s.title.is_empty() {
            format!("第{}级的第 {} 节（没有标题）", s.level, s.number)
        } else {
            format!("「{}」一节", s.title)
        };
        let refuse = |what: String, hint: &str| Err(Error::at(name, what).with_hint(hint));
        let typed = s
            .paragraphs
            .first()
            .and_then(|p| crate::text::heading_number(p));
        match (s.title.is_empty(), s.paragraphs.is_empty(), typed) {
            (true, true, _) => {
                return refuse(
                    format!("{named}也没有 text"),
                    "没有标题的一节，编号接在它的 text 第一段前：请写 text，或写 title",
                );
            }
            (true, false, Some(n)) => {
                return refuse(
                    format!("{named}的 text 以编号「{n}」开头，会印成两个编号"),
                    "dossier 会自动编号：请删去它",
                );
            }
            _ => {}
        }
        stage_prefixes(s, &named, name)?;
        group_said(s, &named, name)?;
        let forms = (s.stage_form, s.period_form);
        if s.stages.is_empty() && forms != Default::default() {
            return refuse(
                format!("{named}写了 stage_form 或 period_form，但没有 stages"),
                "这两项只管 stages 的写法：去掉它们，或在这一节写 stages",
            );
        }
        sections_said(&s.sections, name)?;
    }
    Ok(())
}

/// Refuses a group that would print nothing: neither roles nor an office.
fn group_said(s: &model::Section, named: &str, name: &str) -> Result<()> {
    match &s.group {
        Some(g) if g.roles.is_empty() && g.office.is_none() => Err(Error::at(
            name,
            format!("{named}的 group「{}」既没有 roles 也没有 office", g.name),
        )
        .with_hint(
            "写上 roles（组长、副组长、成员……），或写 office（办公室设在……），或去掉 group",
        )),
        _ => Ok(()),
    }
}

/// Refuses a stage's `prefix` where it would not print (stages not written `第一阶段：`) or
/// would print the stage's number twice.
fn stage_prefixes(s: &model::Section, named: &str, name: &str) -> Result<()> {
    for st in &s.stages {
        let Some(prefix) = &st.prefix else { continue };
        let refuse = |what: String, hint: &str| Err(Error::at(name, what).with_hint(hint));
        if s.stage_form != model::StageForm::Ordinal {
            return refuse(
                format!(
                    "{named}的阶段「{}」写了 prefix，但阶段不是「第一阶段：」的写法",
                    st.name
                ),
                "prefix 只用于 stage_form: ordinal：加上它，或去掉 prefix",
            );
        }
        if prefix.ends_with("阶段") {
            return refuse(
                format!(
                    "{named}的阶段「{}」的 prefix「{prefix}」以“阶段”结尾，会印成两个阶段编号",
                    st.name
                ),
                "prefix 只写“第一阶段”前面的词（如“创建省级文明城市”），dossier 会接上“第一阶段：”",
            );
        }
    }
    Ok(())
}

/// Refuses a file the scheme's `field` names outside the scheme file's folder `dir` (links
/// followed).
fn beside(path: &Path, dir: &Path, name: &str, field: &str) -> Result<()> {
    let inside = match (path.canonicalize(), dir.canonicalize()) {
        (Ok(p), Ok(d)) => p.starts_with(d),
        _ => !path.components().any(|c| {
            matches!(
                c,
                std::path::Component::ParentDir | std::path::Component::RootDir
            )
        }),
    };
    if inside {
        return Ok(());
    }
    Err(Error::at(
        name,
        format!(
            "{field}「{}」不在方案文件所在的文件夹里",
            crate::error::shown(path)
        ),
    )
    .with_hint(BESIDE_HINT))
}

/// What to do when a scheme file confined to its folder (`--confine`, or on the web page,
/// whose workspace is its folder) names a file outside it.
pub(crate) const BESIDE_HINT: &str = "这里只能用方案文件所在文件夹里的文件（网页的工作文件夹，或命令行用了 --confine）：请把这个文件复制到该文件夹里，只写它的文件名";

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
    fn the_default_title_and_body_take_the_issuers_and_the_lead_words() {
        let text = "notice:\n  issuer: [甲办公室, 乙办公室]\n  title_with_issuer: true\n  body_lead: 经市委、市政府同意，\n  date: 2024-07-02\nscheme:\n  title: 方案\n";
        let n = parse(text, "t.yaml").unwrap().notice.unwrap();
        assert_eq!(n.title, "甲办公室、乙办公室关于印发《方案》的通知");
        assert_eq!(
            n.body,
            ["经市委、市政府同意，现将《方案》印发给你们，请结合实际认真贯彻落实。"]
        );
    }

    #[test]
    fn the_addressees_keep_their_punctuation() {
        let to = |value: &str| {
            let text = format!(
                "notice:\n  issuer: 甲\n  date: 2024-07-02\n  to: {value}\nscheme:\n  title: 方案\n"
            );
            parse(&text, "t.yaml").unwrap().notice.unwrap().to
        };
        assert_eq!(
            to("各区、县（市）党委和人民政府，市直各单位"),
            ["各区、县（市）党委和人民政府，市直各单位"]
        );
        assert_eq!(to("[各镇街道, 市直各部门]"), ["各镇街道", "市直各部门"]);
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
    fn a_level_runs_through_and_items_skip_one() {
        let doc = parse(
            "scheme:\n  title: 意见\n  continuous: 3\n  sections:\n    - title: 原则\n      items:\n        - {title: 甲, text: 正文}\n        - {title: 乙, text: 正文}\n    - title: 任务\n      sections:\n        - title: 一项\n          sections:\n            - {title: 丙, text: 正文}\n",
            "t.yaml",
        )
        .unwrap();
        let s = &doc.attachments[0].sections;
        let first: Vec<_> = s[0].sections.iter().map(|i| (i.level, i.number)).collect();
        assert_eq!(
            first,
            [(3, 1), (3, 2)],
            "items are level 3 under a level-1 heading"
        );
        let deep = &s[1].sections[0].sections[0];
        assert_eq!((deep.level, deep.number), (3, 3), "level 3 counts on");
        assert_eq!(s[1].sections[0].number, 1, "level 2 starts again");
        for (text, place) in [
            ("scheme:\n  title: 意见\n  continuous: 1\n", "t.yaml:3:15"),
            (
                "scheme:\n  title: 意见\n  sections:\n    - title: 甲\n      sections:\n        - title: 乙\n          sections:\n            - title: 丙\n              items:\n                - title: 丁\n",
                "t.yaml:10:17",
            ),
        ] {
            let e = parse(text, "t.yaml").unwrap_err();
            assert_eq!(e.place, place, "{e}");
        }
    }

    #[test]
    fn the_nearest_unit_phrase_wins() {
        let doc = parse(
            "scheme:\n  title: 方案\n  unit_phrase: 负责并提供相关资料\n  sections:\n    - title: 任务\n      task_areas:\n        - name: 甲\n          tasks:\n            - {text: 一, units: 甲局}\n            - {text: 二, units: 乙局, unit_phrase: 提供资料}\n        - name: 乙\n          unit_phrase: 牵头\n          tasks:\n            - {text: 三, units: 丙局}\n",
            "t.yaml",
        )
        .unwrap();
        let areas = &doc.attachments[0].sections[0].task_areas;
        let phrases: Vec<_> = areas
            .iter()
            .flat_map(|a| a.tasks.iter().map(|t| t.unit_phrase.as_str()))
            .collect();
        assert_eq!(phrases, ["负责并提供相关资料", "提供资料", "牵头"]);
        let e = parse(
            "scheme:\n  title: 方案\n  unit_phrase: （负责）\n",
            "t.yaml",
        )
        .unwrap_err();
        assert_eq!(e.place, "t.yaml:3:16", "{e}");
        assert!(e.message.contains("括号"), "{e}");
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

    #[test]
    fn a_reference_prints_the_attachments_number() {
        let doc = parse(
            "notice:\n  issuer: 甲\n  date: 2024-07-02\n  body: 名单见{附件:名单}。\nscheme:\n  title: 方案\n  sections:\n    - title: 要求\n      text: 按{附件：台账}填报。\nattachments:\n  - title: 台账\n  - title: 名单\n",
            "t.yaml",
        )
        .unwrap();
        assert_eq!(doc.attachments[0].sections[0].paragraphs, ["按附件2填报。"]);
        assert_eq!(doc.notice.unwrap().body, ["名单见附件3。"]);
    }
}
