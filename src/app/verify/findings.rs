//! What `verify` found wrong with an archive, each problem by the entry or tag file it is
//! about, in the words the command line prints after the archive's path.

use std::fmt;

/// What is wrong with one archive; no problems when it is whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// Each problem, in the order found.
    pub problems: Vec<Problem>,
    /// Payload files the manifest lists that were found and checked.
    pub checked: usize,
    /// Which volume of a set the archive says it is (bag-info.txt's Bag-Count), if it does.
    pub volume: Option<BagCount>,
}

impl Findings {
    /// Whether the archive is whole.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A volume's place in its set: `Bag-Count: 2 of 3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BagCount {
    /// Which volume this is, from 1.
    pub index: u64,
    /// How many there are; `None` for `?` (not known when it was packed).
    pub total: Option<u64>,
}

/// One problem of an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A file a manifest lists that the archive does not hold, or a tag file a bag needs.
    Missing(String),
    /// A payload file (under `data/`) the manifest does not list.
    Extra(String),
    /// An entry whose bytes do not match its CRC-32 or the SHA-256 its manifest lists.
    Damaged(String),
    /// An entry outside `data/` that is no tag file the tag manifest lists.
    Undeclared(String),
    /// A tag file BagIt requires that the tag manifest does not list, so nothing checks it.
    Uncovered(String),
    /// An entry whose name an extractor could write outside its folder, or not as written: the
    /// name and why.
    UnsafeName(String, &'static str),
    /// A name more than one entry has: extractors do not agree on which one they keep.
    Duplicate(String),
    /// Two names a system that ignores case or Unicode normalisation takes for one.
    Collides(String, String),
    /// A file's name that another entry's name has as a folder: the file and that entry.
    FileAndFolder(String, String),
    /// An entry that would not be extracted as a regular file: its name and what it is.
    NotAFile(String, &'static str),
    /// An entry whose Unicode Path field names it otherwise than its name field: the name the
    /// field gives, and the name field's.
    TwoNames(String, String),
    /// A tag file whose content is wrong: the file and what is wrong.
    Tag(String, String),
    /// The archives verified together do not make one set of volumes: what is wrong.
    Volumes(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing(n) => write!(f, "缺失：{n}"),
            Problem::Extra(n) => write!(f, "多余：{n}"),
            Problem::Damaged(n) => write!(f, "损坏：{n}"),
            Problem::Undeclared(n) => write!(
                f,
                "多余：{n}（不在 data/ 下，也不是 tagmanifest-sha256.txt 列出的标签文件）"
            ),
            Problem::Uncovered(n) => {
                write!(f, "未受校验：{n}（tagmanifest-sha256.txt 没有列出它）")
            }
            Problem::UnsafeName(n, why) => write!(f, "名字不安全：{n}（{why}）"),
            Problem::Duplicate(n) => write!(
                f,
                "重名：{n}（压缩包里有不止一个这个名字的条目，各解压工具取的不是同一个）"
            ),
            Problem::Collides(a, b) => write!(
                f,
                "名字冲突：{a} 与 {b}（只差大小写或 Unicode 写法，在 Windows、macOS 上解压会互相覆盖）"
            ),
            Problem::FileAndFolder(file, inner) => write!(
                f,
                "名字冲突：{file} 是文件，而 {inner} 把它当作文件夹（解压时两者只能有一个）"
            ),
            Problem::NotAFile(n, what) => write!(f, "不是普通文件：{n}（{what}）"),
            Problem::TwoNames(n, field) => write!(
                f,
                "名字有两种读法：{n}（名字字段是「{field}」，不同的解压工具会解出不同的名字）"
            ),
            Problem::Tag(file, what) => write!(f, "{file} 有误：{what}"),
            Problem::Volumes(what) => write!(f, "分卷不成套：{what}"),
        }
    }
}
