//! Links to the body's published site (`profile.canonical_url`) and their help texts, which the
//! concise snapshots of the rule fixtures do not show.

use crate::common::{Expect, normwerk};
use std::path::Path;

const DOC: &str =
    "---\ntitle: A procedure\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n\n## Details\n";

fn corpus(links: &str, config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("scs-0001-v1-a.md", &format!("{DOC}\n{links}\n"));
    write("scs-0002-v1-flavor-naming.md", DOC);
    if let Some(config) = config {
        write("normwerk.toml", config);
    }
    dir
}

fn lint(dir: &Path, code: i32) -> String {
    normwerk()
        .current_dir(dir)
        .args(["lint", "."])
        .exits_quietly(code)
}

#[test]
fn missing_pages_suggest_the_near_document() {
    let dir = corpus(
        "[a](https://docs.scs.community/standards/scs-0002-v1-flavour-naming), \
         [b](https://docs.scs.community/standards/SCS-0002-v1-flavor-naming), \
         [c](scs-0002-v1-flavor-namng.md), \
         [d](https://docs.scs.community/standards/kaas/scs-0002-v1-flavor-naming#detail)",
        None,
    );
    let out = lint(dir.path(), 1);
    for help in [
        "did you mean `https://docs.scs.community/standards/scs-0002-v1-flavor-naming`?",
        "did you mean `scs-0002-v1-flavor-naming.md`?",
        "did you mean `https://docs.scs.community/standards/global/scs-0002-v1-flavor-naming`?",
    ] {
        assert!(out.contains(help), "no {help:?} in\n{out}");
    }
    // Two pages suggested, one relative file; the page below the wrong track is broken, so its
    // anchor is not judged.
    assert_eq!(out.matches("error[broken-link]").count(), 4, "{out}");
    assert!(!out.contains("broken-anchor"), "{out}");
}

#[test]
fn another_site_or_none() {
    let links = "[a](https://docs.scs.community/standards/scs-0009-v1-x), \
                 [b](https://standards.example.org/standards/scs-0009-v1-x#y)";
    // The SCS default: only the first is a link into the corpus.
    let out = lint(corpus(links, None).path(), 1);
    assert!(out.contains("docs.scs.community/standards/scs-0009-v1-x` names no document"));
    assert_eq!(out.matches("error[broken-link]").count(), 1, "{out}");
    // Another body's site, with a trailing slash.
    let config = "[profile]\ncanonical_url = \"https://standards.example.org/\"\n";
    let out = lint(corpus(links, Some(config)).path(), 1);
    assert!(out.contains("example.org/standards/scs-0009-v1-x#y` names no document"));
    assert_eq!(out.matches("error[broken-link]").count(), 1, "{out}");
    // None at all.
    let config = "[profile]\ncanonical_url = \"\"\n";
    lint(corpus(links, Some(config)).path(), 0);
    // Only http(s) addresses.
    // Only http(s) addresses of a site's root: a value that would match nothing is refused.
    for bad in [
        "docs.scs.community",
        "https://",
        "https:///standards",
        "https://docs.scs.community/#x",
        "https://docs.scs.community/?x",
    ] {
        let config = format!("[profile]\ncanonical_url = \"{bad}\"\n");
        normwerk()
            .current_dir(corpus(links, Some(&config)).path())
            .args(["lint", "."])
            .fails_with("profile.canonical_url");
    }
}
