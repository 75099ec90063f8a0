//! A scheme file's documents: the notice and what it issues, sections to four levels, and the
//! typed parts of a scheme (stages, groups, task areas, requirements).

use serde::{Deserialize, Serialize};

use super::{Indicator, Merge, TaskRow, TaskTable};

/// One scheme file's worth of documents: the notice and the documents printed after it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Document {
    /// Font profile the scheme asks for (`gb2312`, `win10`); the CLI's `--fonts` wins over it.
    pub fonts: Option<String>,
    /// The notice; `None` when the scheme file describes a scheme alone.
    pub notice: Option<Notice>,
    /// The script dossier's own words are written in, as the scheme's own text is.
    pub script: crate::text::Script,
    /// The documents printed after the notice, each from a new page: the scheme first.
    pub attachments: Vec<Attachment>,
    /// The task table, printed as the last attachment (the one whose `table` is set).
    #[serde(skip)]
    pub tasks: Option<TaskTable>,
    /// The PDF files attached as they are, in the order of the attachments that are one.
    #[serde(skip)]
    pub files: Vec<PdfFile>,
    /// Spellings the scheme says name one unit, for `split`.
    #[serde(skip)]
    pub same_units: super::SameUnits,
    /// The indicators evidence is gathered for, as the scheme lists them.
    #[serde(skip)]
    pub indicators: Vec<Indicator>,
    /// The files read besides the scheme file itself (its task sheet), so that no output is
    /// written over one.
    #[serde(skip)]
    pub sources: Vec<std::path::PathBuf>,
    /// What reading those files passed over or read otherwise than written (a note row
    /// skipped), each naming its place (`分解表!A37`).
    #[serde(skip)]
    pub warnings: Vec<String>,
}

impl Document {
    /// The tasks its task areas list, as a task table (序号, 任务板块, 任务内容, 责任单位,
    /// each area's name one cell over its tasks), so that a scheme written with
    /// `task_areas` feeds `table`, `split` and `bundle` as one with a sheet does; `None`
    /// when no area has a task. A task without units of its own takes its area's; a task
    /// with parts gives a row for each part.
    ///
    /// ```
    /// let doc = dossier::read::scheme::parse("scheme:\n  title: 方案\n  sections:\n    - title: 任务\n      task_areas:\n        - name: 政务环境\n          units: 市政府办\n          tasks:\n            - text: 公开办事程序。\n            - {title: 廉政教育, text: 每年两次。, units: 市纪委}\n            - {title: 诚信, parts: [{text: 建立信用档案。, units: 市发改委}, {text: 公开承诺。}]}\n", "a.yaml").unwrap();
    /// let t = doc.area_table().unwrap();
    /// assert_eq!(t.rows[1].cells, ["2", "政务环境", "廉政教育。每年两次。", "市纪委"]);
    /// assert_eq!(t.rows[0].cells[3], "市政府办", "the area's units");
    /// assert_eq!(t.rows[2].cells, ["3", "政务环境", "诚信。建立信用档案。", "市发改委"]);
    /// assert_eq!(t.rows[3].cells[2..], ["诚信。公开承诺。", "市政府办"]);
    /// assert_eq!((t.merges[0].first, t.merges[0].last), (1, 4));
    /// let doc = dossier::read::scheme::parse("scheme:\n  title: 方案\n  sections:\n    - title: 任务\n      task_areas:\n        - name: 组织\n          tasks:\n            - {text: 部署。, units: [各区、县（市）党委和人民政府, 市委办]}\n", "a.yaml").unwrap();
    /// let t = doc.area_table().unwrap();
    /// let units: Vec<String> = t.units(&t.rows[0]).into_iter().map(|u| u.name).collect();
    /// assert_eq!(units, ["各区、县（市）党委和人民政府", "市委办"], "names kept whole");
    /// ```
    pub fn area_table(&self) -> Option<TaskTable> {
        let mut rows = Vec::new();
        let mut named = Vec::new();
        let mut merges = Vec::new();
        for area in self.attachments.iter().flat_map(|a| areas(&a.sections)) {
            let first = rows.len() + 1;
            for (cells, units) in area.tasks.iter().flat_map(|t| t.rows(area)) {
                rows.push(cells);
                named.push(Some(units));
            }
            if rows.len() > first {
                merges.push(Merge {
                    column: "item".to_string(),
                    first: u32::try_from(first).ok()?,
                    last: u32::try_from(rows.len()).ok()?,
                });
            }
        }
        if rows.is_empty() {
            return None;
        }
        let columns = [
            ("item", "任务板块"),
            ("content", "任务内容"),
            ("lead", "责任单位"),
        ];
        let mut table = TaskTable::numbered(&columns, rows);
        table.merges = merges;
        for (row, units) in table.rows.iter_mut().zip(named) {
            row.named = units;
        }
        if self.script == crate::text::Script::Traditional {
            // dossier's words, in the document's script.
            for c in &mut table.columns {
                c.header = self.script.fixed(&c.header).into_owned();
            }
            table.title = Some(self.script.fixed(table.shown_title()).into_owned());
        }
        Some(table)
    }

