# Labels of the figures (series, chart titles, notes, single figures). The company and its
# figures are fictional.

## Series

series-revenue = Net sales
series-revenue-yoy = Net sales, year on year
series-operating-income = Operating income
series-operating-margin = Operating margin
series-ordinary-income = Ordinary income
series-net-income = Net income attributable to owners of the parent
series-food = Food
series-beverage = Beverages
series-overseas = Overseas
series-adjustment = Adjustment
series-total-assets = Total assets
series-net-assets = Net assets
series-equity = Equity
series-equity-ratio = Equity ratio
series-interest-bearing-debt = Interest-bearing debt
series-operating-cf = Operating cash flow
series-investing-cf = Investing cash flow
series-free-cf = Free cash flow
series-financing-cf = Financing cash flow
series-cash-end = Cash and cash equivalents at year-end
series-eps = Earnings per share (EPS)
series-bps = Book value per share (BPS)
series-dividend = Annual dividend per share
series-payout-ratio = Payout ratio
series-share-price = Share price at year-end
series-per = Price-earnings ratio (PER)
series-pbr = Price-book ratio (PBR)
series-roe = Return on equity (ROE)
series-average-shares = Average shares outstanding
series-year-end-shares = Shares outstanding at year-end (excluding treasury shares)

## Chart titles

chart-revenue-operating-margin = Net sales and operating margin
chart-profit = Operating income, ordinary income and net income
chart-cumulative = Cumulative net sales and operating margin
chart-segment-revenue = Net sales by segment
chart-segment-profit = Segment profit
chart-cash-flows = Cash flows
chart-equity-ratio = Total assets, equity and equity ratio
chart-dividend-payout = Annual dividend per share and payout ratio
chart-eps = Earnings per share (EPS)
chart-per-pbr = PER and PBR (at the year-end share price)

## Notes

data-results-note = Net income is net income attributable to owners of the parent. Negative figures are losses or decreases. FY2024 is the forecast.
data-segment-profit-note = The adjustment is corporate expenses not allocated to a segment. Segment profit plus the adjustment equals consolidated operating income.
data-balance-sheet-note = At each year-end (December 31). Equity ratio = equity ÷ total assets.
data-per-share-note = PER and payout ratio are not stated for FY2021, a year of net loss. FY2024 is the forecast.
chart-forecast-note = FY2024 is the forecast (hatched).
chart-profit-note = In FY2021 an impairment loss on a plant of the overseas business led to an operating loss and a net loss.
chart-cumulative-note = First quarter (three months), first six months (Q2 cumulative) and first nine months (Q3 cumulative).
chart-segment-profit-note = The adjustment (corporate expenses) is in the table on this page.
chart-dividend-payout-note = No payout ratio is stated for FY2021, a year of net loss. FY2024 is the forecast.
chart-per-pbr-note = No PER is stated for FY2021, when EPS was negative.

## Single figures

fact-employees = Employees (consolidated)
fact-shares-issued = Shares issued
fact-shareholders = Shareholders
fact-payout-ratio-target = Payout ratio target (minimum)
fact-share-buyback = Treasury shares bought in FY2023
