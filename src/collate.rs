//! Vietnamese alphabetical order (*thứ tự chữ cái tiếng Việt*): a ă â b c d đ e ê g h i k l m n
//! o ô ơ p q r s t u ư v x y, letters first and tones (ngang, huyền, hỏi, ngã, sắc, nặng) only
//! to separate words that are otherwise equal. Used where names sharing a rank are listed.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// The sort key of a name: its letters' places in the alphabet, then its tones.
fn key(text: &str) -> (Vec<u32>, Vec<u8>) {
    let mut letters: Vec<u32> = Vec::new();
    let mut tones: Vec<u8> = Vec::new();
    for c in text.to_lowercase().nfd() {
        match c {
            // Letter marks make a letter of their own: ă â ê ô ơ ư.
            '\u{0306}' | '\u{0302}' | '\u{031B}' => {
                if let Some(last) = letters.last_mut() {
                    *last += if c == '\u{0302}' { 2 } else { 1 };
                }
            }
            '\u{0300}' => set_tone(&mut tones, 1),
            '\u{0309}' => set_tone(&mut tones, 2),
            '\u{0303}' => set_tone(&mut tones, 3),
            '\u{0301}' => set_tone(&mut tones, 4),
            '\u{0323}' => set_tone(&mut tones, 5),
            'đ' => {
                letters.push(u32::from('d') * 4 + 1);
                tones.push(0);
            }
            c => {
                letters.push(u32::from(c) * 4);
                tones.push(0);
            }
        }
    }
    (letters, tones)
}

fn set_tone(tones: &mut [u8], tone: u8) {
    if let Some(last) = tones.last_mut() {
        *last = tone;
    }
}

/// Compares two names in Vietnamese alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

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
