//! Renders the document model through Tera 2 templates into markup text (see `markup`).
//! The default templates are compiled into the binary; a `--templates DIR` file of the same
//! name replaces one. Data is escaped for the markup on the way in, so nothing a user writes
//! in a scheme file is ever read as a tag or as template code.

pub mod budget;
pub mod filters;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tera::{Context, ErrorKind, Tera};

use crate::error::{Error, Result};
use crate::limits::{RENDER_OUTPUT_BYTES, TEMPLATE_FILE_BYTES};
use crate::model::Document;
use crate::text::{Script, human_size};

/// The default templates, by name.
pub const DEFAULTS: [(&str, &str); 6] = [
    ("notice.tera", include_str!("../../templates/notice.tera")),
    (
        "attachment.tera",
        include_str!("../../templates/attachment.tera"),
    ),
    (
        "sections.tera",
        include_str!("../../templates/sections.tera"),
    ),
    ("unit.tera", include_str!("../../templates/unit.tera")),
    ("tally.tera", include_str!("../../templates/tally.tera")),
    ("index.tera", include_str!("../../templates/index.tera")),
];

/// The template a scheme file's documents are rendered from.
pub const ENTRY: &str = "notice.tera";

/// A loaded, checked set of templates.
pub struct Templates {
    tera: Tera,
    /// The same templates with dossier's words in traditional characters, made when a
    /// document first needs them.
    traditional: OnceLock<Tera>,
    sources: Vec<(&'static str, String)>,
    /// Where each template came from, for error messages: (name, path shown to the user).
    origins: Vec<(String, String)>,
}

impl Templates {
    /// Loads the defaults, each replaced by a file of the same name in `dir` when there is one.
    ///
    /// ```
    /// let t = dossier::template::Templates::load(None).unwrap();
    /// let doc = dossier::read::scheme::parse("scheme:\n  title: 方案\n", "a.yaml").unwrap();
    /// assert!(t.render(&doc).unwrap().contains("@att_title 方案"));
    /// ```
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        if let Some(dir) = dir.filter(|d| !d.is_dir()) {
            return Err(Error::file(dir, "模板目录不存在")
                .with_hint("--templates 应指向存放 .tera 模板文件的目录"));
        }
        let mut sources = Vec::new();
        let mut origins = Vec::new();
        for (name, default) in DEFAULTS {
            let over: Option<PathBuf> = dir.map(|d| d.join(name)).filter(|p| p.exists());
            let (text, origin) = match over {
                Some(path) => (read_template(&path)?, crate::error::shown(&path)),
                None => (default.to_string(), format!("templates/{name}（内置）")),
            };
            sources.push((name, text));
            origins.push((name.to_string(), origin));
        }
        let mut templates = Templates {
            tera: Tera::new(),
            traditional: OnceLock::new(),
            sources,
            origins,
        };
        templates.tera = compile(&templates.sources).map_err(|e| templates.error(&e))?;
        Ok(templates)
    }

    /// Renders `doc` into markup, dossier's own words in the document's script.
    pub fn render(&self, doc: &Document) -> Result<String> {
        let mut ctx = Context::new();
        ctx.insert("notice", &doc.notice);
        ctx.insert("attachments", &doc.attachments);
        let tera = match doc.script {
            Script::Simplified => &self.tera,
            Script::Traditional => self.traditional()?,
        };
        self.render_in(tera, ENTRY, &ctx)
    }

    /// The templates with their words in traditional characters. Only characters change, so
    /// they compile as the originals did.
    fn traditional(&self) -> Result<&Tera> {
        if let Some(tera) = self.traditional.get() {
            return Ok(tera);
        }
        let converted: Vec<(&str, String)> = (self.sources.iter())
            .map(|(name, text)| (*name, Script::Traditional.fixed(text).into_owned()))
            .collect();
        let tera = compile(&converted).map_err(|e| self.error(&e))?;
        Ok(self.traditional.get_or_init(|| tera))
    }

    /// Renders the template `entry` with the variables in `ctx`, within the bounds of
    /// [`budget`] and `RENDER_OUTPUT_BYTES` of text.
    pub fn render_with(&self, entry: &str, ctx: &Context) -> Result<String> {
        self.render_in(&self.tera, entry, ctx)
    }

    fn render_in(&self, tera: &Tera, entry: &str, ctx: &Context) -> Result<String> {
        let origin = self.origin(entry);
        let mut out = Capped::default();
        let done = budget::bounded(&origin, || tera.render_to(entry, ctx, &mut out));
        if out.over {
            let limit = human_size(RENDER_OUTPUT_BYTES as u64);
            return Err(
                Error::at(origin, format!("模板生成的文字超过 {limit}，已停止"))
                    .with_hint("模板中可能有次数过多的循环；改小循环次数，或换回内置模板"),
            );
        }
        done.map_err(|e| self.error(&e))?;
        String::from_utf8(out.bytes)
            .map_err(|_| Error::at(origin, "模板生成的文字不是有效的 UTF-8"))
    }

    fn origin(&self, name: &str) -> String {
        self.origins
            .iter()
            .find(|(n, _)| n == name)
            .map_or_else(|| name.to_string(), |(_, o)| o.clone())
    }

    /// The Chinese error for a Tera error, at `template:line:col`.
    fn error(&self, e: &tera::Error) -> Error {
        match e.kind() {
            ErrorKind::SyntaxError(r) => {
                Error::at(self.place(r), format!("模板语法错误：{}", say(r.message())))
                    .with_hint("检查 {{ }} 与 {% %} 是否成对、标签名是否拼对")
            }
            ErrorKind::RenderingError(r) => {
                Error::at(self.place(r), format!("模板渲染失败：{}", say(&deepest(e))))
                    .with_hint("检查模板里用到的字段名是否存在于方案文件的数据中")
            }
            ErrorKind::TemplateNotFound(name) => Error::at(name.clone(), "找不到被引用的模板"),
            _ => self.report_error(&deepest(e)),
        }
    }

