//! Dossier files: which types are accepted (judged by their structure, not by name or
//! first bytes), and how a Vietnamese file name travels in `Content-Disposition`.

mod docx;
mod image;
mod pdf;

pub use docx::{
    MAX_ENTRIES as DOCX_MAX_ENTRIES, MAX_UNCOMPRESSED_BYTES as DOCX_MAX_UNCOMPRESSED_BYTES,
};

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

/// What is wrong with a file's structure, in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Defect {
    pub en: &'static str,
    pub vi: &'static str,
}

/// Why a file is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Its first bytes are those of none of the accepted types (415).
    UnknownType,
    /// It starts as `claimed` does but its structure is not one (422).
    Malformed { claimed: FileType, defect: Defect },
}

/// The type a file's first bytes claim: the candidate that [`check`] then verifies.
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    if bytes.starts_with(b"%PDF-") {
        Some(FileType::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileType::Png)
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some(FileType::Jpeg)
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(FileType::Docx)
    } else {
        None
    }
}

/// The file's type, judged by its structure: a PDF's cross-reference and trailer, a
/// DOCX's ZIP archive and parts (bounded: no bombs), a JPEG's or PNG's header.
pub fn check(bytes: &[u8]) -> Result<FileType, Refusal> {
    let claimed = sniff(bytes).ok_or(Refusal::UnknownType)?;
    let verdict = match claimed {
        FileType::Pdf => pdf::check(bytes),
        FileType::Docx => docx::check(bytes),
        FileType::Jpeg | FileType::Png => image::check(bytes, claimed),
    };
    verdict
        .map(|()| claimed)
        .map_err(|defect| Refusal::Malformed { claimed, defect })
}

/// The name's extension agrees with the content (a PDF named `.exe` does not).
pub fn name_matches(file_name: &str, t: FileType) -> bool {
    match file_name.rsplit_once('.') {
        Some((_, ext)) => t.extensions().contains(&ext.to_ascii_lowercase().as_str()),
        None => false,
    }
}

/// A safe file name: the last path segment, NFC, no control characters, no invisible
/// characters but the bidi controls (those are refused: `app::dossier` answers 422), at
/// most 200 chars.
pub fn clean_name(name: &str) -> String {
    use crate::domain::invisible::{is_bidi_control, is_default_ignorable};
    use unicode_normalization::UnicodeNormalization;
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    last.nfc()
        .filter(|c| !c.is_control() && *c != '"')
        .filter(|c| is_bidi_control(*c) || !is_default_ignorable(*c))
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
    fn types_are_judged_by_structure() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileType::Pdf));
        assert_eq!(sniff(b"PK\x03\x04 just a zip"), Some(FileType::Docx));
        assert_eq!(check(b"MZ\x90\x00 an exe"), Err(Refusal::UnknownType));
        assert_eq!(
            check(b"this says PDF but is text"),
            Err(Refusal::UnknownType)
        );
        for (bytes, claimed) in [
            (&b"%PDF-1.7\nMZ\x90\x00"[..], FileType::Pdf),
            (
                b"PK\x03\x04....[Content_Types].xml...word/document.xml",
                FileType::Docx,
            ),
            (b"\x89PNG\r\n\x1a\n....", FileType::Png),
            (b"\xFF\xD8\xFF\xE0..JFIF", FileType::Jpeg),
        ] {
            assert!(
                matches!(check(bytes), Err(Refusal::Malformed { claimed: c, .. }) if c == claimed),
                "{claimed:?}"
            );
        }
        assert_eq!(check(&image::samples::png(2, 3)), Ok(FileType::Png));
        assert_eq!(check(&image::samples::jpeg()), Ok(FileType::Jpeg));
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
        // Invisibles go; bidi controls stay, to be refused.
        assert_eq!(clean_name("ke\u{200b}-hoach\u{00ad}.pdf"), "ke-hoach.pdf");
        assert_eq!(
            clean_name("hoa-don\u{202e}fdp.exe"),
            "hoa-don\u{202e}fdp.exe"
        );
    }

    #[test]
    fn vietnamese_names_survive_content_disposition() {
        let h = content_disposition("Tờ trình số 12.pdf");
        assert_eq!(h, "attachment; filename=\"to_trinh_so_12.pdf\"; filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%2012.pdf");
    }
}
