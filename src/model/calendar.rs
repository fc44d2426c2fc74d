//! The fiscal calendar of a site (`[fiscal_year]` in site.toml): the month a fiscal year ends,
//! which calendar year names it, and how periods are called in each language. Every period
//! label, axis label and table header comes from here.

use serde::Deserialize;

use super::period::{Period, Span};
use crate::lang::Lang;

/// Which calendar year the number in `FY2021` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum YearNumber {
    /// The year the fiscal year starts in (April 2021 – March 2022 is FY2021).
    Start,
    /// The year it ends in (April 2021 – March 2022 is FY2022).
    End,
}

/// How Japanese names a fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JaStyle {
    /// `2021年度`, axis `21年度`.
    Nendo,
    /// `2022年3月期` (by the month the year ends), axis `22/3期`.
    Kessanki,
}

/// How English names a fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EnStyle {
    /// `FY2021`, axis `FY21`.
    Fy,
}

/// `[fiscal_year]` of site.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FiscalYear {
    /// The last month of the fiscal year, 1–12.
    pub end_month: u8,
    pub number: YearNumber,
    pub ja_style: JaStyle,
    pub en_style: EnStyle,
}

/// A year that ends in March, named by its start, called 年度 and FY: the most common calendar
/// of Japanese listed companies, and the one a site without `[fiscal_year]` gets.
impl Default for FiscalYear {
    fn default() -> FiscalYear {
        FiscalYear { end_month: 3, number: YearNumber::Start, ja_style: JaStyle::Nendo, en_style: EnStyle::Fy }
    }
}

pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days of a month (1–12) of a year.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FiscalYear {
    /// Checks the settings; the message names the setting.
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=12).contains(&self.end_month) {
            return Err(format!("end_month = {} is not a month: give 1 to 12", self.end_month));
        }
        Ok(())
    }

    /// The calendar year and month the fiscal year `year` (as in its id) ends.
    pub fn end_of(&self, year: u16) -> (u16, u8) {
        let end_year = match self.number {
            YearNumber::End => year,
            YearNumber::Start if self.end_month == 12 => year,
            YearNumber::Start => year + 1,
        };
        (end_year, self.end_month)
    }

    /// The calendar year and month the fiscal year `year` starts.
    pub fn start_of(&self, year: u16) -> (u16, u8) {
        let (end_year, end_month) = self.end_of(year);
        if end_month == 12 {
            (end_year, 1)
        } else {
            (end_year - 1, end_month + 1)
        }
    }

    /// The calendar year and month a period ends.
    pub fn period_end(&self, period: &Period) -> (u16, u8) {
        let (start_year, start_month) = self.start_of(period.year);
        let months = u32::from(start_month) - 1 + u32::from(period.span.last_quarter()) * 3 - 1;
        (start_year + (months / 12) as u16, (months % 12) as u8 + 1)
    }

    /// A fiscal year for prose and tables: ja `2021年度` / `2022年3月期`, en `FY2021`.
    pub fn year_label(&self, year: u16, lang: Lang) -> String {
        match lang {
            Lang::Ja => match self.ja_style {
                JaStyle::Nendo => format!("{year}年度"),
                JaStyle::Kessanki => {
                    let (y, m) = self.end_of(year);
                    format!("{y}年{m}月期")
                }
            },
            Lang::En => match self.en_style {
                EnStyle::Fy => format!("FY{year}"),
            },
        }
    }

    /// A fiscal year on a chart axis: ja `21年度` / `22/3期`, en `FY21`.
    pub fn year_short(&self, year: u16, lang: Lang) -> String {
        self.year_short_parts(year, lang).concat()
    }

    /// [`Self::year_short`] in its two parts, in reading order: the year's number and the word
    /// that names it (ja `21` + `年度`, `22/3` + `期`; en `FY` + `21`).
    fn year_short_parts(&self, year: u16, lang: Lang) -> [String; 2] {
        match lang {
            Lang::Ja => match self.ja_style {
                JaStyle::Nendo => [format!("{:02}", year % 100), "年度".to_string()],
                JaStyle::Kessanki => {
                    let (y, m) = self.end_of(year);
                    [format!("{:02}/{m}", y % 100), "期".to_string()]
                }
            },
            Lang::En => match self.en_style {
                EnStyle::Fy => ["FY".to_string(), format!("{:02}", year % 100)],
            },
        }
    }

    /// The long form of a fiscal year, for notes: ja `2022年3月31日に終了した事業年度`, en
    /// `fiscal year ended March 31, 2022`.
    pub fn year_long(&self, year: u16, lang: Lang) -> String {
        let (y, m) = self.end_of(year);
        let d = days_in_month(y, m);
        match lang {
            Lang::Ja => format!("{y}年{m}月{d}日に終了した事業年度"),
            Lang::En => format!("fiscal year ended {} {d}, {y}", MONTHS_EN[usize::from(m) - 1]),
        }
    }

    /// The sentence that says what a fiscal year is, with `year` as the example when given: ja
    /// `年度は4月から翌年3月までの会計年度です（2021年度＝2022年3月期）。`, en `Fiscal years run from
    /// April to March (FY2021 = the year ended March 31, 2022).`
    pub fn explanation(&self, year: Option<u16>, lang: Lang) -> String {
        // Months are the same whatever the year: take them from the example or any year.
        let (start_year, start_month) = self.start_of(year.unwrap_or(2000));
        let (end_year, end_month) = self.end_of(year.unwrap_or(2000));
        let example = |text: String| year.map(|_| text).unwrap_or_default();
        match lang {
            Lang::Ja => {
                let to = if end_year == start_year { "" } else { "翌年" };
                let label = year.map(|y| self.year_label(y, lang)).unwrap_or_default();
                match self.ja_style {
                    JaStyle::Nendo => format!(
                        "年度は{start_month}月から{to}{end_month}月までの会計年度です{}。",
                        example(format!("（{label}＝{end_year}年{end_month}月期）"))
                    ),
                    JaStyle::Kessanki => format!(
                        "会計年度は{start_month}月から{to}{end_month}月までです{}。",
                        example(format!("（{label}＝{start_year}年{start_month}月〜{end_year}年{end_month}月）"))
                    ),
                }
            }
            Lang::En => {
                let (from, to) = (MONTHS_EN[usize::from(start_month) - 1], MONTHS_EN[usize::from(end_month) - 1]);
                let d = days_in_month(end_year, end_month);
                let label = year.map(|y| self.year_label(y, lang)).unwrap_or_default();
                format!(
                    "Fiscal years run from {from} to {to}{}.",
                    example(format!(" ({label} = the year ended {to} {d}, {end_year})"))
                )
            }
        }
    }

    /// A period for prose and tables: ja `2021年度 第1四半期`, `2021年度 上期`,
    /// `2021年度 第2四半期累計`; en `Q1 FY2021`, `1H FY2021`, `Q1–Q2 FY2021`.
    pub fn label(&self, period: &Period, lang: Lang) -> String {
        let year = self.year_label(period.year, lang);
        match (period.span, lang) {
            (Span::Year, _) => year,
            (Span::Quarter(q), Lang::Ja) => format!("{year} 第{q}四半期"),
            (Span::Quarter(q), Lang::En) => format!("Q{q} {year}"),
            (Span::Half(h), Lang::Ja) => format!("{year} {}", self.half_ja(h)),
            (Span::Half(h), Lang::En) => format!("{h}H {year}"),
            (Span::ToDate(q), Lang::Ja) => format!("{year} 第{q}四半期累計"),
            (Span::ToDate(q), Lang::En) => format!("Q1–Q{q} {year}"),
        }
    }

    /// The two lines of an axis label: a fiscal year gives its short label and no second line
    /// (ja `21年度`); a part of a year gives the part and, as the second line, its year (ja `1Q`
    /// / `21年度`, `上期` / `21年度`, `2Q累計` / `21年度`; en `Q1` / `FY21`, `1H`, `6M`).
    pub fn axis_labels(&self, period: &Period, lang: Lang) -> (String, Option<String>) {
        let year = self.year_short(period.year, lang);
        let part = match (period.span, lang) {
            (Span::Year, _) => return (year, None),
            (Span::Quarter(q), Lang::Ja) => format!("{q}Q"),
            (Span::Quarter(q), Lang::En) => format!("Q{q}"),
            (Span::Half(h), Lang::Ja) => self.half_ja(h).to_string(),
            (Span::Half(h), Lang::En) => format!("{h}H"),
            (Span::ToDate(q), Lang::Ja) => format!("{q}Q累計"),
            (Span::ToDate(q), Lang::En) => format!("{}M", u16::from(q) * 3),
        };
        (part, Some(year))
    }

    /// The first axis line of a period broken in two, for slots too narrow for it on one line:
    /// a year's number stays whole, on a line apart from the word that names it (ja `21` /
    /// `年度`, `23/12` / `期`; en `FY` / `21`), a cumulative quarter keeps its quarter (`3Q` /
    /// `累計`); the other parts of a year are too short to break (`1Q`, `上期`, `Q1`, `1H`, `6M`).
    /// The lines read as the one-line label.
    pub fn axis_lines(&self, period: &Period, lang: Lang) -> Vec<String> {
        match (period.span, lang) {
            (Span::Year, _) => self.year_short_parts(period.year, lang).to_vec(),
            (Span::ToDate(q), Lang::Ja) => vec![format!("{q}Q"), "累計".to_string()],
            _ => vec![self.axis_labels(period, lang).0],
        }
    }

    /// Japanese names of the halves: 上期/下期, or 中間期 where years are called by 決算期.
    fn half_ja(&self, half: u8) -> &'static str {
        match (self.ja_style, half) {
            (JaStyle::Nendo, 1) => "上期",
            (JaStyle::Kessanki, 1) => "中間期",
            _ => "下期",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str) -> Period {
        Period::parse(id).unwrap()
    }

    const MARCH: FiscalYear =
        FiscalYear { end_month: 3, number: YearNumber::Start, ja_style: JaStyle::Nendo, en_style: EnStyle::Fy };
    const DECEMBER: FiscalYear =
        FiscalYear { end_month: 12, number: YearNumber::Start, ja_style: JaStyle::Kessanki, en_style: EnStyle::Fy };

    #[test]
    fn march_year_named_by_its_start() {
        assert_eq!(MARCH.label(&p("FY2021"), Lang::Ja), "2021年度");
        assert_eq!(MARCH.label(&p("FY2021"), Lang::En), "FY2021");
        assert_eq!(MARCH.label(&p("FY2021Q1"), Lang::Ja), "2021年度 第1四半期");
        assert_eq!(MARCH.label(&p("FY2023Q4"), Lang::En), "Q4 FY2023");
        assert_eq!(MARCH.label(&p("FY2023H1"), Lang::Ja), "2023年度 上期");
        assert_eq!(MARCH.label(&p("FY2023H2"), Lang::En), "2H FY2023");
        assert_eq!(MARCH.label(&p("FY2023Q3YTD"), Lang::Ja), "2023年度 第3四半期累計");
        assert_eq!(MARCH.label(&p("FY2023Q2YTD"), Lang::En), "Q1–Q2 FY2023");
        assert_eq!(MARCH.axis_labels(&p("FY2021"), Lang::Ja), ("21年度".to_string(), None));
        assert_eq!(MARCH.axis_labels(&p("FY2021"), Lang::En), ("FY21".to_string(), None));
        assert_eq!(MARCH.axis_labels(&p("FY2021Q2"), Lang::Ja), ("2Q".to_string(), Some("21年度".to_string())));
        assert_eq!(MARCH.axis_labels(&p("FY2021Q2"), Lang::En), ("Q2".to_string(), Some("FY21".to_string())));
        assert_eq!(MARCH.axis_labels(&p("FY2021Q3YTD"), Lang::Ja).0, "3Q累計");
        assert_eq!(MARCH.axis_labels(&p("FY2021Q2YTD"), Lang::En).0, "6M");
        assert_eq!(MARCH.axis_labels(&p("FY2021H1"), Lang::En).0, "1H");
        assert_eq!(MARCH.year_long(2021, Lang::En), "fiscal year ended March 31, 2022");
        assert_eq!(MARCH.year_long(2021, Lang::Ja), "2022年3月31日に終了した事業年度");
        assert_eq!(
            MARCH.explanation(Some(2021), Lang::En),
            "Fiscal years run from April to March (FY2021 = the year ended March 31, 2022)."
        );
        assert_eq!(
            MARCH.explanation(Some(2021), Lang::Ja),
            "年度は4月から翌年3月までの会計年度です（2021年度＝2022年3月期）。"
        );
        assert_eq!(MARCH.period_end(&p("FY2021Q1")), (2021, 6));
        assert_eq!(MARCH.period_end(&p("FY2021Q4")), (2022, 3));
        assert_eq!(MARCH.period_end(&p("FY2021H1")), (2021, 9));
    }

    #[test]
    fn december_year_by_kessanki() {
        assert_eq!(DECEMBER.label(&p("FY2023"), Lang::Ja), "2023年12月期");
        assert_eq!(DECEMBER.label(&p("FY2023"), Lang::En), "FY2023");
        assert_eq!(DECEMBER.label(&p("FY2023Q3YTD"), Lang::Ja), "2023年12月期 第3四半期累計");
        assert_eq!(DECEMBER.label(&p("FY2023H1"), Lang::Ja), "2023年12月期 中間期");
        assert_eq!(DECEMBER.axis_labels(&p("FY2023"), Lang::Ja), ("23/12期".to_string(), None));
        assert_eq!(DECEMBER.year_long(2023, Lang::En), "fiscal year ended December 31, 2023");
        assert_eq!(
            DECEMBER.explanation(Some(2023), Lang::En),
            "Fiscal years run from January to December (FY2023 = the year ended December 31, 2023)."
        );
        assert_eq!(
            DECEMBER.explanation(Some(2023), Lang::Ja),
            "会計年度は1月から12月までです（2023年12月期＝2023年1月〜2023年12月）。"
        );
        assert_eq!(DECEMBER.explanation(None, Lang::En), "Fiscal years run from January to December.");
        assert_eq!(MARCH.explanation(None, Lang::Ja), "年度は4月から翌年3月までの会計年度です。");
        assert_eq!(DECEMBER.period_end(&p("FY2023Q1")), (2023, 3));
        assert_eq!(DECEMBER.period_end(&p("FY2023")), (2023, 12));
    }

    #[test]
    fn axis_labels_break_between_number_and_word() {
        let p = |id: &str| Period::parse(id).unwrap();
        let lines = |fy: &FiscalYear, id: &str, lang| fy.axis_lines(&p(id), lang);
        let kessanki_end = FiscalYear { number: YearNumber::End, ja_style: JaStyle::Kessanki, ..MARCH };
        assert_eq!(lines(&DECEMBER, "FY2023", Lang::Ja), ["23/12", "期"]);
        assert_eq!(lines(&kessanki_end, "FY2022", Lang::Ja), ["22/3", "期"]);
        assert_eq!(lines(&MARCH, "FY2021", Lang::Ja), ["21", "年度"]);
        assert_eq!(lines(&MARCH, "FY2021", Lang::En), ["FY", "21"]);
        assert_eq!(lines(&DECEMBER, "FY2023Q3YTD", Lang::Ja), ["3Q", "累計"]);
        assert_eq!(lines(&DECEMBER, "FY2023H1", Lang::Ja), ["中間期"]);
        assert_eq!(lines(&DECEMBER, "FY2023Q2YTD", Lang::En), ["6M"]);
        // every calendar, period kind and language: the lines read as the one-line label, a
        // number is never cut (no line ends in a digit or `/` where the next begins with one)
        let ids = ["FY2023", "FY2023Q1", "FY2023Q4", "FY2023H1", "FY2023H2", "FY2023Q2YTD", "FY2023Q3YTD"];
        let in_number = |c: char| c.is_ascii_digit() || c == '/';
        for end_month in [2, 3, 6, 9, 12] {
            for number in [YearNumber::Start, YearNumber::End] {
                for ja_style in [JaStyle::Nendo, JaStyle::Kessanki] {
                    let fy = FiscalYear { end_month, number, ja_style, en_style: EnStyle::Fy };
                    for id in ids {
                        for lang in Lang::ALL {
                            let got = lines(&fy, id, lang);
                            let label = fy.axis_labels(&p(id), lang).0;
                            let case = format!("{fy:?} {id} {lang:?}: {got:?}");
                            assert_eq!(got.concat(), label, "{case}");
                            assert!((1..=2).contains(&got.len()) && got.iter().all(|l| !l.is_empty()), "{case}");
                            if let [first, second] = &got[..] {
                                let (a, b) = (first.chars().last().unwrap(), second.chars().next().unwrap());
                                assert!(!(in_number(a) && in_number(b)), "{case}");
                                assert!(a != '/' && b != '/', "{case}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn year_numbered_by_its_end() {
        let fy = FiscalYear { number: YearNumber::End, ja_style: JaStyle::Kessanki, ..MARCH };
        assert_eq!(fy.label(&p("FY2022"), Lang::Ja), "2022年3月期");
        assert_eq!(fy.start_of(2022), (2021, 4));
        assert_eq!(fy.year_long(2022, Lang::En), "fiscal year ended March 31, 2022");
        let june = FiscalYear { end_month: 6, number: YearNumber::End, ..MARCH };
        assert_eq!(june.year_long(2024, Lang::Ja), "2024年6月30日に終了した事業年度");
        let feb = FiscalYear { end_month: 2, ..MARCH };
        assert_eq!(feb.year_long(2023, Lang::En), "fiscal year ended February 29, 2024");
        assert!(FiscalYear { end_month: 13, ..MARCH }.validate().is_err());
        assert!(FiscalYear { end_month: 0, ..MARCH }.validate().is_err());
    }
}
