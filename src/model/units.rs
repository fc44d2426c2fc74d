//! The unit library: the units Japanese IR figures are printed in, and the site's own units
//! from `content/data/units.toml`.
//!
//! A unit is data: how a number in it is written in each language (its pattern), the caption of
//! an axis or table column in it, and for money its power of ten, so that an amount can be shown
//! in any other money unit. How numbers themselves are rounded and grouped is `format`'s.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::Deserialize;

use crate::lang::Lang;

/// A unit of money, by its power of ten in yen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Money {
    /// 円, ¥.
    Yen,
    /// 千円, ¥ thousand.
    ThousandYen,
    /// 百万円, ¥ million.
    MillionYen,
    /// 億円, ¥100 million; English prose in billions.
    OkuYen,
    /// ¥ billion: a display unit for English (Japanese does not count in billions and keeps 億円).
    BillionYen,
}

impl Money {
    /// One unit is `10^exponent` yen.
    pub fn exponent(self) -> i32 {
        match self {
            Money::Yen => 0,
            Money::ThousandYen => 3,
            Money::MillionYen => 6,
            Money::OkuYen => 8,
            Money::BillionYen => 9,
        }
    }
}

/// A site-defined unit (`content/data/units.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteUnit {
    /// Japanese pattern, `{}` standing for the number: `"{}万回線"`.
    pub ja: String,
    /// English pattern: `"{} lines"`.
    pub en: String,
    /// English pattern when the number is exactly 1: `"{} line"`.
    pub en_one: Option<String>,
    /// English counts `10^en_exponent` of the English pattern's thing per unit
    /// (万回線 → lines: 4).
    #[serde(default)]
    pub en_exponent: i32,
    /// English pattern for a million and more of the English thing, counted in millions:
    /// `"{} million lines"`.
    pub en_million: Option<String>,
    /// Caption of an axis or table column in this unit (ja `万回線`, en `10,000 lines`).
    #[serde(default)]
    pub axis_ja: String,
    #[serde(default)]
    pub axis_en: String,
}

/// What kind of quantity a unit measures, and so how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Money(Money),
    /// A printed rate (`10.4%`).
    Percent,
    /// A printed rate of change, always signed (`+6.3%`, ja `△1.0%`).
    PctChange,
    /// A difference of percentages, signed (ja `+1.2ポイント`, en `+1.2 pt`).
    Points,
    /// A multiple such as PER or PBR (ja `12.3倍`, en `12.3x`).
    Times,
    People,
    Shares,
    Count,
    /// A plain ratio (PUE `1.2`).
    Ratio,
    Site(SiteUnit),
}

#[derive(Debug, PartialEq, Eq)]
struct UnitDef {
    id: String,
    kind: Kind,
}

/// A unit, cheap to clone. Two units are equal when they have the same id.
#[derive(Clone)]
pub struct Unit(Arc<UnitDef>);

impl PartialEq for Unit {
    fn eq(&self, other: &Unit) -> bool {
        self.0.id == other.0.id
    }
}
impl Eq for Unit {}

impl fmt::Debug for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Unit({})", self.0.id)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.id)
    }
}

/// The built-in units, by id.
const BUILT_IN: [(&str, fn() -> Kind); 14] = [
    ("yen", || Kind::Money(Money::Yen)),
    ("thousand_yen", || Kind::Money(Money::ThousandYen)),
    ("million_yen", || Kind::Money(Money::MillionYen)),
    ("oku_yen", || Kind::Money(Money::OkuYen)),
    ("billion_yen", || Kind::Money(Money::BillionYen)),
    ("percent", || Kind::Percent),
    ("pct_change", || Kind::PctChange),
    ("points", || Kind::Points),
    ("times", || Kind::Times),
    ("people", || Kind::People),
    ("shares", || Kind::Shares),
    ("count", || Kind::Count),
    ("ratio", || Kind::Ratio),
    // `bn_yen` is the earlier name of `billion_yen`, kept so that pages written with it work.
    ("bn_yen", || Kind::Money(Money::BillionYen)),
];

impl Unit {
    fn new(id: &str, kind: Kind) -> Unit {
        Unit(Arc::new(UnitDef { id: id.to_string(), kind }))
    }

    /// A built-in unit by id (`"oku_yen"`, `"percent"`, …).
    pub fn built_in(id: &str) -> Option<Unit> {
        BUILT_IN.iter().find(|(name, _)| *name == id).map(|(name, kind)| Unit::new(name, kind()))
    }

    /// Every built-in unit.
    pub fn all_built_in() -> Vec<Unit> {
        BUILT_IN.iter().filter(|(id, _)| *id != "bn_yen").map(|(id, kind)| Unit::new(id, kind())).collect()
    }

    pub fn id(&self) -> &str {
        &self.0.id
    }

    pub fn kind(&self) -> &Kind {
        &self.0.kind
    }

