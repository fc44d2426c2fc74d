//! Drawing: layouts place shapes and labels on a [`Canvas`]; [`Canvas::finish`] draws them with
//! plotters' SVG backend and completes the SVG for the page.
//!
//! plotters' SVG backend knows fill and stroke colours only. Shapes that need more (a fill
//! pattern, a dashed stroke, a white halo behind a label, a `data-series` attribute for
//! tests and scripts) are drawn with a placeholder colour registered here, and the
//! placeholder is replaced by the real attributes when the SVG is finished. The backend's
//! output is also made smaller: attributes the SVG defaults already give are dropped, and the
//! font family is set once on the root element.

use std::collections::BTreeMap;

use plotters::backend::SVGBackend;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::metrics;
use crate::render::escape_html;

/// Browser font stack: system Japanese fonts first, then any sans-serif.
pub const FONT_STACK: &str = "'Hiragino Sans','Hiragino Kaku Gothic ProN','Noto Sans JP','Noto Sans CJK JP','Yu Gothic UI','Yu Gothic',Meiryo,system-ui,sans-serif";

/// A box taken by a label or mark, for collision checks.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// The least space between two labels, in SVG units, so that they never touch.
pub const LABEL_GAP: f64 = 1.5;

impl Area {
    /// The box with [`LABEL_GAP`] more on each side.
    pub fn spaced(&self) -> Area {
        Area { x0: self.x0 - LABEL_GAP, y0: self.y0 - LABEL_GAP, x1: self.x1 + LABEL_GAP, y1: self.y1 + LABEL_GAP }
    }

    pub fn overlaps(&self, o: &Area) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

enum Op {
    Rect { x0: i32, y0: i32, x1: i32, y1: i32, color: RGBColor, fill: bool, width: u32 },
    Text { x: i32, y: i32, text: String, size: f64, anchor: Anchor, color: RGBColor, turned: bool },
    Path { points: Vec<(i32, i32)>, color: RGBColor, width: u32 },
    Polygon { points: Vec<(i32, i32)>, color: RGBColor },
    Circle { x: i32, y: i32, r: u32, color: RGBColor, fill: bool, width: u32 },
}

struct Placeholder {
    value: String,
    extra: Vec<(String, String)>,
}

pub struct Canvas {
    pub width: i32,
    ops: Vec<Op>,
    /// Labels, drawn after every shape so that no line crosses them.
    labels: Vec<Op>,
    placeholders: Vec<Placeholder>,
    taken: Vec<Area>,
    /// Boxes of bars: value labels keep off them, line labels (with a halo) may cross them.
    soft: Vec<Area>,
    /// `<defs>` content by id, in id order.
    defs: BTreeMap<String, String>,
}

/// Width of the ink of a turned label's digits, in font sizes: the text's top is `dy` 0.76 em
/// above its baseline and digits rise about 0.72 em, so the ink lies between 0.04 em and
/// 0.76 em beside the anchor, and a comma reaches about 0.12 em further.
pub const TURNED_INK: f64 = 0.84;

/// The anchor (left edge, once turned) of a turned label centred on `x`.
pub fn turned_left(x: f64, size: f64) -> f64 {
    x - size * (0.04 + TURNED_INK / 2.0)
}

#[derive(Debug, Clone, Copy)]
pub struct Mark {
    ops: usize,
    labels: usize,
    taken: usize,
}

/// Rounds a layout coordinate to the backend's pixel grid.
pub fn px(v: f64) -> i32 {
    v.round() as i32
}

impl Canvas {
    pub fn new(width: i32) -> Canvas {
        Canvas {
            width,
            ops: Vec::new(),
            labels: Vec::new(),
            placeholders: Vec::new(),
            taken: Vec::new(),
            soft: Vec::new(),
            defs: BTreeMap::new(),
        }
    }

