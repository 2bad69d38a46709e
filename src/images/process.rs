//! One photo from bytes to its published variants: decoded once, turned upright by its EXIF
//! orientation, converted to sRGB, resized (never upscaled) to each width and encoded as WebP
//! and in its own format. The encoders write pixels only: no EXIF, GPS, XMP or ICC leaves here.

use std::io::Cursor;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
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
///
/// Memory matters more than anything else here: a 12-megapixel photo is 36 MB of pixels, and
/// one photo per core is in flight. The decoded pixels are the only full-size buffer: they
/// are resized (in the orientation they are stored in) straight to the largest published
/// width, and turning upright and colour conversion work on that much smaller image.
pub fn process(bytes: &[u8], format: Format) -> Result<Vec<Encoded>, String> {
    let source = decode(bytes, format)?;
    let sideways = turns_sideways(source.orientation);
    let (upright_w, upright_h) = if sideways {
        (source.height, source.width)
    } else {
        (source.width, source.height)
    };
    let widths = widths_for(upright_w);
    let largest = *widths.last().unwrap_or(&upright_w);
    let largest_h = scaled_height(upright_w, upright_h, largest);
    let (target_w, target_h) = if sideways {
        (largest_h, largest)
    } else {
        (largest, largest_h)
    };
    let (channels, pixel_type) = if source.alpha {
        (4, PixelType::U8x4)
    } else {
        (3, PixelType::U8x3)
    };
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    let mut current = Image::from_vec_u8(source.width, source.height, source.pixels, pixel_type)
        .map_err(|e| e.to_string())?;
    if (target_w, target_h) != (source.width, source.height) {
        let mut next = Image::new(target_w, target_h, pixel_type);
        resizer
            .resize(&current, &mut next, &options)
            .map_err(|e| e.to_string())?;
        current = next;
    }
    // The full-size pixels are gone: the next large photo may be decoded.
    drop(source.alone);
    let mut current = upright(current, source.orientation, channels)?;
    if let Some(icc) = source.icc.as_deref() {
        to_srgb(current.buffer_mut(), icc, channels);
    }
    let mut out = Vec::new();
    // Largest first; each smaller width is resized from the previous one (cheaper than from the
    // original each time, and indistinguishable at these ratios).
    for &w in widths.iter().rev() {
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
        // A WebP original has one format: its WebP variant is the only one.
        let formats: &[Format] = if format == Format::Webp {
            &[Format::Webp]
        } else {
            &[Format::Webp, format]
        };
        for &f in formats {
            out.push(Encoded {
                width: w,
                height: h,
                format: f,
                bytes: encode(pixels, w, h, channels, f)?,
            });
        }
    }
    Ok(out)
}

/// Decoded pixels (8-bit RGB, or RGBA when `alpha`), stored the way the file stores them.
struct Decoded {
    /// Size of the pixels here (a JPEG may be decoded at a fraction of its size), as stored:
    /// before the EXIF orientation is applied.
    width: u32,
    height: u32,
    alpha: bool,
    pixels: Vec<u8>,
    orientation: Orientation,
    icc: Option<Vec<u8>>,
    /// Held while a full-size buffer of a large photo exists (see [`FULL_SIZE_ALONE`]).
    alone: Option<std::sync::MutexGuard<'static, ()>>,
}

/// The widest image the default theme shows: its text column is 46rem (736 CSS pixels), 1472
/// pixels on a 2× screen. [`WIDTHS`] tops at 1600; a JPEG decoded at a reduced scale may give
/// a largest variant anywhere between the two.
const WIDEST_NEED: u32 = 1472;

