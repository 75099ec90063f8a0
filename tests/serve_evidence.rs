//! The 佐证材料 part of `dossier serve` over HTTP: background jobs (progress over server-sent
//! events, cancel, a disconnected stream, the limit on jobs), the folder chooser, and plan,
//! bundle, verify and 材料目录 answering what the command line gives for samples/佐证材料.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;

use common::server::{Answer, Server};
use serde_json::{Value, json};

/// A workspace holding with-table.yaml and the sheet it reads.
fn workspace() -> tempfile::TempDir {
    common::with_table_workspace()
}

fn samples() -> String {
    common::repo()
        .join("samples/佐证材料")
        .to_string_lossy()
        .into_owned()
}

const EPOCH: [(&str, &str); 1] = [("SOURCE_DATE_EPOCH", "1700000000")];

/// `dossier ARGS` in `dir`, with `SOURCE_DATE_EPOCH` set.
fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .envs(EPOCH)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn post(server: &Server, path: &str, body: Value) -> Answer {
    server.send("POST", path, body.to_string().as_bytes())
}

fn events(server: &Server, id: u64) -> Vec<(String, Value)> {
    server.job_events(id)
}

fn start_bundle(server: &Server, folder: &str, out: &str) -> Answer {
    let asked = json!({ "folder": folder, "scheme": "with-table.yaml", "out": out });
    post(server, "/api/evidence/bundle", asked)
}

fn finished(server: &Server, id: u64) -> Value {
    server.job_finished(id)
}

/// A folder big enough that bundling it takes a while: incompressible text files that the
/// archive deflates, each indicator's folder by its code.
fn big_folder() -> tempfile::TempDir {
    let folders = ["01 理论学习", "02 理想信念"];
    common::random_evidence(&folders, 100, 512 << 10, |n| format!("记录{n}.txt"))
}

/// What the workspace holds besides the two files put there.
fn made_in(ws: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(ws)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "with-table.yaml" && n != "分解表.xlsx")
        .collect();
    names.sort();
    names
}

#[test]
fn the_plan_is_what_the_command_line_reports() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let plan = post(
        &server,
        "/api/evidence/plan",
        json!({ "folder": samples(), "scheme": "with-table.yaml" }),
    );
    assert_eq!(plan.status, 200, "{}", String::from_utf8_lossy(&plan.body));
    let plan = plan.json();
    let out = tempfile::tempdir().unwrap();
    let run = cli(
        ws.path(),
        &[
            "bundle",
            &samples(),
            "--scheme",
            "with-table.yaml",
            "-o",
            out.path().join("包.zip").to_str().unwrap(),
            "--confine",
        ],
    );
    assert!(run.status.success());
    let said = String::from_utf8(run.stderr).unwrap();
    for pair in plan["set_aside"].as_array().unwrap() {
        let line = format!(
            "{}: {}",
            pair[0].as_str().unwrap(),
            pair[1].as_str().unwrap()
        );
        assert!(said.lines().any(|l| l == line), "{line} not in {said}");
    }
    assert_eq!(plan["set_aside"].as_array().unwrap().len(), 2);
    assert!(said.contains(&format!(
        "已打包 {} 个文件，共 1.2 KB；{} 项指标中 {} 项有材料",
        plan["files"], plan["indicators"], plan["covered"]
    )));
    let entries = plan["entries"].as_array().unwrap();
    assert_eq!(entries[0]["name"], "01 理论学习中心组");
    assert!(entries[0]["indicator"].as_str().unwrap().starts_with("1 "));
    assert_eq!(entries[3]["name"], "其他材料");
    assert_eq!(entries[3]["indicator"], Value::Null);
    assert_eq!(entries[3]["folder"], "data/未对应指标");
    assert_eq!(plan["missing"].as_array().unwrap().len(), 28);
    assert!(made_in(ws.path()).is_empty(), "a plan writes nothing");
}

