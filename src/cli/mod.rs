//! The command line: the words of each command (`args`), one call into the application layer
//! per command, and what is printed of its report (`show`). Exit codes: 0 done, 1 bad input or
//! a failed run (the message says which and where), 2 a usage error (clap's), 3 a bug.

mod args;
mod progress;
mod show;

use std::process::ExitCode;

use clap::Parser;

use crate::app;
use crate::error::Result;
use crate::write::archive::NameEncoding;
use args::{Cli, Command, day};
use progress::Terminal;

/// Runs the command line.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    report_panics();
    // A reader's panic on a damaged file is caught and reported as bad input.
    crate::read::guard::quiet_guarded_panics();
    match std::panic::catch_unwind(|| run(cli.command)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
        Err(_) => ExitCode::from(3),
    }
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

fn run(command: Command) -> Result<()> {
    let mut terminal = Terminal::new();
    match command {
        Command::Render { schemes, out, look } => {
            let req = app::render::Request {
                schemes,
                out_dir: out,
                look: look.look(),
            };
            show::render(&app::render::render(&req)?)
        }
        Command::Check { scheme, look } => {
            app::check::check(&scheme, &look.look())?;
            show::checked(&scheme);
            Ok(())
        }
        Command::Import {
            sheet,
            sheet_name,
            out,
        } => {
            let name = sheet_name.as_deref();
            show::imported(&app::import::import(
                &sheet,
                name,
                out.as_deref(),
                &mut terminal,
            )?);
            Ok(())
        }
        Command::Table {
            input,
            out,
            sheet_name,
            look,
        } => {
            let name = sheet_name.as_deref();
            let look = look.look();
            show::written(&app::table::table(
                &input,
                name,
                &out,
                &look,
                &mut terminal,
            )?);
            Ok(())
        }
        Command::Split {
            sheet,
            by,
            out,
            common,
        } => {
            let by = app::split::By::named(&by)?;
            let (look, signed) = (common.look.look(), common.signed()?);
            let name = common.sheet_name.as_deref();
            let r = app::split::split(&sheet, name, by, &out, &look, &signed, &mut terminal)?;
            show::split(&r);
            Ok(())
        }
        Command::Tally {
            sheet,
            out,
            as_of,
            title,
            to,
            common,
        } => {
            let req = app::tally::Request {
                as_of: day(as_of.as_deref(), "--as-of")?,
                signed: common.signed()?,
                look: common.look.look(),
                sheet_name: common.sheet_name,
                sheet,
                out,
                title,
                to,
            };
            show::tallied(&app::tally::tally(&req, &mut terminal)?);
            Ok(())
        }
        Command::Bundle {
            evidence,
            scheme,
            out,
            max_size,
            name_encoding,
            store,
            look,
        } => {
            let opts = app::bundle::Options {
                scheme,
                out,
                max_size,
                store,
                names: if name_encoding == "gbk" {
                    NameEncoding::Gbk
                } else {
                    NameEncoding::Utf8
                },
                threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
                look: look.look(),
            };
            show::bundled(&app::bundle::bundle(&evidence, &opts, &mut terminal)?);
            Ok(())
        }
        Command::Verify { archives } => show::verified(&app::verify::verify_all(&archives)),
        Command::SheetTemplate { out } => {
            show::written(&app::sheet_template::sheet_template(&out)?);
            Ok(())
        }
    }
}
