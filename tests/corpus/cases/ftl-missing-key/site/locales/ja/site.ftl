nav-home = ホーム
table-period = 年度
table-category = 区分
chart-download-csv = このグラフのデータ（CSV）
chart-data-table = データ表
series-revenue = 売上高
series-operating-income = 営業利益
fact-employees = 従業員数
