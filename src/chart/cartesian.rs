//! Charts on x/y axes: stacked bars, grouped bars, lines, and bars with lines on a secondary
//! axis. The x axis has one slot per table row (period or category).

use std::collections::BTreeMap;

use plotters::style::RGBColor;

use super::canvas::{Anchor, Area, Canvas, LABEL_GAP};
use super::metrics;
use super::style::{self, Marker};
use super::{fill, Model, Series, MIN_FONT, WIDTH};
use crate::data::{ChartKind, RowKind, Status};
use crate::format;
use crate::model::units::Kind;
use crate::model::Unit;

pub const PAD: f64 = 8.0;
const PLOT_H: f64 = 200.0;
pub const FS_TICK: f64 = 12.0;
pub const FS_LABEL: f64 = 13.0;
pub const FS_VALUE: f64 = 12.0;
const FS_SMALL: f64 = MIN_FONT;
/// Space above the plot for the labels on top of the highest bars.
pub const LABEL_BAND: f64 = 16.0;

/// A value axis: `min` to `max` in `intervals` steps of `step`.
struct Axis {
    min: f64,
    step: f64,
    intervals: u32,
    unit: Unit,
}

fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let n = if norm <= 1.0 + 1e-9 {
        1.0
    } else if norm <= 2.0 + 1e-9 {
        2.0
    } else if norm <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    n * mag
}

impl Axis {
    fn nice(lo: f64, hi: f64, unit: Unit, zero: bool) -> Axis {
        let (mut lo, mut hi) = (lo, hi);
        if zero {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        }
        if hi - lo < 1e-9 {
            hi = lo + 1.0;
        }
        // the nice step for about five intervals, or the next finer one when that wastes less
        // of the plot and gives at most seven intervals
        let coarse = nice_step((hi - lo) / 5.0);
        let fine = nice_step(coarse * 0.45);
        let span = |step: f64| ((hi / step - 1e-9).ceil() - (lo / step + 1e-9).floor()) * step;
        let step = if fine < coarse && span(fine) < span(coarse) - 1e-9 && span(fine) / fine <= 7.0 + 1e-9 {
            fine
        } else {
            coarse
        };
        let min = (lo / step + 1e-9).floor() * step;
        let max = (hi / step - 1e-9).ceil() * step;
        // Float rounding at extreme magnitudes must never turn into thousands of ticks.
        Axis { min, step, intervals: ((max - min) / step).round().clamp(1.0, 20.0) as u32, unit }
    }

    /// An axis from zero with the given number of intervals, covering `lo..hi`.
    fn aligned(lo: f64, hi: f64, unit: Unit, intervals: u32) -> Axis {
        let lo = lo.min(0.0);
        let hi = hi.max(0.0);
        let mut step = nice_step((hi - lo) / f64::from(intervals));
        let mut min = (lo / step + 1e-9).floor() * step;
        while min + step * f64::from(intervals) < hi - 1e-9 {
            step = nice_step(step * 1.01);
            min = (lo / step + 1e-9).floor() * step;
        }
        Axis { min, step, intervals, unit }
    }

    /// Intervals of the axis below zero.
    fn below_zero(&self) -> u32 {
        (-self.min / self.step).round().max(0.0) as u32
    }

    /// The same axis with `up` more intervals at the top and `down` more at the bottom.
    fn grown(&self, up: u32, down: u32) -> Axis {
        Axis {
            min: self.min - self.step * f64::from(down),
            step: self.step,
            intervals: self.intervals + up + down,
            unit: self.unit.clone(),
        }
    }

    fn max(&self) -> f64 {
        self.min + self.step * f64::from(self.intervals)
    }

    fn ticks(&self, lang: crate::lang::Lang) -> Vec<(f64, String)> {
        (0..=self.intervals)
            .map(|k| {
                let v = self.min + self.step * f64::from(k);
                (v, format::axis_tick(v, self.step, &self.unit, lang))
            })
            .collect()
    }
}

/// The left axis of bars (values `left` = (lowest, highest), zero included) and the right axis
/// of lines (`right`), with their zeros on one grid line: both have as many intervals below
/// zero and as many above. Each gets the nice step that covers its values in those intervals;
/// of the splits into four to seven intervals, the one whose emptier axis is fullest wins
/// (ties: fewer intervals). Without values below zero on either axis the left axis stays as
/// chosen for the bars alone.
fn zero_aligned(left: Axis, bars: (f64, f64), right: (f64, f64), unit: Unit) -> (Axis, Axis) {
    let (lo2, hi2) = (right.0.min(0.0), right.1.max(0.0));
    if left.below_zero() == 0 && lo2 >= 0.0 {
        let intervals = left.intervals;
        return (left, Axis::aligned(lo2, hi2, unit, intervals));
    }
    // the nice step covering lo..hi with `below` intervals under zero and `above` over it
    let step_for = |lo: f64, hi: f64, below: u32, above: u32| -> Option<f64> {
        if (hi > 0.0 && above == 0) || (lo < 0.0 && below == 0) {
            return None;
        }
        let need = |n: u32, v: f64| if n == 0 { 0.0 } else { v / f64::from(n) };
        let mut step = nice_step(need(above, hi).max(need(below, -lo)));
        while step * f64::from(above) < hi - 1e-9 * hi.abs() || step * f64::from(below) < -lo - 1e-9 * lo.abs() {
            step = nice_step(step * 1.01);
        }
        Some(step)
    };
    let mut best: Option<(f64, u32, u32, f64, f64)> = None;
    for total in 4..=7u32 {
        for below in 0..=total {
            let above = total - below;
            let (Some(s1), Some(s2)) = (step_for(bars.0, bars.1, below, above), step_for(lo2, hi2, below, above))
            else {
                continue;
            };
            let span = f64::from(total);
            let fill = ((bars.1 - bars.0) / (s1 * span)).min((hi2 - lo2) / (s2 * span));
            if best.is_none_or(|b| fill > b.0 + 1e-9) {
                best = Some((fill, below, above, s1, s2));
            }
        }
    }
    let Some((_, below, above, s1, s2)) = best else {
        let intervals = left.intervals;
        return (left, Axis::aligned(lo2, hi2, unit, intervals));
    };
    let axis = |step: f64, unit: Unit| Axis { min: -step * f64::from(below), step, intervals: below + above, unit };
    (axis(s1, left.unit.clone()), axis(s2, unit))
}

