//! Dates as 公文 write them: validated, parsed from what secretaries type, printed in the
//! standard's forms.

use super::date_numerals::arabic;

/// A calendar date, validated (Gregorian, leap years).
///
/// Field order makes the derived `Ord` chronological:
/// `Date::new(2013, 12, 1)` < `Date::new(2014, 2, 28)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Four-digit year, e.g. `2014`.
    pub year: i32,
    /// Month 1..=12, e.g. `7`.
    pub month: u32,
    /// Day of the month from 1, e.g. `25`.
    pub day: u32,
}

impl Date {
    /// Validates; Err carries a Chinese message.
    ///
    /// `Date::new(2014, 7, 25)` → `Ok(Date { year: 2014, month: 7, day: 25 })`;
    /// `Date::new(2014, 2, 30)` → `Err("2月没有30日")`;
    /// `Date::new(2014, 13, 1)` → `Err("月份应为1至12，不能是13")`;
    /// `Date::new(14, 7, 25)` → `Err("年份应为四位数，不能是14")`.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, String> {
        // 公文 dates carry the full year; anything else is a typo.
        if !(1000..=9999).contains(&year) {
            return Err(format!("年份应为四位数，不能是{year}"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("月份应为1至12，不能是{month}"));
        }
        let last = Date::days_in_month(year, month);
        if day == 0 {
            return Err(format!("日期应为1至{last}，不能是0"));
        }
        if day > last {
            // Feb 29 is only wrong in some years, so say why.
            if month == 2 && day == 29 {
                return Err(format!("{year}年不是闰年，2月没有29日"));
            }
            return Err(format!("{month}月没有{day}日"));
        }
        Ok(Date { year, month, day })
    }

    /// Parses "2014-07-25", "2014-7-25", "2014/7/25", "2014.7.25", "2014年7月25日" and
    /// "二〇一四年七月二十五日".
    ///
    /// Full-width digits and stray spaces are tolerated, and "2014年7月25号" is read like
    /// "…25日", because that is how dates get typed. `Date::parse("2014年7月25日")` →
    /// `Ok(Date { year: 2014, month: 7, day: 25 })`; `Date::parse("25/7/2014")` →
    /// `Err("无法识别日期“25/7/2014”，请写作 2014-07-25 或 2014年7月25日")`.
    pub fn parse(s: &str) -> Result<Date, String> {
        let shown = s.trim();
        let form_err = || format!("无法识别日期“{shown}”，请写作 2014-07-25 或 2014年7月25日");
        let norm = arabic(shown).ok_or_else(form_err)?;
        let (y, m, d) = split_date(&norm).ok_or_else(form_err)?;
        let year = i32::try_from(y).map_err(|_| form_err())?;
        Date::new(year, m, d).map_err(|e| format!("日期“{shown}”有误：{e}"))
    }

