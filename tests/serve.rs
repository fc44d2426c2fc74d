//! `irsite serve` on a temporary copy of tests/fixtures/check/base: serves under the base path,
//! rebuilds on edits, keeps running through a broken edit (showing the error) and recovers.

mod common;

use common::{check_site, irsite, irsite_command};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// Stops the server when the test ends, passing or not.
struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    log: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path, port: u16) -> Server {
        let mut child = irsite_command(root)
            .args(["serve", "--port", &port.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        for stream in
            [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())]
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Server { child, lines: rx, log: Vec::new() }
    }

    /// Waits for an output line containing `needle`.
    fn wait_line(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line with {needle:?}; output so far:\n{}", self.log.join("\n"));
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

/// GET over a plain socket: (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let (status, _, body) = request(addr, path, &format!("Host: {addr}\r\n"));
    (status, body)
}

/// A GET with the given header lines: (status, raw head, body).
fn request(addr: &str, path: &str, headers: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_string(), body.to_string())
}

/// The `Location` header of a raw response head.
fn location(head: &str) -> Option<String> {
    head.lines().find_map(|l| l.strip_prefix("Location: ").or_else(|| l.strip_prefix("location: "))).map(str::to_string)
}

/// A server on a copy of the check site with `base_url` replaced: (server, address, site).
fn start_with_base_url(base_url: &str) -> (Server, String, tempfile::TempDir) {
    let (dir, root) = check_site();
    common::edit(&root, "site.toml", "https://example.com/ir/", base_url);
    let mut server = Server::start(&root, 0);
    let line = server.wait_line("serving ");
    let url = line.split("http://").nth(1).expect("the address is printed").to_string();
    let addr = url[..url.find('/').unwrap()].to_string();
    (server, addr, dir)
}

/// Polls `path` until `pred` holds for its body (bounded by WAIT).
fn poll(addr: &str, path: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let (_, body) = get(addr, path);
        if pred(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}; last body:\n{body}");
        std::thread::sleep(Duration::from_millis(40));
    }
}

#[test]
fn serves_rebuilds_survives_a_broken_edit_and_recovers() {
    let (_dir, root) = check_site();
    let mut server = Server::start(&root, 0);
    let line = server.wait_line("serving ");
    let url =
        line.split("http://").nth(1).expect("the address is printed").trim_end_matches(" (Ctrl-C to stop)").to_string();
    let (addr, base) = url.split_at(url.find('/').unwrap());
    // The site is served under the base path of its base_url.
    assert_eq!(base, "/ir/");
    let page = format!("{base}en/about/");

    let (status, body) = get(addr, &page);
    assert_eq!(status, 200);
    assert!(body.contains("<h2 id=\"overview\">Overview</h2>"), "{body}");
    assert!(body.contains("EventSource(\"/ir/__irsite/events\")"), "the reload script is injected");
    let (status, _) = get(addr, &format!("{base}css/site.css"));
    assert_eq!(status, 200);
    let (status, _) = get(addr, &format!("{base}en/nothing-here/"));
    assert_eq!(status, 404);

    // An edit shows up.
    let file = root.join("content/en/about.md");
    let original = common::read(&file);
    std::fs::write(&file, original.replace("## Overview {#overview}", "## Overview, revised {#overview}")).unwrap();
    poll(addr, &page, "the edited heading", |b| b.contains("Overview, revised"));
    let rebuilt = server.wait_line("content/en/about.md: ");
    assert!(rebuilt.contains(" ms"), "rebuild time is printed: {rebuilt}");

    // A broken edit: the server keeps running and shows the error over the page.
    let broken = original
        .replace("## Overview {#overview}", "## Overview, revised {#overview}\n\n{{ chart(id=\"no-such-chart\") }}");
    std::fs::write(&file, &broken).unwrap();
    // A half-written file may fail differently first; wait for the error of the finished edit.
    let body = poll(addr, &page, "the error overlay", |b| b.contains("irsite-error") && b.contains("no-such-chart"));
    let line = broken.lines().position(|l| l.contains("no-such-chart")).unwrap() + 1;
    assert!(body.contains("unknown chart id `no-such-chart`"), "{body}");
    assert!(body.contains(&format!("about.md:{line}:1")), "{body}");
    assert!(body.contains("Overview, revised"), "the last good page stays under the overlay");
    server.wait_line("build failed");
    assert!(server.alive());

    // Fixing the file recovers without a restart.
    std::fs::write(&file, original.replace("## Overview {#overview}", "## Overview, fixed {#overview}")).unwrap();
    // The editor's write may be seen half-done first; what matters is that the page settles fixed.
    let body = poll(addr, &page, "the fixed page", |b| b.contains("Overview, fixed") && !b.contains("irsite-error"));
    assert!(!body.contains("irsite-error"));
    assert!(server.alive());
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let (_dir, root) = check_site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = irsite(&root, &["serve", "--port", &port.to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("port {port} is already in use")) && stderr.contains("--port"), "{stderr}");
}

