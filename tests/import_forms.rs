//! `dossier import` recognises the forms a notice takes by their text, as a secretary types
//! them: a 函 (its title `关于…的函`, the organ's name alone above the 发文字号), a 纪要 (its
//! mark `…会议纪要`, its 出席/请假/列席 lines), and a 发文字号 with 签发人 beside it, typed
//! below blank lines left for paper with the 版头 printed on it (套打).

use dossier::app::{Warnings, import::draft_yaml};
use dossier::model::{Document, Notice};

/// The notice of the plain-text draft `lines`, imported and read back, with the YAML.
fn imported(lines: &[&str]) -> (Notice, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("草稿.txt");
    std::fs::write(&path, lines.join("\n")).unwrap();
    let yaml = draft_yaml(&path, &mut Warnings::default()).unwrap();
    let doc: Document = dossier::read::scheme::parse(&yaml, "imported.yaml")
        .unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    (doc.notice.expect("a notice"), yaml)
}

#[test]
fn a_typed_letter_is_a_letter() {
    let (n, yaml) = imported(&[
        "青州市文明办",
        "青文明办函〔2024〕6号",
        "关于商请支持文明交通劝导的函",
        "市交通运输局：",
        "现商请贵局支持文明交通劝导志愿服务。",
        "青州市文明办",
        "2024年5月27日",
    ]);
    assert!(n.letter, "{yaml}");
    assert_eq!(
        (n.mark_names, n.mark_suffix),
        (vec!["青州市文明办".to_string()], String::new())
    );
    assert_eq!(n.doc_no.as_deref(), Some("青文明办函〔2024〕6号"));
    assert_eq!(n.title, "关于商请支持文明交通劝导的函");
    assert!(
        !yaml.contains("mark_suffix"),
        "a 函's mark is its default: {yaml}"
    );
}

#[test]
fn typed_minutes_keep_their_mark_and_attendance() {
    let (n, yaml) = imported(&[
        "创建工作例会纪要",
        "创建工作第五次例会纪要",
        "5月10日，市创建办召开第五次例会。会议纪要如下。",
        "一、会议要求各单位月底前完成整改。",
        "出席：孟庆和、罗文",
        "请假：许安（出差）",
        "列席：刘文",
        "青州市创建办",
        "2024年5月14日",
    ]);
    assert_eq!(n.mark_names, ["创建工作例会"], "{yaml}");
    assert_eq!(n.mark_suffix, "纪要");
    assert_eq!(n.issuers, ["青州市创建办"], "the 署名 issues a 纪要");
    assert_eq!(n.title, "创建工作第五次例会纪要");
    assert_eq!(n.body.len(), 2);
    assert_eq!(n.attended, ["孟庆和", "罗文"]);
    assert_eq!(
        (n.absent, n.observers),
        (vec!["许安（出差）".to_string()], vec!["刘文".to_string()])
    );
}

#[test]
fn a_number_typed_below_room_for_the_printed_head_is_preprinted() {
    let (n, yaml) = imported(&[
        "",
        "",
        "",
        "青创城指〔2024〕8号    签发人：张　三",
        "关于开展文明交通劝导的通知",
        "各镇街道：",
        "现将有关事项通知如下。",
        "青州市创建指挥部",
        "2024年4月22日",
    ]);
    assert!(n.preprinted, "{yaml}");
    assert_eq!(n.signers, ["张三"]);
    assert_eq!(n.doc_no.as_deref(), Some("青创城指〔2024〕8号"));
    let (n, yaml) = imported(&[
        "青创城指〔2024〕8号",
        "关于开展文明交通劝导的通知",
        "各镇街道：",
        "现将有关事项通知如下。",
        "青州市创建指挥部",
        "2024年4月22日",
    ]);
    assert!(!n.preprinted, "a draft that leaves out its mark: {yaml}");
    assert_eq!(n.mark_suffix, "文件");
}

#[test]
fn a_notice_alone_imports_without_a_scheme_and_prints_nothing_after_its_date() {
    let lines = [
        "关于开展文明餐桌宣传活动的通知",
        "各单位：",
        "请于3月底前在食堂张贴文明用餐提示。",
        "特此通知",
        "青州市文明办",
        "2024年3月5日",
    ];
    let (n, yaml) = imported(&lines);
    assert!(!yaml.contains("scheme"), "{yaml}");
    assert_eq!(n.body, ["请于3月底前在食堂张贴文明用餐提示。", "特此通知"]);
    let doc = dossier::read::scheme::parse(&yaml, "imported.yaml").unwrap();
    assert!(doc.attachments.is_empty(), "{yaml}");
    let dir = tempfile::tempdir().unwrap();
    let scheme = dir.path().join("通知.yaml");
    std::fs::write(&scheme, &yaml).unwrap();
    let out = dir.path().join("通知.docx");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "render",
            scheme.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = dossier::read::draft::read(&out).unwrap();
    let last = text.blocks.iter().rev().find_map(|b| match b {
        dossier::read::draft::Block::Para(p) if !p.text.trim().is_empty() => Some(p.text.clone()),
        _ => None,
    });
    assert_eq!(last.as_deref(), Some("2024年3月5日"));
}
