// A small markup scanner for generated HTML and SVG.
// It is not a full HTML5 parser: it reads start and end tags with their
// attributes, keeps a stack of open elements (enough to answer "is this
// element inside that one"), skips comments, and returns the raw text of
// <style> and <script>. Well-formedness is the validator's job (check 1).

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta',
  'param', 'source', 'track', 'wbr', 'keygen',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (m, body) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X'
        ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      try { return String.fromCodePoint(cp); } catch { return m; }
    }
    const v = NAMED[body.toLowerCase()];
    return v === undefined ? m : v;
  });
}

function lineIndex(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  };
}

const ATTR_RE = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;

// Calls visit(event) for each tag; events:
//   {type:'start', name, attrs: Map, line, ancestors: [element...], selfClosing}
//   {type:'end', name, line}
//   {type:'text', parent, text, line}  (raw text of style/script and CDATA)
export function scan(text, visit) {
  const lineOf = lineIndex(text);
  const stack = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      const body = text.slice(lt + 9, end < 0 ? n : end);
      visit({ type: 'text', parent: stack[stack.length - 1] || null, text: body, line: lineOf(lt) });
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (text[lt + 1] === '!' || text[lt + 1] === '?') {
      const end = text.indexOf('>', lt);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (text[lt + 1] === '/') {
      const m = /^<\/([a-zA-Z][^\s\/>]*)[^>]*>/.exec(text.slice(lt, lt + 200));
      if (!m) { i = lt + 1; continue; }
      const name = m[1].toLowerCase();
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].name === name) { stack.length = k; break; }
      }
      visit({ type: 'end', name, line: lineOf(lt) });
      i = lt + m[0].length;
      continue;
    }
    const nm = /^<([a-zA-Z][^\s\/>]*)/.exec(text.slice(lt, lt + 100));
    if (!nm) { i = lt + 1; continue; }
    const name = nm[1].toLowerCase();
    let j = lt + nm[0].length;
    const attrs = new Map();
    let selfClosing = false;
    for (;;) {
      while (j < n && /\s/.test(text[j])) j++;
      if (j >= n) break;
      if (text[j] === '>') { j++; break; }
      if (text[j] === '/' && text[j + 1] === '>') { selfClosing = true; j += 2; break; }
      if (text[j] === '/') { j++; continue; }
      ATTR_RE.lastIndex = j;
      const am = ATTR_RE.exec(text);
      if (!am || am[0].length === 0) { j++; continue; }
      const an = am[1].toLowerCase();
      const av = am[2] ?? am[3] ?? am[4] ?? '';
      if (!attrs.has(an)) attrs.set(an, decodeEntities(av));
      j = ATTR_RE.lastIndex;
    }
    const line = lineOf(lt);
    const el = { name, attrs, line, classes: new Set((attrs.get('class') || '').split(/\s+/).filter(Boolean)) };
    visit({ type: 'start', name, attrs, line, ancestors: stack.slice(), selfClosing, element: el });
    i = j;
    if (selfClosing || VOID.has(name)) continue;
    if (RAW_TEXT.has(name)) {
      const re = new RegExp(`</${name}[\\s>/]`, 'ig');
      re.lastIndex = i;
      const m = re.exec(text);
      const end = m ? m.index : n;
      visit({ type: 'text', parent: el, text: text.slice(i, end), line: lineOf(i) });
      const close = m ? text.indexOf('>', end) : n;
      visit({ type: 'end', name, line: lineOf(end) });
      i = close < 0 ? n : close + 1;
      continue;
    }
    stack.push(el);
  }
}

// CSS references: url(...) and @import "...". Returns [{url, line}] with
// line numbers relative to the start of the given text.
export function cssRefs(css, firstLine = 1) {
  const out = [];
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const lineOf = lineIndex(clean);
  const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi;
  let m;
  while ((m = re.exec(clean))) {
    const url = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    out.push({ url: url.replace(/\\(.)/g, '$1'), line: firstLine + lineOf(m.index) - 1, isImport: m[0][0] === '@' });
  }
  return out;
}

// srcset="a.png 1x, b.png 2x" -> ['a.png', 'b.png']
export function srcsetUrls(value) {
  const urls = [];
  let i = 0;
  const s = value;
  while (i < s.length) {
    while (i < s.length && /[\s,]/.test(s[i])) i++;
    if (i >= s.length) break;
    let j = i;
    while (j < s.length && !/\s/.test(s[j])) j++;
    let url = s.slice(i, j);
    let ended = false;
    while (url.endsWith(',')) { url = url.slice(0, -1); ended = true; }
    if (url) urls.push(url);
    i = j;
    if (ended) continue;
    let depth = 0;
    while (i < s.length) {
      if (s[i] === '(') depth++;
      else if (s[i] === ')') depth = Math.max(0, depth - 1);
      else if (s[i] === ',' && depth === 0) { i++; break; }
      i++;
    }
  }
  return urls;
}

