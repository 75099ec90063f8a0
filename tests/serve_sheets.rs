//! The 任务表 part of `dossier serve` over HTTP: a sheet uploaded is read as the command line
//! reads it, each download is the bytes the command line writes for the same sheet and
//! options, a bad sheet gets the command line's message with its cell, and names, sizes and
//! hostile bodies are refused while the server keeps serving.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::server::{Answer, Server};

/// `SOURCE_DATE_EPOCH` the server and the command line are given: 2024-10-01 00:00 UTC.
const EPOCH: &str = "1727740800";

const SHEET: &str = "分解表.xlsx";

/// `分解表.xlsx` percent-encoded, as the page sends it in an address.
const SHEET_IN_PATH: &str = "%E5%88%86%E8%A7%A3%E8%A1%A8.xlsx";

/// `dossier ARGS` run in `dir`, with `SOURCE_DATE_EPOCH` set.
fn dossier_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("dossier runs")
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(common::repo().join("samples").join(name)).expect("sample")
}

fn bad(name: &str) -> Vec<u8> {
    std::fs::read(common::repo().join("tests/sheets").join(name)).expect("bad sheet")
}

/// A server on a fresh workspace holding nothing yet.
fn started() -> (tempfile::TempDir, Server) {
    let ws = tempfile::tempdir().expect("temp dir");
    let server = Server::start_with(ws.path(), &[("SOURCE_DATE_EPOCH", EPOCH)]);
    (ws, server)
}

fn upload(server: &Server, name: &str, bytes: &[u8]) -> Answer {
    server.send("PUT", &format!("/api/sheets/{name}"), bytes)
}

fn get(server: &Server, path: &str) -> Answer {
    server.send("GET", path, b"")
}

/// Starts splitting the workspace's sheet at `path` (`/api/sheets/NAME/split?…`): the job's
/// number.
fn start_split(server: &Server, path: &str) -> u64 {
    server.send("POST", path, b"").job_id()
}

/// The steps the progress events of job `id` said, and its end.
fn split_events(server: &Server, id: u64) -> (Vec<String>, serde_json::Value) {
    let mut seen = server.job_events(id);
    let (name, end) = seen.pop().unwrap();
    assert_eq!(name, "end");
    assert!(seen.iter().all(|(n, _)| n == "progress"));
    let steps = seen
        .iter()
        .map(|(_, e)| e["step"].as_str().unwrap().to_string());
    (steps.collect(), end)
}

/// The workspace's file names, hidden ones too.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn an_uploaded_sheet_is_kept_and_shown_as_read() {
    let (ws, server) = started();
    let answer = upload(&server, SHEET_IN_PATH, &sample(SHEET));
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let read = answer.json();
    assert_eq!(read["sheet"], "分解表");
    assert_eq!(read["rows"].as_array().unwrap().len(), 31);
    assert_eq!(read["units"].as_array().unwrap().len(), 35);
    assert_eq!(read["units"][0]["name"], "市委宣传部");
    assert_eq!(read["merges"][0]["place"], "分解表!B5:B9");
    assert_eq!(read["columns"][4]["header"], "责任单位");
    assert_eq!(read["tally"], false, "no 完成情况 column");
    let warnings: Vec<&str> = (read["warnings"].as_array().unwrap().iter())
        .map(|w| w.as_str().unwrap())
        .collect();
    let cli = dossier_in(&common::repo().join("samples"), &["import", SHEET]);
    let said = String::from_utf8_lossy(&cli.stderr);
    assert_eq!(
        warnings,
        said.lines().collect::<Vec<_>>(),
        "import's warnings"
    );
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("清单");
    let args = ["split", SHEET, "-o", out.to_str().unwrap()];
    let split = dossier_in(&common::repo().join("samples"), &args);
    let doubt = read["doubts"][0].as_str().unwrap();
    assert!(doubt.contains("可能是同一个单位"), "{doubt}");
    let said = String::from_utf8_lossy(&split.stderr);
    assert!(said.contains(doubt), "split's words: {doubt}");
    assert_eq!(
        std::fs::read(ws.path().join(SHEET)).unwrap(),
        sample(SHEET),
        "kept as sent"
    );
    assert_eq!(names(ws.path()), [SHEET], "no staging left");
    upload(&server, "%E5%8F%B0%E8%B4%A6.xlsx", &sample("进度台账.xlsx"));
    let listed = get(&server, "/api/sheets").json();
    assert_eq!(listed[0]["name"], "台账.xlsx", "the last opened first");
    let again = get(&server, &format!("/api/sheets/{SHEET_IN_PATH}"));
    assert_eq!(again.json()["rows"], read["rows"]);
    assert_eq!(get(&server, "/api/sheets").json()[0]["name"], SHEET);
}

