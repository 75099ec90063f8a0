//! `**…**` in a scheme's paragraphs: the words its author sets in bold.

/// The parts of `text`, each with whether it is bold: the words of each `**…**` pair are; a
/// `**` without its pair, or a pair around nothing, stays as written.
///
/// ```
/// use dossier::text::emphasis_parts;
/// let parts = emphasis_parts("先**自查**，再** 整改");
/// assert_eq!(parts, [("先".into(), false), ("自查".into(), true), ("，再".into(), false), ("** 整改".into(), false)]);
/// assert_eq!(emphasis_parts("a****b"), [("a".into(), false), ("****".into(), false), ("b".into(), false)]);
/// ```
pub fn emphasis_parts(text: &str) -> Vec<(String, bool)> {
    let parts: Vec<&str> = text.split("**").collect();
    let last = parts.len() - 1;
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| match (i % 2 == 1, i < last, part.is_empty()) {
            (true, true, false) => (part.to_string(), true),
            (true, true, true) => ("****".to_string(), false),
            (true, false, _) => (format!("**{part}"), false),
            (false, _, _) => (part.to_string(), false),
        })
        .filter(|(part, _)| !part.is_empty())
        .collect()
}

/// `text` as it reads without its bold marks: where it is printed plain, as in a table cell.
///
/// ```
/// assert_eq!(dossier::text::without_emphasis("先**自查**再整改"), "先自查再整改");
/// ```
pub fn without_emphasis(text: &str) -> String {
    emphasis_parts(text)
        .into_iter()
        .map(|(part, _)| part)
        .collect()
}
