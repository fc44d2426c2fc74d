// Runs the six quality checks on a built site directory.
// Usage: node check-site.mjs SITE_DIR [--base-path /ir/] [options]  (see run.sh)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Site, normaliseBasePath } from './lib/site.mjs';
import { startServer } from './lib/server.mjs';
import { checkValidity } from './lib/validity.mjs';
import { checkLinks } from './lib/links.mjs';
import { checkInBrowser } from './lib/browser.mjs';
import { checkParity } from './lib/parity.mjs';
import { checkWeight } from './lib/weight.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const USAGE = `usage: run.sh SITE_DIR [--base-path /ir/] [--site-url URL] [--artifacts DIR]
                     [--only 1,2,...] [--jobs N] [--max-page-kb 200]
  --base-path    URL path the site was built for (default /)
  --site-url     an absolute base URL whose links also count as the site's own
  --artifacts    where screenshots and the report go (default tests/browser/artifacts)
  --only         run only these checks (1 validity, 2 links, 3 a11y, 4 parity, 5 render, 6 weight)
  --jobs         pages rendered at the same time (default 2)
  --max-page-kb  page weight limit in kB of 1000 bytes (default 200)`;

function parseArgs(argv) {
  const opts = { basePath: '/', siteUrl: null, artifacts: path.join(HERE, 'artifacts'), only: null, jobs: 2, maxKb: 200 };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    const value = () => {
      if (inline !== null) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--base-path': opts.basePath = value(); break;
      case '--site-url': opts.siteUrl = value(); break;
      case '--artifacts': opts.artifacts = path.resolve(value()); break;
      case '--only': opts.only = new Set(value().split(',').map((s) => Number(s.trim()))); break;
      case '--jobs': opts.jobs = Number(value()); break;
      case '--max-page-kb': opts.maxKb = Number(value()); break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default:
        if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
        rest.push(a);
    }
  }
  if (rest.length !== 1) throw new Error('expected exactly one SITE_DIR');
  opts.siteDir = rest[0];
  opts.basePath = normaliseBasePath(opts.basePath);
  return opts;
}

class Report {
  constructor(num, name) {
    Object.assign(this, { num, name, problems: [], notes: [], infos: [] });
  }
  problem(where, what) { this.problems.push(`${where}: ${what}`); }
  note(text) { this.notes.push(text); }
  info(text) { this.infos.push(text); }
  get ok() { return this.problems.length === 0; }
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`run.sh: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(opts.siteDir) || !fs.statSync(opts.siteDir).isDirectory()) {
    console.error(`run.sh: ${opts.siteDir} is not a directory`);
    return 2;
  }
  const started = Date.now();
  const site = new Site(opts.siteDir, { basePath: opts.basePath, siteUrl: opts.siteUrl });
  fs.mkdirSync(opts.artifacts, { recursive: true });
  const reports = [
    new Report(1, 'validity'), new Report(2, 'links'), new Report(3, 'accessibility'),
    new Report(4, 'bilingual parity'), new Report(5, 'rendering'), new Report(6, 'page weight / no JavaScript'),
  ];
  const [r1, r2, r3, r4, r5, r6] = reports;
  const want = (n) => !opts.only || opts.only.has(n);
  console.log(`site checks on ${path.resolve(opts.siteDir)} (base path ${opts.basePath}, ${site.htmlFiles.length} pages)`);

  const guard = async (reps, fn) => {
    try { await fn(); } catch (e) {
      for (const r of reps) r.problem('(harness)', `check crashed: ${e.stack || e}`);
    }
  };
  const vnu = want(1) ? guard([r1], () => checkValidity(site, r1)) : Promise.resolve();
  if (want(2)) await guard([r2], () => checkLinks(site, r2));
  if (want(4)) await guard([r4], () => checkParity(site, r4));
  if (want(6)) await guard([r6], () => checkWeight(site, r6, { maxBytes: opts.maxKb * 1000 }));
  if (want(3) || want(5)) {
    await guard([r3, r5], async () => {
      const server = await startServer(site.root, opts.basePath);
      try {
        await checkInBrowser(site, r3, r5, { origin: server.origin, artifacts: opts.artifacts, jobs: opts.jobs });
      } finally {
        await server.close();
      }
    });
  }
  await vnu;

  const lines = [];
  let passed = 0;
  let failed = 0;
  for (const r of reports) {
    if (!want(r.num)) continue;
    const tag = `[${r.num} ${r.name}]`;
    for (const p of r.problems) lines.push(`FAIL ${tag} ${p}`);
    for (const i of r.infos) lines.push(`     ${tag} ${i}`);
    const detail = [r.ok ? null : `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`, ...r.notes].filter(Boolean).join('; ');
    lines.push(`check ${r.num} ${r.name}: ${r.ok ? 'PASS' : 'FAIL'}${detail ? ` (${detail})` : ''}`);
    if (r.ok) passed++; else failed++;
  }
  lines.push(`time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  lines.push(`site checks: ${passed} passed, ${failed} failed`);
  const text = lines.join('\n') + '\n';
  process.stdout.write(text);
  fs.writeFileSync(path.join(opts.artifacts, 'report.txt'), text);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e.stack || String(e));
  process.exit(2);
});
