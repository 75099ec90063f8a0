//! A scheme file's comment lines, kept with the field each stands above when the text is
//! written anew from its tree.

use serde::{Deserialize, Serialize};

/// One or more comment lines standing together, and the field below them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// The field the comment stands above (`scheme.sections[2].title`).
    pub field: String,
    /// The lines, each starting with `#`, without their indentation.
    pub text: String,
}

/// The comment lines of `text`, whose lines write the fields `lines`.
pub(super) fn of(text: &str, lines: &[String]) -> Vec<Comment> {
    let mut out: Vec<Comment> = Vec::new();
    let mut previous_was_comment = false;
    for (line, field) in text.lines().zip(lines) {
        let body = line.trim();
        let comment = body.starts_with('#');
        if comment {
            match out.last_mut() {
                Some(last) if previous_was_comment => {
                    last.text.push('\n');
                    last.text.push_str(body);
                }
                _ => out.push(Comment {
                    field: field.clone(),
                    text: body.to_string(),
                }),
            }
        }
        previous_was_comment = comment;
    }
    out
}

/// `text` with each of `comments` put above the first line writing its field, indented as
/// that line is; a comment whose field is gone goes above the nearest field enclosing it.
pub(super) fn put(text: &str, comments: &[Comment]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let fields = super::paths::of_lines(text);
    let mut above: Vec<Vec<&Comment>> = vec![Vec::new(); lines.len() + 1];
    for c in comments {
        above[target(&fields, &c.field)].push(c);
    }
    let mut out = String::new();
    for (i, slot) in above.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or("");
        let indent = &line[..line.len() - line.trim_start().len()];
        for c in slot {
            for l in c.text.lines() {
                out.push_str(indent);
                out.push_str(l);
                out.push('\n');
            }
        }
        if i < lines.len() {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The line `field` starts on in a text whose lines write `fields`: its own, else that of
/// the nearest field enclosing it, else the end.
fn target(fields: &[String], field: &str) -> usize {
    let mut want = field;
    loop {
        let inside = |f: &String| {
            f == want || f.starts_with(&format!("{want}.")) || f.starts_with(&format!("{want}["))
        };
        if let Some(i) = fields.iter().position(|f| want.is_empty() || inside(f)) {
            return i;
        }
        match want.rfind(['.', '[']) {
            Some(cut) => want = &want[..cut],
            None => want = "",
        }
        if want.is_empty() && fields.is_empty() {
            return 0;
        }
    }
}
