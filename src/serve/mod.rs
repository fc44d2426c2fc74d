//! `irsite serve`: builds the site, serves it on 127.0.0.1 under the same base path as the
//! published site, rebuilds when a source file changes and reloads open pages.
//!
//! Pages get a small script (only here, never in `build` output) that listens for rebuilds on a
//! server-sent event stream. When a rebuild fails, the error is printed and shown over the
//! last good page; the server keeps running and recovers when the file is fixed.
//!
//! It answers only requests that name it (a loopback `Host` with its port), so that another
//! site's page cannot read the preview through DNS rebinding; `http` reads requests within
//! size, time and connection limits.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult};

use crate::config::Config;
use crate::content::{load_page, Page};
use crate::diagnostics::{self, Severity};
use crate::error::{Error, Location, Stage};
use crate::href::decode_path;
use crate::lang::Lang;
use crate::publish::SOURCE_DIRS;
use crate::render::escape_html;
use crate::site::{BuildReport, Site};

mod http;
use http::{Request, Response, Slot};

/// Path below the base path where the reload event stream is served.
const EVENTS_PATH: &str = "__irsite/events";
/// How long the watcher waits for a burst of file events (an editor's save) to end.
const DEBOUNCE: Duration = Duration::from_millis(40);

pub struct Options {
    pub root: PathBuf,
    pub port: u16,
    pub quiet: bool,
    pub verbose: bool,
}

/// What the server shows: the last good build, and the error of the last build if it failed.
struct State {
    /// Held for reading while a request reads the output, for writing while a rebuild
    /// changes it in place or swaps it: no answer comes from a half-swapped folder.
    output_lock: Arc<RwLock<()>>,
    out: PathBuf,
    built: bool,
    error: Option<String>,
    base_path: String,
}

type Clients = Arc<Mutex<Vec<Sender<&'static str>>>>;

pub fn run(options: &Options) -> Result<(), Error> {
    let config = Config::load(&options.root)?;
    let base_path = config.base_path().to_string();
    let listener = TcpListener::bind(("127.0.0.1", options.port)).map_err(|e| {
        let (message, hint) = if e.kind() == std::io::ErrorKind::AddrInUse {
            (
                format!("port {} is already in use", options.port),
                "stop the other server or choose another port with --port",
            )
        } else {
            (format!("cannot listen on 127.0.0.1:{}: {e}", options.port), "choose another port with --port")
        };
        Error::input(Stage::Output, Location::file("--port"), message).with_hint(hint)
    })?;
    let addr: SocketAddr = listener.local_addr().map_err(|e| Error::io("--port", e))?;
    // The preview (and its staging folders) lives in a temp folder of its own; Ctrl-C, SIGTERM
    // and SIGHUP remove it rather than leaving it behind.
    let preview = tempfile::Builder::new()
        .prefix(&format!("irsite-serve-{}-", addr.port()))
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let out = preview.path().join("site");
    let cleanup = preview.path().to_path_buf();
    let _ = ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&cleanup);
        std::process::exit(130);
    });
    let output_lock = Arc::new(RwLock::new(()));
    let state = Arc::new(Mutex::new(State {
        output_lock: output_lock.clone(),
        out: out.clone(),
        built: false,
        error: None,
        base_path: base_path.clone(),
    }));
    let clients: Clients = Arc::new(Mutex::new(Vec::new()));

    let mut builder = Builder {
        root: options.root.clone(),
        out: out.clone(),
        output_lock,
        site: None,
        sources: snapshot(&options.root),
    };
    rebuild(&mut builder, &state, options, None);

    println!("serving {} at http://{addr}{base_path} (Ctrl-C to stop)", options.root.display());
    let _ = std::io::stdout().flush();

    // Watch the sources; rebuild and tell the open pages on each change.
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, tx).map_err(|e| watch_error(&options.root, e))?;
    for dir in SOURCE_DIRS {
        let path = options.root.join(dir);
        if path.is_dir() {
            debouncer.watcher().watch(&path, RecursiveMode::Recursive).map_err(|e| watch_error(&path, e))?;
        }
    }
    // site.toml is watched through its folder, so editors that replace the file are followed.
    debouncer.watcher().watch(&options.root, RecursiveMode::NonRecursive).map_err(|e| watch_error(&options.root, e))?;
    {
        let root = options.root.clone();
        let state = state.clone();
        let clients = clients.clone();
        let opts =
            Options { root: options.root.clone(), port: options.port, quiet: options.quiet, verbose: options.verbose };
        std::thread::spawn(move || watch_loop(&root, rx, &mut builder, &state, &clients, &opts));
    }

    let port = addr.port();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let state = state.clone();
        let clients = clients.clone();
        std::thread::spawn(move || {
            let Some(_slot) = Slot::take(&OPEN_CONNECTIONS, http::MAX_CONNECTIONS) else {
                return http::busy(stream);
            };
            if let Some(request) = Request::read(stream) {
                handle(request, &state, &clients, port);
            }
        });
    }
    drop(debouncer);
    drop(preview);
    Ok(())
}

