//! The command line: the words of each command (`args`), one call into the application layer
//! per command, and what is printed of its report (`show`). Exit codes: 0 done, 1 bad input or
//! a failed run (the message says which and where), 2 a usage error (clap's), 3 a bug. `lint`
//! answers a question, so its codes say the answer: 0 no deviation, 1 deviations found, 2 a
//! document that cannot be read.

mod args;
mod progress;
mod show;
mod start;
mod windows;

use std::process::ExitCode;

use clap::Parser;

use crate::app;
use crate::error::Result;
use crate::write::staging;
use args::{Cli, Command};
use progress::Terminal;
pub use start::double_clicked;

/// Runs the command line; double-clicked on Windows, serves the web page (see `start`).
pub fn main() -> ExitCode {
    if start::this_one() {
        report_panics();
        clean_up_when_interrupted();
        return start::serve_from_documents();
    }
    let cli = Cli::parse();
    report_panics();
    clean_up_when_interrupted();
    // A reader's panic on a damaged file is caught and reported as bad input.
    crate::read::guard::quiet_guarded_panics();
    match std::panic::catch_unwind(|| run(cli.command)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
        Err(_) => {
            // Outputs a panic caught halfway through a commit are put back.
            drop(staging::abandon());
            ExitCode::from(3)
        }
    }
}

/// Exit code of a run stopped by Ctrl-C or a termination signal, as shells report SIGINT.
const INTERRUPTED: i32 = 130;

/// On Ctrl-C or SIGTERM, nothing half-written stays: staged files go and a commit in
/// progress is undone before the process exits.
fn clean_up_when_interrupted() {
    crate::template::budget::set_exit(exit_abandoning);
    let installed = ctrlc::set_handler(|| {
        eprintln!("已中断：写了一半的文件已删除，未完成的改名已撤销，输出位置保持原样");
        exit_abandoning(INTERRUPTED);
    });
    if let Err(e) = installed {
        eprintln!(
            "警告：无法处理 Ctrl-C（{e}），中断时可能留下 .dossier-* 临时文件，下次写到同一位置时会清除"
        );
    }
}

/// Ends the process with `code` once staged files are removed and a commit in progress is
/// undone; nothing more is written before it ends.
fn exit_abandoning(code: i32) -> ! {
    let _held = staging::abandon();
    std::process::exit(code)
}

/// A bug must not look like a crash dump to a secretary: one Chinese line says what to do.
/// Every output is written atomically, so a panic leaves nothing half-written.
fn report_panics() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "错误：dossier 内部错误（{what}，{place}），没有写出任何文件。\n  提示：请把所用的输入文件和这段信息发给维护者"
        );
    }));
}

fn run(command: Command) -> Result<ExitCode> {
    let listener = &mut Terminal::new();
    let done = match command {
        Command::Render(a) => {
            let verbose = a.verbose();
            show::render(&app::render::render(&a.request())?, verbose)
        }
        Command::Check {
            scheme,
            look,
            confine,
        } => show::checked(
            app::check::check(&scheme, &look.look(), confine.files()),
            &scheme,
        ),
        Command::Import(a) => show::imported(&app::import::import(&a.request(), listener)?),
        Command::Table(a) => show::all_written(&app::table::table(&a.request(), listener)?),
        Command::Split(a) => show::split(&app::split::split(&a.request()?, listener)?),
        Command::Tally(a) => show::tallied(&app::tally::tally(&a.request()?, listener)?),
        Command::Bundle(a) => {
            show::bundled(&app::bundle::bundle(a.evidence(), &a.options(), listener)?)
        }
        Command::Verify { archives } => show::verified(&app::verify::verify_all(&archives)),
        Command::SheetTemplate { out } => {
            show::written(&app::sheet_template::sheet_template(&out)?)
        }
        Command::Format(a) => show::render(&app::format::format(&a.request(), listener)?, false),
        Command::Serve(a) => crate::serve::serve(&a.options(), show::serving),
        Command::Lint { documents } => {
            let reports = documents.iter().map(|d| (d, app::lint::lint(d)));
            return Ok(show::linted(reports));
        }
    };
    done.map(|()| ExitCode::SUCCESS)
}
