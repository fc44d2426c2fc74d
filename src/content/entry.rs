//! Dated entries: the news and timely disclosures under `content/{lang}/news/`, with a date
//! (JST), a category of the site's list, the state of the English disclosure and attachments.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use crate::config::{key_location, value_location, Config};
use crate::error::{Error, Location, Result, Stage};
use crate::lang::Lang;

/// The folder of a language folder that holds dated entries.
pub const NEWS_DIR: &str = "news";

/// Front matter keys of an entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFront {
    pub title: String,
    pub description: Option<String>,
    pub slug: Option<String>,
    pub date: Option<toml::Value>,
    pub category: Option<String>,
    pub english: Option<String>,
    pub english_date: Option<toml::Value>,
    pub english_title: Option<String>,
    #[serde(default)]
    pub attachments: Vec<AttachmentFront>,
    pub translation_of: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentFront {
    pub file: String,
    pub title: String,
}

/// A date in Japan time, with the time of day when the entry gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct EntryDate {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl EntryDate {
    /// The moment for ordering and feeds: a date alone counts as the start of that day.
    pub fn moment(&self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }

    /// `2024-05-10` or `2024-05-10T15:00:00+09:00`, for `<time datetime>`.
    pub fn iso(&self) -> String {
        match self.time {
            None => self.date.format("%Y-%m-%d").to_string(),
            Some(_) => self.rfc3339(),
        }
    }

    /// The moment in RFC 3339 with the JST offset.
    pub fn rfc3339(&self) -> String {
        self.moment().format("%Y-%m-%dT%H:%M:%S+09:00").to_string()
    }

    /// ja `2024年5月10日 15:00`, en `May 10, 2024, 15:00 JST`.
    pub fn label(&self, lang: Lang) -> String {
        let date = match lang {
            Lang::Ja => self.date.format("%Y年%-m月%-d日").to_string(),
            Lang::En => self.date.format("%B %-d, %Y").to_string(),
        };
        match (self.time, lang) {
            (None, _) => date,
            (Some(t), Lang::Ja) => format!("{date} {}", t.format("%H:%M")),
            (Some(t), Lang::En) => format!("{date}, {} JST", t.format("%H:%M")),
        }
    }
}

/// How the English disclosure of a Japanese entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnglishStatus {
    /// The English entry is a full translation.
    Full,
    /// The English entry is a summary (outline) of the Japanese one.
    Summary,
    /// No English version: the entry is exempt from the twin rule.
    JapaneseOnly,
    /// The English version followed later, on this date.
    Delayed(EntryDate),
}

impl EnglishStatus {
    /// The word of the front matter, also the suffix of the theme's Fluent keys.
    pub fn id(&self) -> &'static str {
        match self {
            EnglishStatus::Full => "full",
            EnglishStatus::Summary => "summary",
            EnglishStatus::JapaneseOnly => "japanese-only",
            EnglishStatus::Delayed(_) => "delayed",
        }
    }

    pub fn has_english(&self) -> bool {
        !matches!(self, EnglishStatus::JapaneseOnly)
    }
}

const STATUS_WORDS: &str = "full, summary, japanese-only or delayed";

/// A file published with an entry, from the site's `static/` folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Path below `static/`, which is also its path from the site root.
    pub file: String,
    pub title: String,
    /// Size in bytes, read at build time.
    pub bytes: u64,
    /// Upper-case file extension: `PDF`, `XLSX`.
    pub kind: String,
}

/// What an entry adds to a page. English entries take date and category from their Japanese
/// twin once both languages are loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub date: EntryDate,
    pub category: String,
    /// Japanese entries only.
    pub english: Option<EnglishStatus>,
    /// Japanese-only entries: the title the English list shows (otherwise the Japanese title).
    pub english_title: Option<String>,
    pub attachments: Vec<Attachment>,
}

