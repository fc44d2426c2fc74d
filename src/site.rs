//! The build pipeline: load → validate → render → write, with the output swapped in atomically.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;

use crate::build_date::BuildDate;
use crate::chart;
use crate::config::Config;
use crate::content::{Content, Page};
use crate::data::Data;
use crate::error::{Error, Location, Result, Stage};
use crate::events::Events;
use crate::figures::{self, FigureUse};
use crate::i18n::Locales;
use crate::lang::Lang;
use crate::library::{Library, LIBRARY_DIR};
use crate::listings;
use crate::markdown::{self, Expansion, Hooks};
use crate::metadata;
use crate::news::{self, ItemView, ListPage, News};
use crate::output::{self, feed, sitemap};
use crate::publish::Staging;
use crate::render::Renderer;
use crate::shortcode::Shortcode;
use crate::tables;
use crate::translations;

/// Everything loaded and validated, ready to render.
pub struct Site {
    pub config: Config,
    pub content: Content,
    pub data: Data,
    pub locales: Arc<Locales>,
    pub renderer: Renderer,
    /// The news list's title per language, for the navigation (empty without news).
    news_titles: BTreeMap<Lang, String>,
    /// Documents of `content/data/library.toml`, files measured.
    pub library: Library,
    /// Events of `content/data/calendar.toml`.
    pub events: Events,
    /// What "today" is for this build: splits the calendar and dates the downloads.
    pub today: BuildDate,
    /// The company's JSON-LD per language: the same on every page, so made once.
    structured_data: BTreeMap<Lang, String>,
}

/// What a build did, for the summary line and for audits.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub pages: Vec<(Lang, usize)>,
    pub charts: usize,
    pub files: usize,
    pub figure_uses: Vec<FigureUse>,
    /// Each rendered page, for link and anchor checks. Filled by [`Site::render_all`] only:
    /// a build writes each page as it is rendered and keeps no HTML in memory.
    pub records: Vec<PageRecord>,
    /// Files made while rendering pages (chart CSVs), as paths from the output root.
    pub generated: BTreeSet<String>,
}

/// One rendered page: its Markdown links (with lines) and its HTML.
#[derive(Debug, Clone)]
pub struct PageRecord {
    pub lang: Lang,
    pub name: String,
    pub path: PathBuf,
    /// Path from the site root: `ja/` or `ja/about/`.
    pub rel_dir: String,
    pub links: Vec<markdown::Link>,
    /// The whole page as written.
    pub html: String,
    /// The part of `html` made from the Markdown body.
    pub content_html: String,
}

impl Site {
    /// Loads the site with the build date from `SOURCE_DATE_EPOCH` or the system clock.
    pub fn load(config: Config) -> Result<Site> {
        Site::load_on(config, BuildDate::resolve(None)?)
    }

    /// Loads the site for a build on `today`.
    pub fn load_on(config: Config, today: BuildDate) -> Result<Site> {
        // Independent inputs are all loaded so one pass reports every error.
        let content = Content::load(&config);
        let data = Data::load_with(&config.root, &config.data_dir(), config.fiscal_year);
        let locales = Locales::load(&config);
        let library = Library::load(&config);
        let events = Events::load(&config);
        let (content, data, locales, library, events) = match (content, data, locales, library, events) {
            (Ok(c), Ok(d), Ok(l), Ok(b), Ok(e)) => (c, d, l, b, e),
            (c, d, l, b, e) => {
                let errors = [c.err(), d.err(), l.err(), b.err(), e.err()].into_iter().flatten().collect();
                return Err(Error::collect(errors).unwrap_err());
            }
        };
        let locales = Arc::new(locales);
        check_data_labels(&data, &locales)?;
        // The news lists are made from the pages: an entry standing where a list page goes is
        // an input error, found before rendering.
        News::new(&config, &content)?;
        let renderer = Renderer::new(&config, locales.clone())?;
        let news_templates: &[&str] = if config.news.is_some() { &["news.html", "entry.html"] } else { &[] };
        for name in ["page.html", "home.html", "index.html", "404.html"].iter().chain(news_templates) {
            if !renderer.has(name) {
                return Err(Error::input(
                    Stage::Template,
                    Location::file(config.theme_dir().join("templates").join(name)),
                    format!("the theme has no `{name}`"),
                ));
            }
        }
        let mut news_titles = BTreeMap::new();
        if config.news.is_some() {
            for &lang in &config.languages {
                let title = locales.text(lang, "news-title", &[]).map_err(|m| {
                    Error::input(Stage::Locale, Location::file(config.locales_dir().join(lang.code())), m)
                        .with_hint("a site with [news] defines news-title and the other news- strings of the theme")
                })?;
                news_titles.insert(lang, title);
            }
        }
        let structured_data =
            config.languages.iter().map(|&lang| (lang, metadata::structured_data(&config, lang))).collect();
        Ok(Site { config, content, data, locales, renderer, news_titles, library, events, today, structured_data })
    }

