//! The office sentence after a group's roles, read back into its fields: `<group>下设办公室
//! （简称“…”），办公室设在<location>，<charge>，<director>同志任办公室主任，<deputies>同志任
//! 副主任，成员由…组成。<text>办公室主要职责：1.…；2.…。`

use crate::model::{Appointment, Office, Person};
use crate::text::split_outside_brackets;

const SET_UP: &str = "下设办公室";
const SITED: &str = "办公室设在";
const DUTIES: &str = "办公室主要职责：";

/// The group's name and its office, when `text` is an office sentence.
/// The group's name is empty for an office named on its own (`领导小组办公室设在…`).
pub(super) fn office(text: &str) -> Option<(String, Office)> {
    let (group, named, rest) = match text.split_once(SET_UP) {
        Some((group, rest)) => (group, None, rest),
        None => {
            let (named, _) = text.split_once("设在")?;
            ("", Some(named), &text[named.len()..])
        }
    };
    let (name, short) = match named.map(|n| n.split_once("（简称“")) {
        Some(Some((name, short))) => (Some(name), Some(format!("（简称“{short}"))),
        Some(None) => (named, None),
        None => (None, None),
    };
    let (short_name, rest) = match &short {
        Some(s) => (short_name(s).0, rest),
        None => short_name(rest),
    };
    let (sentence, tail) = rest.split_once('。')?;
    let mut o = empty(short_name);
    o.name = name.filter(|n| n.ends_with("办公室")).map(str::to_string);
    let mut clauses = split_outside_brackets(sentence, &['，']).into_iter();
    let first = clauses.next()?;
    match &o.name {
        Some(_) => o.location = Some(first.strip_prefix("设在")?.to_string()),
        None if group.is_empty() => return None,
        None => first.is_empty().then_some(())?,
    }
    for clause in clauses {
        if !clause_into(clause.trim(), &mut o) {
            return None;
        }
    }
    let (text, duties) = match tail.split_once(DUTIES) {
        Some((text, duties)) => (text, Some(duties)),
        None => (tail, None),
    };
    o.text = Some(text.to_string()).filter(|t| !t.is_empty());
    o.duties = duties.map(super::super::numbered).unwrap_or_default();
    Some((group.to_string(), o))
}

fn empty(short_name: Option<String>) -> Office {
    Office {
        name: None,
        location: None,
        charge: None,
        appointment: Appointment::Comrade,
        director: None,
        deputies: Vec::new(),
        short_name,
        concurrent: false,
        members: None,
        duties: Vec::new(),
        duties_label: None,
        text: None,
    }
}

/// The duties in a paragraph of their own after the office sentence (`办公室主要职责：1.…；
/// 2.…。`), taken off `rest` into `o` with their label.
pub(super) fn labelled_duties(rest: &mut Vec<String>, o: &mut Office) {
    let Some((label, duties)) = rest.first().and_then(|p| p.split_once('：')) else {
        return;
    };
    if !label.ends_with("职责")
        || !o.duties.is_empty()
        || crate::text::heading_number(duties).is_none()
    {
        return;
    }
    (o.duties, o.duties_label) = (super::super::numbered(duties), Some(label.to_string()));
    rest.remove(0);
}

/// `（简称“市创文办”）` at the start of `rest`, and what follows it.
fn short_name(rest: &str) -> (Option<String>, &str) {
    let Some(inner) = rest.strip_prefix("（简称“") else {
        return (None, rest);
    };
    match inner.split_once("”）") {
        Some((name, after)) => (Some(name.to_string()), after),
        None => (None, rest),
    }
}

/// Reads one clause of the sentence into `o`; false when it is none an office sentence has.
fn clause_into(c: &str, o: &mut Office) -> bool {
    if let Some(place) = c.strip_prefix(SITED) {
        o.location = Some(place.to_string());
    } else if let Some(who) = c
        .strip_prefix("办公室主任由")
        .and_then(|w| w.strip_suffix("同志兼任"))
    {
        (o.concurrent, o.director) = (true, people(who).into_iter().next());
    } else if let Some(who) = c
        .strip_prefix("副主任由")
        .and_then(|w| w.strip_suffix("同志兼任"))
    {
        (o.concurrent, o.deputies) = (true, people(who));
    } else if let Some(members) = c
        .strip_prefix("成员由")
        .and_then(|m| m.strip_suffix("组成"))
    {
        o.members = Some(members.to_string());
    } else if let Some((who, how)) = appointed(c, "副主任") {
        (o.deputies, o.appointment) = (people(who), how);
    } else if let Some((who, how)) = appointed(c, "办公室主任") {
        (o.director, o.appointment) = (people(who).into_iter().next(), how);
    } else if o.location.is_some() && o.charge.is_none() && o.director.is_none() {
        o.charge = Some(c.to_string());
    } else {
        return false;
    }
    true
}

/// `<people>同志任<post>` (or `任`, `为`): the people and the word.
fn appointed<'a>(c: &'a str, post: &str) -> Option<(&'a str, Appointment)> {
    let who = c.strip_suffix(post)?;
    let forms = [
        ("同志任", Appointment::Comrade),
        ("任", Appointment::Takes),
        ("为", Appointment::Is),
    ];
    forms
        .into_iter()
        .find_map(|(word, how)| who.strip_suffix(word).map(|w| (w, how)))
}

/// `邓一帆（市委宣传部副部长）、钟敏`.
fn people(text: &str) -> Vec<Person> {
    (split_outside_brackets(text, &['、']).into_iter())
        .map(|p| {
            let (name, title) = match p.strip_suffix('）').and_then(|p| p.split_once('（')) {
                Some((name, title)) => (name, Some(title.to_string())),
                None => (p, None),
            };
            Person {
                name: name.trim().to_string(),
                title,
                post: false,
            }
        })
        .collect()
}
