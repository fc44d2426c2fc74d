//! `irsite figures`: the list of every figure and where it is shown (built by `crate::audit`).

use crate::audit::AuditFormat;
use crate::cli::Cli;
use crate::error::Error;

pub fn run(cli: &Cli, format: AuditFormat) -> Result<i32, Error> {
    crate::audit::audit_command(&cli.root, format).map(|()| 0)
}