    /// A placeholder colour standing for the fill or stroke `value` plus `extra` attributes.
    pub fn paint(&mut self, value: &str, extra: &[(&str, &str)]) -> RGBColor {
        let n = self.placeholders.len() + 1;
        assert!(n < 0xffff, "too many placeholder colours");
        self.placeholders.push(Placeholder {
            value: value.to_string(),
            extra: extra.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        });
        RGBColor(1, (n >> 8) as u8, (n & 0xff) as u8)
    }

    pub fn define(&mut self, id: &str, markup: String) {
        self.defs.entry(id.to_string()).or_insert(markup);
    }

    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor) {
        let (x0, x1) = (px(x0.min(x1)), px(x0.max(x1)));
        let (y0, y1) = (px(y0.min(y1)), px(y0.max(y1)));
        self.ops.push(Op::Rect { x0, y0, x1, y1, color, fill: true, width: 0 });
    }

    pub fn outline(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor, width: u32) {
        let (x0, x1) = (px(x0.min(x1)), px(x0.max(x1)));
        let (y0, y1) = (px(y0.min(y1)), px(y0.max(y1)));
        self.ops.push(Op::Rect { x0, y0, x1, y1, color, fill: false, width });
    }

    pub fn line(&mut self, points: &[(f64, f64)], color: RGBColor, width: u32) {
        self.ops.push(Op::Path { points: points.iter().map(|&(x, y)| (px(x), px(y))).collect(), color, width });
    }

    pub fn polygon(&mut self, points: &[(f64, f64)], color: RGBColor) {
        self.ops.push(Op::Polygon { points: points.iter().map(|&(x, y)| (px(x), px(y))).collect(), color });
    }

    pub fn circle(&mut self, x: f64, y: f64, r: f64, color: RGBColor, fill: bool, width: u32) {
        self.ops.push(Op::Circle { x: px(x), y: px(y), r: r.round() as u32, color, fill, width });
    }

    /// The box a one-line label would take; `y` is the top of the line.
    pub fn text_area(x: f64, y: f64, text: &str, size: f64, anchor: Anchor) -> Area {
        let w = metrics::width(text, size);
        let x0 = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        Area { x0, y0: y - size * 0.12, x1: x0 + w, y1: y + size * 1.08 }
    }

    /// A one-line label with its top at `y`. The label's box is taken.
    pub fn text(&mut self, x: f64, y: f64, text: &str, size: f64, anchor: Anchor, color: RGBColor) -> Area {
        let area = Canvas::text_area(x, y, text, size, anchor);
        self.taken.push(area);
        self.labels.push(Op::Text { x: px(x), y: px(y), text: text.to_string(), size, anchor, color, turned: false });
        area
    }

    /// The box of a label turned a quarter anticlockwise (read from the bottom up), centred
    /// on `x`: it runs up from `y` with [`Anchor::Start`], down from `y` with [`Anchor::End`].
    /// Its width is the ink of the digits (see [`turned_left`]).
    pub fn turned_area(x: f64, y: f64, text: &str, size: f64, anchor: Anchor) -> Area {
        let w = metrics::width(text, size);
        let (y0, y1) = match anchor {
            Anchor::Start => (y - w, y),
            Anchor::Middle => (y - w / 2.0, y + w / 2.0),
            Anchor::End => (y, y + w),
        };
        let half = size * TURNED_INK / 2.0;
        Area { x0: x - half, y0, x1: x + half, y1 }
    }

    /// A turned label (see [`Canvas::turned_area`]); its box is taken.
    pub fn turned_text(&mut self, x: f64, y: f64, text: &str, size: f64, anchor: Anchor, color: RGBColor) -> Area {
        let area = Canvas::turned_area(x, y, text, size, anchor);
        self.taken.push(area);
        let left = turned_left(x, size);
        self.labels.push(Op::Text { x: px(left), y: px(y), text: text.to_string(), size, anchor, color, turned: true });
        area
    }

    /// What has been drawn and taken so far, to go back to with [`Canvas::rollback`].
    pub fn mark(&self) -> Mark {
        Mark { ops: self.ops.len(), labels: self.labels.len(), taken: self.taken.len() }
    }

