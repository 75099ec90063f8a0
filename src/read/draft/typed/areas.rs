//! Task areas: subsections that open with a coordinators line (`协调人：A；副协调人：B。`)
//! or a units line (`责任单位：A、B。`), their numbered items the tasks, each with the units
//! its closing note names (`（A、B负责）`).

use crate::model::{CoordinatorForm, Section, Task, TaskArea, TaskPart};
use crate::text::split_outside_brackets;

/// What dossier calls coordinators unless told otherwise.
const COORDINATOR: &str = "协调人";
const DEPUTY: &str = "副协调人：";
const UNITS: &str = "责任单位：";
const UNIT_PHRASE: &str = "负责";

/// The task areas `sections` are, when every one opens with a coordinators or units line,
/// and the paragraphs after the last task's unit note, which close the section they stand in.
pub(super) fn task_areas(sections: &[Section]) -> Option<(Vec<TaskArea>, Vec<String>)> {
    let (last, before) = sections.split_last()?;
    let mut areas: Vec<TaskArea> = before.iter().map(area).collect::<Option<_>>()?;
    // Only the last area can hold the closing paragraphs: it alone is copied to split them off.
    let mut last = last.clone();
    let closing = closing(&mut last);
    areas.push(area(&last)?);
    Some((areas, closing))
}

/// The paragraphs after the unit note (`（A负责）`) of the last task of `area`, taken off
/// it: the tasks are over, and a task's note closes it.
fn closing(area: &mut Section) -> Vec<String> {
    let Some(task) = area.sections.last_mut() else {
        return Vec::new();
    };
    match task.paragraphs.iter().rposition(|p| note(p).is_some()) {
        Some(i) => task.paragraphs.split_off(i + 1),
        None => Vec::new(),
    }
}

fn area(s: &Section) -> Option<TaskArea> {
    let mut lines = s.paragraphs.iter().peekable();
    let coordinators = lines
        .next_if(|l| coordinators(l).is_some())
        .and_then(|l| coordinators(l));
    let units = lines
        .next_if(|l| l.starts_with(UNITS))
        .map(|l| names(&l[UNITS.len()..]));
    let tasks: Vec<Task> = s.sections.iter().map(task).collect();
    let noted = |t: &Task| !t.units.is_empty() || t.parts.iter().any(|p| !p.units.is_empty());
    let all_noted = !tasks.is_empty() && tasks.iter().all(noted);
    if coordinators.is_none() && units.is_none() && !all_noted {
        return None;
    }
    let (label, leads, deputies, form) = coordinators.unwrap_or_default();
    Some(TaskArea {
        number: s.number,
        name: s.title.clone(),
        coordinators: leads,
        deputy_coordinators: deputies,
        coordinator_label: if label.is_empty() {
            COORDINATOR.to_string()
        } else {
            label
        },
        coordinator_form: form,
        units: units.unwrap_or_default(),
        paragraphs: lines.cloned().collect(),
        tasks,
    })
}

/// `<label>：A、B；副协调人：C。` (or `，副协调人：C` without the full stop): the label, the
/// coordinators, the deputies and the punctuation.
fn coordinators(line: &str) -> Option<(String, Vec<String>, Vec<String>, CoordinatorForm)> {
    let (label, rest) = line.split_once('：')?;
    if !label.ends_with(COORDINATOR) || label.starts_with('副') {
        return None;
    }
    let comma = !rest.ends_with('。');
    let rest = rest.trim_end_matches('。');
    let (leads, deputies) = match rest.split_once(if comma { "，" } else { "；" }) {
        Some((leads, d)) => (leads, d.strip_prefix(DEPUTY)?),
        None => (rest, ""),
    };
    let form = if comma {
        CoordinatorForm::Comma
    } else {
        CoordinatorForm::Semicolon
    };
    Some((label.to_string(), names(leads), names(deputies), form))
}

/// Names listed with `、`, a closing full stop left off; spaces typed inside one (`沈  丹`)
/// are the clean-up's to take out.
fn names(text: &str) -> Vec<String> {
    let text = text.trim().trim_end_matches('。');
    split_outside_brackets(text, &['、'])
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

fn task(s: &Section) -> Task {
    let (title, mut paragraphs) = match s.paragraphs.is_empty() {
        true => (String::new(), vec![s.title.clone()]),
        false => (s.title.clone(), s.paragraphs.clone()),
    };
    let parts = match paragraphs.as_slice() {
        [one] if one.starts_with("（1）") => parts(one),
        _ => Vec::new(),
    };
    if !parts.is_empty() {
        paragraphs.clear();
    }
    let note = paragraphs.last_mut().and_then(unit_note);
    let (units, unit_phrase) = note.unwrap_or_else(|| (Vec::new(), UNIT_PHRASE.to_string()));
    paragraphs.retain(|p| !p.is_empty());
    // `1.做到某事。（A负责）`: the note was all that followed the sentence, which is the text.
    let title = match paragraphs.is_empty() && parts.is_empty() {
        true => {
            paragraphs.push(title);
            String::new()
        }
        false => title,
    };
    Task {
        number: s.number,
        title,
        paragraphs,
        units,
        unit_lead: String::new(),
        unit_phrase,
        parts,
    }
}

/// A task's parts run on in one paragraph: `（1）…（A负责）；（2）…。（3）…`.
fn parts(text: &str) -> Vec<TaskPart> {
    let mut cuts = Vec::new();
    let mut from = 0;
    for n in 1.. {
        let Some(at) = text[from..].find(&format!("（{n}）")) else {
            break;
        };
        cuts.push(from + at);
        from += at + format!("（{n}）").len();
    }
    cuts.push(text.len());
    (cuts.windows(2).enumerate())
        .map(|(i, w)| {
            let raw = &text[w[0]..w[1]];
            let mut body = raw[format!("（{}）", i + 1).len()..].to_string();
            if w[1] < text.len() {
                body = body.strip_suffix('；').map_or(body.clone(), str::to_string);
            }
            let (units, unit_phrase) = unit_note(&mut body).unwrap_or_default();
            TaskPart {
                number: i as u32 + 1,
                closed: body.ends_with('。'),
                text: body,
                units,
                unit_phrase: if unit_phrase.is_empty() {
                    UNIT_PHRASE.to_string()
                } else {
                    unit_phrase
                },
            }
        })
        .collect()
}

/// The units and the words after them (`负责`, `负责并提供相关资料`) of the note
/// `（A、B负责）` that `text` ends with, the note taken off it.
fn unit_note(text: &mut String) -> Option<(Vec<String>, String)> {
    let (open, units, phrase) = note(text)?;
    text.truncate(open);
    Some((units, phrase))
}

/// Where a closing unit note (`（A、B负责）`) starts in `text`, the units it names and the
/// phrase after them.
fn note(text: &str) -> Option<(usize, Vec<String>, String)> {
    let inner = text.strip_suffix('）')?;
    let open = inner.rfind('（')?;
    let note = &inner[open + '（'.len_utf8()..];
    let (units, phrase) = note.split_at(note.find(UNIT_PHRASE)?);
    let units = names(units);
    if units.is_empty() || units.iter().any(|u| u.contains(['，', '。', '；'])) {
        return None;
    }
    Some((open, units, phrase.to_string()))
}