    /// Renders every page and writes the site into `output`, replacing it only on success.
    pub fn build(&self, output: &Path) -> Result<BuildReport> {
        let (staging, report) = self.stage(output)?;
        staging.publish()?;
        Ok(report)
    }

    /// Writes the whole site into a staging folder beside `output`, ready to be published in
    /// its place; a failure removes the staging folder and leaves `output` as it was.
    pub fn stage(&self, output: &Path) -> Result<(Staging, BuildReport)> {
        let staging = Staging::create(output, &self.config.root)?;
        let report = self.write_all(staging.path())?;
        Ok((staging, report))
    }

    /// Renders every page without writing anything: what `check` validates.
    pub fn render_all(&self) -> Result<BuildReport> {
        let mut report = self.render_pages(&self.content.all().collect::<Vec<_>>(), None)?;
        self.render_news(None, &mut report)?;
        Ok(report)
    }

    /// The news lists, when the site has `[news]`.
    pub fn news(&self) -> Result<Option<News<'_>>> {
        News::new(&self.config, &self.content)
    }

    /// Renders `pages` again into an existing output folder, leaving the rest as it is: the
    /// fast path of `serve` when only page bodies changed.
    pub fn rewrite_pages(&self, out: &Path, pages: &[&Page]) -> Result<usize> {
        self.render_pages(pages, Some(out))?;
        Ok(pages.len())
    }

    fn write_all(&self, out: &Path) -> Result<BuildReport> {
        let mut report = self.render_pages(&self.content.all().collect::<Vec<_>>(), Some(out))?;
        self.render_news(Some(out), &mut report)?;
        report.files += self.write_root_files(out)?;
        report.files += self.write_downloads(out)?;
        // Static files go last, into a folder holding every generated file: one that would
        // replace a generated page, CSV, sitemap or feed is found there and refused.
        report.files += copy_static(&self.config, out)?;
        Ok(report)
    }

    fn render_pages(&self, pages: &[&Page], out: Option<&Path>) -> Result<BuildReport> {
        let written = Mutex::new(BTreeSet::new());
        // What the templates read decides what each page's context holds: the full navigation
        // is one entry per page, so building it for every page makes a build quadratic.
        let needs: Vec<(&str, Needs)> = ["page.html", "home.html", "entry.html"]
            .into_iter()
            .map(|name| (name, Needs::of(&self.renderer, name)))
            .collect();
        let news = self.news()?;
        let results: Vec<Result<PageOutput>> = pages
            .par_iter()
            .map(|page| {
                let template = template_name(page);
                let needs = needs.iter().find(|(n, _)| *n == template).map(|(_, n)| n).unwrap_or(&needs[0].1);
                self.render_page(page, out, &written, needs, news.as_ref())
            })
            .collect();
        let mut errors = Vec::new();
        let mut report = BuildReport::default();
        for result in results {
            match result {
                Ok(output) => {
                    report.figure_uses.extend(output.figure_uses);
                    report.charts += output.charts;
                    report.files += 1;
                    report.generated.extend(output.generated);
                    report.records.extend(output.record);
                }
                Err(e) => errors.push(e),
            }
        }
        Error::collect(errors)?;
        report.files += written.lock().map(|w| w.len()).unwrap_or(0);
        report.figure_uses.sort();
        for lang in &self.config.languages {
            report.pages.push((*lang, self.content.pages[lang].len()));
        }
        Ok(report)
    }

    fn render_page(
        &self,
        page: &Page,
        out: Option<&Path>,
        written: &Mutex<BTreeSet<PathBuf>>,
        needs: &Needs,
        news: Option<&News>,
    ) -> Result<PageOutput> {
        let rel_dir = page.rel_dir();
        let root = relative_root(&rel_dir);
        let mut hooks = PageHooks {
            site: self,
            page,
            root: &root,
            figure_uses: Vec::new(),
            files: Vec::new(),
            charts: 0,
            placements: BTreeMap::new(),
        };
        let rendered = markdown::render(&page.path, page.body(), page.body_line, &mut hooks)?;
        let mut context = self.page_context(page, &root, &rendered, needs, news)?;
        if let Some(news) = news {
            self.news_context(&mut context, page, &root, news);
        }
        let template = template_name(page);
        let mut record = None;
        if let Some(out) = out {
            // Rendered straight into the file: a build holds no page's HTML longer than its render.
            let path = out.join(&rel_dir).join("index.html");
            let file = create_file(&path)?;
            let mut writer = std::io::BufWriter::with_capacity(64 * 1024, file);
            self.renderer.render_to(template, &context, &mut writer)?;
            std::io::Write::flush(&mut writer).map_err(|e| Error::io(&path, e))?;
            for (rel, bytes) in &hooks.files {
                let path = out.join(rel);
                let fresh = written.lock().map(|mut w| w.insert(path.clone())).unwrap_or(true);
                if fresh {
                    write_file(&path, bytes)?;
                }
            }
        } else {
            if let Ok(mut w) = written.lock() {
                for (rel, _) in &hooks.files {
                    w.insert(PathBuf::from(rel));
                }
            }
            let html = self.renderer.render(template, &context)?;
            drop(context);
            record = Some(PageRecord {
                lang: page.lang,
                name: page.name.clone(),
                path: page.path.clone(),
                rel_dir,
                links: rendered.links,
                html,
                content_html: rendered.html,
            });
        }
        let generated = hooks.files.iter().map(|(rel, _)| rel.clone()).collect();
        Ok(PageOutput { figure_uses: hooks.figure_uses, charts: hooks.charts, generated, record })
    }

    fn page_context<'a>(
        &'a self,
        page: &Page,
        root: &str,
        rendered: &markdown::Rendered,
        needs: &Needs,
        news: Option<&News>,
    ) -> Result<tera::Context> {
        let lang = page.lang;
        let mut ctx = self.common_context(lang, root, &page.rel_dir(), news);
        let canonical = format!("{}{}", self.config.base_url, page.rel_dir());
        ctx.insert(
            "social",
            &metadata::social(&self.config, lang, &page.front.title, &page.front.description, &canonical),
        );
        let toc: Vec<TocEntry> = rendered
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .map(|h| TocEntry { id: h.id.clone(), text: h.text.clone() })
            .collect();
        ctx.insert(
            "page",
            &PageView {
                name: &page.name,
                title: &page.front.title,
                description: &page.front.description,
                content: &rendered.html,
                is_home: page.is_home(),
                toc,
                stale_original: self.stale_original(page, root),
            },
        );
        let siblings = self.content.regular(lang);
        let nav_item = |p: &'a Page| NavItem {
            title: p.nav_title(),
            full_title: &p.front.title,
            description: &p.front.description,
            href: format!("{root}{}", p.rel_dir()),
            current: p.name == page.name,
            is_home: p.is_home(),
        };
        if needs.nav {
            self.insert_nav(&mut ctx, lang, root, page.entry.is_some(), siblings.iter().map(nav_item).collect());
        }
        if page.entry.is_none() {
            let position = self.content.position(lang, &page.name).unwrap_or(0);
            ctx.insert("prev", &position.checked_sub(1).and_then(|i| siblings.get(i)).map(nav_item));
            ctx.insert("next", &siblings.get(position + 1).map(nav_item));
        } else {
            ctx.insert("prev", &None::<NavItem>);
            ctx.insert("next", &None::<NavItem>);
        }
        let mut alternates = Vec::new();
        for &other in &self.config.languages {
            if let Some(twin) = self.content.twin(page, other) {
                alternates.push(Alternate {
                    lang: other.code(),
                    href: format!("{root}{}", twin.rel_dir()),
                    url: format!("{}{}", self.config.base_url, twin.rel_dir()),
                    current: other == lang,
                });
            }
        }
        // A Japanese-only entry: the switcher offers the English news list, which shows the
        // entry's status, instead of a translation that does not exist.
        if page.english_status() == Some(crate::content::entry::EnglishStatus::JapaneseOnly) {
            for &other in self.config.languages.iter().filter(|l| **l != lang) {
                alternates.push(Alternate {
                    lang: other.code(),
                    href: format!("{root}{}", news::list_dir(other)),
                    url: String::new(),
                    current: false,
                });
            }
        }
        ctx.insert("x_default", &self.x_default(page));
        ctx.insert("alternates", &alternates);
        Ok(ctx)
    }

    /// What every page of `lang` at `rel_dir` has: language, paths, site title, feed.
    fn common_context(&self, lang: Lang, root: &str, rel_dir: &str, news: Option<&News>) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang.code());
        ctx.insert("root", root);
        ctx.insert("site_title", &self.config.titles[&lang]);
        ctx.insert("base_url", &self.config.base_url);
        ctx.insert("canonical", &format!("{}{rel_dir}", self.config.base_url));
        ctx.insert("company", &metadata::company(&self.config, lang, root));
        match self.structured_data.get(&lang) {
            Some(data) => ctx.insert("structured_data", data),
            None => ctx.insert("structured_data", &metadata::structured_data(&self.config, lang)),
        }
        let feed = news.filter(|n| n.has_entries()).map(|_| format!("{root}{}", feed::feed_path(lang)));
        ctx.insert("feed", &feed);
        ctx.insert("english_status", &None::<&str>);
        ctx.insert("latest_news", &Vec::<ItemView>::new());
        ctx.insert("fiscal_year", &self.data.fiscal_year_note(lang));
        ctx
    }

    /// The navigation: the pages by weight, with the news list at its weight.
    fn insert_nav<'a>(
        &'a self,
        ctx: &mut tera::Context,
        lang: Lang,
        root: &str,
        in_news: bool,
        mut nav: Vec<NavItem<'a>>,
    ) {
        if let (Some(config), Some(title)) = (self.config.news.as_ref(), self.news_titles.get(&lang)) {
            let regular = self.content.regular(lang);
            let at =
                regular.iter().position(|p| !p.is_home() && p.front.weight > config.weight).unwrap_or(regular.len());
            nav.insert(
                at,
                NavItem {
                    title,
                    full_title: title,
                    description: title,
                    href: format!("{root}{}", news::list_dir(lang)),
                    current: in_news,
                    is_home: false,
                },
            );
        }
        ctx.insert("nav", &nav);
    }

    /// News on pages: the newest entries on the home page, an entry's own date, category,
    /// status and attachments on its page.
    fn news_context(&self, ctx: &mut tera::Context, page: &Page, root: &str, news: &News) {
        let lang = page.lang;
        ctx.insert("news_href", &format!("{root}{}", news::list_dir(lang)));
        if page.is_home() {
            let latest: Vec<ItemView> = news.latest(lang).iter().map(|i| i.view(news.config, lang, root)).collect();
            ctx.insert("latest_news", &latest);
        }
        if page.entry.is_some() {
            let view = news.item_of(page).map(|i| i.view(news.config, lang, root));
            ctx.insert("entry", &view);
            ctx.insert("english_status", &page.english_status().map(|s| s.id()));
            let original = (lang != Lang::Ja).then(|| self.content.twin(page, Lang::Ja)).flatten();
            ctx.insert("original_href", &original.map(|o| format!("{root}{}", o.rel_dir())));
        }
    }

    /// Renders the news list pages (and, into `out`, the feeds), adding them to `report`.
    fn render_news(&self, out: Option<&Path>, report: &mut BuildReport) -> Result<()> {
        let Some(news) = self.news()? else { return Ok(()) };
        let needs = Needs::of(&self.renderer, "news.html");
        let results: Vec<Result<Option<PageRecord>>> =
            news.lists.par_iter().map(|list| self.render_list(&news, list, out, &needs)).collect();
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(record) => {
                    report.files += 1;
                    report.records.extend(record);
                }
                Err(e) => errors.push(e),
            }
        }
        Error::collect(errors)?;
        if news.has_entries() {
            for &lang in &self.config.languages {
                let path = feed::feed_path(lang);
                if let Some(out) = out {
                    let xml = self.feed_xml(&news, lang)?;
                    write_file(&out.join(&path), xml.as_bytes())?;
                }
                report.generated.insert(path);
                report.files += 1;
            }
        }
        Ok(())
    }

    /// The Atom feed of `lang`.
    pub fn feed_xml(&self, news: &News, lang: Lang) -> Result<String> {
        let text = |key: &str, args: &[(&str, String)]| {
            self.locales.text(lang, key, args).map_err(|m| {
                Error::input(Stage::Locale, Location::file(self.config.locales_dir().join(lang.code())), m)
            })
        };
        let title = text("news-feed-title", &[("site", self.config.titles[&lang].clone())])?;
        let status_words = |status: &crate::content::entry::EnglishStatus| {
            let date = match status {
                crate::content::entry::EnglishStatus::Delayed(d) => d.label(lang),
                _ => String::new(),
            };
            text(&format!("news-status-{}", status.id()), &[("date", date)]).unwrap_or_default()
        };
        let words = feed::FeedText { title, author: self.config.titles[&lang].clone(), status: &status_words };
        feed::atom(news, lang, &self.config.base_url, &words).ok_or_else(|| {
            Error::input(Stage::Output, Location::file(feed::feed_path(lang)), "the feed could not be written")
        })
    }

    fn render_list(
        &self,
        news: &News,
        list: &ListPage,
        out: Option<&Path>,
        needs: &Needs,
    ) -> Result<Option<PageRecord>> {
        let lang = list.lang;
        let root = relative_root(&list.rel_dir);
        let mut ctx = self.common_context(lang, &root, &list.rel_dir, Some(news));
        let text = |key: &str, args: &[(&str, String)]| self.locales.text(lang, key, args).unwrap_or_default();
        let title = match list.year {
            Some(year) => text("news-archive-title", &[("year", year.to_string())]),
            None => text("news-title", &[]),
        };
        let description = text("news-description", &[]);
        let canonical = format!("{}{}", self.config.base_url, list.rel_dir);
        ctx.insert("social", &metadata::social(&self.config, lang, &title, &description, &canonical));
        if needs.nav {
            let nav = self
                .content
                .regular(lang)
                .iter()
                .map(|p| NavItem {
                    title: p.nav_title(),
                    full_title: &p.front.title,
                    description: &p.front.description,
                    href: format!("{root}{}", p.rel_dir()),
                    current: false,
                    is_home: p.is_home(),
                })
                .collect();
            self.insert_nav(&mut ctx, lang, &root, true, nav);
        }
        let alternates: Vec<Alternate> = self
            .config
            .languages
            .iter()
            .map(|&other| {
                let rel = News::list_path(other, list.year, list.number);
                Alternate {
                    lang: other.code(),
                    href: format!("{root}{rel}"),
                    url: format!("{}{rel}", self.config.base_url),
                    current: other == lang,
                }
            })
            .collect();
        ctx.insert("alternates", &alternates);
        let default = News::list_path(self.config.default_language, list.year, list.number);
        ctx.insert("x_default", &Some(format!("{}{default}", self.config.base_url)));
        ctx.insert("news_href", &format!("{root}{}", news::list_dir(lang)));
        let items: Vec<ItemView> = news.page_items(list).iter().map(|i| i.view(news.config, lang, &root)).collect();
        let years: Vec<YearLink> = news
            .years(lang)
            .into_iter()
            .map(|year| YearLink {
                year,
                href: format!("{root}{}", News::list_path(lang, Some(year), 1)),
                current: list.year == Some(year),
            })
            .collect();
        let pages: Vec<PageLink> = (1..=list.count)
            .map(|number| PageLink {
                number,
                href: format!("{root}{}", News::list_path(lang, list.year, number)),
                current: number == list.number,
            })
            .collect();
        ctx.insert(
            "listing",
            &ListingView {
                year: list.year,
                number: list.number,
                count: list.count,
                items,
                years,
                prev: (list.number > 1).then(|| pages[list.number - 2].href.clone()),
                next: pages.get(list.number).map(|p| p.href.clone()),
                pages,
            },
        );
        let name = list.rel_dir.trim_start_matches(&format!("{lang}/")).trim_end_matches('/').to_string();
        if let Some(out) = out {
            let path = out.join(&list.rel_dir).join("index.html");
            let file = create_file(&path)?;
            let mut writer = std::io::BufWriter::new(file);
            self.renderer.render_to("news.html", &ctx, &mut writer)?;
            std::io::Write::flush(&mut writer).map_err(|e| Error::io(&path, e))?;
            return Ok(None);
        }
        let html = self.renderer.render("news.html", &ctx)?;
        Ok(Some(PageRecord {
            lang,
            name,
            path: self.config.theme_dir().join("templates").join("news.html"),
            rel_dir: list.rel_dir.clone(),
            links: Vec::new(),
            html,
            content_html: String::new(),
        }))
    }

    /// The hreflang `x-default` of a page, as an absolute URL.
    fn x_default(&self, page: &Page) -> Option<String> {
        sitemap::x_default(&self.config, &self.content, page).map(|rel| format!("{}{rel}", self.config.base_url))
    }

    /// The original's relative URL when `page` is a translation that lags behind it.
    fn stale_original(&self, page: &Page, root: &str) -> Option<String> {
        let source_lang = self.config.default_language;
        if page.lang == source_lang {
            return None;
        }
        let original = self.content.twin(page, source_lang)?;
        match translations::page_state(page, original) {
            translations::State::Stale { .. } => Some(format!("{root}{}", original.rel_dir())),
            _ => None,
        }
    }

    /// Files of the site besides pages: library documents, calendar files and workbooks, as
    /// paths from the output root.
    pub fn download_paths(&self) -> Vec<String> {
        let mut paths = Vec::new();
        for doc in &self.library.entries {
            paths.extend(std::iter::once(&doc.ja).chain(&doc.en).map(|f| format!("{LIBRARY_DIR}/{}", f.rel_path)));
        }
        for &lang in &self.config.languages {
            if !self.events.is_empty() {
                paths.push(output::calendar::calendar_path(lang));
            }
            if !self.data.tables.is_empty() {
                paths.push(output::workbook::workbook_path(lang));
            }
        }
        paths
    }

    fn write_downloads(&self, out: &Path) -> Result<usize> {
        let mut count = 0;
        for doc in &self.library.entries {
            for file in std::iter::once(&doc.ja).chain(&doc.en) {
                let target = out.join(LIBRARY_DIR).join(&file.rel_path);
                let mut copy = create_file(&target)?;
                crate::input::copy(&self.config.root, &file.source, Stage::Data, &mut copy)?;
                count += 1;
            }
        }
        for (path, bytes) in self.generated_downloads()? {
            write_file(&out.join(path), &bytes)?;
            count += 1;
        }
        Ok(count)
    }

    /// The calendar files and workbooks of every language, as (path from the output root,
    /// bytes).
    pub fn generated_downloads(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut files = Vec::new();
        for &lang in &self.config.languages {
            let text = |key: &str| self.locales.text(lang, key, &[]);
            if !self.events.is_empty() {
                let url = |path: &str| format!("{}{path}", self.config.base_url);
                let page =
                    self.calendar_page(lang).map(|p| url(&p.rel_dir())).unwrap_or_else(|| url(&format!("{lang}/")));
                let name = format!(
                    "{} – {}",
                    self.config.titles[&lang],
                    text("calendar-file-name").map_err(|m| self.output_error(m))?
                );
                let ics = output::calendar::ics(&self.events, lang, self.today, self.host(), &name, &page);
                files.push((output::calendar::calendar_path(lang), ics.into_bytes()));
            }
            if !self.data.tables.is_empty() {
                let bytes = output::workbook::xlsx(
                    &self.data,
                    &self.config.fiscal_year,
                    lang,
                    &text,
                    &self.config.titles[&lang],
                    self.today,
                )
                .map_err(|m| self.output_error(format!("workbook: {m}")))?;
                files.push((output::workbook::workbook_path(lang), bytes));
            }
        }
        Ok(files)
    }

    /// The page that shows the calendar (uses the `calendar` shortcode), for event links.
    fn calendar_page(&self, lang: Lang) -> Option<&Page> {
        let shows_calendar =
            |p: &&Page| crate::shortcode::scan(p.body()).is_ok_and(|codes| codes.iter().any(|c| c.name == "calendar"));
        self.content.pages.get(&lang)?.iter().find(shows_calendar)
    }

    /// The host of the base URL, which makes calendar UIDs unique to the site.
    fn host(&self) -> &str {
        let after_scheme = self.config.base_url.find("://").map(|i| i + 3).unwrap_or(0);
        let rest = &self.config.base_url[after_scheme..];
        rest.split('/').next().unwrap_or(rest)
    }

    fn output_error(&self, message: String) -> Error {
        Error::input(Stage::Output, Location::file(self.config.data_dir()), message)
    }

    fn write_root_files(&self, out: &Path) -> Result<usize> {
        for (name, html) in self.root_pages()? {
            write_file(&out.join(name), html.as_bytes())?;
        }
        let news = self.news()?;
        let sitemap = sitemap::sitemap(&self.config, &self.content, news.as_ref());
        write_file(&out.join("sitemap.xml"), sitemap.as_bytes())?;
        write_file(&out.join("robots.txt"), sitemap::robots(&self.config).as_bytes())?;
        Ok(4)
    }

    /// The pages at the site root: the language chooser and the not-found page.
    pub fn root_pages(&self) -> Result<Vec<(&'static str, String)>> {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", self.config.default_language.code());
        ctx.insert("root", "");
        ctx.insert("base_url", &self.config.base_url);
        ctx.insert("base_path", self.config.base_path());
        ctx.insert("fiscal_year", &self.data.fiscal_year_note(self.config.default_language));
        let languages = self.language_choices(|l| format!("{}/", l.code()));
        ctx.insert("languages", &languages);
        ctx.insert("site_title", &self.config.titles[&self.config.default_language]);
        let feeds = match self.news()? {
            Some(news) if news.has_entries() => self.language_choices(feed::feed_path),
            _ => Vec::new(),
        };
        ctx.insert("feeds", &feeds);
        let lang = self.config.default_language;
        let title = languages.iter().map(|l| l.title.as_str()).collect::<Vec<_>>().join(" / ");
        ctx.insert("canonical", &self.config.base_url);
        ctx.insert("company", &metadata::company(&self.config, lang, ""));
        ctx.insert("social", &metadata::social(&self.config, lang, &title, &title, &self.config.base_url));
        ctx.insert("structured_data", &metadata::structured_data(&self.config, lang));
        Ok(vec![
            ("index.html", self.renderer.render("index.html", &ctx)?),
            ("404.html", self.renderer.render("404.html", &ctx)?),
        ])
    }

    /// One entry per language for the root pages, linking to `href_of(lang)` (relative to the
    /// site root) and its absolute URL.
    fn language_choices(&self, href_of: impl Fn(Lang) -> String) -> Vec<LanguageChoice> {
        let choice = |l: &Lang| {
            let href = href_of(*l);
            LanguageChoice {
                lang: l.code(),
                title: self.config.titles[l].clone(),
                url: format!("{}{}", self.config.base_url, href),
                href,
            }
        };
        self.config.languages.iter().map(choice).collect()
    }

    /// Every page with its language alternates (`xhtml:link`).
    pub fn sitemap(&self) -> Result<String> {
        Ok(sitemap::sitemap(&self.config, &self.content, self.news()?.as_ref()))
    }
}

