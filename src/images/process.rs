//! One photo from bytes to its published variants: decoded once, turned upright by its EXIF
//! orientation, converted to sRGB, resized (never upscaled) to each width and encoded as WebP
//! and in its own format. The encoders write pixels only: no EXIF, GPS, XMP or ICC leaves here.

use std::io::Cursor;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageReader};

use super::{Format, WIDTHS};

/// An encoded variant, ready to be written to the cache.
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub bytes: Vec<u8>,
}

/// JPEG quality of the published photos (phone photos at 80 look the same and weigh a third).
pub const JPEG_QUALITY: u8 = 80;
/// Lossy WebP quality.
pub const WEBP_QUALITY: f32 = 78.0;

/// The widths to publish for an upright image `width` pixels wide: every theme width below it,
/// and the image's own width when it is narrower than the largest theme width.
pub fn widths_for(width: u32) -> Vec<u32> {
    let largest = *WIDTHS.last().unwrap_or(&width);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
    widths.push(width.min(largest));
    widths.dedup();
    widths
}

fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    ((u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width)).max(1)
        as u32
}

/// Decodes `bytes` and returns every variant, largest first. `Err` is the decoder's message.
pub fn process(bytes: &[u8], format: Format) -> Result<Vec<Encoded>, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    // Phones that shoot in Display P3 say so in their ICC profile; the profile is not
    // published, so the pixels are converted to sRGB (what a browser assumes without one).
    if icc.as_deref().is_some_and(is_display_p3) {
        let as_rgb = DynamicImage::ImageRgb8(img.to_rgb8());
        img = as_rgb;
        if img
            .set_color_space(image::metadata::Cicp::DISPLAY_P3)
            .is_ok()
        {
            let _ = img.apply_color_space(image::metadata::Cicp::SRGB, Default::default());
        }
    }
    let alpha = img.color().has_alpha() && format != Format::Jpeg;
    let (pixel_type, channels, raw) = if alpha {
        (PixelType::U8x4, 4, img.to_rgba8().into_raw())
    } else {
        (PixelType::U8x3, 3, img.to_rgb8().into_raw())
    };
    let (width, height) = (img.width(), img.height());
    drop(img);
    let mut current =
        Image::from_vec_u8(width, height, raw, pixel_type).map_err(|e| e.to_string())?;
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    let mut out = Vec::new();
    // Largest first; each smaller width is resized from the previous one (cheaper than from the
    // original each time, and indistinguishable at these ratios).
    for &w in widths_for(width).iter().rev() {
        if w != current.width() {
            let h = scaled_height(current.width(), current.height(), w);
            let mut next = Image::new(w, h, pixel_type);
            resizer
                .resize(&current, &mut next, &options)
                .map_err(|e| e.to_string())?;
            current = next;
        }
        let (w, h) = (current.width(), current.height());
        let pixels = current.buffer();
        for f in [Format::Webp, format] {
            if f == Format::Webp && format == Format::Webp && !out.is_empty() && {
                // Already encoded for this width (a WebP original has one format).
                out.last()
                    .is_some_and(|e: &Encoded| e.width == w && e.format == Format::Webp)
            } {
                continue;
            }
            let bytes = encode(pixels, w, h, channels, f)?;
            out.push(Encoded {
                width: w,
                height: h,
                format: f,
                bytes,
            });
        }
    }
    Ok(out)
}

fn encode(pixels: &[u8], w: u32, h: u32, channels: u8, format: Format) -> Result<Vec<u8>, String> {
    let color = if channels == 4 {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    let mut bytes = Vec::new();
    match format {
        Format::Webp => {
            let encoder = if channels == 4 {
                webp::Encoder::from_rgba(pixels, w, h)
            } else {
                webp::Encoder::from_rgb(pixels, w, h)
            };
            bytes = encoder.encode(WEBP_QUALITY).to_vec();
        }
        Format::Jpeg => {
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
                .write_image(pixels, w, h, color)
                .map_err(|e| e.to_string())?;
        }
        Format::Png => {
            image::codecs::png::PngEncoder::new_with_quality(
                &mut bytes,
                image::codecs::png::CompressionType::Fast,
                image::codecs::png::FilterType::Adaptive,
            )
            .write_image(pixels, w, h, color)
            .map_err(|e| e.to_string())?;
        }
    }
    Ok(bytes)
}

/// Whether an ICC profile is Display P3 (its description names it).
fn is_display_p3(icc: &[u8]) -> bool {
    icc.windows(10).any(|w| w == b"Display P3")
        || icc.windows(20).any(|w| {
            w == "Display P3"
                .encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect::<Vec<_>>()
        })
}

/// The upright size of an image from its header only (no pixels decoded), for `check`-like
/// questions; `None` when the header cannot be read.
pub fn upright_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut decoder = reader.into_decoder().ok()?;
    let (w, h) = decoder.dimensions();
    let orientation = decoder.orientation().ok()?;
    use image::metadata::Orientation::*;
    Some(match orientation {
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH => (h, w),
        _ => (w, h),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(color: [u8; 3], icc: Option<Vec<u8>>) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(64, 48, image::Rgb(color));
        let mut bytes = Vec::new();
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 95);
        if let Some(icc) = icc {
            encoder.set_icc_profile(icc).unwrap();
        }
        encoder
            .write_image(img.as_raw(), 64, 48, ExtendedColorType::Rgb8)
            .unwrap();
        bytes
    }

    fn first_pixel(encoded: &Encoded) -> [u8; 3] {
        image::load_from_memory(&encoded.bytes)
            .unwrap()
            .to_rgb8()
            .get_pixel(10, 10)
            .0
    }

    #[test]
    fn display_p3_photos_are_converted_to_srgb_and_lose_their_profile() {
        let color = [200, 60, 40];
        let plain = process(&jpeg(color, None), Format::Jpeg).unwrap();
        let mut icc = vec![0u8; 128];
        icc.extend_from_slice(b"desc Display P3 profile");
        let p3 = process(&jpeg(color, Some(icc)), Format::Jpeg).unwrap();
        let (a, b) = (first_pixel(&plain[1]), first_pixel(&p3[1]));
        assert!(a[0].abs_diff(color[0]) < 6, "sRGB kept as it is: {a:?}");
        // P3's red is more saturated than sRGB's: the same numbers mean a redder colour.
        assert!(
            b[0] > a[0] + 8 && b[1] < a[1],
            "P3 converted: {a:?} → {b:?}"
        );
        for e in &p3 {
            assert!(
                !e.bytes.windows(10).any(|w| w == b"Display P3"),
                "no ICC profile is published"
            );
        }
    }

    #[test]
    fn widths_never_upscale() {
        assert_eq!(widths_for(4000), vec![480, 960, 1600]);
        assert_eq!(widths_for(1200), vec![480, 960, 1200]);
        assert_eq!(widths_for(960), vec![480, 960]);
        assert_eq!(widths_for(300), vec![300]);
        assert_eq!(scaled_height(4000, 3000, 480), 360);
    }
}
