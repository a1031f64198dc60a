//! The JSON index (`api/v1/`) of the publication, beside the pages, so that its states are the
//! pages' states: the whole index, one file per standard and one per scope.

use super::{Context, Sink};
use crate::site::BuildError;
use crate::urls;
use rayon::prelude::*;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let index = &ctx.publication.index;
    // A partial rebuild makes the files of the standards it makes, or all when the header (that
    // every file repeats) changed.
    let all = ctx.partial.is_none_or(|p| p.header);
    index
        .standard_files()
        .into_par_iter()
        .filter(|(_, file)| all || ctx.makes_standard(&file.standard.id))
        .try_for_each(|(path, file)| sink.emit((path, crate::index::to_json(&file))))?;
    index
        .scope_files()
        .into_par_iter()
        .try_for_each(|(path, file)| sink.emit((path, crate::index::to_json(&file))))?;
    sink.emit((urls::API_INDEX.to_owned(), crate::index::to_json(index)))
}
