//! Every change to a document is visible on the site: history pages list every commit that
//! changed a document and link its diff, the document page counts the changes since Stable, the
//! feeds carry date transitions and edits of documents in force (a `TestRepo` history), and on
//! the real corpus every history page lists every commit git knows for its document.

use crate::common::{Expect, normwerk};
use crate::history::{TestRepo, procedural};
use crate::real_corpus::clone_real_corpus;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const FILE: &str = "scs-0001-v1-backups.md";
const BODY: &str =
    "## Scope\n\nThis docuemnt covers clouds.\n\nProviders MUST keep backups for 30 days.\n";

fn build(source: &Path, out: &Path) {
    normwerk()
        .args(["build", "--as-of", "2025-06-01", "--source"])
        .arg(source)
        .arg("--out")
        .arg(out)
        .succeeds();
}

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The short commit ids a history page links revision pages of, in page order.
fn revision_links(page: &str, file_id: &str) -> Vec<String> {
    let marker = format!("standards/{file_id}/history/");
    page.match_indices(&marker)
        .filter_map(|(i, m)| {
            let rest = page.get(i + m.len()..)?;
            let (short, tail) = rest.split_once('/')?;
            (tail.starts_with("index.html") && short.len() >= 7).then(|| short.to_owned())
        })
        .collect()
}

