//! Which characters are refused, and cheap scans that find them in percent-encoded URL
//! parts and in raw JSON, before anything is decoded into strings.

/// The one rule of which characters are refused, kept with the other invisible ones.
pub use crate::domain::invisible::is_refused_control as refused;

/// `U+0000`, as messages name a code point.
pub fn name(code_point: u32) -> String {
    format!("U+{code_point:04X}")
}

/// The first control character of a URL path or query, once percent-decoded (tab and
/// newlines included: no path segment or filter holds them).
pub fn in_url_part(raw: &str) -> Option<u32> {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                decoded.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        decoded.push(b);
        i += 1;
    }
    in_bytes(&decoded)
}

/// The first control character of UTF-8 bytes (C1 controls are `C2 80`–`C2 9F`).
fn in_bytes(bytes: &[u8]) -> Option<u32> {
    let mut after_c2 = false;
    for &b in bytes {
        if after_c2 && (0x80..=0x9F).contains(&b) {
            return Some(u32::from(b));
        }
        if b < 0x20 || b == 0x7F {
            return Some(u32::from(b));
        }
        after_c2 = b == 0xC2;
    }
    None
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// A control character found in a body: its code point and the byte it starts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub code_point: u32,
    pub offset: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum State {
    #[default]
    Plain,
    /// After a backslash: the next byte is escaped.
    Escape,
    /// Inside `\uXXXX`, with the digits read so far.
    Unicode { digits: u8, value: u32 },
    /// After `C2`, the lead byte of U+0080–U+00BF.
    AfterC2,
}

/// Finds control characters in a JSON text fed in chunks, without parsing it. In JSON a
/// control character inside a string is either raw — refused by the parser already for
/// C0, but DEL and C1 are legal — or a `\u00XX` escape; `\\u0000` is an escaped
/// backslash and then text, so escapes are followed byte by byte. Tab, line feed and
/// carriage return pass (free-text comments hold newlines). What is not JSON is left to
/// the parser.
#[derive(Debug, Default)]
pub struct JsonScan {
    state: State,
    offset: u64,
    escape_at: u64,
}

impl JsonScan {
    /// The first refused character in the next chunk, if any.
    pub fn feed(&mut self, chunk: &[u8]) -> Option<Found> {
        for &b in chunk {
            let at = self.offset;
            self.offset += 1;
            let (state, found) = self.step(b, at);
            self.state = state;
            if found.is_some() {
                return found;
            }
        }
        None
    }

    fn step(&mut self, b: u8, at: u64) -> (State, Option<Found>) {
        match self.state {
            State::Escape if b == b'u' => (
                State::Unicode {
                    digits: 0,
                    value: 0,
                },
                None,
            ),
            State::Escape => (State::Plain, None),
            State::Unicode { digits, value } => match hex(b) {
                Some(d) => {
                    let value = value << 4 | u32::from(d);
                    if digits < 3 {
                        let digits = digits + 1;
                        (State::Unicode { digits, value }, None)
                    } else if refused(value, true) {
                        let offset = self.escape_at;
                        let found = Found {
                            code_point: value,
                            offset,
                        };
                        (State::Plain, Some(found))
                    } else {
                        (State::Plain, None)
                    }
                }
                // Not JSON: the parser will say so.
                None => self.plain(b, at),
            },
            State::AfterC2 if (0x80..=0x9F).contains(&b) => {
                let found = Found {
                    code_point: u32::from(b),
                    offset: at - 1,
                };
                (State::Plain, Some(found))
            }
            State::AfterC2 | State::Plain => self.plain(b, at),
        }
    }

    /// A byte outside any escape. Raw C0 bytes other than JSON's whitespace are never
    /// JSON; raw DEL is legal JSON but refused.
    fn plain(&mut self, b: u8, at: u64) -> (State, Option<Found>) {
        match b {
            b'\\' => {
                self.escape_at = at;
                (State::Escape, None)
            }
            0xC2 => (State::AfterC2, None),
            0x7F | 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F => {
                let found = Found {
                    code_point: u32::from(b),
                    offset: at,
                };
                (State::Plain, Some(found))
            }
            _ => (State::Plain, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(chunks: &[&[u8]]) -> Option<(u32, u64)> {
        let mut s = JsonScan::default();
        chunks
            .iter()
            .find_map(|c| s.feed(c))
            .map(|f| (f.code_point, f.offset))
    }

    #[test]
    fn escaped_controls_are_found_even_across_chunks() {
        assert_eq!(scan(&[br#"{"round_id":"\u0000"}"#]), Some((0, 13)));
        assert_eq!(scan(&[br#"{"a":"x\u00"#, br#"1f"}"#]), Some((0x1F, 7)));
        assert_eq!(scan(&[br#"{"a":"\u007F"}"#]), Some((0x7F, 6)));
        assert_eq!(scan(&[br#"{"a":"\u009f"}"#]), Some((0x9F, 6)));
        assert_eq!(scan(&[br#"{"a":"\"#, br#"u0008"}"#]), Some((8, 6)));
    }

    #[test]
    fn free_text_whitespace_and_escaped_backslashes_pass() {
        assert_eq!(
            scan(&[r#"{"comment":"Dòng 1\nDòng 2\r\n\tthụt"}"#.as_bytes()]),
            None
        );
        assert_eq!(scan(&[br#"{"comment":"\u000a\u000D\u0009"}"#]), None);
        // An escaped backslash, then the text "u0000".
        assert_eq!(scan(&[br#"{"path":"C:\\u0000"}"#]), None);
        assert_eq!(
            scan(&[r#"{"a":"\u00A0\u00e9 Đồng Tháp \ud83d\ude00"}"#.as_bytes()]),
            None
        );
        assert_eq!(scan(&["{\"a\": \"Ê\u{a0}\"}\r\n\t".as_bytes()]), None);
    }

    #[test]
    fn raw_del_c1_and_c0_bytes_are_found() {
        assert_eq!(scan(&[b"{\"a\":\"x\x7f\"}"]), Some((0x7F, 7)));
        assert_eq!(scan(&["{\"a\":\"\u{85}\"}".as_bytes()]), Some((0x85, 6)));
        assert_eq!(scan(&[b"{\"a\":\"\xc2", b"\x9f\"}"]), Some((0x9F, 6)));
        assert_eq!(scan(&[b"{\"a\":\"\x00\"}"]), Some((0, 6)));
    }

    #[test]
    fn url_parts_are_judged_decoded() {
        assert_eq!(in_url_part("/api/v1/public/movements/%00"), Some(0));
        assert_eq!(in_url_part("q=a%00b"), Some(0));
        assert_eq!(in_url_part("q=a%0Ab"), Some(0x0A));
        assert_eq!(in_url_part("q=a%09b"), Some(0x09));
        assert_eq!(in_url_part("q=%7f"), Some(0x7F));
        assert_eq!(in_url_part("q=%C2%85"), Some(0x85));
        assert_eq!(in_url_part("q=%C2%A0%C3%A9"), None);
        assert_eq!(in_url_part("q=%E1%BB%93ng+th%C3%A1p&limit=5"), None);
        assert_eq!(in_url_part("q=100%"), None);
        assert_eq!(in_url_part("q=%2"), None);
        assert_eq!(in_url_part("q=%zz%00"), Some(0));
    }

    #[test]
    fn the_refused_set() {
        for c in [0u32, 8, 0x0B, 0x1F, 0x7F, 0x80, 0x9F] {
            assert!(refused(c, true), "{c:x}");
        }
        for c in [9u32, 0x0A, 0x0D] {
            assert!(!refused(c, true) && refused(c, false), "{c:x}");
        }
        for c in [0x20u32, 0x7E, 0xA0, 0x110, 0x200B] {
            assert!(!refused(c, false), "{c:x}");
        }
        assert_eq!(name(0), "U+0000");
    }
}
