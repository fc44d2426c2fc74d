# Chart interface words. Words between % signs (%unit%, %series%, …) are filled in by the
# chart module; keep them as they are.

# axis unit caption, e.g. (¥100 million)
chart-axis-unit = (%unit%)
# legend entry of a line on the right-hand axis
chart-axis-right = %series% (right axis)
# markers of periods that are not actuals
chart-status-forecast = Forecast
chart-status-plan = Plan
chart-status-target = Target
# legend entry of the hatched fill of those periods
chart-legend-status = %statuses% (hatched)
chart-list-separator = { "; " }
chart-status-separator = { ", " }
# the chart's one-sentence description (read by screen readers)
chart-desc = %title%, %range%: %items%.
chart-desc-no-range = %title%: %items%.
chart-desc-range = %first% to %last%
chart-desc-change = %series% %from% in %first% and %to% in %last%
chart-desc-value = %series% %value% in %period%
chart-desc-share = %category% %value%
chart-desc-status-value = %value% (%status%)
# under a chart some of whose values found no room for a label
chart-unlabelled = Values without a label on the chart are in the data table.
