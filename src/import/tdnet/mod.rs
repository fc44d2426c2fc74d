//! TDnet 決算短信 summaries (サマリー情報) in the tse-ed-t taxonomy. A filing is read in two steps:
//! the file becomes facts ([`facts`], with [`xbrl`] for instances and [`ixbrl`] for inline
//! XBRL pages, found in folders and zip packages by [`package`]), then [`mapping`] turns the
//! facts into table cells named by the site's periods and columns.

pub mod facts;
pub mod ixbrl;
pub mod mapping;
pub mod package;
pub mod xbrl;

use std::collections::BTreeMap;
use std::path::Path;

use facts::{Context, Date, Fact, UnitKind, Value};

use crate::error::{Error, Location, Result, Stage};

/// One summary file, read.
#[derive(Debug, Clone)]
pub struct Filing {
    /// Where it was read, for messages: a path, or `package.zip:XBRLData/Summary/….htm`.
    pub origin: String,
    /// The file's name (`tse-acedjpsm-36450-20210714336450.xbrl`).
    pub file_name: String,
    /// The name without extension or `-ixbrl`: the filing's identity in provenance records.
    pub id: String,
    /// `DocumentName`: 決算短信〔日本基準〕（連結）, 第1四半期決算短信〔IFRS〕（連結）, …
    pub document_name: String,
    pub filing_date: Date,
    /// The TSE code in its 4-character form (TDnet writes 5 digits, the code and a `0`).
    pub securities_code: String,
    pub company_name: Option<String>,
    /// `FiscalYearEnd`: the end of the fiscal year the filing reports on (or, for a quarterly
    /// filing, the year the quarter belongs to).
    pub fiscal_year_end: Date,
    pub contexts: BTreeMap<String, Context>,
    pub units: BTreeMap<String, UnitKind>,
    pub facts: Vec<Fact>,
}

impl Filing {
    /// Reads one summary from its text; `origin` names it in errors.
    pub fn parse(origin: &Path, text: &str) -> Result<Filing> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc = facts::parse_xml(origin, text)?;
        let root = doc.root_element();
        let fact_list = if root.has_tag_name((facts::XBRLI, "xbrl")) {
            xbrl::read_facts(origin, &doc)?
        } else if ixbrl::is_inline(&doc) {
            ixbrl::read_facts(origin, &doc)?
        } else {
            return Err(not_a_summary(origin, "it is neither an XBRL instance nor an inline XBRL page"));
        };
        if !fact_list.iter().any(Fact::is_tse_ed_t) {
            return Err(not_a_summary(origin, "it has no facts of the tse-ed-t (決算短信) taxonomy"));
        }
        let contexts = facts::parse_contexts(origin, &doc)?;
        let units = facts::parse_units(&doc);
        for fact in &fact_list {
            if !contexts.contains_key(&fact.context) {
                return Err(Error::input(
                    Stage::Import,
                    Location::line(origin, fact.line),
                    format!("{} refers to context `{}`, which the file does not define", fact.element, fact.context),
                ));
            }
        }
        let info = |element: &str| -> Option<(&Fact, &str)> {
            fact_list.iter().filter(|f| f.is_tse_ed_t() && f.element == element).find_map(|f| match &f.value {
                Value::Text(t) if !t.is_empty() => Some((f, t.as_str())),
                _ => None,
            })
        };
        let required = |element: &str| {
            info(element).ok_or_else(|| not_a_summary(origin, &format!("it has no {element} (tse-ed-t:{element})")))
        };
        let document_name = required("DocumentName")?.1.to_string();
        let date = |element: &str| -> Result<Date> {
            let (fact, text) = required(element)?;
            Date::parse_lenient(text).ok_or_else(|| {
                Error::input(
                    Stage::Import,
                    Location::line(origin, fact.line),
                    format!("{element} `{text}` is not a date"),
                )
            })
        };
        let filing_date = date("FilingDate")?;
        let fiscal_year_end = date("FiscalYearEnd")?;
        let (code_fact, code) = required("SecuritiesCode")?;
        let securities_code = tse_code(code).ok_or_else(|| {
            Error::input(
                Stage::Import,
                Location::line(origin, code_fact.line),
                format!("SecuritiesCode `{code}` is not a TSE code (4 characters, or 5 ending in 0)"),
            )
        })?;
        let file_name = origin.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Filing {
            origin: origin.display().to_string(),
            id: filing_id(&file_name),
            file_name,
            document_name,
            filing_date,
            securities_code,
            company_name: info("CompanyName").map(|(_, t)| t.to_string()),
            fiscal_year_end,
            contexts,
            units,
            facts: fact_list,
        })
    }
}

fn not_a_summary(origin: &Path, why: &str) -> Error {
    Error::input(Stage::Import, Location::file(origin), format!("not a TDnet 決算短信 summary: {why}"))
        .with_hint("give a TDnet package (folder or .zip) or its XBRLData/Summary/*-ixbrl.htm or *.xbrl file")
}

/// `36450` → `3645`, `3645` → `3645`, `130A0` → `130A`.
pub fn tse_code(code: &str) -> Option<String> {
    let code = facts::ascii_digits(code.trim()).to_ascii_uppercase();
    let ok =
        |c: &str| c.len() == 4 && c.chars().all(|ch| ch.is_ascii_alphanumeric()) && c.as_bytes()[0].is_ascii_digit();
    match code.len() {
        4 if ok(&code) => Some(code),
        5 if code.ends_with('0') && ok(&code[..4]) => Some(code[..4].to_string()),
        _ => None,
    }
}

/// `tse-qcedjpsm-59710-20210818487667-ixbrl.htm` → `tse-qcedjpsm-59710-20210818487667`.
fn filing_id(file_name: &str) -> String {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem);
    stem.strip_suffix("-ixbrl").unwrap_or(stem).to_string()
}

/// Reads every summary at `path`: a summary file, a folder holding a TDnet package (or
/// several), or a package's .zip.
pub fn read(path: &Path) -> Result<Vec<Filing>> {
    package::summaries(path)?.into_iter().map(|(origin, text)| Filing::parse(&origin, &text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_ids() {
        assert_eq!(tse_code("36450").as_deref(), Some("3645"));
        assert_eq!(tse_code("3645").as_deref(), Some("3645"));
        assert_eq!(tse_code("130a0").as_deref(), Some("130A"));
        assert_eq!(tse_code("36451"), None);
        assert_eq!(tse_code("A645"), None);
        assert_eq!(tse_code("364"), None);
        assert_eq!(filing_id("tse-qcedjpsm-59710-20210818487667-ixbrl.htm"), "tse-qcedjpsm-59710-20210818487667");
        assert_eq!(filing_id("tse-acedjpsm-36450-20210714336450.xbrl"), "tse-acedjpsm-36450-20210714336450");
    }
}
