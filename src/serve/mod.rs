//! `dossier serve`: a web page on the user's own machine over the application layer, for
//! people who work in a browser rather than a terminal. Every operation is the one the command
//! line runs (`crate::app`); this module only carries requests to it: `routes` maps each
//! address to an operation, `guard` refuses requests from anyone but the page it served,
//! `workspace` confines file names to the workspace folder, `reply` turns errors into JSON with
//! their Chinese message, `assets` holds the page, `page_rules` says the preview's page
//! rules, and `browser` opens it. Long operations run as background jobs (`jobs`); the 任务表
//! part is `sheets`, the 佐证材料 part (`evidence`) lists folders to choose from (`folders`).

mod assets;
mod browser;
mod evidence;
mod folders;
mod form;
mod guard;
mod jobs;
mod page_rules;
mod reply;
mod routes;
mod sheets;
mod workspace;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::{Error, Result};

/// The port tried first when none is asked for. The page's address stays the same from one
/// start to the next, and with it what the browser keeps for the page: text not yet saved, the
/// file last opened, the job running. 9704: the standard's number.
pub const USUAL_PORT: u16 = 9704;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// The port; 0 lets the system choose a free one; `None` tries `USUAL_PORT` first.
    pub port: Option<u16>,
    /// The workspace: scheme files are listed, read and saved here and nowhere else.
    pub dir: PathBuf,
    /// The address to listen on; loopback unless the user asks otherwise.
    pub listen: IpAddr,
    /// Open the page in the default browser once listening.
    pub open: bool,
}

/// A server listening, as the user is told of it.
#[derive(Debug, Clone)]
pub struct Started {
    /// The page's address with its token: the one way in.
    pub url: String,
    /// Said when others on the network can reach the server.
    pub warning: Option<String>,
    /// Said when the browser could not be opened.
    pub not_opened: Option<String>,
}

/// Serves until the process ends, calling `started` once it listens.
///
/// ```no_run
/// let opts = dossier::serve::Options {
///     port: None,
///     dir: ".".into(),
///     listen: [127, 0, 0, 1].into(),
///     open: false,
/// };
/// dossier::serve::serve(&opts, |s| println!("{}", s.url)).unwrap();
/// ```
pub fn serve(opts: &Options, started: impl FnOnce(&Started)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        // The event streams of background jobs send a keep-alive comment on a timer.
        .enable_time()
        .build()
        .map_err(|e| Error::at("", format!("无法启动网页服务：{e}")))?;
    runtime.block_on(run(opts, started))
}

/// A listener on the port asked for, or on `USUAL_PORT` when it is free and none was asked
/// for, or else on one the system chooses.
async fn listen(opts: &Options) -> Result<tokio::net::TcpListener> {
    let at = |port| SocketAddr::new(opts.listen, port);
    if opts.port.is_none()
        && let Ok(usual) = tokio::net::TcpListener::bind(at(USUAL_PORT)).await
    {
        return Ok(usual);
    }
    let bound = at(opts.port.unwrap_or(0));
    tokio::net::TcpListener::bind(bound).await.map_err(|e| {
        Error::at(bound.to_string(), format!("无法监听这个地址：{e}"))
            .with_hint("换一个端口（--port），或不给 --port 由系统选一个空闲端口")
    })
}

async fn run(opts: &Options, started: impl FnOnce(&Started)) -> Result<()> {
    let workspace = workspace::Workspace::open(&opts.dir)?;
    let listener = listen(opts).await?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::at(opts.listen.to_string(), format!("无法取得监听的地址：{e}")))?;
    let guard = guard::Guard::new(addr.port())?;
    let url = format!("http://{}/?token={}", shown(addr), guard.token());
    let not_opened = opts.open.then(|| browser::open(&url).err()).flatten();
    started(&Started {
        url,
        warning: (!opts.listen.is_loopback()).then(|| exposed(opts.listen)),
        not_opened,
    });
    let jobs = jobs::Jobs::default();
    let shared = Arc::new(routes::Shared {
        workspace,
        guard,
        jobs,
    });
    axum::serve(listener, routes::router(shared))
        .await
        .map_err(|e| Error::at(addr.to_string(), format!("网页服务出错停止：{e}")))
}

/// How the page's address is written: loopback as 127.0.0.1, IPv6 in brackets.
fn shown(addr: SocketAddr) -> String {
    match addr.ip() {
        ip if ip.is_unspecified() => format!("127.0.0.1:{}", addr.port()),
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
    }
}

fn exposed(listen: IpAddr) -> String {
    format!(
        "正在监听 {listen}，不只是本机：同一网络里的其他人只要拿到带 token 的地址就能打开这个网页、读写工作文件夹里的方案文件。只在本机用时请去掉 --listen"
    )
}
