// Check 2: every local reference resolves to a file and every #fragment to
// an element of its target. External links are listed, never fetched.

function describe(ref) {
  if (ref.attr === 'url()' || ref.attr === '@import' || ref.attr === 'style url()') {
    return `${ref.attr === 'style url()' ? `<${ref.tag} style>` : ref.tag === 'style' ? '<style>' : 'css'} ${ref.attr === '@import' ? '@import' : 'url()'} "${ref.url}"`;
  }
  return `<${ref.tag} ${ref.attr}="${ref.url}">`;
}

export function checkLinks(site, report) {
  const external = new Map();
  let checked = 0;
  const visit = (fromRel, ref) => {
    const r = site.resolve(ref.url, fromRel);
    const where = `${fromRel}:${ref.line}`;
    if (r.type === 'skip') return;
    checked++;
    if (r.type === 'external') {
      if (!external.has(r.url)) external.set(r.url, where);
      return;
    }
    if (r.type === 'invalid') { report.problem(where, `${describe(ref)}: ${r.reason}`); return; }
    if (r.type === 'outside') {
      report.problem(where, `${describe(ref)}: path ${r.pathname} is outside the site's base path ${site.basePath}`);
      return;
    }
    if (!r.file) {
      report.problem(where, `${describe(ref)}: no such file ${r.rel === '' || r.rel.endsWith('/') ? r.rel + 'index.html' : r.rel}`);
      return;
    }
    if (r.fragment && r.fragment !== 'top') {
      const ids = site.idsOf(r.file);
      if (ids && !ids.has(r.fragment)) {
        report.problem(where, `${describe(ref)}: no element with id "${r.fragment}" in ${r.file}`);
      }
    }
  };
  for (const f of [...site.htmlFiles, ...site.svgFiles]) {
    for (const ref of site.doc(f).refs) visit(f, ref);
  }
  for (const f of site.cssFiles) {
    for (const ref of site.css(f)) {
      visit(f, { url: ref.url, line: ref.line, tag: 'css', attr: ref.isImport ? '@import' : 'url()' });
    }
  }
  report.note(`${checked} references checked, ${external.size} external`);
  if (site.siteBase) report.note(`links to ${site.siteBase} (from ${site.siteBaseSource}) checked as the site's own`);
  for (const [url, where] of [...external].sort()) report.info(`external (not fetched): ${url}  (first in ${where})`);
}
