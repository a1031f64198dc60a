//! `lint --fix`: safe fixes made in place, only their bytes changed; `--dry-run` shows them.

use crate::common::{Expect, normwerk};
use crate::real_corpus::clone_real_corpus;
use std::path::Path;

/// A document with what an edit must keep: a byte order mark, CRLF line ends, comments, quoting,
/// an unusual key order, and a list written as a string.
const AWKWARD: &str = "\u{feff}---\r\n# the process metadata\r\ntrack: IaaS   # the track\r\ntitle: 'Volume: snapshots'\r\nstatus: Stable\r\nreplaces: \"scs-0111-v1-volumes.md\" # the first version\r\ntype: Standard\r\nstabilized_at: 2024-01-02\r\n---\r\n\r\n## Introduction\r\n\r\nreplaces: body text is never touched\r\n";

fn corpus(dir: &Path) {
    std::fs::write(dir.join("scs-0111-v2-volumes.md"), AWKWARD).unwrap();
    std::fs::write(
        dir.join("scs-0111-v1-volumes.md"),
        "---\ntitle: Volumes\ntype: Standard\nstatus: Deprecated\nstabilized_at: 2023-01-02\ndeprecated_at: 2024-01-02\nreplaced_by: scs-0111-v2-volumes.md\ntrack: IaaS\n---\n\n## Introduction\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("scs-0111-w1-volumes-tests.md"),
        "---\ntitle: Volume tests\ntype: Supplement\nsupplements:\n  - scs-0111-v2-volumes.md\ntrack: IaaS\n---\n\nText.\n",
    )
    .unwrap();
}

