//! Issue 29's message cases, as an editor meets them: each mistake is made in the valid base
//! site and `check` must say, in English and in Vietnamese, the code, the line and column of
//! the mistake, the value as written and the fix — and one mistake must not hide another.

use std::fs;
use std::path::Path;

#[path = "invalid/support.rs"]
mod support;

use support::{base_fixture, copy_dir, run};

const NEWS: &str = "content/news/2013-06-21-so-ket.md";
const H1: &str = "content/associations/hoi-luat-gia/2013-h1.yaml";

fn replace(site: &Path, rel: &str, from: &str, to: &str) {
    let path = site.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// `check` in both languages after `mutate`: (English stderr, Vietnamese stderr).
fn checked(mutate: impl Fn(&Path)) -> (String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&base_fixture(), &site);
    mutate(&site);
    let root = site.to_str().unwrap();
    let en = run(tmp.path(), &["check", "--lang", "en", "--root", root]);
    let vi = run(tmp.path(), &["check", "--lang", "vi", "--root", root]);
    assert_eq!(en.code, Some(1), "{}", en.stderr);
    assert_eq!(vi.code, Some(1), "{}", vi.stderr);
    (en.stderr, vi.stderr)
}

/// Every expected line is a whole line of `stderr`, and the run found exactly `errors` errors.
fn assert_lines(stderr: &str, expected: &[&str], count: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    for line in expected {
        assert!(lines.contains(line), "missing line\n  {line}\nin\n{stderr}");
    }
    assert_eq!(lines.last().copied(), Some(count), "{stderr}");
}

#[test]
fn a_misspelt_association_does_not_hide_the_missing_image_in_the_body() {
    let (en, vi) = checked(|site| {
        replace(site, NEWS, "lien-minh-htx]", "lien-minh-hxt]");
        replace(site, NEWS, "/images/hoi-nghi.svg", "/images/khong-co.jpg");
    });
    assert_lines(
        &en,
        &[
            "error[E067]: content/news/2013-06-21-so-ket.md:4:30: `lien-minh-hxt` is not an association; did you mean `lien-minh-htx`? (associations are the folders in content/associations/)",
            "error[E400]: content/news/2013-06-21-so-ket.md:11:1: link or image `/images/khong-co.jpg` points to a file the site does not have: copy the file into the folder static/images/, or correct the path to the file's name",
        ],
        "check failed: 2 errors, 0 warnings",
    );
    assert_lines(
        &vi,
        &[
            "lỗi[E067]: content/news/2013-06-21-so-ket.md:4:30: “lien-minh-hxt” không phải đơn vị thành viên; có phải ý bạn là “lien-minh-htx”? (đơn vị thành viên là các thư mục trong content/associations/)",
            "lỗi[E400]: content/news/2013-06-21-so-ket.md:11:1: liên kết hoặc ảnh “/images/khong-co.jpg” trỏ tới một tệp không có trong trang: hãy chép tệp vào thư mục static/images/, hoặc sửa lại đường dẫn cho đúng tên tệp",
        ],
        "Kiểm tra không đạt: 2 lỗi, 0 cảnh báo",
    );
}

#[test]
fn a_page_with_a_bad_slug_still_has_its_body_checked() {
    let (en, _) = checked(|site| {
        let page = "content/pages/gioi-thieu.md";
        let text = fs::read_to_string(site.join(page)).unwrap();
        let (front, body) = text.split_once("\n---\n").unwrap();
        fs::write(
            site.join(page),
            format!("{front}\nslug: Giới thiệu\n---\n{body}\n![Ảnh](/images/thieu.png)\n"),
        )
        .unwrap();
    });
    assert!(
        en.contains("error[E051]: content/pages/gioi-thieu.md:"),
        "{en}"
    );
    assert!(
        en.contains("error[E400]: content/pages/gioi-thieu.md:")
            && en.contains("`/images/thieu.png`"),
        "{en}"
    );
}

