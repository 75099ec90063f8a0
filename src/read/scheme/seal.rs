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

/// The PNG at `path`, refused unless it decodes and its corners are transparent: a round
/// seal on a square picture, whose background would otherwise hide the 署名 and date.
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
    let (width, height, clear) = decoded(&bytes).map_err(|e| {
        fail(&format!("不是能读的 PNG 文件（{e}）")).with_hint("把印章图片另存为 PNG（背景透明）")
    })?;
    if !clear {
        return Err(fail("没有透明背景").with_hint(
            "印章要压在署名和日期上，背景须透明：用图片工具去掉白底后另存为带透明通道的 PNG",
        ));
    }
    Ok(model::Picture {
        png: Arc::from(bytes),
        width,
        height,
    })
}

/// A PNG's size in pixels and whether its four corners are transparent (alpha under half).
fn decoded(bytes: &[u8]) -> std::result::Result<(u32, u32, bool), String> {
    let (frame, pixels) = model::Picture::pixels(bytes)?;
    let channels = frame.color_type.samples();
    let (w, h) = (frame.width as usize, frame.height as usize);
    let alpha = |x: usize, y: usize| {
        let at = (y * frame.line_size) + x * channels + channels - 1;
        matches!(
            frame.color_type,
            png::ColorType::GrayscaleAlpha | png::ColorType::Rgba
        )
        .then(|| pixels.get(at).copied())
        .flatten()
    };
    let corners = [(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)];
    let clear = corners
        .iter()
        .all(|&(x, y)| alpha(x, y).is_some_and(|a| a < 128));
    Ok((frame.width, frame.height, clear))
}

#[cfg(test)]
mod tests {
    use super::decoded;

    fn png(colour: png::ColorType, pixels: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, 2, 2);
        e.set_color(colour);
        e.write_header().unwrap().write_image_data(pixels).unwrap();
        out
    }

    #[test]
    fn a_seal_needs_transparent_corners() {
        let clear = png(png::ColorType::Rgba, &[[255, 0, 0, 0]; 4].concat());
        assert_eq!(decoded(&clear), Ok((2, 2, true)));
        let white = png(png::ColorType::Rgba, &[[255, 255, 255, 255]; 4].concat());
        assert_eq!(
            decoded(&white),
            Ok((2, 2, false)),
            "an opaque white background"
        );
        let rgb = png(png::ColorType::Rgb, &[255; 12]);
        assert_eq!(decoded(&rgb), Ok((2, 2, false)), "no alpha at all");
        assert!(decoded(b"GIF89a").is_err());
        assert!(decoded(&clear[..clear.len() - 20]).is_err(), "cut short");
    }
}
