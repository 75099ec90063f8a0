//! The one error type every stage returns: a Chinese message, the place it is about, and what
//! the user can do next. The CLI prints it as `位置: 错误：消息` and exits 1.

use std::fmt;
use std::path::Path;

/// A user-facing failure: bad input, an unreadable file, a template mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Where: `file:line:col`, `工作表!单元格`, or a path. Empty when no place applies.
    pub place: String,
    /// What is wrong, in Chinese.
    pub message: String,
    /// What to do about it, in Chinese; empty when the message says it all.
    pub hint: String,
}

/// Result alias used throughout the crate.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An error about `place`.
    ///
    /// ```
    /// let e = dossier::error::Error::at("方案.yaml:3:5", "缺少必填字段「title」");
    /// assert_eq!(e.to_string(), "方案.yaml:3:5: 错误：缺少必填字段「title」");
    /// ```
    pub fn at(place: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            place: place.into(),
            message: message.into(),
            hint: String::new(),
        }
    }

    /// An error about a file, named by its path.
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Error::at(shown(path), message)
    }

    /// Adds advice on what to do next.
    ///
    /// ```
    /// let e = dossier::error::Error::at("a.yaml", "找不到文件").with_hint("检查路径是否正确");
    /// assert!(e.to_string().ends_with("提示：检查路径是否正确"));
    /// ```
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Places an error that has no place of its own in the file at `path`.
    ///
    /// ```
    /// use dossier::error::Error;
    /// let e = Error::at("", "缺少列").within(std::path::Path::new("a.yaml"));
    /// assert_eq!(e.place, "a.yaml");
    /// assert_eq!(Error::at("表!A1", "空").within("a.yaml".as_ref()).place, "表!A1");
    /// ```
    pub fn within(mut self, path: &Path) -> Self {
        if self.place.is_empty() {
            self.place = shown(path);
        }
        self
    }
}

/// `path` as dossier prints it: as given on Linux; on Windows with one separator, the
/// backslash, and without the `\\?\` prefix a resolved path carries there (which Explorer's
/// address bar does not take). A path the user typed as `out/单位` and dossier extended with a
/// file name is then one path, not half of each style.
pub fn shown(path: &Path) -> String {
    shown_as(&path.to_string_lossy(), cfg!(windows))
}

/// `path` as `shown` prints it on Windows (`windows`) or elsewhere.
///
/// ```
/// use dossier::error::shown_as;
/// assert_eq!(shown_as("out/单位\\通知.docx", true), "out\\单位\\通知.docx");
/// assert_eq!(shown_as(r"\\?\C:\Users\文档\a.yaml", true), r"C:\Users\文档\a.yaml");
/// assert_eq!(shown_as(r"\\?\UNC\server\share\a.yaml", true), r"\\server\share\a.yaml");
/// assert_eq!(shown_as("out/a\\b.docx", false), "out/a\\b.docx", "a backslash is a name's on Linux");
/// ```
pub fn shown_as(path: &str, windows: bool) -> String {
    if !windows {
        return path.to_string();
    }
    let path = path.replace('/', "\\");
    if let Some(share) = path.strip_prefix(r"\\?\UNC\") {
        format!(r"\\{share}")
    } else {
        path.strip_prefix(r"\\?\").unwrap_or(&path).to_string()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.place.is_empty() {
            write!(f, "{}: ", self.place)?;
        }
        write!(f, "错误：{}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  提示：{}", self.hint)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// A short Chinese reason for an I/O failure.
///
/// ```
/// let e = std::io::Error::from(std::io::ErrorKind::NotFound);
/// assert_eq!(dossier::error::io_reason(&e), "文件不存在");
/// ```
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件不存在".to_string(),
        PermissionDenied => "没有读取权限".to_string(),
        InvalidData => "不是 UTF-8 编码的文本".to_string(),
        IsADirectory => "这是一个文件夹，不是文件".to_string(),
        _ => format!("读取失败（{e}）"),
    }
}

/// Why writing failed, in Chinese, for the causes a user can act on: a full disk, a
/// read-only one, no permission; else the system's own words.
///
/// ```
/// let e = std::io::Error::from(std::io::ErrorKind::StorageFull);
/// assert_eq!(dossier::error::write_reason(&e), "磁盘已满");
/// ```
pub fn write_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        StorageFull | QuotaExceeded => "磁盘已满".to_string(),
        ReadOnlyFilesystem => "磁盘或文件夹是只读的".to_string(),
        PermissionDenied => "没有写入权限".to_string(),
        FileTooLarge => "文件超过了这个磁盘能存的大小".to_string(),
        _ => e.to_string(),
    }
}
