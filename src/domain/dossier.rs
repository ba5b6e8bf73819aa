//! Dossier files: which types are accepted (judged by content, not by name), and how a
//! Vietnamese file name travels in `Content-Disposition`.

use crate::domain::award::DocumentKind;
use crate::domain::vocab::UnknownValue;

/// The kinds a round requires (as its column lists them, space-separated) that none of
/// the dossier's current files has, in the round's order. A kind the vocabulary does
/// not know is an error.
pub fn missing_kinds(
    required: &str,
    present: &[DocumentKind],
) -> Result<Vec<DocumentKind>, UnknownValue> {
    let mut missing = Vec::new();
    for text in required.split_whitespace() {
        let kind: DocumentKind = text.parse()?;
        if !present.contains(&kind) {
            missing.push(kind);
        }
    }
    Ok(missing)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Docx,
    Jpeg,
    Png,
}

impl FileType {
    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Pdf => &["pdf"],
            FileType::Docx => &["docx"],
            FileType::Jpeg => &["jpg", "jpeg"],
            FileType::Png => &["png"],
        }
    }
}

/// The type of a file from its first bytes (and, for DOCX, its ZIP directory).
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    if bytes.starts_with(b"%PDF-") {
        Some(FileType::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileType::Png)
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some(FileType::Jpeg)
    } else if bytes.starts_with(b"PK\x03\x04") && contains(bytes, b"word/document.xml") {
        Some(FileType::Docx)
    } else {
        None
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The name's extension agrees with the content (a PDF named `.exe` does not).
pub fn name_matches(file_name: &str, t: FileType) -> bool {
    match file_name.rsplit_once('.') {
        Some((_, ext)) => t.extensions().contains(&ext.to_ascii_lowercase().as_str()),
        None => false,
    }
}

/// A safe file name: the last path segment, no control characters, at most 200 chars.
pub fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    last.chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect::<String>()
        .trim()
        .to_string()
}

/// `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 8187), so a
/// browser saves "Tờ trình số 12.pdf" under its Vietnamese name.
pub fn content_disposition(file_name: &str) -> String {
    let fallback: String = crate::domain::search::normalize(file_name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in file_name.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(b) {
            encoded.push(*b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_judged_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileType::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(FileType::Png));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0..JFIF"), Some(FileType::Jpeg));
        assert_eq!(
            sniff(b"PK\x03\x04....[Content_Types].xml...word/document.xml"),
            Some(FileType::Docx)
        );
        assert_eq!(sniff(b"PK\x03\x04 just a zip"), None);
        assert_eq!(sniff(b"MZ\x90\x00 an exe"), None);
        assert_eq!(sniff(b"this says PDF but is text"), None);
    }

    #[test]
    fn names_must_agree_with_the_content() {
        assert!(name_matches("Tờ trình.PDF", FileType::Pdf));
        assert!(name_matches("anh.jpeg", FileType::Jpeg));
        assert!(!name_matches("to-trinh.exe", FileType::Pdf));
        assert!(!name_matches("khong-duoi", FileType::Pdf));
        assert_eq!(
            clean_name("C:\\\\hồ sơ\\\\Biên bản \"họp\".pdf"),
            "Biên bản họp.pdf"
        );
    }

    #[test]
    fn vietnamese_names_survive_content_disposition() {
        let h = content_disposition("Tờ trình số 12.pdf");
        assert_eq!(h, "attachment; filename=\"to_trinh_so_12.pdf\"; filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%2012.pdf");
    }
}
