//! Pure text utilities for Chinese official documents (GB/T 9704-2012 公文):
//! dates, Chinese numerals, heading labels, 发文字号, name alignment,
//! title line breaking and lists of units.
//!
//! Everything here is total: no function panics, whatever the input.

use std::collections::HashSet;

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

    /// Parses "2014-07-25", "2014-7-25", "2014/7/25", "2014.7.25" and "2014年7月25日".
    ///
    /// Full-width digits and stray spaces are tolerated, and "2014年7月25号" is read like
    /// "…25日", because that is how dates get typed. `Date::parse("2014年7月25日")` →
    /// `Ok(Date { year: 2014, month: 7, day: 25 })`; `Date::parse("25/7/2014")` →
    /// `Err("无法识别日期“25/7/2014”，请写作 2014-07-25 或 2014年7月25日")`.
    pub fn parse(s: &str) -> Result<Date, String> {
        let shown = s.trim();
        let form_err = || format!("无法识别日期“{shown}”，请写作 2014-07-25 或 2014年7月25日");
        let norm: String = shown
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(to_halfwidth)
            .collect();
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

/// Maps full-width ASCII variants (０-９, －, ／, ．, （…) to ASCII, since IMEs produce them.
fn to_halfwidth(c: char) -> char {
    match u32::from(c) {
        cp @ 0xFF01..=0xFF5E => char::from_u32(cp - 0xFEE0).unwrap_or(c),
        _ => c,
    }
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

/// A period between two dates in the customary written form used in work schemes.
///
/// Same day: `2014年7月25日`; same year: `2014年7月15日至9月30日`;
/// different years: `2013年12月1日至2014年2月28日`. Err (Chinese) if `to` < `from`, e.g.
/// `结束日期2014年7月1日早于开始日期2014年7月15日`.
pub fn format_period(from: Date, to: Date) -> Result<String, String> {
    if to < from {
        return Err(format!(
            "结束日期{}早于开始日期{}",
            format_date(to),
            format_date(from)
        ));
    }
    if from == to {
        return Ok(format_date(from));
    }
    if from.year == to.year {
        // The year is not repeated within one year; month is kept for clarity.
        return Ok(format!("{}至{}月{}日", format_date(from), to.month, to.day));
    }
    Ok(format!("{}至{}", format_date(from), format_date(to)))
}

const CN_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn cn_digit(d: u32) -> char {
    usize::try_from(d)
        .ok()
        .and_then(|i| CN_DIGITS.get(i))
        .copied()
        .unwrap_or('零')
}

/// Writes a group 1..=9999 without leading 零 (the caller decides about that).
fn push_group(out: &mut String, g: u32) {
    let mut started = false;
    let mut zero_pending = false;
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let d = g / unit % 10;
        if d == 0 {
            zero_pending = started;
            continue;
        }
        // A run of zeros inside the group is read as a single 零.
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push(cn_digit(d));
        out.push_str(name);
        started = true;
    }
}

/// Chinese numeral, as used in headings and counts.
///
/// Covers the whole `u32` range (万 and 亿 groups), though 0..=99_999 is what documents need:
/// `cn_numeral(0)` → `零`, `cn_numeral(10)` → `十`, `cn_numeral(21)` → `二十一`,
/// `cn_numeral(101)` → `一百零一`, `cn_numeral(110)` → `一百一十`,
/// `cn_numeral(10010)` → `一万零一十`.
pub fn cn_numeral(n: u32) -> String {
    if n == 0 {
        return "零".to_string();
    }
    let groups = [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut started = false;
    let mut gap = false;
    for (g, unit) in groups {
        if g == 0 {
            gap = started;
            continue;
        }
        // 一万零一十, 一亿零一万: a skipped place between groups is spoken as 零.
        if started && (gap || g < 1000) {
            out.push('零');
        }
        push_group(&mut out, g);
        out.push_str(unit);
        started = true;
        gap = false;
    }
    // Leading 10–19 is said 十, 十一 …, not 一十 (but 一百一十 keeps it).
    match out.strip_prefix("一十") {
        Some(rest) => format!("十{rest}"),
        None => out,
    }
}

/// Heading number labels by level as GB/T 9704 prescribes; None for levels outside 1..=4 or n = 0.
///
/// `heading_label(1, 3)` → `Some("三、")`; `heading_label(2, 3)` → `Some("（三）")`;
/// `heading_label(3, 3)` → `Some("3.")`; `heading_label(4, 3)` → `Some("（3）")`;
/// `heading_label(5, 1)` → `None`.
pub fn heading_label(level: u8, n: u32) -> Option<String> {
    // Numbering starts at 1; "零、" is never a valid heading.
    if n == 0 {
        return None;
    }
    match level {
        1 => Some(format!("{}、", cn_numeral(n))),
        2 => Some(format!("（{}）", cn_numeral(n))),
        3 => Some(format!("{n}.")),
        4 => Some(format!("（{n}）")),
        _ => None,
    }
}

const DOC_NUMBER_HINT: &str = "发文字号应写作 机关代字〔年份〕序号号，如 哈办发〔2012〕9号";

fn is_year_open(c: char) -> bool {
    matches!(c, '〔' | '[' | '［' | '【' | '(' | '（' | '﹝' | '〖')
}

fn is_year_close(c: char) -> bool {
    matches!(c, '〕' | ']' | '］' | '】' | ')' | '）' | '﹞' | '〗')
}

/// Normalises a 发文字号 as typed by a secretary into the standard form.
///
/// Accepts [] 【】 () （） ［］ 〔〕 (and the look-alikes ﹝﹞ 〖〗) around the year, full-width
/// digits, a "第" before the number, leading zeros and spaces anywhere:
/// `normalize_doc_number("哈办发[2012]第09号")` → `Ok("哈办发〔2012〕9号")`.
/// Err (Chinese) without a bracketed four-digit year, an issuer code before it, or a
/// number ending in 号 after it; the message ends with `发文字号应写作 机关代字〔年份〕序号号，如 哈办发〔2012〕9号`.
pub fn normalize_doc_number(s: &str) -> Result<String, String> {
    let shown = s.trim();
    let fail = |why: &str| format!("发文字号“{shown}”{why}；{DOC_NUMBER_HINT}");
    // Spaces carry no meaning inside a 发文字号; full-width digits are an IME habit.
    let chars: Vec<char> = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if matches!(c, '０'..='９') {
                to_halfwidth(c)
            } else {
                c
            }
        })
        .collect();
    let pos = chars
        .windows(6)
        .position(|w| {
            matches!(w, [open, a, b, c, d, close]
                if is_year_open(*open)
                    && is_year_close(*close)
                    && [a, b, c, d].iter().all(|x| x.is_ascii_digit()))
        })
        .ok_or_else(|| fail("缺少括号内的四位年份"))?;
    let prefix: String = chars.get(..pos).unwrap_or_default().iter().collect();
    let year: String = chars
        .get(pos + 1..pos + 5)
        .unwrap_or_default()
        .iter()
        .collect();
    let rest: String = chars.get(pos + 6..).unwrap_or_default().iter().collect();
    if prefix.is_empty() {
        return Err(fail("缺少机关代字"));
    }
    let digits = rest
        .strip_prefix('第')
        .unwrap_or(&rest)
        .strip_suffix('号')
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| fail("缺少以“号”结尾的序号"))?;
    let seq = digits.trim_start_matches('0');
    if seq.is_empty() {
        return Err(fail("的序号不能为0"));
    }
    Ok(format!("{prefix}〔{year}〕{seq}号"))
}

