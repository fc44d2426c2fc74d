//! `irsite import tdnet`: the two real sample filings of ../shared/samples/tdnet and the
//! fictional fixtures of tests/fixtures/tdnet, read and mapped to table cells. Every expected
//! value below is written from the filing itself (the fact's text, its scale, sign and
//! decimals), not from the importer's output.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use irsite::import::tdnet::mapping::{self, Calendar};
use irsite::import::tdnet::{self as tdnet, Filing};

use common::{tdnet_fixtures as fixtures, tdnet_samples as samples};

fn one(path: &Path) -> Filing {
    let mut filings = tdnet::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(filings.len(), 1, "one summary in {}", path.display());
    filings.pop().unwrap()
}

type Expected = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str);
/// (table, column, period, value, status, element, context) of a cell, owned.
type CellRow = (String, String, String, String, String, String, String);

/// (table, column, period, value, status, element, context) of every cell.
fn cells(filing: &Filing, calendar: &Calendar) -> BTreeSet<CellRow> {
    let mapped = mapping::map(filing, calendar);
    assert!(mapping::contradictions(&mapped.cells).is_empty());
    let set: BTreeSet<_> = mapped
        .cells
        .iter()
        .map(|c| {
            let status = if c.forecast { "forecast" } else { "actual" };
            let element = c.element.strip_prefix("tse-ed-t:").unwrap_or(&c.element);
            (
                c.table.clone(),
                c.column.clone(),
                c.period.clone(),
                c.value.clone(),
                status.to_string(),
                element.to_string(),
                c.context.clone(),
            )
        })
        .collect();
    assert_eq!(set.len(), mapped.cells.len(), "one cell per fact");
    set
}

fn expected(list: &[Expected]) -> BTreeSet<CellRow> {
    list.iter().map(|e| (e.0.into(), e.1.into(), e.2.into(), e.3.into(), e.4.into(), e.5.into(), e.6.into())).collect()
}

fn assert_same(got: BTreeSet<CellRow>, want: BTreeSet<CellRow>) {
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:#?}\nunexpected: {extra:#?}");
}

