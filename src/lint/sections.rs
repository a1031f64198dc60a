//! Required and recommended sections per type, judged by the process of the document's era: a
//! document frozen before a change of the sections (`[[profile.eras]]` with `sections`) is asked
//! for the sections of its time.

use super::{Context, eras};
use crate::config::{DocType, Section};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::RuleId;

pub fn check_sections(cx: &Context<'_>, doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(t) = &doc.fields.doc_type else {
        return;
    };
    let Some(doc_type) = cx.config.profile.doc_type(&t.value) else {
        return;
    };
    let era = eras::sections_of(doc, &cx.config.profile);
    let (required, recommended, whose): (Vec<&Section>, Vec<&Section>, String) = match era {
        // An era relaxes, it never asks more than today's process: of the sections of its
        // time, only those the type still asks for (required or recommended) are looked for.
        Some((_, s)) => {
            let today = |section: &&Section| {
                doc_type
                    .required_sections
                    .iter()
                    .chain(&doc_type.recommended_sections)
                    .any(|d| d.name().eq_ignore_ascii_case(section.name()))
            };
            (
                s.required.iter().filter(today).collect(),
                s.recommended.iter().filter(today).collect(),
                "every document".to_owned(),
            )
        }
        None => (
            doc_type.required_sections.iter().collect(),
            doc_type.recommended_sections.iter().collect(),
            format!("a {}", t.value),
        ),
    };
    let sets = [
        (required, RuleId::RequiredSection, "required"),
        (recommended, RuleId::RecommendedSection, "recommended"),
    ];
    for (sections, rule, word) in sets {
        let missing: Vec<&str> = sections
            .iter()
            .filter(|section| !has_section(doc_type, doc, section))
            .map(|s| s.name())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let noun = if missing.len() == 1 {
            "section"
        } else {
            "sections"
        };
        let list: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
        let list = list.join(", ");
        let mut help = format!(
            "add {}",
            missing
                .iter()
                .map(|m| format!("`## {m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        if let Some((era, _)) = era {
            help.push('\n');
            help.push_str(&eras::note(doc, &cx.config.profile, era));
        }
        out.push(
            doc.diag(
                rule,
                t.span,
                format!("missing {noun} {list}: {word} for {whose}"),
            )
            .with_label(if era.is_some() {
                format!("{word} sections of the process of its time")
            } else {
                format!("{word} sections follow from the type")
            })
            .with_help(help),
        );
    }
}

/// Whether the document has the section: a heading that names it, or for the section of the
/// document's own subject, a top-level section that is none of the named ones.
fn has_section(doc_type: &DocType, doc: &Document, section: &Section) -> bool {
    let headings = doc.headings.iter().map(|h| (h.level, h.text.as_str()));
    if section.is_own() {
        doc_type.has_own_section(headings)
    } else if section.by_words() {
        // Found by a word: the title ("# Decision record: …") is not the section.
        crate::config::section_headings(headings)
            .iter()
            .any(|(_, h)| section.matches(h))
    } else {
        doc.headings.iter().any(|h| section.matches(&h.text))
    }
}