/// Decoded images larger than this (bytes of pixels) are decoded one at a time.
const FULL_SIZE_ALONE: u64 = 16 * 1024 * 1024;
static FULL_SIZE_DECODE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Decodes an image. JPEGs are decoded at the smallest fraction of their size (1/8 to 1, a
/// scaled inverse DCT) that still covers the largest published width: a 12-megapixel photo
/// becomes 3 megapixels (9 MB) instead of 36 MB, and decodes faster. Anything that path does
/// not take (CMYK, 16-bit, arithmetic coding, other formats) goes through the `image` crate.
fn decode(bytes: &[u8], format: Format) -> Result<Decoded, String> {
    if image::guess_format(bytes).ok() == Some(image::ImageFormat::Jpeg)
        && let Some(decoded) = decode_jpeg_scaled(bytes)
    {
        return Ok(decoded);
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    // A full-size decode of a photo is the largest buffer of a build (36 MB at 12 MP): one at
    // a time, while the other cores go on with photos that decode small.
    let alone = (decoder.total_bytes() > FULL_SIZE_ALONE).then(|| {
        FULL_SIZE_DECODE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    });
    let img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    let alpha = img.color().has_alpha() && format != Format::Jpeg;
    let (width, height) = (img.width(), img.height());
    // `into_*` moves the decoded buffer when it already has that layout (8-bit RGB, RGBA).
    let pixels = if alpha {
        img.into_rgba8().into_raw()
    } else {
        img.into_rgb8().into_raw()
    };
    Ok(Decoded {
        width,
        height,
        alpha,
        pixels,
        orientation,
        icc,
        alone,
    })
}

/// A JPEG decoded at a reduced size; `None` when this decoder cannot (the caller falls back).
fn decode_jpeg_scaled(bytes: &[u8]) -> Option<Decoded> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.read_info().ok()?;
    let info = decoder.info()?;
    let (full_width, full_height) = (u32::from(info.width), u32::from(info.height));
    let orientation = decoder
        .exif_data()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile();
    // Decoding may stop at the first scale that still covers the theme's widest need; the
    // largest variant is then that wide (a 3000-pixel portrait photo gives 1500, not 1600).
    let upright_w = if turns_sideways(orientation) {
        full_height
    } else {
        full_width
    };
    let need = upright_w.min(WIDEST_NEED);
    let need = u16::try_from(need).ok()?;
    // `scale` takes the first scale at which either side reaches its request: the other side
    // asks for the impossible.
    let (width, height) = if turns_sideways(orientation) {
        decoder.scale(u16::MAX, need)
    } else {
        decoder.scale(need, u16::MAX)
    }
    .ok()?;
    let pixels = decoder.decode().ok()?;
    let (width, height) = (u32::from(width), u32::from(height));
    let pixels = match decoder.info()?.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => pixels,
        jpeg_decoder::PixelFormat::L8 => pixels.iter().flat_map(|&l| [l, l, l]).collect(),
        jpeg_decoder::PixelFormat::L16 | jpeg_decoder::PixelFormat::CMYK32 => return None,
    };
    (pixels.len() == width as usize * height as usize * 3).then_some(Decoded {
        width,
        height,
        alpha: false,
        pixels,
        orientation,
        icc,
        alone: None,
    })
}

/// Whether an EXIF orientation swaps width and height.
fn turns_sideways(orientation: Orientation) -> bool {
    use Orientation::*;
    matches!(
        orientation,
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH
    )
}

/// The image turned the way the EXIF orientation says it was taken.
fn upright(
    image: Image<'static>,
    orientation: Orientation,
    channels: u8,
) -> Result<Image<'static>, String> {
    if orientation == Orientation::NoTransforms {
        return Ok(image);
    }
    let (w, h, pixel_type) = (image.width(), image.height(), image.pixel_type());
    let raw = image.into_vec();
    let broken = || "decoded image has the wrong size".to_string();
    let mut dynamic = if channels == 4 {
        DynamicImage::ImageRgba8(image::RgbaImage::from_raw(w, h, raw).ok_or_else(broken)?)
    } else {
        DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, raw).ok_or_else(broken)?)
    };
    dynamic.apply_orientation(orientation);
    let (w, h) = (dynamic.width(), dynamic.height());
    let raw = if channels == 4 {
        dynamic.into_rgba8().into_raw()
    } else {
        dynamic.into_rgb8().into_raw()
    };
    Image::from_vec_u8(w, h, raw, pixel_type).map_err(|e| e.to_string())
}

/// Converts pixels described by an embedded ICC profile (Display P3 from iPhones, Adobe RGB
/// from cameras, …) to sRGB, which is what a browser assumes of an image without a profile;
/// the profile itself is never published. Profiles that are sRGB already, that are not RGB,
/// or that cannot be read leave the pixels as they are (as a browser ignoring them would).
fn to_srgb(pixels: &mut [u8], icc: &[u8], channels: u8) {
    let Ok(profile) = moxcms::ColorProfile::new_from_slice(icc) else {
        return;
    };
    let srgb = moxcms::ColorProfile::new_srgb();
    if profile.color_space != moxcms::DataColorSpace::Rgb || same_primaries(&profile, &srgb) {
        return;
    }
    let layout = if channels == 4 {
        moxcms::Layout::Rgba
    } else {
        moxcms::Layout::Rgb
    };
    let Ok(transform) =
        profile.create_transform_8bit(layout, &srgb, layout, moxcms::TransformOptions::default())
    else {
        return;
    };
    // 4096 pixels at a time through a small scratch buffer: no second copy of the image.
    let piece = 4096 * usize::from(channels);
    let mut scratch = vec![0u8; piece];
    for chunk in pixels.chunks_mut(piece) {
        let source = &mut scratch[..chunk.len()];
        source.copy_from_slice(chunk);
        if transform.transform(source, chunk).is_err() {
            return;
        }
    }
}

