//! `dossier serve` over HTTP: its security rules hold against requests a hostile page or a
//! rebound DNS name would send, and each operation answers what the command line gives for
//! the same input.

mod common;

use std::process::Command;

use common::server::Server;

fn workspace() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn fulian() -> Vec<u8> {
    std::fs::read(common::repo().join("schemes/fulian.yaml")).expect("sample")
}

/// `dossier ARGS` run in `dir`.
fn dossier_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("dossier runs")
}

#[test]
fn without_the_token_every_request_is_refused() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let host = [("Host", server.host.as_str())];
    for path in [
        "/",
        "/assets/page.js",
        "/api/schemes",
        "/api/schemes/a.yaml",
    ] {
        let answer = server.raw("GET", path, &host, b"");
        assert_eq!(answer.status, 403, "{path}");
        assert!(answer.json()["message"].as_str().unwrap().contains("口令"));
    }
    let wrong = server.raw(
        "GET",
        "/?token=00112233445566778899aabbccddeeff",
        &host,
        b"",
    );
    assert_eq!(wrong.status, 403);
    let bad_cookie = format!("dossier-{}=0123", server.port());
    let with = [("Host", server.host.as_str()), ("Cookie", &bad_cookie)];
    assert_eq!(server.raw("GET", "/api/schemes", &with, b"").status, 403);
}

#[test]
fn the_token_becomes_an_http_only_strict_cookie() {
    let ws = workspace();
    let server = Server::start(ws.path());
    assert_eq!(server.token.len(), 32, "128 random bits in hex");
    let host = [("Host", server.host.as_str())];
    let path = format!("/?token={}", server.token);
    let first = server.raw("GET", &path, &host, b"");
    assert_eq!(first.status, 303);
    assert_eq!(
        first.header("location"),
        Some("/"),
        "the token leaves the address"
    );
    let cookie = first.header("set-cookie").expect("a cookie");
    assert!(cookie.starts_with(&server.cookie()), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let page = server.send("GET", "/", b"");
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("通知与方案"));
    assert!(page.header("content-security-policy").is_some());
}

#[test]
fn a_host_other_than_its_own_is_refused() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let cookie = server.cookie();
    let other_port = format!("127.0.0.1:{}", server.port().parse::<u16>().unwrap() ^ 1);
    for host in [
        "rebound.example.com",
        &format!("evil.test:{}", server.port()),
        &other_port,
    ] {
        let headers = [("Host", host), ("Cookie", cookie.as_str())];
        let answer = server.raw("GET", "/api/schemes", &headers, b"");
        assert_eq!(answer.status, 403, "{host}");
        assert!(
            answer.json()["message"]
                .as_str()
                .unwrap()
                .contains("DNS 重绑定")
        );
    }
    let local = format!("localhost:{}", server.port());
    let headers = [("Host", local.as_str()), ("Cookie", cookie.as_str())];
    assert_eq!(server.raw("GET", "/api/schemes", &headers, b"").status, 200);
}

#[test]
fn a_change_from_another_origin_is_refused() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let cookie = server.cookie();
    let other_port = format!(
        "http://127.0.0.1:{}",
        server.port().parse::<u16>().unwrap() ^ 1
    );
    for origin in ["http://evil.example", "null", &other_port] {
        let headers = [
            ("Host", server.host.as_str()),
            ("Cookie", &cookie),
            ("Origin", origin),
        ];
        let answer = server.raw(
            "PUT",
            "/api/schemes/a.yaml",
            &headers,
            b"scheme: {title: x}\n",
        );
        assert_eq!(answer.status, 403, "{origin}");
        assert!(answer.json()["message"].as_str().unwrap().contains("跨站"));
    }
    assert!(!ws.path().join("a.yaml").exists(), "nothing written");
    assert_eq!(
        server.send("PUT", "/api/schemes/a.yaml", b"x: 1\n").status,
        204
    );
}

#[test]
fn an_oversized_body_is_refused_with_413() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let text = vec![b'a'; 9 << 20];
    let answer = server.send("POST", "/api/preview/a.yaml", &text);
    assert_eq!(answer.status, 413);
    assert!(answer.json()["message"].as_str().unwrap().contains("太大"));
    let upload = vec![0u8; 33 << 20];
    assert_eq!(
        server.send("POST", "/api/import/a.docx", &upload).status,
        413
    );
    assert_eq!(
        server.send("GET", "/api/schemes", b"").status,
        200,
        "still serving"
    );
}

