//! The punctuation Chinese line breaking keeps off the start or the end of a line.

/// Punctuation a line must not start with.
///
/// ```
/// assert!(dossier::text::no_line_start('，') && !dossier::text::no_line_start('中'));
/// ```
pub fn no_line_start(c: char) -> bool {
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
///
/// ```
/// assert!(dossier::text::no_line_end('《') && !dossier::text::no_line_end('》'));
/// ```
pub fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '《' | '〈' | '（' | '「' | '『' | '“' | '‘' | '〔' | '【' | '〖' | '(' | '[' | '{'
    )
}
