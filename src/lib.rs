//! irsite: a bilingual (Japanese/English) investor-relations site generator.
//!
//! The build is a pipeline, one module per stage, data flowing one way:
//! `config` → `content` (pages) + `data` (figures) + `i18n` (strings) → `markdown` (with
//! `shortcode`, `figures`, `chart`) → `render` (templates) → `site` (validate, write, swap in).

pub mod audit;
pub mod chart;
pub mod cli;
pub mod check;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod error;
pub mod figures;
pub mod format;
pub mod i18n;
pub mod lang;
pub mod markdown;
pub mod render;
pub mod serve;
pub mod shortcode;
pub mod site;
pub mod translations;

pub use error::{Error, Result};
