//! Typed errors. Every error about an input names the file and, where one exists, the line.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in the site's source an error was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// 1-based line, when the error has one.
    pub line: Option<usize>,
    /// 1-based column, when the error has one.
    pub column: Option<usize>,
}

impl Location {
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: None, column: None }
    }

    pub fn line(path: impl Into<PathBuf>, line: usize) -> Self {
        Location { path: path.into(), line: Some(line), column: None }
    }

    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location { path: path.into(), line: Some(line), column: Some(column) }
    }

    /// Location of a byte offset inside `source`, which itself starts at `first_line` of the file.
    pub fn from_offset(path: &Path, source: &str, offset: usize, first_line: usize) -> Self {
        let (line, column) = line_col(source, offset);
        Location::at(path, first_line + line - 1, column)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_col(source, offset)
}

/// Where each line of a text starts, so that many offsets can be turned into lines without
/// rescanning the text from its start each time.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect(),
        }
    }

    /// 1-based line of a byte offset (offsets past the end count as the last line).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// 1-based line and column (in characters) of a byte offset in `text`, the text indexed.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let column = text[self.starts[line - 1]..offset].chars().count() + 1;
        (line, column)
    }
}

/// Line and column of offsets asked for in increasing order, as a scan meets them: each
/// column is counted on from the previous offset, not from the start of its line, so a scan of
/// a long line stays linear.
pub struct Cursor<'a> {
    text: &'a str,
    /// Built on the first offset asked for: most texts never need one.
    lines: Option<LineIndex>,
    /// The last offset asked for, with its line and column.
    last: (usize, usize, usize),
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, lines: None, last: (0, 1, 1) }
    }

    /// 1-based line and column (in characters) of a byte offset in the text.
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let text = self.text;
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(text));
        let line = lines.line(offset);
        let (last_offset, last_line, last_column) = self.last;
        let (from, column) = if line == last_line && offset >= last_offset {
            (last_offset, last_column)
        } else {
            (lines.starts[line - 1], 1)
        };
        let column = column + self.text[from..offset].chars().count();
        self.last = (offset, line, column);
        (line, column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// The stage of the pipeline an input error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Config,
    FrontMatter,
    Content,
    Data,
    Locale,
    Shortcode,
    Template,
    Chart,
    Output,
    /// Reading a filing to import (`irsite import`).
    Import,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Stage::Config => "config",
            Stage::FrontMatter => "front matter",
            Stage::Content => "content",
            Stage::Data => "data",
            Stage::Locale => "locale",
            Stage::Shortcode => "shortcode",
            Stage::Template => "template",
            Stage::Chart => "chart",
            Stage::Output => "output",
            Stage::Import => "import",
        };
        f.write_str(name)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem with the site's input, at a known place.
    #[error("{location}: {stage} error: {message}")]
    Input {
        stage: Stage,
        location: Location,
        message: String,
        /// A one-line suggestion for the author.
        hint: Option<String>,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Several independent errors found in one pass.
    #[error("{}", render_many(.0))]
    Many(Vec<Error>),
}

fn render_many(errors: &[Error]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    lines.join("\n")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn input(stage: Stage, location: Location, message: impl Into<String>) -> Self {
        Error::Input { stage, location, message: message.into(), hint: None }
    }

    pub fn with_hint(mut self, text: impl Into<String>) -> Self {
        if let Error::Input { hint, .. } = &mut self {
            *hint = Some(text.into());
        }
        self
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// Folds a list of errors into one; `Ok` when the list is empty.
    pub fn collect(mut errors: Vec<Error>) -> Result<()> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.pop().unwrap()),
            _ => Err(Error::Many(errors)),
        }
    }

    /// The individual errors, flattening `Many`.
    pub fn flatten(&self) -> Vec<&Error> {
        match self {
            Error::Many(list) => list.iter().flat_map(|e| e.flatten()).collect(),
            other => vec![other],
        }
    }

    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Input { location, .. } => Some(location),
            _ => None,
        }
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            Error::Input { hint, .. } => hint.as_deref(),
            _ => None,
        }
    }
}

/// The bytes of a file as UTF-8, naming the file and the line of the first invalid byte.
/// Files are read through [`crate::input`].
pub fn decode_utf8(path: &Path, stage: Stage, bytes: Vec<u8>) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // A byte-order mark is invisible to authors; drop it rather than fail.
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            if text.contains('\r') {
                text = text.replace("\r\n", "\n");
            }
            Ok(text)
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
            Err(Error::input(stage, Location::line(path, line), "file is not valid UTF-8")
                .with_hint("save the file with UTF-8 encoding"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_counting_newlines() {
        let text = "一行目\n\nthird line\r\n四行目の途中";
        let index = LineIndex::new(text);
        for offset in (0..=text.len() + 3).filter(|&o| o > text.len() || text.is_char_boundary(o)) {
            let before = &text[..offset.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
            assert_eq!(index.line_col(text, offset), (line, column), "offset {offset}");
        }
        // Inside a multi-byte character: the character's own position.
        assert_eq!(line_col(text, 1), (1, 1));
        assert_eq!(line_col(text, 4), (1, 2));
    }
}
