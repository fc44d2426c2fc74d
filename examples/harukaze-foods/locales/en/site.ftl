# Strings of this site (English); every other interface string is the theme's. The company and
# every figure are fictional, and the notice below says so on every page.
disclaimer-heading = About this fictional company
disclaimer-text = Harukaze Foods Co., Ltd. is a fictional company made up to show how irsite is used. Its name, business, figures, share price, documents and dates are all invented and have no relation to any real company, organisation or person. Nothing here can be used for an investment decision.
footer-source = Source: the (fictional) earnings report of the fictional company Harukaze Foods, February 2024. Every figure of this site is fictional.
footer-units = { $fiscal_year } Amounts are in millions of yen (百万円).
# $holder: [company.copyright] in site.toml
footer-copyright = © 2024 { $holder }
