//! The plain-text and Markdown drafts of tests/drafts/ (written by
//! tests/tools/make_text_drafts.py as a text editor, Windows Notepad and an assistant save
//! them) read into the paragraphs and tables they hold, each paragraph at its line; the
//! clean-up offices expect applied to them; and `dossier import` making a scheme file of each.

mod common;

use std::path::PathBuf;

use dossier::read::draft::{Block, Draft, read, tidy_draft};

fn draft(name: &str) -> PathBuf {
    common::repo().join("tests/drafts").join(name)
}

/// Each block as `line:text`, `#` after the line for a centred paragraph and `B` for a bold
/// one; a table as its rows, cells between bars.
fn blocks(draft: &Draft) -> Vec<String> {
    (draft.blocks.iter())
        .map(|b| match b {
            Block::Para(p) => {
                let mark = match (p.centred, p.bold) {
                    (true, _) => "#",
                    (_, true) => "B",
                    _ => "",
                };
                format!("{}{mark}:{}", p.number, p.text)
            }
            Block::Table(rows) => (rows.iter())
                .map(|r| {
                    r.iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .collect::<Vec<_>>()
                .join(" / "),
        })
        .collect()
}

#[test]
fn a_utf8_notice_reads_line_by_line_its_title_centred() {
    let d = read(&draft("文明交通劝导通知-utf8.txt")).unwrap();
    assert!(d.by_line);
    assert_eq!(d.place(11), "第 11 行");
    assert_eq!(
        blocks(&d),
        [
            "1#:关于开展文明交通劝导志愿服务活动的通知",
            "3:各区文明办,市直有关单位:",
            "4:为巩固全国文明城市创建成果,进一步规范市民交通出行行为,市文明办决定于２０２４年4月至6月在全市开展文明交通劝导志愿服务活动.现将有关事项通知如下:",
            "5:一、活动时间",
            "6:2024年4月1日至6月30日,每周一至周五上午7:30-8:30.",
            "7:二、活动内容",
            "8:(一)劝导行人不闯红灯,不翻越护栏.",
            "9:(二)劝导非机动车驾驶人佩戴头盔,按道行驶.",
            "10:三、工作要求",
            "11:各单位要高度重视,认真组织,于3月25日前将志愿者名单报送市文明办(联系电话:0536-1234567,邮箱:wmb@example.gov.cn).",
            "13:青州市文明办",
            "14:2024年3月15日",
        ],
        "the signature and the date are set to the right, not centred"
    );
}

#[test]
fn the_utf8_notice_tidied_as_offices_expect() {
    let mut d = read(&draft("文明交通劝导通知-utf8.txt")).unwrap();
    let counts = tidy_draft(&mut d);
    let texts = blocks(&d);
    assert_eq!(texts[1], "3:各区文明办，市直有关单位：");
    assert_eq!(
        texts[2],
        "4:为巩固全国文明城市创建成果，进一步规范市民交通出行行为，市文明办决定于2024年4月至6月在全市开展文明交通劝导志愿服务活动。现将有关事项通知如下："
    );
    assert_eq!(
        texts[4],
        "6:2024年4月1日至6月30日，每周一至周五上午7:30-8:30。"
    );
    assert_eq!(texts[6], "8:（一）劝导行人不闯红灯，不翻越护栏。");
    assert_eq!(
        texts[9],
        "11:各单位要高度重视，认真组织，于3月25日前将志愿者名单报送市文明办（联系电话：0536-1234567，邮箱：wmb@example.gov.cn）。"
    );
    assert_eq!(texts[11], "14:2024年3月15日", "dates stay as written");
    assert_eq!((counts.digits, counts.punctuation), (4, 24));
    assert_eq!(counts.total(), 28);
}

#[test]
fn a_gbk_scheme_saved_by_notepad_with_crlf_reads_with_its_table() {
    let path = draft("志愿服务方案-gbk.txt");
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the draft is no UTF-8"
    );
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    let mut d = read(&path).unwrap();
    assert_eq!(
        blocks(&d),
        [
            "1#:青州市\"我为创城添光彩\"志愿服务活动实施方案",
            "3:为深入推进全国文明城市创建工作，广泛凝聚创建合力，结合我市实际，制定本方案。",
            "4:一、总体要求",
            "5:以志愿服务为载体，动员广大市民积极参与创建，营造人人参与、共建共享的良好氛围。",
            "6:二、主要任务",
            "7:（一）开展环境清洁行动。各社区每月组织一次集中清洁活动。",
            "8:（二）开展文明劝导行动。在主要路口设立劝导岗。",
            "9:三、任务分工",
            "任务|牵头单位|配合单位 / 环境清洁行动|市城管局|各街道办事处 / 文明劝导行动|市公安局|市交通局",
            "13:四、工作要求",
            "14:各单位要加强组织领导，确保各项任务落到实处。",
        ]
    );
    let counts = tidy_draft(&mut d);
    assert_eq!(
        blocks(&d)[0],
        "1#:青州市“我为创城添光彩”志愿服务活动实施方案"
    );
    assert_eq!(counts.punctuation, 2);
}

#[test]
fn an_assistants_markdown_reads_as_its_headings_lists_and_table() {
    let d = read(&draft("背街小巷整治方案.md")).unwrap();
    assert!(d.by_line);
    assert_eq!(
        blocks(&d),
        [
            "1#:青州市背街小巷环境整治实施方案",
            "3:为进一步改善城市人居环境，巩固全国文明城市创建成果，结合我市实际，制定本方案。",
            "5B:一、总体要求",
            "7:以问题为导向，聚焦背街小巷**脏、乱、差**问题，集中开展整治，做到长效管理。",
            "9B:二、重点任务",
            "11:**1.整治占道经营。**各街道要对辖区背街小巷逐一排查，建立问题台账。",
            "12:**2.清理乱堆乱放。**清理楼道、路边堆放的杂物，做到日产日清。",
            "13:**3.规范车辆停放。**施划停车泊位，引导车辆有序停放。",
            "15B:三、责任分工",
            "任务|牵头单位|完成时限 / 整治占道经营|市城管局|2024年6月30日 / 清理乱堆乱放|各街道办事处|2024年5月31日 / 规范车辆停放|市公安局\n市交通运输局|2024年6月30日",
            "23B:四、保障措施",
            "25B:（一）加强组织领导",
            "27:成立整治工作专班，由分管副市长任组长。",
            "29B:（二）强化督查考核",
            "31:每月通报一次进展情况；",
            "32:对整治不力的单位进行约谈。",
            "36:注：本方案自印发之日起施行。",
        ]
    );
    let mut tidied = d.clone();
    assert_eq!(tidy_draft(&mut tidied).total(), 0, "nothing to tidy");
    assert_eq!(tidied, d);
}

#[test]
fn import_makes_a_scheme_file_of_each_draft() {
    let dir = tempfile::tempdir().unwrap();
    for (name, title) in [
        (
            "文明交通劝导通知-utf8.txt",
            "关于开展文明交通劝导志愿服务活动的通知",
        ),
        (
            "志愿服务方案-gbk.txt",
            "青州市“我为创城添光彩”志愿服务活动实施方案",
        ),
        ("背街小巷整治方案.md", "青州市背街小巷环境整治实施方案"),
    ] {
        let out = dir.path().join(format!("{name}.yaml"));
        let run = common::run(&["import", common::s(&draft(name)), "-o", common::s(&out)]);
        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
        let yaml = std::fs::read_to_string(&out).unwrap();
        let doc = dossier::read::scheme::parse(&yaml, "imported.yaml").unwrap();
        let notice = doc.notice.as_ref().map(|n| n.title.as_str());
        let scheme = doc.attachments.first().map(|a| a.title.as_str());
        assert!(
            notice == Some(title) || scheme == Some(title),
            "{name}: {yaml}"
        );
    }
}

/// The blocks of `markdown` saved as a `.md` draft and read, as [`blocks`] shows them; a
/// table's rows apart at ` / `.
fn md_blocks(markdown: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("草稿.md");
    std::fs::write(&path, markdown).unwrap();
    blocks(&read(&path).unwrap())
}

#[test]
fn markdown_headings_title_and_bold() {
    let md =
        "# 青州市文明交通劝导活动方案\n\n## 一、总体要求\n\n### （一）工作目标\n\n# 二、工作任务\n";
    assert_eq!(
        md_blocks(md),
        [
            "1#:青州市文明交通劝导活动方案",
            "3B:一、总体要求",
            "5B:（一）工作目标",
            "7B:二、工作任务"
        ]
    );
    assert_eq!(md_blocks("## **一、总体要求**"), ["1B:一、总体要求"]);
    assert_eq!(
        md_blocks("**一、总体要求**\n\n正文"),
        ["1B:一、总体要求", "3:正文"]
    );
}

#[test]
fn markdown_bold_is_kept_as_marks_and_emphasis_dropped() {
    assert_eq!(
        md_blocks("各单位要**高度重视**，*切实*做好工作。"),
        ["1:各单位要**高度重视**，切实做好工作。"]
    );
    assert_eq!(md_blocks("__全文加粗__"), ["1B:全文加粗"]);
}

#[test]
fn markdown_list_items_keep_their_numbers_as_text() {
    let md = "1. **加强领导。**各单位要成立专班。\n2. **落实责任。**明确分工。\n\n- 市文明办\n- 市公安局\n";
    assert_eq!(
        md_blocks(md),
        [
            "1:**1.加强领导。**各单位要成立专班。",
            "2:**2.落实责任。**明确分工。",
            "4:市文明办",
            "5:市公安局"
        ]
    );
    let loose = "3. 第一项\n\n   续写的一段\n\n4. 第二项\n   - 子项\n";
    assert_eq!(
        md_blocks(loose),
        ["1:3.第一项", "3:续写的一段", "5:4.第二项", "6:子项"]
    );
    assert_eq!(md_blocks("1. **总体要求**"), ["1B:1.总体要求"]);
}

#[test]
fn markdown_tables_become_tables() {
    let md = "| 任务 | 责任单位 |\n|:---|---|\n| **交通劝导** | 市公安局<br>市交通局 |\n";
    assert_eq!(
        md_blocks(md),
        ["任务|责任单位 / 交通劝导|市公安局\n市交通局"]
    );
}

#[test]
fn markdown_code_html_pictures_and_links_give_their_text() {
    let md = "```\n第一行\n第二行\n```\n\n<div>\n<p>说明文字</p>\n</div>\n\n见[通知](http://example.gov.cn/a)和<http://example.gov.cn>，![图一](a.png)[](http://x.cn)。";
    assert_eq!(
        md_blocks(md),
        [
            "2:第一行",
            "3:第二行",
            "7:说明文字",
            "10:见通知和http://example.gov.cn，图一http://x.cn。"
        ]
    );
}

#[test]
fn markdown_each_line_of_a_paragraph_is_a_paragraph() {
    assert_eq!(
        md_blocks("各单位：\n\n桐川市城市管理局\n2024年7月1日  \n（此件公开发布）"),
        [
            "1:各单位：",
            "3:桐川市城市管理局",
            "4:2024年7月1日",
            "5:（此件公开发布）"
        ]
    );
    assert_eq!(md_blocks("1. 第一项\n续写"), ["1:1.第一项", "2:续写"]);
}
