#!/usr/bin/env python3
"""Deterministic synthetic bilingual site for build benchmarks.

    gensite.py --pages N [--charts C] [--flavor irsite|hugo] --out DIR

N pages per language (plus a home page per language). Each page: about 600 English
words, or about 1,800 Japanese characters on the Japanese twin, an intro, three `##`
sections, a 4-column x 6-row table and a 5-item list. With --charts C, the first C pages
of each language place one chart each (irsite flavour only; each chart has its own data
table, sidecar and labels). The same page index always gets the same text: a fixed
xorshift generator seeded by the index, no use of Python's `random`.

Flavours:
  irsite  site.toml, content/{ja,en}/*.md, content/data, locales/, themes/bench/templates
  hugo    hugo.toml, content/{ja,en}/*.md, layouts/_default (same text, same page shapes)

Synthetic numbers in the tables are benchmark filler and describe nothing.
"""

import argparse
import hashlib
import os
import shutil
import sys

EN_WORDS = (
    "the company reported revenue growth across network services with steady demand from "
    "enterprise customers while cloud and security offerings expanded their share of recurring "
    "income during the fiscal year management expects margins to improve as scale benefits "
    "accumulate and investment in data centers continues according to plan operating income rose "
    "on higher monthly service sales and lower integration costs the mobile business added lines "
    "for internet of things devices and consumer plans outsourcing contracts were renewed with "
    "financial institutions and public sector clients systems integration orders remained firm "
    "backlog grew compared with the previous year dividends are set with a payout ratio target "
    "shareholders receive interim and year end payments the board reviewed capital allocation "
    "priorities including growth investment debt reduction and returns employees across offices "
    "supported customers through a period of change in working styles network traffic increased "
    "video delivery demand remained high bandwidth upgrades were completed on schedule"
).split()

# Phrases of Japanese text; a sentence joins a few of them and ends with 。
JA_PHRASES = (
    "法人向けネットワークサービスの売上は", "月額課金の積み上がりにより", "前年同期比で増加しました",
    "クラウドとセキュリティの需要が", "引き続き堅調に推移し", "営業利益率は改善しています",
    "データセンターへの投資は計画どおり", "進捗しております", "モバイル事業ではIoT向け回線が",
    "順調に増加し", "個人向けサービスも伸長しました", "システム構築の受注残高は",
    "前年度末を上回り", "金融機関や官公庁との契約更新が", "継続しています", "株主還元については",
    "配当性向の目標を維持し", "中間配当と期末配当を実施します", "働き方の変化に対応して",
    "お客様のリモート接続需要に応え", "ネットワークのトラフィックは", "動画配信の増加とともに拡大し",
    "回線増強を予定どおり完了しました", "経営陣は成長投資と財務健全性の", "バランスを重視しています",
)

EN_HEADINGS = ["Business overview", "Results by segment", "Outlook and returns", "Network services",
               "Cloud and security", "Mobile and IoT", "Systems integration", "Capital policy"]
JA_HEADINGS = ["事業の概況", "セグメント別の業績", "見通しと株主還元", "ネットワークサービス",
               "クラウドとセキュリティ", "モバイルとIoT", "システムインテグレーション", "資本政策"]


