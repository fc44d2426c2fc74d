//! The facts of an inline XBRL page (`*-ixbrl.htm`): `ix:nonFraction` (numbers, with the
//! displayed text turned into a value by its `format`, then `scale` and `sign`) and
//! `ix:nonNumeric` (text, dates and flags).

use std::path::Path;

use rust_decimal::Decimal;

use super::facts::{self, Decimals, Fact, Value, XSI};
use crate::error::Result;

/// Inline XBRL 1.0 and 1.1.
const IX: [&str; 2] = ["http://www.xbrl.org/2008/inlineXBRL", "http://www.xbrl.org/2013/inlineXBRL"];

fn is_ix(node: roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && IX.contains(&node.tag_name().namespace().unwrap_or(""))
}

/// Whether the document is inline XBRL at all.
pub fn is_inline(doc: &roxmltree::Document) -> bool {
    doc.descendants().any(|n| is_ix(n, "header"))
}

pub fn read_facts(path: &Path, doc: &roxmltree::Document) -> Result<Vec<Fact>> {
    let mut list = Vec::new();
    for node in doc.descendants() {
        let numeric = is_ix(node, "nonFraction");
        if !numeric && !is_ix(node, "nonNumeric") {
            continue;
        }
        let error = |message: String| facts::parse_error(path, doc, node, message);
        let Some(name) = node.attribute("name") else {
            return Err(error("inline fact without a name".into()));
        };
        let Some(context) = node.attribute("contextRef") else {
            return Err(error(format!("{name} has no contextRef")));
        };
        let (namespace, element) = facts::resolve_qname(node, name);
        let nil = node.attribute((XSI, "nil")).is_some_and(|v| v.trim() == "true");
        let format = node.attribute("format");
        let shown = displayed_text(node);
        let value = if nil || (numeric && shown.trim().is_empty() && format.is_none_or(|f| !f.contains("zero"))) {
            Value::Nil
        } else if numeric {
            let number = transform_number(format, &shown).map_err(|m| error(format!("{name}: {m}")))?;
            let scale = match node.attribute("scale") {
                None => 0,
                Some(s) => {
                    s.trim().parse::<i32>().map_err(|_| error(format!("{name}: scale `{s}` is not an integer")))?
                }
            };
            let mut number =
                facts::scaled(number, scale).ok_or_else(|| error(format!("{name}: scale {scale} is out of range")))?;
            if node.attribute("sign") == Some("-") {
                number = -number;
            }
            Value::Number(number)
        } else {
            Value::Text(shown.trim().to_string())
        };
        list.push(Fact {
            namespace,
            element,
            context: context.to_string(),
            unit: node.attribute("unitRef").map(str::to_string),
            decimals: node.attribute("decimals").and_then(Decimals::parse),
            value,
            line: facts::line_of(doc, node),
        });
    }
    Ok(list)
}

/// The text a fact shows, without the parts inside `ix:exclude`.
fn displayed_text(node: roxmltree::Node) -> String {
    let mut text = String::new();
    for child in node.children() {
        if child.is_text() {
            text.push_str(child.text().unwrap_or(""));
        } else if child.is_element() && !is_ix(child, "exclude") {
            text.push_str(&displayed_text(child));
        }
    }
    text
}

/// The number a displayed text stands for under an inline XBRL transformation format, before
/// scale and sign. Formats of the 2011 registry (`ixt:numdotdecimal`) and of later ones
/// (`ixt:num-dot-decimal`) are both understood.
pub fn transform_number(format: Option<&str>, shown: &str) -> Result<Decimal, String> {
    let shown = facts::ascii_digits(shown);
    let shown = shown.trim();
    let name = format.map(|f| f.rsplit(':').next().unwrap_or(f).replace('-', "").to_ascii_lowercase());
    let plain = match name.as_deref() {
        None => shown.to_string(),
        Some("numdotdecimal") => grouped(shown, ',', '.')?,
        Some("numcommadecimal") => grouped(shown, '.', ',')?,
        Some("numunitdecimal") => unit_decimal(shown)?,
        Some("zerodash" | "fixedzero" | "nocontent") => "0".to_string(),
        Some(other) => return Err(format!("format `{}` is not supported", format.unwrap_or(other))),
    };
    facts::parse_decimal(&plain).ok_or_else(|| format!("`{shown}` is not a number"))
}

/// `1,234.5` (with `group` = `,` and `decimal` = `.`) as `1234.5`; spaces also group.
fn grouped(shown: &str, group: char, decimal: char) -> Result<String, String> {
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '0'..='9' => out.push(c),
            c if c == decimal => out.push('.'),
            c if c == group || c == ' ' || c == '\u{a0}' => {}
            _ => return Err(format!("`{shown}` is not a number in this format")),
        }
    }
    Ok(out)
}

/// `1円50銭` as `1.50`: the integer and the fraction digits, separated by unit words.
fn unit_decimal(shown: &str) -> Result<String, String> {
    let runs: Vec<String> = shown
        .split(|c: char| !c.is_ascii_digit() && c != ',')
        .filter(|s| !s.is_empty())
        .map(|s| s.replace(',', ""))
        .collect();
    match runs.as_slice() {
        [int] => Ok(int.clone()),
        [int, frac] => Ok(format!("{int}.{frac}")),
        _ => Err(format!("`{shown}` is not a number with units")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transformation_formats() {
        let t = |f: Option<&str>, s: &str| transform_number(f, s).map(|d| d.to_string());
        assert_eq!(t(Some("ixt:numdotdecimal"), "1,646").unwrap(), "1646");
        assert_eq!(t(Some("ixt:num-dot-decimal"), "12,345.67").unwrap(), "12345.67");
        assert_eq!(t(Some("ixt:numcommadecimal"), "1.234,5").unwrap(), "1234.5");
        assert_eq!(t(Some("ixt:num-comma-decimal"), "0,25").unwrap(), "0.25");
        assert_eq!(t(Some("ixt:numunitdecimal"), "12円50銭").unwrap(), "12.50");
        assert_eq!(t(Some("ixt:zerodash"), "－").unwrap(), "0");
        assert_eq!(t(Some("ixt:fixed-zero"), "-").unwrap(), "0");
        assert_eq!(t(Some("ixt:numdotdecimal"), "１，２３４").unwrap(), "1234");
        assert_eq!(t(None, "538.6").unwrap(), "538.6");
        assert!(t(Some("ixt:numdotdecimal"), "△51").is_err());
        assert!(t(Some("ixt:numdotdecimal"), "").is_err());
        assert!(t(Some("ixt:datelonguk"), "1").unwrap_err().contains("not supported"));
        assert!(t(None, "1,646").is_err());
    }
}