#[test]
fn a_name_that_is_a_path_is_refused() {
    let ws = workspace();
    let inside = ws.path().join("ws");
    std::fs::create_dir(&inside).unwrap();
    std::fs::write(ws.path().join("secret.yaml"), "secret: 1\n").unwrap();
    let server = Server::start(&inside);
    for name in [
        "..%2Fsecret.yaml",
        "a%2Fb.yaml",
        "%2Ftmp%2Fx.yaml",
        "..",
        "a%5Cb.yaml",
        ".hidden.yaml",
        "x.docx",
    ] {
        for (method, kind) in [("GET", "schemes"), ("PUT", "schemes"), ("POST", "preview")] {
            let answer = server.send(
                method,
                &format!("/api/{kind}/{name}"),
                b"scheme: {title: x}\n",
            );
            assert!(
                (400..=404).contains(&answer.status),
                "{method} {kind} {name}: {}",
                answer.status
            );
        }
    }
    let draft = server.send(
        "POST",
        "/api/import/..%2Fa.txt",
        "一、总体要求\n".as_bytes(),
    );
    assert!((400..500).contains(&draft.status), "{}", draft.status);
    assert_eq!(
        std::fs::read_dir(&inside).unwrap().count(),
        0,
        "nothing written"
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(ws.path().join("secret.yaml"), inside.join("link.yaml"))
            .unwrap();
        let answer = server.send("GET", "/api/schemes/link.yaml", b"");
        assert_eq!(answer.status, 400);
        assert!(answer.json()["message"].as_str().unwrap().contains("链接"));
        assert_eq!(
            server
                .send("PUT", "/api/schemes/link.yaml", b"x: 2\n")
                .status,
            400
        );
        let secret = std::fs::read_to_string(ws.path().join("secret.yaml")).unwrap();
        assert_eq!(
            secret, "secret: 1\n",
            "the file the link names is untouched"
        );
    }
}

#[test]
fn preview_pages_are_those_render_draws() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let answer = server.send("POST", "/api/preview/fulian.yaml", &fulian());
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let pages = answer.json()["pages"].as_array().unwrap().clone();
    let svg_dir = ws.path().join("svg");
    let scheme = common::repo().join("schemes/fulian.yaml");
    let out = ws.path().join("out.docx");
    let run = common::dossier(&[
        "render",
        common::s(&scheme),
        "-o",
        common::s(&out),
        "--svg",
        common::s(&svg_dir),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let drawn = std::fs::read_dir(&svg_dir).unwrap().count();
    assert!(drawn > 1);
    assert_eq!(pages.len(), drawn);
    let first = std::fs::read_to_string(svg_dir.join("out-1.svg")).unwrap();
    assert_eq!(
        pages[0].as_str().unwrap(),
        first,
        "page 1 as render --svg draws it"
    );
}

#[test]
fn a_bad_scheme_gets_the_message_check_gives() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let bad = common::repo().join("tests/bad");
    for name in ["bad_date.yaml", "bad_period.yaml", "empty.yaml"] {
        let text = std::fs::read(bad.join(name)).unwrap();
        let answer = server.send("POST", &format!("/api/preview/{name}"), &text);
        assert_eq!(answer.status, 422, "{name}");
        let check = dossier_in(&bad, &["check", name]);
        assert!(!check.status.success());
        let said = String::from_utf8(check.stderr).unwrap();
        assert_eq!(
            answer.json()["error"].as_str().unwrap(),
            said.trim_end(),
            "{name}"
        );
    }
}

#[test]
fn an_imported_draft_is_the_yaml_import_writes() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let samples = common::repo().join("samples");
    let name = "台账管理办法.docx";
    let draft = std::fs::read(samples.join(name)).unwrap();
    let answer = server.send(
        "POST",
        "/api/import/%E5%8F%B0%E8%B4%A6%E7%AE%A1%E7%90%86%E5%8A%9E%E6%B3%95.docx",
        &draft,
    );
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let imported = dossier_in(&samples, &["import", name]);
    assert!(imported.status.success());
    let json = answer.json();
    assert_eq!(
        json["yaml"].as_str().unwrap(),
        String::from_utf8(imported.stdout).unwrap()
    );
    let said = String::from_utf8(imported.stderr).unwrap();
    for guess in json["guesses"].as_array().unwrap() {
        assert!(
            said.contains(guess.as_str().unwrap()),
            "{guess} is what import says"
        );
    }
    let pasted = server.send("POST", "/api/import/x.txt", &[0xff, 0xfe, 0x00]);
    assert!(
        (400..500).contains(&pasted.status),
        "random bytes: {}",
        pasted.status
    );
}