#[test]
fn fix_changes_only_the_bytes_of_its_findings() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let file = tmp.path().join("scs-0111-v2-volumes.md");

    // The dry run shows the change and writes nothing.
    let dry = normwerk()
        .args(["--color", "never", "lint", "--fix", "--dry-run"])
        .arg(tmp.path())
        .exits(1);
    assert!(
        dry.stdout
            .contains("-replaces: \"scs-0111-v1-volumes.md\" # the first version"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout
            .contains("+  - scs-0111-v1-volumes.md # the first version"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stderr
            .contains("--fix would fix 2 finding(s) in 2 file(s)"),
        "{}",
        dry.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), AWKWARD);

    let run = normwerk().args(["lint", "--fix"]).arg(tmp.path()).exits(0);
    assert!(
        run.stderr.contains("fixed 2 finding(s) in 2 file(s)"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("list-as-string"), "{}", run.stdout);
    let expected = AWKWARD.replace(
        "replaces: \"scs-0111-v1-volumes.md\" # the first version",
        "replaces:\r\n  - scs-0111-v1-volumes.md # the first version",
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    let v1 = std::fs::read_to_string(tmp.path().join("scs-0111-v1-volumes.md")).unwrap();
    assert!(
        v1.contains("\nreplaced_by:\n  - scs-0111-v2-volumes.md\ntrack: IaaS\n"),
        "{v1}"
    );

    // Nothing left to fix: a second run changes nothing.
    let again = normwerk()
        .args(["lint", "--fix", "--dry-run"])
        .arg(tmp.path())
        .exits(0);
    assert!(again.stdout.is_empty(), "{}", again.stdout);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
}

#[test]
fn dry_run_needs_fix() {
    normwerk().args(["lint", "--dry-run"]).fails_with("--fix");
}

#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "needs the real SCS corpus ../shared/corpus/scs-standards.bundle (see ../shared/corpus/README.md)"
)]
fn fix_on_the_real_corpus_removes_every_list_as_string_and_nothing_else() {
    let (_tmp, clone) = clone_real_corpus();
    let standards = clone.join("Standards");
    // The other rule with a safe fix on this corpus is switched off here (a user picks the
    // fixes to make the same way); its fixes are checked below.
    let config = clone.join("normwerk.toml");
    std::fs::write(&config, "[rules]\nmissing-replaced-by = \"off\"\n").unwrap();
    let before: Vec<(String, String)> = texts(&standards);
    let lint = |args: &[&str]| {
        normwerk()
            .args(["--color", "never", "lint", "--format", "concise"])
            .args(args)
            .arg(&standards)
            .exits(1)
    };
    let found = lint(&[]).stdout;
    let n = found.matches("[list-as-string]").count();
    assert_eq!(n, 12, "{found}");
    let fixed = lint(&["--fix"]);
    assert!(
        fixed.stderr.contains(&format!("fixed {n} finding(s)")),
        "{}",
        fixed.stderr
    );
    assert!(!fixed.stdout.contains("list-as-string"), "{}", fixed.stdout);
    // Every other finding is still there, the same.
    let others = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.contains(": ") && !l.contains("list-as-string"))
            .map(|l| l.split_once(": ").map_or(l, |(_, rest)| rest).to_owned())
            .collect()
    };
    assert_eq!(others(&fixed.stdout), others(&found));
    // In each changed file, `key: value` became `key:` and `  - value`; no other byte changed.
    let after = texts(&standards);
    let mut changed = 0;
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        if old == new {
            continue;
        }
        changed += 1;
        let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
        let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
        assert_eq!(new_lines.len(), old_lines.len() + 1, "{name}");
        let at = old_lines
            .iter()
            .zip(&new_lines)
            .position(|(a, b)| a != b)
            .unwrap();
        let (key, value) = old_lines[at].split_once(": ").unwrap();
        assert_eq!(new_lines[at], format!("{key}:\n"), "{name}");
        assert_eq!(new_lines[at + 1], format!("  - {value}"), "{name}");
        assert_eq!(old_lines[at + 1..], new_lines[at + 2..], "{name}");
    }
    assert_eq!(changed, n);

    // With every rule on: the 8 Deprecated documents whose one successor names them get
    // `replaced_by` with that successor, and nothing else changes.
    std::fs::remove_file(&config).unwrap();
    let found = lint(&[]).stdout;
    let missing = found.matches("[missing-replaced-by]").count();
    assert_eq!(missing, 8, "{found}");
    let fixed = lint(&["--fix"]);
    assert!(
        fixed
            .stderr
            .contains(&format!("fixed {missing} finding(s)")),
        "{}",
        fixed.stderr
    );
    assert!(
        !fixed.stdout.contains("missing-replaced-by"),
        "{}",
        fixed.stdout
    );
    // The same other findings (by rule: a message may name a line that moved down).
    let rules = |out: &str| -> Vec<String> {
        let mut r: Vec<String> = others(out)
            .iter()
            .filter(|l| !l.contains("missing-replaced-by"))
            .map(|l| {
                l.split_once(": ")
                    .map_or(l.as_str(), |(rule, _)| rule)
                    .to_owned()
            })
            .collect();
        r.sort();
        r
    };
    assert_eq!(rules(&fixed.stdout), rules(&found));
    for ((name, old), (_, new)) in after.iter().zip(&texts(&standards)) {
        if old == new {
            continue;
        }
        let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
        let added: Vec<&str> = diff
            .iter_all_changes()
            .filter(|c| c.tag() != similar::ChangeTag::Equal)
            .map(|c| {
                assert_eq!(
                    c.tag(),
                    similar::ChangeTag::Insert,
                    "{name}: only lines added"
                );
                c.value()
            })
            .collect();
        assert!(
            added.len() == 2 && added[0] == "replaced_by:\n" && added[1].starts_with("  - scs-"),
            "{name}: {added:?}"
        );
    }
}

fn texts(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read(&p).unwrap();
            (
                p.display().to_string(),
                String::from_utf8_lossy(&text).into_owned(),
            )
        })
        .collect()
}

#[test]
fn fix_writes_the_process_s_spelling_of_enum_values() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("scs-0110-v1-x.md");
    let text = "---\r\ntitle: X\r\ntype: Standard\r\nstatus: \"stable\"   # typo\r\nstabilized_at: 2024-01-01\r\ntrack: iaas\r\n---\r\n\r\n## Introduction\r\n\r\n## Motivation\r\n";
    std::fs::write(&file, text).unwrap();
    normwerk().args(["lint"]).arg(tmp.path()).exits(1);
    let run = normwerk().args(["lint", "--fix"]).arg(tmp.path()).exits(0);
    assert!(
        run.stderr.contains("fixed 2 finding(s) in 1 file(s)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text.replace("\"stable\"", "Stable").replace("iaas", "IaaS")
    );
}

