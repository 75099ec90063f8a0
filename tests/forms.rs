//! The forms a scheme file can write (issue 13), each shown by a scheme under tests/ and
//! measured in LibreOffice's PDF of the DOCX and in dossier's own.

mod common;

use common::{Pdf, TextLine, both_pdfs, repo};

/// The heading label a line starts with (`一、`, `（一）`, `12.`), with the font of the
/// heading's first character after it.
fn label(line: &TextLine) -> Option<(String, String)> {
    let text = line.text();
    let numerals = text
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let end = if numerals > 0 && text[numerals * 3..].starts_with('、') {
        numerals * 3 + '、'.len_utf8()
    } else if text.starts_with('（') {
        text.find('）')? + '）'.len_utf8()
    } else if digits > 0 && text[digits..].starts_with('.') {
        digits + 1
    } else {
        return None;
    };
    let after = text[..end].chars().count();
    let font = line.chars.get(after).map(|c| c.font.clone())?;
    Some((text[..end].to_string(), font))
}

/// The heading labels from the scheme's title on, each with its heading's font.
fn labels(pdf: &Pdf, title: &str) -> Vec<(String, String)> {
    let lines: Vec<TextLine> = pdf.pages.iter().flat_map(|p| p.text_lines()).collect();
    let from = lines
        .iter()
        .position(|l| l.text().contains(title))
        .expect("the scheme's title is printed");
    lines[from..].iter().filter_map(label).collect()
}

/// LibreOffice's PDF and dossier's of the fixture `tests/fixtures/<name>.yaml`.
fn fixture_pdfs(name: &str) -> (Pdf, Pdf) {
    pdfs_of(&format!("tests/fixtures/{name}.yaml"))
}

/// LibreOffice's PDF and dossier's of the scheme file at `path` in the repository.
fn pdfs_of(path: &str) -> (Pdf, Pdf) {
    let dir = tempfile::tempdir().expect("temp dir");
    both_pdfs(&repo().join(path), dir.path())
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn numbers_run_through_the_document_and_skip_a_level() {
    let (theirs, ours) = fixture_pdfs("numbering");
    let want = [
        "一、",
        "1.",
        "2.",
        "3.",
        "二、",
        "（一）",
        "4.",
        "5.",
        "（二）",
        "6.",
        "7.",
        "三、",
        "8.",
        "9.",
    ];
    for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
        let got = labels(pdf, "实施意见");
        let numbers: Vec<&str> = got.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(numbers, want, "{who}: the numbers as the seed writes them");
        for (label, font) in &got {
            // 黑体, 楷体 and bold 仿宋 as the test machines stand them in (LibreOffice may take
            // another language's face of the same collection).
            let face: &[&str] = match label.chars().next() {
                Some('（') => &["UKai"],
                Some(c) if c.is_ascii_digit() => &["NotoSerifCJK", "Bold"],
                _ => &["NotoSansCJK"],
            };
            let right = face.iter().all(|f| font.contains(f));
            assert!(right, "{who}: {label} heading in {font}, not {face:?}");
        }
    }
}

