//! The rules of the house that code can check (book/src/design/architecture.md): the modules of
//! the library form no cycle, arrows point from the command line towards the leaves, and only
//! the binary uses `cli`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every source file of the library: its path relative to `src/` (`/`-separated), its path,
/// and its code without the unit tests (which may reach anywhere).
fn library_sources() -> Vec<(String, PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap();
            (rel, path, without_tests(&text))
        })
        .collect()
}

/// The code without its unit tests: a `#[cfg(test)] mod tests;` declaration (which may stand
/// at the top) is dropped, an inline `#[cfg(test)]` module ends the code.
fn without_tests(text: &str) -> String {
    let mut code = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        code.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let next_line = after.trim_start().lines().next().unwrap_or_default();
        if next_line.starts_with("mod ") && next_line.trim_end().ends_with(';') {
            rest = after.trim_start().split_once('\n').map_or("", |(_, r)| r);
        } else {
            return code;
        }
    }
    code.push_str(rest);
    code
}

/// The lower-case identifier at the start of `text` (a module name after `crate::`).
fn leading_name(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
        .collect()
}

/// Top-level module → the top-level modules its non-test code names with `crate::`.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, _, code) in library_sources() {
        let top = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        if top == "lib" || top == "main" {
            continue;
        }
        let deps = graph.entry(top.clone()).or_default();
        for part in code.split("crate::").skip(1) {
            let name = leading_name(part);
            if !name.is_empty() && name != top {
                deps.insert(name);
            }
        }
    }
    graph
}

/// A path of modules that leads from `start` back to itself, if any.
fn cycle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
    start: &str,
    at: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    for next in graph.get(at).into_iter().flatten() {
        if next == start {
            let mut cycle = path.clone();
            cycle.push(next.clone());
            return Some(cycle);
        }
        if !path.contains(next) {
            path.push(next.clone());
            if let Some(c) = cycle_from(graph, start, next, path) {
                return Some(c);
            }
            path.pop();
        }
    }
    None
}

#[test]
fn modules_form_no_cycle() {
    let graph = module_graph();
    assert!(graph.len() > 10, "the source tree was not read: {graph:?}");
    for module in graph.keys() {
        let mut path = vec![module.clone()];
        if let Some(cycle) = cycle_from(&graph, module, module, &mut path) {
            panic!("module cycle: {}", cycle.join(" → "));
        }
    }
}

/// Within each folder module (`lifecycle/`, `site/pages/`, …): module → the sibling modules it
/// names (`super::x`, `crate::folder::x`). A sibling is a file (`walk.rs`) or a folder of its
/// own (`normative/mod.rs`, whose `super::` is the same folder).
fn submodule_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, path, code) in library_sources() {
        let Some((module_path, file)) = rel.rsplit_once('/') else {
            continue;
        };
        let (module_path, name, folder) = if file == "mod.rs" {
            // `lifecycle/normative/mod.rs` is the module `normative` of `lifecycle/`; a
            // top-level folder's own `mod.rs` has no siblings to name.
            let Some((parent, name)) = module_path.rsplit_once('/') else {
                continue;
            };
            (parent, name, path.parent().unwrap().parent().unwrap())
        } else {
            (
                module_path,
                file.trim_end_matches(".rs"),
                path.parent().unwrap(),
            )
        };
        let crate_path = format!("crate::{}::", module_path.replace('/', "::"));
        let sibling = |n: &str| {
            n != name
                && !n.is_empty()
                && (folder.join(format!("{n}.rs")).is_file()
                    || folder.join(n).join("mod.rs").is_file())
        };
        let deps = graph.entry(format!("{module_path}/{name}")).or_default();
        for prefix in ["super::", crate_path.as_str()] {
            for part in code.split(prefix).skip(1) {
                let n = leading_name(part);
                if sibling(&n) {
                    deps.insert(format!("{module_path}/{n}"));
                }
            }
            // `use super::{a, b}` names several.
            for group in code.split(&format!("{prefix}{{")).skip(1) {
                let inner = group.split('}').next().unwrap_or_default();
                for n in inner
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or_default())
                {
                    if sibling(n) {
                        deps.insert(format!("{module_path}/{n}"));
                    }
                }
            }
        }
    }
    graph
}

#[test]
fn file_modules_within_a_folder_form_no_cycle() {
    let graph = submodule_graph();
    assert!(graph.contains_key("lifecycle/walk"), "{graph:?}");
    assert!(
        graph["lifecycle/walk"].contains("lifecycle/apply"),
        "{graph:?}"
    );
    for module in graph.keys() {
        let mut path = vec![module.clone()];
        if let Some(cycle) = cycle_from(&graph, module, module, &mut path) {
            panic!("module cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn leaves_depend_on_nothing_above_them() {
    let graph = module_graph();
    // The leaves every stage may use; they name no stage.
    for (leaf, allowed) in [
        ("paths", &[][..]),
        ("rules", &[][..]),
        ("output", &["confined"][..]),
        ("confined", &["paths"][..]),
        ("diagnostic", &["rules"][..]),
    ] {
        let deps = &graph[leaf];
        let extra: Vec<&String> = deps
            .iter()
            .filter(|d| !allowed.contains(&d.as_str()))
            .collect();
        assert!(extra.is_empty(), "{leaf} depends on {extra:?}");
    }
    for (module, deps) in &graph {
        assert!(
            module == "cli" || !deps.contains("cli"),
            "{module} uses the command line"
        );
    }
}
