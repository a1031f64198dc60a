//! `assign`: a proposal gets the next unused number of its track's range. Numbers ever used in
//! the repository's history count as used, so that a number freed by a rename or a deletion is
//! not handed out again. The file is renamed (the rename staged when the repository tracks it),
//! its supplements with it, and references to them in other documents (frontmatter lists and
//! Markdown links) are rewritten.

use super::{AuthorError, Change, FileChange, Rename};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::diagnostic::Span;
use crate::document::name::{DocName, Kind, parse};
use crate::document::{Document, RefList};
use crate::edit::{self, Edit, yaml};
use std::collections::{BTreeSet, HashMap};

/// The numbers of `prefix` ever used: by the corpus, and by every file name in `history`.
pub fn used_numbers<'a>(
    corpus: &Corpus,
    prefix: &str,
    history: impl IntoIterator<Item = &'a str>,
) -> BTreeSet<u32> {
    let from_history = history
        .into_iter()
        .filter_map(|p| parse(p.rsplit('/').next().unwrap_or(p), prefix).ok());
    corpus
        .documents
        .iter()
        .filter_map(|d| d.name.clone())
        .chain(from_history)
        .filter_map(|n| n.number)
        .collect()
}

/// The change that gives the proposal `doc` its number (`used` are the numbers taken).
pub fn plan<'c>(
    corpus: &'c Corpus,
    profile: &Profile,
    doc: &'c Document,
    used: &BTreeSet<u32>,
) -> Result<Change<'c>, AuthorError> {
    let not_applicable = |reason: String| AuthorError::not_applicable(doc, reason);
    let name = doc
        .name
        .as_ref()
        .filter(|n| n.is_proposal() && n.kind == Kind::Primary)
        .ok_or_else(|| {
            not_applicable(
                "it is not a proposal (`scs-xxxx-v1-….md`): it has its number".to_owned(),
            )
        })?;
    let track_name = doc
        .fields
        .track
        .as_ref()
        .map(|t| t.value.as_str())
        .ok_or_else(|| {
            not_applicable("it names no `track`, whose range its number comes from".to_owned())
        })?;
    let track = profile.track_by_name(track_name).ok_or_else(|| {
        not_applicable(format!(
            "its track `{track_name}` is not a track of the process"
        ))
    })?;
    // A track's range: the numbers whose second digit is the track's (`01xx` for IaaS).
    let (first, last) = (track.digit * 100, track.digit * 100 + 99);
    let next = used
        .range(first..=last)
        .next_back()
        .map_or(first.max(1), |n| n + 1);
    if next > last {
        return Err(not_applicable(format!(
            "every number of the track {track_name} ({first:04}–{last:04}) is taken"
        )));
    }
    let number = format!("{next:04}");
    // The proposal and the supplements that name it, each with its new file name.
    let mut moves: Vec<(&Document, String)> = vec![(doc, renamed(name, &number))];
    for s in &corpus.documents {
        if let Some(n) = s
            .name
            .as_ref()
            .filter(|n| n.kind == Kind::Supplement && n.is_proposal())
            && RefList::names(&s.fields.supplements, &doc.file_name)
        {
            moves.push((s, renamed(n, &number)));
        }
    }
    let new_names: HashMap<&str, &str> = moves
        .iter()
        .map(|(d, new)| (d.file_name.as_str(), new.as_str()))
        .collect();
    let mut change = Change::default();
    for d in &corpus.documents {
        let edits = reference_edits(d, &new_names);
        let moved = moves.iter().find(|(m, _)| std::ptr::eq(*m, d));
        if edits.is_empty() && moved.is_none() {
            continue;
        }
        let new = edit::apply_checked(d, &edits).map_err(|reason| AuthorError::Edit {
            file: d.display.clone(),
            reason,
        })?;
        match moved {
            Some((_, to)) => change.renamed.push(Rename {
                doc: d,
                to: d.path.with_file_name(to),
                new,
            }),
            None => change.files.push(FileChange { doc: d, new }),
        }
    }
    change.notes.push(format!(
        "{} is {}-{number} of the track {track_name}: the next number after every one its range ever used",
        doc.file_name, profile.prefix
    ));
    Ok(change)
}

/// `name`'s file name with `number` in the place of `xxxx`.
fn renamed(name: &DocName, number: &str) -> String {
    format!(
        "{}-{number}-{}{}-{}.md",
        name.prefix,
        name.kind.letter(),
        name.version,
        name.slug
    )
}

/// The edits of `d` that make its references to renamed files name the new files: items of its
/// frontmatter lists, and the destinations of its Markdown links.
fn reference_edits(d: &Document, new_names: &HashMap<&str, &str>) -> Vec<Edit> {
    let mut edits = Vec::new();
    let lists = [
        &d.fields.replaces,
        &d.fields.replaced_by,
        &d.fields.supplements,
    ];
    for list in lists.into_iter().flatten() {
        for item in &list.items {
            let file = crate::document::name::reference_file_name(&item.value);
            if let Some(new) = new_names.get(file.as_str()) {
                // Written as it was: with or without `.md` and a leading `./`.
                let old_stem = file.trim_end_matches(".md");
                let value = item.value.replace(old_stem, new.trim_end_matches(".md"));
                edits.push(Edit::new(item.span, yaml::scalar(&value)));
            }
        }
    }
    for link in &d.links {
        let path = link.dest.split(['#', '?']).next().unwrap_or_default();
        let file = path.rsplit('/').next().unwrap_or(path);
        let Some(new) = new_names.get(file) else {
            continue;
        };
        // The destination's file name, the last time it occurs in the link (whose range is in
        // the document's text).
        let (start, end) = link.range;
        let at = match d.text.get(start..end).and_then(|t| t.rfind(file)) {
            Some(at) => Some(start + at),
            // A reference-style link (`[text][label]`): its destination is on the label's
            // definition line (`[label]: ./file.md`).
            None => definition(d, &link.dest, file),
        };
        if let Some(at) = at {
            let span = Span::new(at, at + file.len());
            // Several links may share one definition: it is edited once.
            if !edits.iter().any(|e: &Edit| e.span == span) {
                edits.push(Edit::new(span, *new));
            }
        }
    }
    edits
}

/// Where `file` stands in the definition line of a reference-style link to `dest` in `d`'s body
/// (`[label]: dest` or `[label]: <dest>`).
fn definition(d: &Document, dest: &str, file: &str) -> Option<usize> {
    let body = d.body.start;
    let mut line_start = body;
    for line in d.body_text().split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 3
            && trimmed.starts_with('[')
            && let Some(colon) = trimmed.find("]:")
            && let Some(rest) = trimmed.get(colon + 2..)
            && rest.trim_start().trim_start_matches('<').starts_with(dest)
            && let Some(at) = rest.find(file)
        {
            return Some(line_start + indent + colon + 2 + at);
        }
        line_start += line.len();
    }
    None
}
