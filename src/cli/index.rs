//! `normwerk index`.

use super::{Cli, EXIT_OK, PublishArgs, emit, warn};
use crate::asof::AsOf;
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
    let ws = cli.selection().workspace()?;
    let as_of = AsOf::resolve(args.publish.as_of)?;
    let corpus = ws.load()?;
    let publication = crate::publish::prepare(&corpus, &ws.config, as_of, &args.publish.options());
    publication.warnings.iter().for_each(|w| warn(w));
    let json = crate::index::to_json(&publication.index);
    match args.out.as_deref().filter(|p| *p != Path::new("-")) {
        None => emit(&json)?,
        Some(path) => crate::output::write_file(path, json.as_bytes())?,
    }
    Ok(EXIT_OK)
}
