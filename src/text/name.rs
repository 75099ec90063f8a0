//! Personal names and role labels as rosters print them.

/// CJK ideographs (incl. 〇), the characters a Chinese personal name is made of.
pub(crate) fn is_han(c: char) -> bool {
    matches!(u32::from(c),
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// A name without the padding offices type into it: trimmed, and for a Chinese name the
/// spaces inside removed, since there they are typing artefacts (`杨  杰` → `杨杰`); between
/// Latin words they are real, so a Latin name keeps one space between words.
///
/// ```
/// use dossier::text::unpadded_name;
/// assert_eq!(unpadded_name(" 欧阳 小　明 "), "欧阳小明");
/// assert_eq!(unpadded_name("John  Smith"), "John Smith");
/// assert_eq!(unpadded_name("市 城管局"), "市城管局");
/// ```
pub fn unpadded_name(name: &str) -> String {
    let parts: Vec<&str> = name.split_whitespace().collect();
    match name.chars().any(|c| c.is_ascii_alphabetic()) {
        true => parts.join(" "),
        false => parts.concat(),
    }
}

/// Pads a two-character Chinese name (or role label) with a full-width space to the width of three.
///
/// Whitespace is trimmed and, for Chinese text, removed inside first (Latin names keep
/// one ASCII space between words): `align_name("杨杰")` → `杨　杰`,
/// `align_name(" 杨  杰 ")` → `杨　杰`, `align_name("组长")` → `组　长`,
/// `align_name("欧阳修")` → `欧阳修`, `align_name("John  Smith")` → `John Smith`.
pub fn align_name(name: &str) -> String {
    let joined = unpadded_name(name);
    let mut it = joined.chars();
    if let (Some(a), Some(b), None) = (it.next(), it.next(), it.next())
        && is_han(a)
        && is_han(b)
    {
        return format!("{a}\u{3000}{b}");
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::text_width_em;

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
}
