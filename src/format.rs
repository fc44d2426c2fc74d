//! Localized formatting of figures and dates.
//!
//! Everything here is pure: strings in, strings out, no I/O and no global state. What a unit
//! or a period *is* comes from [`crate::model`]; this module writes numbers in them.
//!
//! Numbers are exact decimals (`rust_decimal`), never rounded through binary floating point:
//! a value is rounded half away from zero on its decimal digits (`0.125` to two decimals is
//! `0.13`, `999.95` to one decimal is `1,000.0`). Rounding always happens before digit
//! grouping. Showing an amount in another money unit moves the decimal point, so every digit
//! as written is kept (518632 百万円 is `5,186.32億円`) unless a `precision` asks for fewer.
//!
//! Conventions:
//! - A value that is zero after rounding is printed without a sign (`-0` is `0`,
//!   `-0.04` with one decimal is `0.0`).
//! - In Japanese a negative figure is written with `△` (`△1.0%`, `△12億円`), the
//!   usual convention of Japanese financial reports; English uses `-` (`-1.0%`,
//!   `-¥1.2 billion`). [`group`] is language neutral and always uses `-`.
//! - `precision` always means the number of decimals *as displayed*: for an
//!   English `oku_yen` figure shown in billions it is the decimals of the billions.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

pub use crate::lang::Lang;
use crate::model::calendar::{days_in_month, MONTHS_EN};
use crate::model::units::{Kind, Money};
pub use crate::model::Unit;

/// Most decimals a [`Number`] may be written with.
pub const MAX_DECIMALS: u8 = 20;

/// Most significant digits a [`Number`] may be written with.
pub const MAX_SIGNIFICANT_DIGITS: usize = 15;

/// Errors of this module. Messages are meant to be shown to authors as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("invalid number {text:?}: {reason}")]
    InvalidNumber { text: String, reason: &'static str },
    #[error("number {text:?} has more than {MAX_SIGNIFICANT_DIGITS} significant digits")]
    TooManyDigits { text: String },
    #[error("unit {unit} cannot be shown as {display}: only amounts of money convert into each other")]
    DisplayMismatch { unit: String, display: String },
    #[error("percentage change from zero is undefined")]
    ChangeFromZero,
    #[error("percentage change from a negative value is not meaningful")]
    ChangeFromNegative,
    #[error("percentage change cannot be computed exactly: numbers or precision too large")]
    ChangeOverflow,
    #[error("invalid date {text:?}: {reason}")]
    InvalidDate { text: String, reason: &'static str },
}

// ---------------------------------------------------------------------------
// Exact decimals (internal)
// ---------------------------------------------------------------------------

/// A decimal number as digits: `(-1)^neg * digits / 10^scale`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dec {
    neg: bool,
    /// Decimal digits (values 0–9), most significant first, never empty.
    digits: Vec<u8>,
    scale: u32,
}

impl Dec {
    /// The shortest decimal that reads back as `v` (Rust's `Display` of `f64`,
    /// which never uses exponents). `v` must be finite.
    fn from_f64(v: f64) -> Dec {
        debug_assert!(v.is_finite());
        let text = format!("{}", v.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        Dec { neg: v.is_sign_negative(), digits, scale: frac.len() as u32 }
    }

    /// An integer scaled down by `10^scale`.
    fn from_scaled(m: i128, scale: u32) -> Dec {
        let digits = m.unsigned_abs().to_string().bytes().map(|b| b - b'0').collect();
        Dec { neg: m < 0, digits, scale }
    }

    /// Multiply by `10^k` (exact).
    fn shift(mut self, k: i32) -> Dec {
        if k >= 0 {
            let k = k as u32;
            if self.scale >= k {
                self.scale -= k;
            } else {
                let extra = (k - self.scale) as usize;
                self.digits.extend(std::iter::repeat_n(0, extra));
                self.scale = 0;
            }
        } else {
            self.scale += k.unsigned_abs();
        }
        self
    }

    /// Round to `decimals` places, half away from zero, on the digits.
    fn round(mut self, decimals: u8) -> Dec {
        let d = u32::from(decimals);
        if self.scale <= d {
            let extra = (d - self.scale) as usize;
            self.digits.extend(std::iter::repeat_n(0, extra));
            self.scale = d;
            return self;
        }
        let drop = (self.scale - d) as usize;
        while self.digits.len() < drop + 1 {
            self.digits.insert(0, 0);
        }
        let keep = self.digits.len() - drop;
        let round_up = self.digits[keep] >= 5;
        self.digits.truncate(keep);
        self.scale = d;
        if round_up {
            let mut i = keep;
            loop {
                if i == 0 {
                    self.digits.insert(0, 1);
                    break;
                }
                i -= 1;
                if self.digits[i] == 9 {
                    self.digits[i] = 0;
                } else {
                    self.digits[i] += 1;
                    break;
                }
            }
        }
        self
    }

    fn is_zero(&self) -> bool {
        self.digits.iter().all(|&d| d == 0)
    }

    /// Negative and not zero.
    fn is_negative(&self) -> bool {
        self.neg && !self.is_zero()
    }

    fn to_f64(&self) -> f64 {
        let v: f64 = self.plain().parse().unwrap_or(0.0);
        if self.neg {
            -v
        } else {
            v
        }
    }

    /// Integer and fraction digits of the magnitude, integer part without
    /// leading zeros (at least one digit).
    fn parts(&self) -> (String, String) {
        let scale = self.scale as usize;
        let mut digits = self.digits.clone();
        while digits.len() < scale + 1 {
            digits.insert(0, 0);
        }
        let split = digits.len() - scale;
        let first = digits[..split - 1].iter().take_while(|&&d| d == 0).count();
        let int: String = digits[first..split].iter().map(|d| char::from(b'0' + d)).collect();
        let frac: String = digits[split..].iter().map(|d| char::from(b'0' + d)).collect();
        (int, frac)
    }

    /// The magnitude without grouping, e.g. `1234.5`.
    fn plain(&self) -> String {
        let (int, frac) = self.parts();
        if frac.is_empty() {
            int
        } else {
            format!("{int}.{frac}")
        }
    }

    /// The magnitude with comma grouping, e.g. `1,234.5`.
    fn grouped(&self) -> String {
        let (int, frac) = self.parts();
        let mut out = String::with_capacity(int.len() + int.len() / 3 + frac.len() + 1);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push('.');
            out.push_str(&frac);
        }
        out
    }

    /// The value as an integer times `10^-scale` (exact), if it fits.
    fn mantissa(&self) -> Option<i128> {
        let mut m: i128 = 0;
        for &d in &self.digits {
            m = m.checked_mul(10)?.checked_add(i128::from(d))?;
        }
        Some(if self.neg { -m } else { m })
    }
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/// A figure as written in the data: its exact value and the number of decimals it was written
/// with (`"48.00"` has two, and is shown with two).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    exact: Decimal,
    /// The same value for drawing (chart geometry), never for printing.
    value: f64,
    decimals: u8,
}