/// Builds a 发文字号 from its parts (the issuer code is trimmed).
///
/// `doc_number("哈办发", 2012, 9)` → `哈办发〔2012〕9号`.
pub fn doc_number(prefix: &str, year: i32, seq: u32) -> String {
    format!("{}〔{year}〕{seq}号", prefix.trim())
}

/// CJK ideographs (incl. 〇), the characters a Chinese personal name is made of.
fn is_han(c: char) -> bool {
    matches!(u32::from(c),
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// Pads a two-character Chinese name (or role label) with a full-width space to the width of three.
///
/// Whitespace is trimmed and, for Chinese text, removed inside first (Latin names keep
/// one ASCII space between words): `align_name("杨杰")` → `杨　杰`,
/// `align_name(" 杨  杰 ")` → `杨　杰`, `align_name("组长")` → `组　长`,
/// `align_name("欧阳修")` → `欧阳修`, `align_name("John  Smith")` → `John Smith`.
pub fn align_name(name: &str) -> String {
    let parts: Vec<&str> = name.split_whitespace().collect();
    // Spaces inside a Chinese name are typing artefacts; between Latin words they are real.
    let joined = if parts.iter().all(|p| p.chars().all(is_full_width)) {
        parts.concat()
    } else {
        parts.join(" ")
    };
    let mut it = joined.chars();
    if let (Some(a), Some(b), None) = (it.next(), it.next(), it.next())
        && is_han(a)
        && is_han(b)
    {
        return format!("{a}\u{3000}{b}");
    }
    joined
}

/// Characters that take no room of their own: controls, combining marks, zero-width marks.
fn is_zero_width(c: char) -> bool {
    c.is_control()
        || matches!(u32::from(c),
            0x0300..=0x036F | 0x200B..=0x200F | 0x2060..=0x2064 | 0xFE00..=0xFE0F
                | 0xFEFF | 0xE0100..=0xE01EF)
}

/// Characters a CJK font sets one em wide.
fn is_full_width(c: char) -> bool {
    matches!(u32::from(c),
        // East Asian Wide / Fullwidth blocks
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE10..=0xFE19
            | 0xFE30..=0xFE6F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x2FFFD
            | 0x30000..=0x3FFFD
            // "Ambiguous" symbols that GB 2312 fonts such as SimSun set full width
            | 0xA7 | 0xB0 | 0xB1 | 0xB7 | 0xD7 | 0xF7
            | 0x2014..=0x2016
            | 0x2018 | 0x2019 | 0x201C | 0x201D
            | 0x2020..=0x2022
            | 0x2025 | 0x2026 | 0x2030 | 0x2032 | 0x2033 | 0x203B
            | 0x2103 | 0x2116 | 0x2121
            | 0x2160..=0x217F
            | 0x2190..=0x2199
            | 0x2460..=0x24FF
            | 0x2500..=0x257F
            | 0x25A0..=0x25FF
            | 0x2600..=0x26FF)
}

fn char_width(c: char) -> f32 {
    if is_zero_width(c) {
        0.0
    } else if is_full_width(c) {
        1.0
    } else {
        0.5
    }
}

/// Display width in em of text set in a CJK font.
///
/// Full-width characters (CJK, full-width punctuation, U+3000, “” …) count 1.0,
/// ASCII and half-width characters 0.5, controls and combining marks 0:
/// `text_width_em("关于2014年")` → `5.0`.
pub fn text_width_em(s: &str) -> f32 {
    s.chars().map(char_width).sum()
}

/// Common words of 公文 titles, so that line breaks fall between words.
/// Segmentation is by dictionary matching; anything not listed is merely "unknown".
#[rustfmt::skip]
const TITLE_WORDS: &[&str] = &[
    // 文种 and document kinds
    "通知", "通报", "意见", "决定", "决议", "命令", "公告", "通告", "报告", "请示", "批复", "纪要",
    "会议纪要", "议案", "公报", "方案", "实施方案", "工作方案", "规划", "计划", "工作计划", "要点",
    "工作要点", "办法", "实施办法", "管理办法", "细则", "实施细则", "规定", "暂行规定", "条例",
    "制度", "总结", "工作总结", "讲话", "标准", "测评体系", "体系", "指南", "守则", "公约",
    "倡议书", "章程", "名单", "清单",
    // verbs
    "关于", "印发", "转发", "批转", "开展", "做好", "加强", "加快", "推进", "深入", "深化", "落实",
    "贯彻", "贯彻落实", "建立", "健全", "建立健全", "完善", "进一步", "切实", "认真", "全面",
    "扎实", "推动", "促进", "实施", "组织", "召开", "举办", "成立", "调整", "公布", "表彰", "命名",
    "授予", "提升", "提高", "巩固", "创建", "迎检", "检查", "督查", "督导", "考核", "测评", "整治",
    "治理", "宣传", "教育", "学习", "培训", "申报", "评选", "评比", "验收", "部署", "安排", "规范",
    "管理", "服务", "保障", "建设", "发展", "改革", "参加", "开展好", "迎接", "动员", "启动",
    "确定", "增补", "撤销", "设立", "明确", "报送", "上报", "征求", "征集", "做实", "抓好",
    // nouns
    "工作", "活动", "任务", "领导", "领导小组", "工作领导小组", "小组", "成员", "单位", "部门",
    "机关", "全国", "全省", "全市", "全区", "全县", "文明", "城市", "文明城市", "全国文明城市",
    "文明单位", "文明村镇", "文明家庭", "文明校园", "精神文明", "精神文明建设", "社会主义",
    "核心价值观", "社会主义核心价值观", "志愿服务", "志愿者", "环境", "卫生", "秩序", "交通",
    "市容", "市貌", "市容市貌", "社区", "街道", "乡镇", "农村", "城乡", "群众", "干部", "党员",
    "妇联", "共青团", "工会", "政府", "人民政府", "委员会", "办公厅", "办公室", "市委", "省委",
    "县委", "区委", "市政府", "省政府", "县政府", "区政府", "中共", "国务院", "中央", "哈尔滨",
    "哈尔滨市", "黑龙江", "黑龙江省", "公共", "安全", "生产", "安全生产", "食品", "食品安全",
    "疫情", "防控", "疫情防控", "经济", "社会", "民生", "重点", "重要", "有关", "相关", "事项",
    "问题", "情况", "年度", "季度", "上半年", "下半年", "期间", "阶段", "专项", "行动", "专项行动",
    "集中", "长效", "机制", "长效机制", "责任", "责任制", "目标", "考评", "人员", "同志", "先进",
    "集体", "个人", "先进集体", "先进个人", "典型", "经验", "成果", "质量", "水平", "能力", "作风",
    "纪律", "廉政", "党风", "党建", "思想", "道德", "诚信", "文化", "志愿", "公益", "广告",
    "公益广告", "窗口", "行业", "企业", "学校", "医院", "景区", "市场", "农贸市场", "背街小巷",
    "老旧小区", "小区", "垃圾", "分类", "垃圾分类", "未成年人", "思想道德", "实地", "网上", "材料",
    "档案", "资料", "迎检工作", "督查工作", "公文", "格式", "国家", "国家标准", "党政", "党政机关",
    "先进单位", "文明办", "精神文明建设委员会", "讲文明", "树新风", "实践", "实践活动", "宣传教育",
];

/// Endings of organ names; a break right before one splits the name.
const ORGAN_SUFFIXES: &[&str] = &[
    "人民政府",
    "政府",
    "委员会",
    "办公厅",
    "办公室",
    "党委",
    "党组",
    "常委会",
];

fn is_title_word(lex: &HashSet<&str>, w: &[char]) -> bool {
    let s: String = w.iter().collect();
    lex.contains(s.as_str())
}

/// Token lengths by forward maximum matching.
fn segment_forward(chars: &[char], lex: &HashSet<&str>, longest: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let len = (2..=longest)
            .rev()
            .find(|&l| chars.get(i..i + l).is_some_and(|w| is_title_word(lex, w)))
            .unwrap_or(1);
        out.push(len);
        i += len;
    }
    out
}

/// Token lengths (in reading order) by backward maximum matching.
fn segment_backward(chars: &[char], lex: &HashSet<&str>, longest: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = chars.len();
    while j > 0 {
        let len = (2..=longest.min(j))
            .rev()
            .find(|&l| chars.get(j - l..j).is_some_and(|w| is_title_word(lex, w)))
            .unwrap_or(1);
        out.push(len);
        j -= len;
    }
    out.reverse();
    out
}

/// Word structure per break position p (a break before chars[p]):
/// (inside a dictionary word, between two dictionary words).
fn word_boundaries(chars: &[char]) -> (Vec<bool>, Vec<bool>) {
    let lex: HashSet<&str> = TITLE_WORDS.iter().copied().collect();
    let longest = TITLE_WORDS
        .iter()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(1);
    let fwd = segment_forward(chars, &lex, longest);
    let bwd = segment_backward(chars, &lex, longest);
    // Bidirectional matching: fewer tokens wins, then fewer single characters, then backward
    // (backward matching is the more accurate one for Chinese).
    let singles = |t: &[usize]| t.iter().filter(|&&l| l == 1).count();
    let tokens = if (fwd.len(), singles(&fwd)) < (bwd.len(), singles(&bwd)) {
        fwd
    } else {
        bwd
    };
    let n = chars.len();
    let mut inside = vec![false; n + 1];
    let mut known = vec![false; n + 1];
    let mut start = 0;
    let mut prev_known = false;
    for len in tokens {
        let is_known = len >= 2;
        if let Some(k) = known.get_mut(start) {
            *k = prev_known && is_known;
        }
        for p in start + 1..start + len {
            if let Some(x) = inside.get_mut(p) {
                *x = true;
            }
        }
        prev_known = is_known;
        start += len;
    }
    (inside, known)
}

/// Punctuation a line must not start with.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '》' | '〉'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '〕'
            | '】'
            | '〗'
            | '，'
            | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '…'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
    )
}

