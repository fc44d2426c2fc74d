// The built site on disk: its files, their parsed contents, and how a URL
// found in one of them maps back to a file.
import fs from 'node:fs';
import path from 'node:path';
import { analyse, cssRefs } from './html.mjs';

// Host part of the URL used to resolve relative references. It never
// reaches the network; only the path matters.
export const LOCAL_ORIGIN = 'http://site.local';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const SKIP_SCHEMES = new Set(['mailto:', 'tel:', 'data:', 'javascript:', 'about:', 'blob:', 'urn:', 'sms:']);

export function isLoopbackHost(hostname) {
  return LOOPBACK.has(hostname) || /^127\./.test(hostname);
}

export function normaliseBasePath(p) {
  let b = p || '/';
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b;
}

function walk(dir, rel = '') {
  const out = [];
  for (const ent of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${ent.name}` : ent.name;
    if (ent.isDirectory()) out.push(...walk(dir, r));
    else if (ent.isFile()) out.push(r);
  }
  return out;
}

function safeDecode(s) {
  try { return decodeURIComponent(s); } catch { return s; }
}

export class Site {
  constructor(root, { basePath = '/', siteUrl = null } = {}) {
    this.root = path.resolve(root);
    this.basePath = normaliseBasePath(basePath);
    this.files = walk(this.root).sort();
    this.fileSet = new Set(this.files);
    this.docs = new Map();
    this.cssCache = new Map();
    // An absolute URL prefix that also means "this site" (the production
    // base URL): given, or read from the pages' rel=canonical links.
    this.siteBase = null;
    this.siteBaseSource = null;
    if (siteUrl) {
      this.siteBase = new URL(siteUrl).href.replace(/\/?$/, '/');
      this.siteBaseSource = '--site-url';
    } else {
      this.siteBase = this.baseFromCanonical();
      if (this.siteBase) this.siteBaseSource = 'rel=canonical';
    }
    // Parsed once here: resolve() compares every reference with it.
    this.siteBaseUrl = this.siteBase ? new URL(this.siteBase) : null;
  }

  baseFromCanonical() {
    const votes = new Map();
    for (const rel of this.htmlFiles) {
      const c = this.doc(rel).canonical;
      if (!c) continue;
      let u;
      try { u = new URL(c); } catch { continue; }
      if (!/^https?:$/.test(u.protocol) || isLoopbackHost(u.hostname)) continue;
      const own = safeDecode(this.urlPath(rel).slice(this.basePath.length));
      const p = safeDecode(u.pathname);
      if (!p.endsWith(own)) continue;
      const base = u.origin + encodeURI(p.slice(0, p.length - own.length).replace(/\/?$/, '/'));
      votes.set(base, (votes.get(base) || 0) + 1);
    }
    let best = null;
    for (const [b, n] of votes) if (!best || n > votes.get(best)) best = b;
    return best;
  }

  get htmlFiles() { return this.files.filter((f) => /\.html?$/i.test(f)); }
  get svgFiles() { return this.files.filter((f) => /\.svg$/i.test(f)); }
  get cssFiles() { return this.files.filter((f) => /\.css$/i.test(f)); }

  abs(rel) { return path.join(this.root, rel); }
  size(rel) { return fs.statSync(this.abs(rel)).size; }
  read(rel) { return fs.readFileSync(this.abs(rel), 'utf8'); }

  // URL path under which a file is served (index.html as its directory).
  urlPath(rel) {
    const enc = rel.split('/').map(encodeURIComponent).join('/');
    return this.basePath + enc.replace(/(^|\/)index\.html$/, '$1');
  }

  doc(rel) {
    if (!this.docs.has(rel)) {
      const svg = /\.svg$/i.test(rel);
      this.docs.set(rel, analyse(this.read(rel), { svg }));
    }
    return this.docs.get(rel);
  }

  // References of a stylesheet to other files. `url(#id)` points into the
  // document that uses the stylesheet (an SVG filter, marker or mask), not at
  // a file, and is left out.
  css(rel) {
    if (!this.cssCache.has(rel)) {
      this.cssCache.set(rel, cssRefs(this.read(rel)).filter((ref) => !ref.url.trim().startsWith('#')));
    }
    return this.cssCache.get(rel);
  }

  // Base URL for relative references found in file `rel`.
  baseFor(rel) {
    const fileUrl = LOCAL_ORIGIN + this.basePath + rel.split('/').map(encodeURIComponent).join('/');
    const d = /\.html?$/i.test(rel) ? this.doc(rel) : null;
    if (d && d.baseHref) {
      try { return new URL(d.baseHref, fileUrl).href; } catch { /* fall through */ }
    }
    return fileUrl;
  }

  // Classifies a reference found in file `fromRel`.
  // Returns {type: 'skip'|'external'|'outside'|'internal'|'invalid', ...}
  resolve(raw, fromRel, base = null) {
    const value = raw.trim();
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(value);
    if (scheme && SKIP_SCHEMES.has(scheme[1].toLowerCase())) return { type: 'skip' };
    let u;
    try {
      u = new URL(value, base || this.baseFor(fromRel));
    } catch {
      return { type: 'invalid', reason: 'not a valid URL' };
    }
    if (this.siteBaseUrl && u.origin === this.siteBaseUrl.origin) {
      // A link to the production URL of a page: map it onto the local tree.
      const sitePath = this.siteBaseUrl.pathname;
      if (!u.pathname.startsWith(sitePath) && u.pathname + '/' !== sitePath) {
        return { type: 'outside', pathname: u.href, fragment: null };
      }
      u = new URL(this.basePath + u.pathname.slice(sitePath.length) + u.search + u.hash, LOCAL_ORIGIN);
    }
    const local = u.origin === LOCAL_ORIGIN
      || ((u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname));
    if (!local) {
      if (u.protocol === 'http:' || u.protocol === 'https:') return { type: 'external', url: u.href };
      return { type: 'skip' };
    }
    const pathname = u.pathname;
    const fragment = u.hash ? safeDecode(u.hash.slice(1)) : null;
    if (!pathname.startsWith(this.basePath) && pathname + '/' !== this.basePath) {
      return { type: 'outside', pathname, fragment };
    }
    let rel = safeDecode(pathname.slice(this.basePath.length));
    let file = null;
    if (rel === '' || rel.endsWith('/')) {
      if (this.fileSet.has(rel + 'index.html')) file = rel + 'index.html';
    } else if (this.fileSet.has(rel)) {
      file = rel;
    } else if (this.fileSet.has(rel + '/index.html')) {
      file = rel + '/index.html';
    }
    return { type: 'internal', pathname, rel, file, fragment };
  }

  // ids defined in a document (HTML or SVG); null for other file types.
  idsOf(rel) {
    if (/\.(html?|svg)$/i.test(rel)) return this.doc(rel).ids;
    return null;
  }
}
