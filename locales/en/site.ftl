# Interface strings of the theme (English).
company-name = Internet Initiative Japan Inc. (IIJ)
skip-to-content = Skip to content
nav-label = Contents
nav-home = Home
lang-switch-label = Language
lang-name-ja = 日本語
lang-name-en = English
toc-label = On this page
prev-page = Previous
next-page = Next
disclaimer-heading = Forward-looking statements
disclaimer-text = Statements in this material other than those of past or present facts are forward-looking statements. They are based on assumptions and judgements of the IIJ Group or its management made from information currently available, and they involve known and unknown risks and uncertainties. Because of changes in the business environment of the IIJ Group, market trends and various other factors, these statements or assumptions may not be realised in the future.
translation-notice = This is an English translation of the Japanese original. Where the two differ, the Japanese original prevails.
footer-source = Source: Internet Initiative Japan Inc., company presentation (June 2022, FY2021 results)
footer-units = Fiscal years run from April to March (FY2021 = the year ended March 31, 2022). ¥100 million = 1億円.
footer-copyright = © 2022 Internet Initiative Japan Inc.
not-found-title = Page not found
not-found-text = The page you are looking for may have been moved or removed.
table-period = Period
table-category = Category
chart-download-csv = Data of this chart (CSV)
chart-data-table = Data table
stale-notice = The Japanese original of this page has changed since this translation was made; this page may not yet reflect it.
stale-notice-link = Read the Japanese original
