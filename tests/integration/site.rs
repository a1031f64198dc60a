//! `normwerk build`: pages of every kind from the sample corpus (snapshots), determinism, output
//! safety, escaping, and the real corpus.

use crate::common::{Expect, normwerk};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `normwerk build` of `source` into `out` with a pinned as-of date, to run.
fn build(source: &Path, out: &Path, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = normwerk();
    cmd.env_remove("SOURCE_DATE_EPOCH")
        .args(["build", "--as-of", "2026-11-27", "--source"])
        .arg(source)
        .arg("--out")
        .arg(out)
        .args(extra);
    cmd
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walk(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap()
}

#[test]
fn every_page_kind_from_the_sample_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    // Without history: the snapshots must not change with every commit of this repository.
    let err = build(&root().join("standards-src"), &out, &["--no-history"])
        .exits(0)
        .stderr;
    assert!(err.contains("built 42 pages"), "{err}");
    insta::assert_snapshot!("feed_without_history", page(&out, "feed.xml"));
    insta::assert_snapshot!("overview", page(&out, "index.html"));
    insta::assert_snapshot!("track", page(&out, "tracks/iaas/index.html"));
    insta::assert_snapshot!("track_sidebar", page(&out, "tracks/iaas/sidebar.js"));
    insta::assert_snapshot!("standard", page(&out, "standards/scs-0111/index.html"));
    insta::assert_snapshot!(
        "document",
        page(
            &out,
            "standards/scs-0111-v1-volume-snapshot-retention/index.html"
        )
    );
    insta::assert_snapshot!("proposals", page(&out, "proposals/index.html"));
    insta::assert_snapshot!("diff", page(&out, "standards/scs-0110/diff-v1-v2.html"));
    insta::assert_snapshot!("not_found", page(&out, "404.html"));
    insta::assert_snapshot!("certification", page(&out, "certification/index.html"));
    insta::assert_snapshot!(
        "scope",
        page(&out, "certification/compatible-iaas/index.html")
    );
    assert!(
        !out.join("standards/scs-0111-v1-volume-snapshot-retention/history")
            .exists()
    );
    // States and banners for the pinned date (their text, links dropped).
    let banner = |rel: &str| {
        let html = page(&out, &format!("standards/{rel}/index.html"));
        let start = html.find("role=\"status\">").unwrap() + 14;
        let end = start + html[start..].find("</p>").unwrap();
        let mut text = html[start..end].to_owned();
        while let Some(open) = text.find('<') {
            let close = open + text[open..].find('>').unwrap();
            text.replace_range(open..=close, "");
        }
        text
    };
    assert_eq!(
        banner("scs-0110-v1-instance-metadata-labels"),
        "Deprecated since 2024-06-30, replaced by scs-0110-v2, in force since 2024-06-30."
    );
    assert_eq!(
        banner("scs-0110-v2-instance-metadata-labels"),
        "Effective since 2024-06-30."
    );
    assert_eq!(
        banner("scs-0210-v1-cluster-upgrade-cadence"),
        "Draft — not normative. No version of this standard is in force."
    );
    assert_eq!(
        banner("scs-0211-v1-node-image-provenance"),
        "Rejected on 2025-02-10 — not normative. No version of this standard is in force."
    );
    assert_eq!(
        banner("scs-0300-w1-federated-login-claims-implementation"),
        "Supplement — informative, not normative."
    );
}

