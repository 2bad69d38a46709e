//! One photo from bytes to its published variants: decoded once, turned upright by its EXIF
//! orientation, converted to sRGB, resized (never upscaled) to each width and encoded as WebP
//! and in its own format. The encoders write pixels only: no EXIF, GPS, XMP or ICC leaves here.
//! A GIF is re-encoded frame by frame at its own size (its animation kept, its comments and
//! XMP dropped).
//!
//! Nothing is decoded before the header has been read ([`read_header`]): an image over
//! [`MAX_PIXELS`] or [`MAX_SIDE`] is refused from its size alone (a 74-byte PNG may claim
//! 100000×100000), and the header says how much memory processing will take, which the
//! caller holds from the memory budget ([`super::budget`]) before decoding.

use std::io::{BufRead, Cursor, Seek, SeekFrom};
use std::sync::{Mutex, PoisonError};

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

/// The largest image accepted, in pixels: 100 megapixels is twice a professional camera's
/// photo and ten times a phone's, far beyond what a page shows. Decoding it takes 300 MB.
pub const MAX_PIXELS: u64 = 100_000_000;
/// The longest side accepted: a panorama of 20,000 px is already 13 screens wide.
pub const MAX_SIDE: u32 = 20_000;
/// The pixels of all the frames of an animated GIF together (a thousand frames of a megapixel).
pub const MAX_GIF_PIXELS: u64 = 1_000_000_000;

/// Why an image is not published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Its header claims more than [`MAX_PIXELS`] or [`MAX_SIDE`] (or, for an animation, more
    /// than [`MAX_GIF_PIXELS`] in all its frames).
    TooLarge { width: u32, height: u32 },
    /// Processing it needs more memory than the whole budget (`images.memory`).
    OverBudget { needed: u64, budget: u64 },
    /// It cannot be read.
    Unreadable(Unreadable),
}

/// What is wrong with an image that cannot be read; each has its own words in the catalogue,
/// never a library's English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// The file stops before the image does (a copy or a download that did not finish).
    Truncated,
    /// The data inside is damaged.
    Corrupt,
    /// Not a JPEG, PNG, WebP or GIF image at all (whatever its name says).
    NotAnImage,
    /// A GIF named as another format, or another format named `.gif`.
    WrongName,
    /// An encoder failed on the decoded pixels.
    Encoder,
}

impl Unreadable {
    /// The catalogue id of the words for this cause.
    pub fn message_id(self) -> &'static str {
        match self {
            Unreadable::Truncated => "image-truncated",
            Unreadable::Corrupt => "image-corrupt",
            Unreadable::NotAnImage => "image-not-an-image",
            Unreadable::WrongName => "image-wrong-name",
            Unreadable::Encoder => "image-encoder",
        }
    }
}

impl From<image::ImageError> for Problem {
    fn from(error: image::ImageError) -> Self {
        use image::ImageError;
        let truncated = |text: String| {
            let text = text.to_ascii_lowercase();
            text.contains("eof") || text.contains("end of file") || text.contains("truncated")
        };
        Problem::Unreadable(match error {
            ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                Unreadable::Truncated
            }
            ImageError::Decoding(e) if truncated(e.to_string()) => Unreadable::Truncated,
            ImageError::Unsupported(_) => Unreadable::NotAnImage,
            ImageError::Encoding(_) => Unreadable::Encoder,
            _ => Unreadable::Corrupt,
        })
    }
}

impl From<jpeg_decoder::Error> for Problem {
    fn from(error: jpeg_decoder::Error) -> Self {
        Problem::Unreadable(match error {
            jpeg_decoder::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                Unreadable::Truncated
            }
            _ => Unreadable::Corrupt,
        })
    }
}

impl From<gif::DecodingError> for Problem {
    fn from(error: gif::DecodingError) -> Self {
        Problem::Unreadable(match error {
            gif::DecodingError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                Unreadable::Truncated
            }
            _ => Unreadable::Corrupt,
        })
    }
}

