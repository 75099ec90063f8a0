//! The command line's words: every command and option, as clap reads them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::app::{self, DEFAULT_ISSUER, Look, Signed};
use crate::error::{Error, Result};
use crate::layout::FONT_PROFILES;
use crate::read::scheme::Files;
use crate::text::Date;
use crate::write::archive::NameEncoding;

/// 把创建文明城市工作的方案文件排成符合 GB/T 9704-2012 的公文。
#[derive(Parser)]
#[command(name = "dossier", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// 把方案文件（YAML）排成通知及其附件（DOCX），输出每个文件的路径。
    Render(RenderArgs),
    /// 把任务表（.xlsx/.xlsm/.xls/.ods）导入为方案文件的 tasks 部分，或把 Word 草稿（.docx）导入为方案文件（YAML）。
    Import(ImportArgs),
    /// 把任务表或方案文件中的 tasks 排成测评任务分解表（DOCX）。
    Table(TableArgs),
    /// 按责任单位拆分任务表：每个单位一份通知（附任务清单），另附单位目录。
    Split(SplitArgs),
    /// 由进度台账生成进度通报（DOCX），并把同样的数据写成 .xlsx 供跟踪。
    Tally(TallyArgs),
    /// 把佐证材料文件夹打包成带目录、校验清单的提交压缩包（可分卷），写完逐个回读校验。
    Bundle(BundleArgs),
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
    /// 一键排版：把草稿（.docx/.txt/.md）导入并排成公文（DOCX，加 --pdf 同时出 PDF），提示要核对之处。
    Format(FormatArgs),
    /// 按 GB/T 9704-2012 检查写好的公文（.docx，谁做的都可以），逐条列出不合格式之处及其位置和条款；有问题时退出码为 1，文件读不了时为 2。
    Lint {
        /// 要检查的 Word 文档（.docx），可多个
        #[arg(required = true)]
        documents: Vec<PathBuf>,
    },
    /// 在本机启动网页界面：在浏览器里编辑方案文件、看排好的页面、导入草稿、下载 DOCX 和 PDF。
    Serve(ServeArgs),
    /// 检查方案文件和模板，不写任何文件。
    Check {
        /// 方案文件（YAML）
        scheme: PathBuf,
        #[command(flatten)]
        look: LookArgs,
        #[command(flatten)]
        confine: ConfineArgs,
    },
}

#[derive(clap::Args)]
pub struct RenderArgs {
    /// 方案文件（YAML），可多个
    #[arg(required = true)]
    schemes: Vec<PathBuf>,
    /// 输出目录（默认：方案文件所在目录）；只有一个方案文件时也可以是 .docx 或 .pdf 文件名
    #[arg(short = 'o', long = "out")]
    out: Option<PathBuf>,
    #[command(flatten)]
    look: LookArgs,
    #[command(flatten)]
    pdf: PdfArgs,
    /// 把每页另存为 SVG 图片（NAME-1.svg、NAME-2.svg …）到这个目录，供预览
    #[arg(long, value_name = "DIR")]
    svg: Option<PathBuf>,
    #[command(flatten)]
    confine: ConfineArgs,
}

impl RenderArgs {
    /// `--verbose` was given.
    pub fn verbose(&self) -> bool {
        self.pdf.verbose
    }

    pub fn request(self) -> app::render::Request {
        let look = Look {
            svg: self.svg.is_some(),
            ..self.pdf.with(self.look.look())
        };
        app::render::Request {
            schemes: self.schemes,
            out_dir: self.out,
            look,
            files: self.confine.files(),
            svg_dir: self.svg,
        }
    }
}

/// `dossier format DRAFT [-o OUT] [--pdf]`.
#[derive(clap::Args)]
pub struct FormatArgs {
    /// 草稿（Word .docx、文本 .txt 或 Markdown .md）
    draft: PathBuf,
    /// 输出目录或 .docx 文件名（默认：草稿所在目录，与草稿同名）
    #[arg(short = 'o', long = "out")]
    out: Option<PathBuf>,
    #[command(flatten)]
    look: LookArgs,
    #[command(flatten)]
    pdf: PdfArgs,
}

impl FormatArgs {
    pub fn request(self) -> app::format::Request {
        app::format::Request {
            input: self.draft,
            out: self.out,
            look: self.pdf.with(self.look.look()),
        }
    }
}

/// Whether to write a PDF too, and where more fonts are.
#[derive(clap::Args)]
pub struct PdfArgs {
    /// 同时在每个 .docx 旁写出同名 .pdf（由 dossier 自己排版，字体嵌入）
    #[arg(long)]
    pdf: bool,
    /// 另找字体的文件夹（可多次给出），PDF 用
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
    /// 列出 PDF 每种字体用的是哪个字体文件
    #[arg(long)]
    pub verbose: bool,
}

