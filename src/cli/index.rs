//! `normwerk index`.

use super::{Cli, EXIT_OK, PublishArgs, emit};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The shared publishing flags, in the words of the index (their texts speak of the site).
#[derive(Debug, clap::Args)]
#[command(
    mut_arg("no_history", |a| a.help("Leave out the lifecycle from git: each entry's `events`")),
    mut_arg("base_url", |a| a.help("The site's public address: the index's `base_url`, which its `url` fields are relative to")),
    mut_arg("source_url", |a| a.help(
        "Where the source files can be read online: each entry's `source_url` (`<URL>/<file>`)"
    ))
)]
pub struct IndexArgs {
    /// Write to this file (replaced atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub publish: PublishArgs,
}

pub fn run(cli: &Cli, args: &IndexArgs) -> Result<u8> {
    let out = args.out.as_deref().filter(|p| *p != Path::new("-"));
    let json = args.publish.publish(cli, |ws, publication| {
        if let Some(path) = out {
            crate::output::check_output_file(&ws.source, path)?;
        }
        Ok(crate::index::to_json(&publication.index))
    })?;
    match out {
        None => emit(&json)?,
        Some(path) => crate::output::write_file(path, json.as_bytes())?,
    }
    Ok(EXIT_OK)
}
