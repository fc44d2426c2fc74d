nav-home = ホーム
table-period = 年度
table-category = 区分
chart-download-csv = このグラフのデータ（CSV）
chart-data-table = データ表
series-revenue = 売上高
series-operating-income = 営業利益
fact-employees = 従業員数
chart-results = 連結業績の推移
series-share = Share "><img src=x onerror=alert('share')>
cat-finance = <script>alert('finance')</script>
cat-services = "><img src=x onerror=alert('services')>
cat-public = Public' onmouseover='alert(1)
chart-mix = <svg onload=alert('mix')>
