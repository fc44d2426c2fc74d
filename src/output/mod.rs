//! Files of the site other than its pages: the Atom feeds of the news and the sitemap.

pub mod feed;
pub mod sitemap;
