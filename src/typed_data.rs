//! The shape the site's lists of typed, dated things share (`content/data/library.toml`,
//! `content/data/calendar.toml`): a `[[type]]` list of labels in both languages that the site
//! defines, then entries that each name one of those types and a date. Loading reads the file
//! by the input rule, parses it keeping spans, checks the type list and then every entry, and
//! reports every problem at its line and column; a site without the file has an empty list.

use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use toml::Spanned;

use crate::config::{toml_error, Config};
use crate::error::{Error, LineIndex, Location, Result, Stage};
use crate::format::date_label;
use crate::lang::Lang;

/// A label in both languages (a document type or an event type).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeLabel {
    pub id: String,
    pub ja: String,
    pub en: String,
}

impl TypeLabel {
    pub fn label(&self, lang: Lang) -> &str {
        in_lang(lang, &self.ja, &self.en)
    }
}

/// Text given in both languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    pub ja: String,
    pub en: String,
}

impl Bilingual {
    pub fn get(&self, lang: Lang) -> &str {
        in_lang(lang, &self.ja, &self.en)
    }
}

fn in_lang<'a>(lang: Lang, ja: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// One kind of entry of a typed data file, and how one is checked.
pub trait TypedEntry: Sized {
    /// The file's name in `content/data/`.
    const FILE_NAME: &'static str;
    /// What an entry is called in messages: `document`, `event`.
    const WHAT: &'static str;
    /// The file as deserialized, with spans.
    type File: DeserializeOwned;
    /// One entry as written.
    type Raw;

    /// The file's type list and its entries.
    fn parts(file: Self::File) -> (Vec<Spanned<TypeLabel>>, Vec<Spanned<Self::Raw>>);

    /// Checks one entry against the file and the entries accepted before it, pushing every
    /// problem to `errors`; the entry when it has none.
    fn check(raw: Spanned<Self::Raw>, file: &Checker, accepted: &[Self], errors: &mut Vec<Error>) -> Option<Self>;

    /// Puts the entries in the order pages list them; by default as written.
    fn order(_entries: &mut [Self]) {}
}

/// What checking an entry needs: where the file is, its lines, the site's types and the
/// content folder (the library's files are below it).
pub struct Checker<'a> {
    pub path: &'a Path,
    text: &'a str,
    lines: LineIndex,
    pub types: Vec<TypeLabel>,
    pub content_dir: &'a Path,
}

impl Checker<'_> {
    /// The file, line and column of a span.
    pub fn at(&self, span: Range<usize>) -> Location {
        let (line, column) = self.lines.line_col(self.text, span.start);
        Location::at(self.path, line, column)
    }

    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::input(Stage::Data, self.at(span), message)
    }

    /// Pushes an error when `kind` is not one of the site's types.
    pub fn check_type(&self, kind: &Spanned<String>, what: &str, errors: &mut Vec<Error>) {
        if !self.types.iter().any(|t| t.id == *kind.get_ref()) {
            errors.push(unknown_type(kind.get_ref(), &self.types, what, self.at(kind.span())));
        }
    }

    /// A full `YYYY-MM-DD` date; else pushes the error at its place.
    pub fn date(&self, date: &Spanned<String>, errors: &mut Vec<Error>) -> Option<NaiveDate> {
        let text = date.get_ref();
        let parsed =
            check_date(text).and_then(|()| NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| e.to_string()));
        parsed
            .map_err(|message| {
                errors.push(self.error(date.span(), message).with_hint("a day as YYYY-MM-DD, e.g. \"2026-05-12\""))
            })
            .ok()
    }
}

/// A typed data file as loaded: the site's types, in the order it lists them, and the checked
/// entries in the order pages show them.
#[derive(Debug, Clone)]
pub struct TypedData<T> {
    pub types: Vec<TypeLabel>,
    pub entries: Vec<T>,
    /// The file, when the site has one.
    pub path: Option<PathBuf>,
}

impl<T> Default for TypedData<T> {
    fn default() -> Self {
        TypedData { types: Vec::new(), entries: Vec::new(), path: None }
    }
}

impl<T: TypedEntry> TypedData<T> {
    pub fn file_path(config: &Config) -> PathBuf {
        config.data_dir().join(T::FILE_NAME)
    }

    /// The site's file; empty when it has none.
    pub fn load(config: &Config) -> Result<Self> {
        let path = Self::file_path(config);
        if !path.exists() {
            return Ok(Self::default());
        }
        let text = crate::input::read_text(&config.root, &path, Stage::Data)?;
        Self::parse(&config.content_dir(), &path, &text)
    }

    /// `text` as the file at `path` of a site whose content folder is `content_dir`.
    pub fn parse(content_dir: &Path, path: &Path, text: &str) -> Result<Self> {
        let file: T::File = toml::from_str(text).map_err(|e| toml_error(Stage::Data, path, text, 1, &e))?;
        let (types, raw_entries) = T::parts(file);
        let mut checker = Checker { path, text, lines: LineIndex::new(text), types: Vec::new(), content_dir };
        checker.types = check_types(types, T::WHAT, &checker)?;
        let mut errors = Vec::new();
        let mut entries = Vec::new();
        for raw in raw_entries {
            if let Some(entry) = T::check(raw, &checker, &entries, &mut errors) {
                entries.push(entry);
            }
        }
        Error::collect(errors)?;
        T::order(&mut entries);
        Ok(TypedData { types: checker.types, entries, path: Some(path.to_path_buf()) })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn type_label(&self, id: &str) -> Option<&TypeLabel> {
        self.types.iter().find(|t| t.id == id)
    }
}

/// Type ids are unique lower-case names.
fn check_types(types: Vec<Spanned<TypeLabel>>, what: &str, file: &Checker) -> Result<Vec<TypeLabel>> {
    let mut errors = Vec::new();
    let mut checked: Vec<TypeLabel> = Vec::new();
    for entry in types {
        let span = entry.span();
        let label = entry.into_inner();
        let valid = !label.id.is_empty()
            && label.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            errors.push(
                file.error(span, format!("{what} type id `{}` must be lower-case letters, digits, - and _", label.id))
                    .with_hint("e.g. id = \"tanshin\""),
            );
        } else if checked.iter().any(|t| t.id == label.id) {
            errors.push(
                file.error(span, format!("{what} type `{}` is listed twice", label.id))
                    .with_hint("give each [[type]] its own id"),
            );
        } else {
            checked.push(label);
        }
    }
    Error::collect(errors)?;
    Ok(checked)
}

fn unknown_type(id: &str, types: &[TypeLabel], what: &str, location: Location) -> Error {
    let known: Vec<&str> = types.iter().map(|t| t.id.as_str()).collect();
    Error::input(Stage::Data, location, format!("unknown {what} type `{id}`")).with_hint(if known.is_empty() {
        format!("list the {what} types first: [[type]] with id, ja and en")
    } else {
        format!("{what} types of this site: {}", known.join(", "))
    })
}

/// A full `YYYY-MM-DD` date.
fn check_date(date: &str) -> std::result::Result<(), String> {
    if date.len() != 10 {
        return Err(format!("date `{date}` must be YYYY-MM-DD"));
    }
    date_label(date, Lang::En).map(|_| ()).map_err(|e| e.to_string())
}