class Rng:
    """xorshift64*: the same sequence on every platform and Python version."""

    def __init__(self, seed):
        self.state = (seed * 0x9E3779B97F4A7C15 + 0x1234567) & 0xFFFFFFFFFFFFFFFF or 1

    def next(self):
        x = self.state
        x ^= (x >> 12)
        x ^= (x << 25) & 0xFFFFFFFFFFFFFFFF
        x ^= (x >> 27)
        self.state = x
        return (x * 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF

    def below(self, n):
        return (self.next() >> 33) % n

    def pick(self, seq):
        return seq[self.below(len(seq))]


def en_paragraph(rng, words):
    out = []
    sentence = []
    for _ in range(words):
        sentence.append(rng.pick(EN_WORDS))
        if len(sentence) >= 8 + rng.below(10):
            out.append(" ".join(sentence).capitalize() + ".")
            sentence = []
    if sentence:
        out.append(" ".join(sentence).capitalize() + ".")
    return " ".join(out)


def ja_paragraph(rng, chars):
    out = ""
    while len(out) < chars:
        parts = [rng.pick(JA_PHRASES) for _ in range(2 + rng.below(3))]
        out += "、".join(parts) + "。"
    return out


def table(rng, lang):
    head = ["区分", "2020年度", "2021年度", "前年比"] if lang == "ja" else ["Item", "FY2020", "FY2021", "YoY"]
    rows = ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|"]
    for r in range(6):
        a = 100 + rng.below(9000)
        b = a + rng.below(900)
        label = (JA_HEADINGS if lang == "ja" else EN_HEADINGS)[(r + rng.below(3)) % 8]
        rows.append(f"| {label} | {a:,} | {b:,} | +{(b - a) * 100 // a}.{rng.below(10)}% |")
    return "\n".join(rows)


def items(rng, lang):
    if lang == "ja":
        return "\n".join(f"- {rng.pick(JA_PHRASES)}{rng.pick(JA_PHRASES)}" for _ in range(5))
    return "\n".join(f"- {en_paragraph(rng, 9)}" for _ in range(5))


def page_body(i, lang, chart_id, flavor):
    rng = Rng(i * 2 + (1 if lang == "ja" else 0))
    heads = JA_HEADINGS if lang == "ja" else EN_HEADINGS
    h = [heads[(i + k * 3) % 8] for k in range(3)]
    if lang == "ja":
        para = lambda n: ja_paragraph(rng, n * 5 // 2)  # noqa: E731  (about 2.5 Japanese characters per English word)
    else:
        para = lambda n: en_paragraph(rng, n)  # noqa: E731
    parts = [para(70), f"## {h[0]}", para(130), items(rng, lang), para(60), f"## {h[1]}", para(120), table(rng, lang)]
    if chart_id and flavor == "irsite":
        parts.append('{{ chart(id="%s") }}' % chart_id)
    parts += [para(60), f"## {h[2]}", para(120), para(40)]
    return "\n\n".join(parts) + "\n"


def title(i, lang):
    return f"四半期報告 {i:05d}" if lang == "ja" else f"Quarterly report {i:05d}"


def description(i, lang):
    return f"第{i}号の業績と事業の概況。" if lang == "ja" else f"Results and business overview, issue {i}."


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------- irsite

IRSITE_TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<title>{% block title %}{{ page.title }} | {{ site_title }}{% endblock title %}</title>
<meta name="description" content="{{ page.description }}">
<link rel="canonical" href="{{ canonical }}">
{% for alt in alternates %}<link rel="alternate" hreflang="{{ alt.lang }}" href="{{ alt.url }}">
{% endfor %}</head>
<body>
<header><a href="{{ root }}{{ lang }}/">{{ site_title }}</a>
<nav aria-label="{{ t(key="lang-switch-label") }}">{% for alt in alternates %}{% if alt.current %}<span lang="{{ alt.lang }}">{{ t(key="lang-name-" ~ alt.lang) }}</span>{% else %}<a href="{{ alt.href }}" hreflang="{{ alt.lang }}" lang="{{ alt.lang }}">{{ t(key="lang-name-" ~ alt.lang) }}</a>{% endif %} {% endfor %}</nav>
</header>
<main>
{% block main %}{% endblock main %}
</main>
</body>
</html>
""",
    "page.html": """{% extends "base.html" %}
{% block main %}
<article>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
</article>
<nav>{% if prev %}<a href="{{ prev.href }}" rel="prev">{{ prev.title }}</a>{% endif %} {% if next %}<a href="{{ next.href }}" rel="next">{{ next.title }}</a>{% endif %}</nav>
{% endblock main %}
""",
    "home.html": """{% extends "base.html" %}
{% block title %}{{ site_title }}{% endblock title %}
{% block main %}
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
<ul>
{% for item in nav %}{% if not item.is_home %}<li><a href="{{ item.href }}">{{ item.title }}</a></li>
{% endif %}{% endfor %}</ul>
{% endblock main %}
""",
    "index.html": """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ site_title }}</title></head>