    /// Numbers the sections' tables in reading order, after the task table.
    pub fn number_tables(&mut self) {
        let mut next = usize::from(self.tasks.is_some());
        for a in &mut self.attachments {
            if let Some(t) = &mut a.preamble_table {
                t.index = next;
                next += 1;
            }
            number_in(&mut a.sections, &mut next);
        }
    }

    /// The document's tables in their `@table` order: the task table, then the sections'.
    ///
    /// ```
    /// let doc = dossier::read::scheme::parse("scheme:\n  title: 方案\n  sections:\n    - title: 目标\n      table: {columns: [指标, 目标值], rows: [[保洁率, 100%]]}\n", "a.yaml").unwrap();
    /// let tables = doc.tables();
    /// assert_eq!(tables[0].rows[0].cells, ["保洁率", "100%"]);
    /// ```
    pub fn tables(&self) -> Vec<&TaskTable> {
        let mut inner: Vec<&SectionTable> = (self.attachments.iter())
            .flat_map(|a| a.preamble_table.iter().chain(section_tables(&a.sections)))
            .collect();
        inner.sort_by_key(|t| t.index);
        (self.tasks.iter())
            .chain(inner.into_iter().map(|t| &t.table))
            .collect()
    }

    /// The indicators evidence is gathered for: those the scheme lists, else one per task row
    /// of its task table or, without one, of its task areas (its 序号 as code, its 测评内容 as
    /// name, its units as those who owe evidence).
    pub fn evidence_indicators(&self) -> Vec<Indicator> {
        if !self.indicators.is_empty() {
            return self.indicators.clone();
        }
        let areas = self.tasks.is_none().then(|| self.area_table()).flatten();
        let Some(t) = self.tasks.as_ref().or(areas.as_ref()) else {
            return Vec::new();
        };
        let cell = |row: &TaskRow, key: &str| {
            t.column(key)
                .and_then(|i| row.cells.get(i))
                .cloned()
                .unwrap_or_default()
        };
        t.rows
            .iter()
            .zip(1u32..)
            .map(|(row, n)| {
                let seq = cell(row, "seq");
                Indicator {
                    code: if seq.is_empty() { n.to_string() } else { seq },
                    name: cell(row, "content"),
                    units: t.units(row).into_iter().map(|u| u.name).collect(),
                }
            })
            .collect()
    }
}

impl Task {
    /// The rows it gives a task table in `area`: one, or one per part, each part's units
    /// its own, else the task's, else the area's; each with its cells and its units.
    fn rows(&self, area: &TaskArea) -> Vec<(Vec<String>, Vec<String>)> {
        let units = |own: &[String]| {
            [own, &self.units, &area.units]
                .into_iter()
                .find(|u| !u.is_empty())
                .map(<[String]>::to_vec)
                .unwrap_or_default()
        };
        let opening: String = std::iter::once(self.title.as_str())
            .chain(self.paragraphs.iter().map(String::as_str))
            .collect();
        let row = |content: &str, own: &[String]| {
            let content = crate::text::without_emphasis(content);
            let units = units(own);
            (vec![area.name.clone(), content, units.join("、")], units)
        };
        if self.parts.is_empty() {
            return vec![row(&opening, &[])];
        }
        let lead = crate::text::without_emphasis(&self.title);
        (self.parts.iter())
            .map(|p| row(&format!("{lead}{}", p.text), &p.units))
            .collect()
    }
}

