# Labels of the figure data (series, categories, chart titles, notes, single figures)

## Series

series-enterprise-internet = Internet connectivity services (enterprise)
series-consumer-internet = Internet connectivity services (consumer)
series-wan = WAN services
series-outsourcing = Outsourcing services
series-si-operation-maintenance = Systems integration: operation and maintenance
series-si-construction = Systems integration: construction
series-atm = ATM operation business
series-revenue-total = Total revenue
series-cloud-services = Cloud services
series-security-services = Security services
series-mobile-services = Mobile services
series-revenue = Revenue
series-operating-income = Operating income
series-net-income = Net income
series-revenue-yoy = Revenue, YoY change
series-operating-income-yoy = Operating income, YoY change
series-net-income-yoy = Net income, YoY change
series-operating-margin = Operating margin
series-roe = ROE
series-network-revenue-excl-mobile = Enterprise network services revenue (excl. mobile)
series-network-revenue-excl-mobile-increase = Enterprise network services revenue (excl. mobile), increase from the previous year
series-network-revenue-excl-mobile-yoy = Enterprise network services revenue (excl. mobile), YoY change
series-network-gross-profit = Network services gross profit
series-network-gross-profit-increase = Network services gross profit, increase from the previous year
series-enterprise-mobile = Enterprise mobile
series-mvne = MVNE (services sold to other MVNOs)
series-iijmio = IIJmio (consumer)
series-mobile-total = Total
series-enterprise-mobile-yoy = Enterprise mobile, YoY change
series-mvne-yoy = MVNE, YoY change
series-iijmio-yoy = IIJmio (consumer), YoY change
series-mobile-total-yoy = Total, YoY change
series-security-business-total = Total security business revenue (services + SI)
series-security-business-total-yoy = Total security business revenue, YoY change
series-share = Share
series-private-cloud = Private cloud
series-raptor = Raptor
series-public-cloud = Public cloud
series-overseas-cloud = Overseas cloud etc.
series-cloud-total = Cloud services revenue
series-cloud-total-yoy = Cloud services revenue, YoY change
series-gross-profit = Gross profit
series-sga = SG&A etc.
series-capex = Capital expenditure
series-gross-profit-yoy = Gross profit, YoY change
series-sga-yoy = SG&A etc., YoY change
series-dividend-interim = Interim dividend
series-dividend-year-end = Year-end dividend
series-dividend-annual = Annual dividend
series-dividend-annual-yoy = Annual dividend, YoY change
series-payout-ratio = Payout ratio
series-turnover-rate = IIJ employee turnover rate

## Categories

cat-fy2020-actual = FY2020 actual
cat-fy2021-initial = FY2021 initial assumption (May 2021)
cat-fy2021-revised = FY2021 revised assumption (November 2021)
cat-fy2021-actual = FY2021 actual
cat-mail = Mail
cat-network = Network (NW)
cat-web-gateway = Web gateway
cat-firewall = Firewall (FW)
cat-other = Other
cat-transport-ict = Transport, information and communications
cat-finance = Finance and insurance
cat-services = Services
cat-public = Public sector
cat-manufacturing = Manufacturing
cat-construction-real-estate = Construction and real estate
cat-commerce = Commerce
cat-top-100 = Top 100 customers by revenue
cat-rank-101-200 = Customers ranked 101–200
cat-rank-201-300 = Customers ranked 201–300
cat-rank-301-400 = Customers ranked 301–400
cat-rank-401-500 = Customers ranked 401–500
cat-below-500 = Customers ranked below 500

## Chart titles

chart-revenue-by-segment = Revenue by business segment
chart-service-revenue = Cloud, security and mobile services revenue
chart-industry-revenue = Revenue by customer industry
chart-customer-rank-revenue = Revenue by customer rank
chart-consolidated-revenue = Consolidated revenue
chart-operating-income-margin = Operating income and operating margin
chart-net-income-roe = Net income and ROE
chart-operating-income-assumptions = FY2021 operating income: assumptions and actual
chart-enterprise-network-services = Enterprise network services: revenue and gross profit
chart-mobile-revenue-quarterly = Mobile revenue by quarter
chart-mobile-lines-quarterly = Mobile lines by quarter
chart-mobile-revenue-annual = Mobile revenue by fiscal year
chart-cloud-revenue-quarterly = Cloud services revenue by quarter
chart-security-revenue-quarterly = Total security business revenue by quarter (services + SI)
chart-security-breakdown = FY2021 security services revenue breakdown
chart-mid-term-plan = Consolidated results and progress of the mid-term plan
chart-dividends = Dividend per share
chart-payout-ratio = Payout ratio
chart-turnover = IIJ employee turnover rate

