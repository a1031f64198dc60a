//! The proposals: documents without a number yet.

use super::{Context, Sink};
use crate::site::BuildError;
use crate::site::views::{VersionView, version_view};

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let proposals: Vec<VersionView> = ctx
        .catalog
        .proposals
        .iter()
        .map(|v| version_view(&ctx.links, v))
        .collect();
    sink.emit(ctx.page(
        "proposals/index.html".to_owned(),
        "proposals.html",
        |vars| {
            vars.insert("proposals", &proposals);
        },
    )?)
}