#[test]
fn the_docx_download_is_the_docx_render_writes() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let answer = server.send("POST", "/api/download/fulian.yaml?format=docx", &fulian());
    assert_eq!(answer.status, 200);
    let disposition = answer.header("content-disposition").unwrap();
    assert!(disposition.ends_with("''fulian.docx"), "{disposition}");
    let out = ws.path().join("rendered.docx");
    let scheme = common::repo().join("schemes/fulian.yaml");
    let run = common::dossier(&["render", common::s(&scheme), "-o", common::s(&out)]);
    assert!(run.status.success());
    assert!(answer.body == std::fs::read(&out).unwrap(), "byte for byte");
    let pdf = server.send("POST", "/api/download/fulian.yaml?format=pdf", &fulian());
    assert_eq!(pdf.status, 200, "{}", String::from_utf8_lossy(&pdf.body));
    let pdf_out = ws.path().join("rendered.pdf");
    let run = common::dossier(&["render", common::s(&scheme), "-o", common::s(&pdf_out)]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        pdf.body == std::fs::read(&pdf_out).unwrap(),
        "the PDF byte for byte"
    );
    assert_eq!(
        server
            .send("POST", "/api/download/fulian.yaml?format=exe", &fulian())
            .status,
        400
    );
    let unasked = server.send("POST", "/api/download/fulian.yaml", &fulian());
    assert_eq!(unasked.status, 400);
    assert!(
        unasked.json()["message"]
            .as_str()
            .unwrap()
            .contains("只有 docx 和 pdf")
    );
    let nowhere = server.send("GET", "/api/nothing", b"");
    assert_eq!(nowhere.status, 404);
    assert!(
        nowhere.json()["message"]
            .as_str()
            .unwrap()
            .contains("没有这个地址")
    );
}

#[test]
fn autosaved_text_is_listed_and_read_back_last_first() {
    let ws = workspace();
    std::fs::write(ws.path().join("旧方案.yaml"), "scheme: {title: 旧}\n").unwrap();
    std::fs::write(ws.path().join("说明.txt"), "not a scheme").unwrap();
    let server = Server::start(ws.path());
    let name = "%E6%96%B0%E6%96%B9%E6%A1%88.yaml";
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(
        server
            .send("PUT", &format!("/api/schemes/{name}"), &fulian())
            .status,
        204
    );
    assert_eq!(
        std::fs::read(ws.path().join("新方案.yaml")).unwrap(),
        fulian()
    );
    let list = server.send("GET", "/api/schemes", b"").json();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["新方案.yaml", "旧方案.yaml"],
        "the last saved first, schemes only"
    );
    let back = server.send("GET", &format!("/api/schemes/{name}"), b"");
    assert_eq!(back.body, fulian());
    assert_eq!(
        server.send("GET", "/api/schemes/none.yaml", b"").status,
        404
    );
}

#[test]
fn the_port_asked_for_is_used_and_a_missing_workspace_is_said() {
    let free = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let ws = workspace();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", &free.to_string(), "--dir"])
        .arg(ws.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    std::io::BufRead::read_line(&mut out, &mut line).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        line.contains(&format!("http://127.0.0.1:{free}/?token=")),
        "{line}"
    );
    let missing = ws.path().join("没有这个文件夹");
    let run = common::dossier(&["serve", "--dir", common::s(&missing)]);
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8(run.stderr).unwrap();
    assert!(said.contains("工作文件夹不存在"), "{said}");
}

#[test]
fn without_a_port_the_usual_one_is_taken_while_it_is_free() {
    let ws = workspace();
    let usual = dossier::serve::USUAL_PORT.to_string();
    // Something else on the machine may hold it; then only the fallback can be checked.
    let free = std::net::TcpListener::bind(("127.0.0.1", dossier::serve::USUAL_PORT)).is_ok();
    let first = Server::start_as_users_do(ws.path());
    if free {
        assert_eq!(first.port(), usual, "the same address as last time");
    }
    let second = Server::start_as_users_do(ws.path());
    assert_ne!(second.port(), usual, "taken: another port, not an error");
    assert_eq!(second.send("GET", "/api/schemes", b"").status, 200);
}