#[test]
fn each_download_is_what_the_command_line_writes() {
    let (ws, server) = started();
    upload(&server, SHEET_IN_PATH, &sample(SHEET));
    upload(&server, "%E5%8F%B0%E8%B4%A6.xlsx", &sample("进度台账.xlsx"));
    let cli = tempfile::tempdir().unwrap();
    std::fs::copy(ws.path().join(SHEET), cli.path().join(SHEET)).unwrap();
    std::fs::copy(ws.path().join("台账.xlsx"), cli.path().join("台账.xlsx")).unwrap();
    let run = |args: &[&str]| assert!(dossier_in(cli.path(), args).status.success(), "{args:?}");
    run(&["table", SHEET, "-o", "表.docx", "--pdf"]);
    run(&[
        "tally",
        "台账.xlsx",
        "-o",
        "通报.docx",
        "--as-of",
        "2024-10-15",
        "--date",
        "2024-10-16",
        "--to",
        "各单位",
    ]);
    run(&["sheet-template", "-o", "空白.xlsx"]);
    let table = get(
        &server,
        &format!("/api/sheets/{SHEET_IN_PATH}/table?format=docx"),
    );
    assert_eq!(table.status, 200);
    assert_eq!(
        table.body,
        std::fs::read(cli.path().join("表.docx")).unwrap()
    );
    let disposition = table.header("content-disposition").unwrap();
    assert!(
        disposition.ends_with(SHEET_IN_PATH.replace(".xlsx", ".docx").as_str()),
        "{disposition}"
    );
    let pdf = get(
        &server,
        &format!("/api/sheets/{SHEET_IN_PATH}/table?format=pdf"),
    );
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_eq!(pdf.body, std::fs::read(cli.path().join("表.pdf")).unwrap());
    let tally = "/api/sheets/%E5%8F%B0%E8%B4%A6.xlsx/tally?as_of=2024-10-15&date=2024-10-16&to=%E5%90%84%E5%8D%95%E4%BD%8D";
    let docx = get(&server, &format!("{tally}&format=docx"));
    assert_eq!(
        docx.body,
        std::fs::read(cli.path().join("通报.docx")).unwrap()
    );
    let xlsx = get(&server, &format!("{tally}&format=xlsx"));
    assert_eq!(
        xlsx.body,
        std::fs::read(cli.path().join("通报.xlsx")).unwrap()
    );
    let blank = get(&server, "/api/sheet-template");
    assert_eq!(
        blank.body,
        std::fs::read(cli.path().join("空白.xlsx")).unwrap()
    );
    assert_eq!(
        names(ws.path()),
        [SHEET, "台账.xlsx"],
        "nothing written beside"
    );
}

#[test]
fn the_split_zip_holds_the_files_split_writes() {
    let (_ws, server) = started();
    upload(&server, SHEET_IN_PATH, &sample(SHEET));
    let cli = tempfile::tempdir().unwrap();
    std::fs::write(cli.path().join(SHEET), sample(SHEET)).unwrap();
    let args = [
        "split",
        SHEET,
        "-o",
        "清单",
        "--date",
        "2024-09-30",
        "--issuer",
        "市创建办",
    ];
    assert!(dossier_in(cli.path(), &args).status.success());
    let path = format!(
        "/api/sheets/{SHEET_IN_PATH}/split?date=2024-09-30&issuer=%E5%B8%82%E5%88%9B%E5%BB%BA%E5%8A%9E"
    );
    let (steps, end) = split_events(&server, start_split(&server, &path));
    assert_eq!(end["state"], "done", "{end}");
    assert_eq!(end["result"]["file"], "分解表-单位任务清单.zip");
    assert!(
        steps.iter().any(|s| s.starts_with("第 35/35 个单位：")),
        "{steps:?}"
    );
    let answer = get(&server, &path);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/zip"));
    assert_eq!(end["result"]["bytes"], answer.body.len());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(answer.body.clone())).unwrap();
    let written = common::file_names(&cli.path().join("清单"));
    assert_eq!(zip.len(), written.len());
    assert_eq!(
        zip.by_index(0).unwrap().name().unwrap(),
        "000-单位目录.docx",
        "the index first"
    );
    for name in &written {
        let mut entry = zip.by_name(name).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        assert_eq!(
            bytes,
            std::fs::read(cli.path().join("清单").join(name)).unwrap(),
            "{name}"
        );
        let time = entry.last_modified().unwrap();
        assert_eq!(
            (time.year(), time.month(), time.day()),
            (2024, 10, 1),
            "SOURCE_DATE_EPOCH"
        );
    }
    let again = split_events(&server, start_split(&server, &path)).1;
    assert_eq!(again["state"], "done");
    assert_eq!(
        get(&server, &path).body,
        answer.body,
        "the same bytes again"
    );
}