/// The task areas of `sections` and of all their sub-sections, in document order.
fn areas(sections: &[Section]) -> Vec<&TaskArea> {
    sections
        .iter()
        .flat_map(|s| s.task_areas.iter().chain(areas(&s.sections)))
        .collect()
}

/// The tables of `sections` and of theirs, at any depth.
fn section_tables(sections: &[Section]) -> Vec<&SectionTable> {
    sections
        .iter()
        .flat_map(|s| s.table.iter().chain(section_tables(&s.sections)))
        .collect()
}

/// Numbers the tables of `sections` (and of theirs) in reading order, from `next`.
fn number_in(sections: &mut [Section], next: &mut usize) {
    for s in sections {
        if let Some(t) = &mut s.table {
            t.index = *next;
            *next += 1;
        }
        number_in(&mut s.sections, next);
    }
}

/// A 通知 laid out to GB/T 9704.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Notice {
    /// 份号, six digits.
    pub copy_no: Option<String>,
    /// 密级 and 保密期限, e.g. `秘密★1年`.
    pub secrecy: Option<String>,
    /// 紧急程度: 特急 or 加急.
    pub urgency: Option<String>,
    /// Issuing organs, the lead first.
    pub issuers: Vec<String>,
    /// Names as printed in the organ mark, stacked when several.
    pub mark_names: Vec<String>,
    /// What follows the names in the mark: `文件`, or empty for the name alone.
    pub mark_suffix: String,
    /// 签发人 (upward documents only).
    pub signers: Vec<String>,
    /// 发文字号 in standard form.
    pub doc_no: Option<String>,
    /// 主送机关.
    pub to: Vec<String>,
    /// The title; a `\n` marks a line break the author chose.
    pub title: String,
    /// Body paragraphs.
    pub body: Vec<String>,
    /// Titles listed in the 附件说明, in order.
    pub attachment_titles: Vec<String>,
    /// 署名: one name per organ.
    pub signature: Vec<String>,
    /// 成文日期, ISO form.
    pub date: String,
    /// 附注, without the parentheses.
    pub note: Option<String>,
    /// 抄送机关.
    pub cc: Vec<String>,
    /// 印发机关.
    pub printer: Option<String>,
    /// 印发日期, ISO form.
    pub print_date: String,
    /// The 版记 goes on an even page (a blank page before it where needed); `false`: at the
    /// foot of the page the text ends on.
    pub end_on_even_page: bool,
    /// 纪要: who attended (出席), was excused (请假) and sat in (列席), units and names.
    pub attended: Vec<String>,
    /// 请假.
    pub absent: Vec<String>,
    /// 列席.
    pub observers: Vec<String>,
    /// 套打: printed onto paper with the red 版头 already on it, so the organ mark and the red
    /// separator are left out and every other position kept.
    pub preprinted: bool,
    /// 信函格式 (clause 10.1): the mark 30 mm from the top edge between red double lines, the
    /// 发文字号 at the right under the first, the first page unnumbered, a 版记 without rules.
    pub letter: bool,
    /// 加盖印章 (7.3.5.1): the 署名 and date set for a seal pressed on them, and its image.
    pub seal: Option<Seal>,
}

/// The seal a document is issued under.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Seal {
    /// Its diameter, mm: how much room the signature leaves for it.
    pub mm: f64,
    /// Its picture, a PNG with a transparent background; `None` when it is pressed by hand.
    /// Not for templates: the pipeline hands it to the writers.
    #[serde(skip)]
    pub picture: Option<Picture>,
}

/// A PNG picture and its size in pixels, which give its proportions.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The PNG file's bytes.
    pub png: std::sync::Arc<[u8]>,
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
}

