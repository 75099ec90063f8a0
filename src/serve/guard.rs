//! Who may use the server: only the page it served, in the browser of the user it printed the
//! address to. A random token per start, given in the printed address and then kept in an
//! HttpOnly cookie, is asked of every request; a Host that is not the server's own address is
//! refused (a web site whose name was pointed at 127.0.0.1, DNS rebinding); a request that
//! changes something from another origin is refused (cross-site requests).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::reply::Failure;
use super::routes::Shared;
use crate::error::{Error, Result};

/// Random bytes in a token: 128 bits, beyond guessing.
const TOKEN_BYTES: usize = 16;

/// The token and the port it guards.
#[derive(Debug)]
pub struct Guard {
    token: String,
    port: u16,
}

impl Guard {
    /// A guard with a fresh token from the system's secure random source.
    pub fn new(port: u16) -> Result<Self> {
        let mut bytes = [0u8; TOKEN_BYTES];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::at("", format!("无法取得随机数作口令：{e}")))?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Guard { token, port })
    }

    /// The token, for the printed address.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The cookie's name: one per port, so two servers on one machine keep their own.
    fn cookie(&self) -> String {
        format!("dossier-{}", self.port)
    }

    /// The Host is this server: `localhost` or an IP address (a name other than localhost is
    /// how DNS rebinding comes in), with its port.
    fn own_host(&self, host: &str) -> bool {
        let Some((name, port)) = host.rsplit_once(':') else {
            return false;
        };
        let name = name.trim_start_matches('[').trim_end_matches(']');
        port == self.port.to_string()
            && (name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok())
    }

    /// The request carries the token in its cookie.
    fn has_cookie(&self, headers: &HeaderMap) -> bool {
        let wanted = self.cookie();
        let cookies = headers.get_all(header::COOKIE).iter();
        let pairs = cookies
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'));
        pairs
            .filter_map(|p| p.trim().split_once('='))
            .any(|(name, value)| name == wanted && same(value, &self.token))
    }
}

/// The two strings are equal, compared in a time that does not tell how much of them is.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0, |d, (x, y)| d | (x ^ y)) == 0
}

/// Lets a request through only when it comes from the page this server served.
pub async fn check(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let guard = &shared.guard;
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let Some(host) = host.filter(|h| guard.own_host(h)) else {
        return refused("请求的主机名不是本服务的地址（可能是 DNS 重绑定攻击）");
    };
    let reads = matches!(*request.method(), Method::GET | Method::HEAD);
    let origin = headers
        .get(header::ORIGIN)
        .map(|o| o.to_str().unwrap_or(""));
    if !reads && origin.is_some_and(|o| o != format!("http://{host}")) {
        return refused("请求来自别的网页（跨站请求），已拒绝");
    }
    if let Some(given) = token_in(&request) {
        return welcome(guard, given);
    }
    if !guard.has_cookie(headers) {
        return refused("缺少口令：请用 dossier serve 打印的带 token 的地址打开网页");
    }
    next.run(request).await
}

/// The `token` of the page's address, when the request is for the page with one.
fn token_in(request: &Request) -> Option<String> {
    let query = request.uri().query()?;
    let given = query.split('&').find_map(|p| p.strip_prefix("token="))?;
    (request.uri().path() == "/").then(|| given.to_string())
}

/// The first visit: a right token becomes a cookie and the address loses it (so that it
/// stays out of the history and of what is shared); a wrong one is refused.
fn welcome(guard: &Guard, given: String) -> Response {
    if !same(&given, &guard.token) {
        return refused("口令不对：请用 dossier serve 这次启动时打印的地址打开网页");
    }
    let cookie = format!(
        "{}={}; HttpOnly; SameSite=Strict; Path=/",
        guard.cookie(),
        guard.token
    );
    ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
}

fn refused(why: &str) -> Response {
    Failure::new(StatusCode::FORBIDDEN, "", why).into_response()
}
