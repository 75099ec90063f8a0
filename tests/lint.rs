//! `dossier lint`: every document dossier renders from the samples (in both font profiles),
//! the fixtures and the layout corpus passes, and so do those `table`, `tally` and `split`
//! write; a deviation planted in one of them (an attribute of its XML rewritten) is found,
//! with its clause, and nothing else is; a document laid out as Word writes one (document
//! grid, theme fonts, character indents, styles, rendered page breaks) is read right and
//! passes, and its 版记 moved to an odd page is found there; LibreOffice's re-save of every
//! sample passes and keeps a planted deviation found; a file that is no Word document, holds
//! XML that cannot be read, a part too large or more than the limits allow exits 2 with a
//! Chinese message.

mod common;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// What `dossier lint` said of `path`: its exit code, the clauses of its findings, its
/// output.
fn lint(path: &Path) -> (i32, BTreeSet<String>, String) {
    let out = common::dossier(&["lint", &path.to_string_lossy()]);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let clauses = stdout
        .lines()
        .filter_map(|l| l.strip_suffix(" 条）"))
        .filter_map(|l| l.rsplit_once("第 ").map(|(_, c)| c.to_string()))
        .collect();
    (out.status.code().unwrap_or(-1), clauses, stdout)
}

/// Whether every document `dossier lint` is given passes; the output when one does not.
fn all_clean(documents: &[PathBuf]) -> Result<(), String> {
    let mut args = vec!["lint".to_string()];
    args.extend(documents.iter().map(|d| d.to_string_lossy().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = common::dossier(&args);
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    let clean = said
        .lines()
        .filter(|l| l.contains("未发现不符合 GB/T 9704-2012 之处"))
        .count();
    match (out.status.code(), clean == documents.len()) {
        (Some(0), true) => Ok(()),
        _ => Err(format!("{said}{}", String::from_utf8_lossy(&out.stderr))),
    }
}

#[test]
fn every_document_dossier_renders_lints_clean() {
    let dir = tempfile::tempdir().unwrap();
    let mut documents = Vec::new();
    for scheme in common::layout_schemes() {
        let name = scheme.file_stem().unwrap().to_string_lossy().to_string();
        let out = dir.path().join(&name);
        std::fs::create_dir_all(&out).unwrap();
        documents.push(common::render(&scheme, &out));
    }
    // The win10 profile sets the title in 宋体 bold, the body in 仿宋, level 2 in 楷体.
    for scheme in common::samples() {
        let out = dir.path().join("win10");
        let name = scheme.file_stem().unwrap().to_string_lossy().to_string();
        let docx = out.join(format!("{name}.docx"));
        let args = [
            "render",
            &scheme.to_string_lossy(),
            "--fonts",
            "win10",
            "-o",
        ];
        let rendered = common::dossier(&[&args[..], &[docx.to_string_lossy().as_ref()]].concat());
        assert!(rendered.status.success(), "{name}");
        documents.push(docx);
    }
    assert!(documents.len() > 40);
    all_clean(&documents).unwrap_or_else(|said| panic!("{said}"));
}

#[test]
fn the_documents_of_table_tally_and_split_lint_clean() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).to_string_lossy().to_string();
    let sheet = common::repo()
        .join("samples/分解表.xlsx")
        .to_string_lossy()
        .to_string();
    let tally = common::repo()
        .join("samples/进度台账.xlsx")
        .to_string_lossy()
        .to_string();
    let dated = ["--date", "2024-10-08"];
    for args in [
        vec!["table", &sheet, "-o", &d("table.docx")],
        [
            vec![
                "tally",
                &tally,
                "-o",
                &d("tally.docx"),
                "--as-of",
                "2024-09-30",
            ],
            dated.to_vec(),
        ]
        .concat(),
        [vec!["split", &sheet, "-o", &d("split")], dated.to_vec()].concat(),
    ] {
        assert!(common::dossier(&args).status.success(), "{args:?}");
    }
    let mut documents = vec![dir.path().join("table.docx"), dir.path().join("tally.docx")];
    let split = std::fs::read_dir(dir.path().join("split")).unwrap();
    documents.extend(split.map(|e| e.unwrap().path()));
    assert!(documents.len() > 10, "a notice for each unit");
    all_clean(&documents).unwrap_or_else(|said| panic!("{said}"));
}

