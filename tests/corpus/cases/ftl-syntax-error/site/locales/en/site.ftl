nav-home = Home
table-period = Fiscal year
table-category = Category
chart-download-csv = Data of this chart (CSV)
series-revenue = Revenue { $unit
series-operating-income = Operating income
fact-employees = Employees
chart-results = Consolidated results