/// The `<main>` of a page as text: tags dropped, white space collapsed.
fn main_text(html: &str) -> String {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn scope_pages_follow_the_as_of_date_and_documents_name_the_scope_versions_requiring_them() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = root().join("standards-src");
    // 2026-11-27: v2 effective, v1 warn (the pinned date of the snapshots).
    let out = tmp.path().join("warn");
    build(&sample, &out, &["--no-history"]).succeeds();
    let v1_doc = page(
        &out,
        "standards/scs-0111-v1-volume-snapshot-retention/index.html",
    );
    assert!(
        v1_doc.contains(r##"<dt>Certification</dt><dd>Required by <a href="../../certification/compatible-iaas/index.html#version-v1">Compatible IaaS v1</a> (<span class="validity validity-warn">warn</span>)</dd>"##),
        "{v1_doc}"
    );
    // Included by both versions: named by both, the effective one first.
    let labels = main_text(&page(
        &out,
        "standards/scs-0110-v2-instance-metadata-labels/index.html",
    ));
    assert!(
        labels.contains(
            "Required by Compatible IaaS v2 ( effective ) Required by Compatible IaaS v1 ( warn )"
        ),
        "{labels}"
    );
    // A version no scope includes names none.
    let old = page(
        &out,
        "standards/scs-0110-v1-instance-metadata-labels/index.html",
    );
    assert!(!old.contains("<dt>Certification</dt>"), "{old}");
    let standard = main_text(&page(&out, "standards/scs-0111/index.html"));
    assert!(
        standard.contains("scs-0111-v1 : required by Compatible IaaS v1 ( warn )"),
        "{standard}"
    );
    assert!(
        page(&out, "index.html")
            .contains(r#"<a href="certification/index.html">Certification</a>"#)
    );

    // 2027-01-01: v1 is deprecated and requires nothing any more.
    let later = tmp.path().join("later");
    assert!(
        build_process("2027-01-01", &later)
            .status()
            .unwrap()
            .success()
    );
    let v1_doc = page(
        &later,
        "standards/scs-0111-v1-volume-snapshot-retention/index.html",
    );
    assert!(!v1_doc.contains("<dt>Certification</dt>"), "{v1_doc}");
    let scope = main_text(&page(&later, "certification/compatible-iaas/index.html"));
    assert!(
        scope.contains("a cloud can be certified against v2 ( effective )."),
        "{scope}"
    );
    assert!(scope.contains("2026-12-15 open (current)"), "{scope}");
    assert!(
        scope.contains("Compatible IaaS v1 deprecated Deprecated on 2027-01-01"),
        "{scope}"
    );

    // Before the timeline starts no version has a validity.
    let early = tmp.path().join("early");
    assert!(
        build_process("2025-01-01", &early)
            .status()
            .unwrap()
            .success()
    );
    let scope = main_text(&page(&early, "certification/compatible-iaas/index.html"));
    assert!(
        scope.contains("can be certified against no version of this scope"),
        "{scope}"
    );
    assert!(
        scope.contains("Compatible IaaS v1 none No validity on 2025-01-01"),
        "{scope}"
    );
    assert!(!scope.contains("(current)"), "{scope}");
}

#[test]
fn the_same_input_and_date_give_byte_identical_output() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&root().join("standards-src"), &a, &[]).succeeds();
    build(&root().join("standards-src"), &b, &[]).succeeds();
    assert_eq!(files(&a), files(&b));
    // Rebuilding in place replaces the previous site.
    build(&root().join("standards-src"), &a, &[]).succeeds();
    assert_eq!(files(&a), files(&b));
}

