//! The fonts a PDF is drawn in, found on this machine by the profile's family names (then
//! their stand-ins), each file read once.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use fontdb::{Database, Family, Query, Weight};

use crate::error::{Error, Result};
use crate::layout::{Face, FontProfile, LATIN_FALLBACK_FONTS, fallback_fonts};

/// A font found: what a writer draws with, and how to map characters to its glyphs.
#[derive(Clone)]
pub struct Found {
    /// The family the profile names for the face.
    pub asked: String,
    /// The family found: that one, or a stand-in.
    pub family: String,
    /// The file it is in.
    pub path: PathBuf,
    /// The face's place in its file (a collection holds several).
    pub index: u32,
    /// Whether the face is bold itself; a bold asked of a face that is not is drawn outlined.
    pub bold: bool,
    data: Arc<dyn AsRef<[u8]> + Send + Sync>,
}

impl Found {
    /// The file's bytes.
    pub fn data(&self) -> &[u8] {
        (*self.data).as_ref()
    }

    /// Whether `other` is the same face of the same file.
    pub fn is(&self, other: &Found) -> bool {
        self.path == other.path && self.index == other.index
    }

    /// Each character's glyph (0, the missing glyph, when the font lacks it) and its advance
    /// in em.
    pub fn glyphs(&self, chars: impl Iterator<Item = char>) -> Vec<(u16, f32)> {
        let face = ttf_parser::Face::parse(self.data(), self.index).ok();
        chars
            .map(|c| {
                let Some(face) = &face else { return (0, 0.0) };
                let id = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                let advance = face.glyph_hor_advance(id).unwrap_or(0);
                (
                    id.0,
                    f32::from(advance) / f32::from(face.units_per_em().max(1)),
                )
            })
            .collect()
    }
}

/// The machine's fonts and those already opened.
pub struct FontBook {
    db: Database,
    profile: &'static FontProfile,
    opened: HashMap<(Face, bool, bool), Found>,
}

/// The error when a thread drawing a PDF failed while it held the fonts.
pub fn poisoned() -> Error {
    Error::at("PDF", "另一个文档生成 PDF 时出错，字体目录已不可用")
}

