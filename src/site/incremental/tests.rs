//! Each kind of edit, made by a partial rebuild and by a full build of the same folder: the
//! same files, byte for byte.

use super::*;
use crate::asof::AsOf;
use crate::publish::PublishOptions;
use crate::workspace::Selection;
use std::path::Path;

/// The sample corpus in a fresh repository with one commit (so that the site has its history,
/// and the API's header turns dirty with the first edit).
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("standards-src");
    let to = dir.path().join("standards-src");
    for entry in walkdir::WalkDir::new(&sample) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(&sample).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let repo = git2::Repository::init(dir.path()).unwrap();
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    // Written, so that the checkout is clean: the first edit turns the API's header dirty.
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let who =
        git2::Signature::new("A", "a@example.org", &git2::Time::new(1_700_000_000, 0)).unwrap();
    repo.commit(Some("HEAD"), &who, &who, "sample", &tree, &[])
        .unwrap();
    dir
}

type Files = HashMap<String, Arc<[u8]>>;

/// The site of the folder as it is now: by `incremental`, and by a full build (or why not).
fn both(
    root: &Path,
    incremental: &mut Incremental,
) -> (Result<Made, String>, Result<Files, String>) {
    let selection = Selection {
        config: None,
        source: Some(root.join("standards-src")),
    };
    let ws = selection.workspace("").unwrap();
    let as_of = AsOf::resolve_with(Some(jiff::civil::date(2026, 11, 27)), None).unwrap();
    let opts = BuildOptions::resolve(None, None, &ws.config);
    let corpus = incremental.load(&ws).unwrap();
    let publication =
        crate::publish::prepare(&corpus, &ws.config, as_of, &PublishOptions::default()).unwrap();
    let made = incremental
        .render(&publication, &ws.config, &opts)
        .map_err(|e| e.to_string());
    let full = Memory::default();
    let whole = super::super::render(&publication, &ws.config, &opts, &full)
        .map(|_| full.into_files())
        .map_err(|e| e.to_string());
    drop(publication);
    incremental.keep_corpus(corpus);
    (made, whole)
}

/// An edit of the folder.
type Step = Box<dyn FnOnce(&Path)>;

/// What is edited, how, and what the rebuild then does.
type Edit = (&'static str, Step, Expect);

/// What a rebuild after an edit is expected to do.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Partial,
    Full,
    /// The site cannot be made (a broken link): the last one is served.
    Fails,
}

/// The paths whose bytes differ, and those only one side has.
fn differences(a: &HashMap<String, Arc<[u8]>>, b: &HashMap<String, Arc<[u8]>>) -> Vec<String> {
    let mut out: Vec<String> = a
        .iter()
        .filter(|(p, bytes)| b.get(*p) != Some(*bytes))
        .map(|(p, _)| p.clone())
        .chain(b.keys().filter(|p| !a.contains_key(*p)).cloned())
        .collect();
    out.sort();
    out
}

fn edit(root: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = root.join("standards-src").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, change(text)).unwrap();
}

const LINKED: &str = "scs-0110-v2-instance-metadata-labels.md";

#[test]
fn every_kind_of_edit_makes_what_a_full_build_makes() {
    let dir = repository();
    let root = dir.path();
    let mut incremental = Incremental::default();
    let (first, full) = both(root, &mut incremental);
    let (first, full) = (first.unwrap(), full.unwrap());
    assert!(!first.partial);
    assert_eq!(differences(&first.files, &full), Vec::<String>::new());
    // (what is edited, what the rebuild does)
    let edits: Vec<Edit> = vec![
        (
            "a paragraph added to a body",
            Box::new(|r| {
                edit(r, LINKED, |t| {
                    format!("{t}\nA paragraph added at the end.\n")
                })
            }),
            Expect::Partial,
        ),
        (
            "a heading renamed (anchors that other pages link to)",
            Box::new(|r| {
                edit(r, LINKED, |t| {
                    let at = t.rfind("\n## ").unwrap() + 4;
                    let (head, tail) = t.split_at(at);
                    format!("{head}Renamed {tail}")
                })
            }),
            Expect::Partial,
        ),
        (
            "a code block added",
            Box::new(|r| {
                edit(r, LINKED, |t| {
                    format!("{t}\n```yaml\nkey: value # comment\n```\n")
                })
            }),
            Expect::Partial,
        ),
        (
            "the same text again",
            Box::new(|r| edit(r, LINKED, |t| t)),
            Expect::Partial,
        ),
        (
            "a link to a missing document",
            Box::new(|r| {
                edit(r, LINKED, |t| {
                    format!("{t}\nSee [x](scs-9999-v1-none.md).\n")
                })
            }),
            Expect::Fails,
        ),
        (
            "the link removed: after a failure everything is made",
            Box::new(|r| {
                edit(r, LINKED, |t| {
                    t.replace("\nSee [x](scs-9999-v1-none.md).\n", "")
                })
            }),
            Expect::Full,
        ),
        (
            "a status changed",
            Box::new(|r| {
                edit(r, LINKED, |t| {
                    t.replacen("status: Draft", "status: Stable", 1).replacen(
                        "status: Stable",
                        "status: Draft",
                        1,
                    )
                })
            }),
            Expect::Full,
        ),
        (
            "a document added",
            Box::new(|r| {
                let from = r.join("standards-src").join(LINKED);
                let to = r
                    .join("standards-src")
                    .join("scs-0110-v3-instance-metadata-labels.md");
                std::fs::copy(from, to).unwrap();
            }),
            Expect::Full,
        ),
        (
            "a document removed",
            Box::new(|r| {
                std::fs::remove_file(
                    r.join("standards-src")
                        .join("scs-0110-v3-instance-metadata-labels.md"),
                )
                .unwrap();
            }),
            Expect::Full,
        ),
        (
            "a body edited after a full build",
            Box::new(|r| edit(r, LINKED, |t| t.replacen("MUST", "SHOULD", 1))),
            Expect::Partial,
        ),
    ];
    for (what, change, expect) in edits {
        change(root);
        match both(root, &mut incremental) {
            (Err(a), Err(b)) => {
                assert_eq!(expect, Expect::Fails, "{what}: {a}");
                assert_eq!(a, b, "{what}");
            }
            (Ok(made), Ok(full)) => {
                let partial = expect == Expect::Partial;
                assert_eq!(made.partial, partial, "{what}");
                assert_eq!(
                    differences(&made.files, &full),
                    Vec::<String>::new(),
                    "{what}"
                );
                if partial {
                    assert!(
                        made.made < full.len() / 2,
                        "{what}: {} files made",
                        made.made
                    );
                }
            }
            (a, b) => panic!(
                "{what}: {:?} vs {:?}",
                a.map(|m| m.made),
                b.map(|f| f.len())
            ),
        }
    }
}

