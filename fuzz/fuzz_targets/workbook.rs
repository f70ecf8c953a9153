//! Any bytes as a workbook file: an error or a workbook, never a panic; and
//! whatever parses is written back and read again unchanged.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(workbook) = keiko_core::store::parse(text, Path::new("fuzz.toml")) {
        let again = keiko_core::store::parse(&keiko_core::store::to_toml(&workbook), Path::new("fuzz.toml"))
            .expect("what keiko writes, keiko reads");
        assert_eq!(again, workbook);
    }
});
