// Check 4: the Japanese and English trees mirror each other, and every page
// says so: <html lang>, hreflang alternates both ways plus x-default, and a
// language switcher (a[hreflang] inside .lang-switch) that links to the twin.
// A Japanese entry declared Japanese only (<html data-english-status="japanese-only">) has
// no English twin and no English alternate; its switcher links to an English page that exists.

const LANGS = ['ja', 'en'];
const primary = (tag) => (tag || '').trim().toLowerCase().split('-')[0];

// Resolves an alternate/switcher href to a site file. Absolute URLs on
// another origin (a production base URL) are compared by path.
function target(site, href, fromRel) {
  let r = site.resolve(href, fromRel);
  if (r.type === 'external') {
    const u = new URL(r.url);
    r = site.resolve(u.pathname + u.search + u.hash, fromRel);
  }
  if (r.type !== 'internal') return { file: null, shown: href };
  return { file: r.file, shown: r.file || r.pathname };
}

export function checkParity(site, report) {
  const pages = site.htmlFiles.filter((f) => LANGS.some((l) => f.startsWith(l + '/')));
  const counts = Object.fromEntries(LANGS.map((l) => [l, pages.filter((p) => p.startsWith(l + '/')).length]));
  for (const l of LANGS) {
    if (counts[l] === 0) report.problem(`${l}/`, `no pages under /${l}/`);
  }
  for (const page of pages) {
    const lang = page.slice(0, 2);
    const other = LANGS.find((l) => l !== lang);
    const rest = page.slice(3);
    const twin = `${other}/${rest}`;
    const doc = site.doc(page);
    const japaneseOnly = lang === 'ja' && doc.englishStatus === 'japanese-only';
    if (japaneseOnly) {
      if (site.fileSet.has(twin)) report.problem(page, `declared Japanese only, but ${twin} exists`);
    } else if (!site.fileSet.has(twin)) report.problem(page, `missing twin: ${twin} does not exist`);
    if (primary(doc.htmlLang) !== lang) {
      report.problem(page, `<html lang="${doc.htmlLang ?? ''}"> does not match its /${lang}/ tree`);
    }
    // hreflang alternates
    const byLang = new Map();
    for (const a of doc.alternates) {
      const key = a.hreflang.trim().toLowerCase() === 'x-default' ? 'x-default' : primary(a.hreflang);
      if (!byLang.has(key)) byLang.set(key, a);
    }
    for (const l of LANGS) {
      const expected = `${l}/${rest}`;
      const a = byLang.get(l);
      if (japaneseOnly && l === other) {
        if (a) report.problem(`${page}:${a.line}`, `declared Japanese only, but has <link rel="alternate" hreflang="${a.hreflang}">`);
        continue;
      }
      if (!a) {
        if (l === other) report.problem(page, `no <link rel="alternate" hreflang="${l}"> pointing at ${expected}`);
        continue;
      }
      const t = target(site, a.href, page);
      if (t.file !== expected) {
        report.problem(`${page}:${a.line}`, `<link rel="alternate" hreflang="${a.hreflang}" href="${a.href}"> points at ${t.shown}, expected ${expected}`);
      }
    }
    const xd = byLang.get('x-default');
    if (!xd) {
      report.problem(page, 'no <link rel="alternate" hreflang="x-default">');
    } else {
      const t = target(site, xd.href, page);
      if (!t.file) report.problem(`${page}:${xd.line}`, `x-default alternate "${xd.href}" does not resolve to a page of the site`);
      else if (site.fileSet.has(twin)) {
        const txd = site.doc(twin).alternates.find((a) => a.hreflang.trim().toLowerCase() === 'x-default');
        if (txd) {
          const tt = target(site, txd.href, twin);
          if (tt.file && tt.file !== t.file) {
            report.problem(`${page}:${xd.line}`, `x-default points at ${t.file} but its twin's points at ${tt.file}`);
          }
        }
      }
    }
    // language switcher
    if (doc.langSwitchCount === 0) {
      report.problem(page, 'no language switcher (element with class "lang-switch")');
    } else {
      const links = doc.langSwitch.filter((s) => primary(s.hreflang) === other);
      if (!links.length) {
        report.problem(page, `language switcher has no a[hreflang="${other}"]`);
      }
      for (const s of doc.langSwitch) {
        const l = primary(s.hreflang);
        if (!LANGS.includes(l)) continue;
        if (s.href === null && l === lang) continue;
        const expected = `${l}/${rest}`;
        const t = s.href === null ? { file: null, shown: '(no href)' } : target(site, s.href, page);
        if (japaneseOnly && l === other) {
          if (!t.file || !site.fileSet.has(t.file)) {
            report.problem(`${page}:${s.line}`, `language switcher a[hreflang="${s.hreflang}"] links to ${t.shown}, not a page of the site`);
          }
          continue;
        }
        if (t.file !== expected) {
          report.problem(`${page}:${s.line}`, `language switcher a[hreflang="${s.hreflang}"] links to ${t.shown}, expected ${expected}`);
        }
      }
    }
  }
  report.note(`${counts.ja} ja and ${counts.en} en pages`);
}
