# Chart interface words. Words between % signs (%unit%, %series%, …) are filled in by the
# chart module; keep them as they are.

# axis unit caption, e.g. （億円）
chart-axis-unit = （%unit%）
# legend entry of a line on the right-hand axis
chart-axis-right = %series%（右軸）
# markers of periods that are not actuals
chart-status-forecast = 予想
chart-status-plan = 計画
chart-status-target = 目標
# legend entry of the hatched fill of those periods
chart-legend-status = %statuses%（斜線）
chart-list-separator = 、
chart-status-separator = ・
# the chart's one-sentence description (read by screen readers)
chart-desc = %title%（%range%）：%items%。
chart-desc-no-range = %title%：%items%。
chart-desc-range = %first%～%last%
chart-desc-change = %series%は%first%の%from%から%last%の%to%
chart-desc-value = %series%は%period%に%value%
chart-desc-share = %category% %value%
chart-desc-status-value = %value%（%status%）
# under a chart some of whose values found no room for a label
chart-unlabelled = グラフに数値の表示がない項目は、データ表に記載しています。
