//! Turns a YAML/serde error into a Chinese message at `file:line:col`. serde's messages are
//! English and fixed in form, so each form is matched and re-said; anything unmatched keeps the
//! original wording after a Chinese lead so nothing the user needs is lost.

use crate::error::Error;

/// The Chinese error for `e`, placed in the file called `name`.
pub fn translate(e: &serde_norway::Error, name: &str) -> Error {
    let place = match e.location() {
        Some(loc) => format!("{name}:{}:{}", loc.line(), loc.column()),
        None => name.to_string(),
    };
    let full = e.to_string();
    // serde_norway appends " at line L column C"; the place already says it.
    let text = full.split(" at line ").next().unwrap_or(&full);
    let (path, msg) = match text.split_once(": ") {
        Some((p, m)) if !p.contains(' ') => (Some(p), m),
        _ => (None, text),
    };
    let mut message = say(msg);
    if let Some(p) = path {
        message = format!("{message}（字段 {p}）");
    }
    Error::at(place, message).with_hint(hint(msg))
}

fn say(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let names = backticked(expected);
        return if names.is_empty() {
            format!("未知字段「{field}」，这里不应有任何字段")
        } else {
            format!("未知字段「{field}」，这里可用的字段：{}", names.join("、"))
        };
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        return format!(
            "未知取值「{value}」，这里可用的取值：{}",
            backticked(expected).join("、")
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("缺少必填字段「{field}」");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "类型不对：这里应为{}，实际写的是{}",
            kind(expected),
            kind(found)
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "取值不对：这里应为{}，实际写的是{}",
            kind(expected),
            kind(found)
        );
    }
    if msg.starts_with("recursion limit exceeded") {
        return "嵌套层次过深".to_string();
    }
    if msg.starts_with("repetition limit exceeded") {
        return "别名（*引用）展开次数过多".to_string();
    }
    if msg.starts_with("unknown anchor") {
        return "引用了没有定义的锚点（*名称 之前要先有 &名称）".to_string();
    }
    if msg.contains("invalid Unicode character escape code") {
        return "双引号文字里的 \\u 转义不是有效的字符：\\uD800 至 \\uDFFF 是 UTF-16 的代理项，YAML 不接受，成对也不行；请直接写出这个字符，或写成 \\U0001F600 这样的八位转义"
            .to_string();
    }
    if msg.starts_with("EOF while parsing") {
        return "方案文件是空的".to_string();
    }
    if is_syntax(msg) {
        return format!("YAML 语法错误：{}", syntax(msg));
    }
    if msg.is_ascii() {
        return format!("方案文件有误：{msg}");
    }
    msg.to_string()
}

fn hint(msg: &str) -> &'static str {
    if msg.starts_with("unknown field") {
        "检查字段名的拼写和缩进：缩进决定字段属于哪一层"
    } else if msg.starts_with("missing field") {
        "在这一层补上该字段；README 的“方案文件格式”一节列出了每个字段"
    } else if msg.starts_with("repetition limit exceeded") || msg.starts_with("展开别名") {
        "锚点（&名称）被引用得太多，或引用里又套引用；请把重复的内容直接写出来"
    } else if msg.starts_with("recursion limit exceeded") {
        "方案文件的层次用不到这么深；检查缩进是否一行比一行深"
    } else if msg.contains("did not find expected alphabetic or numeric character")
        || msg.starts_with("unknown anchor")
    {
        "文字以 * 或 & 开头时，YAML 把它当作引用或锚点：请给整段文字加引号，如 title: \"*重点任务\""
    } else if msg.contains("不在方案文件所在的文件夹里") {
        super::BESIDE_HINT
    } else if msg.starts_with("附件文件") {
        "file 写的是现成的 PDF 文件，路径相对于方案文件所在的文件夹；加密的 PDF 请先另存为不加密的"
    } else if msg.starts_with("这段文字有") {
        "一段文字不必这么长；请分成几段，或检查是否误把整个文件粘贴了进来"
    } else if is_syntax(msg) {
        "检查这一行及上一行：冒号后要有空格，同级字段缩进要一致，不能用 Tab 缩进；文字里有英文冒号加空格时，给整段文字加引号，或改用中文冒号「：」"
    } else {
        ""
    }
}

fn is_syntax(msg: &str) -> bool {
    const SYNTAX: [&str; 8] = [
        "did not find expected",
        "mapping values are not allowed",
        "found character that cannot start",
        "found unexpected end of stream",
        "found a tab character",
        "could not find expected",
        "found undefined tag handle",
        "while parsing",
    ];
    SYNTAX.iter().any(|s| msg.contains(s))
}

fn syntax(msg: &str) -> String {
    const SAID: [(&str, &str); 8] = [
        (
            "did not find expected key",
            "这里缺少字段名，或缩进与上一行不一致",
        ),
        (
            "mapping values are not allowed",
            "这里不能出现“字段: 值”，多半是缩进有误或值里有未加引号的冒号",
        ),
        (
            "found character that cannot start any token",
            "这里有不能作为开头的字符（如 Tab、@、`），请加引号或改用空格缩进",
        ),
        (
            "found unexpected end of stream",
            "文件意外结束，可能有未闭合的引号或括号",
        ),
        ("did not find expected node content", "这里缺少值"),
        (
            "did not find expected '-' indicator",
            "这里应是以 - 开头的列表项，多半是缩进与同级的项不一致",
        ),
        ("found a tab character", "不能用 Tab 缩进，请改用空格"),
        (
            "did not find expected alphabetic or numeric character",
            "锚点（&名称）和引用（*名称）的名称只能用英文字母、数字、_ 和 -",
        ),
    ];
    for (en, zh) in SAID {
        if msg.contains(en) {
            return zh.to_string();
        }
    }
    // An unknown form is still a syntax error; keep libyaml's words for the detail.
    format!("格式不对（{msg}）")
}

/// Names listed between backticks: "one of `a`, `b`" → [a, b].
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// serde's name for a kind of value, said in Chinese.
fn kind(s: &str) -> String {
    let s = s.trim();
    let said = match s {
        "a string" | "string" => "文本",
        "a sequence" | "sequence" => "列表（每项以 - 开头）",
        "a map" | "map" => "映射（字段: 值）",
        "a boolean" | "boolean" => "true 或 false",
        "unit value" => "空值",
        "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "integer" => "整数",
        "a YAML tag starting with '!'" => "带 ! 标签的值",
        _ => "",
    };
    if !said.is_empty() {
        return said.to_string();
    }
    if let Some(v) = s.strip_prefix("string ") {
        return format!("文本 {v}");
    }
    if let Some(v) = s.strip_prefix("integer `") {
        return format!("整数 {}", v.trim_end_matches('`'));
    }
    if let Some(v) = s.strip_prefix("floating point `") {
        return format!("数字 {}", v.trim_end_matches('`'));
    }
    if let Some(v) = s.strip_prefix("boolean `") {
        return format!("布尔值 {}", v.trim_end_matches('`'));
    }
    if s.starts_with("struct ") {
        return "映射（字段: 值）".to_string();
    }
    s.to_string()
}