#[test]
fn a_folder_normwerk_did_not_build_is_left_alone() {
    // The source folder, a folder around it or inside it: cases build-out-* in tests/cmd/.
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("docs/Standards");
    std::fs::create_dir_all(&source).unwrap();
    crate::common::copy_sample_document(&source);
    let foreign = tmp.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
    build(&source, &foreign, &[]).fails_with("did not build");
    assert_eq!(
        std::fs::read_to_string(foreign.join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&root().join("standards-src"), &out, &[]).succeeds();
    let before = files(&out);
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("document.html"), "{% extends \"layout.html\" %}{% block content %}{{ doc.title | no_such_filter }}{% endblock content %}").unwrap();
    build(
        &root().join("standards-src"),
        &out,
        &["--templates", templates.to_str().unwrap()],
    )
    .fails_with("no_such_filter");
    assert_eq!(files(&out), before);
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

#[test]
fn images_next_to_documents_are_copied_into_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("src");
    std::fs::create_dir_all(source.join("img")).unwrap();
    std::fs::write(
        source.join("img/my flow.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    std::fs::write(
        source.join("scs-0001-v1-a.md"),
        "---\ntitle: A\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n\n![Flow](img/my%20flow.svg) and [elsewhere](https://example.org/scs-0001-v1-a.md)\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    build(&source, &out, &["--no-history"]).succeeds();
    assert!(
        out.join("standards/scs-0001-v1-a/img/my flow.svg")
            .is_file()
    );
    // A link to another site is not mistaken for a document of this corpus.
    let html = page(&out, "standards/scs-0001-v1-a/index.html");
    // Without scope files there is no certification section, and no link to one.
    assert!(!out.join("certification").exists());
    assert!(!html.contains("certification/"), "{html}");
    assert!(
        html.contains(r#"href="https://example.org/scs-0001-v1-a.md""#),
        "{html}"
    );
}

#[test]
fn sitemap_lists_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(
        &root().join("standards-src"),
        &out,
        &[
            "--no-history",
            "--base-url",
            "https://standards.example.org/",
        ],
    )
    .succeeds();
    let sitemap = page(&out, "sitemap.xml");
    assert_eq!(sitemap.matches("<url>").count(), 41, "{sitemap}");
    assert!(
        sitemap.contains("<loc>https://standards.example.org/standards/scs-0110/</loc>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://standards.example.org/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn site_settings_come_from_the_config_file() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("src");
    std::fs::create_dir_all(source.join("theme")).unwrap();
    std::fs::copy(
        root().join("standards-src/scs-0210-v1-cluster-upgrade-cadence.md"),
        source.join("scs-0210-v1-cluster-upgrade-cadence.md"),
    )
    .unwrap();
    std::fs::write(
        source.join("theme/404.html"),
        "{% extends \"layout.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}",
    )
    .unwrap();
    std::fs::write(
        source.join("normwerk.toml"),
        "source = \".\"\n[site]\nout = \"../public\"\ntemplates = \"theme\"\ntitle = \"Example Body\"\n",
    )
    .unwrap();
    normwerk()
        .args(["build", "--as-of", "2026-11-27", "--no-history", "--source"])
        .arg(&source)
        .succeeds();
    let out = tmp.path().join("public");
    assert!(page(&out, "404.html").contains("<h1>Lost</h1>"));
    assert!(page(&out, "index.html").contains("<title>Example Body</title>"));
}

#[test]
fn templates_are_overridden_file_by_file() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("404.html"), "{% extends \"layout.html\" %}{% block content %}<h1>Gone fishing</h1>{% endblock content %}").unwrap();
    let out = tmp.path().join("site");
    build(
        &root().join("standards-src"),
        &out,
        &["--templates", templates.to_str().unwrap()],
    )
    .succeeds();
    assert!(page(&out, "404.html").contains("Gone fishing"));
    assert!(page(&out, "index.html").contains("<table class=\"standards\">"));
}

#[test]
fn documents_cannot_inject_script_or_template_code() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("src");
    std::fs::create_dir_all(&source).unwrap();
    std::fs::write(
        source.join("scs-0001-v1-evil.md"),
        "---\ntitle: \"{{ 7 * 7 }} <script>alert(1)</script>\"\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n\n## Body {% raw %}\n\n<script>alert(2)</script>\n<img src=https://example.org/x.png onerror=alert(3)>\n\n{{ 6 * 7 }}\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    build(&source, &out, &[]).succeeds();
    let html = page(&out, "standards/scs-0001-v1-evil/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("onerror"), "{html}");
    assert!(html.contains("{{ 7 * 7 }} &lt;script&gt;"), "{html}");
    assert!(html.contains("{{ 6 * 7 }}"), "{html}");
    assert!(!html.contains("49") && !html.contains(">42<"), "{html}");
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "needs the real SCS corpus ../shared/corpus/scs-standards.bundle (see ../shared/corpus/README.md)"
)]
fn the_real_corpus_builds_with_every_page_and_no_broken_link() {
    let (_tmp, clone) = crate::real_corpus::clone_real_corpus();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    normwerk()
        .args(["build", "--as-of", "2025-01-01", "--source"])
        .arg(clone.join("Standards"))
        .arg("--out")
        .arg(&out)
        .succeeds();
    let standards = clone.join("Standards");
    let mut documents = 0;
    for e in std::fs::read_dir(&standards).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("scs-0") && name.ends_with(".md") {
            documents += 1;
            let id = name.trim_end_matches(".md");
            assert!(
                out.join(format!("standards/{id}/index.html")).is_file(),
                "{id}"
            );
            let number = &id[..8];
            assert!(
                out.join(format!("standards/{number}/index.html")).is_file(),
                "{number}"
            );
        }
    }
    assert_eq!(documents, 102);
    for p in walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(&p).unwrap();
        let title = &html[html.find("<title>").unwrap() + 7..html.find("</title>").unwrap()];
        assert!(
            !title.trim().is_empty() && !title.starts_with(" ·"),
            "{}: empty title",
            p.display()
        );
    }
    let state = |id: &str| {
        let html = std::fs::read_to_string(out.join(format!("standards/{id}/index.html"))).unwrap();
        let start = html.find("state state-").unwrap() + 12;
        html[start..start + html[start..].find('"').unwrap()].to_owned()
    };
    assert_eq!(state("scs-0501-v5-scs-compatible-iaas"), "effective");
    assert_eq!(
        state("scs-0501-v4-scs-compatible-iaas"),
        "future-deprecated"
    );
    assert_eq!(state("scs-0501-v3-scs-compatible-iaas"), "deprecated");
    assert_eq!(state("scs-0005-v1-project-governance"), "future-effective");
    assert_eq!(state("scs-0102-v2-image-metadata"), "draft");
    assert_eq!(
        state("scs-0100-w1-flavor-naming-implementation-testing"),
        "informative"
    );
    // The certification section on 2025-01-01: the IaaS timeline's period of 2024-12-19.
    let iaas = main_text(
        &std::fs::read_to_string(out.join("certification/scs-compatible-iaas/index.html")).unwrap(),
    );
    assert!(
        iaas.contains("a cloud can be certified against v5.1 ( effective ), v4 ( effective )."),
        "{iaas}"
    );
    assert!(
        iaas.contains("2024-12-19 2025-02-01 (current) deprecated effective effective deprecated"),
        "{iaas}"
    );
    // The module opc-v2022.11 names scs-0128-v1, a Draft: shown as such.
    assert!(
        iaas.contains(
            "scs-0128-v1 SCS end-to-end testing draft (not in force, yet this version certifies)"
        ),
        "{iaas}"
    );
    let e2e =
        std::fs::read_to_string(out.join("standards/scs-0128-v1-e2e-testing/index.html")).unwrap();
    assert!(
        main_text(&e2e).contains("Required by SCS-compatible IaaS v5.1 ( effective )"),
        "{e2e}"
    );
    assert!(
        out.join("certification/scs-compatible-kaas/index.html")
            .is_file()
    );
    // v1 of 0210 names no successor, v2 says it replaces v1: the page knows from both sides.
    let v1 = std::fs::read_to_string(
        out.join("standards/scs-0210-v1-k8s-new-version-policy/index.html"),
    )
    .unwrap();
    assert!(
        main_text(&v1).contains("Deprecated since 2024-02-08, replaced by scs-0210-v2 , in force"),
        "{v1}"
    );
}

