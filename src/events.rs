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

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use toml::Spanned;

use crate::build_date::BuildDate;
use crate::config::{toml_error, Config};
use crate::error::{Error, LineIndex, Location, Result, Stage};
use crate::library::{check_date, check_types, unknown_type, Bilingual, TypeLabel};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    #[serde(rename = "type", default)]
    types: Vec<Spanned<TypeLabel>>,
    #[serde(rename = "event", default)]
    events: Vec<Spanned<RawEvent>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
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

#[derive(Debug, Clone, Default)]
pub struct Events {
    pub types: Vec<TypeLabel>,
    /// Sorted by date and time.
    pub events: Vec<Event>,
    pub path: Option<PathBuf>,
}

impl Events {
    pub fn file_path(config: &Config) -> PathBuf {
        config.data_dir().join("calendar.toml")
    }

    /// The site's events; none when it has no `calendar.toml`.
    pub fn load(config: &Config) -> Result<Events> {
        let path = Events::file_path(config);
        if !path.exists() {
            return Ok(Events::default());
        }
        let text = crate::input::read_text(&config.root, &path, Stage::Data)?;
        Events::parse(&path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Events> {
        let raw: RawCalendar = toml::from_str(text).map_err(|e| toml_error(Stage::Data, path, text, 1, &e))?;
        let lines = LineIndex::new(text);
        let at = |span: std::ops::Range<usize>| Location::line(path, lines.line(span.start));
        let types = check_types(raw.types, "event", &at)?;
        let mut errors = Vec::new();
        let mut events: Vec<Event> = Vec::new();
        for entry in raw.events {
            let location = at(entry.span());
            let raw = entry.into_inner();
            let before = errors.len();
            if !types.iter().any(|t| t.id == *raw.kind.get_ref()) {
                errors.push(unknown_type(raw.kind.get_ref(), &types, "event", at(raw.kind.span())));
            }
            let date = check_date(raw.date.get_ref())
                .and_then(|()| NaiveDate::parse_from_str(raw.date.get_ref(), "%Y-%m-%d").map_err(|e| e.to_string()));
            let date = date.map_err(|m| errors.push(Error::input(Stage::Data, at(raw.date.span()), m))).ok();
            let mut time = |value: &Option<Spanned<String>>| -> Option<NaiveTime> {
                let value = value.as_ref()?;
                let text = value.get_ref();
                let parsed = NaiveTime::parse_from_str(text, "%H:%M").ok().filter(|_| text.len() == 5);
                if parsed.is_none() {
                    errors.push(
                        Error::input(
                            Stage::Data,
                            at(value.span()),
                            format!("time `{text}` must be HH:MM (24-hour, JST)"),
                        )
                        .with_hint("e.g. time = \"15:00\"; leave the time out for an all-day event"),
                    );
                }
                parsed
            };
            let start = time(&raw.time);
            let end = time(&raw.end);
            if let (Some(end_at), None) = (&raw.end, &raw.time) {
                errors.push(Error::input(
                    Stage::Data,
                    at(end_at.span()),
                    "an event with an end time needs a start time",
                ));
            }
            if let (Some(s), Some(e)) = (start, end) {
                if e <= s {
                    errors.push(Error::input(
                        Stage::Data,
                        at(raw.end.as_ref().map(|e| e.span()).unwrap_or(0..0)),
                        "the end time must be later than the start time",
                    ));
                }
            }
            let id = match &raw.id {
                Some(id) => {
                    let ok = !id.get_ref().is_empty()
                        && id.get_ref().chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    if !ok {
                        errors.push(Error::input(
                            Stage::Data,
                            at(id.span()),
                            format!("event id `{}` must be letters, digits, - and _", id.get_ref()),
                        ));
                    }
                    id.get_ref().clone()
                }
                None => format!("{}-{}", raw.date.get_ref(), raw.kind.get_ref()),
            };
            if let Some(first) = events.iter().find(|e| e.id == id) {
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
                continue;
            }
            let Some(date) = date else { continue };
            events.push(Event {
                id,
                type_id: raw.kind.into_inner(),
                date,
                start,
                end,
                title: raw.title,
                place: raw.place,
                location,
            });
        }
        Error::collect(errors)?;
        events.sort_by(|a, b| (a.date, a.start).cmp(&(b.date, b.start)));
        Ok(Events { types, events, path: Some(path.to_path_buf()) })
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn type_label(&self, id: &str) -> Option<&TypeLabel> {
        self.types.iter().find(|t| t.id == id)
    }

    /// Events on or after the build date, soonest first, and events before it, latest first.
    pub fn split(&self, today: BuildDate) -> (Vec<&Event>, Vec<&Event>) {
        let (upcoming, mut past): (Vec<&Event>, Vec<&Event>) = self.events.iter().partition(|e| e.date >= today.date());
        past.reverse();
        (upcoming, past)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPES: &str = "[[type]]\nid = \"agm\"\nja = \"株主総会\"\nen = \"AGM\"\n";

    #[test]
    fn an_event_on_the_build_date_is_upcoming() {
        let text = format!(
            "{TYPES}[[event]]\ntype = \"agm\"\ndate = \"2026-06-24\"\ntime = \"10:00\"\ntitle = {{ ja = \"総会\", en = \"AGM\" }}\n\
             [[event]]\ntype = \"agm\"\ndate = \"2025-06-25\"\ntitle = {{ ja = \"前回\", en = \"Last\" }}\n"
        );
        let calendar = Events::parse(Path::new("calendar.toml"), &text).unwrap();
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
        let err = Events::parse(Path::new("calendar.toml"), &text).unwrap_err().to_string();
        assert!(err.contains("calendar.toml:8") && err.contains("25:00"), "{err}");
    }
}
