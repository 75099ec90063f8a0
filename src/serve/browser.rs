//! Opens the page in the user's default browser, as each system does it.

use std::process::{Command, Stdio};

/// Opens `url` in the default browser; the reason it could not, in Chinese.
pub fn open(url: &str) -> Result<(), String> {
    let mut command = opener(url);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    match command.spawn() {
        Ok(_) => Ok(()),
        Err(e) => Err(format!(
            "无法打开浏览器（{e}），请把上面的地址复制到浏览器里打开"
        )),
    }
}

#[cfg(target_os = "windows")]
fn opener(url: &str) -> Command {
    let mut c = Command::new("cmd");
    // `start`'s first quoted argument is a window title; the empty one keeps the URL an URL.
    c.args(["/c", "start", "", url]);
    c
}

#[cfg(target_os = "macos")]
fn opener(url: &str) -> Command {
    let mut c = Command::new("open");
    c.arg(url);
    c
}

#[cfg(not(any(target_os = "windows", target_os = "macos")))]
fn opener(url: &str) -> Command {
    let mut c = Command::new("xdg-open");
    c.arg(url);
    c
}