struct PageOutput {
    figure_uses: Vec<FigureUse>,
    charts: usize,
    generated: Vec<String>,
    record: Option<PageRecord>,
}

#[derive(Serialize)]
struct PageView<'a> {
    name: &'a str,
    title: &'a str,
    description: &'a str,
    content: &'a str,
    is_home: bool,
    toc: Vec<TocEntry>,
    /// On a translation whose original changed since it was marked: the original's URL.
    stale_original: Option<String>,
}

#[derive(Serialize)]
struct TocEntry {
    id: String,
    text: String,
}

#[derive(Serialize)]
struct NavItem<'a> {
    title: &'a str,
    full_title: &'a str,
    description: &'a str,
    href: String,
    current: bool,
    is_home: bool,
}

fn template_name(page: &Page) -> &'static str {
    if page.is_home() {
        "home.html"
    } else if page.entry.is_some() {
        "entry.html"
    } else {
        "page.html"
    }
}

#[derive(Serialize)]
struct ListingView {
    year: Option<i32>,
    number: usize,
    count: usize,
    items: Vec<ItemView>,
    years: Vec<YearLink>,
    pages: Vec<PageLink>,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Serialize)]
struct YearLink {
    year: i32,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    href: String,
    current: bool,
}

/// Context entries that cost more than a few strings, and whether a template reads them.
struct Needs {
    nav: bool,
}