/// Validates an entry's front matter (everything that can be checked within the one file).
pub fn parse_entry(config: &Config, lang: Lang, path: &Path, source: &str, front: &EntryFront) -> Result<Entry> {
    let at = |key: &str| {
        let loc = key_location(path, source, key);
        if loc.line.is_some() {
            loc
        } else {
            Location::line(path, 1)
        }
    };
    let fail = |key: &str, message: String| Error::input(Stage::FrontMatter, at(key), message);
    let news = config.news.as_ref().ok_or_else(|| {
        Error::input(Stage::Content, Location::file(path), "a news entry, but site.toml has no [news] section")
            .with_hint("add [news] with [[news.categories]] (id, ja, en) to site.toml; see docs/authoring.md")
    })?;
    let mut attachments = Vec::new();
    for item in &front.attachments {
        attachments.push(attachment(config, path, source, item)?);
    }
    if lang != Lang::Ja {
        for key in ["date", "category", "english", "english_date", "english_title"] {
            let set = match key {
                "date" => front.date.is_some(),
                "category" => front.category.is_some(),
                "english" => front.english.is_some(),
                "english_date" => front.english_date.is_some(),
                _ => front.english_title.is_some(),
            };
            if set {
                return Err(fail(key, format!("`{key}` is written on the Japanese entry only"))
                    .with_hint("the English entry takes its date, category and status from its Japanese twin"));
            }
        }
        return Ok(Entry {
            date: EntryDate::default(),
            category: String::new(),
            english: None,
            english_title: None,
            attachments,
        });
    }
    let date = match &front.date {
        Some(value) => parse_date(value).map_err(|m| fail("date", format!("`date`: {m}")))?,
        None => return Err(fail("date", "an entry needs a `date`".into()).with_hint("e.g. date = 2024-05-10")),
    };
    let category = front.category.clone().ok_or_else(|| {
        fail("category", "an entry needs a `category`".into())
            .with_hint(format!("categories: {}", category_ids(config)))
    })?;
    if news.category(&category).is_none() {
        return Err(fail("category", format!("unknown category `{category}`"))
            .with_hint(format!("categories in site.toml [news]: {}", category_ids(config))));
    }
    let english = match front.english.as_deref() {
        None => {
            return Err(fail("english", "the entry has no English status (`english`)".into())
                .with_hint(format!("add english = \"…\": {STATUS_WORDS}")))
        }
        Some("full") => EnglishStatus::Full,
        Some("summary") => EnglishStatus::Summary,
        Some("japanese-only") => EnglishStatus::JapaneseOnly,
        Some("delayed") => {
            let value = front.english_date.as_ref().ok_or_else(|| {
                fail("english", "a delayed English version needs `english_date`, the day it was published".into())
            })?;
            let followed = parse_date(value).map_err(|m| fail("english_date", format!("`english_date`: {m}")))?;
            if followed.date < date.date {
                return Err(fail("english_date", "`english_date` is before the entry's `date`".into()));
            }
            EnglishStatus::Delayed(followed)
        }
        Some(other) => {
            return Err(
                fail("english", format!("unknown English status `{other}`")).with_hint(format!("use {STATUS_WORDS}"))
            )
        }
    };
    if front.english_date.is_some() && !matches!(english, EnglishStatus::Delayed(_)) {
        return Err(fail("english_date", "`english_date` is for english = \"delayed\" only".into()));
    }
    if front.english_title.is_some() && english != EnglishStatus::JapaneseOnly {
        return Err(fail("english_title", "`english_title` is for english = \"japanese-only\" only".into())
            .with_hint("an entry with an English version takes its English title from that version"));
    }
    Ok(Entry { date, category, english: Some(english), english_title: front.english_title.clone(), attachments })
}

fn category_ids(config: &Config) -> String {
    let ids: Vec<&str> = config.news.iter().flat_map(|n| n.categories.iter()).map(|c| c.id.as_str()).collect();
    ids.join(", ")
}

