//! One page per track: the overview of the standards in that track.

use super::{Context, Page};
use crate::site::BuildError;
use crate::site::charts;
use crate::site::views::StandardView;
use crate::urls;

pub fn pages(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    let entered = |v: &crate::catalog::Version<'_>| ctx.entered(v);
    ctx.tracks
        .iter()
        .map(|t| {
            let own: Vec<&StandardView> =
                ctx.standards.iter().filter(|s| s.track == t.name).collect();
            let path = format!("{}index.html", urls::track(&t.slug));
            let in_track = ctx
                .catalog
                .standards
                .iter()
                .zip(&ctx.standards)
                .filter(|(_, view)| view.track == t.name)
                .map(|(s, _)| s);
            let chart = charts::overview_chart(in_track, ctx.catalog.as_of.date, &entered);
            let chart = charts::render(&chart);
            ctx.page(path, "track.html", |vars| {
                vars.insert("overview_chart", &chart);
                vars.insert("heading", &format!("{} standards", t.name));
                vars.insert("standards", &own);
            })
        })
        .collect()
}
