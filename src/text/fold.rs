//! Names as a file system that ignores case and Unicode normalisation compares them: Windows
//! does not tell `A.pdf` from `a.pdf`, macOS stores `é` as `e` and a combining accent, so
//! two names that fold alike cannot stand side by side in one folder.

use unicode_normalization::UnicodeNormalization;

/// `name` lowercased and canonically decomposed (NFD).
///
/// ```
/// assert_eq!(dossier::text::folded("Café.PDF"), dossier::text::folded("cafe\u{301}.pdf"));
/// assert_ne!(dossier::text::folded("a.pdf"), dossier::text::folded("b.pdf"));
/// ```
pub fn folded(name: &str) -> String {
    name.to_lowercase().nfd().collect()
}
