//! What `dossier import` guessed is said: each guess on stderr by the line it concerns and as a
//! `# 请核对` comment above what it concerns in the scheme file, which still reads as a scheme;
//! the clean-up's changes are counted by kind.

mod common;

/// A notice whose body ends with `特此通知`, a line before the 署名 that names no organ, and a
/// scheme whose numbers skip, repeat and use `①` straight under `一、`; the date is written in
/// Chinese numerals and a coordinator's name padded.
const DRAFT: &str = "\
关于印发《青州市文明餐桌行动方案》的通知
各单位：
现将《青州市文明餐桌行动方案》印发给你们，请认真贯彻落实。
特此通知
附件：青州市文明餐桌行动方案
请抓紧落实
青州市文明办
二〇二四年三月五日
附件
青州市文明餐桌行动方案
一、工作目标
①餐饮单位全部张贴文明用餐提示。
二、主要任务
（一）宣传引导
开展公益宣传。
（三）示范创建
评选示范餐厅。
（三）督促检查
开展随机检查。
";

struct Imported {
    stderr: String,
    yaml: String,
}

fn imported() -> Imported {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("草稿.txt");
    std::fs::write(&draft, DRAFT).unwrap();
    let out = common::run(&["import", common::s(&draft)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    Imported {
        stderr: out.stderr,
        yaml: out.stdout,
    }
}

/// The comment line written above the first line of `yaml` that holds `anchor`.
fn comment_above<'a>(yaml: &'a str, anchor: &str) -> &'a str {
    let lines: Vec<&str> = yaml.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(anchor) && !l.trim_start().starts_with('#'));
    let at = at.unwrap_or_else(|| panic!("no line holds {anchor}:\n{yaml}"));
    lines[at - 1].trim_start()
}

#[test]
fn numbers_that_skip_or_repeat_are_said_at_their_line() {
    let i = imported();
    let skip = "第 16 行：标题编号「（三）」跳过了编号：dossier 已按顺序编为第 2 个";
    let repeat = "第 18 行：标题编号「（三）」重复了前面的编号：dossier 已按顺序编为第 3 个";
    assert!(i.stderr.contains(skip), "{}", i.stderr);
    assert!(i.stderr.contains(repeat), "{}", i.stderr);
    assert!(
        comment_above(&i.yaml, "title: 示范创建")
            .starts_with("# 请核对（第 16 行）：标题编号「（三）」跳过了编号")
    );
    assert!(
        comment_above(&i.yaml, "title: 督促检查")
            .starts_with("# 请核对（第 18 行）：标题编号「（三）」重复了前面的编号")
    );
}

#[test]
fn a_circled_number_not_under_a_numbered_item_is_said_to_be_inferred() {
    let i = imported();
    assert!(
        i.stderr
            .contains("第 12 行：「①」式编号不在「1.」级标题之下"),
        "{}",
        i.stderr
    );
    let comment = comment_above(&i.yaml, "餐饮单位全部张贴文明用餐提示");
    assert!(
        comment.starts_with("# 请核对（第 12 行）：「①」式编号"),
        "{}",
        i.yaml
    );
}

#[test]
fn a_signature_line_that_names_no_organ_is_said_and_closing_words_stay_in_the_body() {
    let i = imported();
    assert!(
        i.stderr
            .contains("第 6 行：「请抓紧落实」读作署名，但不像机关名称：如是正文，请移到 body"),
        "{}",
        i.stderr
    );
    let doc = dossier::read::scheme::parse(&i.yaml, "imported.yaml").unwrap();
    let notice = doc.notice.unwrap();
    assert_eq!(notice.body.last().map(String::as_str), Some("特此通知"));
    assert_eq!(notice.date, "2024-03-05");
}

#[test]
fn the_clean_up_counts_the_date_it_put_in_the_standard_form() {
    let i = imported();
    assert!(
        i.yaml.lines().nth(1).unwrap().contains("日期 1 处"),
        "{}",
        i.yaml
    );
}
