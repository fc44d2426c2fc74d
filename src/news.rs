//! The news lists: every language lists the Japanese entries newest first, each with its
//! English status on the other languages' lists, in pages of `page_size`, with one archive per
//! calendar year (JST) and the newest few on the home page.

use std::collections::{BTreeSet, HashMap};

use chrono::Datelike;
use serde::Serialize;

use crate::config::{Config, NewsConfig};
use crate::content::entry::{EnglishStatus, NEWS_DIR};
use crate::content::{Content, Page};
use crate::error::{Error, Location, Result, Stage};
use crate::format::file_size;
use crate::href::encode_path;
use crate::lang::Lang;

/// One entry as a list shows it in one language.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// The Japanese entry: date, category and status.
    pub original: &'a Page,
    /// The page the list links to: the entry in the list's language, or the Japanese one when
    /// there is no translation.
    pub shown: &'a Page,
    /// On lists of other languages than Japanese.
    pub status: Option<EnglishStatus>,
    /// On the Japanese list: the English version, when there is one (full, summary or
    /// delayed), so that the list can say so and link it.
    pub english: Option<&'a Page>,
}

/// One page of a list: the whole news or one year's, and which of its items it shows.
#[derive(Debug, Clone)]
pub struct ListPage {
    pub lang: Lang,
    /// Path from the site root: `ja/news/`, `ja/news/page/2/`, `ja/news/2024/`.
    pub rel_dir: String,
    pub year: Option<i32>,
    /// 1-based page number and the number of pages of this list.
    pub number: usize,
    pub count: usize,
    /// Range of the list's items (of the year's, for an archive) shown on this page.
    pub start: usize,
    pub end: usize,
}

/// The lists of a site with news.
#[derive(Debug)]
pub struct News<'a> {
    pub config: &'a NewsConfig,
    /// Per language, in the order of `Config::languages`: every entry, newest first.
    items: Vec<(Lang, Vec<Item<'a>>)>,
    /// Position of each entry in every language's list, by page name.
    positions: HashMap<&'a str, usize>,
    pub lists: Vec<ListPage>,
}

/// `ja/news/`
pub fn list_dir(lang: Lang) -> String {
    format!("{lang}/{NEWS_DIR}/")
}

/// The page `number` of a list that starts at `dir`.
fn numbered(dir: &str, number: usize) -> String {
    if number <= 1 {
        dir.to_string()
    } else {
        format!("{dir}page/{number}/")
    }
}

/// Calendar year (JST) of an entry.
pub fn year(page: &Page) -> i32 {
    page.entry.as_ref().map(|e| e.date.date.year()).unwrap_or_default()
}

impl<'a> News<'a> {
    /// `None` when the site has no `[news]`.
    pub fn new(config: &'a Config, content: &'a Content) -> Result<Option<News<'a>>> {
        let Some(news) = config.news.as_ref() else { return Ok(None) };
        let originals = content.entries(Lang::Ja);
        let mut items = Vec::new();
        let mut lists = Vec::new();
        for &lang in &config.languages {
            let list: Vec<Item> = originals
                .iter()
                .map(|original| {
                    let shown = content.twin(original, lang).unwrap_or(original);
                    let status = if lang == Lang::Ja { None } else { original.english_status() };
                    let has_english = original.english_status().is_some_and(|s| s.has_english());
                    let english = (lang == Lang::Ja && has_english).then(|| content.twin(original, Lang::En)).flatten();
                    Item { original, shown, status, english }
                })
                .collect();
            paginate(&mut lists, lang, None, &list_dir(lang), list.len(), news.page_size);
            let years: BTreeSet<i32> = list.iter().map(|i| year(i.original)).collect();
            for &y in years.iter().rev() {
                let count = list.iter().filter(|i| year(i.original) == y).count();
                paginate(&mut lists, lang, Some(y), &format!("{}{y}/", list_dir(lang)), count, news.page_size);
            }
            items.push((lang, list));
        }
        let positions = originals.iter().enumerate().map(|(i, page)| (page.name.as_str(), i)).collect();
        let news = News { config: news, items, positions, lists };
        news.check_urls(content)?;
        Ok(Some(news))
    }

    /// No page of the site may stand where a list page is made.
    fn check_urls(&self, content: &Content) -> Result<()> {
        let made: BTreeSet<&str> = self.lists.iter().map(|l| l.rel_dir.as_str()).collect();
        let errors = content
            .all()
            .filter(|page| made.contains(page.rel_dir().as_str()))
            .map(|page| {
                Error::input(
                    Stage::Content,
                    Location::file(&page.path),
                    format!("{} is also a news list page", page.rel_dir()),
                )
                .with_hint("news/<year>/ and news/page/<n>/ are made by irsite: rename the file or its folder")
            })
            .collect();
        Error::collect(errors)
    }

    /// Every entry of `lang`'s list, newest first.
    pub fn items(&self, lang: Lang) -> &[Item<'a>] {
        self.items.iter().find(|(l, _)| *l == lang).map(|(_, items)| items.as_slice()).unwrap_or_default()
    }

    /// The item of `lang`'s list that shows the entry `page`.
    pub fn item_of(&self, page: &Page) -> Option<&Item<'a>> {
        let item = self.items(page.lang).get(*self.positions.get(page.name.as_str())?)?;
        std::ptr::eq(item.shown, page).then_some(item)
    }

    /// The items a list page shows.
    pub fn page_items(&self, list: &ListPage) -> Vec<Item<'a>> {
        let items = self.items(list.lang).iter();
        let of_year: Vec<Item> = match list.year {
            Some(y) => items.filter(|i| year(i.original) == y).copied().collect(),
            None => items.copied().collect(),
        };
        of_year[list.start..list.end].to_vec()
    }

    /// Years with entries, newest first.
    pub fn years(&self, lang: Lang) -> Vec<i32> {
        let years: BTreeSet<i32> = self.items(lang).iter().map(|i| year(i.original)).collect();
        years.into_iter().rev().collect()
    }

    /// The newest entries for the home page of `lang`.
    pub fn latest(&self, lang: Lang) -> &[Item<'a>] {
        let items = self.items(lang);
        &items[..items.len().min(self.config.home_entries)]
    }

    /// Path of a list page from the site root.
    pub fn list_path(lang: Lang, year: Option<i32>, number: usize) -> String {
        match year {
            Some(y) => numbered(&format!("{}{y}/", list_dir(lang)), number),
            None => numbered(&list_dir(lang), number),
        }
    }

    /// Whether the site has any entry (feeds are written only then).
    pub fn has_entries(&self) -> bool {
        self.items.iter().any(|(_, items)| !items.is_empty())
    }
}