    /// The date `days` days after 1970-01-01: `Date::from_unix_days(16_276)` → 2014-07-25.
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day count.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days from 1970-01-01 to this date, the inverse of `from_unix_days`:
    /// `Date::new(2014, 7, 25).unwrap().unix_days()` → `16_276`.
    ///
    /// ```
    /// use dossier::text::Date;
    /// let d = Date::new(2000, 2, 29).unwrap();
    /// assert_eq!(Date::from_unix_days(d.unix_days()), d);
    /// ```
    pub fn unix_days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Today in China (UTC+8), where the documents are dated.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Date::from_unix_days((secs + 8 * 3600).div_euclid(86_400))
    }

    /// ISO form, `2014-07-25`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Last day of the given month (Gregorian leap rule); 0 for a month outside 1..=12.
    ///
    /// `Date::days_in_month(2012, 2)` → `29`; `Date::days_in_month(1900, 2)` → `28`.
    pub fn days_in_month(year: i32, month: u32) -> u32 {
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap(year) => 29,
            2 => 28,
            _ => 0,
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Reads up to nine ASCII digits (so the value always fits in u32 and i32).
fn small_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Splits a normalised date into its three numbers, without judging their ranges.
fn split_date(s: &str) -> Option<(u32, u32, u32)> {
    if let Some((y, rest)) = s.split_once('年') {
        let (m, rest) = rest.split_once('月')?;
        let d = rest
            .strip_suffix('日')
            .or_else(|| rest.strip_suffix('号'))
            .unwrap_or(rest);
        return Some((small_number(y)?, small_number(m)?, small_number(d)?));
    }
    for sep in ['-', '/', '.'] {
        let mut parts = s.split(sep);
        if let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        {
            return Some((small_number(y)?, small_number(m)?, small_number(d)?));
        }
    }
    None
}

/// The GB/T 9704 成文日期 form: Arabic numerals, full year, no zero padding.
///
/// `format_date(Date { year: 2014, month: 7, day: 5 })` → `2014年7月5日`.
pub fn format_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

/// Year and month only.
///
/// `format_month(Date { year: 2014, month: 7, day: 25 })` → `2014年7月`.
pub fn format_month(d: Date) -> String {
    format!("{}年{}月", d.year, d.month)
}

/// The ten-day part of a month: day 1–10 上旬, 11–20 中旬, 21–end 下旬.
///
/// `month_part(Date { year: 2014, month: 7, day: 15 })` → `7月中旬`.
pub fn month_part(d: Date) -> String {
    let part = match d.day {
        0..=10 => "上旬",
        11..=20 => "中旬",
        _ => "下旬",
    };
    format!("{}月{}", d.month, part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn unix_days_round_trip_through_known_dates() {
        assert_eq!(
            Date::from_unix_days(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            Date::from_unix_days(16_276),
            Date {
                year: 2014,
                month: 7,
                day: 25
            }
        );
        assert_eq!(
            Date::from_unix_days(11_016),
            Date {
                year: 2000,
                month: 2,
                day: 29
            }
        );
        assert_eq!(
            Date::from_unix_days(-1),
            Date {
                year: 1969,
                month: 12,
                day: 31
            }
        );
    }

    #[test]
    fn date_new_accepts_valid_dates() {
        assert_eq!(Date::new(2014, 7, 25), Ok(d(2014, 7, 25)));
        assert_eq!(Date::new(2012, 2, 29), Ok(d(2012, 2, 29)));
        assert_eq!(Date::new(2000, 2, 29), Ok(d(2000, 2, 29)));
        assert_eq!(Date::new(1000, 1, 1), Ok(d(1000, 1, 1)));
        assert_eq!(Date::new(9999, 12, 31), Ok(d(9999, 12, 31)));
    }

    #[test]
    fn date_new_rejects_with_chinese_messages() {
        let err = |r: Result<Date, String>| r.err().unwrap_or_default();
        assert!(err(Date::new(2014, 2, 30)).contains("2月没有30日"));
        assert!(err(Date::new(2014, 4, 31)).contains("4月没有31日"));
        assert!(err(Date::new(2014, 13, 1)).contains("月份应为1至12"));
        assert!(err(Date::new(2014, 0, 1)).contains("月份应为1至12"));
        assert!(err(Date::new(14, 7, 25)).contains("年份应为四位数"));
        assert!(err(Date::new(10000, 7, 25)).contains("年份应为四位数"));
        assert!(err(Date::new(-2014, 7, 25)).contains("年份应为四位数"));
        assert!(err(Date::new(2014, 7, 0)).contains("日期应为1至31"));
        let feb29 = err(Date::new(1900, 2, 29));
        assert!(feb29.contains("不是闰年") && feb29.contains("2月没有29日"));
        assert!(Date::new(2013, 2, 29).is_err());
        assert!(Date::new(i32::MIN, u32::MAX, u32::MAX).is_err());
    }

    #[test]
    fn days_in_month_follows_gregorian_rules() {
        assert_eq!(Date::days_in_month(2014, 1), 31);
        assert_eq!(Date::days_in_month(2014, 2), 28);
        assert_eq!(Date::days_in_month(2012, 2), 29);
        assert_eq!(Date::days_in_month(2000, 2), 29);
        assert_eq!(Date::days_in_month(1900, 2), 28);
        assert_eq!(Date::days_in_month(2100, 2), 28);
        assert_eq!(Date::days_in_month(2014, 4), 30);
        assert_eq!(Date::days_in_month(2014, 12), 31);
        assert_eq!(Date::days_in_month(2014, 0), 0);
        assert_eq!(Date::days_in_month(2014, 13), 0);
        assert_eq!(Date::days_in_month(i32::MIN, 2), 29);
    }

    #[test]
    fn date_parse_accepts_all_documented_forms() {
        for s in [
            "2014-07-25",
            "2014-7-25",
            "2014/7/25",
            "2014/07/25",
            "2014.7.25",
            "2014年7月25日",
            "2014年07月25日",
            "  2014年 7月 25日 ",
            "２０１４年７月２５日",
            "2014－7－25",
            "2014年7月25号",
            "2014年7月25",
        ] {
            assert_eq!(Date::parse(s), Ok(d(2014, 7, 25)), "{s}");
        }
        assert_eq!(Date::parse("2012-2-29"), Ok(d(2012, 2, 29)));
    }

    #[test]
    fn date_parse_explains_the_expected_form() {
        for s in [
            "",
            "abc",
            "2014-7",
            "2014-7-25-1",
            "2014-7/25",
            "25.7",
            "2014年7月",
            "2014年7月25日晚",
            "二〇一四年七月二十五",
            "2014--25",
            "99999999999-1-1",
            "+2014-7-25",
        ] {
            let e = Date::parse(s).err().unwrap_or_default();
            assert!(
                e.contains("2014-07-25") && e.contains("2014年7月25日"),
                "{s}: {e}"
            );
        }
    }

    #[test]
    fn date_parse_reports_impossible_dates() {
        let e = Date::parse("2014-02-30").err().unwrap_or_default();
        assert!(e.contains("2014-02-30") && e.contains("2月没有30日"), "{e}");
        let e = Date::parse("14-7-25").err().unwrap_or_default();
        assert!(e.contains("年份应为四位数"), "{e}");
        let e = Date::parse("2014年13月1日").err().unwrap_or_default();
        assert!(e.contains("月份应为1至12"), "{e}");
    }

    #[test]
    fn dates_order_chronologically() {
        assert!(d(2013, 12, 31) < d(2014, 1, 1));
        assert!(d(2014, 1, 31) < d(2014, 2, 1));
        assert!(d(2014, 2, 1) < d(2014, 2, 2));
    }

    #[test]
    fn formats_dates_without_padding() {
        assert_eq!(format_date(d(2014, 7, 25)), "2014年7月25日");
        assert_eq!(format_date(d(2014, 1, 5)), "2014年1月5日");
        assert_eq!(format_month(d(2014, 7, 25)), "2014年7月");
        assert_eq!(format_month(d(2014, 10, 1)), "2014年10月");
    }

    #[test]
    fn month_part_uses_ten_day_periods() {
        assert_eq!(month_part(d(2014, 7, 1)), "7月上旬");
        assert_eq!(month_part(d(2014, 7, 10)), "7月上旬");
        assert_eq!(month_part(d(2014, 7, 11)), "7月中旬");
        assert_eq!(month_part(d(2014, 7, 20)), "7月中旬");
        assert_eq!(month_part(d(2014, 7, 21)), "7月下旬");
        assert_eq!(month_part(d(2014, 7, 31)), "7月下旬");
        assert_eq!(month_part(d(2014, 2, 28)), "2月下旬");
    }
}
