//! The page, embedded in the binary: it works offline and needs no build step.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The page's files after the first: each part of the page (a tab) has its own script.
const FILES: &[(&str, &str, &str)] = &[
    ("page.css", CSS, include_str!("page/page.css")),
    ("request.js", JS, include_str!("page/request.js")),
    ("tabs.js", JS, include_str!("page/tabs.js")),
    ("form.js", JS, include_str!("page/form.js")),
    ("rules.js", JS, include_str!("page/rules.js")),
    ("page.js", JS, include_str!("page/page.js")),
    ("evidence.js", JS, include_str!("page/evidence.js")),
    ("sheets.js", JS, include_str!("page/sheets.js")),
];

const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";

/// The page.
pub async fn page() -> Response {
    asset("text/html; charset=utf-8", include_str!("page/index.html"))
}

/// One of the page's files, by name.
pub async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, body)) => asset(kind, body),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    // The page may be framed by no other site, and runs only its own script.
    let headers = [
        (header::CONTENT_TYPE, kind),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
        ),
        (header::CACHE_CONTROL, "no-store"),
    ];
    (headers, body).into_response()
}
