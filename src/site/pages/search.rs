//! The search box's data: `search-index.js` (the inverted index, loaded by the search box the
//! first time it is used) and `search/text-<n>.js` for each [`search::TEXT_SHARD`] documents
//! (their plain text by section, loaded for the snippets of the results shown). Scripts rather than JSON, because browsers
//! refuse `fetch` from `file://` but run a script element.

use super::{Context, Sink};
use crate::site::BuildError;
use crate::site::search::{self, Index, text};
use crate::urls::file_id;
use rayon::prelude::*;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let error = |name: &str, e: serde_json::Error| BuildError::Template {
        name: name.to_owned(),
        message: e.to_string(),
    };
    // One parse per document gives both its words and its text.
    let per_doc: Vec<(search::Terms, String, Vec<text::Section>)> = ctx
        .versions
        .par_iter()
        .map(|v| {
            let sections = text::sections(v.doc);
            let fid = file_id(v.doc);
            let f = &v.doc.fields;
            let terms = search::terms(&search::Input {
                file_id: fid.clone(),
                id: &v.id,
                title: v.doc.title(),
                state: v.state.as_str(),
                description: f.description.as_ref().map_or("", |d| d.value.trim()),
                sections: &sections,
            });
            (terms, fid, sections)
        })
        .collect();
    // Document n of the index is in text file n / TEXT_SHARD: the index's rows are added in
    // this order.
    per_doc
        .par_chunks(search::TEXT_SHARD)
        .enumerate()
        .map(|(n, chunk)| {
            let path = format!("search/text-{n}.js");
            let docs = chunk.iter().map(|(_, fid, s)| (fid.as_str(), s.as_slice()));
            let script = search::text_script(docs).map_err(|e| error(&path, e))?;
            sink.emit((path, script))
        })
        .collect::<Result<(), BuildError>>()?;
    let mut index = Index::default();
    for (terms, _, _) in per_doc {
        index.add(terms);
    }
    let script = index.to_script().map_err(|e| error("search-index.js", e))?;
    sink.emit(("search-index.js".to_owned(), script))
}
