//! `new`: a proposal (`scs-xxxx-v1-<slug>.md`) or a supplement from the template of its type. The
//! frontmatter is written by the edit module's YAML rules; the body is the type's template from
//! `templates/documents/` (built in, or from a `--templates` folder), or, for a type of a custom
//! profile without one, the type's sections from the profile.

use super::{AuthorError, Change, NewFile};
use crate::config::Profile;
use crate::corpus::Corpus;
use crate::document::name::{Kind, slugify};
use crate::document::{Document, RefList};
use crate::edit::{line_ending, yaml};
use std::path::Path;

/// The built-in templates by the type's slug (`decision-record`).
const TEMPLATES: &[(&str, &str)] = &[
    (
        "standard",
        include_str!("../../templates/documents/standard.md"),
    ),
    (
        "decision-record",
        include_str!("../../templates/documents/decision-record.md"),
    ),
    (
        "procedural",
        include_str!("../../templates/documents/procedural.md"),
    ),
    (
        "supplement",
        include_str!("../../templates/documents/supplement.md"),
    ),
];

/// What `new` is asked for.
#[derive(Debug)]
pub struct Request<'a> {
    pub title: &'a str,
    /// The file name's slug, if not the one made from the title.
    pub slug: Option<&'a str>,
    /// The type's name as the profile spells it, in any case (`standard`).
    pub doc_type: Option<&'a str>,
    pub track: Option<&'a str>,
    /// The document a supplement supplements (then type and track come from it).
    pub supplement_of: Option<&'a str>,
    /// A folder with `documents/<type>.md` templates that replace the built-in ones.
    pub templates: Option<&'a Path>,
}

pub fn plan<'c>(
    corpus: &'c Corpus,
    profile: &Profile,
    req: &Request<'_>,
) -> Result<Change<'c>, AuthorError> {
    let bad = |reason: String| AuthorError::Argument(reason);
    let title = req.title.trim();
    if title.is_empty() {
        return Err(bad("the title is empty".to_owned()));
    }
    let slug = slugify(req.slug.unwrap_or(title));
    if req.slug.is_some_and(|s| s != slug) {
        return Err(bad(format!(
            "the slug `{}` is not lower-case ASCII letters, digits and single hyphens (`{slug}`?)",
            req.slug.unwrap_or_default()
        )));
    }
    if !slug.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(bad(format!(
            "the slug made from the title, `{slug}`, does not start with an ASCII letter: give one with --slug"
        )));
    }
    if slug.len() > 100 {
        return Err(bad(format!(
            "the slug made from the title has {} characters: give a shorter one with --slug",
            slug.len()
        )));
    }
    let (file_name, mut keys, doc_type, track) = match req.supplement_of {
        Some(of) => {
            let parent = super::find(corpus, of)?;
            let name = parent
                .name
                .as_ref()
                .filter(|n| n.kind == Kind::Primary)
                .ok_or_else(|| {
                    bad(format!(
                        "{} is not a version of a document: a supplement supplements one",
                        parent.file_name
                    ))
                })?;
            let supplement_type = profile
                .types
                .iter()
                .find(|t| t.supplement)
                .map(|t| t.name.clone())
                .ok_or_else(|| bad("the profile has no supplement type".to_owned()))?;
            let number = match name.number {
                Some(n) => format!("{:0width$}", n, width = name.digits),
                None => "xxxx".to_owned(),
            };
            // The next supplement number: after those of the same number, or, for a proposal,
            // after those that name it.
            let taken = corpus
                .documents
                .iter()
                .filter(|d| d.is_supplement())
                .filter(|d| match name.number {
                    Some(n) => d.name.as_ref().is_some_and(|m| m.number == Some(n)),
                    None => RefList::names(&d.fields.supplements, &parent.file_name),
                })
                .filter_map(|d| d.name.as_ref().map(|n| n.version))
                .max()
                .unwrap_or(0);
            let file_name = format!("{}-{number}-w{}-{slug}.md", name.prefix, taken + 1);
            let track = parent.fields.track.as_ref().map(|t| t.value.clone());
            let keys = vec![(
                "supplements".to_owned(),
                Value::List(vec![parent.file_name.clone()]),
            )];
            (file_name, keys, supplement_type, track)
        }
        None => {
            let wanted = req.doc_type.ok_or_else(|| {
                bad("name the type with --type (or a document with --supplement-of)".to_owned())
            })?;
            let names: Vec<&str> = profile
                .types
                .iter()
                .filter(|t| !t.supplement)
                .map(|t| t.name.as_str())
                .collect();
            let doc_type = names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(wanted.trim()))
                .ok_or_else(|| {
                    bad(format!(
                        "unknown type `{wanted}`: one of {}",
                        names.join(", ")
                    ))
                })?;
            let wanted_track = req
                .track
                .ok_or_else(|| bad("name the track with --track".to_owned()))?;
            let tracks: Vec<&str> = profile.tracks.iter().map(|t| t.name.as_str()).collect();
            let track = tracks
                .iter()
                .find(|t| t.eq_ignore_ascii_case(wanted_track.trim()))
                .ok_or_else(|| {
                    bad(format!(
                        "unknown track `{wanted_track}`: one of {}",
                        tracks.join(", ")
                    ))
                })?;
            let file_name = format!("{}-xxxx-v1-{slug}.md", profile.prefix);
            let keys = vec![(
                "status".to_owned(),
                Value::Scalar(profile.statuses.draft.clone()),
            )];
            (
                file_name,
                keys,
                (*doc_type).to_owned(),
                Some((*track).to_owned()),
            )
        }
    };
    if corpus.by_file_name(&file_name).is_some()
        || corpus.root.join(&file_name).symlink_metadata().is_ok()
    {
        return Err(bad(format!(
            "{file_name} exists already: choose another title"
        )));
    }
    let mut fields = vec![
        ("title".to_owned(), Value::Scalar(title.to_owned())),
        ("type".to_owned(), Value::Scalar(doc_type.clone())),
    ];
    fields.append(&mut keys);
    if let Some(t) = track {
        fields.push(("track".to_owned(), Value::Scalar(t)));
    }
    let body = body(profile, &doc_type, req.templates)?;
    let text = document_text(&fields, &body);
    let path = corpus.root.join(&file_name);
    let display = path.display().to_string();
    let new_name = crate::document::name::parse(&file_name, &profile.prefix).ok();
    let doc = Document::parse(path, file_name.clone(), display, new_name, text);
    let mut change = Change::default();
    change.notes.push(match req.supplement_of {
        Some(_) => format!("{file_name} supplements its document; it has no status of its own"),
        None => format!(
            "{file_name} is a proposal; when its track accepts it, it gets its number and keeps its slug"
        ),
    });
    change.created.push(NewFile { doc, from: None });
    Ok(change)
}

