//! Each page's text as glyphs of the font subsets they are drawn from. A face's glyphs are
//! shared out among subsets of at most `GLYPHS_PER_SUBSET`, as LibreOffice also splits a
//! face: the subsets are made at once, one a core, where one subset of a CJK face's few
//! hundred glyphs took as long as all the rest of a notice's PDF.

use std::collections::HashMap;
use std::sync::Mutex;

use super::content::{Glyph, Run};
use super::embed::Used;
use super::fonts::{FontBook, Found, poisoned};
use crate::error::Result;
use crate::flow::Sheet;

/// At most this many glyphs in one subset: a notice's body face (about 450 glyphs) in three.
const GLYPHS_PER_SUBSET: usize = 160;

/// A face found and its glyphs, each numbered in the order the pages first use them.
struct Face {
    found: Found,
    rank: HashMap<u16, usize>,
}

impl Face {
    /// How many subsets its glyphs take.
    fn subsets(&self) -> usize {
        self.rank.len().div_ceil(GLYPHS_PER_SUBSET).max(1)
    }
}

/// A glyph the layout placed, before its subset is known.
struct Placed {
    face: usize,
    glyph: u16,
    advance: f32,
    c: char,
    x: f32,
}

/// A run of text before its glyphs' subsets are known.
type Pending = (Run, Vec<Placed>);

/// The subsets the pages are drawn from, and each page's runs of glyphs in them.
pub fn runs(sheets: &[Sheet], book: &Mutex<FontBook>) -> Result<(Vec<Used>, Vec<Vec<Run>>)> {
    let mut faces: Vec<Face> = Vec::new();
    let mut by_key = HashMap::new();
    let mut pages: Vec<Vec<Pending>> = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let mut runs = Vec::with_capacity(sheet.texts.len());
        for t in &sheet.texts {
            let key = (t.face, t.latin, t.bold);
            let k = match by_key.get(&key) {
                Some(&k) => k,
                None => {
                    let k = face_of(&mut faces, book, key)?;
                    by_key.insert(key, k);
                    k
                }
            };
            let face = &mut faces[k];
            let advances = face.found.glyphs(t.chars.iter().map(|&(c, _)| c));
            let placed = t
                .chars
                .iter()
                .zip(advances)
                .map(|(&(c, x), (glyph, advance))| {
                    let next = face.rank.len();
                    face.rank.entry(glyph).or_insert(next);
                    Placed {
                        face: k,
                        glyph,
                        advance,
                        c,
                        x: x as f32,
                    }
                });
            let run = Run {
                size: t.size as f32,
                color: t.color,
                faux_bold: t.bold && !face.found.bold,
                baseline: (sheet.height - t.baseline) as f32,
                glyphs: Vec::new(),
            };
            runs.push((run, placed.collect()));
        }
        pages.push(runs);
    }
    Ok(in_subsets(&faces, pages))
}

/// The face for `key`'s face, Latin font and weight: one already found when the book gives
/// the same face of the same file (the body's and the title's stand-in may be one font).
fn face_of(
    faces: &mut Vec<Face>,
    book: &Mutex<FontBook>,
    (face, latin, bold): (crate::layout::Face, bool, bool),
) -> Result<usize> {
    let found = book
        .lock()
        .map_err(|_| poisoned())?
        .font(face, latin, bold)?
        .clone();
    if let Some(k) = faces.iter().position(|f| f.found.is(&found)) {
        return Ok(k);
    }
    faces.push(Face {
        found,
        rank: HashMap::new(),
    });
    Ok(faces.len() - 1)
}

/// The subsets of `faces`, each face's glyphs shared out evenly in the order first used, and
/// `pages`' runs with their glyphs in them.
fn in_subsets(faces: &[Face], pages: Vec<Vec<Pending>>) -> (Vec<Used>, Vec<Vec<Run>>) {
    let mut subsets = Vec::new();
    let mut first = Vec::with_capacity(faces.len());
    for face in faces {
        first.push(subsets.len());
        subsets.extend((0..face.subsets()).map(|_| Used::new(face.found.clone())));
    }
    let subset_of = |p: &Placed| {
        let face = &faces[p.face];
        first[p.face] + face.rank[&p.glyph] * face.subsets() / face.rank.len().max(1)
    };
    let pages = pages
        .into_iter()
        .map(|runs| {
            runs.into_iter()
                .map(|(mut run, placed)| {
                    run.glyphs = placed
                        .iter()
                        .map(|p| {
                            let font = subset_of(p);
                            let (id, said) = subsets[font].glyph(p.glyph, p.advance, p.c);
                            Glyph {
                                font,
                                id,
                                x: p.x,
                                actual: (!said).then_some(p.c),
                            }
                        })
                        .collect();
                    run
                })
                .collect()
        })
        .collect();
    (subsets, pages)
}
