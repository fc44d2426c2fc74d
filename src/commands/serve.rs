//! `irsite serve`: the preview server itself lives in `crate::serve`.

use crate::cli::Cli;
use crate::error::Error;

pub fn run(cli: &Cli, port: u16) -> Result<i32, Error> {
    crate::serve::run(&crate::serve::Options { root: cli.root.clone(), port, quiet: cli.quiet, verbose: cli.verbose })?;
    Ok(0)
}