fn watch_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::input(Stage::Config, Location::file(path), format!("cannot watch for changes: {e}"))
}

fn watch_loop(
    root: &Path,
    rx: Receiver<DebounceEventResult>,
    builder: &mut Builder,
    state: &Mutex<State>,
    clients: &Clients,
    options: &Options,
) {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let watched = |path: &Path| relevant(&canonical_root, root, path);
    while let Ok(result) = rx.recv() {
        let Ok(events) = result else { continue };
        if !events.iter().any(|e| watched(&e.path)) {
            continue;
        }
        // The watcher also reports files being opened (the build reads them all): only a change
        // of a source's size or modification time counts.
        let now = snapshot(root);
        let changed = builder.snapshot_changes(&now);
        if changed.is_empty() {
            continue;
        }
        builder.sources = now;
        rebuild(builder, state, options, Some(&changed));
        let mut list = clients.lock().unwrap_or_else(|p| p.into_inner());
        list.retain(|c| c.send("reload").is_ok());
    }
}

/// Size and modification time of every source file.
type Snapshot = BTreeMap<PathBuf, (SystemTime, u64)>;

fn snapshot(root: &Path) -> Snapshot {
    let mut map = Snapshot::new();
    let mut add = |path: &Path| {
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.is_file() {
                map.insert(path.to_path_buf(), (meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len()));
            }
        }
    };
    add(&root.join("site.toml"));
    for dir in SOURCE_DIRS {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(|e| e.ok()) {
            if entry.file_type().is_file() {
                add(entry.path());
            }
        }
    }
    map
}

/// Whether a changed path is one of the site's sources (not an editor's scratch file).
fn relevant(canonical_root: &Path, root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(canonical_root).or_else(|_| path.strip_prefix(root));
    let Ok(rel) = rel else { return false };
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913"
    {
        return false;
    }
    match rel.components().next() {
        Some(Component::Normal(first)) => {
            let first = first.to_str().unwrap_or("");
            (rel.components().count() == 1 && first == "site.toml")
                || (rel.components().count() > 1 && SOURCE_DIRS.contains(&first))
        }
        _ => false,
    }
}

/// Keeps the loaded site between rebuilds so that an edit to a page's body re-renders only
/// that page (and its translations, whose freshness notice may change).
struct Builder {
    root: PathBuf,
    out: PathBuf,
    output_lock: Arc<RwLock<()>>,
    site: Option<Site>,
    sources: Snapshot,
}

/// What one rebuild did.
enum Built {
    Full(BuildReport),
    Pages(Vec<String>),
}

impl Builder {
    fn snapshot_changes(&self, now: &Snapshot) -> Vec<PathBuf> {
        let mut changed: Vec<PathBuf> =
            now.iter().filter(|(p, m)| self.sources.get(*p) != Some(m)).map(|(p, _)| p.clone()).collect();
        changed.extend(self.sources.keys().filter(|p| !now.contains_key(*p)).cloned());
        changed
    }