/// A deviation planted in a rendered sample: in `part`, `from` becomes `to` (its first
/// occurrence, or with `before` its last one before that text); the findings' clauses and
/// words a finding holds.
struct Plant {
    sample: &'static str,
    part: &'static str,
    before: Option<&'static str>,
    from: &'static str,
    to: &'static str,
    clauses: &'static [&'static str],
    says: &'static str,
}

const PLANTS: [Plant; 22] = [
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: r#"w:w="11906""#,
        to: r#"w:w="12240""#,
        clauses: &["5.1"],
        says: "纸张为 215.9×297.0 mm，应为 A4",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: r#"w:top="2098""#,
        to: r#"w:top="2438""#,
        clauses: &["5.2.1"],
        says: "天头（上白边）为 43.0 mm，应为 37.0 mm",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: Some("经市委"),
        from: r#"<w:sz w:val="32"/>"#,
        to: r#"<w:sz w:val="30"/>"#,
        clauses: &["5.2.2"],
        says: "正文为小3号仿宋_GB2312（15 磅），应为3号仿宋（16 磅）",
    },
    Plant {
        sample: "joint",
        part: "word/styles.xml",
        before: None,
        from: r#"w:eastAsia="仿宋_GB2312""#,
        to: r#"w:eastAsia="宋体""#,
        // The body's default face is the level-3 headings' too.
        clauses: &["5.2.2", "7.3.3"],
        says: "正文为3号宋体（16 磅），应为3号仿宋（16 磅）",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: Some("经市委"),
        from: r#"<w:rPr><w:spacing w:val="-5"/>"#,
        to: r#"<w:rPr><w:color w:val="0000FF"/><w:spacing w:val="-5"/>"#,
        clauses: &["5.2.4"],
        says: "正文文字为彩色（0000FF），应为黑色",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: Some("经市委"),
        from: r#"w:line="579""#,
        to: r#"w:line="640""#,
        clauses: &["5.2.3"],
        says: "行距 32 磅，每面排 19 行，应为每面 22 行",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: Some("经市委"),
        from: r#"<w:spacing w:val="-5"/>"#,
        to: r#"<w:spacing w:val="40"/>"#,
        clauses: &["5.2.3"],
        says: "每行排 24 个字，应为每行 28 个字",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: ">六、保障措施<",
        to: ">七、保障措施<",
        clauses: &["7.3.3"],
        says: "序号「七、」不接续：前一个同层序号是「五、」，应为「六、」",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: ">（一）坚持以人民为中心。<",
        to: ">(一)坚持以人民为中心。<",
        clauses: &["7.3.3"],
        says: "序号写作「(一)」，第2层序号应写作「（一）」",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: Some(">一、指导思想<"),
        from: r#"w:eastAsia="黑体""#,
        to: r#"w:eastAsia="仿宋_GB2312""#,
        clauses: &["7.3.3"],
        says: "第1层标题为仿宋_GB2312，应为黑体",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: "临办发〔2024〕12号",
        to: "临办发[2024]第012号",
        clauses: &["7.2.5"],
        says: "发文字号写作「临办发[2024]第012号」，应为「临办发〔2024〕12号」",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: ">2024年3月18日<",
        to: ">2024年03月18日<",
        clauses: &["7.3.5.4"],
        says: "成文日期写作「2024年03月18日」，应为「2024年3月18日」",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: "2024年3月19日印发",
        to: "2024.3.19印发",
        clauses: &["7.4.3"],
        says: "印发日期写作「2024.3.19」，应为「2024年3月19日」",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: r#"<w:sz w:val="44"/>"#,
        to: r#"<w:sz w:val="40"/>"#,
        clauses: &["7.3.1"],
        says: "标题为20 磅方正小标宋简体，应为2号小标宋体（22 磅）",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: "附件：临澜市",
        to: "附件:临澜市",
        clauses: &["7.3.4"],
        says: "「附件」后应为全角冒号「：」",
    },
    Plant {
        sample: "with-table",
        part: "word/document.xml",
        before: None,
        from: ">2.青州市创建全国文明城市测评任务分解表<",
        to: ">3.青州市创建全国文明城市测评任务分解表<",
        clauses: &["7.3.4"],
        says: "附件顺序号写作「3.」，应为「2.」",
    },
    Plant {
        sample: "with-table",
        part: "word/document.xml",
        before: None,
        from: "测评任务落实方案</w:t></w:r></w:p>",
        to: "测评任务落实方案。</w:t></w:r></w:p>",
        clauses: &["7.3.4"],
        says: "后加了「。」，附件名称后不加标点符号",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: r#"<w:insideH w:val="single" w:sz="6""#,
        to: r#"<w:insideH w:val="single" w:sz="12""#,
        clauses: &["7.4.1"],
        says: "第 2 条分隔线粗 0.53 mm，中间的分隔线应为细线",
    },
    Plant {
        sample: "joint",
        part: "word/document.xml",
        before: None,
        from: r#"w:tblpYSpec="bottom""#,
        to: r#"w:tblpYSpec="top""#,
        clauses: &["7.4.1"],
        says: "末条分隔线应与版心下边缘重合",
    },
    Plant {
        sample: "joint",
        part: "word/footer1.xml",
        before: None,
        from: r#"<w:jc w:val="right"/>"#,
        to: r#"<w:jc w:val="center"/>"#,
        clauses: &["7.5"],
        says: "单页码应居右空一字（现为居中",
    },
    Plant {
        sample: "joint",
        part: "word/footer1.xml",
        before: None,
        from: "> PAGE <",
        to: r"> PAGE \* CHINESENUM3 <",
        clauses: &["7.5"],
        says: "页码「1」不是半角阿拉伯数字，域格式 CHINESENUM3",
    },
    Plant {
        sample: "joint",
        part: "word/footer2.xml",
        before: None,
        from: ">— <",
        to: ">- <",
        clauses: &["7.5"],
        says: "应为「— 1 —」：数字左右各放一条一字线",
    },
];