/// Whether a profile has sRGB's primaries and white (phones often embed an sRGB profile).
fn same_primaries(a: &moxcms::ColorProfile, b: &moxcms::ColorProfile) -> bool {
    let close = |p: &moxcms::Xyzd, q: &moxcms::Xyzd| {
        (p.x - q.x).abs() < 0.002 && (p.y - q.y).abs() < 0.002 && (p.z - q.z).abs() < 0.002
    };
    close(&a.red_colorant, &b.red_colorant)
        && close(&a.green_colorant, &b.green_colorant)
        && close(&a.blue_colorant, &b.blue_colorant)
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
            let mut config =
                webp::WebPConfig::new().map_err(|()| "WebP encoder unavailable".to_string())?;
            config.quality = WEBP_QUALITY;
            // `encode` would panic where this returns the encoder's error.
            bytes = encoder
                .encode_advanced(&config)
                .map_err(|e| format!("WebP: {e:?}"))?
                .to_vec();
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

/// The upright size of an image from its header only (no pixels decoded), for `check`-like
/// questions; `None` when the header cannot be read.
pub fn upright_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut decoder = reader.into_decoder().ok()?;
    let (w, h) = decoder.dimensions();
    if turns_sideways(decoder.orientation().ok()?) {
        Some((h, w))
    } else {
        Some((w, h))
    }
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
        let icc = moxcms::ColorProfile::new_display_p3().encode().unwrap();
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
    fn adobe_rgb_photos_are_converted_to_srgb_too() {
        let color = [40, 180, 60];
        let plain = process(&jpeg(color, None), Format::Jpeg).unwrap();
        let icc = moxcms::ColorProfile::new_adobe_rgb().encode().unwrap();
        let adobe = process(&jpeg(color, Some(icc)), Format::Jpeg).unwrap();
        let (a, b) = (first_pixel(&plain[0]), first_pixel(&adobe[0]));
        // Adobe RGB's green reaches further than sRGB's: the same numbers are a purer green,
        // which sRGB writes with less red and blue.
        assert!(
            b[0] + 20 < a[0] && b[2] + 8 < a[2],
            "Adobe RGB converted: {a:?} → {b:?}"
        );
        // An sRGB profile (what most Android phones embed) leaves the pixels alone.
        let icc = moxcms::ColorProfile::new_srgb().encode().unwrap();
        let srgb = process(&jpeg(color, Some(icc)), Format::Jpeg).unwrap();
        assert_eq!(first_pixel(&srgb[0]), a);
    }

    #[test]
    fn large_jpegs_decode_at_a_fraction_that_still_covers_the_widest_need() {
        let photo = |w: u32, h: u32| {
            let img = image::RgbImage::from_fn(w, h, |x, y| {
                image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
            });
            let mut bytes = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85)
                .write_image(img.as_raw(), w, h, ExtendedColorType::Rgb8)
                .unwrap();
            bytes
        };
        // 4000 wide decodes at ½ (2000) and still gives 1600; 3000 wide at ½ gives 1500.
        let sizes = |bytes: &[u8]| -> Vec<(u32, u32)> {
            let d = decode(bytes, Format::Jpeg).unwrap();
            let out = process(bytes, Format::Jpeg).unwrap();
            let mut v = vec![(d.width, d.height)];
            v.extend(
                out.iter()
                    .filter(|e| e.format == Format::Jpeg)
                    .map(|e| (e.width, e.height)),
            );
            v
        };
        assert_eq!(
            sizes(&photo(4000, 3000)),
            vec![(2000, 1500), (1600, 1200), (960, 720), (480, 360)]
        );
        assert_eq!(
            sizes(&photo(3000, 4000)),
            vec![(1500, 2000), (1500, 2000), (960, 1280), (480, 640)]
        );
        // Too small to halve without falling under 1472: decoded whole.
        assert_eq!(sizes(&photo(2400, 1600))[..2], [(2400, 1600), (1600, 1067)]);
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
