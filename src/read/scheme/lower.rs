//! A read scheme file lowered into the document model: defaults filled in, sections and items
//! numbered, attachments labelled.

use super::attached::{Attached, AttachedFile};
use super::fields::{Levels, Paragraphs, Title};
use super::spec::{
    AttachmentSpec, FileSpec, GroupForm, GroupSpec, ItemSpec, Nest, NoticeSpec, OfficeSpec,
    SectionSpec, StageSpec, TaskAreaSpec, TooDeep, WorkGroupSpec,
};
use crate::model;
use crate::text::Script;

impl FileSpec {
    pub(super) fn into_model(
        self,
        tasks: Option<model::TaskTable>,
        sources: Vec<std::path::PathBuf>,
        script: Script,
    ) -> model::Document {
        let scheme_title = (self.scheme.as_ref()).map_or_else(String::new, |s| s.0.title.0.clone());
        let labelled = self.notice.as_ref().is_some_and(|n| n.scheme_as_attachment);
        let mut docs: Vec<_> = self.scheme.map(|s| (labelled, s.0)).into_iter().collect();
        docs.extend(self.attachments.into_iter().map(|a| (true, a.0)));
        if let Some(t) = &tasks {
            docs.push((true, table_attachment(t, script)));
        }
        let (attachment_titles, mut attachments) = lower_attachments(docs, tasks.is_some(), script);
        let mut sources = sources;
        let mut files = Vec::new();
        for (a, file) in &mut attachments {
            if let Some(f) = file.take() {
                sources.push(f.path);
                match f.content {
                    Attached::Pdf(pdf) => {
                        a.file = Some(files.len());
                        files.push(pdf);
                    }
                    Attached::Body(body) => with_body(a, body),
                }
            }
        }
        model::Document {
            fonts: self.fonts.map(|f| f.0),
            script,
            notice: self
                .notice
                .map(|n| n.into_model(&scheme_title, attachment_titles, script)),
            attachments: attachments.into_iter().map(|(a, _)| a).collect(),
            tasks,
            files,
            indicators: self
                .indicators
                .into_iter()
                .map(|i| model::Indicator {
                    code: i.code.0,
                    name: i.name,
                    units: i.units.0,
                })
                .collect(),
            sources,
            same_units: self.same_units.0,
            warnings: Vec::new(),
        }
    }
}

/// The attachment that carries the task table: its title (dossier's own in the document's
/// script when the sheet has none), the table itself in place of text.
fn table_attachment(table: &model::TaskTable, script: Script) -> AttachmentSpec {
    let title = match &table.title {
        Some(own) => own.clone(),
        None => script.fixed(table.shown_title()).into_owned(),
    };
    AttachmentSpec {
        title: Title(title),
        preamble: Paragraphs::default(),
        sections: Vec::new(),
        continuous: Levels::default(),
        unit_phrase: None,
        coordinator_label: None,
        coordinator_form: None,
        file: None,
    }
}

/// `a` holding an attached Word document's body; the paragraphs it opens with that repeat
/// what dossier prints above it (the label `附件2`, the title) are left out.
fn with_body(a: &mut model::Attachment, body: crate::read::draft::Body) {
    let squashed = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let title = squashed(&a.title);
    let is_label = crate::read::draft::is_label;
    let mut preamble = body.preamble.into_iter().peekable();
    while preamble
        .next_if(|p| is_label(p) || squashed(p) == title)
        .is_some()
    {}
    a.preamble = preamble.collect();
    a.preamble_table = (body.table).map(|table| model::SectionTable { index: 0, table });
    a.preamble_after = body.after_table;
    a.sections = body.sections;
}

/// The documents lowered, those marked to be labelled labelled 附件 (when only one is) or
/// 附件1, 附件2… in order; and their titles on one line each, as the notice lists them. With
/// `table_last`, the last document is the task table's. Each comes with the PDF file that is
/// its whole body, when it is one.
fn lower_attachments(
    docs: Vec<(bool, AttachmentSpec)>,
    table_last: bool,
    script: Script,
) -> (Vec<String>, Vec<(model::Attachment, Option<AttachedFile>)>) {
    let table_index = table_last.then(|| docs.len() - 1);
    let label_count = docs.iter().filter(|(l, _)| *l).count();
    let mut attachment_titles = Vec::new();
    let mut attachments = Vec::new();
    for (labelled, mut spec) in docs {
        let file = spec.file.take();
        let label = labelled.then(|| {
            attachment_titles.push(one_line(&spec.title.0));
            if label_count == 1 {
                "附件".to_string()
            } else {
                format!("附件{}", attachment_titles.len())
            }
        });
        let mut a = spec.into_model(label, script);
        a.table = Some(attachments.len()) == table_index;
        attachments.push((a, file));
    }
    (attachment_titles, attachments)
}