<body><ul>{% for l in languages %}<li><a href="{{ l.href }}" hreflang="{{ l.lang }}">{{ l.title }}</a></li>{% endfor %}</ul></body>
</html>
""",
    "404.html": """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>404 | {{ site_title }}</title></head>
<body><h1>404</h1><ul>{% for l in languages %}<li><a href="{{ base_path }}{{ l.href }}">{{ l.title }}</a></li>{% endfor %}</ul></body>
</html>
""",
}

IRSITE_FTL = {
    "ja": {"lang-switch-label": "言語", "lang-name-ja": "日本語", "lang-name-en": "English",
           "table-period": "年度", "table-category": "区分", "chart-download-csv": "このグラフのデータ（CSV）",
           "series-a": "系列A", "series-b": "系列B", "series-c": "系列C", "series-margin": "利益率"},
    "en": {"lang-switch-label": "Language", "lang-name-ja": "日本語", "lang-name-en": "English",
           "table-period": "Fiscal year", "table-category": "Category", "chart-download-csv": "Data of this chart (CSV)",
           "series-a": "Series A", "series-b": "Series B", "series-c": "Series C", "series-margin": "Margin"},
}

CHART_KINDS = ["grouped-bar", "stacked-bar", "line", "bar-line"]

# The repository's locales/ (this file lives in benches/).
LOCALES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "locales")


def chart_id(i):
    return f"bench-{i:05d}"


def gen_irsite(out, pages, charts):
    write(os.path.join(out, "site.toml"), """base_url = "https://bench.example.com/"
default_language = "ja"
languages = ["ja", "en"]
theme = "bench"

[title]
ja = "ベンチマーク IR サイト"
en = "Benchmark IR site"
""")
    for name, text in IRSITE_TEMPLATES.items():
        write(os.path.join(out, "themes", "bench", "templates", name), text)
    write(os.path.join(out, "themes", "bench", "static", "site.css"), "body{font-family:sans-serif;max-width:48rem;margin:auto}\n")
    for i in range(0, pages + 1):
        name = "_index" if i == 0 else f"page-{i:05d}"
        cid = chart_id(i) if 0 < i <= charts else None
        # English pages are marked as translations of the current Japanese source, as on a
        # maintained site (the hash is irsite's: SHA-256 of the source, first 12 hex digits).
        marker = ""
        for lang in ("ja", "en"):
            if i == 0:
                body = (ja_paragraph(Rng(7), 120) if lang == "ja" else en_paragraph(Rng(7), 60)) + "\n"
            else:
                body = page_body(i, lang, cid, "irsite")
            front = '+++\ntitle = "%s"\ndescription = "%s"\nweight = %d\n%s+++\n\n' % (title(i, lang), description(i, lang), i, marker)
            write(os.path.join(out, "content", lang, f"{name}.md"), front + body)
            marker = 'translation_of = "%s"\n' % hashlib.sha256((front + body).encode("utf-8")).hexdigest()[:12]
    ftl = {lang: [f"{k} = {v}" for k, v in IRSITE_FTL[lang].items()] for lang in ("ja", "en")}
    chart_defs = []
    data = os.path.join(out, "content", "data")
    os.makedirs(data, exist_ok=True)
    for i in range(1, charts + 1):
        cid = chart_id(i)
        rng = Rng(100000 + i)
        kind = CHART_KINDS[i % len(CHART_KINDS)]
        rows = ["period,a,b,c,margin"]
        for year in range(2015, 2023):
            a, b, c = 200 + rng.below(800), 100 + rng.below(600), 50 + rng.below(300)
            rows.append(f"FY{year},{a},{b},{c},{5 + rng.below(10)}.{rng.below(10)}")
        write(os.path.join(data, f"{cid}.csv"), "\n".join(rows) + "\n")
        write(os.path.join(data, f"{cid}.toml"), "source = \"bench\"\n\n" + "".join(
            f"[columns.{col}]\nunit = \"{unit}\"\nlabel = \"series-{col}\"\n\n"
            for col, unit in (("a", "oku_yen"), ("b", "oku_yen"), ("c", "oku_yen"), ("margin", "percent"))))
        spec = f'[[chart]]\nid = "{cid}"\nkind = "{kind}"\ndata = "{cid}"\n'
        spec += 'series = ["a", "b"]\nline = ["margin"]\n' if kind == "bar-line" else 'series = ["a", "b", "c"]\n'
        spec += f'title = "chart-{cid}"\n'
        chart_defs.append(spec)
        ftl["ja"].append(f"chart-{cid} = グラフ {i}")
        ftl["en"].append(f"chart-{cid} = Chart {i}")
    write(os.path.join(data, "charts.toml"), "\n".join(chart_defs))
    for lang in ("ja", "en"):
        # The interface strings of the repository (chart captions, axis and status words, …)
        # come along, so the synthetic site stays buildable as the chart strings evolve; the
        # benchmark's own keys are added where the repository does not define them.
        defined = set()
        src = os.path.join(LOCALES, lang)
        for name in sorted(os.listdir(src)) if os.path.isdir(src) else []:
            if name.endswith(".ftl"):
                with open(os.path.join(src, name), encoding="utf-8") as f:
                    text = f.read()
                write(os.path.join(out, "locales", lang, name), text)
                defined.update(line.split("=", 1)[0].strip() for line in text.splitlines() if "=" in line and line[:1].isalpha())
        own = [entry for entry in ftl[lang] if entry.split(" = ", 1)[0] not in defined]
        write(os.path.join(out, "locales", lang, "bench.ftl"), "\n".join(own) + "\n")


# ---------------------------------------------------------------- hugo

HUGO_CONFIG = """baseURL = "https://bench.example.com/"
defaultContentLanguage = "ja"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = true

