//! Search that ignores Vietnamese diacritics and case: "dong thap" finds "Đồng Tháp".
//! Neither backend folds diacritics portably, so the application writes a normalised
//! copy of each searchable name and matches the normalised query against it.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower case, marks stripped after NFD, `đ` → `d`, white space folded.
pub fn normalize(text: &str) -> String {
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The stored search key of a record: its name and code, normalised, so `q=` finds a
/// unit by either ("thap muoi" or "h-thapmuoi").
pub fn key(name: &str, code: &str) -> String {
    normalize(&format!("{name} {code}"))
}

/// A `LIKE` pattern (escape character `\`) matching names that contain the query.
pub fn contains_pattern(query: &str) -> String {
    let mut out = String::from("%");
    for c in normalize(query).chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_marks_and_case() {
        assert_eq!(normalize("Đồng Tháp"), "dong thap");
        assert_eq!(normalize("UBND Huyện  Tháp Mười"), "ubnd huyen thap muoi");
        assert_eq!(
            normalize("Sở Thông tin và Truyền thông"),
            "so thong tin va truyen thong"
        );
        assert_eq!(
            normalize("ĐẨY MẠNH chuyển đổi số"),
            "day manh chuyen doi so"
        );
        // Precomposed (NFC) and decomposed (NFD) input give the same key.
        let nfd: String = "Lấp Vò".nfd().collect();
        assert_eq!(normalize(&nfd), normalize("Lấp Vò"));
    }

    #[test]
    fn keys_hold_name_and_code() {
        assert_eq!(
            key("UBND Huyện Tháp Mười", "H-THAPMUOI"),
            "ubnd huyen thap muoi h-thapmuoi"
        );
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(contains_pattern("Tháp"), "%thap%");
        assert_eq!(contains_pattern("50%_x"), "%50\\%\\_x%");
    }
}
