//! Title line breaking: a long title is broken between words, never inside 《…》 that fit on a
//! line or before closing punctuation, into lines as near in length as they can be.

use std::collections::HashSet;

use crate::text::width::{char_width, text_width_em};
use crate::text::{is_han, no_line_end, no_line_start};

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

/// Which break places (before chars[p]) lie inside a 《…》 title or a word.
struct Marks {
    /// In a 《…》 that fits on a line: kept whole below tier 2.
    short_book: Vec<bool>,
    /// In a 《…》 too long for a line: a worse place to break.
    long_book: Vec<bool>,
    /// Inside a known word.
    inside: Vec<bool>,
    /// Between two known words.
    known: Vec<bool>,
}

impl Marks {
    fn of(layout: &TitleLayout) -> Marks {
        let (short_book, long_book) = layout.book_spans();
        let (inside, known) = word_boundaries(&layout.chars);
        Marks {
            short_book,
            long_book,
            inside,
            known,
        }
    }
}

/// Whether place `p` is marked in `v`.
fn marked(v: &[bool], p: usize) -> bool {
    v.get(p).copied().unwrap_or(false)
}

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

    /// Rates every place a line may break: the tier that allows it and what it costs.
    fn rate_breaks(&mut self) {
        let marks = Marks::of(self);
        for p in 1..self.chars.len() {
            let tier = self.tier_at(p, &marks);
            let cost = self.cost_at(p, &marks);
            if let Some(t) = self.tier_needed.get_mut(p) {
                *t = tier;
            }
            if let Some(c) = self.penalty.get_mut(p) {
                *c = cost;
            }
        }
    }

    /// 《…》 spans, as (short, long), each marking the places inside: short ones fit on a
    /// line.
    fn book_spans(&self) -> (Vec<bool>, Vec<bool>) {
        let n = self.chars.len();
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
        (short_book, long_book)
    }

    /// The lowest tier at which a break before chars[p] is allowed.
    fn tier_at(&self, p: usize, marks: &Marks) -> u8 {
        let (prev, next) = (self.ch(p - 1), self.ch(p));
        if no_line_start(next) || no_line_end(prev) {
            3
        } else if marked(&marks.short_book, p)
            || (prev.is_ascii_graphic() && next.is_ascii_graphic())
        {
            // Keeps book titles that fit, and Latin words and numbers, in one piece.
            2
        } else {
            1
        }
    }

    /// The cost of a break before chars[p]: by the words it parts, plus what makes it
    /// awkward.
    fn cost_at(&self, p: usize, marks: &Marks) -> f64 {
        let (prev, next) = (self.ch(p - 1), self.ch(p));
        let good = prev.is_whitespace()
            || next.is_whitespace()
            || is_good_break_after(prev)
            || next == '《'
            || self.at(p, "关于");
        let mut cost = if good {
            0.0
        } else if marked(&marks.inside, p) {
            INSIDE_WORD
        } else if marked(&marks.known, p) {
            BETWEEN_WORDS
        } else {
            UNKNOWN_BOUNDARY
        };
        cost += self.awkwardness(p);
        if marked(&marks.long_book, p) {
            cost += BETWEEN_WORDS;
        }
        cost
    }

    /// What makes a break before chars[p] read badly, though the words allow it.
    fn awkwardness(&self, p: usize) -> f64 {
        let (prev, next) = (self.ch(p - 1), self.ch(p));
        let mut cost = 0.0;
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
        cost
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
    if let Some((mut lines, subject)) = issuers_lines(t, max) {
        lines.extend(split_title(subject, max_em));
        return lines;
    }
    let layout = TitleLayout::new(t, max);
    // Tier 1 honours every rule, tier 2 only the punctuation rules, tier 3 none;
    // tier 3 always succeeds because single characters may form a line.
    (1..=3)
        .find_map(|tier| layout.solve(tier))
        .map(|bounds| layout.lines(&bounds))
        .unwrap_or_else(|| vec![t.to_string()])
}

/// The lines of the issuers' names that open `title`, and its subject from 关于 on, when the
/// names take lines of their own as offices set them: they end in an organ's suffix and fill
/// at least half a line (a short name alone would leave a stub of a line); names too long
/// for one line together go one or more to a line, each line ending at a `、`.
fn issuers_lines(title: &str, max: f64) -> Option<(Vec<String>, &str)> {
    let at = title.find("关于").filter(|&at| at > 0)?;
    let (issuers, subject) = (title[..at].trim_end(), &title[at..]);
    let width = |s: &str| f64::from(text_width_em(s));
    let organ = ORGAN_SUFFIXES.iter().any(|s| issuers.ends_with(s));
    if !organ || width(issuers) < max / 2.0 {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    for name in issuers.split_inclusive('、') {
        match lines.last_mut() {
            Some(line) if width(line) + width(name) <= max => line.push_str(name),
            _ if width(name) <= max => lines.push(name.to_string()),
            _ => return None,
        }
    }
    Some((lines, subject))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::text::{Date, align_name, normalize_doc_number};

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

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
            assert!(
                !no_line_start(first),
                "starts with closing punctuation: {l}"
            );
            assert!(!no_line_end(last), "ends with opening punctuation: {l}");
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
    fn split_title_keeps_joint_issuers_whole_on_the_first_line() {
        let t = "中共临澜市委办公室、临澜市人民政府办公室关于印发《临澜市2024—2026年创建全国文明城市行动计划》的通知";
        let lines = split_title(t, 20.0);
        assert_title_rules(t, &lines, 20.0);
        assert_eq!(lines[0], "中共临澜市委办公室、临澜市人民政府办公室");
        assert!(lines[1].starts_with("关于印发"), "{lines:?}");
        // Names too long for one line together break between names, not inside one.
        let long = "中共哈尔滨市委办公厅、哈尔滨市人民政府办公厅关于印发《哈尔滨市2012-2014年创建全国文明城市行动规划》的通知";
        let lines = split_title(long, 20.0);
        assert_title_rules(long, &lines, 20.0);
        assert_eq!(
            lines[..2],
            ["中共哈尔滨市委办公厅、", "哈尔滨市人民政府办公厅"]
        );
        assert!(lines[2].starts_with("关于印发"), "{lines:?}");
        // A short issuer stays on the line with its subject.
        let short = split_title(
            "市文明办关于印发《临澜市创建全国文明城市工作实施方案》的通知",
            20.0,
        );
        assert!(short[0].starts_with("市文明办关于"), "{short:?}");
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
    }
}