#[cfg(unix)]
#[test]
fn fix_writes_through_a_link_inside_the_corpus_and_keeps_it_a_link() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let real = tmp.path().join("drafts");
    std::fs::create_dir(&real).unwrap();
    let link = tmp.path().join("scs-0111-v2-volumes.md");
    std::fs::rename(&link, real.join("v2.txt")).unwrap();
    std::os::unix::fs::symlink("drafts/v2.txt", &link).unwrap();
    normwerk().args(["lint", "--fix"]).arg(tmp.path()).exits(0);
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let text = std::fs::read_to_string(real.join("v2.txt")).unwrap();
    assert!(
        text.contains("replaces:\r\n  - scs-0111-v1-volumes.md # the first version"),
        "{text}"
    );
}

#[test]
fn fix_writes_clear_dates_in_iso_form_and_only_suggests_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let clear = tmp.path().join("scs-0112-v1-dates.md");
    let clear_text = "\u{feff}---\r\ntitle: Dates\r\ntype: Standard\r\nstatus: Stable\r\nstabilized_at: '2024/3/5'  # from the minutes\r\ntrack: IaaS\r\n---\r\n\r\n## Introduction\r\n\r\n## Motivation\r\n";
    std::fs::write(&clear, clear_text).unwrap();
    let german = tmp.path().join("scs-0113-v1-german.md");
    let german_text = "---\ntitle: German\ntype: Decision Record\nstatus: Stable\nstabilized_at: 5.3.2024\ntrack: IaaS\n---\n\n## Introduction\n";
    std::fs::write(&german, german_text).unwrap();

    let json = normwerk()
        .args(["lint", "--format", "json"])
        .arg(tmp.path())
        .exits(1);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let fixes: Vec<(String, String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "invalid-date")
        .map(|d| {
            (
                d["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
                d["fix"]["replacement"].as_str().unwrap().to_owned(),
                d["fix"]["applicability"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        fixes,
        [
            (
                "scs-0112-v1-dates.md".into(),
                "'2024-03-05'".into(),
                "safe".into()
            ),
            (
                "scs-0113-v1-german.md".into(),
                "2024-03-05".into(),
                "unsafe".into()
            ),
        ]
    );

    let run = normwerk().args(["lint", "--fix"]).arg(tmp.path()).exits(1);
    assert!(
        run.stderr.contains("fixed 1 finding(s) in 1 file(s)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("unsafe, so only suggested"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&clear).unwrap(),
        clear_text.replace("'2024/3/5'", "'2024-03-05'")
    );
    assert_eq!(std::fs::read_to_string(&german).unwrap(), german_text);
}

#[test]
fn a_slug_rename_is_suggested_never_made() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("scs-0114-v1-Größe_Name.md");
    let text = "---\ntitle: Size\ntype: Decision Record\nstatus: Draft\ntrack: IaaS\n---\n\n## Introduction\n";
    std::fs::write(&file, text).unwrap();
    let json = normwerk()
        .args(["lint", "--format", "json"])
        .arg(tmp.path())
        .exits(1);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let slug = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "slug-charset")
        .unwrap();
    assert_eq!(slug["fix"]["rename_to"], "scs-0114-v1-groesse-name.md");
    assert_eq!(slug["fix"]["applicability"], "unsafe");
    assert!(slug["fix"].get("bytes").is_none(), "{slug}");

    let sarif = normwerk()
        .args(["lint", "--format", "sarif"])
        .arg(tmp.path())
        .exits(1);
    assert!(!sarif.stdout.contains("\"fixes\""), "{}", sarif.stdout);
    assert!(
        sarif
            .stdout
            .contains("fix: rename the file to `scs-0114-v1-groesse-name.md`"),
        "{}",
        sarif.stdout
    );

    let run = normwerk().args(["lint", "--fix"]).arg(tmp.path()).exits(1);
    assert!(
        run.stdout
            .contains("rename the file to `scs-0114-v1-groesse-name.md` (unsafe"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert!(!tmp.path().join("scs-0114-v1-groesse-name.md").exists());
}