    pub fn money(&self) -> Option<Money> {
        match self.0.kind {
            Kind::Money(m) => Some(m),
            _ => None,
        }
    }

    /// Percent and printed rates of change: their values carry `%` even on a chart.
    pub fn is_percentage(&self) -> bool {
        matches!(self.0.kind, Kind::Percent | Kind::PctChange)
    }

    /// Units whose change between two periods is a difference, not a percentage.
    pub fn is_relative(&self) -> bool {
        matches!(self.0.kind, Kind::Percent | Kind::PctChange | Kind::Points | Kind::Times | Kind::Ratio)
    }

    /// The caption of a chart axis or table column whose values are shown in this unit without
    /// a suffix (ja `億円`, en `¥100 million`). Empty for plain numbers.
    pub fn axis_caption(&self, lang: Lang) -> &str {
        match (&self.0.kind, lang) {
            (Kind::Money(m), Lang::Ja) => match m {
                Money::Yen => "円",
                Money::ThousandYen => "千円",
                Money::MillionYen => "百万円",
                Money::OkuYen | Money::BillionYen => "億円",
            },
            (Kind::Money(m), Lang::En) => match m {
                Money::Yen => "¥",
                Money::ThousandYen => "¥ thousand",
                Money::MillionYen => "¥ million",
                Money::OkuYen => "¥100 million",
                Money::BillionYen => "¥ billion",
            },
            (Kind::Percent | Kind::PctChange, _) => "%",
            (Kind::Points, Lang::Ja) => "ポイント",
            (Kind::Points, Lang::En) => "pt",
            (Kind::Times, Lang::Ja) => "倍",
            (Kind::Times, Lang::En) => "x",
            (Kind::People, Lang::Ja) => "名",
            (Kind::People, Lang::En) => "people",
            (Kind::Shares, Lang::Ja) => "株",
            (Kind::Shares, Lang::En) => "shares",
            (Kind::Count | Kind::Ratio, _) => "",
            (Kind::Site(s), Lang::Ja) => &s.axis_ja,
            (Kind::Site(s), Lang::En) => &s.axis_en,
        }
    }

    /// The power of ten by which a value in `self` is multiplied to read it in `other`, when
    /// both are money (億円 → 百万円: 2); `None` when either is not money.
    pub fn shift_to(&self, other: &Unit) -> Option<i32> {
        Some(self.money()?.exponent() - other.money()?.exponent())
    }

    /// The unit a Japanese or English reader sees for a display unit: ¥ billion is English only,
    /// Japanese keeps 億円.
    pub fn for_lang(&self, lang: Lang) -> Unit {
        match (self.money(), lang) {
            (Some(Money::BillionYen), Lang::Ja) => Unit::new("oku_yen", Kind::Money(Money::OkuYen)),
            _ => self.clone(),
        }
    }
}

/// Errors of the unit library.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitError {
    #[error("unknown unit {id:?} (units: {known})")]
    Unknown { id: String, known: String },
    #[error("unit {from} cannot be shown as {to}: only amounts of money convert into each other")]
    NotConvertible { from: String, to: String },
    #[error("unit {id:?} is for showing amounts only: Japanese has no billions, so a number stored in it has no Japanese unit")]
    DisplayOnly { id: String },
}

/// The units of a site: the built-in ones and those of `content/data/units.toml`.
#[derive(Debug, Clone)]
pub struct Units {
    by_id: BTreeMap<String, Unit>,
}

impl Default for Units {
    fn default() -> Units {
        Units::built_in()
    }
}

impl Units {
    /// The built-in units only.
    pub fn built_in() -> Units {
        let by_id = BUILT_IN.iter().map(|(id, kind)| (id.to_string(), Unit::new(id, kind()))).collect();
        Units { by_id }
    }

