//! Lossy WebP through libwebp directly. The `webp` crate imports a picture as ARGB
//! (`use_argb = 1`), and libwebp then keeps that four-byte copy of the whole picture beside the
//! YUV planes it encodes from: 7.7 MB more at 1,600 × 1,200, for every WebP in flight. Imported
//! straight to YUV, the picture gives the same bytes (checked on a first build of 40 photos)
//! and a first build of 40 photos peaked at 66 MiB instead of 81 (BENCHMARKS.md).

use libwebp_sys as sys;

/// The largest width or height WebP allows.
const MAX_SIDE: u32 = 16_383;

/// Frees the picture's buffers however the encoding ends.
struct Picture(sys::WebPPicture);

impl Drop for Picture {
    fn drop(&mut self) {
        // SAFETY: the picture was initialised by `WebPPicture::new` and is freed once, here.
        unsafe { sys::WebPPictureFree(&mut self.0) }
    }
}

/// Frees the encoded bytes libwebp allocated however the encoding ends.
struct Written(sys::WebPMemoryWriter);

impl Drop for Written {
    fn drop(&mut self) {
        // SAFETY: the writer was initialised by `WebPMemoryWriterInit`; clearing frees its
        // buffer (if any) once.
        unsafe { sys::WebPMemoryWriterClear(&mut self.0) }
    }
}

/// `pixels` (RGB, or RGBA when `channels` is 4; `w × h`, rows without padding) as a lossy
/// WebP of `quality` (0–100).
pub fn encode(
    pixels: &[u8],
    w: u32,
    h: u32,
    channels: u8,
    quality: f32,
) -> Result<Vec<u8>, String> {
    let stride = w as usize * usize::from(channels);
    if !(channels == 3 || channels == 4)
        || w == 0
        || h == 0
        || w > MAX_SIDE
        || h > MAX_SIDE
        || pixels.len() < stride * h as usize
    {
        return Err(format!(
            "WebP: cannot encode {w}×{h} pixels of {channels} bytes"
        ));
    }
    let mut config = sys::WebPConfig::new().map_err(|()| "WebP encoder unavailable".to_string())?;
    config.quality = quality;
    // SAFETY: `config` is an initialised configuration.
    if unsafe { sys::WebPValidateConfig(&config) } == 0 {
        return Err("WebP: invalid configuration".to_string());
    }
    let mut picture =
        Picture(sys::WebPPicture::new().map_err(|()| "WebP encoder unavailable".to_string())?);
    picture.0.use_argb = 0;
    picture.0.width = w as i32;
    picture.0.height = h as i32;
    // SAFETY: `pixels` holds `h` rows of `stride` bytes (checked above); libwebp reads them
    // and copies them into the picture's own planes.
    let imported = unsafe {
        if channels == 4 {
            sys::WebPPictureImportRGBA(&mut picture.0, pixels.as_ptr(), stride as i32)
        } else {
            sys::WebPPictureImportRGB(&mut picture.0, pixels.as_ptr(), stride as i32)
        }
    };
    if imported == 0 {
        return Err(format!("WebP: {:?}", picture.0.error_code));
    }
    let mut written = std::mem::MaybeUninit::<sys::WebPMemoryWriter>::uninit();
    // SAFETY: `WebPMemoryWriterInit` initialises every field of the writer.
    let mut written = Written(unsafe {
        sys::WebPMemoryWriterInit(written.as_mut_ptr());
        written.assume_init()
    });
    picture.0.writer = Some(sys::WebPMemoryWrite);
    picture.0.custom_ptr = (&mut written.0 as *mut sys::WebPMemoryWriter).cast();
    // SAFETY: the configuration is valid, the picture holds imported planes, and its writer
    // appends to `written`, which stays in place until the call returns.
    let ok = unsafe { sys::WebPEncode(&config, &mut picture.0) };
    if ok == 0 {
        return Err(format!("WebP: {:?}", picture.0.error_code));
    }
    if written.0.mem.is_null() || written.0.size == 0 {
        return Err("WebP: the encoder wrote nothing".to_string());
    }
    // SAFETY: libwebp wrote `size` bytes at `mem`; they are copied out before `written` frees
    // them.
    Ok(unsafe { std::slice::from_raw_parts(written.0.mem, written.0.size) }.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A picture comes back as a WebP of its size, from RGB and from RGBA; pixels that do not
    /// fill the size are refused, not read past.
    #[test]
    fn pictures_become_webp_of_their_size() {
        let (w, h) = (37u32, 21u32);
        let rgb: Vec<u8> = (0..w * h * 3).map(|i| (i * 7 % 251) as u8).collect();
        let rgba: Vec<u8> = (0..w * h * 4).map(|i| (i * 5 % 253) as u8).collect();
        for (pixels, channels) in [(&rgb, 3u8), (&rgba, 4u8)] {
            let bytes = encode(pixels, w, h, channels, 78.0).expect("encoded");
            assert_eq!(&bytes[..4], b"RIFF");
            assert_eq!(&bytes[8..12], b"WEBP");
            let decoded = image::load_from_memory(&bytes).expect("decodes");
            assert_eq!((decoded.width(), decoded.height()), (w, h));
        }
        assert!(encode(&rgb[..rgb.len() - 1], w, h, 3, 78.0).is_err());
        assert!(encode(&rgb, 0, h, 3, 78.0).is_err());
        assert!(encode(&rgb, w, h, 2, 78.0).is_err());
    }
}
