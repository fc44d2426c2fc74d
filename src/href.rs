//! Paths of files as `href` values: an author names files as the file system allows (spaces,
//! Japanese, `#`, `%`, `?`), and a link to one must reach that file, so every character but
//! unreserved ASCII and the `/` between folders is percent-encoded (UTF-8 bytes for
//! non-ASCII). Servers decode the path back to the file's name.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but letters, digits, `-`, `.`, `_`, `~` (unreserved in RFC 3986) and `/`.
const PATH: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// `fy2025/決算 短信#1.pdf` → `fy2025/%E6%B1%BA%E7%AE%97%20%E7%9F%AD%E4%BF%A1%231.pdf`.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// `%E6%A5%AD` → `業`: the file path or id a percent-encoded link names (bytes that are not
/// UTF-8 become U+FFFD, so a bad link never matches a file).
pub fn decode_path(link: &str) -> String {
    percent_decode_str(link).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_and_non_ascii_characters_are_encoded_and_decode_back() {
        let name = "fy2025/決算 短信#1?v=2&x%20 (案)+.pdf";
        let encoded = encode_path(name);
        assert_eq!(
            encoded,
            "fy2025/%E6%B1%BA%E7%AE%97%20%E7%9F%AD%E4%BF%A1%231%3Fv%3D2%26x%2520%20%28%E6%A1%88%29%2B.pdf"
        );
        assert_eq!(percent_encoding::percent_decode_str(&encoded).decode_utf8().unwrap(), name);
        assert_eq!(decode_path(&encoded), name);
        assert_eq!(encode_path("fy2025/tanshin-en_v1.2~.pdf"), "fy2025/tanshin-en_v1.2~.pdf");
    }
}
