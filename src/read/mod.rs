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
pub mod evidence;
pub mod guard;
pub mod ods_spans;
pub mod sheet;
pub mod xls_check;
