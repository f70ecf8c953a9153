//! What `cargo build --release` ships: checked in the manifests, since building
//! the release binary in a test would take minutes.

fn release_profile() -> toml::Table {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let manifest: toml::Table = manifest.parse().unwrap();
    manifest["profile"]["release"].as_table().cloned().unwrap_or_default()
}

#[test]
fn the_release_binary_has_no_debug_info_and_unwinds() {
    let release = release_profile();
    // Debug info made the binary 27 MB; without it, about 8 MB.
    let debug = release.get("debug").cloned().unwrap_or(toml::Value::Boolean(false));
    let no_debug = [toml::Value::Boolean(false), toml::Value::Integer(0), toml::Value::String("none".into())];
    assert!(no_debug.contains(&debug), "debug = {debug}");
    let strip = release.get("strip").and_then(|s| s.as_str());
    assert!(matches!(strip, Some("debuginfo" | "symbols")), "strip = {strip:?}");
    // The app catches a panic to save the note being written: abort would lose it.
    assert_eq!(release.get("panic").and_then(|p| p.as_str()), Some("unwind"));
}

#[test]
fn the_test_support_module_is_only_built_for_tests() {
    let root = env!("CARGO_MANIFEST_DIR");
    let manifest: toml::Table = std::fs::read_to_string(format!("{root}/Cargo.toml")).unwrap().parse().unwrap();
    // Off unless asked for: `cargo build` and `cargo install` leave it out.
    let default = manifest["features"].get("default").and_then(|d| d.as_array()).cloned().unwrap_or_default();
    assert!(manifest["features"]["testing"].is_array());
    assert!(!default.contains(&toml::Value::String("testing".into())), "{default:?}");
    // The tests and benches ask for it, and so does the fuzz crate.
    assert_eq!(manifest["dev-dependencies"]["keiko"]["features"][0].as_str(), Some("testing"));
    let fuzz: toml::Table = std::fs::read_to_string(format!("{root}/fuzz/Cargo.toml")).unwrap().parse().unwrap();
    assert_eq!(fuzz["dependencies"]["keiko"]["features"][0].as_str(), Some("testing"));
    let lib = std::fs::read_to_string(format!("{root}/src/lib.rs")).unwrap();
    let lines: Vec<&str> = lib.lines().collect();
    let declared = lines.iter().position(|l| l.starts_with("pub mod testing;")).expect("lib.rs declares testing");
    assert!(lines[declared.saturating_sub(2)..declared].contains(&"#[cfg(feature = \"testing\")]"), "{lib}");
    // And this very test binary sees it, with no flag given to cargo test.
    let _ = keiko_core::testing::typical_workbook;
}
