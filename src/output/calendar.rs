//! The IR calendar as an iCalendar file (RFC 5545), one per language, for calendar apps to
//! import: each event keeps its UID across builds, DTSTAMP is the build date (never the clock,
//! so a rebuild gives the same bytes), and timed events are in Asia/Tokyo with the zone
//! defined in the file.

use chrono::Duration;
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, EventLike};

use crate::build_date::BuildDate;
use crate::events::Events;
use crate::lang::Lang;

/// Japan has kept UTC+9 without daylight saving time since 1952: one STANDARD rule. Written
/// as text because the calendar crate has no time-zone component of its own (and would give
/// any other component a DTSTAMP and UID, which VTIMEZONE must not have).
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r
TZID:Asia/Tokyo\r
BEGIN:STANDARD\r
DTSTART:19700101T000000\r
TZOFFSETFROM:+0900\r
TZOFFSETTO:+0900\r
TZNAME:JST\r
END:STANDARD\r
END:VTIMEZONE\r
";

pub const TIME_ZONE: &str = "Asia/Tokyo";

/// Where the file of `lang` is written, from the output root.
pub fn calendar_path(lang: Lang) -> String {
    format!("{}/calendar.ics", lang.code())
}

/// The calendar of `lang`. `host` (the base URL's host) makes UIDs unique to the site;
/// `calendar_name` is what apps show for the imported calendar; `page_url` is the absolute
/// URL of the calendar page, given to every event.
pub fn ics(events: &Events, lang: Lang, today: BuildDate, host: &str, calendar_name: &str, page_url: &str) -> String {
    let mut calendar = Calendar::empty();
    for (key, value) in
        [("VERSION", "2.0"), ("PRODID", "-//irsite//IR calendar//EN"), ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH")]
    {
        calendar.append_property(icalendar::Property::new(key, value));
    }
    calendar.name(calendar_name);
    calendar.append_property(icalendar::Property::new("X-WR-TIMEZONE", TIME_ZONE));
    for event in &events.entries {
        let mut entry = icalendar::Event::new();
        entry.uid(&format!("{}.{}@{host}", event.id, lang.code()));
        entry.timestamp(today.start_utc());
        let type_label = events.type_label(&event.type_id).map(|t| t.label(lang)).unwrap_or_default();
        entry.summary(event.title.get(lang));
        entry.add_property("CATEGORIES", type_label);
        entry.url(page_url);
        if let Some(place) = &event.place {
            entry.location(place.get(lang));
        }
        match event.start {
            Some(start) => {
                let at = |time| {
                    DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
                        date_time: event.date.and_time(time),
                        tzid: TIME_ZONE.to_string(),
                    })
                };
                entry.starts(at(start));
                if let Some(end) = event.end {
                    entry.ends(at(end));
                }
            }
            None => {
                // An all-day event ends (exclusively) on the next day.
                entry.starts(DatePerhapsTime::Date(event.date));
                entry.ends(DatePerhapsTime::Date(event.date + Duration::days(1)));
            }
        }
        calendar.push(entry.done());
    }
    let mut text = calendar.done().to_string();
    // The zone goes after the calendar's properties, before the first event.
    let at = text.find("BEGIN:VEVENT").or_else(|| text.find("END:VCALENDAR")).unwrap_or(text.len());
    text.insert_str(at, VTIMEZONE);
    if !text.ends_with("\r\n") {
        text.push_str("\r\n");
    }
    text
}
