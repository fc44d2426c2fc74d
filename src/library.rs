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

use crate::error::{Error, Location, Result, Stage};
use crate::lang::Lang;
use crate::model::Period;
use crate::typed_data::{Bilingual, Checker, TypeLabel, TypedData, TypedEntry};

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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLibrary {
    #[serde(rename = "type", default)]
    types: Vec<Spanned<TypeLabel>>,
    #[serde(rename = "document", default)]
    documents: Vec<Spanned<RawDocument>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
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

impl TypedEntry for Document {
    const FILE_NAME: &'static str = "library.toml";
    const WHAT: &'static str = "document";
    type File = RawLibrary;
    type Raw = RawDocument;

    fn parts(file: RawLibrary) -> (Vec<Spanned<TypeLabel>>, Vec<Spanned<RawDocument>>) {
        (file.types, file.documents)
    }

    fn check(entry: Spanned<RawDocument>, file: &Checker, _: &[Document], errors: &mut Vec<Error>) -> Option<Document> {
        let location = file.at(entry.span());
        let raw = entry.into_inner();
        let before = errors.len();
        file.check_type(&raw.kind, Self::WHAT, errors);
        if let Err(e) = Period::parse(raw.period.get_ref()) {
            errors.push(
                file.error(raw.period.span(), format!("`{}` is not a fiscal period", e.0))
                    .with_hint("a fiscal period such as FY2025 or FY2025Q1"),
            );
        }
        file.date(&raw.date, errors);
        let files_at = file.at(raw.file.span());
        let files = raw.file.into_inner();
        let dir = file.content_dir.join(LIBRARY_DIR);
        let name = &raw.title.ja;
        let ja = measure(&dir, &files.ja, name, &files_at).map_err(|e| errors.push(e)).ok();
        let en = files.en.map(|f| measure(&dir, &f, name, &files_at).map_err(|e| errors.push(e)).ok());
        if errors.len() > before {
            return None;
        }
        Some(Document {
            type_id: raw.kind.into_inner(),
            period: raw.period.into_inner(),
            date: raw.date.into_inner(),
            title: raw.title,
            ja: ja?,
            en: en.flatten(),
            location,
        })
    }
}

/// The site's documents, in the order of `library.toml`; listings follow the type list's
/// order within a period.
pub type Library = TypedData<Document>;

impl Library {
    /// Documents grouped by fiscal period, the period with the newest document first; within a
    /// period, in the order of the type list, newest first.
    pub fn by_period(&self) -> Vec<(&str, Vec<&Document>)> {
        let mut groups: BTreeMap<&str, Vec<&Document>> = BTreeMap::new();
        for doc in &self.entries {
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
        return Err(fail(format!("document `{document}`: `{rel}` leads outside content/{LIBRARY_DIR}/"))
            .with_hint(format!("put the file itself in content/{LIBRARY_DIR}/, not a link to a file elsewhere")));
    }
    let meta = std::fs::metadata(&real).map_err(|e| Error::io(&source, e))?;
    if !meta.is_file() {
        return Err(missing());
    }
    Ok(DocumentFile { rel_path: rel.to_string(), source, kind, bytes: meta.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `[[document]]` entry of a library.toml.
    fn document(kind: &str, period: &str, date: &str, file: &str) -> String {
        format!("[[document]]\ntype = \"{kind}\"\nperiod = \"{period}\"\ndate = \"{date}\"\ntitle = {{ ja = \"{file}\", en = \"{file}\" }}\nfile = {{ ja = \"{file}\" }}\n")
    }

    #[test]
    fn periods_are_ordered_by_their_newest_document() {
        let content = tempfile::tempdir().unwrap();
        let dir = content.path().join(LIBRARY_DIR);
        std::fs::create_dir(&dir).unwrap();
        for name in ["a.pdf", "b.pdf", "c.pdf"] {
            std::fs::write(dir.join(name), b"%PDF").unwrap();
        }
        let types = "[[type]]\nid = \"tanshin\"\nja = \"決算短信\"\nen = \"Earnings report\"\n\
                     [[type]]\nid = \"deck\"\nja = \"決算説明資料\"\nen = \"Presentation\"\n";
        let text = [
            types.to_string(),
            document("deck", "FY2025", "2026-05-12", "a.pdf"),
            document("tanshin", "FY2025", "2026-05-12", "b.pdf"),
            document("tanshin", "FY2025Q3", "2026-02-10", "c.pdf"),
        ]
        .concat();
        let library = Library::parse(content.path(), Path::new("library.toml"), &text).unwrap();
        let groups = library.by_period();
        let order: Vec<(&str, Vec<&str>)> =
            groups.iter().map(|(p, docs)| (*p, docs.iter().map(|d| d.ja.rel_path.as_str()).collect())).collect();
        assert_eq!(order, vec![("FY2025", vec!["b.pdf", "a.pdf"]), ("FY2025Q3", vec!["c.pdf"])]);
        assert_eq!((library.entries[0].location.line, library.entries[0].location.column), (Some(9), Some(1)));
    }
}
