//! The site's name, description, licence line and logo: `[site]` of the configuration, else the
//! built-in SCS values when the profile is the SCS one (its prefix), else plain defaults.

use super::BuildError;
use crate::config::Config;
use std::path::{Component, Path, PathBuf};

/// What the pages say about the body that publishes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branding {
    pub title: String,
    /// The `meta description` of pages that have none of their own.
    pub description: String,
    /// The licence line of the footer (plain text); empty: none.
    pub footer: String,
    /// The logo file as configured (resolved against the config file's folder) and that folder,
    /// which it must lie in.
    pub logo: Option<Logo>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub path: PathBuf,
    pub folder: PathBuf,
}

/// The SCS branding: an SCS checkout builds its site with no configuration. No logo file of
/// theirs is shipped; the layout shows a text mark instead.
const SCS: (&str, &str, &str) = (
    "Sovereign Cloud Stack Standards",
    "The standards of the Sovereign Cloud Stack: which versions are in force, since when, and what changed.",
    "The SCS standards are licensed under the Creative Commons Attribution-ShareAlike 4.0 International licence (CC-BY-SA-4.0).",
);

/// The file types a logo may be, by extension (lower case).
const LOGO_TYPES: &[&str] = &["svg", "png", "jpg", "jpeg", "webp", "gif"];
/// A logo is a few kilobytes; a megabyte is surely not one.
const LOGO_LIMIT: u64 = 1 << 20;

impl Branding {
    pub fn resolve(config: &Config) -> Branding {
        let site = &config.site;
        let scs = config.profile.prefix.eq_ignore_ascii_case("scs");
        let (title, description, footer) = if scs { SCS } else { ("Standards", "", "") };
        let title = site.title.clone().unwrap_or_else(|| title.to_owned());
        let description = site.description.clone().unwrap_or_else(|| {
            if description.is_empty() {
                format!("{title}: every standard, its versions and which are in force.")
            } else {
                description.to_owned()
            }
        });
        let folder = config
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map_or_else(PathBuf::new, Path::to_path_buf);
        Branding {
            title,
            description,
            footer: site.footer.clone().unwrap_or_else(|| footer.to_owned()),
            logo: site.logo.as_ref().map(|l| Logo {
                path: config.resolve(l),
                folder,
            }),
        }
    }

    /// The logo's place in the site (`assets/logo.svg`), by its extension.
    pub fn logo_asset(&self) -> Option<String> {
        let ext = extension(&self.logo.as_ref()?.path)?;
        Some(format!("assets/logo.{ext}"))
    }
}

fn extension(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    LOGO_TYPES.contains(&ext.as_str()).then_some(ext)
}

/// The logo's real path and its place in the site, if one is configured: a regular image file
/// of at most a megabyte inside the configuration's folder (as the templates are confined to
/// theirs), else an error naming it.
pub fn logo_file(branding: &Branding) -> Result<Option<(String, PathBuf)>, BuildError> {
    let Some(logo) = &branding.logo else {
        return Ok(None);
    };
    let refuse = |message: String| BuildError::Logo {
        path: logo.path.clone(),
        message,
    };
    let Some(asset) = branding.logo_asset() else {
        return Err(refuse(format!(
            "a logo is an image file ({})",
            LOGO_TYPES.join(", ")
        )));
    };
    let root = if logo.folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        logo.folder.as_path()
    };
    // Written as a way out of the folder (`../x.svg`, `/etc/x.svg`): refused as such, before a
    // link check would call it a symbolic link.
    let inside = logo
        .path
        .strip_prefix(&logo.folder)
        .is_ok_and(|rel| rel.components().all(|c| matches!(c, Component::Normal(_))));
    if !inside {
        return Err(refuse(format!(
            "the logo must lie inside the folder of the configuration file ({})",
            root.display()
        )));
    }
    let folder = crate::confined::Folder::new(root)
        .map_err(|e| refuse(crate::confined::Refusal::from(e).to_string()))?;
    let real = folder
        .regular_file(&logo.path)
        .map_err(|r| refuse(r.to_string()))?;
    let size = std::fs::metadata(&real).map_or(0, |m| m.len());
    if size > LOGO_LIMIT {
        return Err(refuse(format!(
            "it has {size} bytes, more than the limit of {LOGO_LIMIT} bytes"
        )));
    }
    Ok(Some((asset, real)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scs_profile_brings_its_branding_and_another_profile_plain_defaults() {
        let scs = Branding::resolve(&Config::default());
        assert_eq!(scs.title, "Sovereign Cloud Stack Standards");
        assert!(scs.footer.contains("CC-BY-SA-4.0"), "{}", scs.footer);
        let mut other = Config::default();
        other.profile.prefix = "acme".to_owned();
        let other = Branding::resolve(&other);
        assert_eq!(other.title, "Standards");
        assert_eq!(other.footer, "");
        assert!(other.description.starts_with("Standards: "));
    }

    #[test]
    fn a_logo_outside_the_configuration_folder_is_refused_by_name() {
        let dir = tempfile::tempdir().expect("folder");
        let branding = Branding {
            logo: Some(Logo {
                path: dir.path().join("conf/../logo.svg"),
                folder: dir.path().join("conf"),
            }),
            ..Branding::resolve(&Config::default())
        };
        let message = logo_file(&branding).expect_err("refused").to_string();
        assert!(message.contains("logo.svg"), "{message}");
        assert!(message.contains("inside the folder"), "{message}");
    }
}
