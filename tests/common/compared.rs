//! The document model as the import tests compare it: what prints, not how it was written.

use dossier::model::{Attachment, Document, Notice};

/// The notice as it prints: 主送 given as a list prints joined with `，`, as one text does.
pub fn printed(n: &Notice) -> Notice {
    let mut n = n.clone();
    n.to = vec![n.to.join("，")]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    n
}

/// The documents as a draft shows them: the label is dossier's own, and titles lose the line
/// breaks their author set (the 2号 title breaks them again the same way).
pub fn documents(d: &Document) -> String {
    let shown = |a: &Attachment| {
        let title = a.title.lines().collect::<String>();
        format!("{:?}", (title, &a.preamble, &a.sections))
    };
    format!("{:?}", d.attachments.iter().map(shown).collect::<Vec<_>>())
}

/// The task table as it reads: its title, columns (key and header), rows' cells, and merges
/// by the rows' places in the table (a sheet numbers its rows as the sheet does, a draft from
/// 1), in order.
pub fn tasks(d: &Document) -> String {
    let Some(t) = &d.tasks else {
        return "no tasks".to_string();
    };
    let place = |row: u32| t.rows.iter().position(|r| r.row == row);
    let mut merges: Vec<_> = (t.merges.iter())
        .map(|m| (place(m.first), place(m.last), m.column.as_str()))
        .collect();
    merges.sort();
    let columns: Vec<_> = t.columns.iter().map(|c| (&c.key, &c.header)).collect();
    let rows: Vec<_> = t.rows.iter().map(|r| &r.cells).collect();
    format!("{:?}", (&t.title, columns, rows, merges))
}

/// Where `a` and `b` part, with some of each after it.
pub fn difference(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(80);
    let part = |s: &str| s.chars().skip(from).take(240).collect::<String>();
    format!("\n  expected: {}\n  imported: {}", part(a), part(b))
}
