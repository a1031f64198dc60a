//! `normwerk completions SHELL` and `normwerk man`: made from the command-line definitions, so
//! that they name every command and flag there is.

use super::{Cli, EXIT_OK, emit};
use anyhow::{Context as _, Result};
use clap::CommandFactory as _;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell whose completion script to print.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn completions(args: &CompletionsArgs) -> Result<u8> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "normwerk", &mut out);
    emit(&String::from_utf8_lossy(&out))?;
    Ok(EXIT_OK)
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write a page per command (`normwerk.1`, `normwerk-lint.1`, …) into this folder instead of
    /// printing the main page.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn man(args: &ManArgs) -> Result<u8> {
    let cmd = Cli::command();
    let Some(dir) = &args.out else {
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut page)?;
        emit(&String::from_utf8_lossy(&page))?;
        return Ok(EXIT_OK);
    };
    let mut pages = vec![("normwerk.1".to_owned(), cmd.clone())];
    for sub in cmd.get_subcommands() {
        let name = format!("normwerk-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name)
            .version(env!("CARGO_PKG_VERSION"));
        pages.push((
            format!("{}.1", page.get_display_name().unwrap_or_default()),
            page,
        ));
    }
    for (file, page) in pages {
        let mut text = Vec::new();
        clap_mangen::Man::new(page).render(&mut text)?;
        let path = dir.join(&file);
        crate::output::write_file(&path, &text)
            .with_context(|| format!("writing the manual page {}", path.display()))?;
    }
    say!("wrote the manual pages into {}", dir.display());
    Ok(EXIT_OK)
}
