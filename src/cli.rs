//! Command line: `irsite build`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::error::Error;
use crate::site::Site;

#[derive(Debug, Parser)]
#[command(name = "irsite", version, about = "Builds a bilingual (Japanese/English) investor-relations site from Markdown, data files and Fluent strings.")]
pub struct Cli {
    /// Folder holding site.toml, content/, locales/ and themes/.
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
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
    },
    /// List every figure of content/data (tables and facts): value, unit, source slide, as-of
    /// date and the pages, languages and lines that show it; flags figures shown in one
    /// language only and figures shown nowhere. Nothing is written.
    Figures {
        /// `table` (aligned, for reading) or `csv` (one line per use, for spreadsheets).
        #[arg(long, value_enum, default_value = "table")]
        format: crate::figures::AuditFormat,
    },
}

pub fn main() -> i32 {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => 0,
        Err(err) => {
            report(&err);
            1
        }
    }
}

fn run(cli: &Cli) -> Result<(), Error> {
    match &cli.command {
        Command::Build { output, base_url } => {
            let mut config = Config::load(&cli.root)?;
            if let Some(url) = base_url {
                config.set_base_url(url).map_err(|m| Error::input(crate::error::Stage::Config, crate::error::Location::file("--base-url"), m))?;
            }
            let output = if output.is_absolute() { output.clone() } else { cli.root.join(output) };
            let site = Site::load(config)?;
            let report = site.build(&output)?;
            if !cli.quiet {
                let pages: Vec<String> = report.pages.iter().map(|(l, n)| format!("{n} {l}")).collect();
                eprintln!(
                    "built {} in {:.0} ms: pages {}, charts {}, {} files",
                    output.display(),
                    report.elapsed.as_secs_f64() * 1000.0,
                    pages.join(" + "),
                    report.charts,
                    report.files
                );
            }
            Ok(())
        }
        Command::Figures { format } => crate::figures::audit_command(&cli.root, *format),
    }
}

/// One line per error, with its hint.
pub fn report(err: &Error) {
    let errors = err.flatten();
    for e in &errors {
        eprintln!("error: {e}");
        if let Some(hint) = e.hint() {
            eprintln!("  hint: {hint}");
        }
    }
    if errors.len() > 1 {
        eprintln!("{} errors", errors.len());
    }
}
