//! `sitemap.xml` and `robots.txt`: every page with its language alternates.

use crate::config::Config;
use crate::content::Content;
use crate::news::News;
use crate::render::escape_html;

/// Every page and news list page, each with its alternates (`xhtml:link`).
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
    for page in content.all() {
        let alternates = config
            .languages
            .iter()
            .filter_map(|&lang| content.twin(page, lang).map(|twin| (lang.code(), twin.rel_dir())))
            .collect();
        let default = content.twin(page, config.default_language).map(|d| d.rel_dir());
        url(page.rel_dir(), alternates, default);
    }
    for list in news.map(|n| n.lists.as_slice()).unwrap_or_default() {
        let alternates =
            config.languages.iter().map(|&lang| (lang.code(), News::list_path(lang, list.year, list.number))).collect();
        url(list.rel_dir.clone(), alternates, Some(News::list_path(config.default_language, list.year, list.number)));
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(config: &Config) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", config.base_url)
}
