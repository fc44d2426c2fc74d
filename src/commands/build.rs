//! `irsite build`: load, validate and write the whole site.

use std::path::Path;

use crate::cli::Cli;
use crate::config::Config;
use crate::diagnostics::{self, Severity};
use crate::error::Error;
use crate::site::Site;

pub fn run(cli: &Cli, output: &Path, base_url: Option<&str>, strict: bool) -> Result<i32, Error> {
    let mut config = Config::load(&cli.root)?;
    if let Some(url) = base_url {
        config
            .set_base_url(url)
            .map_err(|m| Error::input(crate::error::Stage::Config, crate::error::Location::file("--base-url"), m))?;
    }
    let output = if output.is_absolute() { output.to_path_buf() } else { cli.root.join(output) };
    let start = std::time::Instant::now();
    let site = Site::load(config)?;
    let freshness = crate::translations::freshness_problems(&site.config, &site.content);
    let warned = freshness.len();
    if strict {
        Error::collect(freshness)?;
    } else if !cli.quiet {
        diagnostics::report_all(&freshness, Severity::Warning);
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