    /// Tera reports unknown filters, functions and includes as text in rustc's style
    /// (`error: …` then ` --> name:line:col`); the first one is re-said with its place.
    fn report_error(&self, report: &str) -> Error {
        let message = report
            .lines()
            .find_map(|l| l.trim().strip_prefix("error: "))
            .unwrap_or(report);
        let place = report
            .lines()
            .find_map(|l| l.trim().strip_prefix("--> "))
            .and_then(|p| {
                let (name, pos) = p.split_once(':')?;
                Some(format!("{}:{pos}", self.origin(name)))
            })
            .unwrap_or_else(|| "模板".to_string());
        Error::at(place, format!("模板有误：{}", say(message)))
            .with_hint("过滤器见 README“模板”一节；被引用的模板须在模板目录或内置模板中")
    }

    fn place(&self, r: &tera::ReportError) -> String {
        let span = r.span();
        format!(
            "{}:{}:{}",
            self.origin(r.filename()),
            span.start_line,
            span.start_col + 1
        )
    }
}

/// The templates `sources` (name, text) compiled, with dossier's filters and the markup's
/// escaping.
fn compile(sources: &[(&str, String)]) -> std::result::Result<Tera, tera::Error> {
    let mut tera = Tera::new();
    tera.set_escape_fn(escape_markup);
    tera.autoescape_on(vec![".tera"]);
    filters::register(&mut tera);
    tera.add_raw_templates(sources.iter().map(|(n, t)| (*n, t.as_str())))?;
    Ok(tera)
}

/// The template file at `path`: a regular file of at most `TEMPLATE_FILE_BYTES`, in UTF-8.
fn read_template(path: &Path) -> Result<String> {
    use std::io::Read;
    let failed = |why: String| Error::file(path, format!("无法读取模板：{why}"));
    if let Some(why) = crate::read::special_file(path).or(path.is_dir().then_some("这是文件夹"))
    {
        return Err(failed(why.to_string()).with_hint("模板目录中的同名项须是 .tera 文本文件"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(TEMPLATE_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| failed(crate::error::io_reason(&e)))?;
    if bytes.len() as u64 > TEMPLATE_FILE_BYTES {
        let limit = human_size(TEMPLATE_FILE_BYTES);
        return Err(failed(format!("文件超过 {limit} 的上限")));
    }
    String::from_utf8(bytes).map_err(|_| {
        failed("不是 UTF-8 编码的文本".to_string())
            .with_hint("用记事本或 WPS 另存为“UTF-8”编码后再试")
    })
}

/// Rendered text, refused past `RENDER_OUTPUT_BYTES`.
#[derive(Default)]
struct Capped {
    bytes: Vec<u8>,
    over: bool,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > RENDER_OUTPUT_BYTES {
            self.over = true;
            return Err(std::io::Error::other("output past its limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The innermost cause's message: Tera wraps filter errors, and the cause is what the user
/// can act on.
fn deepest(e: &tera::Error) -> String {
    let mut msg = match e.kind() {
        ErrorKind::RenderingError(r) | ErrorKind::SyntaxError(r) => r.message().to_string(),
        _ => e.to_string(),
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg = s.to_string();
        source = s.source();
    }
    msg
}

/// Tera's English messages re-said in Chinese where their form is known; others are kept
/// after the Chinese lead, with the names they quote.
fn say(msg: &str) -> String {
    const SAID: [(&str, &str); 10] = [
        (
            "Unexpected end of input",
            "模板意外结束：有未闭合的 {% for %}、{% if %} 或 {{ }}",
        ),
        (
            "Tried to render a variable that is undefined",
            "输出了不存在的变量",
        ),
        ("Cannot index into an undefined value", "对不存在的值取下标"),
        ("Unknown filter", "未知的过滤器"),
        ("Unknown function", "未知的函数"),
        ("Unknown test", "未知的测试"),
        ("Unknown tag", "未知的标签"),
        ("Unknown template", "找不到被引用的模板"),
        ("Unknown component", "未知的组件"),
        ("Unexpected character", "不能出现在这里的字符"),
    ];
    for (en, zh) in SAID {
        if let Some(rest) = msg.strip_prefix(en) {
            return format!("{zh}{rest}");
        }
    }
    if let Some(rest) = msg.strip_prefix("Variable `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return format!("变量「{name}」不存在（{msg}）");
    }
    msg.to_string()
}

/// `text` escaped for the markup, for markup written outside a template.
///
/// ```
/// assert_eq!(dossier::template::escape_text("a@b{c}"), "a\\@b\\{c\\}");
/// ```
pub fn escape_text(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail.
    let _ = escape_markup(text, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes data for the markup: a value can neither start a line nor open a tag or a span.
///
/// ```
/// let mut out = Vec::new();
/// dossier::template::escape_markup("@title {x}|a\\b\nc", &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "\\@title \\{x\\}\\|a\\\\b\\nc");
/// ```
pub fn escape_markup(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    for c in input.chars() {
        match c {
            '\\' | '{' | '}' | '@' | '|' => write!(out, "\\{c}")?,
            '\n' => out.write_all(b"\\n")?,
            '\r' => {}
            _ => write!(out, "{c}")?,
        }
    }
    Ok(())
}
