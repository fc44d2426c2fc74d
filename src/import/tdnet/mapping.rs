//! From facts to table cells: which element goes to which table and column, in which unit,
//! and which period and status its context stands for in the site's fiscal calendar.
//!
//! Tables (one row per period): `results` (operating results: durations), `financial-position`
//! (balances at the end of a period: instants), `cash-flows` and `dividends` (per share by
//! record date, per fiscal year). Non-consolidated figures go to the same tables with
//! `-nonconsolidated` appended, so that consolidated and parent-only figures never mix; the
//! dividends of the parent company are the company's dividends and go to `dividends`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::facts::{self, Context, ContextPeriod, Date, Decimals, UnitKind, Value};
use super::Filing;

/// The part of `[fiscal_year]` the import needs: when the year ends and which calendar year
/// names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// The last month of the fiscal year, 1–12.
    pub end_month: u8,
    /// `number = "start"`: April 2021 – March 2022 is FY2021 (else FY2022).
    pub named_by_start: bool,
}

impl Calendar {
    /// The id year and the month of the fiscal year (1 = its first month) of a month.
    fn locate(&self, year: u16, month: u8) -> (u16, u8) {
        let end_year = if month <= self.end_month { year } else { year + 1 };
        let id_year = if self.named_by_start && self.end_month != 12 { end_year - 1 } else { end_year };
        let month_of_year = (month + 12 - self.end_month - 1) % 12 + 1;
        (id_year, month_of_year)
    }

    /// The period id of a context's period: `FY2021`, `FY2021Q1`, `FY2021Q2YTD`, `FY2021H2`, …
    /// A balance (an instant) is named by the period it closes: `FY2021` for the year end,
    /// `FY2021Q1` for the end of the first quarter.
    pub fn period_id(&self, period: &ContextPeriod) -> Result<String, String> {
        match *period {
            ContextPeriod::Instant(date) => {
                let (year, month) = self.locate(date.year, date.month);
                if month % 3 != 0 {
                    return Err(format!("{date} is not the end of a quarter of the site's fiscal year"));
                }
                Ok(match month / 3 {
                    4 => format!("FY{year}"),
                    q => format!("FY{year}Q{q}"),
                })
            }
            ContextPeriod::Duration { start, end } => {
                let (year, last) = self.locate(end.year, end.month);
                // A period from the 1st counts its first month; one from the 21st (a year that
                // ends on the 20th) starts in the next month.
                let months = i32::from(end.year) * 12 + i32::from(end.month)
                    - (i32::from(start.year) * 12 + i32::from(start.month))
                    + i32::from(start.day == 1);
                let span = match (months, last) {
                    (12, 12) => "",
                    (3, 3) => "Q1",
                    (3, 6) => "Q2",
                    (3, 9) => "Q3",
                    (3, 12) => "Q4",
                    (6, 6) => "Q2YTD",
                    (6, 12) => "H2",
                    (9, 9) => "Q3YTD",
                    _ => {
                        return Err(format!(
                            "{start} – {end} is not a fiscal year, quarter, half or year-to-date period of the site's fiscal calendar"
                        ))
                    }
                };
                Ok(format!("FY{year}{span}"))
            }
            ContextPeriod::Forever => Err("the context has no period".into()),
        }
    }

    /// Whether a filing's `FiscalYearEnd` fits this calendar.
    pub fn accepts_year_end(&self, date: Date) -> bool {
        date.month == self.end_month
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TableKind {
    Results,
    FinancialPosition,
    CashFlows,
    Dividends,
}

impl TableKind {
    fn name(self) -> &'static str {
        match self {
            TableKind::Results => "results",
            TableKind::FinancialPosition => "financial-position",
            TableKind::CashFlows => "cash-flows",
            TableKind::Dividends => "dividends",
        }
    }
}

/// What a value measures, which fixes its site unit and how the filed number converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Yen, shown in millions of yen (`million_yen`) as the summary prints them.
    Amount,
    /// Yen per share (`yen`).
    PerShare,
    /// A change from the year before, filed as a ratio (`0.141`), printed as `14.1` (`pct_change`).
    Change,
    /// A ratio filed as `0.116`, printed as `11.6` (`percent`).
    Ratio,
}

