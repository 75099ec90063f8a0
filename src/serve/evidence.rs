//! The 佐证材料 part of the page: a folder's plan, its bundle as a background job, an archive
//! verified (in the workspace, at a path, or uploaded) and its 材料目录 read back, each by the
//! application layer as `dossier bundle` and `dossier verify` run it. Archives are written
//! into the workspace only, under a plain `.zip` name.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio::io::AsyncReadExt;

use super::folders;
use super::reply::{Failure, Reply, attachment};
use super::routes::{Shared, blocking};
use super::workspace::Kind;

/// Archives in the workspace.
const ARCHIVES: Kind = Kind {
    endings: &[".zip"],
    wrong_ending: "材料包的文件名要以 .zip 结尾",
    example: "材料包.zip",
};

/// What a bundle writes: its archives and its 材料目录 workbook.
const BUNDLE_FILES: Kind = Kind {
    endings: &[".zip", ".xlsx"],
    wrong_ending: "文件名要以 .zip 或 .xlsx 结尾",
    example: "材料包.zip",
};
use crate::app::bundle::{self, Planned};
use crate::app::verify;
use crate::limits::ARCHIVE_UPLOAD_BYTES;
use crate::read::scheme::Files;

/// A request's JSON, small.
const REQUEST_BYTES: usize = 64 << 10;

/// The addresses of the 佐证材料 part.
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/api/folders", get(folders::list))
        .route("/api/evidence/plan", post(plan))
        .route("/api/evidence/bundle", post(start_bundle))
        .route("/api/evidence/verify", post(verify_named))
        .route("/api/evidence/catalogue/{name}", get(catalogue))
        .route("/api/evidence/files/{name}", get(download))
        .layer(DefaultBodyLimit::max(REQUEST_BYTES))
        .merge(Router::new().route("/api/evidence/upload", post(verify_upload)))
        .merge(super::jobs::routes())
}

/// What the page asks to plan or bundle.
#[derive(serde::Deserialize)]
struct Asked {
    /// The evidence folder: a full path on this machine.
    folder: String,
    /// A scheme file of the workspace, by name; none to keep the folder tree as it is.
    scheme: Option<String>,
    /// The archive to write into the workspace, by name (bundle only).
    out: Option<String>,
    /// Each volume's largest size as `--max-size` takes it (`500M`); none for one archive.
    max_size: Option<String>,
    /// Every file stored as it is, uncompressed (`--store`).
    #[serde(default)]
    store: bool,
}

fn asked(body: Result<Bytes, BytesRejection>) -> Reply<Asked> {
    let bytes =
        body.map_err(|e| Failure::new(e.status(), "", "没有收到完整的请求（过大，或连接中断了）"))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Failure::new(StatusCode::BAD_REQUEST, "", format!("请求的格式不对：{e}"))
            .with_hint("从 dossier serve 的网页操作")
    })
}

/// The bundle's options for what was asked: the scheme file and the output confined to the
/// workspace, as the page reads and writes nothing elsewhere.
fn options(s: &Shared, asked: &Asked) -> Reply<(PathBuf, bundle::Options)> {
    let dir = folders::folder(&asked.folder)?;
    let scheme = match asked.scheme.as_deref().filter(|n| !n.is_empty()) {
        Some(name) => Some(s.workspace.file(name)?),
        None => None,
    };
    let out = match asked.out.as_deref() {
        Some(name) => s.workspace.file_of(name, &ARCHIVES)?,
        None => PathBuf::new(),
    };
    let opts = bundle::Options {
        scheme,
        out,
        max_size: max_size(asked)?,
        store: asked.store,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        files: Files::BesideScheme,
        ..Default::default()
    };
    Ok((dir, opts))
}

/// The volume size asked for, read as `--max-size` reads it; none when left empty.
fn max_size(asked: &Asked) -> Reply<Option<u64>> {
    let Some(text) = asked
        .max_size
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    else {
        return Ok(None);
    };
    let size = bundle::parse_size(text).map_err(|why| {
        Failure::new(StatusCode::BAD_REQUEST, "每卷大小上限", why)
            .with_hint("填每卷的 MB 数，如 500；不分卷就空着")
    })?;
    Ok(Some(size))
}

/// What bundling the folder would do, before anything is packed.
async fn plan(
    State(s): State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Reply<Json<Value>> {
    let (dir, opts) = options(&s, &asked(body)?)?;
    let planned = blocking(move || Ok(bundle::plan(&dir, &opts)?)).await?;
    Ok(Json(planned_json(&planned)))
}

fn planned_json(p: &Planned) -> Value {
    let entries: Vec<Value> = p
        .entries
        .iter()
        .map(|e| json!({ "name": e.name, "indicator": e.indicator, "folder": e.folder, "files": e.files }))
        .collect();
    let missing: Vec<Value> = p
        .missing
        .iter()
        .map(|i| json!({ "code": i.code, "name": i.name, "units": i.units }))
        .collect();
    json!({
        "entries": entries,
        "indicators": p.indicators,
        "covered": p.indicators - p.missing.len(),
        "missing": missing,
        "set_aside": p.set_aside,
        "files": p.files,
        "bytes": p.bytes,
    })
}

/// Starts bundling the folder into the workspace: 202 with the job's number.
async fn start_bundle(
    State(s): State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Reply<(StatusCode, Json<Value>)> {
    let asked = asked(body)?;
    if asked.out.as_deref().is_none_or(str::is_empty) {
        return Err(
            Failure::new(StatusCode::BAD_REQUEST, "", "没有给出压缩包的文件名")
                .with_hint("如 材料包.zip"),
        );
    }
    let (dir, mut opts) = options(&s, &asked)?;
    let root = s.workspace.root().to_path_buf();
    let id = s.jobs.start(
        "bundle",
        Box::new(move |listener, cancel| {
            opts.cancel = cancel.clone();
            let report = bundle::bundle(&dir, &opts, listener)?;
            Ok(bundled_json(&report, &root))
        }),
    )?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "id": id }))))
}

