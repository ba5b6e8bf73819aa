//! A PDF judged by its structure (ISO 32000-1 §7.5): a header, then at the end
//! `startxref` with the offset of a cross-reference — a classic `xref` table followed by
//! a `trailer` dictionary naming the document catalog (`/Root`), whose entry must point
//! at that object, or a cross-reference stream (`/Type /XRef`, PDF 1.5) — and `%%EOF`.
//! `%PDF-` followed by an executable has none of these.
//!
//! Why not a PDF crate: lopdf (the well-kept one) builds ~20 more crates even without
//! its default features (AES/MD5/SHA-2 for encrypted files, rand, nom, brotli, encoding
//! tables) and parses every object into memory — a 20 MiB upload becomes a large
//! allocation on the request path. This check reads only the file's last KiB, the
//! cross-reference and the catalog's first bytes.

use super::Defect;

/// Readers look for `%%EOF` in the last 1024 bytes; so does this.
const TAIL: usize = 1024;
/// How far a trailer or cross-reference stream dictionary may reach.
const DICT_LIMIT: usize = 64 * 1024;

const NO_HEADER: Defect = Defect {
    en: "the PDF header (%PDF-1.x) is malformed",
    vi: "phần đầu tệp PDF (%PDF-1.x) không hợp lệ",
};
const NO_EOF: Defect = Defect {
    en: "the PDF has no end-of-file marker (%%EOF) near its end",
    vi: "tệp PDF không có dấu kết thúc (%%EOF) ở cuối tệp",
};
const NO_STARTXREF: Defect = Defect {
    en: "the PDF has no startxref offset before its end",
    vi: "tệp PDF không có vị trí bảng tham chiếu chéo (startxref) ở cuối tệp",
};
const BAD_XREF: Defect = Defect {
    en: "the PDF's cross-reference is missing or malformed",
    vi: "bảng tham chiếu chéo (xref) của tệp PDF bị thiếu hoặc hỏng",
};
const BAD_TRAILER: Defect = Defect {
    en: "the PDF's trailer does not name its catalog (/Root), or the catalog is not where the cross-reference says",
    vi: "phần trailer của tệp PDF không chỉ ra danh mục tài liệu (/Root), hoặc danh mục không ở vị trí bảng tham chiếu chéo ghi",
};

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'\0')
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && is_ws(bytes[i]) {
        i += 1;
    }
    i
}

/// An unsigned integer at `i` (at most 10 digits), and where it ends.
fn int(bytes: &[u8], i: usize) -> Option<(u64, usize)> {
    let end = bytes[i.min(bytes.len())..]
        .iter()
        .take(11)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if end == 0 || end > 10 {
        return None;
    }
    let text = std::str::from_utf8(&bytes[i..i + end]).ok()?;
    Some((text.parse().ok()?, i + end))
}