#[test]
fn a_save_over_a_file_changed_elsewhere_is_refused() {
    let ws = workspace();
    let server = Server::start(ws.path());
    let put = |headers: &[(&str, &str)], body: &[u8]| {
        let cookie = server.cookie();
        let mut all = vec![("Host", server.host.as_str()), ("Cookie", cookie.as_str())];
        all.extend_from_slice(headers);
        server.raw("PUT", "/api/schemes/a.yaml", &all, body)
    };
    let created = put(&[("If-None-Match", "*")], b"x: 1\n");
    assert_eq!(created.status, 204);
    let first = created.header("etag").unwrap().to_string();
    assert_eq!(
        put(&[("If-None-Match", "*")], b"x: 2\n").status,
        409,
        "a new file over one"
    );
    let read = server.send("GET", "/api/schemes/a.yaml", b"");
    assert_eq!(
        read.header("etag"),
        Some(first.as_str()),
        "the version read is the one saved"
    );
    let second = put(&[("If-Match", &first)], b"x: 3\n");
    assert_eq!(
        second.status, 204,
        "a save over the version it was edited from"
    );
    let stale = put(&[("If-Match", &first)], b"x: 4\n");
    assert_eq!(
        stale.status, 409,
        "the other page's save, edited from the first version"
    );
    assert!(
        stale.json()["message"]
            .as_str()
            .unwrap()
            .contains("已在别处改过")
    );
    assert_eq!(
        std::fs::read(ws.path().join("a.yaml")).unwrap(),
        b"x: 3\n",
        "not overwritten"
    );
}

#[test]
fn malformed_requests_get_4xx_and_the_server_keeps_serving() {
    use std::io::{Read, Write};
    let ws = workspace();
    let server = Server::start(ws.path());
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let long_header = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nX: {}\r\n\r\n",
        server.host,
        "a".repeat(1 << 20)
    );
    for bytes in [
        &garbage[..],
        long_header.as_bytes(),
        b"POST /api/preview/a.yaml HTTP/1.1\r\nContent-Length: x\r\n\r\n",
    ] {
        let mut stream = std::net::TcpStream::connect(&server.host).unwrap();
        let _ = stream.write_all(bytes);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let text = String::from_utf8_lossy(&answer);
        assert!(
            answer.is_empty() || text.starts_with("HTTP/1.1 4"),
            "{text}"
        );
    }
    let not_text = server.send("PUT", "/api/schemes/a.yaml", &garbage);
    assert_eq!(not_text.status, 400, "bytes that are no UTF-8 text");
    assert!(!ws.path().join("a.yaml").exists());
    assert_eq!(
        server.send("GET", "/api/schemes", b"").status,
        200,
        "still serving"
    );
}

/// The first line `dossier serve ARGS` prints and what it says on stderr by then, with `path`
/// first on PATH; the server is stopped after.
fn started_with(args: &[&str], path: &std::path::Path) -> (String, String) {
    use std::io::{BufRead, BufReader, Read};
    let paths = std::env::var_os("PATH").unwrap_or_default();
    let paths = std::env::join_paths(
        std::iter::once(path.to_path_buf()).chain(std::env::split_paths(&paths)),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("serve")
        .args(args)
        .env("PATH", paths)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let mut said = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut said)
        .unwrap();
    (line, said)
}

#[cfg(unix)]
#[test]
fn open_starts_the_browser_on_the_address_and_listen_warns() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace();
    let bin = ws.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let opened = ws.path().join("opened.txt");
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let script = format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display());
    std::fs::write(bin.join(opener), script).unwrap();
    std::fs::set_permissions(bin.join(opener), std::fs::Permissions::from_mode(0o755)).unwrap();
    let (line, said) = started_with(&["--open", "--dir", common::s(ws.path())], &bin);
    let started = std::time::Instant::now();
    while !opened.exists() {
        assert!(
            started.elapsed().as_secs() < 10,
            "the browser was not opened"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    let url = std::fs::read_to_string(&opened).unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:") && line.trim_end().ends_with(&url),
        "{url} {line}"
    );
    assert!(!said.contains("警告"), "{said}");
    let (line, said) = started_with(
        &["--listen", "0.0.0.0", "--dir", common::s(ws.path())],
        &bin,
    );
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    assert!(
        said.contains("警告：正在监听 0.0.0.0，不只是本机"),
        "{said}"
    );
}
