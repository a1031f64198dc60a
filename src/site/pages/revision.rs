//! One page per commit that changed a document (`standards/<file-id>/history/<commit>/`): the
//! document's text before and after that commit as a line and word diff, normative lines marked.
//! The texts are read from the repository by the blob ids the walk recorded.

use super::{Context, Sink};
use crate::site::views::RevisionView;
use crate::site::{BuildError, diff};
use crate::urls;
use git2::{Oid, Repository};
use rayon::prelude::*;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let Some(history) = ctx.publication.history.as_ref() else {
        return Ok(());
    };
    let jobs: Vec<(&str, String, &RevisionView)> = ctx
        .versions
        .iter()
        .flat_map(|v| {
            let file_id = urls::file_id(v.doc);
            let revisions = ctx.revisions_of(&file_id);
            revisions
                .iter()
                .map(move |r| (v.id.as_str(), file_id.clone(), r))
        })
        .collect();
    // Many pages with a diff each: on all cores, one repository handle per thread (git2's is
    // not shared between threads).
    jobs.par_iter().try_for_each_init(
        || Repository::open(&history.repository).ok(),
        |repo, (id, file_id, r)| {
            let text = |blob: &Option<String>| -> Option<String> {
                let oid = Oid::from_str(blob.as_deref()?).ok()?;
                let repo = repo.as_ref()?;
                crate::lifecycle::repo::blob_text(repo, oid, String::new).ok()
            };
            let (before, after) = (text(&r.before), text(&r.after));
            let unreadable =
                (r.before.is_some() && before.is_none()) || (r.after.is_some() && after.is_none());
            let (old, new) = (before.unwrap_or_default(), after.unwrap_or_default());
            let (lines, stats) = if old == new {
                (Vec::new(), diff::DiffStats::default())
            } else {
                diff::diff_lines(&old, &new)
            };
            let rows = diff::rows(&lines);
            sink.emit(ctx.page(r.page.clone(), "revision.html", |vars| {
                vars.insert("id", *id);
                vars.insert("file_id", file_id);
                vars.insert("rev", r);
                vars.insert("rows", &rows);
                vars.insert("stats", &stats);
                vars.insert("unchanged", &(old == new));
                vars.insert("deleted", &r.after.is_none());
                vars.insert("unreadable", &unreadable);
            })?)
        },
    )
}
