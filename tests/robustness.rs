//! Bad input never panics, never leaves a half-written site, never injects markup.
//!
//! Every folder under `tests/corpus/cases/` is one case: the base site `tests/corpus/base/`,
//! with the case's `site/` copied over it and the files in `remove` deleted, built with the
//! real binary into a folder that already holds a previous build. `case.toml` says what must
//! happen:
//!
//! ```toml
//! about = "what the case is"
//! outcome = "error"          # default; or "ok"
//! remove = ["content/en/results.md"]
//! crlf = true                # rewrite every text file with CRLF line endings
//! output = "dir"             # default; "file", "parent-file" or "unwritable"
//! absent = ["<script>alert"] # ok cases: text that must not appear in any .html/.svg/.xml
//! [expect]                   # error cases
//! file = "content/ja/results.md"   # relative to the site; "@output", "@output-parent"
//! line = 2
//! message = "front matter"
//! [[contains]]               # ok cases: text that must appear in an output file
//! file = "ja/results/index.html"
//! text = "<h1>"
//! ```

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{build, copy_dir, repo, BIN};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    about: String,
    #[serde(default = "error_outcome")]
    outcome: String,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    crlf: bool,
    #[serde(default = "dir_output")]
    output: String,
    #[serde(default)]
    absent: Vec<String>,
    expect: Option<Expect>,
    #[serde(default)]
    contains: Vec<Contains>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    file: String,
    line: Option<usize>,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Contains {
    file: String,
    text: String,
}

fn error_outcome() -> String {
    "error".into()
}
fn dir_output() -> String {
    "dir".into()
}

fn corpus() -> PathBuf {
    repo().join("tests").join("corpus")
}

/// The base site in `to` (the chart module's interface words are built into the binary).
fn prepare_base(to: &Path) {
    copy_dir(&corpus().join("base"), to);
}

/// Every file and folder under `dir` with its bytes (`<dir>` for a folder), by path relative
/// to `dir`: stricter than `common::snapshot`, which sees files only.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
        let bytes = if entry.file_type().is_file() { fs::read(entry.path()).unwrap() } else { b"<dir>".to_vec() };
        files.insert(rel, bytes);
    }
    files
}

/// A previous build that a failed build must leave exactly as it was (with the marker every
/// build leaves, which lets the next build replace it).
fn previous_output(dir: &Path) {
    fs::create_dir_all(dir.join("ja")).unwrap();
    fs::write(dir.join(irsite::publish::MARKER), "previous build\n").unwrap();
    fs::write(dir.join("marker.txt"), "previous build, must survive a failed build\n").unwrap();
    fs::write(dir.join("ja").join("index.html"), "<p>previous</p>\n").unwrap();
}

fn to_crlf(site: &Path) {
    for entry in walkdir::WalkDir::new(site) {
        let entry = entry.unwrap();
        let ext = entry.path().extension().and_then(|e| e.to_str()).unwrap_or("");
        if entry.file_type().is_file() && ["md", "toml", "csv", "ftl", "html", "css"].contains(&ext) {
            let text = fs::read_to_string(entry.path()).unwrap();
            fs::write(entry.path(), text.replace("\r\n", "\n").replace('\n', "\r\n")).unwrap();
        }
    }
}

/// Build folders a build leaves beside its output: `.public.irsite-staging-*`.
fn leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| n.contains(".irsite-staging-"))
                .collect()
        })
        .unwrap_or_default()
}

/// The errors printed on stderr, one string per error (its title, quoted line and help).
fn error_blocks(stderr: &str) -> Vec<String> {
    let mut blocks: Vec<(bool, String)> = Vec::new();
    for line in stderr.lines() {
        if line.starts_with("error") || line.starts_with("warning") {
            blocks.push((line.starts_with("error"), String::new()));
        }
        if let Some((_, block)) = blocks.last_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks.into_iter().filter(|(is_error, _)| *is_error).map(|(_, b)| b).collect()
}

/// Whether one error names `path` (at `line`, when given) and says `message`.
fn has_error(stderr: &str, path: &Path, line: Option<usize>, message: &str) -> bool {
    let shown = path.display().to_string();
    error_blocks(stderr).iter().any(|block| {
        let names_place = block.match_indices(&shown).any(|(at, _)| {
            let after = &block[at + shown.len()..];
            match line {
                None => true,
                Some(n) => {
                    let want = format!(":{n}");
                    after.starts_with(&want) && !after[want.len()..].starts_with(|c: char| c.is_ascii_digit())
                }
            }
        });
        names_place && block.contains(message)
    })
}

/// Some error names the file (and line) of the expectation, with its message.
fn check_error(name: &str, stderr: &str, path: &Path, expect: &Expect, problems: &mut Vec<String>) {
    if !has_error(stderr, path, expect.line, &expect.message) {
        let line = expect.line.map(|n| format!(":{n}")).unwrap_or_default();
        problems.push(format!(
            "{name}: expected an error naming {}{line} with `{}`; got:\n{stderr}",
            path.display(),
            expect.message
        ));
    }
}

fn output_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html" || x == "svg" || x == "xml"))
        .map(|e| e.into_path())
        .collect()
}

