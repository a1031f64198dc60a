//! `normwerk schema`.

use super::{Cli, EXIT_OK, emit};
use crate::schemas::{SchemaName, text};
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    #[arg(value_enum)]
    pub which: SchemaName,
}

pub fn run(cli: &Cli, args: &SchemaArgs) -> Result<u8> {
    // The frontmatter schema has the vocabularies of the configured profile.
    let config = cli.selection().config_for(None)?;
    emit(&text(args.which, &config.profile)?)?;
    Ok(EXIT_OK)
}
