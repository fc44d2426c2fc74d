#![no_main]
//! Shortcode scanning: found shortcodes lie inside the text, in order; errors have a line.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match irsite::shortcode::scan(text) {
        Ok(found) => {
            let mut last = 0;
            for sc in found {
                assert!(sc.start >= last && sc.start < sc.end && sc.end <= text.len());
                assert!(text[sc.start..sc.end].starts_with("{{") && text[sc.start..sc.end].ends_with("}}"));
                last = sc.end;
            }
        }
        Err(e) => assert!(e.line >= 1 && e.line <= text.matches('\n').count() + 1 && e.column >= 1),
    }
});
