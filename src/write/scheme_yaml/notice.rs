//! An imported notice as the scheme file's `notice:`, each field written only where it
//! differs from what dossier makes of the scheme by default.

use serde::Serialize;

use crate::layout::GBT9704;
use crate::read::draft::colophon::Colophon;
use crate::read::draft::forms::is_letter;
use crate::read::draft::notice::NoticeDraft;
use crate::read::scheme::forwarding;
use crate::text::{Date, Script};

/// One name as text, several as a list, as the scheme file writes names.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum Names<'a> {
    One(&'a str),
    Many(&'a [String]),
}

impl<'a> Names<'a> {
    pub(super) fn of(names: &'a [String]) -> Option<Names<'a>> {
        match names {
            [] => None,
            // A name the scheme reader would read apart (`主任、副主任`) is kept whole in a list.
            [one] if crate::text::split_list(one).len() == 1 => Some(Names::One(one)),
            many => Some(Names::Many(many)),
        }
    }
}

#[derive(Serialize)]
pub(super) struct NoticeOut<'a> {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    preprinted: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    letter: bool,
    issuer: Option<Names<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mark: Option<Names<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mark_suffix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_no: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signer: Option<Names<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    title_with_issuer: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_lead: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme_as_attachment: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<Names<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    seal: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    seal_mm: Option<f64>,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attended: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    absent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    observers: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cc: Option<Names<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    printer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    print_date: Option<String>,
}

/// The `notice:` of `n`, forwarding the scheme titled `scheme_title`, with the 版记 `c`.
pub(super) fn notice_out<'a>(
    n: &'a NoticeDraft,
    scheme_title: &str,
    as_attachment: bool,
    c: Option<&'a Colophon>,
) -> NoticeOut<'a> {
    let script = Script::detect(&n.title);
    let (title, title_with_issuer) = title(n, scheme_title, script);
    let (body_lead, body) = body(n, scheme_title, script);
    let print_date = c.and_then(|c| c.print_date).filter(|d| *d != n.date);
    let printer = c.and_then(|c| c.printer.as_deref());
    // A 函 names no 签发人 and prints no 印发机关: a draft that does is no 函 in form.
    let letter = is_letter(&n.title) && n.signers.is_empty() && printer.is_none();
    let plain_suffix = if letter { "" } else { "文件" };
    NoticeOut {
        preprinted: n.preprinted,
        letter,
        issuer: Names::of(&n.issuers),
        mark: Names::of(&n.mark_names).filter(|_| n.mark_names != n.issuers),
        mark_suffix: n.mark_suffix.as_deref().filter(|s| *s != plain_suffix),
        doc_no: n.doc_no.as_deref(),
        signer: Names::of(&n.signers),
        to: n.to.as_deref(),
        title,
        title_with_issuer,
        body_lead,
        body,
        // A notice alone (no scheme title) has no scheme to place.
        scheme_as_attachment: (!as_attachment && !scheme_title.is_empty()).then_some(false),
        signature: Names::of(&n.signature).filter(|_| n.signature != n.issuers),
        seal: n.seal.is_some(),
        seal_mm: n.seal.and_then(seal_mm),
        date: n.date.iso(),
        note: n.note.as_deref(),
        attended: n.attendance.attended.as_deref(),
        absent: n.attendance.absent.as_deref(),
        observers: n.attendance.observers.as_deref(),
        cc: c.and_then(|c| Names::of(&c.cc)),
        printer,
        print_date: print_date.map(|d: Date| d.iso()),
    }
}

/// The title to write (none when dossier's default is the draft's), and whether it is the
/// default that opens with the issuers.
fn title<'a>(n: &'a NoticeDraft, scheme: &str, script: Script) -> (Option<&'a str>, bool) {
    let plain = forwarding(scheme, &[], script).0;
    let named = forwarding(scheme, &n.issuers, script).0;
    match n.title.as_str() {
        t if t == plain => (None, false),
        t if t == named => (None, true),
        t => (Some(t), false),
    }
}

/// The words before dossier's default body when the draft's body is that with words before
/// it, else the body to write (none when it is the default).
fn body<'a>(
    n: &'a NoticeDraft,
    scheme: &str,
    script: Script,
) -> (Option<&'a str>, Option<&'a [String]>) {
    let default = forwarding(scheme, &[], script).1;
    match n.body.as_slice() {
        [one] if *one == default => (None, None),
        [one] if one.ends_with(&default) && one.len() > default.len() => {
            (Some(&one[..one.len() - default.len()]), None)
        }
        body => (None, Some(body)),
    }
}

/// The `seal_mm` a seal's picture `mm` wide gives, to a tenth of a millimetre: none when it is
/// the default, or outside the diameters a seal may have (no seal's size, then).
fn seal_mm(mm: f64) -> Option<f64> {
    let mm = (mm * 10.0).round() / 10.0;
    let (least, most) = GBT9704.seal_mm_range;
    ((least..=most).contains(&mm) && mm != GBT9704.seal_mm).then_some(mm)
}
