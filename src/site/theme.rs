//! The theme: the built-in templates and assets, embedded in the binary, and the files of a
//! `--templates` folder that override them one by one.

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
    "track.html",
    "certification.html",
    "scope.html",
    "feed.xml",
    "sitemap.xml",
    "style.css",
    "search.js",
];

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
        let mut assets = Vec::new();
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

    /// The assets by file name (`style.css`).
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
        std::fs::write(dir.path().join("style.css"), "body {}").expect("asset");
        let theme = Theme::load(Some(dir.path())).expect("theme");
        assert_eq!(sitemap(&theme), ";standards/a&lt;b&gt;/;");
        let assets: Vec<_> = theme.assets().collect();
        assert!(assets.contains(&("style.css", "body {}")), "{assets:?}");
    }
}