/// What a file holds, from its first bytes (never from its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
    Gif,
}

/// The kind of image `start` (a file's first bytes) begins, if any.
pub fn sniff(start: &[u8]) -> Option<Kind> {
    if start.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if start.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if start.starts_with(b"GIF87a") || start.starts_with(b"GIF89a") {
        Some(Kind::Gif)
    } else if start.len() >= 12 && start.starts_with(b"RIFF") && &start[8..12] == b"WEBP" {
        Some(Kind::Webp)
    } else {
        None
    }
}

/// What an image's header says, read before any pixel is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub kind: Kind,
    /// As stored (before the EXIF orientation).
    pub width: u32,
    pub height: u32,
    /// The most memory processing it takes: the decoder's buffers, the decoded pixels, the
    /// resized copies and the encoders' (bytes).
    pub memory: u64,
}

fn within_limits(width: u32, height: u32) -> Result<(), Problem> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooLarge { width, height });
    }
    Ok(())
}

/// The memory the resizing and the encoders take for an upright image `width` wide: the
/// largest variant, its upright copy, the next smaller one, and the encoders' own buffers
/// (libwebp converts to YUV and keeps a few rows of state).
fn resize_memory(width: u32, height: u32, channels: u64) -> u64 {
    let largest = *widths_for(width).last().unwrap_or(&width);
    let pixels = u64::from(largest) * u64::from(scaled_height(width.max(1), height, largest));
    pixels * (3 * channels + 4)
}

/// Reads the header of the image `reader` holds (its whole file, from the start): its kind, its
/// size and the memory processing it takes. Nothing is decoded: a 74-byte file claiming
/// 100000×100000 is refused here, before anything is allocated for it.
pub fn read_header<R: BufRead + Seek>(mut reader: R) -> Result<Header, Problem> {
    let mut start = [0u8; 16];
    let mut filled = 0;
    while filled < start.len() {
        match reader.read(&mut start[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Err(Problem::Unreadable(Unreadable::Truncated)),
        }
    }
    let kind = sniff(&start[..filled]).ok_or(Problem::Unreadable(Unreadable::NotAnImage))?;
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|_| Problem::Unreadable(Unreadable::Truncated))?;
    match kind {
        Kind::Jpeg => {
            let mut decoder = jpeg_decoder::Decoder::new(reader);
            decoder.read_info()?;
            let info = decoder
                .info()
                .ok_or(Problem::Unreadable(Unreadable::Corrupt))?;
            let (width, height) = (u32::from(info.width), u32::from(info.height));
            within_limits(width, height)?;
            let components: u64 = match info.pixel_format {
                jpeg_decoder::PixelFormat::L8 => 1,
                jpeg_decoder::PixelFormat::L16 => 2,
                jpeg_decoder::PixelFormat::RGB24 => 3,
                jpeg_decoder::PixelFormat::CMYK32 => 4,
            };
            let sideways = decoder
                .exif_data()
                .and_then(Orientation::from_exif_chunk)
                .is_some_and(turns_sideways);
            let (upright_w, upright_h) = if sideways {
                (height, width)
            } else {
                (width, height)
            };
            let full = u64::from(width) * u64::from(height);
            let scale = jpeg_scale(upright_w);
            let decoded = full.div_ceil(scale * scale);
            // Progressive JPEGs keep every coefficient of the full image (16 bits each) until
            // the last scan; sequential ones decode at the reduced scale, one plane per
            // component. Anything the scaled path does not take is decoded whole.
            let decoder_memory =
                if info.coding_process == jpeg_decoder::CodingProcess::DctProgressive {
                    full * components * 2
                } else {
                    decoded * components
                };
            // The fallback decoder (CMYK, 16-bit) decodes at full size, then converts.
            let fallback = if matches!(components, 1 | 3) {
                0
            } else {
                full * (components * 2 + 3)
            };
            let memory = decoder_memory
                + decoded * 3
                + fallback
                + resize_memory(upright_w / scale as u32, upright_h / scale as u32, 3);
            Ok(Header {
                kind,
                width,
                height,
                memory,
            })
        }
        Kind::Png | Kind::Webp => {
            let format = if kind == Kind::Png {
                image::ImageFormat::Png
            } else {
                image::ImageFormat::WebP
            };
            let decoder = ImageReader::with_format(reader, format).into_decoder()?;
            let (width, height) = decoder.dimensions();
            within_limits(width, height)?;
            let full = u64::from(width) * u64::from(height);
            // Decoded as stored (up to 16 bits × 4 channels); converted to 8-bit RGB(A) unless
            // it is already (the buffer is then moved, not copied). A lossy WebP is decoded to
            // YUV planes first.
            let converted = match decoder.color_type() {
                image::ColorType::Rgb8 | image::ColorType::Rgba8 => 0,
                _ => full * 4,
            };
            let planes = if kind == Kind::Webp { full * 2 } else { 0 };
            let memory =
                decoder.total_bytes() + converted + planes + resize_memory(width, height, 4);
            Ok(Header {
                kind,
                width,
                height,
                memory,
            })
        }
        Kind::Gif => {
            let decoder = gif::DecodeOptions::new().read_info(reader)?;
            let (width, height) = (u32::from(decoder.width()), u32::from(decoder.height()));
            within_limits(width, height)?;
            // One frame at a time: its indices, and the encoder's copy.
            let memory = u64::from(width) * u64::from(height) * 3 + 64 * 1024;
            Ok(Header {
                kind,
                width,
                height,
                memory,
            })
        }
    }
}

