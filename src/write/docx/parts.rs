//! The package's other parts: styles, settings, fonts, theme, footers with the page number,
//! relationships, content types and core properties.

use super::picture::{SEAL_ID, SEAL_TARGET, page_target};
use super::{Properties, R_NS, REL_DOC, REL_NS, W_NS, Writer};
use crate::layout::{Face, pt_to_half_points};
use crate::typeset::{Galley, PageNumber};
use crate::write::xml::{escape, push_fmt};

/// The cell margin of Word's own "Normal Table" style, twips: the style must be defined, and
/// dossier's tables set their own margins.
const WORD_CELL_MARGIN: i32 = 108;

impl Writer<'_> {
    /// A footer with the page number: on odd pages right, on even pages left, `side` in from
    /// the outer edge.
    pub(super) fn footer(&self, n: &PageNumber, even: bool) -> String {
        let side = n.side;
        let (jc, ind) = if even {
            ("left", format!(r#"w:left="{side}" w:right="0""#))
        } else {
            ("right", format!(r#"w:left="0" w:right="{side}""#))
        };
        let mut rpr = String::new();
        self.run_pr(&mut rpr, &n.run);
        let dash = escape(n.dash);
        let line = footer_line(n);
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr>{line}<w:ind {ind}/><w:jc w:val="{jc}"/></w:pPr><w:r>{rpr}<w:t xml:space="preserve">{dash} </w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>1</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r><w:r>{rpr}<w:t xml:space="preserve"> {dash}</w:t></w:r></w:p></w:ftr>"#
        )
    }

    /// The footer of pages without a number: the blank page before the 版记 and the 版记's.
    /// Its empty line is as high as the number's, since a higher footer would push the
    /// text area's foot, and the 版记 on it, up.
    pub(super) fn footer_without_number(&self, n: &PageNumber) -> String {
        let line = footer_line(n);
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr>{line}</w:pPr></w:p></w:ftr>"#
        )
    }

    pub(super) fn styles(&self) -> String {
        let d = &self.g.defaults;
        let mut rpr = String::new();
        self.fonts(&mut rpr, d.face.0);
        let half = pt_to_half_points(d.size_pt);
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{rpr}<w:kern w:val="0"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:kinsoku/><w:overflowPunct/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{WORD_CELL_MARGIN}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{WORD_CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#,
            d.line_twips
        )
    }

    /// The theme Word requires; its fonts are the profile's, so theme-font lookups agree with
    /// the direct formatting.
    pub(super) fn theme(&self) -> String {
        let latin = escape(self.f.latin);
        let body = escape(self.f.fangsong);
        let head = escape(self.f.hei);
        let solid = |c: &str| format!(r#"<a:solidFill><a:srgbClr val="{c}"/></a:solidFill>"#);
        let fills = solid("FFFFFF").repeat(3);
        let lines = format!(r#"<a:ln w="6350">{}</a:ln>"#, solid("000000")).repeat(3);
        let effects = "<a:effectStyle><a:effectLst/></a:effectStyle>".repeat(3);
        let colors = [
            ("dk1", "000000"),
            ("lt1", "FFFFFF"),
            ("dk2", "44546A"),
            ("lt2", "E7E6E6"),
            ("accent1", "4472C4"),
            ("accent2", "ED7D31"),
            ("accent3", "A5A5A5"),
            ("accent4", "FFC000"),
            ("accent5", "5B9BD5"),
            ("accent6", "70AD47"),
            ("hlink", "0563C1"),
            ("folHlink", "954F72"),
        ]
        .iter()
        .map(|(name, c)| format!(r#"<a:{name}><a:srgbClr val="{c}"/></a:{name}>"#))
        .collect::<String>();
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="dossier"><a:themeElements><a:clrScheme name="dossier">{colors}</a:clrScheme><a:fontScheme name="dossier"><a:majorFont><a:latin typeface="{latin}"/><a:ea typeface="{head}"/><a:cs typeface="{latin}"/></a:majorFont><a:minorFont><a:latin typeface="{latin}"/><a:ea typeface="{body}"/><a:cs typeface="{latin}"/></a:minorFont></a:fontScheme><a:fmtScheme name="dossier"><a:fillStyleLst>{fills}</a:fillStyleLst><a:lnStyleLst>{lines}</a:lnStyleLst><a:effectStyleLst>{effects}</a:effectStyleLst><a:bgFillStyleLst>{fills}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#
        )
    }

    pub(super) fn font_table(&self) -> String {
        let mut names: Vec<&str> = [
            Face::FangSong,
            Face::Hei,
            Face::Kai,
            Face::XiaoBiaoSong,
            Face::Song,
        ]
        .iter()
        .map(|f| self.f.font(*f))
        .collect();
        names.push(self.f.latin);
        names.sort_unstable();
        names.dedup();
        let mut s = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="{W_NS}">"#
        );
        for name in names {
            let charset = if name.is_ascii() { "00" } else { "86" };
            push_fmt(
                &mut s,
                format_args!(
                    r#"<w:font w:name="{}"><w:charset w:val="{charset}"/></w:font>"#,
                    escape(name)
                ),
            );
        }
        s.push_str("</w:fonts>");
        s
    }
}

/// The line of a footer, numbered or not: one exact line of the page number's height.
fn footer_line(n: &PageNumber) -> String {
    format!(
        r#"<w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/>"#,
        n.line
    )
}

/// The package's content types; `unnumbered` when it has the footer without a number,
/// `png` when it has pictures (the seal's, attached pages').
pub(super) fn content_types(unnumbered: bool, png: bool) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let none = if unnumbered {
        format!(r#"<Override PartName="/word/footer3.xml" ContentType="{main}.footer+xml"/>"#)
    } else {
        String::new()
    };
    let png = if png {
        r#"<Default Extension="png" ContentType="image/png"/>"#
    } else {
        ""
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{png}<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="{main}.fontTable+xml"/><Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="{main}.footer+xml"/>{none}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#
    )
}

pub(super) fn root_rels() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{REL_DOC}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
    )
}

/// The document's relationships; `unnumbered` when it has the footer without a number,
/// `seal` when it has the seal's picture, and the attached pages' pictures by number.
pub(super) fn document_rels(unnumbered: bool, seal: bool, pages: &[usize]) -> String {
    let mut extra = if unnumbered {
        format!(
            r#"<Relationship Id="rIdFooterNone" Type="{REL_DOC}/footer" Target="footer3.xml"/>"#
        )
    } else {
        String::new()
    };
    if seal {
        push_fmt(
            &mut extra,
            format_args!(
                r#"<Relationship Id="{SEAL_ID}" Type="{REL_DOC}/image" Target="{SEAL_TARGET}"/>"#
            ),
        );
    }
    for &n in pages {
        let (id, target) = page_target(n);
        push_fmt(
            &mut extra,
            format_args!(r#"<Relationship Id="{id}" Type="{REL_DOC}/image" Target="{target}"/>"#),
        );
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{REL_NS}"><Relationship Id="rIdStyles" Type="{REL_DOC}/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="{REL_DOC}/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="{REL_DOC}/fontTable" Target="fontTable.xml"/><Relationship Id="rIdTheme" Type="{REL_DOC}/theme" Target="theme/theme1.xml"/><Relationship Id="rIdFooterOdd" Type="{REL_DOC}/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="{REL_DOC}/footer" Target="footer2.xml"/>{extra}</Relationships>"#
    )
}

pub(super) fn core_props(p: &Properties) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>"#,
        escape(&p.title),
        escape(p.author.as_deref().unwrap_or("dossier"))
    )
}

pub(super) fn settings(g: &Galley<'_>) -> String {
    let tab = g.defaults.tab_twips;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="{tab}"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}