    /// Forgets the shapes, labels and taken boxes added since `mark` (placeholder colours and
    /// definitions stay: unused, they draw nothing).
    pub fn rollback(&mut self, mark: Mark) {
        self.ops.truncate(mark.ops);
        self.labels.truncate(mark.labels);
        self.taken.truncate(mark.taken);
    }

    /// Whether `area` is inside the canvas and overlaps no taken box.
    pub fn is_free(&self, area: &Area) -> bool {
        area.x0 >= 0.0 && area.x1 <= f64::from(self.width) && !self.taken.iter().any(|t| t.overlaps(area))
    }

    /// Whether `area` is free and its ink also clear of bars. Widths are estimated on the wide
    /// side (see [`metrics`]): the ink is taken as the middle 86 % of the box.
    /// Labels also keep [`LABEL_GAP`] from other labels and marks.
    pub fn is_clear(&self, area: &Area) -> bool {
        let inset = (area.x1 - area.x0) * 0.07;
        let ink = Area { x0: area.x0 + inset, x1: area.x1 - inset, ..*area };
        self.room_for(area, &ink)
    }

    /// Whether a label with box `area` and ink `ink` keeps [`LABEL_GAP`] from every taken box
    /// and its ink off bars.
    pub fn room_for(&self, area: &Area, ink: &Area) -> bool {
        area.x0 >= 0.0
            && area.x1 <= f64::from(self.width)
            && !self.taken.iter().any(|t| t.overlaps(&area.spaced()))
            && !self.soft.iter().any(|t| t.overlaps(ink))
    }

    pub fn take(&mut self, area: Area) {
        self.taken.push(area);
    }

    pub fn take_soft(&mut self, area: Area) {
        self.soft.push(area);
    }

    /// Draws everything with plotters and returns the finished `<svg>` element. `head` is
    /// inserted first (the `<title>` and `<desc>`); `root` are extra attributes of `<svg>`.
    pub fn finish(self, height: i32, root: &[(&str, String)], head: &str) -> Result<String, String> {
        let mut raw = String::new();
        {
            let backend = SVGBackend::with_string(&mut raw, (self.width as u32, height.max(1) as u32));
            let area = backend.into_drawing_area();
            let err = |e: DrawingAreaErrorKind<_>| format!("drawing the chart failed: {e}");
            for op in self.ops.iter().chain(self.labels.iter()) {
                match op {
                    Op::Rect { x0, y0, x1, y1, color, fill, width } => {
                        let style = if *fill { color.filled() } else { color.stroke_width(*width) };
                        area.draw(&Rectangle::new([(*x0, *y0), (*x1, *y1)], style)).map_err(err)?;
                    }
                    Op::Text { x, y, text, size, anchor, color, turned } => {
                        let h = match anchor {
                            Anchor::Start => HPos::Left,
                            Anchor::Middle => HPos::Center,
                            Anchor::End => HPos::Right,
                        };
                        // The SVG backend divides the size by 1.24; the finished SVG gets the
                        // intended size back (see `tidy`).
                        let style =
                            TextStyle::from(("sans-serif", *size).into_font()).color(color).pos(Pos::new(h, VPos::Top));
                        let style = if *turned { style.transform(FontTransform::Rotate270) } else { style };
                        area.draw(&Text::new(text.clone(), (*x, *y), style)).map_err(err)?;
                    }
                    Op::Path { points, color, width } => {
                        area.draw(&PathElement::new(points.clone(), color.stroke_width(*width))).map_err(err)?;
                    }
                    Op::Polygon { points, color } => {
                        area.draw(&Polygon::new(points.clone(), color.filled())).map_err(err)?;
                    }
                    Op::Circle { x, y, r, color, fill, width } => {
                        let style = if *fill { color.filled() } else { color.stroke_width(*width) };
                        area.draw(&Circle::new((*x, *y), *r, style)).map_err(err)?;
                    }
                }
            }
            area.present().map_err(|e| format!("drawing the chart failed: {e}"))?;
        }
        Ok(self.tidy(&raw, height, root, head))
    }