#[test]
fn a_bundle_job_streams_its_progress_and_writes_the_cli_archive() {
    let ws = workspace();
    let server = Server::start_with(ws.path(), &EPOCH);
    let id = start_bundle(&server, &samples(), "材料包.zip").job_id();
    let seen = events(&server, id);
    let (last, progress) = seen.split_last().unwrap();
    assert_eq!(last.0, "end");
    assert_eq!(last.1["state"], "done", "{}", last.1);
    assert!(progress.iter().all(|(name, _)| name == "progress"));
    assert_eq!(
        (last.1["done_files"].as_u64(), last.1["files"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(last.1["result"]["archives"], json!(["材料包.zip"]));
    assert_eq!(
        made_in(ws.path()),
        ["材料包.zip"],
        "no temporary file is left"
    );
    let other = tempfile::tempdir().unwrap();
    let scheme = ws.path().join("with-table.yaml");
    let run = cli(
        other.path(),
        &[
            "bundle",
            &samples(),
            "--scheme",
            scheme.to_str().unwrap(),
            "-o",
            "材料包.zip",
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let served = std::fs::read(ws.path().join("材料包.zip")).unwrap();
    assert_eq!(
        served,
        std::fs::read(other.path().join("材料包.zip")).unwrap()
    );
    let download = server.send(
        "GET",
        "/api/evidence/files/%E6%9D%90%E6%96%99%E5%8C%85.zip",
        b"",
    );
    assert_eq!(download.status, 200);
    assert_eq!(download.body, served, "the download is the archive");
    // A second stream of a finished job gives its end at once.
    assert_eq!(events(&server, id), std::slice::from_ref(last));
}

#[test]
fn verify_and_the_catalogue_answer_as_the_command_line() {
    let ws = workspace();
    let server = Server::start_with(ws.path(), &EPOCH);
    let id = start_bundle(&server, &samples(), "材料包.zip").job_id();
    assert_eq!(finished(&server, id)["state"], "done");
    let run = cli(ws.path(), &["verify", "材料包.zip"]);
    let by_name = post(
        &server,
        "/api/evidence/verify",
        json!({ "name": "材料包.zip" }),
    )
    .json();
    assert_eq!(by_name["ok"], true);
    assert_eq!(
        by_name["lines"],
        json!([String::from_utf8(run.stdout).unwrap().trim_end()])
    );
    let zip = ws.path().join("材料包.zip");
    let by_path = post(&server, "/api/evidence/verify", json!({ "path": zip })).json();
    assert_eq!(by_path["ok"], true);
    // A damaged copy fails alike by upload and on the command line.
    let mut bytes = std::fs::read(&zip).unwrap();
    // The first entry's data, past its local header, name and extra field.
    let field = |at: usize| usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
    let at = 30 + field(26) + field(28) + 10;
    bytes[at] ^= 0xff;
    std::fs::write(ws.path().join("坏包.zip"), &bytes).unwrap();
    let upload = server.send(
        "POST",
        "/api/evidence/upload?name=%E5%9D%8F%E5%8C%85.zip",
        &bytes,
    );
    let upload = upload.json();
    assert_eq!(upload["ok"], false);
    let run = cli(ws.path(), &["verify", "坏包.zip"]);
    assert!(!run.status.success());
    let said = String::from_utf8(run.stderr).unwrap();
    let lines: Vec<&str> = upload["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(!lines.is_empty());
    for line in &lines {
        assert!(said.contains(line), "{line} not in {said}");
    }
    let catalogue = server.send(
        "GET",
        "/api/evidence/catalogue/%E6%9D%90%E6%96%99%E5%8C%85.zip",
        b"",
    );
    assert_eq!(catalogue.status, 200);
    let sheets = catalogue.json()["sheets"].clone();
    assert_eq!(sheets[0]["name"], "材料目录");
    assert_eq!(
        sheets[0]["rows"].as_array().unwrap().len(),
        5,
        "one row per file"
    );
    assert_eq!(sheets[1]["name"], "缺少材料");
    assert_eq!(sheets[1]["rows"].as_array().unwrap().len(), 28);
    assert_eq!(sheets[2]["rows"][1][0], "01 理论学习中心组/Thumbs.db");
}

#[test]
fn a_cancelled_job_leaves_no_file() {
    let ws = workspace();
    let big = big_folder();
    let server = Server::start(ws.path());
    let id = start_bundle(&server, big.path().to_str().unwrap(), "大包.zip").job_id();
    let cancel = server.send("POST", &format!("/api/jobs/{id}/cancel"), b"");
    assert_eq!(cancel.status, 202);
    let end = events(&server, id).pop().unwrap();
    assert_eq!(end.1["state"], "cancelled", "{}", end.1);
    assert!(
        end.1["error"]["message"]
            .as_str()
            .unwrap()
            .contains("已取消")
    );
    assert!(
        made_in(ws.path()).is_empty(),
        "left: {:?}",
        made_in(ws.path())
    );
    let again = server.send("POST", &format!("/api/jobs/{id}/cancel"), b"");
    assert_eq!(again.status, 409);
    assert!(
        again.json()["message"]
            .as_str()
            .unwrap()
            .contains("已经结束")
    );
}

#[test]
fn a_closed_event_stream_stops_nothing_and_jobs_are_limited() {
    let ws = workspace();
    let big = big_folder();
    let server = Server::start(ws.path());
    let folder = big.path().to_str().unwrap();
    let first = start_bundle(&server, folder, "一.zip").job_id();
    let second = start_bundle(&server, folder, "二.zip").job_id();
    let third = start_bundle(&server, folder, "三.zip");
    assert_eq!(third.status, 429);
    assert!(
        third.json()["message"]
            .as_str()
            .unwrap()
            .contains("同时最多 2 项")
    );
    // A page that reads the first event and goes away.
    let mut stream = TcpStream::connect(&server.host).unwrap();
    let head = format!(
        "GET /api/jobs/{first}/events HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\n\r\n",
        server.host,
        server.cookie()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut buf = [0u8; 512];
    let n = stream.read(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).contains("200 OK"));
    drop(stream);
    assert_eq!(finished(&server, first)["state"], "done");
    assert_eq!(finished(&server, second)["state"], "done");
    assert_eq!(made_in(ws.path()), ["一.zip", "二.zip"]);
    let verified = post(&server, "/api/evidence/verify", json!({ "name": "一.zip" })).json();
    assert_eq!(verified["ok"], true, "{verified}");
    assert_eq!(verified["checked"], 200);
}

#[test]
fn the_folder_chooser_lists_folders_only() {
    let ws = workspace();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("01 理论学习")).unwrap();
    std::fs::create_dir(dir.path().join(".隐藏")).unwrap();
    std::fs::write(dir.path().join("机密.txt"), "不可外泄的内容").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("01 理论学习"), dir.path().join("捷径")).unwrap();
    let server = Server::start(ws.path());
    let query = |p: &str| {
        let bytes: String = p.bytes().map(|b| format!("%{b:02X}")).collect();
        server.send("GET", &format!("/api/folders?path={bytes}"), b"")
    };
    let listed = query(dir.path().to_str().unwrap());
    assert_eq!(listed.status, 200);
    let text = String::from_utf8_lossy(&listed.body).into_owned();
    assert!(
        !text.contains("机密") && !text.contains("不可外泄"),
        "{text}"
    );
    assert!(!text.contains("隐藏"), "{text}");
    let listed = listed.json();
    assert_eq!(listed["files"], 1);
    let folders = listed["folders"].as_array().unwrap();
    assert_eq!(folders[0]["name"], "01 理论学习");
    assert_eq!(folders[0]["link"], false);
    #[cfg(unix)]
    assert_eq!(
        (folders[1]["name"].as_str(), folders[1]["link"].as_bool()),
        (Some("捷径"), Some(true))
    );
    let starts = server.send("GET", "/api/folders", b"").json();
    assert!(
        starts["folders"][0]["name"]
            .as_str()
            .unwrap()
            .starts_with("工作文件夹")
    );
    let missing = query(&format!("{}/没有", dir.path().display()));
    assert_eq!(missing.status, 404);
    assert!(
        missing.json()["message"]
            .as_str()
            .unwrap()
            .contains("没有这个文件夹")
    );
    let file = query(dir.path().join("机密.txt").to_str().unwrap());
    assert_eq!(file.status, 400);
    assert!(
        file.json()["message"]
            .as_str()
            .unwrap()
            .contains("不是文件夹")
    );
    assert_eq!(query("相对/路径").status, 400);
}

#[test]
fn malformed_and_stray_requests_get_4xx_in_chinese() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let sample = samples();
    let cases: Vec<(&str, &str, Vec<u8>, u16)> = vec![
        (
            "POST",
            "/api/evidence/plan",
            b"\x00\xffnot json".to_vec(),
            400,
        ),
        (
            "POST",
            "/api/evidence/plan",
            br#"{"scheme": 3}"#.to_vec(),
            400,
        ),
        (
            "POST",
            "/api/evidence/plan",
            json!({ "folder": "佐证材料" }).to_string().into_bytes(),
            400,
        ),
        (
            "POST",
            "/api/evidence/plan",
            json!({ "folder": "/没有这个" }).to_string().into_bytes(),
            404,
        ),
        (
            "POST",
            "/api/evidence/plan",
            json!({ "folder": sample, "scheme": "../with-table.yaml" })
                .to_string()
                .into_bytes(),
            400,
        ),
        (
            "POST",
            "/api/evidence/bundle",
            json!({ "folder": sample }).to_string().into_bytes(),
            400,
        ),
        (
            "POST",
            "/api/evidence/bundle",
            json!({ "folder": sample, "out": "../出去.zip" })
                .to_string()
                .into_bytes(),
            400,
        ),
        (
            "POST",
            "/api/evidence/bundle",
            json!({ "folder": sample, "out": "/tmp/出去.zip" })
                .to_string()
                .into_bytes(),
            400,
        ),
        (
            "POST",
            "/api/evidence/bundle",
            json!({ "folder": sample, "out": "包.txt" })
                .to_string()
                .into_bytes(),
            400,
        ),
        ("POST", "/api/evidence/bundle", vec![b'{'; 100_000], 413),
        (
            "POST",
            "/api/evidence/verify",
            json!({ "name": "../a.zip" }).to_string().into_bytes(),
            400,
        ),
        (
            "POST",
            "/api/evidence/verify",
            json!({ "name": "a.zip", "path": "/a.zip" })
                .to_string()
                .into_bytes(),
            400,
        ),
        (
            "POST",
            "/api/evidence/verify",
            json!({ "path": "a.zip" }).to_string().into_bytes(),
            400,
        ),
        (
            "GET",
            "/api/evidence/files/..%2Fwith-table.yaml",
            vec![],
            400,
        ),
        ("GET", "/api/evidence/files/with-table.yaml", vec![], 400),
        (
            "GET",
            "/api/evidence/files/%E6%B2%A1%E6%9C%89.zip",
            vec![],
            404,
        ),
        (
            "GET",
            "/api/evidence/catalogue/..%2F..%2Fetc.zip",
            vec![],
            400,
        ),
        ("GET", "/api/jobs/abc", vec![], 404),
        ("GET", "/api/jobs/99/events", vec![], 404),
        ("POST", "/api/jobs/99/cancel", vec![], 404),
    ];
    for (method, path, body, status) in cases {
        let answer = server.send(method, path, &body);
        assert!(answer.status == status, "{method} {path}");
        answer.assert_refused(status);
    }
    let upload = server.send(
        "POST",
        "/api/evidence/upload?name=x.zip",
        b"random bytes, no zip",
    );
    assert_eq!(upload.status, 200);
    assert_eq!(upload.json()["ok"], false);
    assert!(
        made_in(ws.path()).is_empty(),
        "nothing written by a refused request"
    );
    assert_eq!(
        server.send("GET", "/api/schemes", b"").status,
        200,
        "still serving"
    );
}

/// Three folders of 400 KiB of random bytes each: more than a volume of 1 MiB holds.
fn folder_for_volumes() -> tempfile::TempDir {
    let folders = ["01 理论学习", "02 理想信念", "03 志愿服务"];
    common::random_evidence(&folders, 4, 100 << 10, |n| format!("照片{n}.jpg"))
}

/// Each entry of the archive at `path` read to its end (its CRC checked): its name and method.
fn entries_read(path: &Path) -> Vec<(String, zip::CompressionMethod)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            std::io::copy(&mut entry, &mut std::io::sink()).unwrap();
            (entry.name().unwrap().to_string(), entry.compression())
        })
        .collect()
}

