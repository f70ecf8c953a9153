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

/// The Debian package, built by `packaging/build-deb` from this build's
/// binary: what a host without Rust installs.
#[test]
fn the_debian_package_holds_the_binary_its_manual_completions_and_an_example_config() {
    let out = tempfile::tempdir().unwrap();
    let built = std::process::Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/packaging/build-deb"))
        .args(["--binary", env!("CARGO_BIN_EXE_keiko"), "--out"])
        .arg(out.path())
        .env("DEB_COMPRESSION", "none")
        .output()
        .expect("packaging/build-deb runs (it needs dpkg-deb and objdump)");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let deb = String::from_utf8(built.stdout).unwrap().trim().to_string();
    assert!(deb.ends_with(".deb") && deb.contains(&format!("keiko_{}_", env!("CARGO_PKG_VERSION"))), "{deb}");
    let dpkg = |args: &[&str]| {
        let output = std::process::Command::new("dpkg-deb").args(args).arg(&deb).output().unwrap();
        (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let (_, listing) = dpkg(&["-c"]);
    let files: Vec<&str> =
        listing.lines().filter(|l| !l.starts_with('d')).map(|l| l.split_whitespace().last().unwrap()).collect();
    assert_eq!(
        files,
        [
            "./usr/bin/keiko",
            "./usr/share/bash-completion/completions/keiko",
            "./usr/share/doc/keiko/changelog.Debian.gz",
            "./usr/share/doc/keiko/copyright",
            "./usr/share/doc/keiko/examples/config.toml",
            "./usr/share/fish/vendor_completions.d/keiko.fish",
            "./usr/share/man/man1/keiko.1.gz",
            "./usr/share/zsh/vendor-completions/_keiko",
        ]
    );
    assert!(listing.lines().all(|l| l.contains(" root/root ")), "owned by root: {listing}");
    assert!(!listing.contains("./etc/"), "nothing under /etc, which team init writes: {listing}");
    assert!(!dpkg(&["-I"]).1.contains("conffiles"), "no conffiles");
    let (_, fields) = dpkg(&["-f"]);
    assert!(fields.contains(&format!("Version: {}\n", env!("CARGO_PKG_VERSION"))), "{fields}");
    assert!(fields.contains("Package: keiko\n") && fields.contains("Depends: libc6 (>= 2."), "{fields}");
    // The example config is the one `keiko config default` prints.
    let unpacked = tempfile::tempdir().unwrap();
    assert!(
        std::process::Command::new("dpkg-deb").arg("-x").arg(&deb).arg(unpacked.path()).status().unwrap().success()
    );
    let example = std::fs::read_to_string(unpacked.path().join("usr/share/doc/keiko/examples/config.toml")).unwrap();
    let default = std::process::Command::new(env!("CARGO_BIN_EXE_keiko"))
        .args(["config", "default"])
        .env("KEIKO_SYSTEM_CONFIG", "/nonexistent/keiko-test")
        .output()
        .unwrap();
    assert_eq!(example, String::from_utf8(default.stdout).unwrap());
    assert!(example.starts_with('#') && example.contains("ascii"), "{example}");
}
