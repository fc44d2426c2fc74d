//! Micro-benchmarks of the build's hot paths, on the repository's own site (the IIJ deck)
//! and on a page of the synthetic benchmark's shape:
//!
//!     cargo bench --bench hot_paths
//!
//! Whole-build wall time and memory are measured by `benches/run.sh`, not here.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use serde::Serialize;

use irsite::chart;
use irsite::config::Config;
use irsite::error::Location;
use irsite::format::{self, FigureOptions, Number, Unit};
use irsite::lang::Lang;
use irsite::markdown::{self, Expansion, Hooks};
use irsite::shortcode::Shortcode;
use irsite::site::Site;

fn site_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn load_site() -> Site {
    let config = Config::load(&site_root()).expect("the repository's site.toml loads");
    Site::load(config).expect("the repository's site loads")
}

/// A page body shaped like the synthetic benchmark's: intro, three `##` sections, a 4×6 table,
/// a 5-item list, about 600 words. Fixed text, so runs compare.
fn synthetic_body() -> String {
    let sentence = "Revenue from network services grew on steady enterprise demand while cloud and security offerings expanded their share of recurring income.";
    let para = |n: usize| vec![sentence; n].join(" ");
    let mut s = String::new();
    s.push_str(&para(3));
    s.push_str("\n\n## Business overview\n\n");
    s.push_str(&para(6));
    s.push_str("\n\n");
    for i in 0..5 {
        s.push_str(&format!("- Item {i}: monthly service sales rose with scale benefits.\n"));
    }
    s.push_str("\n## Results by segment\n\n");
    s.push_str(&para(6));
    s.push_str("\n\n| Item | FY2020 | FY2021 | YoY |\n|---|---:|---:|---:|\n");
    for i in 0..6 {
        s.push_str(&format!("| Segment {i} | 1,{i}23 | 1,{i}87 | +5.{i}% |\n"));
    }
    s.push_str("\n## Outlook and returns\n\n");
    s.push_str(&para(6));
    s.push('\n');
    s
}

struct NoShortcodes;

impl Hooks for NoShortcodes {
    fn shortcode(&mut self, _: &Shortcode, location: &Location) -> irsite::Result<Expansion> {
        Err(irsite::Error::input(irsite::error::Stage::Shortcode, location.clone(), "no shortcodes in this benchmark"))
    }
    fn internal_link(&mut self, target: &str, _: &Location) -> irsite::Result<String> {
        Ok(target.to_string())
    }
}

fn bench_markdown(c: &mut Criterion) {
    let body = synthetic_body();
    c.bench_function("markdown_to_html/600_words", |b| {
        b.iter(|| markdown::render(Path::new("bench.md"), black_box(&body), 1, &mut NoShortcodes).unwrap())
    });
}

#[derive(Serialize)]
struct PageView<'a> {
    name: &'a str,
    title: &'a str,
    description: &'a str,
    content: &'a str,
    is_home: bool,
    toc: Vec<Toc>,
}

#[derive(Serialize)]
struct Toc {
    id: String,
    text: String,
}

#[derive(Serialize)]
struct Link {
    lang: &'static str,
    href: String,
    url: String,
    current: bool,
    title: String,
    full_title: String,
    description: String,
    is_home: bool,
}

fn bench_template(c: &mut Criterion) {
    let site = load_site();
    let html = markdown::render(Path::new("bench.md"), &synthetic_body(), 1, &mut NoShortcodes).unwrap().html;
    let nav: Vec<Link> = (0..12)
        .map(|i| Link {
            lang: "en",
            href: format!("../page-{i}/"),
            url: format!("https://ir.example.com/en/page-{i}/"),
            current: i == 3,
            title: format!("Page {i}"),
            full_title: format!("Page {i} in full"),
            description: "Description of the page.".into(),
            is_home: i == 0,
        })
        .collect();
    let alternates: Vec<Link> = ["ja", "en"]
        .into_iter()
        .map(|l| Link {
            lang: l,
            href: format!("../../{l}/page-3/"),
            url: format!("https://ir.example.com/{l}/page-3/"),
            current: l == "en",
            title: String::new(),
            full_title: String::new(),
            description: String::new(),
            is_home: false,
        })
        .collect();
    c.bench_function("template_render/page.html", |b| {
        b.iter(|| {
            let mut ctx = tera::Context::new();
            ctx.insert("lang", "en");
            ctx.insert("root", "../../");
            ctx.insert("site_title", "IIJ Company Presentation FY2021");
            ctx.insert("base_url", "https://ir.example.com/");
            ctx.insert("canonical", "https://ir.example.com/en/page-3/");
            let toc = vec![
                Toc { id: "business-overview".into(), text: "Business overview".into() },
                Toc { id: "results".into(), text: "Results".into() },
            ];
            ctx.insert(
                "page",
                &PageView {
                    name: "page-3",
                    title: "Page 3",
                    description: "Description.",
                    content: &html,
                    is_home: false,
                    toc,
                },
            );
            ctx.insert("nav", &nav);
            ctx.insert("prev", &nav.get(2));
            ctx.insert("next", &nav.get(4));
            ctx.insert("x_default", "https://ir.example.com/ja/page-3/");
            ctx.insert("alternates", &alternates);
            site.renderer.render("page.html", black_box(&ctx)).unwrap()
        })
    });
}

fn bench_chart(c: &mut Criterion) {
    let site = load_site();
    let mut group = c.benchmark_group("chart_render");
    for id in ["revenue-by-segment", "operating-income-margin", "industry-revenue"] {
        let Some(spec) = site.data.charts.get(id) else { continue };
        let table = &site.data.tables[&spec.data];
        for lang in Lang::ALL {
            let text = |key: &str| site.locales.text(lang, key, &[]);
            group.bench_function(format!("{id}/{}", lang.code()), |b| {
                b.iter(|| chart::render(spec, &site.data, lang, &text, "../../").unwrap())
            });
        }
    }
    group.finish();
}

fn bench_format(c: &mut Criterion) {
    let site = load_site();
    let cases: Vec<(Number, Unit)> =
        [("2263.4", "oku_yen"), ("48.00", "yen"), ("10.4", "percent"), ("137.4", "man_lines"), ("4147", "people")]
            .into_iter()
            .map(|(t, u)| (Number::parse(t).unwrap(), site.data.units.get(u).unwrap()))
            .collect();
    c.bench_function("number_format/5_figures_2_languages", |b| {
        b.iter(|| {
            for (n, unit) in &cases {
                for lang in Lang::ALL {
                    black_box(format::figure(*n, unit, lang, &FigureOptions::default()).unwrap());
                }
            }
        })
    });
}

fn bench_site(c: &mut Criterion) {
    let site = load_site();
    let mut group = c.benchmark_group("site");
    group.sample_size(20);
    group.bench_function("render_all/iij", |b| b.iter(|| site.render_all().unwrap()));
    group.finish();
}

criterion_group!(benches, bench_markdown, bench_template, bench_chart, bench_format, bench_site);
criterion_main!(benches);
