//! The swap as a whole: folders replaced and marked, leftovers of dead builds removed and live
//! builds' kept, readers that never miss a page, concurrent builds.

use super::*;
use crate::output::staging::MARKER_TEXT;
use crate::output::swap::Swap;
use crate::output::{MARKER, check_output};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::fs::File;

/// A whole build through [`Staged`]: `texts` (by path relative to `out`) written on all cores,
/// `copies` copied, the folder swapped in with `swap`.
fn replace_folder_with(
    out: &Path,
    texts: &BTreeMap<String, String>,
    copies: &BTreeMap<String, PathBuf>,
    swap: Swap,
) -> Result<(), OutputError> {
    let staged = Staged::begin_with(out, swap == Swap::Update)?;
    texts
        .par_iter()
        .try_for_each(|(rel, content)| staged.write(rel, content.as_bytes()))?;
    for (rel, from) in copies {
        staged.copy(rel, from)?;
    }
    staged.commit_with(swap)
}

fn replace_folder(
    out: &Path,
    texts: &BTreeMap<String, String>,
    copies: &BTreeMap<String, PathBuf>,
) -> Result<(), OutputError> {
    replace_folder_with(out, texts, copies, Swap::Exchange)
}

/// Pages by path, as a build hands them to the swap.
fn texts(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect()
}

#[test]
fn a_folder_is_replaced_whole_and_marked() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    let attachment = tmp.path().join("a.png");
    std::fs::write(&attachment, "png").expect("file");
    let copies = BTreeMap::from([("img/a.png".to_owned(), attachment)]);
    replace_folder(&out, &texts(&[("a/index.html", "one")]), &copies).expect("first");
    assert_eq!(
        std::fs::read_to_string(out.join("img/a.png"))
            .ok()
            .as_deref(),
        Some("png")
    );
    check_output(tmp.path().join("src").as_path(), &out).expect("marked as ours");
    replace_folder(&out, &texts(&[("b.html", "two")]), &BTreeMap::new()).expect("second");
    assert!(!out.join("a/index.html").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("b.html")).ok().as_deref(),
        Some("two")
    );
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(names.len(), 2, "no temporary folders left: {names:?}");
}

fn pages(version: usize, extra: usize) -> BTreeMap<String, String> {
    let mut texts = BTreeMap::from([
        ("index.html".to_owned(), format!("<p>index {version}</p>")),
        (
            "standards/scs-0001/index.html".to_owned(),
            format!("<p>scs-0001 {version}</p>"),
        ),
    ]);
    for i in 0..extra {
        texts.insert(format!("standards/d{i}/index.html"), format!("{version}"));
    }
    texts
}

/// What is in `dir`, by name.
fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

/// A staging folder as a killed build leaves it: marked, no live lock, part of a site.
fn leftover(parent: &Path, name: &str, marked: bool) -> PathBuf {
    let dir = parent.join(name);
    std::fs::create_dir_all(dir.join("standards")).expect("folder");
    std::fs::write(dir.join("standards/half.html"), "<p>").expect("file");
    if marked {
        std::fs::write(dir.join(MARKER), MARKER_TEXT).expect("marker");
    }
    dir
}

#[test]
fn a_dead_builds_marked_leftovers_are_removed() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    let new = leftover(tmp.path(), ".site.new-4242-00000001", true);
    // Set aside by an older version that was killed before it removed the previous site.
    let old = leftover(tmp.path(), ".site.old-4242", true);
    // Another output's leftover is that build's business.
    let other = leftover(tmp.path(), ".other.new-1-1", true);
    replace_folder(&out, &pages(1, 0), &BTreeMap::new()).expect("build");
    assert!(!new.exists() && !old.exists());
    assert!(other.exists());
    assert_eq!(
        names(tmp.path()),
        BTreeSet::from(["site".into(), ".other.new-1-1".into()])
    );
}

#[test]
fn a_leftover_without_marker_is_kept() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    let foreign = leftover(tmp.path(), ".site.new-foreign", false);
    replace_folder(&out, &pages(1, 0), &BTreeMap::new()).expect("build");
    assert!(foreign.join("standards/half.html").exists());
}

