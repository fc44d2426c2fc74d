# 図表データのラベル（系列・区分・図表タイトル・注記・単独数値）

## 系列

series-enterprise-internet = 法人向けインターネット接続
series-consumer-internet = 個人向けインターネット接続
series-wan = WAN
series-outsourcing = アウトソーシング
series-si-operation-maintenance = SI運用保守
series-si-construction = SI構築
series-atm = ATM運営事業
series-revenue-total = 売上高合計
series-cloud-services = クラウドサービス
series-security-services = セキュリティサービス
series-mobile-services = モバイルサービス
series-revenue = 売上高
series-operating-income = 営業利益
series-net-income = 当期利益
series-revenue-yoy = 売上高 前年同期比
series-operating-income-yoy = 営業利益 前年同期比
series-net-income-yoy = 当期利益 前年同期比
series-operating-margin = 営業利益率
series-roe = ROE
series-network-revenue-excl-mobile = 法人ネットワークサービス売上（除くモバイル）
series-network-revenue-excl-mobile-increase = 法人ネットワークサービス売上（除くモバイル）前年比増加額
series-network-revenue-excl-mobile-yoy = 法人ネットワークサービス売上（除くモバイル）前年同期比
series-network-gross-profit = ネットワークサービス粗利
series-network-gross-profit-increase = ネットワークサービス粗利 前年比増加額
series-enterprise-mobile = 法人モバイル
series-mvne = MVNE（他MVNOへのサービス販売）
series-iijmio = IIJmio（個人）
series-mobile-total = 合計
series-enterprise-mobile-yoy = 法人モバイル 前年同期比
series-mvne-yoy = MVNE 前年同期比
series-iijmio-yoy = IIJmio（個人）前年同期比
series-mobile-total-yoy = 合計 前年同期比
series-security-business-total = 総セキュリティ事業売上（サービス+SI）
series-security-business-total-yoy = 総セキュリティ事業売上 前年同期比
series-share = 構成比
series-private-cloud = プライベートクラウド
series-raptor = Raptor
series-public-cloud = パブリッククラウド
series-overseas-cloud = 海外クラウド等
series-cloud-total = クラウドサービス売上
series-cloud-total-yoy = クラウドサービス売上 前年同期比
series-gross-profit = 売上総利益
series-sga = 販売管理費等
series-capex = 設備投資
series-gross-profit-yoy = 売上総利益 前年同期比
series-sga-yoy = 販売管理費等 前年同期比
series-dividend-interim = 中間配当
series-dividend-year-end = 期末配当
series-dividend-annual = 年間配当
series-dividend-annual-yoy = 年間配当 前年同期比
series-payout-ratio = 配当性向
series-turnover-rate = IIJ離職率

## 区分

cat-fy2020-actual = 2020年度実績
cat-fy2021-initial = 2021年度期初想定（2021年5月）
cat-fy2021-revised = 2021年度修正時想定（2021年11月）
cat-fy2021-actual = 2021年度実績
cat-mail = メール
cat-network = NW
cat-web-gateway = ウェブGW
cat-firewall = FW
cat-other = 他
cat-transport-ict = 運輸・情報通信業
cat-finance = 金融・保険業
cat-services = サービス業
cat-public = 公共
cat-manufacturing = 製造業
cat-construction-real-estate = 建設業/不動産
cat-commerce = 商業
cat-top-100 = 売上上位100社
cat-rank-101-200 = 売上上位101～200社
cat-rank-201-300 = 売上上位201～300社
cat-rank-301-400 = 売上上位301～400社
cat-rank-401-500 = 売上上位401～500社
cat-below-500 = 売上上位500位以下

## 図表タイトル

chart-revenue-by-segment = 事業区分別売上高の推移
chart-service-revenue = クラウド・セキュリティ・モバイルサービス売上の推移
chart-industry-revenue = 業種別売上高分布
chart-customer-rank-revenue = 顧客別売上高分布
chart-consolidated-revenue = 連結売上高
chart-operating-income-margin = 営業利益・営業利益率
chart-net-income-roe = 当期利益・ROE
chart-operating-income-assumptions = 2021年度営業利益：想定と実績
chart-enterprise-network-services = 法人ネットワークサービス売上・粗利
chart-mobile-revenue-quarterly = モバイル売上の推移（四半期）
chart-mobile-lines-quarterly = モバイル回線数の推移
chart-mobile-revenue-annual = モバイル売上（年度）
chart-cloud-revenue-quarterly = クラウドサービス売上推移（四半期）
chart-security-revenue-quarterly = 総セキュリティ事業売上推移（サービス+SI）
chart-security-breakdown = 2021年度セキュリティサービス売上内訳
chart-mid-term-plan = 連結業績推移及び中期計画の進捗状況
chart-dividends = 1株当たり配当金の推移
chart-payout-ratio = 配当性向の推移
chart-turnover = IIJ離職率の推移