impl Measure {
    pub fn unit(self) -> &'static str {
        match self {
            Measure::Amount => "million_yen",
            Measure::PerShare => "yen",
            Measure::Change => "pct_change",
            Measure::Ratio => "percent",
        }
    }

    fn filed_unit(self) -> UnitKind {
        match self {
            Measure::Amount => UnitKind::Yen,
            Measure::PerShare => UnitKind::YenPerShare,
            Measure::Change | Measure::Ratio => UnitKind::Pure,
        }
    }

    /// Powers of ten from the filed number to the site's.
    fn shift(self) -> i32 {
        match self {
            Measure::Amount => -6,
            Measure::PerShare => 0,
            Measure::Change | Measure::Ratio => 2,
        }
    }
}

/// One element of the taxonomy the import knows, and the column it fills.
#[derive(Debug, Clone, Copy)]
pub struct ElementSpec {
    pub element: &'static str,
    pub table: TableKind,
    pub column: &'static str,
    pub measure: Measure,
    /// Fluent key of the column's label, and the label in each language.
    pub key: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
}

use Measure::{Amount, PerShare, Ratio};
use TableKind::{CashFlows, Dividends, FinancialPosition, Results};

/// Every element imported, as data: the table, column and measure of a line of the summary,
/// the element names it is filed under (Japanese GAAP, IFRS `…IFRS`, US GAAP `…US`) that
/// share one label, and that label (Fluent key, Japanese, English). A standard that labels the
/// line its own way has a row of its own (IFRS 売上収益 / Revenue for 売上高 / Net sales).
/// `ChangeIn…` (and `ChangesIn…`) of an amount fills the amount's column with `_yoy`.
///
/// Every name below was checked against the published schema of the taxonomy,
/// `tse-ed-t-2014-01-12.xsd` (namespace `http://www.xbrl.tdnet.info/taxonomy/jp/tse/tdnet/ed/t/2014-01-12`,
/// the version both real samples (2021) use; read from the copy in the public repository
/// youseiushida/tdnet, commit 946c436, `src/tdnet/data/taxonomy/tse-ed/`): each is declared
/// there, and the Japanese GAAP names are also those of the two real samples. The IFRS cash at
/// the end of the period is `CashAndCashEquivalentsAtEndOfPeriodIFRS`, not the Japanese GAAP
/// name with `IFRS` appended. Declared there but not imported yet: US GAAP equity lines
/// (`ShareholdersEquityUS`, `NetAssetsUS`, `CapitalAdequacyRatioUS`, `NetAssetsPerShareUS`),
/// US GAAP cash flows (`CashFlowsFrom…ActivitiesUS`, `CashAndEquivalentsEndOfPeriodUS`), US and
/// IFRS ratios (`…RatioUS`, `OperatingIncomeToNetSalesRatioIFRS`, `OperatingIncomeToRevenueRatioIFRS`),
/// `ProfitIFRS` (profit including non-controlling interests) and
/// `EquityAttributableToOwnersOfParentPerShareIFRS`; they are listed by `--verbose`.
type ElementRow = (TableKind, &'static str, Measure, &'static [&'static str], &'static str, &'static str, &'static str);

#[rustfmt::skip]
const ELEMENT_ROWS: &[ElementRow] = &[
    // Operating results.
    (Results, "net_sales", Amount, &["NetSales", "NetSalesUS"], "tdnet-net-sales", "売上高", "Net sales"),
    (Results, "net_sales", Amount, &["OperatingRevenues", "OperatingRevenuesUS"], "tdnet-operating-revenues", "営業収益", "Operating revenues"),
    (Results, "net_sales", Amount, &["NetSalesIFRS", "RevenueIFRS", "SalesIFRS"], "tdnet-revenue-ifrs", "売上収益", "Revenue"),
    (Results, "net_sales", Amount, &["TotalRevenuesUS"], "tdnet-total-revenues-us", "収益合計", "Total revenues"),
    (Results, "operating_income", Amount, &["OperatingIncome", "OperatingIncomeUS"], "tdnet-operating-income", "営業利益", "Operating income"),
    (Results, "operating_income", Amount, &["OperatingIncomeIFRS"], "tdnet-operating-profit-ifrs", "営業利益", "Operating profit"),
    (Results, "ordinary_income", Amount, &["OrdinaryIncome"], "tdnet-ordinary-income", "経常利益", "Ordinary income"),
    (Results, "profit_before_tax", Amount, &["ProfitBeforeTaxIFRS"], "tdnet-profit-before-tax-ifrs", "税引前利益", "Profit before tax"),
    (Results, "profit_before_tax", Amount, &["IncomeBeforeIncomeTaxesUS"], "tdnet-income-before-taxes-us", "税引前当期純利益", "Income before income taxes"),
    (Results, "profit", Amount, &["ProfitAttributableToOwnersOfParent"], "tdnet-profit-owners", "親会社株主に帰属する当期純利益", "Profit attributable to owners of parent"),
    (Results, "profit", Amount, &["ProfitAttributableToOwnersOfParentIFRS"], "tdnet-profit-owners-ifrs", "親会社の所有者に帰属する当期利益", "Profit attributable to owners of the parent"),
    (Results, "profit", Amount, &["NetIncomeUS"], "tdnet-net-income-us", "当社株主に帰属する当期純利益", "Net income attributable to the company"),
    (Results, "net_income", Amount, &["NetIncome"], "tdnet-net-income", "当期純利益", "Net income"),
    (Results, "comprehensive_income", Amount, &["ComprehensiveIncome"], "tdnet-comprehensive-income", "包括利益", "Comprehensive income"),
    (Results, "comprehensive_income", Amount, &["TotalComprehensiveIncomeIFRS"], "tdnet-comprehensive-income-ifrs", "当期包括利益合計", "Total comprehensive income"),
    (Results, "eps", PerShare, &["NetIncomePerShare", "NetIncomePerShareUS"], "tdnet-eps", "1株当たり当期純利益", "Earnings per share"),
    (Results, "eps", PerShare, &["BasicEarningsPerShareIFRS"], "tdnet-eps-ifrs", "基本的1株当たり当期利益", "Basic earnings per share"),
    (Results, "diluted_eps", PerShare, &["DilutedNetIncomePerShare", "DilutedNetIncomePerShareUS"], "tdnet-diluted-eps", "潜在株式調整後1株当たり当期純利益", "Diluted earnings per share"),
    (Results, "diluted_eps", PerShare, &["DilutedEarningsPerShareIFRS"], "tdnet-diluted-eps-ifrs", "希薄化後1株当たり当期利益", "Diluted earnings per share"),
    (Results, "roe", Ratio, &["NetIncomeToShareholdersEquityRatio"], "tdnet-roe", "自己資本当期純利益率", "Return on equity"),
    (Results, "roe", Ratio, &["ProfitToEquityAttributableToOwnersOfParentRatioIFRS"], "tdnet-roe-ifrs", "親会社所有者帰属持分当期利益率", "Return on equity attributable to owners of the parent"),
    (Results, "ordinary_income_to_total_assets", Ratio, &["OrdinaryIncomeToTotalAssetsRatio"], "tdnet-ordinary-income-to-assets", "総資産経常利益率", "Ordinary income to total assets"),
    (Results, "operating_margin", Ratio, &["OperatingIncomeToNetSalesRatio"], "tdnet-operating-margin", "売上高営業利益率", "Operating margin"),
    (Results, "operating_margin", Ratio, &["OperatingIncomeToSalesRatioIFRS"], "tdnet-operating-margin-ifrs", "売上収益営業利益率", "Operating margin"),
    // Financial position.
    (FinancialPosition, "total_assets", Amount, &["TotalAssets", "TotalAssetsUS"], "tdnet-total-assets", "総資産", "Total assets"),
    (FinancialPosition, "total_assets", Amount, &["TotalAssetsIFRS"], "tdnet-total-assets-ifrs", "資産合計", "Total assets"),
    (FinancialPosition, "net_assets", Amount, &["NetAssets"], "tdnet-net-assets", "純資産", "Net assets"),
    (FinancialPosition, "net_assets", Amount, &["TotalEquityIFRS"], "tdnet-total-equity-ifrs", "資本合計", "Total equity"),
    (FinancialPosition, "owners_equity", Amount, &["OwnersEquity"], "tdnet-owners-equity", "自己資本", "Equity"),
    (FinancialPosition, "owners_equity", Amount, &["EquityAttributableToOwnersOfParentIFRS"], "tdnet-owners-equity-ifrs", "親会社の所有者に帰属する持分", "Equity attributable to owners of the parent"),
    (FinancialPosition, "equity_ratio", Ratio, &["CapitalAdequacyRatio"], "tdnet-equity-ratio", "自己資本比率", "Equity ratio"),
    (FinancialPosition, "equity_ratio", Ratio, &["EquityAttributableToOwnersOfParentToTotalAssetsRatioIFRS"], "tdnet-equity-ratio-ifrs", "親会社所有者帰属持分比率", "Ratio of equity attributable to owners of the parent to total assets"),
    (FinancialPosition, "bps", PerShare, &["NetAssetsPerShare"], "tdnet-bps", "1株当たり純資産", "Net assets per share"),
    // Cash flows.
    (CashFlows, "operating", Amount, &["CashFlowsFromOperatingActivities", "CashFlowsFromOperatingActivitiesIFRS"], "tdnet-cf-operating", "営業活動によるキャッシュ・フロー", "Cash flows from operating activities"),
    (CashFlows, "investing", Amount, &["CashFlowsFromInvestingActivities", "CashFlowsFromInvestingActivitiesIFRS"], "tdnet-cf-investing", "投資活動によるキャッシュ・フロー", "Cash flows from investing activities"),
    (CashFlows, "financing", Amount, &["CashFlowsFromFinancingActivities", "CashFlowsFromFinancingActivitiesIFRS"], "tdnet-cf-financing", "財務活動によるキャッシュ・フロー", "Cash flows from financing activities"),
    (CashFlows, "cash_end", Amount, &["CashAndEquivalentsEndOfPeriod", "CashAndCashEquivalentsAtEndOfPeriodIFRS"], "tdnet-cash-end", "現金及び現金同等物期末残高", "Cash and cash equivalents at end of period"),
    // Dividends: `DividendPerShare` is placed by its record date (see `dividend_column`).
    (Dividends, "total_dividends", Amount, &["TotalDividendPaidAnnual"], "tdnet-total-dividends", "配当金総額（年間）", "Total dividends (annual)"),
    (Dividends, "payout_ratio", Ratio, &["PayoutRatio"], "tdnet-payout-ratio", "配当性向", "Payout ratio"),
    (Dividends, "dividends_to_net_assets", Ratio, &["RatioOfTotalAmountOfDividendsToNetAssets"], "tdnet-dividends-to-net-assets", "純資産配当率", "Ratio of dividends to net assets"),
];

/// Every element imported, in the order of [`ELEMENT_ROWS`].
pub fn elements() -> impl Iterator<Item = ElementSpec> {
    ELEMENT_ROWS.iter().flat_map(|&(table, column, measure, names, key, ja, en)| {
        names.iter().map(move |&element| ElementSpec { element, table, column, measure, key, ja, en })
    })
}

/// `DividendPerShare` by the record-date member of its context.
const DIVIDEND_COLUMNS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "FirstQuarterMember",
        "q1_end",
        "tdnet-dividend-q1-end",
        "1株当たり配当金 第1四半期末",
        "Dividend per share, first quarter-end",
    ),
    (
        "SecondQuarterMember",
        "q2_end",
        "tdnet-dividend-q2-end",
        "1株当たり配当金 第2四半期末",
        "Dividend per share, second quarter-end",
    ),
    (
        "ThirdQuarterMember",
        "q3_end",
        "tdnet-dividend-q3-end",
        "1株当たり配当金 第3四半期末",
        "Dividend per share, third quarter-end",
    ),
    ("YearEndMember", "year_end", "tdnet-dividend-year-end", "1株当たり配当金 期末", "Dividend per share, year-end"),
    ("AnnualMember", "annual", "tdnet-dividend-annual", "1株当たり配当金 年間", "Dividend per share, annual"),
];

