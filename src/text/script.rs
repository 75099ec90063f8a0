//! The script a document's fixed words are written in: dossier writes its own words (关于印发…
//! 的通知, 办公室设在…, 负责) in simplified characters and turns them into traditional ones for a
//! document written in those.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Simplified or traditional characters.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// 简体字.
    #[default]
    Simplified,
    /// 繁體字.
    Traditional,
}

/// Characters common in offices' writing that differ between the scripts, each as
/// (simplified, traditional). Counting them tells a text's script without loading the full
/// conversion tables, which every simplified document would otherwise pay for.
const TELLING: [(char, char); 40] = [
    ('们', '們'),
    ('这', '這'),
    ('个', '個'),
    ('来', '來'),
    ('说', '說'),
    ('时', '時'),
    ('对', '對'),
    ('会', '會'),
    ('为', '為'),
    ('国', '國'),
    ('学', '學'),
    ('发', '發'),
    ('过', '過'),
    ('经', '經'),
    ('动', '動'),
    ('开', '開'),
    ('关', '關'),
    ('实', '實'),
    ('现', '現'),
    ('还', '還'),
    ('点', '點'),
    ('种', '種'),
    ('机', '機'),
    ('头', '頭'),
    ('长', '長'),
    ('间', '間'),
    ('与', '與'),
    ('应', '應'),
    ('业', '業'),
    ('进', '進'),
    ('务', '務'),
    ('单', '單'),
    ('责', '責'),
    ('项', '項'),
    ('组', '組'),
    ('员', '員'),
    ('领', '領'),
    ('导', '導'),
    ('设', '設'),
    ('环', '環'),
];

impl Script {
    /// The script most of `text`'s telling characters are written in; simplified when it
    /// has none.
    ///
    /// ```
    /// use dossier::text::Script;
    /// assert_eq!(Script::detect("街道成立專項整治工作領導小組"), Script::Traditional);
    /// assert_eq!(Script::detect("街道成立专项整治工作领导小组"), Script::Simplified);
    /// assert_eq!(Script::detect("title: 方案"), Script::Simplified);
    /// ```
    pub fn detect(text: &str) -> Script {
        let (mut simplified, mut traditional) = (0usize, 0usize);
        for c in text.chars() {
            simplified += usize::from(TELLING.iter().any(|&(s, _)| s == c));
            traditional += usize::from(TELLING.iter().any(|&(_, t)| t == c));
        }
        if traditional > simplified {
            Script::Traditional
        } else {
            Script::Simplified
        }
    }

    /// dossier's own `words`, written in simplified characters, in this script. Template code
    /// (ASCII) is left as it is; Chinese quotation marks become corner brackets (`“”` →
    /// `「」`), as traditional-script documents write them.
    ///
    /// ```
    /// use dossier::text::Script;
    /// assert_eq!(Script::Traditional.fixed("办公室设在"), "辦公室設在");
    /// assert_eq!(Script::Simplified.fixed("办公室设在"), "办公室设在");
    /// ```
    pub fn fixed(self, words: &str) -> Cow<'_, str> {
        match self {
            Script::Simplified => Cow::Borrowed(words),
            Script::Traditional => Cow::Owned(zhconv::zhconv(words, zhconv::Variant::ZhHant)),
        }
    }
}