#[test]
fn edits_of_a_stable_document_are_listed_counted_diffed_and_fed() {
    let mut r = TestRepo::new();
    let stable = |body: &str| procedural("Stable", "stabilized_at: 2024-01-01\n", body);
    r.commit("draft", &[(FILE, Some(&procedural("Draft", "", BODY)))]);
    r.commit("stabilize", &[(FILE, Some(&stable(BODY)))]);
    let typo = BODY.replace("docuemnt", "document");
    r.commit("fix a typo", &[(FILE, Some(&stable(&typo)))]);
    let shorter = typo.replace("30 days", "7 days");
    r.commit("shorten the backups", &[(FILE, Some(&stable(&shorter)))]);
    let more = format!("{shorter}\nBackups are a good idea.\n");
    r.commit("add a remark", &[(FILE, Some(&stable(&more)))]);
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    build(&r.standards(), &out);

    let history = read(&out, "standards/scs-0001-v1-backups/history/index.html");
    let links = revision_links(&history, "scs-0001-v1-backups");
    assert_eq!(links.len(), 5, "{history}");
    // Newest first, each with its commit summary and what it did.
    let order: Vec<usize> = ["add a remark", "shorten the backups", "fix a typo"]
        .iter()
        .map(|s| history.find(s).unwrap_or_else(|| panic!("{s}: {history}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{history}");
    assert!(
        history.contains("+1 −1 lines, 1 normative line added, 1 normative line removed"),
        "{history}"
    );
    assert!(history.contains("status Draft → Stable"), "{history}");
    for short in &links {
        let page = read(
            &out,
            &format!("standards/scs-0001-v1-backups/history/{short}/index.html"),
        );
        assert!(page.contains("class=\"diff-box\"") || page.contains("added the document"));
    }
    let normative = read(
        &out,
        &format!(
            "standards/scs-0001-v1-backups/history/{}/index.html",
            links[1]
        ),
    );
    assert!(normative.contains("<mark>7</mark>"), "{normative}");
    let main = normative
        .split_once("<main")
        .and_then(|(_, m)| m.split_once("</main>"))
        .map(|(m, _)| m)
        .unwrap();
    insta::assert_snapshot!("revision_page", main);

    let doc = read(&out, "standards/scs-0001-v1-backups/index.html");
    assert!(
        doc.contains("3 times since it became Stable</a>, 1 of them normative"),
        "{doc}"
    );
    assert!(doc.contains("Last changed"), "{doc}");

    let feed = read(&out, "feed.xml");
    assert!(
        feed.contains("scs-0001-v1: in force from 2024-01-01"),
        "{feed}"
    );
    assert!(
        feed.contains("urn:normwerk:transition:scs-0001-v1-backups:effective:2024-01-01"),
        "{feed}"
    );
    assert_eq!(feed.matches("scs-0001-v1 changed: ").count(), 3, "{feed}");
    // Without a base URL, no rel="self" and links relative to the feed.
    assert!(!feed.contains("rel=\"self\""));
    for own in ["standards/scs-0001/feed.xml", "tracks/global/feed.xml"] {
        let f = read(&out, own);
        assert_eq!(f.matches("scs-0001-v1 changed: ").count(), 3, "{own}: {f}");
        assert!(
            f.contains("href=\"../../standards/scs-0001-v1-backups/"),
            "{f}"
        );
    }
    let standard = read(&out, "standards/scs-0001/index.html");
    assert!(
        standard.contains("href=\"../../standards/scs-0001/feed.xml\""),
        "{standard}"
    );
}

#[test]
fn feeds_with_a_base_url_are_absolute_and_name_themselves() {
    let mut r = TestRepo::new();
    r.commit("draft", &[(FILE, Some(&procedural("Draft", "", BODY)))]);
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    normwerk()
        .args(["build", "--as-of", "2025-06-01", "--base-url"])
        .arg("https://standards.example.org/sub/")
        .arg("--source")
        .arg(r.standards())
        .arg("--out")
        .arg(&out)
        .succeeds();
    let feed = read(&out, "standards/scs-0001/feed.xml");
    assert!(
        feed.contains(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://standards.example.org/sub/standards/scs-0001/feed.xml\"/>"
        ),
        "{feed}"
    );
    assert!(
        feed.contains(
            "href=\"https://standards.example.org/sub/standards/scs-0001-v1-backups/index.html\""
        ),
        "{feed}"
    );
}

/// git's rename detection (content 56% similar) continues the old
/// `scs-0212-v1-requirements-for-container-registry.md` as the new scs-0218 file of the same
/// commit; normwerk's rule (number, kind and version are the identity) continues it as
/// `scs-0212-v1-requirements-for-container-registries.md`, added in that commit.
const FOLLOWED_ELSEWHERE: &[(&str, &str)] = &[(
    "scs-0218-v1-container-registry-for-scs-standard-implementation",
    "scs-0212-v1-requirements-for-container-registries",
)];

/// Per file path at HEAD: the commits that changed it, following renames back (`git log
/// --follow`, without its copy detection, which lends a new version its predecessor's commits).
fn git_truth(repo: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let out = Command::new("git")
        .args([
            "log",
            "--first-parent",
            "-M",
            "--name-status",
            "--format=C %H",
            "--",
            "Standards",
        ])
        .current_dir(repo)
        .output()
        .unwrap();
    let log = String::from_utf8(out.stdout).unwrap();
    // Newest first: (commit, [(status, paths)]).
    let mut commits: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    for line in log.lines() {
        if let Some(id) = line.strip_prefix("C ") {
            commits.push((id.to_owned(), Vec::new()));
        } else if !line.is_empty() {
            let fields = line.split('\t').map(str::to_owned).collect();
            commits.last_mut().unwrap().1.push(fields);
        }
    }
    let head = Command::new("git")
        .args(["ls-files", "Standards"])
        .current_dir(repo)
        .output()
        .unwrap();
    let mut truth = BTreeMap::new();
    for path in String::from_utf8(head.stdout).unwrap().lines() {
        let (mut name, mut touched) = (path.to_owned(), BTreeSet::new());
        'commits: for (id, changes) in &commits {
            for c in changes {
                let status = c[0].chars().next().unwrap();
                let (from, to) = (&c[1], c.last().unwrap());
                if *to != name {
                    continue;
                }
                touched.insert(id.clone());
                match status {
                    'A' => break 'commits,
                    'R' => name = from.clone(),
                    _ => {}
                }
            }
        }
        truth.insert(path.to_owned(), touched);
    }
    truth
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "needs the real SCS corpus ../shared/corpus/scs-standards.bundle (see ../shared/corpus/README.md)"
)]
fn every_history_page_of_the_real_corpus_lists_every_commit_of_its_document() {
    let (_tmp, clone) = clone_real_corpus();
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    build(&clone.join("Standards"), &out);
    let truth = git_truth(&clone);
    let (mut pages, mut commits) = (0, 0);
    for (path, touched) in &truth {
        let Some(name) = path
            .strip_prefix("Standards/")
            .and_then(|p| p.strip_suffix(".md"))
        else {
            continue;
        };
        let page = out.join(format!("standards/{name}/history/index.html"));
        let Ok(html) = std::fs::read_to_string(&page) else {
            continue; // not a document (a README, a template)
        };
        let listed: BTreeSet<String> = revision_links(&html, name).into_iter().collect();
        let on =
            |listed: &BTreeSet<String>, id: &str| listed.iter().any(|s| id.starts_with(s.as_str()));
        let mut missing: Vec<&String> = touched.iter().filter(|id| !on(&listed, id)).collect();
        // Where git and normwerk disagree on which file continues which, the commits are on the
        // page of the document normwerk follows.
        if let Some((_, other)) = FOLLOWED_ELSEWHERE.iter().find(|(n, _)| *n == name) {
            let page = format!("standards/{other}/history/index.html");
            let theirs: BTreeSet<String> = revision_links(&read(&out, &page), other)
                .into_iter()
                .collect();
            missing.retain(|id| !on(&theirs, id));
        }
        assert!(
            missing.is_empty(),
            "{path}: commits not on its history page: {missing:?}"
        );
        for short in &listed {
            assert!(
                out.join(format!("standards/{name}/history/{short}/index.html"))
                    .is_file(),
                "{path}: no page for {short}"
            );
        }
        pages += 1;
        commits += touched.len();
    }
    // Every document of the corpus has its page (105 files, of which a few are no documents).
    assert!(pages >= 100, "{pages} history pages checked");
    assert!(commits >= 500, "{commits} commits checked");
}
