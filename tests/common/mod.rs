//! Shared helpers of the integration tests: temp copies of fixture sites and running the binary.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_irsite");

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The real TDnet sample filings of the shared folder (../shared/samples/tdnet).
pub fn tdnet_samples() -> PathBuf {
    repo().join("../shared/samples/tdnet")
}

/// The fictional TDnet filings of the tests (tests/fixtures/tdnet).
pub fn tdnet_fixtures() -> PathBuf {
    repo().join("tests/fixtures/tdnet")
}

/// A temp copy of `tests/fixtures/<name>` with a copy of the repository's theme folder (its
/// templates, CSS and interface strings; the same files are built into the binary).
pub fn fixture_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    dir
}

/// The small site of the check and serve tests.
pub const CHECK_BASE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/check/base");

/// A fresh copy of `tests/fixtures/check/base`, as `site/` in a temp folder.
pub fn check_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(Path::new(CHECK_BASE), &root);
    (dir, root)
}

/// The binary on the site at `root`, without colour, ready for its arguments.
pub fn irsite_command(root: &Path) -> Command {
    let mut command = Command::new(BIN);
    command.arg("--root").arg(root).env("NO_COLOR", "1");
    command
}

pub fn irsite(root: &Path, args: &[&str]) -> Output {
    irsite_command(root).args(args).output().expect("irsite runs")
}

pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    irsite(root, &args)
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Replaces the first `from` in `root/file` with `to`; `from` must be there.
pub fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = read(&path);
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Every file under `dir`, as relative paths with their bytes, sorted.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// Values of `attr="…"` in an HTML text.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Local links (href/src) of every HTML page that do not resolve to a file or a fragment.
pub fn broken_links(site: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(site).into_iter().filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") || path.file_name().unwrap() == "404.html" {
            continue;
        }
        let html = read(path);
        for link in attr_values(&html, "href").into_iter().chain(attr_values(&html, "src")) {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            // Split before decoding: `%23` is a `#` in a file name, not a fragment.
            let (file, fragment) = match link.split_once('#') {
                Some((f, frag)) => (percent_decode(f), Some(percent_decode(frag))),
                None => (percent_decode(&link), None),
            };
            let mut target = if file.is_empty() { path.to_path_buf() } else { path.parent().unwrap().join(&file) };
            if file.ends_with('/') || target.is_dir() {
                target = target.join("index.html");
            }
            let Ok(target) = target.canonicalize() else {
                broken.push(format!("{}: {link}", path.display()));
                continue;
            };
            if !target.starts_with(site.canonicalize().unwrap()) {
                broken.push(format!("{}: {link} leaves the site", path.display()));
                continue;
            }
            if let Some(fragment) = fragment {
                let text = read(&target);
                if !text.contains(&format!("id=\"{fragment}\"")) {
                    broken.push(format!("{}: {link} (no id `{fragment}`)", path.display()));
                }
            }
        }
    }
    broken
}

/// `%E6%A5%AD` → `業`: links may be percent-encoded, ids are not.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The first data row of every workbook sheet is row 4 (title, blank row, header).
pub const FIRST_DATA_ROW: u32 = 3;

pub fn open_xlsx(path: &Path) -> calamine::Xlsx<std::io::Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(std::io::Cursor::new(fs::read(path).unwrap())).expect("a readable workbook")
}

/// A number as a data CSV writes it: `△` and `▲` mark a negative, as Japanese filings print
/// losses.
pub fn csv_number(cell: &str) -> f64 {
    let (sign, digits) = match cell.strip_prefix('△').or_else(|| cell.strip_prefix('▲')) {
        Some(rest) => (-1.0, rest),
        None => (1.0, cell),
    };
    sign * digits.parse::<f64>().unwrap_or_else(|e| panic!("{cell:?}: {e}"))
}

/// Every number of every table CSV in `data_dir` is in the sheet of that table, as a number,
/// in the same row and column; cells without a value stay empty; nothing is a formula.
/// Returns how many numbers were compared.
pub fn assert_workbook_matches_csvs(workbook: &Path, data_dir: &Path) -> usize {
    use calamine::{Data, Reader};
    let mut book = open_xlsx(workbook);
    let mut compared = 0;
    let mut tables: Vec<_> = fs::read_dir(data_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    tables.sort();
    assert_eq!(book.sheet_names().len(), tables.len(), "one sheet per table");
    for csv_path in tables {
        let name = csv_path.file_stem().unwrap().to_str().unwrap().to_string();
        let range = book.worksheet_range(&name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{name} has formulas");
        let mut reader = csv::Reader::from_path(&csv_path).unwrap();
        for (r, record) in reader.records().enumerate() {
            let record = record.unwrap();
            for (c, cell) in record.iter().enumerate().skip(1) {
                let value = range.get_value((FIRST_DATA_ROW + r as u32, c as u32));
                match (cell.trim(), value) {
                    ("", None | Some(Data::Empty)) => {}
                    (text, Some(Data::Float(v))) => {
                        assert_eq!(*v, csv_number(text), "{name} row {r} column {c}");
                        compared += 1;
                    }
                    (text, other) => panic!("{name} row {r} column {c}: CSV {text:?}, workbook {other:?}"),
                }
            }
        }
    }
    compared
}

/// The text of `html` between two markers (both must be there).
pub fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from:?}")) + from.len();
    let end = html[start..].find(to).unwrap_or_else(|| panic!("no {to:?} after {from:?}")) + start;
    &html[start..end]
}

/// The text of every element of `class` in `html` (up to its first child element).
pub fn texts(html: &str, class: &str) -> Vec<String> {
    let marker = format!("class=\"{class}\"");
    html.split(&marker).skip(1).map(|rest| between(rest, ">", "<").to_string()).collect()
}

/// Puts a static file at each of `generated` (paths from the output root) and returns what
/// `check` and `build` say: both must fail, naming every static file and what it would replace.
pub fn assert_static_files_clash(root: &Path, generated: &[&str]) {
    for rel in generated {
        let file = root.join("static").join(rel);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, "not the generated file\n").unwrap();
    }
    let check = irsite(root, &["check"]);
    let out = root.join("public");
    let built = build(root, &out, &["--today", "2026-05-13"]);
    for (what, result) in [("check", &check), ("build", &built)] {
        assert!(!result.status.success(), "{what} accepts the clash");
        let text = stderr(result);
        for rel in generated {
            let message = format!("static/{rel}: this static file would replace the generated file `{rel}`");
            assert!(text.contains(&message), "{what} does not name {rel}:\n{text}");
        }
    }
    assert!(!out.exists(), "a failed build writes no site");
}
