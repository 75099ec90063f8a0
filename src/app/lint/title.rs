//! The title (7.3.1): 2号小标宋 (22 pt), or a face the layout's profiles stand in for it.

use super::Finding;
use super::place::grouped;
use super::structure::Structure;
use crate::layout::{Layout, TOLERANCES, sets_face, sized};
use crate::read::finished::{Document, Run};

/// The title findings of `doc`: its main document's title only, the standard giving an
/// attachment's title no size.
pub(super) fn check(doc: &Document, s: &Structure, l: &Layout) -> Vec<Finding> {
    let Some(main) = s.parts.first() else {
        return Vec::new();
    };
    let lines = main.title.iter().filter_map(|&i| doc.paragraphs.get(i));
    grouped(
        lines.map(|p| (p, p.runs.iter().find_map(|r| deviation(r, l)))),
        "7.3.1",
    )
}

/// What is wrong with `r` as title text.
fn deviation(r: &Run, l: &Layout) -> Option<String> {
    if r.text.trim().is_empty() {
        return None;
    }
    let (face, _) = l.faces.title;
    let face_ok = r.text.is_ascii() || sets_face(&r.east_asia_font, r.bold, face);
    let size_ok = (r.size_pt - l.title_pt).abs() <= TOLERANCES.size_pt;
    if face_ok && size_ok {
        return None;
    }
    Some(format!(
        "标题为{}，应为{}",
        sized(r.size_pt, &r.east_asia_font),
        sized(l.title_pt, &format!("{}体", face.name()))
    ))
}
