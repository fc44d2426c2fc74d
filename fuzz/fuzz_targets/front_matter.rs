#![no_main]
//! Front matter: any text is split and parsed, or refused with a line inside the text.

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    match irsite::content::split_front_matter(Path::new("p.md"), source) {
        Ok((_, body, line)) => {
            assert!(source.ends_with(body));
            assert!(line >= 2);
        }
        Err(e) => {
            let line = e.location().and_then(|l| l.line).unwrap_or(1);
            assert!(line >= 1 && line <= source.matches('\n').count() + 1, "{e}");
        }
    }
});