## 図表の注記

chart-revenue-by-segment-note = 月額サービス・SI運用保守売上が8割超。7区分の和は各年度の合計と最大1億円異なります（四捨五入による）。「法人向けインターネット接続」と「アウトソーシング」は数値と凡例の対応が資料上明示されておらず、グラフの並び順などから割り当てたもので、入れ替わっている可能性があります。
chart-service-revenue-note = 各サービス売上は事業区分を横断する内数で、売上高合計には加算されません。2021年度モバイルサービス売上高は、音声仕入れ・モバイルデータ接続料単価低減に伴う売上単価減による減収影響あり。
chart-industry-revenue-note = 業種に限定されない収益基盤。2022年3月末時点、IIJ単体。同じスライドの「業界トップ10企業への高いサービス浸透率（%）」は、業界別の数値が資料の本文から得られないため掲載していません。
chart-customer-rank-revenue-note = 1社に依存しない収益基盤。2022年3月末時点、IIJ単体。
chart-operating-income-margin-note = 2019年度の営業利益・営業利益率は3-5の記載値です。
chart-net-income-roe-note = 当期利益は親会社の所有者に帰属する利益。
chart-operating-income-assumptions-note = 営業利益は想定を超過し着地。期初想定は2021年5月、修正時想定は2021年11月時点。
chart-enterprise-network-services-note = 法人ネットワークサービス売上（除くモバイル）はIP、セキュリティ、WAN等。2019年度実績の法人ネットワークサービス売上（除くモバイル）にはWAN既存特定大口顧客売上44.4億円前期比減を内包。
chart-mobile-revenue-quarterly-note = 法人モバイルはIIJモバイルからMVNEを除外して算出。3区分の和は合計と0.1億円異なる四半期があります（四捨五入による）。
chart-mobile-lines-quarterly-note = 単位：万回線。MVNEとIIJmio（個人）の2系列は数値と凡例の対応が資料上明示されておらず、推移から割り当てたもので、入れ替わっている可能性があります。
chart-mobile-revenue-annual-note = 2020年度の3区分の和（475.3億円）と合計（475.2億円）の差は四捨五入によるもの。
chart-cloud-revenue-quarterly-note = Raptorとパブリッククラウドのラベルは凡例の並び順のみによる割り当てで確度が低く、入れ替わっている可能性があります。プライベートクラウドのラベルも推定です。海外クラウド等は資料に数値の記載がないため図示していませんが、各四半期の合計には含まれます。
chart-security-revenue-quarterly-note = サービスとSIの合計で、セキュリティサービス売上（サービスのみ）とは範囲が異なります。
chart-security-breakdown-note = 構成比の合計は99%（資料の四捨五入による）。
chart-mid-term-plan-note = 2022年度は計画、2023年度は目標。2023年度の営業利益は資料に記載がありません。営業利益率目標は2021年11月に9%超から10%超へ、2022年5月に10%超から11.5%へ上方修正。2016年度以前は米国会計基準、2017年度以降はIFRS。
chart-dividends-note = 2022年度は予想。2021年度の期初予想は中間・期末とも19.50円、期末の修正後予想は23.00円。
chart-payout-ratio-note = 2022年度は予想。非定常的な非資金損益（ファンド評価益・減損等）を除外した実質的な配当性向は30%程度。
chart-turnover-note = IIJ単体（正社員）。業界平均は情報通信業雇用動向調査（厚生労働省調べ）に基づき10%前後。

## 表の注記

