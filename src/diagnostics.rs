//! How errors and warnings are shown: one style for the whole tool. Each message names
//! `file:line:column`, quotes the offending line with a caret under the spot, and adds a
//! one-line hint. Colour is used only when writing to a terminal.

use std::io::IsTerminal;
use std::path::Path;

use annotate_snippets::{Level, Renderer, Snippet};

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    fn level(self) -> Level {
        match self {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        }
    }
}

/// Whether stderr should get colour: a terminal, and `NO_COLOR` not set.
pub fn stderr_colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A path as the author would type it: `content/en/about.md` rather than `./content/en/about.md`.
pub fn show_path(path: &Path) -> String {
    let text = path.display().to_string();
    let text = text.strip_prefix("./").unwrap_or(&text).to_string();
    if let Ok(cwd) = std::env::current_dir() {
        if let Ok(rel) = path.strip_prefix(&cwd) {
            return rel.display().to_string();
        }
    }
    text
}

/// One error (not `Many`) as text.
pub fn render_one(err: &Error, severity: Severity, colour: bool) -> String {
    let renderer = if colour { Renderer::styled() } else { Renderer::plain() };
    let level = severity.level();
    match err {
        Error::Input { stage, location, message, hint } => {
            let stage = stage.to_string();
            let origin;
            let (source, span, line);
            let fallback;
            let quoted = location.line.and_then(|line| source_line(&location.path, line));
            let mut msg = level.title(message).id(&stage);
            match (&quoted, location.line) {
                (Some(text), Some(l)) => {
                    line = l;
                    let (s, sp) = caret_span(text, location.column);
                    source = s;
                    span = sp;
                    origin = show_path(&location.path);
                    msg = msg.snippet(
                        Snippet::source(&source).line_start(line).origin(&origin).annotation(level.span(span.clone())),
                    );
                }
                _ => {
                    // No line to quote: name the place in the title.
                    fallback = format!("{}: {message}", show_location(location));
                    msg = level.title(&fallback).id(&stage);
                }
            }
            if let Some(h) = hint {
                msg = msg.footer(Level::Help.title(h));
            }
            let out = renderer.render(msg).to_string();
            out
        }
        other => {
            let text = other.to_string();
            let out = renderer.render(level.title(&text)).to_string();
            out
        }
    }
}

pub fn show_location(location: &crate::error::Location) -> String {
    let mut s = show_path(&location.path);
    if let Some(line) = location.line {
        s.push_str(&format!(":{line}"));
        if let Some(column) = location.column {
            s.push_str(&format!(":{column}"));
        }
    }
    s
}

/// The line (1-based) of a file, without its line break.
fn source_line(path: &Path, line: usize) -> Option<String> {
    // Errors with a line come from files already read under the input rule; still, only a
    // regular file is opened, and no more of it than an input may hold.
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).ok()?;
    std::io::Read::read_to_end(&mut std::io::Read::take(file, crate::input::MAX_TEXT_FILE_BYTES), &mut bytes).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.split('\n').nth(line.checked_sub(1)?).map(|l| l.trim_end_matches('\r').to_string())
}

/// The quoted text and the byte range the caret marks: the character at `column`, or the
/// line's text when no column is known.
fn caret_span(line: &str, column: Option<usize>) -> (String, std::ops::Range<usize>) {
    let mut text = line.replace('\t', " ");
    match column {
        Some(col) => {
            let col = col.max(1);
            let chars = text.chars().count();
            if col > chars {
                // Past the end (e.g. a missing closing mark): point just after the text.
                text.push_str(&" ".repeat(col - chars));
            }
            let start = text.char_indices().nth(col - 1).map(|(i, _)| i).unwrap_or(text.len());
            let end = text[start..].chars().next().map(|c| start + c.len_utf8()).unwrap_or(start);
            (text, start..end)
        }
        None => {
            let start = text.len() - text.trim_start().len();
            let end = text.trim_end().len().max(start);
            if start == end {
                text.push(' ');
                return (text, start..start + 1);
            }
            (text, start..end)
        }
    }
}

/// Every error in `err` (flattening `Many`), separated by blank lines.
pub fn render(err: &Error, severity: Severity, colour: bool) -> String {
    let parts: Vec<String> = err.flatten().into_iter().map(|e| render_one(e, severity, colour)).collect();
    parts.join("\n\n")
}

/// Prints errors to stderr in the tool's style and returns how many there were.
pub fn report(err: &Error, severity: Severity) -> usize {
    let colour = stderr_colour();
    let list = err.flatten();
    for e in &list {
        eprintln!("{}\n", render_one(e, severity, colour));
    }
    list.len()
}

/// Prints a list of warnings (or errors) to stderr.
pub fn report_all(list: &[Error], severity: Severity) -> usize {
    list.iter().map(|e| report(e, severity)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Location, Stage};

    #[test]
    fn quotes_the_line_with_a_caret_and_hint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.md");
        std::fs::write(&path, "+++\ntitle = \"x\"\n+++\nsee {{ chart(id=\"nope\") }}\n").unwrap();
        let err = Error::input(Stage::Shortcode, Location::at(&path, 4, 5), "unknown chart id `nope`")
            .with_hint("charts are defined in charts.toml");
        let text = render(&err, Severity::Error, false);
        assert!(text.contains("error[shortcode]: unknown chart id `nope`"), "{text}");
        assert!(text.contains(&format!("{}:4:5", path.display())), "{text}");
        assert!(text.contains("4 | see {{ chart(id=\"nope\") }}"), "{text}");
        assert!(text.contains("|     ^"), "{text}");
        assert!(text.contains("help: charts are defined in charts.toml"), "{text}");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn errors_without_a_line_name_the_file() {
        let err = Error::input(Stage::Content, Location::file("content/en/x.md"), "page has no ja twin");
        let text = render(&err, Severity::Warning, false);
        assert!(text.starts_with("warning[content]: content/en/x.md: page has no ja twin"), "{text}");
    }
}
