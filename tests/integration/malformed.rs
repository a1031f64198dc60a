//! Malformed input never stops the run: each broken file gets a finding that names it, and every
//! other document is still linted.

use crate::common::{Expect, lint_concise, normwerk};

#[test]
fn malformed_files_are_reported_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("scs-0001-v1-no-frontmatter.md"), "# Just a title\n").unwrap();
    std::fs::write(
        p.join("scs-0002-v1-unterminated.md"),
        "---\ntitle: A\ntype: Procedural\n",
    )
    .unwrap();
    std::fs::write(
        p.join("scs-0003-v1-yaml-error.md"),
        "---\ntitle: A\n  type: : x\n---\n",
    )
    .unwrap();
    std::fs::write(
        p.join("scs-0004-v1-latin1.md"),
        b"---\ntitle: Gr\xfc\xdfe\n---\n",
    )
    .unwrap();
    std::fs::write(p.join("scs-0005-v1-empty.md"), "").unwrap();
    std::fs::create_dir(p.join("scs-0006-v1-folder.md")).unwrap();
    std::fs::write(
        p.join("scs-0007-v1-tabs.md"),
        "---\ntitle:\tA\n\ttype: B\n---\n",
    )
    .unwrap();
    std::fs::write(p.join("scs-0008-v1-crlf-bom.md"), "\u{feff}---\r\ntitle: Fine\r\ntype: Procedural\r\nstatus: Draft\r\ntrack: Global\r\nreplaces: scs-0001-v1-no-frontmatter.md\r\n---\r\nBody\r\n").unwrap();
    let out = lint_concise(p, 1);
    let expected = [
        "./scs-0001-v1-no-frontmatter.md:1:1: error[missing-frontmatter]",
        "./scs-0002-v1-unterminated.md:1:1: error[unterminated-frontmatter]",
        "./scs-0003-v1-yaml-error.md:3:",
        "./scs-0004-v1-latin1.md:2:10: error[invalid-utf8]",
        "./scs-0005-v1-empty.md: error[missing-frontmatter]: the file is empty",
        "./scs-0006-v1-folder.md: error[unreadable]: cannot read: it is a folder",
        "./scs-0007-v1-tabs.md:",
        // The well-formed document (BOM, CRLF) is still linted, with exact positions.
        "./scs-0008-v1-crlf-bom.md:6:11: warning[list-as-string]",
    ];
    for e in expected {
        assert!(
            out.lines().any(|l| l.starts_with(e)),
            "missing `{e}` in:\n{out}"
        );
    }
    assert!(out.contains("error[yaml-syntax]"), "{out}");
}

#[test]
fn human_output_names_every_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("scs-0001-v1-a.md"), "").unwrap();
    std::fs::write(dir.path().join("scs-0002-v1-b.md"), b"\xff\xfe").unwrap();
    let text = normwerk()
        .current_dir(dir.path())
        .args(["lint", "."])
        .exits_quietly(1);
    assert!(text.contains("scs-0001-v1-a.md"), "{text}");
    assert!(text.contains("scs-0002-v1-b.md:1:1"), "{text}");
}

#[test]
fn hostile_nesting_does_not_crash() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let mut deep_map = String::from("---\n");
    for i in 0..20_000 {
        deep_map.push_str(&" ".repeat(i));
        deep_map.push_str("a:\n");
    }
    deep_map.push_str("---\n");
    std::fs::write(p.join("scs-0001-v1-deep-map.md"), deep_map).unwrap();
    // 200 MB of indentation: past the default size limit, which is not what is tested here.
    std::fs::write(
        p.join("normwerk.toml"),
        "[limits]\ndocument_bytes = 300_000_000\n",
    )
    .unwrap();
    let flow = format!(
        "---\ntitle: {}{}\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(p.join("scs-0002-v1-deep-flow.md"), flow).unwrap();
    let body = format!(
        "---\ntitle: A\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n{} x\n{}\n",
        ">".repeat(100_000),
        "[".repeat(50_000)
    );
    std::fs::write(p.join("scs-0003-v1-deep-body.md"), body).unwrap();
    let aliases = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n";
    std::fs::write(p.join("scs-0004-v1-aliases.md"), aliases).unwrap();
    let out = lint_concise(p, 1);
    assert!(
        out.contains("./scs-0001-v1-deep-map.md:") && out.contains("nested too deeply"),
        "{out}"
    );
    assert!(out.contains("./scs-0002-v1-deep-flow.md:2:"), "{out}");
    assert!(!out.contains("scs-0003-v1-deep-body.md"), "{out}");
    assert!(
        out.contains("./scs-0004-v1-aliases.md:") && out.contains("too many values"),
        "{out}"
    );
}

/// Mutated copies of a valid document (bytes flipped, dropped, duplicated) never crash the lint.
#[test]
fn mutated_documents_never_crash() {
    let seed_doc = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("standards-src/scs-0110-v2-instance-metadata-labels.md"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"-:[]{}#&*!|>'\"%@` \n\r\t\xc3\xa9\xff0a";
    for i in 0..300 {
        let mut bytes = seed_doc.clone();
        for _ in 0..(1 + next() % 8) {
            let at = (next() as usize) % bytes.len().max(1);
            match next() % 3 {
                0 => bytes[at] = alphabet[(next() as usize) % alphabet.len()],
                1 => {
                    bytes.remove(at);
                }
                _ => {
                    let end = (at + (next() as usize) % 40).min(bytes.len());
                    let chunk = bytes[at..end].to_vec();
                    bytes.splice(at..at, chunk);
                }
            }
        }
        std::fs::write(
            dir.path()
                .join(format!("scs-{:04}-v1-mutant.md", i % 10 * 100 + i / 10)),
            bytes,
        )
        .unwrap();
    }
    // Findings or none (0 or 1), never a crash.
    let out = normwerk()
        .current_dir(dir.path())
        .args(["lint", ".", "--format", "json"])
        .assert()
        .code(predicates::ord::le(1))
        .stderr("");
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let not_utf8 = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "invalid-utf8")
        .count();
    assert_eq!(
        report["documents"].as_u64().unwrap() as usize + not_utf8,
        300
    );
}
