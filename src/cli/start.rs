//! A start with no arguments. Double-clicked on Windows (the console was made for dossier
//! alone), it serves the web page from a workspace in the user's Documents folder and opens the
//! browser, since a secretary who double-clicks has no command line to type one; started from
//! cmd or PowerShell, or anywhere else, it prints the help as always.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::error::{Error, Result};

use super::{show, windows};

/// Whether a start with `args` arguments (the program's own name counted) in a console shared
/// by `console_processes` processes is a double-click: no arguments, and a console holding
/// only dossier, which Windows makes when a console program is started from Explorer. A
/// console opened by cmd or PowerShell holds the shell too; no console at all counts 0.
///
/// ```
/// use dossier::cli::double_clicked;
/// assert!(double_clicked(1, 1), "Explorer made the console for dossier alone");
/// assert!(!double_clicked(1, 2), "cmd.exe shares its console: the help, as ever");
/// assert!(!double_clicked(2, 1), "arguments given: the command line");
/// assert!(!double_clicked(1, 0), "no console (Linux, or output redirected by a service)");
/// ```
pub fn double_clicked(args: usize, console_processes: u32) -> bool {
    args <= 1 && console_processes == 1
}

/// Whether this process was double-clicked.
pub(super) fn this_one() -> bool {
    double_clicked(std::env::args_os().len(), windows::console_processes())
}

/// Serves the page from Documents\dossier and opens it; on failure, says why and waits for
/// Enter, so the window does not close before the message is read.
pub(super) fn serve_from_documents() -> ExitCode {
    match serve_from(&windows::documents().join("dossier")) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("按回车键关闭这个窗口。");
            let _ = std::io::stdin().read_line(&mut String::new());
            ExitCode::from(1)
        }
    }
}

fn serve_from(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::file(dir, format!("无法建立工作文件夹：{e}")).with_hint(
            "检查“文档”文件夹能否写入，或在命令行里用 dossier serve --dir 指定别的文件夹",
        )
    })?;
    let opts = crate::serve::Options {
        port: None,
        dir: dir.to_path_buf(),
        listen: [127, 0, 0, 1].into(),
        open: true,
    };
    crate::serve::serve(&opts, |started| {
        show::serving(started);
        let mut out = std::io::stdout();
        let _ = writeln!(out, "方案文件保存在：{}", crate::error::shown(dir));
        let _ = writeln!(
            out,
            "用完后关闭这个窗口即可停止 dossier（关闭后网页不能再用）。"
        );
        let _ = out.flush();
    })
}