/// Maps axis values to y coordinates of the plot.
struct YMap {
    top: f64,
    bottom: f64,
    min: f64,
    max: f64,
}

impl YMap {
    fn y(&self, v: f64) -> f64 {
        self.bottom - (v - self.min) / (self.max - self.min) * (self.bottom - self.top)
    }
}

enum Swatch {
    Fill(RGBColor),
    Line(RGBColor, Marker),
}

/// Draws the legend from `y` down; returns the y below it.
fn legend(canvas: &mut Canvas, items: &[(Swatch, String)], y: f64) -> f64 {
    let right = f64::from(WIDTH) - PAD;
    let line_h = FS_LABEL * 1.3;
    let mut x = PAD;
    let mut y = y;
    let mut row_h: f64 = 0.0;
    for (swatch, text) in items {
        let sw = match swatch {
            Swatch::Fill(_) => 12.0,
            Swatch::Line(..) => 20.0,
        };
        let avail = right - PAD - sw - 5.0;
        let lines = metrics::wrap_balanced(text, FS_LABEL, avail);
        let w = sw + 5.0 + metrics::widest(&lines, FS_LABEL);
        if x > PAD && x + w > right {
            x = PAD;
            y += row_h + 4.0;
            row_h = 0.0;
        }
        let mid = y + FS_LABEL * 0.5;
        match swatch {
            Swatch::Fill(c) => {
                canvas.rect(x, mid - 6.0, x + 12.0, mid + 6.0, *c);
            }
            Swatch::Line(color, m) => {
                canvas.line(&[(x, mid), (x + 20.0, mid)], *color, 2);
                marker(canvas, *m, x + 10.0, mid, *color, None);
            }
        }
        for (k, line) in lines.iter().enumerate() {
            canvas.text(x + sw + 5.0, y + k as f64 * line_h, line, FS_LABEL, Anchor::Start, style::TEXT);
        }
        row_h = row_h.max(lines.len() as f64 * line_h);
        x += w + 14.0;
    }
    y + row_h
}

/// A point marker; `outline` draws it hollow (white inside) with that stroke.
fn marker(canvas: &mut Canvas, shape: Marker, x: f64, y: f64, fill: RGBColor, outline: Option<RGBColor>) {
    let color = outline.unwrap_or(fill);
    let solid = outline.is_none();
    let body = if solid { color } else { style::WHITE };
    let points: Vec<(f64, f64)> = match shape {
        Marker::Circle => {
            canvas.circle(x, y, 4.0, body, true, 0);
            if !solid {
                canvas.circle(x, y, 4.0, color, false, 2);
            }
            return;
        }
        Marker::Square => vec![(x - 3.5, y - 3.5), (x + 3.5, y - 3.5), (x + 3.5, y + 3.5), (x - 3.5, y + 3.5)],
        Marker::Triangle => vec![(x, y - 5.0), (x + 4.5, y + 3.5), (x - 4.5, y + 3.5)],
        Marker::Diamond => vec![(x, y - 5.0), (x + 5.0, y), (x, y + 5.0), (x - 5.0, y)],
    };
    canvas.polygon(&points, body);
    if !solid {
        let mut closed = points.clone();
        closed.push(points[0]);
        canvas.line(&closed, color, 2);
    }
}

