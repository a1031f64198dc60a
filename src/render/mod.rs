//! Rendering for the site: Markdown bodies as safe HTML, and the pages of `normwerk build`.

pub mod diff;
pub mod markdown;
pub mod site;
pub mod urls;