// Which attributes hold URLs, and whether the reference is a resource the
// page loads (counted for page weight) or a link/navigation target.
const URL_ATTRS = {
  a: [['href', 'link']],
  area: [['href', 'link']],
  link: [['href', 'link-el']],
  img: [['src', 'resource'], ['srcset', 'srcset']],
  source: [['src', 'resource'], ['srcset', 'srcset']],
  script: [['src', 'resource']],
  iframe: [['src', 'resource']],
  embed: [['src', 'resource']],
  object: [['data', 'resource']],
  video: [['src', 'resource'], ['poster', 'resource']],
  audio: [['src', 'resource']],
  track: [['src', 'resource']],
  input: [['src', 'resource']],
  use: [['href', 'resource'], ['xlink:href', 'resource']],
  image: [['href', 'resource'], ['xlink:href', 'resource']],
  feimage: [['href', 'resource'], ['xlink:href', 'resource']],
  form: [['action', 'link']],
  blockquote: [['cite', 'link']],
  q: [['cite', 'link']],
};
const SVG_LINK = new Set(['a']);

// Parses one HTML or SVG document into the facts the checks need.
export function analyse(text, { svg = false } = {}) {
  const doc = {
    ids: new Set(),
    refs: [],          // {url, line, tag, attr, kind: link|resource|stylesheet|css}
    alternates: [],    // <link rel=alternate hreflang>
    langSwitch: [],    // a[hreflang] inside .lang-switch
    langSwitchCount: 0,
    htmlLang: null,
    englishStatus: null, // <html data-english-status>: a Japanese entry's English disclosure status
    baseHref: null,
    canonical: null,   // href of <link rel=canonical>
    scripts: [],       // {line, what}
    title: null,
  };
  scan(text, (ev) => {
    if (ev.type === 'text') {
      const p = ev.parent ? ev.parent.name : '';
      if (p === 'style') {
        for (const r of cssRefs(ev.text, ev.line)) {
          doc.refs.push({ url: r.url, line: r.line, tag: 'style', attr: r.isImport ? '@import' : 'url()', kind: r.isImport ? 'stylesheet' : 'css' });
        }
      } else if (p === 'title' && !svg) {
        doc.title = ev.text.trim();
      }
      return;
    }
    if (ev.type !== 'start') return;
    const { name, attrs, line } = ev;
    if (attrs.has('id')) doc.ids.add(attrs.get('id'));
    if (name === 'a' && attrs.has('name')) doc.ids.add(attrs.get('name'));
    if (name === 'html' && attrs.has('lang')) doc.htmlLang = attrs.get('lang');
    if (name === 'html' && attrs.has('data-english-status')) doc.englishStatus = attrs.get('data-english-status');
    if (name === 'base' && attrs.has('href') && doc.baseHref === null) doc.baseHref = attrs.get('href');
    // A JSON-LD data block (structured data, no src) is never run by a browser; any other
    // <script> is JavaScript.
    const dataBlock = name === 'script' && !attrs.has('src') && (attrs.get('type') || '').trim().toLowerCase() === 'application/ld+json';
    if (name === 'script' && !dataBlock) doc.scripts.push({ line, what: attrs.has('src') ? `<script src="${attrs.get('src')}">` : '<script> element' });
    for (const [an, av] of attrs) {
      if (an.startsWith('on') && an.length > 2) doc.scripts.push({ line, what: `event handler attribute ${an}` });
      if (/^\s*javascript:/i.test(av) && ['href', 'src', 'action', 'xlink:href', 'formaction'].includes(an)) {
        doc.scripts.push({ line, what: `javascript: URL in ${an}` });
      }
    }
    if (attrs.has('style')) {
      for (const r of cssRefs(attrs.get('style'), line)) {
        doc.refs.push({ url: r.url, line, tag: name, attr: 'style url()', kind: 'css' });
      }
    }
    let spec = URL_ATTRS[name];
    if (svg && SVG_LINK.has(name)) spec = [['href', 'link'], ['xlink:href', 'link']];
    if (spec) {
      for (const [attr, kind] of spec) {
        if (!attrs.has(attr)) continue;
        const v = attrs.get(attr);
        if (kind === 'srcset') {
          for (const u of srcsetUrls(v)) doc.refs.push({ url: u, line, tag: name, attr, kind: 'resource' });
          continue;
        }
        let k = kind;
        if (kind === 'link-el') {
          const rel = (attrs.get('rel') || '').toLowerCase().split(/\s+/);
          if (rel.includes('stylesheet')) k = 'stylesheet';
          else if (rel.some((r) => ['icon', 'preload', 'apple-touch-icon', 'manifest', 'modulepreload', 'prefetch'].includes(r))) k = 'resource';
          else k = 'link';
          if (rel.includes('canonical') && doc.canonical === null) doc.canonical = v;
          if (rel.includes('alternate') && attrs.has('hreflang')) {
            doc.alternates.push({ hreflang: attrs.get('hreflang'), href: v, line });
          }
        }
        doc.refs.push({ url: v, line, tag: name, attr, kind: k });
      }
    }
    if (name === 'a' && attrs.has('hreflang') && ev.ancestors.some((e) => e.classes.has('lang-switch'))) {
      doc.langSwitch.push({ hreflang: attrs.get('hreflang'), href: attrs.get('href') ?? null, line });
    }
    if (ev.element.classes.has('lang-switch')) doc.langSwitchCount++;
  });
  return doc;
}
