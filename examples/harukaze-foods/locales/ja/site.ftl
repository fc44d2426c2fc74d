# Strings of this site (Japanese); every other interface string is the theme's. The company and
# every figure are fictional, and the notice below says so on every page.
disclaimer-heading = 架空の会社についての注意
disclaimer-text = ハルカゼ食品株式会社は、irsiteの使い方を示すために作った架空の会社です。会社名、事業、数値、株価、資料、日程はすべて創作であり、実在の企業・団体・人物とは関係ありません。投資判断に用いることはできません。
footer-source = 出典：架空の会社「ハルカゼ食品」の決算短信（架空、2024年2月）。このサイトの数値はすべて架空です。
footer-units = 金額は百万円単位です。{ $fiscal_year }
# $holder: [company.copyright] in site.toml
footer-copyright = © 2024 { $holder }
