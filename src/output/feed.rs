//! One Atom feed (RFC 4287) per language of the news entries, with absolute URLs from the base
//! URL. Its `updated` is the newest entry's date, so a rebuild of the same input writes the
//! same bytes.

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text, WriteConfig};
use chrono::FixedOffset;

use crate::content::entry::{EnglishStatus, EntryDate};
use crate::lang::Lang;
use crate::news::{list_dir, News};

/// Path of `lang`'s feed from the site root.
pub fn feed_path(lang: Lang) -> String {
    format!("{}feed.xml", list_dir(lang))
}

/// Words of the site for the feed: titles and category labels.
pub struct FeedText<'a> {
    /// The feed's title, e.g. "Test Corp IR: News".
    pub title: String,
    /// The publisher, named as the author of every entry.
    pub author: String,
    /// The English status of an entry in the feed's language.
    pub status: &'a dyn Fn(&EnglishStatus) -> String,
}

fn jst(date: &EntryDate) -> FixedDateTime {
    let offset = FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset");
    date.moment().and_local_timezone(offset).single().expect("a fixed offset maps every local time once")
}

/// The feed of `lang` as XML, or `None` when it has no entry (a feed needs an `updated` date).
pub fn atom(news: &News, lang: Lang, base_url: &str, text: &FeedText) -> Option<String> {
    let items = news.items(lang);
    let newest = items.first()?.original.entry.as_ref()?;
    let list_url = format!("{base_url}{}", list_dir(lang));
    let mut feed = Feed {
        title: Text::plain(text.title.clone()),
        id: list_url.clone(),
        updated: jst(&newest.date),
        authors: vec![Person { name: text.author.clone(), ..Default::default() }],
        lang: Some(lang.code().to_string()),
        ..Default::default()
    };
    feed.links = vec![
        Link {
            href: format!("{base_url}{}", feed_path(lang)),
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Default::default()
        },
        Link {
            href: list_url.clone(),
            rel: "alternate".into(),
            hreflang: Some(lang.code().into()),
            mime_type: Some("text/html".into()),
            ..Default::default()
        },
    ];
    for item in items {
        let Some(entry) = item.original.entry.as_ref() else { continue };
        let url = format!("{base_url}{}", item.shown.rel_dir());
        let mut title = Text::plain(match (&entry.english_title, item.shown.lang != lang) {
            (Some(english), true) => english.clone(),
            _ => item.shown.front.title.clone(),
        });
        if item.shown.lang != lang && entry.english_title.is_none() {
            title.lang = Some(item.shown.lang.code().into());
        }
        let mut categories = Vec::new();
        if let Some(category) = news.config.category(&entry.category) {
            categories.push(Category {
                term: category.id.clone(),
                scheme: Some(list_url.clone()),
                label: category.labels.get(&lang).cloned(),
            });
        }
        let mut summary = None;
        if let Some(status) = item.status {
            let words = (text.status)(&status);
            categories.push(Category {
                term: format!("english-{}", status.id()),
                scheme: Some(format!("{list_url}#english-status")),
                label: Some(words.clone()),
            });
            summary = Some(words);
        }
        let description = &item.shown.front.description;
        if description != &item.shown.front.title {
            summary = Some(match summary {
                Some(words) => format!("{description} ({words})"),
                None => description.clone(),
            });
        }
        feed.entries.push(Entry {
            title,
            id: url.clone(),
            updated: jst(&entry.date),
            published: Some(jst(&entry.date)),
            links: vec![Link {
                href: url,
                rel: "alternate".into(),
                hreflang: Some(item.shown.lang.code().into()),
                mime_type: Some("text/html".into()),
                ..Default::default()
            }],
            categories,
            summary: summary.map(Text::plain),
            ..Default::default()
        });
    }
    let mut xml = Vec::new();
    let config = WriteConfig { write_document_declaration: true, indent_size: Some(1) };
    feed.write_with_config(&mut xml, config).ok()?;
    let mut xml = String::from_utf8(xml).ok()?;
    xml.push('\n');
    Some(xml)
}
