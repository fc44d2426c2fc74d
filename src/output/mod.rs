//! Files of the site other than its pages: the Atom feeds of the news, the sitemap, the IR
//! calendar (iCalendar) and the financial-data workbooks (XLSX). Each writer turns loaded data
//! into bytes; the site decides where they go.

pub mod calendar;
pub mod feed;
pub mod sitemap;
pub mod workbook;