#[test]
fn a_leftover_whose_lock_is_held_is_kept() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    let live = leftover(tmp.path(), ".site.new-1-live", true);
    // A live build holds its marker's lock (a separate open file: flock is per open file).
    let held = File::open(live.join(MARKER)).expect("open");
    held.lock().expect("lock");
    replace_folder(&out, &pages(1, 0), &BTreeMap::new()).expect("build");
    assert!(
        live.join("standards/half.html").exists(),
        "a live build's folder is kept"
    );
    drop(held);
    replace_folder(&out, &pages(2, 0), &BTreeMap::new()).expect("build");
    assert!(!live.exists(), "removed once its build is gone");
}

/// Rebuilds `out` 30 times while a reader opens two of its pages in a tight loop; returns
/// the reader's polls and misses.
fn poll_during_rebuilds(swap: Swap) -> (u64, u64) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    replace_folder_with(&out, &pages(0, 50), &BTreeMap::new(), swap).expect("first build");
    let done = std::sync::atomic::AtomicBool::new(false);
    let (polls, misses) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let (mut polls, mut misses) = (0u64, 0u64);
            let targets = [
                out.join("index.html"),
                out.join("standards/scs-0001/index.html"),
            ];
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                for target in &targets {
                    polls += 1;
                    match std::fs::read_to_string(target) {
                        Ok(text) if text.starts_with("<p>") && text.ends_with("</p>") => {}
                        _ => misses += 1,
                    }
                }
            }
            (polls, misses)
        });
        for version in 1..=30 {
            // Every other build has fewer pages, so that the per-file swap removes some.
            let extra = if version % 2 == 0 { 10 } else { 50 };
            replace_folder_with(&out, &pages(version, extra), &BTreeMap::new(), swap)
                .expect("rebuild");
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        reader.join().expect("reader")
    });
    assert_eq!(
        std::fs::read_to_string(out.join("index.html"))
            .ok()
            .as_deref(),
        Some("<p>index 30</p>")
    );
    assert!(!out.join("standards/d10/index.html").exists());
    assert_eq!(names(tmp.path()), BTreeSet::from(["site".into()]));
    (polls, misses)
}

#[test]
fn a_polling_reader_never_misses_a_page_during_an_exchange() {
    let (polls, misses) = poll_during_rebuilds(Swap::Exchange);
    assert!(polls > 0);
    assert_eq!(misses, 0, "{misses} of {polls} opens failed");
}

#[test]
fn a_polling_reader_never_misses_a_page_during_a_per_file_swap() {
    let (polls, misses) = poll_during_rebuilds(Swap::PerFile);
    assert!(polls > 0);
    assert_eq!(misses, 0, "{misses} of {polls} opens failed");
}

#[test]
fn a_polling_reader_never_misses_a_page_during_an_update() {
    let (polls, misses) = poll_during_rebuilds(Swap::Update);
    assert!(polls > 0);
    assert_eq!(misses, 0, "{misses} of {polls} opens failed");
}

#[test]
fn a_per_file_swap_removes_what_is_no_longer_produced() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    let first = texts(&[("a/index.html", "1"), ("b/c/d.html", "1"), ("x", "1")]);
    replace_folder_with(&out, &first, &BTreeMap::new(), Swap::PerFile).expect("first");
    // `a` turns from a folder into a file and `x` from a file into a folder; `b` goes.
    let second = texts(&[("a", "2"), ("x/index.html", "2")]);
    replace_folder_with(&out, &second, &BTreeMap::new(), Swap::PerFile).expect("second");
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).ok();
    assert_eq!(read("a").as_deref(), Some("2"));
    assert_eq!(read("x/index.html").as_deref(), Some("2"));
    assert_eq!(
        names(&out),
        BTreeSet::from(["a".into(), "x".into(), MARKER.into()])
    );
    assert_eq!(names(tmp.path()), BTreeSet::from(["site".into()]));
}

