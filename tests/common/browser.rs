//! A headless chromium driven over WebDriver (chromedriver), for the page's browser tests.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// chromedriver on a free port, stopped when dropped.
pub struct Driver(Child, u16);

impl Driver {
    /// Starts chromedriver and waits until it listens.
    pub fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(super::chromedriver())
            .arg(format!("--port={port}"))
            // On Linux chromium takes its own words' language from the environment.
            .env("LANGUAGE", "zh_CN")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver does not listen"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver(child, port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A headless chromium session; files it downloads go to `downloads` when given.
pub async fn browser(driver: &Driver, downloads: Option<&Path>) -> Client {
    let args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1600,1000",
        // Screenshots pixel for pixel at the window's size, whatever the display says.
        "--force-device-scale-factor=1",
        // Chromium's own words (the file chooser's 选择文件) in Chinese, as users see them.
        "--lang=zh-CN",
    ];
    let mut options = json!({ "binary": super::chromium(), "args": args });
    if let Some(dir) = downloads {
        options["prefs"] = json!({
            "download.default_directory": dir,
            "download.prompt_for_download": false,
        });
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.1))
        .await
        .expect("a chromium session")
}

/// The value of `script` once `ready` holds of it, polled for up to 60 s (a bundle or a
/// split on a busy machine takes a while).
pub async fn wait_for(
    client: &Client,
    script: &str,
    ready: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let value = client.execute(script, vec![]).await.expect("script runs");
        if ready(&value) {
            return value;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "waited 60 s for {script}: {value}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Where screenshots are kept: target/screenshots/.
pub fn screenshots() -> PathBuf {
    let dir = super::repo().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A screenshot of the page, kept as target/screenshots/`name`.png; its PNG bytes.
pub async fn shot(client: &Client, name: &str) -> Vec<u8> {
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshots().join(format!("{name}.png")), &png).unwrap();
    png
}

/// Clicks the element `css` finds.
pub async fn click(client: &Client, css: &str) {
    let found = client.find(Locator::Css(css)).await;
    found
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

/// The text of the element `css` finds, empty when there is none.
pub async fn text_of(client: &Client, css: &str) -> String {
    let script = format!("return document.querySelector('{css}')?.textContent || ''");
    let value = client.execute(&script, vec![]).await.unwrap();
    value.as_str().unwrap_or_default().to_string()
}

/// Each pixel of the PNG `png` as (x, y, [r, g, b]).
pub fn rgb_pixels(png: &[u8]) -> Vec<(usize, usize, [u8; 3])> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let width = info.width as usize;
    let samples = buf[..info.buffer_size()].chunks(info.color_type.samples());
    (samples.enumerate())
        .map(|(i, p)| (i % width, i / width, [p[0], p[1], p[2]]))
        .collect()
}
