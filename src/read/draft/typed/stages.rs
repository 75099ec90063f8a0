//! Stages: subsections whose headings name a 阶段, with the period in parentheses after it
//! (`动员部署阶段（2024年4月1日至5月31日）。`), their numbered lines the steps.

use crate::model::{Period, PeriodForm, Section, Stage, StageForm, Step};
use crate::text::{When, format_period};

/// The stages `sections` are, with the form their headings take and where their periods
/// go, when every one is a stage.
pub(super) fn stages(sections: &[Section]) -> Option<(Vec<Stage>, StageForm, PeriodForm)> {
    let all = (sections.iter()).all(|s| s.title.contains("阶段") || timed(&s.title).is_some());
    if !all || sections.is_empty() {
        return None;
    }
    let first = &sections[0];
    let form = match (
        first.title.starts_with('第'),
        first.title.ends_with('。') || first.run_in,
    ) {
        (true, _) => StageForm::Ordinal,
        (false, true) => StageForm::RunIn,
        (false, false) => StageForm::Heading,
    };
    let line = sections.iter().any(|s| time_line(s).is_some());
    let period_form = if line {
        PeriodForm::Line
    } else {
        PeriodForm::Brackets
    };
    let stages = sections.iter().map(stage).collect();
    Some((stages, form, period_form))
}

fn stage(s: &Section) -> Stage {
    let heading = s
        .title
        .split_once('：')
        .filter(|_| s.title.starts_with('第'));
    let title = heading.map_or(s.title.as_str(), |(_, name)| name);
    let (name, mut period) = match timed(title) {
        Some((name, words)) => (name, Some(period(words))),
        None => (title.trim_end_matches('。'), None),
    };
    let mut paragraphs = s.paragraphs.clone();
    if let Some(words) = time_line(s) {
        period = Some(self::period(words));
        paragraphs.remove(0);
    }
    let mut steps: Vec<Step> = s.sections.iter().map(step).collect();
    let mut steps_label = None;
    if let Some((label, items)) = paragraphs.last().and_then(|p| super::labelled(p)) {
        paragraphs.pop();
        steps_label = Some(label);
        steps = items
            .into_iter()
            .map(|text| Step {
                text,
                steps: Vec::new(),
            })
            .collect();
    }
    Stage {
        number: s.number,
        name: name.to_string(),
        prefix: None,
        period,
        paragraphs,
        steps,
        steps_label,
    }
}

/// The period of a stage's first line `时间：<period>。`, when it opens so.
fn time_line(s: &Section) -> Option<&str> {
    let first = s.paragraphs.first()?;
    first.strip_prefix("时间：")?.strip_suffix('。')
}

/// `名称（期间）` or `名称（期间）。`, the period a time (`2024年`, `7月中旬至7月末`): the name
/// and the period's words.
fn timed(title: &str) -> Option<(&str, &str)> {
    let heading = title.trim_end_matches('。');
    let (name, words) = heading.strip_suffix('）')?.rsplit_once('（')?;
    let time = words
        .chars()
        .any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        && words.contains(['年', '月', '日', '旬']);
    (time && !name.is_empty()).then_some((name, words))
}

fn step(s: &Section) -> Step {
    let mut text = s.title.clone();
    text.extend(s.paragraphs.iter().map(String::as_str));
    Step {
        text,
        steps: s
            .sections
            .iter()
            .map(|c| c.title.clone() + &c.paragraphs.concat())
            .collect(),
    }
}

/// A period as dates when dossier writes those dates back as `words`, else as the words.
///
/// The year the second end leaves out is the first's.
fn period(words: &str) -> Period {
    let as_words = || Period {
        from: None,
        to: None,
        words: Some(words.to_string()),
    };
    let (from, to) = match words.strip_suffix('起') {
        Some(from) => (from, None),
        None => match words.split_once('至') {
            Some((from, to)) => (from, Some(to)),
            None => return as_words(),
        },
    };
    let Ok(start) = When::parse(from) else {
        return as_words();
    };
    let end = to.map(|t| match t.contains('年') {
        true => When::parse(t),
        false => When::parse(&format!("{}年{t}", &from[..from.find('年').unwrap_or(0)])),
    });
    let end = match end.transpose() {
        Ok(end) => end,
        Err(_) => return as_words(),
    };
    match format_period(start, end) {
        Ok(back) if back == words => Period {
            from: Some(start.iso()),
            to: end.map(|e| e.iso()),
            words: None,
        },
        _ => as_words(),
    }
}