fn keyword(bytes: &[u8], i: usize, kw: &[u8]) -> Option<usize> {
    bytes.get(i..)?.starts_with(kw).then_some(i + kw.len())
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `N G obj` at `i`: the object number and generation, and where the object begins.
fn object_header(bytes: &[u8], i: usize) -> Option<(u64, u64, usize)> {
    numbered(bytes, i, b"obj")
}

/// `N G <kw>` at `i` (after white space): `obj` opens an object, `R` refers to one.
fn numbered(bytes: &[u8], i: usize, kw: &[u8]) -> Option<(u64, u64, usize)> {
    let (num, j) = int(bytes, skip_ws(bytes, i))?;
    let j2 = skip_ws(bytes, j);
    if j2 == j {
        return None;
    }
    let (gen, k) = int(bytes, j2)?;
    let k2 = skip_ws(bytes, k);
    if k2 == k {
        return None;
    }
    Some((num, gen, keyword(bytes, k2, kw)?))
}

/// Checks the structure; `Err` names what is wrong.
pub fn check(bytes: &[u8]) -> Result<(), Defect> {
    let version = bytes.get(5..8).ok_or(NO_HEADER)?;
    if !(bytes.starts_with(b"%PDF-")
        && version[0].is_ascii_digit()
        && version[1] == b'.'
        && version[2].is_ascii_digit())
    {
        return Err(NO_HEADER);
    }
    let tail_start = bytes.len().saturating_sub(TAIL);
    let eof = tail_start + rfind(&bytes[tail_start..], b"%%EOF").ok_or(NO_EOF)?;
    let look_from = eof.saturating_sub(TAIL);
    let sx = look_from + rfind(&bytes[look_from..eof], b"startxref").ok_or(NO_STARTXREF)?;
    let (offset, _) = int(bytes, skip_ws(bytes, sx + b"startxref".len())).ok_or(NO_STARTXREF)?;
    let offset = usize::try_from(offset).map_err(|_| BAD_XREF)?;
    if offset < 8 || offset >= sx {
        return Err(BAD_XREF);
    }
    let at = skip_ws(bytes, offset);
    match keyword(bytes, at, b"xref") {
        Some(after) => classic_table(bytes, after, sx),
        None => xref_stream(bytes, at, sx),
    }
}

/// A classic table: subsections of 20-byte entries, then the trailer naming `/Root`,
/// whose entry points at the catalog object.
fn classic_table(bytes: &[u8], mut i: usize, end: usize) -> Result<(), Defect> {
    let mut entries: Vec<(u64, u64, u64, bool)> = Vec::new();
    loop {
        i = skip_ws(bytes, i);
        if let Some(after) = keyword(bytes, i, b"trailer") {
            i = after;
            break;
        }
        if i >= end {
            return Err(BAD_XREF);
        }
        let (first, j) = int(bytes, i).ok_or(BAD_XREF)?;
        let (count, j) = int(bytes, skip_ws(bytes, j)).ok_or(BAD_XREF)?;
        i = j;
        for n in 0..count {
            // nnnnnnnnnn ggggg n|f, then a two-byte end of line.
            let (off, j) = int(bytes, skip_ws(bytes, i)).ok_or(BAD_XREF)?;
            let (gen, j) = int(bytes, skip_ws(bytes, j)).ok_or(BAD_XREF)?;
            let j = skip_ws(bytes, j);
            let used = match bytes.get(j) {
                Some(b'n') => true,
                Some(b'f') => false,
                _ => return Err(BAD_XREF),
            };
            entries.push((first + n, off, gen, used));
            i = j + 1;
            if i >= end {
                return Err(BAD_XREF);
            }
        }
    }
    if entries.is_empty() {
        return Err(BAD_XREF);
    }
    let i = skip_ws(bytes, i);
    keyword(bytes, i, b"<<").ok_or(BAD_TRAILER)?;
    let dict = &bytes[i..end.min(i + DICT_LIMIT)];
    let root = find(dict, b"/Root").ok_or(BAD_TRAILER)?;
    let (num, gen, _) = numbered(dict, root + b"/Root".len(), b"R").ok_or(BAD_TRAILER)?;
    let (_, off, entry_gen, _) = entries
        .iter()
        .find(|(n, _, _, used)| *n == num && *used)
        .ok_or(BAD_TRAILER)?;
    let off = usize::try_from(*off).map_err(|_| BAD_TRAILER)?;
    match object_header(bytes, off) {
        Some((n, g, _)) if n == num && g == gen && g == *entry_gen => Ok(()),
        _ => Err(BAD_TRAILER),
    }
}

/// A cross-reference stream (PDF 1.5): an object whose dictionary says `/Type /XRef`
/// and names `/Root`, followed by its stream.
fn xref_stream(bytes: &[u8], at: usize, end: usize) -> Result<(), Defect> {
    let (_, _, body) = object_header(bytes, at).ok_or(BAD_XREF)?;
    let dict = &bytes[body..end.min(body + DICT_LIMIT)];
    let stream = find(dict, b"stream").ok_or(BAD_XREF)?;
    let dict = &dict[..stream];
    let compact: Vec<u8> = dict.iter().copied().filter(|b| !is_ws(*b)).collect();
    if !(dict.starts_with(b"<<") || compact.starts_with(b"<<"))
        || find(&compact, b"/Type/XRef").is_none()
    {
        return Err(BAD_XREF);
    }
    if find(dict, b"/Root").is_none() {
        return Err(BAD_TRAILER);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-object PDF with correct offsets.
    fn good() -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [] /Count 0 >>",
        ]
        .iter()
        .enumerate()
        {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(b"xref\n0 3\n0000000000 65535 f \n");
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        out
    }

    #[test]
    fn a_well_formed_pdf_passes() {
        assert_eq!(check(&good()), Ok(()));
        // Trailing white space after %%EOF is common.
        let mut padded = good();
        padded.extend_from_slice(b"\r\n\0\0");
        assert_eq!(check(&padded), Ok(()));
    }

    #[test]
    fn a_header_then_anything_else_fails() {
        let mut exe = b"%PDF-1.7\n".to_vec();
        exe.extend_from_slice(
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00 This program cannot be run in DOS mode",
        );
        assert_eq!(check(&exe), Err(NO_EOF));
        exe.extend_from_slice(b"\n%%EOF\n");
        assert_eq!(check(&exe), Err(NO_STARTXREF));
        let mut lying = exe.clone();
        lying.extend_from_slice(b"startxref\n12\n%%EOF\n");
        assert_eq!(check(&lying), Err(BAD_XREF));
        assert_eq!(check(b"%PDF-"), Err(NO_HEADER));
    }

    #[test]
    fn the_catalog_must_be_where_the_table_says() {
        let pdf = good();
        let text = String::from_utf8(pdf.clone()).unwrap();
        // Point the catalog's entry one byte off.
        let entry = text.find("0000000009 00000 n").unwrap();
        let mut moved = pdf.clone();
        moved[entry + 8..entry + 10].copy_from_slice(b"10");
        assert_eq!(check(&moved), Err(BAD_TRAILER));
        // A trailer without /Root.
        let no_root = text.replace("/Root 1 0 R", "/Rxxx 1 0 R");
        assert_eq!(check(no_root.as_bytes()), Err(BAD_TRAILER));
    }

    #[test]
    fn a_cross_reference_stream_is_accepted() {
        let mut pdf = b"%PDF-1.5\n".to_vec();
        let obj = pdf.len();
        pdf.extend_from_slice(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        let xref = pdf.len();
        pdf.extend_from_slice(
            b"9 0 obj\n<< /Type/XRef /Size 10 /W [1 2 1] /Root 1 0 R /Length 4 >>\nstream\n\x01\x00\x09\x00\nendstream\nendobj\n",
        );
        pdf.extend_from_slice(format!("startxref\n{xref}\n%%EOF\n").as_bytes());
        assert!(obj > 0);
        assert_eq!(check(&pdf), Ok(()));
        let not_xref = String::from_utf8_lossy(&pdf).replace("/Type/XRef", "/Type/Page");
        assert_eq!(check(not_xref.as_bytes()), Err(BAD_XREF));
    }
}
