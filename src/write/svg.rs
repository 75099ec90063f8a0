//! SVG: each page dossier laid out as one picture, for previews. Text stays text, every
//! character at its place, in the profile's fonts named by family (then their stand-ins), so
//! a browser with the fonts shows the page as the PDF does.

use super::xml::{escape, escape_into, push_fmt};
use crate::flow::{Image, Sheet, Text};
use crate::layout::{FontProfile, LATIN_FALLBACK_FONTS, fallback_fonts};

/// One SVG document per sheet, its text in `fonts`' families.
///
/// ```
/// use dossier::layout::{FontProfile, GBT9704};
/// let m = dossier::markup::parse("@title 实施方案\n正文。", "t", Vec::new()).unwrap();
/// let g = dossier::typeset::typeset(&m, &GBT9704).unwrap();
/// let fonts = FontProfile::named(None).unwrap();
/// let placement = dossier::flow::placement(&g, fonts).unwrap();
/// let sheets = dossier::flow::sheets(&g, &placement, &GBT9704, fonts).unwrap();
/// let svg = &dossier::write::svg::pages(&sheets, fonts)[0];
/// assert!(svg.starts_with("<svg") && svg.contains(r#"width="210mm""#));
/// assert!(svg.contains(">实施方案</text>") && svg.contains("仿宋_GB2312"));
/// ```
pub fn pages(sheets: &[Sheet], fonts: &FontProfile) -> Vec<String> {
    sheets.iter().map(|s| page(s, fonts)).collect()
}

fn page(sheet: &Sheet, fonts: &FontProfile) -> String {
    let (w, h) = (sheet.width, sheet.height);
    let mut out = String::new();
    push_fmt(
        &mut out,
        format_args!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}mm" height="{}mm" viewBox="0 0 {w} {h}">"#,
            mm(w),
            mm(h)
        ),
    );
    for s in &sheet.strokes {
        push_fmt(
            &mut out,
            format_args!(
                r##"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#{}" stroke-width="{}"/>"##,
                s.x0, s.y0, s.x1, s.y1, s.color, s.width
            ),
        );
    }
    for t in &sheet.texts {
        text(&mut out, t, fonts);
    }
    for i in &sheet.images {
        image(&mut out, i);
    }
    // An attached PDF page as its picture: an SVG cannot hold the page itself.
    for i in &sheet.insets {
        if let Some(picture) = &i.picture {
            let (x, y, width, height) = (i.x, i.y, i.width, i.height);
            let picture = picture.clone();
            image(
                &mut out,
                &Image {
                    x,
                    y,
                    width,
                    height,
                    picture,
                },
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

/// A picture in its box, as a PNG data URL.
fn image(out: &mut String, i: &Image) {
    use base64::Engine;
    let data = base64::engine::general_purpose::STANDARD.encode(&i.picture.png);
    push_fmt(
        out,
        format_args!(
            r#"<image x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" href="data:image/png;base64,{data}"/>"#,
            i.x, i.y, i.width, i.height
        ),
    );
}

/// Points in millimetres, to a tenth.
fn mm(pt: f64) -> f64 {
    (pt * 25.4 / 72.0 * 10.0).round() / 10.0
}

/// A run of characters, each at its own x.
fn text(out: &mut String, t: &Text, fonts: &FontProfile) {
    let xs: Vec<String> = t.chars.iter().map(|(_, x)| format!("{x:.2}")).collect();
    let families = if t.latin {
        let mut all = vec![fonts.latin];
        all.extend(LATIN_FALLBACK_FONTS);
        all
    } else {
        let mut all = vec![fonts.font(t.face)];
        all.extend(fallback_fonts(t.face));
        all
    };
    let family: Vec<String> = families.iter().map(|f| format!("'{f}'")).collect();
    let weight = if t.bold { r#" font-weight="bold""# } else { "" };
    push_fmt(
        out,
        format_args!(
            r##"<text x="{}" y="{:.2}" font-family="{}, serif" font-size="{}"{weight} fill="#{}" xml:space="preserve">"##,
            xs.join(" "),
            t.baseline,
            escape(&family.join(", ")),
            t.size,
            t.color
        ),
    );
    let string: String = t.chars.iter().map(|(c, _)| c).collect();
    escape_into(out, &string);
    out.push_str("</text>");
}
