//! `normwerk index`.

use super::{Cli, EXIT_OK, PublishArgs, emit};
use anyhow::Result;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
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