impl PdfArgs {
    /// `look` with the PDF asked for or not.
    fn with(self, look: Look) -> Look {
        Look {
            pdf: self.pdf,
            font_dirs: self.font_dirs,
            ..look
        }
    }
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// 任务表文件，或 Word 草稿（.docx，导入为方案文件）
    input: PathBuf,
    /// 工作表名称（默认：第一个可见的工作表）
    #[arg(long = "sheet", value_name = "NAME")]
    sheet_name: Option<String>,
    /// 输出的 YAML 文件（默认：输出到屏幕）
    #[arg(short = 'o', long = "out")]
    out: Option<PathBuf>,
}

impl ImportArgs {
    pub fn request(self) -> app::import::Request {
        app::import::Request {
            input: self.input,
            sheet_name: self.sheet_name,
            out: self.out,
        }
    }
}

#[derive(clap::Args)]
pub struct TableArgs {
    /// 任务表文件，或含 tasks 的方案文件（.yaml）
    input: PathBuf,
    /// 输出的 DOCX 文件
    #[arg(short = 'o', long = "out")]
    out: PathBuf,
    /// 工作表名称（默认：第一个可见的工作表）
    #[arg(long = "sheet", value_name = "NAME")]
    sheet_name: Option<String>,
    #[command(flatten)]
    look: LookArgs,
    #[command(flatten)]
    pdf: PdfArgs,
    #[command(flatten)]
    confine: ConfineArgs,
}

impl TableArgs {
    pub fn request(self) -> app::table::Request {
        app::table::Request {
            look: self.pdf.with(self.look.look()),
            files: self.confine.files(),
            input: self.input,
            sheet_name: self.sheet_name,
            out: self.out,
        }
    }
}

#[derive(clap::Args)]
pub struct SplitArgs {
    /// 任务表文件，或方案文件（用其中的 tasks 或 task_areas 里的任务）
    sheet: PathBuf,
    /// 按哪一列拆分（目前只能按责任单位；牵头与配合单位都算）
    #[arg(long, default_value = "责任单位")]
    by: String,
    /// 输出目录
    #[arg(short = 'o', long = "out")]
    out: PathBuf,
    /// 写明哪些写法是同一个单位的文件（YAML，如「市财政局: [财政局]」），同一单位只出一份清单
    #[arg(long, value_name = "FILE")]
    same_units: Option<PathBuf>,
    #[command(flatten)]
    common: SheetArgs,
}

impl SplitArgs {
    pub fn request(self) -> Result<app::split::Request> {
        Ok(app::split::Request {
            by: app::split::By::named(&self.by)?,
            signed: self.common.signed()?,
            look: self.common.pdf.with(self.common.look.look()),
            sheet_name: self.common.sheet_name,
            sheet: self.sheet,
            out: self.out,
            same_units: self.same_units,
            // Ctrl-C ends the whole process; nothing is written before every unit is made.
            cancel: app::Cancel::default(),
        })
    }
}

#[derive(clap::Args)]
pub struct TallyArgs {
    /// 进度台账文件（须有“完成情况”列），或引用这种台账的方案文件
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
    #[arg(long, default_value = app::tally::DEFAULT_TO)]
    to: String,
    #[command(flatten)]
    common: SheetArgs,
}

impl TallyArgs {
    pub fn request(self) -> Result<app::tally::Request> {
        Ok(app::tally::Request {
            as_of: day(self.as_of.as_deref(), "--as-of")?,
            signed: self.common.signed()?,
            look: self.common.pdf.with(self.common.look.look()),
            sheet_name: self.common.sheet_name,
            sheet: self.sheet,
            out: self.out,
            title: self.title,
            to: self.to,
        })
    }
}

#[derive(clap::Args)]
pub struct BundleArgs {
    /// 证据材料文件夹（每个指标一个子文件夹）
    evidence: PathBuf,
    /// 方案文件：按其中的 indicators（或 tasks 各行）对应文件夹
    #[arg(long)]
    scheme: Option<PathBuf>,
    /// 输出的 .zip 文件
    #[arg(short = 'o', long = "out")]
    out: PathBuf,
    /// 每卷大小上限，如 500M、2G（默认不分卷）
    #[arg(long, value_parser = app::bundle::parse_size)]
    max_size: Option<u64>,
    /// 压缩包内文件名的编码：utf8（默认）或 gbk（附 Unicode 路径，供只认 GBK 的平台和旧版 Windows）
    #[arg(long, default_value = "utf8", value_parser = ["utf8", "gbk"])]
    name_encoding: String,
    /// 所有文件都不压缩、原样存入（最快；默认只压缩文本类文件，图片、PDF 等本来就原样存入）
    #[arg(long)]
    store: bool,
    #[command(flatten)]
    look: LookArgs,
    #[command(flatten)]
    confine: ConfineArgs,
}

