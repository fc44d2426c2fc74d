//! The `fig` shortcode: one figure from the data, localized with its unit.

use crate::data::Data;
use crate::format::{self, FigureOptions};
use crate::lang::Lang;
use crate::model::period::latest_offset;
use crate::model::{Period, Unit};
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

pub const FIG_ARGS: &[&str] =
    &["id", "period", "category", "unit", "unit_ja", "unit_en", "precision", "change", "as_of", "abs"];

/// The display unit of `unit=`, `unit_ja=` and `unit_en=` for `lang`: the language's own
/// argument wins over `unit`.
pub fn display_unit(data: &Data, code: &Shortcode, of: &Unit, lang: Lang) -> Result<Option<Unit>, String> {
    let own = match lang {
        Lang::Ja => "unit_ja",
        Lang::En => "unit_en",
    };
    let Some(id) = code.str_arg(own)?.or(code.str_arg("unit")?) else { return Ok(None) };
    data.units.display(of, id).map(Some).map_err(|e| e.to_string())
}

/// Resolves and formats a `fig` shortcode. Errors are one-line messages for the author.
pub fn render_fig(data: &Data, code: &Shortcode, lang: Lang) -> Result<(String, Option<String>), String> {
    code.check_args(FIG_ARGS)?;
    let id = code.str_arg("id")?.ok_or("`fig` needs id=\"…\"")?;
    let period = code.str_arg("period")?;
    let category = code.str_arg("category")?;
    if period.is_some() && category.is_some() {
        return Err("give either period or category, not both".into());
    }
    if let Some(p) = period.filter(|p| latest_offset(p).is_none()) {
        Period::parse(p).map_err(|e| format!("{e}, or latest / latest-1"))?;
    }
    let figure = data.figure(id, period.or(category))?;
    let mut options = FigureOptions { display: display_unit(data, code, &figure.unit, lang)?, precision: None };
    if let Some(precision) = code.int_arg("precision")? {
        if !(0..=6).contains(&precision) {
            return Err(format!("precision {precision} is out of range 0–6"));
        }
        options.precision = Some(precision as u8);
    }
    let magnitude = code.bool_arg("abs")?.unwrap_or(false);
    let mut text = match code.str_arg("change")? {
        Some(other) => {
            if figure.row.is_none() || period.is_none() {
                return Err("change=\"…\" compares two periods: give period=\"…\" too".into());
            }
            if figure.unit.is_relative() {
                return Err(format!(
                    "change=\"…\" gives a percentage change, which is not meaningful for a figure in {}",
                    figure.unit.id()
                ));
            }
            if options.display.is_some() {
                return Err("unit=\"…\" does not apply with change=\"…\" (the change is a percentage)".into());
            }
            if magnitude {
                return Err("abs=true does not apply with change=\"…\": the sign of a change is its direction".into());
            }
            if latest_offset(other).is_none() {
                Period::parse(other).map_err(|e| format!("{e}, or latest / latest-1"))?;
            }
            let base = data.figure(id, Some(other))?;
            format::change(base.value, figure.value, lang, options.precision).map_err(|e| e.to_string())?
        }
        None => {
            let value = if magnitude { figure.value.abs() } else { figure.value };
            format::figure(value, &figure.unit, lang, &options).map_err(|e| e.to_string())?
        }
    };
    if code.bool_arg("as_of")?.unwrap_or(false) {
        let date = figure.as_of.ok_or_else(|| format!("`{id}` has no as_of date in the data"))?;
        let label = format::as_of_label(date, lang).map_err(|e| e.to_string())?;
        match lang {
            Lang::Ja => text = format!("{text}（{label}）"),
            Lang::En => text = format!("{text} ({label})"),
        }
    }
    Ok((text, figure.row.map(str::to_string)))
}

// ---------------------------------------------------------------------------
// The figures audit: `irsite figures`
// ---------------------------------------------------------------------------