## Chart notes

chart-revenue-by-segment-note = Monthly services and SI operation and maintenance account for over 80% of revenue. The seven segments add up to within ¥100 million of each year's total (rounding). The deck does not pair the values of "enterprise Internet connectivity" and "outsourcing" with their legend entries explicitly; they were assigned from the order of the chart, and the two may be swapped.
chart-service-revenue-note = These service revenues cut across the business segments and are not added to total revenue. FY2021 mobile services revenue was reduced by lower selling prices that followed lower voice wholesale costs and lower mobile data interconnection charges.
chart-industry-revenue-note = A revenue base not limited to any industry. IIJ non-consolidated, as of March 31, 2022. The same slide's chart of service penetration among the top 10 companies of each industry is not shown: its per-industry values cannot be read from the deck text.
chart-customer-rank-revenue-note = A revenue base not dependent on any single customer. IIJ non-consolidated, as of March 31, 2022.
chart-operating-income-margin-note = FY2019 operating income and operating margin are the figures on slide 3-5.
chart-net-income-roe-note = Net income is profit attributable to owners of the parent.
chart-operating-income-assumptions-note = Operating income exceeded the assumptions. The initial assumption dates from May 2021, the revised one from November 2021.
chart-enterprise-network-services-note = Enterprise network services revenue (excl. mobile) covers IP, security, WAN and other services. FY2019 includes a year-on-year decrease of ¥4.44 billion in revenue from one existing large WAN customer.
chart-mobile-revenue-quarterly-note = Enterprise mobile is IIJ Mobile less MVNE. In some quarters the three components differ from the total by ¥10 million (rounding).
chart-mobile-lines-quarterly-note = In 10,000 lines. The deck does not pair the MVNE and IIJmio (consumer) values with their legend entries explicitly; they were assigned from their trends, and the two may be swapped.
chart-mobile-revenue-annual-note = The FY2020 components add up to ¥47.53 billion against a total of ¥47.52 billion (rounding).
chart-cloud-revenue-quarterly-note = The Raptor and public cloud labels are assigned only by legend order and may be swapped (low confidence); the private cloud label is also inferred. Overseas cloud etc. is not drawn because the deck prints no values for it, but it is included in each quarter's total.
chart-security-revenue-quarterly-note = Services and SI combined; this is wider than security services revenue (services only).
chart-security-breakdown-note = The shares add up to 99% because of rounding in the deck.
chart-mid-term-plan-note = FY2022 is the plan and FY2023 the target. The deck does not give FY2023 operating income. The operating margin target was raised from over 9% to over 10% in November 2021, and from over 10% to 11.5% in May 2022. FY2016 and earlier are US GAAP; FY2017 onward IFRS.
chart-dividends-note = FY2022 is a forecast. For FY2021 the initial forecast was ¥19.50 for both the interim and year-end dividends; the year-end forecast was revised to ¥23.00.
chart-payout-ratio-note = FY2022 is a forecast. Excluding non-recurring non-cash gains and losses (fund valuation gains, impairments etc.), the underlying payout ratio is about 30%.
chart-turnover-note = IIJ non-consolidated, regular employees. The industry average is about 10%, based on the Survey on Employment Trends (information and communications) of the Ministry of Health, Labour and Welfare.

## Table notes

