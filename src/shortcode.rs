//! Shortcodes in page bodies: `{{ name(key="value", n=1, flag=true) }}`.

use std::collections::BTreeMap;
use std::fmt;

use std::ops::Range;

use crate::error::Cursor;

#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// `["a", "b"]`: a list of strings.
    List(Vec<String>),
}

impl fmt::Display for ArgValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgValue::Str(s) => write!(f, "\"{s}\""),
            ArgValue::Int(i) => write!(f, "{i}"),
            ArgValue::Float(x) => write!(f, "{x}"),
            ArgValue::Bool(b) => write!(f, "{b}"),
            ArgValue::List(items) => {
                let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
                write!(f, "[{}]", quoted.join(", "))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    pub name: String,
    pub args: BTreeMap<String, ArgValue>,
    /// Byte range of the whole `{{ … }}` in the scanned text.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column in the scanned text.
    pub line: usize,
    pub column: usize,
}

/// A malformed shortcode, with its position in the scanned text.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl Shortcode {
    pub fn str_arg(&self, key: &str) -> Result<Option<&str>, String> {
        match self.args.get(key) {
            None => Ok(None),
            Some(ArgValue::Str(s)) => Ok(Some(s)),
            Some(other) => Err(format!("argument `{key}` must be a string in quotes, found {other}")),
        }
    }

    pub fn int_arg(&self, key: &str) -> Result<Option<i64>, String> {
        match self.args.get(key) {
            None => Ok(None),
            Some(ArgValue::Int(i)) => Ok(Some(*i)),
            Some(other) => Err(format!("argument `{key}` must be a whole number, found {other}")),
        }
    }

    pub fn bool_arg(&self, key: &str) -> Result<Option<bool>, String> {
        match self.args.get(key) {
            None => Ok(None),
            Some(ArgValue::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(format!("argument `{key}` must be true or false, found {other}")),
        }
    }

    pub fn list_arg(&self, key: &str) -> Result<Option<&[String]>, String> {
        match self.args.get(key) {
            None => Ok(None),
            Some(ArgValue::List(items)) => Ok(Some(items)),
            Some(other) => Err(format!("argument `{key}` must be a list such as [\"a\", \"b\"], found {other}")),
        }
    }

    /// Rejects arguments outside `allowed`.
    pub fn check_args(&self, allowed: &[&str]) -> Result<(), String> {
        for key in self.args.keys() {
            if !allowed.contains(&key.as_str()) {
                return Err(format!("`{}` has no argument `{key}` (arguments: {})", self.name, allowed.join(", ")));
            }
        }
        Ok(())
    }
}

/// Finds every shortcode in `text`, read as plain text: which parts of a page are text (and
/// not code, HTML or a link's URL) is for the Markdown parser to say, see
/// `markdown::shortcodes`.
pub fn scan(text: &str) -> Result<Vec<Shortcode>, ParseError> {
    scan_in(text, 0..text.len(), &mut Cursor::new(text))
}

/// Offset of the first `{{` in `text`: where a shortcode may start.
pub fn find_open(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'{', bytes).find(|&at| bytes.get(at + 1) == Some(&b'{'))
}

/// Finds the shortcodes inside `text[range]`, with offsets, lines and columns in the whole
/// `text`. A shortcode must end inside the range. `positions` is shared by the calls for one
/// text, made in increasing order of `range`.
pub fn scan_in(text: &str, range: Range<usize>, positions: &mut Cursor) -> Result<Vec<Shortcode>, ParseError> {
    let mut found = Vec::new();
    let text = &text[..range.end];
    let mut from = range.start;
    // `{{` is rare in prose: a vectorised search jumps between candidates.
    while let Some(at) = find_open(&text[from..]).map(|i| from + i) {
        match parse_at(text, at, positions)? {
            Some(sc) => {
                from = sc.end;
                found.push(sc);
            }
            None => from = at + 1,
        }
    }
    Ok(found)
}

