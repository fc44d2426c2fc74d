nav-home = Home
table-period = @SUM(1+1)
table-category = Category
chart-download-csv = Data of this chart (CSV)
chart-data-table = Data table
series-revenue = =HYPERLINK("https://attacker.example/","Revenue")
series-operating-income = -2+3 Operating income
fact-employees = Employees
chart-results = Consolidated results