data-revenue-by-segment-note = 単位：億円。合計は資料記載の売上高で、7区分の和とは2020年度・2021年度で1億円の差があります（四捨五入による）。2017年度の売上高はこのスライド（2-5）では1,763億円、3-5では1,762億円と資料内で表記が異なります。「法人向けインターネット接続」と「アウトソーシング」の2区分は数値と凡例の対応が資料上明示されておらず、グラフの並び順と他スライドの数値との整合から割り当てたもので、確度は中程度です（入れ替わっている可能性があります）。クラウドサービス・セキュリティサービス・モバイルサービスは事業区分を横断する内数で、合計には加算されません。2021年度モバイルサービス売上高は、音声仕入れ・モバイルデータ接続料単価低減に伴う売上単価減による減収影響あり。
data-consolidated-results-note = 単位：億円。増減率は前年同期比。当期利益は親会社の所有者に帰属する利益。2019年度の営業利益（82億円）と営業利益率（4.0%）は3-5の記載値です。2019年度の営業利益の増減率は資料に記載がないため空欄です。2019年度の当期利益の増減率（+13.8%）は、資料上の配置から当期利益の前年同期比と判断したものです。
data-operating-income-assumptions-note = 単位：億円。2021年度の営業利益は、期初想定（2021年5月）と修正時想定（2021年11月）を上回って着地しました。
data-enterprise-network-services-note = 単位：億円。法人ネットワークサービス売上（除くモバイル）はIP、セキュリティ、WAN等。2019年度実績の法人ネットワークサービス売上（除くモバイル）にはWAN既存特定大口顧客売上44.4億円前期比減を内包。増加額（+34、+82、+73、+84）は資料の記載値で、売上と粗利のどちらの増加額かは各年度の差額から対応づけています。2019年度の増加額は資料に記載がないため空欄です。
data-mobile-revenue-quarterly-note = 単位：億円。法人モバイルはIIJモバイルからMVNEを除外して算出。MVNEは他MVNOへのサービス販売。3区分の和は2020年度第4四半期・2021年度第2四半期で合計と0.1億円異なります（四捨五入による）。
data-mobile-revenue-annual-note = 単位：億円。増減率は前年同期比。2020年度の3区分の和（475.3億円）と合計（475.2億円）の差は四捨五入によるもの。
data-mobile-lines-quarterly-note = 単位：万回線。資料に合計の記載はありません。法人モバイルの系列は確かですが、MVNEとIIJmio（個人）の2系列は数値と凡例の対応が資料上明示されておらず、推移（MVNEの移行影響による減少、ギガプラン投入後のIIJmioのシェア向上）から割り当てたもので、確度は中程度です（入れ替わっている可能性があります）。
data-security-revenue-quarterly-note = 単位：億円。サービスとSIの合計で、2-5・3-1のセキュリティサービス売上（サービスのみ）とは範囲が異なります。2021年度の四半期の和（254.5億円）と年度実績（254.4億円）の差は四捨五入によるもの。
data-security-revenue-annual-note = 単位：億円。増減率は前年同期比。2021年度の18.5%は資料上符号なしで記載されていますが、増加（214.7億円から254.4億円）です。
data-security-breakdown-note = 2021年度セキュリティサービス売上の内訳。構成比の合計は99%（資料の四捨五入による）。メール：メールシステムのフルアウトソース、脅威メール対策、サンドボックス等。NW：DDoSプロテクション、IPS/IDS、WAF等。ウェブGW：Webセキュリティのフルアウトソース、URLフィルタリング等。FW：ファイアウォールの運用アウトソース、アノマリ検知システム等。他：SOC等。
data-cloud-revenue-quarterly-note = 単位：億円。合計は資料記載値です。プライベートクラウドのラベルは最大の系列で凡例の先頭であることから割り当てたもので確度は中程度、Raptorとパブリッククラウドのラベルは凡例の並び順のみによる割り当てで確度が低く、入れ替わっている可能性があります。海外クラウド等は資料に数値の記載がないため空欄です。各四半期の合計は記載された3系列の和を1.6～1.8億円上回っており、この差は凡例4番目の海外クラウド等に当たると考えられますが、資料には示されていません。2021年度の四半期合計の和（286.5億円）と年度実績（286.6億円）の差は四捨五入によるもの。
data-cloud-revenue-annual-note = 単位：億円。増減率は前年同期比。2021年度の9.4%は資料上符号なしで記載されていますが、増加（262.0億円から286.6億円）です。
data-fy2022-forecast-note = 2022年度（2022年4月～2023年3月）の見通し。単位：億円。増減率は前年同期比。設備投資は「215億円程度」と記載されており、うち白井データセンター2期棟の2022年度分は約50億円。
data-mid-term-plan-note = 単位：億円。2016年度以前は米国会計基準、2017年度以降はIFRS。2022年度は計画、2023年度は目標。2023年度の営業利益は資料に記載がないため空欄です（営業利益率目標11.5%と売上高2,700億円のみ記載）。2017年度の売上高はこのスライド（3-5）では1,762億円、2-5では1,763億円と資料内で表記が異なります。営業利益率は資料記載値で、億円単位の数値から計算すると2016年度・2017年度で0.1ポイント異なります。
data-dividends-note = 単位：円。2022年度は予想。2019年度の年間配当の増減率は資料に記載がないため空欄です。2021年度の期初予想は中間・期末とも19.50円、期末の修正後予想は23.00円でした。非定常的な非資金損益（ファンド評価益・減損等）を除外した実質的な配当性向は30%程度。
data-turnover-note = IIJ単体（正社員）。期初に在籍した正社員のうち当該年度に離職した割合。業界平均は情報通信業雇用動向調査（厚生労働省調べ）に基づき10%前後。
data-industry-revenue-note = 2022年3月末時点 IIJ単体実績を基に作成。同じスライドの「業界トップ10企業への高いサービス浸透率（%）」は、業界別の数値が資料の本文から得られないため掲載していません。
data-customer-rank-revenue-note = 2022年3月末時点 IIJ単体実績を基に作成。