/// Fill of bars of a series: its pattern, or the hatched tint of non-actual periods.
struct Paints {
    cache: BTreeMap<(usize, u8, &'static str), RGBColor>,
}

impl Paints {
    /// `role`: 0 bar, 1 bar of a forecast/plan/target period, 2 legend swatch.
    fn get(&mut self, canvas: &mut Canvas, model: &Model, s: &Series, role: u8, status: Status) -> RGBColor {
        if let Some(c) = self.cache.get(&(s.index, role, status.id())) {
            return *c;
        }
        let hatched = role == 1;
        let pid = format!("{}-{}{}", model.element_id, if hatched { "h" } else { "p" }, s.index);
        canvas.define(&pid, style::pattern(&pid, s.index, &s.color, hatched));
        let url = format!("url(#{pid})");
        let c = match role {
            2 => canvas.paint(&url, &[]),
            1 => canvas.paint(&url, &[("data-series", &s.id), ("data-status", status.id())]),
            _ => canvas.paint(&url, &[("data-series", &s.id)]),
        };
        self.cache.insert((s.index, role, status.id()), c);
        c
    }
}

/// Extra axis intervals above and below the values, made when value labels found no room.
#[derive(Clone, Copy, Default)]
struct Room {
    up: u32,
    down: u32,
}

/// Value labels that found no place: whether one wanted room above the plot's middle, below.
#[derive(Default)]
struct Unplaced {
    up: bool,
    down: bool,
}

/// At most this many intervals are added on each side to make room for value labels.
const MAX_ROOM: u32 = 3;

/// Lays the chart out with the room its value labels need: when a label finds no place, the
/// axis gets one more interval on that side (the plot grows with it, so the bars keep their
/// scale) and the chart is laid out again, up to [`MAX_ROOM`] intervals a side. A label with no
/// place even then (a bar narrower than a turned label beside taller bars) is left out, and a
/// line under the chart says that the data table has the values without a label.
pub fn layout(model: &Model, canvas: &mut Canvas) -> Result<f64, String> {
    let mut room = Room::default();
    loop {
        let mut trial = Canvas::new(canvas.width);
        let (height, unplaced) = layout_with(model, &mut trial, room)?;
        let up = unplaced.up && room.up < MAX_ROOM;
        let down = unplaced.down && room.down < MAX_ROOM;
        if !up && !down {
            *canvas = trial;
            if !(unplaced.up || unplaced.down) {
                return Ok(height);
            }
            // said under the chart, so that no figure goes missing unannounced
            let mut y = height - PAD + 2.0;
            let lines = metrics::wrap_balanced(&model.words.unlabelled, FS_SMALL, f64::from(WIDTH) - 2.0 * PAD);
            for line in &lines {
                let c = canvas.paint("#4d4d4d", &[("data-note", "unlabelled")]);
                canvas.text(PAD, y, line, FS_SMALL, Anchor::Start, c);
                y += FS_SMALL * 1.3;
            }
            return Ok(y + PAD);
        }
        room.up += u32::from(up);
        room.down += u32::from(down);
    }
}

fn layout_with(model: &Model, canvas: &mut Canvas, room: Room) -> Result<(f64, Unplaced), String> {
    let lang = model.lang;
    let n = model.slots.len().max(1);
    let (bars, lines): (&[Series], &[Series]) = match model.kind {
        ChartKind::Line => (&[], &model.series),
        ChartKind::BarLine => (&model.series, &model.lines),
        _ => (&model.series, &[]),
    };
    let stacked = model.kind == ChartKind::StackedBar;
    let secondary = model.kind == ChartKind::BarLine;
    let vals = |s: &Series| s.values.iter().flatten().map(|v| v.value()).collect::<Vec<f64>>();

    // --- axes
    let (primary, right_axis) = if bars.is_empty() {
        let all: Vec<f64> = lines.iter().flat_map(vals).collect();
        let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // No value at all: an empty axis from zero rather than infinities.
        let (lo, hi) = if all.is_empty() { (0.0, 0.0) } else { (lo, hi) };
        // Percentages start at zero (a cut axis exaggerates change); other lines start at
        // zero unless the values sit far from it.
        let percent = matches!(lines[0].unit.kind(), Kind::Percent);
        let zero = percent || lo <= 0.0 || lo < hi * 0.6;
        let pad = (hi - lo).max(hi.abs() * 0.02) * 0.08;
        (Axis::nice(if zero { lo } else { lo - pad }, hi + pad, lines[0].unit.clone(), zero), None)
    } else {
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for i in 0..model.slots.len() {
            if stacked {
                let pos: f64 = bars.iter().filter_map(|s| s.values[i]).map(|v| v.value()).filter(|v| *v > 0.0).sum();
                let neg: f64 = bars.iter().filter_map(|s| s.values[i]).map(|v| v.value()).filter(|v| *v < 0.0).sum();
                hi = hi.max(pos);
                lo = lo.min(neg);
                if let Some(t) = model.total.as_ref().and_then(|t| t.values[i]) {
                    hi = hi.max(t.value());
                }
            } else {
                for s in bars {
                    if let Some(v) = s.values[i] {
                        hi = hi.max(v.value());
                        lo = lo.min(v.value());
                    }
                }
            }
        }
        let left = Axis::nice(lo, hi, bars[0].unit.clone(), true);
        if secondary && !lines.is_empty() {
            let all: Vec<f64> = lines.iter().flat_map(vals).collect();
            // some headroom beyond the extreme points, for their labels
            let lo2 = all.iter().copied().fold(0.0, f64::min) * 1.05;
            let hi2 = all.iter().copied().fold(0.0, f64::max) * 1.05;
            let (left, right) = zero_aligned(left, (lo, hi), (lo2, hi2), lines[0].unit.clone());
            (left, Some(right))
        } else {
            (left, None)
        }
    };
    let base_intervals = primary.intervals;
    let primary = primary.grown(room.up, room.down);
    let right_axis = right_axis.map(|a| a.grown(room.up, room.down));
    let left_ticks = primary.ticks(lang);
    let right_ticks = right_axis.as_ref().map(|a| a.ticks(lang)).unwrap_or_default();
    let tick_w = |t: &[(f64, String)]| t.iter().map(|(_, s)| metrics::width(s, FS_TICK)).fold(0.0, f64::max);
    let plot_left = PAD + tick_w(&left_ticks) + 6.0;
    let plot_right = f64::from(WIDTH) - PAD - if right_ticks.is_empty() { 4.0 } else { tick_w(&right_ticks) + 6.0 };
    let slot_w = (plot_right - plot_left) / n as f64;
    let cx = |i: usize| plot_left + slot_w * (i as f64 + 0.5);

    // --- legend
    let mut paints = Paints { cache: BTreeMap::new() };
    let mut items: Vec<(Swatch, String)> = Vec::new();
    let bar_order: Vec<&Series> = if stacked { bars.iter().rev().collect() } else { bars.iter().collect() };
    for s in bar_order {
        let c = paints.get(canvas, model, s, 2, Status::Actual);
        items.push((Swatch::Fill(c), s.name.clone()));
    }
    for (k, s) in lines.iter().enumerate() {
        let name = if secondary { fill(&model.words.axis_right, &[("series", &s.name)]) } else { s.name.clone() };
        items.push((Swatch::Line(style::rgb(&s.color), style::marker(k)), name));
    }
    let mut statuses: Vec<Status> = Vec::new();
    for slot in &model.slots {
        if slot.status != Status::Actual && !statuses.contains(&slot.status) {
            statuses.push(slot.status);
        }
    }
    if !statuses.is_empty() && !bars.is_empty() {
        let pid = format!("{}-hs", model.element_id);
        canvas.define(&pid, style::pattern(&pid, 0, "#595959", true));
        let c = canvas.paint(&format!("url(#{pid})"), &[]);
        let words: Vec<&str> = statuses.iter().filter_map(|s| model.words.status(*s)).collect();
        items.push((
            Swatch::Fill(c),
            fill(&model.words.legend_status, &[("statuses", &words.join(&model.words.status_sep))]),
        ));
    }
    // A lone bar series needs no legend (the title names it); line charts always show theirs.
    let show_legend = model.kind == ChartKind::Line || !(items.len() == 1 && !secondary && statuses.is_empty());
    let mut y = PAD;
    if show_legend && !items.is_empty() {
        y = legend(canvas, &items, y) + 8.0;
    }

    // --- unit captions
    let caption = |u: &Unit| {
        let c = u.axis_caption(lang);
        if c.is_empty() {
            String::new()
        } else {
            fill(&model.words.axis_unit, &[("unit", c)])
        }
    };
    let left_cap = caption(&primary.unit);
    let right_cap = right_axis.as_ref().map(|a| caption(&a.unit)).unwrap_or_default();
    if !left_cap.is_empty() || !right_cap.is_empty() {
        let lw = metrics::width(&left_cap, FS_TICK);
        let rw = metrics::width(&right_cap, FS_TICK);
        if !left_cap.is_empty() {
            canvas.text(PAD, y, &left_cap, FS_TICK, Anchor::Start, style::MUTED);
        }
        if !right_cap.is_empty() {
            if lw + rw + 12.0 > f64::from(WIDTH) - 2.0 * PAD {
                y += FS_TICK * 1.3;
            }
            canvas.text(f64::from(WIDTH) - PAD, y, &right_cap, FS_TICK, Anchor::End, style::MUTED);
        }
        y += FS_TICK * 1.3;
    }
    let plot_top = y + LABEL_BAND;
    // Three lines or more: taller, so that close values keep their labels apart.
    let plot_h = if lines.len() >= 3 { PLOT_H * 1.4 } else { PLOT_H };
    // room made for labels adds to the height: an interval keeps its height
    let plot_h = plot_h * f64::from(primary.intervals) / f64::from(base_intervals);
    let plot_bottom = plot_top + plot_h;
    let ym = YMap { top: plot_top, bottom: plot_bottom, min: primary.min, max: primary.max() };
    let ym2 = right_axis.as_ref().map(|a| YMap { top: plot_top, bottom: plot_bottom, min: a.min, max: a.max() });

    // --- status bands, grid, ticks
    for (i, slot) in model.slots.iter().enumerate() {
        if slot.status != Status::Actual {
            canvas.rect(
                plot_left + slot_w * i as f64,
                plot_top - LABEL_BAND,
                plot_left + slot_w * (i + 1) as f64,
                plot_bottom,
                RGBColor(0xf3, 0xf3, 0xf3),
            );
        }
    }
    for (v, label) in &left_ticks {
        let gy = ym.y(*v);
        let color = if v.abs() < 1e-9 { style::AXIS } else { style::GRID };
        canvas.line(&[(plot_left, gy), (plot_right, gy)], color, 1);
        canvas.text(plot_left - 5.0, gy - FS_TICK * 0.42, label, FS_TICK, Anchor::End, style::MUTED);
    }
    if let Some(m2) = &ym2 {
        for (v, label) in &right_ticks {
            canvas.text(plot_right + 5.0, m2.y(*v) - FS_TICK * 0.42, label, FS_TICK, Anchor::Start, style::MUTED);
        }
    }
    if primary.min < 0.0 || primary.max() <= 0.0 {
        canvas.line(&[(plot_left, plot_bottom), (plot_right, plot_bottom)], style::AXIS, 1);
    }

    // --- bars
    // value labels of grouped bars: (x, y above the bar, label, bar box, series colour, hatched)
    let mut tops: Vec<BarLabel> = Vec::new();
    // the horizontal extent of each slot's bars, for labels of points beside them
    let mut slot_bars: Vec<Option<(f64, f64)>> = vec![None; model.slots.len()];
    let zero_y = ym.y(0.0f64.clamp(primary.min, primary.max()));
    if stacked {
        // Wide enough for a segment's value inside it.
        let bw = (slot_w * 0.72).min(56.0);
        for (i, slot) in model.slots.iter().enumerate() {
            let status = slot.status;
            let (mut up, mut down) = (0.0f64, 0.0f64);
            let x0 = cx(i) - bw / 2.0;
            let x1 = cx(i) + bw / 2.0;
            slot_bars[i] = Some((x0, x1));
            for s in bars {
                let Some(v) = s.values[i] else { continue };
                let v = v.value();
                let (a, b) = if v >= 0.0 {
                    up += v;
                    (up - v, up)
                } else {
                    down += v;
                    (down - v, down)
                };
                let (ya, yb) = (ym.y(a), ym.y(b));
                let hatched = status != Status::Actual;
                let c = paints.get(canvas, model, s, u8::from(hatched), status);
                canvas.rect(x0, yb, x1, ya, c);
                if hatched {
                    canvas.outline(x0, yb, x1, ya, style::rgb(&s.color), 1);
                } else {
                    canvas.line(&[(x0, yb), (x1, yb)], style::WHITE, 1);
                }
                canvas.take_soft(Area { x0, y0: yb.min(ya), x1, y1: ya.max(yb) });
            }
            let top = ym.y(up);
            // segment values, inside the segments that have room
            let mut acc = 0.0;
            for s in bars {
                let Some(v) = s.values[i] else { continue };
                if v.value() < 0.0 {
                    continue;
                }
                let (ya, yb) = (ym.y(acc), ym.y(acc + v.value()));
                acc += v.value();
                let label = model.value_label(v, &s.unit);
                if ya - yb >= FS_VALUE + 3.0 && metrics::width(&label, FS_VALUE) <= bw - 1.0 {
                    let color = if status != Status::Actual { value_halo(canvas, s) } else { inside_color(canvas, s) };
                    let ty = (ya + yb) / 2.0 - FS_VALUE * 0.45;
                    if status == Status::Actual {
                        plate(canvas, cx(i), ty, &label, s, Area { x0, y0: yb, x1, y1: ya });
                    }
                    canvas.text(cx(i), ty, &label, FS_VALUE, Anchor::Middle, color);
                }
            }
            if let Some((total, t)) = model.total.as_ref().and_then(|total| Some((total, total.values[i]?))) {
                let label = model.value_label(t, &total.unit);
                let y_top = top.min(ym.y(t.value())) - 3.0 - FS_VALUE * 1.05;
                let c = value_halo(canvas, total);
                canvas.text(cx(i), y_top, &label, FS_VALUE, Anchor::Middle, c);
            }
        }
    } else if !bars.is_empty() {
        let k = bars.len() as f64;
        let gw = if bars.len() == 1 { (slot_w * 0.5).min(48.0) } else { (slot_w * 0.8).min(k * 34.0) };
        let bw = gw / k;
        for (i, slot) in model.slots.iter().enumerate() {
            if bars.iter().any(|s| s.values[i].is_some()) {
                slot_bars[i] = Some((cx(i) - gw / 2.0, cx(i) + gw / 2.0));
            }
            for (j, s) in bars.iter().enumerate() {
                let Some(v) = s.values[i] else { continue };
                let x0 = cx(i) - gw / 2.0 + bw * j as f64;
                let x1 = x0 + bw;
                let yv = ym.y(v.value());
                let hatched = slot.status != Status::Actual;
                let c = paints.get(canvas, model, s, u8::from(hatched), slot.status);
                canvas.rect(x0, yv, x1, zero_y, c);
                if hatched {
                    canvas.outline(x0, yv, x1, zero_y, style::rgb(&s.color), 1);
                } else if bars.len() > 1 {
                    canvas.outline(x0, yv, x1, zero_y, style::WHITE, 1);
                }
                canvas.take_soft(Area { x0, y0: yv.min(zero_y), x1, y1: yv.max(zero_y) });
                let negative = v.value() < 0.0;
                tops.push(BarLabel {
                    slot: i,
                    x: (x0 + x1) / 2.0,
                    y: if negative { yv + 3.0 } else { yv - 3.0 - FS_VALUE * 1.05 },
                    text: model.value_label(v, &s.unit),
                    bar: Area { x0, y0: yv.min(zero_y), x1, y1: yv.max(zero_y) },
                    series: s,
                    hatched,
                    negative,
                });
            }
        }
    }

    // --- lines
    let map = |v: f64| match &ym2 {
        Some(m) => m.y(v),
        None => ym.y(v),
    };
    let mut point_labels: Vec<(usize, f64, f64, String, &Series)> = Vec::new();
    for (k, s) in lines.iter().enumerate() {
        let color = s.color.as_str();
        let solid = canvas.paint(color, &[("data-series", &s.id)]);
        let dashed = canvas.paint(color, &[("data-series", &s.id), ("stroke-dasharray", "5 3")]);
        let pts: Vec<Option<(f64, f64)>> =
            (0..model.slots.len()).map(|i| s.values[i].map(|v| (cx(i), map(v.value())))).collect();
        // runs of consecutive points, split where the style changes
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut run_dashed = false;
        for i in 0..pts.len() {
            let Some(p) = pts[i] else {
                if run.len() > 1 {
                    canvas.line(&run, if run_dashed { dashed } else { solid }, 2);
                }
                run.clear();
                continue;
            };
            if let Some(prev) = run.last().copied() {
                let seg_dashed = model.slots[i].status != Status::Actual || model.slots[i - 1].status != Status::Actual;
                if run.len() > 1 && seg_dashed != run_dashed {
                    canvas.line(&run, if run_dashed { dashed } else { solid }, 2);
                    run = vec![prev];
                }
                run_dashed = seg_dashed;
            }
            run.push(p);
        }
        if run.len() > 1 {
            canvas.line(&run, if run_dashed { dashed } else { solid }, 2);
        }
        let shape = style::marker(k);
        for (i, p) in pts.iter().enumerate() {
            let Some((x, y)) = *p else { continue };
            let status = model.slots[i].status;
            if status == Status::Actual {
                let c = canvas.paint(color, &[("data-point", &s.id)]);
                marker(canvas, shape, x, y, c, None);
            } else {
                let c = canvas.paint(color, &[("data-point", &s.id), ("data-status", status.id())]);
                marker(canvas, shape, x, y, style::WHITE, Some(c));
            }
            canvas.take(Area { x0: x - 5.0, y0: y - 5.0, x1: x + 5.0, y1: y + 5.0 });
            let v = s.values[i].expect("point has a value");
            point_labels.push((i, x, y, model.value_label(v, &s.unit), s));
        }
    }
    let bounds = Bounds {
        x0: plot_left - 2.0,
        x1: plot_right + 2.0,
        y0: plot_top - LABEL_BAND,
        y1: plot_bottom,
        zero: (primary.min < 0.0 && primary.max() > 0.0).then_some(zero_y),
    };
    let mut unplaced = Unplaced::default();
    // Slot by slot: each bar's label where `bar_label` finds room; if one of them finds none,
    // every label of the slot turns a quarter and stands beyond its bar's end, in the bar's
    // own column (one look per slot, and no label of a bar over another bar).
    let mut start = 0;
    while start < tops.len() {
        let end = start + tops[start..].iter().take_while(|b| b.slot == tops[start].slot).count();
        let mark = canvas.mark();
        if !tops[start..end].iter().all(|b| bar_label(canvas, b, &bounds)) {
            canvas.rollback(mark);
            for b in &tops[start..end] {
                if !turned_label(canvas, b, &bounds) {
                    if b.negative {
                        unplaced.down = true;
                    } else {
                        unplaced.up = true;
                    }
                }
            }
        }
        start = end;
    }
    // Slot by slot, top point first: the top point's label goes above it, the bottom one's
    // below, one between others on the side with more room. Two passes: first each label
    // right above or below its point, then the others anywhere near it, so that a label moved
    // aside takes no place a centred one needed. Labels keep off bars and the zero line.
    point_labels.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.total_cmp(&b.2)));
    let mut placed = vec![false; point_labels.len()];
    let mut wanted_up = vec![true; point_labels.len()];
    let mark = canvas.mark();
    for pass in 0..2 {
        for (k, (slot, x, y, label, s)) in point_labels.iter().enumerate() {
            let (slot, x, y) = (*slot, *x, *y);
            if placed[k] {
                continue;
            }
            let up = if k > 0 && point_labels[k - 1].0 == slot { y - point_labels[k - 1].2 } else { f64::INFINITY };
            let down = if k + 1 < point_labels.len() && point_labels[k + 1].0 == slot {
                point_labels[k + 1].2 - y
            } else {
                f64::INFINITY
            };
            let w = metrics::width(label, FS_VALUE);
            // clear of the mark (5 units each way) by the gap between labels
            let (above, below, beside) = (y - 8.0 - FS_VALUE, y + 8.0, y - FS_VALUE * 0.55);
            let (first, second) = if down > up { (below, above) } else { (above, below) };
            wanted_up[k] = first == above;
            let mut candidates = vec![(x, first), (x, second)];
            if pass == 1 {
                // moved sideways, the label's edge within half a label of the point; beside it
                for d in [w * 0.3, w * 0.55] {
                    candidates.extend([(x + d, first), (x - d, first), (x + d, second), (x - d, second)]);
                }
                candidates.extend([(x + 7.0 + w / 2.0, beside), (x - 7.0 - w / 2.0, beside)]);
                // beside the slot's bars, at the point's height
                if let Some((b0, b1)) = slot_bars[slot] {
                    candidates.extend([(b1 + 3.0 + w / 2.0, beside), (b0 - 3.0 - w / 2.0, beside)]);
                }
            }
            for (tx, ty) in candidates {
                let area = Canvas::text_area(tx, ty, label, FS_VALUE, Anchor::Middle);
                if canvas.is_clear(&area) && bounds.allows(&area) {
                    let c = value_halo(canvas, s);
                    canvas.text(tx, ty, label, FS_VALUE, Anchor::Middle, c);
                    placed[k] = true;
                    break;
                }
            }
        }
    }
    // Labels that found no place near their points: with bars, the lines' values go to rows
    // under the axis (more room does not move a point off a bar); a line chart gets more room
    // on that side, and the rows only when it has all the room it may get.
    let mut in_rows = false;
    if placed.iter().any(|p| !p) {
        let up = (0..placed.len()).any(|k| !placed[k] && wanted_up[k]);
        let down = (0..placed.len()).any(|k| !placed[k] && !wanted_up[k]);
        if secondary || (up && room.up >= MAX_ROOM) || (down && room.down >= MAX_ROOM) {
            canvas.rollback(mark);
            in_rows = true;
        } else {
            unplaced.up |= up;
            unplaced.down |= down;
        }
    }

    // --- x axis labels
    let mut y = plot_bottom + 6.0;
    let line_h = FS_LABEL * 1.2;
    // Periods are all at one size, on one line if they fit at a legible size, else in the two
    // lines the fiscal calendar breaks them into (ja `16` / `年度`, `23/12` / `期`, en `FY` /
    // `16`); category names wrap.
    let (wrapped, label_size): (Vec<Vec<String>>, f64) = if model.row_kind == RowKind::Period {
        let fit = |lines: &[Vec<String>]| {
            let widest = lines.iter().map(|l| metrics::widest(l, FS_LABEL)).fold(0.0, f64::max);
            ((FS_LABEL * (slot_w - 4.0) / widest.max(1.0)).min(FS_LABEL) * 10.0).floor() / 10.0
        };
        let one: Vec<Vec<String>> = model.slots.iter().map(|s| vec![s.label.clone()]).collect();
        let size = fit(&one);
        if size >= MIN_FONT {
            (one, size)
        } else {
            let two: Vec<Vec<String>> = model.slots.iter().map(|s| s.narrow.clone()).collect();
            let size2 = fit(&two).max(MIN_FONT);
            if size2 > size {
                (two, size2)
            } else {
                (one, size.max(MIN_FONT))
            }
        }
    } else {
        // at the size at which the longest word fits, if legible
        let max = slot_w - 3.0;
        let widest = model
            .slots
            .iter()
            .flat_map(|s| s.label.split(' '))
            .map(|w| metrics::width(w, FS_LABEL))
            .fold(0.0, f64::max);
        let size = ((FS_LABEL * max / widest.max(1.0)).min(FS_LABEL) * 10.0).floor() / 10.0;
        let size = size.max(MIN_FONT);
        (model.slots.iter().map(|s| wrap_label(&s.label, size, max)).collect(), size)
    };
    let rows = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for (i, lines) in wrapped.iter().enumerate() {
        for (r, line) in lines.iter().enumerate() {
            canvas.text(cx(i), y + line_h * r as f64, line, label_size, Anchor::Middle, style::TEXT);
        }
    }
    y += line_h * rows as f64;
    if model.slots.iter().any(|s| s.status != Status::Actual) {
        for (i, slot) in model.slots.iter().enumerate() {
            if let Some(word) = model.words.status(slot.status) {
                // A word wider than its slot may reach into the neighbours' (their words are
                // checked against it), but not out of the chart.
                let w = metrics::width(word, FS_SMALL);
                // max/min rather than clamp: a word wider than the chart must not panic.
                let x = cx(i).min(f64::from(WIDTH) - w / 2.0 - 1.0).max(w / 2.0 + 1.0);
                canvas.text(x, y + 1.0, word, FS_SMALL, Anchor::Middle, style::MUTED);
            }
        }
        y += FS_SMALL * 1.35;
    }
    if model.slots.iter().any(|s| s.group.is_some()) {
        let mut i = 0;
        let group_top = y + 2.0;
        while i < model.slots.len() {
            let g = model.slots[i].group.clone();
            let mut j = i;
            while j + 1 < model.slots.len() && model.slots[j + 1].group == g {
                j += 1;
            }
            if let Some(g) = g {
                let mid = (cx(i) + cx(j)) / 2.0;
                canvas.text(mid, group_top, &g, FS_LABEL, Anchor::Middle, style::TEXT);
            }
            if i > 0 {
                let x = plot_left + slot_w * i as f64;
                canvas.line(&[(x, plot_bottom), (x, group_top + FS_LABEL * 1.2)], style::GRID, 1);
            }
            i = j + 1;
        }
        y = group_top + FS_LABEL * 1.3;
    }
    if in_rows {
        y = value_rows(canvas, model, lines, &cx, slot_w, y + 4.0);
    }
    Ok((y + PAD, unplaced))
}

