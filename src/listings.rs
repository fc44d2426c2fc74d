//! The library, calendar and workbook blocks that pages place with the `library`, `calendar`
//! and `workbook` shortcodes, rendered through the theme's partials (`partials/library.html`,
//! `partials/calendar.html`, `partials/workbook.html`) from the views built here. The words
//! around the data are the partials' own, from the locales.

use serde::Serialize;

use crate::build_date::BuildDate;
use crate::events::{Event, Events};
use crate::format::date_label;
use crate::format::file_size;
use crate::href::encode_path;
use crate::lang::Lang;
use crate::library::{Library, LIBRARY_DIR};
use crate::model::{FiscalYear, Period};
use crate::output::calendar::calendar_path;
use crate::output::workbook::workbook_path;

/// The documents only: the workbook has its own shortcode, so that a page that places both
/// links it once.
#[derive(Serialize)]
pub struct LibraryView {
    pub periods: Vec<PeriodView>,
}

#[derive(Serialize)]
pub struct PeriodView {
    pub id: String,
    pub label: String,
    pub documents: Vec<DocumentView>,
}

#[derive(Serialize)]
pub struct DocumentView {
    pub title: String,
    pub type_label: String,
    pub date: String,
    pub date_label: String,
    pub href: String,
    /// `PDF`, `Excel`, … and `1.2 MB`.
    pub kind: &'static str,
    pub size: String,
    /// On an English page: only the Japanese file exists, and the link leads to it.
    pub japanese_only: bool,
}

pub fn library_view(library: &Library, calendar: &FiscalYear, lang: Lang, root: &str) -> Result<LibraryView, String> {
    let mut periods = Vec::new();
    for (period, documents) in library.by_period() {
        let mut views = Vec::new();
        for doc in documents {
            let (file, japanese_only) = doc.file_for(lang);
            views.push(DocumentView {
                title: doc.title.get(lang).to_string(),
                type_label: library.type_label(&doc.type_id).map(|t| t.label(lang).to_string()).unwrap_or_default(),
                date: doc.date.clone(),
                date_label: date_label(&doc.date, lang).map_err(|e| e.to_string())?,
                href: format!("{root}{LIBRARY_DIR}/{}", encode_path(&file.rel_path)),
                kind: file.kind,
                size: file_size(file.bytes),
                japanese_only,
            });
        }
        periods.push(PeriodView {
            id: period.to_lowercase(),
            label: calendar
                .label(&Period::parse(period).map_err(|e| format!("`{}` is not a fiscal period", e.0))?, lang),
            documents: views,
        });
    }
    Ok(LibraryView { periods })
}

#[derive(Serialize)]
pub struct CalendarView {
    pub upcoming: Vec<EventView>,
    pub past: Vec<EventView>,
    pub ics: String,
    /// The build date that split the events, in words.
    pub today: String,
}

#[derive(Serialize)]
pub struct EventView {
    pub title: String,
    pub type_label: String,
    pub date_label: String,
    /// The `datetime` of the `<time>` element: `2026-05-12` or `2026-05-12T15:00+09:00`.
    pub datetime: String,
    /// `15:00` in Japan Standard Time; none for an all-day event.
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: Option<String>,
}

pub fn calendar_view(events: &Events, lang: Lang, root: &str, today: BuildDate) -> Result<CalendarView, String> {
    let (upcoming, past) = events.split(today);
    let view = |list: Vec<&Event>| -> Result<Vec<EventView>, String> {
        list.into_iter().map(|e| event_view(events, e, lang)).collect()
    };
    Ok(CalendarView {
        upcoming: view(upcoming)?,
        past: view(past)?,
        ics: format!("{root}{}", calendar_path(lang)),
        today: date_label(&today.iso(), lang).map_err(|e| e.to_string())?,
    })
}

fn event_view(events: &Events, event: &Event, lang: Lang) -> Result<EventView, String> {
    let date = event.date.format("%Y-%m-%d").to_string();
    let start = event.start.map(|t| t.format("%H:%M").to_string());
    Ok(EventView {
        title: event.title.get(lang).to_string(),
        type_label: events.type_label(&event.type_id).map(|t| t.label(lang).to_string()).unwrap_or_default(),
        date_label: date_label(&date, lang).map_err(|e| e.to_string())?,
        datetime: match &start {
            Some(time) => format!("{date}T{time}+09:00"),
            None => date,
        },
        start,
        end: event.end.map(|t| t.format("%H:%M").to_string()),
        place: event.place.as_ref().map(|p| p.get(lang).to_string()),
    })
}

#[derive(Serialize)]
pub struct WorkbookView {
    pub href: String,
}

pub fn workbook_view(lang: Lang, root: &str) -> WorkbookView {
    WorkbookView { href: format!("{root}{}", workbook_path(lang)) }
}
