//! Characters that do not show: they let two spellings of one name look the same
//! ("Nguyễn \u{200b}Thị Hoà" beside "Nguyễn Thị Hoà"), and bidi controls make a name
//! read otherwise than it is stored (`hoa-don\u{202e}fdp.exe` shows as `hoa-donexe.pdf`).

/// Default_Ignorable_Code_Point, as DerivedCoreProperties.txt of Unicode 16.0.0 lists
/// it (the set has been stable since Unicode 6; reserved code points included, as
/// there). Inclusive ranges, in order.
const DEFAULT_IGNORABLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),   // SOFT HYPHEN
    (0x034F, 0x034F),   // COMBINING GRAPHEME JOINER
    (0x061C, 0x061C),   // ARABIC LETTER MARK
    (0x115F, 0x1160),   // HANGUL CHOSEONG FILLER..HANGUL JUNGSEONG FILLER
    (0x17B4, 0x17B5),   // KHMER VOWEL INHERENT AQ..AA
    (0x180B, 0x180F),   // MONGOLIAN FREE VARIATION SELECTORS, VOWEL SEPARATOR
    (0x200B, 0x200F),   // ZERO WIDTH SPACE..RIGHT-TO-LEFT MARK
    (0x202A, 0x202E),   // LEFT-TO-RIGHT EMBEDDING..RIGHT-TO-LEFT OVERRIDE
    (0x2060, 0x206F),   // WORD JOINER..NOMINAL DIGIT SHAPES (2065 reserved)
    (0x3164, 0x3164),   // HANGUL FILLER
    (0xFE00, 0xFE0F),   // VARIATION SELECTOR-1..16
    (0xFEFF, 0xFEFF),   // ZERO WIDTH NO-BREAK SPACE
    (0xFFA0, 0xFFA0),   // HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),   // reserved
    (0x1BCA0, 0x1BCA3), // SHORTHAND FORMAT LETTER OVERLAP..UP STEP
    (0x1D173, 0x1D17A), // MUSICAL SYMBOL BEGIN BEAM..END PHRASE
    (0xE0000, 0xE0FFF), // TAGS, VARIATION SELECTOR-17..256, reserved
];

/// C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F): refused
/// in every input (PostgreSQL cannot store U+0000; none belongs in a name or an id).
/// With `text`, the whitespace of free text (tab, line feed, carriage return) passes.
pub fn is_refused_control(code_point: u32, text: bool) -> bool {
    match code_point {
        0x09 | 0x0A | 0x0D => !text,
        0x00..=0x1F | 0x7F..=0x9F => true,
        _ => false,
    }
}

/// Whether `c` is a Default_Ignorable_Code_Point (drawn as nothing).
pub fn is_default_ignorable(c: char) -> bool {
    let c = u32::from(c);
    DEFAULT_IGNORABLE
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// The bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates
/// (U+2066–U+2069) and the marks LRM, RLM, ALM (U+200E, U+200F, U+061C). A Vietnamese
/// name or a file name never needs one.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The first bidi control in `text`, if any.
pub fn bidi_control(text: &str) -> Option<char> {
    text.chars().find(|c| is_bidi_control(*c))
}

/// `text` without its default-ignorable characters.
pub fn without_ignorables(text: &str) -> String {
    text.chars().filter(|c| !is_default_ignorable(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_known() {
        for c in [
            '\u{00AD}',
            '\u{200B}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{FE0F}',
            '\u{E0041}',
            '\u{202E}',
        ] {
            assert!(is_default_ignorable(c), "{:04X}", u32::from(c));
        }
        for c in ['a', 'Đ', 'ệ', ' ', '\u{00A0}', '\u{0301}', '-', '\u{3000}'] {
            assert!(!is_default_ignorable(c), "{:04X}", u32::from(c));
        }
        assert_eq!(without_ignorables("Th\u{00AD}ị\u{200B} Hoà"), "Thị Hoà");
    }

    #[test]
    fn bidi_controls_are_found() {
        assert_eq!(bidi_control("hoa-don\u{202E}exe.pdf"), Some('\u{202E}'));
        for c in [
            '\u{202A}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            assert!(is_bidi_control(c));
        }
        assert_eq!(bidi_control("Tờ trình số 12.pdf"), None);
        // A zero-width space hides, but does not reorder.
        assert!(!is_bidi_control('\u{200B}'));
    }
}