/// Where value labels may go: inside the plot (with its band above for the labels of the
/// highest bars) and never across the zero line.
struct Bounds {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    /// The zero line, when the axis has values on both sides of it.
    zero: Option<f64>,
}

impl Bounds {
    fn allows(&self, a: &Area) -> bool {
        a.x0 >= self.x0
            && a.x1 <= self.x1
            && a.y0 >= self.y0
            && a.y1 <= self.y1
            && !self.zero.is_some_and(|z| a.y0 < z && z < a.y1)
    }
}

/// The value label of one bar, `y` being its place right beyond the bar's end.
struct BarLabel<'a> {
    slot: usize,
    x: f64,
    y: f64,
    text: String,
    /// The bar's box.
    bar: Area,
    series: &'a Series,
    hatched: bool,
    negative: bool,
}

/// Places the value label of a bar. Tried in turn: beyond the bar's end, centred or shifted
/// sideways into the gap beside it; inside the bar's end; above a positive bar, higher up,
/// with a leader line down to the bar. The label keeps off other labels, marks and bars,
/// within `bounds`. Whether it found a place.
fn bar_label(canvas: &mut Canvas, b: &BarLabel, bounds: &Bounds) -> bool {
    let (x, y, label, bar) = (b.x, b.y, b.text.as_str(), b.bar);
    let w = metrics::width(label, FS_VALUE);
    // centred on the bar, else shifted sideways (least first) into the gap beside it, as long
    // as the label still spans the bar's middle
    let mut xs = vec![x];
    let reach = (w / 2.0 - 1.0).max(0.0);
    let mut d = 1.0;
    while d <= reach {
        xs.push(x + d);
        xs.push(x - d);
        d += 1.0;
    }
    let fits = |canvas: &Canvas, area: &Area| canvas.is_clear(area) && bounds.allows(area);
    for &lx in &xs {
        let area = Canvas::text_area(lx, y, label, FS_VALUE, Anchor::Middle);
        if fits(canvas, &area) {
            let c = value_halo(canvas, b.series);
            canvas.text(lx, y, label, FS_VALUE, Anchor::Middle, c);
            return true;
        }
    }
    // inside at the bar's end: the top of a positive bar, the bottom of a negative one
    let inside_y = if b.negative { bar.y1 - 3.0 - FS_VALUE * 1.08 } else { bar.y0 + 3.0 };
    let inside = Canvas::text_area(x, inside_y, label, FS_VALUE, Anchor::Middle);
    if bar.y1 - bar.y0 >= FS_VALUE * 1.3 + 6.0
        && inside.x1 - inside.x0 <= bar.x1 - bar.x0 - 1.0
        && canvas.is_free(&inside.spaced())
        && bounds.allows(&inside)
    {
        let c = if b.hatched { value_halo(canvas, b.series) } else { inside_color(canvas, b.series) };
        if !b.hatched {
            plate(canvas, x, inside_y, label, b.series, bar);
        }
        canvas.text(x, inside_y, label, FS_VALUE, Anchor::Middle, c);
        return true;
    }
    if b.negative {
        return false;
    }
    for step in 1..=8 {
        let ly = y - f64::from(step) * FS_VALUE * 0.6;
        for &lx in &xs {
            let area = Canvas::text_area(lx, ly, label, FS_VALUE, Anchor::Middle);
            // the leader runs from the bar's top to the label
            let lead = Area { x0: x - 0.5, y0: area.y1, x1: x + 0.5, y1: bar.y0 - 1.0 };
            if fits(canvas, &area) && canvas.is_free(&lead) {
                canvas.line(&[(x, bar.y0 - 1.0), (x, area.y1)], style::AXIS, 1);
                canvas.take(lead);
                let c = value_halo(canvas, b.series);
                canvas.text(lx, ly, label, FS_VALUE, Anchor::Middle, c);
                return true;
            }
        }
    }
    false
}

