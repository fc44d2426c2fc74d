//! The figure model: units ([`units`]), period ids ([`period`]) and the fiscal calendar that
//! names them ([`calendar`]). These are data of a site, not code: a company's units live in
//! `content/data/units.toml` and its fiscal year in `[fiscal_year]` of site.toml.

pub mod calendar;
pub mod period;
pub mod units;

pub use calendar::FiscalYear;
pub use period::{Period, Span};
pub use units::{Money, Unit, Units};
