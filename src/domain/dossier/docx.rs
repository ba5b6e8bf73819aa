//! A DOCX judged by its structure: a ZIP archive that the `zip` crate reads (its central
//! directory, every entry's local header, inflated data and CRC-32), holding
//! `[Content_Types].xml` that declares a WordprocessingML main part and
//! `word/document.xml`. Bounded so that no archive costs more than the limits: the
//! number of entries and the total uncompressed size, checked on the declared sizes
//! first and then on the bytes actually inflated (a header may lie).

use super::Defect;
use std::io::{Cursor, Read};

/// More entries than a Word document with many pictures has (typically 10–60).
pub const MAX_ENTRIES: usize = 2_000;
/// Total uncompressed size: XML expands about tenfold, pictures do not; a 20 MiB upload
/// of text past this is a bomb, not a document.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 256 * 1024 * 1024;

const CONTENT_TYPES: &str = "[Content_Types].xml";
const DOCUMENT: &str = "word/document.xml";
const MAIN_TYPE: &[u8] =
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

const NOT_ZIP: Defect = Defect {
    en: "the DOCX is not a readable ZIP archive",
    vi: "tệp DOCX không phải là tệp nén ZIP đọc được",
};
const TOO_MANY: Defect = Defect {
    en: "the DOCX has too many entries",
    vi: "tệp DOCX có quá nhiều thành phần",
};
const TOO_BIG: Defect = Defect {
    en: "the DOCX unpacks to more than the allowed size",
    vi: "tệp DOCX khi giải nén vượt quá dung lượng cho phép",
};
const DAMAGED: Defect = Defect {
    en: "an entry of the DOCX is damaged, encrypted or compressed with an unsupported method",
    vi: "một thành phần của tệp DOCX bị hỏng, bị mã hóa hoặc nén theo cách không được hỗ trợ",
};
const NOT_WORD: Defect = Defect {
    en: "the archive is not a Word document ([Content_Types].xml and word/document.xml are required)",
    vi: "tệp nén không phải văn bản Word (cần có [Content_Types].xml và word/document.xml)",
};

/// Checks the archive within the limits; `Err` names what is wrong.
pub fn check(bytes: &[u8]) -> Result<(), Defect> {
    check_within(bytes, MAX_ENTRIES, MAX_UNCOMPRESSED_BYTES)
}

fn check_within(bytes: &[u8], max_entries: usize, max_total: u64) -> Result<(), Defect> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| NOT_ZIP)?;
    if zip.len() > max_entries {
        return Err(TOO_MANY);
    }
    // The declared sizes first: cheap, and refuses an honest bomb before inflating.
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|_| DAMAGED)?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > max_total {
        return Err(TOO_BIG);
    }
    // Then every entry inflated, never past what is left of the budget (a lying header
    // stops there), to its end so that the CRC-32 is checked.
    let mut left = max_total;
    let mut content_types = Vec::new();
    let mut has_document = false;
    let mut sink = [0u8; 16 * 1024];
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|_| DAMAGED)?;
        if entry.encrypted() {
            return Err(DAMAGED);
        }
        let name = entry.name().map_err(|_| DAMAGED)?.to_string();
        let declared = entry.size();
        let mut reader = entry.take(left.saturating_add(1));
        let mut read: u64 = 0;
        loop {
            let n = reader.read(&mut sink).map_err(|_| DAMAGED)?;
            if n == 0 {
                break;
            }
            if name == CONTENT_TYPES && content_types.len() < 1024 * 1024 {
                content_types.extend_from_slice(&sink[..n]);
            }
            read += n as u64;
            if read > left {
                return Err(TOO_BIG);
            }
        }
        if read != declared {
            return Err(DAMAGED);
        }
        left -= read;
        has_document |= name == DOCUMENT;
    }
    let declares_word = content_types
        .windows(MAIN_TYPE.len())
        .any(|w| w == MAIN_TYPE);
    if !(has_document && declares_word) {
        return Err(NOT_WORD);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
            for (name, data) in entries {
                w.start_file(*name, opts).unwrap();
                w.write_all(data).unwrap();
            }
            w.finish().unwrap();
        }
        out.into_inner()
    }

    fn content_types() -> Vec<u8> {
        let mut t = b"<?xml version=\"1.0\"?><Types><Override PartName=\"/word/document.xml\" ContentType=\"".to_vec();
        t.extend_from_slice(MAIN_TYPE);
        t.extend_from_slice(b"\"/></Types>");
        t
    }

    #[test]
    fn a_word_document_passes() {
        let ct = content_types();
        let docx = archive(&[
            (CONTENT_TYPES, &ct),
            ("_rels/.rels", b"<Relationships/>"),
            (
                DOCUMENT,
                b"<w:document><w:body><w:p>T\xe1\xbb\x9d tr\xc3\xacnh</w:p></w:body></w:document>",
            ),
        ]);
        assert_eq!(check(&docx), Ok(()));
    }

    #[test]
    fn a_zip_that_only_names_the_parts_fails() {
        assert_eq!(
            check(b"PK\x03\x04\x14\x00[Content_Types].xml ... word/document.xml ..."),
            Err(NOT_ZIP)
        );
        let zip = archive(&[("readme.txt", b"word/document.xml [Content_Types].xml")]);
        assert_eq!(check(&zip), Err(NOT_WORD));
        // Parts present but no WordprocessingML declared (an .xlsx renamed, say).
        let zip = archive(&[(CONTENT_TYPES, b"<Types/>"), (DOCUMENT, b"<x/>")]);
        assert_eq!(check(&zip), Err(NOT_WORD));
    }

    #[test]
    fn bombs_and_damage_are_refused() {
        let ct = content_types();
        let zeros = vec![0u8; 4096];
        let docx = archive(&[(CONTENT_TYPES, &ct), (DOCUMENT, &zeros)]);
        assert_eq!(check_within(&docx, 1, 1 << 20), Err(TOO_MANY));
        assert_eq!(check_within(&docx, 10, 1024), Err(TOO_BIG));
        // A flipped byte in the compressed data: inflate or the CRC-32 fails.
        let mut broken = docx.clone();
        let at = broken
            .windows(DOCUMENT.len())
            .position(|w| w == DOCUMENT.as_bytes())
            .unwrap()
            + DOCUMENT.len()
            + 2;
        broken[at] ^= 0xFF;
        assert!(check(&broken).is_err());
    }

    #[test]
    fn a_header_that_understates_the_size_stops_at_the_budget() {
        let ct = content_types();
        let zeros = vec![0u8; 64 * 1024];
        let docx = archive(&[(CONTENT_TYPES, &ct), (DOCUMENT, &zeros)]);
        // Rewrite the declared uncompressed size of word/document.xml to 10 bytes, in
        // its local header and its central directory entry.
        let mut lying = docx.clone();
        let name = DOCUMENT.as_bytes();
        let mut i = 0;
        while let Some(p) = lying[i..].windows(name.len()).position(|w| w == name) {
            let at = i + p;
            // Local header: size at 22 from its start (name at 30); central: at 24 (name at 46).
            if lying[at - 30..at - 26] == *b"PK\x03\x04" {
                lying[at - 8..at - 4].copy_from_slice(&10u32.to_le_bytes());
            } else if lying[at - 46..at - 42] == *b"PK\x01\x02" {
                lying[at - 22..at - 18].copy_from_slice(&10u32.to_le_bytes());
            }
            i = at + name.len();
        }
        assert!(check_within(&lying, 10, 32 * 1024).is_err());
        assert!(check(&lying).is_err());
    }
}