/// The value label of a bar turned a quarter, read upwards, in the bar's own column beyond
/// its end: it crosses no other bar however narrow the bars are, as long as a bar is as wide
/// as the digits are tall. Whether it found a place.
fn turned_label(canvas: &mut Canvas, b: &BarLabel, bounds: &Bounds) -> bool {
    let x = (b.bar.x0 + b.bar.x1) / 2.0;
    let (end, anchor, out) = if b.negative { (b.bar.y1, Anchor::End, 1.0) } else { (b.bar.y0, Anchor::Start, -1.0) };
    // right beyond the end, else further out (past a line's mark) with a leader to the bar
    let mut offset = 3.0;
    loop {
        let y = end + out * offset;
        let area = Canvas::turned_area(x, y, &b.text, FS_VALUE, anchor);
        if !bounds.allows(&area) {
            return false;
        }
        if canvas.room_for(&area, &area) {
            if offset > 3.0 {
                canvas.line(&[(x, end + out), (x, y)], style::AXIS, 1);
            }
            let c = value_halo(canvas, b.series);
            canvas.turned_text(x, y, &b.text, FS_VALUE, anchor, c);
            return true;
        }
        offset += 2.0;
    }
}

/// The values of the lines in rows under the axis, one row a line, each value under its slot
/// and the row led by the line's swatch. Values too wide for their slot alternate between two
/// lines. Returns the y below the rows.
fn value_rows(
    canvas: &mut Canvas,
    model: &Model,
    lines: &[Series],
    cx: &dyn Fn(usize) -> f64,
    slot_w: f64,
    y: f64,
) -> f64 {
    let mut y = y;
    let line_h = FS_VALUE * 1.3;
    for (k, s) in lines.iter().enumerate() {
        let texts: Vec<Option<String>> = s.values.iter().map(|v| v.map(|v| model.value_label(v, &s.unit))).collect();
        let widest = texts.iter().flatten().map(|t| metrics::width(t, FS_VALUE)).fold(0.0, f64::max);
        let staggered = widest > slot_w - 2.0 * LABEL_GAP;
        let mid = y + FS_VALUE * 0.5;
        let color = style::rgb(&s.color);
        canvas.line(&[(PAD, mid), (PAD + 16.0, mid)], color, 2);
        marker(canvas, style::marker(k), PAD + 8.0, mid, color, None);
        canvas.take(Area { x0: PAD, y0: mid - 5.0, x1: PAD + 16.0, y1: mid + 5.0 });
        for (i, text) in texts.iter().enumerate() {
            let Some(text) = text else { continue };
            let ty = if staggered && i % 2 == 1 { y + line_h } else { y };
            let c = canvas.paint("#1a1a1a", &[("data-row-of", &s.id)]);
            canvas.text(cx(i), ty, text, FS_VALUE, Anchor::Middle, c);
        }
        y += line_h * if staggered { 2.0 } else { 1.0 } + 2.0;
    }
    y
}