/// A date of the front matter: a TOML date or local date-time (JST), or the same as a string.
pub fn parse_date(value: &toml::Value) -> std::result::Result<EntryDate, String> {
    let expected = "expected a date such as 2024-05-10 or 2024-05-10T15:00 (Japan time)";
    let datetime = match value {
        toml::Value::Datetime(d) => *d,
        toml::Value::String(s) => {
            s.trim().parse::<toml::value::Datetime>().map_err(|_| format!("`{s}`: {expected}"))?
        }
        _ => return Err(expected.to_string()),
    };
    let Some(d) = datetime.date else { return Err(format!("`{datetime}` has no date: {expected}")) };
    match datetime.offset {
        None => {}
        Some(toml::value::Offset::Custom { minutes: 540 }) => {}
        Some(_) => return Err(format!("`{datetime}`: dates are Japan time; write them without an offset")),
    }
    let date = NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        .ok_or_else(|| format!("`{datetime}` is not a day of the calendar"))?;
    let time = match datetime.time {
        None => None,
        Some(t) => Some(
            NaiveTime::from_hms_opt(u32::from(t.hour), u32::from(t.minute), u32::from(t.second))
                .ok_or_else(|| format!("`{datetime}` is not a time of day"))?,
        ),
    };
    Ok(EntryDate { date, time })
}

/// An attachment must be a plain file inside the site's `static/` folder (which is published).
fn attachment(config: &Config, path: &Path, source: &str, item: &AttachmentFront) -> Result<Attachment> {
    let location = value_location(path, source, &item.file);
    let fail = |message: String| Error::input(Stage::FrontMatter, location.clone(), message);
    let file = item.file.trim();
    let safe = !file.is_empty()
        && !file.starts_with('/')
        && !file.contains('\\')
        && file.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != "..");
    if !safe {
        return Err(fail(format!("attachment `{file}` is not a path inside static/"))
            .with_hint("write the path below the site's static/ folder, e.g. docs/2024/tanshin.pdf"));
    }
    if item.title.trim().is_empty() {
        return Err(fail(format!("attachment `{file}` has an empty title")));
    }
    let full = config.root.join("static").join(file);
    match std::fs::symlink_metadata(&full) {
        Ok(meta) if meta.file_type().is_file() => {
            let kind = Path::new(file)
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_uppercase)
                .unwrap_or_else(|| "FILE".to_string());
            Ok(Attachment { file: file.to_string(), title: item.title.clone(), bytes: meta.len(), kind })
        }
        Ok(_) => Err(fail(format!("attachment `{file}` is not a plain file in static/"))
            .with_hint("attachments are regular files (not folders or symbolic links)")),
        Err(_) => Err(fail(format!("attachment `{file}` not found: static/{file} does not exist"))
            .with_hint("put the file under the site's static/ folder, or correct the path")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> std::result::Result<EntryDate, String> {
        parse_date(&toml::Value::String(text.into()))
    }

    #[test]
    fn dates_are_japan_time_days_or_moments() {
        let d = date("2024-05-10").unwrap();
        assert_eq!(
            (d.iso(), d.label(Lang::Ja), d.label(Lang::En)),
            ("2024-05-10".into(), "2024年5月10日".into(), "May 10, 2024".into())
        );
        let t = date("2024-05-10T15:30").unwrap();
        assert_eq!(t.iso(), "2024-05-10T15:30:00+09:00");
        assert_eq!(t.label(Lang::Ja), "2024年5月10日 15:30");
        assert_eq!(t.label(Lang::En), "May 10, 2024, 15:30 JST");
        assert!(d < t);
        assert!(date("2024-02-30").unwrap_err().contains("2024-02-30"));
        let leap = toml::value::Datetime {
            date: Some(toml::value::Date { year: 2023, month: 2, day: 29 }),
            time: None,
            offset: None,
        };
        assert!(parse_date(&toml::Value::Datetime(leap)).unwrap_err().contains("not a day"));
        assert!(date("2024-05-10T15:00:00Z").unwrap_err().contains("Japan time"));
        assert!(date("2024-05-10T15:00:00+09:00").is_ok());
        assert!(date("10 May 2024").unwrap_err().contains("expected a date"));
        assert!(parse_date(&toml::Value::Integer(2024)).is_err());
    }
}
