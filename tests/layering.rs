//! The house's rules, read off the `crate::` paths of every source file:
//! the core imports nothing from the layers above it, and no two top-level
//! modules import each other, directly or around a loop.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The core: the learner's data and its rules, files, time and language.
const CORE: &[&str] = &["clock", "files", "framework", "lang", "progress", "store", "team", "text", "workbook"];
/// What the core must never import.
const ABOVE_THE_CORE: &[&str] = &["i18n", "cli", "tui", "glyphs", "testing"];

/// The top-level module a source file belongs to (`src/tui/app.rs` → `tui`).
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(concat!(env!("CARGO_MANIFEST_DIR"), "/src")).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_string()
}

/// Top-level modules named by `crate::NAME` in the code (tests inside the
/// file, after `#[cfg(test)]`, excluded: they may use anything).
fn imports(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            found.insert(name);
        }
    }
    // `use crate::{a, b}` groups.
    for (i, _) in code.match_indices("crate::{") {
        let group = &code[i + "crate::{".len()..];
        let group = &group[..group.find('}').unwrap_or(0)];
        for item in group.split(',') {
            let name: String = item.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")).to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = module_of(&path);
                if module == "main" || module == "lib" {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let uses: Vec<String> = imports(&text).into_iter().filter(|m| *m != module).collect();
                graph.entry(module).or_default().extend(uses);
            }
        }
    }
    graph
}

#[test]
fn the_core_imports_nothing_from_the_layers_above_it() {
    let graph = graph();
    for module in CORE {
        let uses = graph.get(*module).cloned().unwrap_or_default();
        let wrong: Vec<&String> = uses.iter().filter(|m| ABOVE_THE_CORE.contains(&m.as_str())).collect();
        assert!(wrong.is_empty(), "{module} imports {wrong:?}");
    }
}

#[test]
fn no_two_modules_import_each_other_around_a_loop() {
    let graph = graph();
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
        let cycle = visit(node, &graph, &mut Vec::new(), &mut done);
        assert!(cycle.is_none(), "a loop: {}", cycle.unwrap().join(" → "));
    }
}
