//! `<picture>` markup for a published image: a WebP `<source>` and an `<img>` in the original's
//! format, both with `srcset` and `sizes`, the `<img>` with its `width` and `height` (the
//! browser reserves the space: no layout shift) and lazy loading unless it is the first image a
//! reader sees.

use std::fmt::Write;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use super::{Format, Published};

/// The text column of the default theme (`.prose`: 46rem, the whole screen on phones).
pub const CONTENT_SIZES: &str = "(max-width: 48rem) calc(100vw - 2rem), 46rem";
/// A news card's thumbnail.
pub const THUMB_SIZES: &str = "8rem";
/// A photo in a gallery row (two or three to a row).
pub const GALLERY_SIZES: &str = "(max-width: 40rem) calc(50vw - 1.5rem), 15rem";

const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\'')
    .add(b'%')
    .add(b',');

/// The URL of an output path under the site's sub-path, safe in an attribute and in `srcset`
/// (commas and spaces are encoded).
pub fn url(base_path: &str, dest: &str) -> String {
    format!("{base_path}{}", utf8_percent_encode(dest, PATH))
}

fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn srcset(image: &Published, base_path: &str, format: Format) -> String {
    let mut set = String::new();
    for v in image.variants.iter().rev().filter(|v| v.format == format) {
        if !set.is_empty() {
            set.push_str(", ");
        }
        let _ = write!(set, "{} {}w", url(base_path, &v.dest), v.width);
    }
    set
}

/// How an image is shown.
pub struct Show<'a> {
    pub alt: &'a str,
    pub sizes: &'a str,
    /// The first image a reader sees: loaded at once (`fetchpriority="high"`), not lazily.
    pub eager: bool,
    pub class: Option<&'a str>,
}

/// `<picture>…</picture>` for `image`.
pub fn picture(image: &Published, base_path: &str, show: &Show) -> String {
    let mut out = String::with_capacity(600);
    out.push_str("<picture>");
    // A GIF has no WebP copy (it keeps its animation); a WebP needs no second source.
    if image.format != Format::Webp && image.variants.iter().any(|v| v.format == Format::Webp) {
        let _ = write!(
            out,
            "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
            srcset(image, base_path, Format::Webp),
            show.sizes
        );
    }
    let _ = write!(
        out,
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
        url(base_path, &image.dest),
        srcset(image, base_path, image.format),
        show.sizes,
        image.width,
        image.height,
        escape(show.alt)
    );
    if let Some(class) = show.class {
        let _ = write!(out, " class=\"{class}\"");
    }
    if show.eager {
        out.push_str(" fetchpriority=\"high\">");
    } else {
        out.push_str(" loading=\"lazy\" decoding=\"async\">");
    }
    out.push_str("</picture>");
    out
}

#[cfg(test)]
mod tests {
    use super::super::Variant;
    use super::*;

    fn sample() -> Published {
        let v = |width, height, format, dest: &str| Variant {
            width,
            height,
            format,
            dest: dest.into(),
        };
        Published {
            dest: "images/a b.jpg".into(),
            format: Format::Jpeg,
            width: 960,
            height: 720,
            variants: vec![
                v(960, 720, Format::Webp, "images/a b-960w.webp"),
                v(960, 720, Format::Jpeg, "images/a b.jpg"),
                v(480, 360, Format::Webp, "images/a b-480w.webp"),
                v(480, 360, Format::Jpeg, "images/a b-480w.jpg"),
            ],
        }
    }

    #[test]
    fn picture_has_sources_sizes_and_dimensions() {
        let html = picture(
            &sample(),
            "/khoi/",
            &Show {
                alt: "Hội \"nghị\"",
                sizes: CONTENT_SIZES,
                eager: false,
                class: None,
            },
        );
        assert!(
            html.contains("<source type=\"image/webp\" srcset=\"/khoi/images/a%20b-480w.webp 480w, /khoi/images/a%20b-960w.webp 960w\""),
            "{html}"
        );
        assert!(html.contains("src=\"/khoi/images/a%20b.jpg\""), "{html}");
        assert!(html.contains("width=\"960\" height=\"720\""), "{html}");
        assert!(html.contains("alt=\"Hội &quot;nghị&quot;\""), "{html}");
        assert!(html.contains("loading=\"lazy\""), "{html}");
        let eager = picture(
            &sample(),
            "/",
            &Show {
                alt: "",
                sizes: THUMB_SIZES,
                eager: true,
                class: Some("thumb"),
            },
        );
        assert!(
            !eager.contains("lazy") && eager.contains("fetchpriority"),
            "{eager}"
        );
    }
}
