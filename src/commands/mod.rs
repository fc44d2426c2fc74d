//! The commands behind `irsite init`, `build`, `serve`, `check`, `translations`, `figures` and
//! `import`, one file each. They sit on top of the pipeline (`site`, `check`, `audit`, `serve`)
//! and only turn its results into what the terminal shows and the exit status.

pub mod build;
pub mod check;
pub mod figures;
pub mod import;
pub mod init;
pub mod serve;
pub mod translations;
