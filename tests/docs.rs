//! The documentation's links to files (screenshots, the user guide, sources) name files the
//! repository has, so a clone shows every picture README and 使用说明 point to.

mod common;

use std::path::Path;

/// The targets of the Markdown links and images in `text` that name files, not pages or
/// anchors.
fn file_links(text: &str) -> Vec<&str> {
    text.match_indices("](")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            let target = &rest[..rest.find(')')?];
            let target = target.split('#').next().unwrap_or_default();
            let outside = target.contains("://") || target.starts_with("mailto:");
            (!target.is_empty() && !outside).then_some(target)
        })
        .collect()
}

/// `text` without its code: fenced blocks and `spans`, where a link is an example.
fn prose(text: &str) -> String {
    let mut fenced = false;
    let lines = text.lines().filter(|l| {
        fenced ^= l.trim_start().starts_with("```");
        !fenced && !l.trim_start().starts_with("```")
    });
    let joined = lines.collect::<Vec<_>>().join("\n");
    let outside_spans = joined.split('`').step_by(2);
    outside_spans.collect::<Vec<_>>().join(" ")
}

fn assert_links_resolve(doc: &Path) {
    let text = prose(&std::fs::read_to_string(doc).unwrap());
    let dir = doc.parent().unwrap();
    let missing: Vec<&str> = (file_links(&text).into_iter())
        .filter(|t| !dir.join(t).exists())
        .collect();
    assert!(missing.is_empty(), "{}: {missing:?}", doc.display());
}

#[test]
fn readme_links_name_files_the_repository_has() {
    assert_links_resolve(&common::repo().join("README.md"));
}

#[test]
fn the_user_guide_shows_screenshots_the_repository_has() {
    let guide = common::repo().join("docs/使用说明.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    assert!(
        file_links(&text)
            .iter()
            .any(|t| t.starts_with("screenshots/"))
    );
    // The guide sits beside docs/screenshots here and beside screenshots/ in the Windows zip.
    assert_links_resolve(&guide);
}
