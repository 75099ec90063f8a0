use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dossier::error::Error;
use dossier::render::{self, Options};
use dossier::write::atomic;

/// 把创建文明城市工作的方案文件排成符合 GB/T 9704-2012 的公文。
#[derive(Parser)]
#[command(name = "dossier", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 把方案文件（YAML）排成通知及其附件（DOCX），输出每个文件的路径。
    Render {
        /// 方案文件（YAML）
        scheme: PathBuf,
        /// 输出目录（默认：方案文件所在目录）
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        /// 模板目录：其中与内置模板同名的 .tera 文件替换内置模板
        #[arg(long)]
        templates: Option<PathBuf>,
        /// 字体方案：gb2312（默认）或 win10
        #[arg(long)]
        fonts: Option<String>,
    },
    /// 检查方案文件和模板，不写任何文件。
    Check {
        /// 方案文件（YAML）
        scheme: PathBuf,
        /// 模板目录
        #[arg(long)]
        templates: Option<PathBuf>,
        /// 字体方案
        #[arg(long)]
        fonts: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Render {
            scheme,
            out,
            templates,
            fonts,
        } => {
            if let Some(dir) = out.as_ref().filter(|d| !d.is_dir()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::file(dir, format!("无法创建输出目录：{e}")))?;
            }
            let opts = Options {
                out_dir: out,
                templates,
                fonts,
            };
            let doc = render::render(&scheme, &opts)?;
            atomic::write(&doc.path, &doc.bytes)?;
            println!("{}", doc.path.display());
        }
        Command::Check {
            scheme,
            templates,
            fonts,
        } => {
            let opts = Options {
                out_dir: None,
                templates,
                fonts,
            };
            render::render(&scheme, &opts)?;
            println!("{}: 检查通过", scheme.display());
        }
    }
    Ok(())
}