impl Needs {
    fn of(renderer: &Renderer, template: &str) -> Needs {
        Needs { nav: renderer.reads(template, "nav") }
    }
}

#[derive(Serialize)]
struct Alternate {
    lang: &'static str,
    href: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct LanguageChoice {
    lang: &'static str,
    title: String,
    href: String,
    url: String,
}

/// Shortcodes and internal links of one page.
struct PageHooks<'a> {
    site: &'a Site,
    page: &'a Page,
    root: &'a str,
    figure_uses: Vec<FigureUse>,
    /// Extra files for the site (chart CSVs), as (path from the output root, bytes).
    files: Vec<(String, Vec<u8>)>,
    charts: usize,
    /// How many times each chart is placed on the page so far: a chart placed again gets
    /// element ids of its own.
    placements: BTreeMap<&'a str, usize>,
}

impl Hooks for PageHooks<'_> {
    fn shortcode(&mut self, code: &Shortcode, location: &Location) -> Result<Expansion> {
        let lang = self.page.lang;
        let fail = |message: String| Error::input(Stage::Shortcode, location.clone(), message);
        match code.name.as_str() {
            "fig" => {
                let (text, row) = figures::render_fig(&self.site.data, code, lang).map_err(fail)?;
                let id = code.str_arg("id").ok().flatten().unwrap_or_default().to_string();
                self.figure_uses.push(FigureUse {
                    id,
                    row,
                    lang,
                    page: self.page.name.clone(),
                    line: location.line.unwrap_or(0),
                    text: text.clone(),
                });
                // A figure and its unit never break across lines (2,263億円 / ¥226.3 billion).
                Ok(Expansion::Span { class: "fig", text })
            }
            "chart" => {
                code.check_args(&["id"]).map_err(fail)?;
                let id = code.str_arg("id").map_err(fail)?.ok_or_else(|| fail("`chart` needs id=\"…\"".into()))?;
                let spec = self.site.data.charts.get(id).ok_or_else(|| {
                    fail(format!("unknown chart id `{id}`")).with_hint(format!(
                        "charts defined in content/data/charts.toml: {}",
                        self.site.data.charts.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
                    ))
                })?;
                let placement = self.placements.entry(spec.id.as_str()).or_default();
                *placement += 1;
                let placement = *placement;
                let text = |key: &str| self.site.locales.text(lang, key, &[]);
                let out = chart::render_placement(spec, &self.site.data, lang, &text, self.root, placement)
                    .map_err(|m| Error::input(Stage::Chart, spec.location.clone(), format!("chart `{id}`: {m}")))?;
                self.files.extend(out.files);
                self.charts += 1;
                Ok(Expansion::Block(out.html))
            }
            "table" => {
                let text = |key: &str| self.site.locales.text(lang, key, &[]);
                let table = tables::build(&self.site.data, code, lang, &text)
                    .map_err(|e| fail(e.to_string()).with_hint(e.hint()))?;
                self.figure_uses.extend(table.uses(lang, &self.page.name, location.line.unwrap_or(0)));
                let mut ctx = tera::Context::new();
                ctx.insert("lang", lang.code());
                ctx.insert("table", &table.view);
                self.site.renderer.render("partials/table.html", &ctx).map(Expansion::Block)
            }
            "library" | "calendar" | "workbook" => {
                code.check_args(&[]).map_err(fail)?;
                self.listing(&code.name).map_err(fail).map(Expansion::Block)
            }
            other => Err(fail(format!("unknown shortcode `{other}`"))
                .with_hint("available shortcodes: fig, table, chart, library, calendar, workbook")),
        }
    }

    fn reserved_id(&self, id: &str) -> Option<String> {
        if let Some(template) = self.site.renderer.template_writing_id(id) {
            return Some(format!("the theme's template `{template}`"));
        }
        let chart = self.site.data.charts.keys().find(|chart| chart::writes_id(chart, id))?;
        Some(format!("the chart `{chart}`"))
    }

    fn internal_link(&mut self, target: &str, location: &Location) -> Result<String> {
        self.page_link(target, location)
    }
}

