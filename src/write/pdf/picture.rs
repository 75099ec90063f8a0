//! A PNG as a PDF image: its colour, and its transparency as a soft mask, so a seal shows the
//! 署名 and date through it.

use pdf_writer::{Chunk, Filter, Finish, Ref};

use super::deflate;
use crate::error::{Error, Result};
use crate::model::Picture;

/// A PNG's pixels split into their colour and their alpha.
struct Pixels {
    width: i32,
    height: i32,
    /// Grey, one sample a pixel; else RGB.
    gray: bool,
    colour: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

/// The image object `image`, with its transparency as the image `mask`, for `picture`.
pub fn image(chunk: &mut Chunk, picture: &Picture, image: Ref, mask: Ref) -> Result<()> {
    let pixels = decode(picture).map_err(|e| Error::at("PDF", format!("印章图片无法读取：{e}")))?;
    let colour = deflate(&pixels.colour)?;
    let mut object = samples(chunk, image, &colour, &pixels);
    if pixels.gray {
        object.color_space().device_gray();
    } else {
        object.color_space().device_rgb();
    }
    if pixels.alpha.is_some() {
        object.s_mask(mask);
    }
    object.finish();
    if let Some(alpha) = &pixels.alpha {
        let alpha = deflate(alpha)?;
        samples(chunk, mask, &alpha, &pixels)
            .color_space()
            .device_gray();
    }
    Ok(())
}

/// An image object of 8-bit samples, compressed, `pixels`' size.
fn samples<'a>(
    chunk: &'a mut Chunk,
    id: Ref,
    data: &'a [u8],
    pixels: &Pixels,
) -> pdf_writer::writers::ImageXObject<'a> {
    let mut object = chunk.image_xobject(id, data);
    object.filter(Filter::FlateDecode);
    object
        .width(pixels.width)
        .height(pixels.height)
        .bits_per_component(8);
    object
}

fn decode(picture: &Picture) -> std::result::Result<Pixels, String> {
    let (frame, data) = Picture::pixels(&picture.png)?;
    let (colours, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgba => (3, true),
        _ => (3, false),
    };
    let step = colours + usize::from(has_alpha);
    let size = |n: u32| i32::try_from(n).map_err(|_| "图片太大".to_string());
    Ok(Pixels {
        width: size(frame.width)?,
        height: size(frame.height)?,
        gray: colours == 1,
        colour: data
            .chunks_exact(step)
            .flat_map(|p| p[..colours].iter().copied())
            .collect(),
        alpha: has_alpha.then(|| data.chunks_exact(step).map(|p| p[colours]).collect()),
    })
}
