//! What the server answers when something fails: the status and the error as JSON, its
//! message in the same Chinese words the command line prints.

use axum::Json;
use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::Error;

/// A failed request: its status and why.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub error: Error,
}

impl Failure {
    /// A failure with `status`, about `place`.
    pub fn new(status: StatusCode, place: &str, message: impl Into<String>) -> Self {
        Failure {
            status,
            error: Error::at(place, message),
        }
    }

    /// Adds advice on what to do next.
    pub fn with_hint(mut self, hint: &str) -> Self {
        self.error = self.error.with_hint(hint);
        self
    }
}

/// Bad input (a scheme file that does not read, a draft that cannot be imported): 422.
impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            error,
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.status, Json(json(&self.error))).into_response()
    }
}

/// An error as every answer gives it: `{"error", "place", "message", "hint"}`.
pub fn json(e: &Error) -> serde_json::Value {
    serde_json::json!({
        "error": e.to_string(),
        "place": e.place,
        "message": e.message,
        "hint": e.hint,
    })
}

/// An answer or a failure.
pub type Reply<T> = Result<T, Failure>;

/// A Word document's media type.
pub const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// `body` (bytes in memory, or a stream) as a file to save, named `file`, of media type `kind`.
pub fn attachment(file: &str, kind: &str, body: impl Into<Body>) -> Response {
    let disposition = format!("attachment; filename*=UTF-8''{}", percent(file));
    let headers = [
        (header::CONTENT_TYPE, kind.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
    ];
    (headers, body.into()).into_response()
}

/// `text` as an RFC 5987 value: every byte but a letter, a digit or `-._~` percent-encoded.
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
