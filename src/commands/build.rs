//! `irsite build`: load, validate and write the whole site.

use std::path::Path;

use crate::cli::Cli;
use crate::config::Config;
use crate::diagnostics::{self, Severity};
use crate::error::Error;
use crate::site::Site;

pub fn run(cli: &Cli, output: &Path, base_url: Option<&str>, strict: bool, today: Option<&str>) -> Result<i32, Error> {
    let today = crate::build_date::BuildDate::resolve(today)?;
    let mut config = Config::load(&cli.root)?;
    if let Some(url) = base_url {
        config
            .set_base_url(url)
            .map_err(|m| Error::input(crate::error::Stage::Config, crate::error::Location::file("--base-url"), m))?;
    }
    let output = if output.is_absolute() { output.to_path_buf() } else { cli.root.join(output) };
    let start = std::time::Instant::now();
    if !cli.quiet {
        diagnostics::report_all(&config.warnings(), Severity::Warning);
    }
    let site = Site::load_on(config, today)?;
    let freshness = crate::translations::freshness_problems(&site.config, &site.content);
    let warned = freshness.len();
    if strict {
        Error::collect(freshness)?;
    } else if !cli.quiet {
        diagnostics::report_all(&freshness, Severity::Warning);
    }
    if !cli.quiet {
        if let Some(warning) = robots_under_sub_path(&site.config, base_url.is_some()) {
            diagnostics::report(&warning, Severity::Warning);
        }
    }
    let report = site.build(&output)?;
    if cli.verbose {
        for page in site.content.all() {
            eprintln!("  {} <- {}", page.rel_dir(), diagnostics::show_path(&page.path));
        }
    }
    if !cli.quiet {
        let pages: Vec<String> = report.pages.iter().map(|(l, n)| format!("{n} {l}")).collect();
        let warnings = if warned == 0 { String::new() } else { format!(", {warned} translation warnings") };
        eprintln!(
            "built {} in {:.0} ms: pages {}, charts {}, {} files{warnings}",
            diagnostics::show_path(&output),
            start.elapsed().as_secs_f64() * 1000.0,
            pages.join(" + "),
            report.charts,
            report.files
        );
    }
    Ok(0)
}

/// Crawlers read `robots.txt` only at the root of a host: under a sub-path base URL the file the
/// build writes (`/ir/robots.txt`) is never read, and the author should know.
fn robots_under_sub_path(config: &Config, from_flag: bool) -> Option<Error> {
    let base_path = config.base_path();
    if base_path == "/" {
        return None;
    }
    let location = if from_flag {
        crate::error::Location::file("--base-url")
    } else {
        let path = config.root.join("site.toml");
        let text = crate::input::read_text(&config.root, &path, crate::error::Stage::Config).unwrap_or_default();
        crate::config::key_location(&path, &text, "base_url")
    };
    Some(
        Error::input(
            crate::error::Stage::Output,
            location,
            format!(
                "robots.txt is written to {base_path}robots.txt, where crawlers do not look: they read only \
                 /robots.txt at the root of the host"
            ),
        )
        .with_hint(format!(
            "add `Sitemap: {}sitemap.xml` to the host's /robots.txt, or submit the sitemap to search engines",
            config.base_url
        )),
    )
}
