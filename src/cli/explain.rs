//! `normwerk explain RULE`: a rule's page of the book in the terminal.

use super::{EXIT_OK, emit};
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule's id, as findings and `normwerk rules` show it (`broken-link`).
    pub rule: String,
}

pub fn run(args: &ExplainArgs) -> Result<u8> {
    let page = crate::report::rules::explain(&args.rule).map_err(anyhow::Error::msg)?;
    emit(&page)?;
    Ok(EXIT_OK)
}