#[test]
fn a_bad_sheet_gets_the_command_lines_message_at_its_cell() {
    let (ws, server) = started();
    let cli = tempfile::tempdir().unwrap();
    for (file, place) in [
        ("missing_column.xlsx", "分解表!A1"),
        ("bad_date.xlsx", "分解表!F3"),
        ("not_a_sheet.xlsx", "not_a_sheet.xlsx"),
        ("password.xlsx", "password.xlsx"),
    ] {
        std::fs::write(cli.path().join(file), bad(file)).unwrap();
        let said = dossier_in(cli.path(), &["table", file, "-o", "表.docx"]);
        let said = String::from_utf8_lossy(&said.stderr).trim_end().to_string();
        let answer = upload(&server, file, &bad(file));
        assert_eq!(answer.status, 422, "{file}");
        let failure = answer.json();
        assert_eq!(failure["error"], said.as_str(), "{file}");
        assert_eq!(failure["place"], place, "{file}");
    }
    upload(&server, SHEET_IN_PATH, &sample(SHEET));
    let tally = get(&server, &format!("/api/sheets/{SHEET_IN_PATH}/tally"));
    assert_eq!(tally.status, 422);
    assert!(
        tally.json()["message"]
            .as_str()
            .unwrap()
            .contains("缺少「完成情况」列")
    );
    assert_eq!(
        names(ws.path()),
        [SHEET],
        "a sheet that does not read is not kept"
    );
}

#[test]
fn bad_options_are_refused_in_chinese() {
    let (_ws, server) = started();
    upload(&server, SHEET_IN_PATH, &sample(SHEET));
    let table = get(
        &server,
        &format!("/api/sheets/{SHEET_IN_PATH}/table?format=exe"),
    );
    assert_eq!(table.status, 400);
    assert!(
        table.json()["message"]
            .as_str()
            .unwrap()
            .contains("不认识的格式「exe」")
    );
    let split = server.send(
        "POST",
        &format!("/api/sheets/{SHEET_IN_PATH}/split?date=2024-02-30"),
        b"",
    );
    assert_eq!(split.status, 400);
    assert_eq!(split.json()["place"], "成文日期");
    assert!(
        split.json()["message"]
            .as_str()
            .unwrap()
            .contains("2月没有30日")
    );
    let sheet = get(
        &server,
        &format!("/api/sheets/{SHEET_IN_PATH}?sheet=..%2F..%2Fetc%2Fpasswd"),
    );
    assert_eq!(
        sheet.status, 422,
        "a sheet name is looked up among the sheets, nothing else"
    );
    assert!(
        sheet.json()["error"].as_str().unwrap().contains("分解表"),
        "the sheets listed"
    );
    let missing = get(&server, "/api/sheets/%E6%B2%A1%E6%9C%89.xlsx");
    assert_eq!(missing.status, 404);
    assert!(
        missing.json()["message"]
            .as_str()
            .unwrap()
            .contains("没有这个任务表")
    );
}

#[test]
fn a_name_that_is_a_path_is_refused_everywhere() {
    let (ws, server) = started();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join(SHEET), sample(SHEET)).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join(SHEET), ws.path().join("链接.xlsx")).unwrap();
    let names_tried = [
        "..%2F..%2Fetc%2Fpasswd.xlsx",
        "%2E%2E%2Fa.xlsx",
        "..%5Ca.xlsx",
        "C%3A%5Ca.xlsx",
        ".hidden.xlsx",
        "a.yaml",
        "a.xlsx%00.yaml",
        "%E9%93%BE%E6%8E%A5.xlsx",
    ];
    for name in names_tried {
        let put = upload(&server, name, &sample(SHEET));
        assert_eq!(put.status, 400, "PUT {name}");
        assert!(!put.json()["message"].as_str().unwrap().is_empty());
        for rest in ["", "/table", "/split", "/tally"] {
            let answer = get(&server, &format!("/api/sheets/{name}{rest}"));
            assert_eq!(answer.status, 400, "GET {name}{rest}");
        }
        let split = server.send("POST", &format!("/api/sheets/{name}/split"), b"");
        assert_eq!(split.status, 400, "POST {name}/split");
    }
    assert_eq!(get(&server, "/api/sheets/../a.xlsx").status / 100, 4);
    let mut left = names(ws.path());
    left.retain(|n| n != "链接.xlsx");
    assert!(left.is_empty(), "nothing written: {left:?}");
    assert!(
        get(&server, "/api/sheets")
            .json()
            .as_array()
            .unwrap()
            .is_empty(),
        "a link is not listed"
    );
}