impl Picture {
    /// Its height when drawn `width` wide, its proportions kept (any unit).
    ///
    /// ```
    /// let p = dossier::model::Picture { png: std::sync::Arc::from(&b""[..]), width: 200, height: 100 };
    /// assert_eq!(p.height_at(120.0), 60.0);
    /// ```
    pub fn height_at(&self, width: f64) -> f64 {
        width * f64::from(self.height) / f64::from(self.width.max(1))
    }

    /// The pixels of the PNG file `png`, 8 bits a sample (palettes and low bit depths
    /// expanded), with the frame's size and colour type; the decoder's words when it cannot
    /// decode them, or they would take more than `DECODED_BYTES`.
    pub fn pixels(png: &[u8]) -> std::result::Result<(png::OutputInfo, Vec<u8>), String> {
        let limits = png::Limits {
            bytes: DECODED_BYTES,
        };
        let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(png), limits);
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
        let mut pixels = vec![0; reader.output_buffer_size().ok_or("图片太大")?];
        let frame = reader.next_frame(&mut pixels).map_err(|e| e.to_string())?;
        pixels.truncate(frame.buffer_size());
        Ok((frame, pixels))
    }
}

/// The most a picture's pixels may take decoded, bytes: 4,000 × 4,000 RGBA.
const DECODED_BYTES: usize = 64 << 20;

/// A document printed after the notice: the implementation scheme, or another attachment.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Attachment {
    /// `附件`, `附件1` …, or `None` when printed as the document the notice issues.
    pub label: Option<String>,
    /// Its title; a `\n` marks a line break the author chose.
    pub title: String,
    /// Paragraphs before the first section.
    pub preamble: Vec<String>,
    /// A table after them (an attached Word document's), and the paragraphs after it.
    pub preamble_table: Option<SectionTable>,
    /// Paragraphs after `preamble_table`, before the first section.
    pub preamble_after: Vec<String>,
    /// Level-1 sections.
    pub sections: Vec<Section>,
    /// Whether the document's task table follows its title.
    pub table: bool,
    /// The attached PDF file that is the whole document, by its place among the scheme's
    /// `files`: its pages follow the label, and it has no title or text of its own.
    pub file: Option<usize>,
}

/// A PDF file attached as it is: its bytes, and each page's size as it is shown (its crop box,
/// turned as the page says), pt.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfFile {
    /// The file as the scheme names it, for messages.
    pub name: String,
    /// The file's bytes, shared with every page drawn from it.
    pub bytes: std::sync::Arc<Vec<u8>>,
    /// Each page's width and height, pt.
    pub pages: Vec<(f64, f64)>,
}

/// A numbered section; levels 1 to 4 are numbered 一、 （一） 1. （1）.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Section {
    /// 1 to 4.
    pub level: u8,
    /// Position among its siblings, from 1.
    pub number: u32,
    /// Heading text, without its number.
    pub title: String,
    /// Whether the heading runs into the first paragraph (`1.标题。正文……`).
    pub run_in: bool,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// A small table after them.
    pub table: Option<SectionTable>,
    /// Sub-sections, one level down.
    pub sections: Vec<Section>,
    /// Dated stages (方法步骤).
    pub stages: Vec<Stage>,
    /// How its stages' headings are written.
    pub stage_form: StageForm,
    /// Where its stages' periods are written.
    pub period_form: PeriodForm,
    /// A leadership group (组织机构).
    pub group: Option<Group>,
    /// Work groups under it, each with its leader, lead unit and tasks.
    pub work_groups: Vec<WorkGroup>,
    /// Task areas with coordinators and responsible units.
    pub task_areas: Vec<TaskArea>,
    /// Requirements (工作要求), each a run-in item.
    pub requirements: Vec<Item>,
    /// Labelled numbered lists, each one paragraph: `责任单位工作职责：1.…；2.…。`
    pub lists: Vec<LabelledList>,
    /// Paragraphs after its numbered parts and sub-sections.
    pub after: Vec<String>,
}

/// A numbered list run into one paragraph under its label: `牵头单位工作职责：1.…；2.…。`;
/// a list of one item is not numbered.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelledList {
    /// `牵头单位工作职责`.
    pub label: String,
    /// The items, without closing punctuation.
    pub items: Vec<String>,
}

