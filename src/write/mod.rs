//! Writers: each turns a typeset document into one file format, written atomically.

pub mod archive;
pub mod atomic;
pub mod docx;
mod package;
pub mod pdf;
pub mod scheme_yaml;
pub mod staging;
pub mod svg;
pub mod tasks_yaml;
pub mod xlsx;
mod xml;
