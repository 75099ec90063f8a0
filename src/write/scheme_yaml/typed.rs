//! A section's typed parts as the scheme file writes them: stages, the group and its office,
//! task areas with their tasks, requirements; each field only where it differs from the
//! default the scheme format assumes.

use serde::Serialize;

use crate::model::{
    Appointment, CoordinatorForm, Group, Item, Office, Period, Person, Stage, StageForm, Step,
    Task, TaskArea, TaskPart,
};

fn none<T: AsRef<[U]>, U>(t: &T) -> bool {
    t.as_ref().is_empty()
}

#[derive(Serialize)]
pub(super) struct StageOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<PeriodOut<'a>>,
    #[serde(skip_serializing_if = "none")]
    text: &'a [String],
    #[serde(skip_serializing_if = "none")]
    steps: Vec<StepOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    steps_label: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PeriodOut<'a> {
    Words(&'a str),
    Range {
        from: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<&'a str>,
    },
}

#[derive(Serialize)]
#[serde(untagged)]
enum StepOut<'a> {
    Text(&'a str),
    Full { text: &'a str, steps: &'a [String] },
}

pub(super) fn stage(s: &Stage) -> StageOut<'_> {
    StageOut {
        name: &s.name,
        period: s.period.as_ref().and_then(period),
        text: &s.paragraphs,
        steps: s.steps.iter().map(step).collect(),
        steps_label: s.steps_label.as_deref(),
    }
}

fn period(p: &Period) -> Option<PeriodOut<'_>> {
    match (&p.words, &p.from) {
        (Some(w), _) => Some(PeriodOut::Words(w)),
        (None, Some(from)) => Some(PeriodOut::Range {
            from,
            to: p.to.as_deref(),
        }),
        (None, None) => None,
    }
}

fn step(s: &Step) -> StepOut<'_> {
    match s.steps.is_empty() {
        true => StepOut::Text(&s.text),
        false => StepOut::Full {
            text: &s.text,
            steps: &s.steps,
        },
    }
}

/// `heading` or `ordinal`, when the stages are not run in.
pub(super) fn stage_form(form: StageForm) -> Option<&'static str> {
    match form {
        StageForm::RunIn => None,
        StageForm::Heading => Some("heading"),
        StageForm::Ordinal => Some("ordinal"),
    }
}

#[derive(Serialize)]
pub(super) struct GroupOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    form: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lead_in: Option<&'a str>,
    roles: Vec<RoleOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    office: Option<OfficeOut<'a>>,
}

#[derive(Serialize)]
struct RoleOut<'a> {
    role: &'a str,
    members: Vec<PersonOut<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PersonOut<'a> {
    Name(&'a str),
    Post { post: &'a str },
    Titled { name: &'a str, title: &'a str },
}

fn person(p: &Person) -> PersonOut<'_> {
    match &p.title {
        _ if p.post => PersonOut::Post { post: &p.name },
        Some(title) => PersonOut::Titled {
            name: &p.name,
            title,
        },
        None => PersonOut::Name(&p.name),
    }
}

pub(super) fn group(g: &Group) -> GroupOut<'_> {
    GroupOut {
        name: &g.name,
        form: g.prose.then_some("prose"),
        lead_in: g.lead_in.as_deref(),
        roles: (g.roles.iter())
            .map(|r| RoleOut {
                role: &r.role,
                members: r.members.iter().map(person).collect(),
            })
            .collect(),
        office: g.office.as_ref().map(office),
    }
}

#[derive(Serialize)]
struct OfficeOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    charge: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    appointment: Option<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    concurrent: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    director: Option<PersonOut<'a>>,
    #[serde(skip_serializing_if = "none")]
    deputies: Vec<PersonOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    members: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duties_label: Option<&'a str>,
    #[serde(skip_serializing_if = "none")]
    duties: &'a [String],
}

fn office(o: &Office) -> OfficeOut<'_> {
    OfficeOut {
        name: o.name.as_deref(),
        short_name: o.short_name.as_deref(),
        location: o.location.as_deref(),
        charge: o.charge.as_deref(),
        appointment: match o.appointment {
            Appointment::Comrade => None,
            Appointment::Takes => Some("takes"),
            Appointment::Is => Some("is"),
        },
        concurrent: o.concurrent,
        director: o.director.as_ref().map(person),
        deputies: o.deputies.iter().map(person).collect(),
        members: o.members.as_deref(),
        text: o.text.as_deref(),
        duties_label: o.duties_label.as_deref(),
        duties: &o.duties,
    }
}

#[derive(Serialize)]
pub(super) struct AreaOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "none")]
    coordinators: &'a [String],
    #[serde(skip_serializing_if = "none")]
    deputy_coordinators: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    coordinator_label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coordinator_form: Option<&'static str>,
    #[serde(skip_serializing_if = "none")]
    units: &'a [String],
    #[serde(skip_serializing_if = "none")]
    text: &'a [String],
    #[serde(skip_serializing_if = "none")]
    tasks: Vec<TaskOut<'a>>,
}

#[derive(Serialize)]
struct TaskOut<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    #[serde(skip_serializing_if = "none")]
    text: &'a [String],
    #[serde(skip_serializing_if = "none")]
    parts: Vec<PartOut<'a>>,
    #[serde(skip_serializing_if = "none")]
    units: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_phrase: Option<&'a str>,
}

pub(super) fn area(a: &TaskArea) -> AreaOut<'_> {
    AreaOut {
        name: &a.name,
        coordinators: &a.coordinators,
        deputy_coordinators: &a.deputy_coordinators,
        coordinator_label: Some(a.coordinator_label.as_str()).filter(|l| *l != "协调人"),
        coordinator_form: (a.coordinator_form == CoordinatorForm::Comma).then_some("comma"),
        units: &a.units,
        text: &a.paragraphs,
        tasks: a.tasks.iter().map(task).collect(),
    }
}

#[derive(Serialize)]
struct PartOut<'a> {
    text: &'a str,
    #[serde(skip_serializing_if = "none")]
    units: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_phrase: Option<&'a str>,
}

fn part(p: &TaskPart) -> PartOut<'_> {
    PartOut {
        text: &p.text,
        units: &p.units,
        unit_phrase: Some(p.unit_phrase.as_str()).filter(|w| *w != "负责" && !p.units.is_empty()),
    }
}

fn task(t: &Task) -> TaskOut<'_> {
    TaskOut {
        title: &t.title,
        text: &t.paragraphs,
        parts: t.parts.iter().map(part).collect(),
        units: &t.units,
        unit_phrase: Some(t.unit_phrase.as_str()).filter(|p| *p != "负责" && !t.units.is_empty()),
    }
}

#[derive(Serialize)]
pub(super) struct ItemOut<'a> {
    title: &'a str,
    text: &'a [String],
}

pub(super) fn item(i: &Item) -> ItemOut<'_> {
    ItemOut {
        title: &i.title,
        text: &i.paragraphs,
    }
}