/// Parses a shortcode starting at `start` (which holds `{{`) and ending inside `text`. Returns
/// `None` when the text is not shaped like a shortcode at all (e.g. `{{` in prose), and an
/// error when it clearly is one but is malformed.
pub fn parse_at(text: &str, start: usize, positions: &mut Cursor) -> Result<Option<Shortcode>, ParseError> {
    let mut p = Reader { text, pos: start + 2 };
    p.skip_ws();
    let name = p.ident();
    if name.is_empty() {
        return Ok(None);
    }
    p.skip_ws();
    if !p.eat('(') {
        return Ok(None);
    }
    let mut err = |p: &Reader, msg: String| {
        let (line, column) = positions.line_col(p.pos);
        ParseError { message: msg, line, column }
    };
    let mut args = BTreeMap::new();
    loop {
        p.skip_ws();
        if p.eat(')') {
            break;
        }
        if !args.is_empty() && !p.eat(',') {
            return Err(err(&p, format!("expected `,` or `)` in `{name}` shortcode")));
        }
        p.skip_ws();
        if p.eat(')') {
            break;
        }
        let key = p.ident();
        if key.is_empty() {
            return Err(err(&p, format!("expected an argument name in `{name}` shortcode")));
        }
        p.skip_ws();
        if !p.eat('=') {
            return Err(err(&p, format!("expected `=` after `{key}`")));
        }
        p.skip_ws();
        let value = p.value().map_err(|m| err(&p, m))?;
        if args.insert(key.to_string(), value).is_some() {
            return Err(err(&p, format!("argument `{key}` given twice")));
        }
    }
    p.skip_ws();
    if !(p.eat('}') && p.eat('}')) {
        return Err(err(&p, format!("expected `}}}}` to close the `{name}` shortcode")));
    }
    let (line, column) = positions.line_col(start);
    Ok(Some(Shortcode { name: name.to_string(), args, start, end: p.pos, line, column }))
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
    }
    fn ident(&mut self) -> &'a str {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                self.pos += 1;
            } else {
                break;
            }
        }
        &self.text[start..self.pos]
    }
    fn value(&mut self) -> Result<ArgValue, String> {
        match self.peek() {
            Some('[') => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.eat(']') {
                        return Ok(ArgValue::List(items));
                    }
                    if !items.is_empty() && !self.eat(',') {
                        return Err("expected `,` or `]` in a list".into());
                    }
                    self.skip_ws();
                    if self.eat(']') {
                        return Ok(ArgValue::List(items));
                    }
                    if self.peek() != Some('"') {
                        return Err("a list holds text in double quotes: [\"a\", \"b\"]".into());
                    }
                    match self.value()? {
                        ArgValue::Str(item) => items.push(item),
                        _ => unreachable!("a quoted value is a string"),
                    }
                }
            }
            Some('"') => {
                // An unterminated string is reported at its opening quote, not past the line end.
                let open = self.pos;
                self.pos += 1;
                let mut out = String::new();
                loop {
                    let Some(c) = self.peek() else {
                        self.pos = open;
                        return Err("unterminated string".into());
                    };
                    self.pos += c.len_utf8();
                    match c {
                        '"' => return Ok(ArgValue::Str(out)),
                        '\\' => {
                            let Some(next) = self.peek() else {
                                self.pos = open;
                                return Err("unterminated string".into());
                            };
                            self.pos += next.len_utf8();
                            match next {
                                '"' | '\\' => out.push(next),
                                other => return Err(format!("unknown escape `\\{other}` in string")),
                            }
                        }
                        '\n' => {
                            self.pos = open;
                            return Err("unterminated string".into());
                        }
                        c => out.push(c),
                    }
                }
            }
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let start = self.pos;
                self.pos += 1;
                while matches!(self.peek(), Some(c) if c.is_ascii_digit() || c == '.') {
                    self.pos += 1;
                }
                let raw = &self.text[start..self.pos];
                if let Ok(i) = raw.parse::<i64>() {
                    Ok(ArgValue::Int(i))
                } else if let Ok(x) = raw.parse::<f64>() {
                    Ok(ArgValue::Float(x))
                } else {
                    Err(format!("`{raw}` is not a number"))
                }
            }
            _ => {
                let word = self.ident();
                match word {
                    "true" => Ok(ArgValue::Bool(true)),
                    "false" => Ok(ArgValue::Bool(false)),
                    "" => Err("expected a value: \"text\", a number, true or false".into()),
                    other => Err(format!("`{other}` is not a value; put text in double quotes")),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_arguments_of_each_type() {
        let text = "売上 {{ fig(id=\"a.b\", precision=1, as_of=true, x=-1.5) }} です";
        let found = scan(text).unwrap();
        assert_eq!(found.len(), 1);
        let sc = &found[0];
        assert_eq!(sc.name, "fig");
        assert_eq!(sc.args["id"], ArgValue::Str("a.b".into()));
        assert_eq!(sc.args["precision"], ArgValue::Int(1));
        assert_eq!(sc.args["as_of"], ArgValue::Bool(true));
        assert_eq!(sc.args["x"], ArgValue::Float(-1.5));
        assert_eq!(&text[sc.start..sc.end], "{{ fig(id=\"a.b\", precision=1, as_of=true, x=-1.5) }}");
        assert_eq!((sc.line, sc.column), (1, 4));
    }

    #[test]
    fn skips_plain_braces() {
        assert!(scan("{{ not a shortcode }} {{}} {{ x }\n{{").unwrap().is_empty());
    }

    #[test]
    fn columns_of_many_shortcodes_on_one_line() {
        let text = "é{{ a() }}".repeat(3);
        let columns: Vec<usize> = scan(&text).unwrap().iter().map(|s| s.column).collect();
        assert_eq!(columns, [2, 12, 22]);
    }

    #[test]
    fn reports_malformed_shortcode_position() {
        let err = scan("a\nb {{ fig(id=\"x\" precision=1) }}").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("expected `,`"), "{}", err.message);
        let err = scan("{{ fig(id=\"x) }}").unwrap_err();
        assert!(err.message.contains("unterminated"));
        let err = scan("{{ chart(id=\"x\") }").unwrap_err();
        assert!(err.message.contains("close"));
    }
}