/// A page of another site reaching the server through DNS rebinding names its own host: the
/// server answers only requests for its loopback address and port.
#[test]
fn requests_for_other_hosts_are_refused() {
    let (_server, addr, _dir) = start_with_base_url("https://example.com/ir/");
    let port = addr.rsplit(':').next().unwrap();
    for host in
        [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("LOCALHOST:{port}"), format!("[::1]:{port}")]
    {
        let (status, _, _) = request(&addr, "/ir/en/", &format!("Host: {host}\r\n"));
        assert_eq!(status, 200, "Host: {host}");
    }
    for host in [format!("attacker.example:{port}"), "127.0.0.1:1".to_string(), "localhost".to_string()] {
        let (status, _, body) = request(&addr, "/ir/en/", &format!("Host: {host}\r\n"));
        assert_eq!(status, 403, "Host: {host}");
        assert!(!body.contains("<html"), "Host: {host}: no page is sent");
    }
    let (status, _, _) = request(&addr, "/ir/en/", "");
    assert_eq!(status, 403, "no Host header");
}

/// A base path outside ASCII: pages are served and redirects are percent-encoded.
#[test]
fn a_non_ascii_base_path_is_served() {
    let (mut server, addr, _dir) = start_with_base_url("https://ir.example.com/投資家/");
    let base = "/%E6%8A%95%E8%B3%87%E5%AE%B6/";
    let (status, body) = get(&addr, &format!("{base}en/about/"));
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(&format!("EventSource(\"{base}__irsite/events\")")), "{body}");
    let (status, head, _) = request(&addr, "/", &format!("Host: {addr}\r\n"));
    assert_eq!(status, 302);
    assert_eq!(location(&head).as_deref(), Some(base), "{head}");
    let (status, head, _) = request(&addr, &format!("{base}en/about"), &format!("Host: {addr}\r\n"));
    assert_eq!(status, 302);
    assert_eq!(location(&head), Some(format!("{base}en/about/")), "{head}");
    assert!(server.alive());
    assert!(!server.log.iter().any(|l| l.contains("panicked")), "{:?}", server.log);
}

/// `//en` must not redirect to `//en/`, a URL of the host "en".
#[test]
fn redirects_stay_on_the_server() {
    let (_server, addr, _dir) = start_with_base_url("https://example.com/");
    for (path, want) in [("//en", "/en/"), ("//en//about", "/en/about/"), ("/./en", "/en/"), ("/en", "/en/")] {
        let (status, head, _) = request(&addr, path, &format!("Host: {addr}\r\n"));
        assert_eq!(status, 302, "{path}: {head}");
        assert_eq!(location(&head).as_deref(), Some(want), "{path}");
    }
}

/// Live-reload streams are bounded: past the limit the server says so instead of holding
/// another connection, and pages are still served.
#[test]
fn live_reload_streams_are_bounded() {
    let (_server, addr, _dir) = start_with_base_url("https://example.com/");
    let mut open = Vec::new();
    let mut refused = 0;
    for _ in 0..140 {
        let mut stream = TcpStream::connect(&addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET /__irsite/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).unwrap();
        match &head {
            b"HTTP/1.1 200" => open.push(stream),
            b"HTTP/1.1 503" => refused += 1,
            other => panic!("unexpected answer {:?}", String::from_utf8_lossy(other)),
        }
    }
    assert_eq!(open.len(), 128);
    assert_eq!(refused, 12);
    assert_eq!(get(&addr, "/en/").0, 200);
    drop(open);
}

/// A request head over the size limit, or with too many headers, is answered 431 and the
/// server goes on serving; so it does under many parallel requests.
#[test]
fn oversized_request_heads_are_refused() {
    let (_server, addr, _dir) = start_with_base_url("https://example.com/");
    let long = format!("Host: {addr}\r\nX-Padding: {}\r\n", "a".repeat(20 * 1024));
    let (status, _, _) = request(&addr, "/en/", &long);
    assert_eq!(status, 431);
    let many: String = (0..100).map(|i| format!("X-H{i}: v\r\n")).collect();
    let (status, _, _) = request(&addr, "/en/", &format!("Host: {addr}\r\n{many}"));
    assert_eq!(status, 431);
    let parallel: Vec<_> = (0..200)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || get(&addr, "/en/").0)
        })
        .collect();
    for thread in parallel {
        assert_eq!(thread.join().unwrap(), 200);
    }
}