impl Number {
    /// Parse a number as printed: digits, an optional leading minus and an optional fraction
    /// (`4147`, `29.75`, `-1.0`). The minus may be written `-`, or `△` or `▲` as Japanese filings
    /// print losses (`△16071`). Thousands separators, exponents, a leading `+`, spaces, leading
    /// zeros (`007`), NaN/infinity and more than 15 significant digits or 20 decimals are
    /// rejected.
    pub fn parse(text: &str) -> Result<Number, FormatError> {
        let bad = |reason| FormatError::InvalidNumber { text: text.to_string(), reason };
        if text.is_empty() {
            return Err(bad("empty"));
        }
        let (negative, body) = match text.strip_prefix(['-', '△', '▲']) {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if body.contains(',') {
            return Err(bad("thousands separators are not allowed"));
        }
        let lower = body.to_ascii_lowercase();
        if matches!(lower.as_str(), "nan" | "inf" | "infinity") {
            return Err(bad("not a finite number"));
        }
        let exponent_like =
            lower.contains('e') && lower.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'+' | b'-'));
        if exponent_like {
            return Err(bad("exponents are not allowed"));
        }
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
            return Err(bad("expected digits, an optional leading - (or △) and an optional fraction"));
        }
        if int.len() > 1 && int.starts_with('0') {
            return Err(bad("leading zeros are not allowed"));
        }
        let frac = frac.unwrap_or("");
        let significant = int.bytes().chain(frac.bytes()).skip_while(|&b| b == b'0').count();
        if significant > MAX_SIGNIFICANT_DIGITS {
            return Err(FormatError::TooManyDigits { text: text.to_string() });
        }
        if frac.len() > usize::from(MAX_DECIMALS) {
            return Err(bad("more than 20 decimals"));
        }
        let plain = if negative { format!("-{body}") } else { body.to_string() };
        let exact = Decimal::from_str_exact(&plain).map_err(|_| bad("not a number"))?;
        let value: f64 = plain.parse().map_err(|_| bad("not a number"))?;
        Ok(Number { exact, value, decimals: frac.len() as u8 })
    }

    /// A number from a computed value, shown with `decimals` decimals (rounded half away from
    /// zero on the shortest decimal form of `value`). Rejects NaN, infinities, more than 20
    /// decimals and values of more than 28 digits with those decimals.
    pub fn new(value: f64, decimals: u8) -> Result<Number, FormatError> {
        let bad = |reason| FormatError::InvalidNumber { text: value.to_string(), reason };
        if !value.is_finite() {
            return Err(bad("not a finite number"));
        }
        if decimals > MAX_DECIMALS {
            return Err(bad("more than 20 decimals"));
        }
        let d = Dec::from_f64(value).round(decimals);
        let sign = if d.is_negative() { "-" } else { "" };
        let exact = Decimal::from_str_exact(&format!("{sign}{}", d.plain())).map_err(|_| bad("too large"))?;
        Ok(Number { exact, value, decimals })
    }

    pub fn value(self) -> f64 {
        self.value
    }

    pub fn decimals(self) -> u8 {
        self.decimals
    }

    pub fn exact(self) -> Decimal {
        self.exact
    }

    /// Negative and not zero.
    pub fn is_negative(self) -> bool {
        self.exact.is_sign_negative() && !self.exact.is_zero()
    }

    /// The magnitude (`abs=true`: "a loss of ¥16,071 million").
    pub fn abs(self) -> Number {
        Number { exact: self.exact.abs(), value: self.value.abs(), decimals: self.decimals }
    }

    /// The same amount with the decimal point moved `shift` places (the value times
    /// `10^shift`), keeping every digit: 518632 moved by -2 is 5186.32, with two decimals.
    /// `None` when the result does not fit an exact decimal.
    pub fn shifted(self, shift: i32) -> Option<Number> {
        let mut exact = self.exact;
        if shift >= 0 {
            exact = exact.checked_mul(Decimal::from_i128_with_scale(10i128.checked_pow(shift as u32)?, 0))?;
        } else {
            exact.set_scale(exact.scale().checked_add(shift.unsigned_abs())?).ok()?;
        }
        let decimals = i32::from(self.decimals) - shift;
        let decimals = u8::try_from(decimals.max(0)).ok()?;
        let value = exact.to_string().parse().ok()?;
        Some(Number { exact, value, decimals })
    }

    /// The number exactly as written.
    fn dec(self) -> Dec {
        Dec::from_scaled(self.exact.mantissa(), self.exact.scale()).round(self.decimals)
    }
}

impl FromStr for Number {
    type Err = FormatError;
    fn from_str(s: &str) -> Result<Number, FormatError> {
        Number::parse(s)
    }
}

impl fmt::Display for Number {
    /// The number as written, without grouping (`-1.0`, `4147`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.dec();
        if d.is_negative() {
            f.write_str("-")?;
        }
        f.write_str(&d.plain())
    }
}

/// Digit grouping with commas after rounding to `decimals` places, half away
/// from zero on the shortest decimal form of `value`:
/// `group(2263.0, 0)` is `2,263`, `group(0.125, 2)` is `0.13`,
/// `group(999.95, 1)` is `1,000.0`. Negative values get `-`; a value that rounds
/// to zero gets no sign. NaN and infinities are printed as Rust prints them.
pub fn group(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let d = Dec::from_f64(value).round(decimals);
    if d.is_negative() {
        format!("-{}", d.grouped())
    } else {
        d.grouped()
    }
}

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

/// Options of [`figure`] (the `unit` and `precision` arguments of `fig`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureOptions {
    /// Another money unit to show an amount in (`unit="oku_yen"`).
    pub display: Option<Unit>,
    /// Decimals as displayed; `None` keeps the decimals as written.
    pub precision: Option<u8>,
}

/// How the sign of a figure is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SignStyle {
    /// Only negative values are marked.
    Plain,
    /// Positive values get `+`; Japanese zero gets `±`.
    Change,
}

/// The sign prefix of a rounded value.
fn sign(d: &Dec, lang: Lang, style: SignStyle) -> &'static str {
    if d.is_negative() {
        return match lang {
            Lang::Ja => "△",
            Lang::En => "-",
        };
    }
    match (style, d.is_zero(), lang) {
        (SignStyle::Plain, _, _) => "",
        (SignStyle::Change, false, _) => "+",
        (SignStyle::Change, true, Lang::Ja) => "±",
        (SignStyle::Change, true, Lang::En) => "",
    }
}

/// Sign and grouped magnitude, e.g. `△1,234.5`.
fn signed(d: &Dec, lang: Lang, style: SignStyle) -> String {
    format!("{}{}", sign(d, lang, style), d.grouped())
}

/// `word` or its plural after a number written `num`.
fn count_noun(num: &str, one: &str, many: &str) -> String {
    if num == "1" {
        format!("{num} {one}")
    } else {
        format!("{num} {many}")
    }
}

/// How a unit signs its values: rates of change and points always carry a sign.
fn sign_style(unit: &Unit) -> SignStyle {
    match unit.kind() {
        Kind::PctChange | Kind::Points => SignStyle::Change,
        _ => SignStyle::Plain,
    }
}

/// The unit a figure in `unit` is shown in for `lang`, given `unit=`: the figure's own unit, or
/// another money unit.
pub fn shown_unit(unit: &Unit, display: Option<&Unit>, lang: Lang) -> Result<(Unit, i32), FormatError> {
    let Some(display) = display else { return Ok((unit.clone(), 0)) };
    let display = display.for_lang(lang);
    if display == *unit {
        return Ok((display, 0));
    }
    match unit.shift_to(&display) {
        Some(shift) => Ok((display, shift)),
        None => Err(FormatError::DisplayMismatch { unit: unit.to_string(), display: display.to_string() }),
    }
}

/// Decimals of a number written with `written` decimals once its point has moved `shift`
/// places: every digit as written stays.
fn decimals_after(written: u8, shift: i32) -> u8 {
    (i32::from(written) - shift).clamp(0, i32::from(MAX_DECIMALS) + 12) as u8
}

