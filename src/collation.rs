//! Vietnamese order for every list sorted by name (associations, pages, tags): ICU4X's
//! collator with the `vi` tailoring (a ă â b c d đ e ê … with tones after the letters), so
//! "Đoàn" comes after "Dân" and before "Hội", and a composed and a decomposed spelling of the
//! same name compare equal (canonical equivalence). Ties fall back to the code points, so the
//! order is total and the same on every machine.

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};

static VIETNAMESE: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    Collator::try_new(
        icu_locale_core::locale!("vi").into(),
        CollatorOptions::default(),
    )
    .expect("the Vietnamese collation is compiled into ICU4X")
});

/// Compares two names in Vietnamese order.
pub fn compare(a: &str, b: &str) -> Ordering {
    VIETNAMESE.compare(a, b).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn vietnamese_letters_and_forms() {
        let mut names = vec![
            "Hội Luật gia",
            "Đoàn Thanh niên",
            "Dân vận",
            "Ăn uống",
            "Anh",
            "Bà",
        ];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(
            names,
            [
                "Anh",
                "Ăn uống",
                "Bà",
                "Dân vận",
                "Đoàn Thanh niên",
                "Hội Luật gia"
            ]
        );
        let composed = "Hội Cựu chiến binh";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(VIETNAMESE.compare(composed, &decomposed), Ordering::Equal);
        // Sorted together: nothing falls between the two spellings.
        let mut names = [
            decomposed.as_str(),
            "Hội Luật gia",
            composed,
            "Hội Chữ thập đỏ",
        ];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(names[0], "Hội Chữ thập đỏ");
        assert_eq!(names[3], "Hội Luật gia");
    }

    #[test]
    fn vietnamese_letters_follow_their_base_letter() {
        let mut names = vec![
            "Hội Đông y",
            "Hội Doanh nghiệp",
            "Hội Cựu chiến binh",
            "Hội Chữ thập đỏ",
            "Ủy ban",
            "Uỷ ban",
            "Ưu tiên",
            "Ăn",
            "An",
            "Ân",
            "Bà",
            "Ba",
            "Bá",
        ];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(
            names,
            [
                "An",
                "Ăn",
                "Ân",
                "Ba",
                "Bà",
                "Bá",
                "Hội Chữ thập đỏ",
                "Hội Cựu chiến binh",
                "Hội Doanh nghiệp",
                "Hội Đông y",
                "Uỷ ban",
                "Ủy ban",
                "Ưu tiên",
            ]
        );
    }
}
