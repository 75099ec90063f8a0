//! A leadership group: a section's lines of roles (`组  长：张  三  市委书记`) after the
//! sentence that sets it up, and the office sentence after them (`领导小组下设办公室，办公室
//! 设在…，…同志任办公室主任`).

mod office;
mod prose;

use crate::model::{Group, Person, Role, Section};
use crate::read::draft::doubt::Doubts;
use crate::text::split_outside_brackets;

/// Moves the role lines of `s` (or its prose sentence) into its group, the office sentence
/// after them into the group's office, and what follows into the text after it.
pub(super) fn group(s: &mut Section, doubts: &mut Doubts) {
    if let Some(first) = s.paragraphs.iter().position(|p| role(p).is_some()) {
        let mut rest = s.paragraphs.split_off(first);
        let roles = roster(&mut rest);
        let office = rest.first().and_then(|p| office::office(p));
        let name = group_name(office.as_ref(), &roles);
        let mut office = office;
        if let Some((_, o)) = &mut office {
            rest.remove(0);
            office::labelled_duties(&mut rest, o);
        } else {
            doubts.add_at(
                0,
                &s.title,
                format!("没有认出办公室的句子：领导小组名称按“{name}”"),
            );
        }
        s.after = rest;
        s.group = Some(Group {
            name,
            roles,
            office: office.map(|o| o.1),
            prose: false,
            lead_in: None,
        });
    } else if let Some(i) = s.paragraphs.iter().position(|p| prose::prose(p).is_some()) {
        let mut rest = s.paragraphs.split_off(i);
        s.group = prose::prose(&rest.remove(0));
        s.after = rest;
    }
}

/// The roles of the role lines `lines` open with, each followed by lines of more people
/// (`韩  冬  县商务局局长`), taken off `lines`.
fn roster(lines: &mut Vec<String>) -> Vec<Role> {
    let mut roles: Vec<Role> = Vec::new();
    let mut taken = 0;
    for line in lines.iter() {
        match (role(line), roles.last_mut(), more_people(line)) {
            (Some(r), _, _) => roles.push(r),
            (None, Some(last), Some(p)) => last.members.push(p),
            _ => break,
        }
        taken += 1;
    }
    lines.drain(..taken);
    roles
}

/// A line of one more person with a post (`韩　冬　　县商务局局长`).
fn more_people(line: &str) -> Option<Person> {
    let p = titled_person(line);
    let name = crate::text::unpadded_name(&p.name);
    let n = name.chars().count();
    let han = name.chars().all(crate::text::is_han);
    (p.title.is_some() && (2..=4).contains(&n) && han).then_some(p)
}

/// The group's name: the words before `下设办公室`, else 指挥部 for a command's roles.
fn group_name(office: Option<&(String, crate::model::Office)>, roles: &[Role]) -> String {
    match office {
        Some((name, _)) if !name.is_empty() => name.clone(),
        _ if roles.iter().any(|r| r.role.contains("指挥")) => "指挥部".to_string(),
        _ => "领导小组".to_string(),
    }
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
    let is_name = |n: &&str| {
        let n: String = n.split_whitespace().collect();
        (2..=4).contains(&n.chars().count()) && n.chars().all(crate::text::is_han)
    };
    if listed.iter().all(is_name) {
        return listed.into_iter().map(|n| person(n, None)).collect();
    }
    posts(&listed)
}

/// Posts listed with `、` (`各街道宣传委员`, `区直各单位分管负责同志`): units before a post are
/// its own (`市公安局、市城管局分管负责同志` is one post).
fn posts(items: &[&str]) -> Vec<Person> {
    const ENDS: [&str; 7] = ["同志", "委员", "主任", "负责人", "书记", "长", "人员"];
    let mut out = Vec::new();
    let mut held: Vec<&str> = Vec::new();
    for item in items {
        held.push(item.trim());
        if item.starts_with('各') || ENDS.iter().any(|e| item.trim().ends_with(e)) {
            out.push(Person {
                name: held.join("、"),
                title: None,
                post: true,
            });
            held.clear();
        }
    }
    out.extend(held.into_iter().map(|n| person(n, None)));
    out
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
    person(first_words(line.trim(), split), title)
}

/// The first `n` words of `line`, with the spaces between them as typed.
fn first_words(line: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in line.char_indices() {
        if !c.is_whitespace() {
            in_word = true;
        } else if std::mem::take(&mut in_word) {
            words += 1;
            if words == n {
                return &line[..i];
            }
        }
    }
    line
}

/// A person named `name` as typed: the spaces inside it are the clean-up's to take out.
fn person(name: &str, title: Option<String>) -> Person {
    Person {
        name: name.trim().to_string(),
        title,
        post: false,
    }
}