/// Elements read for the filing itself (who, what, when), not as figures.
pub const DOCUMENT_ELEMENTS: &[&str] =
    &["DocumentName", "FilingDate", "SecuritiesCode", "CompanyName", "FiscalYearEnd"];

const BASIS_AXIS: &str = "ConsolidatedNonconsolidatedAxis";
const SCENARIO_AXIS: &str = "ResultForecastAxis";
const SCHEDULE_AXIS: &str = "AnnualDividendPaymentScheduleAxis";

/// A column's label: its Fluent key and its text in each language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub key: String,
    pub ja: String,
    pub en: String,
}

/// One value for one table cell, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub table: String,
    pub column: String,
    pub unit: &'static str,
    pub label: Label,
    pub period: String,
    /// A forecast (or an end of a forecast range) rather than a result.
    pub forecast: bool,
    /// The value as it is written in the table (`3330`, `-39.6`, `8.00`).
    pub value: String,
    /// `tse-ed-t:NetSales`.
    pub element: String,
    pub context: String,
    /// Line of the fact in the filing.
    pub line: usize,
    /// Where the column goes among the others of a new table: the order of [`elements`], each
    /// amount followed by its range and its change.
    pub order: usize,
}

/// A fact that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub element: String,
    pub context: String,
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Mapped {
    pub cells: Vec<Cell>,
    /// Facts with a value that no column takes (listed by `--verbose`).
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Basis {
    Consolidated,
    NonConsolidated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Result,
    Forecast,
    Lower,
    Upper,
}

struct Classified<'a> {
    basis: Basis,
    scenario: Scenario,
    schedule: Option<&'a str>,
}