#[test]
fn history_pages_and_timelines_come_from_git() {
    use crate::history::{TestRepo, doc};
    let mut r = TestRepo::new();
    r.commit(
        "propose",
        &[(
            "scs-0001-v1-a.md",
            Some(&doc("Draft", "", "## Introduction\n\nText.\n")),
        )],
    );
    r.commit(
        "stabilize",
        &[(
            "scs-0001-v1-a.md",
            Some(&doc(
                "Stable",
                "stabilized_at: 2024-01-01\n",
                "## Introduction\n\nText.\n",
            )),
        )],
    );
    // A document not committed yet has no events; its pages say so.
    std::fs::write(
        r.standards().join("scs-0002-v1-b.md"),
        doc("Draft", "", "## Introduction\n\nText.\n"),
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&r.standards(), &out, &[]).succeeds();
    assert!(page(&out, "standards/scs-0002/index.html").contains("not committed"));
    assert!(page(&out, "standards/scs-0002-v1-b/history/index.html").contains("not committed"));
    let history = page(&out, "standards/scs-0001-v1-a/history/index.html");
    insta::assert_snapshot!(
        "history",
        history.replace(&r.standards().display().to_string(), "SOURCE")
    );
    assert!(history.contains("added as Draft"), "{history}");
    assert!(history.contains("status Draft → Stable"), "{history}");
    assert!(history.contains("Ada Author"), "{history}");
    let standard = page(&out, "standards/scs-0001/index.html");
    assert!(standard.contains("status Draft → Stable"), "{standard}");
    let feed = page(&out, "feed.xml");
    // Added, Stable, and in force on its stabilized_at.
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
}

