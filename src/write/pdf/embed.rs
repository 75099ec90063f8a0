//! One font as a PDF embeds it: the glyphs its pages use, subset, with their widths and the
//! map back to their characters that makes the text copy.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, RawFace, Tag};

use super::deflate;
use super::fonts::Found;
use crate::error::{Error, Result};

/// Identity: a glyph's code in the text is its id in the subset.
const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// The objects one embedded font is written as.
#[derive(Clone, Copy)]
pub struct FontRefs {
    /// The Type 0 font the pages' resources name.
    pub font: Ref,
    cid: Ref,
    descriptor: Ref,
    cmap: Ref,
    file: Ref,
}

impl FontRefs {
    /// Five objects from `next`, which moves past them.
    pub fn take(next: &mut i32) -> Self {
        let mut one = || {
            *next += 1;
            Ref::new(*next - 1)
        };
        FontRefs {
            font: one(),
            cid: one(),
            descriptor: one(),
            cmap: one(),
            file: one(),
        }
    }
}

/// A font and the glyphs drawn in it so far, each with its advance and character.
pub struct Used {
    pub found: Found,
    glyphs: GlyphRemapper,
    /// By glyph in the subset: advance in thousandths of an em, and the character it shows.
    widths: Vec<f32>,
    chars: Vec<Option<char>>,
}

impl Used {
    pub fn new(found: Found) -> Self {
        Used {
            found,
            glyphs: GlyphRemapper::new(),
            widths: vec![0.0],
            chars: vec![None],
        }
    }

    /// The subset's glyph for the font's `glyph`, which shows `c` and advances `advance` em;
    /// whether the copied text would read `c` without being told.
    pub fn glyph(&mut self, glyph: u16, advance: f32, c: char) -> (u16, bool) {
        let id = self.glyphs.remap(glyph);
        let at = usize::from(id);
        if at == self.chars.len() {
            self.widths.push(advance * 1000.0);
            self.chars.push(Some(c));
        }
        let said = self.chars[at].get_or_insert(c);
        (id, *said == c)
    }

    /// The subset glyph's advance, thousandths of an em.
    pub fn width(&self, id: u16) -> f32 {
        self.widths.get(usize::from(id)).copied().unwrap_or(0.0)
    }

    /// The font's objects, its subset compressed.
    pub fn embed(&self, refs: FontRefs) -> Result<Chunk> {
        let failed = |why: &str| {
            Error::file(
                &self.found.path,
                format!("字体「{}」无法嵌入 PDF：{why}", self.found.family),
            )
        };
        let data = self.found.data();
        let face = Face::parse(data, self.found.index).map_err(|e| failed(&e.to_string()))?;
        let subset = subsetter::subset(data, self.found.index, &self.glyphs)
            .map_err(|e| failed(&format!("{e:?}")))?;
        let cff = RawFace::parse(&subset, 0)
            .ok()
            .and_then(|f| f.table(Tag::from_bytes(b"CFF ")));
        let program = deflate(cff.unwrap_or(&subset))?;
        let name = self.base_name(&face);
        let mut chunk = Chunk::new();
        let type0_name = match cff {
            Some(_) => format!("{name}-Identity-H"),
            None => name.clone(),
        };
        chunk
            .type0_font(refs.font)
            .base_font(Name(type0_name.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(refs.cid)
            .to_unicode(refs.cmap);
        self.cid_font(&mut chunk, refs, &name, cff.is_some());
        descriptor(&mut chunk, refs, &face, &name, cff.is_some());
        let cmap = deflate(&self.unicode_map().finish())?;
        chunk.cmap(refs.cmap, &cmap).filter(Filter::FlateDecode);
        let mut file = chunk.stream(refs.file, &program);
        file.filter(Filter::FlateDecode);
        if cff.is_some() {
            file.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        }
        file.finish();
        Ok(chunk)
    }

    fn cid_font(&self, chunk: &mut Chunk, refs: FontRefs, name: &str, cff: bool) {
        let mut cid = chunk.cid_font(refs.cid);
        cid.subtype(if cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(Name(name.as_bytes()))
        .system_info(IDENTITY)
        .font_descriptor(refs.descriptor)
        .default_width(0.0);
        if !cff {
            cid.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        cid.widths().consecutive(0, self.widths.iter().copied());
    }

    fn unicode_map(&self) -> UnicodeCmap {
        let mut cmap = UnicodeCmap::new(Name(b"Custom"), IDENTITY);
        for (id, c) in self.chars.iter().enumerate() {
            if let (Ok(id), Some(c)) = (u16::try_from(id), c) {
                cmap.pair(id, *c);
            }
        }
        cmap
    }

    /// The font's PostScript name behind a tag of six capitals that differs by glyph set,
    /// as PDF names a subset.
    fn base_name(&self, face: &Face<'_>) -> String {
        let family = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| self.found.family.replace(' ', ""));
        let mut hash: u32 = 2_166_136_261;
        for g in self.glyphs.remapped_gids() {
            for b in g.to_le_bytes() {
                hash = (hash ^ u32::from(b)).wrapping_mul(16_777_619);
            }
        }
        let tag: String = (0..6)
            .map(|k| char::from(b'A' + (hash >> (k * 5) & 31) as u8 % 26))
            .collect();
        format!("{tag}+{family}")
    }
}

/// The font's descriptor: its measures in thousandths of an em, and its file.
fn descriptor(chunk: &mut Chunk, refs: FontRefs, face: &Face<'_>, name: &str, cff: bool) {
    let em = 1000.0 / f32::from(face.units_per_em().max(1));
    let box_ = face.global_bounding_box();
    // The typographic metrics where the font has them: a CJK font's em box (880 and −120 in
    // Noto CJK), where its line metrics add the leading.
    let os2 = face.tables().os2;
    let ascent = f32::from(os2.map_or(face.ascender(), |t| t.typographic_ascender())) * em;
    let descent = f32::from(os2.map_or(face.descender(), |t| t.typographic_descender())) * em;
    let mut flags = FontFlags::SYMBOLIC;
    flags.set(FontFlags::SERIF, name.contains("Serif"));
    flags.set(FontFlags::FIXED_PITCH, face.is_monospaced());
    let mut d = chunk.font_descriptor(refs.descriptor);
    d.name(Name(name.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            f32::from(box_.x_min) * em,
            f32::from(box_.y_min) * em,
            f32::from(box_.x_max) * em,
            f32::from(box_.y_max) * em,
        ))
        .italic_angle(face.italic_angle())
        .ascent(ascent)
        .descent(descent)
        .cap_height(face.capital_height().map_or(ascent, |h| f32::from(h) * em))
        .stem_v(10.0 + 0.244 * (f32::from(face.weight().to_number()) - 50.0));
    if cff {
        d.font_file3(refs.file);
    } else {
        d.font_file2(refs.file);
    }
}
