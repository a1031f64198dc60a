//! Malformed input never stops the run: each broken file gets a finding that names it, and every
//! other document is still linted.

use crate::common::lint_concise;

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
    let (out, code) = lint_concise(p);
    assert_eq!(code, 1);
    let expected = [
        "./scs-0001-v1-no-frontmatter.md:1:1: error[missing-frontmatter]",
        "./scs-0002-v1-unterminated.md:1:1: error[unterminated-frontmatter]",
        "./scs-0003-v1-yaml-error.md:3:",
        "./scs-0004-v1-latin1.md:2:10: error[invalid-utf8]",
        "./scs-0005-v1-empty.md: error[missing-frontmatter]: the file is empty",
        "./scs-0006-v1-folder.md: error[unreadable]: is a folder",
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
    let out = crate::common::normwerk()
        .current_dir(dir.path())
        .args(["lint", "."])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("scs-0001-v1-a.md"), "{text}");
    assert!(text.contains("scs-0002-v1-b.md:1:1"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}
