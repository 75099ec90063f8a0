//! The scheme form's addresses: scheme text read for the form (`app::form::read`) and a form's
//! tree written back as scheme text (`app::form::write`), so that the page keeps its form and
//! its text in step.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};

use super::reply::{Failure, Reply};
use super::routes::{Shared, blocking, text, too_large};
use crate::app::form::{self, Comment};
use crate::app::preview;
use crate::limits::SCHEME_FILE_BYTES;

/// `POST /api/form/{name}` and `POST /api/text`.
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/api/form/{name}", post(read))
        .route("/api/text", post(write))
        .layer(DefaultBodyLimit::max(SCHEME_FILE_BYTES as usize))
}

/// The scheme text sent, as the form shows it: its tree, comments, the field of each line,
/// and the first error reading it gives, at its field.
async fn read(
    State(s): State<Arc<Shared>>,
    Path(name): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Reply<Json<form::Form>> {
    let text = text(body, &name)?;
    s.workspace.file(&name)?;
    blocking(move || {
        let at = preview::Text {
            text: &text,
            name: &name,
            dir: s.workspace.root(),
        };
        Ok(Json(form::read(at)))
    })
    .await
}

/// What the form sends back: its tree and the comments to keep.
#[derive(serde::Deserialize)]
struct Edited {
    tree: serde_norway::Value,
    #[serde(default)]
    comments: Vec<Comment>,
}

/// The form's tree as scheme text.
async fn write(body: Result<Bytes, BytesRejection>) -> Reply<Json<serde_json::Value>> {
    let bytes = body.map_err(|e| too_large(e, "表单"))?;
    let edited: Edited = serde_json::from_slice(&bytes).map_err(|e| {
        let why = format!("表单内容不是可读的 JSON：{e}");
        Failure::new(StatusCode::BAD_REQUEST, "表单", why).with_hint("请刷新网页后再试")
    })?;
    let text = blocking(move || Ok(form::write(&edited.tree, &edited.comments)?)).await?;
    Ok(Json(serde_json::json!({ "text": text })))
}