/// The fraction (1, 2, 4 or 8: 1/1 … 1/8) a JPEG whose upright width is `upright_w` is decoded
/// at: the smallest size that still covers [`WIDEST_NEED`] (or the photo, if narrower).
fn jpeg_scale(upright_w: u32) -> u64 {
    let need = upright_w.min(WIDEST_NEED);
    [8u32, 4, 2]
        .into_iter()
        .find(|&s| upright_w.div_ceil(s) >= need)
        .map_or(1, u64::from)
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

/// The sizes of the variants of an image `upright_w`×`upright_h` (upright, as decoded),
/// largest first: the largest published width, then each smaller one scaled from the one
/// before, as [`process`] resizes them.
fn variant_sizes(upright_w: u32, upright_h: u32) -> Vec<(u32, u32)> {
    let widths = widths_for(upright_w);
    let largest = *widths.last().unwrap_or(&upright_w);
    let mut current = (largest, scaled_height(upright_w, upright_h, largest));
    let mut sizes = Vec::with_capacity(widths.len());
    for &w in widths.iter().rev() {
        if w != current.0 {
            current = (w, scaled_height(current.0, current.1, w));
        }
        sizes.push(current);
    }
    sizes
}

/// The formats each variant of an original in `format` is published in: WebP, and the
/// original's own format (a WebP original has one).
fn variant_formats(format: Format) -> &'static [Format] {
    match format {
        Format::Jpeg => &[Format::Webp, Format::Jpeg],
        Format::Png => &[Format::Webp, Format::Png],
        Format::Webp | Format::Gif => &[Format::Webp],
    }
}

/// An image decoded as the pipeline takes it: a GIF re-encoded whole, anything else as pixels.
enum Source<Still = Decoded> {
    Gif(Encoded),
    Still(Still),
}

/// Reads the header and decodes `bytes`; every refusal a build gives happens here.
fn decode_checked(bytes: &[u8], format: Format) -> Result<Source, Problem> {
    let header = read_header(Cursor::new(bytes))?;
    if (header.kind == Kind::Gif) != (format == Format::Gif) {
        return Err(Problem::Unreadable(Unreadable::WrongName));
    }
    if header.kind == Kind::Gif {
        let (width, height, bytes) = reencode_gif(bytes)?;
        return Ok(Source::Gif(Encoded {
            width,
            height,
            format: Format::Gif,
            bytes,
        }));
    }
    decode(bytes, format).map(Source::Still)
}