impl PageHooks<'_> {
    /// The library, calendar or workbook block, rendered by the theme's partial of that name.
    fn listing(&self, name: &str) -> std::result::Result<String, String> {
        let site = self.site;
        let lang = self.page.lang;
        let has_workbook = !site.data.tables.is_empty();
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang.code());
        match name {
            "library" if site.library.is_empty() => {
                return Err("`library` needs documents in content/data/library.toml".into())
            }
            "library" => ctx
                .insert("library", &listings::library_view(&site.library, &site.config.fiscal_year, lang, self.root)?),
            "calendar" if site.events.is_empty() => {
                return Err("`calendar` needs events in content/data/calendar.toml".into())
            }
            "calendar" => ctx.insert("calendar", &listings::calendar_view(&site.events, lang, self.root, site.today)?),
            _ if !has_workbook => return Err("`workbook` needs data tables in content/data/".into()),
            _ => ctx.insert("workbook", &listings::workbook_view(lang, self.root)),
        }
        site.renderer.render(&format!("partials/{name}.html"), &ctx).map_err(|e| e.to_string())
    }

    fn page_link(&mut self, target: &str, location: &Location) -> Result<String> {
        let (file, anchor) = match target.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (target, None),
        };
        let name = file.strip_suffix(".md").unwrap_or(file);
        let page = self.site.content.page(self.page.lang, name).ok_or_else(|| {
            Error::input(Stage::Content, location.clone(), format!("link to unknown page `@/{target}`"))
                .with_hint("internal links name a file of the same language folder, e.g. @/results.md#highlights")
        })?;
        let mut url = format!("{}{}", self.root, page.rel_dir());
        if let Some(anchor) = anchor {
            url.push('#');
            url.push_str(anchor);
        }
        Ok(url)
    }
}

