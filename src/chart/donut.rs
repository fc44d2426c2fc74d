//! Donut charts: the shares of one series over the categories of a table, with the
//! percentage on each slice that has room and a list of categories with their percentages.

use std::f64::consts::PI;

use super::canvas::{Anchor, Canvas};
use super::cartesian::{halo, FS_LABEL, FS_VALUE, PAD};
use super::metrics;
use super::style;
use super::{Model, Series, WIDTH};
use crate::format;
use crate::model::units::Kind;
use crate::model::Unit;

const R_OUT: f64 = 78.0;
const R_IN: f64 = 46.0;

/// Each category's share as labelled: percentages as written in the data when the series is
/// in percent, otherwise computed from the sum with one decimal.
pub fn shares(model: &Model, s: &Series) -> Vec<Option<String>> {
    let sum: f64 = s.values.iter().flatten().map(|v| v.value()).sum();
    let percent = Unit::built_in("percent").expect("percent is built in");
    s.values
        .iter()
        .map(|v| {
            v.map(|v| {
                if matches!(s.unit.kind(), Kind::Percent) {
                    model.value_label(v, &s.unit)
                } else {
                    let share = if sum > 0.0 { v.value() / sum * 100.0 } else { 0.0 };
                    format!("{}%", format::axis_tick(share, 0.1, &percent, model.lang))
                }
            })
        })
        .collect()
}

pub fn layout(model: &Model, canvas: &mut Canvas) -> Result<f64, String> {
    let s = &model.series[0];
    let shares = shares(model, s);
    let total: f64 = s.values.iter().flatten().map(|v| v.value().max(0.0)).sum();
    if total <= 0.0 {
        return Err(format!("donut `{}` has no positive values", model.id));
    }
    let cx = PAD + R_OUT + 2.0;
    let cy = PAD + R_OUT + 2.0;
    let mut paints = Vec::new();
    for i in 0..model.slots.len() {
        let color = style::color(i, &[]);
        let pid = format!("{}-p{i}", model.element_id);
        canvas.define(&pid, style::pattern(&pid, i, &color, false));
        let url = format!("url(#{pid})");
        paints.push((canvas.paint(&url, &[("data-series", &model.slots[i].id)]), canvas.paint(&url, &[]), color));
    }
    // slices, clockwise from the top
    let mut angle = -PI / 2.0;
    let mut bounds = Vec::new();
    let mut mids = Vec::new();
    for (i, v) in s.values.iter().enumerate() {
        let Some(v) = v else {
            mids.push(None);
            continue;
        };
        let sweep = v.value().max(0.0) / total * 2.0 * PI;
        let (a0, a1) = (angle, angle + sweep);
        let steps = ((sweep / (2.0 * PI / 120.0)).ceil() as usize).max(1);
        let mut pts = Vec::with_capacity(2 * steps + 2);
        for k in 0..=steps {
            let a = a0 + sweep * k as f64 / steps as f64;
            pts.push((cx + R_OUT * a.cos(), cy + R_OUT * a.sin()));
        }
        for k in (0..=steps).rev() {
            let a = a0 + sweep * k as f64 / steps as f64;
            pts.push((cx + R_IN * a.cos(), cy + R_IN * a.sin()));
        }
        canvas.polygon(&pts, paints[i].0);
        bounds.push(a0);
        mids.push(Some(((a0 + a1) / 2.0, sweep)));
        angle = a1;
    }
    // white gaps between slices
    for a in bounds {
        canvas.line(
            &[
                (cx + (R_IN - 1.0) * a.cos(), cy + (R_IN - 1.0) * a.sin()),
                (cx + (R_OUT + 1.0) * a.cos(), cy + (R_OUT + 1.0) * a.sin()),
            ],
            style::WHITE,
            2,
        );
    }
    // percentages on the slices that have room
    let r_mid = (R_OUT + R_IN) / 2.0;
    for (i, m) in mids.iter().enumerate() {
        let (Some((a, sweep)), Some(label)) = (m, &shares[i]) else { continue };
        let w = metrics::width(label, FS_VALUE);
        if sweep * r_mid < w.max(FS_VALUE) + 4.0 {
            continue;
        }
        let (x, y) = (cx + r_mid * a.cos(), cy + r_mid * a.sin());
        let c = halo(canvas);
        canvas.text(x, y - FS_VALUE * 0.45, label, FS_VALUE, Anchor::Middle, c);
    }
    // the list: swatch, name, percentage
    let x0 = cx + R_OUT + 14.0;
    let right = f64::from(WIDTH) - PAD;
    let pct_w = shares.iter().flatten().map(|l| metrics::width(l, FS_LABEL)).fold(0.0, f64::max);
    let name_w = right - x0 - 17.0 - pct_w - 8.0;
    let line_h = FS_LABEL * 1.25;
    let wrapped: Vec<Vec<String>> =
        model.slots.iter().map(|slot| metrics::wrap_balanced(&slot.label, FS_LABEL, name_w)).collect();
    let list_h: f64 = wrapped.iter().map(|l| l.len() as f64 * line_h + 6.0).sum::<f64>() - 6.0;
    let mut y = (cy - list_h / 2.0).max(PAD);
    for (i, lines) in wrapped.iter().enumerate() {
        let Some(share) = &shares[i] else { continue };
        canvas.rect(x0, y + 1.0, x0 + 12.0, y + 13.0, paints[i].1);
        for (k, line) in lines.iter().enumerate() {
            canvas.text(x0 + 17.0, y + line_h * k as f64, line, FS_LABEL, Anchor::Start, style::TEXT);
        }
        canvas.text(right, y, share, FS_LABEL, Anchor::End, style::TEXT);
        y += lines.len() as f64 * line_h + 6.0;
    }
    Ok((cy + R_OUT + PAD + 2.0).max(y + PAD))
}
