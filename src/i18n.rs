//! Interface strings from Fluent files, one bundle per language: the theme's
//! (`locales/{lang}/*.ftl` of the theme, see `theme`), then the site's `locales/{lang}/*.ftl`,
//! whose keys replace the theme's.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::config::Config;
use crate::error::{Error, Location, Result, Stage};
use crate::lang::Lang;
use crate::theme::ThemeFile;

pub struct Locales {
    bundles: BTreeMap<Lang, FluentBundle<FluentResource>>,
    /// Where each message is defined, per language.
    keys: BTreeMap<Lang, BTreeMap<String, Location>>,
    /// Keys the theme defines, per language, whether the site replaces their text or not.
    theme_keys: BTreeMap<Lang, BTreeSet<String>>,
    /// Keys looked up during a build, for the unused-key report: a flag per defined key, so
    /// the lookups of parallel page renders share no lock.
    used: HashMap<String, AtomicBool>,
    /// Looked-up keys that are defined nowhere (rare: the lookup fails).
    used_unknown: Mutex<BTreeSet<String>>,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales").field("keys", &self.keys).finish()
    }
}

impl Locales {
    pub fn load(config: &Config) -> Result<Locales> {
        let mut errors = Vec::new();
        let mut bundles = BTreeMap::new();
        let mut keys = BTreeMap::new();
        let mut theme_key_sets = BTreeMap::new();
        for &lang in &config.languages {
            let dir = config.locales_dir().join(lang.code());
            let theme_files: Vec<ThemeFile> = crate::theme::files(config, &format!("locales/{}", lang.code()), None)
                .into_values()
                .filter(|f| f.path.extension().is_some_and(|x| x == "ftl"))
                .collect();
            let site_files = ftl_files(&dir);
            if theme_files.is_empty() && site_files.is_empty() {
                errors.push(Error::input(Stage::Locale, Location::file(&dir), format!("no .ftl files for `{lang}`")));
                continue;
            }
            let langid: LanguageIdentifier = lang.code().parse().expect("language codes are valid identifiers");
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Bidi isolation marks (U+2068/U+2069) would end up as stray characters in HTML.
            bundle.set_use_isolating(false);
            // The theme's strings first; a site string of the same key replaces the theme's.
            let mut theme_keys: BTreeMap<String, Location> = BTreeMap::new();
            for file in &theme_files {
                match file.text(&config.root, Stage::Locale).and_then(|text| load_text(&file.path, text)) {
                    Ok((resource, defined)) => {
                        add_keys(&mut theme_keys, defined, &mut errors);
                        let _ = bundle.add_resource(resource);
                    }
                    Err(e) => errors.push(e),
                }
            }
            let mut site_keys: BTreeMap<String, Location> = BTreeMap::new();
            for path in site_files {
                match crate::input::read_text(&config.root, &path, Stage::Locale)
                    .and_then(|text| load_text(&path, text))
                {
                    Ok((resource, defined)) => {
                        add_keys(&mut site_keys, defined, &mut errors);
                        bundle.add_resource_overriding(resource);
                    }
                    Err(e) => errors.push(e),
                }
            }
            theme_key_sets.insert(lang, theme_keys.keys().cloned().collect());
            theme_keys.extend(site_keys);
            bundles.insert(lang, bundle);
            keys.insert(lang, theme_keys);
        }
        Error::collect(errors)?;
        let used = keys
            .values()
            .flat_map(|k: &BTreeMap<String, Location>| k.keys())
            .map(|k| (k.clone(), AtomicBool::new(false)))
            .collect();
        let locales =
            Locales { bundles, keys, theme_keys: theme_key_sets, used, used_unknown: Mutex::new(BTreeSet::new()) };
        locales.check_parity()?;
        Ok(locales)
    }

    /// Every key exists in every language.
    fn check_parity(&self) -> Result<()> {
        let mut errors = Vec::new();
        for (lang, keys) in &self.keys {
            for (other, other_keys) in &self.keys {
                if other == lang {
                    continue;
                }
                for (key, location) in keys {
                    if !other_keys.contains_key(key) {
                        errors.push(
                            Error::input(
                                Stage::Locale,
                                location.clone(),
                                format!("key `{key}` has no {other} translation"),
                            )
                            .with_hint(format!("add `{key} = …` to a file in locales/{other}/")),
                        );
                    }
                }
            }
        }
        Error::collect(errors)
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.keys.get(&lang).is_some_and(|k| k.contains_key(key))
    }

    pub fn keys(&self, lang: Lang) -> impl Iterator<Item = (&String, &Location)> {
        self.keys.get(&lang).into_iter().flatten()
    }

    /// The keys only the site's own `locales/` define. A key the theme defines too is the
    /// theme's, even where the site replaces its text.
    pub fn site_keys(&self, lang: Lang) -> impl Iterator<Item = (&String, &Location)> {
        let theme = self.theme_keys.get(&lang);
        self.keys(lang).filter(move |(k, _)| !theme.is_some_and(|t| t.contains(*k)))
    }