/// The upright size of decoded pixels.
fn upright_size(source: &Decoded) -> (u32, u32) {
    if turns_sideways(source.orientation) {
        (source.height, source.width)
    } else {
        (source.width, source.height)
    }
}

/// What [`process`] would publish for `bytes` (each variant's width, height and format,
/// largest first), found by the same header checks and the same decode but without resizing
/// or encoding anything: `check` refuses what a build refuses and writes nothing.
pub fn measure(bytes: &[u8], format: Format) -> Result<Vec<(u32, u32, Format)>, Problem> {
    match decode_checked(bytes, format)? {
        Source::Gif(gif) => Ok(vec![(gif.width, gif.height, Format::Gif)]),
        Source::Still(source) => {
            let (upright_w, upright_h) = upright_size(&source);
            Ok(variant_sizes(upright_w, upright_h)
                .into_iter()
                .flat_map(|(w, h)| variant_formats(format).iter().map(move |&f| (w, h, f)))
                .collect())
        }
    }
}

/// Decodes `bytes` and returns every variant, largest first. The caller has read the header
/// ([`read_header`]) and holds the memory it says from the budget.
///
/// Memory matters more than anything else here: a 12-megapixel photo is 36 MB of pixels. The
/// decoded pixels are the only full-size buffer: they are resized (in the orientation they
/// are stored in) straight to the largest published width, and turning upright and colour
/// conversion work on that much smaller image.
pub fn process(bytes: &[u8], format: Format) -> Result<Vec<Encoded>, Problem> {
    let Reduced {
        pixels: current,
        sizes,
        orientation,
        icc,
    } = {
        let _full_size = FULL_SIZE.lock().unwrap_or_else(PoisonError::into_inner);
        match reduced(bytes, format)? {
            Source::Gif(gif) => return Ok(vec![gif]),
            Source::Still(reduced) => reduced,
        }
    };
    let channels = if current.pixel_type() == PixelType::U8x4 {
        4
    } else {
        3
    };
    let mut current = upright(current, orientation, channels)?;
    if let Some(icc) = icc.as_deref() {
        to_srgb(current.buffer_mut(), icc, channels);
    }
    let mut resizer = Resizer::new();
    let options = resize_options();
    let pixel_type = current.pixel_type();
    let mut out = Vec::new();
    // Largest first; each smaller width is resized from the previous one (cheaper than from the
    // original each time, and indistinguishable at these ratios).
    for (w, h) in sizes {
        if w != current.width() {
            let mut next = Image::new(w, h, pixel_type);
            resizer
                .resize(&current, &mut next, &options)
                .map_err(|_| Problem::Unreadable(Unreadable::Corrupt))?;
            current = next;
        }
        let pixels = current.buffer();
        for &f in variant_formats(format) {
            out.push(Encoded {
                width: w,
                height: h,
                format: f,
                bytes: encode(pixels, w, h, channels, f)
                    .map_err(|_| Problem::Unreadable(Unreadable::Encoder))?,
            });
        }
    }
    Ok(out)
}

/// At most one photo is decoded and brought down from its full size at a time: that is where
/// a photo needs the most memory (the decoder's planes, then the decoded pixels beside their
/// first resize), and it is the smaller part of its time (turning, colour and six encodes are
/// the rest). Two threads then overlap one decode with another photo's encodes instead of two
/// decodes: a first build of 200 phone photos peaked at 90 MiB with two decodes at once and
/// at 87 MiB with this, in the same time (BENCHMARKS.md). Nothing under the lock calls into
/// rayon (a thread waiting in rayon could take another photo's job and wait for the lock it
/// holds).
static FULL_SIZE: Mutex<()> = Mutex::new(());

