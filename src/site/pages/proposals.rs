//! The proposals: documents without a number yet.

use super::{Context, Page};
use crate::site::BuildError;
use crate::site::views::{VersionView, version_view};

pub fn pages(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    let proposals: Vec<VersionView> = ctx
        .catalog
        .proposals
        .iter()
        .map(|v| version_view(&ctx.links, v))
        .collect();
    let page = ctx.page(
        "proposals/index.html".to_owned(),
        "proposals.html",
        |vars| {
            vars.insert("proposals", &proposals);
        },
    )?;
    Ok(vec![page])
}
