//! One page per standard: its versions and supplements, and its lifecycle timeline.

use super::{Context, Page};
use crate::site::BuildError;
use crate::urls;

pub fn pages(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    ctx.standards
        .iter()
        .map(|s| {
            let timeline = ctx.events_of_standard(&s.id);
            let path = format!("{}index.html", urls::standard(&s.id));
            ctx.page(path, "standard.html", |vars| {
                vars.insert("standard", s);
                vars.insert("timeline", &timeline);
            })
        })
        .collect()
}