fn classify(context: &Context) -> Result<Classified<'_>, String> {
    let mut classified = Classified { basis: Basis::Consolidated, scenario: Scenario::Result, schedule: None };
    for (axis, member) in &context.members {
        match (axis.as_str(), member.as_str()) {
            (BASIS_AXIS, "ConsolidatedMember") => classified.basis = Basis::Consolidated,
            (BASIS_AXIS, "NonConsolidatedMember") => classified.basis = Basis::NonConsolidated,
            (SCENARIO_AXIS, "ResultMember") => classified.scenario = Scenario::Result,
            (SCENARIO_AXIS, "ForecastMember") => classified.scenario = Scenario::Forecast,
            (SCENARIO_AXIS, "LowerMember") => classified.scenario = Scenario::Lower,
            (SCENARIO_AXIS, "UpperMember") => classified.scenario = Scenario::Upper,
            (SCHEDULE_AXIS, m) => classified.schedule = Some(m),
            (a, m) => return Err(format!("context member {a} = {m} is not imported")),
        }
    }
    Ok(classified)
}

fn spec_of(element: &str) -> Option<(ElementSpec, bool)> {
    if let Some(spec) = elements().find(|s| s.element == element) {
        return Some((spec, false));
    }
    let base = element.strip_prefix("ChangeIn").or_else(|| element.strip_prefix("ChangesIn"))?;
    elements().find(|s| s.element == base && s.measure == Amount).map(|s| (s, true))
}

