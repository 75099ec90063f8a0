//! Each address of the server and the operation of the application layer it runs. Work that
//! takes a while (a layout, an import) runs on a blocking thread, so the server keeps
//! answering; a panic there fails that one request.

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::reply::{DOCX_TYPE, Failure, Reply, attachment};
use super::workspace::{Entry, Expect, Workspace};
use super::{assets, guard, sheets};
use crate::app::{Look, Warnings, import, preview};
use crate::limits::{SCHEME_FILE_BYTES, UPLOAD_BYTES};

/// What every request shares.
#[derive(Debug)]
pub struct Shared {
    pub workspace: Workspace,
    pub guard: guard::Guard,
    pub jobs: super::jobs::Jobs,
}

/// Every address, behind the guard.
pub fn router(shared: Arc<Shared>) -> Router {
    let text_limit = DefaultBodyLimit::max(SCHEME_FILE_BYTES as usize);
    let api = Router::new()
        .route("/api/schemes", get(list))
        .route("/api/schemes/{name}", get(open).put(save))
        .route("/api/preview/{name}", post(pages))
        .route("/api/download/{name}", post(download))
        .layer(text_limit)
        .merge(
            Router::new()
                .route("/api/import/{name}", post(import_draft))
                .layer(DefaultBodyLimit::max(UPLOAD_BYTES as usize)),
        );
    Router::new()
        .route("/", get(assets::page))
        .route("/assets/{name}", get(assets::file))
        .merge(api)
        .merge(super::evidence::routes())
        .merge(sheets::routes())
        .merge(super::form::routes())
        .fallback(nowhere)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&shared),
            guard::check,
        ))
        .with_state(shared)
}

/// An address the server does not have.
async fn nowhere() -> Failure {
    Failure::new(StatusCode::NOT_FOUND, "", "没有这个地址")
        .with_hint("从 dossier serve 打印的地址打开网页")
}

async fn list(State(s): State<Arc<Shared>>) -> Reply<Json<Vec<Entry>>> {
    s.workspace.list().map(Json)
}

/// The text of a scheme file, its version as the ETag.
async fn open(State(s): State<Arc<Shared>>, Path(name): Path<String>) -> Reply<Response> {
    let (text, version) = s.workspace.read(&name)?;
    Ok(([(header::ETAG, format!("\"{version}\""))], text).into_response())
}

/// Saves a scheme file: over the version `If-Match` names, as a new file with
/// `If-None-Match: *`, else whatever the file holds.
async fn save(
    State(s): State<Arc<Shared>>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Reply<Response> {
    let text = text(body, &name)?;
    let expect = expected(&headers);
    let version = blocking(move || s.workspace.save(&name, &text, &expect)).await?;
    let etag = [(header::ETAG, format!("\"{version}\""))];
    Ok((StatusCode::NO_CONTENT, etag).into_response())
}

fn expected(headers: &HeaderMap) -> Expect {
    let value = |h| headers.get(h).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(tag) = value(header::IF_MATCH) {
        return Expect::Version(tag.trim_matches('"').to_string());
    }
    match value(header::IF_NONE_MATCH) {
        Some("*") => Expect::Absent,
        _ => Expect::Anything,
    }
}

/// The pages of the scheme text sent, as SVG, with what reading it passed over and the page
/// rules checked on them.
async fn pages(
    State(s): State<Arc<Shared>>,
    Path(name): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Reply<Json<serde_json::Value>> {
    let text = text(body, &name)?;
    s.workspace.file(&name)?;
    let look = Look {
        svg: true,
        ..Default::default()
    };
    let laid = lay_out(s, name, text, look).await?;
    let rules = super::page_rules::of(&laid);
    let body = serde_json::json!({ "pages": laid.svgs, "warnings": laid.warnings, "rules": rules });
    Ok(Json(body))
}

/// What the download asks for: `?format=docx` or `?format=pdf`.
#[derive(serde::Deserialize)]
struct Format {
    format: Option<String>,
}

/// The DOCX or PDF of the scheme text sent, as `render` writes it.
async fn download(
    State(s): State<Arc<Shared>>,
    Path(name): Path<String>,
    Query(format): Query<Format>,
    body: Result<Bytes, BytesRejection>,
) -> Reply<Response> {
    let text = text(body, &name)?;
    s.workspace.file(&name)?;
    let format = format.format.unwrap_or_default();
    let pdf = match format.as_str() {
        "docx" => false,
        "pdf" => true,
        other => {
            let why = format!("不认识的格式「{other}」：只有 docx 和 pdf");
            return Err(Failure::new(StatusCode::BAD_REQUEST, &name, why));
        }
    };
    let look = Look {
        pdf,
        ..Default::default()
    };
    let laid = lay_out(s, name.clone(), text, look).await?;
    let (bytes, kind) = match laid.pdf {
        Some(pdf) => (pdf, "application/pdf"),
        None => (laid.docx, DOCX_TYPE),
    };
    Ok(attachment(
        &format!("{}.{format}", stem(&name)),
        kind,
        bytes,
    ))
}

/// A draft uploaded (or pasted, as a `.txt`) as scheme file text, with the importer's guesses.
async fn import_draft(
    Path(name): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Reply<Json<serde_json::Value>> {
    let bytes = body.map_err(|e| too_large(e, &name))?;
    let (yaml, guesses) = blocking(move || {
        let mut guesses = Warnings::default();
        let yaml = import::draft_yaml_of(&bytes, &name, &mut guesses)?;
        Ok((yaml, guesses.0))
    })
    .await?;
    Ok(Json(
        serde_json::json!({ "yaml": yaml, "guesses": guesses }),
    ))
}

async fn lay_out(s: Arc<Shared>, name: String, text: String, look: Look) -> Reply<preview::Laid> {
    blocking(move || {
        let at = preview::Text {
            text: &text,
            name: &name,
            dir: s.workspace.root(),
        };
        Ok(preview::lay_out(at, &look)?)
    })
    .await
}

/// Runs `work` on a blocking thread; a panic there fails this request only.
pub(super) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Reply<T> + Send + 'static,
) -> Reply<T> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| {
        Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "",
            "dossier 内部错误，这次请求没有完成",
        )
        .with_hint("请把所用的方案文件发给维护者"))
    })
}

/// The body as UTF-8 text.
pub(super) fn text(body: Result<Bytes, BytesRejection>, name: &str) -> Reply<String> {
    let bytes = body.map_err(|e| too_large(e, name))?;
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        Failure::new(
            StatusCode::BAD_REQUEST,
            name,
            "发来的方案文件不是 UTF-8 编码的文本",
        )
    })
}

pub(super) fn too_large(e: BytesRejection, name: &str) -> Failure {
    if e.status() != StatusCode::PAYLOAD_TOO_LARGE {
        let why = "没有收到完整的内容（连接中断了，或请求的格式不对）";
        return Failure::new(e.status(), name, why).with_hint("请重试");
    }
    let why = format!(
        "发来的内容太大：方案文件至多 {} MiB，上传的草稿至多 {} MiB",
        SCHEME_FILE_BYTES >> 20,
        UPLOAD_BYTES >> 20
    );
    Failure::new(e.status(), name, why)
        .with_hint("大的任务表或附件请放在工作文件夹里，在方案文件中引用")
}

pub(super) fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}
