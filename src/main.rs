// The command line: no unwrap, expect or panic either (see lib.rs).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dossier::error::Error;
use dossier::read::{self, sheet};
use dossier::render::{self, Options};
use dossier::text::Date;
use dossier::write::archive::NameEncoding;
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
        /// 方案文件（YAML），可多个
        #[arg(required = true)]
        schemes: Vec<PathBuf>,
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
    /// 按责任单位拆分任务表：每个单位一份通知（附任务清单），另附单位目录。
    Split {
        /// 任务表文件
        sheet: PathBuf,
        /// 按哪一列拆分（目前只能按责任单位；牵头与配合单位都算）
        #[arg(long, default_value = "责任单位")]
        by: String,
        /// 输出目录
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
        #[command(flatten)]
        common: SheetArgs,
    },
    /// 由进度台账生成进度通报（DOCX），并把同样的数据写成 .xlsx 供跟踪。
    Tally {
        /// 进度台账文件（须有“完成情况”列）
        sheet: PathBuf,
        /// 输出的 DOCX 文件（同名 .xlsx 一并写出）
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
        /// 统计截止日期，完成时限早于它且未完成的任务算逾期（默认：今天）
        #[arg(long)]
        as_of: Option<String>,
        /// 通报标题（默认由台账标题生成）
        #[arg(long)]
        title: Option<String>,
        /// 主送机关
        #[arg(long, default_value = "各责任单位")]
        to: String,
        #[command(flatten)]
        common: SheetArgs,
    },
    /// 把佐证材料文件夹打包成带目录、校验清单的提交压缩包（可分卷），写完逐个回读校验。
    Bundle {
        /// 证据材料文件夹（每个指标一个子文件夹）
        evidence: PathBuf,
        /// 方案文件：按其中的 indicators（或 tasks 各行）对应文件夹
        #[arg(long)]
        scheme: Option<PathBuf>,
        /// 输出的 .zip 文件
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
        /// 每卷大小上限，如 500M、2G（默认不分卷）
        #[arg(long, value_parser = parse_size)]
        max_size: Option<u64>,
        /// 压缩包内文件名的编码：utf8（默认）或 gbk（附 Unicode 路径，供只认 GBK 的平台和旧版 Windows）
        #[arg(long, default_value = "utf8", value_parser = ["utf8", "gbk"])]
        name_encoding: String,
        /// 所有文件都不压缩、原样存入（最快；默认只压缩文本类文件，图片、PDF 等本来就原样存入）
        #[arg(long)]
        store: bool,
        /// 字体方案（材料目录）
        #[arg(long)]
        fonts: Option<String>,
        /// 模板目录
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// 按压缩包自带的清单逐个校验文件，报告缺失、多余和损坏的文件。
    Verify {
        /// 要校验的压缩包（可多个，如各分卷）
        #[arg(required = true)]
        archives: Vec<PathBuf>,
    },
    /// 写出一张空白测评任务分解表（.xlsx），供分发给各单位填写；填好后可直接导入。
    SheetTemplate {
        /// 输出的 .xlsx 文件
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
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

/// Options the commands that read a sheet and write signed documents share.
#[derive(clap::Args)]
struct SheetArgs {
    /// 工作表名称（默认：第一个工作表）
    #[arg(long = "sheet", value_name = "NAME")]
    sheet_name: Option<String>,
    /// 发文机关（署名）
    #[arg(long, default_value = DEFAULT_ISSUER)]
    issuer: String,
    /// 成文日期，如 2024-09-30（默认：今天）
    #[arg(long)]
    date: Option<String>,
    /// 字体方案：gb2312（默认）或 win10
    #[arg(long)]
    fonts: Option<String>,
    /// 模板目录
    #[arg(long)]
    templates: Option<PathBuf>,
}

/// Who signs a unit's notice or a bulletin when `--issuer` is not given.
const DEFAULT_ISSUER: &str = "创建全国文明城市工作指挥部办公室";

impl SheetArgs {
    fn load(&self, path: &std::path::Path) -> Result<sheet::Imported, Error> {
        load_sheet(path, self.sheet_name.clone())
    }

    fn signed(&self) -> Result<render::Signed, Error> {
        Ok(render::Signed {
            issuer: self.issuer.clone(),
            date: day(self.date.as_deref(), "--date")?.iso(),
        })
    }

    fn options(&self) -> Options {
        Options {
            out_dir: None,
            templates: self.templates.clone(),
            fonts: self.fonts.clone(),
        }
    }
}

/// Reads a task sheet (the first sheet, or `sheet_name`), reporting skipped rows on stderr.
fn load_sheet(
    path: &std::path::Path,
    sheet_name: Option<String>,
) -> Result<sheet::Imported, Error> {
    let opts = sheet::Options {
        sheet: sheet_name,
        headers: Vec::new(),
    };
    let imported = sheet::load(path, &opts)?;
    for w in &imported.warnings {
        eprintln!("{w}");
    }
    Ok(imported)
}

/// A date given on the command line, or today.
fn day(given: Option<&str>, flag: &str) -> Result<Date, Error> {
    match given {
        Some(s) => Date::parse(s).map_err(|e| Error::at(flag, e)),
        None => Ok(Date::today()),
    }
}

/// Writes a finished output file atomically, making its folder, and prints its path.
fn emit(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    make_parent(path)?;
    atomic::write(path, bytes)?;
    println!("{}", path.display());
    Ok(())
}

/// Makes the folder a file is to be written in.
fn make_parent(path: &std::path::Path) -> Result<(), Error> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => std::fs::create_dir_all(dir)
            .map_err(|e| Error::file(dir, format!("无法创建输出目录：{e}"))),
        _ => Ok(()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A bug must not look like a crash dump to a secretary: one Chinese line says what to do.
    // Every output is written atomically, so a panic leaves nothing half-written.
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
    // A reader's panic on a damaged file is caught and reported as bad input.
    dossier::read::guard::quiet_guarded_panics();
    match std::panic::catch_unwind(|| run(cli.command)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
        Err(_) => ExitCode::from(3),
    }
}

fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Render {
            schemes,
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
            let mut targets = std::collections::HashSet::new();
            let mut failed = 0;
            let mut ready = Vec::new();
            for result in render::render_many(&schemes, &opts)? {
                match result {
                    Ok(doc) if !targets.insert(doc.path.clone()) => {
                        failed += 1;
                        eprintln!(
                            "{}",
                            Error::file(&doc.path, "两个方案文件会写到同一个输出文件")
                                .with_hint("方案文件名不要重名，或分别指定 -o")
                        );
                    }
                    Ok(doc) => ready.push(doc),
                    Err(e) => {
                        failed += 1;
                        eprintln!("{e}");
                    }
                }
            }
            let files: Vec<_> = ready
                .iter()
                .map(|d| (d.path.as_path(), d.bytes.as_slice()))
                .collect();
            atomic::write_many(&files)?;
            for (path, _) in &files {
                println!("{}", path.display());
            }
            if failed > 0 {
                return Err(Error::at("", format!("{failed} 个方案文件没有排成"))
                    .with_hint("各自的错误见上；其余文件已写出"));
            }
        }
        Command::Import {
            sheet,
            sheet_name,
            out,
        } => {
            let imported = load_sheet(&sheet, sheet_name)?;
            let yaml = tasks_yaml(&imported, &sheet)?;
            match out {
                Some(path) => emit(&path, yaml.as_bytes())?,
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
                load_sheet(&input, sheet_name)?.table
            };
            let opts = Options {
                out_dir: None,
                templates,
                fonts,
            };
            let bytes = render::to_docx(&render::table_document(table), &opts)?;
            emit(&out, &bytes)?;
        }
        Command::Split {
            sheet,
            by,
            out,
            common,
        } => {
            if !["责任单位", "lead", "单位"].contains(&by.as_str()) {
                return Err(Error::at("--by", format!("不能按「{by}」拆分"))
                    .with_hint("目前只能按责任单位拆分（--by 责任单位）；配合单位也各得一份"));
            }
            let imported = common.load(&sheet)?;
            let (docs, index) =
                render::unit_documents(&imported.table, &common.options(), &common.signed()?)?;
            std::fs::create_dir_all(&out)
                .map_err(|e| Error::file(&out, format!("无法创建输出目录：{e}")))?;
            let index_path = out.join("000-单位目录.docx");
            let paths: Vec<_> = docs.iter().map(|d| out.join(&d.file)).collect();
            let mut files: Vec<_> = paths
                .iter()
                .zip(&docs)
                .map(|(p, d)| (p.as_path(), d.bytes.as_slice()))
                .collect();
            files.push((index_path.as_path(), index.as_slice()));
            atomic::write_many(&files)?;
            println!("{}", index_path.display());
            for d in &docs {
                println!("{}", out.join(&d.file).display());
            }
        }
        Command::Tally {
            sheet,
            out,
            as_of,
            title,
            to,
            common,
        } => {
            let imported = common.load(&sheet)?;
            let as_of = day(as_of.as_deref(), "--as-of")?;
            let title = title.unwrap_or_else(|| bulletin_title(imported.table.title.as_deref()));
            let tally = dossier::tally::tally(&imported.table, as_of, title)?;
            let docx = render::tally_document(&tally, &common.options(), &common.signed()?, &to)?;
            let xlsx = dossier::write::xlsx::tally_workbook(&tally)
                .map_err(|e| Error::file(&out, format!("无法生成 .xlsx：{e}")))?;
            emit(&out, &docx)?;
            emit(&out.with_extension("xlsx"), &xlsx)?;
        }
        Command::Bundle {
            evidence,
            scheme,
            out,
            max_size,
            name_encoding,
            store,
            fonts,
            templates,
        } => {
            let opts = dossier::bundle::Options {
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
                render: Options {
                    out_dir: None,
                    templates,
                    fonts,
                },
            };
            let report = dossier::bundle::bundle(&evidence, &opts)?;
            for (path, why) in &report.set_aside {
                eprintln!("{path}: {why}");
            }
            eprintln!(
                "已打包 {} 个文件，共 {}；{}",
                report.files,
                dossier::text::human_size(report.bytes),
                if report.indicators > 0 {
                    format!("{} 项指标中 {} 项有材料", report.indicators, report.covered)
                } else {
                    "未按指标对应（没有 --scheme）".to_string()
                }
            );
            for a in &report.archives {
                println!("{}", a.display());
            }
            if let Some(m) = &report.master {
                println!("{}", m.display());
            }
        }
        Command::Verify { archives } => {
            let mut bad = 0;
            for path in &archives {
                // One unreadable volume must not hide what the others hold.
                let f = match dossier::bundle::verify::verify(path) {
                    Ok(f) => f,
                    Err(e) => {
                        eprintln!("{e}");
                        bad += 1;
                        continue;
                    }
                };
                for (what, names) in [
                    ("缺失", &f.missing),
                    ("多余", &f.extra),
                    ("损坏", &f.corrupted),
                ] {
                    for n in names {
                        eprintln!("{}: {what}：{n}", path.display());
                    }
                }
                if f.ok() {
                    println!("{}: 校验通过，{} 个文件完好", path.display(), f.checked);
                } else {
                    bad += 1;
                }
            }
            if bad > 0 {
                return Err(Error::at("", format!("{bad} 个压缩包未通过校验"))
                    .with_hint("无法读取、缺失或损坏的文件见上；请重新打包或重新传输"));
            }
        }
        Command::SheetTemplate { out } => {
            let bytes = dossier::write::xlsx::sheet_template()
                .map_err(|e| Error::file(&out, format!("无法生成 .xlsx：{e}")))?;
            emit(&out, &bytes)?;
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

/// The `tasks:` part of a scheme file for an imported sheet.
fn tasks_yaml(imported: &sheet::Imported, path: &std::path::Path) -> Result<String, Error> {
    dossier::write::tasks_yaml::to_string(
        &imported.table,
        &path.display().to_string(),
        &imported.sheet,
    )
    .map_err(|e| Error::file(path, format!("无法生成 YAML：{e}")))
}

/// A bulletin title from the tally's own: `…推进台账` → `…推进情况通报`.
fn bulletin_title(sheet_title: Option<&str>) -> String {
    let base = sheet_title.unwrap_or("创建全国文明城市重点任务推进台账");
    let base = base
        .trim_end_matches("表")
        .trim_end_matches("台账")
        .trim_end_matches("推进")
        .trim_end_matches("进度");
    format!("关于{base}推进情况的通报")
}

/// A size as written on the command line: `700M`, `2G`, `1.5G`, `500MB`, or bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_uppercase();
    let t = t.strip_suffix('B').unwrap_or(&t);
    let (num, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let mult: f64 = match unit {
        "" => 1.0,
        "K" => 1024.0,
        "M" => 1024.0 * 1024.0,
        "G" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err(format!("看不懂大小「{s}」，请写成 500M 或 2G 这样的形式")),
    };
    match num.trim().parse::<f64>() {
        Ok(n) if n > 0.0 => Ok((n * mult) as u64),
        _ => Err(format!("看不懂大小「{s}」，请写成 500M 或 2G 这样的形式")),
    }
}
