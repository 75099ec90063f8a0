use dossier::write::archive::*;
#[test]
fn scratch() {
    let out = std::path::Path::new("/tmp/arch-exp");
    std::fs::create_dir_all(out).unwrap();
    for (enc, file) in [(NameEncoding::Utf8, "utf8.zip"), (NameEncoding::Gbk, "gbk.zip")] {
        let f = std::fs::File::create(out.join(file)).unwrap();
        let mut w = ArchiveWriter::new(f, enc);
        for n in ["关于创建全国文明城市的报告（第一稿）.txt", "附件 1：测评　体系.txt", "一/二/三/深.txt", "表情😀.txt", "plain.txt"] {
            w.add_bytes(n, n.as_bytes(), Method::Deflate, Timestamp { unix: 1_714_538_097 }).unwrap();
        }
        w.finish().unwrap();
    }
}
