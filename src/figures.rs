//! The `fig` shortcode: one figure from the data, localized with its unit.

use crate::data::Data;
use crate::format::{self, DisplayUnit, FigureOptions, Period, Unit};
use crate::lang::Lang;
use crate::shortcode::Shortcode;

/// Where a figure was used, for the audit list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FigureUse {
    pub id: String,
    pub row: Option<String>,
    pub lang: Lang,
    pub page: String,
    pub line: usize,
    pub text: String,
}

pub const FIG_ARGS: &[&str] = &["id", "period", "category", "unit", "precision", "change", "as_of"];

/// Resolves and formats a `fig` shortcode. Errors are one-line messages for the author.
pub fn render_fig(data: &Data, code: &Shortcode, lang: Lang) -> Result<(String, Option<String>), String> {
    code.check_args(FIG_ARGS)?;
    let id = code.str_arg("id")?.ok_or("`fig` needs id=\"…\"")?;
    let period = code.str_arg("period")?;
    let category = code.str_arg("category")?;
    if period.is_some() && category.is_some() {
        return Err("give either period or category, not both".into());
    }
    if let Some(p) = period {
        Period::parse(p).map_err(|e| e.to_string())?;
    }
    let row = period.or(category);
    let figure = data.figure(id, row)?;
    let mut options = FigureOptions::default();
    if let Some(unit) = code.str_arg("unit")? {
        options.display = Some(DisplayUnit::from_id(unit).map_err(|e| e.to_string())?);
    }
    if let Some(precision) = code.int_arg("precision")? {
        if !(0..=6).contains(&precision) {
            return Err(format!("precision {precision} is out of range 0–6"));
        }
        options.precision = Some(precision as u8);
    }
    let mut text = match code.str_arg("change")? {
        Some(other) => {
            if period.is_none() {
                return Err("change=\"…\" compares two periods: give period=\"…\" too".into());
            }
            if matches!(figure.unit, Unit::Percent | Unit::PctChange | Unit::Ratio) {
                return Err(format!(
                    "change=\"…\" gives a percentage change, which is not meaningful for a figure in {}",
                    figure.unit.id()
                ));
            }
            if options.display.is_some() {
                return Err("unit=\"…\" does not apply with change=\"…\" (the change is a percentage)".into());
            }
            Period::parse(other).map_err(|e| e.to_string())?;
            let base = data.figure(id, Some(other))?;
            format::change(base.value, figure.value, lang, options.precision).map_err(|e| e.to_string())?
        }
        None => format::figure(figure.value, figure.unit, lang, &options).map_err(|e| e.to_string())?,
    };
    if code.bool_arg("as_of")?.unwrap_or(false) {
        let date = figure.as_of.ok_or_else(|| format!("`{id}` has no as_of date in the data"))?;
        let label = format::as_of_label(date, lang).map_err(|e| e.to_string())?;
        match lang {
            Lang::Ja => text = format!("{text}（{label}）"),
            Lang::En => text = format!("{text} ({label})"),
        }
    }
    Ok((text, row.map(str::to_string)))
}

// ---------------------------------------------------------------------------
// The figures audit: `irsite figures`
// ---------------------------------------------------------------------------
