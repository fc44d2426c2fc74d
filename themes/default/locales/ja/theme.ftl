# Interface strings of the default theme (Japanese). A site replaces any of them by defining
# the same key in its own locales/ja/; the company's name comes from [company] in site.toml.
skip-to-content = 本文へスキップ
nav-label = 目次
nav-home = トップ
lang-switch-label = 言語
lang-name-ja = 日本語
lang-name-en = English
toc-label = このページの内容
prev-page = 前へ
next-page = 次へ
# above the page title of the home page; $name: the company's name
home-company = { $name }
disclaimer-heading = 将来の見通しに関する記述について
# $company: the company's name
disclaimer-text = 本サイトに掲載されている業績予想、計画、目標その他の将来に関する記述は、{ $company }が現時点で入手可能な情報と合理的であると判断する一定の前提に基づいており、リスクや不確実性を含んでいます。実際の業績等は、経済情勢、市場環境その他さまざまな要因により、これらの記述と大きく異なる可能性があります。
translation-notice = この日本語版が正本です。
# $holder: the copyright holder ([company.copyright], else the company's name)
footer-copyright = © { $holder }
not-found-title = ページが見つかりません
not-found-text = お探しのページは移動または削除された可能性があります。
table-period = 期間
table-category = 区分
table-item = 項目
# a period that is not an actual, after its label in a table: 2024年12月期（予想）
table-status-mark = （{ $status }）
# the unit of a row or column of a table, after its label: 売上高（百万円）
table-unit = （{ $unit }）
# a cell of a table for which the data states no value
table-no-value = —
chart-download-csv = このグラフのデータ（CSV）
chart-data-table = データ表
stale-notice = この翻訳の作成後に原文が更新されています。このページには更新が反映されていない場合があります。
stale-notice-link = 原文を読む
# the news section (list pages, archive, feed); $year, $number, $count, $site, $date as named
news-title = ニュース
news-description = ニュースリリース・適時開示・IRイベントのお知らせ一覧です。
news-archive-title = { $year }年のニュース
news-year = { $year }年
news-page-number = （{ $number }/{ $count }ページ）
news-years-label = 年別アーカイブ
news-all = ニュース一覧
news-latest = 最新のニュース
news-empty = 現在、お知らせはありません。
news-pages-label = ページ送り
news-feed-title = { $site } ニュース（Atom）
news-feed-link = ニュースのフィード（Atom）
news-attachments = 添付資料
news-back = ニュース一覧に戻る
news-in-japanese = （日本語）
news-original-link = 日本語の原文
news-status-note = 英文で開示した項目には、英文全文・英文要約・英文遅延の別を示し、英文ページにリンクしています。
news-status-full = 英文全文
news-status-summary = 英文要約
news-status-japanese-only = 日本語のみ
news-status-delayed = 英文遅延（{ $date }に英文開示）
# Document library, IR calendar and the financial-data workbook (its title, note labels and
# the link to it).
library-file = { $kind }（{ $size }）
library-japanese-only = 日本語のみ
calendar-upcoming = 今後の予定
calendar-past = 過去のイベント
calendar-none-upcoming = 現在お知らせする予定はありません。
calendar-none-past = 過去のイベントはありません。
calendar-as-of = { $date }現在
calendar-ics-link = カレンダーに追加（iCalendar形式）
calendar-file-name = IRカレンダー
calendar-time = { $time }（日本時間）
calendar-all-day = 終日
calendar-time-span = { $start }～{ $end }（日本時間）
workbook-link = 財務データ一括ダウンロード（Excel）
workbook-title = 財務データ
workbook-source = 出典
# %source%: the source of a data table as its sidecar gives it; a site may say what it is
# ("会社説明資料 スライド %source%")
workbook-source-text = %source%
workbook-as-of = 時点
workbook-note = 注記
workbook-built = 作成日
