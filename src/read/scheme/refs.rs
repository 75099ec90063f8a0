//! References to attachments in running text: `（分解表见{附件:任务分解表}）` prints the
//! attachment's label as dossier numbers it (`附件`, `附件2`), so that adding or reordering
//! attachments never leaves a number typed by hand behind.

use crate::error::{Error, Result};
use crate::model::{Attachment, Document, Section};

const OPEN: [&str; 2] = ["{附件:", "{附件："];

/// Replaces every reference in `doc`'s running text with its attachment's label; a
/// reference to no attachment, to several, or to one printed without a label is an error
/// at its place in `source`, the scheme file `name`.
pub(super) fn resolve(doc: &mut Document, source: &str, name: &str) -> Result<()> {
    let labels: Vec<(String, Option<String>)> = (doc.attachments.iter())
        .map(|a| (super::lower::one_line(&a.title), a.label.clone()))
        .collect();
    let mut texts: Vec<&mut String> = Vec::new();
    if let Some(n) = doc.notice.as_mut() {
        texts.extend(n.body.iter_mut());
    }
    for a in &mut doc.attachments {
        attachment_texts(a, &mut texts);
    }
    for text in texts {
        *text = replaced(text, &labels).map_err(|(reference, why)| {
            let place = match written_at(source, &reference) {
                Some(at) => {
                    let (line, col) = super::yaml_guard::line_col(source, at);
                    format!("{name}:{line}:{col}")
                }
                None => name.to_string(),
            };
            Error::at(place, why).with_hint(
                "{附件:标题} 写附件标题里的字（能认出是哪一个附件即可），dossier 换成它的编号",
            )
        })?;
    }
    Ok(())
}

/// Where `reference` is written in `source`, outside comment lines.
fn written_at(source: &str, reference: &str) -> Option<usize> {
    source
        .match_indices(reference)
        .map(|(at, _)| at)
        .find(|&at| {
            let line = source[..at].rsplit('\n').next().unwrap_or_default();
            !line.trim_start().starts_with('#')
        })
}

fn attachment_texts<'a>(a: &'a mut Attachment, out: &mut Vec<&'a mut String>) {
    out.extend(a.preamble.iter_mut().chain(a.preamble_after.iter_mut()));
    for s in &mut a.sections {
        section_texts(s, out);
    }
}

/// Every paragraph of running text in `s` and below it.
fn section_texts<'a>(s: &'a mut Section, out: &mut Vec<&'a mut String>) {
    out.extend(s.paragraphs.iter_mut().chain(s.after.iter_mut()));
    for st in &mut s.stages {
        out.extend(st.paragraphs.iter_mut());
        for step in &mut st.steps {
            out.push(&mut step.text);
            out.extend(step.steps.iter_mut());
        }
    }
    if let Some(o) = s.group.as_mut().and_then(|g| g.office.as_mut()) {
        out.extend(o.text.iter_mut().chain(o.duties.iter_mut()));
    }
    for w in &mut s.work_groups {
        out.extend(w.duty.iter_mut().chain(w.tasks.iter_mut()));
    }
    for area in &mut s.task_areas {
        out.extend(area.paragraphs.iter_mut());
        for t in &mut area.tasks {
            out.extend(t.paragraphs.iter_mut());
            out.extend(t.parts.iter_mut().map(|p| &mut p.text));
        }
    }
    for r in &mut s.requirements {
        out.extend(r.paragraphs.iter_mut());
    }
    for l in &mut s.lists {
        out.extend(l.items.iter_mut());
    }
    for c in &mut s.sections {
        section_texts(c, out);
    }
}

/// `text` with each `{附件:…}` replaced by the label of the one attachment whose title holds
/// what it names; an unclosed `{附件:` is left as written. Fails with the reference as
/// written and why.
fn replaced(
    text: &str,
    labels: &[(String, Option<String>)],
) -> std::result::Result<String, (String, String)> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, open)) = OPEN
        .iter()
        .filter_map(|o| rest.find(o).map(|i| (i, o)))
        .min()
    {
        let after = &rest[at + open.len()..];
        let Some(close) = after.find('}') else {
            break;
        };
        out.push_str(&rest[..at]);
        let written = &rest[at..at + open.len() + close + 1];
        let label = label_of(after[..close].trim(), labels);
        out.push_str(label.map_err(|why| (written.to_string(), why))?);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn label_of<'a>(
    named: &str,
    labels: &'a [(String, Option<String>)],
) -> std::result::Result<&'a str, String> {
    let exact = labels
        .iter()
        .filter(|(t, _)| t == named)
        .collect::<Vec<_>>();
    let found = if exact.is_empty() {
        labels
            .iter()
            .filter(|(t, _)| !named.is_empty() && t.contains(named))
            .collect()
    } else {
        exact
    };
    match found[..] {
        [(_, Some(label))] => Ok(label),
        [(title, None)] => Err(format!(
            "{{附件:{named}}}：《{title}》是这份通知印发的文件本身，不作附件，没有附件编号"
        )),
        [] => {
            let labelled: Vec<_> = labels
                .iter()
                .filter(|(_, l)| l.is_some())
                .cloned()
                .collect();
            Err(if labelled.is_empty() {
                format!("{{附件:{named}}}：这份文件没有附件")
            } else {
                format!(
                    "{{附件:{named}}}：没有标题含「{named}」的附件；附件有：{}",
                    titles(&labelled)
                )
            })
        }
        _ => Err(format!(
            "{{附件:{named}}}：「{named}」出现在几个附件的标题里（{}），写得更完整些",
            titles(&found.into_iter().cloned().collect::<Vec<_>>())
        )),
    }
}

fn titles(labels: &[(String, Option<String>)]) -> String {
    let quoted: Vec<String> = labels.iter().map(|(t, _)| format!("《{t}》")).collect();
    quoted.join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<(String, Option<String>)> {
        vec![
            ("文明城市创建实施方案".to_string(), None),
            ("测评任务分解表".to_string(), Some("附件1".to_string())),
            (
                "创建工作责任单位名单".to_string(),
                Some("附件2".to_string()),
            ),
        ]
    }

    #[test]
    fn a_reference_becomes_the_label() {
        let text = "（分解表见{附件:分解表}，名单见{附件：责任单位名单}）";
        assert_eq!(
            replaced(text, &labels()).as_deref(),
            Ok("（分解表见附件1，名单见附件2）")
        );
    }

    #[test]
    fn unclosed_text_stays_as_written() {
        let text = "见{附件:分解表";
        assert_eq!(replaced(text, &labels()).as_deref(), Ok(text));
    }

    #[test]
    fn unknown_shared_and_unlabelled_titles_are_refused() {
        let said = |t: &str| replaced(t, &labels()).unwrap_err().1;
        let unknown = said("{附件:通报}");
        assert!(unknown.contains("没有标题含「通报」的附件"), "{unknown}");
        assert!(
            !unknown.contains("实施方案"),
            "only attachments are listed: {unknown}"
        );
        let none = replaced("{附件:通报}", &labels()[..1]).unwrap_err().1;
        assert!(none.ends_with("这份文件没有附件"), "{none}");
        assert!(said("{附件:创建}").contains("出现在几个附件的标题里"));
        assert!(said("{附件:文明城市创建实施方案}").contains("不作附件"));
    }
}
