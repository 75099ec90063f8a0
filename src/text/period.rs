//! Periods as work schemes write them: from a day or a month, to a day or a month, or open
//! at the end (`2013年5月起`).

use super::date::{Date, format_date};

/// One end of a period: a day, or a whole month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    /// A whole month: year and month.
    Month(i32, u32),
    /// One day.
    Day(Date),
}

impl When {
    /// Parses a date as [`Date::parse`] does, or a month written `2010-12`, `2010/12`,
    /// `2010.12`, `2010年12月` or `二〇一〇年十二月`: `When::parse("2010年12月")` → `Ok(When::Month(2010, 12))`.
    pub fn parse(s: &str) -> Result<When, String> {
        if let Some(month) = month_of(s) {
            return month;
        }
        Date::parse(s).map(When::Day)
    }

    /// ISO form: `2010-12` or `2014-07-25`.
    pub fn iso(&self) -> String {
        match self {
            When::Month(y, m) => format!("{y:04}-{m:02}"),
            When::Day(d) => d.iso(),
        }
    }

    fn year(&self) -> i32 {
        match self {
            When::Month(y, _) | When::Day(Date { year: y, .. }) => *y,
        }
    }

    /// `2010年12月`, `2014年7月25日`; without the year, `12月`, `7月25日`.
    fn written(&self, with_year: bool) -> String {
        let full = match self {
            When::Month(y, m) => format!("{y}年{m}月"),
            When::Day(d) => format_date(*d),
        };
        if with_year {
            full
        } else {
            full.split_once('年')
                .map_or(full.clone(), |(_, rest)| rest.to_string())
        }
    }
}

/// `s` read as a month, when it is written as one (a year and a month, no day).
fn month_of(s: &str) -> Option<Result<When, String>> {
    let norm = super::date_numerals::arabic(s)?;
    let (y, m) = match norm.split_once('年') {
        Some((y, rest)) => (y, rest.strip_suffix('月')?),
        None => ['-', '/', '.']
            .iter()
            .find_map(|&sep| norm.split_once(sep).filter(|(_, m)| !m.contains(sep)))?,
    };
    let number = |t: &str| {
        (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let (year, month) = (number(y)?, number(m)?);
    Some(if !(1000..=9999).contains(&year) {
        Err(format!("“{}”的年份应为四位数", s.trim()))
    } else if !(1..=12).contains(&month) {
        Err(format!("“{}”的月份应为1至12", s.trim()))
    } else {
        Ok(When::Month(year as i32, month))
    })
}

/// A period in the customary written form of work schemes: the year is not repeated within
/// one year (`2014年7月15日至9月30日`, `2011年3月至6月`); across years both ends carry it
/// (`2010年12月至2011年2月`); with no end, `2013年5月起`. Err (Chinese) when `to` is before
/// `from` or the two ends are not both days or both months.
pub fn format_period(from: When, to: Option<When>) -> Result<String, String> {
    let Some(to) = to else {
        return Ok(format!("{}起", from.written(true)));
    };
    if std::mem::discriminant(&from) != std::mem::discriminant(&to) {
        return Err(format!(
            "起止时间要么都写到日，要么都只写到月：{}、{}",
            from.written(true),
            to.written(true)
        ));
    }
    if to < from {
        return Err(format!(
            "结束时间{}早于开始时间{}",
            to.written(true),
            from.written(true)
        ));
    }
    if from == to {
        return Ok(from.written(true));
    }
    let same_year = from.year() == to.year();
    Ok(format!(
        "{}至{}",
        from.written(true),
        to.written(!same_year)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> When {
        When::Day(Date { year, month, day })
    }

    fn period(from: When, to: When) -> Result<String, String> {
        format_period(from, Some(to))
    }

    #[test]
    fn days_print_their_year_once_within_a_year() {
        let ok = |from, to, want: &str| assert_eq!(period(from, to).as_deref(), Ok(want));
        ok(d(2014, 7, 25), d(2014, 7, 25), "2014年7月25日");
        ok(d(2014, 7, 15), d(2014, 9, 30), "2014年7月15日至9月30日");
        ok(
            d(2013, 12, 1),
            d(2014, 2, 28),
            "2013年12月1日至2014年2月28日",
        );
        let e = period(d(2014, 7, 15), d(2014, 7, 1))
            .err()
            .unwrap_or_default();
        assert!(e.contains("早于"), "{e}");
    }

    #[test]
    fn months_and_open_ends_print_as_the_seeds_write_them() {
        let m = When::Month;
        let ok = |from, to, want: &str| assert_eq!(period(from, to).as_deref(), Ok(want));
        ok(m(2010, 12), m(2011, 2), "2010年12月至2011年2月");
        ok(m(2011, 3), m(2011, 6), "2011年3月至6月");
        let open = |from| format_period(from, None);
        assert_eq!(open(m(2013, 5)).as_deref(), Ok("2013年5月起"));
        assert_eq!(open(d(2013, 5, 20)).as_deref(), Ok("2013年5月20日起"));
        assert!(period(m(2011, 3), d(2011, 6, 30)).is_err_and(|e| e.contains("都只写到月")));
        assert!(period(m(2011, 6), m(2011, 3)).is_err_and(|e| e.contains("早于")));
    }

    #[test]
    fn months_are_read_in_every_common_form() {
        for s in [
            "2010-12",
            "2010/12",
            "2010.12",
            "2010年12月",
            "２０１０年１２月",
        ] {
            assert_eq!(When::parse(s), Ok(When::Month(2010, 12)), "{s}");
        }
        assert_eq!(
            When::parse("2010-12-05").map(|w| w.iso()).as_deref(),
            Ok("2010-12-05")
        );
        assert!(When::parse("2010-13").is_err());
        assert!(When::parse("10-12").is_err());
    }
}
