//! Interface strings from Fluent files: `locales/{lang}/*.ftl`, one bundle per language.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{read_utf8, Error, Location, Result, Stage};
use crate::lang::Lang;

pub struct Locales {
    bundles: BTreeMap<Lang, FluentBundle<FluentResource>>,
    /// Where each message is defined, per language.
    keys: BTreeMap<Lang, BTreeMap<String, Location>>,
    /// Keys looked up during a build, for the unused-key report.
    used: Mutex<BTreeSet<String>>,
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
        for &lang in &config.languages {
            let dir = config.locales_dir().join(lang.code());
            let files = ftl_files(&dir);
            if files.is_empty() {
                errors.push(Error::input(Stage::Locale, Location::file(&dir), format!("no .ftl files for `{lang}`")));
                continue;
            }
            let langid: LanguageIdentifier = lang.code().parse().expect("language codes are valid identifiers");
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Bidi isolation marks (U+2068/U+2069) would end up as stray characters in HTML.
            bundle.set_use_isolating(false);
            let mut lang_keys: BTreeMap<String, Location> = BTreeMap::new();
            for path in files {
                match load_file(&path) {
                    Ok((resource, defined)) => {
                        for (key, location) in defined {
                            if let Some(first) = lang_keys.get(&key) {
                                errors.push(Error::input(Stage::Locale, location, format!("key `{key}` is already defined at {first}")));
                            } else {
                                lang_keys.insert(key, location);
                            }
                        }
                        // Duplicates are reported above with their lines.
                        let _ = bundle.add_resource(resource);
                    }
                    Err(e) => errors.push(e),
                }
            }
            bundles.insert(lang, bundle);
            keys.insert(lang, lang_keys);
        }
        Error::collect(errors)?;
        let locales = Locales { bundles, keys, used: Mutex::new(BTreeSet::new()) };
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
                            Error::input(Stage::Locale, location.clone(), format!("key `{key}` has no {other} translation"))
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

    /// Keys looked up since loading.
    pub fn used_keys(&self) -> BTreeSet<String> {
        self.used.lock().map(|u| u.clone()).unwrap_or_default()
    }

    /// The message `key` in `lang`, with string arguments. Numbers are formatted by the caller,
    /// since Fluent's NUMBER() does no digit grouping.
    pub fn text(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> std::result::Result<String, String> {
        if let Ok(mut used) = self.used.lock() {
            if !used.contains(key) {
                used.insert(key.to_string());
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
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "ftl"))
        .map(|e| e.into_path())
        .collect()
}

fn load_file(path: &Path) -> Result<(FluentResource, Vec<(String, Location)>)> {
    let text = read_utf8(path, Stage::Locale)?;
    // fluent-syntax gives the key set and precise syntax errors; the bundle gets its own resource.
    match fluent_syntax::parser::parse(text.as_str()) {
        Ok(resource) => {
            let mut defined = Vec::new();
            // A key defined twice is reported at its second definition, so count occurrences.
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for entry in &resource.body {
                if let ast::Entry::Message(message) = entry {
                    let key = message.id.name.to_string();
                    let nth = seen.entry(key.clone()).or_insert(0);
                    defined.push((key.clone(), key_line(path, &text, &key, *nth)));
                    *nth += 1;
                }
            }
            let resource = FluentResource::try_new(text.clone()).map_err(|_| {
                Error::input(Stage::Locale, Location::file(path), "file could not be read as Fluent")
            })?;
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
                    Error::input(Stage::Locale, Location::from_offset(path, &text, offset, 1), format!("Fluent syntax error: {}", e.kind))
                        .with_hint("a message is written `key = text`; braces start placeables")
                })
                .collect();
            Err(Error::collect(list).unwrap_err())
        }
    }
}

/// Line of the `nth` (0-based) definition of `key`.
fn key_line(path: &Path, text: &str, key: &str, nth: usize) -> Location {
    let mut found = 0;
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                if found == nth {
                    return Location::line(path, i + 1);
                }
                found += 1;
            }
        }
    }
    Location::file(path)
}
