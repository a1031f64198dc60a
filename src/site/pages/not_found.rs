//! The page a web server shows for an unknown address (`404.html`). Hosts serve it at any depth
//! (`/sub/path/x/y`), so its links cannot be relative to where it lies: with a base URL they
//! are absolute under it; without one they are relative to the site root and a small script
//! finds that root and rewrites them. The styles are inline, so the page reads well even when
//! no link works and script is off.

use super::{Context, Sink};
use crate::site::BuildError;
use crate::urls;

pub fn pages(ctx: &Context<'_>, sink: &Sink<'_>) -> Result<(), BuildError> {
    // A release's copy is inside the site, whose own page serves unknown addresses.
    if ctx.opts.frozen.is_some() {
        return Ok(());
    }
    let base = ctx
        .publication
        .base_url
        .as_deref()
        .map(|b| urls::check_address(b).map_err(BuildError::BaseUrl))
        .transpose()?
        .map(|b| format!("{}/", b.trim_end_matches('/')));
    let mut vars = ctx.vars(base.as_deref().unwrap_or(""));
    let style = ctx
        .theme
        .assets()
        .find(|(name, _)| *name == "style.css")
        .map_or("", |(_, text)| text);
    vars.insert("inline_style", style);
    vars.insert("find_root", &base.is_none());
    let text = ctx.theme.render("404.html", &vars)?;
    sink.emit(("404.html".to_owned(), text))
}
