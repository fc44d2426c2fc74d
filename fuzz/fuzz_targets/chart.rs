#![no_main]
//! Chart rendering with arbitrary series: kind, row count, units, values (negative, zero,
//! missing, huge) and labels are read from the input bytes. No panic; no label becomes markup.

use std::collections::BTreeMap;

use irsite::data::{ChartKind, ChartSpec, Column, Row, RowKind, Status, Table};
use irsite::error::Location;
use irsite::format::{Lang, Number, Unit};
use libfuzzer_sys::fuzz_target;

const LABELS: [&str; 6] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onload='alert(1)",
    "売上高 & 利益",
    "",
    "%title% %series% %value% %period% %category% %unit%",
];

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    fn value(&mut self) -> Option<Number> {
        let tag = self.byte();
        let mut raw = [0u8; 8];
        for b in raw.iter_mut() {
            *b = self.byte();
        }
        let decimals = self.byte() % 4;
        let v = match tag % 5 {
            0 => return None,
            // The data loader keeps at most 15 significant digits, without exponents.
            1 => f64::from_le_bytes(raw) % 1e15,
            2 => i16::from_le_bytes([raw[0], raw[1]]) as f64,
            3 => 0.0,
            _ => u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as f64 / 10.0,
        };
        Number::new(v, decimals).ok()
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let kind = [ChartKind::StackedBar, ChartKind::GroupedBar, ChartKind::BarLine, ChartKind::Donut, ChartKind::Line]
        [usize::from(b.byte() % 5)];
    let rows = usize::from(b.byte() % 24) + 1;
    let ncols = usize::from(b.byte() % 6) + if kind == ChartKind::BarLine { 2 } else { 1 };
    let bar_unit = Unit::ALL[usize::from(b.byte()) % Unit::ALL.len()];
    let line_unit = Unit::ALL[usize::from(b.byte()) % Unit::ALL.len()];
    let lang = if b.byte() % 2 == 0 { Lang::Ja } else { Lang::En };
    let row_kind = if kind == ChartKind::Donut { RowKind::Category } else { RowKind::Period };
    let mut strings: BTreeMap<String, String> = BTreeMap::new();
    let mut label = |b: &mut Bytes, key: String| {
        strings.insert(key.clone(), LABELS[usize::from(b.byte()) % LABELS.len()].to_string());
        key
    };
    let row_list: Vec<Row> = (0..rows)
        .map(|i| Row {
            id: if row_kind == RowKind::Period { format!("FY{}", 2000 + i) } else { format!("k{i}") },
            line: i + 2,
        })
        .collect();
    let line_col = if kind == ChartKind::BarLine { Some(ncols - 1) } else { None };
    let columns: Vec<Column> = (0..ncols)
        .map(|c| Column {
            id: format!("c{c}"),
            unit: if Some(c) == line_col { line_unit } else { bar_unit },
            label: label(&mut b, format!("series-{c}")),
            location: Location::file("t.toml"),
            values: (0..rows).map(|_| b.value()).collect(),
        })
        .collect();
    let categories = match row_kind {
        RowKind::Category => row_list.iter().map(|r| (r.id.clone(), label(&mut b, format!("cat-{}", r.id)))).collect(),
        RowKind::Period => BTreeMap::new(),
    };
    let status: BTreeMap<String, Status> =
        row_list.iter().filter(|_| b.byte() % 4 == 0).map(|r| (r.id.clone(), Status::Forecast)).collect();
    let title = label(&mut b, "chart-title".into());
    let (series, line) = match kind {
        ChartKind::Donut => (vec!["c0".to_string()], vec![]),
        ChartKind::BarLine => ((0..ncols - 1).map(|c| format!("c{c}")).collect(), vec![format!("c{}", ncols - 1)]),
        _ => ((0..ncols).map(|c| format!("c{c}")).collect(), vec![]),
    };
    let spec = ChartSpec {
        id: "fuzz".into(),
        kind,
        data: "t".into(),
        series,
        line,
        total: None,
        title,
        note: None,
        colors: Vec::new(),
        location: Location::line("charts.toml", 1),
    };
    let table = Table {
        name: "t".into(),
        csv_path: "t.csv".into(),
        sidecar_path: "t.toml".into(),
        kind: row_kind,
        rows: row_list,
        columns,
        source: None,
        note: None,
        as_of: None,
        status,
        categories,
    };
    let words = "%title% %range% %items% %first% %last% %series% %from% %to% %value% %period% %category% %status% %unit% <script>w</script>";
    let text =
        |key: &str| -> Result<String, String> { Ok(strings.get(key).cloned().unwrap_or_else(|| words.to_string())) };
    if let Ok(out) = irsite::chart::render(&spec, &table, lang, &text, "../") {
        for markup in ["<script", "<img", "' onload"] {
            assert!(!out.html.contains(markup), "{markup} in {}", out.html);
        }
    }
});