#[test]
fn the_31st_of_november_says_the_month_and_the_form_to_write() {
    let (en, vi) = checked(|site| replace(site, NEWS, "date: 2013-06-21", "date: 31/11/2026"));
    assert_lines(
        &en,
        &[
            "error[E046]: content/news/2013-06-21-so-ket.md:3:7: `31/11/2026` is not a valid date: month 11 of 2026 has only 30 days; write dates year-month-day, for example the month's last day: 2026-11-30",
        ],
        "check failed: 1 error, 0 warnings",
    );
    assert_lines(
        &vi,
        &[
            "lỗi[E046]: content/news/2013-06-21-so-ket.md:3:7: “31/11/2026” không phải ngày hợp lệ: tháng 11 năm 2026 chỉ có 30 ngày; ngày viết theo dạng năm-tháng-ngày, ví dụ ngày cuối tháng: 2026-11-30",
        ],
        "Kiểm tra không đạt: 1 lỗi, 0 cảnh báo",
    );
}

#[test]
fn a_missing_space_in_the_first_metric_is_e032_not_two_merged_lines() {
    let (en, vi) = checked(|site| replace(site, H1, "conferences: 35", "conferences:35"));
    assert_lines(
        &en,
        &[
            "error[E032]: content/associations/hoi-luat-gia/2013-h1.yaml:3:14: `conferences:35`: add a space after the colon: conferences: 35",
        ],
        "check failed: 1 error, 0 warnings",
    );
    assert_lines(
        &vi,
        &[
            "lỗi[E032]: content/associations/hoi-luat-gia/2013-h1.yaml:3:14: “conferences:35”: thêm một dấu cách sau dấu hai chấm: conferences: 35",
        ],
        "Kiểm tra không đạt: 1 lỗi, 0 cảnh báo",
    );
}

#[test]
fn a_missing_space_before_a_comment_points_at_the_colon() {
    let (en, vi) = checked(|site| {
        replace(
            site,
            H1,
            "participants: 534",
            "participants:534 # ghi chú: số liệu tạm tính",
        )
    });
    assert_lines(
        &en,
        &[
            "error[E032]: content/associations/hoi-luat-gia/2013-h1.yaml:4:15: `participants:534`: add a space after the colon: participants: 534",
        ],
        "check failed: 1 error, 0 warnings",
    );
    assert_lines(
        &vi,
        &[
            "lỗi[E032]: content/associations/hoi-luat-gia/2013-h1.yaml:4:15: “participants:534”: thêm một dấu cách sau dấu hai chấm: participants: 534",
        ],
        "Kiểm tra không đạt: 1 lỗi, 0 cảnh báo",
    );
}

#[test]
fn a_metric_indented_one_step_off_is_named() {
    let (en, vi) = checked(|site| {
        replace(
            site,
            H1,
            "  constitution_opinions: 354",
            "   constitution_opinions: 354",
        )
    });
    assert_lines(
        &en,
        &[
            "error[E034]: content/associations/hoi-luat-gia/2013-h1.yaml:5:4: `constitution_opinions`: this line is indented one step off: indent it with 2 spaces, like the line above",
        ],
        "check failed: 1 error, 0 warnings",
    );
    assert_lines(
        &vi,
        &[
            "lỗi[E034]: content/associations/hoi-luat-gia/2013-h1.yaml:5:4: “constitution_opinions”: dòng này thụt lề lệch một bậc: thụt lề bằng 2 dấu cách như dòng trên",
        ],
        "Kiểm tra không đạt: 1 lỗi, 0 cảnh báo",
    );
}

#[test]
fn a_missing_image_under_images_says_static_images() {
    let (en, vi) = checked(|site| {
        replace(
            site,
            NEWS,
            "/images/hoi-nghi.svg",
            "/images/2026/khong-co.jpg",
        )
    });
    assert_lines(
        &en,
        &[
            "error[E400]: content/news/2013-06-21-so-ket.md:11:1: link or image `/images/2026/khong-co.jpg` points to a file the site does not have: copy the file into the folder static/images/2026/, or correct the path to the file's name",
        ],
        "check failed: 1 error, 0 warnings",
    );
    assert_lines(
        &vi,
        &[
            "lỗi[E400]: content/news/2013-06-21-so-ket.md:11:1: liên kết hoặc ảnh “/images/2026/khong-co.jpg” trỏ tới một tệp không có trong trang: hãy chép tệp vào thư mục static/images/2026/, hoặc sửa lại đường dẫn cho đúng tên tệp",
        ],
        "Kiểm tra không đạt: 1 lỗi, 0 cảnh báo",
    );
}