#[test]
fn an_oversized_upload_is_refused_with_413() {
    let (ws, server) = started();
    let big = vec![b'a'; 33 << 20];
    let answer = upload(&server, "big.xlsx", &big);
    assert_eq!(answer.status, 413);
    assert!(
        answer.json()["message"]
            .as_str()
            .unwrap()
            .contains("32 MiB")
    );
    assert!(names(ws.path()).is_empty());
}

#[test]
fn random_bytes_are_refused_and_the_server_keeps_serving() {
    let (ws, server) = started();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let random: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    for name in ["r.xlsx", "r.xls", "r.ods"] {
        let answer = upload(&server, name, &random);
        assert_eq!(answer.status, 422, "{name}");
        assert!(answer.json()["error"].as_str().unwrap().starts_with(name));
    }
    let mut zipped = b"PK\x03\x04".to_vec();
    zipped.extend(&random);
    assert_eq!(upload(&server, "z.xlsx", &zipped).status, 422);
    assert!(names(ws.path()).is_empty(), "nothing kept, no staging left");
    assert_eq!(upload(&server, SHEET_IN_PATH, &sample(SHEET)).status, 200);
}

/// A sheet of `units` tasks, each for a unit of its own.
fn many_units(units: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("分解表").unwrap();
    for (col, header) in ["序号", "测评内容", "责任单位", "完成时限"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    for n in 1..=units {
        let row = n as u32;
        sheet.write_number(row, 0, n as f64).unwrap();
        sheet
            .write_string(row, 1, format!("落实第{n:03}项测评任务，按月报送进展"))
            .unwrap();
        sheet
            .write_string(row, 2, format!("青州市第{n:03}责任单位"))
            .unwrap();
        sheet.write_string(row, 3, "2024-09-30").unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_split_of_200_units_runs_as_a_job_with_progress_and_holds_up_nothing() {
    let (ws, server) = started();
    let answer = upload(&server, "many.xlsx", &many_units(200));
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.json()["units"].as_array().unwrap().len(), 200);
    let started = Instant::now();
    let id = start_split(&server, "/api/sheets/many.xlsx/split?date=2024-09-30");
    let ((steps, end), slowest) = std::thread::scope(|s| {
        let split = s.spawn(|| split_events(&server, id));
        let mut slowest = Duration::ZERO;
        while !split.is_finished() {
            let asked = Instant::now();
            assert_eq!(get(&server, "/api/sheets").status, 200);
            slowest = slowest.max(asked.elapsed());
            std::thread::sleep(Duration::from_millis(20));
        }
        (split.join().unwrap(), slowest)
    });
    let took = started.elapsed();
    assert_eq!(end["state"], "done", "{end}");
    assert_eq!(
        (end["done_files"].as_u64(), end["files"].as_u64()),
        (Some(200), Some(200))
    );
    let counted: Vec<&String> = steps
        .iter()
        .filter(|s| s.contains("/200 个单位：青州市第"))
        .collect();
    assert!(counted.len() > 1, "progress unit by unit: {steps:?}");
    assert!(counted.iter().any(|s| s.starts_with("第 200/200 个单位：")));
    let zip = get(&server, "/api/sheets/many.xlsx/split");
    assert_eq!(zip.status, 200);
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip.body)).unwrap();
    assert_eq!(archive.len(), 201, "200 notices and the index");
    assert_eq!(names(ws.path()), ["many-单位任务清单.zip", "many.xlsx"]);
    eprintln!("split of 200 units: {took:?}; slowest other answer meanwhile: {slowest:?}");
    assert!(
        slowest < Duration::from_millis(500),
        "{slowest:?} while splitting for {took:?}"
    );
}

#[test]
fn a_cancelled_split_leaves_no_file() {
    let (ws, server) = started();
    assert_eq!(upload(&server, "many.xlsx", &many_units(200)).status, 200);
    let before = get(&server, "/api/sheets/many.xlsx/split");
    assert_eq!(before.status, 404, "nothing to download before a split");
    assert!(
        before.json()["message"]
            .as_str()
            .unwrap()
            .contains("还没有生成")
    );
    let id = start_split(&server, "/api/sheets/many.xlsx/split?date=2024-09-30");
    let cancel = server.send("POST", &format!("/api/jobs/{id}/cancel"), b"");
    assert_eq!(cancel.status, 202);
    let (_, end) = split_events(&server, id);
    assert_eq!(end["state"], "cancelled", "{end}");
    assert!(end["error"]["message"].as_str().unwrap().contains("已取消"));
    assert!(
        end["done_files"].as_u64().unwrap() < 200,
        "stopped between units: {end}"
    );
    assert_eq!(names(ws.path()), ["many.xlsx"], "no ZIP, no temporary file");
    assert_eq!(get(&server, "/api/sheets/many.xlsx/split").status, 404);
}
