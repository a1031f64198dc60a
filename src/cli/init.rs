//! `normwerk init`: a commented `normwerk.toml` for another body.

use super::EXIT_OK;
use crate::config::init::{Answers, render};
use anyhow::{Context as _, Result, bail};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// File names start with `PREFIX-` (default: `scs`, the built-in profile's).
    #[arg(long)]
    pub prefix: Option<String>,
    /// The folder of the documents, created if missing (default: none written, normwerk looks for
    /// ./standards-src or ./Standards).
    #[arg(long = "documents", value_name = "DIR")]
    pub documents: Option<PathBuf>,
    /// A track, in the order of their digits, or `NAME=DIGIT` (repeatable; default: the
    /// built-in tracks).
    #[arg(long = "track", value_name = "NAME[=DIGIT]")]
    pub tracks: Vec<String>,
    /// A document type (repeatable; default: the built-in types). `Supplement` and
    /// `Decision Record` keep their built-in kind.
    #[arg(long = "type", value_name = "NAME")]
    pub types: Vec<String>,
    /// The site's title.
    #[arg(long)]
    pub title: Option<String>,
    /// Where to write the configuration.
    #[arg(long, short, value_name = "FILE", default_value = "normwerk.toml")]
    pub out: PathBuf,
    /// Replace an existing configuration file.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &InitArgs) -> Result<u8> {
    if args.out.exists() && !args.force {
        bail!("{} exists; `--force` replaces it", args.out.display());
    }
    let answers = Answers {
        prefix: args.prefix.clone(),
        source: args.documents.as_ref().map(|d| d.display().to_string()),
        tracks: args.tracks.clone(),
        types: args.types.clone(),
        title: args.title.clone(),
    };
    let text = render(&answers)?;
    // What is written must read back.
    crate::config::Config::parse(&text, &args.out)
        .with_context(|| "the configuration init made does not read back (a bug of normwerk)")?;
    crate::output::write_file(&args.out, text.as_bytes())?;
    if let Some(dir) = &args.documents {
        let folder = args
            .out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| dir.clone(), |p| p.join(dir));
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("creating the documents' folder {}", folder.display()))?;
    }
    say!(
        "wrote {}; next: `normwerk new \"A title\"` starts a document, `normwerk lint` checks them",
        args.out.display()
    );
    Ok(EXIT_OK)
}
