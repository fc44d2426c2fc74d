# Strings of this site (English). The theme's interface strings are in
# themes/default/locales/en/; a key defined here replaces the theme's.
home-company = { $name } (IIJ)
disclaimer-text = Statements in this material other than those of past or present facts are forward-looking statements. They are based on assumptions and judgements of the IIJ Group or its management made from information currently available, and they involve known and unknown risks and uncertainties. Because of changes in the business environment of the IIJ Group, market trends and various other factors, these statements or assumptions may not be realised in the future.
footer-source = Source: Internet Initiative Japan Inc., company presentation (June 2022, FY2021 results)
footer-units = { $fiscal_year } ¥100 million = 1億円.
# $holder: [company.copyright] in site.toml
footer-copyright = © 2022 { $holder }
# the workbook's source notes: the data gives slide numbers of the presentation
workbook-source-text = Company presentation, slide %source%
