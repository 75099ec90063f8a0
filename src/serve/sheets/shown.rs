//! What the reader said, as the command line says it when run in the workspace: a file named
//! by its name alone, not by the server's path to it; and a sheet as read, as JSON.

use std::path::Path;

use crate::app::{Listener, sheet};
use crate::error::Error;
use crate::serve::reply::Failure;

/// Hears the warnings of an operation on a file in `dir`, and names that file by its name.
pub struct Shown {
    /// The folder, as it appears before a file's name in a message.
    dir: String,
    /// The warnings, as said.
    pub warnings: Vec<String>,
}

impl Shown {
    /// Warnings and errors about files in `dir`.
    pub fn new(dir: &Path) -> Self {
        Shown {
            dir: format!("{}{}", crate::error::shown(dir), std::path::MAIN_SEPARATOR),
            warnings: Vec::new(),
        }
    }

    /// `text` with the folder's path before a file's name left out.
    pub fn text(&self, text: &str) -> String {
        text.replace(&self.dir, "")
    }

    /// `e`, its file named by its name: bad input, 422.
    pub fn failure(&self, e: Error) -> Failure {
        Failure::from(Error {
            place: self.text(&e.place),
            message: self.text(&e.message),
            hint: self.text(&e.hint),
        })
    }
}

impl Listener for Shown {
    fn warning(&mut self, text: &str) {
        let said = self.text(text);
        self.warnings.push(said);
    }
}

/// The sheet `name` as read, for the page: its title, columns, rows, merged cells (with their
/// places), units and the reader's warnings.
pub fn view(name: &str, read: &sheet::Read, warnings: Vec<String>) -> serde_json::Value {
    let table = &read.table;
    let rows: Vec<serde_json::Value> = (table.rows.iter())
        .map(|r| serde_json::json!({ "row": r.row, "cells": r.cells }))
        .collect();
    let merges: Vec<serde_json::Value> = (table.merges.iter())
        .map(|m| {
            let header = (table.column(&m.column)).map(|c| table.columns[c].header.as_str());
            serde_json::json!({
                "column": m.column,
                "header": header,
                "first": m.first,
                "last": m.last,
                "place": read.place(m),
            })
        })
        .collect();
    serde_json::json!({
        "name": name,
        "sheet": read.sheet,
        "title": table.shown_title(),
        "columns": table.columns,
        "rows": rows,
        "merges": merges,
        "units": read.units,
        "tally": table.column("status").is_some(),
        "issuer": crate::app::DEFAULT_ISSUER,
        "to": crate::app::tally::DEFAULT_TO,
        "warnings": warnings,
        "doubts": read.doubts,
    })
}