/// The value as written in a table: converted to the site's unit and with the decimals the
/// filing states (`decimals="-6"` in million yen is a whole number; `0.00` keeps its zeros).
/// A value more precise than its `decimals` keeps its digits: nothing is rounded.
pub fn table_value(value: Decimal, decimals: Option<Decimals>, measure: Measure) -> Option<String> {
    let converted = facts::scaled(value, measure.shift())?;
    let mut converted = if converted.is_zero() { Decimal::ZERO } else { converted.normalize() };
    if let Some(Decimals::Places(places)) = decimals {
        let places = places - measure.shift();
        if places > 0 && (places as u32) > converted.scale() {
            converted.rescale(places as u32);
        }
    }
    Some(converted.to_string())
}

/// The cells of a filing, for a site with this calendar.
pub fn map(filing: &Filing, calendar: &Calendar) -> Mapped {
    let mut mapped = Mapped::default();
    let numeric_in = |basis: Basis| {
        filing.facts.iter().any(|f| {
            matches!(f.value, Value::Number(_))
                && spec_of(&f.element).is_some()
                && filing.contexts.get(&f.context).and_then(|c| classify(c).ok()).is_some_and(|c| c.basis == basis)
        })
    };
    // The basis of the filing's own figures, which its dividend ratios follow.
    let main_basis = if numeric_in(Basis::Consolidated) { Basis::Consolidated } else { Basis::NonConsolidated };
    for fact in &filing.facts {
        let qualified = if fact.is_tse_ed_t() { format!("tse-ed-t:{}", fact.element) } else { fact.element.clone() };
        let mut skip = |reason: String| {
            mapped.skipped.push(Skipped {
                element: qualified.clone(),
                context: fact.context.clone(),
                line: fact.line,
                reason,
            })
        };
        if !fact.is_tse_ed_t() {
            if fact.value != Value::Nil {
                skip(format!("element of another taxonomy ({})", fact.namespace));
            }
            continue;
        }
        let Value::Number(number) = fact.value else {
            if let Value::Text(text) = &fact.value {
                if !text.is_empty() && !DOCUMENT_ELEMENTS.contains(&fact.element.as_str()) {
                    skip("text and flags are not imported".into());
                }
            }
            continue;
        };
        let context = &filing.contexts[&fact.context];
        let classified = match classify(context) {
            Ok(c) => c,
            Err(reason) => {
                skip(reason);
                continue;
            }
        };
        let dividend = fact.element == "DividendPerShare";
        let (spec, change) = if dividend {
            let Some(&(_, column, key, ja, en)) =
                DIVIDEND_COLUMNS.iter().find(|(member, ..)| Some(*member) == classified.schedule)
            else {
                skip("a dividend per share without its record date (AnnualDividendPaymentScheduleAxis)".into());
                continue;
            };
            let element = "DividendPerShare";
            (ElementSpec { element, table: Dividends, column, measure: PerShare, key, ja, en }, false)
        } else {
            match spec_of(&fact.element) {
                Some(found) => found,
                None => {
                    skip("no column takes this element".into());
                    continue;
                }
            }
        };
        let measure = if change { Measure::Change } else { spec.measure };
        if !dividend && classified.schedule.is_some() && spec.table != Dividends {
            skip("a record-date member on a figure that is not a dividend".into());
            continue;
        }
        if spec.table == Dividends && spec.measure == Ratio && classified.basis != main_basis {
            skip("a dividend ratio of the other basis than the filing's figures".into());
            continue;
        }
        let filed_unit = fact.unit.as_ref().and_then(|u| filing.units.get(u));
        if filed_unit != Some(&measure.filed_unit()) {
            skip(format!(
                "unit `{}` is not the {:?} this column takes",
                fact.unit.as_deref().unwrap_or("none"),
                measure.filed_unit()
            ));
            continue;
        }
        let instant = matches!(context.period, ContextPeriod::Instant(_));
        let wants_instant = spec.table == FinancialPosition || spec.column == "cash_end";
        if instant != wants_instant {
            let wanted = if wants_instant { "an instant" } else { "a duration" };
            skip(format!("the column takes {wanted}, the context is not one"));
            continue;
        }
        let period = match calendar.period_id(&context.period) {
            Ok(p) => p,
            Err(reason) => {
                skip(reason);
                continue;
            }
        };
        let Some(value) = table_value(number, fact.decimals, measure) else {
            skip("the value is out of range".into());
            continue;
        };
        let table = match (spec.table, classified.basis) {
            (Dividends, _) | (_, Basis::Consolidated) => spec.table.name().to_string(),
            (table, Basis::NonConsolidated) => format!("{}-nonconsolidated", table.name()),
        };
        let (mut column, mut label) =
            (spec.column.to_string(), Label { key: spec.key.into(), ja: spec.ja.into(), en: spec.en.into() });
        if change {
            column.push_str("_yoy");
            label = Label {
                key: format!("{}-yoy", label.key),
                ja: format!("{} 増減率", label.ja),
                en: format!("{}, change", label.en),
            };
        }
        match classified.scenario {
            Scenario::Lower => {
                column.push_str("_lower");
                label = Label {
                    key: format!("{}-lower", label.key),
                    ja: format!("{}（下限）", label.ja),
                    en: format!("{}, low end of range", label.en),
                };
            }
            Scenario::Upper => {
                column.push_str("_upper");
                label = Label {
                    key: format!("{}-upper", label.key),
                    ja: format!("{}（上限）", label.ja),
                    en: format!("{}, high end of range", label.en),
                };
            }
            Scenario::Result | Scenario::Forecast => {}
        }
        let rank = if dividend {
            DIVIDEND_COLUMNS.iter().position(|(_, c, ..)| *c == spec.column).unwrap_or(0)
        } else {
            DIVIDEND_COLUMNS.len() + elements().position(|s| s.element == spec.element).unwrap_or(0)
        };
        let variant = match classified.scenario {
            Scenario::Result | Scenario::Forecast => 0,
            Scenario::Lower => 1,
            Scenario::Upper => 2,
        };
        mapped.cells.push(Cell {
            order: rank * 6 + usize::from(change) * 3 + variant,
            table,
            column,
            unit: measure.unit(),
            label,
            period,
            forecast: classified.scenario != Scenario::Result,
            value,
            element: qualified,
            context: fact.context.clone(),
            line: fact.line,
        });
    }
    mapped.cells.sort_by_key(|c| c.order);
    mapped
}

