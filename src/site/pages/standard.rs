//! One page per standard: its versions and supplements, the scope versions that require them,
//! and its lifecycle timeline.

use super::{Context, Sink};
use crate::site::BuildError;
use crate::site::charts;
use crate::site::scope_views::RequiredView;
use crate::urls;
use rayon::prelude::*;
use serde::Serialize;

/// A version of the standard and the scope versions that require it.
#[derive(Serialize)]
struct Required<'a> {
    id: &'a str,
    file_id: &'a str,
    by: &'a [RequiredView],
}

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    let as_of = ctx.catalog.as_of.date;
    let entered = |v: &crate::catalog::Version<'_>| ctx.entered(v);
    // A chart and a sidebar each: on all cores.
    ctx.standards
        .par_iter()
        .zip(&ctx.catalog.standards)
        .try_for_each(|(s, standard)| {
            if !ctx.makes_standard(&s.id) {
                return Ok(());
            }
            let timeline = ctx.events_of_standard(&s.id);
            let required: Vec<Required<'_>> = s
                .versions
                .iter()
                .map(|v| Required {
                    id: &v.id,
                    file_id: &v.file_id,
                    by: ctx.certification.required_by(&v.file_id),
                })
                .filter(|r| !r.by.is_empty())
                .collect();
            let path = format!("{}index.html", urls::standard(&s.id));
            let chart = charts::standard_chart(standard, as_of, &entered);
            let chart = charts::render(&chart);
            sink.emit(ctx.page(path, "standard.html", |vars| {
                vars.insert(
                    "page_title",
                    &format!("{}: {}", s.id.to_uppercase(), s.title),
                );
                if !s.description.trim().is_empty() {
                    vars.insert("page_description", s.description.trim());
                }
                ctx.insert_sidebar(vars, &s.track, Some(&s.id));
                vars.insert("neighbours", &ctx.nav.neighbours(&s.id));
                vars.insert("standard_chart", &chart);
                vars.insert("standard", s);
                vars.insert("required", &required);
                vars.insert("timeline", &timeline);
                let feed = super::track::feed_link(&s.id.to_uppercase(), &urls::standard(&s.id));
                vars.insert("page_feed", &feed);
            })?)
        })
}
