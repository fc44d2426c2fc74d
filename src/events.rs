//! The IR calendar: events (決算発表, 株主総会, 配当基準日, …) in `content/data/calendar.toml`,
//! each with a type from the site's own list, a date, a time in Japan Standard Time or none
//! (an all-day event) and a title in both languages. The build date splits them into upcoming
//! and past.
//!
//! ```toml
//! [[type]]
//! id = "earnings"
//! ja = "決算発表"
//! en = "Earnings release"
//!
//! [[event]]
//! type = "earnings"
//! date = "2026-05-12"
//! time = "15:00"          # JST; leave out for an all-day event
//! end = "16:00"           # optional
//! title = { ja = "2026年3月期 決算発表", en = "FY2025 results announcement" }
//! ```

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use toml::Spanned;

use crate::build_date::BuildDate;
use crate::error::{Error, Location, Stage};
use crate::typed_data::{Bilingual, Checker, TypeLabel, TypedData, TypedEntry};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalendar {
    #[serde(rename = "type", default)]
    types: Vec<Spanned<TypeLabel>>,
    #[serde(rename = "event", default)]
    events: Vec<Spanned<RawEvent>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// Keeps the calendar UID when a rescheduled event changes its date.
    id: Option<Spanned<String>>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    date: Spanned<String>,
    time: Option<Spanned<String>>,
    end: Option<Spanned<String>>,
    title: Bilingual,
    place: Option<Bilingual>,
}

#[derive(Debug, Clone)]
pub struct Event {
    /// Stable identity for calendar files: the `id` given, else `<date>-<type>`.
    pub id: String,
    pub type_id: String,
    pub date: NaiveDate,
    /// Start and end in Japan Standard Time; no start for an all-day event.
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub title: Bilingual,
    pub place: Option<Bilingual>,
    pub location: Location,
}

/// An `HH:MM` time of day, when given; else pushes the error at its place.
fn time_of_day(value: &Option<Spanned<String>>, file: &Checker, errors: &mut Vec<Error>) -> Option<NaiveTime> {
    let value = value.as_ref()?;
    let text = value.get_ref();
    let parsed = NaiveTime::parse_from_str(text, "%H:%M").ok().filter(|_| text.len() == 5);
    if parsed.is_none() {
        errors.push(
            file.error(value.span(), format!("time `{text}` must be HH:MM (24-hour, JST)"))
                .with_hint("e.g. time = \"15:00\"; leave the time out for an all-day event"),
        );
    }
    parsed
}

impl TypedEntry for Event {
    const FILE_NAME: &'static str = "calendar.toml";
    const WHAT: &'static str = "event";
    type File = RawCalendar;
    type Raw = RawEvent;

    fn parts(file: RawCalendar) -> (Vec<Spanned<TypeLabel>>, Vec<Spanned<RawEvent>>) {
        (file.types, file.events)
    }

    fn check(entry: Spanned<RawEvent>, file: &Checker, accepted: &[Event], errors: &mut Vec<Error>) -> Option<Event> {
        let location = file.at(entry.span());
        let raw = entry.into_inner();
        let before = errors.len();
        file.check_type(&raw.kind, Self::WHAT, errors);
        let date = file.date(&raw.date, errors);
        let start = time_of_day(&raw.time, file, errors);
        let end = time_of_day(&raw.end, file, errors);
        if let (Some(end_at), None) = (&raw.end, &raw.time) {
            errors.push(
                file.error(end_at.span(), "an event with an end time needs a start time")
                    .with_hint("give `time` too, or leave `end` out"),
            );
        }
        if let (Some(s), Some(e), Some(end_at)) = (start, end, &raw.end) {
            if e <= s {
                errors.push(
                    file.error(end_at.span(), "the end time must be later than the start time")
                        .with_hint("times are HH:MM on the event's day, in JST"),
                );
            }
        }
        let id = match &raw.id {
            Some(id) => {
                let ok = !id.get_ref().is_empty()
                    && id.get_ref().chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if !ok {
                    errors.push(
                        file.error(id.span(), format!("event id `{}` must be letters, digits, - and _", id.get_ref()))
                            .with_hint("e.g. id = \"agm-2026\""),
                    );
                }
                id.get_ref().clone()
            }
            None => format!("{}-{}", raw.date.get_ref(), raw.kind.get_ref()),
        };
        if let Some(first) = accepted.iter().find(|e| e.id == id) {
            errors.push(
                Error::input(
                    Stage::Data,
                    location.clone(),
                    format!("event `{id}` is listed twice (first on line {})", first.location.line.unwrap_or(0)),
                )
                .with_hint("two events of one type on one day need an `id` each"),
            );
        }
        if errors.len() > before {
            return None;
        }
        Some(Event {
            id,
            type_id: raw.kind.into_inner(),
            date: date?,
            start,
            end,
            title: raw.title,
            place: raw.place,
            location,
        })
    }

    /// By date and time.
    fn order(events: &mut [Event]) {
        events.sort_by(|a, b| (a.date, a.start).cmp(&(b.date, b.start)));
    }
}

/// The site's events, by date and time.
pub type Events = TypedData<Event>;

impl Events {
    /// Events on or after the build date, soonest first, and events before it, latest first.
    pub fn split(&self, today: BuildDate) -> (Vec<&Event>, Vec<&Event>) {
        let (upcoming, mut past): (Vec<&Event>, Vec<&Event>) =
            self.entries.iter().partition(|e| e.date >= today.date());
        past.reverse();
        (upcoming, past)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const TYPES: &str = "[[type]]\nid = \"agm\"\nja = \"株主総会\"\nen = \"AGM\"\n";

    #[test]
    fn an_event_on_the_build_date_is_upcoming() {
        let text = format!(
            "{TYPES}[[event]]\ntype = \"agm\"\ndate = \"2026-06-24\"\ntime = \"10:00\"\ntitle = {{ ja = \"総会\", en = \"AGM\" }}\n\
             [[event]]\ntype = \"agm\"\ndate = \"2025-06-25\"\ntitle = {{ ja = \"前回\", en = \"Last\" }}\n"
        );
        let calendar = Events::parse(Path::new("content"), Path::new("calendar.toml"), &text).unwrap();
        let (upcoming, past) = calendar.split(BuildDate::parse("2026-06-24").unwrap());
        assert_eq!(upcoming.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["2026-06-24-agm"]);
        assert_eq!(past.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["2025-06-25-agm"]);
        let (upcoming, past) = calendar.split(BuildDate::parse("2026-06-25").unwrap());
        assert!(upcoming.is_empty());
        assert_eq!(past.len(), 2);
    }

    #[test]
    fn bad_times_name_their_line() {
        let text = format!(
            "{TYPES}[[event]]\ntype = \"agm\"\ndate = \"2026-06-24\"\ntime = \"25:00\"\ntitle = {{ ja = \"a\", en = \"b\" }}\n"
        );
        let err = Events::parse(Path::new("content"), Path::new("calendar.toml"), &text).unwrap_err().to_string();
        assert!(err.contains("calendar.toml:8") && err.contains("25:00"), "{err}");
    }
}