/// The full-year XBRL instance of company 3645 (year ended 2021-05-31), named by the year
/// it ends in: FY2021 is the year reported, FY2022 the forecast.
#[rustfmt::skip]
const FULL_YEAR: &[Expected] = &[
    ("results", "net_sales", "FY2021", "3330", "actual", "NetSales", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "net_sales_yoy", "FY2021", "14.1", "actual", "ChangeInNetSales", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "operating_income", "FY2021", "331", "actual", "OperatingIncome", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "operating_income_yoy", "FY2021", "211.4", "actual", "ChangeInOperatingIncome", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "ordinary_income", "FY2021", "336", "actual", "OrdinaryIncome", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "ordinary_income_yoy", "FY2021", "223.4", "actual", "ChangeInOrdinaryIncome", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "profit", "FY2021", "129", "actual", "ProfitAttributableToOwnersOfParent", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "profit_yoy", "FY2021", "63.4", "actual", "ChangeInProfitAttributableToOwnersOfParent", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "net_sales", "FY2020", "2917", "actual", "NetSales", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "net_sales_yoy", "FY2020", "30.5", "actual", "ChangeInNetSales", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "operating_income", "FY2020", "106", "actual", "OperatingIncome", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "operating_income_yoy", "FY2020", "-39.6", "actual", "ChangeInOperatingIncome", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "ordinary_income", "FY2020", "103", "actual", "OrdinaryIncome", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "ordinary_income_yoy", "FY2020", "-43.1", "actual", "ChangeInOrdinaryIncome", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "profit", "FY2020", "79", "actual", "ProfitAttributableToOwnersOfParent", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "profit_yoy", "FY2020", "-22.4", "actual", "ChangeInProfitAttributableToOwnersOfParent", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "comprehensive_income", "FY2021", "139", "actual", "ComprehensiveIncome", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "comprehensive_income_yoy", "FY2021", "67.4", "actual", "ChangeInComprehensiveIncome", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "comprehensive_income", "FY2020", "83", "actual", "ComprehensiveIncome", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "comprehensive_income_yoy", "FY2020", "-18.1", "actual", "ChangeInComprehensiveIncome", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "eps", "FY2021", "15.36", "actual", "NetIncomePerShare", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "roe", "FY2021", "11.6", "actual", "NetIncomeToShareholdersEquityRatio", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "ordinary_income_to_total_assets", "FY2021", "17.5", "actual", "OrdinaryIncomeToTotalAssetsRatio", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "operating_margin", "FY2021", "9.9", "actual", "OperatingIncomeToNetSalesRatio", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "eps", "FY2020", "9.26", "actual", "NetIncomePerShare", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "roe", "FY2020", "6.0", "actual", "NetIncomeToShareholdersEquityRatio", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "ordinary_income_to_total_assets", "FY2020", "5.5", "actual", "OrdinaryIncomeToTotalAssetsRatio", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("results", "operating_margin", "FY2020", "3.6", "actual", "OperatingIncomeToNetSalesRatio", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("financial-position", "total_assets", "FY2021", "2107", "actual", "TotalAssets", "CurrentYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "net_assets", "FY2021", "1260", "actual", "NetAssets", "CurrentYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "equity_ratio", "FY2021", "59.0", "actual", "CapitalAdequacyRatio", "CurrentYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "bps", "FY2021", "144.23", "actual", "NetAssetsPerShare", "CurrentYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "total_assets", "FY2020", "1736", "actual", "TotalAssets", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "net_assets", "FY2020", "1006", "actual", "NetAssets", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "equity_ratio", "FY2020", "57.4", "actual", "CapitalAdequacyRatio", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "bps", "FY2020", "123.32", "actual", "NetAssetsPerShare", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "owners_equity", "FY2021", "1242", "actual", "OwnersEquity", "CurrentYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "owners_equity", "FY2020", "996", "actual", "OwnersEquity", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ("cash-flows", "operating", "FY2021", "391", "actual", "CashFlowsFromOperatingActivities", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("cash-flows", "investing", "FY2021", "-87", "actual", "CashFlowsFromInvestingActivities", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("cash-flows", "financing", "FY2021", "-34", "actual", "CashFlowsFromFinancingActivities", "CurrentYearDuration_ConsolidatedMember_ResultMember"),
    ("cash-flows", "cash_end", "FY2021", "868", "actual", "CashAndEquivalentsEndOfPeriod", "CurrentYearInstant_ConsolidatedMember_ResultMember"),
    ("cash-flows", "operating", "FY2020", "78", "actual", "CashFlowsFromOperatingActivities", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("cash-flows", "investing", "FY2020", "-14", "actual", "CashFlowsFromInvestingActivities", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("cash-flows", "financing", "FY2020", "-497", "actual", "CashFlowsFromFinancingActivities", "PriorYearDuration_ConsolidatedMember_ResultMember"),
    ("cash-flows", "cash_end", "FY2020", "595", "actual", "CashAndEquivalentsEndOfPeriod", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ("dividends", "q2_end", "FY2020", "0.00", "actual", "DividendPerShare", "PriorYearDuration_SecondQuarterMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "year_end", "FY2020", "1.50", "actual", "DividendPerShare", "PriorYearDuration_YearEndMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "annual", "FY2020", "1.50", "actual", "DividendPerShare", "PriorYearDuration_AnnualMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "total_dividends", "FY2020", "6", "actual", "TotalDividendPaidAnnual", "PriorYearDuration_AnnualMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "payout_ratio", "FY2020", "7.6", "actual", "PayoutRatio", "PriorYearDuration_AnnualMember_ConsolidatedMember_ResultMember"),
    ("dividends", "dividends_to_net_assets", "FY2020", "0.6", "actual", "RatioOfTotalAmountOfDividendsToNetAssets", "PriorYearDuration_AnnualMember_ConsolidatedMember_ResultMember"),
    ("dividends", "q2_end", "FY2021", "0.00", "actual", "DividendPerShare", "CurrentYearDuration_SecondQuarterMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "year_end", "FY2021", "8.00", "actual", "DividendPerShare", "CurrentYearDuration_YearEndMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "annual", "FY2021", "8.00", "actual", "DividendPerShare", "CurrentYearDuration_AnnualMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "total_dividends", "FY2021", "34", "actual", "TotalDividendPaidAnnual", "CurrentYearDuration_AnnualMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "payout_ratio", "FY2021", "26.6", "actual", "PayoutRatio", "CurrentYearDuration_AnnualMember_ConsolidatedMember_ResultMember"),
    ("dividends", "dividends_to_net_assets", "FY2021", "2.7", "actual", "RatioOfTotalAmountOfDividendsToNetAssets", "CurrentYearDuration_AnnualMember_ConsolidatedMember_ResultMember"),
    ("dividends", "q2_end", "FY2022", "0.00", "forecast", "DividendPerShare", "NextYearDuration_SecondQuarterMember_NonConsolidatedMember_ForecastMember"),
    ("dividends", "year_end", "FY2022", "2.50", "forecast", "DividendPerShare", "NextYearDuration_YearEndMember_NonConsolidatedMember_ForecastMember"),
    ("dividends", "annual", "FY2022", "2.50", "forecast", "DividendPerShare", "NextYearDuration_AnnualMember_NonConsolidatedMember_ForecastMember"),
    ("dividends", "payout_ratio", "FY2022", "7.6", "forecast", "PayoutRatio", "NextYearDuration_AnnualMember_ConsolidatedMember_ForecastMember"),
    ("results", "net_sales", "FY2022Q2YTD", "1933", "forecast", "NetSales", "NextAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "net_sales_yoy", "FY2022Q2YTD", "121.4", "forecast", "ChangeInNetSales", "NextAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "operating_income", "FY2022Q2YTD", "158", "forecast", "OperatingIncome", "NextAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "operating_income_yoy", "FY2022Q2YTD", "87.7", "forecast", "ChangeInOperatingIncome", "NextAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "ordinary_income", "FY2022Q2YTD", "158", "forecast", "OrdinaryIncome", "NextAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "ordinary_income_yoy", "FY2022Q2YTD", "86.6", "forecast", "ChangeInOrdinaryIncome", "NextAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "profit", "FY2022Q2YTD", "152", "forecast", "ProfitAttributableToOwnersOfParent", "NextAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "profit_yoy", "FY2022Q2YTD", "233.3", "forecast", "ChangeInProfitAttributableToOwnersOfParent", "NextAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "eps", "FY2022Q2YTD", "17.61", "forecast", "NetIncomePerShare", "NextAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "net_sales", "FY2022", "4000", "forecast", "NetSales", "NextYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "net_sales_yoy", "FY2022", "120.1", "forecast", "ChangeInNetSales", "NextYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "operating_income", "FY2022", "360", "forecast", "OperatingIncome", "NextYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "operating_income_yoy", "FY2022", "108.7", "forecast", "ChangeInOperatingIncome", "NextYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "ordinary_income", "FY2022", "359", "forecast", "OrdinaryIncome", "NextYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "ordinary_income_yoy", "FY2022", "106.9", "forecast", "ChangeInOrdinaryIncome", "NextYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "profit", "FY2022", "284", "forecast", "ProfitAttributableToOwnersOfParent", "NextYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "profit_yoy", "FY2022", "215.1", "forecast", "ChangeInProfitAttributableToOwnersOfParent", "NextYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "eps", "FY2022", "32.95", "forecast", "NetIncomePerShare", "NextYearDuration_ConsolidatedMember_ForecastMember"),
    ("results-nonconsolidated", "net_sales", "FY2021", "1859", "actual", "NetSales", "CurrentYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "net_sales_yoy", "FY2021", "19.3", "actual", "ChangeInNetSales", "CurrentYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "operating_income", "FY2021", "318", "actual", "OperatingIncome", "CurrentYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "operating_income_yoy", "FY2021", "257.3", "actual", "ChangeInOperatingIncome", "CurrentYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "ordinary_income", "FY2021", "322", "actual", "OrdinaryIncome", "CurrentYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "ordinary_income_yoy", "FY2021", "232.2", "actual", "ChangeInOrdinaryIncome", "CurrentYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "net_income", "FY2021", "137", "actual", "NetIncome", "CurrentYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "net_income_yoy", "FY2021", "94.9", "actual", "ChangeInNetIncome", "CurrentYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "net_sales", "FY2020", "1559", "actual", "NetSales", "PriorYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "net_sales_yoy", "FY2020", "2.0", "actual", "ChangeInNetSales", "PriorYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "operating_income", "FY2020", "89", "actual", "OperatingIncome", "PriorYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "operating_income_yoy", "FY2020", "-59.6", "actual", "ChangeInOperatingIncome", "PriorYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "ordinary_income", "FY2020", "97", "actual", "OrdinaryIncome", "PriorYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "ordinary_income_yoy", "FY2020", "-59.0", "actual", "ChangeInOrdinaryIncome", "PriorYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "net_income", "FY2020", "70", "actual", "NetIncome", "PriorYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "net_income_yoy", "FY2020", "43.1", "actual", "ChangeInNetIncome", "PriorYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "eps", "FY2021", "16.23", "actual", "NetIncomePerShare", "CurrentYearDuration_NonConsolidatedMember_ResultMember"),
    ("results-nonconsolidated", "eps", "FY2020", "8.20", "actual", "NetIncomePerShare", "PriorYearDuration_NonConsolidatedMember_ResultMember"),
    ("financial-position-nonconsolidated", "total_assets", "FY2021", "1830", "actual", "TotalAssets", "CurrentYearInstant_NonConsolidatedMember_ResultMember"),
    ("financial-position-nonconsolidated", "net_assets", "FY2021", "1279", "actual", "NetAssets", "CurrentYearInstant_NonConsolidatedMember_ResultMember"),
    ("financial-position-nonconsolidated", "equity_ratio", "FY2021", "69.9", "actual", "CapitalAdequacyRatio", "CurrentYearInstant_NonConsolidatedMember_ResultMember"),
    ("financial-position-nonconsolidated", "bps", "FY2021", "148.43", "actual", "NetAssetsPerShare", "CurrentYearInstant_NonConsolidatedMember_ResultMember"),
    ("financial-position-nonconsolidated", "total_assets", "FY2020", "1538", "actual", "TotalAssets", "PriorYearInstant_NonConsolidatedMember_ResultMember"),
    ("financial-position-nonconsolidated", "net_assets", "FY2020", "1027", "actual", "NetAssets", "PriorYearInstant_NonConsolidatedMember_ResultMember"),
    ("financial-position-nonconsolidated", "equity_ratio", "FY2020", "66.8", "actual", "CapitalAdequacyRatio", "PriorYearInstant_NonConsolidatedMember_ResultMember"),
    ("financial-position-nonconsolidated", "bps", "FY2020", "127.15", "actual", "NetAssetsPerShare", "PriorYearInstant_NonConsolidatedMember_ResultMember"),
    ("financial-position-nonconsolidated", "owners_equity", "FY2021", "1279", "actual", "OwnersEquity", "CurrentYearInstant_NonConsolidatedMember_ResultMember"),
    ("financial-position-nonconsolidated", "owners_equity", "FY2020", "1027", "actual", "OwnersEquity", "PriorYearInstant_NonConsolidatedMember_ResultMember"),
];

/// The first-quarter inline XBRL of company 5971 (year ending 2022-04-30), named by the year
/// it starts in: FY2021Q1 is the quarter reported, FY2021 the year's forecast.
#[rustfmt::skip]
const FIRST_QUARTER: &[Expected] = &[
    ("results", "net_sales", "FY2021Q1", "2732", "actual", "NetSales", "CurrentAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "net_sales_yoy", "FY2021Q1", "66.0", "actual", "ChangeInNetSales", "CurrentAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "operating_income", "FY2021Q1", "470", "actual", "OperatingIncome", "CurrentAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "ordinary_income", "FY2021Q1", "467", "actual", "OrdinaryIncome", "CurrentAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "ordinary_income_yoy", "FY2021Q1", "538.6", "actual", "ChangeInOrdinaryIncome", "CurrentAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "profit", "FY2021Q1", "331", "actual", "ProfitAttributableToOwnersOfParent", "CurrentAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "profit_yoy", "FY2021Q1", "380.7", "actual", "ChangeInProfitAttributableToOwnersOfParent", "CurrentAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "net_sales", "FY2020Q1", "1646", "actual", "NetSales", "PriorAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "net_sales_yoy", "FY2020Q1", "-32.6", "actual", "ChangeInNetSales", "PriorAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "operating_income", "FY2020Q1", "-51", "actual", "OperatingIncome", "PriorAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "ordinary_income", "FY2020Q1", "73", "actual", "OrdinaryIncome", "PriorAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "ordinary_income_yoy", "FY2020Q1", "-74.8", "actual", "ChangeInOrdinaryIncome", "PriorAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "profit", "FY2020Q1", "68", "actual", "ProfitAttributableToOwnersOfParent", "PriorAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "profit_yoy", "FY2020Q1", "-66.1", "actual", "ChangeInProfitAttributableToOwnersOfParent", "PriorAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "comprehensive_income", "FY2021Q1", "258", "actual", "ComprehensiveIncome", "CurrentAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "comprehensive_income_yoy", "FY2021Q1", "301.5", "actual", "ChangeInComprehensiveIncome", "CurrentAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "comprehensive_income", "FY2020Q1", "64", "actual", "ComprehensiveIncome", "PriorAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "comprehensive_income_yoy", "FY2020Q1", "31.9", "actual", "ChangeInComprehensiveIncome", "PriorAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "eps", "FY2021Q1", "244.05", "actual", "NetIncomePerShare", "CurrentAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("results", "eps", "FY2020Q1", "50.77", "actual", "NetIncomePerShare", "PriorAccumulatedQ1Duration_ConsolidatedMember_ResultMember"),
    ("financial-position", "total_assets", "FY2021Q1", "14826", "actual", "TotalAssets", "CurrentAccumulatedQ1Instant_ConsolidatedMember_ResultMember"),
    ("financial-position", "net_assets", "FY2021Q1", "12397", "actual", "NetAssets", "CurrentAccumulatedQ1Instant_ConsolidatedMember_ResultMember"),
    ("financial-position", "equity_ratio", "FY2021Q1", "83.6", "actual", "CapitalAdequacyRatio", "CurrentAccumulatedQ1Instant_ConsolidatedMember_ResultMember"),
    ("financial-position", "total_assets", "FY2020", "14452", "actual", "TotalAssets", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "net_assets", "FY2020", "12246", "actual", "NetAssets", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "equity_ratio", "FY2020", "84.7", "actual", "CapitalAdequacyRatio", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ("financial-position", "owners_equity", "FY2021Q1", "12397", "actual", "OwnersEquity", "CurrentAccumulatedQ1Instant_ConsolidatedMember_ResultMember"),
    ("financial-position", "owners_equity", "FY2020", "12246", "actual", "OwnersEquity", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ("dividends", "q2_end", "FY2020", "0.00", "actual", "DividendPerShare", "PriorYearDuration_SecondQuarterMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "year_end", "FY2020", "80.00", "actual", "DividendPerShare", "PriorYearDuration_YearEndMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "annual", "FY2020", "80.00", "actual", "DividendPerShare", "PriorYearDuration_AnnualMember_NonConsolidatedMember_ResultMember"),
    ("dividends", "q2_end", "FY2021", "0.00", "forecast", "DividendPerShare", "CurrentYearDuration_SecondQuarterMember_NonConsolidatedMember_ForecastMember"),
    ("dividends", "year_end", "FY2021", "80.00", "forecast", "DividendPerShare", "CurrentYearDuration_YearEndMember_NonConsolidatedMember_ForecastMember"),
    ("dividends", "annual", "FY2021", "80.00", "forecast", "DividendPerShare", "CurrentYearDuration_AnnualMember_NonConsolidatedMember_ForecastMember"),
    ("results", "net_sales", "FY2021Q2YTD", "4800", "forecast", "NetSales", "CurrentAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "net_sales_yoy", "FY2021Q2YTD", "44.6", "forecast", "ChangeInNetSales", "CurrentAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "operating_income", "FY2021Q2YTD", "460", "forecast", "OperatingIncome", "CurrentAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "operating_income_yoy", "FY2021Q2YTD", "887.5", "forecast", "ChangeInOperatingIncome", "CurrentAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "ordinary_income", "FY2021Q2YTD", "500", "forecast", "OrdinaryIncome", "CurrentAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "ordinary_income_yoy", "FY2021Q2YTD", "111.7", "forecast", "ChangeInOrdinaryIncome", "CurrentAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "profit", "FY2021Q2YTD", "360", "forecast", "ProfitAttributableToOwnersOfParent", "CurrentAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "profit_yoy", "FY2021Q2YTD", "91.8", "forecast", "ChangeInProfitAttributableToOwnersOfParent", "CurrentAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "eps", "FY2021Q2YTD", "265.15", "forecast", "NetIncomePerShare", "CurrentAccumulatedQ2Duration_ConsolidatedMember_ForecastMember"),
    ("results", "net_sales", "FY2021", "9600", "forecast", "NetSales", "CurrentYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "net_sales_yoy", "FY2021", "18.8", "forecast", "ChangeInNetSales", "CurrentYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "operating_income", "FY2021", "900", "forecast", "OperatingIncome", "CurrentYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "operating_income_yoy", "FY2021", "63.0", "forecast", "ChangeInOperatingIncome", "CurrentYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "ordinary_income", "FY2021", "980", "forecast", "OrdinaryIncome", "CurrentYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "ordinary_income_yoy", "FY2021", "20.7", "forecast", "ChangeInOrdinaryIncome", "CurrentYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "profit", "FY2021", "710", "forecast", "ProfitAttributableToOwnersOfParent", "CurrentYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "profit_yoy", "FY2021", "24.2", "forecast", "ChangeInProfitAttributableToOwnersOfParent", "CurrentYearDuration_ConsolidatedMember_ForecastMember"),
    ("results", "eps", "FY2021", "522.94", "forecast", "NetIncomePerShare", "CurrentYearDuration_ConsolidatedMember_ForecastMember"),
];

#[test]
fn full_year_instance_every_value() {
    let filing = one(&samples().join("E24982"));
    assert_eq!(filing.document_name, "決算短信〔日本基準〕（連結）");
    assert_eq!(filing.filing_date.to_string(), "2021-07-14");
    assert_eq!(filing.securities_code, "3645");
    assert_eq!(filing.fiscal_year_end.to_string(), "2021-05-31");
    assert_eq!(filing.id, "tse-acedjpsm-36450-20210714336450");
    assert_eq!(filing.company_name.as_deref(), Some("株式会社メディカルネット"));
    let got = cells(&filing, &Calendar { end_month: 5, named_by_start: false });
    assert_same(got, expected(FULL_YEAR));
}

#[test]
fn first_quarter_inline_every_value() {
    let filing =
        one(&samples().join("081220210818487667/XBRLData/Summary/tse-qcedjpsm-59710-20210818487667-ixbrl.htm"));
    assert_eq!(filing.document_name, "第1四半期決算短信〔日本基準〕（連結）");
    assert_eq!(filing.filing_date.to_string(), "2021-09-10");
    assert_eq!(filing.securities_code, "5971");
    assert_eq!(filing.fiscal_year_end.to_string(), "2022-04-30");
    let got = cells(&filing, &Calendar { end_month: 4, named_by_start: true });
    assert_same(got, expected(FIRST_QUARTER));
}

/// The fictional IFRS filing: revenue and profit names of IFRS, a loss (`sign="-"`), a
/// comma-decimal number, nil values, and ranges for the next year's forecast and dividend.
#[test]
fn ifrs_names_ranges_nil_and_negative_values() {
    let filing = one(&fixtures().join("ifrs"));
    assert_eq!(filing.document_name, "決算短信〔IFRS〕（連結）");
    assert_eq!(filing.filing_date.to_string(), "2024-05-10");
    assert_eq!(filing.securities_code, "9999");
    let calendar = Calendar { end_month: 3, named_by_start: true };
    let c = "CurrentYearDuration_ConsolidatedMember_ResultMember";
    let p = "PriorYearDuration_ConsolidatedMember_ResultMember";
    #[rustfmt::skip]
    let want: &[Expected] = &[
        ("results", "net_sales", "FY2023", "12345", "actual", "NetSalesIFRS", c),
        ("results", "net_sales_yoy", "FY2023", "5.2", "actual", "ChangeInNetSalesIFRS", c),
        ("results", "net_sales", "FY2022", "11735", "actual", "NetSalesIFRS", p),
        ("results", "operating_income", "FY2023", "1234", "actual", "OperatingIncomeIFRS", c),
        ("results", "profit_before_tax", "FY2023", "1100", "actual", "ProfitBeforeTaxIFRS", c),
        ("results", "profit", "FY2023", "-250", "actual", "ProfitAttributableToOwnersOfParentIFRS", c),
        ("results", "profit", "FY2022", "80", "actual", "ProfitAttributableToOwnersOfParentIFRS", p),
        ("results", "eps", "FY2023", "-12.50", "actual", "BasicEarningsPerShareIFRS", c),
        ("results", "net_sales_lower", "FY2024", "13000", "forecast", "NetSalesIFRS", "NextYearDuration_ConsolidatedMember_LowerMember"),
        ("results", "net_sales_upper", "FY2024", "13500", "forecast", "NetSalesIFRS", "NextYearDuration_ConsolidatedMember_UpperMember"),
        ("results", "operating_income", "FY2024", "1400", "forecast", "OperatingIncomeIFRS", "NextYearDuration_ConsolidatedMember_ForecastMember"),
        ("results", "profit_lower", "FY2024", "300", "forecast", "ProfitAttributableToOwnersOfParentIFRS", "NextYearDuration_ConsolidatedMember_LowerMember"),
        ("results", "profit_upper", "FY2024", "500", "forecast", "ProfitAttributableToOwnersOfParentIFRS", "NextYearDuration_ConsolidatedMember_UpperMember"),
        ("financial-position", "total_assets", "FY2023", "20000", "actual", "TotalAssetsIFRS", "CurrentYearInstant_ConsolidatedMember_ResultMember"),
        ("financial-position", "total_assets", "FY2022", "19500", "actual", "TotalAssetsIFRS", "PriorYearInstant_ConsolidatedMember_ResultMember"),
        ("financial-position", "owners_equity", "FY2023", "8500", "actual", "EquityAttributableToOwnersOfParentIFRS", "CurrentYearInstant_ConsolidatedMember_ResultMember"),
        ("cash-flows", "cash_end", "FY2023", "3210", "actual", "CashAndCashEquivalentsAtEndOfPeriodIFRS", "CurrentYearInstant_ConsolidatedMember_ResultMember"),
        ("dividends", "q2_end", "FY2023", "15.00", "actual", "DividendPerShare", "CurrentYearDuration_SecondQuarterMember_NonConsolidatedMember_ResultMember"),
        ("dividends", "year_end", "FY2023", "20.00", "actual", "DividendPerShare", "CurrentYearDuration_YearEndMember_NonConsolidatedMember_ResultMember"),
        ("dividends", "annual", "FY2023", "35.00", "actual", "DividendPerShare", "CurrentYearDuration_AnnualMember_NonConsolidatedMember_ResultMember"),
        ("dividends", "year_end_lower", "FY2024", "15.00", "forecast", "DividendPerShare", "NextYearDuration_YearEndMember_NonConsolidatedMember_LowerMember"),
        ("dividends", "year_end_upper", "FY2024", "20.00", "forecast", "DividendPerShare", "NextYearDuration_YearEndMember_NonConsolidatedMember_UpperMember"),
    ];
    assert_same(cells(&filing, &calendar), expected(want));
    let mapped = mapping::map(&filing, &calendar);
    let revenue = mapped.cells.iter().find(|c| c.column == "net_sales").unwrap();
    assert_eq!(
        (revenue.label.key.as_str(), revenue.label.ja.as_str(), revenue.label.en.as_str()),
        ("tdnet-revenue-ifrs", "売上収益", "Revenue")
    );
    let lower = mapped.cells.iter().find(|c| c.column == "net_sales_lower").unwrap();
    assert_eq!(lower.label.ja, "売上収益（下限）");
    // The company's own extension element is listed, not dropped.
    assert!(
        mapped.skipped.iter().any(|s| s.element == "OrdersReceived" && s.reason.contains("another taxonomy")),
        "{:?}",
        mapped.skipped
    );
}

/// The fictional US GAAP filing: a third quarter of a December year as an XBRL instance, with
/// losses written with `-`, a nil net income, and an element the import does not know.
#[test]
fn us_gaap_names_quarter_to_date_and_negative_values() {
    let filing = one(&fixtures().join("usgaap/tse-qcussm-88880-20231108000001.xbrl"));
    assert_eq!(filing.securities_code, "8888");
    assert_eq!(filing.fiscal_year_end.to_string(), "2023-12-31");
    let q = "CurrentAccumulatedQ3Duration_ConsolidatedMember_ResultMember";
    let f = "CurrentYearDuration_ConsolidatedMember_ForecastMember";
    #[rustfmt::skip]
    let want: &[Expected] = &[
        ("results", "net_sales", "FY2023Q3YTD", "54321", "actual", "NetSalesUS", q),
        ("results", "net_sales_yoy", "FY2023Q3YTD", "-5.2", "actual", "ChangeInNetSalesUS", q),
        ("results", "net_sales", "FY2022Q3YTD", "57300", "actual", "NetSalesUS", "PriorAccumulatedQ3Duration_ConsolidatedMember_ResultMember"),
        ("results", "operating_income", "FY2023Q3YTD", "-1200", "actual", "OperatingIncomeUS", q),
        ("results", "profit_before_tax", "FY2023Q3YTD", "-900", "actual", "IncomeBeforeIncomeTaxesUS", q),
        ("results", "eps", "FY2023Q3YTD", "-3.25", "actual", "NetIncomePerShareUS", q),
        ("results", "net_sales", "FY2023", "72000", "forecast", "NetSalesUS", f),
        ("results", "operating_income", "FY2023", "-500", "forecast", "OperatingIncomeUS", f),
        ("financial-position", "total_assets", "FY2023Q3", "80000", "actual", "TotalAssetsUS", "CurrentAccumulatedQ3Instant_ConsolidatedMember_ResultMember"),
        ("financial-position", "total_assets", "FY2022", "81500", "actual", "TotalAssetsUS", "PriorYearInstant_ConsolidatedMember_ResultMember"),
    ];
    let calendar = Calendar { end_month: 12, named_by_start: true };
    assert_same(cells(&filing, &calendar), expected(want));
    let skipped = mapping::map(&filing, &calendar).skipped;
    assert!(
        skipped
            .iter()
            .any(|s| s.element == "tse-ed-t:SomethingNotInTheTaxonomy" && s.reason == "no column takes this element"),
        "{skipped:?}"
    );
}

#[test]
fn a_zip_package_reads_like_its_folder() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("081220210818487667.zip");
    let summary = samples().join("081220210818487667/XBRLData/Summary");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for entry in std::fs::read_dir(&summary).unwrap() {
        let path = entry.unwrap().path();
        zip.start_file(format!("XBRLData/Summary/{}", path.file_name().unwrap().to_str().unwrap()), options).unwrap();
        zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
    }
    // Attachments of a package are inline XBRL too, but not summaries.
    zip.start_file("XBRLData/Attachment/0101010-qcbs01-tse-qcedjpfr-59710-2021-07-31-01-2021-09-10-ixbrl.htm", options)
        .unwrap();
    zip.write_all(b"<html/>").unwrap();
    zip.finish().unwrap();
    let from_zip = one(&zip_path);
    let from_folder = one(&samples().join("081220210818487667"));
    assert!(
        from_zip.origin.ends_with(":XBRLData/Summary/tse-qcedjpsm-59710-20210818487667-ixbrl.htm"),
        "{}",
        from_zip.origin
    );
    let calendar = Calendar { end_month: 4, named_by_start: true };
    assert_same(cells(&from_zip, &calendar), cells(&from_folder, &calendar));
}

#[test]
fn files_that_are_not_tdnet_summaries_are_refused_clearly() {
    let message = |path: &Path| tdnet::read(path).unwrap_err().to_string();
    let edinet = message(&fixtures().join("not-tdnet.xbrl"));
    assert!(edinet.contains("not a TDnet 決算短信 summary") && edinet.contains("tse-ed-t"), "{edinet}");
    let page = message(&fixtures().join("page.htm"));
    assert!(page.contains("not a TDnet 決算短信 summary"), "{page}");
    let empty = tempfile::tempdir().unwrap();
    let folder = message(empty.path());
    assert!(folder.contains("no TDnet summary in this folder"), "{folder}");
    let pdf = empty.path().join("tanshin.pdf");
    std::fs::write(&pdf, b"%PDF-1.7").unwrap();
    assert!(message(&pdf).contains("not a TDnet file"), "{}", message(&pdf));
    let missing = message(&empty.path().join("nowhere.xbrl"));
    assert!(missing.contains("nowhere.xbrl"), "{missing}");
}

/// A filing is a command argument, so it may lie outside the site and a link to it is read;
/// but a special file is refused before it is read (a FIFO would hang, `/dev/zero` fill
/// memory), sizes are counted while reading, and a link in a package folder that leads out of
/// that folder is refused, naming the link.
#[cfg(unix)]
#[test]
fn filings_follow_the_input_rule_for_links_special_files_and_sizes() {
    use std::os::unix::fs::symlink;
    let message = |path: &Path| tdnet::read(path).unwrap_err().to_string();
    let dir = tempfile::tempdir().unwrap();
    // A link to a summary elsewhere, given as the argument, is read like the summary.
    let full_year = samples().join("E24982/XBRLData/Summary/tse-acedjpsm-36450-20210714336450.xbrl");
    let linked = dir.path().join("tse-acedjpsm-36450-20210714336450.xbrl");
    symlink(&full_year, &linked).unwrap();
    assert_eq!(one(&linked).id, "tse-acedjpsm-36450-20210714336450");

    let zero = dir.path().join("zero.xbrl");
    symlink("/dev/zero", &zero).unwrap();
    let err = message(&zero);
    assert!(err.contains("zero.xbrl") && err.contains("not a regular file"), "{err}");
    let fifo = dir.path().join("fifo.xbrl");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let err = message(&fifo);
    assert!(err.contains("fifo.xbrl") && err.contains("not a regular file"), "{err}");
    let fifo_zip = dir.path().join("package.zip");
    assert!(std::process::Command::new("mkfifo").arg(&fifo_zip).status().unwrap().success());
    let err = message(&fifo_zip);
    assert!(err.contains("package.zip") && err.contains("not a regular file"), "{err}");

    // Larger than a summary may be: refused with the limit, whatever the file holds.
    let big = dir.path().join("big.xbrl");
    std::fs::File::create(&big).unwrap().set_len(tdnet::package::MAX_SUMMARY_BYTES + 1).unwrap();
    let err = message(&big);
    assert!(
        err.contains("big.xbrl") && err.contains(&format!("limited to {}", tdnet::package::MAX_SUMMARY_BYTES)),
        "{err}"
    );

    // In a package folder, the folder is the root: a summary linked from outside it is an
    // error naming the link, and never quotes what it points at.
    let package = dir.path().join("package/XBRLData/Summary");
    std::fs::create_dir_all(&package).unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "token=hunter2").unwrap();
    symlink(&secret, package.join("tse-acedjpsm-00000-20240101000000.xbrl")).unwrap();
    let err = message(&dir.path().join("package"));
    assert!(err.contains("tse-acedjpsm-00000-20240101000000.xbrl") && err.contains("outside"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    std::fs::remove_file(package.join("tse-acedjpsm-00000-20240101000000.xbrl")).unwrap();
    // A FIFO in a package is refused too, not skipped.
    assert!(std::process::Command::new("mkfifo")
        .arg(package.join("tse-acedjpsm-00000-20240101000000.xbrl"))
        .status()
        .unwrap()
        .success());
    let err = message(&dir.path().join("package"));
    assert!(err.contains("tse-acedjpsm-00000-20240101000000.xbrl") && err.contains("not a regular file"), "{err}");
}

#[test]
fn the_authoring_guide_lists_every_mapped_element() {
    let guide = common::read(&common::repo().join("docs/authoring.md"));
    let start = guide.find("## Import a 決算短信").expect("the section exists");
    let section = &guide[start..guide[start + 3..].find("\n## ").map_or(guide.len(), |i| start + 3 + i)];
    for spec in mapping::elements() {
        let row = format!("| `{}` | `{}.{}` |", spec.element, table_of(&spec), spec.column);
        assert!(section.contains(&row), "docs/authoring.md lacks {row}");
        assert!(section.contains(spec.ja) && section.contains(spec.en), "labels of {}", spec.element);
    }
    assert!(section.contains("| `DividendPerShare` (YearEndMember) | `dividends.year_end` |"));
}

fn table_of(spec: &mapping::ElementSpec) -> &'static str {
    match spec.table {
        mapping::TableKind::Results => "results",
        mapping::TableKind::FinancialPosition => "financial-position",
        mapping::TableKind::CashFlows => "cash-flows",
        mapping::TableKind::Dividends => "dividends",
    }
}