impl BundleArgs {
    /// The evidence folder.
    pub fn evidence(&self) -> &std::path::Path {
        &self.evidence
    }

    pub fn options(&self) -> app::bundle::Options {
        app::bundle::Options {
            scheme: self.scheme.clone(),
            out: self.out.clone(),
            max_size: self.max_size,
            store: self.store,
            names: if self.name_encoding == "gbk" {
                NameEncoding::Gbk
            } else {
                NameEncoding::Utf8
            },
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            look: self.look.look(),
            files: self.confine.files(),
            // Ctrl-C ends the whole process, removing what was staged (see `cli`).
            cancel: app::Cancel::default(),
        }
    }
}

/// How the documents look: every command that writes a document takes these.
#[derive(clap::Args)]
pub struct LookArgs {
    /// 模板目录：其中与内置模板同名的 .tera 文件替换内置模板
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// 字体方案：gb2312（默认）或 win10
    #[arg(long, long_help = fonts_help())]
    pub fonts: Option<String>,
}

impl LookArgs {
    /// The templates and fonts.
    pub fn look(&self) -> Look {
        Look {
            templates: self.templates.clone(),
            fonts: self.fonts.clone(),
            ..Look::default()
        }
    }
}

/// Which files a scheme file may make dossier read.
#[derive(clap::Args)]
pub struct ConfineArgs {
    /// 只读取方案文件所在文件夹里的表格（处理别人发来的方案文件时使用）
    #[arg(long)]
    confine: bool,
}

impl ConfineArgs {
    /// The files a scheme file may name.
    pub fn files(&self) -> Files {
        if self.confine {
            Files::BesideScheme
        } else {
            Files::Anywhere
        }
    }
}

/// `--fonts`'s long help: each profile and what it is for.
fn fonts_help() -> String {
    let profiles: Vec<String> = FONT_PROFILES
        .iter()
        .map(|p| format!("  {}：{}", p.name, p.description))
        .collect();
    format!(
        "字体方案（默认 {}，也可在方案文件中写 fonts:）：\n{}",
        FONT_PROFILES[0].name,
        profiles.join("\n")
    )
}

/// Options the commands that read a sheet and write signed documents share.
#[derive(clap::Args)]
pub struct SheetArgs {
    /// 工作表名称（默认：第一个可见的工作表）
    #[arg(long = "sheet", value_name = "NAME")]
    pub sheet_name: Option<String>,
    /// 发文机关（署名）
    #[arg(long, default_value = DEFAULT_ISSUER)]
    pub issuer: String,
    /// 成文日期，如 2024-09-30（默认：今天）
    #[arg(long)]
    pub date: Option<String>,
    #[command(flatten)]
    pub look: LookArgs,
    #[command(flatten)]
    pub pdf: PdfArgs,
}

impl SheetArgs {
    /// The issuer and date the documents are signed with.
    pub fn signed(&self) -> Result<Signed> {
        Ok(Signed {
            issuer: self.issuer.clone(),
            date: day(self.date.as_deref(), "--date")?,
        })
    }
}

/// A date given on the command line with `flag`, or today.
pub fn day(given: Option<&str>, flag: &str) -> Result<Date> {
    match given {
        Some(s) => Date::parse(s).map_err(|e| Error::at(flag, e)),
        None => Ok(Date::today()),
    }
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// 端口（默认 9704，被占用时由系统选一个空闲端口；0：由系统选）
    #[arg(long)]
    port: Option<u16>,
    /// 工作文件夹：网页里的方案文件都保存在这里（默认：当前文件夹）
    #[arg(long, value_name = "WORKSPACE", default_value = ".")]
    dir: PathBuf,
    /// 启动后用默认浏览器打开网页
    #[arg(long)]
    open: bool,
    /// 监听的地址（默认 127.0.0.1：只有本机能打开）
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    listen: std::net::IpAddr,
}

impl ServeArgs {
    pub fn options(&self) -> crate::serve::Options {
        crate::serve::Options {
            port: self.port,
            dir: self.dir.clone(),
            listen: self.listen,
            open: self.open,
        }
    }
}
