//! The build date: what "today" is for a build, an explicit input so that a rebuild of the same
//! sources gives the same site. It splits the IR calendar into upcoming and past events and
//! dates the calendar files and workbooks.
//!
//! In order: `irsite build --today YYYY-MM-DD`, else `SOURCE_DATE_EPOCH` (seconds since
//! 1970-01-01 UTC, the reproducible-builds convention), else the system clock. Epoch seconds
//! become a date in Japan Standard Time (UTC+9, no daylight saving time).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::error::{Error, Location, Result, Stage};

/// Japan Standard Time is UTC+9 all year.
const JST_OFFSET_SECONDS: i64 = 9 * 3600;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BuildDate(NaiveDate);

impl BuildDate {
    pub fn new(date: NaiveDate) -> BuildDate {
        BuildDate(date)
    }

    /// `--today` if given, else `SOURCE_DATE_EPOCH`, else the system clock.
    pub fn resolve(today: Option<&str>) -> Result<BuildDate> {
        if let Some(text) = today {
            return BuildDate::parse(text).map_err(|m| {
                Error::input(Stage::Config, Location::file("--today"), m).with_hint("write the date as YYYY-MM-DD")
            });
        }
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(value) => BuildDate::from_epoch_text(&value).map_err(|m| {
                Error::input(Stage::Config, Location::file("SOURCE_DATE_EPOCH"), m)
                    .with_hint("SOURCE_DATE_EPOCH is a whole number of seconds since 1970-01-01 UTC; unset it to use the system date")
            }),
            Err(_) => Ok(BuildDate::from_system_clock()),
        }
    }

    /// A `YYYY-MM-DD` date.
    pub fn parse(text: &str) -> std::result::Result<BuildDate, String> {
        let well_formed = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) if well_formed => Ok(BuildDate(date)),
            _ => Err(format!("`{text}` is not a date of the form YYYY-MM-DD")),
        }
    }

    pub fn from_epoch_text(text: &str) -> std::result::Result<BuildDate, String> {
        let seconds: i64 = text.trim().parse().map_err(|_| format!("`{text}` is not a whole number of seconds"))?;
        BuildDate::from_epoch(seconds).ok_or_else(|| format!("{seconds} seconds is outside the supported dates"))
    }

    /// The date in Japan at `seconds` after the Unix epoch.
    pub fn from_epoch(seconds: i64) -> Option<BuildDate> {
        let local = DateTime::from_timestamp(seconds.checked_add(JST_OFFSET_SECONDS)?, 0)?;
        Some(BuildDate(local.date_naive()))
    }

    pub fn from_system_clock() -> BuildDate {
        let seconds = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            Ok(elapsed) => elapsed.as_secs() as i64,
            Err(before) => -(before.duration().as_secs() as i64),
        };
        BuildDate::from_epoch(seconds).unwrap_or(BuildDate(NaiveDate::MIN))
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }

    /// Midnight at the start of the build date in Japan, as a UTC instant: the DTSTAMP of
    /// calendar files and the creation time of workbooks.
    pub fn start_utc(self) -> DateTime<Utc> {
        let local_midnight = self.0.and_time(NaiveTime::MIN).and_utc();
        local_midnight - chrono::Duration::seconds(JST_OFFSET_SECONDS)
    }

    /// `2026-05-12`.
    pub fn iso(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_are_read_as_a_date_in_japan() {
        // 2026-03-31 15:00:00 UTC is 2026-04-01 00:00 in Tokyo; a second earlier is still March.
        let midnight_tokyo = 1_774_969_200;
        assert_eq!(BuildDate::from_epoch(midnight_tokyo).unwrap().iso(), "2026-04-01");
        assert_eq!(BuildDate::from_epoch(midnight_tokyo - 1).unwrap().iso(), "2026-03-31");
        assert_eq!(BuildDate::from_epoch_text("1774969200").unwrap().iso(), "2026-04-01");
        assert!(BuildDate::from_epoch_text("yesterday").is_err());
    }

    #[test]
    fn only_full_iso_dates_are_accepted() {
        assert_eq!(BuildDate::parse("2026-05-12").unwrap().iso(), "2026-05-12");
        for bad in ["2026-5-12", "2026-02-30", "20260512", "2026-05-12T00:00", ""] {
            assert!(BuildDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_build_date_starts_at_midnight_in_tokyo() {
        let date = BuildDate::parse("2026-04-01").unwrap();
        assert_eq!(date.start_utc().to_rfc3339(), "2026-03-31T15:00:00+00:00");
    }
}
