use super::{evidence_workbook, sheet_template, tally_workbook};
use crate::model::{
    Counts, EvidenceEntry, EvidenceHeading, Extent, Indicator, Overdue, Share, Tally,
};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook")
}

fn counts(tasks: u32, done: u32, in_progress: u32, not_started: u32, overdue: u32) -> Counts {
    let rate = f64::from(done) / f64::from(tasks);
    Counts {
        tasks,
        done,
        in_progress,
        not_started,
        overdue,
        rate,
        progress: rate + f64::from(in_progress) / f64::from(tasks) / 2.0,
    }
}

fn tally() -> Tally {
    Tally {
        title: "青州市创建全国文明城市重点任务进度通报".into(),
        as_of: "2024-09-30".into(),
        total: counts(4, 1, 2, 1, 1),
        by_unit: vec![
            Share {
                name: "市委宣传部".into(),
                counts: counts(3, 1, 1, 1, 1),
            },
            Share {
                name: "市文明办".into(),
                counts: counts(2, 0, 2, 0, 0),
            },
        ],
        by_item: vec![Share {
            name: "公共文化".into(),
            counts: counts(4, 1, 2, 1, 1),
        }],
        overdue: vec![Overdue {
            row: 5,
            item: "公共文化".into(),
            content: "建成城市书房10处".into(),
            units: vec!["市文化和旅游局".into(), "市财政局".into()],
            deadline: "2024-08-31".into(),
            status: "未启动".into(),
        }],
    }
}

#[test]
fn template_reads_back_with_title_and_headers() {
    let mut book = open(sheet_template().expect("template"));
    assert_eq!(book.sheet_names(), ["分解表"]);
    let range = book.worksheet_range("分解表").expect("sheet");
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("测评任务分解表".into()))
    );
    let headers: Vec<String> = (0..8)
        .map(|c| {
            range
                .get_value((1, c))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        headers,
        [
            "序号",
            "测评项目",
            "测评内容",
            "测评方式",
            "责任单位",
            "配合单位",
            "完成时限",
            "完成情况"
        ]
    );
    let merges = book.merge_cells_by_sheet_name("分解表").expect("merges");
    assert_eq!(merges.len(), 1, "the title alone is merged");
    assert_eq!((merges[0].start, merges[0].end), ((0, 0), (0, 7)));
}

#[test]
fn tally_reads_back_typed() {
    let mut book = open(tally_workbook(&tally()).expect("tally workbook"));
    assert_eq!(
        book.sheet_names(),
        ["总体", "按责任单位", "按测评项目", "逾期任务"]
    );

    let total = book.worksheet_range("总体").expect("总体");
    assert_eq!(
        total.get_value((0, 0)),
        Some(&Data::String(
            "青州市创建全国文明城市重点任务进度通报".into()
        ))
    );
    assert!(
        matches!(total.get_value((1, 1)), Some(Data::DateTime(d)) if d.to_ymd_hms_milli().0 == 2024),
        "统计截至 is a date cell: {:?}",
        total.get_value((1, 1))
    );
    assert_eq!(
        total.get_value((2, 5)),
        Some(&Data::String("完成率".into()))
    );
    assert_eq!(
        total.get_value((3, 0)),
        Some(&Data::Float(4.0)),
        "任务数 is a number"
    );
    assert_eq!(
        total.get_value((3, 4)),
        Some(&Data::Float(1.0)),
        "逾期 is a number"
    );
    assert_eq!(
        total.get_value((3, 5)),
        Some(&Data::Float(0.25)),
        "完成率 is a fraction"
    );

    let units = book.worksheet_range("按责任单位").expect("按责任单位");
    assert_eq!(
        units.get_value((0, 0)),
        Some(&Data::String("责任单位".into()))
    );
    assert_eq!(
        units.get_value((2, 0)),
        Some(&Data::String("市文明办".into()))
    );
    assert_eq!(units.get_value((2, 3)), Some(&Data::Float(2.0)), "推进中");
    assert_eq!(units.height(), 3, "a header and two units");

    let overdue = book.worksheet_range("逾期任务").expect("逾期任务");
    assert_eq!(overdue.get_value((1, 0)), Some(&Data::Float(1.0)));
    assert_eq!(
        overdue.get_value((1, 3)),
        Some(&Data::String("市文化和旅游局、市财政局".into()))
    );
    match overdue.get_value((1, 4)) {
        Some(Data::DateTime(d)) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            assert_eq!((y, m, day), (2024, 8, 31));
        }
        other => panic!("完成时限 is a date cell, not {other:?}"),
    }
}

#[test]
fn empty_by_item_leaves_its_sheet_out() {
    let mut t = tally();
    t.by_item.clear();
    t.overdue[0].deadline = "长期坚持".into();
    let mut book = open(tally_workbook(&t).expect("tally workbook"));
    assert_eq!(book.sheet_names(), ["总体", "按责任单位", "逾期任务"]);
    let overdue = book.worksheet_range("逾期任务").expect("逾期任务");
    assert_eq!(
        overdue.get_value((1, 4)),
        Some(&Data::String("长期坚持".into())),
        "a deadline in words stays words"
    );
}