/// Punctuation a line must not end with.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '《' | '〈' | '（' | '「' | '『' | '“' | '‘' | '〔' | '【' | '〖' | '(' | '[' | '{'
    )
}

/// Characters after which a title reads naturally across a line break.
fn is_good_break_after(c: char) -> bool {
    matches!(
        c,
        '》' | '）' | '」' | '”' | '、' | '，' | '；' | '：' | '的' | ',' | ';' | ':'
    )
}

/// Everything the line-breaking search needs to know about one title.
struct TitleLayout {
    chars: Vec<char>,
    /// prefix[i] = width of chars[..i] in em.
    prefix: Vec<f64>,
    /// prefix count of non-whitespace characters, to reject blank lines.
    solid: Vec<usize>,
    /// Lowest strictness tier (1 strict … 3 anything goes) at which a break before chars[p] is allowed.
    tier_needed: Vec<u8>,
    /// Cost of a break before chars[p].
    penalty: Vec<f64>,
    max: f64,
}

// Break penalties, in the same unit as the balance cost (squared em of deviation per line):
// splitting a known word costs about as much as 4 em of imbalance on each of two lines.
const INSIDE_WORD: f64 = 30.0;
const BETWEEN_WORDS: f64 = 2.0;
const UNKNOWN_BOUNDARY: f64 = 5.0;
const AWKWARD: f64 = 20.0;
/// Target widths grow by this much per line, so near-ties become 上短下长 trapezoids.
const RAMP: f64 = 0.5;
/// Above this many DP cells the title is not really a title; fall back to fewest lines only.
const DP_LIMIT: usize = 1_000_000;