/// A figure for prose, localized with its unit: ja `2,263億円`, en `¥226.3 billion`; see the
/// units table in the authoring guide.
///
/// A money figure can be shown in another money unit (`opts.display`): the decimal point moves,
/// no digit changes. English `oku_yen` is shown in billions with one more decimal (2,263 →
/// `¥226.3 billion`), or below ¥1 billion in millions (8.4 → `¥840 million`); `billion_yen` is
/// English only (Japanese keeps 億円). A site unit with `en_million` is shown in English in
/// millions from a million up (137.4万回線 → `1.374 million lines`), below that in its English
/// thing (45.2 → `452,000 lines`).
pub fn figure(n: Number, unit: &Unit, lang: Lang, opts: &FigureOptions) -> Result<String, FormatError> {
    let (shown, shift) = shown_unit(unit, opts.display.as_ref(), lang)?;
    let exact = n.dec().shift(shift);
    let written = decimals_after(n.decimals, shift);
    // The number in `shown`, moved `more` places further, at the requested precision.
    let at = |more: i32| exact.clone().shift(more).round(opts.precision.unwrap_or(decimals_after(written, more)));
    let plain = |d: &Dec| signed(d, lang, SignStyle::Plain);
    let yen_before = |d: &Dec, after: &str| format!("{}¥{}{after}", sign(d, lang, SignStyle::Plain), d.grouped());

    let text = match (shown.kind(), lang) {
        (Kind::Money(m), Lang::Ja) => {
            let suffix = match m {
                Money::Yen => "円",
                Money::ThousandYen => "千円",
                Money::MillionYen => "百万円",
                Money::OkuYen | Money::BillionYen => "億円",
            };
            format!("{}{suffix}", plain(&at(0)))
        }
        (Kind::Money(Money::Yen), Lang::En) => yen_before(&at(0), ""),
        (Kind::Money(Money::ThousandYen), Lang::En) => yen_before(&at(0), " thousand"),
        (Kind::Money(Money::MillionYen), Lang::En) => yen_before(&at(0), " million"),
        (Kind::Money(Money::BillionYen), Lang::En) => yen_before(&at(0), " billion"),
        (Kind::Money(Money::OkuYen), Lang::En) => {
            if exact.to_f64().abs() < 10.0 {
                yen_before(&at(2), " million")
            } else {
                yen_before(&at(-1), " billion")
            }
        }
        (Kind::Percent, _) => format!("{}%", plain(&at(0))),
        (Kind::PctChange, _) => format!("{}%", signed(&at(0), lang, SignStyle::Change)),
        (Kind::Points, Lang::Ja) => format!("{}ポイント", signed(&at(0), lang, SignStyle::Change)),
        (Kind::Points, Lang::En) => format!("{} pt", signed(&at(0), lang, SignStyle::Change)),
        (Kind::Times, Lang::Ja) => format!("{}倍", plain(&at(0))),
        (Kind::Times, Lang::En) => format!("{}x", plain(&at(0))),
        (Kind::People, Lang::Ja) => format!("{}名", plain(&at(0))),
        (Kind::Shares, Lang::Ja) => format!("{}株", plain(&at(0))),
        (Kind::Shares, Lang::En) => count_noun(&plain(&at(0)), "share", "shares"),
        (Kind::People, Lang::En) => count_noun(&plain(&at(0)), "person", "people"),
        (Kind::Count | Kind::Ratio, _) => plain(&at(0)),
        (Kind::Site(site), Lang::Ja) => site.ja.replacen("{}", &plain(&at(0)), 1),
        (Kind::Site(site), Lang::En) => {
            let e = site.en_exponent;
            match &site.en_million {
                Some(million) if exact.clone().shift(e).to_f64().abs() >= 1e6 => {
                    million.replacen("{}", &plain(&at(e - 6)), 1)
                }
                _ => {
                    let num = plain(&at(e));
                    match &site.en_one {
                        Some(one) if num == "1" => one.replacen("{}", &num, 1),
                        _ => site.en.replacen("{}", &num, 1),
                    }
                }
            }
        }
    };
    Ok(text)
}

/// A figure without its unit, for a table whose header names the unit (the caption of the
/// shown unit, [`Unit::axis_caption`]): the number in that unit, rounded and signed as
/// [`figure`] writes it (ja `△16,071`, `+6.3`; en `-16,071`). An English `oku_yen` amount stays
/// in 億 (`2,263` under `¥100 million`), where [`figure`] writes billions.
pub fn figure_number(n: Number, unit: &Unit, lang: Lang, opts: &FigureOptions) -> Result<String, FormatError> {
    let (shown, shift) = shown_unit(unit, opts.display.as_ref(), lang)?;
    let d = n.dec().shift(shift).round(opts.precision.unwrap_or(decimals_after(n.decimals, shift)));
    Ok(signed(&d, lang, sign_style(&shown)))
}

/// The percentage change from `from` to `to`, signed like `pct_change`
/// (`+6.3%`; ja `△1.0%`, en `-1.0%`; zero ja `±0.0%`, en `0.0%`), with
/// `precision` decimals (default 1). Computed exactly on the numbers as
/// written, then rounded half away from zero. A change from zero or from a
/// negative value is an error.
pub fn change(from: Number, to: Number, lang: Lang, precision: Option<u8>) -> Result<String, FormatError> {
    let p = precision.unwrap_or(1);
    let (a, b) = (from.dec(), to.dec());
    if a.is_zero() {
        return Err(FormatError::ChangeFromZero);
    }
    if a.is_negative() {
        return Err(FormatError::ChangeFromNegative);
    }
    let scale = a.scale.max(b.scale);
    let aligned = |d: Dec| -> Option<i128> {
        let up = scale - d.scale;
        d.mantissa()?.checked_mul(10i128.checked_pow(up)?)
    };
    let overflow = || FormatError::ChangeOverflow;
    let a = aligned(a).ok_or_else(overflow)?;
    let b = aligned(b).ok_or_else(overflow)?;
    // (b - a) / a * 100, scaled by 10^p.
    let num = b
        .checked_sub(a)
        .and_then(|x| x.checked_mul(100))
        .and_then(|x| x.checked_mul(10i128.checked_pow(u32::from(p))?))
        .ok_or_else(overflow)?;
    let (mut q, r) = (num / a, num % a);
    if r.unsigned_abs() * 2 >= a.unsigned_abs() {
        q += num.signum();
    }
    let d = Dec::from_scaled(q, u32::from(p));
    Ok(format!("{}%", signed(&d, lang, SignStyle::Change)))
}

/// A chart axis tick in the table's unit: grouped, no unit suffix, with as
/// many decimals as the axis `step` needs (at most 6), so every tick of an
/// axis has the same decimals (`step` 0.5: `0.0`, `0.5`, `1.0`). Negative ticks
/// follow the language (ja `△5`, en `-5`); `pct_change` ticks are signed like
/// the unit (`+5`). A non-finite or non-positive `step` falls back to the
/// decimals of `value` itself; a non-finite `value` gives an empty label.
pub fn axis_tick(value: f64, step: f64, unit: &Unit, lang: Lang) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let decimals_of = |x: f64| Dec::from_f64(x).scale.min(6) as u8;
    let decimals = if step.is_finite() && step > 0.0 { decimals_of(step) } else { decimals_of(value) };
    let d = Dec::from_f64(value).round(decimals);
    let style = sign_style(unit);
    // An axis zero is plain 0 even for signed units.
    if d.is_zero() {
        return d.grouped();
    }
    signed(&d, lang, style)
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// A validated `YYYY-MM-DD` or `YYYY-MM`.
struct DateSpec {
    year: u16,
    month: u8,
    day: Option<u8>,
}