    fn full(&mut self) -> Result<Built, Error> {
        self.site = None;
        let config = Config::load(&self.root)?;
        let site = Site::load(config)?;
        let (staging, report) = site.stage(&self.out)?;
        {
            let _writing = self.output_lock.write().unwrap_or_else(|p| p.into_inner());
            staging.publish()?;
        }
        self.site = Some(site);
        Ok(Built::Full(report))
    }

    /// Re-renders only the changed pages when nothing but page bodies changed; `None` when a
    /// full build is needed.
    fn pages_only(&mut self, changed: &[PathBuf]) -> Option<Result<Built, Error>> {
        let site = self.site.as_mut()?;
        let mut reloaded = Vec::new();
        for path in changed {
            let lang: Lang = path.parent()?.file_name()?.to_str()?.parse().ok()?;
            if path.parent()?.parent()?.file_name()? != "content" || path.extension()? != "md" {
                return None;
            }
            let name = path.file_stem()?.to_str()?;
            let old = site.content.pages.get(&lang)?.iter().position(|p| p.name == name)?;
            let page = match load_page(&site.config, lang, &site.content.pages[&lang][old].path) {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            // Titles, order and slugs show on every page (navigation), entries' dates and
            // statuses on the lists: rebuild everything.
            let before = &site.content.pages[&lang][old];
            if page.front != before.front || page.entry.is_some() || before.entry.is_some() {
                return None;
            }
            reloaded.push((lang, old, page));
        }
        let mut names = Vec::new();
        for (lang, index, page) in reloaded {
            names.push((lang, page.name.clone()));
            if lang == site.config.default_language {
                for other in site.config.languages.iter().filter(|l| **l != lang) {
                    names.push((*other, page.name.clone()));
                }
            }
            if let Some(pages) = site.content.pages.get_mut(&lang) {
                pages[index] = page;
            }
        }
        names.sort();
        names.dedup();
        let site = self.site.as_ref()?;
        let pages: Vec<&Page> =
            names.iter().filter_map(|(l, n)| site.content.pages.get(l)?.iter().find(|p| &p.name == n)).collect();
        let _writing = self.output_lock.write().unwrap_or_else(|p| p.into_inner());
        Some(site.rewrite_pages(&self.out, &pages).map(|_| Built::Pages(pages.iter().map(|p| p.rel_dir()).collect())))
    }
}

/// Builds the site into the serve folder (only what changed, when it can); prints the outcome
/// and its time.
fn rebuild(builder: &mut Builder, state: &Mutex<State>, options: &Options, changed: Option<&[PathBuf]>) {
    let start = Instant::now();
    let had_error = state.lock().unwrap_or_else(|p| p.into_inner()).error.is_some();
    let result = match changed {
        Some(list) if !had_error => builder.pages_only(list).unwrap_or_else(|| builder.full()),
        _ => builder.full(),
    };
    let elapsed = start.elapsed();
    let root = &builder.root;
    let what = match changed {
        Some([one]) => diagnostics::show_path(one.strip_prefix(root).unwrap_or(one)),
        Some(list) => format!("{} files changed", list.len()),
        None => "initial build".into(),
    };
    let ms = elapsed.as_secs_f64() * 1000.0;
    let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
    match result {
        Ok(built) => {
            st.built = true;
            st.error = None;
            if !options.quiet {
                match built {
                    Built::Full(report) => {
                        let pages: Vec<String> = report.pages.iter().map(|(l, n)| format!("{n} {l}")).collect();
                        println!("{what}: built in {ms:.1} ms (pages {}, charts {})", pages.join(" + "), report.charts);
                    }
                    Built::Pages(pages) => println!("{what}: rebuilt {} in {ms:.1} ms", pages.join(", ")),
                }
                let _ = std::io::stdout().flush();
            }
        }
        Err(err) => {
            let count = err.flatten().len();
            diagnostics::report(&err, Severity::Error);
            let s = if count == 1 { "" } else { "s" };
            println!("{what}: build failed with {count} error{s} in {ms:.1} ms; still serving the last good build");
            let _ = std::io::stdout().flush();
            st.error = Some(diagnostics::render(&err, Severity::Error, false));
        }
    }
}

/// Host names a request may give: the loopback address the server listens on, by name or
/// number. Anything else is a page of another site reaching in through DNS rebinding.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];
/// Most live-reload streams open at once (a few per open tab is the usual need).
const MAX_EVENT_STREAMS: usize = 128;

/// Whether a `Host` header names this server: a loopback host with the serve port.
fn allowed_host(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return false };
    let host = host.trim().to_ascii_lowercase();
    LOOPBACK_HOSTS.iter().any(|name| host == format!("{name}:{port}") || (port == 80 && host == *name))
}