impl Section {
    /// A section of `level` numbered `number`, titled `title`, with nothing in it yet.
    pub fn new(level: u8, number: u32, title: String) -> Section {
        Section {
            level,
            number,
            title,
            run_in: false,
            paragraphs: Vec::new(),
            table: None,
            sections: Vec::new(),
            stages: Vec::new(),
            stage_form: StageForm::default(),
            period_form: PeriodForm::default(),
            group: None,
            work_groups: Vec::new(),
            task_areas: Vec::new(),
            requirements: Vec::new(),
            lists: Vec::new(),
            after: Vec::new(),
        }
    }
}

/// A table inside a section, and its number among the document's tables (`@table N`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SectionTable {
    /// Its number among the document's tables: after the task table, in reading order.
    pub index: usize,
    /// Its header and rows.
    #[serde(skip)]
    pub table: TaskTable,
}

/// A stage of the work.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stage {
    /// Position, from 1.
    pub number: u32,
    /// `制定方案阶段`.
    pub name: String,
    /// Words before `第一阶段` in the ordinal form: `创建省级文明城市`.
    pub prefix: Option<String>,
    /// When it runs.
    pub period: Option<Period>,
    /// What happens in it.
    pub paragraphs: Vec<String>,
    /// Numbered steps.
    pub steps: Vec<Step>,
    /// What its steps are headed when they run on in one paragraph: `主要工作`.
    pub steps_label: Option<String>,
}

/// How a section writes its stages' headings.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StageForm {
    /// `（一）名称（期间）。正文` as a run-in heading of the next level.
    #[default]
    RunIn,
    /// `第一阶段：名称` on a line of its own, in the next level's heading face.
    Ordinal,
    /// `（一）名称（期间）` on a line of its own, in the next level's heading face, its text
    /// below.
    Heading,
}

/// How a task area's coordinators line is punctuated.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CoordinatorForm {
    /// `协调人：A；副协调人：B。`
    #[default]
    Semicolon,
    /// `协调人：A，副协调人：B`, with no closing stop.
    Comma,
}

/// Where a section writes its stages' periods.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PeriodForm {
    /// In parentheses after the stage's name.
    #[default]
    Brackets,
    /// `时间：…。` as the stage's first line.
    Line,
}

/// A numbered step of a stage, with numbered sub-steps one level further down.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Step {
    /// What the step does.
    pub text: String,
    /// Its sub-steps (`（1）…`).
    pub steps: Vec<String>,
}

/// When a stage runs: exact dates, or words such as `7月中旬至7月末`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Period {
    /// First day, ISO form.
    pub from: Option<String>,
    /// Last day, ISO form.
    pub to: Option<String>,
    /// The period in words, when given so.
    pub words: Option<String>,
}

/// A leadership group (领导小组) or similar body.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Group {
    /// `市妇联创城工作推进领导小组`.
    pub name: String,
    /// Roles in order: 组长, 副组长, 成员 …
    pub roles: Vec<Role>,
    /// Its office (办公室).
    pub office: Option<Office>,
    /// Whether it is stated in a sentence (`成立…，由…任组长`) rather than listed by role.
    pub prose: bool,
    /// The words before `成立<name>` in that sentence, such as `为确保整治工作顺利推进，街道`.
    pub lead_in: Option<String>,
}

/// A work group (工作组) and who answers for it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WorkGroup {
    /// Position, from 1.
    pub number: u32,
    /// `政务环境组`.
    pub name: String,
    /// What it does, after its name: `负责组织实施……创建工作。`
    pub duty: Option<String>,
    /// 责任领导.
    pub leaders: Vec<String>,
    /// 牵头单位.
    pub lead_units: Vec<String>,
    /// 责任人.
    pub lead_people: Vec<String>,
    /// 责任单位.
    pub units: Vec<String>,
    /// 主要任务, numbered within one paragraph.
    pub tasks: Vec<String>,
}

/// One role of a group and who holds it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Role {
    /// `组长`, `副组长`, `成员`, `协调人` …
    pub role: String,
    /// Whether it is the group's members (成员, 成員), which prose lists as `成员包括：…`.
    pub is_members: bool,
    /// The people, in order.
    pub members: Vec<Person>,
}

