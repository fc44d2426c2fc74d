//! The document library: files under `content/library/` (PDF, XLSX, ZIP, …) described in
//! `content/data/library.toml`, each with a type from the site's own list, a fiscal period, a
//! date, a title in both languages, a Japanese file and optionally an English one. Loading
//! checks every entry and measures every file, so a listing never links to a missing document.
//!
//! ```toml
//! [[type]]
//! id = "tanshin"
//! ja = "決算短信"
//! en = "Earnings report"
//!
//! [[document]]
//! type = "tanshin"
//! period = "FY2025"
//! date = "2026-05-12"
//! title = { ja = "2026年3月期 決算短信", en = "Consolidated results for FY2025" }
//! file = { ja = "fy2025/tanshin.pdf", en = "fy2025/tanshin-en.pdf" }
//! ```

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::config::{toml_error, Config};
use crate::error::{Error, LineIndex, Location, Result, Stage};
use crate::format::date_label;
use crate::lang::Lang;
use crate::model::Period;

/// Where the documents live, below `content/`; the same path below the output root.
pub const LIBRARY_DIR: &str = "library";

/// The file kinds a library may hold, by extension, with the name shown beside each link.
const FILE_KINDS: [(&str, &str); 9] = [
    ("pdf", "PDF"),
    ("xlsx", "Excel"),
    ("xls", "Excel"),
    ("csv", "CSV"),
    ("zip", "ZIP"),
    ("docx", "Word"),
    ("pptx", "PowerPoint"),
    ("xbrl", "XBRL"),
    ("html", "HTML"),
];

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
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
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
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLibrary {
    #[serde(rename = "type", default)]
    types: Vec<Spanned<TypeLabel>>,
    #[serde(rename = "document", default)]
    documents: Vec<Spanned<RawDocument>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    #[serde(rename = "type")]
    kind: Spanned<String>,
    period: Spanned<String>,
    date: Spanned<String>,
    title: Bilingual,
    file: Spanned<RawFiles>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFiles {
    ja: String,
    en: Option<String>,
}

/// One file of a document, measured when the library was loaded.
#[derive(Debug, Clone)]
pub struct DocumentFile {
    /// Path below `content/library/` and below the output's `library/`, with `/` separators.
    pub rel_path: String,
    pub source: PathBuf,
    /// `PDF`, `Excel`, … from the extension.
    pub kind: &'static str,
    pub bytes: u64,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub type_id: String,
    pub period: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub title: Bilingual,
    pub ja: DocumentFile,
    pub en: Option<DocumentFile>,
    pub location: Location,
}

impl Document {
    /// The file to link on a page in `lang`, and whether it is the Japanese one standing in
    /// for a missing English file.
    pub fn file_for(&self, lang: Lang) -> (&DocumentFile, bool) {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => (en, false),
            (Lang::En, None) => (&self.ja, true),
            (Lang::Ja, _) => (&self.ja, false),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    /// In the order the site lists them; listings follow it within a period.
    pub types: Vec<TypeLabel>,
    pub documents: Vec<Document>,
    /// `content/data/library.toml`, when the site has one.
    pub path: Option<PathBuf>,
}

impl Library {
    pub fn file_path(config: &Config) -> PathBuf {
        config.data_dir().join("library.toml")
    }

    /// The site's library; empty when it has no `library.toml`.
    pub fn load(config: &Config) -> Result<Library> {
        let path = Library::file_path(config);
        if !path.exists() {
            return Ok(Library::default());
        }
        let text = crate::input::read_text(&config.root, &path, Stage::Data)?;
        Library::parse(&config.content_dir().join(LIBRARY_DIR), &path, &text)
    }

    pub fn parse(files_dir: &Path, path: &Path, text: &str) -> Result<Library> {
        let raw: RawLibrary = toml::from_str(text).map_err(|e| toml_error(Stage::Data, path, text, 1, &e))?;
        let lines = LineIndex::new(text);
        let at = |span: std::ops::Range<usize>| Location::line(path, lines.line(span.start));
        let types = check_types(raw.types, "document", &at)?;
        let mut errors = Vec::new();
        let mut documents = Vec::new();
        for entry in raw.documents {
            let entry_at = at(entry.span());
            let raw = entry.into_inner();
            let mut problems = Vec::new();
            if !types.iter().any(|t| t.id == *raw.kind.get_ref()) {
                problems.push(unknown_type(raw.kind.get_ref(), &types, "document", at(raw.kind.span())));
            }
            if let Err(e) = Period::parse(raw.period.get_ref()) {
                problems.push(
                    Error::input(Stage::Data, at(raw.period.span()), format!("`{}` is not a fiscal period", e.0))
                        .with_hint("a fiscal period such as FY2025 or FY2025Q1"),
                );
            }
            if let Err(e) = check_date(raw.date.get_ref()) {
                problems.push(Error::input(Stage::Data, at(raw.date.span()), e));
            }
            let files_at = at(raw.file.span());
            let files = raw.file.into_inner();
            let name = &raw.title.ja;
            let ja = measure(files_dir, &files.ja, name, &files_at);
            let en = files.en.as_deref().map(|f| measure(files_dir, f, name, &files_at)).transpose();
            match (ja, en) {
                (Ok(ja), Ok(en)) if problems.is_empty() => documents.push(Document {
                    type_id: raw.kind.into_inner(),
                    period: raw.period.into_inner(),
                    date: raw.date.into_inner(),
                    title: raw.title,
                    ja,
                    en,
                    location: entry_at,
                }),
                (ja, en) => {
                    problems.extend(ja.err());
                    problems.extend(en.err());
                    errors.extend(problems);
                }
            }
        }
        Error::collect(errors)?;
        Ok(Library { types, documents, path: Some(path.to_path_buf()) })
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    pub fn type_label(&self, id: &str) -> Option<&TypeLabel> {
        self.types.iter().find(|t| t.id == id)
    }

    /// Documents grouped by fiscal period, the period with the newest document first; within a
    /// period, in the order of the type list, newest first.
    pub fn by_period(&self) -> Vec<(&str, Vec<&Document>)> {
        let mut groups: BTreeMap<&str, Vec<&Document>> = BTreeMap::new();
        for doc in &self.documents {
            groups.entry(doc.period.as_str()).or_default().push(doc);
        }
        let type_rank = |doc: &Document| self.types.iter().position(|t| t.id == doc.type_id).unwrap_or(usize::MAX);
        let mut groups: Vec<(&str, Vec<&Document>)> = groups.into_iter().collect();
        for (_, docs) in &mut groups {
            docs.sort_by(|a, b| type_rank(a).cmp(&type_rank(b)).then_with(|| b.date.cmp(&a.date)));
        }
        let newest = |docs: &[&Document]| docs.iter().map(|d| d.date.clone()).max().unwrap_or_default();
        groups.sort_by(|(pa, a), (pb, b)| newest(b).cmp(&newest(a)).then_with(|| pb.cmp(pa)));
        groups
    }
}

/// Type ids are unique lower-case names.
pub fn check_types(
    types: Vec<Spanned<TypeLabel>>,
    what: &str,
    at: &dyn Fn(std::ops::Range<usize>) -> Location,
) -> Result<Vec<TypeLabel>> {
    let mut errors = Vec::new();
    let mut checked: Vec<TypeLabel> = Vec::new();
    for entry in types {
        let location = at(entry.span());
        let label = entry.into_inner();
        let valid = !label.id.is_empty()
            && label.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            errors.push(Error::input(
                Stage::Data,
                location,
                format!("{what} type id `{}` must be lower-case letters, digits, - and _", label.id),
            ));
        } else if checked.iter().any(|t| t.id == label.id) {
            errors.push(Error::input(Stage::Data, location, format!("{what} type `{}` is listed twice", label.id)));
        } else {
            checked.push(label);
        }
    }
    Error::collect(errors)?;
    Ok(checked)
}

pub fn unknown_type(id: &str, types: &[TypeLabel], what: &str, location: Location) -> Error {
    let known: Vec<&str> = types.iter().map(|t| t.id.as_str()).collect();
    Error::input(Stage::Data, location, format!("unknown {what} type `{id}`")).with_hint(if known.is_empty() {
        format!("list the {what} types first: [[type]] with id, ja and en")
    } else {
        format!("{what} types of this site: {}", known.join(", "))
    })
}

/// A full `YYYY-MM-DD` date.
pub fn check_date(date: &str) -> std::result::Result<(), String> {
    if date.len() != 10 {
        return Err(format!("date `{date}` must be YYYY-MM-DD"));
    }
    date_label(date, Lang::En).map(|_| ()).map_err(|e| e.to_string())
}

/// Checks that `rel` names a file inside `dir` (no `..`, no absolute path, no link leading
/// out) with a known extension, and measures it.
fn measure(dir: &Path, rel: &str, document: &str, location: &Location) -> Result<DocumentFile> {
    let fail = |message: String| Error::input(Stage::Data, location.clone(), message);
    let inside = !rel.is_empty()
        && !rel.contains('\\')
        && Path::new(rel).components().all(|c| matches!(c, Component::Normal(_)));
    if !inside {
        return Err(fail(format!(
            "document `{document}`: file `{rel}` must be a relative path inside content/{LIBRARY_DIR}/"
        ))
        .with_hint("write the path from the library folder, e.g. fy2025/tanshin.pdf"));
    }
    let extension = Path::new(rel).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let Some(&(_, kind)) = FILE_KINDS.iter().find(|(ext, _)| *ext == extension) else {
        let known: Vec<&str> = FILE_KINDS.iter().map(|(ext, _)| *ext).collect();
        return Err(fail(format!("document `{document}`: `{rel}` is not a kind of file the library lists"))
            .with_hint(format!("file extensions: {}", known.join(", "))));
    };
    let source = dir.join(rel);
    let missing = || {
        fail(format!("document `{document}`: file `content/{LIBRARY_DIR}/{rel}` not found"))
            .with_hint(format!("put the file in {} or fix the path", dir.display()))
    };
    let real = source.canonicalize().map_err(|_| missing())?;
    let real_dir = dir.canonicalize().map_err(|_| missing())?;
    if !real.starts_with(&real_dir) {
        return Err(fail(format!("document `{document}`: `{rel}` leads outside content/{LIBRARY_DIR}/")));
    }
    let meta = std::fs::metadata(&real).map_err(|e| Error::io(&source, e))?;
    if !meta.is_file() {
        return Err(missing());
    }
    Ok(DocumentFile { rel_path: rel.to_string(), source, kind, bytes: meta.len() })
}

/// A file size as shown beside a link: `850 B`, `12 KB`, `1.2 MB` (1 KB = 1,024 bytes).
pub fn size_label(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if b < KB * KB {
        let kb = b / KB;
        if kb < 10.0 {
            format!("{kb:.1} KB")
        } else {
            format!("{kb:.0} KB")
        }
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_label(0), "0 B");
        assert_eq!(size_label(1023), "1023 B");
        assert_eq!(size_label(1024), "1.0 KB");
        assert_eq!(size_label(15 * 1024 + 300), "15 KB");
        assert_eq!(size_label(1_258_291), "1.2 MB");
    }

    #[test]
    fn periods_are_ordered_by_their_newest_document() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.pdf", "b.pdf", "c.pdf"] {
            std::fs::write(dir.path().join(name), b"%PDF").unwrap();
        }
        let text = r#"
[[type]]
id = "tanshin"
ja = "決算短信"
en = "Earnings report"
[[type]]
id = "deck"
ja = "決算説明資料"
en = "Presentation"

[[document]]
type = "deck"
period = "FY2025"
date = "2026-05-12"
title = { ja = "説明資料", en = "Deck" }
file = { ja = "a.pdf" }
[[document]]
type = "tanshin"
period = "FY2025"
date = "2026-05-12"
title = { ja = "短信", en = "Report" }
file = { ja = "b.pdf" }
[[document]]
type = "tanshin"
period = "FY2025Q3"
date = "2026-02-10"
title = { ja = "第3四半期", en = "Q3" }
file = { ja = "c.pdf" }
"#;
        let library = Library::parse(dir.path(), Path::new("library.toml"), text).unwrap();
        let groups = library.by_period();
        let order: Vec<(&str, Vec<&str>)> =
            groups.iter().map(|(p, docs)| (*p, docs.iter().map(|d| d.ja.rel_path.as_str()).collect())).collect();
        assert_eq!(order, vec![("FY2025", vec!["b.pdf", "a.pdf"]), ("FY2025Q3", vec!["c.pdf"])]);
        assert_eq!(library.documents[0].location.line, Some(11));
    }
}
