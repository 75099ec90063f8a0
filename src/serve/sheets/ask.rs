//! What a request of the 任务表 part asks, from its query: the sheet, the format, and how the
//! documents are signed and dated, as the command line's options say it.

use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;

use crate::app::{DEFAULT_ISSUER, Signed};
use crate::serve::reply::{Failure, Reply};
use crate::text::Date;

/// The query: each field as the command-line option of its name; empty is not given.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Ask {
    /// `--sheet`.
    sheet: Option<String>,
    /// `docx`, `pdf` or `xlsx`.
    format: Option<String>,
    /// `--issuer`.
    issuer: Option<String>,
    /// `--date`.
    date: Option<String>,
    /// `--as-of`.
    as_of: Option<String>,
    /// `--to`.
    to: Option<String>,
    /// `--title`.
    title: Option<String>,
}

/// The query, or why it cannot be read, in Chinese.
pub fn asked(ask: Result<Query<Ask>, QueryRejection>) -> Reply<Ask> {
    ask.map(|Query(a)| a).map_err(|_| {
        Failure::new(StatusCode::BAD_REQUEST, "", "请求的参数读不懂")
            .with_hint("从页面上的按钮下载，不要手改地址")
    })
}

/// `field` when given and not blank.
fn given(field: &Option<String>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Ask {
    /// The worksheet to read; the first visible one when `None`.
    pub fn sheet(&self) -> Option<&str> {
        given(&self.sheet)
    }

    /// The format asked for, one of `allowed` (the first when none is asked for).
    pub fn format(&self, allowed: &[&'static str]) -> Reply<&'static str> {
        let asked = given(&self.format).unwrap_or(allowed[0]);
        allowed
            .iter()
            .find(|f| **f == asked)
            .copied()
            .ok_or_else(|| {
                let why = format!("不认识的格式「{asked}」：只有 {}", allowed.join("、"));
                Failure::new(StatusCode::BAD_REQUEST, "format", why)
            })
    }

    /// Who signs, and when: `--issuer` and `--date`, today by default.
    pub fn signed(&self) -> Reply<Signed> {
        Ok(Signed {
            issuer: given(&self.issuer).unwrap_or(DEFAULT_ISSUER).to_string(),
            date: day(given(&self.date), "成文日期")?,
        })
    }

    /// The day a tally is as of: `--as-of`, today by default.
    pub fn as_of(&self) -> Reply<Date> {
        day(given(&self.as_of), "统计截止日期")
    }

    /// 主送机关: `--to`.
    pub fn to(&self) -> String {
        given(&self.to)
            .unwrap_or(crate::app::tally::DEFAULT_TO)
            .to_string()
    }

    /// The bulletin's title: `--title`.
    pub fn title(&self) -> Option<String> {
        given(&self.title).map(str::to_string)
    }
}

/// A date typed into the field `field`, or today.
fn day(given: Option<&str>, field: &str) -> Reply<Date> {
    match given {
        Some(s) => Date::parse(s).map_err(|e| Failure::new(StatusCode::BAD_REQUEST, field, e)),
        None => Ok(Date::today()),
    }
}
