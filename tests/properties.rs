//! Property tests over the parsers and renderers that read author input: front matter,
//! shortcodes, the data loader, numbers, Markdown and charts. None may panic on any input,
//! and each keeps its invariants (positions in bounds, lines from 1, text escaped).
//!
//! `PROPTEST_CASES=5000 cargo test --test properties` runs every property 5,000 times;
//! without it each runs the small default count given in `config` so the suite stays fast.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

use irsite::content::split_front_matter;
use irsite::data::{self, ChartKind, ChartSpec, Column, Data, Row, RowKind, Status, Table};
use irsite::error::{Error, Location, Result, Stage};
use irsite::format::{self, FigureOptions, Lang, Number, Unit};
use irsite::markdown::{self, Expansion, Hooks};
use irsite::model::Units;
use irsite::shortcode::{self, ArgValue, Shortcode};

/// `cases` runs unless PROPTEST_CASES says otherwise; failures are not written to disk.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var("PROPTEST_CASES").is_err() {
        c.cases = cases;
    }
    c.failure_persistence = None;
    c
}

/// Text made mostly of the characters that matter to the parser under test, with some
/// arbitrary Unicode mixed in.
fn text_of(alphabet: &'static str, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    prop::collection::vec(prop_oneof![8 => prop::sample::select(chars), 1 => any::<char>()], 0..max)
        .prop_map(|v| v.into_iter().collect())
}

fn lines_in(text: &str) -> usize {
    text.matches('\n').count() + 1
}

fn check_location(loc: Option<&Location>, max_line: usize) -> std::result::Result<(), TestCaseError> {
    if let Some(loc) = loc {
        if let Some(line) = loc.line {
            prop_assert!(line >= 1 && line <= max_line, "line {line} outside 1..={max_line}");
        }
        if let Some(column) = loc.column {
            prop_assert!(column >= 1);
        }
    }
    Ok(())
}

/// A TOML basic string holding `s` exactly.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------

const FRONT_ALPHABET: &str = "+\n\r =\"'[]#.,title description weight slug 0123456789日本語\\{}";

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn front_matter_never_panics(source in prop_oneof![
        text_of(FRONT_ALPHABET, 200),
        text_of(FRONT_ALPHABET, 200).prop_map(|s| format!("+++\n{s}")),
        text_of(FRONT_ALPHABET, 200).prop_map(|s| format!("+++\ntitle = \"a\"\n{s}\n+++\n")),
    ]) {
        let path = Path::new("content/ja/p.md");
        match split_front_matter(path, &source) {
            Ok((_, body, body_line)) => {
                prop_assert!(source.ends_with(body));
                let before = &source[..source.len() - body.len()];
                prop_assert_eq!(body_line, before.matches('\n').count() + 1);
                prop_assert!(body_line >= 2);
            }
            Err(e) => {
                prop_assert!(matches!(e, Error::Input { stage: Stage::FrontMatter, .. }), "{e}");
                check_location(e.location(), lines_in(&source))?;
                prop_assert_eq!(&e.location().unwrap().path, path);
            }
        }
    }

    #[test]
    fn front_matter_keeps_what_was_written(
        title in any::<String>(),
        description in any::<String>(),
        weight in any::<i64>(),
        body in text_of("abc #*\n{}日本", 80),
    ) {
        let source = format!(
            "+++\ntitle = {}\ndescription = {}\nweight = {weight}\n+++\n{body}",
            toml_string(&title),
            toml_string(&description)
        );
        let (front, rest, line) = split_front_matter(Path::new("p.md"), &source).unwrap();
        prop_assert_eq!(front.title, title);
        prop_assert_eq!(front.description, description);
        prop_assert_eq!(front.weight, weight);
        prop_assert_eq!(rest, body.as_str());
        prop_assert_eq!(line, 6);
    }
}

// ---------------------------------------------------------------------------
// Shortcodes
// ---------------------------------------------------------------------------

