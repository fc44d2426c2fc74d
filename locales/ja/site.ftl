# Strings of this site (Japanese). The theme's interface strings are in
# themes/default/locales/ja/; a key defined here replaces the theme's.
home-company = { $name }（IIJ）
disclaimer-text = 本資料の記載のうち、過去または現在の事実に関するもの以外は、将来の見通しに関する記述に該当します。将来の見通しに関する記述は、現在入手可能な情報に基づく当社グループまたは当社の経営陣の仮定及び判断に基づくものであり、既知または未知のリスク及び不確実性が内在しています。また、今後の当社グループまたは当社の事業を取り巻く経営環境の変化、市場の動向、その他様々な要因により、これらの記述または仮定は、将来実現しない可能性があります。
footer-source = 出典：株式会社インターネットイニシアティブ 会社説明資料（2022年6月、2021年度決算）
footer-units = 金額は億円単位です。{ $fiscal_year }
# $holder: [company.copyright] in site.toml
footer-copyright = © 2022 { $holder }
# the workbook's source notes: the data gives slide numbers of the presentation
workbook-source-text = 会社説明資料 スライド %source%
