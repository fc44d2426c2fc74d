//! `irsite check`: everything a build checks and more, reported without writing anything.

use crate::cli::Cli;
use crate::diagnostics::{self, Severity};

pub fn run(cli: &Cli, strict: bool) -> i32 {
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
