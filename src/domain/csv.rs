//! CSV as spreadsheets read it (RFC 4180): UTF-8 with a byte-order mark (without it Excel
//! reads the bytes as the local code page and the Vietnamese is garbled), CRLF line ends,
//! a cell quoted when it holds a comma, a quote or a line break.

/// A CSV document being written, header row first.
pub struct Csv {
    out: String,
}

impl Csv {
    pub fn new(header: &[&str]) -> Self {
        let mut csv = Self {
            out: String::from("\u{feff}"),
        };
        csv.row(header.iter().copied());
        csv
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        for (i, c) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_cell(&mut self.out, c.as_ref());
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and
/// a leading tab or carriage return can hide one): a nominee's name or an achievement
/// typed by anyone would then run on the reader's machine (CSV injection, OWASP). Such
/// a cell gets a leading apostrophe, which spreadsheets show as text and do not run.
fn guarded(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn push_cell(out: &mut String, cell: &str) {
    let quote = cell.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if guarded(cell) {
        out.push('\'');
    }
    if quote {
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// A yes/no cell as the JSON has it.
pub fn flag(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_header_crlf_quoting_and_the_formula_guard() {
        let mut c = Csv::new(&["Tên", "Ghi chú"]);
        c.row(["Nguyễn Văn A, B", "nói \"tốt\"\nlần 2"]);
        c.row(["=HYPERLINK(\"x\")", "-1+2"]);
        c.row(["@SUM(A1)", "\tx"]);
        assert_eq!(
            c.finish(),
            "\u{feff}Tên,Ghi chú\r\n\"Nguyễn Văn A, B\",\"nói \"\"tốt\"\"\nlần 2\"\r\n\"'=HYPERLINK(\"\"x\"\")\",'-1+2\r\n'@SUM(A1),'\tx\r\n"
        );
    }
}
