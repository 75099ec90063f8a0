//! The filters templates use to print values the way offices write them.

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::text::{self, Date};

/// Registers every filter on `tera`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("cn", |n: i64, _: Kwargs, _: &State| numeral(n));
    tera.register_filter("emphasis", |s: &str, _: Kwargs, _: &State| emphasis(s));
    tera.register_filter("heading", heading);
    tera.register_filter("date", date);
    tera.register_filter("period", period);
    tera.register_filter("docno", |s: &str, _: Kwargs, _: &State| {
        text::normalize_doc_number(s).map_err(tera::Error::message)
    });
    tera.register_filter("align_name", |s: &str, _: Kwargs, _: &State| {
        text::align_name(s)
    });
    tera.register_filter("percent", |v: f64, _: Kwargs, _: &State| text::percent(v));
    tera.register_filter("one_line", |s: &str, _: Kwargs, _: &State| {
        s.lines().map(str::trim).collect::<String>()
    });
}

/// `{{ p | emphasis }}`: the paragraph escaped for the markup, with each `**…**` pair the
/// author wrote set in bold (`{b …}`; see [`text::emphasis_parts`]).
fn emphasis(s: &str) -> Value {
    let marked: String = text::emphasis_parts(s)
        .into_iter()
        .map(|(part, bold)| {
            if bold {
                format!("{{b {}}}", super::escape_text(&part))
            } else {
                super::escape_text(&part)
            }
        })
        .collect();
    Value::safe_string(&marked)
}

fn numeral(n: i64) -> TeraResult<String> {
    u32::try_from(n)
        .ok()
        .filter(|n| *n <= 99_999)
        .map(text::cn_numeral)
        .ok_or_else(|| {
            tera::Error::message(format!("cn 过滤器只接受 0 至 99999 的整数，这里是 {n}"))
        })
}

/// `{{ 2 | heading(level=2) }}` → `（二）`.
fn heading(n: i64, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let level: i64 = kwargs.must_get("level")?;
    let n = u32::try_from(n).map_err(|_| tera::Error::message(format!("序号不能为负数：{n}")))?;
    u8::try_from(level)
        .ok()
        .and_then(|l| text::heading_label(l, n))
        .ok_or_else(|| tera::Error::message(format!("标题层级只能是 1 至 4，这里是 {level}")))
}

fn parse_date(s: &str) -> TeraResult<Date> {
    Date::parse(s).map_err(tera::Error::message)
}

/// `{{ d | date }}` → `2014年7月25日`; `form="month"` → `2014年7月`; `form="part"` → `7月中旬`.
fn date(s: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let d = parse_date(s)?;
    let form: Option<&str> = kwargs.get("form")?;
    match form.unwrap_or("day") {
        "day" => Ok(text::format_date(d)),
        "month" => Ok(text::format_month(d)),
        "part" => Ok(text::month_part(d)),
        other => Err(tera::Error::message(format!(
            "date 过滤器的 form 只能是 day、month 或 part，这里是 {other}"
        ))),
    }
}

/// A stage's period: its words as given, or its dates or months as `2014年7月15日至9月30日`,
/// `2011年3月至6月`, `2013年5月起`.
fn period(v: &Value, _: Kwargs, _: &State) -> TeraResult<String> {
    if let Some(words) = v.get_from_path("words").and_then(Value::as_str) {
        return Ok(words.to_string());
    }
    let from = v.get_from_path("from").and_then(Value::as_str);
    let to = v.get_from_path("to").and_then(Value::as_str);
    let when = |s: &str| text::When::parse(s).map_err(tera::Error::message);
    match from {
        Some(f) => {
            text::format_period(when(f)?, to.map(when).transpose()?).map_err(tera::Error::message)
        }
        None => Err(tera::Error::message("period 过滤器需要阶段的 period 字段")),
    }
}
