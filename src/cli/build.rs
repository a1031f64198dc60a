//! `normwerk build`.

use super::{Cli, EXIT_OK, PublishArgs, Refused};
use crate::site::{BuildError, BuildOptions, build};
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The output folder (replaced as a whole; never the source folder or a folder around it).
    /// Default: `[site] out` in normwerk.toml, else `site`.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// A folder whose templates override the built-in ones, file by file.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Build even when the site in place was made from the same inputs and looks whole (it is
    /// then left as it is).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub publish: PublishArgs,
}

pub fn run(cli: &Cli, args: &BuildArgs) -> Result<u8> {
    args.publish.publish(cli, |ws, publication| {
        let mut opts = BuildOptions::resolve(args.out.clone(), args.templates.clone(), &ws.config);
        opts.force = args.force;
        let progress = super::progress::Progress::start("building the site");
        let built = build(publication, &ws.config, &opts);
        drop(progress);
        let report = match built {
            // Findings about documents, not an I/O failure: exit code 1, as for the lint's.
            Err(e @ BuildError::Clashes(_)) => return Err(Refused(e.to_string()).into()),
            other => other?,
        };
        report.warnings.iter().for_each(|w| super::warn(w));
        if report.unchanged {
            say!(
                "{} is up to date: it was built from the same documents, configuration, templates, history and day; nothing was written",
                report.out.display()
            );
            return Ok(EXIT_OK);
        }
        say!(
            "built {} pages from {} into {} (states as of {}); open {}",
            report.pages,
            ws.source.display(),
            report.out.display(),
            publication.catalog.as_of,
            report.out.join("index.html").display()
        );
        Ok(EXIT_OK)
    })
}
