// The default theme is compiled into the binary (src/theme.rs); rebuild when any file of it
// is added, changed or removed, not only when an already embedded file changes.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
