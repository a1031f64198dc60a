//! `normwerk lsp`.

use super::{Cli, EXIT_FINDINGS, EXIT_OK};
use crate::lsp::{LspError, run_stdio};
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// Accepted for editors that pass it (VS Code's clients do); stdio is the only transport.
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(cli: &Cli, _args: &LspArgs) -> Result<u8> {
    match run_stdio(&cli.selection()) {
        Ok(()) => Ok(EXIT_OK),
        // The protocol's exit code for an `exit` without `shutdown` before it.
        Err(LspError::ExitWithoutShutdown) => Ok(EXIT_FINDINGS),
        Err(e) => Err(e.into()),
    }
}
