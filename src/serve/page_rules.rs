//! The page rules of a preview as the page reads them: each rule on each page it concerns,
//! checked on dossier's own layout (`app::preview::Laid::rules`), and what the layout changed
//! to keep them. The page draws them; it judges nothing itself.

use serde_json::{Value, json};

use crate::app::preview::Laid;

/// `{"checks": [{"rule", "clause", "page", "held", "message"}…], "fit_note"}`: `page` from 1,
/// `message` in the words `dossier` says the rule in everywhere.
pub(super) fn of(laid: &Laid) -> Value {
    let checks: Vec<Value> = (laid.rules.iter())
        .map(|c| {
            json!({
                "rule": c.rule.key(),
                "clause": c.rule.clause(),
                "page": c.page,
                "held": c.held,
                "message": c.message,
            })
        })
        .collect();
    json!({ "checks": checks, "fit_note": laid.fit_note })
}