## 単独数値

fact-employees = 連結従業員数
fact-engineer-share = 連結従業員に占める技術者の割合（約7割）
fact-subsidiaries-domestic = 連結子会社数（国内）
fact-subsidiaries-overseas = 連結子会社数（海外）
fact-ntt-group-share = 大株主：NTTグループの持株比率
fact-suzuki-share = 大株主：鈴木 幸一の持株比率（実質保有）
fact-individual-share = 所有者別株式持分比率：個人
fact-overseas-investor-share = 所有者別株式持分比率：海外投資家
fact-network-availability = IIJネットワーク稼働率
fact-annual-downtime-max = 年間停止時間（30秒以下）
fact-customers = IIJグループ顧客数（約13,000社）
fact-recurring-revenue-share-min = 売上高に占める月額サービス・SI運用保守売上の割合（8割超）
fact-ip-services-fy2021 = 2021年度 IPサービス売上
fact-ip-services-fy2021-yoy = 2021年度 IPサービス売上 前年同期比
fact-security-services-fy2021 = 2021年度 セキュリティサービス売上
fact-security-services-fy2021-yoy = 2021年度 セキュリティサービス売上 前年同期比
fact-enterprise-mobile-fy2021 = 2021年度 法人向けモバイルサービス（IoT関連）売上
fact-enterprise-mobile-fy2021-yoy = 2021年度 法人向けモバイルサービス（IoT関連）売上 前年同期比
fact-wan-large-customer-decline-fy2019 = 2019年度 WAN既存特定大口顧客売上の前期比減少額
fact-mvno-share = IIJmio MVNOトップシェア（MM総研調べ）
fact-mvne-customers = MVNE顧客数
fact-mvne-customers-increase = MVNE顧客数 前年同期比増加数
fact-shiroi-phase2-capex-fy2022 = 白井データセンター2期棟 一括建設の2022年度分（約）
fact-margin-target = 2023年度 営業利益率目標（2022年5月上方修正後）
fact-margin-target-previous = 営業利益率目標（2021年11月上方修正後、10%超）
fact-margin-target-first = 当初の営業利益率目標（9%超）
fact-decurret-stake = ディーカレットホールディングスへのIIJ持分比率
fact-decurret-shareholders = ディーカレットホールディングスの株主数（IIJ含む）
fact-digital-currency-forum-members = デジタル通貨フォーラム メンバー数（日本企業・自治体・団体合計）
fact-forum-subcommittees = デジタル通貨フォーラムの分科会数
fact-jocdn-capital = JOCDN資本金（資本準備金を含む）
fact-jocdn-broadcaster-shareholders = JOCDNの株主として記載された放送事業者・動画配信事業者の数
fact-underlying-payout-ratio = 非定常的な非資金損益を除外した実質的な配当性向（30%程度）
fact-dividend-fy2021-initial-forecast = 2021年度 期初配当予想（年間。中間19.50円・期末19.50円の合計）
fact-dividend-fy2021-revised-forecast = 2021年度 修正後配当予想（年間。中間23.00円・期末修正後予想23.00円の合計）
fact-dividend-fy2021-interim-initial-forecast = 2021年度 中間配当の期初予想
fact-dividend-fy2021-year-end-initial-forecast = 2021年度 期末配当の期初予想
fact-dividend-fy2021-year-end-revised-forecast = 2021年度 期末配当の修正後予想
fact-board-members = 2022年6月28日以降の取締役数（予定）
fact-board-women = 2022年6月28日以降の取締役のうち女性（予定）
fact-board-independent = 2022年6月28日以降の取締役のうち独立社外取締役（予定）
fact-nomination-committee-representatives = 指名報酬委員会の構成：代表取締役
fact-nomination-committee-independent = 指名報酬委員会の構成：独立社外取締役
fact-pue = 松江データセンターパークのPUE（1.2台）
fact-industry-turnover-average = 業界平均離職率（情報通信業、10%前後）
