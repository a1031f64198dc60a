//! The site's design and navigation: version switcher, sidebar, previous/next, breadcrumbs,
//! nested contents, filters, branding from `[site]` and the SCS defaults, the logo's confinement.

use crate::common::{Expect, normwerk};
use std::path::Path;
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample site without history and without configuration of its branding, built once.
fn sample() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        normwerk()
            .args(["build", "--as-of", "2026-11-27", "--no-history", "--source"])
            .arg(root().join("standards-src"))
            .arg("--out")
            .arg(tmp.path().join("site"))
            .succeeds();
        tmp
    })
    .path()
}

fn page(rel: &str) -> String {
    std::fs::read_to_string(sample().join("site").join(rel)).unwrap()
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap()]
}

#[test]
fn the_version_switcher_lists_every_version_with_its_state_and_the_one_in_force() {
    let html = page("standards/scs-0110-v1-instance-metadata-labels/index.html");
    let switcher = between(&html, "<details id=\"version-switcher\">", "</details>");
    assert!(switcher.contains("Version 1 of 2"), "{switcher}");
    assert!(
        switcher.contains("<li aria-current=\"page\"><a href=\"../../standards/scs-0110-v1-instance-metadata-labels/index.html\">v1</a> <span class=\"badge state-deprecated\">deprecated</span>"),
        "{switcher}"
    );
    assert!(
        switcher.contains("<a href=\"../../standards/scs-0110-v2-instance-metadata-labels/index.html\">v2</a> <span class=\"badge state-effective\">effective</span>"),
        "{switcher}"
    );
    assert!(
        html.contains("<a class=\"in-force\" href=\"../../standards/scs-0110-v2-instance-metadata-labels/index.html\">Version in force: v2</a>"),
        "{html}"
    );
    // The version in force links to no other: it is the latest and in force itself.
    let v2 = page("standards/scs-0110-v2-instance-metadata-labels/index.html");
    assert!(!v2.contains("class=\"in-force\""), "{v2}");
    assert!(!v2.contains("class=\"latest\""), "{v2}");
    // The H1 names the version; the breadcrumbs lead from the overview to it.
    assert!(
        html.contains("<h1 class=\"doc-title\"><span class=\"number\">SCS-0110 v1</span> Instance metadata labels</h1>"),
        "{html}"
    );
    let crumbs = between(&html, "<nav class=\"breadcrumbs\"", "</nav>");
    assert!(
        crumbs.contains("Overview</a></li>")
            && crumbs.contains(">IaaS</a></li>")
            && crumbs.contains(">SCS-0110</a></li>")
            && crumbs.contains("<li aria-current=\"page\">v1</li>"),
        "{crumbs}"
    );
}

#[test]
fn the_sidebar_lists_the_tracks_standards_and_previous_next_link_the_neighbours() {
    let html = page("standards/scs-0110/index.html");
    let sidebar = between(&html, "<aside class=\"sidebar\"", "</aside>");
    assert!(sidebar.contains("IaaS standards"), "{sidebar}");
    assert!(sidebar.contains("data-current=\"scs-0110\""), "{sidebar}");
    // Without script the frame leads to the track's page, which lists every standard.
    assert!(
        sidebar.contains("<a class=\"track-link\" href=\"../../tracks/iaas/index.html\">"),
        "{sidebar}"
    );
    assert!(
        html.contains("<script src=\"../../tracks/iaas/sidebar.js\" defer></script>"),
        "the page loads its track's sidebar script"
    );
    // The track's script lists its standards in number order with their states, and no other
    // track's.
    let script = page("tracks/iaas/sidebar.js");
    assert!(
        script.starts_with("window.normwerkSidebar=[[\"scs-0110\","),
        "{script}"
    );
    assert!(
        script.contains("[\"scs-0111\",\"Volume snapshot retention\",\"effective\"]"),
        "{script}"
    );
    assert!(!script.contains("scs-0210"), "{script}");
    // SCS-0110 is the first of IaaS: a next, no previous; standard pages link standard pages.
    let pager = between(&html, "<nav class=\"pager\"", "</nav>");
    assert!(!pager.contains("rel=\"prev\""), "{pager}");
    assert!(
        pager.contains("rel=\"next\" href=\"../../standards/scs-0111/index.html\""),
        "{pager}"
    );
    // Document pages link the neighbour's version in force.
    let doc = page("standards/scs-0111-v2-volume-snapshot-retention/index.html");
    let pager = between(&doc, "<nav class=\"pager\"", "</nav>");
    assert!(
        pager.contains(
            "rel=\"prev\" href=\"../../standards/scs-0110-v2-instance-metadata-labels/index.html\""
        ),
        "{pager}"
    );
}

