//! What both formats of a summary share: XBRL contexts, units and fact values, read from the
//! parsed XML tree. An XBRL instance holds these at its top level; an inline XBRL page holds the
//! contexts and units in `ix:resources` and the facts in its text.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use rust_decimal::Decimal;

use crate::error::{Error, Location, Result, Stage};

pub const XBRLI: &str = "http://www.xbrl.org/2003/instance";
pub const XBRLDI: &str = "http://xbrl.org/2006/xbrldi";
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The namespace of the tse-ed-t taxonomy, up to its version date (`…/ed/t/2014-01-12`).
pub const TSE_ED_T_PREFIX: &str = "http://www.xbrl.tdnet.info/taxonomy/jp/tse/tdnet/ed/t/";

pub fn is_tse_ed_t(namespace: &str) -> bool {
    namespace.starts_with(TSE_ED_T_PREFIX)
}

/// A calendar date as XBRL writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days = match month {
            2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (1000..=9999).contains(&year).then_some(())?;
        (1..=days).contains(&day).then_some(Date { year, month, day })
    }

    /// `2021-05-31` (an `xsd:date`, without a time zone).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let text = text.trim();
        let mut parts = text.splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// A Japanese date such as `2021年9月10日` or `2021年７月14日` (full-width digits), also
    /// inside other text; or an ISO date.
    pub fn parse_lenient(text: &str) -> Option<Date> {
        let text = ascii_digits(text);
        if let Some(date) = Date::parse_iso(&text) {
            return Some(date);
        }
        let (year, rest) = text.split_once('年')?;
        let (month, rest) = rest.split_once('月')?;
        let (day, _) = rest.split_once('日')?;
        let year: String =
            year.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        let number = |s: &str| s.trim().parse::<u16>().ok();
        Date::new(number(&year)?, u8::try_from(number(month)?).ok()?, u8::try_from(number(day)?).ok()?)
    }

    /// Whether this is the last day of its month.
    pub fn is_month_end(self) -> bool {
        Date::new(self.year, self.month, self.day + 1).is_none()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Full-width digits and separators as ASCII (TDnet pages are typed in Japanese input modes).
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '，' => ',',
            '．' => '.',
            '－' | '−' => '-',
            _ => c,
        })
        .collect()
}

/// The period a context covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextPeriod {
    Instant(Date),
    Duration { start: Date, end: Date },
    Forever,
}

/// An XBRL context: its period and its dimension members, as (axis, member) local names of
/// the tse-ed-t taxonomy (other taxonomies' names keep their prefix, so they match nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub id: String,
    pub period: ContextPeriod,
    pub members: Vec<(String, String)>,
}

impl Context {
    pub fn member(&self, axis: &str) -> Option<&str> {
        self.members.iter().find(|(a, _)| a == axis).map(|(_, m)| m.as_str())
    }
}

/// A fact's value as filed: scale and sign already applied to numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `xsi:nil="true"`: the filing states that there is no value.
    Nil,
    Number(Decimal),
    Text(String),
}

/// How precise a number is, as filed (`decimals="-6"`: to the million).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimals {
    Places(i32),
    Infinite,
}

impl Decimals {
    pub fn parse(text: &str) -> Option<Decimals> {
        match text.trim() {
            "INF" => Some(Decimals::Infinite),
            other => other.parse().ok().map(Decimals::Places),
        }
    }
}

/// One fact of the filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// Namespace URI of the element.
    pub namespace: String,
    /// Local name of the element (`NetSales`).
    pub element: String,
    pub context: String,
    pub unit: Option<String>,
    pub decimals: Option<Decimals>,
    pub value: Value,
    /// 1-based line of the fact in its file.
    pub line: usize,
}

impl Fact {
    pub fn is_tse_ed_t(&self) -> bool {
        is_tse_ed_t(&self.namespace)
    }
}

/// What a unit measures, as far as the import cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitKind {
    Yen,
    YenPerShare,
    Pure,
    Shares,
    Other(String),
}

/// The line of a node, for messages.
pub fn line_of(doc: &roxmltree::Document, node: roxmltree::Node) -> usize {
    doc.text_pos_at(node.range().start).row as usize
}

pub fn parse_error(path: &Path, doc: &roxmltree::Document, node: roxmltree::Node, message: impl Into<String>) -> Error {
    let pos = doc.text_pos_at(node.range().start);
    Error::input(Stage::Import, Location::at(path, pos.row as usize, pos.col as usize), message)
}

/// The XML tree of a file, or an error at the place the XML breaks.
pub fn parse_xml<'a>(path: &Path, text: &'a str) -> Result<roxmltree::Document<'a>> {
    // No DTDs: a summary never has one, and entity expansion is a way to exhaust memory.
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        Error::input(
            Stage::Import,
            Location::at(path, pos.row as usize, pos.col as usize),
            format!("not a TDnet 決算短信 summary: the file is not well-formed XML ({e})"),
        )
        .with_hint("give a TDnet summary file: XBRLData/Summary/*-ixbrl.htm or *.xbrl")
    })
}

/// `(namespace, local name)` of a QName written in an attribute or text of `node`.
pub fn resolve_qname(node: roxmltree::Node, qname: &str) -> (String, String) {
    let (prefix, local) = match qname.trim().split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, qname.trim()),
    };
    let namespace = node.lookup_namespace_uri(prefix).unwrap_or("").to_string();
    (namespace, local.to_string())
}

/// A name for the members list: the local name in tse-ed-t, the QName as written otherwise.
fn member_name(node: roxmltree::Node, qname: &str) -> String {
    let (namespace, local) = resolve_qname(node, qname);
    if is_tse_ed_t(&namespace) {
        local
    } else {
        qname.trim().to_string()
    }
}

fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, ns: &str, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|c| c.has_tag_name((ns, name)))
}

fn text_of(node: Option<roxmltree::Node>) -> Option<String> {
    node.and_then(|n| n.text()).map(|t| t.trim().to_string())
}

/// Every `xbrli:context` of the document, wherever it sits.
pub fn parse_contexts(path: &Path, doc: &roxmltree::Document) -> Result<BTreeMap<String, Context>> {
    let mut contexts = BTreeMap::new();
    for node in doc.descendants().filter(|n| n.has_tag_name((XBRLI, "context"))) {
        let Some(id) = node.attribute("id") else {
            return Err(parse_error(path, doc, node, "context without an id"));
        };
        let Some(period) = child(node, XBRLI, "period") else {
            return Err(parse_error(path, doc, node, format!("context `{id}` has no period")));
        };
        let date = |name: &str| -> Result<Option<Date>> {
            match text_of(child(period, XBRLI, name)) {
                None => Ok(None),
                Some(text) => Date::parse_iso(&text).map(Some).ok_or_else(|| {
                    parse_error(path, doc, period, format!("context `{id}`: `{text}` is not a date (YYYY-MM-DD)"))
                }),
            }
        };
        let period = if let Some(instant) = date("instant")? {
            ContextPeriod::Instant(instant)
        } else if let (Some(start), Some(end)) = (date("startDate")?, date("endDate")?) {
            ContextPeriod::Duration { start, end }
        } else if child(period, XBRLI, "forever").is_some() {
            ContextPeriod::Forever
        } else {
            return Err(parse_error(
                path,
                doc,
                period,
                format!("context `{id}` has neither an instant nor a duration"),
            ));
        };
        let members = node
            .descendants()
            .filter(|n| n.has_tag_name((XBRLDI, "explicitMember")))
            .map(|m| {
                let axis = member_name(m, m.attribute("dimension").unwrap_or(""));
                let member = member_name(m, m.text().unwrap_or(""));
                (axis, member)
            })
            .collect();
        if contexts.insert(id.to_string(), Context { id: id.to_string(), period, members }).is_some() {
            return Err(parse_error(path, doc, node, format!("context `{id}` is defined twice")));
        }
    }
    Ok(contexts)
}

/// Every `xbrli:unit` of the document by id.
pub fn parse_units(doc: &roxmltree::Document) -> BTreeMap<String, UnitKind> {
    let measure = |node: roxmltree::Node| -> Vec<(String, String)> {
        node.descendants()
            .filter(|n| n.has_tag_name((XBRLI, "measure")))
            .map(|m| resolve_qname(m, m.text().unwrap_or("")))
            .collect()
    };
    let mut units = BTreeMap::new();
    for node in doc.descendants().filter(|n| n.has_tag_name((XBRLI, "unit"))) {
        let Some(id) = node.attribute("id") else { continue };
        let measures = measure(node);
        let names: Vec<&str> = measures.iter().map(|(_, l)| l.as_str()).collect();
        let divide = child(node, XBRLI, "divide").is_some();
        let kind = match (divide, names.as_slice()) {
            (false, ["JPY"]) => UnitKind::Yen,
            (true, ["JPY", "shares"]) => UnitKind::YenPerShare,
            (false, ["pure"]) => UnitKind::Pure,
            (false, ["shares"]) => UnitKind::Shares,
            _ => UnitKind::Other(names.join("/")),
        };
        units.insert(id.to_string(), kind);
    }
    units
}

/// Parses a number in XBRL's lexical form (`-87000000`, `0.141`).
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    text.strip_prefix('+').unwrap_or(text).parse::<Decimal>().ok()
}

/// `value × 10^scale`, exactly.
pub fn scaled(value: Decimal, scale: i32) -> Option<Decimal> {
    let factor = Decimal::from_i128_with_scale(10i128.checked_pow(scale.unsigned_abs())?, 0);
    if scale >= 0 {
        value.checked_mul(factor)
    } else {
        value.checked_div(factor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_filings_use() {
        assert_eq!(Date::parse_iso("2021-05-31"), Date::new(2021, 5, 31));
        assert_eq!(Date::parse_iso("2021-02-30"), None);
        assert_eq!(Date::parse_iso("2021-5-31"), None);
        assert_eq!(Date::parse_lenient("2021年9月10日"), Date::new(2021, 9, 10));
        // The full-year sample's instance writes its filing date in this mangled form.
        assert_eq!(Date::parse_lenient("--2021年７月14日-NaN"), Date::new(2021, 7, 14));
        assert_eq!(Date::parse_lenient("令和3年"), None);
        assert!(Date::new(2024, 2, 29).unwrap().is_month_end());
        assert!(!Date::new(2023, 4, 29).unwrap().is_month_end());
        assert_eq!(Date::new(2021, 7, 4).unwrap().to_string(), "2021-07-04");
    }

    #[test]
    fn numbers_and_scale_are_exact() {
        let n = |s| parse_decimal(s).unwrap();
        assert_eq!(n("-87000000").to_string(), "-87000000");
        assert_eq!(n("0.141").to_string(), "0.141");
        assert_eq!(n("+5").to_string(), "5");
        for bad in ["", "-", ".", "1e6", "1,000", "NaN", "0x10", " 1 2"] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
        assert_eq!(scaled(n("2732"), 6).unwrap().to_string(), "2732000000");
        assert_eq!(scaled(n("66.0"), -2).unwrap().to_string(), "0.660");
        assert_eq!(scaled(n("1"), 40), None);
    }
}