/// The books opened in this run, by profile and extra folders: each file mapped once, however
/// many documents are drawn.
type Shelf = Vec<((&'static str, Vec<PathBuf>), Arc<Mutex<FontBook>>)>;
static SHELF: Mutex<Shelf> = Mutex::new(Vec::new());

/// The machine's font list with the fonts of some extra folders, made once a run.
type Listing = Arc<OnceLock<Database>>;
static LISTINGS: Mutex<Vec<(Vec<PathBuf>, Listing)>> = Mutex::new(Vec::new());

/// Starts listing the machine's fonts and those in `dirs` on a thread of its own: reading
/// every font file's names takes about as long as laying out a notice, which can go on
/// meanwhile.
pub fn start_listing(dirs: &[PathBuf]) -> Result<()> {
    let listing = listing(dirs)?;
    let dirs = dirs.to_vec();
    std::thread::spawn(move || {
        listing.get_or_init(|| list(&dirs));
    });
    Ok(())
}

/// A copy of the listing for `dirs`: waits for one under way, makes it when none was
/// started. A copy, since opening a face maps its file into the list.
fn listed(dirs: &[PathBuf]) -> Result<Database> {
    Ok(listing(dirs)?.get_or_init(|| list(dirs)).clone())
}

fn listing(dirs: &[PathBuf]) -> Result<Listing> {
    let mut listings = LISTINGS.lock().map_err(|_| poisoned())?;
    if let Some((_, listing)) = listings.iter().find(|(d, _)| d == dirs) {
        return Ok(listing.clone());
    }
    let listing = Listing::default();
    listings.push((dirs.to_vec(), listing.clone()));
    Ok(listing)
}

fn list(dirs: &[PathBuf]) -> Database {
    let mut db = Database::new();
    db.load_system_fonts();
    for dir in dirs {
        db.load_fonts_dir(dir);
    }
    db
}

impl FontBook {
    /// The book for `profile` and `dirs`, opened once in a run and shared by every document.
    pub fn shared(profile: &'static FontProfile, dirs: &[PathBuf]) -> Result<Arc<Mutex<Self>>> {
        let mut shelf = SHELF.lock().map_err(|_| poisoned())?;
        let key = (profile.name, dirs.to_vec());
        if let Some((_, book)) = shelf.iter().find(|(k, _)| *k == key) {
            return Ok(book.clone());
        }
        let book = Arc::new(Mutex::new(FontBook::new(profile, dirs)?));
        shelf.push((key, book.clone()));
        Ok(book)
    }

    /// The system's fonts and those in `dirs`, for the names of `profile`.
    pub fn new(profile: &'static FontProfile, dirs: &[PathBuf]) -> Result<Self> {
        Ok(FontBook {
            db: listed(dirs)?,
            profile,
            opened: HashMap::new(),
        })
    }

    /// The font for `face` (its Latin font when `latin`), bold or not: the profile's family,
    /// else the first stand-in installed; an error naming the face when none is.
    pub fn font(&mut self, face: Face, latin: bool, bold: bool) -> Result<&Found> {
        let key = (face, latin, bold);
        if !self.opened.contains_key(&key) {
            let found = self.find(face, latin, bold)?;
            self.opened.insert(key, found);
        }
        self.opened
            .get(&key)
            .ok_or_else(|| Error::at("PDF", "字体缓存出错"))
    }

    /// Every font opened so far: `仿宋_GB2312 → Noto Serif CJK SC（/usr/share/…）`.
    pub fn used(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .opened
            .values()
            .map(|f| {
                format!(
                    "{} → {}（{}）",
                    f.asked,
                    f.family,
                    crate::error::shown(&f.path)
                )
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn find(&mut self, face: Face, latin: bool, bold: bool) -> Result<Found> {
        let (first, rest): (&str, &[&str]) = if latin {
            (self.profile.latin, &LATIN_FALLBACK_FONTS)
        } else {
            (self.profile.font(face), fallback_fonts(face))
        };
        let weight = if bold { Weight::BOLD } else { Weight::NORMAL };
        for family in std::iter::once(first).chain(rest.iter().copied()) {
            let query = Query {
                families: &[Family::Name(family)],
                weight,
                ..Query::default()
            };
            let id = self.db.query(&query);
            if let Some(found) = id.and_then(|id| self.open(id, family)) {
                return Ok(Found {
                    asked: first.to_string(),
                    ..found
                });
            }
        }
        Err(Error::at("PDF", format!("找不到字体「{first}」，也没有可代替它的字体（{}）", rest.join("、")))
            .with_hint("安装该字体（Windows：复制到 C:\\Windows\\Fonts；Linux：放进 ~/.fonts 或装 fonts-noto-cjk、fonts-arphic-ukai、fonts-liberation2），或用 --font-dir 指向放字体的文件夹".to_string()))
    }

    fn open(&mut self, id: fontdb::ID, family: &str) -> Option<Found> {
        let (source, _) = self.db.face_source(id)?;
        let path = match &source {
            fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
            fontdb::Source::Binary(_) => PathBuf::new(),
        };
        // SAFETY: the file is mapped, not read: a CJK font is 20–30 MB and a page uses a few
        // hundred of its glyphs. The mapping is sound while no one rewrites the font file
        // during the run, as font files are not.
        let (data, index) = unsafe { self.db.make_shared_face_data(id)? };
        ttf_parser::Face::parse((*data).as_ref(), index).ok()?;
        Some(Found {
            asked: family.to_string(),
            family: family.to_string(),
            path,
            index,
            bold: self.db.face(id)?.weight.0 >= Weight::SEMIBOLD.0,
            data,
        })
    }
}
