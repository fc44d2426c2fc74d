//! Period ids of the data: `FY2023` (a fiscal year), `FY2023Q1`–`FY2023Q4` (three-month
//! quarters), `FY2023H1`/`FY2023H2` (halves) and `FY2023Q2YTD`/`FY2023Q3YTD` (the first two or
//! three quarters together). What calendar months a period covers, and how it is called, is the
//! site's fiscal calendar ([`super::calendar`]).

use std::cmp::Ordering;
use std::fmt;

/// The part of a fiscal year a period covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Span {
    Year,
    /// One three-month quarter, 1–4.
    Quarter(u8),
    /// A half year, 1–2.
    Half(u8),
    /// From the start of the year to the end of quarter 2 or 3.
    ToDate(u8),
}

impl Span {
    /// The quarter the period ends with (1–4).
    pub fn last_quarter(self) -> u8 {
        match self {
            Span::Year => 4,
            Span::Quarter(q) | Span::ToDate(q) => q,
            Span::Half(h) => h * 2,
        }
    }

    /// The period's length in quarters.
    pub fn quarters(self) -> u8 {
        match self {
            Span::Year => 4,
            Span::Quarter(_) => 1,
            Span::Half(_) => 2,
            Span::ToDate(q) => q,
        }
    }
}

/// A fiscal period, named by the fiscal year its id carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub year: u16,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid period {0:?}: expected FY2023 (fiscal year), FY2023Q1–Q4 (quarter), FY2023H1/H2 (half) or FY2023Q2YTD/Q3YTD (cumulative)")]
pub struct PeriodError(pub String);

impl Period {
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let bad = || PeriodError(text.to_string());
        let rest = text.strip_prefix("FY").ok_or_else(bad)?;
        if rest.len() < 4 || !rest.is_char_boundary(4) {
            return Err(bad());
        }
        let (year, part) = rest.split_at(4);
        if !year.bytes().all(|b| b.is_ascii_digit()) || year.starts_with('0') {
            return Err(bad());
        }
        let span = match part {
            "" => Span::Year,
            "Q1" => Span::Quarter(1),
            "Q2" => Span::Quarter(2),
            "Q3" => Span::Quarter(3),
            "Q4" => Span::Quarter(4),
            "H1" => Span::Half(1),
            "H2" => Span::Half(2),
            "Q2YTD" => Span::ToDate(2),
            "Q3YTD" => Span::ToDate(3),
            _ => return Err(bad()),
        };
        Ok(Period { year: year.parse().map_err(|_| bad())?, span })
    }

    pub fn id(&self) -> String {
        self.to_string()
    }

    pub fn is_year(&self) -> bool {
        self.span == Span::Year
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FY{}", self.year)?;
        match self.span {
            Span::Year => Ok(()),
            Span::Quarter(q) => write!(f, "Q{q}"),
            Span::Half(h) => write!(f, "H{h}"),
            Span::ToDate(q) => write!(f, "Q{q}YTD"),
        }
    }
}

/// Periods in time order: by the end of the period, and of two periods ending together the
/// shorter first (`FY2023Q4` before `FY2023H2` before `FY2023`).
impl Ord for Period {
    fn cmp(&self, other: &Period) -> Ordering {
        let key = |p: &Period| (p.year, p.span.last_quarter(), p.span.quarters(), matches!(p.span, Span::ToDate(_)));
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `latest` or `latest-N` in a `period=` argument: the N-th latest actual period of a table.
pub fn latest_offset(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("latest")?;
    if rest.is_empty() {
        return Some(0);
    }
    let n = rest.strip_prefix('-')?;
    if n.is_empty() || n.len() > 3 || !n.bytes().all(|b| b.is_ascii_digit()) || n.starts_with('0') {
        return None;
    }
    n.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for id in ["FY2021", "FY2021Q1", "FY2021Q4", "FY2023H1", "FY2023H2", "FY2023Q2YTD", "FY2023Q3YTD"] {
            assert_eq!(Period::parse(id).unwrap().id(), id);
        }
        assert_eq!(Period::parse("FY2021Q4").unwrap(), Period { year: 2021, span: Span::Quarter(4) });
        assert_eq!(Period::parse("FY2023H2").unwrap(), Period { year: 2023, span: Span::Half(2) });
    }

    #[test]
    fn invalid_ids() {
        for p in [
            "",
            "FY",
            "2021",
            "FY21",
            "FY20211",
            "fy2021",
            "FY2021Q0",
            "FY2021Q5",
            "FY2021Q",
            "FY2021Q12",
            "FY2021q1",
            "FY0999",
            "FY２０２１",
            "FY2021 ",
            " FY2021",
            "FY2021H3",
            "FY2021H",
            "FY2021Q1YTD",
            "FY2021Q4YTD",
            "FY2021YTD",
            "FY-202",
            "FY202€",
        ] {
            assert_eq!(Period::parse(p).unwrap_err(), PeriodError(p.to_string()), "{p:?}");
        }
        assert!(PeriodError("FY21".into()).to_string().starts_with("invalid period \"FY21\": expected FY2023"));
    }

    #[test]
    fn time_order() {
        let p = |s| Period::parse(s).unwrap();
        assert!(p("FY2020Q4") < p("FY2021"));
        assert!(p("FY2021Q1") < p("FY2021Q2"));
        assert!(p("FY2021Q2") < p("FY2021H1"));
        assert!(p("FY2021H1") < p("FY2021Q2YTD"));
        assert!(p("FY2021Q2YTD") < p("FY2021Q3"));
        assert!(p("FY2021Q3") < p("FY2021Q3YTD"));
        assert!(p("FY2021Q4") < p("FY2021H2"));
        assert!(p("FY2021H2") < p("FY2021"));
        assert!(p("FY2021") < p("FY2022Q1"));
    }

    #[test]
    fn latest() {
        assert_eq!(latest_offset("latest"), Some(0));
        assert_eq!(latest_offset("latest-1"), Some(1));
        assert_eq!(latest_offset("latest-12"), Some(12));
        for s in ["latest-", "latest-0", "latest+1", "latest-01", "latest-x", "Latest", "latest-1000", "latest1"] {
            assert_eq!(latest_offset(s), None, "{s}");
        }
    }
}