    fn tidy(&self, raw: &str, height: i32, root: &[(&str, String)], head: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        out.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {height}\" width=\"100%\"",
            self.width
        ));
        for (k, v) in root {
            out.push_str(&format!(" {k}=\"{}\"", escape_html(v)));
        }
        out.push_str(&format!(" font-family=\"{FONT_STACK}\">\n"));
        out.push_str(head);
        if !self.defs.is_empty() {
            out.push_str("<defs>");
            for markup in self.defs.values() {
                out.push_str(markup);
            }
            out.push_str("</defs>\n");
        }
        let mut lines = raw.lines().skip(1).peekable();
        while let Some(line) = lines.next() {
            if line.starts_with("</svg") {
                continue;
            }
            if line.starts_with("</") {
                out.push_str(line);
                out.push('\n');
                continue;
            }
            let Some((name, attrs, closed)) = parse_tag(line) else {
                out.push_str(line);
                out.push('\n');
                continue;
            };
            let attrs = self.rewrite(&name, attrs);
            out.push('<');
            out.push_str(&name);
            for (k, v) in &attrs {
                out.push_str(&format!(" {k}=\"{v}\""));
            }
            if closed {
                out.push_str("/>\n");
            } else if name == "text" {
                // plotters writes the text and the closing tag on lines of their own.
                out.push('>');
                let content = lines.next().unwrap_or("");
                out.push_str(content);
                if lines.peek().is_some_and(|l| l.starts_with("</text")) {
                    lines.next();
                }
                out.push_str("</text>\n");
            } else {
                out.push_str(">\n");
            }
        }
        out.push_str("</svg>");
        out
    }

    fn rewrite(&self, name: &str, attrs: Vec<(String, String)>) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::with_capacity(attrs.len());
        let mut extra: Vec<(String, String)> = Vec::new();
        let stroked = attrs.iter().any(|(k, v)| k == "stroke" && v != "none");
        for (k, v) in attrs {
            match k.as_str() {
                "opacity" if v == "1" => {}
                "font-family" => {}
                "stroke" if v == "none" => {}
                "stroke-width" if !stroked => {}
                "font-size" => {
                    let size: f64 = v.parse().unwrap_or(12.0) * 1.24;
                    let rounded = (size * 10.0).round() / 10.0;
                    out.push((k, format!("{rounded}")));
                }
                "fill" | "stroke" => match self.placeholder(&v) {
                    Some(p) => {
                        out.push((k, p.value.clone()));
                        for e in &p.extra {
                            if !extra.iter().any(|(ek, _)| ek == &e.0) {
                                extra.push(e.clone());
                            }
                        }
                    }
                    None => out.push((k, v.to_ascii_lowercase())),
                },
                _ => out.push((k, v)),
            }
        }
        if name == "text" {
            // Remove the default start anchor.
            out.retain(|(k, v)| !(k == "text-anchor" && v == "start"));
        }
        out.extend(extra);
        out
    }

    fn placeholder(&self, color: &str) -> Option<&Placeholder> {
        let hex = color.strip_prefix("#01")?;
        let n = usize::from_str_radix(hex, 16).ok()?;
        self.placeholders.get(n.checked_sub(1)?)
    }
}

/// `<name a="1" b="2"/>` as (name, attributes, self-closing). Attribute values stay escaped.
fn parse_tag(line: &str) -> Option<(String, Vec<(String, String)>, bool)> {
    let body = line.trim().strip_prefix('<')?;
    let (body, closed) = match body.strip_suffix("/>") {
        Some(b) => (b, true),
        None => (body.strip_suffix('>')?, false),
    };
    let name_end = body.find(' ').unwrap_or(body.len());
    let name = body[..name_end].to_string();
    let mut rest = &body[name_end..];
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let eq = rest.find("=\"")?;
        let key = rest[..eq].to_string();
        let after = &rest[eq + 2..];
        let end = after.find('"')?;
        attrs.push((key, after[..end].to_string()));
        rest = &after[end + 1..];
    }
    Some((name, attrs, closed))
}