/// The title and body of a notice from `issuers` that forwards the scheme titled
/// `scheme_title` (印发通知), for a notice that gives none; the title opens with the
/// issuers' names when `issuers` is not empty. Only dossier's own words change script; the
/// scheme's title is quoted as written.
///
/// ```
/// use dossier::{read::scheme::forwarding, text::Script};
/// let (title, body) = forwarding("方案", &["市文明办".into()], Script::Simplified);
/// assert_eq!(title, "市文明办关于印发《方案》的通知");
/// assert_eq!(body, "现将《方案》印发给你们，请结合实际认真贯彻落实。");
/// ```
pub fn forwarding(scheme_title: &str, issuers: &[String], script: Script) -> (String, String) {
    let quoted = one_line(scheme_title);
    let title = format!(
        "{}{}《{quoted}》{}",
        issuers.join("、"),
        script.fixed("关于印发"),
        script.fixed("的通知")
    );
    let body = format!(
        "{}《{quoted}》{}",
        script.fixed("现将"),
        script.fixed("印发给你们，请结合实际认真贯彻落实。")
    );
    (title, body)
}

/// A title with the author's line breaks removed, as it is quoted in running text.
pub(super) fn one_line(title: &str) -> String {
    title.lines().map(str::trim).collect()
}

impl NoticeSpec {
    fn into_model(
        self,
        scheme_title: &str,
        attachment_titles: Vec<String>,
        script: Script,
    ) -> model::Notice {
        let issuers = self.issuer.0;
        let named = if self.title_with_issuer {
            &issuers[..]
        } else {
            &[]
        };
        let (default_title, default_body) = forwarding(scheme_title, named, script);
        let title = self.title.map_or(default_title, |t| t.0);
        let lead = self.body_lead.unwrap_or_default();
        let body = (self.body).map_or_else(|| vec![format!("{lead}{default_body}")], |b| b.0);
        let date = self.date.0;
        model::Notice {
            copy_no: self.copy_no.map(|c| c.0),
            secrecy: self.secrecy,
            urgency: self.urgency.map(|u| u.0),
            mark_names: self.mark.map(|m| m.0).unwrap_or_else(|| issuers.clone()),
            // A 函's mark is the organ's name alone.
            mark_suffix: self
                .mark_suffix
                .unwrap_or_else(|| if self.letter { "" } else { "文件" }.to_string()),
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
            date: date.iso(),
            note: self.note,
            cc: self.cc.0,
            printer: self.printer,
            print_date: self.print_date.map_or(date, |d| d.0).iso(),
            end_on_even_page: self.end_on_even_page,
            preprinted: self.preprinted,
            letter: self.letter,
            seal: None,
            attended: self.attended.0,
            absent: self.absent.0,
            observers: self.observers.0,
        }
    }
}

impl AttachmentSpec {
    fn into_model(self, label: Option<String>, script: Script) -> model::Attachment {
        let phrase =
            (self.unit_phrase.map(|p| p.0)).unwrap_or_else(|| script.fixed("负责").into_owned());
        let coordinators = (self.coordinator_label.map(|l| l.0))
            .unwrap_or_else(|| script.fixed("协调人").into_owned());
        let form = self.coordinator_form.unwrap_or_default();
        let mut across = Across::new(&self.continuous.0, phrase, (coordinators, form));
        let mut numbering = Numbering::of(1);
        let sections = self
            .sections
            .into_iter()
            .map(|s| {
                let n = numbering.next(&mut across);
                s.into_model(1, n, &mut across)
            })
            .collect();
        model::Attachment {
            label,
            title: self.title.0,
            preamble: self.preamble.0,
            preamble_table: None,
            preamble_after: Vec::new(),
            sections,
            table: false,
            file: None,
        }
    }
}