/// The pages of one list of `total` items; an empty list still has its first page.
fn paginate(lists: &mut Vec<ListPage>, lang: Lang, year: Option<i32>, dir: &str, total: usize, size: usize) {
    let count = total.div_ceil(size).max(1);
    for number in 1..=count {
        let start = (number - 1) * size;
        lists.push(ListPage {
            lang,
            rel_dir: numbered(dir, number),
            year,
            number,
            count,
            start,
            end: (start + size).min(total),
        });
    }
}

/// The entry of a list item as templates see it.
#[derive(Debug, Serialize)]
pub struct ItemView {
    pub title: String,
    /// The language of the title and link when it is not the page's (a Japanese-only entry on
    /// the English list).
    pub other_lang: Option<&'static str>,
    pub href: String,
    pub date: String,
    pub datetime: String,
    pub category: String,
    pub category_id: String,
    /// The English status on every list: on the Japanese list only for entries with an
    /// English version, which `english_href` then links.
    pub status: Option<StatusView>,
    pub english_href: Option<String>,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Debug, Serialize)]
pub struct StatusView {
    /// `full`, `summary`, `japanese-only`, `delayed`: the suffix of the `news-status-` keys.
    pub kind: &'static str,
    /// Delayed: the day the English version followed, in the page's language (else empty).
    pub date: String,
    pub datetime: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub href: String,
    pub kind: String,
    pub size: String,
}

impl Item<'_> {
    /// The item on a page of `lang` whose relative root is `root`.
    pub fn view(&self, config: &NewsConfig, lang: Lang, root: &str) -> ItemView {
        let entry = self.original.entry.as_ref().expect("list items are entries");
        let shown_entry = self.shown.entry.as_ref().unwrap_or(entry);
        let other_lang = (self.shown.lang != lang).then(|| self.shown.lang.code());
        let title = match (other_lang, &entry.english_title) {
            (Some(_), Some(english)) if lang == Lang::En => english.clone(),
            _ => self.shown.front.title.clone(),
        };
        let category = config.category(&entry.category).and_then(|c| c.labels.get(&lang)).cloned().unwrap_or_default();
        ItemView {
            title,
            other_lang,
            href: format!("{root}{}", self.shown.rel_dir()),
            date: entry.date.label(lang),
            datetime: entry.date.iso(),
            category,
            category_id: entry.category.clone(),
            status: self.status.or(self.english.and(entry.english)).map(|s| StatusView {
                kind: s.id(),
                date: match s {
                    EnglishStatus::Delayed(d) => d.label(lang),
                    _ => String::new(),
                },
                datetime: match s {
                    EnglishStatus::Delayed(d) => Some(d.iso()),
                    _ => None,
                },
            }),
            english_href: self.english.map(|page| format!("{root}{}", page.rel_dir())),
            attachments: shown_entry
                .attachments
                .iter()
                .map(|a| AttachmentView {
                    title: a.title.clone(),
                    href: format!("{root}{}", encode_path(&a.file)),
                    kind: a.kind.clone(),
                    size: file_size(a.bytes),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_item_once() {
        let mut lists = Vec::new();
        paginate(&mut lists, Lang::Ja, None, "ja/news/", 5, 2);
        let shown: Vec<(String, usize, usize, usize)> =
            lists.iter().map(|l| (l.rel_dir.clone(), l.start, l.end, l.count)).collect();
        assert_eq!(
            shown,
            [("ja/news/".into(), 0, 2, 3), ("ja/news/page/2/".into(), 2, 4, 3), ("ja/news/page/3/".into(), 4, 5, 3)]
        );
        lists.clear();
        paginate(&mut lists, Lang::En, Some(2024), "en/news/2024/", 0, 10);
        assert_eq!((lists.len(), lists[0].start, lists[0].end), (1, 0, 0));
    }
}