fn is_root() -> bool {
    // A folder without write permission still accepts files from root.
    let probe = tempfile::tempdir().unwrap();
    let dir = probe.path().join("ro");
    fs::create_dir(&dir).unwrap();
    set_mode(&dir, 0o555);
    let writable = fs::write(dir.join("probe"), "x").is_ok();
    set_mode(&dir, 0o755);
    writable
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}
#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

/// Runs one case; returns the problems found (empty when the case passes).
fn run_case(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let text = fs::read_to_string(dir.join("case.toml")).unwrap();
    let case: Case = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
    assert!(!case.about.is_empty());
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    prepare_base(&site);
    if dir.join("site").is_dir() {
        copy_dir(&dir.join("site"), &site);
    }
    for rel in &case.remove {
        let path = site.join(rel);
        let removed = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        removed.unwrap_or_else(|e| panic!("{name}: remove {rel}: {e}"));
    }
    if case.crlf {
        to_crlf(&site);
    }

    // Where the build writes, and what must be left as it was on failure.
    // `read_only`: a folder made read-only for the build, to be made writable again after it.
    let (out, guarded, parent, read_only) = match case.output.as_str() {
        "dir" => {
            let out = tmp.path().join("public");
            previous_output(&out);
            (out.clone(), out, tmp.path().to_path_buf(), false)
        }
        "file" => {
            let out = tmp.path().join("public");
            fs::write(&out, "a file where the output folder should be\n").unwrap();
            (out.clone(), out, tmp.path().to_path_buf(), false)
        }
        "parent-file" => {
            let parent = tmp.path().join("parent");
            fs::write(&parent, "a file where the output's parent folder should be\n").unwrap();
            (parent.join("public"), parent.clone(), parent, false)
        }
        "unwritable" => {
            if !is_root() {
                let parent = tmp.path().join("readonly");
                let out = parent.join("public");
                previous_output(&out);
                set_mode(&parent, 0o555);
                (out.clone(), out, parent, true)
            } else if Path::new("/sys").is_dir() && fs::create_dir("/sys/irsite-probe").is_err() {
                // Root ignores permission bits; sysfs refuses new entries even to root.
                let parent = PathBuf::from("/sys");
                (
                    parent.join(format!("irsite-corpus-{}", std::process::id())),
                    tmp.path().join("nothing"),
                    parent,
                    false,
                )
            } else {
                eprintln!("{name}: skipped: running as root and no folder refuses writes to root");
                return Vec::new();
            }
        }
        other => panic!("{name}: unknown output mode `{other}`"),
    };
    let before = snapshot(&guarded);
    let before_file = fs::read(&guarded).ok();
    let result = build(&site, &out, &[]);
    if read_only {
        set_mode(&parent, 0o755);
    }
    let stderr = String::from_utf8_lossy(&result.stderr).to_string();
    let mut problems = Vec::new();
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        problems.push(format!("{name}: panic:\n{stderr}"));
    }
    let leftover = leftovers(&parent);
    if !leftover.is_empty() {
        problems.push(format!("{name}: build folders left behind: {leftover:?}"));
    }
    match case.outcome.as_str() {
        "error" => {
            if result.status.code() != Some(1) {
                problems.push(format!("{name}: expected exit code 1, got {:?}\n{stderr}", result.status.code()));
            }
            if snapshot(&guarded) != before || fs::read(&guarded).ok() != before_file {
                problems.push(format!("{name}: the previous output was changed by a failed build"));
            }
            let expect = case.expect.as_ref().unwrap_or_else(|| panic!("{name}: error case without [expect]"));
            let path = match expect.file.as_str() {
                "@output" => out.clone(),
                "@output-parent" => parent.clone(),
                rel => site.join(rel),
            };
            check_error(&name, &stderr, &path, expect, &mut problems);
        }
        "ok" => {
            if !result.status.success() {
                problems.push(format!("{name}: expected a successful build, got {:?}\n{stderr}", result.status.code()));
                return problems;
            }
            if out.join("marker.txt").exists() {
                problems.push(format!("{name}: the previous output was not replaced"));
            }
            for c in &case.contains {
                let text = fs::read_to_string(out.join(&c.file)).unwrap_or_default();
                if !text.contains(&c.text) {
                    problems.push(format!("{name}: {} does not contain `{}`", c.file, c.text));
                }
            }
            for file in output_files(&out) {
                let text = fs::read_to_string(&file).unwrap();
                for bad in &case.absent {
                    if text.contains(bad.as_str()) {
                        problems.push(format!("{name}: {} contains unescaped `{bad}`", file.display()));
                    }
                }
            }
            if case.crlf {
                // CRLF sources give the same pages as the LF base site.
                let lf = tmp.path().join("lf");
                let lf_site = tmp.path().join("lf-site");
                prepare_base(&lf_site);
                let base = build(&lf_site, &lf, &[]);
                assert!(base.status.success());
                for file in output_files(&lf) {
                    let rel = file.strip_prefix(&lf).unwrap();
                    if fs::read(&file).ok() != fs::read(out.join(rel)).ok() {
                        problems.push(format!("{name}: {} differs from the LF build", rel.display()));
                    }
                }
            }
        }
        other => panic!("{name}: unknown outcome `{other}`"),
    }
    problems
}

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> =
        fs::read_dir(corpus().join("cases")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    dirs
}