enum Value {
    Scalar(String),
    List(Vec<String>),
}

/// The frontmatter, each value written by YAML's rules, then the body.
fn document_text(fields: &[(String, Value)], body: &str) -> String {
    let nl = line_ending(body);
    let mut out = format!("---{nl}");
    for (key, value) in fields {
        match value {
            Value::Scalar(v) => out.push_str(&format!("{key}: {}{nl}", yaml::scalar(v))),
            Value::List(items) => {
                let items: Vec<&str> = items.iter().map(String::as_str).collect();
                out.push_str(&format!("{key}:{}{nl}", yaml::block_list(&items, 2, nl)));
            }
        }
    }
    out.push_str(&format!("---{nl}"));
    out.push_str(body);
    out
}

/// The body for `doc_type`: `documents/<type>.md` of the templates folder, else the built-in
/// template, else the type's sections from the profile.
fn body(
    profile: &Profile,
    doc_type: &str,
    templates: Option<&Path>,
) -> Result<String, AuthorError> {
    let key = slugify(doc_type);
    if let Some(dir) = templates {
        if !dir.is_dir() {
            return Err(AuthorError::Argument(format!(
                "the templates folder {} does not exist",
                dir.display()
            )));
        }
        let path = dir.join("documents").join(format!("{key}.md"));
        if path.symlink_metadata().is_ok() {
            let folder = crate::confined::Folder::new(dir)
                .map_err(|e| AuthorError::Argument(format!("{}: {e}", dir.display())))?;
            return folder.read_text(&path, 1 << 20).map_err(|e| {
                AuthorError::Argument(format!("cannot read {}: {e}", path.display()))
            });
        }
    }
    if let Some((_, text)) = TEMPLATES.iter().find(|(k, _)| *k == key) {
        return Ok((*text).to_owned());
    }
    let mut out = String::new();
    if let Some(t) = profile.doc_type(doc_type) {
        for s in t
            .required_sections
            .iter()
            .chain(&t.recommended_sections)
            .chain(&t.optional_sections)
        {
            out.push_str(&format!("\n## {}\n\n…\n", s.name()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_built_in_template_has_the_sections_its_type_requires() {
        let profile = Profile::default();
        for t in &profile.types {
            let body = body(&profile, &t.name, None).expect("a body");
            let headings: Vec<(u8, &str)> = body
                .lines()
                .filter_map(|l| l.strip_prefix("## ").map(|h| (2, h)))
                .collect();
            for s in t.required_sections.iter().filter(|s| !s.is_own()) {
                assert!(
                    headings.iter().any(|(_, h)| s.matches(h)),
                    "{}: {}",
                    t.name,
                    s.name()
                );
            }
            if t.required_sections.iter().any(|s| s.is_own()) {
                assert!(t.has_own_section(headings.iter().copied()), "{}", t.name);
            }
        }
    }
}