#[test]
fn the_scs_defaults_apply_with_no_configuration_of_the_site() {
    let html = page("index.html");
    assert!(
        html.contains("<title>Sovereign Cloud Stack Standards</title>"),
        "{html}"
    );
    assert!(html.contains("CC-BY-SA-4.0"), "{html}");
    assert!(
        html.contains(
            "<meta name=\"description\" content=\"The standards of the Sovereign Cloud Stack"
        ),
        "{html}"
    );
    assert!(
        html.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"assets/favicon.svg\">"),
        "{html}"
    );
    assert!(sample().join("site/assets/favicon.svg").is_file());
    // Without a base URL no og:url; a document's description is its meta description.
    assert!(!html.contains("og:url"), "{html}");
    let doc = page("standards/scs-0210-v1-cluster-upgrade-cadence/index.html");
    assert!(
        doc.contains("<meta name=\"description\" content=\"How quickly managed Kubernetes clusters receive new minor and patch versions."),
        "{doc}"
    );
    assert!(
        doc.contains(
            "<title>SCS-0210 v1: Cluster upgrade cadence · Sovereign Cloud Stack Standards</title>"
        ),
        "{doc}"
    );
    assert!(
        doc.contains("<meta property=\"og:type\" content=\"article\">"),
        "{doc}"
    );
    // Every page: the skip link first, the theme toggle, main#content.
    let body = between(&doc, "<body>", "</body>");
    assert!(
        body.starts_with("<body>\n<a class=\"skip-link\" href=\"#content\">"),
        "{body}"
    );
    assert!(body.contains("<button id=\"theme-toggle\""), "{body}");
    assert!(body.contains("<main id=\"content\">"), "{body}");
}

#[test]
fn the_overview_filters_offer_only_values_that_match_something() {
    let html = page("index.html");
    let filters = between(&html, "<div id=\"filters\"", "</div>");
    // The sample has no future-effective version and no informative standard version.
    assert!(!filters.contains("future-effective"), "{filters}");
    assert!(
        filters.contains("<option>future-deprecated</option>"),
        "{filters}"
    );
    assert!(filters.contains("<option>rejected</option>"), "{filters}");
    assert!(filters.contains("<option>IaaS</option>"), "{filters}");
    // A track page has nothing to choose between tracks.
    let track = page("tracks/iaas/index.html");
    let filters = between(&track, "<div id=\"filters\"", "</div>");
    assert!(!filters.contains("name=\"track\""), "{filters}");
    assert!(track.contains("<title>IaaS standards · Sovereign Cloud Stack Standards</title>"));
}

/// A corpus of one invented document with nested headings, and a config naming the branding.
fn branded(dir: &Path, site: &str) -> std::path::PathBuf {
    let source = dir.join("src");
    std::fs::create_dir_all(&source).unwrap();
    std::fs::write(
        source.join("scs-0120-v1-quota-reporting.md"),
        "---\ntitle: Quota reporting\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n\n\
         ## Introduction\n\nText.\n\n## Rules\n\n### Limits\n\n#### Soft limits\n\nText.\n\n\
         ### Reports\n\nText.\n\n## Conformance Tests\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        source.join("normwerk.toml"),
        format!("source = \".\"\n[site]\nout = \"../public\"\n{site}"),
    )
    .unwrap();
    source
}

