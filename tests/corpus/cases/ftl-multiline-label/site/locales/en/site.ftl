nav-home = Home
table-period = Fiscal year
table-category = Category
chart-download-csv = Data of this chart (CSV)
chart-data-table = Data table
series-revenue =
    Revenue
    of the group
series-operating-income = Operating income
fact-employees = Employees
chart-results = Results %items% %title%