/// What holds across a whole document as it is lowered: the running count of each level
/// numbered straight through (`None`: the level starts from 1 under each heading), the
/// words after a task's units where neither the task nor its area names them, and what
/// coordinators are called and how their line is punctuated where an area does not say.
struct Across {
    counts: [Option<u32>; 5],
    unit_phrase: String,
    coordinator_label: String,
    coordinator_form: model::CoordinatorForm,
}

impl Across {
    fn new(
        through: &[u8],
        unit_phrase: String,
        (coordinator_label, coordinator_form): (String, model::CoordinatorForm),
    ) -> Self {
        let mut counts = [None; 5];
        for &l in through {
            if let Some(c) = counts.get_mut(usize::from(l)) {
                *c = Some(0);
            }
        }
        Across {
            counts,
            unit_phrase,
            coordinator_label,
            coordinator_form,
        }
    }
}

/// The numbering of one level's items under one heading; several lists may share it.
struct Numbering {
    level: u8,
    last: u32,
}

impl Numbering {
    fn of(level: u8) -> Self {
        Numbering { level, last: 0 }
    }

    /// The next number: on from the document's count when the level runs straight through,
    /// else on from the last one under this heading.
    fn next(&mut self, across: &mut Across) -> u32 {
        let last = match across.counts.get_mut(usize::from(self.level)) {
            Some(Some(count)) => count,
            _ => &mut self.last,
        };
        *last += 1;
        *last
    }
}

/// What a section of any level turns into; implemented for every nesting depth.
trait IntoSection {
    fn into_model(self, level: u8, number: u32, across: &mut Across) -> model::Section;
}

impl IntoSection for TooDeep {
    fn into_model(self, level: u8, number: u32, _: &mut Across) -> model::Section {
        model::Section::new(level, number, String::new())
    }
}

impl<const L: u8, C: IntoSection + Nest> IntoSection for SectionSpec<L, C>
where
    C::Child: IntoSection,
{
    fn into_model(self, level: u8, number: u32, across: &mut Across) -> model::Section {
        let run_in = runs_in(level, &self);
        // Every kind of sub-item shares one numbering, in the order the template prints them.
        let mut numbering = Numbering::of(level + 1);
        let mut next = |across: &mut Across| numbering.next(across);
        // Ordinal stages (第一阶段：) count among themselves and take no number of the level.
        let stages = match self.stage_form {
            model::StageForm::Ordinal => (self.stages.0.into_iter().zip(1..))
                .map(|(s, n)| s.into_model(n))
                .collect(),
            model::StageForm::RunIn | model::StageForm::Heading => {
                map(self.stages.0, |s| s.into_model(next(across)))
            }
        };
        let work_groups = map(self.work_groups.0, |w| w.into_model(next(across)));
        let task_areas = map(self.task_areas.0, |a| {
            let n = next(across);
            a.into_model(n, level + 2, across)
        });
        let requirements = map(self.requirements.0, |r| r.into_model(next(across)));
        let mut sections = map(self.sections, |s| {
            let n = next(across);
            s.into_model(level + 1, n, across)
        });
        let mut skipping = Numbering::of(level + 2);
        sections.extend(map(self.items, |s| {
            let n = skipping.next(across);
            s.into_model(level + 2, n, across)
        }));
        model::Section {
            level,
            number,
            title: run_in_title(self.title.map(|t| t.0).unwrap_or_default(), run_in),
            run_in,
            paragraphs: self.text.0,
            table: self.table.map(|t| model::SectionTable {
                index: 0,
                table: t.0,
            }),
            sections,
            stages,
            stage_form: self.stage_form,
            period_form: self.period_form,
            group: self.group.map(GroupSpec::into_model),
            work_groups,
            task_areas,
            requirements,
            lists: map(self.lists, |l| model::LabelledList {
                label: l.label,
                items: l.items,
            }),
            after: self.text_after.0,
        }
    }
}

/// Whether the heading of `section`, at `level`, runs into its text. Level 1 stands alone;
/// deeper headings run in by custom when they read as a sentence.
fn runs_in<const L: u8, C: Nest>(level: u8, section: &SectionSpec<L, C>) -> bool {
    let titled_closed = section.title.as_ref().is_some_and(|t| t.0.ends_with('。'));
    let custom = level >= 3 || (level == 2 && titled_closed);
    level > 1 && !section.text.0.is_empty() && section.run_in.unwrap_or(custom)
}

