//! `check`: a scheme file read and rendered in memory with its templates, nothing written.

use std::path::Path;

use super::Look;
use crate::error::Result;
use crate::read::scheme::Files;
use crate::template::Templates;

/// Checks the scheme file at `scheme` by rendering it, writing nothing.
///
/// ```
/// use dossier::app::{Look, check::check};
/// use dossier::read::scheme::Files;
/// assert!(check("schemes/joint.yaml".as_ref(), &Look::default(), Files::Anywhere).is_ok());
/// assert!(check("tests/bad/bad_date.yaml".as_ref(), &Look::default(), Files::Anywhere).is_err());
/// ```
pub fn check(scheme: &Path, look: &Look, files: Files) -> Result<()> {
    let templates = Templates::load(look.templates.as_deref())?;
    let req = super::render::Request {
        look: look.clone(),
        files,
        ..Default::default()
    };
    super::render::files(scheme, &templates, &req).map(|_| ())
}
