//! Background jobs: an operation that takes a while (a bundle, a split) runs on a thread of its own,
//! off the request that started it. Its progress is kept in a watch channel that any number of
//! event streams read (`GET /api/jobs/{id}/events`, server-sent events); a stream that goes
//! away stops nothing. A job stops only when asked (`POST /api/jobs/{id}/cancel`): the
//! operation then ends between two files, its temporary files removed, nothing written. A
//! finished job keeps its result for the page to fetch. At most `RUNNING_JOBS` run at once.

use std::convert::Infallible;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{get, post};
use futures_util::Stream;
use tokio::sync::watch;

use super::reply::{Failure, Reply, json};
use super::routes::Shared;
use crate::app::{Cancel, Listener, Progress};
use crate::error::Result;
use crate::limits::RUNNING_JOBS;

/// Finished jobs kept for the page to fetch their results; the oldest go first.
const KEPT: usize = 32;

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    /// Still working.
    Running,
    /// Finished: its result is there.
    Done,
    /// Stopped by an error: its error is there.
    Failed,
    /// Stopped when asked: nothing written.
    Cancelled,
}

/// A job as the page sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Snapshot {
    /// Its number.
    pub id: u64,
    /// What it does (`bundle`, `split`).
    pub kind: &'static str,
    /// Where it is.
    pub state: JobState,
    /// The step it is at, in Chinese (`打包`).
    pub step: String,
    /// Files done, of `files`.
    pub done_files: usize,
    /// All the files.
    pub files: usize,
    /// Bytes done, of `bytes`.
    pub done_bytes: u64,
    /// All the bytes.
    pub bytes: u64,
    /// Warnings about the input, as the command line prints them.
    pub warnings: Vec<String>,
    /// What a finished job made.
    pub result: Option<serde_json::Value>,
    /// Why a failed or cancelled job stopped, as every error answer gives it.
    pub error: Option<serde_json::Value>,
}

/// One job: its progress and the switch that stops it.
#[derive(Debug)]
struct Job {
    progress: watch::Sender<Snapshot>,
    cancel: Cancel,
}

/// The server's jobs, running and finished.
#[derive(Debug, Default)]
pub struct Jobs {
    all: Mutex<Vec<(u64, Arc<Job>)>>,
}

/// The work of a job: given where to report and what to look at for a cancel, the result.
pub type Work = Box<dyn FnOnce(&mut dyn Listener, &Cancel) -> Result<serde_json::Value> + Send>;

impl Jobs {
    /// Starts `work` on a thread of its own and returns its number; refused when
    /// `RUNNING_JOBS` are running already.
    pub fn start(&self, kind: &'static str, work: Work) -> Reply<u64> {
        let mut all = self.all.lock().unwrap_or_else(PoisonError::into_inner);
        let running = all.iter().filter(|(_, j)| j.running()).count();
        if running >= RUNNING_JOBS {
            return Err(Failure::new(
                StatusCode::TOO_MANY_REQUESTS,
                "",
                format!("已有 {running} 项任务在进行，同时最多 {RUNNING_JOBS} 项"),
            )
            .with_hint("等其中一项完成，或取消一项后再开始"));
        }
        let id = all.last().map_or(1, |(id, _)| id + 1);
        let job = Arc::new(Job {
            progress: watch::Sender::new(Snapshot::new(id, kind)),
            cancel: Cancel::default(),
        });
        let running = Arc::clone(&job);
        std::thread::Builder::new()
            .name(format!("dossier-job-{id}"))
            .spawn(move || running.run(work))
            .map_err(|e| {
                Failure::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "",
                    format!("无法开始任务：{e}"),
                )
            })?;
        all.push((id, job));
        forget_old(&mut all);
        Ok(id)
    }

    fn job(&self, id: &str) -> Reply<Arc<Job>> {
        let all = self.all.lock().unwrap_or_else(PoisonError::into_inner);
        let found = id
            .parse::<u64>()
            .ok()
            .and_then(|id| all.iter().find(|(n, _)| *n == id));
        found.map(|(_, j)| Arc::clone(j)).ok_or_else(|| {
            Failure::new(StatusCode::NOT_FOUND, id, "没有这项任务")
                .with_hint("任务只在本次启动的 dossier serve 里保留；请重新开始")
        })
    }
}