data-revenue-by-segment-note = In ¥100 million. Totals are revenue as printed in the deck; in FY2020 and FY2021 the seven segments add up to 1 more or 1 less than the total (rounding). FY2017 revenue is 1,763 on this slide (2-5) and 1,762 on slide 3-5, a rounding difference within the deck. The deck does not pair the values of "enterprise Internet connectivity" and "outsourcing" with their legend entries explicitly; they were assigned from the order of the chart and consistency with figures on other slides, with medium confidence (the two may be swapped). Cloud, security and mobile services cut across the segments and are not added to the total. FY2021 mobile services revenue was reduced by lower selling prices that followed lower voice wholesale costs and lower mobile data interconnection charges.
data-consolidated-results-note = In ¥100 million. Changes are year on year. Net income is profit attributable to owners of the parent. FY2019 operating income (82) and operating margin (4.0%) are the figures on slide 3-5. The deck gives no FY2019 operating income growth rate, so the cell is empty. The FY2019 net income change (+13.8%) is attributed to net income from its position on the slide.
data-operating-income-assumptions-note = In ¥100 million. FY2021 operating income came in above both the initial assumption (May 2021) and the revised assumption (November 2021).
data-enterprise-network-services-note = In ¥100 million. Enterprise network services revenue (excl. mobile) covers IP, security, WAN and other services. FY2019 includes a year-on-year decrease of ¥4.44 billion in revenue from one existing large WAN customer. The increases (+34, +82, +73, +84) are printed in the deck; which belong to revenue and which to gross profit follows from the year-to-year differences. The deck gives no FY2019 increases, so those cells are empty.
data-mobile-revenue-quarterly-note = In ¥100 million. Enterprise mobile is IIJ Mobile less MVNE. MVNE is services sold to other MVNOs. In FY2020 Q4 and FY2021 Q2 the three components differ from the total by 0.1 (rounding).
data-mobile-revenue-annual-note = In ¥100 million. Changes are year on year. The FY2020 components add up to 475.3 against a total of 475.2 (rounding).
data-mobile-lines-quarterly-note = In 10,000 lines. The deck gives no totals. The enterprise mobile series is certain, but the deck does not pair the MVNE and IIJmio (consumer) values with their legend entries explicitly; they were assigned from their trends (MVNE falling with migration, IIJmio gaining share after the Giga Plan launch), with medium confidence (the two may be swapped).
data-security-revenue-quarterly-note = In ¥100 million. Services and SI combined; this is wider than the security services revenue on slides 2-5 and 3-1 (services only). The FY2021 quarters add up to 254.5 against the full-year 254.4 (rounding).
data-security-revenue-annual-note = In ¥100 million. Changes are year on year. The FY2021 rate of 18.5% is printed without a sign in the deck; it is an increase (from 214.7 to 254.4).
data-security-breakdown-note = FY2021 security services revenue. The shares add up to 99% because of rounding in the deck. Mail: fully outsourced mail systems, protection against malicious mail, sandboxing etc. Network: DDoS protection, IPS/IDS, WAF etc. Web gateway: fully outsourced web security, URL filtering etc. Firewall: outsourced firewall operation, anomaly detection etc. Other: SOC etc.
data-cloud-revenue-quarterly-note = In ¥100 million. Totals are as printed. The private cloud label is inferred (the largest series and the first legend entry; medium confidence); the Raptor and public cloud labels follow legend order only (low confidence) and may be swapped. Overseas cloud etc. is empty because the deck prints no values for it. Each quarter's total exceeds the three printed series by 1.6 to 1.8; this difference likely corresponds to overseas cloud etc., the fourth legend entry, but the deck does not show it. The FY2021 quarterly totals add up to 286.5 against the full-year 286.6 (rounding).
data-cloud-revenue-annual-note = In ¥100 million. Changes are year on year. The FY2021 rate of 9.4% is printed without a sign in the deck; it is an increase (from 262.0 to 286.6).
data-fy2022-forecast-note = Forecast for FY2022 (April 2022 to March 2023). In ¥100 million. Changes are year on year. Capital expenditure is given as "about ¥21.5 billion", of which the FY2022 portion of Shiroi Data Center Campus phase 2 is about ¥5.0 billion.
data-mid-term-plan-note = In ¥100 million. FY2016 and earlier are US GAAP; FY2017 onward IFRS. FY2022 is the plan and FY2023 the target. The deck gives no FY2023 operating income, so the cell is empty (only the 11.5% operating margin target and revenue of 2,700 are given). FY2017 revenue is 1,762 on this slide (3-5) and 1,763 on slide 2-5, a rounding difference within the deck. Operating margins are as printed; computed from the rounded figures they differ by 0.1 point in FY2016 and FY2017.
data-dividends-note = In yen. FY2022 is a forecast. The deck gives no FY2019 change in the annual dividend, so the cell is empty. For FY2021 the initial forecast was ¥19.50 for both the interim and year-end dividends, and the year-end forecast was revised to ¥23.00. Excluding non-recurring non-cash gains and losses (fund valuation gains, impairments etc.), the underlying payout ratio is about 30%.
data-turnover-note = IIJ non-consolidated, regular employees: the share of regular employees at the start of the fiscal year who left during it. The industry average is about 10%, based on the Survey on Employment Trends (information and communications) of the Ministry of Health, Labour and Welfare.
data-industry-revenue-note = Based on IIJ non-consolidated results as of March 31, 2022. The same slide's chart of service penetration among the top 10 companies of each industry is not included: its per-industry values cannot be read from the deck text.
data-customer-rank-revenue-note = Based on IIJ non-consolidated results as of March 31, 2022.

