//! Character classes of the CommonMark CJK-friendly amendments (markdown-cjk-friendly,
//! https://github.com/tats-u/markdown-cjk-friendly, `specification.md`, Unicode 17).
//!
//! The ranges of CJK characters are the list in that repository's `ranges.md` (commit
//! 7fdf4909d0d7f330cbf0ec18778b25a4fc5fe441), which is derived from the Unicode Character
//! Database (East Asian Width W/F/H less default-emoji-presentation characters, plus Hangul).
//! That repository's code and data are under the MIT licence, Copyright (c) 2024 Tatsunori
//! Uchino; the list is facts about Unicode, reproduced here as data.

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Inclusive code point ranges of CJK characters, sorted.
const CJK: &[(u32, u32)] = &[
    (0x1100, 0x11ff),
    (0x20a9, 0x20a9),
    (0x2329, 0x232a),
    (0x2630, 0x2637),
    (0x268a, 0x268f),
    (0x2e80, 0x2e99),
    (0x2e9b, 0x2ef3),
    (0x2f00, 0x2fd5),
    (0x2ff0, 0x303e),
    (0x3041, 0x3096),
    (0x3099, 0x30ff),
    (0x3105, 0x312f),
    (0x3131, 0x318e),
    (0x3190, 0x31e5),
    (0x31ef, 0x321e),
    (0x3220, 0x3247),
    (0x3250, 0xa48c),
    (0xa490, 0xa4c6),
    (0xa960, 0xa97c),
    (0xac00, 0xd7a3),
    (0xd7b0, 0xd7c6),
    (0xd7cb, 0xd7fb),
    (0xf900, 0xfaff),
    (0xfe10, 0xfe19),
    (0xfe30, 0xfe52),
    (0xfe54, 0xfe66),
    (0xfe68, 0xfe6b),
    (0xff01, 0xffbe),
    (0xffc2, 0xffc7),
    (0xffca, 0xffcf),
    (0xffd2, 0xffd7),
    (0xffda, 0xffdc),
    (0xffe0, 0xffe6),
    (0xffe8, 0xffee),
    (0x16fe0, 0x16fe4),
    (0x16ff0, 0x16ff6),
    (0x17000, 0x18cd5),
    (0x18cff, 0x18d1e),
    (0x18d80, 0x18df2),
    (0x1aff0, 0x1aff3),
    (0x1aff5, 0x1affb),
    (0x1affd, 0x1affe),
    (0x1b000, 0x1b122),
    (0x1b132, 0x1b132),
    (0x1b150, 0x1b152),
    (0x1b155, 0x1b155),
    (0x1b164, 0x1b167),
    (0x1b170, 0x1b2fb),
    (0x1d300, 0x1d356),
    (0x1d360, 0x1d376),
    (0x1f200, 0x1f200),
    (0x1f202, 0x1f202),
    (0x1f210, 0x1f219),
    (0x1f21b, 0x1f22e),
    (0x1f230, 0x1f231),
    (0x1f237, 0x1f237),
    (0x1f23b, 0x1f23b),
    (0x1f240, 0x1f248),
    (0x1f260, 0x1f265),
    (0x20000, 0x3fffd),
];

/// A CJK character: East Asian Width W, F or H and not an emoji by default, or Hangul.
pub fn is_cjk(c: char) -> bool {
    let c = c as u32;
    let i = CJK.partition_point(|&(_, last)| last < c);
    CJK.get(i).is_some_and(|&(first, _)| first <= c)
}

/// Unicode whitespace as CommonMark defines it: category Zs, tab, line feed, form feed, carriage return.
pub fn is_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{c}' | '\r')
        || c.general_category() == unicode_properties::GeneralCategory::SpaceSeparator
}

/// A Unicode punctuation character as CommonMark (0.31) defines it: category P or S.
pub fn is_punctuation(c: char) -> bool {
    matches!(c.general_category_group(), GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol)
}

/// A variation selector of U+FE00–U+FE0E: it takes the class of the character before it.
pub fn is_general_variation_selector(c: char) -> bool {
    matches!(c, '\u{fe00}'..='\u{fe0e}')
}

/// An ideographic variation selector (U+E0100–U+E01EF).
pub fn is_ideographic_variation_selector(c: char) -> bool {
    matches!(c, '\u{e0100}'..='\u{e01ef}')
}

/// Quotation marks that U+FE01 turns into their full-width (CJK punctuation) form.
pub fn is_ambiguous_cjk_punctuation(c: char, selector: char) -> bool {
    selector == '\u{fe01}' && matches!(c, '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        for c in ['字', 'あ', 'ア', '（', '。', '𠮟', '\u{31f0}', '\u{31ff}', '한', '！', '㋐'] {
            assert!(is_cjk(c), "{c:?}");
        }
        for c in ['a', '(', '"', '😀', '¥', ' '] {
            assert!(!is_cjk(c), "{c:?}");
        }
        assert!(is_punctuation('（') && is_punctuation('$') && is_punctuation('¥') && !is_punctuation('字'));
        assert!(is_whitespace('\u{3000}') && is_whitespace('\u{a0}') && !is_whitespace('\u{200b}'));
    }
}
