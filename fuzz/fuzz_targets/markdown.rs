#![no_main]
//! Markdown with shortcodes: no panic, and text from a shortcode never becomes markup.

use std::path::Path;

use irsite::error::{Error, Location, Result, Stage};
use irsite::markdown::{Expansion, Hooks};
use irsite::shortcode::Shortcode;
use libfuzzer_sys::fuzz_target;

struct Hostile;

impl Hooks for Hostile {
    fn shortcode(&mut self, code: &Shortcode, location: &Location) -> Result<Expansion> {
        match code.name.as_str() {
            // An author may write images in Markdown; `<img src=x` can only come from here.
            "fig" => Ok(Expansion::Text("<script>x</script>\"><img src=x>*_`".into())),
            "chart" => Ok(Expansion::Block("<figure></figure>".into())),
            _ => Err(Error::input(Stage::Shortcode, location.clone(), "unknown shortcode")),
        }
    }
    fn internal_link(&mut self, target: &str, _: &Location) -> Result<String> {
        Ok(format!("../{target}"))
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    if let Ok(r) = irsite::markdown::render(Path::new("p.md"), body, 1, &mut Hostile) {
        if !body.contains('<') {
            assert!(!r.html.contains("<script") && !r.html.contains("<img src=x"), "{}", r.html);
        }
    }
});
