//! `sitemap.xml` and `robots.txt`: the language chooser and every page with its language
//! alternates.

use crate::config::Config;
use crate::content::{Content, Page};
use crate::news::News;
use crate::render::escape_html;

/// The language chooser, every page and news list page, each with its alternates (`xhtml:link`).
pub fn sitemap(config: &Config, content: &Content, news: Option<&News>) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let mut url = |own: String, alternates: Vec<(&str, String)>, default: Option<String>| {
        let absolute = |rel: &str| escape_html(&format!("{}{rel}", config.base_url));
        xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", absolute(&own)));
        for (lang, rel) in alternates {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                absolute(&rel)
            ));
        }
        if let Some(rel) = default {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                absolute(&rel)
            ));
        }
        xml.push_str("  </url>\n");
    };
    // The language chooser at the root: the same cluster as the home pages.
    let homes = config.languages.iter().map(|lang| (lang.code(), format!("{}/", lang.code()))).collect();
    url(String::new(), homes, Some(String::new()));
    for page in content.all() {
        let alternates = config
            .languages
            .iter()
            .filter_map(|&lang| content.twin(page, lang).map(|twin| (lang.code(), twin.rel_dir())))
            .collect();
        url(page.rel_dir(), alternates, x_default(config, content, page));
    }
    for list in news.map(|n| n.lists.as_slice()).unwrap_or_default() {
        let alternates =
            config.languages.iter().map(|&lang| (lang.code(), News::list_path(lang, list.year, list.number))).collect();
        url(list.rel_dir.clone(), alternates, Some(News::list_path(config.default_language, list.year, list.number)));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The hreflang `x-default` of a page, from the site root: the language chooser at the root
/// (`""`) for the home pages, as the chooser names itself; else the default language's twin.
pub fn x_default(config: &Config, content: &Content, page: &Page) -> Option<String> {
    if page.is_home() {
        return Some(String::new());
    }
    content.twin(page, config.default_language).map(|twin| twin.rel_dir())
}

pub fn robots(config: &Config) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", config.base_url)
}