/// A copy of `docx` at `out` with `plant` made.
fn planted(docx: &Path, out: &Path, plant: &Plant) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == plant.part {
            let xml = String::from_utf8(data).unwrap();
            let at = match plant.before {
                Some(before) => xml[..xml.find(before).expect("anchor")].rfind(plant.from),
                None => xml.find(plant.from),
            };
            let at = at.unwrap_or_else(|| panic!("{} not in {}", plant.from, plant.part));
            let edited = format!(
                "{}{}{}",
                &xml[..at],
                plant.to,
                &xml[at + plant.from.len()..]
            );
            data = edited.into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(&data).unwrap();
    }
    zout.finish().unwrap();
}

/// The samples the plants are made in, rendered into `dir`.
fn rendered(dir: &Path, sample: &str) -> PathBuf {
    let out = dir.join(sample);
    if !out.is_dir() {
        std::fs::create_dir_all(&out).unwrap();
        common::render(&common::repo().join(format!("schemes/{sample}.yaml")), &out);
    }
    out.join(format!("{sample}.docx"))
}

#[test]
fn each_planted_deviation_is_found_with_its_clause_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    for (n, plant) in PLANTS.iter().enumerate() {
        let clean = rendered(dir.path(), plant.sample);
        let docx = dir.path().join(format!("planted-{n}.docx"));
        planted(&clean, &docx, plant);
        let (code, clauses, said) = lint(&docx);
        let want: BTreeSet<String> = plant.clauses.iter().map(|c| c.to_string()).collect();
        assert_eq!(
            (code, &clauses),
            (1, &want),
            "plant {n} ({}): {said}",
            plant.to
        );
        assert!(said.contains(plant.says), "plant {n}: {said}");
    }
}