fn map<T, U>(items: Vec<T>, f: impl FnMut(T) -> U) -> Vec<U> {
    items.into_iter().map(f).collect()
}

impl<const L: u8> StageSpec<L> {
    fn into_model(self, number: u32) -> model::Stage {
        model::Stage {
            number,
            name: self.name.0,
            prefix: self.prefix,
            period: self.period.map(|p| p.0),
            paragraphs: self.text.0,
            steps: map(self.steps, |s| s.0),
            steps_label: self.steps_label,
        }
    }
}

impl<const L: u8> TaskAreaSpec<L> {
    /// The area numbered `number`, its tasks numbered at `task_level`.
    fn into_model(self, number: u32, task_level: u8, across: &mut Across) -> model::TaskArea {
        let mut numbering = Numbering::of(task_level);
        let phrase = self.unit_phrase.map(|p| p.0);
        model::TaskArea {
            number,
            name: self.name.0,
            coordinators: self.coordinators.0,
            deputy_coordinators: self.deputy_coordinators.0,
            coordinator_label: (self.coordinator_label.map(|l| l.0))
                .unwrap_or_else(|| across.coordinator_label.clone()),
            coordinator_form: self.coordinator_form.unwrap_or(across.coordinator_form),
            units: self.units.0,
            paragraphs: self.text.0,
            tasks: map(self.tasks, |t| {
                let number = numbering.next(across);
                let phrase = (t.unit_phrase.map(|p| p.0))
                    .or_else(|| phrase.clone())
                    .unwrap_or_else(|| across.unit_phrase.clone());
                let mut parts = Numbering::of(task_level + 1);
                model::Task {
                    number,
                    title: run_in_title(t.title.0, !t.text.0.is_empty() || !t.parts.is_empty()),
                    paragraphs: t.text.0,
                    units: t.units.0,
                    unit_lead: t.unit_lead.unwrap_or_default(),
                    parts: map(t.parts, |p| model::TaskPart {
                        number: parts.next(across),
                        closed: p.text.ends_with(CLOSING),
                        text: p.text,
                        units: p.units.0,
                        unit_phrase: p.unit_phrase.map_or_else(|| phrase.clone(), |p| p.0),
                    }),
                    unit_phrase: phrase,
                }
            }),
        }
    }
}

impl ItemSpec {
    fn into_model(self, number: u32) -> model::Item {
        model::Item {
            number,
            title: run_in_title(self.title.0, !self.text.0.is_empty()),
            paragraphs: self.text.0,
        }
    }
}

impl GroupSpec {
    fn into_model(self) -> model::Group {
        model::Group {
            name: self.name,
            roles: self
                .roles
                .into_iter()
                .map(|r| {
                    let word: String = r.role.chars().filter(|c| !c.is_whitespace()).collect();
                    model::Role {
                        is_members: word.ends_with("成员") || word.ends_with("成員"),
                        role: r.role,
                        members: r.members.0,
                    }
                })
                .collect(),
            office: self.office.map(|OfficeSpec(o)| model::Office {
                name: o.name,
                location: o.location,
                charge: o.charge,
                appointment: o.appointment,
                director: o.director.map(|p| p.0),
                deputies: o.deputies.0,
                short_name: o.short_name,
                concurrent: o.concurrent,
                members: o.members,
                duties: o.duties,
                duties_label: o.duties_label,
                text: o.text,
            }),
            prose: self.form == GroupForm::Prose,
            lead_in: self.lead_in,
        }
    }
}

impl WorkGroupSpec {
    fn into_model(self, number: u32) -> model::WorkGroup {
        model::WorkGroup {
            number,
            name: self.name.0,
            duty: self.duty,
            leaders: self.leaders.0,
            lead_units: self.lead_units.0,
            lead_people: self.lead_people.0,
            units: self.units.0,
            tasks: self.tasks,
        }
    }
}

/// What may close a sentence, or a clause that runs on.
const CLOSING: [char; 6] = ['。', '！', '？', '；', '：', '…'];

/// A heading that runs into its text ends as a sentence does: `1.加强学习。深入开展……`; one
/// the author left without closing punctuation gets a 。.
fn run_in_title(title: String, runs_in: bool) -> String {
    if runs_in && !title.is_empty() && !title.ends_with(CLOSING) {
        format!("{title}。")
    } else {
        title
    }
}
