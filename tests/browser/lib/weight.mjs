// Check 6: page weight (HTML + the CSS and SVG it loads, fonts excluded)
// and no JavaScript anywhere in the output.

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

export function checkWeight(site, report, { maxBytes = 200000 } = {}) {
  // CSS files reachable from a stylesheet (through @import), and the SVG they use.
  const cssClosure = (rel, seenCss, svgs) => {
    if (seenCss.has(rel)) return;
    seenCss.add(rel);
    for (const ref of site.css(rel)) {
      const r = site.resolve(ref.url, rel);
      if (r.type !== 'internal' || !r.file) continue;
      if (/\.css$/i.test(r.file)) cssClosure(r.file, seenCss, svgs);
      else if (/\.svg$/i.test(r.file)) svgs.add(r.file);
    }
  };
  let heaviest = null;
  for (const page of site.htmlFiles) {
    const css = new Set();
    const svgs = new Set();
    for (const ref of site.doc(page).refs) {
      if (ref.kind === 'link') continue;
      const r = site.resolve(ref.url, page);
      if (r.type !== 'internal' || !r.file || r.file === page) continue;
      if (/\.css$/i.test(r.file) && (ref.kind === 'stylesheet' || ref.kind === 'resource')) cssClosure(r.file, css, svgs);
      else if (/\.svg$/i.test(r.file)) svgs.add(r.file);
    }
    const htmlBytes = site.size(page);
    const cssBytes = [...css].reduce((a, f) => a + site.size(f), 0);
    const svgBytes = [...svgs].reduce((a, f) => a + site.size(f), 0);
    const total = htmlBytes + cssBytes + svgBytes;
    if (!heaviest || total > heaviest.total) heaviest = { page, total };
    if (total > maxBytes) {
      report.problem(page, `page weight ${kB(total)} exceeds ${kB(maxBytes)} (HTML ${kB(htmlBytes)} + ${css.size} CSS ${kB(cssBytes)} + ${svgs.size} SVG ${kB(svgBytes)})`);
    }
  }
  for (const f of site.files) {
    if (/\.(js|mjs|cjs)$/i.test(f)) report.problem(f, 'JavaScript file in the output');
  }
  for (const f of [...site.htmlFiles, ...site.svgFiles]) {
    for (const s of site.doc(f).scripts) report.problem(`${f}:${s.line}`, `JavaScript in the output: ${s.what}`);
  }
  if (heaviest) report.note(`${site.htmlFiles.length} pages, heaviest ${heaviest.page} at ${kB(heaviest.total)}, limit ${kB(maxBytes)}`);
}
