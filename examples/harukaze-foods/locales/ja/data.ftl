# 図表データのラベル（系列・図表タイトル・注記・単独数値）。会社も数値も架空です。

## 系列

series-revenue = 売上高
series-revenue-yoy = 売上高 前期比
series-operating-income = 営業利益
series-operating-margin = 営業利益率
series-ordinary-income = 経常利益
series-net-income = 親会社株主に帰属する当期純利益
series-food = 食品事業
series-beverage = 飲料事業
series-overseas = 海外事業
series-adjustment = 調整額
series-total-assets = 総資産
series-net-assets = 純資産
series-equity = 自己資本
series-equity-ratio = 自己資本比率
series-interest-bearing-debt = 有利子負債
series-operating-cf = 営業キャッシュ・フロー
series-investing-cf = 投資キャッシュ・フロー
series-free-cf = フリー・キャッシュ・フロー
series-financing-cf = 財務キャッシュ・フロー
series-cash-end = 現金及び現金同等物の期末残高
series-eps = 1株当たり当期純利益（EPS）
series-bps = 1株当たり純資産（BPS）
series-dividend = 1株当たり年間配当金
series-payout-ratio = 配当性向
series-share-price = 期末株価
series-per = 株価収益率（PER）
series-pbr = 株価純資産倍率（PBR）
series-roe = 自己資本利益率（ROE）
series-average-shares = 期中平均株式数
series-year-end-shares = 期末株式数（自己株式を除く）

## 図表タイトル

chart-revenue-operating-margin = 売上高・営業利益率
chart-profit = 営業利益・経常利益・当期純利益
chart-cumulative = 累計期間の売上高・営業利益率
chart-segment-revenue = セグメント別売上高
chart-segment-profit = セグメント利益
chart-cash-flows = キャッシュ・フロー
chart-equity-ratio = 総資産・自己資本・自己資本比率
chart-dividend-payout = 1株当たり年間配当金・配当性向
chart-eps = 1株当たり当期純利益（EPS）
chart-per-pbr = PER・PBR（期末株価ベース）

## 注記

data-results-note = 当期純利益は親会社株主に帰属する当期純利益です。△は損失または減少を表します。2024年12月期は業績予想です。
data-segment-profit-note = 調整額は各セグメントに配分していない全社費用です。セグメント利益と調整額の合計は連結営業利益と一致します。
data-balance-sheet-note = 各期末（12月31日）時点の数値です。自己資本比率＝自己資本÷総資産。
data-per-share-note = 2021年12月期は当期純損失のため、PERと配当性向は記載していません。2024年12月期は予想です。
chart-forecast-note = 2024年12月期は業績予想です（斜線）。
chart-profit-note = 2021年12月期は海外事業の工場の減損損失により、営業損失・当期純損失となりました。
chart-cumulative-note = 第1四半期（3か月）、第2四半期累計（6か月）、第3四半期累計（9か月）の数値です。
chart-segment-profit-note = 調整額（全社費用）はページ内の表に記載しています。
chart-dividend-payout-note = 2021年12月期は当期純損失のため配当性向を記載していません。2024年12月期は予想です。
chart-per-pbr-note = 2021年12月期はEPSがマイナスのためPERを記載していません。

## 単独数値

fact-employees = 連結従業員数
fact-shares-issued = 発行済株式総数
fact-shareholders = 株主数
fact-payout-ratio-target = 配当性向の目標（下限）
fact-share-buyback = 2023年12月期に取得した自己株式数
