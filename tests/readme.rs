//! The README's promises that a program can check: every test the
//! bad-input table names exists.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `(file, test)` pairs named in the bad-input table as `` `file: test` ``.
fn tests_named_in_the_bad_input_table() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let table = readme.split("| bad input |").nth(1).expect("the bad-input table");
    let table = table.split("\n## ").next().unwrap();
    let mut named = Vec::new();
    for cell in table.split('`').skip(1).step_by(2) {
        let Some((file, test)) = cell.split_once(": ") else { continue };
        let plain = |s: &str| {
            !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        };
        if plain(file) && plain(test) {
            named.push((file.to_string(), test.to_string()));
        }
    }
    named
}

/// The source files a table entry may mean: `tests/FILE.rs`, or `FILE` under `src/`.
fn candidates(file: &str) -> Vec<std::path::PathBuf> {
    let in_tests = Path::new(ROOT).join("tests").join(format!("{file}.rs"));
    if in_tests.exists() {
        return vec![in_tests];
    }
    let mut found = Vec::new();
    let mut stack = vec![Path::new(ROOT).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n.to_string_lossy() == file) {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn every_test_the_bad_input_table_names_exists() {
    let named = tests_named_in_the_bad_input_table();
    assert!(named.len() > 30, "the table was read: {named:?}");
    for (file, test) in named {
        let exists = candidates(&file)
            .iter()
            .any(|path| std::fs::read_to_string(path).unwrap().contains(&format!("fn {test}(")));
        assert!(exists, "README names `{file}: {test}`, which does not exist");
    }
}