/// The text of `pdf` as one string, its lines joined, page numbers (`—3—`) left out so that
/// a paragraph running over a page break reads on.
fn joined(pdf: &Pdf) -> String {
    let folio = |t: &String| {
        let digits = t.trim_matches(|c: char| c == '—' || c.is_whitespace());
        t.starts_with('—') && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
    };
    pdf.pages
        .iter()
        .flat_map(|p| p.text_lines())
        .map(|l| l.text())
        .filter(|t| !folio(t))
        .collect()
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn unit_notes_and_coordinators_say_what_the_scheme_says() {
    let (theirs, ours) = fixture_pdfs("unit_phrases");
    let notes = [
        "创建工作协调人：周明；副协调人：林芳、陈涛。",
        "（市委组织部、市纪委负责并提供相关资料）",
        "（市行政审批服务局负责并提供相关资料）",
        "（市司法局、新城街道办事处负责，由市司法局提供相关资料）",
        "牵头领导：王强。",
        "重点整治集贸市场和商业街区的经营秩序。",
        "（市市场监督管理局负责）",
        "（市统计局提供资料）",
        "创建工作协调人：赵磊，副协调人：孙悦、郑阳1.诚信体系建设。（1）建立企业信用档案",
        "失信名单。（市发展改革委负责并提供相关资料）；（2）行政许可",
        "公示（市市场监督管理局、市司法局负责）；（3）诚信宣传进社区、进企业。（4）窗口",
        "服务承诺。（市文明办负责并提供相关资料）",
        "2.志愿服务。（1）志愿服务站点覆盖所有社区。（2）注册志愿者人数",
        "以上。（上述各项由市文明办、团市委负责并提供相关资料）",
    ];
    for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
        let text = joined(pdf);
        let mut from = 0;
        for note in notes {
            let at = text[from..].find(note).map(|i| from + i);
            from = at.unwrap_or_else(|| panic!("{who}: {note} after the one before"));
        }
    }
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn a_schemes_task_areas_feed_table_split_and_bundle() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scheme = repo().join("tests/fixtures/unit_phrases.yaml");
    let docx = dir.path().join("分解表.docx");
    let run = common::dossier(&["table", common::s(&scheme), "--pdf", "-o", common::s(&docx)]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let py = common::python();
    let ours = common::probe(&py, &docx.with_extension("pdf"));
    let theirs = common::probe(&py, &common::libreoffice_pdf_of(&docx, dir.path()));
    for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
        assert_eq!(
            pdf.pages.len(),
            1,
            "{who}: five tasks and six parts fill one page"
        );
        let text = joined(pdf);
        for cell in [
            "测评任务分解表",
            "廉洁高效的政务环境",
            "城区统计调查数据按季度汇总上报。",
            "市行政审批服务局",
        ] {
            assert!(text.contains(cell), "{who}: {cell} in the table");
        }
    }
    let out = dir.path().join("单位");
    let run = common::dossier(&["split", common::s(&scheme), "-o", common::s(&out)]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let names = common::file_names(&out);
    for unit in [
        "市委组织部",
        "市纪委",
        "市行政审批服务局",
        "市司法局",
        "新城街道办事处",
        "市市场监督管理局",
        "市统计局",
        "市发展改革委",
        "市文明办",
        "团市委",
    ] {
        assert!(
            names.iter().any(|n| n.contains(unit)),
            "{unit}'s task list among {names:?}"
        );
    }
    let evidence = dir.path().join("材料");
    for n in 1..=5 {
        let folder = evidence.join(format!("{n} 材料"));
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(folder.join("证明.txt"), format!("第{n}项")).expect("file");
    }
    let zip = dir.path().join("材料包.zip");
    let run = common::dossier(&[
        "bundle",
        common::s(&evidence),
        "--scheme",
        common::s(&scheme),
        "-o",
        common::s(&zip),
    ]);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(
        said.contains("11 项指标中 5 项有材料"),
        "one indicator a task, or a part of one: {said}"
    );
}

/// The text lines of `pdf` from the first holding `from`, each with the font of its first
/// character.
fn lines_from(pdf: &Pdf, from: &str) -> Vec<(String, String)> {
    let lines: Vec<TextLine> = pdf.pages.iter().flat_map(|p| p.text_lines()).collect();
    let start = lines
        .iter()
        .position(|l| l.text().contains(from))
        .unwrap_or_else(|| panic!("{from} is printed"));
    lines[start..]
        .iter()
        .map(|l| {
            let font = l.chars.first().map(|c| c.font.clone()).unwrap_or_default();
            (l.text(), font)
        })
        .collect()
}

/// The runs of bold 仿宋 within lines of `pdf`, each followed by plain text on its line (a
/// bold run to the line's end would be a whole bold line, a heading's).
fn bold_runs(pdf: &Pdf) -> Vec<String> {
    let mut runs = Vec::new();
    for line in pdf.pages.iter().flat_map(|p| p.text_lines()) {
        let mut run = String::new();
        for c in &line.chars {
            if c.font.contains("NotoSerifCJK") && c.font.contains("Bold") {
                run.push_str(&c.text);
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
    }
    runs
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn stages_take_their_customary_forms() {
    let (theirs, ours) = fixture_pdfs("stages");
    // Each line as it starts: the ordinal heading alone (two with a prefix), in the level-2
    // face (楷体); the time line; steps numbered 1. and sub-steps (1); then run-in stages with
    // their time after; then （一）名称（期间） headings alone, their text below, and the
    // words after them.
    let want: [(&str, Option<&str>); 21] = [
        ("巩固提升第一阶段：动员部署阶段", Some("UKai")),
        ("时间：2024年3月下旬至4月上旬。", None),
        ("1.调整充实创建工作指挥部", None),
        ("2.召开全市巩固创建成果动员大会。", None),
        ("（1）各镇街道、市直各部门", None),
        ("（2）会后三日内", None),
        ("巩固提升第二阶段：整改提升阶段", Some("UKai")),
        ("时间：2024年4月中旬至9月底。", None),
        ("对照测评体系逐项自查", None),
        ("第三阶段：总结验收阶段", Some("UKai")),
        ("时间：2024年10月1日至11月30日。", None),
        ("主要工作：1.全面总结巩固工作；2.迎接上级检查验收。", None),
        ("（一）宣传发动。时间：4月至6月。", Some("UKai")),
        ("（二）督查考核。时间：7月至12月。", Some("UKai")),
        ("（一）自查自评阶段（2024年11月至2025年1月）", Some("UKai")),
        ("各单位对照标准开展自查。", None),
        ("（二）集中整改阶段（2025年2月至4月）", Some("UKai")),
        ("逐项整改自查发现的问题。", None),
        ("（三）长效管理阶段（2025年5月起）", Some("UKai")),
        ("建立健全长效管理机制。", None),
        ("各阶段工作完成后，及时向指挥部办公室报送总结。", None),
    ];
    for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
        assert_eq!(
            bold_runs(pdf),
            ["建立问题清单"],
            "{who}: the words written **…** are bold, and no others in the body"
        );
        let inline = "主要工作：1.全面总结巩固工作；2.迎接上级检查验收。（1）准备汇报材料；（2）组织点位自查。";
        assert!(joined(pdf).contains(inline), "{who}: the steps run on");
        let lines = lines_from(pdf, "巩固提升第一阶段");
        let mut at = 0;
        for (start, face) in want {
            let found = lines[at..].iter().position(|(l, _)| l.starts_with(start));
            at += found.unwrap_or_else(|| panic!("{who}: a line starts {start}: {lines:?}"));
            let (line, font) = &lines[at];
            if start.contains("阶段：") || start.ends_with('）') {
                assert_eq!(line, start, "{who}: the heading stands alone");
            }
            if let Some(face) = face {
                assert!(font.contains(face), "{who}: {start} in {font}, not {face}");
            }
            at += 1;
        }
    }
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn groups_are_stated_in_prose_by_role_and_by_work_group() {
    let (theirs, ours) = fixture_pdfs("groups");
    let said = [
        "为确保专项整治工作顺利推进，街道成立公共安全专项整治工作领导小组，由街道党工委书记孟庆和任组长，街道党工委副书记罗文、派出所所长丁建国任副组长，成员包括：司法所所长钱小梅、综治办主任周立和各社区居委会主任。公共安全专项整治工作领导小组下设办公室，办公室设在街道综治办，周立同志任办公室主任。",
        "责任领导：罗文",
        "牵头单位：城管科，责任人：严冰",
        "责任单位：城管科、社区管理科、各社区居委会。",
        "主要任务：1.清理乱堆乱放；2.规范占道经营；3.建立长效保洁机制。",
        "主要任务：1.加强夜间巡逻；2.排查安全隐患。",
        "街道创建工作专班下设办公室，办公室设在街道综治办，周立同志任办公室主任。",
        "街道创建文明城市工作领导小组下设办公室（简称“街道创文办”），办公室主任由周立同志兼任，副主任由严冰同志兼任，成员由综治办、城管科、社区管理科等科室各抽调一名工作人员组成。",
        "成员由综治办、城管科、社区管理科等科室各抽调一名工作人员组成。上述人员抽调期间原则上脱离原岗位，工作考核由街道创文办负责。",
        "创文办工作职责：1.统筹安排创建活动；2.督促检查各社区的创建工作。",
        "由街道党工委副书记罗文任组长。领导小组办公室设在街道城管科，具体负责日常工作，严冰为办公室主任。",
        "牵头单位工作职责：牵头组织、督促检查本项目各责任单位的整治工作，确保完成各项目标任务。",
        "责任单位工作职责：1.根据任务分工制订整治计划；2.组织实施各项整治工作；3.做好各阶段工作的自查和总结。",
    ];
    for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
        let text = joined(pdf);
        for words in said {
            assert!(text.contains(words), "{who}: {words}");
        }
        for label in [
            "创文办工作职责：",
            "牵头单位工作职责：",
            "责任单位工作职责：",
        ] {
            let lines = lines_from(pdf, label);
            assert!(
                lines[0].0.starts_with(label),
                "{who}: {label} opens a paragraph of its own: {lines:?}"
            );
        }
        let lines = lines_from(pdf, "成立督查组");
        // A post stands where the names stand, as written: not padded as a two-character name.
        let name = lines.iter().position(|(l, _)| l.contains("严　冰"));
        let post = lines.iter().position(|(l, _)| l == "各社区治保主任");
        assert_eq!(
            post,
            name.map(|n| n + 1),
            "{who}: the post on the line after the last name: {lines:?}"
        );
        for heading in ["（一）环境整治组", "（二）治安防控组"] {
            let (_, font) = lines
                .iter()
                .find(|(l, _)| l.starts_with(heading))
                .unwrap_or_else(|| panic!("{who}: {heading} starts a line"));
            assert!(font.contains("UKai"), "{who}: {heading} in {font}");
        }
    }
}

#[test]
fn a_traditional_scheme_gets_traditional_fixed_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = common::render(&repo().join("tests/fixtures/traditional.yaml"), dir.path());
    let text = common::docx_text(&docx);
    // dossier's own words, as it writes them for a simplified scheme and as it must here.
    let words = [
        ("关于印发《", "關於印發《"),
        ("现将《", "現將《"),
        (
            "印发给你们，请结合实际认真贯彻落实。",
            "印發給你們，請結合實際認真貫徹落實。",
        ),
        ("下设办公室（简称“", "下設辦公室（簡稱「"),
        ("”），办公室设在", "」），辦公室設在"),
        (
            "同志任办公室主任。办公室主要职责：",
            "同志任辦公室主任。辦公室主要職責：",
        ),
        ("第一阶段：", "第一階段："),
        ("时间：", "時間："),
        ("居委会负责）", "居委會負責）"),
        ("印发", "印發"),
    ];
    assert!(
        text.contains(
            "由街道黨工委書記孟慶和任組長，領導小組成員包括：綜治辦主任周立和各社區居委會主任。"
        ),
        "the members' role as written: {text}"
    );
    for (simplified, traditional) in words {
        assert!(!text.contains(simplified), "no {simplified} in {text}");
        assert!(text.contains(traditional), "{traditional} in {text}");
    }
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn a_section_holds_a_small_table() {
    let (theirs, ours) = fixture_pdfs("stages");
    for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
        let lines = lines_from(pdf, "到2024年底，主要指标达到下表要求。");
        let row = |cells: &[&str]| {
            lines.iter().any(|(l, _)| {
                let mut at = 0;
                cells.iter().all(|c| match l[at..].find(c) {
                    Some(i) => {
                        at += i + c.len();
                        true
                    }
                    None => false,
                })
            })
        };
        for cells in [
            &["指标", "目标值", "责任单位"][..],
            &["城区主干道保洁率", "100%", "市城管局"],
            &["公益广告覆盖率", "95%", "市委宣传部"],
            &["志愿服务注册率", "15%"],
        ] {
            assert!(row(cells), "{who}: a row reads {cells:?}: {lines:?}");
        }
        let table_end = lines
            .iter()
            .position(|(l, _)| l.starts_with("志愿服务注册率"));
        let next = lines
            .iter()
            .position(|(l, _)| l.starts_with("三、工作安排"));
        assert!(table_end < next, "{who}: the table sits inside its section");
    }
}

/// Whether `color` (pdfplumber's, 0–1 per channel) is red: more red than green or blue.
fn red(color: Option<&Vec<f64>>) -> bool {
    matches!(color.map(Vec::as_slice), Some([r, g, b]) if *r > 0.5 && *g < 0.3 && *b < 0.3)
}

/// The PDFs (LibreOffice's, dossier's) of the scheme `text`, in a folder of their own.
fn text_pdfs(text: &str) -> (Pdf, Pdf) {
    let (dir, scheme) = common::scheme_file(text);
    both_pdfs(&scheme, dir.path())
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn preprinted_paper_leaves_out_the_mark_and_rule_and_keeps_every_other_position() {
    let one = std::fs::read_to_string(repo().join("schemes/preprinted.yaml")).unwrap();
    let joint = one.replace(
        "issuer: 青州市创建全国文明城市工作指挥部",
        "issuer: [中共青州市委办公室, 青州市人民政府办公室]",
    );
    for text in [one, joint] {
        let (theirs, ours) = text_pdfs(&text);
        let (full_theirs, full_ours) =
            text_pdfs(&text.replace("preprinted: true", "preprinted: false"));
        for (who, pdf, whole) in [
            ("LibreOffice", &theirs, &full_theirs),
            ("dossier", &ours, &full_ours),
        ] {
            let first = &pdf.pages[0];
            assert!(
                !first.chars.iter().any(|c| red(c.color.as_ref())),
                "{who}: no red text"
            );
            assert!(
                !first.lines.iter().any(|l| red(l.color.as_ref())),
                "{who}: no red rule"
            );
            assert!(!joined(pdf).contains("文件"), "{who}: no organ mark");
            assert_eq!(pdf.pages.len(), whole.pages.len(), "{who}: as many pages");
            for (page, full_page) in pdf.pages.iter().zip(&whole.pages) {
                kept_in_place(who, page, full_page);
            }
        }
    }
}

/// Every line of `page` where `full` has it (±0.5 mm), `full`'s organ mark left out.
fn kept_in_place(who: &str, page: &common::Page, full: &common::Page) {
    let at = |l: &TextLine| (l.text(), l.x0(), l.baseline);
    let placed: Vec<(String, f64, f64)> = page.text_lines().iter().map(at).collect();
    let lines = full.text_lines();
    let mark = |l: &&TextLine| l.chars.iter().any(|c| red(c.color.as_ref()));
    let want: Vec<(String, f64, f64)> = lines.iter().filter(|l| !mark(l)).map(at).collect();
    assert_eq!(
        placed.len(),
        want.len(),
        "{who}: the same lines but the mark"
    );
    for ((text, x, y), (_, wx, wy)) in placed.iter().zip(&want) {
        let off = (x - wx).abs().max((y - wy).abs());
        assert!(
            off <= common::mm(0.5),
            "{who}: {text} {off:.2} pt from where the full form has it"
        );
    }
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn minutes_list_who_attended_with_labels_in_heiti_and_names_aligned() {
    let (theirs, ours) = pdfs_of("schemes/minutes.yaml");
    for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
        let lines: Vec<TextLine> = pdf.pages.iter().flat_map(|p| p.text_lines()).collect();
        let at = |start: &str| {
            lines
                .iter()
                .position(|l| l.text().starts_with(start))
                .unwrap_or_else(|| panic!("{who}: a line starts {start}"))
        };
        let attended = at("出席：");
        let pitch = lines[attended + 1].baseline - lines[attended].baseline;
        let gap = lines[attended].baseline - lines[at("附件：")].baseline;
        assert!(
            (gap - 2.0 * pitch).abs() < 1.0,
            "{who}: one blank line before 出席 ({gap:.1} pt, a line {pitch:.1} pt)"
        );
        for label in ["出席：", "请假：", "列席："] {
            let line = &lines[at(label)];
            for c in &line.chars[..3] {
                assert!(
                    c.font.contains("NotoSansCJK"),
                    "{who}: {label} in {}",
                    c.font
                );
            }
            assert!(
                line.chars[3].font.contains("NotoSerifCJK"),
                "{who}: names in 仿宋"
            );
        }
        // The names wrap under the first name, not under the label.
        let first_name = lines[attended].chars[3].x0;
        for next in &lines[attended + 1..at("请假：")] {
            assert!(
                (next.x0() - first_name).abs() < 0.5,
                "{who}: {} starts at {:.1}, the first name at {first_name:.1}",
                next.text(),
                next.x0()
            );
        }
    }
}

#[test]
fn a_sections_wide_table_stays_on_the_portrait_page() {
    // A scheme without a notice: its first section's table follows only the title and a
    // heading, and a table that wide would turn the page if it opened its document.
    let header: Vec<String> = (1..=12).map(|n| format!("第{n}项测评指标名称")).collect();
    let row: Vec<String> = (1..=12).map(|n| format!("城区主干道第{n}段")).collect();
    let (dir, scheme) = common::scheme_file(&format!(
        "scheme:\n  title: 方案\n  sections:\n    - title: 指标\n      table:\n        columns: [{}]\n        rows: [[{}]]\n",
        header.join(", "),
        row.join(", ")
    ));
    let docx = common::render(&scheme, dir.path());
    let xml = common::document_xml(&docx);
    assert!(!xml.contains("landscape"), "no page turned: {xml}");
    assert!(xml.contains("第12项测评指标名称"), "the table is there");
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn a_sealed_notice_presses_its_seal_on_the_signature_and_date_and_covers_nothing_else() {
    let (theirs, ours) = pdfs_of("schemes/sealed.yaml");
    let by_hand = std::fs::read_to_string(repo().join("schemes/sealed.yaml"))
        .unwrap()
        .replace("seal: ../samples/样章.png", "seal: true");
    let (hand_theirs, hand_ours) = text_pdfs(&by_hand);
    for (who, pdf, hand) in [
        ("LibreOffice", &theirs, &hand_theirs),
        ("dossier", &ours, &hand_ours),
    ] {
        let page = &pdf.pages[0];
        let [seal] = page.images.as_slice() else {
            panic!("{who}: one picture on page 1, found {}", page.images.len());
        };
        assert!(seal.masked, "{who}: the seal keeps its transparency");
        let width = seal.x1 - seal.x0;
        assert!((width - common::mm(42.0)).abs() < 0.5, "{who}: 42 mm wide");
        assert!((seal.bottom - seal.top - width).abs() < 0.5, "{who}: round");
        sealed_places(who, page, seal);
        assert!(
            hand.pages[0].images.is_empty(),
            "{who}: by hand, no picture"
        );
        // A seal pressed by hand has the same room: every line where the printed one has it.
        let at = |p: &common::Page| -> Vec<(String, f64, f64)> {
            let lines = p.text_lines();
            lines
                .iter()
                .map(|l| (l.text(), l.x0(), l.baseline))
                .collect()
        };
        assert_eq!(
            at(&hand.pages[0]),
            at(page),
            "{who}: by hand, the same lines"
        );
    }
    let (a, b) = (&theirs.pages[0].images[0], &ours.pages[0].images[0]);
    let off = (a.x0 - b.x0).abs().max((a.top - b.top).abs());
    assert!(
        off < common::mm(0.5),
        "the seal where LibreOffice puts it ({off:.2} pt)"
    );
}

/// The date 4 characters from the right, the 署名 centred over it, the seal centred on them
/// with its top within a line of the body and its centre above their middle, nothing below
/// them under it (7.3.5.1).
fn sealed_places(who: &str, page: &common::Page, seal: &common::Picture) {
    let lines = page.text_lines();
    let at = |start: &str| {
        lines
            .iter()
            .rposition(|l| l.text().starts_with(start))
            .unwrap_or_else(|| panic!("{who}: a line starts {start}"))
    };
    let signature = at("青州市创建");
    let (sign, date, note) = (&lines[signature], &lines[at("2024")], &lines[at("（此件")]);
    let body = &lines[signature - 1];
    let char_pitch = (body.x1() - body.x0()) / body.em();
    let right = lines[at("为倡导")].x1();
    let chars_from_right = (right - date.x1()) / char_pitch;
    assert!(
        (chars_from_right - 4.0).abs() < 0.2,
        "{who}: date {chars_from_right:.2} characters from the right"
    );
    let middle = |l: &TextLine| (l.x0() + l.x1()) / 2.0;
    assert!(
        (middle(sign) - middle(date)).abs() < 1.0,
        "{who}: 署名 centred over the date"
    );
    assert!(
        (middle(date) - (seal.x0 + seal.x1) / 2.0).abs() < 1.0,
        "{who}: seal centred on the date"
    );
    let pitch = date.baseline - sign.baseline;
    let gap = seal.top - body.baseline;
    assert!(
        gap >= 0.0 && gap <= pitch,
        "{who}: seal top {gap:.1} pt below the body, within a line"
    );
    let centre = (seal.top + seal.bottom) / 2.0;
    let pair = (sign.top() + date.baseline) / 2.0;
    assert!(
        centre < pair,
        "{who}: 署名 and date below the seal's centre"
    );
    assert!(
        note.top() >= seal.bottom - 0.5,
        "{who}: the 附注 starts below the seal"
    );
}

const JOINT: [&str; 4] = [
    "中共青州市委宣传部",
    "青州市文明办",
    "青州市商务局",
    "青州市市场监管局",
];

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn a_joint_notice_presses_a_seal_on_each_organ_in_rows_inside_the_text_area() {
    let scheme = std::fs::read_to_string(repo().join("schemes/sealed.yaml"))
        .unwrap()
        .replace(
            "issuer: 青州市创建文明城市工作指挥部",
            &format!("issuer: [{}]", JOINT.join(", ")),
        )
        .replace(
            "seal: ../samples/样章.png",
            &format!("seal: {}", common::s(&repo().join("samples/样章.png"))),
        );
    let (theirs, ours) = text_pdfs(&scheme);
    for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
        let sealed: Vec<_> = pdf.pages.iter().filter(|p| !p.images.is_empty()).collect();
        let [page] = sealed.as_slice() else {
            panic!("{who}: the seals on one page, not {}", sealed.len());
        };
        assert_eq!(page.images.len(), 4, "{who}: a seal for each organ");
        joint_places(who, page);
    }
    let (a, b) = (
        &theirs.pages.last().unwrap().images,
        &ours.pages.last().unwrap().images,
    );
    for (a, b) in a.iter().zip(b) {
        let off = (a.x0 - b.x0).abs().max((a.top - b.top).abs());
        assert!(
            off < common::mm(0.5),
            "each seal where LibreOffice puts it ({off:.2} pt)"
        );
    }
}

/// Each organ's name under a seal centred on it, in their order (three to the row the date
/// closes, the first organ on a row above); the seals apart, inside the text area, the first
/// row's top within a line of the body, the last centred on the date too (7.3.5.1).
fn joint_places(who: &str, page: &common::Page) {
    let lines = page.text_lines();
    let body = lines
        .iter()
        .position(|l| l.text().starts_with("请各镇街道"))
        .unwrap();
    // The text area: the paragraph indented 2 characters, 156 mm wide.
    let left = lines[body].x0() - 2.0 * lines[body].em();
    let right = left + common::mm(156.0);
    let mut names = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let text: Vec<char> = line.text().chars().collect();
        for name in JOINT {
            let n: Vec<char> = name.chars().collect();
            if let Some(at) = text.windows(n.len()).position(|w| w == n.as_slice()) {
                let (first, last) = (&line.chars[at], &line.chars[at + n.len() - 1]);
                names.push((
                    name,
                    i,
                    (first.x0 + last.x1) / 2.0,
                    line.top(),
                    line.baseline,
                ));
            }
        }
    }
    let order: Vec<_> = names.iter().map(|n| (n.0, n.1)).collect();
    assert_eq!(
        order.iter().map(|n| n.0).collect::<Vec<_>>(),
        JOINT,
        "{who}: in order"
    );
    assert!(
        order[0].1 < order[1].1 && order[1].1 == order[3].1,
        "{who}: rows {order:?}"
    );
    let centre = |p: &common::Picture| ((p.x0 + p.x1) / 2.0, (p.top + p.bottom) / 2.0);
    let mut seals: Vec<_> = page.images.iter().collect();
    seals.sort_by(|a, b| (a.top, a.x0).partial_cmp(&(b.top, b.x0)).unwrap());
    for ((name, _, x, top, baseline), seal) in names.iter().zip(&seals) {
        assert!(seal.masked, "{who}: the seal keeps its transparency");
        assert!(
            (seal.x1 - seal.x0 - common::mm(42.0)).abs() < 0.5,
            "{who}: 42 mm"
        );
        let off = centre(seal).0 - x;
        assert!(
            off.abs() < 1.0,
            "{who}: the seal centred on {name}, {off:.2} pt off"
        );
        assert!(
            seal.top < *top && seal.bottom > *baseline,
            "{who}: pressed on {name}"
        );
        assert!(
            seal.x0 >= left - 0.5 && seal.x1 <= right + 0.5,
            "{who}: {name}'s seal inside"
        );
    }
    for (i, a) in seals.iter().enumerate() {
        for b in &seals[i + 1..] {
            let ((ax, ay), (bx, by)) = (centre(a), centre(b));
            let apart = (ax - bx).hypot(ay - by) - (a.x1 - a.x0);
            assert!(
                apart > 1.0,
                "{who}: seals {apart:.1} pt apart, not touching"
            );
        }
    }
    let date = lines
        .iter()
        .find(|l| l.text().starts_with("2024年"))
        .unwrap();
    let last = centre(seals[3]).0;
    assert!(
        ((date.x0() + date.x1()) / 2.0 - last).abs() < 1.0,
        "{who}: the last seal on the date"
    );
    let gap = seals[0].top - lines[body].baseline;
    let pitch = date.baseline - names[3].4;
    assert!(
        gap >= 0.0 && gap <= pitch,
        "{who}: first seal {gap:.1} pt below the body"
    );
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn a_letter_has_its_mark_and_double_lines_where_clause_10_puts_them() {
    let (theirs, ours) = pdfs_of("schemes/letter.yaml");
    for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
        let first = &pdf.pages[0];
        let mark: Vec<_> = first
            .chars
            .iter()
            .filter(|c| red(c.color.as_ref()))
            .collect();
        assert!(!mark.is_empty(), "{who}: a red mark");
        let top = mark.iter().map(|c| c.top).fold(f64::MAX, f64::min);
        assert!(
            (top - common::mm(30.0)).abs() < common::mm(1.0),
            "{who}: mark top {top:.1} pt, 30 mm wanted"
        );
        let rules = letter_rules(who, first);
        let mark_bottom = mark[0].baseline + 0.12 * mark[0].size;
        let gap = rules[0].top - rules[0].width / 2.0 - mark_bottom;
        assert!(
            (gap - common::mm(4.0)).abs() < common::mm(0.5),
            "{who}: the double line {gap:.1} pt below the mark"
        );
        let bottom = rules[3].top + rules[3].width / 2.0;
        let from_edge = first.height - bottom;
        assert!(
            (from_edge - common::mm(20.0)).abs() < common::mm(0.5),
            "{who}: the lower double line {from_edge:.1} pt above the edge"
        );
        let lines = first.text_lines();
        let doc_no = lines
            .iter()
            .find(|l| l.text().contains("函〔2024〕"))
            .expect("发文字号");
        let below = rules[1].top + rules[1].width / 2.0;
        let glyph_top = doc_no.baseline - 0.88 * 16.0;
        assert!(
            (glyph_top - below - 14.0).abs() < 1.0,
            "{who}: 发文字号 7/8 of a character below the line"
        );
        let body = lines
            .iter()
            .find(|l| l.text().starts_with("为巩固"))
            .expect("body");
        let right = lines
            .iter()
            .find(|l| l.text().starts_with("12月"))
            .map_or(body.x1(), TextLine::x1);
        assert!(
            (doc_no.x1() - right).abs() < 1.0,
            "{who}: 发文字号 flush right"
        );
        let foot = first.height - common::mm(35.0);
        assert!(
            !first.chars.iter().any(|c| c.top > foot),
            "{who}: no page number on page 1"
        );
        assert!(
            pdf.pages[1].chars.iter().any(|c| c.top > foot),
            "{who}: page 2 numbered"
        );
        let last = pdf.pages.last().expect("pages");
        assert!(
            !last
                .lines
                .iter()
                .any(|l| l.x1 - l.x0 > common::mm(150.0) && !red(l.color.as_ref())),
            "{who}: a 版记 without rules"
        );
        assert!(!joined(pdf).contains("印发"), "{who}: no 印发机关 row");
    }
    for (a, b) in letter_rules("LibreOffice", &theirs.pages[0])
        .iter()
        .zip(letter_rules("dossier", &ours.pages[0]))
    {
        assert!(
            (a.top - b.top).abs() < common::mm(0.2),
            "the lines where LibreOffice draws them"
        );
    }
}

/// A 函's four red lines on `page`, top to bottom, each 170 mm and centred: thick over thin,
/// then thin over thick.
fn letter_rules(who: &str, page: &common::Page) -> Vec<common::Line> {
    let mut rules: Vec<common::Line> = page
        .lines
        .iter()
        .filter(|l| red(l.color.as_ref()))
        .cloned()
        .collect();
    rules.sort_by(|a, b| a.top.total_cmp(&b.top));
    let widths: Vec<f64> = rules.iter().map(|l| l.width).collect();
    assert_eq!(
        widths,
        [1.5, 0.5, 0.5, 1.5],
        "{who}: thick over thin, thin over thick"
    );
    for l in &rules {
        assert!(
            (l.x1 - l.x0 - common::mm(170.0)).abs() < common::mm(0.5),
            "{who}: 170 mm"
        );
        assert!(
            ((l.x0 + l.x1) / 2.0 - page.width / 2.0).abs() < common::mm(0.5),
            "{who}: centred"
        );
    }
    rules
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn an_untitled_section_numbers_its_first_paragraph_in_the_body_face() {
    let (theirs, ours) = text_pdfs(
        "scheme:\n  title: 方案\n  sections:\n    - title: 主要措施\n      sections:\n        - text: 规范行政行为，严格执行重大行政决策程序。\n        - title: 强化督查\n          text: 定期通报进展。\n",
    );
    for (who, pdf) in [("LibreOffice", &theirs), ("dossier", &ours)] {
        let lines = lines_from(pdf, "一、");
        let (untitled, font) = &lines[1];
        assert!(
            untitled.starts_with("（一）规范行政行为"),
            "{who}: {lines:?}"
        );
        assert!(
            font.contains("NotoSerifCJK"),
            "{who}: the number in the body face, not {font}"
        );
        let (titled, font) = &lines[2];
        assert_eq!(
            titled, "（二）强化督查",
            "{who}: the titled one keeps its heading"
        );
        assert!(
            font.contains("UKai"),
            "{who}: in the level-2 face, not {font}"
        );
    }
}

#[test]
#[ignore = "needs LibreOffice, the CJK fonts and the validators' Python venv (.venv) — bash .ci/run installs them"]
fn a_seal_stays_in_the_text_area_wherever_the_date_falls() {
    let samples = repo().join("samples");
    let sealed = std::fs::read_to_string(repo().join("schemes/sealed.yaml"))
        .unwrap()
        .replace(
            "seal: ../samples/",
            &format!("seal: {}/", samples.display()),
        );
    // Without a 附注 or 版记 below it, only the seal's own room keeps it off the margin.
    let bare: String = (sealed.lines())
        .filter(|l| {
            !["  note:", "  cc:", "  printer:"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let filler = "各单位要按照要求认真组织实施，确保各项工作落到实处，取得实效。";
    let text_bottom = common::mm(297.0 - 35.0);
    let seal_page = |pdf: &Pdf| {
        (pdf.pages.iter())
            .find_map(|p| p.images.first().map(|s| (p.number, s.bottom)))
            .expect("a seal")
    };
    let mut lowest: f64 = 0.0;
    // Each step adds about two lines: the date passes every line of a page's foot.
    for n in 16..=24 {
        let text = bare.replace(
            "  body:\n",
            &format!("  body:\n    - {}\n", filler.repeat(n)),
        );
        let (theirs, ours) = text_pdfs(&text);
        let (page, bottom) = seal_page(&ours);
        assert!(
            bottom <= text_bottom + 0.5,
            "{n}: the seal ends {:.1} pt below the text area",
            bottom - text_bottom
        );
        assert_eq!(
            seal_page(&theirs).0,
            page,
            "{n}: LibreOffice puts the date on the page dossier does"
        );
        lowest = lowest.max(bottom);
    }
    assert!(
        lowest > text_bottom - common::mm(5.0),
        "some date fell on a page's last lines ({:.1} pt above the foot)",
        text_bottom - lowest
    );
}
