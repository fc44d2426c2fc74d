//! CSV for spreadsheets: a cell whose text starts like a formula (`=`, `+`, `-`, `@`, a tab
//! or a carriage return) would be run by the spreadsheet that opens the file. Such cells get
//! a leading `'`, as the OWASP guidance on CSV injection says; plain numbers such as `-1.0`
//! are left as they are. Below the pipeline: used by chart downloads and `irsite figures`.

use std::borrow::Cow;

/// `text` safe to put in a spreadsheet cell.
pub fn cell(text: &str) -> Cow<'_, str> {
    let starts_like_formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_like_formula && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `-1.0`, `+3`, `-2.5e3`: a number a spreadsheet reads as a number, nothing else.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && digits.parse::<f64>().is_ok_and(f64::is_finite)
}

/// Writes one CSV record, each field made safe with [`cell`].
pub fn write_record<W: std::io::Write, S: AsRef<str>>(
    writer: &mut csv::Writer<W>,
    fields: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    writer.write_record(fields.into_iter().map(|f| cell(f.as_ref()).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for formula in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\r=x", "-", "+", "-1.0)", "-inf", "-1e"] {
            assert_eq!(cell(formula), format!("'{formula}"), "{formula:?}");
        }
        for plain in ["-1.0", "+3", "-2.5e3", "-.5", "0", "売上高", "FY2021", "a=b", ""] {
            assert_eq!(cell(plain), plain, "{plain:?}");
        }
    }
}