/// A notice laid out as Word lays one out from a 公文 template: a document grid of 22 lines
/// and 28 characters, body text in the Normal style's 3号仿宋, indents in characters, a
/// heading style and a character style, a table style's borders under the 版记's own, page
/// numbers in a simple field and in a content control, and the pages Word last broke; its
/// 版记 on page `end_page`, and `extra` paragraphs at the end of the body.
fn word_document(dir: &Path, end_page: u32, extra: &str) -> PathBuf {
    let path = dir.join(format!("word-{end_page}.docx"));
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let deflated = zip::write::SimpleFileOptions::default();
    let breaks = "<w:p><w:r><w:lastRenderedPageBreak/></w:r></w:p>".repeat(end_page as usize - 2);
    let document = WORD_DOCUMENT
        .replace("{breaks}", &breaks)
        .replace("{extra}", extra);
    for (name, text) in [
        ("[Content_Types].xml", WORD_TYPES),
        ("_rels/.rels", WORD_ROOT_RELS),
        ("word/_rels/document.xml.rels", WORD_RELS),
        ("word/document.xml", document.as_str()),
        ("word/styles.xml", WORD_STYLES),
        ("word/settings.xml", WORD_SETTINGS),
        ("word/theme/theme1.xml", WORD_THEME),
        ("word/footer1.xml", WORD_FOOTER_ODD),
        ("word/footer2.xml", WORD_FOOTER_EVEN),
    ] {
        zip.start_file(name, deflated).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

const WORD_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const WORD_ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const WORD_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId11" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>"#;

const WORD_SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:evenAndOddHeaders/><w:drawingGridVerticalSpacing w:val="579"/><w:characterSpacingControl w:val="compressPunctuation"/></w:settings>"#;

const WORD_THEME: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office 主题"><a:themeElements><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="等线 Light"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Jpan" typeface="游明朝"/><a:font script="Hans" typeface="等线"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#;

const WORD_STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:rPrChange w:id="1" w:author="x" w:date="2024-05-01T00:00:00Z"><w:rPr><w:sz w:val="21"/></w:rPr></w:rPrChange></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="a5"><w:name w:val="footer"/><w:basedOn w:val="a"/><w:pPr><w:snapToGrid w:val="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="plain"><w:name w:val="Plain"/></w:style><w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/></w:style><w:style w:type="character" w:styleId="kai"><w:name w:val="楷体字"/><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/></w:tblPr></w:style><w:style w:type="table" w:styleId="a7"><w:name w:val="Table Grid"/><w:basedOn w:val="a1"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr><w:tblStylePr w:type="firstRow"><w:tblPr><w:tblBorders><w:top w:val="nil"/></w:tblBorders></w:tblPr></w:tblStylePr></w:style></w:styles>"#;

/// Body text paragraphs: indented 2 characters, in the Normal style.
const WORD_DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body><w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hint="eastAsia"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr><w:t>关于开展文明交通志愿服务活动的通知</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>各镇街道，市直各部门：</w:t></w:r></w:p><w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>为巩固文明城市创建成果，倡导安全出行、文明出行，市创建办决定于今年夏季在城区主要路口开展文明交通志愿服务活动。现将有关事项通知如下。</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>一、活动安排</w:t></w:r></w:p><w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:r><w:rPr><w:rStyle w:val="kai"/></w:rPr><w:t>（一）服务时间。</w:t></w:r><w:r><w:t>每个工作日早晚高峰，每班两小时，由各单位轮流派出志愿者。</w:t></w:r><w:del w:id="2" w:author="x" w:date="2024-05-01T00:00:00Z"><w:r><w:delText>删去的字</w:delText></w:r></w:del></w:p><w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:r><w:rPr><w:rStyle w:val="kai"/></w:rPr><w:lastRenderedPageBreak/><w:t>（二）服务点位。</w:t></w:r><w:r><w:t>城区十个主要路口和公交站台，每个点位不少于两名志愿者。</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>二、工作要求</w:t></w:r></w:p><w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:r><w:t>各单位要高度重视，落实专人负责，确保志愿服务有序开展；活动中发现的问题要及时报告。</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>{extra}<w:p><w:pPr><w:wordWrap w:val="0"/><w:ind w:right="1264" w:firstLineChars="0"/><w:jc w:val="right"/></w:pPr><w:r><w:t>青州市创建全国文明城市工作指挥部办公室</w:t></w:r></w:p><w:p><w:pPr><w:wordWrap w:val="0"/><w:ind w:right="1896"/><w:jc w:val="right"/></w:pPr><w:r><w:t>2024年5月8日</w:t></w:r></w:p>{breaks}<w:tbl><w:tblPr><w:tblStyle w:val="a7"/><w:tblW w:w="8844" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="auto"/><w:left w:val="nil"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="auto"/><w:right w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="8844"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="8844" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:ind w:left="280" w:right="280"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>抄送：市委办公室，市政府办公室。</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:tcW w:w="8844" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:ind w:left="280" w:right="280"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>青州市创建全国文明城市工作指挥部办公室</w:t></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:tab/><w:t>2024年5月8日印发</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/><w:sectPr><w:footerReference w:type="even" r:id="rId8"/><w:footerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1474" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/></w:sectPr></w:body></w:document>"#;

/// Odd pages' number in a simple field, flush right 1 character in.
const WORD_FOOTER_ODD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="a5"/><w:ind w:right="280"/><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE   \* MERGEFORMAT "><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#;

/// Even pages' number as Word's page-number gallery puts it: a complex field in a content
/// control, flush left after a full-width space.
const WORD_FOOTER_EVEN: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Page Numbers (Bottom of Page)"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val="a5"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">　— </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE   \* MERGEFORMAT </w:instrText></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:noProof/><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:sdtContent></w:sdt></w:ftr>"#;

#[test]
fn a_document_as_word_writes_one_is_read_right() {
    let dir = tempfile::tempdir().unwrap();
    let extra =
        r#"<w:p><w:pPr><w:pStyle w:val="plain"/></w:pPr><w:r><w:t>主题字体</w:t></w:r></w:p>"#;
    let doc = dossier::read::finished::read(&word_document(dir.path(), 2, extra)).unwrap();
    let text = |t: &str| {
        doc.paragraphs
            .iter()
            .find(|p| p.text.starts_with(t))
            .unwrap()
    };
    let body = text("为巩固");
    // The Normal style's face and size over the theme's, 2 characters of the grid's pitch
    // (16 pt less 849/4096 pt) in.
    assert_eq!(body.runs[0].east_asia_font, "仿宋_GB2312");
    assert_eq!((body.runs[0].size_pt, body.first_line), (16.0, 632));
    let grid = doc.sections[0].grid;
    assert!(
        grid.lines && grid.chars && grid.line_pitch == 579,
        "{grid:?}"
    );
    assert_eq!(
        text("主题字体").runs[0].east_asia_font,
        "等线",
        "the theme's Hans font"
    );
    assert_eq!(text("主题字体").runs[0].size_pt, 10.5);
    assert_eq!(
        text("一、").runs[0].east_asia_font,
        "黑体",
        "the heading style's"
    );
    assert_eq!(
        text("（一）").runs[0].east_asia_font,
        "楷体_GB2312",
        "the character style's"
    );
    assert!(
        !text("（一）").text.contains("删去"),
        "deleted text is left out"
    );
    assert!(
        !doc.paragraphs.iter().any(|p| p.text.contains("文本框")),
        "text boxes are not the body's"
    );
    assert!(text("各单位要").drawing);
    assert_eq!(
        (text("为巩固").page, text("（二）").page),
        (Some(1), Some(2))
    );
    assert!(doc.pages_known && doc.even_and_odd_footers);
    let table = &doc.tables[0];
    let ruled: Vec<u32> = table
        .rows
        .iter()
        .map(|r| r[0].top.as_ref().unwrap().eighths)
        .collect();
    assert_eq!(
        ruled,
        [8, 4],
        "the table's own top over its style's insideH"
    );
    assert_eq!(table.rows[1][0].bottom.as_ref().unwrap().eighths, 8);
    let odd = &doc.footers[doc.sections[0].footer_odd.unwrap()];
    let field = odd.paragraphs[0].runs[1].field.as_deref();
    assert_eq!(
        field,
        Some("PAGE \\* MERGEFORMAT"),
        "the simple field's instruction"
    );
    let even = &doc.footers[doc.sections[0].footer_even.unwrap()];
    assert_eq!(
        even.paragraphs[0].text, "　— 2 —",
        "the content control's paragraph"
    );
}

#[test]
fn a_document_as_word_writes_one_lints_clean_and_its_odd_page_end_block_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let (code, clauses, said) = lint(&word_document(dir.path(), 2, ""));
    assert_eq!((code, clauses.len()), (0, 0), "{said}");
    let (code, clauses, said) = lint(&word_document(dir.path(), 3, ""));
    assert_eq!(
        (code, clauses),
        (1, BTreeSet::from(["7.4.1".to_string()])),
        "{said}"
    );
    assert!(
        said.contains("（第 3 页）：版记在第 3 页（单页），应在最后一面（偶数页）"),
        "{said}"
    );
    assert!(
        !said.contains("未注页码"),
        "Word recorded the pages: {said}"
    );
}

/// LibreOffice's re-save (`--convert-to docx`) of `docx`, in `dir`.
fn libreoffice_resave(docx: &Path, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let profile = dir.join("profile");
    let out = std::process::Command::new(common::libreoffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    let saved = dir.join(docx.file_name().unwrap());
    assert!(saved.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    saved
}

/// What lint says of LibreOffice's re-saves: LibreOffice rewrites the XML (every paragraph
/// in the Normal style, document defaults of its own, page breaks as `w:br` at the end of the
/// paragraph before, its numbers split into runs, negative values as unsigned ones) but
/// changes nothing the standard measures, so every sample still passes; and a title planted
/// at 20 pt is still found after the re-save.
#[test]
#[ignore = "needs LibreOffice"]
fn libreoffice_resaves_of_the_samples_lint_clean_and_keep_a_planted_deviation() {
    let dir = tempfile::tempdir().unwrap();
    for scheme in common::samples() {
        let name = scheme.file_stem().unwrap().to_string_lossy().to_string();
        let docx = common::render(&scheme, &dir.path().join(&name));
        let saved = libreoffice_resave(&docx, &dir.path().join(format!("{name}-lo")));
        let (code, clauses, said) = lint(&saved);
        assert_eq!((code, clauses.len()), (0, 0), "{name}: {said}");
    }
    let title = PLANTS.iter().find(|p| p.clauses == ["7.3.1"]).unwrap();
    let docx = dir.path().join("planted-title.docx");
    planted(&rendered(dir.path(), "joint"), &docx, title);
    let saved = libreoffice_resave(&docx, &dir.path().join("planted-lo"));
    let (code, clauses, said) = lint(&saved);
    assert_eq!(
        (code, clauses),
        (1, BTreeSet::from(["7.3.1".to_string()])),
        "{said}"
    );
    assert!(said.contains(title.says), "{said}");
}

/// What `dossier lint` says of a file it cannot read: exit 2, the file named, and why.
fn refused(path: &Path, why: &str) {
    let out = common::dossier(&["lint", &path.to_string_lossy()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&path.display().to_string()) && err.contains(why),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing found, nothing printed");
}

#[test]
fn a_file_that_is_no_word_document_exits_2_with_a_chinese_message() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("通知.docx");
    std::fs::write(&text, "这不是压缩包").unwrap();
    refused(&text, "这不是 Word 文档（.docx）：内容不是 zip 格式");
    refused(&dir.path().join("没有这个文件.docx"), "文件不存在");

    let clean = word_document(dir.path(), 2, "");
    let broken = dir.path().join("损坏.docx");
    let plant = Plant {
        sample: "",
        part: "word/document.xml",
        before: None,
        from: "</w:body>",
        to: "</w:p></w:body>",
        clauses: &[],
        says: "",
    };
    planted(&clean, &broken, &plant);
    refused(
        &broken,
        "无法读取 Word 文档：文件已损坏（word/document.xml：",
    );
    let styles = dir.path().join("样式损坏.docx");
    let plant = Plant {
        part: "word/styles.xml",
        from: "<w:docDefaults>",
        to: "<w:docDefaults><",
        ..plant
    };
    planted(&clean, &styles, &plant);
    refused(&styles, "无法读取 Word 文档：文件已损坏（word/styles.xml：");

    let bomb = dir.path().join("炸弹.docx");
    common::inflating_docx(&bomb);
    refused(
        &bomb,
        "Word 文档中的「word/document.xml」解压后超过 128 MiB 的上限",
    );
}

/// A Word document whose `document.xml` is `body` inside `<w:body>`, in `dir` as `name`.
fn with_body(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", deflated).unwrap();
    let xml = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    path
}

#[test]
fn a_small_file_that_would_grow_past_the_limits_is_refused_as_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let limits = [
        (
            "段落.docx",
            "<w:p/>".repeat(200_000),
            "段落超过 100000 段的上限",
        ),
        (
            "嵌套.docx",
            format!("{}{}", "<w:sdt>".repeat(300), "</w:sdt>".repeat(300)),
            "元素嵌套超过 256 层的上限",
        ),
        (
            "单元格.docx",
            format!("<w:tbl>{}</w:tbl>", "<w:tr><w:tc/></w:tr>".repeat(600_000)),
            "文字块、表格、行和单元格合计超过 1000000 个的上限",
        ),
    ];
    for (name, body, why) in limits {
        let path = with_body(dir.path(), name, &body);
        assert!(
            std::fs::metadata(&path).unwrap().len() < 200_000,
            "a small file"
        );
        refused(
            &path,
            &format!("无法检查 Word 文档：其中「word/document.xml」的{why}"),
        );
    }
}
