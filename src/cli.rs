//! Command line: `irsite build`, `serve`, `check`, `translations` and `figures`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::diagnostics::{self, Severity};
use crate::error::Error;
use crate::site::Site;

#[derive(Debug, Parser)]
#[command(
    name = "irsite",
    version,
    about = "Builds a bilingual (Japanese/English) investor-relations site from Markdown, data files and Fluent strings."
)]
pub struct Cli {
    /// Folder holding site.toml, content/, locales/ and themes/.
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail: each page written, each external link with its page.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the whole site. The previous output is replaced only when the build succeeds.
    Build {
        /// Where to write the site.
        #[arg(long, short, default_value = "public")]
        output: PathBuf,
        /// Absolute URL the site is published at, e.g. https://example.com/ir/ (overrides
        /// base_url in site.toml). Used for canonical, hreflang and sitemap URLs; page links
        /// are relative, so the output works under any path.
        #[arg(long)]
        base_url: Option<String>,
        /// Fail on translations that lag behind their original instead of warning.
        #[arg(long)]
        strict: bool,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every change; open pages reload by themselves.
    Serve {
        /// Port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
    },
    /// Check everything a build checks, plus links, anchors, translation keys and translation
    /// freshness, without writing anything. Exits with status 1 when a check fails.
    Check {
        /// Treat translations that lag behind their original as errors.
        #[arg(long)]
        strict: bool,
    },
    /// List every translated page: in step with its original, stale, or missing.
    Translations {
        /// Record that these translated pages (e.g. content/en/about.md) follow their original as it is now.
        #[arg(long, value_name = "PAGE", num_args = 1..)]
        mark: Vec<PathBuf>,
    },
    /// List every figure of content/data (tables and facts): value, unit, source slide, as-of
    /// date and the pages, languages and lines that show it; flags figures shown in one
    /// language only and figures shown nowhere. Nothing is written.
    Figures {
        /// `table` (aligned, for reading) or `csv` (one line per use, for spreadsheets).
        #[arg(long, value_enum, default_value = "table")]
        format: crate::audit::AuditFormat,
    },
}

pub fn main() -> i32 {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(err) => {
            report(&err);
            1
        }
    }
}

fn run(cli: &Cli) -> Result<i32, Error> {
    match &cli.command {
        Command::Serve { port } => {
            crate::serve::run(&crate::serve::Options {
                root: cli.root.clone(),
                port: *port,
                quiet: cli.quiet,
                verbose: cli.verbose,
            })?;
            Ok(0)
        }
        Command::Check { strict } => Ok(check(cli, *strict)),
        Command::Translations { mark } => translations(cli, mark),
        Command::Build { output, base_url, strict } => {
            let mut config = Config::load(&cli.root)?;
            if let Some(url) = base_url {
                config.set_base_url(url).map_err(|m| {
                    Error::input(crate::error::Stage::Config, crate::error::Location::file("--base-url"), m)
                })?;
            }
            let output = if output.is_absolute() { output.clone() } else { cli.root.join(output) };
            let start = std::time::Instant::now();
            let site = Site::load(config)?;
            let freshness = crate::translations::freshness_problems(&site.config, &site.content);
            let warned = freshness.len();
            if *strict {
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
        Command::Figures { format } => crate::audit::audit_command(&cli.root, *format).map(|()| 0),
    }
}

fn check(cli: &Cli, strict: bool) -> i32 {
    let start = std::time::Instant::now();
    let outcome = crate::check::run(&cli.root, strict);
    let errors = diagnostics::report_all(&outcome.errors, Severity::Error);
    let warnings =
        if cli.quiet { outcome.warnings.len() } else { diagnostics::report_all(&outcome.warnings, Severity::Warning) };
    if !cli.quiet && !outcome.external.is_empty() {
        eprintln!("external links (listed, not fetched):");
        let mut seen = std::collections::BTreeSet::new();
        for link in &outcome.external {
            if cli.verbose {
                eprintln!("  {}  ({})", link.url, diagnostics::show_path(&link.location.path));
            } else if seen.insert(&link.url) {
                eprintln!("  {}", link.url);
            }
        }
    }
    let distinct: std::collections::BTreeSet<&str> = outcome.external.iter().map(|l| l.url.as_str()).collect();
    let summary = format!(
        "check: {} error{}, {} warning{}; {} pages, {} links checked, {} external links not fetched ({:.0} ms)",
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
        outcome.pages,
        outcome.links_checked,
        distinct.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    if !cli.quiet || errors > 0 {
        eprintln!("{summary}");
    }
    i32::from(!outcome.ok())
}

fn translations(cli: &Cli, mark: &[PathBuf]) -> Result<i32, Error> {
    let config = Config::load(&cli.root)?;
    if !mark.is_empty() {
        let mut errors = Vec::new();
        for path in mark {
            match crate::translations::mark(&config, path) {
                Ok(hash) => {
                    if !cli.quiet {
                        eprintln!("marked {} as following its original at {hash}", diagnostics::show_path(path));
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        Error::collect(errors)?;
        return Ok(0);
    }
    let content = crate::content::Content::load(&config)?;
    print!("{}", crate::translations::table(&config, &content));
    Ok(0)
}

/// Every error in the tool's style, then how many there were.
pub fn report(err: &Error) {
    let count = diagnostics::report(err, Severity::Error);
    if count > 1 {
        eprintln!("{count} errors");
    }
}