#[test]
fn a_bundle_in_volumes_lists_each_volume_as_the_command_line_writes_it() {
    let ws = workspace();
    let folder = folder_for_volumes();
    let server = Server::start_with(ws.path(), &EPOCH);
    let asked = json!({ "folder": folder.path(), "out": "分卷.zip", "max_size": "1M" });
    let id = post(&server, "/api/evidence/bundle", asked).job_id();
    let end = finished(&server, id);
    assert_eq!(end["state"], "done", "{end}");
    let archives: Vec<String> = serde_json::from_value(end["result"]["archives"].clone()).unwrap();
    assert!(archives.len() >= 2, "{archives:?}");
    assert_eq!(end["result"]["master"], "分卷-总目录.xlsx");
    let other = tempfile::tempdir().unwrap();
    let dir = folder.path().to_str().unwrap();
    let run = cli(
        other.path(),
        &["bundle", dir, "-o", "分卷.zip", "--max-size", "1M"],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for name in &archives {
        let path = ws.path().join(name);
        assert!(std::fs::metadata(&path).unwrap().len() <= 1 << 20, "{name}");
        assert!(!entries_read(&path).is_empty(), "{name} opens");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(other.path().join(name)).unwrap(),
            "{name} as the command line writes it"
        );
        let url = format!(
            "/api/evidence/files/{}",
            name.replace('分', "%E5%88%86").replace('卷', "%E5%8D%B7")
        );
        let download = server.send("GET", &url, b"");
        assert_eq!(download.status, 200, "{name}");
        assert_eq!(download.body, std::fs::read(&path).unwrap());
    }
}

