//! Every commit that changed a document (the history's revisions), as the history pages, the
//! revision diffs, the document pages ("last changed") and the feeds show it.

use crate::corpus::Corpus;
use crate::lifecycle::{Change, Event, History, Revision, Timeline};
use crate::urls::file_id;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

/// One commit's change to one document.
#[derive(Serialize, Clone, Debug)]
pub struct RevisionView {
    /// ISO 8601 (author date), and its day.
    pub date: String,
    pub day: String,
    pub commit: String,
    pub short: String,
    /// The commit on the source host, when `source_url` names one (GitHub, GitLab, Gitea).
    pub commit_url: Option<String>,
    pub author: String,
    /// The commit message's summary line.
    pub summary: String,
    /// What the commit did to the document, in one line ("status Draft → Stable; +12 −3 lines,
    /// 1 normative line removed").
    pub what: String,
    /// Lines with an RFC 2119 keyword were added or removed.
    pub normative: bool,
    /// Lines of the body added and removed (as the walk counted them).
    pub lines_added: usize,
    pub lines_removed: usize,
    /// The document was added, or deleted, by this commit.
    pub added: bool,
    /// The revision's diff page, relative to the site root.
    pub page: String,
    /// The document was Stable after this commit (its status as the walk read it).
    #[serde(skip)]
    pub stable_after: bool,
    #[serde(skip)]
    pub before: Option<String>,
    #[serde(skip)]
    pub after: Option<String>,
}

/// How a document changed: its revisions (oldest first) and the counts the document page shows.
#[derive(Serialize, Clone, Debug, Default)]
pub struct DocChanges {
    pub last: Option<RevisionView>,
    /// Only for a document Stable now: changes since its last transition into Stable, and how
    /// many of them changed normative lines.
    pub since_stable: Option<usize>,
    pub since_stable_normative: usize,
    pub count: usize,
}

impl DocChanges {
    /// From the revisions, oldest first; the document is Stable now if it was after the last
    /// commit that changed it (the working tree's uncommitted status is not history).
    pub fn of(revisions: &[RevisionView]) -> DocChanges {
        let stable_now = revisions.last().is_some_and(|r| r.stable_after);
        let since = stable_now.then(|| DocChanges::since_stable(revisions));
        DocChanges {
            last: revisions.last().cloned(),
            since_stable: since.map(<[RevisionView]>::len),
            since_stable_normative: since.map_or(0, |s| s.iter().filter(|r| r.normative).count()),
            count: revisions.len(),
        }
    }

    /// The revisions after the one that last made the document Stable (none if it is not).
    pub fn since_stable(revisions: &[RevisionView]) -> &[RevisionView] {
        if !revisions.last().is_some_and(|r| r.stable_after) {
            return &[];
        }
        let start = revisions
            .iter()
            .rposition(|r| !r.stable_after)
            .map_or(0, |i| i + 1);
        revisions.get(start + 1..).unwrap_or_default()
    }
}

/// The revisions of every existing document, by file id, oldest first.
pub fn revisions(
    history: &History,
    corpus: &Corpus,
    source_url: Option<&str>,
    stable: &str,
) -> HashMap<String, Vec<RevisionView>> {
    let commit_base = source_url.and_then(commit_base);
    history
        .documents
        .iter()
        .filter(|t| t.exists)
        .filter_map(|t| {
            let doc = corpus.by_file_name(t.file_name())?;
            let id = file_id(doc);
            let views = of_timeline(t, &id, commit_base.as_deref(), stable);
            Some((id, views))
        })
        .collect()
}

fn of_timeline(t: &Timeline, id: &str, base: Option<&str>, stable: &str) -> Vec<RevisionView> {
    let mut status: Option<&str> = None;
    t.revisions
        .iter()
        .map(|r| {
            let events: Vec<&Event> = t
                .events
                .iter()
                .filter(|e| e.commit.id == r.commit.id)
                .collect();
            for e in &events {
                match &e.change {
                    Change::Added { status: s, .. }
                    | Change::AlreadyThere { status: s, .. }
                    | Change::StatusChanged { to: s, .. } => status = s.as_deref(),
                    _ => {}
                }
            }
            view(r, &events, id, base, status == Some(stable))
        })
        .collect()
}