/// Fluent keys named by data files must exist (both languages are checked for parity already).
fn check_data_labels(data: &Data, locales: &Locales) -> Result<()> {
    let errors = data
        .label_keys()
        .into_iter()
        .filter(|(key, _)| !locales.has(Lang::Ja, key))
        .map(|(key, location)| {
            Error::input(Stage::Locale, location, format!("translation key `{key}` is not defined in locales/"))
                .with_hint(format!("add `{key} = …` to locales/ja/ and locales/en/"))
        })
        .collect();
    Error::collect(errors)
}

/// `../../` for `ja/about/`: pages link relatively so the site works under any path.
pub fn relative_root(rel_dir: &str) -> String {
    "../".repeat(rel_dir.matches('/').count())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::io::Write::write_all(&mut create_file(path)?, bytes).map_err(|e| Error::io(path, e))
}

/// Creates (or truncates) a file, making its folder when missing. No fsync: the staging
/// folder is swapped in by rename, and a crash leaves the previous site in place.
fn create_file(path: &Path) -> Result<std::fs::File> {
    if let Some(parent) = path.parent() {
        // Most pages have a folder of their own, new in the staging folder: one mkdir, no
        // walk up the path.
        match std::fs::create_dir(parent) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(_) => std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?,
        }
    }
    std::fs::File::create(path).map_err(|e| Error::io(path, e))
}

