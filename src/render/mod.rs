//! Rendering for the site: Markdown bodies as safe HTML (pages and templates come with
//! `normwerk build`).

pub mod markdown;
