// Check 1: HTML and SVG validity with the Nu Html Checker (vnu.jar).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function vnuJar() {
  const pkgDir = path.dirname(require.resolve('vnu-jar/package.json'));
  return path.join(pkgDir, 'build', 'dist', 'vnu.jar');
}

function runVnu(args) {
  return new Promise((resolve) => {
    const child = spawn('java', ['-Xss8m', '-jar', vnuJar(), '--format', 'json', '--stdout', '--exit-zero-always', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 180000);
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', (e) => { clearTimeout(timer); resolve({ error: `cannot run java: ${e.message}` }); });
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        resolve({ result: JSON.parse(out) });
      } catch {
        resolve({ error: `vnu exited ${code} without a JSON report: ${(err || out).trim().split('\n').slice(0, 3).join(' | ')}` });
      }
    });
  });
}

export async function checkValidity(site, report) {
  const html = site.htmlFiles;
  const svg = site.svgFiles;
  const runs = [];
  if (html.length) runs.push(runVnu(['--html', ...html.map((f) => site.abs(f))]));
  if (svg.length) runs.push(runVnu(['--svg', ...svg.map((f) => site.abs(f))]));
  if (!html.length) report.problem('(site)', 'no .html files found');
  let errors = 0;
  for (const r of await Promise.all(runs)) {
    if (r.error) { report.problem('(vnu)', r.error); continue; }
    for (const m of r.result.messages) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      errors++;
      let file = '(vnu)';
      if (m.url && m.url.startsWith('file:')) {
        file = path.relative(site.root, decodeURIComponent(new URL(m.url).pathname));
      }
      const where = m.lastLine ? `${file}:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? 1}` : file;
      report.problem(where, `${m.type === 'error' ? 'invalid' : 'cannot check'}: ${m.message}`);
    }
  }
  report.note(`${html.length} HTML and ${svg.length} SVG files, ${errors} errors`);
}