    /// Keys looked up since loading.
    pub fn used_keys(&self) -> BTreeSet<String> {
        let mut keys: BTreeSet<String> =
            self.used.iter().filter(|(_, f)| f.load(Ordering::Relaxed)).map(|(k, _)| k.clone()).collect();
        if let Ok(unknown) = self.used_unknown.lock() {
            keys.extend(unknown.iter().cloned());
        }
        keys
    }

    /// The message `key` in `lang`, with string arguments. Numbers are formatted by the caller,
    /// since Fluent's NUMBER() does no digit grouping.
    pub fn text(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> std::result::Result<String, String> {
        match self.used.get(key) {
            // A plain load first: after the first use the flag's cache line stays shared.
            Some(flag) => {
                if !flag.load(Ordering::Relaxed) {
                    flag.store(true, Ordering::Relaxed);
                }
            }
            None => {
                if let Ok(mut unknown) = self.used_unknown.lock() {
                    unknown.insert(key.to_string());
                }
            }
        }
        let bundle = self.bundles.get(&lang).ok_or_else(|| format!("no strings for language `{lang}`"))?;
        let message = bundle.get_message(key).ok_or_else(|| format!("unknown translation key `{key}` for `{lang}`"))?;
        let pattern = message.value().ok_or_else(|| format!("translation key `{key}` has no value in `{lang}`"))?;
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            fargs.set(name.to_string(), FluentValue::from(value.clone()));
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, if args.is_empty() { None } else { Some(&fargs) }, &mut errors);
        if let Some(err) = errors.first() {
            return Err(format!("translation key `{key}` in `{lang}`: {err}"));
        }
        Ok(text.into_owned())
    }
}

fn ftl_files(dir: &Path) -> Vec<PathBuf> {
    crate::theme::files_on_disk(dir)
        .into_iter()
        .map(|(_, path)| path)
        .filter(|path| path.extension().is_some_and(|x| x == "ftl"))
        .collect()
}

/// Adds the keys of one file, reporting a key defined twice (in this file or an earlier one).
fn add_keys(keys: &mut BTreeMap<String, Location>, defined: Vec<(String, Location)>, errors: &mut Vec<Error>) {
    for (key, location) in defined {
        if let Some(first) = keys.get(&key) {
            errors.push(Error::input(Stage::Locale, location, format!("key `{key}` is already defined at {first}")));
        } else {
            keys.insert(key, location);
        }
    }
}

fn load_text(path: &Path, text: String) -> Result<(FluentResource, Vec<(String, Location)>)> {
    // fluent-syntax gives the key set and precise syntax errors; the bundle gets its own resource.
    match fluent_syntax::parser::parse(text.as_str()) {
        Ok(resource) => {
            let mut defined = Vec::new();
            // A key defined twice is reported at its second definition, so count occurrences.
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            let lines = key_lines(&text);
            for entry in &resource.body {
                if let ast::Entry::Message(message) = entry {
                    let key = message.id.name.to_string();
                    let nth = seen.entry(key.clone()).or_insert(0);
                    let location = match lines.get(key.as_str()).and_then(|l| l.get(*nth)) {
                        Some(&line) => Location::line(path, line),
                        None => Location::file(path),
                    };
                    defined.push((key.clone(), location));
                    *nth += 1;
                }
            }
            let resource = FluentResource::try_new(text.clone())
                .map_err(|_| Error::input(Stage::Locale, Location::file(path), "file could not be read as Fluent"))?;
            Ok((resource, defined))
        }
        Err((_, errors)) => {
            let list = errors
                .iter()
                .map(|e| {
                    // An entry cut short (`{ $x` then a line break) is found at the next line's
                    // start; name the line where the author stopped instead.
                    let mut offset = e.pos.start.min(text.len());
                    while offset > 0 && text.as_bytes()[offset - 1].is_ascii_whitespace() {
                        offset -= 1;
                    }
                    Error::input(
                        Stage::Locale,
                        Location::from_offset(path, &text, offset, 1),
                        format!("Fluent syntax error: {}", e.kind),
                    )
                    .with_hint("a message is written `key = text`; braces start placeables")
                })
                .collect();
            Err(Error::collect(list).unwrap_err())
        }
    }
}

/// The lines (1-based) on which each key is defined, `key = …` at a line's start, in one pass
/// over the file (a search per key would make large string files quadratic to load).
fn key_lines(text: &str) -> HashMap<&str, Vec<usize>> {
    let mut lines: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let end = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(line.len());
        if end > 0 && line[end..].trim_start().starts_with('=') {
            lines.entry(&line[..end]).or_default().push(i + 1);
        }
    }
    lines
}
