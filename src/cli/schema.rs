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
    // The frontmatter schema has the vocabularies of the configured profile; the others do not
    // read the configuration, so a broken normwerk.toml does not keep them from being printed.
    let config = if args.which.needs_profile() {
        cli.selection().config_for(None)?
    } else {
        crate::config::Config::default()
    };
    emit(&text(args.which, &config.profile)?)?;
    Ok(EXIT_OK)
}
