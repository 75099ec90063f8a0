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
        let scheme = doc.attachments[0].title.as_str();
        assert!(notice == Some(title) || scheme == title, "{name}: {yaml}");
    }
}
