//! JPEG and PNG judged by their headers, with `imagesize` (header parsing only, no
//! pixels decoded, no dependencies; the `image` crate would decode whole pictures and
//! build a dozen crates): a JPEG's markers lead to a frame header (SOFn) with its size;
//! a PNG starts with an IHDR chunk whose CRC-32 holds and whose size and colour type
//! are valid. Width and height are never zero.

use super::{Defect, FileType};

/// Larger than any scan or photograph in a dossier.
const MAX_SIDE: usize = 65_535;

const BAD_JPEG: Defect = Defect {
    en: "the JPEG has no valid frame header",
    vi: "tệp JPEG không có phần đầu khung ảnh hợp lệ",
};
const BAD_PNG: Defect = Defect {
    en: "the PNG has no valid IHDR header",
    vi: "tệp PNG không có phần đầu IHDR hợp lệ",
};

/// Checks the header of a JPEG or PNG (`t`); `Err` names what is wrong.
pub fn check(bytes: &[u8], t: FileType) -> Result<(), Defect> {
    let defect = if t == FileType::Png {
        BAD_PNG
    } else {
        BAD_JPEG
    };
    if t == FileType::Png {
        png_header(bytes).ok_or(BAD_PNG)?;
    }
    let expected = match t {
        FileType::Png => imagesize::ImageType::Png,
        _ => imagesize::ImageType::Jpeg,
    };
    match imagesize::image_type(bytes) {
        Ok(found) if found == expected => {}
        _ => return Err(defect),
    }
    let size = imagesize::blob_size(bytes).map_err(|_| defect)?;
    let ok = |side: usize| (1..=MAX_SIDE).contains(&side);
    if ok(size.width) && ok(size.height) {
        Ok(())
    } else {
        Err(defect)
    }
}

/// The IHDR chunk right after the signature: length 13, its CRC-32 right, a valid
/// bit depth for its colour type.
fn png_header(bytes: &[u8]) -> Option<()> {
    let chunk = bytes.get(8..33)?;
    if chunk[..8] != *b"\x00\x00\x00\x0dIHDR" {
        return None;
    }
    let crc = u32::from_be_bytes(chunk[21..25].try_into().ok()?);
    if crc32(&chunk[4..21]) != crc {
        return None;
    }
    let (depth, colour) = (chunk[16], chunk[17]);
    let depth_ok = match colour {
        0 => matches!(depth, 1 | 2 | 4 | 8 | 16),
        3 => matches!(depth, 1 | 2 | 4 | 8),
        2 | 4 | 6 => matches!(depth, 8 | 16),
        _ => false,
    };
    depth_ok.then_some(())
}

/// CRC-32 (ISO 3309, as PNG and ZIP use it), bitwise: it runs over 17 bytes.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A 1×1 PNG header and a minimal JPEG, for tests here and elsewhere.
#[cfg(test)]
pub(crate) mod samples {
    pub fn png(width: u32, height: u32) -> Vec<u8> {
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut out = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0d".to_vec();
        out.extend_from_slice(&ihdr);
        out.extend_from_slice(&super::crc32(&ihdr).to_be_bytes());
        out.extend_from_slice(b"\x00\x00\x00\x00IEND\xaeB`\x82");
        out
    }

    pub fn jpeg() -> Vec<u8> {
        let mut out =
            b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00".to_vec();
        // SOF0: length 11, precision 8, height 1, width 1, one component.
        out.extend_from_slice(b"\xFF\xC0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00");
        out.extend_from_slice(b"\xFF\xD9");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::samples::{jpeg, png};
    use super::*;

    #[test]
    fn real_headers_pass() {
        assert_eq!(check(&png(640, 480), FileType::Png), Ok(()));
        assert_eq!(check(&jpeg(), FileType::Jpeg), Ok(()));
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn signatures_alone_fail() {
        assert_eq!(
            check(
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR test image",
                FileType::Png
            ),
            Err(BAD_PNG)
        );
        assert_eq!(
            check(
                b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00 test photo",
                FileType::Jpeg
            ),
            Err(BAD_JPEG)
        );
        let mut bad_crc = png(1, 1);
        bad_crc[29] ^= 1;
        assert_eq!(check(&bad_crc, FileType::Png), Err(BAD_PNG));
        assert_eq!(check(&png(0, 1), FileType::Png), Err(BAD_PNG));
        let mut exe = b"\xFF\xD8\xFF".to_vec();
        exe.extend_from_slice(b"MZ\x90\x00 This program cannot be run in DOS mode");
        assert_eq!(check(&exe, FileType::Jpeg), Err(BAD_JPEG));
    }
}
