//! The page a web server shows for an unknown address (`404.html`).

use super::{Context, Page};
use crate::site::BuildError;

pub fn pages(ctx: &Context<'_>) -> Result<Vec<Page>, BuildError> {
    // Served for any path, so its links are absolute from the site root.
    let text = ctx.theme.render("404.html", &ctx.vars("/"))?;
    Ok(vec![("404.html".to_owned(), text)])
}