#[test]
fn a_partial_rebuild_checks_the_links_of_pages_it_did_not_make() {
    let dir = repository();
    let root = dir.path();
    let mut incremental = Incremental::default();
    let (first, _) = both(root, &mut incremental);
    assert!(first.is_ok());
    // The supplement links a section of this document; renaming every heading breaks that link,
    // on a page the rebuild does not make.
    edit(root, LINKED, |t| t.replace("\n## ", "\n## Gone "));
    let (made, full) = both(root, &mut incremental);
    let error = made.unwrap_err();
    assert!(error.contains("no #standard on that page"), "{error}");
    assert_eq!(Err(error), full.map(|f| f.len()));
}

/// Runs the steps, each rebuilt both ways; returns whether the last was partial, and the paths
/// where it differs from a full build.
fn last_step(steps: Vec<Step>) -> (bool, Vec<String>) {
    let dir = repository();
    let root = dir.path();
    let mut incremental = Incremental::default();
    let (first, _) = both(root, &mut incremental);
    first.unwrap();
    let mut out = (false, Vec::new());
    for step in steps {
        step(root);
        let (made, full) = both(root, &mut incremental);
        let (made, full) = (made.unwrap(), full.unwrap());
        out = (made.partial, differences(&made.files, &full));
    }
    out
}

// Found by review: what a kept page shows of bodies.

const A: &str = "scs-0111-v2-volume-snapshot-retention.md";
const B: &str = "scs-0210-v1-cluster-upgrade-cadence.md";
const DIAGRAM: &str = "\n```mermaid\ngraph TD\n  A --> B\n```\n";

#[test]
fn the_mermaid_bundle_goes_with_the_last_diagram() {
    let (partial, differ) = last_step(vec![
        Box::new(|r| edit(r, LINKED, |t| format!("{t}{DIAGRAM}"))),
        Box::new(|r| edit(r, LINKED, |t| t.replace(DIAGRAM, ""))),
    ]);
    assert!(!partial);
    assert_eq!(differ, Vec::<String>::new());
}

#[test]
fn the_mermaid_bundle_comes_with_a_fence_that_may_be_a_diagram() {
    let (partial, differ) = last_step(vec![Box::new(|r| {
        edit(r, LINKED, |t| {
            format!("{t}\n````text\n```mermaid\nx\n```\n````\n")
        })
    })]);
    assert!(!partial);
    assert_eq!(differ, Vec::<String>::new());
}

#[test]
fn a_scope_page_follows_the_test_heading_it_links() {
    let (partial, differ) = last_step(vec![
        Box::new(|r| {
            edit(r, A, |t| {
                t.replace("## Conformance Tests", "## Conformance Checks")
            })
        }),
        Box::new(|r| {
            edit(r, A, |t| {
                t.replace("## Conformance Checks", "## Conformance Tests")
            })
        }),
    ]);
    assert!(partial);
    assert_eq!(differ, Vec::<String>::new());
}

#[test]
fn a_page_linking_by_public_address_follows_the_anchors_of_its_target() {
    let (partial, differ) = last_step(vec![
        Box::new(|r| {
            edit(r, A, |t| format!("{t}\n## Alpha {{#Foo}}\n\nText.\n"));
            edit(r, B, |t| {
                format!(
                    "{t}\nSee [it](https://docs.scs.community/standards/\
                     scs-0111-v2-volume-snapshot-retention#foo).\n"
                )
            });
        }),
        Box::new(|r| {
            edit(r, A, |t| {
                t.replace("\n## Alpha {#Foo}", "\n## Foo\n\nMore.\n\n## Alpha {#Foo}")
            })
        }),
    ]);
    assert!(partial);
    assert_eq!(differ, Vec::<String>::new());
}
