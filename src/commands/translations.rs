//! `irsite translations`: list translation freshness, or `--mark` pages as up to date.

use std::path::PathBuf;

use crate::cli::Cli;
use crate::config::Config;
use crate::diagnostics;
use crate::error::Error;

pub fn run(cli: &Cli, mark: &[PathBuf]) -> Result<i32, Error> {
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
