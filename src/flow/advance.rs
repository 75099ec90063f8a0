//! How far each character moves the pen, as LibreOffice sets a DOCX: a full-width character
//! one em of its run's size, a Latin one its Latin font's advance. A run's character spacing
//! comes after each character but the last of a stretch in one script and run (a widening
//! one after that too, but the paragraph's last character), and a fifth
//! of an em separates a Chinese character (not a mark) from a Latin letter or digit beside it.

use crate::layout::{FontProfile, TWIPS_PER_PT, latin_metrics};
use crate::text::width::{AUTOSPACE_EM, autospaced, char_width};
use crate::typeset::Run;

/// A character set in its run.
pub(super) struct Set {
    /// Its byte offset in the runs' texts joined.
    pub at: usize,
    pub c: char,
    /// Twips, all told.
    pub advance: f64,
    /// What of it only a character after it on the line adds, twips.
    pub trailing: f64,
    /// The run it is in, by index.
    pub run: usize,
    /// It is set in the run's Latin font.
    pub latin: bool,
}

/// The script a character is set in, as LibreOffice tells them apart: Chinese (CJK
/// characters and full-width forms) in the run's Chinese font, Latin (ASCII, Latin-1 such as
/// `·`) in its Latin font.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Chinese,
    Latin,
    /// General punctuation (curly quotes, dashes, ellipses) takes the script before it.
    Weak,
}

fn script(c: char) -> Script {
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        Script::Weak
    } else if u32::from(c) > 0xFF && char_width(c) >= 1.0 {
        Script::Chinese
    } else {
        Script::Latin
    }
}

/// The glyph advance of `c` set in `run` in the font of `script`, twips, its spacing not
/// counted.
fn glyph_twips(c: char, script: Script, run: &Run, fonts: &FontProfile) -> f64 {
    let em = char_width(c);
    if em == 0.0 || c == '\n' {
        return 0.0;
    }
    let latin = (script == Script::Latin)
        .then(|| latin_metrics(fonts.latin)?.advance_em(c, run.bold))
        .flatten();
    latin.unwrap_or(f64::from(em)) * run.size_pt * TWIPS_PER_PT
}

/// The advance of `c` set alone in `run`, spacing included, twips.
///
/// ```
/// use dossier::flow::advance_twips;
/// let m = dossier::markup::parse("正文", "t", Vec::new()).unwrap();
/// let g = dossier::typeset::typeset(&m, &dossier::layout::GBT9704).unwrap();
/// let dossier::typeset::Item::Para(p) = &g.items[0] else { panic!("a paragraph") };
/// let fonts = dossier::layout::FontProfile::named(None).unwrap();
/// assert_eq!(advance_twips('正', &p.runs[0], fonts), 315.0, "16 pt less a quarter point");
/// assert_eq!(advance_twips('0', &p.runs[0], fonts), 155.0, "half an em less a quarter point");
/// ```
pub fn advance_twips(c: char, run: &Run, fonts: &FontProfile) -> f64 {
    let script = match script(c) {
        Script::Weak => Script::Latin,
        s => s,
    };
    glyph_twips(c, script, run, fonts) + f64::from(run.spacing_twips)
}

/// Every character of `runs` with its advance in its place.
pub(super) fn set(runs: &[Run], fonts: &FontProfile) -> Vec<Set> {
    let mut chars: Vec<(usize, char, &Run, usize)> = Vec::new();
    let mut at = 0;
    for (i, run) in runs.iter().enumerate() {
        for c in run.text.chars() {
            chars.push((at, c, run, i));
            at += c.len_utf8();
        }
    }
    let scripts = resolved(chars.iter().map(|&(_, c, _, _)| script(c)));
    let mut out = Vec::with_capacity(chars.len());
    for (k, &(at, c, run, i)) in chars.iter().enumerate() {
        let next = chars.get(k + 1);
        let same_stretch =
            next.is_some_and(|&(_, n, _, j)| j == i && scripts[k + 1] == scripts[k] && n != '\n');
        // LibreOffice adds a widening spacing after a stretch's last character too, a
        // tightening one only between characters.
        let spacing = if same_stretch || (run.spacing_twips > 0 && next.is_some()) {
            f64::from(run.spacing_twips)
        } else {
            0.0
        };
        let gap = next
            .filter(|&&(_, n, _, _)| autospaced(c, n))
            .map_or(0.0, |_| AUTOSPACE_EM * run.size_pt * TWIPS_PER_PT);
        out.push(Set {
            at,
            c,
            advance: glyph_twips(c, scripts[k], run, fonts) + spacing + gap,
            trailing: spacing + gap,
            run: i,
            latin: scripts[k] == Script::Latin,
        });
    }
    out
}

/// Each character's script, general punctuation taking the script before it (at the start,
/// Latin: LibreOffice sets a paragraph's opening “ in the Latin font).
fn resolved(scripts: impl Iterator<Item = Script>) -> Vec<Script> {
    let mut out: Vec<Script> = scripts.collect();
    let mut last = Script::Latin;
    for s in &mut out {
        if *s == Script::Weak {
            *s = last;
        } else {
            last = *s;
        }
    }
    out
}
