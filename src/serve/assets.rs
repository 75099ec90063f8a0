//! The page, embedded in the binary: it works offline and needs no build step.

use axum::http::header;
use axum::response::IntoResponse;

/// The page.
pub async fn page() -> impl IntoResponse {
    asset("text/html; charset=utf-8", include_str!("page/index.html"))
}

/// Its script.
pub async fn script() -> impl IntoResponse {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("page/page.js"),
    )
}

/// Its style.
pub async fn style() -> impl IntoResponse {
    asset("text/css; charset=utf-8", include_str!("page/page.css"))
}

fn asset(kind: &'static str, body: &'static str) -> impl IntoResponse {
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
    (headers, body)
}
