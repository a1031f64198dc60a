//! `bump`: the next major version of a standard, as a Draft that replaces the version it comes
//! from. Its text is the old version's (body and frontmatter, comments and line ends included)
//! with the lifecycle reset: `status: Draft`, the dates and `replaced_by` removed, `replaces`
//! naming the old version. Supplements stay with the version they supplement.

use super::{AuthorError, Change, NewFile};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::document::Document;
use crate::document::name::Kind;
use crate::edit::{self, frontmatter::Frontmatter};

/// The new version of `doc` (with `slug` in its file name when given).
pub fn plan<'c>(
    corpus: &'c Corpus,
    profile: &Profile,
    doc: &'c Document,
    slug: Option<&str>,
) -> Result<Change<'c>, AuthorError> {
    let not_applicable = |reason: String| AuthorError::not_applicable(doc, reason);
    let name = doc
        .name
        .as_ref()
        .ok_or_else(|| not_applicable("its file name is not a document name".to_owned()))?;
    let Some(number) = name.number else {
        return Err(not_applicable(
            "it is a proposal: a new version is for a standard with a number (give it its number first)"
                .to_owned(),
        ));
    };
    if name.kind != Kind::Primary {
        return Err(not_applicable(
            "it is a supplement: supplements stay with the version they supplement".to_owned(),
        ));
    }
    let next = name.version + 1;
    if let Some(existing) = corpus.version(number, Kind::Primary, next) {
        return Err(not_applicable(format!(
            "version {next} exists already: {}",
            existing.file_name
        )));
    }
    let slug = slug.unwrap_or(&name.slug);
    let clean = crate::document::name::slugify(slug);
    if clean != slug || !slug.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(not_applicable(format!(
            "the slug `{slug}` is not lower-case ASCII letters, digits and single hyphens starting with a letter{}",
            if clean.is_empty() {
                String::new()
            } else {
                format!(" (`{clean}`?)")
            }
        )));
    }
    let file_name = format!(
        "{}-{:0width$}-v{next}-{slug}.md",
        name.prefix,
        number,
        width = name.digits
    );
    let fm = Frontmatter::new(doc).ok_or_else(|| {
        not_applicable("it has no frontmatter to copy (`normwerk lint` says why)".to_owned())
    })?;
    let mut edits = vec![
        fm.set("status", &profile.statuses.draft, &[]),
        fm.set_list("replaces", &[doc.file_name.as_str()], &["track", "status"]),
    ];
    edits.extend(
        [
            "stabilized_at",
            "deprecated_at",
            "rejected_at",
            "replaced_by",
        ]
        .iter()
        .filter_map(|k| fm.remove(k)),
    );
    let text = edit::apply_checked(doc, &edits).map_err(|reason| AuthorError::Edit {
        file: doc.display.clone(),
        reason,
    })?;
    // Beside the old version, named and shown like it.
    let beside = |p: &str| super::beside(p, &file_name);
    let new_name = crate::document::name::parse(&file_name, &profile.prefix).ok();
    let new_doc = Document::parse(
        doc.path.with_file_name(&file_name),
        beside(&doc.rel_path),
        beside(&doc.display),
        new_name,
        text,
    );
    let mut change = Change::default();
    change.created.push(NewFile {
        doc: new_doc,
        from: Some(doc),
    });
    change.notes.push(format!(
        "{file_name} is a Draft that replaces {}; when it is Stable, deprecate the old version \
         (`normwerk deprecate {} --replaced-by {}`)",
        doc.file_name,
        doc.file_stem(),
        file_name.trim_end_matches(".md")
    ));
    Ok(change)
}