static OPEN_CONNECTIONS: AtomicUsize = AtomicUsize::new(0);
static OPEN_STREAMS: AtomicUsize = AtomicUsize::new(0);

fn handle(request: Request, state: &Mutex<State>, clients: &Clients, port: u16) {
    if !allowed_host(request.host.as_deref(), port) {
        let body =
            format!("irsite serve answers only requests for 127.0.0.1:{port}, localhost:{port} or [::1]:{port}\n");
        return request.respond(Response::text(403, &body));
    }
    if request.method != "GET" && request.method != "HEAD" {
        return request.respond(Response::text(405, "only GET and HEAD\n").header("Allow", "GET, HEAD"));
    }
    let url = request.target.clone();
    let path = decode_path(url.split(['?', '#']).next().unwrap_or("/"));
    let (out, built, error, base_path, output_lock) = {
        let st = state.lock().unwrap_or_else(|p| p.into_inner());
        (st.out.clone(), st.built, st.error.clone(), st.base_path.clone(), st.output_lock.clone())
    };
    // The base path as configured is percent-encoded; requests are compared decoded.
    let base = decode_path(&base_path);
    if path == format!("{base}{EVENTS_PATH}") {
        return stream_events(request, clients);
    }
    let Some(rel) = path.strip_prefix(&base) else {
        // Outside the base path: send the visitor to the site.
        return request.respond(redirect(&base));
    };
    let script = reload_script(&base_path, error.as_deref());
    if !built {
        let body = format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Build failed</title></head><body>{script}</body></html>");
        return request.respond(html_response(body, 500));
    }
    let Some(file) = safe_join(&out, rel) else {
        return request.respond(Response::text(400, "bad path\n"));
    };
    let (file, status, bytes) = {
        let _reading = output_lock.read().unwrap_or_else(|p| p.into_inner());
        let file = if file.is_dir() {
            if !rel.is_empty() && !rel.ends_with('/') {
                drop(_reading);
                return request.respond(redirect(&format!("{base}{}/", clean_path(rel))));
            }
            file.join("index.html")
        } else {
            file
        };
        let (file, status) = if file.is_file() { (file, 200) } else { (out.join("404.html"), 404) };
        let bytes = std::fs::read(&file);
        (file, status, bytes)
    };
    let Ok(bytes) = bytes else {
        return request.respond(Response::text(404, "not found\n"));
    };
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        return request.respond(html_response(inject(&html, &script), status));
    }
    request.respond(Response::new(status, bytes).header("Content-Type", kind).header("Cache-Control", "no-store"));
}

/// `a//b/./c` → `a/b/c`: the parts of a path inside the site, without empty ones, so that a
/// redirect built from it never starts with `//` (a URL of another host).
fn clean_path(rel: &str) -> String {
    rel.split('/').filter(|p| !p.is_empty() && *p != ".").collect::<Vec<_>>().join("/")
}

