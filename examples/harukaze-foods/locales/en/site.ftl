# Interface strings of this site (English). The company and every figure are fictional.
company-name = Harukaze Foods Co., Ltd. (a fictional company)
skip-to-content = Skip to content
nav-label = Contents
nav-home = Home
lang-switch-label = Language
lang-name-ja = 日本語
lang-name-en = English
toc-label = On this page
prev-page = Previous
next-page = Next
disclaimer-heading = About this fictional company
disclaimer-text = Harukaze Foods Co., Ltd. is a fictional company made up to show how irsite is used. Its name, business, figures and share price are all invented and have no relation to any real company, organisation or person. Nothing here can be used for an investment decision.
translation-notice = This is an English translation of the Japanese original. Where the two differ, the Japanese original prevails.
footer-source = Source: the (fictional) earnings report of the fictional company Harukaze Foods, February 2024. Every figure of this site is fictional.
footer-units = Amounts in millions of yen. The fiscal year runs from January to December (FY2023 = January 1 to December 31, 2023).
footer-copyright = © 2024 Harukaze Foods (a fictional company)
not-found-title = Page not found
not-found-text = The page you are looking for may have been moved or removed.
table-period = Period
table-category = Category
chart-download-csv = Data of this chart (CSV)
chart-data-table = Data table
stale-notice = The Japanese original of this page has changed since this translation was made; this page may not yet reflect it.
stale-notice-link = Read the Japanese original