#[test]
fn branding_comes_from_the_site_settings_and_the_contents_nest() {
    let tmp = tempfile::tempdir().unwrap();
    let source = branded(
        tmp.path(),
        "title = \"Example Body Norms\"\nfooter = \"Licensed under our own terms.\"\n\
         description = \"What Example Body agreed on.\"\nlogo = \"brand/mark.svg\"\n\
         base_url = \"https://norms.example.org/\"\n",
    );
    std::fs::create_dir_all(source.join("brand")).unwrap();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><rect width=\"8\" height=\"8\"/></svg>";
    std::fs::write(source.join("brand/mark.svg"), svg).unwrap();
    normwerk()
        .args(["build", "--as-of", "2026-11-27", "--no-history", "--source"])
        .arg(&source)
        .succeeds();
    let out = tmp.path().join("public");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<title>Example Body Norms</title>"), "{html}");
    assert!(
        html.contains("<p class=\"licence\">Licensed under our own terms.</p>"),
        "{html}"
    );
    assert!(
        html.contains("content=\"What Example Body agreed on.\""),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"assets/logo.svg\" alt=\"\""),
        "{html}"
    );
    assert!(!html.contains("CC-BY-SA"), "{html}");
    assert!(
        html.contains("<meta property=\"og:url\" content=\"https://norms.example.org/\">"),
        "{html}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("assets/logo.svg")).unwrap(),
        svg
    );
    let doc = std::fs::read_to_string(out.join("standards/scs-0120-v1-quota-reporting/index.html"))
        .unwrap();
    assert!(
        doc.contains("<meta property=\"og:url\" content=\"https://norms.example.org/standards/scs-0120-v1-quota-reporting/\">"),
        "{doc}"
    );
    // The contents: nested by level, not a flat list.
    let toc = between(&doc, "<nav id=\"toc\"", "</nav>");
    let compact: String = toc.split_whitespace().collect();
    assert!(
        compact.contains("<li><ahref=\"#rules\">Rules</a><ol><li><ahref=\"#limits\">Limits</a><ol><li><ahref=\"#soft-limits\">Softlimits</a></li></ol></li><li><ahref=\"#reports\">Reports</a></li></ol></li>")
            || toc.contains("<li><a href=\"#rules\">Rules</a><ol>\n<li><a href=\"#limits\">Limits</a><ol>\n<li><a href=\"#soft-limits\">Soft limits</a></li>\n</ol></li>\n<li><a href=\"#reports\">Reports</a></li>\n</ol></li>"),
        "{toc}"
    );
}

#[test]
fn a_logo_outside_the_configuration_folder_is_refused_with_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("elsewhere.svg"), "<svg/>").unwrap();
    let source = branded(tmp.path(), "logo = \"../elsewhere.svg\"\n");
    let err = normwerk()
        .args(["build", "--as-of", "2026-11-27", "--no-history", "--source"])
        .arg(&source)
        .fails_with("elsewhere.svg");
    assert!(
        err.contains("inside the folder of the configuration file"),
        "{err}"
    );
    assert!(!tmp.path().join("public").exists());
    // A link inside the folder that leads out of it is refused as well.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(tmp.path().join("elsewhere.svg"), source.join("linked.svg"))
            .unwrap();
        std::fs::write(
            source.join("normwerk.toml"),
            "source = \".\"\n[site]\nout = \"../public\"\nlogo = \"linked.svg\"\n",
        )
        .unwrap();
        normwerk()
            .args(["build", "--as-of", "2026-11-27", "--no-history", "--source"])
            .arg(&source)
            .fails_with("linked.svg");
    }
}
