//! Any bytes as a framework file: an error or a framework, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = keiko_core::model::framework::Framework::parse(text, "fuzz.toml");
    }
});
