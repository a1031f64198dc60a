//! `normwerk build`.

use super::{Cli, EXIT_OK, PublishArgs, warn};
use crate::asof::AsOf;
use crate::render::site::{BuildOptions, build};
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
    #[command(flatten)]
    pub publish: PublishArgs,
}

pub fn run(cli: &Cli, args: &BuildArgs) -> Result<u8> {
    let ws = cli.selection().workspace()?;
    let as_of = AsOf::resolve(args.publish.as_of)?;
    let corpus = ws.load()?;
    let config = &ws.config;
    let site = &config.site;
    let publish = &args.publish;
    let opts = BuildOptions {
        out: args
            .out
            .clone()
            .or_else(|| site.out.as_ref().map(|o| config.resolve(o)))
            .unwrap_or_else(|| PathBuf::from("site")),
        as_of: as_of.date,
        as_of_source: as_of.source,
        templates: args
            .templates
            .clone()
            .or_else(|| site.templates.as_ref().map(|t| config.resolve(t))),
        site_title: site.title.clone().unwrap_or_else(|| "Standards".to_owned()),
        history: !publish.no_history,
        base_url: publish.base_url.clone().or_else(|| site.base_url.clone()),
        source_url: publish
            .source_url
            .clone()
            .or_else(|| site.source_url.clone()),
    };
    let report = build(&corpus, &config.profile, &opts)?;
    report.warnings.iter().for_each(|w| warn(w));
    eprintln!(
        "built {} pages from {} into {} (states as of {as_of}); open {}",
        report.pages,
        ws.source.display(),
        report.out.display(),
        report.out.join("index.html").display()
    );
    Ok(EXIT_OK)
}
