//! Markup text → `markup::parse`, and markup that parses → typesetter → DOCX in memory, with one
//! small task table for `@table 0` to place.
#![no_main]

use std::sync::OnceLock;

use dossier::model::{TableSource, TaskTable};
use dossier::{layout, markup, typeset, write::docx};
use libfuzzer_sys::fuzz_target;

fn table() -> &'static TaskTable {
    static TABLE: OnceLock<TaskTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = TaskTable::built(
            &[
                ("seq", "序号"),
                ("content", "测评内容"),
                ("lead", "责任单位"),
                ("deadline", "完成时限"),
            ],
            vec![
                vec![
                    "1".into(),
                    "健全理论学习中心组学习制度".into(),
                    "市委宣传部".into(),
                    "2024-09-30".into(),
                ],
                vec![
                    "2".into(),
                    "开展理想信念教育".into(),
                    "市委组织部、市纪委监委".into(),
                    "长期坚持".into(),
                ],
            ],
        );
        t.title = Some("测评任务分解表".into());
        t
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(markup) = markup::parse(text, "fuzz.tera", vec![TableSource::Held(table())]) else {
        return;
    };
    let Ok(galley) = typeset::typeset(&markup, &layout::GBT9704) else {
        return;
    };
    let bytes = docx::to_bytes(&galley, &layout::FONT_PROFILES[0], &Default::default())
    .expect("a typeset galley always writes");
    assert_eq!(&bytes[..2], b"PK", "a DOCX is a zip");
});
