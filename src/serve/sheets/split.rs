//! `split` as a background job: each unit's notice and the index of the units made as the
//! command line makes them (`app::split::split_zip`, so the same bytes), unit by unit with
//! progress, then kept in the workspace as one ZIP for the page to download. A cancel ends the
//! job between two units and keeps nothing; a page that goes away stops nothing.

use std::io::Write;
use std::path::{Path as FilePath, PathBuf};
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::SHEETS;
use super::ask::Ask;
use super::make::{ZIP_TYPE, asked_of};
use super::shown::Shown;
use crate::app::{Listener, Look, Progress, split};
use crate::error::Error;
use crate::serve::reply::{Failure, Reply, attachment};
use crate::serve::routes::{Shared, stem};
use crate::serve::workspace::Kind;

/// What the split's ZIP is called after its sheet: `分解表-单位任务清单.zip`.
const SUFFIX: &str = "-单位任务清单";

/// The split's ZIPs in the workspace.
const ZIPS: Kind = Kind {
    endings: &[".zip"],
    wrong_ending: "压缩包的文件名要以 .zip 结尾",
    example: "分解表-单位任务清单.zip",
};

/// Starts splitting the sheet `name`: 202 with the job's number.
pub async fn start(
    State(s): State<Arc<Shared>>,
    Path(name): Path<String>,
    ask: std::result::Result<Query<Ask>, QueryRejection>,
) -> Reply<(StatusCode, Json<Value>)> {
    let a = asked_of(&s, &name, ask, SUFFIX)?;
    let file = format!("{}.zip", a.file);
    let target = s.workspace.file_of(&file, &ZIPS)?;
    let mut req = split::Request {
        sheet: a.sheet,
        sheet_name: a.ask.sheet().map(str::to_string),
        by: split::By::Unit,
        out: a.out,
        look: Look::default(),
        signed: a.ask.signed()?,
        same_units: None,
        cancel: Default::default(),
    };
    let root = s.workspace.root().to_path_buf();
    let id = s.jobs.start(
        "split",
        Box::new(move |listener, cancel| {
            req.cancel = cancel.clone();
            let shown = Shown::new(&root);
            let mut relayed = Relayed(&shown, listener);
            let zip = split::split_zip(&req, &mut relayed).map_err(|e| shown.failure(e).error)?;
            cancel.check()?;
            keep(&root, &target, &zip).map_err(|e| Error::at(&file, e))?;
            Ok(json!({ "file": file, "bytes": zip.len() }))
        }),
    )?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "id": id }))))
}

/// Writes `bytes` to `target` in the workspace `root` whole or not at all: into a temporary
/// file beside it first, then renamed.
fn keep(root: &FilePath, target: &PathBuf, bytes: &[u8]) -> std::result::Result<(), String> {
    let why = |e: std::io::Error| {
        let reason = crate::error::write_reason(&e);
        format!("无法把压缩包存入工作文件夹：{reason}")
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".dossier-split-")
        .tempfile_in(root)
        .map_err(why)?;
    tmp.write_all(bytes).map_err(why)?;
    tmp.as_file().sync_all().map_err(why)?;
    tmp.persist(target).map_err(|e| why(e.error))?;
    Ok(())
}

/// The ZIP the last split of the sheet `name` kept.
pub async fn download(State(s): State<Arc<Shared>>, Path(name): Path<String>) -> Reply<Response> {
    s.workspace.file_of(&name, &SHEETS)?;
    let file = format!("{}{SUFFIX}.zip", stem(&name));
    let path = s.workspace.file_of(&file, &ZIPS)?;
    let bytes = tokio::fs::read(&path).await.map_err(|_| {
        Failure::new(StatusCode::NOT_FOUND, &file, "还没有生成各单位通知")
            .with_hint("先按「生成各单位通知」，等它完成后再下载")
    })?;
    Ok(attachment(&file, ZIP_TYPE, bytes))
}

/// Tells a job what the split says, files named by their names as the command line run in
/// the workspace names them.
struct Relayed<'a>(&'a Shown, &'a mut dyn Listener);

impl Listener for Relayed<'_> {
    fn warning(&mut self, text: &str) {
        self.1.warning(&self.0.text(text));
    }

    fn progress(&mut self, progress: &Progress) {
        self.1.progress(progress);
    }

    fn step(&mut self, step: &str) {
        self.1.step(step);
    }
}
