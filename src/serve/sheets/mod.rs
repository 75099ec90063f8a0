//! The 任务表 part of the page: a task sheet uploaded into the workspace and shown as dossier
//! reads it (rows, merged cells, units, the reader's warnings), and the documents the command
//! line makes of it (`table`, `split`, `tally`, `sheet-template`) handed over as downloads.
//! Reading and making run on blocking threads, every file made in memory, so a client that
//! leaves halfway leaves no half-written file behind; the split of hundreds of units runs as a
//! background job with progress (`split.rs`).

mod ask;
mod make;
mod shown;
mod split;

use std::io::Write;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;

use super::reply::{Failure, Reply};
use super::routes::{Shared, blocking};
use super::workspace::{Entry, Kind};
use crate::app::sheet;
use crate::limits::UPLOAD_BYTES;
use ask::Ask;
use shown::Shown;

/// Task sheets, as the reader takes them.
pub const SHEETS: Kind = Kind {
    endings: &[".xlsx", ".xlsm", ".xls", ".ods"],
    wrong_ending: "任务表的文件名要以 .xlsx、.xlsm、.xls 或 .ods 结尾",
    example: "分解表.xlsx",
};

/// The part's addresses.
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/api/sheets", get(list))
        .route("/api/sheets/{name}", get(view).put(upload))
        .route("/api/sheets/{name}/table", get(make::table))
        .route(
            "/api/sheets/{name}/split",
            get(split::download).post(split::start),
        )
        .route("/api/sheets/{name}/tally", get(make::tally))
        .route("/api/sheet-template", get(make::blank))
        .layer(DefaultBodyLimit::max(UPLOAD_BYTES as usize))
}

async fn list(State(s): State<Arc<Shared>>) -> Reply<Json<Vec<Entry>>> {
    s.workspace.list_of(&SHEETS).map(Json)
}

/// The sheet `name` of the workspace as read; it is now the last opened.
async fn view(
    State(s): State<Arc<Shared>>,
    Path(name): Path<String>,
    ask: Result<Query<Ask>, QueryRejection>,
) -> Reply<Json<serde_json::Value>> {
    let ask = ask::asked(ask)?;
    let path = present(&s, &name)?;
    blocking(move || {
        let mut said = Shown::new(s.workspace.root());
        let read = sheet::read(&path, ask.sheet(), &mut said).map_err(|e| said.failure(e))?;
        s.workspace.opened_now(&name);
        Ok(Json(shown::view(&name, &read, said.warnings)))
    })
    .await
}

/// Keeps an uploaded sheet in the workspace under `name`, replacing one of that name, when it
/// reads as a task sheet; answers what was read. One that does not read is refused with the
/// reader's message and not kept.
async fn upload(
    State(s): State<Arc<Shared>>,
    Path(name): Path<String>,
    ask: Result<Query<Ask>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Reply<Json<serde_json::Value>> {
    let ask = ask::asked(ask)?;
    let bytes = body.map_err(|e| too_large(e, &name))?;
    let target = s.workspace.file_of(&name, &SHEETS)?;
    blocking(move || {
        let root = s.workspace.root();
        let staging = tempfile::Builder::new()
            .prefix(".dossier-upload-")
            .tempdir_in(root)
            .map_err(|e| unwritable(&name, &e))?;
        let staged = staging.path().join(&name);
        write_synced(&staged, &bytes).map_err(|e| unwritable(&name, &e))?;
        let mut said = Shown::new(staging.path());
        let read = sheet::read(&staged, ask.sheet(), &mut said).map_err(|e| said.failure(e))?;
        // The same folder's file system: the sheet appears whole or not at all.
        std::fs::rename(&staged, &target).map_err(|e| unwritable(&name, &e))?;
        s.workspace.opened_now(&name);
        Ok(Json(shown::view(&name, &read, said.warnings)))
    })
    .await
}

fn write_synced(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// The path of the workspace's sheet `name`, which must be there.
fn present(s: &Shared, name: &str) -> Reply<std::path::PathBuf> {
    let path = s.workspace.file_of(name, &SHEETS)?;
    if !path.is_file() {
        return Err(
            Failure::new(StatusCode::NOT_FOUND, name, "工作文件夹里没有这个任务表")
                .with_hint("先在左边上传任务表"),
        );
    }
    Ok(path)
}

fn unwritable(name: &str, e: &std::io::Error) -> Failure {
    let why = format!(
        "无法把任务表存入工作文件夹：{}",
        crate::error::write_reason(e)
    );
    Failure::new(StatusCode::INTERNAL_SERVER_ERROR, name, why)
}

fn too_large(e: BytesRejection, name: &str) -> Failure {
    if e.status() != StatusCode::PAYLOAD_TOO_LARGE {
        let why = "没有收到完整的任务表（连接中断了，或请求的格式不对）";
        return Failure::new(e.status(), name, why).with_hint("请重新上传");
    }
    let why = format!("上传的任务表太大：至多 {} MiB", UPLOAD_BYTES >> 20);
    Failure::new(e.status(), name, why)
        .with_hint("删去表中的图片和多余的工作表，另存为 .xlsx 后再上传")
}
