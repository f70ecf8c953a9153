//! The house's rules the compiler cannot see: `keiko-core` depends on no
//! terminal, command line or words and forbids unsafe code; read off the
//! `crate::` and `super::` paths of every source file, no two modules import
//! each other, directly or around a loop, and no screen imports the app.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The two crates' sources: the compiler keeps `keiko-core` from naming
/// `keiko`, so what is left to check here is within each crate.
const CRATES: &[&str] =
    &[concat!(env!("CARGO_MANIFEST_DIR"), "/src"), concat!(env!("CARGO_MANIFEST_DIR"), "/keiko-core/src")];

/// The module a source file is (`src/tui/app.rs` → `tui::app`, `src/tui/mod.rs` → `tui`).
fn module_of(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap();
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string())
        .filter(|p| p != "mod")
        .collect();
    parts.join("::")
}

/// Module paths named in the code, as written after `crate::` or `super::`
/// (resolved against `module`). Tests inside the file, after `#[cfg(test)]`,
/// are left out: they may use anything.
fn paths_named(text: &str, module: &str, is_mod_rs: bool) -> Vec<Vec<String>> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    // Comments may name modules without using them.
    let code: String = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let code = code.as_str();
    let ident = |s: &str| -> String { s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect() };
    let mut found = Vec::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent_of(module, is_mod_rs))] {
        for (i, _) in code.match_indices(prefix) {
            // `super::super::` is not used in this code base.
            let mut rest = &code[i + prefix.len()..];
            let mut path = base.clone();
            loop {
                if let Some(group) = rest.strip_prefix('{') {
                    // `use crate::{a, b::c}`: each item.
                    let group = &group[..group.find('}').unwrap_or(0)];
                    for item in group.split(',') {
                        let mut item_path = path.clone();
                        item_path.extend(item.trim().split("::").map(ident).filter(|s| !s.is_empty()));
                        found.push(item_path);
                    }
                    break;
                }
                let name = ident(rest);
                if name.is_empty() {
                    found.push(path);
                    break;
                }
                rest = &rest[name.len()..];
                path.push(name);
                match rest.strip_prefix("::") {
                    Some(more) => rest = more,
                    None => {
                        found.push(path);
                        break;
                    }
                }
            }
        }
    }
    found
}

fn parent_of(module: &str, is_mod_rs: bool) -> Vec<String> {
    let mut parts: Vec<String> = module.split("::").map(str::to_string).collect();
    if !is_mod_rs {
        parts.pop();
    }
    parts
}

/// Which module imports which, file by file: a path names the longest
/// module it starts with.
fn graph(root: &str) -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(root);
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(root, f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(root, file);
        if module == "main" || module == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let is_mod_rs = file.file_name().is_some_and(|n| n == "mod.rs");
        for path in paths_named(&text, &module, is_mod_rs) {
            let target = (1..=path.len()).rev().map(|n| path[..n].join("::")).find(|m| modules.contains(m));
            // A module's own children are its parts, not a dependency to loop through.
            if let Some(target) = target.filter(|t| *t != module && !t.starts_with(&format!("{module}::"))) {
                graph.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    graph
}

#[test]
fn the_core_depends_on_no_terminal_command_line_or_words() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/keiko-core/Cargo.toml")).unwrap();
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap().split("\n[").next().unwrap();
    assert!(dependencies.contains("rustix"), "the dependencies were read: {dependencies}");
    for ui in ["ratatui", "crossterm", "clap", "fluent", "i18n-embed", "signal-hook"] {
        assert!(!dependencies.lines().any(|l| l.starts_with(ui)), "keiko-core depends on {ui}");
    }
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/keiko-core/src/lib.rs")).unwrap();
    assert!(lib.contains("#![forbid(unsafe_code)]"), "keiko-core forbids unsafe code");
}

#[test]
fn no_two_modules_import_each_other_around_a_loop() {
    for root in CRATES {
        let graph = graph(root);
        assert!(graph.contains_key("tui::app") || graph.contains_key("store"), "{root} was read: {graph:?}");
        no_loop_in(&graph);
    }
}

fn no_loop_in(graph: &BTreeMap<String, BTreeSet<String>>) {
    // Depth-first search for a cycle, reporting its path.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let cycle = visit(node, graph, &mut Vec::new(), &mut done);
        assert!(cycle.is_none(), "a loop: {}", cycle.unwrap().join(" → "));
    }
}

#[test]
fn no_screen_imports_the_app() {
    let graph = graph(CRATES[0]);
    assert!(graph.keys().any(|m| m.starts_with("tui::screens::")), "the screens were read: {graph:?}");
    for (module, uses) in &graph {
        if module.starts_with("tui::screens") {
            assert!(!uses.contains("tui::app"), "{module} imports tui::app: screens return what should happen");
        }
    }
}