    /// Adds a site unit; the message says why it cannot be added.
    pub fn add(&mut self, id: &str, spec: SiteUnit) -> std::result::Result<(), (String, &'static str)> {
        if self.by_id.contains_key(id) {
            return Err((
                format!("unit `{id}` is built in"),
                "use the built-in unit, or give the site's unit another id",
            ));
        }
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            return Err((format!("unit id `{id}` must be lower_snake_case"), "for example man_lines"));
        }
        let patterns = [Some(&spec.ja), Some(&spec.en), spec.en_one.as_ref(), spec.en_million.as_ref()];
        if let Some(bad) = patterns.into_iter().flatten().find(|p| p.matches("{}").count() != 1) {
            return Err((
                format!("pattern `{bad}` of unit `{id}` must hold `{{}}` once"),
                "`{}` stands for the number, e.g. ja = \"{}万回線\", en = \"{} lines\"",
            ));
        }
        if !(-12..=12).contains(&spec.en_exponent) {
            return Err((format!("en_exponent of unit `{id}` must be -12 to 12"), "1万 is 10^4: en_exponent = 4"));
        }
        self.by_id.insert(id.to_string(), Unit::new(id, Kind::Site(spec)));
        Ok(())
    }

    pub fn get(&self, id: &str) -> std::result::Result<Unit, UnitError> {
        self.by_id.get(id).cloned().ok_or_else(|| UnitError::Unknown {
            id: id.to_string(),
            known: self.by_id.keys().filter(|k| *k != "bn_yen").cloned().collect::<Vec<_>>().join(", "),
        })
    }

    /// A unit numbers are stored in (a column's or a fact's): any unit but `billion_yen`, which
    /// only shows amounts stored in another money unit.
    pub fn stored(&self, id: &str) -> std::result::Result<Unit, UnitError> {
        let unit = self.get(id)?;
        if unit.money() == Some(Money::BillionYen) {
            return Err(UnitError::DisplayOnly { id: id.to_string() });
        }
        Ok(unit)
    }

    /// A display unit for figures in `from` (`unit=` of a figure, table or axis): any money unit
    /// for money, or the figure's own unit.
    pub fn display(&self, from: &Unit, id: &str) -> std::result::Result<Unit, UnitError> {
        let to = self.get(id)?;
        if to == *from || from.shift_to(&to).is_some() {
            Ok(to)
        } else {
            Err(UnitError::NotConvertible { from: from.id().to_string(), to: to.id().to_string() })
        }
    }

    /// The site's own units (not built in).
    pub fn site_units(&self) -> impl Iterator<Item = &Unit> {
        self.by_id.values().filter(|u| matches!(u.kind(), Kind::Site(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_units() {
        let ids: Vec<String> = Unit::all_built_in().iter().map(|u| u.id().to_string()).collect();
        for id in ["yen", "thousand_yen", "million_yen", "oku_yen", "percent", "pct_change", "points", "times"] {
            assert!(ids.contains(&id.to_string()), "{id}");
        }
        for id in ["people", "shares", "count"] {
            assert!(ids.contains(&id.to_string()), "{id}");
        }
        assert!(!ids.iter().any(|i| i == "man_lines" || i == "companies" || i == "seconds"));
        let oku = Unit::built_in("oku_yen").unwrap();
        assert_eq!(oku.axis_caption(Lang::Ja), "億円");
        assert_eq!(oku.axis_caption(Lang::En), "¥100 million");
        let million = Unit::built_in("million_yen").unwrap();
        assert_eq!(million.axis_caption(Lang::Ja), "百万円");
        assert_eq!(oku.shift_to(&million), Some(2));
        assert_eq!(million.shift_to(&oku), Some(-2));
        assert_eq!(Unit::built_in("times").unwrap().axis_caption(Lang::Ja), "倍");
        assert_eq!(oku.shift_to(&Unit::built_in("percent").unwrap()), None);
    }

    #[test]
    fn display_units_convert_money_only() {
        let units = Units::built_in();
        let million = units.get("million_yen").unwrap();
        assert_eq!(units.display(&million, "oku_yen").unwrap().id(), "oku_yen");
        assert_eq!(units.display(&million, "thousand_yen").unwrap().id(), "thousand_yen");
        let percent = units.get("percent").unwrap();
        assert_eq!(units.display(&percent, "percent").unwrap().id(), "percent");
        let err = units.display(&percent, "oku_yen").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unit percent cannot be shown as oku_yen: only amounts of money convert into each other"
        );
        assert!(units.get("okuyen").unwrap_err().to_string().starts_with("unknown unit \"okuyen\" (units: "));
        assert_eq!(units.get("bn_yen").unwrap().for_lang(Lang::Ja).id(), "oku_yen");
        for id in ["billion_yen", "bn_yen"] {
            assert_eq!(units.stored(id).unwrap_err(), UnitError::DisplayOnly { id: id.into() });
        }
        assert_eq!(units.stored("oku_yen").unwrap().id(), "oku_yen");
        assert!(matches!(units.stored("okuyen"), Err(UnitError::Unknown { .. })));
    }

    #[test]
    fn site_units() {
        let spec = |ja: &str, en: &str| SiteUnit {
            ja: ja.into(),
            en: en.into(),
            en_one: None,
            en_exponent: 0,
            en_million: None,
            axis_ja: "店".into(),
            axis_en: "stores".into(),
        };
        let mut units = Units::built_in();
        units.add("stores", spec("{}店", "{} stores")).unwrap();
        assert_eq!(units.get("stores").unwrap().axis_caption(Lang::En), "stores");
        assert_eq!(units.site_units().count(), 1);
        assert!(units.add("shops", spec("店", "{} shops")).unwrap_err().0.contains("must hold `{}` once"));
        assert_eq!(units.add("yen", spec("{}円", "¥{}")).unwrap_err().0, "unit `yen` is built in");
        assert!(units.add("Shops", spec("{}店", "{} shops")).is_err());
        let far = SiteUnit { en_exponent: 20, ..spec("{}店", "{} shops") };
        assert!(units.add("shops", far).is_err());
    }
}
