//! Hostile files made in the tests (issue 22): images whose few bytes claim gigapixels, and
//! real small images to damage. Shared by the bad-input suite and the reliability tests.

#![allow(dead_code)]

/// A PNG chunk: length, type, data, CRC.
fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

/// A tiny PNG whose header claims `width`×`height` (RGB): a few bytes that ask a decoder for
/// width × height × 3 bytes.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    use std::io::Write;
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &header);
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    zlib.write_all(&[0; 16]).unwrap();
    png_chunk(&mut out, b"IDAT", &zlib.finish().unwrap());
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// A grey JPEG of a few hundred bytes whose frame header claims `width`×`height`: one
/// quantisation table, one-code Huffman tables (each 8×8 block is two bits: DC 0, end of
/// block) and a few bytes of scan. Sequential (baseline) decoders then spend tens of seconds
/// on billions of empty blocks; progressive ones first allocate every coefficient of the image.
pub fn jpeg_claiming(width: u16, height: u16, progressive: bool) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    let mut segment = |marker: u8, data: &[u8]| {
        out.extend_from_slice(&[0xFF, marker]);
        out.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(data);
    };
    let mut dqt = vec![0];
    dqt.extend_from_slice(&[1; 64]);
    segment(0xDB, &dqt);
    let mut sof = vec![8];
    sof.extend_from_slice(&height.to_be_bytes());
    sof.extend_from_slice(&width.to_be_bytes());
    sof.extend_from_slice(&[1, 1, 0x11, 0]);
    segment(if progressive { 0xC2 } else { 0xC0 }, &sof);
    for class in [0x00, 0x10] {
        let mut dht = vec![class, 1];
        dht.extend_from_slice(&[0; 15]);
        dht.push(0);
        segment(0xC4, &dht);
    }
    let spectral_end = if progressive { 0 } else { 63 };
    segment(0xDA, &[1, 1, 0x00, 0, spectral_end, 0]);
    out.extend_from_slice(&[0; 64]);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// A real photo-like JPEG (a gradient), encoded by the `image` crate.
pub fn real_jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Jpeg).unwrap();
    bytes.into_inner()
}

/// A uniform grey PNG of `width`×`height`: small on disk, large once decoded.
pub fn grey_png(width: u32, height: u32) -> Vec<u8> {
    let img = image::GrayImage::from_pixel(width, height, image::Luma([128]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}
