//! The import order written in src/lib.rs holds: a module uses only the modules listed before
//! it there (and its own submodules). Every `crate::` path in src/ is checked, `use` lines and
//! paths in code alike, and `super::` paths that climb out of their top-level module.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The top-level modules in the order src/lib.rs declares them.
fn order(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .filter_map(|l| l.strip_suffix(';'))
        .map(str::to_string)
        .collect()
}

/// Every .rs file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("src/ reads") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The module path of a file under src/: `src/read/sheet/grid.rs` is `read::sheet::grid`,
/// `src/read/mod.rs` is `read`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments (doc examples name `dossier::`, not `crate::`).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file's code names: `crate::x`, `crate::{x, y::z}` and `super::`
/// paths that reach the crate root from `module`.
fn named(code: &str, module: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            out.extend(top_names(inner));
        } else {
            out.extend(first_ident(rest));
        }
    }
    for (i, _) in code.match_indices("super::") {
        // Only the first `super::` of a chain: count how far it climbs.
        if code[..i].ends_with("super::") {
            continue;
        }
        let mut rest = &code[i..];
        let mut up = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            up += 1;
            rest = r;
        }
        // A file's own module is `module`; `super` is its parent, and so on.
        if up == module.len() {
            out.extend(first_ident(rest));
        }
    }
    out
}

/// The first identifier of a path.
fn first_ident(path: &str) -> Option<String> {
    let ident: String = path
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!ident.is_empty()).then_some(ident)
}

/// The first segment of each path in a `{a, b::c, d::{e, f}}` group.
fn top_names(group: &str) -> Vec<String> {
    let mut depth = 0;
    let mut out = Vec::new();
    let mut at_start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => at_start = true,
            c if at_start && !c.is_whitespace() => {
                out.extend(first_ident(&group[i..]));
                at_start = false;
            }
            _ => {}
        }
    }
    out
}

/// Each import against the order, as `file: module uses later`.
fn violations(order: &[String], files: &[(PathBuf, String)]) -> Vec<String> {
    let rank = |m: &str| order.iter().position(|o| o == m);
    let mut out = Vec::new();
    for (rel, text) in files {
        let module = module_of(rel);
        let Some(own) = module.first().and_then(|m| rank(m)) else {
            continue;
        };
        for used in named(&code(text), &module) {
            if rank(&used).is_some_and(|r| r > own) {
                out.push(format!(
                    "{}: {} uses {used}, which src/lib.rs lists after it",
                    rel.display(),
                    module[0]
                ));
            }
        }
    }
    out
}

fn src_files() -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    sources(&src)
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("source reads");
            (p.strip_prefix(&src).expect("under src").to_path_buf(), text)
        })
        .collect()
}

#[test]
fn every_import_follows_the_order_of_lib_rs() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("lib.rs reads");
    let order = order(&lib);
    assert!(order.len() > 10, "lib.rs lists the modules: {order:?}");
    let files = src_files();
    let declared: BTreeSet<&str> = order.iter().map(String::as_str).collect();
    for (rel, _) in &files {
        let top = module_of(rel);
        if let Some(m) = top
            .first()
            .filter(|m| !["lib", "main"].contains(&m.as_str()))
        {
            assert!(
                declared.contains(m.as_str()),
                "{} is not listed in lib.rs",
                rel.display()
            );
        }
    }
    let found = violations(&order, &files);
    assert!(
        found.is_empty(),
        "imports against the order:\n{}",
        found.join("\n")
    );
}

#[test]
fn an_import_against_the_order_is_found() {
    let order: Vec<String> = ["text", "model", "read", "write"]
        .map(String::from)
        .to_vec();
    let file = |path: &str, text: &str| (PathBuf::from(path), text.to_string());
    let files = [
        file(
            "model/table.rs",
            "use crate::text::cell_name;\nuse crate::read::sheet;",
        ),
        file(
            "read/sheet/grid.rs",
            "use crate::{model::Column, text};\nlet x = super::super::super::write::go();",
        ),
        file(
            "write/docx.rs",
            "use crate::{model, read::{sheet, scheme}};\n// use crate::later;",
        ),
        file(
            "text/mod.rs",
            "/// use crate::write;\nfn f() { crate::model::x(); }",
        ),
        file("read/mod.rs", "use super::write::x;"),
    ];
    assert_eq!(
        violations(&order, &files),
        [
            "model/table.rs: model uses read, which src/lib.rs lists after it",
            "read/sheet/grid.rs: read uses write, which src/lib.rs lists after it",
            "text/mod.rs: text uses model, which src/lib.rs lists after it",
            "read/mod.rs: read uses write, which src/lib.rs lists after it",
        ]
    );
}