#[test]
fn writes_are_byte_identical() {
    assert_eq!(sheet_template().expect("a"), sheet_template().expect("b"));
    let t = tally();
    assert_eq!(
        tally_workbook(&t).expect("a"),
        tally_workbook(&t).expect("b")
    );
}

#[test]
fn a_percentage_status_is_a_number() {
    let mut t = tally();
    t.overdue[0].status = "60%".into();
    let mut book = open(tally_workbook(&t).expect("tally workbook"));
    let overdue = book.worksheet_range("逾期任务").expect("逾期任务");
    assert_eq!(overdue.get_value((1, 5)), Some(&Data::Float(0.6)));
}

#[test]
fn page_counts_and_whole_indicator_codes_are_numbers() {
    let missing = ["12", "01", "1.2"].map(|code| Indicator {
        code: code.into(),
        name: "指标".into(),
        units: Vec::new(),
    });
    let heading = EvidenceHeading {
        title: "佐证材料目录".into(),
        missing: missing.to_vec(),
        ..Default::default()
    };
    let entry = |pages| EvidenceEntry {
        indicator: "12 指标".into(),
        path: "data/12 指标/001-记录.pdf".into(),
        original: "12 指标/记录.pdf".into(),
        size: 10,
        pages,
        sha256: "00".repeat(32),
        volume: None,
    };
    let mut out = Cursor::new(Vec::new());
    evidence_workbook(
        &heading,
        |put| {
            put(entry(Some(Extent::Pages(12))))?;
            put(entry(Some(Extent::Photo)))?;
            put(entry(None))
        },
        &mut out,
    )
    .expect("evidence workbook");
    let mut book = open(out.into_inner());
    let files = book.worksheet_range("材料目录").expect("材料目录");
    let pages: Vec<_> = (1..=3).map(|r| files.get_value((r, 6)).cloned()).collect();
    assert_eq!(
        pages,
        [
            Some(Data::Float(12.0)),
            Some(Data::Float(1.0)),
            Some(Data::Empty)
        ]
    );
    let gaps = book.worksheet_range("缺少材料").expect("缺少材料");
    let codes: Vec<_> = (1..=3).map(|r| gaps.get_value((r, 0)).cloned()).collect();
    assert_eq!(
        codes,
        [
            Some(Data::Float(12.0)),
            Some(Data::String("01".into())),
            Some(Data::String("1.2".into()))
        ]
    );
}

/// The "version made by" high byte of each central-directory header in `zip`, found by its
/// signature, checked against the entry count the zip crate reads.
fn made_by_systems(zip: &[u8]) -> Vec<u8> {
    let entries = zip::ZipArchive::new(Cursor::new(zip)).expect("zip").len();
    let found: Vec<u8> = zip
        .windows(6)
        .filter(|w| w[..4] == *b"PK\x01\x02")
        .map(|w| w[5])
        .collect();
    assert_eq!(found.len(), entries, "one header per entry");
    found
}

/// A zip of `data` stored as two entries, made by MS-DOS as a Windows build's zip crate makes
/// it; ZIP64 end records when `large`.
fn dos_zip(data: &[u8], large: bool) -> Vec<u8> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .system(zip::System::Dos)
        .large_file(large);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for name in ["xl/a.xml", "xl/b.xml"] {
        zip.start_file(name, options).expect("entry");
        std::io::Write::write_all(&mut zip, data).expect("data");
    }
    zip.finish().expect("zip").into_inner()
}

#[test]
fn every_workbook_is_made_by_unix() {
    let tally = tally_workbook(&tally()).expect("tally");
    let template = sheet_template().expect("template");
    let mut evidence = Cursor::new(Vec::new());
    evidence_workbook(&EvidenceHeading::default(), |_| Ok(()), &mut evidence).expect("evidence");
    for zip in [tally, template, evidence.into_inner()] {
        let systems = made_by_systems(&zip);
        assert!(systems.iter().all(|&s| s == 3), "{systems:?}");
    }
}

#[test]
fn a_dos_zip_is_rewritten_to_unix_in_memory_and_streamed() {
    let data: Vec<u8> = (0..3 << 20).map(|i: u32| (i * 7 % 251) as u8).collect();
    for large in [false, true] {
        let dos = dos_zip(&data, large);
        assert_eq!(made_by_systems(&dos), [0, 0]);
        let unix = super::made_by::in_memory(dos.clone()).expect("in memory");
        assert_eq!(made_by_systems(&unix), [3, 3]);
        let differ: Vec<_> = (0..dos.len()).filter(|&i| dos[i] != unix[i]).collect();
        assert_eq!(differ.len(), 2, "only the two made-by bytes change");

        let mut out = Vec::new();
        let mut streamed = super::made_by::Streamed::new(&mut out);
        for piece in dos.chunks(100_003) {
            std::io::Write::write_all(&mut streamed, piece).expect("write");
        }
        streamed.finish().expect("finish");
        assert_eq!(out, unix, "streamed through a held tail, the same bytes");
    }
}

#[test]
fn a_cut_zip_is_an_error_not_a_crash() {
    let dos = dos_zip(b"abc", false);
    for cut in [0, 10, dos.len() - 30, dos.len() - 1] {
        assert!(
            super::made_by::in_memory(dos[..cut].to_vec()).is_err(),
            "cut at {cut}"
        );
    }
}
