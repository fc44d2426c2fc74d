#![no_main]
//! The data loader on any CSV and sidecar text (split at the first NUL byte).

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("irsite-fuzz-data-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

const SIDECAR: &[u8] =
    b"[columns.a]\nunit = \"oku_yen\"\nlabel = \"series-a\"\n[columns.b]\nunit = \"percent\"\nlabel = \"series-b\"\n";

fuzz_target!(|data: &[u8]| {
    let (csv, sidecar) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, SIDECAR),
    };
    let csv_path = dir().join("t.csv");
    std::fs::write(&csv_path, csv).unwrap();
    std::fs::write(dir().join("t.toml"), sidecar).unwrap();
    match irsite::data::load_table(&dir(), &csv_path) {
        Ok(table) => {
            for column in &table.columns {
                assert_eq!(column.values.len(), table.rows.len());
            }
        }
        Err(e) => {
            for err in e.flatten() {
                if let Some(line) = err.location().and_then(|l| l.line) {
                    assert!(line >= 1, "{err}");
                }
            }
        }
    }
});