/// The error for a static file at `path` that would replace the generated file `rel`.
pub fn static_collision(path: &Path, rel: &str) -> Error {
    Error::input(
        Stage::Output,
        Location::file(path),
        format!("this static file would replace the generated file `{rel}`"),
    )
    .with_hint(
        "rename or move the static file; generated pages, CSVs, feeds, calendar files, workbooks and library \
         documents are never replaced",
    )
}

/// Writes the theme's static files, each replaced by the site's `static/` file of that name.
/// A static file never replaces a generated one (already in `out`).
fn copy_static(config: &Config, out: &Path) -> Result<usize> {
    let files = crate::theme::files(config, "static", Some("static"));
    let inputs = crate::input::Inputs::new(&config.root);
    let mut errors = Vec::new();
    for (name, source) in &files {
        let target = out.join(name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let mut file = match std::fs::File::create_new(&target) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                errors.push(static_collision(&source.path, name));
                continue;
            }
            Err(e) => return Err(Error::io(&target, e)),
        };
        match &source.source {
            crate::theme::Source::File(path) => {
                inputs.copy(path, Stage::Output, &mut file)?;
            }
            crate::theme::Source::BuiltIn(bytes) => {
                std::io::Write::write_all(&mut file, bytes).map_err(|e| Error::io(&target, e))?;
            }
        }
    }
    Error::collect(errors)?;
    Ok(files.len())
}