const SHORTCODE_ALPHABET: &str = "{{}}(),=\"\\ \t\n`~figchartid_.-019tref売上";

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn shortcode_scan_never_panics(text in prop_oneof![
        text_of(SHORTCODE_ALPHABET, 160),
        any::<String>(),
        text_of(SHORTCODE_ALPHABET, 80).prop_map(|s| format!("{{{{ fig({s}) }}}}")),
    ]) {
        match shortcode::scan(&text) {
            Ok(found) => {
                let mut last_end = 0;
                for sc in &found {
                    prop_assert!(sc.start >= last_end && sc.start < sc.end && sc.end <= text.len());
                    prop_assert!(text.is_char_boundary(sc.start) && text.is_char_boundary(sc.end));
                    let whole = &text[sc.start..sc.end];
                    prop_assert!(whole.starts_with("{{") && whole.ends_with("}}"), "{whole:?}");
                    prop_assert_eq!((sc.line, sc.column), irsite::error::line_col(&text, sc.start));
                    prop_assert!(!sc.name.is_empty());
                    last_end = sc.end;
                }
            }
            Err(e) => {
                prop_assert!(!e.message.is_empty());
                prop_assert!(e.line >= 1 && e.line <= lines_in(&text), "line {} of {:?}", e.line, text);
                prop_assert!(e.column >= 1);
            }
        }
    }

    #[test]
    fn shortcode_arguments_round_trip(
        name in "[a-z][a-z0-9_]{0,8}",
        args in prop::collection::btree_map("[a-z_][a-z0-9_]{0,6}", prop_oneof![
            any::<String>().prop_filter("one line", |s| !s.contains('\n')).prop_map(ArgValue::Str),
            any::<i64>().prop_map(ArgValue::Int),
            any::<bool>().prop_map(ArgValue::Bool),
        ], 0..5),
        // No backticks or braces around it: a shortcode inside a code span is skipped on purpose.
        before in "[abc 日本\n]{0,20}",
        after in "[abc 日本\n]{0,20}",
    ) {
        let written: Vec<String> = args.iter().map(|(k, v)| match v {
            ArgValue::Str(s) => format!("{k}=\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
            other => format!("{k}={other}"),
        }).collect();
        let code = format!("{{{{ {name}({}) }}}}", written.join(", "));
        let text = format!("{before}{code}{after}");
        let found = shortcode::scan(&text).unwrap();
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(&found[0].name, &name);
        prop_assert_eq!(&found[0].args, &args);
        prop_assert_eq!(found[0].start, before.len());
        prop_assert_eq!(&text[found[0].start..found[0].end], code.as_str());
    }
}

// ---------------------------------------------------------------------------
// Numbers and figures
// ---------------------------------------------------------------------------

fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,6})?",
        "-?[0-9]{0,30}(\\.[0-9]{0,30})?",
        text_of("0123456789.-+eE,naif ", 24),
        any::<String>(),
    ]
}