/// Dark label text with a white halo, legible over lines, marked with the series it labels.
fn value_halo(canvas: &mut Canvas, s: &Series) -> RGBColor {
    canvas.paint(
        "#1a1a1a",
        &[
            ("stroke", "#fff"),
            ("stroke-width", "3"),
            ("stroke-linejoin", "round"),
            ("paint-order", "stroke"),
            ("data-value-of", &s.id),
        ],
    )
}

/// Label text inside a bar: white on dark series colours, dark on light ones.
fn inside_color(canvas: &mut Canvas, s: &Series) -> RGBColor {
    let color = if style::luminance(&s.color) < 0.18 { "#fff" } else { "#1a1a1a" };
    canvas.paint(color, &[("data-value-of", &s.id)])
}

/// A plain patch of the series colour behind a value label inside a bar, so that the bar's
/// texture does not run through the digits (the first series has no texture).
fn plate(canvas: &mut Canvas, x: f64, y: f64, label: &str, s: &Series, bar: Area) {
    if s.index % 8 == 0 {
        return;
    }
    let a = Canvas::text_area(x, y, label, FS_VALUE, Anchor::Middle);
    let (x0, x1) = ((a.x0 - 1.0).max(bar.x0 + 1.0), (a.x1 + 1.0).min(bar.x1 - 1.0));
    let (y0, y1) = ((a.y0 - 1.0).max(bar.y0 + 1.0), (a.y1).min(bar.y1 - 1.0));
    if x1 > x0 && y1 > y0 {
        canvas.rect(x0, y0, x1, y1, style::rgb(&s.color));
    }
}

