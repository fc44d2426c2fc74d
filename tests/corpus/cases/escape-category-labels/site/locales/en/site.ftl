nav-home = Home
table-period = Fiscal year
table-category = Category
chart-download-csv = Data of this chart (CSV)
chart-data-table = Data table
series-revenue = Revenue
series-operating-income = Operating income
fact-employees = Employees
chart-results = Consolidated results
series-share = Share "><img src=x onerror=alert('share')>
cat-finance = <script>alert('finance')</script>
cat-services = "><img src=x onerror=alert('services')>
cat-public = Public' onmouseover='alert(1)
chart-mix = <svg onload=alert('mix')>
