//! Readers: each turns one kind of input into the document model.

pub mod scheme;
mod yaml_error;
mod yaml_guard;

/// A short Chinese reason for an I/O failure.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件不存在".to_string(),
        PermissionDenied => "没有读取权限".to_string(),
        InvalidData => "不是 UTF-8 编码的文本".to_string(),
        IsADirectory => "这是一个文件夹，不是文件".to_string(),
        _ => format!("读取失败（{e}）"),
    }
}

/// Why `path` is no file to read, when it is a named pipe, a socket or a device: opening a
/// pipe waits for a writer (a sheet or an archive named so hung dossier), and a device never
/// ends. `None` for a regular file, a folder or a path that does not exist, each of which
/// opening reports in its own words.
pub(crate) fn special_file(path: &std::path::Path) -> Option<&'static str> {
    let kind = std::fs::metadata(path).ok()?.file_type();
    (!kind.is_file() && !kind.is_dir()).then_some("这不是普通文件，而是管道、套接字或设备")
}

pub mod evidence;
pub mod guard;
pub mod ods_spans;
pub mod sheet;
pub mod xls_check;
