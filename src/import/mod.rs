//! Importing figures from filings into `content/data/`: a reader per source turns a filing into
//! facts and then table cells (`tdnet`), and [`table`] merges cells into the site's CSV tables
//! and sidecars without losing what an author wrote.

pub mod table;
pub mod tdnet;
