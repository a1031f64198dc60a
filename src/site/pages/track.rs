//! One page per track: the overview of the standards in that track.

use super::overview::Filters;
use super::{Context, Sink};
use crate::site::BuildError;
use crate::site::charts;
use crate::site::views::StandardView;
use crate::urls;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let entered = |v: &crate::catalog::Version<'_>| ctx.entered(v);
    ctx.tracks.iter().try_for_each(|t| {
        let own: Vec<&StandardView> = ctx.standards.iter().filter(|s| s.track == t.name).collect();
        let mut filters = Filters::of(ctx, &own);
        // One track: nothing to choose.
        filters.tracks.clear();
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
        sink.emit(ctx.page(path, "track.html", |vars| {
            vars.insert("overview_chart", &chart);
            vars.insert("heading", &format!("{} standards", t.name));
            vars.insert("page_title", &format!("{} standards", t.name));
            vars.insert("track", t);
            vars.insert("standards", &own);
            vars.insert("filters", &filters);
            vars.insert("page_feed", &feed_link(&t.name, &urls::track(&t.slug)));
        })?)
    })
}

/// The page's own feed, for `<link rel="alternate">` in the layout.
pub fn feed_link(title: &str, folder: &str) -> serde_json::Value {
    serde_json::json!({ "title": format!("{title}: changes"), "href": format!("{folder}feed.xml") })
}
