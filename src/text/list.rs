//! Lists of units and organs written in one line, as offices write them: `市委宣传部、市文明办`.

/// Splits at `seps` outside parentheses and brackets: `各县（市、区）政府、市文明办` is two.
///
/// ```
/// let parts = dossier::text::split_outside_brackets("各县（市、区）政府、市文明办", &['、']);
/// assert_eq!(parts, ["各县（市、区）政府", "市文明办"]);
/// ```
pub fn split_outside_brackets<'a>(text: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = (depth - 1).max(0),
            c if depth == 0 && seps.contains(&c) => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// The names in a one-line list, separated by 、，,；;/／ or line breaks outside brackets,
/// trimmed, empty ones dropped.
///
/// ```
/// let names = dossier::text::split_list("各县（市、区）人民政府、市文明办；\n市委宣传部");
/// assert_eq!(names, ["各县（市、区）人民政府", "市文明办", "市委宣传部"]);
/// ```
pub fn split_list(text: &str) -> Vec<String> {
    split_outside_brackets(text, &['、', '，', ',', '；', ';', '/', '／', '\n'])
        .into_iter()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}