fn bundled_json(r: &bundle::Report, root: &std::path::Path) -> Value {
    let name = |p: &PathBuf| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };
    json!({
        "archives": r.archives.iter().map(name).collect::<Vec<_>>(),
        "master": r.master.as_ref().map(name),
        "files": r.files,
        "bytes": r.bytes,
        "indicators": r.indicators,
        "covered": r.covered,
        "set_aside": r.set_aside,
    })
}

/// Which archive to verify: `name` in the workspace, or a full `path` on this machine.
#[derive(serde::Deserialize)]
struct Which {
    name: Option<String>,
    path: Option<String>,
}

async fn verify_named(
    State(s): State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Reply<Json<Value>> {
    let bytes = body.map_err(|e| Failure::new(e.status(), "", "没有收到完整的请求"))?;
    let which: Which = serde_json::from_slice(&bytes)
        .map_err(|e| Failure::new(StatusCode::BAD_REQUEST, "", format!("请求的格式不对：{e}")))?;
    let (path, shown) = match (which.name, which.path) {
        (Some(name), None) => (s.workspace.file_of(&name, &ARCHIVES)?, name),
        (None, Some(path)) if PathBuf::from(&path).is_absolute() => (PathBuf::from(&path), path),
        _ => {
            return Err(Failure::new(
                StatusCode::BAD_REQUEST,
                "",
                "要给出工作文件夹里压缩包的文件名（name），或压缩包的完整路径（path），二者取一",
            ));
        }
    };
    Ok(Json(blocking(move || Ok(verified(&path, &shown))).await?))
}

/// The findings of `verify` on the archive at `path`, each line as the command line prints
/// it, the archive named `shown`.
fn verified(path: &std::path::Path, shown: &str) -> Value {
    let results = verify::verify_all(&[path.to_path_buf()]);
    let passed = verify::outcome(&results).is_ok();
    let mut lines = Vec::new();
    let mut checked = 0;
    for (_, result) in &results {
        match result {
            Err(e) => lines.push(e.to_string()),
            Ok(f) => {
                checked = f.checked;
                lines.extend(f.problems.iter().map(|p| format!("{shown}: {p}")));
                if f.ok() {
                    lines.push(format!("{shown}: 校验通过，{} 个文件完好", f.checked));
                }
            }
        }
    }
    json!({ "archive": shown, "ok": passed, "checked": checked, "lines": lines })
}

/// What an upload is called: `?name=包.zip`, for the findings.
#[derive(serde::Deserialize)]
struct Uploaded {
    name: Option<String>,
}

/// Verifies an archive uploaded as the request's body, streamed to a temporary file.
async fn verify_upload(Query(up): Query<Uploaded>, body: Body) -> Reply<Json<Value>> {
    let shown: String = up
        .name
        .as_deref()
        .and_then(|n| n.rsplit(['/', '\\']).next())
        .unwrap_or("上传的压缩包")
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let tmp = receive(body, &shown).await?;
    Ok(Json(
        blocking(move || Ok(verified(tmp.path(), &shown))).await?,
    ))
}

/// The body written to a temporary file (removed when dropped), refused past the limit.
async fn receive(body: Body, shown: &str) -> Reply<tempfile::NamedTempFile> {
    use std::io::Write;
    let failed = |why: String| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, shown, why);
    let mut tmp =
        tempfile::NamedTempFile::new().map_err(|e| failed(format!("无法保存上传的文件：{e}")))?;
    let mut stream = body.into_data_stream();
    let mut size = 0u64;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| {
            Failure::new(StatusCode::BAD_REQUEST, shown, "上传没有完成（连接中断了）")
                .with_hint("请重新上传")
        })?;
        size += chunk.len() as u64;
        if size > ARCHIVE_UPLOAD_BYTES {
            return Err(Failure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                shown,
                format!("上传的压缩包超过 {} GiB 的上限", ARCHIVE_UPLOAD_BYTES >> 30),
            )
            .with_hint("把压缩包放进工作文件夹，或给出它的完整路径来校验"));
        }
        tmp.write_all(&chunk).map_err(|e| {
            failed(format!(
                "无法保存上传的文件：{}",
                crate::error::write_reason(&e)
            ))
        })?;
    }
    Ok(tmp)
}

/// The 材料目录 of an archive in the workspace, sheet by sheet.
async fn catalogue(State(s): State<Arc<Shared>>, Path(name): Path<String>) -> Reply<Json<Value>> {
    let path = s.workspace.file_of(&name, &ARCHIVES)?;
    let sheets = blocking(move || Ok(bundle::catalogue::read(&path)?)).await?;
    let sheets: Vec<Value> = sheets
        .iter()
        .map(|s| json!({ "name": s.name, "header": s.header, "rows": s.rows }))
        .collect();
    Ok(Json(json!({ "archive": name, "sheets": sheets })))
}

/// An archive or master index of the workspace, streamed.
async fn download(State(s): State<Arc<Shared>>, Path(name): Path<String>) -> Reply<Response> {
    let path = s.workspace.file_of(&name, &BUNDLE_FILES)?;
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|_| Failure::new(StatusCode::NOT_FOUND, &name, "工作文件夹里没有这个文件"))?;
    let chunks = futures_util::stream::unfold(file, |mut file| async move {
        let mut buf = vec![0u8; 256 << 10];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(Bytes::from(buf)), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    });
    let kind = if name.to_lowercase().ends_with(".zip") {
        "application/zip"
    } else {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    };
    Ok(attachment(&name, kind, Body::from_stream(chunks)))
}
