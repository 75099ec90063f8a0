//! Writers: each turns a typeset document into one file format, written atomically.

pub mod atomic;
pub mod docx;
mod package;
mod xml;
