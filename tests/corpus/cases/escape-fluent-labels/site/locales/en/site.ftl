nav-home = Home <script>alert('nav')</script>
table-period = "><img src=x onerror=alert('period')>
table-category = Category
chart-download-csv = Data of this chart (CSV) <script>alert('csv')</script>
chart-data-table = Data <script>alert(1)</script> table
series-revenue = Revenue <script>alert('series')</script>
series-operating-income = "><img src=x onerror=alert('series')>
fact-employees = Employees
chart-results = Results "><img src=x onerror=alert('title')><script>alert('title')</script>
