//! The facts of an XBRL instance (`*.xbrl`): every child of `xbrli:xbrl` with a `contextRef`.

use std::path::Path;

use super::facts::{self, Decimals, Fact, Value, XBRLI, XSI};
use crate::error::Result;

pub fn read_facts(path: &Path, doc: &roxmltree::Document) -> Result<Vec<Fact>> {
    let root = doc.root_element();
    if !root.has_tag_name((XBRLI, "xbrl")) {
        return Err(facts::parse_error(path, doc, root, "not an XBRL instance: the root element is not xbrli:xbrl")
            .with_hint("give a TDnet summary file: XBRLData/Summary/*-ixbrl.htm or *.xbrl"));
    }
    let mut list = Vec::new();
    for node in root.children().filter(|n| n.is_element()) {
        let Some(context) = node.attribute("contextRef") else { continue };
        let line = facts::line_of(doc, node);
        let unit = node.attribute("unitRef").map(str::to_string);
        let nil = node.attribute((XSI, "nil")).is_some_and(|v| v.trim() == "true");
        let text = node.text().unwrap_or("");
        // An empty number is not valid XBRL, but filings have them (the full-year sample's
        // NumberOfSubsidiariesExcludedFromConsolidation): like nil, it states no value.
        let value = if nil || (unit.is_some() && text.trim().is_empty()) {
            Value::Nil
        } else if unit.is_some() {
            match facts::parse_decimal(text) {
                Some(n) => Value::Number(n),
                None => {
                    return Err(facts::parse_error(
                        path,
                        doc,
                        node,
                        format!("`{}` of {} is not a number", text.trim(), node.tag_name().name()),
                    ))
                }
            }
        } else {
            Value::Text(text.trim().to_string())
        };
        list.push(Fact {
            namespace: node.tag_name().namespace().unwrap_or("").to_string(),
            element: node.tag_name().name().to_string(),
            context: context.to_string(),
            unit,
            decimals: node.attribute("decimals").and_then(Decimals::parse),
            value,
            line,
        });
    }
    Ok(list)
}
