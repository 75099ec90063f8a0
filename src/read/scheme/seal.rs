//! `seal:` and `seal_mm:` — a notice issued under a seal (GB/T 9704 7.3.5.1): pressed by hand
//! (`seal: true`) or printed from a picture of it (`seal: 印章.png`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::Files;
use crate::error::{Error, Result};
use crate::layout::GBT9704;
use crate::model;

/// The largest seal picture read, bytes: a scan at 600 dpi is well under it.
const SEAL_FILE_BYTES: u64 = 8 << 20;

/// `seal: true`, or the file of the seal's picture.
pub(super) enum SealSpec {
    No,
    ByHand,
    Picture(String),
}

impl<'de> Deserialize<'de> for SealSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = SealSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true（手工盖章）或印章图片文件名（PNG）")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<SealSpec, E> {
                Ok(if v { SealSpec::ByHand } else { SealSpec::No })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<SealSpec, E> {
                if v.trim().is_empty() {
                    return Err(E::custom("seal 的图片文件名是空的"));
                }
                Ok(SealSpec::Picture(v.trim().to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `seal_mm:` — the seal's diameter, within the layout's range.
pub(super) struct SealMm(pub(super) f64);

impl<'de> Deserialize<'de> for SealMm {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = SealMm;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("印章直径（毫米），如 42")
            }
            fn visit_f64<E: de::Error>(self, mm: f64) -> std::result::Result<SealMm, E> {
                let (least, most) = GBT9704.seal_mm_range;
                if (least..=most).contains(&mm) {
                    Ok(SealMm(mm))
                } else {
                    Err(E::custom(format!(
                        "印章直径 {mm} 毫米不在 {least}–{most} 毫米之间"
                    )))
                }
            }
            fn visit_i64<E: de::Error>(self, mm: i64) -> std::result::Result<SealMm, E> {
                self.visit_f64(mm as f64)
            }
            fn visit_u64<E: de::Error>(self, mm: u64) -> std::result::Result<SealMm, E> {
                self.visit_f64(mm as f64)
            }
        }
        d.deserialize_any(V)
    }
}

impl SealSpec {
    /// The seal, its picture read from beside the scheme file `name` in `dir` when it has
    /// one, and the file read.
    pub(super) fn load(
        &self,
        mm: Option<&SealMm>,
        name: &str,
        dir: &Path,
        files: Files,
    ) -> Result<Option<(model::Seal, Option<PathBuf>)>> {
        let mm = mm.map_or(GBT9704.seal_mm, |m| m.0);
        match self {
            SealSpec::No => Ok(None),
            SealSpec::ByHand => Ok(Some((model::Seal { mm, picture: None }, None))),
            SealSpec::Picture(file) => {
                let path = dir.join(file);
                if files == Files::BesideScheme {
                    super::beside(&path, dir, name, "seal")?;
                }
                let picture = read_png(&path)?;
                let seal = model::Seal {
                    mm,
                    picture: Some(picture),
                };
                Ok(Some((seal, Some(path))))
            }
        }
    }
}

/// The PNG at `path`, refused unless its background can be transparent: an opaque picture
/// would hide the 署名 and date it is pressed on.
fn read_png(path: &Path) -> Result<model::Picture> {
    let fail = |what: &str| Error::file(path, format!("印章图片{what}"));
    let size = std::fs::metadata(path)
        .map_err(|e| fail(&format!("读不到：{e}")))?
        .len();
    if size > SEAL_FILE_BYTES {
        return Err(fail(&format!(
            "太大（{size} 字节，至多 {SEAL_FILE_BYTES}）"
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(&format!("读不到：{e}")))?;
    match png_transparency(&bytes) {
        Some(true) => Ok(model::Picture {
            width: be_u32(&bytes, 16),
            height: be_u32(&bytes, 20),
            png: Arc::from(bytes),
        }),
        Some(false) => Err(fail("没有透明背景").with_hint(
            "印章要压在署名和日期上，背景须透明：用图片工具去掉白底后另存为带透明通道的 PNG",
        )),
        None => Err(fail("不是 PNG 文件").with_hint("把印章图片另存为 PNG（背景透明）")),
    }
}

/// The big-endian number at `at`: the IHDR's width and height, which `png_transparency`
/// has found there.
fn be_u32(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// Whether a PNG can be transparent (an alpha channel, or a `tRNS` chunk before its
/// pixels); `None` when the bytes are no PNG.
fn png_transparency(bytes: &[u8]) -> Option<bool> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    let rest = bytes.strip_prefix(SIGNATURE)?;
    let (mut at, mut alpha) = (0, None);
    while let Some(head) = rest.get(at..at + 8) {
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind = &head[4..8];
        let data = rest.get(at + 8..at + 8 + len)?;
        match kind {
            // Colour types 4 and 6 carry alpha.
            b"IHDR" => alpha = Some(matches!(data.get(9), Some(4 | 6))),
            b"tRNS" => return alpha.map(|_| true),
            b"IDAT" => return alpha,
            _ => {}
        }
        at += 12 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::png_transparency;

    fn png(colour_type: u8, trns: bool) -> Vec<u8> {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend(kind);
            c.extend(data);
            c.extend([0; 4]);
            c
        };
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend(chunk(
            b"IHDR",
            &[0, 0, 0, 1, 0, 0, 0, 1, 8, colour_type, 0, 0, 0],
        ));
        if trns {
            b.extend(chunk(b"tRNS", &[0, 0]));
        }
        b.extend(chunk(b"IDAT", &[]));
        b
    }

    #[test]
    fn transparency_is_read_from_the_header_and_chunks() {
        assert_eq!(png_transparency(&png(6, false)), Some(true), "RGBA");
        assert_eq!(png_transparency(&png(2, false)), Some(false), "RGB");
        assert_eq!(
            png_transparency(&png(3, true)),
            Some(true),
            "palette with tRNS"
        );
        assert_eq!(png_transparency(b"GIF89a"), None);
        assert_eq!(png_transparency(&png(6, false)[..20]), None, "cut short");
    }
}
