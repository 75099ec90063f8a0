use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dossier::error::Error;
use dossier::read::{self, sheet};
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
    /// 把任务表（.xlsx/.xlsm/.xls/.ods）导入为方案文件的 tasks 部分（YAML）。
    Import {
        /// 任务表文件
        sheet: PathBuf,
        /// 工作表名称（默认：第一个工作表）
        #[arg(long = "sheet", value_name = "NAME")]
        sheet_name: Option<String>,
        /// 输出的 YAML 文件（默认：输出到屏幕）
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
    },
    /// 把任务表或方案文件中的 tasks 排成测评任务分解表（DOCX）。
    Table {
        /// 任务表文件，或含 tasks 的方案文件（.yaml）
        input: PathBuf,
        /// 输出的 DOCX 文件
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
        /// 工作表名称（默认：第一个工作表）
        #[arg(long = "sheet", value_name = "NAME")]
        sheet_name: Option<String>,
        /// 字体方案：gb2312（默认）或 win10
        #[arg(long)]
        fonts: Option<String>,
        /// 模板目录
        #[arg(long)]
        templates: Option<PathBuf>,
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
        Command::Import {
            sheet,
            sheet_name,
            out,
        } => {
            let opts = sheet::Options {
                sheet: sheet_name,
                headers: Vec::new(),
            };
            let imported = sheet::load(&sheet, &opts)?;
            for w in &imported.warnings {
                eprintln!("{w}");
            }
            let yaml = tasks_yaml(&imported, &sheet)?;
            match out {
                Some(path) => {
                    atomic::write(&path, yaml.as_bytes())?;
                    println!("{}", path.display());
                }
                None => print!("{yaml}"),
            }
        }
        Command::Table {
            input,
            out,
            sheet_name,
            fonts,
            templates,
        } => {
            let is_scheme = input.extension().is_some_and(|e| e == "yaml" || e == "yml");
            let table = if is_scheme {
                read::scheme::load(&input)?.tasks.ok_or_else(|| {
                    Error::file(&input, "方案文件里没有 tasks（任务表）")
                        .with_hint("在方案文件中加入 tasks: {file: 分解表.xlsx}，或直接用 dossier table 分解表.xlsx")
                })?
            } else {
                let opts = sheet::Options {
                    sheet: sheet_name,
                    headers: Vec::new(),
                };
                let imported = sheet::load(&input, &opts)?;
                for w in &imported.warnings {
                    eprintln!("{w}");
                }
                imported.table
            };
            let opts = Options {
                out_dir: None,
                templates,
                fonts,
            };
            let bytes = render::to_docx(&render::table_document(table), &opts)?;
            atomic::write(&out, &bytes)?;
            println!("{}", out.display());
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

/// The `tasks:` part of a scheme file for an imported sheet, with a comment saying where it
/// came from.
fn tasks_yaml(imported: &sheet::Imported, path: &std::path::Path) -> Result<String, Error> {
    #[derive(serde::Serialize)]
    struct Part<'a> {
        tasks: &'a dossier::model::TaskTable,
    }
    let body = serde_norway::to_string(&Part {
        tasks: &imported.table,
    })
    .map_err(|e| Error::file(path, format!("无法生成 YAML：{e}")))?;
    Ok(format!(
        "# 由 dossier import 从「{}」的工作表「{}」导入；可整段放进方案文件。\n{body}",
        path.display(),
        imported.sheet
    ))
}