#[test]
fn base_site_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let site = tmp.path().join("site");
    prepare_base(&site);
    let result = build(&site, &out, &[]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    for page in
        ["index.html", "404.html", "ja/index.html", "ja/results/index.html", "en/index.html", "en/results/index.html"]
    {
        assert!(out.join(page).is_file(), "{page} missing");
    }
}

#[test]
fn corpus_cases() {
    let dirs = cases();
    assert!(dirs.len() >= 30, "the corpus has {} cases", dirs.len());
    let only = std::env::var("CORPUS_CASE").ok();
    let mut problems = Vec::new();
    for dir in &dirs {
        if only.as_deref().is_some_and(|o| !dir.ends_with(o)) {
            continue;
        }
        problems.extend(run_case(dir));
    }
    assert!(problems.is_empty(), "{} problem(s):\n\n{}", problems.len(), problems.join("\n\n"));
}

// ---------------------------------------------------------------------------
// Resource bounds: large files are generated here, never committed.
// ---------------------------------------------------------------------------

fn site_with(files: &[(&str, Vec<u8>)]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    prepare_base(&site);
    for (rel, bytes) in files {
        fs::write(site.join(rel), bytes).unwrap();
    }
    let out = tmp.path().join("public");
    previous_output(&out);
    (tmp, site, out)
}

/// Runs the build with its address space capped, so an attempt to hold a huge input in
/// memory fails the test instead of the machine.
fn build_capped(site: &Path, out: &Path) -> Output {
    let limit_kb = 1_048_576; // 1 GiB of address space
    let script = format!("ulimit -v {limit_kb} && exec \"$0\" \"$@\"");
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .arg("--root")
        .arg(site)
        .arg("build")
        .arg("--output")
        .arg(out)
        .output()
        .unwrap()
}

fn period_ids(n: usize) -> Vec<String> {
    let mut ids = Vec::with_capacity(n);
    'outer: for year in 1000..10000 {
        for q in ["", "Q1", "Q2", "Q3", "Q4"] {
            if ids.len() == n {
                break 'outer;
            }
            ids.push(format!("FY{year}{q}"));
        }
    }
    ids
}

fn big_table(rows: usize) -> Vec<u8> {
    let mut csv = String::from("period,revenue,operating_income\n");
    for (i, id) in period_ids(rows).iter().enumerate() {
        csv.push_str(&format!("{id},{},{}.5\n", i + 1, i % 997));
    }
    csv.into_bytes()
}

#[test]
fn csv_of_50_megabytes_is_refused_without_reading_it() {
    let mut csv = b"period,revenue,operating_income\n".to_vec();
    let row = b"FY2021,2263,235\n";
    while csv.len() < 50 * 1024 * 1024 {
        csv.extend_from_slice(row);
    }
    let (_tmp, site, out) = site_with(&[("content/data/results.csv", csv)]);
    let before = snapshot(&out);
    let result = build_capped(&site, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(has_error(&stderr, &site.join("content/data/results.csv"), None, "data files are limited to"), "{stderr}");
    assert_eq!(snapshot(&out), before);
}

#[test]
fn table_of_10000_rows_is_handled() {
    let (_tmp, site, out) = site_with(&[("content/data/results.csv", big_table(irsite::data::MAX_TABLE_ROWS))]);
    // Only the home pages use the table: the chart page would draw 10,000 bars.
    for lang in ["ja", "en"] {
        let page = site.join(format!("content/{lang}/results.md"));
        let text = fs::read_to_string(&page).unwrap().replace("{{ chart(id=\"results-chart\") }}", "");
        fs::write(&page, text).unwrap();
    }
    let result = build_capped(&site, &out);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let home = fs::read_to_string(out.join("ja/index.html")).unwrap();
    assert!(home.contains("2021年度の売上は"), "{home}");
}

#[test]
fn table_over_the_row_limit_is_refused_with_its_line() {
    let rows = irsite::data::MAX_TABLE_ROWS + 1;
    let (_tmp, site, out) = site_with(&[("content/data/results.csv", big_table(rows))]);
    let before = snapshot(&out);
    let result = build_capped(&site, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        has_error(&stderr, &site.join("content/data/results.csv"), Some(rows + 1), "more than 10000 rows"),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before);
}

#[test]
fn sidecar_of_50_megabytes_is_refused() {
    let mut toml = fs::read(corpus().join("base/content/data/results.toml")).unwrap();
    let comment = format!("# {}\n", "x".repeat(1022));
    while toml.len() < 50 * 1024 * 1024 {
        toml.extend_from_slice(comment.as_bytes());
    }
    let (_tmp, site, out) = site_with(&[("content/data/results.toml", toml)]);
    let result = build_capped(&site, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(has_error(&stderr, &site.join("content/data/results.toml"), None, "data files are limited to"), "{stderr}");
}