/// `normwerk build --no-history` of the sample corpus into `out` as of `date`, as a process of
/// its own.
fn build_process(date: &str, out: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_normwerk"));
    cmd.env_remove("SOURCE_DATE_EPOCH")
        .args(["build", "--no-history", "--as-of", date, "--source"])
        .arg(root().join("standards-src"))
        .arg("--out")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// The names in `dir`.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn two_concurrent_builds_leave_one_consistent_site_and_no_staging_folders() {
    let tmp = tempfile::tempdir().unwrap();
    // Two different sites: the states and every page's date differ.
    let dates = ["2026-11-27", "2019-01-01"];
    let expected: Vec<_> = dates
        .iter()
        .map(|date| {
            let out = tmp.path().join("refs").join(date);
            assert!(build_process(date, &out).status().unwrap().success());
            files(&out)
        })
        .collect();
    assert_ne!(expected[0], expected[1]);
    let work = tmp.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let out = work.join("site");
    for round in 0..3 {
        let children: Vec<_> = dates
            .iter()
            .map(|date| build_process(date, &out).spawn().unwrap())
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success(), "round {round}");
        }
        let built = files(&out);
        assert!(
            built == expected[0] || built == expected[1],
            "round {round}: the site is one build's, not a mix"
        );
        assert_eq!(names(&work), ["site"], "round {round}");
    }
}

#[test]
fn a_build_killed_mid_way_is_cleaned_up_by_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let date = "2026-11-27";
    assert!(build_process(date, &out).status().unwrap().success());
    // Kill a build as soon as its staging folder appears; a build that finishes first is tried
    // again. Each for another day: a build of the same inputs as the site's has nothing to do.
    let mut killed = None;
    for day in 1..=20 {
        let other = format!("2026-10-{day:02}");
        let mut child = build_process(&other, &out).spawn().unwrap();
        let staging = loop {
            if let Some(name) = names(tmp.path())
                .into_iter()
                .find(|n| n.starts_with(".site.new-"))
            {
                break Some(name);
            }
            if child.try_wait().unwrap().is_some() {
                break None;
            }
        };
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if let Some(name) = staging.filter(|n| tmp.path().join(n).exists()) {
            killed = Some(name);
            break;
        }
    }
    let leftover = tmp
        .path()
        .join(killed.expect("a build was killed while it staged"));
    // Killed after its first step (the folder) the staging folder is empty; after its second,
    // marked. Either is recognisably a dead build's.
    let empty = std::fs::read_dir(&leftover).unwrap().next().is_none();
    assert!(
        empty || leftover.join(".normwerk-site").is_file(),
        "the staging folder is empty or marked"
    );
    assert!(build_process(date, &out).status().unwrap().success());
    assert_eq!(names(tmp.path()), ["site"]);
    assert!(out.join("index.html").is_file());
}

#[test]
fn a_dead_builds_leftover_is_removed_and_a_folder_without_marker_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    // As a build killed mid-way leaves it: marked, part of a site, nobody holding its lock.
    let dead = tmp.path().join(".site.new-1234-0000abcd");
    std::fs::create_dir_all(dead.join("standards")).unwrap();
    std::fs::write(dead.join(".normwerk-site"), "built by normwerk").unwrap();
    std::fs::write(dead.join("standards/index.html"), "<p>").unwrap();
    let foreign = tmp.path().join(".site.new-mine");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
    build(&root().join("standards-src"), &out, &["--no-history"]).succeeds();
    assert_eq!(names(tmp.path()), [".site.new-mine", "site"]);
    assert_eq!(
        std::fs::read_to_string(foreign.join("keep.txt")).unwrap(),
        "mine"
    );
}
