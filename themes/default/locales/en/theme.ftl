# Interface strings of the default theme (English). A site replaces any of them by defining
# the same key in its own locales/en/; the company's name comes from [company] in site.toml.
skip-to-content = Skip to content
nav-label = Contents
nav-home = Home
lang-switch-label = Language
lang-name-ja = 日本語
lang-name-en = English
toc-label = On this page
prev-page = Previous
next-page = Next
# above the page title of the home page; $name: the company's name
home-company = { $name }
disclaimer-heading = Forward-looking statements
# $company: the company's name
disclaimer-text = Forecasts, plans, targets and other statements about the future on this site are based on information currently available to { $company } and on assumptions it considers reasonable, and they involve risks and uncertainties. Actual results may differ materially from these statements because of economic conditions, market trends and various other factors.
translation-notice = This is an English translation of the Japanese original. Where the two differ, the Japanese original prevails.
# $holder: the copyright holder ([company.copyright], else the company's name)
footer-copyright = © { $holder }
not-found-title = Page not found
not-found-text = The page you are looking for may have been moved or removed.
table-period = Period
table-category = Category
table-item = Item
# a period that is not an actual, after its label in a table: FY2024 (Forecast)
table-status-mark = {" "}({ $status })
# the unit of a row or column of a table, after its label: Revenue (¥ million)
table-unit = {" "}({ $unit })
# a cell of a table for which the data states no value
table-no-value = —
chart-download-csv = Data of this chart (CSV)
chart-data-table = Data table
stale-notice = The Japanese original of this page has changed since this translation was made; this page may not yet reflect it.
stale-notice-link = Read the Japanese original
# the news section (list pages, archive, feed); $year, $number, $count, $site, $date as named
news-title = News
news-description = News releases, timely disclosures and IR events.
news-archive-title = News in { $year }
news-year = { $year }
news-page-number = (page { $number } of { $count })
news-years-label = Archive by year
news-all = All news
news-latest = Latest news
news-empty = There is no news yet.
news-pages-label = Pages
news-feed-title = { $site } news (Atom)
news-feed-link = News feed (Atom)
news-attachments = Attachments
news-back = Back to the news list
news-in-japanese = (Japanese)
news-original-link = Read the Japanese original
news-status-note = Each entry shows whether it is available in English: a full translation, an English summary, Japanese only, or an English version published later.
news-status-full = Full translation
news-status-summary = English summary (outline)
news-status-japanese-only = Japanese only
news-status-delayed = Delayed: English version published { $date }
# Document library, IR calendar and the financial-data workbook (its title, note labels and
# the link to it).
library-file = { $kind }, { $size }
library-japanese-only = Japanese only
calendar-upcoming = Upcoming events
calendar-past = Past events
calendar-none-upcoming = No upcoming events have been announced.
calendar-none-past = No past events.
calendar-as-of = As of { $date }
calendar-ics-link = Add to your calendar (iCalendar)
calendar-file-name = IR calendar
calendar-time = { $time } JST
calendar-all-day = All day
calendar-time-span = { $start }–{ $end } JST
workbook-link = Download all financial data (Excel)
workbook-title = Financial data
workbook-source = Source
# %source%: the source of a data table as its sidecar gives it; a site may say what it is
# ("Company presentation, slide %source%")
workbook-source-text = %source%
workbook-as-of = As of
workbook-note = Note
workbook-built = Created
