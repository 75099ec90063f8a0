//! `check`: a scheme file read and rendered in memory with its templates, nothing written.

use std::path::Path;

use super::Look;
use crate::error::Result;
use crate::template::Templates;

/// Checks the scheme file at `scheme` by rendering it, writing nothing.
///
/// ```
/// let look = dossier::app::Look::default();
/// assert!(dossier::app::check::check("schemes/joint.yaml".as_ref(), &look).is_ok());
/// assert!(dossier::app::check::check("tests/bad/bad_date.yaml".as_ref(), &look).is_err());
/// ```
pub fn check(scheme: &Path, look: &Look) -> Result<()> {
    let templates = Templates::load(look.templates.as_deref())?;
    super::render::docx(scheme, &templates, look).map(|_| ())
}
