//! Shortcodes in page bodies: `{{ name(key="value", n=1, flag=true) }}`.

use std::collections::BTreeMap;
use std::fmt;

use crate::error::LineIndex;

#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl fmt::Display for ArgValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgValue::Str(s) => write!(f, "\"{s}\""),
            ArgValue::Int(i) => write!(f, "{i}"),
            ArgValue::Float(x) => write!(f, "{x}"),
            ArgValue::Bool(b) => write!(f, "{b}"),
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

/// Finds every shortcode in `text`. Text in fenced code blocks and inline code is skipped,
/// so shortcodes can be shown in documentation.
pub fn scan(text: &str) -> Result<Vec<Shortcode>, ParseError> {
    let mut found = Vec::new();
    // Built at the first `{{`: most text has no shortcode and needs no line numbers.
    let mut lines: Option<LineIndex> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut in_fence = false;
    let mut line_start = true;
    while i < bytes.len() {
        if line_start {
            let rest = &text[i..];
            let trimmed = rest.trim_start_matches([' ', '\t']);
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                in_fence = !in_fence;
            }
        }
        line_start = bytes[i] == b'\n';
        if in_fence {
            i += 1;
            continue;
        }
        if bytes[i] == b'`' {
            // Skip an inline code span on this line.
            let run = bytes[i..].iter().take_while(|b| **b == b'`').count();
            let fence = &text[i..i + run];
            let search_from = i + run;
            let line_end = text[search_from..].find('\n').map(|n| search_from + n).unwrap_or(text.len());
            match text[search_from..line_end].find(fence) {
                Some(close) => i = search_from + close + run,
                None => i += run,
            }
            continue;
        }
        if bytes[i] == b'{' && bytes.get(i + 1) == Some(&b'{') {
            let lines = lines.get_or_insert_with(|| LineIndex::new(text));
            if let Some(sc) = parse_at(text, i, lines)? {
                i = sc.end;
                found.push(sc);
                continue;
            }
        }
        i += 1;
    }
    Ok(found)
}

/// Parses a shortcode starting at `start` (which holds `{{`). Returns `None` when the text is
/// not shaped like a shortcode at all (e.g. `{{` in prose), and an error when it clearly is one
/// but is malformed.
fn parse_at(text: &str, start: usize, lines: &LineIndex) -> Result<Option<Shortcode>, ParseError> {
    let mut p = Cursor { text, pos: start + 2 };
    p.skip_ws();
    let name = p.ident();
    if name.is_empty() {
        return Ok(None);
    }
    p.skip_ws();
    if !p.eat('(') {
        return Ok(None);
    }
    let err = |p: &Cursor, msg: String| {
        let (line, column) = lines.line_col(text, p.pos);
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
    let (line, column) = lines.line_col(text, start);
    Ok(Some(Shortcode { name: name.to_string(), args, start, end: p.pos, line, column }))
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
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
    fn skips_code_and_plain_braces() {
        let text = "`{{ fig(id=\"x\") }}`\n```\n{{ chart(id=\"y\") }}\n```\n{{ not a shortcode }}\n";
        assert!(scan(text).unwrap().is_empty());
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
