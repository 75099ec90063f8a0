//! The DOCX read back by another program (python-docx): the text, fonts, page set-up and
//! footers are what the scheme and the standard say.

mod common;

use common::{
    assert_gbt9704_page, assert_paragraphs_in_order, docx_dump, paragraph_texts, python, render,
    repo, scheme_file,
};

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn the_notice_reads_back_with_its_parts_in_order() {
    let py = python();
    let dir = tempfile::tempdir().unwrap();
    let docx = render(&repo().join("schemes/fulian.yaml"), dir.path());
    let dump = docx_dump(&py, &docx);
    assert_paragraphs_in_order(
        &dump,
        &[
            "青州市妇女联合会文件",
            "青妇发〔2024〕7号",
            "关于印发《青州市妇联创建",
            "市妇联机关各部（室）：",
            "现将《青州市妇联创建全国文明城市工作实施方案》印发给你们",
            "附件：青州市妇联创建全国文明城市工作实施方案",
            "2024年7月22日",
            "附件",
            "一、指导思想",
            "（一）制定方案阶段（7月中旬至7月末）。",
            "（二）推进实施阶段（2024年8月1日至9月15日）。",
            "组　长：李　明",
            "副组长：王晓红、陈一鸣、赵丽",
            "（一）加强领导，落实责任。各部（室）",
            "2024年7月22日印发",
        ],
    );
    assert_gbt9704_page(&dump);
    assert_eq!(dump["footers"]["default"].as_str(), Some("— 1 —"));
    assert_eq!(dump["footers"]["even"].as_str(), Some("— 1 —"));
}

fn runs_of<'a>(dump: &'a serde_json::Value, text: &str) -> Vec<&'a serde_json::Value> {
    dump["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["text"].as_str().unwrap_or_default().contains(text))
        .flat_map(|p| p["runs"].as_array().unwrap().iter())
        .collect()
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn fonts_follow_the_profile_in_every_slot() {
    let py = python();
    let scheme = repo().join("schemes/fulian.yaml");
    for (profile, body, title) in [
        ("gb2312", "仿宋_GB2312", "方正小标宋简体"),
        ("win10", "仿宋", "宋体"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = common::dossier(&[
            "render",
            &scheme.to_string_lossy(),
            "-o",
            &dir.path().to_string_lossy(),
            "--fonts",
            profile,
        ]);
        assert!(out.status.success());
        let dump = docx_dump(&py, &dir.path().join("fulian.docx"));
        for r in runs_of(&dump, "现将《") {
            assert_eq!(r["east_asia"].as_str(), Some(body), "{profile}: body face");
            assert_eq!(
                r["ascii"].as_str(),
                Some("Times New Roman"),
                "{profile}: Latin face"
            );
            assert_eq!(r["size"].as_f64(), Some(16.0));
        }
        for r in runs_of(&dump, "关于印发")
            .iter()
            .filter(|r| r["text"] != "\n")
        {
            assert_eq!(
                r["east_asia"].as_str(),
                Some(title),
                "{profile}: title face"
            );
            assert_eq!(r["size"].as_f64(), Some(22.0));
            assert_eq!(
                r["bold"].as_bool(),
                Some(profile == "win10"),
                "宋体 stands in for 小标宋 in bold"
            );
        }
        let h1 = runs_of(&dump, "一、指导思想");
        assert_eq!(h1[0]["east_asia"].as_str(), Some("黑体"));
        let h2 = runs_of(&dump, "（一）加强领导");
        assert!(
            h2[0]["east_asia"]
                .as_str()
                .is_some_and(|f| f.starts_with("楷体")),
            "level 2 in 楷体"
        );
        let mark = runs_of(&dump, "妇女联合会文件");
        assert_eq!(mark[0]["color"].as_str(), Some("FF0000"));
    }
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn scheme_can_choose_the_font_profile() {
    let py = python();
    let (dir, path) = scheme_file("fonts: win10\nscheme:\n  title: 实施方案\n  preamble: 正文。\n");
    let docx = render(&path, dir.path());
    let dump = docx_dump(&py, &docx);
    assert_eq!(
        runs_of(&dump, "正文。")[0]["east_asia"].as_str(),
        Some("仿宋")
    );
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn data_is_text_never_markup_or_template_code() {
    let py = python();
    let hostile = [
        "<w:p>&amp;]]>",
        "{{ notice.title }}{% if x %}",
        "@title 冒充标题",
        "{h1 冒充样式}\\n|",
    ];
    let mut yaml = String::from("scheme:\n  title: 实施方案\n  preamble:\n");
    for h in hostile {
        yaml.push_str(&format!("    - '{h}'\n"));
    }
    let (dir, path) = scheme_file(&yaml);
    let docx = render(&path, dir.path());
    let texts = paragraph_texts(&docx_dump(&py, &docx));
    for h in hostile {
        assert!(
            texts.iter().any(|t| t == h),
            "{h:?} comes out as the same visible text: {texts:#?}"
        );
    }
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn a_template_file_of_the_same_name_replaces_the_builtin() {
    let py = python();
    let templates = tempfile::tempdir().unwrap();
    let builtin = std::fs::read_to_string(repo().join("templates/attachment.tera")).unwrap();
    let custom = builtin.replace(
        "@att_title {{ a.title }}",
        "@att_title {{ a.title }}（征求意见稿）",
    );
    assert_ne!(custom, builtin);
    std::fs::write(templates.path().join("attachment.tera"), custom).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let scheme = repo().join("schemes/fulian.yaml");
    let out = common::dossier(&[
        "render",
        &scheme.to_string_lossy(),
        "-o",
        &dir.path().to_string_lossy(),
        "--templates",
        &templates.path().to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let texts = paragraph_texts(&docx_dump(&py, &dir.path().join("fulian.docx")));
    assert!(
        texts
            .iter()
            .any(|t| t.replace('\n', "") == "青州市妇联创建全国文明城市工作实施方案（征求意见稿）"),
        "{texts:#?}"
    );
}

#[test]
#[ignore = "needs the validators' Python venv (.venv) — bash .ci/run installs it"]
fn a_single_office_duty_is_not_numbered_and_several_are() {
    let py = python();
    let group = |duties: &str| {
        format!(
            "scheme:\n  title: 实施方案\n  sections:\n    - title: 组织机构\n      group:\n        \
             name: 创建工作领导小组\n        roles:\n          - role: 组长\n            members: 李明\n        \
             office:\n          location: 市文明办\n          duties:\n{duties}"
        )
    };
    let one = "            - 负责日常组织协调\n";
    let two = format!("{one}            - 汇总工作进展\n");
    for (duties, want) in [
        (one.to_string(), "办公室主要职责：负责日常组织协调。"),
        (two, "办公室主要职责：1.负责日常组织协调；2.汇总工作进展。"),
    ] {
        let (dir, path) = scheme_file(&group(&duties));
        let texts = paragraph_texts(&docx_dump(&py, &render(&path, dir.path())));
        assert!(
            texts.iter().any(|t| t.ends_with(want)),
            "{want}: {texts:#?}"
        );
    }
}