/// Drops the oldest finished jobs past `KEPT`; running ones stay.
fn forget_old(all: &mut Vec<(u64, Arc<Job>)>) {
    let finished = all.iter().filter(|(_, j)| !j.running()).count();
    let mut extra = finished.saturating_sub(KEPT);
    all.retain(|(_, j)| {
        let drop = extra > 0 && !j.running();
        extra -= usize::from(drop);
        !drop
    });
}

impl Snapshot {
    fn new(id: u64, kind: &'static str) -> Self {
        Snapshot {
            id,
            kind,
            state: JobState::Running,
            step: "开始".to_string(),
            done_files: 0,
            files: 0,
            done_bytes: 0,
            bytes: 0,
            warnings: Vec::new(),
            result: None,
            error: None,
        }
    }
}

impl Job {
    fn running(&self) -> bool {
        self.progress.borrow().state == JobState::Running
    }

    /// Runs `work` to its end; a panic fails the job, not the server.
    fn run(&self, work: Work) {
        let mut reporter = Reporter(&self.progress);
        let cancel = self.cancel.clone();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            work(&mut reporter, &cancel)
        }));
        let (state, result, error) = match outcome {
            Ok(Ok(value)) => (JobState::Done, Some(value), None),
            Ok(Err(e)) if self.cancel.is_cancelled() => (JobState::Cancelled, None, Some(json(&e))),
            Ok(Err(e)) => (JobState::Failed, None, Some(json(&e))),
            Err(_) => {
                let e =
                    crate::error::Error::at("", "dossier 内部错误，任务没有完成，没有写出任何文件")
                        .with_hint("请把所用的文件夹和方案文件的情况告诉维护者");
                (JobState::Failed, None, Some(json(&e)))
            }
        };
        self.progress.send_modify(|s| {
            s.state = state;
            s.result = result;
            s.error = error;
        });
    }
}

/// Tells a job's watchers what its operation says.
struct Reporter<'a>(&'a watch::Sender<Snapshot>);

impl Listener for Reporter<'_> {
    fn warning(&mut self, text: &str) {
        self.0.send_modify(|s| s.warnings.push(text.to_string()));
    }

    fn progress(&mut self, p: &Progress) {
        self.0.send_modify(|s| {
            s.done_files = p.done_files;
            s.files = p.files;
            s.done_bytes = p.done_bytes;
            s.bytes = p.bytes;
        });
    }

    fn step(&mut self, step: &str) {
        self.0.send_modify(|s| s.step = step.to_string());
    }
}

/// The addresses of the jobs.
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/api/jobs/{id}", get(status))
        .route("/api/jobs/{id}/events", get(events))
        .route("/api/jobs/{id}/cancel", post(cancel))
}

/// Where the job is, its result once finished.
async fn status(State(s): State<Arc<Shared>>, Path(id): Path<String>) -> Reply<Json<Snapshot>> {
    Ok(Json(s.jobs.job(&id)?.progress.borrow().clone()))
}

/// Asks the job to stop; it ends between two files.
async fn cancel(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Reply<(StatusCode, Json<Snapshot>)> {
    let job = s.jobs.job(&id)?;
    if !job.running() {
        return Err(Failure::new(
            StatusCode::CONFLICT,
            &id,
            "这项任务已经结束，无法取消",
        ));
    }
    job.cancel.cancel();
    Ok((StatusCode::ACCEPTED, Json(job.progress.borrow().clone())))
}

/// The job's progress as server-sent events: `progress` events while it runs, then one `end`
/// event with its result or error, and the stream closes.
async fn events(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Reply<Sse<impl Stream<Item = std::result::Result<Event, Infallible>>>> {
    let watching = s.jobs.job(&id)?.progress.subscribe();
    let stream = futures_util::stream::unfold(Some((watching, true)), |at| async move {
        let (mut watching, first) = at?;
        if !first && watching.changed().await.is_err() {
            return None;
        }
        let now = watching.borrow_and_update().clone();
        let over = now.state != JobState::Running;
        let name = if over { "end" } else { "progress" };
        let data = serde_json::to_string(&now).unwrap_or_default();
        let event = Event::default().event(name).data(data);
        Some((Ok(event), (!over).then_some((watching, false))))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