impl TitleLayout {
    fn new(title: &str, max: f64) -> TitleLayout {
        let chars: Vec<char> = title.chars().collect();
        let n = chars.len();
        let mut prefix = Vec::with_capacity(n + 1);
        let mut solid = Vec::with_capacity(n + 1);
        let (mut w, mut s) = (0.0, 0);
        prefix.push(w);
        solid.push(s);
        for &c in &chars {
            w += f64::from(char_width(c));
            s += usize::from(!c.is_whitespace());
            prefix.push(w);
            solid.push(s);
        }
        let mut layout = TitleLayout {
            chars,
            prefix,
            solid,
            tier_needed: vec![1; n + 1],
            penalty: vec![0.0; n + 1],
            max,
        };
        layout.rate_breaks();
        layout
    }

    fn ch(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or('\0')
    }

    fn at(&self, i: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, c)| self.ch(i + k) == c)
    }

    fn prefix_at(&self, i: usize) -> f64 {
        self.prefix.get(i).copied().unwrap_or(0.0)
    }

    fn rate_breaks(&mut self) {
        let n = self.chars.len();
        // 《…》 spans: short ones must stay on one line, long ones are a worse place to break.
        let mut short_book = vec![false; n + 1];
        let mut long_book = vec![false; n + 1];
        let mut open = Vec::new();
        for (i, &c) in self.chars.iter().enumerate() {
            if c == '《' {
                open.push(i);
            } else if c == '》'
                && let Some(a) = open.pop()
            {
                let fits = self.prefix_at(i + 1) - self.prefix_at(a) <= self.max;
                let marks = if fits {
                    &mut short_book
                } else {
                    &mut long_book
                };
                for m in marks.iter_mut().take(i + 1).skip(a + 1) {
                    *m = true;
                }
            }
        }
        let (inside, known) = word_boundaries(&self.chars);
        let flag = |v: &[bool], p: usize| v.get(p).copied().unwrap_or(false);
        for p in 1..n {
            let (prev, next) = (self.ch(p - 1), self.ch(p));
            let tier = if is_closing(next) || is_opening(prev) {
                3
            } else if flag(&short_book, p) || (prev.is_ascii_graphic() && next.is_ascii_graphic()) {
                // Keeps book titles that fit, and Latin words and numbers, in one piece.
                2
            } else {
                1
            };
            let good = prev.is_whitespace()
                || next.is_whitespace()
                || is_good_break_after(prev)
                || next == '《'
                || self.at(p, "关于");
            let mut cost = if good {
                0.0
            } else if flag(&inside, p) {
                INSIDE_WORD
            } else if flag(&known, p) {
                BETWEEN_WORDS
            } else {
                UNKNOWN_BOUNDARY
            };
            // A line should not start with a particle or end with 关于 / a conjunction,
            // nor part a number from its unit (2014 / 年).
            if matches!(next, '的' | '之') {
                cost += AWKWARD;
            }
            if p >= 2 && self.at(p - 2, "关于") {
                cost += AWKWARD;
            }
            if prev.is_ascii_digit() && !next.is_ascii() {
                cost += AWKWARD;
            }
            if matches!(prev, '和' | '与' | '及' | '暨' | '并') {
                cost += AWKWARD / 2.0;
            }
            // An organ's name (哈尔滨市人民政府, …委员会办公室) should not be cut before its suffix.
            if is_han(prev) && ORGAN_SUFFIXES.iter().any(|w| self.at(p, w)) {
                cost += AWKWARD / 2.0;
            }
            if flag(&long_book, p) {
                cost += BETWEEN_WORDS;
            }
            if let Some(t) = self.tier_needed.get_mut(p) {
                *t = tier;
            }
            if let Some(c) = self.penalty.get_mut(p) {
                *c = cost;
            }
        }
    }

    /// Width of chars[a..b] once the line is trimmed, or None if the line would be blank.
    fn line_width(&self, a: usize, b: usize) -> Option<f64> {
        let solid = self.solid.get(b)?.checked_sub(*self.solid.get(a)?)?;
        if solid == 0 {
            return None;
        }
        let (mut a, mut b) = (a, b);
        while self.ch(a).is_whitespace() {
            a += 1;
        }
        while b > a && self.ch(b - 1).is_whitespace() {
            b -= 1;
        }
        Some(self.prefix_at(b) - self.prefix_at(a))
    }

    fn allowed(&self, p: usize, tier: u8) -> bool {
        p == 0 || self.tier_needed.get(p).is_some_and(|&t| t <= tier)
    }

    fn break_cost(&self, p: usize) -> f64 {
        if p == 0 {
            0.0
        } else {
            self.penalty.get(p).copied().unwrap_or(0.0)
        }
    }

    /// Allowed starts p of a line ending at i, with the line's width. Widths only grow as p
    /// moves left, so the scan stops at the first line that is too wide (a single character
    /// may overflow: it cannot be split further).
    fn starts(&self, i: usize, tier: u8) -> Vec<(usize, f64)> {
        let mut out = Vec::new();
        for p in (0..i).rev() {
            let Some(w) = self.line_width(p, i) else {
                continue;
            };
            if w > self.max && i - p > 1 {
                break;
            }
            if self.allowed(p, tier) {
                out.push((p, w));
            }
        }
        out
    }

    /// Line boundaries [0, b1, …, n] for the given tier, or None if it admits no layout.
    fn solve(&self, tier: u8) -> Option<Vec<usize>> {
        let n = self.chars.len();
        let stride = n + 1;
        // Pass 1: fewest lines reaching each position.
        let mut fewest = vec![usize::MAX; stride];
        let mut via = vec![0usize; stride];
        if let Some(f) = fewest.first_mut() {
            *f = 0;
        }
        for i in 1..=n {
            let mut best = (usize::MAX, 0);
            for (p, _) in self.starts(i, tier) {
                let f = fewest.get(p).copied().unwrap_or(usize::MAX);
                if f != usize::MAX && f + 1 < best.0 {
                    best = (f + 1, p);
                }
            }
            if let (Some(f), Some(v)) = (fewest.get_mut(i), via.get_mut(i)) {
                (*f, *v) = best;
            }
        }
        let k = fewest.get(n).copied().unwrap_or(usize::MAX);
        if k == usize::MAX {
            return None;
        }
        if k.saturating_add(1).saturating_mul(stride) > DP_LIMIT {
            // Not a title any more: any fitting layout will do.
            return Some(backtrack(&via, n, k, |_, i| i));
        }
        let parents = self.balance(tier, k);
        Some(backtrack(&parents, n, k, |j, i| j * stride + i))
    }

    /// Pass 2: among k-line layouts, minimise squared deviation from the target widths plus
    /// break penalties. Returns parent pointers indexed by line * (n + 1) + end.
    fn balance(&self, tier: u8, k: usize) -> Vec<usize> {
        let n = self.chars.len();
        let stride = n + 1;
        let mut cost = vec![f64::INFINITY; (k + 1) * stride];
        let mut parent = vec![0usize; (k + 1) * stride];
        if let Some(c) = cost.first_mut() {
            *c = 0.0;
        }
        let mean = self.prefix_at(n) / k as f64;
        for j in 1..=k {
            let target = mean + (j as f64 - (k as f64 + 1.0) / 2.0) * RAMP;
            for i in 1..=n {
                let mut best = (f64::INFINITY, 0);
                for (p, w) in self.starts(i, tier) {
                    let before = cost
                        .get((j - 1) * stride + p)
                        .copied()
                        .unwrap_or(f64::INFINITY);
                    let c = before + (w - target).powi(2) + self.break_cost(p);
                    if c < best.0 {
                        best = (c, p);
                    }
                }
                if let (Some(c), Some(pp)) =
                    (cost.get_mut(j * stride + i), parent.get_mut(j * stride + i))
                {
                    (*c, *pp) = best;
                }
            }
        }
        parent
    }

    fn lines(&self, bounds: &[usize]) -> Vec<String> {
        bounds
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => self.chars.get(*a..*b),
                _ => None,
            })
            .map(|s| s.iter().collect::<String>().trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// Follows parent pointers from (k, n) back to 0; `index(j, i)` locates line j ending at i.
fn backtrack(
    parent: &[usize],
    n: usize,
    k: usize,
    index: impl Fn(usize, usize) -> usize,
) -> Vec<usize> {
    let mut bounds = vec![n];
    let mut i = n;
    for j in (1..=k).rev() {
        i = parent.get(index(j, i)).copied().unwrap_or(0);
        bounds.push(i);
        if i == 0 {
            break;
        }
    }
    if bounds.last() != Some(&0) {
        bounds.push(0);
    }
    bounds.reverse();
    bounds
}

/// Splits a document title into lines of at most `max_em` em each (2号 titles: 20 em),
/// shaped as GB/T 9704 asks: as few lines as possible, balanced into a trapezoid or diamond.
///
/// Breaks keep words whole (a small built-in word list of 公文 vocabulary), prefer spots
/// after 》 的 、 ， and before 《 or 关于, never put closing punctuation at a line start or
/// opening punctuation at a line end, and never split a 《…》 that fits on one line or a run
/// of ASCII letters/digits; those rules are relaxed only if no layout satisfies them.
/// A title containing '\n' is split there only (lines trimmed, blank ones dropped).
/// A non-positive or NaN `max_em` disables breaking. Examples:
/// `split_title("关于做好创建全国文明城市迎检工作的通知", 20.0)` → one line;
/// `split_title("关于印发《哈尔滨市妇联创建全国文明城市工作实施方案》的通知", 20.0)` →
/// `["关于印发《哈尔滨市妇联创建", "全国文明城市工作实施方案》的通知"]`.
pub fn split_title(title: &str, max_em: f32) -> Vec<String> {
    if title.contains('\n') {
        return title
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
    }
    let t = title.trim();
    if t.is_empty() {
        return Vec::new();
    }
    let max = f64::from(max_em);
    if max.is_nan() || max <= 0.0 || f64::from(text_width_em(t)) <= max {
        return vec![t.to_string()];
    }
    let layout = TitleLayout::new(t, max);
    // Tier 1 honours every rule, tier 2 only the punctuation rules, tier 3 none;
    // tier 3 always succeeds because single characters may form a line.
    (1..=3)
        .find_map(|tier| layout.solve(tier))
        .map(|bounds| layout.lines(&bounds))
        .unwrap_or_else(|| vec![t.to_string()])
}

/// Joins a list of units/organs the customary way; items are trimmed and empty ones skipped.
///
/// `join_list(&["市委组织部".into(), "市纪委".into()], "、")` → `市委组织部、市纪委`.
pub fn join_list(items: &[String], sep: &str) -> String {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// Splits a cell or field listing several units at 、 ， , ； ; / ／ and whitespace
/// (incl. newlines and U+3000); items are trimmed, empty ones dropped.
///
/// `split_list("市委组织部、市纪委")` → `["市委组织部", "市纪委"]`.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(|c: char| matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '／') || c.is_whitespace())
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod unix_day_tests {
    use super::Date;

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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    // ---- dates ----

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
            "二〇一四年七月二十五日",
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

    #[test]
    fn format_period_forms() {
        assert_eq!(
            format_period(d(2014, 7, 25), d(2014, 7, 25)),
            Ok("2014年7月25日".to_string())
        );
        assert_eq!(
            format_period(d(2014, 7, 15), d(2014, 9, 30)),
            Ok("2014年7月15日至9月30日".to_string())
        );
        assert_eq!(
            format_period(d(2014, 7, 1), d(2014, 7, 31)),
            Ok("2014年7月1日至7月31日".to_string())
        );
        assert_eq!(
            format_period(d(2013, 12, 1), d(2014, 2, 28)),
            Ok("2013年12月1日至2014年2月28日".to_string())
        );
        let e = format_period(d(2014, 7, 15), d(2014, 7, 1))
            .err()
            .unwrap_or_default();
        assert!(e.contains("早于"), "{e}");
        assert!(format_period(d(2014, 1, 1), d(2013, 12, 31)).is_err());
    }

    // ---- numerals and headings ----

    #[test]
    fn cn_numeral_small_numbers() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (2, "二"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (120, "一百二十"),
            (999, "九百九十九"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (1011, "一千零一十一"),
            (2014, "二千零一十四"),
            (9999, "九千九百九十九"),
            (10000, "一万"),
            (10001, "一万零一"),
            (10010, "一万零一十"),
            (10100, "一万零一百"),
            (11000, "一万一千"),
            (12345, "一万二千三百四十五"),
            (20500, "二万零五百"),
            (99_999, "九万九千九百九十九"),
        ];
        for (n, s) in cases {
            assert_eq!(cn_numeral(n), s, "{n}");
        }
    }

    #[test]
    fn cn_numeral_large_numbers() {
        let cases = [
            (100_000, "十万"),
            (150_000, "十五万"),
            (100_010, "十万零一十"),
            (1_000_000, "一百万"),
            (10_001_000, "一千万一千"),
            (10_000_100, "一千万零一百"),
            (100_000_000, "一亿"),
            (100_010_000, "一亿零一万"),
            (100_000_010, "一亿零一十"),
            (110_000_000, "一亿一千万"),
            (101_000_000, "一亿零一百万"),
            (1_000_000_000, "十亿"),
            (u32::MAX, "四十二亿九千四百九十六万七千二百九十五"),
        ];
        for (n, s) in cases {
            assert_eq!(cn_numeral(n), s, "{n}");
        }
    }

    #[test]
    fn heading_labels_by_level() {
        assert_eq!(heading_label(1, 1).as_deref(), Some("一、"));
        assert_eq!(heading_label(1, 10).as_deref(), Some("十、"));
        assert_eq!(heading_label(1, 12).as_deref(), Some("十二、"));
        assert_eq!(heading_label(2, 3).as_deref(), Some("（三）"));
        assert_eq!(heading_label(2, 11).as_deref(), Some("（十一）"));
        assert_eq!(heading_label(3, 1).as_deref(), Some("1."));
        assert_eq!(heading_label(3, 12).as_deref(), Some("12."));
        assert_eq!(heading_label(4, 2).as_deref(), Some("（2）"));
        assert_eq!(heading_label(0, 1), None);
        assert_eq!(heading_label(5, 1), None);
        assert_eq!(heading_label(u8::MAX, 1), None);
        assert_eq!(heading_label(1, 0), None);
        // Full-width parentheses exactly U+FF08 / U+FF09.
        assert_eq!(
            heading_label(2, 1).map(|s| s.chars().map(u32::from).collect::<Vec<_>>()),
            Some(vec![0xFF08, u32::from('一'), 0xFF09])
        );
    }

    // ---- 发文字号 ----

    #[test]
    fn normalize_doc_number_variants() {
        let ok = "哈办发〔2012〕9号".to_string();
        for s in [
            "哈办发〔2012〕9号",
            "哈办发[2012]9号",
            "哈办发【2012】9号",
            "哈办发(2012)9号",
            "哈办发（2012）9号",
            "哈办发［2012］9号",
            "哈办发﹝2012﹞9号",
            "哈办发〖2012〗9号",
            "哈办发〔2012〕09号",
            "哈办发〔2012〕009号",
            "哈办发〔2012〕第9号",
            "哈办发[2012]第09号",
            "  哈办发 〔2012〕 9 号 ",
            "哈办发　〔２０１２〕９号",
            "哈办发(2012]9号",
        ] {
            assert_eq!(normalize_doc_number(s), Ok(ok.clone()), "{s}");
        }
        assert_eq!(
            normalize_doc_number("哈文明办发〔2014〕120号"),
            Ok("哈文明办发〔2014〕120号".to_string())
        );
        assert_eq!(
            normalize_doc_number("哈办发〔2012〕100号"),
            Ok("哈办发〔2012〕100号".to_string())
        );
    }

    #[test]
    fn normalize_doc_number_errors() {
        for s in [
            "",
            "哈办发2012年9号",
            "哈办发〔12〕9号",
            "哈办发〔20120〕9号",
            "〔2012〕9号",
            "哈办发〔2012〕9",
            "哈办发〔2012〕号",
            "哈办发〔2012〕第号",
            "哈办发〔2012〕九号",
            "哈办发〔2012〕9号文",
            "哈办发〔2012〕0号",
            "哈办发〔2012〕00号",
            "〔",
        ] {
            let e = normalize_doc_number(s).err().unwrap_or_default();
            assert!(
                e.contains("发文字号应写作 机关代字〔年份〕序号号，如 哈办发〔2012〕9号"),
                "{s}: {e}"
            );
        }
        let e = normalize_doc_number("哈办发〔2012〕0号")
            .err()
            .unwrap_or_default();
        assert!(e.contains("不能为0"), "{e}");
    }

    #[test]
    fn doc_number_from_parts() {
        assert_eq!(doc_number("哈办发", 2012, 9), "哈办发〔2012〕9号");
        assert_eq!(doc_number(" 哈文明办 ", 2014, 120), "哈文明办〔2014〕120号");
        let built = doc_number("哈办发", 2012, 9);
        assert_eq!(normalize_doc_number(&built), Ok(built.clone()));
    }

    // ---- names and widths ----

    #[test]
    fn align_name_pads_two_character_names() {
        assert_eq!(align_name("杨杰"), "杨\u{3000}杰");
        assert_eq!(align_name("杨  杰"), "杨　杰");
        assert_eq!(align_name(" 杨　杰 "), "杨　杰");
        assert_eq!(align_name("杨\t杰\n"), "杨　杰");
        assert_eq!(align_name("组长"), "组　长");
        assert_eq!(align_name("成员"), "成　员");
        assert_eq!(align_name("欧阳修"), "欧阳修");
        assert_eq!(align_name("王 小 明"), "王小明");
        assert_eq!(align_name("副组长"), "副组长");
        assert_eq!(align_name("司马相如"), "司马相如");
        assert_eq!(align_name("杨"), "杨");
        assert_eq!(align_name(""), "");
        assert_eq!(align_name("   "), "");
        assert_eq!(align_name("Li"), "Li");
        assert_eq!(align_name("John   Smith"), "John Smith");
        assert_eq!(align_name("买买提·艾力"), "买买提·艾力");
        // Padded names all take three em.
        assert_eq!(text_width_em(&align_name("杨杰")), 3.0);
        assert_eq!(text_width_em(&align_name("欧阳修")), 3.0);
    }

    #[test]
    fn text_width_counts_full_and_half_width() {
        assert_eq!(text_width_em(""), 0.0);
        assert_eq!(text_width_em("关于"), 2.0);
        assert_eq!(text_width_em("2014"), 2.0);
        assert_eq!(text_width_em("GB/T 9704"), 4.5);
        assert_eq!(text_width_em("关于2014年"), 5.0);
        assert_eq!(text_width_em("《》（）、，。："), 8.0);
        assert_eq!(text_width_em("\u{3000}"), 1.0);
        assert_eq!(text_width_em("“文明”"), 4.0);
        assert_eq!(text_width_em("ＡＢ"), 2.0);
        assert_eq!(text_width_em("ｱ"), 0.5);
        assert_eq!(text_width_em("a\nb"), 1.0);
        assert_eq!(text_width_em("e\u{301}"), 0.5);
        assert_eq!(text_width_em("𠀀"), 1.0);
    }

    // ---- titles ----

    fn assert_title_rules(title: &str, lines: &[String], max: f32) {
        let joined: String = lines.concat();
        let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(
            joined
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>(),
            compact,
            "{lines:?}"
        );
        for l in lines {
            assert!(text_width_em(l) <= max, "too wide: {l}");
            assert!(!l.is_empty());
            assert_eq!(l.trim(), l);
            let first = l.chars().next().unwrap_or(' ');
            let last = l.chars().last().unwrap_or(' ');
            assert!(!is_closing(first), "starts with closing punctuation: {l}");
            assert!(!is_opening(last), "ends with opening punctuation: {l}");
        }
    }

    #[test]
    fn split_title_keeps_short_titles_on_one_line() {
        let t = "关于做好创建全国文明城市迎检工作的通知";
        assert_eq!(t.chars().count(), 19);
        assert_eq!(split_title(t, 20.0), strings(&[t]));
        assert_eq!(
            split_title("  关于召开会议的通知 ", 20.0),
            strings(&["关于召开会议的通知"])
        );
        // Exactly 20 em still fits.
        let twenty = "关于做好创建全国文明城市迎检工作的通知书";
        assert_eq!(split_title(twenty, 20.0), strings(&[twenty]));
    }

    #[test]
    fn split_title_breaks_long_book_title_at_balanced_word_boundary() {
        let t = "关于印发《哈尔滨市妇联创建全国文明城市工作实施方案》的通知";
        let lines = split_title(t, 20.0);
        assert_eq!(
            lines,
            strings(&[
                "关于印发《哈尔滨市妇联创建",
                "全国文明城市工作实施方案》的通知"
            ])
        );
        assert_title_rules(t, &lines, 20.0);
    }

    #[test]
    fn split_title_keeps_fitting_book_title_whole() {
        // 《…》 is 18 em: it must stay whole, which gives the classic diamond.
        let t = "关于印发《哈尔滨市创建全国文明城市工作方案》的通知";
        let lines = split_title(t, 20.0);
        assert_eq!(
            lines,
            strings(&["关于印发", "《哈尔滨市创建全国文明城市工作方案》", "的通知"])
        );
        assert_title_rules(t, &lines, 20.0);
    }

    #[test]
    fn split_title_real_titles_obey_rules() {
        for t in [
            "关于进一步加强创建全国文明城市工作组织领导的通知",
            "哈尔滨市精神文明建设委员会办公室关于开展2014年创建全国文明城市迎检工作专项督查的通知",
            "关于表彰2013年度全市精神文明建设先进集体和先进个人的决定",
            "关于转发《黑龙江省文明办关于开展文明单位创建活动的意见》的通知",
            "关于调整哈尔滨市创建全国文明城市工作领导小组成员的通知",
            "中共哈尔滨市委办公厅　哈尔滨市人民政府办公厅关于成立哈尔滨市创建全国文明城市工作领导小组的通知",
        ] {
            let lines = split_title(t, 20.0);
            assert_title_rules(t, &lines, 20.0);
            // As few lines as the width allows.
            let min = (text_width_em(t) / 20.0).ceil() as usize;
            assert_eq!(lines.len(), min, "{lines:?}");
            // Balanced: no line shorter than half of the longest.
            let widths: Vec<f32> = lines.iter().map(|l| text_width_em(l)).collect();
            let longest = widths.iter().copied().fold(0.0, f32::max);
            assert!(widths.iter().all(|&w| w * 2.0 >= longest), "{lines:?}");
        }
    }

    #[test]
    fn split_title_prefers_word_boundaries() {
        let lines = split_title("关于进一步加强创建全国文明城市工作组织领导的通知", 20.0);
        assert_eq!(
            lines,
            strings(&["关于进一步加强创建", "全国文明城市工作组织领导的通知"])
        );
        let lines = split_title(
            "关于表彰2013年度全市精神文明建设先进集体和先进个人的决定",
            20.0,
        );
        assert!(lines.iter().all(|l| !l.starts_with('年')), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("2013年")), "{lines:?}");
    }

    #[test]
    fn split_title_never_splits_ascii_words() {
        let t = "关于贯彻落实GB/T 9704-2012党政机关公文格式国家标准的通知";
        let lines = split_title(t, 12.0);
        assert_title_rules(t, &lines, 12.0);
        assert!(lines.iter().any(|l| l.contains("GB/T")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("9704-2012")), "{lines:?}");
    }

    #[test]
    fn split_title_breaks_at_spaces_between_issuers() {
        let t = "中共哈尔滨市委　哈尔滨市人民政府关于表彰先进集体的决定";
        let lines = split_title(t, 20.0);
        assert_title_rules(t, &lines, 20.0);
        // The issuers stay together (not "…哈尔滨市" / "人民政府…"), the subject starts at 关于.
        assert_eq!(
            lines,
            strings(&["中共哈尔滨市委　哈尔滨市人民政府", "关于表彰先进集体的决定"])
        );
    }

    #[test]
    fn split_title_puts_issuer_on_its_own_line() {
        let t =
            "哈尔滨市精神文明建设委员会办公室关于开展2014年创建全国文明城市迎检工作专项督查的通知";
        assert_eq!(
            split_title(t, 20.0),
            strings(&[
                "哈尔滨市精神文明建设委员会办公室",
                "关于开展2014年创建全国文明城市",
                "迎检工作专项督查的通知"
            ])
        );
    }

    #[test]
    fn split_title_honours_author_line_breaks() {
        assert_eq!(
            split_title(
                " 关于印发\n《哈尔滨市创建全国文明城市工作方案》 \r\n\n的通知\n",
                20.0
            ),
            strings(&["关于印发", "《哈尔滨市创建全国文明城市工作方案》", "的通知"])
        );
        // No further breaking even when a line is too long.
        let long = "关于印发哈尔滨市妇联创建全国文明城市工作实施方案的通知";
        assert_eq!(split_title(&format!("{long}\n"), 10.0), strings(&[long]));
    }

    #[test]
    fn split_title_degenerate_inputs() {
        assert!(split_title("", 20.0).is_empty());
        assert!(split_title("   ", 20.0).is_empty());
        assert!(split_title("\n\n", 20.0).is_empty());
        let t = "关于做好创建全国文明城市迎检工作的通知";
        for max in [0.0, -1.0, f32::NAN, f32::NEG_INFINITY] {
            assert_eq!(split_title(t, max), strings(&[t]));
        }
        assert_eq!(split_title(t, f32::INFINITY), strings(&[t]));
        // Narrower than one character: one character per line.
        assert_eq!(
            split_title("关于通知", 0.5),
            strings(&["关", "于", "通", "知"])
        );
        // Nothing but punctuation: rules must give way rather than fail.
        let p = "《《《《》》》》，，，，";
        let lines = split_title(p, 3.0);
        assert_eq!(lines.concat(), p);
        assert!(lines.iter().all(|l| text_width_em(l) <= 3.0));
    }

    #[test]
    fn split_title_lines_are_near_balanced_for_long_plain_text() {
        let t = "关于".to_string() + &"创建全国文明城市".repeat(10) + "的通知";
        let lines = split_title(&t, 20.0);
        assert_title_rules(&t, &lines, 20.0);
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn split_title_handles_very_long_input() {
        let t = "创建全国文明城市，".repeat(800);
        let lines = split_title(&t, 20.0);
        assert_eq!(lines.concat(), t);
        assert!(lines.iter().all(|l| text_width_em(l) <= 20.0));
    }

    // ---- lists ----

    #[test]
    fn join_list_joins_trimmed_items() {
        assert_eq!(
            join_list(&strings(&["市委组织部", "市纪委"]), "、"),
            "市委组织部、市纪委"
        );
        assert_eq!(join_list(&strings(&[" a ", "", "  ", "b"]), "、"), "a、b");
        assert_eq!(join_list(&[], "、"), "");
        assert_eq!(join_list(&strings(&["市委宣传部"]), "、"), "市委宣传部");
    }

    #[test]
    fn split_list_accepts_common_separators() {
        assert_eq!(
            split_list("市委组织部、市纪委"),
            strings(&["市委组织部", "市纪委"])
        );
        assert_eq!(
            split_list(
                " 市委组织部 ， 市纪委,市委宣传部；市文明办;市妇联/团市委／市总工会\n市教育局　市卫生局\t\t市公安局 "
            ),
            strings(&[
                "市委组织部",
                "市纪委",
                "市委宣传部",
                "市文明办",
                "市妇联",
                "团市委",
                "市总工会",
                "市教育局",
                "市卫生局",
                "市公安局"
            ])
        );
        assert!(split_list("").is_empty());
        assert!(split_list("、、，, ;\n").is_empty());
        let units = strings(&["市委组织部", "市纪委", "市妇联"]);
        assert_eq!(split_list(&join_list(&units, "、")), units);
    }

    // ---- robustness ----

    /// Tiny deterministic generator so the fuzz test needs no dependency.
    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<T: Copy>(&mut self, v: &[T], fallback: T) -> T {
            let i = usize::try_from(self.next() % v.len().max(1) as u64).unwrap_or(0);
            v.get(i).copied().unwrap_or(fallback)
        }
    }

    #[test]
    fn nothing_panics_on_arbitrary_input() {
        let alphabet = [
            '关', '于', '的', '通', '知', '杨', '杰', '《', '》', '（', '）', '、', '，', '〔',
            '〕', '[', ']', '年', '月', '日', '号', '第', '0', '1', '2', '9', '-', '/', '.', 'a',
            'Z', ' ', '\u{3000}', '\n', '\r', '\t', '\0', '\u{301}', '\u{FEFF}', '😀', '𠀀', '“',
            '”', '全', '国', '文', '明', '城', '市', '２', '０',
        ];
        let maxes = [
            20.0,
            10.0,
            3.0,
            1.0,
            0.5,
            0.0,
            -3.0,
            f32::NAN,
            f32::INFINITY,
        ];
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for round in 0..3000 {
            let len = usize::try_from(rng.next() % 60).unwrap_or(0);
            let s: String = (0..len).map(|_| rng.pick(&alphabet, 'x')).collect();
            let max = rng.pick(&maxes, 20.0);
            let _ = Date::parse(&s);
            let _ = normalize_doc_number(&s);
            let _ = align_name(&s);
            let _ = text_width_em(&s);
            let parts = split_list(&s);
            assert!(parts.iter().all(|p| !p.is_empty()));
            let _ = join_list(&parts, "、");
            let lines = split_title(&s, max);
            assert!(lines.iter().all(|l| !l.trim().is_empty()), "{s:?}");
            if !s.contains('\n') && max >= 1.0 {
                // Same visible characters, each line within the width.
                let visible =
                    |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                assert_eq!(
                    visible(&lines.concat()),
                    visible(&s),
                    "round {round}: {s:?}"
                );
                assert!(
                    lines.iter().all(|l| text_width_em(l) <= max),
                    "round {round}: {s:?} {lines:?}"
                );
            }
        }
        for n in [0, 1, 9, 10, 99_999, 100_000, u32::MAX] {
            assert!(!cn_numeral(n).is_empty());
        }
    }
}