impl DateSpec {
    fn parse(text: &str) -> Result<DateSpec, FormatError> {
        let bad = |reason| FormatError::InvalidDate { text: text.to_string(), reason };
        let parts: Vec<&str> = text.split('-').collect();
        let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        if !(lens == [4, 2] || lens == [4, 2, 2]) || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad("expected YYYY-MM-DD or YYYY-MM"));
        }
        let year: u16 = parts[0].parse().map_err(|_| bad("bad year"))?;
        let month: u8 = parts[1].parse().map_err(|_| bad("bad month"))?;
        if year == 0 {
            return Err(bad("year 0000 does not exist"));
        }
        if !(1..=12).contains(&month) {
            return Err(bad("month must be 01 to 12"));
        }
        let day = match parts.get(2) {
            None => None,
            Some(d) => {
                let day: u8 = d.parse().map_err(|_| bad("bad day"))?;
                if day == 0 || day > days_in_month(year, month) {
                    return Err(bad("no such day in that month"));
                }
                Some(day)
            }
        };
        Ok(DateSpec { year, month, day })
    }

    fn is_month_end(&self) -> bool {
        self.day == Some(days_in_month(self.year, self.month))
    }

    fn label(&self, lang: Lang) -> String {
        let (y, m) = (self.year, self.month);
        match (self.day, lang) {
            (None, Lang::Ja) => format!("{y}年{m}月"),
            (None, Lang::En) => format!("{} {y}", MONTHS_EN[usize::from(m) - 1]),
            (Some(_), Lang::Ja) if self.is_month_end() => format!("{y}年{m}月末"),
            (Some(d), Lang::Ja) => format!("{y}年{m}月{d}日"),
            (Some(d), Lang::En) => format!("{} {d}, {y}", MONTHS_EN[usize::from(m) - 1]),
        }
    }
}

/// A date from the data (`YYYY-MM-DD` or `YYYY-MM`): ja `2022年3月末` (the last
/// day of a month is written 末), `2022年6月2日`, `2021年4月`; en
/// `March 31, 2022`, `June 2, 2022`, `April 2021`.
pub fn date_label(date: &str, lang: Lang) -> Result<String, FormatError> {
    Ok(DateSpec::parse(date)?.label(lang))
}

/// An as-of date: ja `2022年3月末時点`, `2022年6月2日時点`, `2021年4月時点`;
/// en `as of March 31, 2022`, `as of April 2021`. Parentheses are the caller's.
pub fn as_of_label(date: &str, lang: Lang) -> Result<String, FormatError> {
    let label = DateSpec::parse(date)?.label(lang);
    Ok(match lang {
        Lang::Ja => format!("{label}時点"),
        Lang::En => format!("as of {label}"),
    })
}

