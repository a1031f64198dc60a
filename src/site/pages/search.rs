//! The search box's data: `search-index.js` (the inverted index, loaded by the search box the
//! first time it is used) and `search/text-<n>.js` for each [`search::TEXT_SHARD`] documents
//! (their plain text by section, loaded for the snippets of the results shown). Scripts rather
//! than JSON, because browsers refuse `fetch` from `file://` but run a script element.

use super::{Context, Sink};
use crate::site::BuildError;
use crate::site::search::{self, Index, text};
use crate::urls::file_id;
use rayon::prelude::*;
use std::sync::Arc;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let error = |name: &str, e: serde_json::Error| BuildError::Template {
        name: name.to_owned(),
        message: e.to_string(),
    };
    // One text file's documents at a time, on all cores: their index (joined in order below)
    // and their text file, written at once, so that no text is held longer. A partial rebuild
    // takes the part of a text file none of whose documents changed from the build before.
    let parts = ctx
        .versions
        .par_chunks(search::TEXT_SHARD)
        .enumerate()
        .map(|(n, chunk)| {
            let kept = ctx.partial.zip(ctx.search_parts).and_then(|(p, parts)| {
                let same = chunk.iter().all(|v| !p.bodies.contains(&file_id(v.doc)));
                same.then(|| parts.before(n)).flatten()
            });
            if let Some(part) = kept {
                return Ok(part);
            }
            let mut part = Index::default();
            let mut texts = Vec::with_capacity(chunk.len());
            for v in chunk {
                let sections = text::sections(v.doc);
                let f = &v.doc.fields;
                let fid = file_id(v.doc);
                part.add(&search::Input {
                    file_id: fid.clone(),
                    id: &v.id,
                    title: v.doc.title(),
                    state: v.state.as_str(),
                    description: f.description.as_ref().map_or("", |d| d.value.trim()),
                    sections: &sections,
                });
                texts.push((fid, sections));
            }
            // Document n of the index is in text file n / TEXT_SHARD.
            let path = format!("search/text-{n}.js");
            let docs = texts.iter().map(|(fid, s)| (fid.as_str(), s.as_slice()));
            let script = search::text_script(docs).map_err(|e| error(&path, e))?;
            sink.emit((path, script))?;
            Ok(Arc::new(part))
        })
        .collect::<Result<Vec<Arc<Index>>, BuildError>>()?;
    let script = Index::joined_script(&parts).map_err(|e| error("search-index.js", e))?;
    if let Some(kept) = ctx.search_parts {
        kept.keep(parts);
    }
    sink.emit(("search-index.js".to_owned(), script))
}