fn view(
    r: &Revision,
    events: &[&Event],
    id: &str,
    base: Option<&str>,
    stable_after: bool,
) -> RevisionView {
    let c = &r.commit;
    let (what, body) = describe(events);
    RevisionView {
        date: c.author_date.clone(),
        day: c.author_date.chars().take(10).collect(),
        commit: c.id.clone(),
        short: c.short().to_owned(),
        commit_url: base.map(|b| format!("{b}{}", c.id)),
        author: c.author.clone(),
        summary: c.summary.clone(),
        what,
        normative: body.2 + body.3 > 0,
        lines_added: body.0,
        lines_removed: body.1,
        added: r.before.is_none(),
        page: format!("standards/{id}/history/{}/index.html", c.short()),
        stable_after,
        before: r.before.clone(),
        after: r.after.clone(),
    }
}

/// One line for the events of one commit, and the body's line counts (added, removed,
/// normative added, normative removed).
fn describe(events: &[&Event]) -> (String, (usize, usize, usize, usize)) {
    let mut parts: Vec<String> = Vec::new();
    let mut body = (0, 0, 0, 0);
    for e in events {
        match &e.change {
            Change::BodyChanged {
                lines_added,
                lines_removed,
                normative_added,
                normative_removed,
            } => {
                body = (
                    *lines_added,
                    *lines_removed,
                    *normative_added,
                    *normative_removed,
                );
                let mut s = format!("+{lines_added} −{lines_removed} lines");
                for (n, verb) in [(normative_added, "added"), (normative_removed, "removed")] {
                    if *n > 0 {
                        let lines = if *n == 1 { "line" } else { "lines" };
                        let _ = write!(s, ", {n} normative {lines} {verb}");
                    }
                }
                parts.push(s);
            }
            Change::FieldsChanged { fields } => {
                let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
                parts.push(format!("fields changed: {}", names.join(", ")));
            }
            Change::Era { .. } => {}
            other => parts.push(crate::report::history::describe(other)),
        }
    }
    if parts.is_empty() {
        // The file changed, but not as the process reads it (an old key renamed to today's, a
        // supplement's ignored status removed, quoting).
        parts.push("frontmatter rewritten, nothing the process reads changed".to_owned());
    }
    (parts.join("; "), body)
}

/// Where a commit of the source host is, from the address of the standards folder or a file on
/// it: `https://github.com/o/r/tree/main/Standards` → `https://github.com/o/r/commit/`.
/// GitLab's `/-/tree/` and Gitea's `/src/branch/` work the same way; other addresses give none.
pub fn commit_base(source_url: &str) -> Option<String> {
    let url = source_url.trim_end_matches('/');
    ["/tree/", "/blob/", "/src/"]
        .iter()
        .filter_map(|m| url.find(m))
        .min()
        .and_then(|i| url.get(..i))
        .filter(|repo| repo.starts_with("https://") || repo.starts_with("http://"))
        .map(|repo| format!("{repo}/commit/"))
}

#[cfg(test)]
mod tests {
    use super::commit_base;

    #[test]
    fn commit_addresses_from_source_addresses() {
        let gh = "https://github.com/o/r/tree/main/Standards";
        assert_eq!(
            commit_base(gh).as_deref(),
            Some("https://github.com/o/r/commit/")
        );
        let gl = "https://gitlab.com/g/r/-/blob/main/Standards/";
        assert_eq!(
            commit_base(gl).as_deref(),
            Some("https://gitlab.com/g/r/-/commit/")
        );
        assert_eq!(commit_base("https://example.org/standards"), None);
        assert_eq!(commit_base("file:///x/tree/main"), None);
    }
}
