//! Tells the tests where the real SCS corpus is and whether it is there, and whether Node is: tests
//! that need what is missing are compiled as ignored (`cfg(real_corpus_absent)`, `cfg(node_absent)`),
//! so that they show up as ignored, with the reason, instead of passing without having run.
//! Nothing else uses this.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(real_corpus_absent)");
    println!("cargo::rustc-check-cfg=cfg(node_absent)");
    println!("cargo::rerun-if-env-changed=PATH");
    // The search box's ranking is tested by running its script with Node (as CI has for the
    // browser test); without Node that test shows up as ignored.
    let node = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("node").is_file()));
    if !node {
        println!("cargo::rustc-cfg=node_absent");
    }
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=NORMWERK_REAL_CORPUS");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let bundle = match std::env::var_os("NORMWERK_REAL_CORPUS") {
        Some(path) if !path.is_empty() => manifest_dir.join(path),
        _ => manifest_dir.join("../shared/corpus/scs-standards.bundle"),
    };
    println!(
        "cargo::rustc-env=NORMWERK_REAL_CORPUS_BUNDLE={}",
        bundle.display()
    );
    // Watch the bundle, else its folder, so that its arrival or removal reruns this script; never
    // a missing path (cargo would rerun the script, and rebuild the crate, every time) and never
    // a folder further up (cargo scans a watched folder recursively).
    let folder = bundle.parent().unwrap_or(Path::new("."));
    for watched in [bundle.as_path(), folder] {
        if watched.exists() {
            println!("cargo::rerun-if-changed={}", watched.display());
            break;
        }
    }
    if !bundle.is_file() {
        println!("cargo::rustc-cfg=real_corpus_absent");
    }
}
