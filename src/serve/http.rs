//! The HTTP of the preview server: one request per connection, its head read within a size and
//! a time limit and parsed by httparse, each answer written whole, then the connection closed.
//! Bounds keep a page or a local program from tying the server up: heads over
//! [`MAX_HEAD_BYTES`], heads slower than [`HEAD_TIMEOUT`] and connections past
//! [`MAX_CONNECTIONS`] are answered with an error and closed.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Largest request head (request line and headers) read.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Most headers in one request.
const MAX_HEADERS: usize = 64;
/// Time a client has to send its whole request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Time a write may wait for a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Most connections open at once.
pub const MAX_CONNECTIONS: usize = 2048;

/// One request's head, with the connection to answer on.
pub struct Request {
    pub method: String,
    /// The request target as sent: `/ir/en/?x=1`.
    pub target: String,
    pub host: Option<String>,
    stream: TcpStream,
}

impl Request {
    /// Reads a request head from a new connection; answers and closes bad or slow ones.
    pub fn read(mut stream: TcpStream) -> Option<Request> {
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let deadline = Instant::now() + HEAD_TIMEOUT;
        let mut head = Vec::with_capacity(2048);
        let mut chunk = [0u8; 4096];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
                return refuse(stream, 408, "the request head took too long\n");
            }
            let n = match stream.read(&mut chunk) {
                Ok(0) => return None,
                Ok(n) => n,
                Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                    return refuse(stream, 408, "the request head took too long\n")
                }
                Err(_) => return None,
            };
            head.extend_from_slice(&chunk[..n]);
            let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
            let mut parsed = httparse::Request::new(&mut headers);
            match parsed.parse(&head) {
                Ok(httparse::Status::Complete(length)) if length <= MAX_HEAD_BYTES => {
                    let host = parsed
                        .headers
                        .iter()
                        .find(|h| h.name.eq_ignore_ascii_case("host"))
                        .and_then(|h| std::str::from_utf8(h.value).ok())
                        .map(str::to_string);
                    return Some(Request {
                        method: parsed.method.unwrap_or_default().to_string(),
                        target: parsed.path.unwrap_or("/").to_string(),
                        host,
                        stream,
                    });
                }
                Ok(httparse::Status::Partial) if head.len() <= MAX_HEAD_BYTES => {}
                Ok(_) | Err(httparse::Error::TooManyHeaders) => {
                    return refuse(stream, 431, "request header fields too large\n")
                }
                Err(_) => return refuse(stream, 400, "bad request\n"),
            }
        }
    }

    /// Sends `response` (without its body for HEAD) and closes the connection.
    pub fn respond(mut self, response: Response) {
        let head_only = self.method == "HEAD";
        response.write(&mut self.stream, head_only);
    }

    /// Sends a response head and returns the connection, for a stream of events.
    pub fn into_stream(mut self, status: u16, headers: &[(&str, &str)]) -> Option<TcpStream> {
        let mut head = status_line(status);
        for (name, value) in headers {
            head.push_str(&format!("{name}: {}\r\n", header_value(value)));
        }
        head.push_str("Connection: close\r\n\r\n");
        self.stream.write_all(head.as_bytes()).ok()?;
        Some(self.stream)
    }
}

fn refuse(stream: TcpStream, status: u16, text: &str) -> Option<Request> {
    let mut stream = stream;
    Response::text(status, text).write(&mut stream, false);
    // Read (a bounded part of) what the client still sends, so that closing does not reset
    // the connection before the client has read the answer.
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let _ = std::io::copy(&mut (&mut stream).take(4 * MAX_HEAD_BYTES as u64), &mut std::io::sink());
    None
}

/// An answer: status, headers and body.
pub struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, body: Vec<u8>) -> Response {
        Response { status, headers: Vec::new(), body }
    }

    pub fn text(status: u16, text: &str) -> Response {
        Response::new(status, text.as_bytes().to_vec()).header("Content-Type", "text/plain; charset=utf-8")
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, header_value(value)));
        self
    }

    fn write(self, stream: &mut TcpStream, head_only: bool) {
        let mut head = status_line(self.status);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", self.body.len()));
        let _ = stream.write_all(head.as_bytes());
        if !head_only {
            let _ = stream.write_all(&self.body);
        }
        let _ = stream.flush();
    }
}

/// A header value as sent: every value here is ASCII already (paths are percent-encoded); any
/// control character is dropped so that no value can end the head.
fn header_value(value: &str) -> String {
    value.chars().filter(|c| c.is_ascii() && !c.is_ascii_control()).collect()
}

fn status_line(status: u16) -> String {
    let reason = match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    };
    format!("HTTP/1.1 {status} {reason}\r\n")
}

/// A place among at most `max` (connections, event streams), given back when dropped.
pub struct Slot(&'static AtomicUsize);

impl Slot {
    pub fn take(count: &'static AtomicUsize, max: usize) -> Option<Slot> {
        count.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1)).ok().map(|_| Slot(count))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers a connection past [`MAX_CONNECTIONS`] and closes it.
pub fn busy(mut stream: TcpStream) {
    Response::text(503, "too many connections\n").header("Retry-After", "5").write(&mut stream, false);
}
