//! The theme: the built-in templates and assets, embedded in the binary, and the files of a
//! `--templates` folder that override them one by one.
//!
//! Styles and scripts are kept as one small file per concern (`css/diff.css`, `js/search.js`)
//! and published as one stylesheet (`assets/style.css`) and one script (`assets/site.js`), in
//! the order of [`BUILTIN`], so that a page loads two files and a theme overrides one concern.

use super::BuildError;
use crate::confined::Folder;
use std::path::Path;

/// `(name, text)` of each named file in `templates/`.
macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// The built-in files: tera templates (`.html`, `.xml`) and assets (copied to `assets/` as they
/// are). A file of the same name in the `--templates` folder replaces one.
const BUILTIN: &[(&str, &str)] = embedded![
    "layout.html",
    "overview.html",
    "standard.html",
    "document.html",
    "proposals.html",
    "404.html",
    "diff.html",
    "history.html",
    "revision.html",
    "track.html",
    "certification.html",
    "scope.html",
    "releases.html",
    "changelog.html",
    "feed.xml",
    "sitemap.xml",
    // Parts of pages, included by them; one per concern, so that a theme overrides one.
    "partials/banner.html",
    "partials/findings.html",
    "partials/doc_changes.html",
    "partials/standard_chart.html",
    "partials/standard_changes.html",
    "partials/diff_table.html",
    "partials/overview_chart.html",
    "partials/scope_chart.html",
    "partials/sidebar.html",
    "partials/pager.html",
    "partials/legend.html",
    "partials/chart_legend.html",
    // Concatenated into assets/style.css, in this order.
    "css/base.css",
    "css/layout.css",
    "css/guidance.css",
    "css/markdown.css",
    "css/diff.css",
    "css/history.css",
    "css/charts.css",
    "css/search.css",
    "css/scopes.css",
    "css/releases.css",
    "css/print.css",
    // Concatenated into assets/site.js, in this order.
    "js/theme.js",
    "js/nav.js",
    "js/code.js",
    "js/filters.js",
    "js/search.js",
    "js/diff.js",
    // Copied to assets/ as they are.
    "favicon.svg",
    // Published only when a page has a mermaid diagram (src/site/markdown/mermaid.rs); mermaid
    // 12.3.0 from npm, MIT, its licence beside it.
    "vendor/mermaid.min.js",
    "vendor/mermaid.LICENSE.txt",
];

/// The published bundles: the folder of their parts in the theme, and their name under `assets/`.
const BUNDLES: &[(&str, &str)] = &[("css/", "style.css"), ("js/", "site.js")];

/// Templates are rendered with tera (which escapes their values as HTML); assets are not.
fn is_template(name: &str) -> bool {
    name.ends_with(".html") || name.ends_with(".xml")
}

/// A template is a few kilobytes; ten megabytes is surely not one.
const TEMPLATE_LIMIT: u64 = 10 << 20;

/// The templates, ready to render, and the assets, as the build uses them.
pub(super) struct Theme {
    tera: tera::Tera,
    assets: Vec<(&'static str, String)>,
}

impl Theme {
    /// The built-in theme with the files of `dir` in place of theirs.
    pub(super) fn load(dir: Option<&Path>) -> Result<Theme, BuildError> {
        let mut templates = Vec::new();
        let mut assets: Vec<(&str, String)> = Vec::new();
        // Template files are read only from inside their folder (links followed within it).
        let folder = match dir {
            Some(d) => Some(Folder::new(d).map_err(|e| BuildError::Read {
                path: d.to_owned(),
                reason: e.into(),
            })?),
            None => None,
        };
        for &(name, builtin) in BUILTIN {
            let path = dir.map(|d| d.join(name));
            let text = match (&folder, path) {
                // Anything in a template's place (a link, a FIFO) is read or refused, never
                // passed over for the built-in.
                (Some(folder), Some(path)) if path.symlink_metadata().is_ok() => folder
                    .read_text(&path, TEMPLATE_LIMIT)
                    .map_err(|reason| BuildError::Read { path, reason })?,
                _ => builtin.to_owned(),
            };
            if is_template(name) {
                templates.push((name, text));
            } else if let Some(&(_, bundle)) = BUNDLES.iter().find(|(dir, _)| name.starts_with(dir))
            {
                match assets.iter_mut().find(|(n, _)| *n == bundle) {
                    Some((_, all)) => all.push_str(&text),
                    None => assets.push((bundle, text)),
                }
            } else {
                assets.push((name, text));
            }
        }
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(templates.iter().map(|(n, t)| (*n, t.as_str())))
            .map_err(|e| BuildError::Template {
                name: dir.map_or_else(|| "(built-in)".to_owned(), |d| d.display().to_string()),
                message: e.to_string(),
            })?;
        Ok(Theme { tera, assets })
    }

    /// Renders the template `name`; an error names the template and says where it failed.
    pub(super) fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, BuildError> {
        self.tera
            .render(name, ctx)
            .map_err(|e| BuildError::Template {
                name: name.to_owned(),
                message: format!("{e:?}"),
            })
    }

    /// The assets by their name under `assets/` (`style.css`, `site.js`).
    pub(super) fn assets(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.assets.iter().map(|(n, t)| (*n, t.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sitemap(theme: &Theme) -> String {
        let mut vars = tera::Context::new();
        vars.insert("base_url", "https://example.org/?a=1&b=2/");
        vars.insert("locations", &["", "standards/a<b>/"]);
        theme.render("sitemap.xml", &vars).expect("rendered")
    }

    #[test]
    fn the_sitemap_escapes_its_locations() {
        let text = sitemap(&Theme::load(None).expect("built-in theme"));
        assert!(
            text.contains("<url><loc>https://example.org/?a=1&amp;b=2/</loc></url>\n"),
            "{text}"
        );
        assert!(
            text.contains("<loc>https://example.org/?a=1&amp;b=2/standards/a&lt;b&gt;/</loc>"),
            "{text}"
        );
        assert!(text.ends_with("</urlset>\n"), "{text}");
    }

    #[test]
    fn a_file_in_the_templates_folder_replaces_the_built_in_one() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(
            dir.path().join("sitemap.xml"),
            "{% for l in locations %}{{ l }};{% endfor %}",
        )
        .expect("template");
        std::fs::create_dir(dir.path().join("css")).expect("css folder");
        std::fs::write(dir.path().join("css/diff.css"), "/* mine */\n").expect("asset");
        let theme = Theme::load(Some(dir.path())).expect("theme");
        assert_eq!(sitemap(&theme), ";standards/a&lt;b&gt;/;");
        let assets: Vec<_> = theme.assets().collect();
        let (_, style) = assets
            .iter()
            .find(|(n, _)| *n == "style.css")
            .expect("stylesheet");
        // The part replaced in place, the others kept around it.
        let (before, after) = style.split_once("/* mine */\n").expect("the override");
        assert!(before.contains(":root"), "{before}");
        assert!(after.contains("#search"), "{after}");
        assert!(!style.contains("table.diff"), "{style}");
        assert!(assets.iter().any(|(n, _)| *n == "site.js"), "{assets:?}");
    }
}
