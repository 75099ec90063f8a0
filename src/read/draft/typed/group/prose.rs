//! A group set up in one sentence: `<lead_in>成立<name>，由<people>任组长，<people>任副组长，
//! 成员包括：<people>。<office sentence>`, each person written post first (`市委书记张三`).

use crate::model::{Group, Person, Role};
use crate::text::split_outside_brackets;

/// Words a post ends with, where a name written after it starts.
const POST_ENDS: [&str; 9] = [
    "书记", "主任", "长", "员", "主席", "经理", "师", "干部", "同志",
];

/// The group `text` sets up, when it is such a sentence (and an office sentence after it,
/// if any, reads as one).
pub(super) fn prose(text: &str) -> Option<Group> {
    let (lead_in, rest) = text.split_once("成立")?;
    let (sentence, tail) = rest.split_once('。')?;
    let mut clauses = split_outside_brackets(sentence, &['，']).into_iter();
    let name = clauses.next()?.trim().to_string();
    let roles: Vec<Role> = clauses.map(role).collect::<Option<_>>()?;
    let office = match tail.trim() {
        "" => None,
        tail => Some(super::office::office(tail)?.1),
    };
    (!roles.is_empty() && !name.is_empty()).then(|| Group {
        name,
        roles,
        office,
        prose: true,
        lead_in: Some(lead_in.to_string()).filter(|l| !l.is_empty()),
    })
}

/// `由A任组长`, `B任副组长`, `成员包括：C、D和各E`.
fn role(clause: &str) -> Option<Role> {
    if let Some((role, people)) = clause.split_once("包括：") {
        return Some(Role {
            role: role.to_string(),
            is_members: true,
            members: persons(people),
        });
    }
    let (people, role) = clause
        .strip_prefix('由')
        .unwrap_or(clause)
        .rsplit_once('任')?;
    Some(Role {
        role: role.to_string(),
        is_members: role.ends_with("成员"),
        members: persons(people),
    })
}

/// People listed with `、`, a post held by several (`各社区居委会主任`) joined with `和`.
fn persons(text: &str) -> Vec<Person> {
    let mut items: Vec<&str> = split_outside_brackets(text, &['、']);
    if let Some((last, post)) = items.last().and_then(|l| l.rsplit_once("和各")) {
        let n = items.len() - 1;
        let post = &text[text.len() - post.len() - "各".len()..];
        items[n] = last;
        items.push(post);
    }
    items.into_iter().map(person).collect()
}

/// `市委书记张三`: the post, then a name of two or three characters.
fn person(item: &str) -> Person {
    let item = item.trim();
    if item.starts_with('各') {
        return Person {
            name: item.to_string(),
            title: None,
            post: true,
        };
    }
    let chars: Vec<char> = item.chars().collect();
    let split = [2, 3].into_iter().find(|k| {
        let post: String = chars[..chars.len().saturating_sub(*k)].iter().collect();
        chars.len() > *k && POST_ENDS.iter().any(|e| post.ends_with(e))
    });
    let (title, name) = match split {
        Some(k) => chars.split_at(chars.len() - k),
        None => (&chars[..0], &chars[..]),
    };
    Person {
        name: name.iter().collect(),
        title: Some(title.iter().collect::<String>()).filter(|t| !t.is_empty()),
        post: false,
    }
}
