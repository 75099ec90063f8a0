//! A leadership group: a section's lines of roles (`组  长：张  三  市委书记`) after the
//! sentence that sets it up, and the office sentence after them (`领导小组下设办公室，办公室
//! 设在…，…同志任办公室主任`).

mod office;

use crate::model::{Group, Person, Role, Section};
use crate::read::draft::doubt::Doubts;
use crate::text::split_outside_brackets;

/// Moves the role lines of `s` into its group, the office sentence after them into the
/// group's office, and what follows into the text after it.
pub(super) fn group(s: &mut Section, doubts: &mut Doubts) {
    let Some(first) = s.paragraphs.iter().position(|p| role(p).is_some()) else {
        return;
    };
    let count = s.paragraphs[first..]
        .iter()
        .take_while(|p| role(p).is_some())
        .count();
    let mut rest: Vec<String> = s.paragraphs.split_off(first);
    let after = rest.split_off(count);
    let roles: Vec<Role> = rest.iter().filter_map(|p| role(p)).collect();
    let mut after = after.into_iter().peekable();
    let office = after.peek().and_then(|p| office::office(p));
    if office.is_some() {
        after.next();
    }
    let name = office
        .as_ref()
        .map_or_else(|| "领导小组".to_string(), |o| o.0.clone());
    if office.is_none() {
        doubts.add_at(
            0,
            &s.title,
            "没有认出领导小组办公室的句子：领导小组名称按“领导小组”",
        );
    }
    s.after = after.collect();
    s.group = Some(Group {
        name,
        roles,
        office: office.map(|o| o.1),
        prose: false,
        lead_in: None,
    });
}

/// A role line: the role (spaces taken out), and the people after it.
fn role(line: &str) -> Option<Role> {
    let (role, members) = line.split_once(['：', ':'])?;
    let role: String = role.split_whitespace().collect();
    let n = role.chars().count();
    let roleish = role.ends_with(['长', '员', '任', '问']) && (2..=7).contains(&n);
    if !roleish || members.trim().is_empty() {
        return None;
    }
    Some(Role {
        is_members: role.ends_with("成员"),
        role,
        members: people(members),
    })
}

/// People one per line with their posts (`许  嘉  市委副秘书长`), or listed with `、`.
fn people(text: &str) -> Vec<Person> {
    let lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let titled: Vec<Person> = lines.map(titled_person).collect();
    if titled.iter().any(|p| p.title.is_some()) {
        return titled;
    }
    let listed = split_outside_brackets(text.trim(), &['、']);
    listed.into_iter().map(|n| person(n, None)).collect()
}

/// `许　嘉　市委副秘书长`: a one-character first token is the name's first half (a name
/// padded to three characters' width).
fn titled_person(line: &str) -> Person {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let split = match tokens.as_slice() {
        [a, b, ..] if a.chars().count() == 1 && b.chars().count() <= 2 => 2,
        _ => 1,
    };
    let split = split.min(tokens.len());
    let listed = tokens.first().is_some_and(|t| t.contains('、'));
    let title = tokens[split..].concat();
    let title = Some(title).filter(|t| !t.is_empty() && !listed);
    person(&tokens[..split].concat(), title)
}

fn person(name: &str, title: Option<String>) -> Person {
    Person {
        name: name.split_whitespace().collect(),
        title,
        post: false,
    }
}
