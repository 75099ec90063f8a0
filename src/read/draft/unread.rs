//! Attachments a draft holds no text of: a label with nothing after it but pictures (a PDF
//! file's pages, a scan). Their title is the one the 附件说明 lists; the file itself is not in
//! the draft, so the importer asks for it.

use super::doubt::Doubts;
use super::notice::NoticeDraft;
use super::recognise::DocumentDraft;
use super::{Block, Para};

/// Whether `blocks` hold no text: no paragraph with any, no table.
///
/// ```
/// use dossier::read::draft::{Block, Para, unread::is_unread};
/// let blank = Block::Para(Para { picture: Some(42.0), ..Default::default() });
/// assert!(is_unread(&[blank]) && is_unread(&[]));
/// assert!(!is_unread(&[Block::Para(Para { text: "台账管理办法".into(), ..Default::default() })]));
/// ```
pub fn is_unread(blocks: &[Block]) -> bool {
    blocks
        .iter()
        .all(|b| matches!(b, Block::Para(Para { text, .. }) if text.trim().is_empty()))
}

/// Titles each labelled document of `docs` that `unread` marks with the title the 附件说明
/// of `notice` lists in its place, and asks for its file. `scheme_labelled`: whether the
/// first document is under a label too (else it is the scheme the notice issues).
///
/// ```
/// use dossier::read::draft::{doubt::Doubts, recognise::DocumentDraft, unread::title_unread};
/// let docs = &mut [DocumentDraft { title: "方案".into(), ..Default::default() }, DocumentDraft::default()];
/// let listed = vec!["填报说明".to_string()];
/// let mut doubts = Doubts::default();
/// title_unread(&listed, docs, &[false, true], false, &mut doubts);
/// assert_eq!(docs[1].title, "填报说明");
/// assert!(doubts.0[0].what.contains("file:"));
/// ```
pub fn title_unread(
    listed: &[String],
    docs: &mut [DocumentDraft],
    unread: &[bool],
    scheme_labelled: bool,
    doubts: &mut Doubts,
) {
    let skip = usize::from(!scheme_labelled);
    let labelled = docs.iter_mut().zip(unread).skip(skip);
    for (k, (doc, _)) in labelled.enumerate().filter(|(_, (_, u))| **u) {
        if let Some(title) = listed.get(k) {
            doc.title = title.clone();
        }
        doubts.add_at(
            0,
            &format!("title: {}", doc.title),
            format!(
                "附件「{}」在草稿里只有图片（如 PDF 文件的页面），没有文字：\
                 请在这一项下写 file: 附件文件（PDF 或 Word 文档）的路径",
                doc.title
            ),
        );
    }
}

/// The titles the 附件说明 of `notice` lists, none without a notice.
pub(super) fn listed(notice: Option<&NoticeDraft>) -> &[String] {
    notice.map_or(&[], |n| n.attachments.as_slice())
}
