//! Rewrites under a new slug: a document deleted and one added in the same commit, in the same
//! folder, with the same number, kind and version, are one document whose slug changed, when
//! the share of lines kept was too small for rename pairing (a rewrite) and their names or
//! titles share a word (the same subject). The number is the document's identity in the
//! process: when git paired the old file with a file of another number while a file added in
//! the same commit takes the old number on the same subject (a split), the number wins.

use crate::config::Profile;
use crate::document::name::{self, Kind, NameClass};
use crate::paths;
use git2::Oid;

/// A path and its blob.
pub(super) type Blob = (String, Oid);

/// Folder, number, kind and version of a numbered document's path.
fn key<'p>(profile: &Profile, path: &'p str) -> Option<(&'p str, u32, Kind, u32)> {
    let NameClass::Document(n) = name::classify(paths::file_name(path), &profile.prefix) else {
        return None;
    };
    Some((paths::parent(path), n.number?, n.kind, n.version))
}

/// Pairs the deleted and added documents left by rename pairing that carry one number, and
/// re-pairs git's renames across numbers when a file added in the same commit takes the old
/// number. `same_subject` compares two versions (old, new).
pub(super) fn pair_by_number(
    profile: &Profile,
    added: &mut Vec<Blob>,
    deleted: &mut Vec<Blob>,
    changed: &mut Vec<(String, String, Oid, Oid)>,
    mut same_subject: impl FnMut(&Blob, &Blob) -> bool,
) {
    if added.is_empty() {
        return;
    }
    let mut d = 0;
    while let Some(old) = deleted.get(d) {
        let k = key(profile, &old.0);
        let found = added
            .iter()
            .position(|new| k.is_some() && key(profile, &new.0) == k && same_subject(old, new));
        match found {
            Some(a) => {
                let new = added.remove(a);
                let old = deleted.remove(d);
                changed.push((old.0, new.0, old.1, new.1));
            }
            None => d += 1,
        }
    }
    for c in changed.iter_mut() {
        let (from, to, old_id, new_id) = c;
        let k = key(profile, from);
        if from == to || k.is_none() || key(profile, to) == k {
            continue;
        }
        let old = (from.clone(), *old_id);
        let found = added
            .iter()
            .position(|new| key(profile, &new.0) == k && same_subject(&old, new));
        if let Some(a) = found {
            let new = added.remove(a);
            added.push((
                std::mem::replace(to, new.0),
                std::mem::replace(new_id, new.1),
            ));
        }
    }
}

/// Generic words that say nothing about a subject.
const GENERIC: [&str; 10] = [
    "kubernetes",
    "openstack",
    "standard",
    "standards",
    "decision",
    "record",
    "document",
    "requirements",
    "sovereign",
    "cloud",
];

/// Whether two documents are about the same subject: their slugs and titles share a word of
/// four or more characters (not only digits) that is not generic (words of six or more letters match on their first
/// six: `registry`, `registries`).
pub(super) fn shares_subject(old: &[&str], new: &[&str]) -> bool {
    let words = |texts: &[&str]| -> Vec<String> {
        texts
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .map(str::to_lowercase)
            .filter(|w| {
                w.chars().count() >= 4
                    && w.chars().any(char::is_alphabetic)
                    && !GENERIC.contains(&w.as_str())
            })
            .map(|w| w.chars().take(6).collect())
            .collect()
    };
    let theirs = words(new);
    words(old).iter().any(|w| theirs.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(path: &str, n: u8) -> Blob {
        (path.to_owned(), Oid::from_bytes(&[n; 20]).unwrap())
    }

    fn by_slug(old: &Blob, new: &Blob) -> bool {
        shares_subject(&[&old.0], &[&new.0])
    }

    #[test]
    fn a_rewrite_under_a_new_slug_is_paired() {
        let p = Profile::default();
        let mut added = vec![blob("S/scs-0217-v1-cluster-hardening.md", 1)];
        let mut deleted = vec![blob("S/scs-0217-v1-baseline-cluster-security.md", 2)];
        let mut changed = Vec::new();
        pair_by_number(&p, &mut added, &mut deleted, &mut changed, by_slug);
        assert!(added.is_empty() && deleted.is_empty());
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].1, "S/scs-0217-v1-cluster-hardening.md");
    }

    #[test]
    fn another_subject_another_version_or_folder_is_not() {
        let p = Profile::default();
        for (old, new) in [
            (
                "S/scs-0217-v1-cluster-hardening.md",
                "S/scs-0217-v1-rook-choice.md",
            ),
            (
                "S/scs-0217-v1-cluster-hardening.md",
                "S/scs-0217-v2-cluster-hardening.md",
            ),
            (
                "S/scs-0217-v1-cluster-hardening.md",
                "T/scs-0217-v1-cluster-hardening.md",
            ),
            (
                "S/scs-xxxx-v1-cluster-hardening.md",
                "S/scs-xxxx-v1-cluster-hardened.md",
            ),
        ] {
            let mut added = vec![blob(new, 1)];
            let mut deleted = vec![blob(old, 2)];
            let mut changed = Vec::new();
            pair_by_number(&p, &mut added, &mut deleted, &mut changed, by_slug);
            assert!(changed.is_empty(), "{old} {new}");
        }
    }

    #[test]
    fn a_split_keeps_the_number_with_its_subject() {
        let p = Profile::default();
        let mut added = vec![blob("S/scs-0212-v1-registries.md", 1)];
        let mut deleted = Vec::new();
        let mut changed = vec![(
            "S/scs-0212-v1-registry.md".to_owned(),
            "S/scs-0218-v1-registry-choice.md".to_owned(),
            Oid::from_bytes(&[2; 20]).unwrap(),
            Oid::from_bytes(&[3; 20]).unwrap(),
        )];
        pair_by_number(&p, &mut added, &mut deleted, &mut changed, by_slug);
        assert_eq!(changed[0].1, "S/scs-0212-v1-registries.md");
        assert_eq!(changed[0].3, Oid::from_bytes(&[1; 20]).unwrap());
        assert_eq!(added, [blob("S/scs-0218-v1-registry-choice.md", 3)]);
    }

    #[test]
    fn subjects() {
        assert!(shares_subject(
            &[
                "baseline-cluster-security",
                "Kubernetes cluster baseline security"
            ],
            &["cluster-hardening", "Kubernetes cluster hardening"]
        ));
        assert!(shares_subject(&["registry"], &["registries"]));
        assert!(!shares_subject(
            &["taxonomy-of-failsafe-levels"],
            &["rook-decision", "Decision record: Rook"]
        ));
        assert!(!shares_subject(&["a-standard"], &["b-standard"]));
    }
}
