//! The search box's data: `search-index.js` (the inverted index, loaded by the search box the
//! first time it is used) and `search/<file-id>.js` per document (its plain text by section,
//! loaded for the snippets of the results shown). Scripts rather than JSON, because browsers
//! refuse `fetch` from `file://` but run a script element.

use super::{Context, Page};
use crate::site::BuildError;
use crate::site::search::{self, Index, text};
use crate::urls::file_id;
use rayon::prelude::*;

pub fn pages(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    let error = |name: &str, e: serde_json::Error| BuildError::Template {
        name: name.to_owned(),
        message: e.to_string(),
    };
    // One parse per document gives both its words and its text file.
    let per_doc: Vec<(search::Terms, Result<Page, BuildError>)> = ctx
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
            let path = format!("search/{fid}.js");
            let script = search::text_script(&fid, &sections)
                .map(|s| (path.clone(), s))
                .map_err(|e| error(&path, e));
            (terms, script)
        })
        .collect();
    let mut index = Index::default();
    let mut files = Vec::with_capacity(per_doc.len() + 1);
    for (terms, script) in per_doc {
        index.add(terms);
        files.push(script?);
    }
    let script = index.to_script().map_err(|e| error("search-index.js", e))?;
    files.push(("search-index.js".to_owned(), script));
    Ok(files)
}
