// Checks 3 (accessibility with axe-core) and 5 (rendering), one pass of
// headless Chromium over every page, served by the harness's own server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { isLoopbackHost } from './site.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };

const shotName = (rel, width) => `${rel.replace(/\.html?$/i, '').split('/').join('__')}.${width}.png`;

async function checkPage(context, site, rel, origin, shotsDir, a11y, render) {
  const page = await context.newPage();
  const consoleErrors = [];
  const failed = new Map(); // url -> reason (an HTTP error status wins over the abort that follows it)
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // Resource failures are reported once, as failed requests.
    if (/^Failed to load resource/.test(text)) return;
    consoleErrors.push(text);
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText || 'failed';
    if (!failed.has(r.url())) failed.set(r.url(), /BLOCKED_BY_CLIENT/.test(why) ? 'blocked: not the local test server' : why);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) failed.set(r.url(), `HTTP ${r.status()}`);
  });
  const url = origin + site.urlPath(rel);
  try {
    await page.setViewportSize(WIDE);
    const resp = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    if (!resp || !resp.ok()) render.problem(rel, `page did not load: HTTP ${resp ? resp.status() : 'no response'} for ${url}`);
    await page.evaluate(() => document.fonts.ready.then(() => true));
    await fullPageShot(page, path.join(shotsDir, shotName(rel, WIDE.width)), WIDE);

    // Accessibility, at the wide viewport.
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' > ') : t)).join(' | ')),
      }));
    }, AXE_TAGS);
    for (const v of violations) {
      const shown = v.nodes.slice(0, 5).join(', ');
      const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : '';
      a11y.problem(rel, `${v.id} (${v.impact}): ${v.help} at ${shown}${more}`);
    }

    // Narrow viewport: no horizontal overflow.
    await page.setViewportSize(NARROW);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const m = await page.evaluate(() => {
      const vw = window.innerWidth;
      const sw = document.documentElement.scrollWidth;
      const culprits = [];
      if (sw > vw) {
        const describe = (el) => {
          let s = el.tagName.toLowerCase();
          if (el.id) s += `#${el.id}`;
          if (el.classList.length) s += '.' + [...el.classList].join('.');
          return s;
        };
        const clipped = (el) => {
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') return true;
          }
          return false;
        };
        const sticksOut = (el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > vw + 0.5 && !clipped(el);
        };
        for (const el of document.body.querySelectorAll('*')) {
          if (!sticksOut(el)) continue;
          if (el.parentElement && el.parentElement !== document.body && sticksOut(el.parentElement)) continue;
          const r = el.getBoundingClientRect();
          culprits.push(`${describe(el)} (x ${Math.round(r.left)}..${Math.round(r.right)})`);
          if (culprits.length >= 5) break;
        }
      }
      return { vw, sw, culprits };
    });
    if (m.sw !== m.vw) {
      render.problem(rel, `horizontal overflow at ${NARROW.width} px: document is ${m.sw} px wide${m.culprits.length ? `; sticking out: ${m.culprits.join(', ')}` : ''}`);
    }
    await fullPageShot(page, path.join(shotsDir, shotName(rel, NARROW.width)), NARROW);
  } catch (e) {
    render.problem(rel, `browser error: ${String(e.message || e).split('\n')[0]}`);
  } finally {
    await page.close().catch(() => {});
  }
  for (const c of consoleErrors) render.problem(rel, `console error: ${c}`);
  for (const [u, why] of failed) render.problem(rel, `failed request: ${u} (${why})`);
}

export async function checkInBrowser(site, a11y, render, { origin, artifacts, jobs = 2, executablePath = '/usr/bin/chromium' }) {
  const pages = site.htmlFiles;
  const shotsDir = path.join(artifacts, 'screenshots');
  fs.rmSync(shotsDir, { recursive: true, force: true });
  fs.mkdirSync(shotsDir, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-checks-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath, headless: true, args: CHROMIUM_ARGS, viewport: WIDE, timeout: 60000,
      serviceWorkers: 'block',
    });
  } catch (e) {
    const msg = `cannot start Chromium at ${executablePath}: ${String(e.message || e).split('\n')[0]}`;
    a11y.problem('(browser)', msg);
    render.problem('(browser)', msg);
    fs.rmSync(userDataDir, { recursive: true, force: true });
    return;
  }
  try {
    const local = new URL(origin);
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.origin === local.origin) return route.continue();
      // The site may be built with an absolute loopback base URL on another
      // port: send those to the test server too.
      if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) {
        return route.continue({ url: origin + u.pathname + u.search });
      }
      // Absolute links to the production base URL are served locally too.
      if (site.siteBase && u.href.startsWith(site.siteBase)) {
        const local = origin + site.basePath + u.href.slice(site.siteBase.length).replace(/#.*$/, '');
        return route.fetch({ url: local }).then((response) => route.fulfill({ response }), () => route.abort('failed'));
      }
      return route.abort('blockedbyclient');
    });
    const queue = [...pages];
    const worker = async () => {
      while (queue.length) {
        const rel = queue.shift();
        await checkPage(context, site, rel, origin, shotsDir, a11y, render);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  a11y.note(`${pages.length} pages, axe-core tags ${AXE_TAGS.join(', ')}`);
  render.note(`${pages.length} pages at ${WIDE.width} and ${NARROW.width} px, screenshots in ${path.relative(process.cwd(), shotsDir).startsWith('..') ? shotsDir : path.relative(process.cwd(), shotsDir)}`);
}

// Pages are checked two at a time in one browser window, but only the front tab is painted
// properly: a capture of a background tab can come out as tiles of another surface. Captures
// therefore take turns, each bringing its page to the front and sizing the viewport to the
// whole page (a plain capture, not Playwright's stitched `fullPage`).
let shotQueue = Promise.resolve();
function fullPageShot(page, file, viewport) {
  const turn = shotQueue.then(async () => {
    await page.bringToFront();
    const height = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
    await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 16000) });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: file });
    await page.setViewportSize(viewport);
  });
  shotQueue = turn.catch(() => {});
  return turn;
}
