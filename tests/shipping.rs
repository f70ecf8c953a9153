//! What `cargo build --release` ships: checked in Cargo.toml, since building
//! the release binary in a test would take minutes.

fn release_profile() -> toml::Table {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let manifest: toml::Table = manifest.parse().unwrap();
    manifest["profile"]["release"].as_table().cloned().unwrap_or_default()
}

#[test]
fn the_release_binary_has_no_debug_info_and_unwinds() {
    let release = release_profile();
    // Debug info made the binary 27 MB; without it, about 5 MB.
    let debug = release.get("debug").cloned().unwrap_or(toml::Value::Boolean(false));
    let no_debug = [toml::Value::Boolean(false), toml::Value::Integer(0), toml::Value::String("none".into())];
    assert!(no_debug.contains(&debug), "debug = {debug}");
    let strip = release.get("strip").and_then(|s| s.as_str());
    assert!(matches!(strip, Some("debuginfo" | "symbols")), "strip = {strip:?}");
    // The app catches a panic to save the note being written: abort would lose it.
    assert_eq!(release.get("panic").and_then(|p| p.as_str()), Some("unwind"));
}
