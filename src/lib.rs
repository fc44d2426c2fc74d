//! irsite: a bilingual (Japanese/English) investor-relations site generator.
//!
//! The build is a pipeline, one module per stage, data flowing one way:
//! `config` → `content` (pages) + `data` (figures) + `library` (documents) + `events` (the IR
//! calendar; these two are `typed_data` files) + `i18n` (strings) → `markdown` (with
//! `shortcode`, `figures`, `tables`, `chart`, `listings`) → `render` (templates) → `output`
//! (calendar files, workbooks) → `site` (validate, write, swap in).
//!
//! Shared below the pipeline: `error` (typed errors with file and line), `input` (the one rule
//! for reading a site's files), `publish` (atomic writes, the output swapped in whole), `spreadsheet` (CSV cells that never
//! run as formulas), `lang`, `build_date` (the build's "today", an
//! explicit input), `model` (units, periods and the fiscal calendar, as data), `format`
//! (localized numbers, units and dates), `href` (file paths percent-encoded for links),
//! `translations` (freshness of English pages).
//! Built on top of `site`: the commands in `commands` (parsed and dispatched by `cli`), with `serve` (preview and live reload),
//! `check` (validation without writing), `audit` (the figures list) and `diagnostics` (how
//! errors are shown).

pub mod audit;
pub mod build_date;
pub mod chart;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod contrast;
pub mod data;
pub mod diagnostics;
pub mod error;
pub mod events;
pub mod figures;
pub mod format;
pub mod href;
pub mod i18n;
pub mod import;
pub mod input;
pub mod lang;
pub mod library;
pub mod listings;
pub mod markdown;
pub mod metadata;
pub mod model;
pub mod news;
pub mod output;
pub mod publish;
pub mod render;
pub mod serve;
pub mod shortcode;
pub mod site;
pub mod spreadsheet;
pub mod tables;
pub mod theme;
pub mod translations;
pub mod typed_data;

pub use error::{Error, Result};
