//! A made-up body expressed in configuration alone: another prefix, three tracks with other
//! digits, and a type SCS does not have.

use crate::common::{fixture, lint_concise};

#[test]
fn custom_profile_lints_its_own_corpus() {
    let dir = fixture("custom-profile");
    let out = lint_concise(&dir, 1);
    insta::assert_snapshot!(out);
    // The body's own names are accepted…
    assert!(
        !out.contains("nrm-0700-v1"),
        "a clean Core specification was flagged:\n{out}"
    );
    assert!(
        !out.contains("nrm-0810-v1"),
        "the extra type with an alias section was flagged:\n{out}"
    );
    // …and SCS's are not.
    assert!(out.contains("nrm-0910-v1-scs-words.md:3:7: error[invalid-value]"));
    assert!(out.contains("nrm-0820-v1-wrong-track.md:5:8: error[track-mismatch]"));
    // Per-file override re-levels a rule.
    assert!(out.contains("nrm-0900-v1-storage-layout.md:3:7: warning[required-section]"));
}
