//! `dossier serve` started on a free port for a test, and a small HTTP/1.0 client for it (a
//! raw socket: the tests set Host, Origin and Cookie as an attacker would, which a browser-like
//! client would not let them).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running `dossier serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// Its output, held open: the server may print more.
    _output: BufReader<std::process::ChildStdout>,
    /// `127.0.0.1:PORT`.
    pub host: String,
    /// The printed address, token and all.
    pub url: String,
    /// The token.
    pub token: String,
}

/// An answer: status, headers (names in lower case) and body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!("{e}: {}", String::from_utf8_lossy(&self.body));
        })
    }

    /// Asserts this is a refusal with `status` and a message in Chinese, as every refused
    /// request gets.
    pub fn assert_refused(&self, status: u16) {
        let body = String::from_utf8_lossy(&self.body);
        assert_eq!(self.status, status, "{body}");
        let message = self.json()["message"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let chinese = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
        assert!(message.chars().any(|c| chinese(&c)), "{body}");
    }

    /// The body as JSON of an answer that must be 200 OK.
    pub fn ok_json(&self) -> serde_json::Value {
        let body = String::from_utf8_lossy(&self.body);
        assert_eq!(self.status, 200, "{body}");
        self.json()
    }

    /// The number of the background job this answer started (202 Accepted).
    pub fn job_id(&self) -> u64 {
        let body = String::from_utf8_lossy(&self.body);
        assert_eq!(self.status, 202, "{body}");
        self.json()["id"].as_u64().unwrap()
    }

    /// The first header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        let found = self.headers.iter().find(|(n, _)| n == name);
        found.map(|(_, v)| v.as_str())
    }
}

impl Server {
    /// Starts `dossier serve --port 0 --dir workspace` and reads the address it prints.
    pub fn start(workspace: &Path) -> Server {
        Server::start_with(workspace, &[])
    }

    /// Starts `dossier serve --port 0 --dir workspace` with `env` set (`SOURCE_DATE_EPOCH`).
    pub fn start_with(workspace: &Path, env: &[(&str, &str)]) -> Server {
        Server::launch(&["--port", "0"], workspace, env)
    }

    /// Starts `dossier serve --dir workspace` on the port it picks itself.
    pub fn start_as_users_do(workspace: &Path) -> Server {
        Server::launch(&[], workspace, &[])
    }

    fn launch(args: &[&str], workspace: &Path, env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("serve")
            .args(args)
            .arg("--dir")
            .arg(workspace)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("dossier serve starts");
        let mut line = String::new();
        let mut output = BufReader::new(child.stdout.take().expect("stdout"));
        output.read_line(&mut line).expect("a line");
        let url = line
            .split_whitespace()
            .find_map(|w| w.split('：').find(|p| p.starts_with("http://")))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        assert!(line.contains("请在浏览器里打开"), "{line}");
        let rest = url.strip_prefix("http://").expect("http");
        let (host, query) = rest.split_once("/?token=").expect("a token");
        Server {
            host: host.to_string(),
            token: query.to_string(),
            url,
            child,
            _output: output,
        }
    }

    /// The port.
    pub fn port(&self) -> &str {
        self.host.rsplit_once(':').expect("a port").1
    }

    /// The cookie the first visit sets.
    pub fn cookie(&self) -> String {
        format!("dossier-{}={}", self.port(), self.token)
    }

    /// `method path` with `body`, as the page sends it: its Host, cookie and Origin.
    pub fn send(&self, method: &str, path: &str, body: &[u8]) -> Answer {
        let origin = format!("http://{}", self.host);
        let headers = [
            ("Host", self.host.as_str()),
            ("Cookie", &self.cookie()),
            ("Origin", &origin),
        ];
        self.raw(method, path, &headers, body)
    }

    /// The events of job `id`'s stream, read to its end: (name, data) each.
    pub fn job_events(&self, id: u64) -> Vec<(String, serde_json::Value)> {
        let answer = self.send("GET", &format!("/api/jobs/{id}/events"), b"");
        assert_eq!(answer.status, 200);
        assert_eq!(answer.header("content-type"), Some("text/event-stream"));
        let text = String::from_utf8(answer.body).unwrap();
        text.split("\n\n")
            .filter_map(|block| {
                let field = |name: &str| {
                    block
                        .lines()
                        .find_map(|l| l.strip_prefix(name).map(str::to_string))
                };
                Some((
                    field("event: ")?,
                    serde_json::from_str(&field("data: ")?).unwrap(),
                ))
            })
            .collect()
    }

    /// Job `id`'s state once it is no longer running, polled for up to 120 s.
    pub fn job_finished(&self, id: u64) -> serde_json::Value {
        let started = std::time::Instant::now();
        loop {
            let now = self.send("GET", &format!("/api/jobs/{id}"), b"").json();
            if now["state"] != "running" {
                return now;
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(120),
                "job {id} never ended"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    /// `method path` with exactly `headers` and `body`.
    pub fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut stream = TcpStream::connect(&self.host).expect("connects");
        let mut head = format!(
            "{method} {path} HTTP/1.0\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).expect("head sent");
        // The server may answer (413) before reading a body that is too large, and close.
        let _ = stream.write_all(body);
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        parse(&raw)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn parse(raw: &[u8]) -> Answer {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no answer: {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .expect("status");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    Answer {
        status: status.parse().expect("a number"),
        headers,
        body: raw[end + 4..].to_vec(),
    }
}
