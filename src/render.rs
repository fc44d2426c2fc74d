//! Templates: tera templates of the theme (see `theme`), overridable by the site's
//! `templates/`, with the `t()` function reading Fluent strings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Context, Kwargs, State, Tera};

use crate::config::Config;
use crate::error::{Error, Location, Result, Stage};
use crate::i18n::Locales;
use crate::lang::Lang;
use crate::theme::{self, ThemeFile};

pub struct Renderer {
    tera: Tera,
    /// Template name → file it was loaded from, for error locations.
    sources: BTreeMap<String, PathBuf>,
    /// Element ids the templates write as literal text (`id="main"`) → the template.
    ids: BTreeMap<String, String>,
}

/// Template files: the theme's, with the site's `templates/` taking precedence by name.
pub fn template_files(config: &Config) -> BTreeMap<String, ThemeFile> {
    theme::files(config, "templates", Some("templates"))
}

impl Renderer {
    pub fn new(config: &Config, locales: Arc<Locales>) -> Result<Renderer> {
        let files = template_files(config);
        if files.is_empty() {
            return Err(Error::input(
                Stage::Template,
                Location::file(config.theme_dir().join("templates")),
                "no templates found",
            )
            .with_hint(format!("is the theme `{}` in themes/?", config.theme)));
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        let mut raw = Vec::new();
        for (name, file) in &files {
            raw.push((name.clone(), file.text(&config.root, Stage::Template)?));
        }
        let sources: BTreeMap<String, PathBuf> = files.into_iter().map(|(name, file)| (name, file.path)).collect();
        // Functions are registered first: tera checks every call when templates are added.
        let strings = locales.clone();
        tera.register_function("t", move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            translate(&strings, kwargs, state)
        });
        // `has_text(key="footer-source")`: whether the site or theme defines an optional string.
        tera.register_function("has_text", move |kwargs: Kwargs, state: &State| -> tera::TeraResult<bool> {
            let key: String = kwargs.must_get("key")?;
            Ok(locales.has(page_lang(&kwargs, state)?, &key))
        });
        tera.add_raw_templates(raw.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| template_error(&sources, &e))?;
        let mut ids = BTreeMap::new();
        for (name, text) in &raw {
            for id in literal_ids(text) {
                ids.entry(id.to_string()).or_insert_with(|| name.clone());
            }
        }
        Ok(Renderer { tera, sources, ids })
    }

    /// The template that writes the element id `id` into pages, if one does.
    pub fn template_writing_id(&self, id: &str) -> Option<&str> {
        self.ids.get(id).map(String::as_str)
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    pub fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera.render(name, context).map_err(|e| template_error(&self.sources, &e))
    }

    /// Renders into `out` (a buffered file) without building the page as a string first.
    pub fn render_to(&self, name: &str, context: &Context, out: impl std::io::Write) -> Result<()> {
        self.tera.render_to(name, context, out).map_err(|e| template_error(&self.sources, &e))
    }

    /// Whether `template` (with the templates it extends and includes) may read the top-level
    /// variable `name`. Errs on the side of yes when tera cannot tell.
    pub fn reads(&self, template: &str, name: &str) -> bool {
        self.tera.get_template_variables(template).map(|vars| vars.contains(name)).unwrap_or(true)
    }
}

/// The values of `id="…"` attributes written out in a template; ids made by template code
/// (`id="{{ x }}"`) are not known before rendering and are left out.
fn literal_ids(template: &str) -> impl Iterator<Item = &str> {
    template.match_indices("id=").filter_map(move |(at, _)| {
        let before = template[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            return None;
        }
        let rest = &template[at + 3..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &rest[1..rest[1..].find(quote)? + 1];
        (!value.is_empty() && !value.contains(['{', '}', ' '])).then_some(value)
    })
}

/// `t(key="nav-home", name="…")`: the message in the page's language (`lang` in the context).
fn translate(locales: &Locales, kwargs: Kwargs, state: &State) -> tera::TeraResult<String> {
    let key: String = kwargs.must_get("key")?;
    let lang = page_lang(&kwargs, state)?;
    let mut args = Vec::new();
    for (name, value) in kwargs.iter() {
        let name = name.to_string();
        if name != "key" && name != "lang" {
            let text = value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string());
            args.push((name, text));
        }
    }
    let args: Vec<(&str, String)> = args.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
    locales.text(lang, &key, &args).map_err(tera::Error::message)
}

/// The language a string function reads: `lang=` (e.g. on the bilingual 404 page), else the
/// page's `lang`.
fn page_lang(kwargs: &Kwargs, state: &State) -> tera::TeraResult<Lang> {
    let lang: String = match kwargs.get::<String>("lang")? {
        Some(l) => l,
        None => {
            state.get("lang")?.ok_or_else(|| tera::Error::message("t(): `lang` is not set in the template context"))?
        }
    };
    lang.parse().map_err(tera::Error::message)
}

fn template_error(sources: &BTreeMap<String, PathBuf>, err: &tera::Error) -> Error {
    let report = match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    match report {
        Some(r) => {
            let path = sources.get(r.filename()).cloned().unwrap_or_else(|| PathBuf::from(r.filename()));
            let span = r.span();
            let mut message = r.message().to_string();
            if let Some(source) = std::error::Error::source(err) {
                message = format!("{message}: {source}");
            }
            let error = Error::input(Stage::Template, Location::at(path, span.start_line, span.start_col + 1), message);
            if r.message() == "Unknown tag" {
                // tera's word for an end tag met while an inner tag is still open.
                return error.with_hint(
                    "is the tag misspelled, or an {% if %} or {% for %} above it left without its end tag?",
                );
            }
            error
        }
        None => {
            let mut message = err.to_string();
            let mut source = std::error::Error::source(err);
            while let Some(s) = source {
                message = format!("{message}: {s}");
                source = s.source();
            }
            // Checks made when templates are added (unknown filter, function or template) come
            // as one report; its first ` --> name:line:col` tells which file to name.
            let location = report_location(sources, &message).unwrap_or_else(|| Location::file(Path::new("templates")));
            Error::input(Stage::Template, location, message)
        }
    }
}

/// The first ` --> name:line:col` of a tera report, as a location in the template's file.
fn report_location(sources: &BTreeMap<String, PathBuf>, message: &str) -> Option<Location> {
    let rest = &message[message.find("--> ")? + 4..];
    let spot = rest.lines().next()?.trim();
    let mut parts = spot.rsplitn(3, ':');
    let column: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let path = sources.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
    Some(Location::at(path, line, column))
}

/// Text escaped for HTML and SVG content and attributes (`&`, `<`, `>`, `"`, `'`), the same
/// escaping the templates apply.
pub fn escape_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}
