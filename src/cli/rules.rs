//! `normwerk rules`.

use super::{EXIT_OK, emit};
use crate::report::rules::{render_json, render_table};
use anyhow::Result;
use clap::ValueEnum;

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
}

pub fn run(args: &RulesArgs) -> Result<u8> {
    emit(&match args.format {
        RulesFormat::Table => render_table(),
        RulesFormat::Json => render_json(),
    })?;
    Ok(EXIT_OK)
}
