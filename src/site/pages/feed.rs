//! The Atom feeds: `feed.xml` for the whole site, `tracks/<slug>/feed.xml` per track and
//! `standards/<id>/feed.xml` per standard. Entries: lifecycle events from git (added, status
//! changed, renamed, deleted), the transitions the dates make (a version in force on its
//! `stabilized_at`, deprecated on its `deprecated_at`, once that day is reached), and every later
//! change to a document in force (with its line summary, linking its diff).

use super::{Context, Page, Sink};
use crate::catalog::State;
use crate::site::BuildError;
use crate::site::views::{DocChanges, instant};
use crate::urls;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize, Clone)]
struct Entry {
    /// Stable across builds: made of commit ids, file ids and dates only.
    id: String,
    title: String,
    /// RFC 3339.
    updated: String,
    author: Option<String>,
    /// The page, relative to the site root.
    link: String,
    summary: String,
    #[serde(skip)]
    standard_id: Option<String>,
}

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let mut entries = events(ctx);
    entries.extend(transitions(ctx));
    entries.extend(edits(ctx));
    entries.sort_by_cached_key(|e| (std::cmp::Reverse(instant(&e.updated)), e.id.clone()));
    let track_of: HashMap<&str, &str> = ctx
        .standards
        .iter()
        .map(|s| (s.id.as_str(), s.track_slug.as_str()))
        .collect();
    sink.emit(feed(ctx, "feed.xml", "lifecycle events", &entries)?)?;
    for t in &ctx.tracks {
        let own: Vec<Entry> = entries
            .iter()
            .filter(|e| {
                e.standard_id
                    .as_deref()
                    .and_then(|s| track_of.get(s))
                    .is_some_and(|slug| *slug == t.slug)
            })
            .cloned()
            .collect();
        let path = format!("{}feed.xml", urls::track(&t.slug));
        sink.emit(feed(ctx, &path, &format!("{} standards", t.name), &own)?)?;
    }
    let mut by_standard: HashMap<&str, Vec<Entry>> = HashMap::new();
    for e in &entries {
        if let Some(id) = e.standard_id.as_deref() {
            by_standard.entry(id).or_default().push(e.clone());
        }
    }
    ctx.standards.par_iter().try_for_each(|s| {
        let own = by_standard
            .get(s.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let path = format!("{}feed.xml", urls::standard(&s.id));
        sink.emit(feed(ctx, &path, &s.id.to_uppercase(), own)?)
    })
}

/// One feed at `path`. With a base URL its links are absolute and it names itself
/// (`rel="self"`); without one they are relative to the feed's own address.
fn feed(ctx: &Context<'_>, path: &str, what: &str, entries: &[Entry]) -> Result<Page, BuildError> {
    let base = ctx
        .publication
        .base_url
        .as_deref()
        .map(|b| format!("{}/", b.trim_end_matches('/')));
    let prefix = base
        .clone()
        .unwrap_or_else(|| "../".repeat(path.matches('/').count()));
    let entries: Vec<Entry> = entries
        .iter()
        .map(|e| Entry {
            link: format!("{prefix}{}", e.link),
            ..e.clone()
        })
        .collect();
    // The feed's date is its newest entry's, not the build's, so that it is reproducible.
    let updated = entries.first().map_or_else(
        || format!("{}T00:00:00Z", ctx.catalog.as_of),
        |e| e.updated.clone(),
    );
    let id = match &base {
        Some(b) => format!("{b}{path}"),
        // The body's prefix, not the site's title: a new title must not make a new feed.
        None => format!(
            "urn:normwerk:feed:{}:{path}",
            ctx.canonical
                .prefix
                .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
        ),
    };
    let page_url = path.trim_end_matches("feed.xml");
    ctx.page(path.to_owned(), "feed.xml", |vars| {
        vars.insert(
            "feed_title",
            &format!("{}: {what}", ctx.opts.branding.title),
        );
        vars.insert("feed_id", &id);
        vars.insert("self_url", &base.as_ref().map(|b| format!("{b}{path}")));
        vars.insert("alternate", &format!("{prefix}{page_url}index.html"));
        vars.insert("entries", &entries);
        vars.insert("updated", &updated);
    })
}

/// Additions, status changes, renames and deletions from git.
fn events(ctx: &Context<'_>) -> Vec<Entry> {
    ctx.events
        .unwrap_or_default()
        .iter()
        .map(|e| Entry {
            id: format!("urn:normwerk:event:{}:{}:{}", e.commit, e.file_id, e.kind),
            title: format!("{}: {}", e.id, e.text),
            updated: e.date.clone(),
            author: Some(e.author.clone()),
            link: format!("standards/{}/index.html", e.file_id),
            summary: format!("{}: {} ({})", e.title, e.text, e.summary),
            standard_id: e.standard_id.clone(),
        })
        .collect()
}

/// A version comes into force on its `stabilized_at` and is deprecated on its `deprecated_at`:
/// days no commit marks. Only days on or before the as-of date, and only where the state says
/// the version got there.
fn transitions(ctx: &Context<'_>) -> Vec<Entry> {
    let mut out = Vec::new();
    for v in &ctx.versions {
        let f = &v.doc.fields;
        let day = crate::document::DateField::day;
        let was_effective = matches!(
            v.state,
            State::Effective | State::FutureDeprecated | State::Deprecated
        );
        let steps = [
            (
                day(&f.stabilized_at).filter(|_| was_effective),
                "effective",
                "in force",
            ),
            (
                day(&f.deprecated_at).filter(|_| v.state == State::Deprecated),
                "deprecated",
                "deprecated",
            ),
        ];
        let file_id = urls::file_id(v.doc);
        for (date, kind, text) in steps {
            let Some(date) = date.filter(|d| *d <= ctx.catalog.as_of.date) else {
                continue;
            };
            out.push(Entry {
                id: format!("urn:normwerk:transition:{file_id}:{kind}:{date}"),
                title: format!("{}: {text} from {date}", v.id),
                updated: format!("{date}T00:00:00Z"),
                author: None,
                link: format!("standards/{file_id}/index.html"),
                summary: format!("{} ({}) is {text} from {date}.", v.doc.title(), v.id),
                standard_id: v.doc.name.as_ref().and_then(|n| n.standard_id()),
            });
        }
    }
    out
}

/// Changes to documents in force, after they came into force: each commit, with its summary.
fn edits(ctx: &Context<'_>) -> Vec<Entry> {
    let mut out = Vec::new();
    for v in ctx
        .versions
        .iter()
        .filter(|v| matches!(v.state, State::Effective | State::FutureDeprecated))
    {
        let file_id = urls::file_id(v.doc);
        let revisions = ctx.revisions_of(&file_id);
        let since = DocChanges::since_stable(revisions);
        for r in since {
            out.push(Entry {
                id: format!("urn:normwerk:revision:{}:{file_id}", r.commit),
                title: format!("{} changed: {}", v.id, r.what),
                updated: r.date.clone(),
                author: Some(r.author.clone()),
                link: r.page.clone(),
                summary: format!("{}: {} ({})", v.doc.title(), r.what, r.summary),
                standard_id: v.doc.name.as_ref().and_then(|n| n.standard_id()),
            });
        }
    }
    out
}