/// A decoded still image resized to its largest variant (still as stored: not yet upright).
struct Reduced {
    pixels: Image<'static>,
    /// The published sizes, largest first ([`variant_sizes`]), upright.
    sizes: Vec<(u32, u32)>,
    orientation: Orientation,
    icc: Option<Vec<u8>>,
}

/// How every variant is resized: Catmull-Rom convolution.
fn resize_options() -> ResizeOptions {
    ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom))
}

/// Decodes `bytes` and resizes the pixels to the largest variant: the full-size part of
/// [`process`], done under [`FULL_SIZE`]. A GIF comes back re-encoded whole.
fn reduced(bytes: &[u8], format: Format) -> Result<Source<Reduced>, Problem> {
    let source = match decode_checked(bytes, format)? {
        Source::Gif(gif) => return Ok(Source::Gif(gif)),
        Source::Still(source) => source,
    };
    let (upright_w, upright_h) = upright_size(&source);
    let sizes = variant_sizes(upright_w, upright_h);
    let (largest, largest_h) = sizes[0];
    let (target_w, target_h) = if turns_sideways(source.orientation) {
        (largest_h, largest)
    } else {
        (largest, largest_h)
    };
    let pixel_type = if source.alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let mut current = Image::from_vec_u8(source.width, source.height, source.pixels, pixel_type)
        .map_err(|_| Problem::Unreadable(Unreadable::Corrupt))?;
    if (target_w, target_h) != (source.width, source.height) {
        let mut next = Image::new(target_w, target_h, pixel_type);
        Resizer::new()
            .resize(&current, &mut next, &resize_options())
            .map_err(|_| Problem::Unreadable(Unreadable::Corrupt))?;
        current = next;
    }
    Ok(Source::Still(Reduced {
        pixels: current,
        sizes,
        orientation: source.orientation,
        icc: source.icc,
    }))
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
}

/// The widest image the default theme shows: its text column is 46rem (736 CSS pixels), 1472
/// pixels on a 2× screen. [`WIDTHS`] tops at 1600; a JPEG decoded at a reduced scale may give
/// a largest variant anywhere between the two.
const WIDEST_NEED: u32 = 1472;

/// Whether a JPEG's data ends: an end-of-image marker after its first scan. The decoders fill
/// what is missing of a cut file with grey and say nothing (a 694-byte file claiming 65500 px
/// took 40 s to "decode"); a photo that did not finish copying must be named as such.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let Some(scan) = memchr::memmem::find(bytes, &[0xFF, 0xDA]) else {
        return false;
    };
    memchr::memmem::find(&bytes[scan..], &[0xFF, 0xD9]).is_some()
}

/// Decodes an image. JPEGs are decoded at the smallest fraction of their size (1/8 to 1, a
/// scaled inverse DCT) that still covers the largest published width: a 12-megapixel photo
/// becomes 3 megapixels (9 MB) instead of 36 MB, and decodes faster. Anything that path does
/// not take (CMYK, 16-bit, arithmetic coding, other formats) goes through the `image` crate.
fn decode(bytes: &[u8], format: Format) -> Result<Decoded, Problem> {
    let is_jpeg = sniff(bytes) == Some(Kind::Jpeg);
    if is_jpeg && !jpeg_is_complete(bytes) {
        return Err(Problem::Unreadable(Unreadable::Truncated));
    }
    if is_jpeg && let Some(decoded) = decode_jpeg_scaled(bytes) {
        return Ok(decoded);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| Problem::Unreadable(Unreadable::Truncated))?;
    // The header was checked by the caller; the decoder checks again, in case it reads a
    // size the header reader did not.
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    let mut decoder = reader.into_decoder()?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let img = DynamicImage::from_decoder(decoder)?;
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
    })
}