#[test]
fn concurrent_builds_each_complete_and_the_last_swap_wins() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    let site = |who: &str| -> BTreeMap<String, String> {
        (0..40)
            .map(|i| (format!("{who}/{i}/index.html"), format!("{who} {i}")))
            .chain([("index.html".to_owned(), who.to_owned())])
            .collect()
    };
    std::thread::scope(|scope| {
        for who in ["a", "b", "c"] {
            let (out, texts) = (&out, site(who));
            scope.spawn(move || {
                for _ in 0..10 {
                    replace_folder(out, &texts, &BTreeMap::new()).expect("build");
                }
            });
        }
    });
    let winner = std::fs::read_to_string(out.join("index.html")).expect("index");
    let expected: BTreeSet<String> = [winner.clone(), "index.html".into(), MARKER.into()]
        .into_iter()
        .collect();
    assert_eq!(names(&out), expected, "one build's site, not a mix");
    assert_eq!(names(&out.join(&winner)).len(), 40);
    assert_eq!(names(tmp.path()), BTreeSet::from(["site".into()]));
}

#[cfg(unix)]
#[test]
fn an_update_writes_only_what_changed_and_removes_what_is_gone() {
    use std::os::unix::fs::MetadataExt as _;
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    let first = texts(&[
        ("index.html", "home"),
        ("a/index.html", "a"),
        ("b/index.html", "b"),
        ("c/deep/index.html", "c"),
    ]);
    replace_folder(&out, &first, &BTreeMap::new()).expect("first build");
    let inode = |rel: &str| std::fs::metadata(out.join(rel)).expect("file").ino();
    let before: Vec<u64> = ["index.html", "a/index.html", "b/index.html"]
        .iter()
        .map(|r| inode(r))
        .collect();

    // Nothing changed: every file is the one that was there (same inode: not written again).
    let staged = Staged::begin(&out).expect("staged");
    for (rel, text) in &first {
        staged.write(rel, text.as_bytes()).expect("write");
    }
    staged.commit().expect("commit");
    let after: Vec<u64> = ["index.html", "a/index.html", "b/index.html"]
        .iter()
        .map(|r| inode(r))
        .collect();
    assert_eq!(before, after);

    // One page changed, one gone, one new: only those are touched.
    let second = texts(&[
        ("index.html", "home"),
        ("a/index.html", "a, changed"),
        ("d/index.html", "d"),
    ]);
    let staged = Staged::begin(&out).expect("staged");
    for (rel, text) in &second {
        staged.write(rel, text.as_bytes()).expect("write");
    }
    staged.commit().expect("commit");
    assert_eq!(inode("index.html"), before[0]);
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html"))
            .ok()
            .as_deref(),
        Some("a, changed")
    );
    assert!(!out.join("b").exists());
    assert!(!out.join("c").exists());
    assert_eq!(
        names(&out),
        BTreeSet::from([
            MARKER.to_owned(),
            "a".to_owned(),
            "d".to_owned(),
            "index.html".to_owned(),
        ])
    );

    // A page replaced keeps the permissions its predecessor had.
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(
        out.join("a/index.html"),
        std::fs::Permissions::from_mode(0o664),
    )
    .expect("chmod");
    let staged = Staged::begin(&out).expect("staged");
    staged.write("a/index.html", b"a, again").expect("write");
    staged.write("index.html", b"home").expect("write");
    staged.write("d/index.html", b"d").expect("write");
    staged.commit().expect("commit");
    let mode = std::fs::metadata(out.join("a/index.html"))
        .expect("file")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o664);
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html"))
            .ok()
            .as_deref(),
        Some("a, again")
    );

    // A build that fails before its commit leaves the site as it was.
    let staged = Staged::begin(&out).expect("staged");
    staged.write("a/index.html", b"never seen").expect("write");
    drop(staged);
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html"))
            .ok()
            .as_deref(),
        Some("a, again")
    );
    assert_eq!(
        names(tmp.path())
            .iter()
            .filter(|n| n.contains(".new-"))
            .count(),
        0
    );
}