/// A person, with a job title when the document names it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    /// `杨杰`.
    pub name: String,
    /// `市妇联党组书记、主席`.
    pub title: Option<String>,
    /// Whether `name` is a post held by several (`各社区居委会主任`) rather than a person's
    /// name: printed as written, never padded or aligned as a name.
    pub post: bool,
}

/// A group's office.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Office {
    /// Its own name, which then opens the sentence in place of `<group>下设办公室`:
    /// `领导小组办公室设在…`.
    pub name: Option<String>,
    /// Where it sits: `市妇联机关党委`.
    pub location: Option<String>,
    /// What it is in charge of, after where it sits: `具体负责日常工作`.
    pub charge: Option<String>,
    /// The words between a person and the post they take.
    pub appointment: Appointment,
    /// Its director.
    pub director: Option<Person>,
    /// Its deputy directors.
    pub deputies: Vec<Person>,
    /// What it is called for short: `市创文办`.
    pub short_name: Option<String>,
    /// Whether its director and deputies hold the posts besides their own (`由…同志兼任`).
    pub concurrent: bool,
    /// Who its members are, as `成员由…组成` says it.
    pub members: Option<String>,
    /// What it does, one duty per item.
    pub duties: Vec<String>,
    /// What its duties are headed, when they open a paragraph of their own: `创文办工作职责`.
    pub duties_label: Option<String>,
    /// Sentences that follow in the same paragraph: `上述组成人员抽调期间……`.
    pub text: Option<String>,
}

/// How an office's director and deputies are said to take their posts.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Appointment {
    /// `张三同志任办公室主任`.
    #[default]
    Comrade,
    /// `张三任办公室主任`.
    Takes,
    /// `张三为办公室主任`.
    Is,
}

/// A task area (as in 建设廉洁高效的政务环境) with the people who answer for it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TaskArea {
    /// Position, from 1.
    pub number: u32,
    /// `建设廉洁高效的政务环境`.
    pub name: String,
    /// 协调人.
    pub coordinators: Vec<String>,
    /// 副协调人.
    pub deputy_coordinators: Vec<String>,
    /// What its coordinators are called: `协调人`, `创建工作协调人`.
    pub coordinator_label: String,
    /// How the coordinators line is punctuated.
    pub coordinator_form: CoordinatorForm,
    /// 责任单位.
    pub units: Vec<String>,
    /// Paragraphs before its tasks, or in place of them.
    pub paragraphs: Vec<String>,
    /// Numbered tasks.
    pub tasks: Vec<Task>,
}

/// A task with the units responsible for it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Task {
    /// Position, from 1.
    pub number: u32,
    /// A short heading that runs into the text (ending 。), or empty.
    pub title: String,
    /// What to do; the first paragraph follows the title on its line.
    pub paragraphs: Vec<String>,
    /// Units answering for this task (lead first), when named per task.
    pub units: Vec<String>,
    /// Words before the units in its note: `上述各项由`.
    pub unit_lead: String,
    /// What follows the units in the note after the task: `负责` (the default),
    /// `负责并提供相关资料` ….
    pub unit_phrase: String,
    /// Parts run in after its text, numbered one level further down, each with its units.
    pub parts: Vec<TaskPart>,
}

/// A task's part: `（1）建立学习制度。（市委组织部负责并提供相关资料）`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TaskPart {
    /// Position within its task, from 1.
    pub number: u32,
    /// What to do.
    pub text: String,
    /// Units answering for this part, when named.
    pub units: Vec<String>,
    /// What follows the units in its note.
    pub unit_phrase: String,
    /// Whether its text ends a sentence (`。`), so that no `；` follows it.
    pub closed: bool,
}

/// A run-in item: `（一）建立组织，强化领导。各部（室）要……`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Item {
    /// Position, from 1.
    pub number: u32,
    /// The heading part.
    pub title: String,
    /// The text: the first paragraph follows the heading on its line.
    pub paragraphs: Vec<String>,
}