/// A GIF decoded and encoded again, frame by frame, at its own size: the frames, their
/// palettes, delays, disposal and transparency, and the loop count are kept; comments, XMP,
/// ICC and any other extension are not. One frame is in memory at a time; the frames'
/// pixels together are bounded by [`MAX_GIF_PIXELS`] and each frame by the image limits.
fn reencode_gif(bytes: &[u8]) -> Result<(u32, u32, Vec<u8>), Problem> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    let limit = std::num::NonZeroU64::new(MAX_PIXELS)
        .map_or(gif::MemoryLimit::Unlimited, gif::MemoryLimit::Bytes);
    options.set_memory_limit(limit);
    let mut decoder = options.read_info(Cursor::new(bytes))?;
    let (width, height) = (decoder.width(), decoder.height());
    within_limits(u32::from(width), u32::from(height))?;
    let palette = decoder.global_palette().unwrap_or(&[]).to_vec();
    let repeat = decoder.repeat();
    let mut out = Vec::with_capacity(bytes.len());
    let broken = |_| Problem::Unreadable(Unreadable::Encoder);
    {
        let mut encoder = gif::Encoder::new(&mut out, width, height, &palette).map_err(broken)?;
        encoder.set_repeat(repeat).map_err(broken)?;
        let mut total: u64 = 0;
        while let Some(frame) = decoder.read_next_frame()? {
            let (w, h) = (u32::from(frame.width), u32::from(frame.height));
            within_limits(w, h)?;
            total += u64::from(w) * u64::from(h);
            if total > MAX_GIF_PIXELS {
                return Err(Problem::TooLarge {
                    width: u32::from(width),
                    height: u32::from(height),
                });
            }
            encoder.write_frame(frame).map_err(broken)?;
        }
    }
    Ok((u32::from(width), u32::from(height), out))
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
) -> Result<Image<'static>, Problem> {
    if orientation == Orientation::NoTransforms {
        return Ok(image);
    }
    let (w, h, pixel_type) = (image.width(), image.height(), image.pixel_type());
    let raw = image.into_vec();
    let broken = || Problem::Unreadable(Unreadable::Corrupt);
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
    Image::from_vec_u8(w, h, raw, pixel_type).map_err(|_| Problem::Unreadable(Unreadable::Corrupt))
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
        Format::Webp => bytes = super::webp::encode(pixels, w, h, channels, WEBP_QUALITY)?,
        Format::Jpeg => {
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
                .write_image(pixels, w, h, color)
                .map_err(|e| e.to_string())?;
        }
        Format::Gif => return Err("GIF frames are re-encoded as they are".to_string()),
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
    fn measuring_gives_what_processing_publishes_without_encoding() {
        // `check` measures; `build` processes: the pages both render must name the same files.
        let photo = |w: u32, h: u32, alpha: bool| {
            let mut bytes = Vec::new();
            if alpha {
                image::RgbaImage::from_pixel(w, h, image::Rgba([9, 80, 200, 128]))
                    .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
                    .unwrap();
            } else {
                let img =
                    image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 256) as u8, 9, 9]));
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 80)
                    .write_image(img.as_raw(), w, h, ExtendedColorType::Rgb8)
                    .unwrap();
            }
            bytes
        };
        for (bytes, format) in [
            (photo(4000, 3000, false), Format::Jpeg),
            (photo(1333, 2001, false), Format::Jpeg),
            (photo(700, 301, true), Format::Png),
        ] {
            let processed: Vec<(u32, u32, Format)> = process(&bytes, format)
                .unwrap()
                .iter()
                .map(|e| (e.width, e.height, e.format))
                .collect();
            assert_eq!(measure(&bytes, format).unwrap(), processed);
        }
        // What processing refuses, measuring refuses the same way.
        let cut = &photo(800, 600, false)[..400];
        assert!(matches!(
            measure(cut, Format::Jpeg),
            Err(Problem::Unreadable(Unreadable::Truncated))
        ));
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