/// A file size as shown beside a link: `850 B`, `1.6 KB`, `12 KB`, `1.2 MB` (1 KB = 1,024 bytes),
/// the one rule for library documents and news attachments alike.
pub fn file_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if b < KB * KB {
        let kb = b / KB;
        if kb < 10.0 {
            format!("{kb:.1} KB")
        } else {
            format!("{kb:.0} KB")
        }
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::units::{SiteUnit, Units};

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(file_size(0), "0 B");
        assert_eq!(file_size(1023), "1023 B");
        assert_eq!(file_size(1024), "1.0 KB");
        assert_eq!(file_size(15 * 1024 + 300), "15 KB");
        assert_eq!(file_size(1_258_291), "1.2 MB");
    }

    fn num(s: &str) -> Number {
        Number::parse(s).unwrap()
    }

    /// The built-in units and, as a site would define them in units.toml, the first site's
    /// lines in 10,000s, companies and seconds.
    fn units() -> Units {
        let mut units = Units::built_in();
        let site =
            |ja: &str, en: &str, en_one: Option<&str>, en_exponent, en_million: Option<&str>, axis: [&str; 2]| {
                SiteUnit {
                    ja: ja.into(),
                    en: en.into(),
                    en_one: en_one.map(Into::into),
                    en_exponent,
                    en_million: en_million.map(Into::into),
                    axis_ja: axis[0].into(),
                    axis_en: axis[1].into(),
                }
            };
        let man_lines =
            site("{}万回線", "{} lines", Some("{} line"), 4, Some("{} million lines"), ["万回線", "10,000 lines"]);
        units.add("man_lines", man_lines).unwrap();
        units.add("companies", site("{}社", "{}", None, 0, None, ["社", "companies"])).unwrap();
        units.add("seconds", site("{}秒", "{} seconds", Some("{} second"), 0, None, ["秒", "seconds"])).unwrap();
        units
    }

    fn unit(id: &str) -> Unit {
        units().get(id).unwrap()
    }

    fn fig(s: &str, unit_id: &str, lang: Lang) -> String {
        figure(num(s), &unit(unit_id), lang, &FigureOptions::default()).unwrap()
    }

    fn fig_with(s: &str, unit_id: &str, lang: Lang, display: Option<&str>, precision: Option<u8>) -> String {
        let opts = FigureOptions { display: display.map(unit), precision };
        figure(num(s), &unit(unit_id), lang, &opts).unwrap()
    }

    fn both(s: &str, unit: &str) -> (String, String) {
        (fig(s, unit, Lang::Ja), fig(s, unit, Lang::En))
    }

    fn pair(ja: &str, en: &str) -> (String, String) {
        (ja.to_string(), en.to_string())
    }

    // --- Lang ---------------------------------------------------------------

    // --- Number parsing -----------------------------------------------------

    #[test]
    fn parse_keeps_decimals_as_written() {
        let n = num("29.75");
        assert_eq!((n.value(), n.decimals()), (29.75, 2));
        let n = num("-1.0");
        assert_eq!((n.value(), n.decimals()), (-1.0, 1));
        let n = num("4147");
        assert_eq!((n.value(), n.decimals()), (4147.0, 0));
        assert_eq!(num("48.00").to_string(), "48.00");
        assert_eq!(num("-1.0").to_string(), "-1.0");
        assert_eq!(num("0").to_string(), "0");
        assert_eq!(num("-0").to_string(), "0");
        assert_eq!(num("0.05").to_string(), "0.05");
        assert_eq!("23.0".parse::<Number>().unwrap().to_string(), "23.0");
    }

    #[test]
    fn parse_accepts_fifteen_significant_digits() {
        assert_eq!(num("123456789012345").to_string(), "123456789012345");
        assert_eq!(num("1234567890.12345").to_string(), "1234567890.12345");
        // leading zeros of a fraction are not significant
        assert_eq!(num("0.000123456789012345").decimals(), 18);
        assert_eq!(num("0.000123456789012345").to_string(), "0.000123456789012345");
        // trailing zeros are
        assert!(matches!(Number::parse("1234567890123450"), Err(FormatError::TooManyDigits { .. })));
    }

    #[test]
    fn parse_errors() {
        let reason = |s: &str| match Number::parse(s) {
            Err(FormatError::InvalidNumber { reason, .. }) => reason,
            other => panic!("{s:?} gave {other:?}"),
        };
        assert_eq!(reason(""), "empty");
        assert_eq!(reason("1,000"), "thousands separators are not allowed");
        assert_eq!(reason("-2,263.5"), "thousands separators are not allowed");
        assert_eq!(reason("1e3"), "exponents are not allowed");
        assert_eq!(reason("1.5E-2"), "exponents are not allowed");
        assert_eq!(reason("NaN"), "not a finite number");
        assert_eq!(reason("inf"), "not a finite number");
        assert_eq!(reason("-infinity"), "not a finite number");
        assert_eq!(reason("007"), "leading zeros are not allowed");
        assert_eq!(reason("0.000000000000000000001"), "more than 20 decimals");
        for s in ["-", ".5", "5.", "+5", " 5", "5 ", "1.2.3", "--1", "１２", "5%", "abc", "1_000"] {
            assert_eq!(reason(s), "expected digits, an optional leading - (or △) and an optional fraction", "{s:?}");
        }
        let err = Number::parse("12345678901234567").unwrap_err();
        assert_eq!(err.to_string(), "number \"12345678901234567\" has more than 15 significant digits");
        assert_eq!(
            Number::parse("1,000").unwrap_err().to_string(),
            "invalid number \"1,000\": thousands separators are not allowed"
        );
    }

    #[test]
    fn number_new() {
        let n = Number::new(0.1 + 0.2, 1).unwrap();
        assert_eq!(n.to_string(), "0.3");
        assert!(Number::new(f64::NAN, 0).is_err());
        assert!(Number::new(f64::INFINITY, 0).is_err());
        assert!(Number::new(1.0, 21).is_err());
        assert_eq!(Number::new(2.5, 0).unwrap().to_string(), "3");
    }

    // --- grouping and rounding ----------------------------------------------

    #[test]
    fn group_basic() {
        assert_eq!(group(2263.0, 0), "2,263");
        assert_eq!(group(1234567.5, 1), "1,234,567.5");
        assert_eq!(group(999.0, 0), "999");
        assert_eq!(group(1000.0, 0), "1,000");
        assert_eq!(group(100000.0, 0), "100,000");
        assert_eq!(group(0.0, 0), "0");
        assert_eq!(group(0.0, 2), "0.00");
        assert_eq!(group(48.0, 2), "48.00");
        assert_eq!(group(0.5, 0), "1");
        assert_eq!(group(12.0, 3), "12.000");
    }

    #[test]
    fn group_negative_and_negative_zero() {
        assert_eq!(group(-1234.5, 1), "-1,234.5");
        assert_eq!(group(-999.0, 0), "-999");
        assert_eq!(group(-0.0, 0), "0");
        assert_eq!(group(-0.0, 1), "0.0");
        assert_eq!(group(-0.04, 1), "0.0");
        assert_eq!(group(-0.05, 1), "-0.1");
        assert_eq!(group(-2.5, 0), "-3");
    }

    #[test]
    fn group_rounds_half_away_from_zero_on_decimal_digits() {
        // binary 0.125 is exact, but 2.675 and 1.005 are below their decimal
        // value in binary; the decimal string decides
        assert_eq!(group(0.125, 2), "0.13");
        assert_eq!(group(2.675, 2), "2.68");
        assert_eq!(group(1.005, 2), "1.01");
        assert_eq!(group(-1.005, 2), "-1.01");
        assert_eq!(group(0.045, 2), "0.05");
        assert_eq!(group(1.25, 1), "1.3");
        assert_eq!(group(1.35, 1), "1.4");
        assert_eq!(group(1.24999, 1), "1.2");
        assert_eq!(group(0.0049, 2), "0.00");
        // rounding happens before grouping, carries ripple through
        assert_eq!(group(999.95, 1), "1,000.0");
        assert_eq!(group(999.949, 1), "999.9");
        assert_eq!(group(99999.5, 0), "100,000");
        assert_eq!(group(-999999.5, 0), "-1,000,000");
        assert_eq!(group(9.999, 2), "10.00");
        // computed values with binary noise
        assert_eq!(group(0.1 + 0.2, 1), "0.3");
        // the shortest decimal form of the sum is 0.30000000000000004
        assert_eq!(group(0.1 + 0.2, 20), "0.30000000000000004000");
    }

    #[test]
    fn group_huge_and_tiny() {
        assert_eq!(group(1e21, 0), "1,000,000,000,000,000,000,000");
        assert_eq!(group(123456789012345.0, 0), "123,456,789,012,345");
        assert_eq!(group(-1e15, 2), "-1,000,000,000,000,000.00");
        assert_eq!(group(1e-10, 3), "0.000");
        assert_eq!(group(1e-10, 10), "0.0000000001");
        assert!(group(f64::MAX, 0).starts_with("179,769,313,486,231,570,"));
        assert_eq!(group(f64::NAN, 0), "NaN");
        assert_eq!(group(f64::INFINITY, 0), "inf");
    }

    // --- units --------------------------------------------------------------

    #[test]
    fn negative_marks_as_printed_in_filings() {
        assert_eq!(num("△16071").to_string(), "-16071");
        assert_eq!(num("▲1.5").to_string(), "-1.5");
        assert_eq!(num("△16071"), num("-16071"));
        assert!(num("△16071").is_negative());
        assert_eq!(num("△16071").abs().to_string(), "16071");
        for s in ["△", "△-1", "-△1", "△ 1", "1△"] {
            assert!(Number::parse(s).is_err(), "{s:?}");
        }
    }

    #[test]
    fn shifting_keeps_every_digit() {
        assert_eq!(num("518632").shifted(-2).unwrap().to_string(), "5186.32");
        assert_eq!(num("5186.32").shifted(2).unwrap().to_string(), "518632");
        assert_eq!(num("-0.5").shifted(3).unwrap().to_string(), "-500");
        assert_eq!(num("123456789012345").shifted(-8).unwrap().to_string(), "1234567.89012345");
        assert_eq!(num("1").shifted(-9).unwrap().decimals(), 9);
        assert!(num("0.00000000000000000001").shifted(-10).is_none());
    }

    #[test]
    fn oku_yen() {
        assert_eq!(both("2263", "oku_yen"), pair("2,263億円", "¥226.3 billion"));
        assert_eq!(both("2263.4", "oku_yen"), pair("2,263.4億円", "¥226.34 billion"));
        assert_eq!(both("272", "oku_yen"), pair("272億円", "¥27.2 billion"));
        assert_eq!(both("10", "oku_yen"), pair("10億円", "¥1.0 billion"));
        // below ¥1 billion: millions
        assert_eq!(both("8.4", "oku_yen"), pair("8.4億円", "¥840 million"));
        assert_eq!(both("9", "oku_yen"), pair("9億円", "¥900 million"));
        assert_eq!(both("0.35", "oku_yen"), pair("0.35億円", "¥35 million"));
        assert_eq!(both("0.355", "oku_yen"), pair("0.355億円", "¥35.5 million"));
        assert_eq!(both("0", "oku_yen"), pair("0億円", "¥0 million"));
        assert_eq!(both("-12", "oku_yen"), pair("△12億円", "-¥1.2 billion"));
        assert_eq!(both("-8.4", "oku_yen"), pair("△8.4億円", "-¥840 million"));
        assert_eq!(both("-0", "oku_yen"), pair("0億円", "¥0 million"));
        assert_eq!(both("123456", "oku_yen"), pair("123,456億円", "¥12,345.6 billion"));
    }

    #[test]
    fn oku_yen_precision_is_of_the_displayed_number() {
        assert_eq!(fig_with("2263", "oku_yen", Lang::En, None, Some(0)), "¥226 billion");
        assert_eq!(fig_with("2265", "oku_yen", Lang::En, None, Some(0)), "¥227 billion");
        assert_eq!(fig_with("2263.45", "oku_yen", Lang::Ja, None, Some(1)), "2,263.5億円");
        assert_eq!(fig_with("2263", "oku_yen", Lang::Ja, None, Some(2)), "2,263.00億円");
        assert_eq!(fig_with("-0.4", "oku_yen", Lang::Ja, None, Some(0)), "0億円");
        assert_eq!(fig_with("8.45", "oku_yen", Lang::En, None, None), "¥845 million");
        assert_eq!(fig_with("8.456", "oku_yen", Lang::En, None, Some(0)), "¥846 million");
    }

    #[test]
    fn oku_yen_display_options() {
        let f = |s, lang, d| fig_with(s, "oku_yen", lang, Some(d), None);
        assert_eq!(f("840", Lang::Ja, "million_yen"), "84,000百万円");
        assert_eq!(f("840", Lang::En, "million_yen"), "¥84,000 million");
        assert_eq!(f("8.4", Lang::Ja, "million_yen"), "840百万円");
        assert_eq!(f("8.4", Lang::En, "million_yen"), "¥840 million");
        assert_eq!(f("2263.45", Lang::Ja, "million_yen"), "226,345百万円");
        assert_eq!(f("0.005", Lang::Ja, "million_yen"), "0.5百万円");
        assert_eq!(f("-2263", Lang::Ja, "million_yen"), "△226,300百万円");
        assert_eq!(f("-2263", Lang::En, "million_yen"), "-¥226,300 million");
        // bn_yen: Japanese keeps 億円, English always billions
        assert_eq!(f("2263", Lang::Ja, "bn_yen"), "2,263億円");
        assert_eq!(f("2263", Lang::En, "bn_yen"), "¥226.3 billion");
        assert_eq!(f("8.4", Lang::En, "bn_yen"), "¥0.84 billion");
        assert_eq!(f("0", Lang::En, "bn_yen"), "¥0.0 billion");
        assert_eq!(fig_with("2263", "oku_yen", Lang::En, Some("bn_yen"), Some(0)), "¥226 billion");
        assert_eq!(fig_with("2263", "oku_yen", Lang::Ja, Some("million_yen"), Some(1)), "226,300.0百万円");
    }

    #[test]
    fn display_option_on_other_units_is_an_error() {
        for id in ["percent", "pct_change", "points", "times", "people", "shares", "count", "ratio", "man_lines"] {
            for display in ["million_yen", "bn_yen", "oku_yen"] {
                let opts = FigureOptions { display: Some(unit(display)), precision: None };
                let err = figure(num("1"), &unit(id), Lang::Ja, &opts).unwrap_err();
                assert!(matches!(err, FormatError::DisplayMismatch { .. }), "{id} as {display}");
            }
        }
        let opts = FigureOptions { display: Some(unit("million_yen")), precision: None };
        let err = figure(num("10.4"), &unit("percent"), Lang::En, &opts).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unit percent cannot be shown as million_yen: only amounts of money convert into each other"
        );
        // a figure may always be shown in its own unit
        let opts = FigureOptions { display: Some(unit("percent")), precision: None };
        assert_eq!(figure(num("10.4"), &unit("percent"), Lang::En, &opts).unwrap(), "10.4%");
    }

    #[test]
    fn money_in_any_money_unit() {
        // 百万円 as stored, shown as it is, in 億円 and in billions: no digit changes
        assert_eq!(both("518632", "million_yen"), pair("518,632百万円", "¥518,632 million"));
        assert_eq!(fig_with("518632", "million_yen", Lang::Ja, Some("oku_yen"), None), "5,186.32億円");
        assert_eq!(fig_with("518632", "million_yen", Lang::En, Some("bn_yen"), None), "¥518.632 billion");
        assert_eq!(fig_with("518632", "million_yen", Lang::En, Some("billion_yen"), None), "¥518.632 billion");
        assert_eq!(fig_with("518632", "million_yen", Lang::Ja, Some("billion_yen"), None), "5,186.32億円");
        assert_eq!(fig_with("518632", "million_yen", Lang::En, Some("oku_yen"), None), "¥518.632 billion");
        assert_eq!(fig_with("518632", "million_yen", Lang::Ja, Some("thousand_yen"), None), "518,632,000千円");
        assert_eq!(fig_with("518632", "million_yen", Lang::En, Some("yen"), None), "¥518,632,000,000");
        assert_eq!(fig_with("-16071", "million_yen", Lang::Ja, Some("oku_yen"), None), "△160.71億円");
        assert_eq!(fig_with("-16071", "million_yen", Lang::En, None, None), "-¥16,071 million");
        // a precision rounds once, half away from zero, from the exact amount
        assert_eq!(fig_with("518650", "million_yen", Lang::Ja, Some("oku_yen"), Some(0)), "5,187億円");
        assert_eq!(fig_with("518649", "million_yen", Lang::Ja, Some("oku_yen"), Some(1)), "5,186.5億円");
        assert_eq!(both("1234", "thousand_yen"), pair("1,234千円", "¥1,234 thousand"));
        assert_eq!(fig_with("1234", "thousand_yen", Lang::Ja, Some("million_yen"), None), "1.234百万円");
    }

    #[test]
    fn points_times_shares() {
        assert_eq!(both("1.2", "points"), pair("+1.2ポイント", "+1.2 pt"));
        assert_eq!(both("-0.5", "points"), pair("△0.5ポイント", "-0.5 pt"));
        assert_eq!(both("0.0", "points"), pair("±0.0ポイント", "0.0 pt"));
        assert_eq!(both("12.3", "times"), pair("12.3倍", "12.3x"));
        assert_eq!(both("-4.1", "times"), pair("△4.1倍", "-4.1x"));
        assert_eq!(both("1000", "shares"), pair("1,000株", "1,000 shares"));
        assert_eq!(both("1", "shares"), pair("1株", "1 share"));
    }

    #[test]
    fn yen() {
        assert_eq!(both("48.00", "yen"), pair("48.00円", "¥48.00"));
        assert_eq!(both("29.75", "yen"), pair("29.75円", "¥29.75"));
        assert_eq!(both("1500", "yen"), pair("1,500円", "¥1,500"));
        assert_eq!(both("0", "yen"), pair("0円", "¥0"));
        assert_eq!(both("-3.50", "yen"), pair("△3.50円", "-¥3.50"));
        assert_eq!(fig_with("29.75", "yen", Lang::Ja, None, Some(1)), "29.8円");
        assert_eq!(fig_with("29.75", "yen", Lang::En, None, Some(0)), "¥30");
        assert_eq!(fig_with("-0.25", "yen", Lang::En, None, Some(0)), "¥0");
    }

    #[test]
    fn percent() {
        assert_eq!(both("10.4", "percent"), pair("10.4%", "10.4%"));
        assert_eq!(both("100", "percent"), pair("100%", "100%"));
        assert_eq!(both("0.0", "percent"), pair("0.0%", "0.0%"));
        assert_eq!(both("-2.0", "percent"), pair("△2.0%", "-2.0%"));
        assert_eq!(both("-0.0", "percent"), pair("0.0%", "0.0%"));
        assert_eq!(fig_with("10.45", "percent", Lang::Ja, None, Some(1)), "10.5%");
        assert_eq!(fig_with("10.44", "percent", Lang::En, None, Some(1)), "10.4%");
        assert_eq!(fig_with("1234.5", "percent", Lang::En, None, None), "1,234.5%");
    }

    #[test]
    fn pct_change() {
        assert_eq!(both("6.3", "pct_change"), pair("+6.3%", "+6.3%"));
        assert_eq!(both("-1.0", "pct_change"), pair("△1.0%", "-1.0%"));
        assert_eq!(both("0.0", "pct_change"), pair("±0.0%", "0.0%"));
        assert_eq!(both("-0.0", "pct_change"), pair("±0.0%", "0.0%"));
        assert_eq!(both("0", "pct_change"), pair("±0%", "0%"));
        assert_eq!(both("125.5", "pct_change"), pair("+125.5%", "+125.5%"));
        // the sign is decided after rounding
        assert_eq!(fig_with("-0.04", "pct_change", Lang::Ja, None, Some(1)), "±0.0%");
        assert_eq!(fig_with("-0.04", "pct_change", Lang::En, None, Some(1)), "0.0%");
        assert_eq!(fig_with("-0.05", "pct_change", Lang::Ja, None, Some(1)), "△0.1%");
        assert_eq!(fig_with("0.05", "pct_change", Lang::En, None, Some(1)), "+0.1%");
    }

    #[test]
    fn man_lines() {
        assert_eq!(both("137.4", "man_lines"), pair("137.4万回線", "1.374 million lines"));
        assert_eq!(both("100", "man_lines"), pair("100万回線", "1.00 million lines"));
        assert_eq!(both("1234.5", "man_lines"), pair("1,234.5万回線", "12.345 million lines"));
        // below a million lines: the lines themselves
        assert_eq!(both("45.2", "man_lines"), pair("45.2万回線", "452,000 lines"));
        assert_eq!(both("99.99", "man_lines"), pair("99.99万回線", "999,900 lines"));
        assert_eq!(both("0.0001", "man_lines"), pair("0.0001万回線", "1 line"));
        assert_eq!(both("0", "man_lines"), pair("0万回線", "0 lines"));
        assert_eq!(both("-137.4", "man_lines"), pair("△137.4万回線", "-1.374 million lines"));
        assert_eq!(both("-5", "man_lines"), pair("△5万回線", "-50,000 lines"));
        assert_eq!(fig_with("137.4", "man_lines", Lang::En, None, Some(1)), "1.4 million lines");
        assert_eq!(fig_with("137.45", "man_lines", Lang::Ja, None, Some(1)), "137.5万回線");
        assert_eq!(fig_with("149.96", "man_lines", Lang::En, None, Some(2)), "1.50 million lines");
    }

    #[test]
    fn people_companies_count() {
        assert_eq!(both("4147", "people"), pair("4,147名", "4,147 people"));
        assert_eq!(both("1", "people"), pair("1名", "1 person"));
        assert_eq!(both("0", "people"), pair("0名", "0 people"));
        assert_eq!(both("-12", "people"), pair("△12名", "-12 people"));
        assert_eq!(both("13000", "companies"), pair("13,000社", "13,000"));
        assert_eq!(both("-1", "companies"), pair("△1社", "-1"));
        assert_eq!(both("0", "companies"), pair("0社", "0"));
        assert_eq!(both("83", "count"), pair("83", "83"));
        assert_eq!(both("1000000", "count"), pair("1,000,000", "1,000,000"));
        assert_eq!(both("-83", "count"), pair("△83", "-83"));
        assert_eq!(both("0", "count"), pair("0", "0"));
        assert_eq!(fig_with("4147", "people", Lang::Ja, None, Some(1)), "4,147.0名");
        assert_eq!(fig_with("2.5", "count", Lang::En, None, Some(0)), "3");
        assert_eq!(fig_with("12.4", "companies", Lang::Ja, None, Some(0)), "12社");
    }

    #[test]
    fn seconds() {
        assert_eq!(both("30", "seconds"), pair("30秒", "30 seconds"));
        assert_eq!(both("1", "seconds"), pair("1秒", "1 second"));
        assert_eq!(both("1.0", "seconds"), pair("1.0秒", "1.0 seconds"));
        assert_eq!(both("0.5", "seconds"), pair("0.5秒", "0.5 seconds"));
        assert_eq!(both("0", "seconds"), pair("0秒", "0 seconds"));
        assert_eq!(both("-2", "seconds"), pair("△2秒", "-2 seconds"));
        assert_eq!(both("3600", "seconds"), pair("3,600秒", "3,600 seconds"));
        assert_eq!(fig_with("0.95", "seconds", Lang::En, None, Some(0)), "1 second");
    }

    #[test]
    fn ratio() {
        assert_eq!(both("1.2", "ratio"), pair("1.2", "1.2"));
        assert_eq!(both("0.85", "ratio"), pair("0.85", "0.85"));
        assert_eq!(both("0", "ratio"), pair("0", "0"));
        assert_eq!(both("-0.3", "ratio"), pair("△0.3", "-0.3"));
        assert_eq!(fig_with("1.25", "ratio", Lang::En, None, Some(1)), "1.3");
        assert_eq!(fig_with("1.2", "ratio", Lang::Ja, None, Some(2)), "1.20");
    }

    /// Every built-in unit in both languages: the figure as a reader sees it and the caption of
    /// an axis or table column in it. Only `count` and `ratio` are plain numbers, with no unit
    /// to show; every other unit is visible in the figure and in its caption.
    #[test]
    fn every_built_in_unit_is_visible_in_both_languages() {
        #[rustfmt::skip]
        let cases: [(&str, [&str; 2], [&str; 2], [&str; 2]); 12] = [
            // unit, figure of 1234.5 (ja, en), figure of 1 (ja, en), caption (ja, en)
            ("yen", ["1,234.5円", "¥1,234.5"], ["1円", "¥1"], ["円", "¥"]),
            ("thousand_yen", ["1,234.5千円", "¥1,234.5 thousand"], ["1千円", "¥1 thousand"], ["千円", "¥ thousand"]),
            ("million_yen", ["1,234.5百万円", "¥1,234.5 million"], ["1百万円", "¥1 million"], ["百万円", "¥ million"]),
            ("oku_yen", ["1,234.5億円", "¥123.45 billion"], ["1億円", "¥100 million"], ["億円", "¥100 million"]),
            ("percent", ["1,234.5%", "1,234.5%"], ["1%", "1%"], ["%", "%"]),
            ("pct_change", ["+1,234.5%", "+1,234.5%"], ["+1%", "+1%"], ["%", "%"]),
            ("points", ["+1,234.5ポイント", "+1,234.5 pt"], ["+1ポイント", "+1 pt"], ["ポイント", "pt"]),
            ("times", ["1,234.5倍", "1,234.5x"], ["1倍", "1x"], ["倍", "x"]),
            ("people", ["1,234.5名", "1,234.5 people"], ["1名", "1 person"], ["名", "people"]),
            ("shares", ["1,234.5株", "1,234.5 shares"], ["1株", "1 share"], ["株", "shares"]),
            ("count", ["1,234.5", "1,234.5"], ["1", "1"], ["", ""]),
            ("ratio", ["1,234.5", "1,234.5"], ["1", "1"], ["", ""]),
        ];
        // `billion_yen` only shows amounts stored in another money unit (see money_in_any_money_unit)
        let listed: Vec<&str> = cases.iter().map(|c| c.0).collect();
        for u in Unit::all_built_in() {
            assert!(listed.contains(&u.id()) || u.id() == "billion_yen", "built-in unit `{u}` is not in this test");
        }
        for (id, many, one, caption) in cases {
            let u = unit(id);
            for (k, lang) in Lang::ALL.into_iter().enumerate() {
                assert_eq!(fig("1234.5", id, lang), many[k], "{id} ({lang:?})");
                assert_eq!(fig("1", id, lang), one[k], "{id} ({lang:?})");
                assert_eq!(u.axis_caption(lang), caption[k], "{id} ({lang:?})");
                let plain = matches!(u.kind(), Kind::Count | Kind::Ratio);
                assert_eq!(many[k] == "1,234.5", plain, "{id} ({lang:?}): a unit to show, or none");
                assert_eq!(caption[k].is_empty(), plain, "{id} ({lang:?}): a caption, or none");
            }
        }
    }

    #[test]
    fn axis_captions() {
        assert_eq!(unit("oku_yen").axis_caption(Lang::Ja), "億円");
        assert_eq!(unit("oku_yen").axis_caption(Lang::En), "¥100 million");
        assert_eq!(unit("million_yen").axis_caption(Lang::En), "¥ million");
        assert_eq!(unit("man_lines").axis_caption(Lang::En), "10,000 lines");
        assert_eq!(unit("percent").axis_caption(Lang::Ja), "%");
        assert_eq!(unit("count").axis_caption(Lang::En), "");
    }

    // --- change -------------------------------------------------------------

    #[test]
    fn change_basic() {
        // 2,129 → 2,263: +6.29…%
        assert_eq!(change(num("2129"), num("2263"), Lang::Ja, None).unwrap(), "+6.3%");
        assert_eq!(change(num("2129"), num("2263"), Lang::En, None).unwrap(), "+6.3%");
        assert_eq!(change(num("2129"), num("2263"), Lang::En, Some(2)).unwrap(), "+6.29%");
        assert_eq!(change(num("2129"), num("2263"), Lang::En, Some(0)).unwrap(), "+6%");
        assert_eq!(change(num("100"), num("99"), Lang::Ja, None).unwrap(), "△1.0%");
        assert_eq!(change(num("100"), num("99"), Lang::En, None).unwrap(), "-1.0%");
        assert_eq!(change(num("100"), num("100.0"), Lang::Ja, None).unwrap(), "±0.0%");
        assert_eq!(change(num("100"), num("100"), Lang::En, None).unwrap(), "0.0%");
        assert_eq!(change(num("50"), num("150"), Lang::En, None).unwrap(), "+200.0%");
        assert_eq!(change(num("50"), num("0"), Lang::Ja, None).unwrap(), "△100.0%");
        assert_eq!(change(num("10"), num("-5"), Lang::En, None).unwrap(), "-150.0%");
        assert_eq!(change(num("1000"), num("20000"), Lang::En, None).unwrap(), "+1,900.0%");
    }

    #[test]
    fn change_rounds_exactly() {
        // exactly +0.05%: binary arithmetic would give 0.04999…
        assert_eq!(change(num("100"), num("100.05"), Lang::En, None).unwrap(), "+0.1%");
        assert_eq!(change(num("100"), num("99.95"), Lang::En, None).unwrap(), "-0.1%");
        assert_eq!(change(num("100"), num("99.96"), Lang::Ja, None).unwrap(), "±0.0%");
        assert_eq!(change(num("3"), num("4"), Lang::En, Some(3)).unwrap(), "+33.333%");
        assert_eq!(change(num("3"), num("2"), Lang::En, Some(3)).unwrap(), "-33.333%");
        assert_eq!(change(num("3"), num("5"), Lang::En, Some(1)).unwrap(), "+66.7%");
        // mixed decimals
        assert_eq!(change(num("8.4"), num("10"), Lang::En, None).unwrap(), "+19.0%");
    }

    #[test]
    fn change_errors() {
        assert_eq!(change(num("0"), num("5"), Lang::Ja, None).unwrap_err(), FormatError::ChangeFromZero);
        assert_eq!(change(num("0.00"), num("5"), Lang::Ja, None).unwrap_err(), FormatError::ChangeFromZero);
        assert_eq!(change(num("-5"), num("5"), Lang::En, None).unwrap_err(), FormatError::ChangeFromNegative);
        assert_eq!(change(num("1"), num("2"), Lang::En, Some(60)).unwrap_err(), FormatError::ChangeOverflow);
        assert_eq!(FormatError::ChangeFromZero.to_string(), "percentage change from zero is undefined");
    }

    // --- axis ticks ---------------------------------------------------------

    #[test]
    fn axis_ticks() {
        let t = |v, step, id, lang| axis_tick(v, step, &unit(id), lang);
        assert_eq!(t(2500.0, 500.0, "oku_yen", Lang::Ja), "2,500");
        assert_eq!(t(2500.0, 500.0, "oku_yen", Lang::En), "2,500");
        assert_eq!(t(0.0, 500.0, "oku_yen", Lang::En), "0");
        assert_eq!(t(1.0, 0.5, "percent", Lang::Ja), "1.0");
        assert_eq!(t(1.5, 0.5, "percent", Lang::Ja), "1.5");
        assert_eq!(t(0.1 + 0.2, 0.1, "ratio", Lang::En), "0.3");
        assert_eq!(t(0.75, 0.25, "ratio", Lang::En), "0.75");
        assert_eq!(t(3.0 * 0.1, 0.1, "percent", Lang::En), "0.3");
        assert_eq!(t(-5.0, 5.0, "percent", Lang::Ja), "△5");
        assert_eq!(t(-5.0, 5.0, "percent", Lang::En), "-5");
        assert_eq!(t(5.0, 5.0, "pct_change", Lang::Ja), "+5");
        assert_eq!(t(-5.0, 5.0, "pct_change", Lang::Ja), "△5");
        assert_eq!(t(0.0, 5.0, "pct_change", Lang::Ja), "0");
        assert_eq!(t(-0.0, 0.5, "pct_change", Lang::En), "0.0");
        assert_eq!(t(1e6, 2e5, "count", Lang::En), "1,000,000");
        // no usable step: the value's own decimals (at most 6)
        assert_eq!(t(12.25, 0.0, "count", Lang::En), "12.25");
        assert_eq!(t(1.0 / 3.0, f64::NAN, "ratio", Lang::En), "0.333333");
        assert_eq!(t(f64::NAN, 1.0, "ratio", Lang::En), "");
    }

    // --- dates --------------------------------------------------------------

    #[test]
    fn as_of_labels() {
        assert_eq!(as_of_label("2022-03-31", Lang::Ja).unwrap(), "2022年3月末時点");
        assert_eq!(as_of_label("2022-03-31", Lang::En).unwrap(), "as of March 31, 2022");
        assert_eq!(as_of_label("2022-06-02", Lang::Ja).unwrap(), "2022年6月2日時点");
        assert_eq!(as_of_label("2022-06-02", Lang::En).unwrap(), "as of June 2, 2022");
        assert_eq!(as_of_label("2021-04", Lang::Ja).unwrap(), "2021年4月時点");
        assert_eq!(as_of_label("2021-04", Lang::En).unwrap(), "as of April 2021");
        assert_eq!(as_of_label("2022-06-30", Lang::Ja).unwrap(), "2022年6月末時点");
        assert_eq!(as_of_label("2022-12-31", Lang::Ja).unwrap(), "2022年12月末時点");
        assert_eq!(as_of_label("2022-12-30", Lang::Ja).unwrap(), "2022年12月30日時点");
    }

    #[test]
    fn date_labels() {
        assert_eq!(date_label("2022-03-31", Lang::Ja).unwrap(), "2022年3月末");
        assert_eq!(date_label("2022-03-31", Lang::En).unwrap(), "March 31, 2022");
        assert_eq!(date_label("2022-06-02", Lang::Ja).unwrap(), "2022年6月2日");
        assert_eq!(date_label("2022-06-02", Lang::En).unwrap(), "June 2, 2022");
        assert_eq!(date_label("2021-04", Lang::Ja).unwrap(), "2021年4月");
        assert_eq!(date_label("2021-04", Lang::En).unwrap(), "April 2021");
        assert_eq!(date_label("1992-12", Lang::En).unwrap(), "December 1992");
        assert_eq!(date_label("2022-01-01", Lang::En).unwrap(), "January 1, 2022");
        assert_eq!(date_label("2021-09-30", Lang::Ja).unwrap(), "2021年9月末");
    }

    #[test]
    fn leap_years() {
        assert_eq!(date_label("2024-02-29", Lang::Ja).unwrap(), "2024年2月末");
        assert_eq!(date_label("2000-02-29", Lang::En).unwrap(), "February 29, 2000");
        assert_eq!(date_label("2024-02-28", Lang::Ja).unwrap(), "2024年2月28日");
        assert_eq!(date_label("2023-02-28", Lang::Ja).unwrap(), "2023年2月末");
        assert!(date_label("2023-02-29", Lang::Ja).is_err());
        assert!(date_label("1900-02-29", Lang::Ja).is_err());
        assert!(date_label("2100-02-29", Lang::En).is_err());
    }

    #[test]
    fn invalid_dates() {
        let reason = |s: &str| match date_label(s, Lang::Ja) {
            Err(FormatError::InvalidDate { reason, .. }) => reason,
            other => panic!("{s:?} gave {other:?}"),
        };
        for s in [
            "",
            "2022",
            "2022-3-31",
            "2022-03-1",
            "22-03-31",
            "2022/03/31",
            "2022-03-31T00:00",
            "2022-03-",
            "2022--03",
            "２０２２-03",
            "2022-03-31-01",
            " 2022-03",
            "+022-03",
        ] {
            assert_eq!(reason(s), "expected YYYY-MM-DD or YYYY-MM", "{s:?}");
            assert!(as_of_label(s, Lang::En).is_err());
        }
        assert_eq!(reason("2022-13"), "month must be 01 to 12");
        assert_eq!(reason("2022-00-10"), "month must be 01 to 12");
        assert_eq!(reason("0000-01"), "year 0000 does not exist");
        assert_eq!(reason("2022-04-31"), "no such day in that month");
        assert_eq!(reason("2022-01-32"), "no such day in that month");
        assert_eq!(reason("2022-01-00"), "no such day in that month");
        assert_eq!(
            as_of_label("2022-04-31", Lang::En).unwrap_err().to_string(),
            "invalid date \"2022-04-31\": no such day in that month"
        );
    }
}
