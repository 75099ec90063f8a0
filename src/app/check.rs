//! `check`: a scheme file read and rendered in memory with its templates, nothing written.

use std::path::Path;

use super::Look;
use crate::error::Result;
use crate::read::scheme::Files;
use crate::template::Templates;

/// Checks the scheme file at `scheme` by rendering it, writing nothing; returns what reading
/// its task sheet passed over and what its layout could not keep, each naming its place.
///
/// ```
/// use dossier::app::{Look, check::check};
/// use dossier::read::scheme::Files;
/// assert_eq!(check("schemes/joint.yaml".as_ref(), &Look::default(), Files::Anywhere).unwrap(), Vec::<String>::new());
/// let said = check("schemes/with-table.yaml".as_ref(), &Look::default(), Files::Anywhere).unwrap();
/// assert!(said.iter().any(|w| w.ends_with("表末的注释行，已跳过")), "{said:?}");
/// assert!(check("tests/bad/bad_date.yaml".as_ref(), &Look::default(), Files::Anywhere).is_err());
/// ```
pub fn check(scheme: &Path, look: &Look, files: Files) -> Result<Vec<String>> {
    let templates = Templates::load(look.templates.as_deref())?;
    let req = super::render::Request {
        look: look.clone(),
        files,
        ..Default::default()
    };
    let (made, read) = super::render::files(scheme, &templates, &req)?;
    let mut said = read.warnings;
    said.extend(made.warnings_at(scheme));
    Ok(said)
}
