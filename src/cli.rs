//! Command line: argument parsing for `irsite build`, `serve`, `check`, `translations` and
//! `figures`, and dispatch to their implementations in `crate::commands`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::diagnostics::{self, Severity};
use crate::error::Error;

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
    /// Create a new bilingual site in DIR that builds as it is: site.toml, a home and a results
    /// page in each language, a data table with a chart, the site's strings and a README.
    /// Refuses a folder that holds files; with --force, adds the missing files only.
    Init {
        /// Folder to create (or an empty one).
        dir: PathBuf,
        /// The company's name in Japanese.
        #[arg(long, value_name = "NAME", default_value = crate::commands::init::DEFAULT_NAME_JA)]
        name_ja: String,
        /// The company's name in English.
        #[arg(long, value_name = "NAME", default_value = crate::commands::init::DEFAULT_NAME_EN)]
        name_en: String,
        /// TSE 4-character securities code, e.g. 3774 (left commented out when not given).
        #[arg(long, value_name = "CODE")]
        securities_code: Option<String>,
        /// Month the fiscal year ends, 1–12.
        #[arg(long, value_name = "MONTH", default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=12))]
        fiscal_year_end: u8,
        /// Write into a folder that already holds files, adding only the files that are missing
        /// (an existing file is never replaced).
        #[arg(long)]
        force: bool,
    },
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
        /// The build date (YYYY-MM-DD, Japan time): splits the IR calendar into upcoming and
        /// past events and dates the calendar files and workbooks. Defaults to
        /// SOURCE_DATE_EPOCH, else today's date in Japan.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
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
    /// List every figure of content/data (tables and facts): value, unit, source, as-of
    /// date and the pages, languages and lines that show it; flags figures shown in one
    /// language only and figures shown nowhere. Nothing is written.
    Figures {
        /// `table` (aligned, for reading) or `csv` (one line per use, for spreadsheets).
        #[arg(long, value_enum, default_value = "table")]
        format: crate::audit::AuditFormat,
    },
    /// Import figures from filings into content/data (tables, sidecars with the provenance of
    /// every value, and the column labels in locales/). Nothing is written when anything fails.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// TDnet 決算短信 summaries: a package folder or .zip, or its XBRLData/Summary/*-ixbrl.htm
    /// or *.xbrl. --verbose lists the facts that are not imported.
    Tdnet {
        #[arg(value_name = "PATH", required = true, num_args = 1..)]
        paths: Vec<PathBuf>,
        /// Replace values that differ from the filing instead of stopping with an error.
        #[arg(long)]
        overwrite: bool,
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
    use crate::commands;
    match &cli.command {
        Command::Init { dir, name_ja, name_en, securities_code, fiscal_year_end, force } => {
            let options = commands::init::InitOptions {
                dir: dir.clone(),
                name_ja: name_ja.clone(),
                name_en: name_en.clone(),
                securities_code: securities_code.clone(),
                fiscal_year_end: *fiscal_year_end,
                force: *force,
            };
            commands::init::run(cli, &options)
        }
        Command::Build { output, base_url, strict, today } => {
            commands::build::run(cli, output, base_url.as_deref(), *strict, today.as_deref())
        }
        Command::Serve { port } => commands::serve::run(cli, *port),
        Command::Check { strict } => Ok(commands::check::run(cli, *strict)),
        Command::Translations { mark } => commands::translations::run(cli, mark),
        Command::Figures { format } => commands::figures::run(cli, *format),
        Command::Import { source: ImportSource::Tdnet { paths, overwrite } } => {
            commands::import::run(cli, paths, *overwrite)
        }
    }
}

/// Every error in the tool's style, then how many there were.
pub fn report(err: &Error) {
    let count = diagnostics::report(err, Severity::Error);
    if count > 1 {
        eprintln!("{count} errors");
    }
}
