//! One script per track, `tracks/<slug>/sidebar.js`: the track's standards in number order with
//! their states, which `js/nav.js` lists in the sidebar of each of the track's pages. The pages
//! carry only the sidebar's frame: a list of every standard in every page was a third of a
//! document page and a fifth of the build's bytes at 10,000 documents (mdBook's `toc.js` does
//! the same). Without script, the frame links the track's page, which lists them all.

use super::{Context, Sink};
use crate::site::BuildError;
use crate::urls;

/// The path of a track's sidebar script, relative to the site root.
pub fn script_path(slug: &str) -> String {
    format!("{}sidebar.js", urls::track(slug))
}

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    for track in &ctx.tracks {
        let standards: Vec<[&str; 3]> = ctx
            .nav
            .track(&track.name)
            .iter()
            .map(|e| [e.id.as_str(), e.title.as_str(), e.state])
            .collect();
        if standards.is_empty() {
            continue;
        }
        let path = script_path(&track.slug);
        let data = serde_json::to_string(&standards).map_err(|e| BuildError::Template {
            name: path.clone(),
            message: e.to_string(),
        })?;
        sink.emit((path, format!("window.normwerkSidebar={data};\n")))?;
    }
    Ok(())
}