/// Cells two facts of one filing give different values: the filing contradicts itself, or two
/// of its elements share a column. Each pair is `(first, second)`.
pub fn contradictions(cells: &[Cell]) -> Vec<(&Cell, &Cell)> {
    let mut first: BTreeMap<(&str, &str, &str), &Cell> = BTreeMap::new();
    let mut found = Vec::new();
    for cell in cells {
        match first.get(&(cell.table.as_str(), cell.column.as_str(), cell.period.as_str())) {
            Some(earlier) if earlier.value.parse::<Decimal>().ok() != cell.value.parse::<Decimal>().ok() => {
                found.push((*earlier, cell))
            }
            Some(_) => {}
            None => {
                first.insert((&cell.table, &cell.column, &cell.period), cell);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn periods_in_a_march_calendar_named_by_start() {
        let cal = Calendar { end_month: 3, named_by_start: true };
        let dur = |a, b| cal.period_id(&ContextPeriod::Duration { start: a, end: b });
        assert_eq!(dur(d(2021, 4, 1), d(2022, 3, 31)).unwrap(), "FY2021");
        assert_eq!(dur(d(2021, 4, 1), d(2021, 6, 30)).unwrap(), "FY2021Q1");
        assert_eq!(dur(d(2021, 7, 1), d(2021, 9, 30)).unwrap(), "FY2021Q2");
        assert_eq!(dur(d(2021, 4, 1), d(2021, 9, 30)).unwrap(), "FY2021Q2YTD");
        assert_eq!(dur(d(2021, 4, 1), d(2021, 12, 31)).unwrap(), "FY2021Q3YTD");
        assert_eq!(dur(d(2022, 1, 1), d(2022, 3, 31)).unwrap(), "FY2021Q4");
        assert_eq!(dur(d(2021, 10, 1), d(2022, 3, 31)).unwrap(), "FY2021H2");
        assert!(dur(d(2021, 1, 1), d(2021, 12, 31)).is_err());
        assert!(dur(d(2021, 7, 1), d(2022, 3, 31)).is_err());
        let inst = |a| cal.period_id(&ContextPeriod::Instant(a));
        assert_eq!(inst(d(2022, 3, 31)).unwrap(), "FY2021");
        assert_eq!(inst(d(2021, 6, 30)).unwrap(), "FY2021Q1");
        assert!(inst(d(2021, 5, 31)).is_err());
    }

    #[test]
    fn periods_in_other_calendars() {
        // A December year is named by its own year whichever way `number` is set.
        for named_by_start in [true, false] {
            let cal = Calendar { end_month: 12, named_by_start };
            let p = cal.period_id(&ContextPeriod::Duration { start: d(2023, 1, 1), end: d(2023, 12, 31) });
            assert_eq!(p.unwrap(), "FY2023");
        }
        let by_end = Calendar { end_month: 5, named_by_start: false };
        let p = by_end.period_id(&ContextPeriod::Duration { start: d(2020, 6, 1), end: d(2021, 5, 31) });
        assert_eq!(p.unwrap(), "FY2021");
        // A year that ends on the 20th of February.
        let feb20 = Calendar { end_month: 2, named_by_start: true };
        let p = feb20.period_id(&ContextPeriod::Duration { start: d(2021, 2, 21), end: d(2021, 5, 20) });
        assert_eq!(p.unwrap(), "FY2021Q1");
        assert!(feb20.accepts_year_end(d(2022, 2, 20)));
        assert!(!feb20.accepts_year_end(d(2022, 3, 31)));
    }

    #[test]
    fn values_keep_the_filed_precision() {
        let v = |s: &str, dec: i32, m| table_value(s.parse().unwrap(), Some(Decimals::Places(dec)), m).unwrap();
        assert_eq!(v("3330000000", -6, Amount), "3330");
        assert_eq!(v("-87000000", -6, Amount), "-87");
        assert_eq!(v("0.141", 3, Measure::Change), "14.1");
        assert_eq!(v("-0.396", 3, Measure::Change), "-39.6");
        assert_eq!(v("0.660", 3, Measure::Change), "66.0");
        assert_eq!(v("0", 2, PerShare), "0.00");
        assert_eq!(v("8.00", 2, PerShare), "8.00");
        assert_eq!(v("0.590", 3, Ratio), "59.0");
        // More precise than declared: the digits stay.
        assert_eq!(v("3330500000", -6, Amount), "3330.5");
        // Amounts in thousands of yen keep their thousands.
        assert_eq!(v("1234567000", -3, Amount), "1234.567");
        assert_eq!(table_value("-0".parse().unwrap(), None, Amount).unwrap(), "0");
    }

    #[test]
    fn every_element_has_labels_and_a_known_unit() {
        let mut keys = BTreeMap::new();
        for s in elements() {
            assert!(!s.ja.is_empty() && !s.en.is_empty(), "{}", s.element);
            assert!(s.column.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{}", s.column);
            // One key, one text: a key shared by two elements must mean the same.
            let previous = keys.insert(s.key, (s.ja, s.en));
            assert!(previous.is_none() || previous == Some((s.ja, s.en)), "{}", s.key);
        }
    }
}