fn options() -> impl Strategy<Value = FigureOptions> {
    let money = prop_oneof![Just("yen"), Just("thousand_yen"), Just("million_yen"), Just("oku_yen"), Just("bn_yen")];
    (prop::option::of(money), prop::option::of(0u8..=6)).prop_map(|(display, precision)| FigureOptions {
        display: display.map(|id| Unit::built_in(id).unwrap()),
        precision,
    })
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn numbers_parse_or_refuse(text in number_text(), opts in options(), other in number_text()) {
        let Ok(n) = Number::parse(&text) else { return Ok(()) };
        prop_assert!(n.value().is_finite());
        prop_assert!(n.decimals() <= format::MAX_DECIMALS);
        // What is written back reads back as the same number.
        let again = Number::parse(&n.to_string()).unwrap();
        prop_assert_eq!(again.value(), n.value());
        prop_assert_eq!(again.decimals(), n.decimals());
        for unit in Unit::all_built_in() {
            for lang in Lang::ALL {
                match format::figure(n, &unit, lang, &opts) {
                    Ok(shown) => {
                        prop_assert!(!shown.is_empty());
                        prop_assert!(!shown.contains("NaN") && !shown.contains("inf"), "{shown}");
                        if lang == Lang::En {
                            prop_assert!(!shown.contains('△'));
                        }
                    }
                    Err(e) => prop_assert!(opts.display.is_some() && unit.money().is_none(), "{e}"),
                }
            }
        }
        if let Ok(m) = Number::parse(&other) {
            for lang in Lang::ALL {
                let _ = format::change(m, n, lang, opts.precision);
            }
        }
    }

    #[test]
    fn computed_numbers_format(value in prop_oneof![any::<f64>(), -1e6f64..1e6, Just(-0.0)], decimals in 0u8..=25, opts in options()) {
        let Ok(n) = Number::new(value, decimals) else {
            // an exact decimal holds 28 digits: beyond them a value is refused, not rounded
            let digits = value.abs().log10().floor() + 1.0 + f64::from(decimals);
            prop_assert!(!value.is_finite() || decimals > format::MAX_DECIMALS || digits >= 28.0);
            return Ok(());
        };
        for unit in Unit::all_built_in() {
            for lang in Lang::ALL {
                let _ = format::figure(n, &unit, lang, &opts);
            }
        }
        let _ = format::axis_tick(value, 1.0, &Unit::built_in("oku_yen").unwrap(), Lang::Ja);
    }
}

// ---------------------------------------------------------------------------
// The data loader
// ---------------------------------------------------------------------------

fn write_table(dir: &Path, csv: &str, sidecar: &str) -> std::path::PathBuf {
    let csv_path = dir.join("t.csv");
    fs::write(&csv_path, csv).unwrap();
    fs::write(dir.join("t.toml"), sidecar).unwrap();
    csv_path
}

const SIDECAR: &str = "source = \"1-1\"\n[columns.a]\nunit = \"oku_yen\"\nlabel = \"series-a\"\n[columns.b]\nunit = \"percent\"\nlabel = \"series-b\"\n";

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn data_loader_never_panics(
        csv in prop_oneof![
            text_of("period,category,a,b,FY2021Q1 0123456789.-\"\n\r", 200),
            text_of("FY20Q1,.-0123456789\"\n", 160).prop_map(|s| format!("period,a,b\n{s}")),
            any::<String>(),
        ],
        sidecar in prop_oneof![
            Just(SIDECAR.to_string()),
            text_of("[]=\"\n.columnsunitlabelstatusFY2021ab_okuyen ", 160),
            text_of("FY2021Q1=\"plan\"\n[status]", 40).prop_map(|s| format!("{SIDECAR}[status]\n{s}")),
        ],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let csv_path = write_table(dir.path(), &csv, &sidecar);
        match data::load_table(dir.path(), &csv_path, &Units::built_in()) {
            Ok(table) => {
                prop_assert!(!table.rows.is_empty());
                for column in &table.columns {
                    prop_assert_eq!(column.values.len(), table.rows.len());
                }
                for row in &table.rows {
                    prop_assert!(row.line >= 2 && row.line <= lines_in(&csv));
                }
            }
            Err(e) => {
                for err in e.flatten() {
                    let loc = err.location();
                    prop_assert!(loc.is_some(), "{err}");
                    let loc = loc.unwrap();
                    prop_assert!(loc.path.starts_with(dir.path()), "{err}");
                    let max = if loc.path == csv_path { lines_in(&csv) } else { lines_in(&sidecar) };
                    check_location(Some(loc), max)?;
                }
            }
        }
    }

    #[test]
    fn data_loader_keeps_every_value(
        rows in prop::collection::btree_map(
            (1000u16..10000, prop::option::of(1u8..=4)),
            (prop::option::of("-?(0|[1-9][0-9]{0,8})(\\.[0-9]{1,4})?"), prop::option::of("-?(0|[1-9][0-9]{0,4})(\\.[0-9]{1,2})?")),
            1..40,
        ),
        crlf in any::<bool>(),
    ) {
        let mut csv = String::from("period,a,b\n");
        for ((year, quarter), (a, b)) in &rows {
            let id = match quarter { Some(q) => format!("FY{year}Q{q}"), None => format!("FY{year}") };
            csv.push_str(&format!("{id},{},{}\n", a.as_deref().unwrap_or(""), b.as_deref().unwrap_or("")));
        }
        if crlf {
            csv = csv.replace('\n', "\r\n");
        }
        let dir = tempfile::tempdir().unwrap();
        let table = data::load_table(dir.path(), &write_table(dir.path(), &csv, SIDECAR), &Units::built_in()).unwrap();
        prop_assert_eq!(table.rows.len(), rows.len());
        for (i, (_, (a, b))) in rows.iter().enumerate() {
            for (column, cell) in [(&table.columns[0], a), (&table.columns[1], b)] {
                match (column.values[i], cell) {
                    (None, None) => {}
                    (Some(n), Some(text)) => {
                        prop_assert_eq!(n.value(), text.parse::<f64>().unwrap());
                        prop_assert_eq!(usize::from(n.decimals()), text.split_once('.').map(|(_, f)| f.len()).unwrap_or(0));
                    }
                    (got, want) => prop_assert!(false, "row {i}: got {got:?}, wrote {want:?}"),
                }
            }
            prop_assert_eq!(table.rows[i].line, i + 2);
        }
    }
}