[languages.ja]
languageName = "日本語"
title = "ベンチマーク IR サイト"
contentDir = "content/ja"
weight = 1

[languages.en]
languageName = "English"
title = "Benchmark IR site"
contentDir = "content/en"
weight = 2

[markup.goldmark.renderer]
unsafe = true
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ block "title" . }}{{ .Title }} | {{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav aria-label="{{ if eq .Language.Lang "ja" }}言語{{ else }}Language{{ end }}">{{ $cur := .Language.Lang }}{{ range .AllTranslations }}{{ if eq .Language.Lang $cur }}<span lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</span>{{ else }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }} {{ end }}</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="prev">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}" rel="next">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
""",
    "_default/list.html": """{{ define "title" }}{{ .Site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Site.RegularPages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
""",
}


def gen_hugo(out, pages):
    write(os.path.join(out, "hugo.toml"), HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        write(os.path.join(out, "layouts", name), text)
    write(os.path.join(out, "static", "site.css"), "body{font-family:sans-serif;max-width:48rem;margin:auto}\n")
    for lang in ("ja", "en"):
        home = "+++\ntitle = \"%s\"\ndescription = \"%s\"\nweight = 0\n+++\n\n%s\n" % (
            title(0, lang), description(0, lang), (ja_paragraph(Rng(7), 120) if lang == "ja" else en_paragraph(Rng(7), 60)))
        write(os.path.join(out, "content", lang, "_index.md"), home)
        for i in range(1, pages + 1):
            # translationKey pairs the twins the way irsite pairs them by file name.
            front = '+++\ntitle = "%s"\ndescription = "%s"\nweight = %d\ntranslationKey = "p%05d"\nslug = "page-%05d"\n+++\n\n' % (
                title(i, lang), description(i, lang), i, i, i)
            write(os.path.join(out, "content", lang, f"page-{i:05d}.md"), front + page_body(i, lang, None, "hugo"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True, help="pages per language (besides the home page)")
    ap.add_argument("--charts", type=int, default=0, help="charts, one per page from the first (irsite only)")
    ap.add_argument("--flavor", choices=["irsite", "hugo"], default="irsite")
    ap.add_argument("--out", required=True, help="folder to create (replaced if it exists)")
    args = ap.parse_args()
    if args.charts > args.pages:
        sys.exit("--charts cannot exceed --pages (one chart per page)")
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    if args.flavor == "irsite":
        gen_irsite(args.out, args.pages, args.charts)
    else:
        gen_hugo(args.out, args.pages)


if __name__ == "__main__":
    main()