#[test]
fn a_bundle_stored_compresses_nothing() {
    let ws = workspace();
    let server = Server::start_with(ws.path(), &EPOCH);
    let asked = json!({ "folder": samples(), "scheme": "with-table.yaml", "out": "原样.zip", "store": true });
    let id = post(&server, "/api/evidence/bundle", asked).job_id();
    assert_eq!(finished(&server, id)["state"], "done");
    let evidence = |zip: &str| -> Vec<(String, zip::CompressionMethod)> {
        let all = entries_read(&ws.path().join(zip));
        all.into_iter()
            .filter(|(n, _)| n.starts_with("data/"))
            .collect()
    };
    let stored = evidence("原样.zip");
    assert_eq!(stored.len(), 5);
    assert!(
        stored
            .iter()
            .all(|(_, m)| *m == zip::CompressionMethod::Stored),
        "{stored:?}"
    );
    let id = start_bundle(&server, &samples(), "压缩.zip").job_id();
    assert_eq!(finished(&server, id)["state"], "done");
    let deflated = evidence("压缩.zip");
    assert!(
        deflated
            .iter()
            .any(|(_, m)| *m == zip::CompressionMethod::Deflated),
        "without store the text files are compressed: {deflated:?}"
    );
    let other = tempfile::tempdir().unwrap();
    let scheme = ws.path().join("with-table.yaml");
    let args = [
        "bundle",
        &samples(),
        "--scheme",
        scheme.to_str().unwrap(),
        "-o",
        "原样.zip",
        "--store",
    ];
    assert!(cli(other.path(), &args).status.success());
    assert_eq!(
        std::fs::read(ws.path().join("原样.zip")).unwrap(),
        std::fs::read(other.path().join("原样.zip")).unwrap()
    );
}

#[test]
fn a_bad_volume_size_is_refused_in_chinese_and_nothing_starts() {
    let ws = workspace();
    let server = Server::start(ws.path());
    for size in ["0", "-5M", "五百M", "500X"] {
        let asked = json!({ "folder": samples(), "out": "包.zip", "max_size": size });
        let answer = post(&server, "/api/evidence/bundle", asked);
        assert_eq!(answer.status, 400, "{size}");
        let said = answer.json();
        assert_eq!(said["place"], "每卷大小上限");
        assert_eq!(
            said["message"],
            format!("看不懂大小「{size}」，请写成 500M 或 2G 这样的形式"),
            "the command line's words"
        );
    }
    let folder = folder_for_volumes();
    let too_small = json!({ "folder": folder.path(), "out": "包.zip", "max_size": "300K" });
    let answer = post(&server, "/api/evidence/bundle", too_small);
    let end = if answer.status == 202 {
        finished(&server, answer.job_id())
    } else {
        answer.json()
    };
    let said = end.to_string();
    assert!(
        said.contains("照片"),
        "a file no volume can hold is named: {said}"
    );
    assert!(made_in(ws.path()).is_empty(), "{:?}", made_in(ws.path()));
}