/// A category name wrapped to `max`: balanced lines, breaking at phrase ends where possible;
/// a word still too long is hyphenated.
fn wrap_label(label: &str, size: f64, max: f64) -> Vec<String> {
    let mut out = Vec::new();
    for line in metrics::wrap_balanced(label, size, max) {
        let mut rest: Vec<char> = line.chars().collect();
        while metrics::width(&rest.iter().collect::<String>(), size) > max && rest.len() > 2 {
            let mut k = rest.len() - 1;
            while k > 1 && metrics::width(&format!("{}-", rest[..k].iter().collect::<String>()), size) > max {
                k -= 1;
            }
            let head: String = rest[..k].iter().collect();
            out.push(if rest[k - 1].is_ascii_alphabetic() && rest[k].is_ascii_alphabetic() {
                format!("{head}-")
            } else {
                head
            });
            rest = rest[k..].to_vec();
        }
        out.push(rest.into_iter().collect());
    }
    out
}

/// Dark label text with a white halo, legible over bars and lines.
pub fn halo(canvas: &mut Canvas) -> RGBColor {
    canvas.paint(
        "#1a1a1a",
        &[("stroke", "#fff"), ("stroke-width", "3"), ("stroke-linejoin", "round"), ("paint-order", "stroke")],
    )
}