## Single figures

fact-employees = Consolidated employees
fact-engineer-share = Engineers as a share of consolidated employees (about 70%)
fact-subsidiaries-domestic = Consolidated subsidiaries in Japan
fact-subsidiaries-overseas = Consolidated subsidiaries overseas
fact-ntt-group-share = Major shareholder: NTT Group, shareholding ratio
fact-suzuki-share = Major shareholder: Koichi Suzuki, shareholding ratio (beneficial)
fact-individual-share = Shareholding by type: individuals
fact-overseas-investor-share = Shareholding by type: overseas investors
fact-network-availability = IIJ network availability
fact-annual-downtime-max = Annual downtime (30 seconds or less)
fact-customers = IIJ Group customers (about 13,000 companies)
fact-recurring-revenue-share-min = Monthly services and SI operation and maintenance as a share of revenue (over 80%)
fact-ip-services-fy2021 = FY2021 IP services revenue
fact-ip-services-fy2021-yoy = FY2021 IP services revenue, YoY change
fact-security-services-fy2021 = FY2021 security services revenue
fact-security-services-fy2021-yoy = FY2021 security services revenue, YoY change
fact-enterprise-mobile-fy2021 = FY2021 enterprise mobile services (IoT-related) revenue
fact-enterprise-mobile-fy2021-yoy = FY2021 enterprise mobile services (IoT-related) revenue, YoY change
fact-wan-large-customer-decline-fy2019 = FY2019 year-on-year decrease in revenue from one existing large WAN customer
fact-mvno-share = IIJmio share of the MVNO market, the largest (MM Research Institute)
fact-mvne-customers = MVNE customers
fact-mvne-customers-increase = Increase in MVNE customers, year on year
fact-shiroi-phase2-capex-fy2022 = Shiroi Data Center Campus phase 2 construction, FY2022 portion (approx.)
fact-margin-target = FY2023 operating margin target (raised in May 2022)
fact-margin-target-previous = Operating margin target after the November 2021 revision (over 10%)
fact-margin-target-first = Original operating margin target (over 9%)
fact-decurret-stake = IIJ's equity stake in DeCurret Holdings
fact-decurret-shareholders = DeCurret Holdings shareholders (companies, including IIJ)
fact-digital-currency-forum-members = Digital Currency Forum members (Japanese companies, municipalities and organizations)
fact-forum-subcommittees = Digital Currency Forum subcommittees
fact-jocdn-capital = JOCDN capital (including capital reserve)
fact-jocdn-broadcaster-shareholders = Broadcasters and video distributors listed as JOCDN shareholders
fact-underlying-payout-ratio = Underlying payout ratio excluding non-recurring non-cash items (about 30%)
fact-dividend-fy2021-initial-forecast = FY2021 initial annual dividend forecast (interim ¥19.50 plus year-end ¥19.50)
fact-dividend-fy2021-revised-forecast = FY2021 revised annual dividend forecast (interim ¥23.00 plus revised year-end forecast ¥23.00)
fact-dividend-fy2021-interim-initial-forecast = FY2021 interim dividend, initial forecast
fact-dividend-fy2021-year-end-initial-forecast = FY2021 year-end dividend, initial forecast
fact-dividend-fy2021-year-end-revised-forecast = FY2021 year-end dividend, revised forecast
fact-board-members = Directors from June 28, 2022 (planned)
fact-board-women = Women among directors from June 28, 2022 (planned)
fact-board-independent = Independent outside directors from June 28, 2022 (planned)
fact-nomination-committee-representatives = Nomination and Remuneration Committee: representative directors
fact-nomination-committee-independent = Nomination and Remuneration Committee: independent outside directors
fact-pue = PUE of Matsue Data Center Park (in the 1.2 range)
fact-industry-turnover-average = Industry average turnover rate (information and communications, about 10%)
