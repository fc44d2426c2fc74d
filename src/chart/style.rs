//! Colours, fill patterns and marker shapes of chart series.
//!
//! The palette alternates dark and medium colours: every colour has at least 3:1 contrast
//! against the white background, and each colour at least 3:1 against the next one, so
//! neighbouring series (stacked segments, bars of a group, slices) stay apart without colour
//! vision. Series are also told apart by fill pattern (bars, slices) or marker shape (lines),
//! and segments and slices are separated by white gaps.

use plotters::style::RGBColor;

pub const PALETTE: [&str; 8] = ["#17325c", "#e0700a", "#3d1a5c", "#3d8fd1", "#5c1818", "#3a9a5b", "#123f33", "#d9559e"];

pub const TEXT: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);
pub const MUTED: RGBColor = RGBColor(0x4d, 0x4d, 0x4d);
pub const GRID: RGBColor = RGBColor(0xd9, 0xd9, 0xd9);
pub const AXIS: RGBColor = RGBColor(0x59, 0x59, 0x59);
pub const WHITE: RGBColor = RGBColor(0xff, 0xff, 0xff);

/// Colour of series `i` (the author's colour when given).
pub fn color(i: usize, custom: &[String]) -> String {
    custom.get(i).cloned().unwrap_or_else(|| PALETTE[i % PALETTE.len()].to_string())
}

pub fn rgb(hex: &str) -> RGBColor {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance.
pub fn luminance(hex: &str) -> f64 {
    let RGBColor(r, g, b) = rgb(hex);
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The SVG `<pattern>` of series `i`: the series colour with a texture of its own (the first
/// series is plain). `status` patterns, for forecast/plan/target periods, are a light tint
/// hatched in the series colour.
pub fn pattern(id: &str, i: usize, color: &str, status: bool) -> String {
    if status {
        return format!(
            "<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"6\" height=\"6\" fill=\"{color}\" fill-opacity=\"0.18\"/><path d=\"M-1 1l2-2M0 6L6 0M5 7l2-2\" stroke=\"{color}\" stroke-width=\"1.6\"/></pattern>"
        );
    }
    let texture = match i % 8 {
        0 => "",
        1 => "<path d=\"M0 3h6\" stroke=\"#fff\" stroke-opacity=\".55\" stroke-width=\"1.2\"/>",
        2 => "<circle cx=\"3\" cy=\"3\" r=\"1.1\" fill=\"#fff\" fill-opacity=\".6\"/>",
        3 => "<path d=\"M3 0v6\" stroke=\"#fff\" stroke-opacity=\".55\" stroke-width=\"1.2\"/>",
        4 => "<path d=\"M0 6L6 0M-1 1l2-2M5 7l2-2\" stroke=\"#fff\" stroke-opacity=\".5\" stroke-width=\"1\"/>",
        5 => "<path d=\"M0 3h6M3 0v6\" stroke=\"#fff\" stroke-opacity=\".5\" stroke-width=\"1\"/>",
        6 => "<path d=\"M0 0l6 6M-1 5l2 2M5-1l2 2\" stroke=\"#fff\" stroke-opacity=\".5\" stroke-width=\"1\"/>",
        _ => "<rect x=\"2\" y=\"2\" width=\"2\" height=\"2\" fill=\"#fff\" fill-opacity=\".55\"/>",
    };
    format!("<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" fill=\"{color}\"/>{texture}</pattern>")
}

/// Marker shapes of line series, in series order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

pub fn marker(i: usize) -> Marker {
    [Marker::Circle, Marker::Square, Marker::Triangle, Marker::Diamond][i % 4]
}
