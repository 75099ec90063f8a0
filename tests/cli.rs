//! The command line as a user meets it: bad input corpus, exit codes, no stray output,
//! deterministic output.

mod common;

use common::{dossier, repo, samples};

/// Each file in tests/bad/ says on its first line where the error must be reported and what
/// the message must contain: `# expect: PLACE | TEXT`; an optional second line `# args: …`
/// adds arguments.
#[test]
fn bad_input_corpus_names_the_place_and_writes_nothing() {
    let dir = repo().join("tests/bad");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "the corpus has its cases");
    for case in cases {
        let text = std::fs::read_to_string(&case).unwrap();
        let mut lines = text.lines();
        let expect = lines
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .expect("expect line");
        let (place, message) = expect.split_once(" | ").expect("PLACE | TEXT");
        let extra: Vec<String> = lines
            .next()
            .and_then(|l| l.strip_prefix("# args: "))
            .map(|a| {
                // Flags stay as written; paths are relative to the repository.
                a.split(' ')
                    .map(|s| match s.starts_with("--") {
                        true => s.to_string(),
                        false => repo().join(s).to_string_lossy().into_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let out_dir = tempfile::tempdir().unwrap();
        for command in ["render", "check"] {
            let mut args = vec![command.to_string(), case.to_string_lossy().into_owned()];
            if command == "render" {
                args.extend([
                    "-o".to_string(),
                    out_dir.path().to_string_lossy().into_owned(),
                ]);
            }
            args.extend(extra.iter().cloned());
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = dossier(&args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{}: exit 1 for bad input; stderr: {stderr}",
                case.display()
            );
            let first = stderr.lines().next().unwrap_or("");
            let (got_place, got_message) = first
                .split_once(": 错误：")
                .unwrap_or_else(|| panic!("{}: Chinese error form, got {first}", case.display()));
            assert!(
                got_place.ends_with(place),
                "{}: place {got_place} should end with {place}",
                case.display()
            );
            assert!(
                got_message.contains(message),
                "{}: message {got_message} should say {message}",
                case.display()
            );
            assert!(
                out.stdout.is_empty(),
                "{}: nothing printed as output",
                case.display()
            );
        }
        let left: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().collect();
        assert!(
            left.is_empty(),
            "{}: no output file, not even a temporary one",
            case.display()
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(dossier(&["render"]).status.code(), Some(2));
    assert_eq!(dossier(&["bogus"]).status.code(), Some(2));
    assert_eq!(
        dossier(&["render", "x.yaml", "--nope"]).status.code(),
        Some(2)
    );
}

#[test]
fn unknown_font_profile_lists_the_known_ones() {
    let scheme = repo().join("schemes/fulian.yaml");
    let out = dossier(&["check", &scheme.to_string_lossy(), "--fonts", "founder"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("founder") && err.contains("gb2312") && err.contains("win10"),
        "{err}"
    );
}

#[test]
fn missing_scheme_file_is_named() {
    let out = dossier(&["check", "/nonexistent/方案.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("/nonexistent/方案.yaml: 错误：无法读取方案文件：文件不存在"),
        "{err}"
    );
}

#[test]
fn check_writes_nothing_and_render_leaves_input_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let scheme = dir.path().join("s.yaml");
    std::fs::copy(repo().join("schemes/fulian.yaml"), &scheme).unwrap();
    let before = std::fs::read(&scheme).unwrap();
    let out = dossier(&["check", &scheme.to_string_lossy()]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "check wrote nothing"
    );
    let out = dossier(&["render", &scheme.to_string_lossy()]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        dir.path().join("s.docx").to_string_lossy()
    );
    assert_eq!(
        std::fs::read(&scheme).unwrap(),
        before,
        "the scheme file is unchanged"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "only the document was added: {names:?}");
}

#[test]
fn renders_are_byte_identical() {
    for scheme in samples() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let pa = common::render(&scheme, a.path());
        let pb = common::render(&scheme, b.path());
        assert_eq!(
            std::fs::read(pa).unwrap(),
            std::fs::read(pb).unwrap(),
            "{}",
            scheme.display()
        );
    }
}

/// Renders every sample into a new folder with `DOSSIER_FAULT` at `point`, and checks that
/// the panic is reported as an internal error (exit 3) that left nothing, not even the folder.
fn panic_at(point: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let schemes = samples();
    let mut args = vec!["render".to_string()];
    args.extend(schemes.iter().map(|s| s.to_string_lossy().into_owned()));
    args.extend(["-o".to_string(), out.to_string_lossy().into_owned()]);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(&args)
        .env("DOSSIER_FAULT", point)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{point}: {err}");
    assert!(err.starts_with("错误：dossier 内部错误"), "{point}: {err}");
    assert!(err.contains("没有写出任何文件"), "{point}: {err}");
    assert!(!err.contains("panicked"), "{point}: {err}");
    assert!(!out.exists(), "{point}: the folder the run made is gone");
}

#[test]
fn a_panic_is_an_internal_error_that_leaves_nothing_behind() {
    // Every document was on disk in its temporary file when the panic struck.
    panic_at("staged");
}

#[test]
fn a_panic_on_a_worker_thread_is_an_internal_error_too() {
    panic_at("worker");
}

#[test]
fn a_page_rule_that_no_spacing_keeps_is_warned_of_and_the_document_written() {
    let dir = tempfile::tempdir().unwrap();
    // 80 organs in the 主送 fill page 1 on their own: no spacing within the bounds brings
    // body text up to it.
    let to: String = (1..=80)
        .map(|i| format!("    - 南浦市第{i}街道办事处\n"))
        .collect();
    let scheme = dir.path().join("主送过长.yaml");
    let text = format!(
        "notice:\n  issuer: 南浦市人民政府办公室\n  doc_no: 南办发〔2024〕30号\n  date: 2024-10-08\n  \
         to:\n{to}scheme:\n  title: 南浦市背街小巷整治方案\n  preamble: 为改善背街小巷环境，制定本方案。\n"
    );
    std::fs::write(&scheme, text).unwrap();
    let out = dossier(&[
        "render",
        &scheme.to_string_lossy(),
        "-o",
        &dir.path().to_string_lossy(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let docx = dir.path().join("主送过长.docx");
    assert!(docx.is_file());
    assert!(
        stderr.contains(&format!("{}: 排版：", docx.display())) && stderr.contains("第 1 页"),
        "names the document and the rule: {stderr}"
    );
    let sample = dossier(&[
        "render",
        &repo().join("schemes/fulian.yaml").to_string_lossy(),
        "-o",
        &dir.path().to_string_lossy(),
    ]);
    assert!(
        sample.status.success() && sample.stderr.is_empty(),
        "no warning when the rules hold"
    );
}

#[test]
fn text_starting_with_a_star_is_told_to_be_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let scheme = dir.path().join("星号.yaml");
    std::fs::write(&scheme, "scheme:\n  title: *重点任务\n").unwrap();
    let out = dossier(&["check", &scheme.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("星号.yaml:2:"), "names the line: {stderr}");
    assert!(
        stderr.contains("请给整段文字加引号") && stderr.contains(r#"title: "*重点任务""#),
        "says to put it in quotes: {stderr}"
    );
}

#[test]
fn render_and_check_say_what_the_task_sheet_passed_over_as_table_does() {
    let dir = tempfile::tempdir().unwrap();
    let scheme = repo().join("schemes/with-table.yaml");
    let sheet = repo().join("samples/分解表.xlsx");
    let table = dir.path().join("表.docx");
    let runs = [
        vec!["render", common::s(&scheme), "-o", common::s(dir.path())],
        vec!["check", common::s(&scheme)],
        vec!["table", common::s(&sheet), "-o", common::s(&table)],
    ];
    for args in runs {
        let out = dossier(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        for said in [
            "分解表!A20: 空行，已跳过",
            "分解表!A37: 表末的注释行，已跳过",
        ] {
            assert!(stderr.contains(said), "{}: says {said}: {stderr}", args[0]);
        }
    }
}

#[test]
fn render_to_a_docx_or_pdf_file_writes_that_file_not_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let scheme = repo().join("schemes/fulian.yaml");
    let docx = dir.path().join("out/通知.docx");
    let done = dossier(&["render", common::s(&scheme), "-o", common::s(&docx)]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(docx.is_file(), "a file, not a folder");
    let pdf = dir.path().join("out/印发.pdf");
    let done = dossier(&["render", common::s(&scheme), "-o", common::s(&pdf)]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(
        pdf.is_file() && pdf.with_extension("docx").is_file(),
        "the PDF and its DOCX"
    );
    let two = dir.path().join("两个.docx");
    let joint = repo().join("schemes/joint.yaml");
    let done = dossier(&[
        "render",
        common::s(&scheme),
        common::s(&joint),
        "-o",
        common::s(&two),
    ]);
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("-o 是一个文件，但有 2 个方案文件"),
        "{stderr}"
    );
    assert!(!two.exists(), "nothing written");
}
