//! The documents of a task sheet, made as the command line makes them (`table`, `tally`,
//! `sheet-template`: the same functions, so the same bytes) but in memory, and
//! handed over as downloads named after the sheet.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Response;

use super::ask::{Ask, asked};
use super::present;
use super::shown::Shown;
use crate::app::{InMemory, Look, sheet_template, table, tally};
use crate::error::Result;
use crate::serve::reply::{DOCX_TYPE, Failure, Reply, attachment};
use crate::serve::routes::{Shared, blocking, stem};

const PDF_TYPE: &str = "application/pdf";
const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// A ZIP archive's media type.
pub const ZIP_TYPE: &str = "application/zip";

/// The media type of a file of format `format`.
fn kind(format: &str) -> &'static str {
    match format {
        "pdf" => PDF_TYPE,
        "xlsx" => XLSX_TYPE,
        _ => DOCX_TYPE,
    }
}

/// What a request names: the sheet's path and the answer's file name, without extension.
pub struct Asked {
    pub sheet: PathBuf,
    pub ask: Ask,
    /// The download's name without its extension: the sheet's, with `suffix`.
    pub file: String,
    /// Where the command line would write it, for its messages.
    pub out: PathBuf,
}

/// What the request for the sheet `name` asks; the download's name is the sheet's with
/// `suffix`.
pub fn asked_of(
    s: &Shared,
    name: &str,
    ask: std::result::Result<Query<Ask>, QueryRejection>,
    suffix: &str,
) -> Reply<Asked> {
    let ask = asked(ask)?;
    let sheet = present(s, name)?;
    let file = format!("{}{suffix}", stem(name));
    let out = s.workspace.root().join(&file);
    Ok(Asked {
        sheet,
        ask,
        file,
        out,
    })
}

/// Runs `make` on a blocking thread, its messages naming files by their names; gives the
/// file among those made whose extension is `format`.
async fn made(
    s: Arc<Shared>,
    format: &'static str,
    make: impl FnOnce(&mut Shown) -> Result<InMemory> + Send + 'static,
) -> Reply<Vec<u8>> {
    blocking(move || {
        let mut said = Shown::new(s.workspace.root());
        let files = make(&mut said).map_err(|e| said.failure(e))?;
        let wanted = files
            .into_iter()
            .find(|(p, _)| p.extension().is_some_and(|e| e == format));
        Ok(wanted.map(|(_, bytes)| bytes).unwrap_or_default())
    })
    .await
}

/// `table`: the 测评任务分解表 as DOCX or PDF (`?format=`).
pub async fn table(
    State(s): State<Arc<Shared>>,
    Path(name): Path<String>,
    ask: std::result::Result<Query<Ask>, QueryRejection>,
) -> Reply<Response> {
    let a = asked_of(&s, &name, ask, "")?;
    let format = a.ask.format(&["docx", "pdf"])?;
    let req = table::Request {
        input: a.sheet,
        sheet_name: a.ask.sheet().map(str::to_string),
        out: a.out.with_extension("docx"),
        look: Look {
            pdf: format == "pdf",
            ..Look::default()
        },
        files: Default::default(),
    };
    let bytes = made(s, format, move |said| table::table_files(&req, said)).await?;
    Ok(attachment(
        &format!("{}.{format}", a.file),
        kind(format),
        bytes,
    ))
}

/// `tally`: the 进度通报 as DOCX or PDF, or its figures as XLSX (`?format=`).
pub async fn tally(
    State(s): State<Arc<Shared>>,
    Path(name): Path<String>,
    ask: std::result::Result<Query<Ask>, QueryRejection>,
) -> Reply<Response> {
    let a = asked_of(&s, &name, ask, "-进度通报")?;
    let format = a.ask.format(&["docx", "xlsx", "pdf"])?;
    let req = tally::Request {
        sheet: a.sheet,
        sheet_name: a.ask.sheet().map(str::to_string),
        out: a.out.with_extension("docx"),
        as_of: a.ask.as_of()?,
        title: a.ask.title(),
        to: a.ask.to(),
        look: Look {
            pdf: format == "pdf",
            ..Look::default()
        },
        signed: a.ask.signed()?,
    };
    let bytes = made(s, format, move |said| tally::tally_files(&req, said)).await?;
    Ok(attachment(
        &format!("{}.{format}", a.file),
        kind(format),
        bytes,
    ))
}

/// `sheet-template`: the blank task sheet.
pub async fn blank() -> Reply<Response> {
    let bytes = sheet_template::sheet_template_bytes().map_err(Failure::from)?;
    Ok(attachment("测评任务分解表.xlsx", XLSX_TYPE, bytes))
}