// ---------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------

/// Inline figures come back as hostile text; charts as a fixed block.
struct Hostile;

impl Hooks for Hostile {
    fn shortcode(&mut self, code: &Shortcode, location: &Location) -> Result<Expansion> {
        match code.name.as_str() {
            "fig" => Ok(Expansion::Text("<script>alert(1)</script>\"><img src=x onerror=y>*_[x](y)".into())),
            "chart" => Ok(Expansion::Block("<figure class=\"chart\"></figure>".into())),
            other => Err(Error::input(Stage::Shortcode, location.clone(), format!("unknown shortcode `{other}`"))),
        }
    }
    fn internal_link(&mut self, target: &str, location: &Location) -> Result<String> {
        if target.starts_with("missing") {
            return Err(Error::input(Stage::Content, location.clone(), "unknown page"));
        }
        Ok(format!("../{target}"))
    }
}

const MARKDOWN_ALPHABET: &str = "#*_`~[]()!{}<>\\|-=+:\n \t1.aé日本語@/md\"";

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn markdown_never_panics(
        body in prop_oneof![
            text_of(MARKDOWN_ALPHABET, 240),
            text_of(MARKDOWN_ALPHABET, 120).prop_map(|s| format!("{s}\n\n{{{{ chart(id=\"c\") }}}}\n\n{s} {{{{ fig(id=\"x\") }}}}\n")),
            any::<String>(),
        ],
        first_line in 1usize..50,
    ) {
        let path = Path::new("content/en/p.md");
        match markdown::render(path, &body, first_line, &mut Hostile) {
            Ok(rendered) => {
                // Text from a shortcode never becomes markup; only the author writes `<`.
                if !body.contains('<') {
                    prop_assert!(!rendered.html.contains("<script"), "{}", rendered.html);
                    // `![..](..)` is an author's image; `<img src=x` can only come from the hook.
                    prop_assert!(!rendered.html.contains("<img src=x"), "{}", rendered.html);
                }
                let mut ids = std::collections::BTreeSet::new();
                for h in &rendered.headings {
                    prop_assert!(!h.id.is_empty());
                    prop_assert!(ids.insert(h.id.clone()), "heading id {} twice", h.id);
                }
                for link in &rendered.links {
                    prop_assert!(link.line >= first_line && link.line < first_line + lines_in(&body));
                }
            }
            Err(e) => {
                for err in e.flatten() {
                    let loc = err.location().unwrap();
                    prop_assert_eq!(&loc.path, path);
                    if let Some(line) = loc.line {
                        prop_assert!(line >= first_line && line < first_line + lines_in(&body), "{err}");
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------

fn value() -> impl Strategy<Value = Option<Number>> {
    prop::option::weighted(
        0.85,
        prop_oneof![
            4 => (-5000i64..5000, 0u8..3).prop_map(|(v, d)| Number::new(v as f64 / 10f64.powi(d as i32), d).unwrap()),
            1 => Just(Number::new(0.0, 0).unwrap()),
            // The data holds at most 15 significant digits without exponents: |v| < 1e15.
            1 => (-1e15f64..1e15, 0u8..4).prop_map(|(v, d)| Number::new(v, d).unwrap()),
            1 => (1e-9f64..1e-3, 0u8..2).prop_map(|(v, d)| Number::new(v, d).unwrap()),
        ],
    )
}

/// A label as a Fluent string might hold it: often hostile.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>alert(1)</script>".to_string()),
        Just("\"><img src=x onerror=alert(1)>".to_string()),
        Just("' onload='alert(1)".to_string()),
        Just("x\" onmouseover=\"alert(1)".to_string()),
        "[a-zA-Z 日本語&<>\"']{0,20}",
    ]
}

#[derive(Debug, Clone)]
struct ChartCase {
    kind: ChartKind,
    row_kind: RowKind,
    rows: usize,
    columns: Vec<(Unit, Vec<Option<Number>>)>,
    series: Vec<usize>,
    line: Vec<usize>,
    total: Option<usize>,
    labels: Vec<String>,
    lang: Lang,
}

fn chart_case() -> impl Strategy<Value = ChartCase> {
    let kinds = prop_oneof![
        Just(ChartKind::StackedBar),
        Just(ChartKind::GroupedBar),
        Just(ChartKind::BarLine),
        Just(ChartKind::Donut),
        Just(ChartKind::Line),
    ];
    (
        kinds,
        1usize..14,
        1usize..6,
        prop::sample::select(Unit::all_built_in()),
        prop::sample::select(Unit::all_built_in()),
        any::<bool>(),
    )
        .prop_flat_map(|(kind, rows, ncols, bar_unit, line_unit, ja)| {
            let ncols = if kind == ChartKind::BarLine { ncols.max(2) } else { ncols };
            let columns = prop::collection::vec(prop::collection::vec(value(), rows), ncols);
            let labels = prop::collection::vec(label(), 8 + rows);
            let with_total = any::<bool>();
            (Just(kind), Just(rows), columns, labels, with_total, Just((bar_unit, line_unit, ja)))
        })
        .prop_map(|(kind, rows, values, labels, with_total, (bar_unit, line_unit, ja))| {
            let n = values.len();
            let (series, line): (Vec<usize>, Vec<usize>) = match kind {
                ChartKind::Donut => (vec![0], vec![]),
                ChartKind::BarLine => ((0..n - 1).collect(), vec![n - 1]),
                _ => ((0..n).collect(), vec![]),
            };
            let columns = values
                .into_iter()
                .enumerate()
                .map(|(i, v)| (if line.contains(&i) { line_unit.clone() } else { bar_unit.clone() }, v))
                .collect();
            let total = (with_total && matches!(kind, ChartKind::StackedBar) && n > 1).then_some(n - 1);
            let series = if total.is_some() { series[..n - 1].to_vec() } else { series };
            let row_kind = if kind == ChartKind::Donut { RowKind::Category } else { RowKind::Period };
            ChartCase {
                kind,
                row_kind,
                rows,
                columns,
                series,
                line,
                total,
                labels,
                lang: if ja { Lang::Ja } else { Lang::En },
            }
        })
}

fn build_chart(case: &ChartCase) -> (ChartSpec, Table, BTreeMap<String, String>) {
    let col_id = |i: usize| format!("c{i}");
    let rows: Vec<Row> = (0..case.rows)
        .map(|i| Row {
            id: match case.row_kind {
                RowKind::Period => format!("FY{}", 2000 + i),
                RowKind::Category => format!("k{i}"),
            },
            line: i + 2,
        })
        .collect();
    let mut strings = BTreeMap::new();
    let mut next = case.labels.iter().cycle();
    let mut key = |k: String| {
        strings.insert(k.clone(), next.next().unwrap().clone());
        k
    };
    let columns = case
        .columns
        .iter()
        .enumerate()
        .map(|(i, (unit, values))| Column {
            id: col_id(i),
            unit: unit.clone(),
            label: key(format!("series-{i}")),
            location: Location::file("t.toml"),
            values: values.clone(),
        })
        .collect();
    let categories = match case.row_kind {
        RowKind::Category => rows.iter().map(|r| (r.id.clone(), key(format!("cat-{}", r.id)))).collect(),
        RowKind::Period => BTreeMap::new(),
    };
    let status: BTreeMap<String, Status> =
        rows.iter().skip(case.rows.saturating_sub(2)).map(|r| (r.id.clone(), Status::Plan)).collect();
    for k in ["table-period", "table-category", "chart-download-csv", "chart-title", "chart-note"] {
        key(k.to_string());
    }
    let table = Table {
        name: "t".into(),
        csv_path: "content/data/t.csv".into(),
        sidecar_path: "content/data/t.toml".into(),
        kind: case.row_kind,
        rows,
        columns,
        source: Some("1-1".into()),
        note: None,
        as_of: None,
        status,
        categories,
        provenance: BTreeMap::new(),
    };
    let spec = ChartSpec {
        id: "chart-under-test".into(),
        kind: case.kind,
        data: "t".into(),
        series: case.series.iter().map(|&i| col_id(i)).collect(),
        line: case.line.iter().map(|&i| col_id(i)).collect(),
        total: case.total.map(col_id),
        title: "chart-title".into(),
        note: Some("chart-note".into()),
        colors: Vec::new(),
        unit: None,
        line_unit: None,
        location: Location::line("content/data/charts.toml", 1),
    };
    (spec, table, strings)
}

/// What a label must never become in chart output: an element or an attribute.
const MARKUP: [&str; 4] = ["<script", "<img", "' onload", "\" onmouseover"];

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn charts_render_any_series(case in chart_case()) {
        let (spec, table, strings) = build_chart(&case);
        let data = Data { tables: BTreeMap::from([(table.name.clone(), table)]), ..Data::default() };
        // Interface words of the chart module: every slot it may fill, next to markup.
        let words = "%title% %range% %items% %first% %last% %series% %from% %to% %value% %period% %category% %status% %unit% <script>alert(1)</script>";
        let text = |key: &str| -> std::result::Result<String, String> {
            Ok(strings.get(key).cloned().unwrap_or_else(|| words.to_string()))
        };
        match irsite::chart::render(&spec, &data, case.lang, &text, "../../") {
            Ok(out) => {
                for markup in MARKUP {
                    prop_assert!(!out.html.contains(markup), "`{markup}` in {}", out.html);
                }
                for (path, bytes) in &out.files {
                    prop_assert!(!path.contains("..") && !path.starts_with('/'), "{path}");
                    if path.ends_with(".svg") || path.ends_with(".html") {
                        let text = String::from_utf8_lossy(bytes);
                        for markup in MARKUP {
                            prop_assert!(!text.contains(markup), "`{markup}` in {path}");
                        }
                    }
                }
            }
            Err(message) => prop_assert!(!message.is_empty()),
        }
    }
}