fn html_response(body: String, status: u16) -> Response {
    Response::new(status, body.into_bytes())
        .header("Content-Type", "text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
}

/// A redirect to `to`, a path of this server (decoded), percent-encoded for the header.
fn redirect(to: &str) -> Response {
    debug_assert!(to.starts_with('/') && !to.starts_with("//"), "redirects stay on this server: {to}");
    Response::new(302, Vec::new()).header("Location", &encode_path(to))
}

/// Characters of a decoded path that a `Location` header carries percent-encoded: controls,
/// space, quotes and the characters that would end the path; non-ASCII is always encoded.
const PATH_ENCODE: &percent_encoding::AsciiSet =
    &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`');

fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH_ENCODE).to_string()
}

/// The reload script, and the error overlay when the last build failed.
pub fn reload_script(base_path: &str, error: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(text) = error {
        out.push_str(
            "<div id=\"irsite-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;\
background:rgba(24,24,24,.95);color:#f5f5f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap\">\
<strong style=\"color:#ff8a80;font-size:16px\">The site did not build. Fix the file and save: the page reloads by itself.</strong>\n\n",
        );
        out.push_str(&escape_html(text));
        out.push_str("</div>\n");
    }
    out.push_str(&format!(
        "<script>(function(){{var s=new EventSource(\"{base_path}{EVENTS_PATH}\");s.onmessage=function(){{location.reload();}};}})();</script>\n"
    ));
    out
}

/// Puts `script` just before `</body>` (or at the end when there is none).
pub fn inject(html: &str, script: &str) -> String {
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    }
}

/// Keeps a server-sent event stream open and writes a `reload` event after each rebuild.
fn stream_events(request: Request, clients: &Clients) {
    let Some(_slot) = Slot::take(&OPEN_STREAMS, MAX_EVENT_STREAMS) else {
        let response = Response::text(503, "too many live-reload connections\n").header("Retry-After", "5");
        return request.respond(response);
    };
    let (tx, rx) = mpsc::channel();
    clients.lock().unwrap_or_else(|p| p.into_inner()).push(tx);
    let headers = [("Content-Type", "text/event-stream"), ("Cache-Control", "no-store")];
    let Some(mut writer) = request.into_stream(200, &headers) else { return };
    if writer.write_all(b"retry: 500\n\n").and_then(|_| writer.flush()).is_err() {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => format!("data: {event}\n\n"),
            // A comment now and then finds closed connections.
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if writer.write_all(message.as_bytes()).and_then(|_| writer.flush()).is_err() {
            return;
        }
    }
}

/// `rel` below `root`, refusing `..` and absolute parts.
fn safe_join(root: &Path, rel: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.contains('\\') || p.contains('\0') => return None,
            p => path.push(p),
        }
    }
    Some(path)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_body_end() {
        let html = inject("<html><body><p>x</p></body></html>", "<script>s</script>");
        assert_eq!(html, "<html><body><p>x</p><script>s</script></body></html>");
        let with_error = reload_script("/ir/", Some("error: <bad>"));
        assert!(with_error.contains("irsite-error") && with_error.contains("error: &lt;bad&gt;"));
        assert!(with_error.contains("\"/ir/__irsite/events\""));
    }

    #[test]
    fn paths_stay_inside_the_output() {
        assert_eq!(safe_join(Path::new("/o"), "ja/about/"), Some(PathBuf::from("/o/ja/about")));
        assert_eq!(safe_join(Path::new("/o"), "../etc/passwd"), None);
        assert_eq!(decode_path("%E6%A5%AD"), "業");
    }

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/s");
        assert!(relevant(root, root, Path::new("/s/content/en/about.md")));
        assert!(relevant(root, root, Path::new("/s/site.toml")));
        assert!(!relevant(root, root, Path::new("/s/public/index.html")));
        assert!(!relevant(root, root, Path::new("/s/content/en/.about.md.swp")));
        assert!(!relevant(root, root, Path::new("/s/other.toml")));
    }
}
