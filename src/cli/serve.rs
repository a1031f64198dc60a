//! `normwerk serve`.

use super::{Cli, EXIT_OK};
use crate::serve::{BuildSettings, ServeOptions, Server};
use anyhow::Result;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The port to listen on; when it is taken, a free one is used (and printed).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0: the preview is then open to
    /// other machines).
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<IpAddr>,
    /// Open the site in the browser once it is served.
    #[arg(long)]
    pub open: bool,
    /// Compute every state as of this date (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::asof::parse_day)]
    pub as_of: Option<jiff::civil::Date>,
    /// Leave out the lifecycle from git (builds faster on a long history).
    #[arg(long)]
    pub no_history: bool,
}

pub fn run(cli: &Cli, args: &ServeArgs) -> Result<u8> {
    let selection = cli.selection();
    let ws = selection.workspace("")?;
    // A folder that cannot be read is an error now, not a page that waits for it.
    ws.load()?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed))?;
    let report: Arc<dyn Fn(&str) + Send + Sync> = Arc::new(|line: &str| eprintln!("{line}"));
    let opts = ServeOptions {
        bind: args.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        port: args.port,
        settings: BuildSettings {
            selection,
            as_of: args.as_of,
            no_history: args.no_history,
        },
        watched: watched(&ws),
    };
    let server = Server::start(opts, report.as_ref())?;
    let url = format!("http://{}/", server.addr);
    eprintln!(
        "serving {} at {url} (changes rebuild it; Ctrl-C stops)",
        ws.source.display()
    );
    if args.open {
        open(&url);
    }
    server.run(&stop, report)?;
    eprintln!("stopped");
    Ok(EXIT_OK)
}

/// What a change of rebuilds the site, and whether with subfolders: the source folder, the
/// folder of the configuration file (alone: an editor saves by renaming, which a watch of the
/// file itself loses), the templates, and the folders of the scope files.
fn watched(ws: &crate::workspace::Workspace) -> Vec<(PathBuf, bool)> {
    let config = &ws.config;
    let mut paths = vec![(ws.source.clone(), true)];
    if let Some(dir) = config.path.as_ref().and_then(|p| p.parent()) {
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir.to_owned()
        };
        paths.push((dir, false));
    }
    paths.extend(
        config
            .site
            .templates
            .as_ref()
            .map(|t| (config.resolve(t), true)),
    );
    for pattern in &config.profile.scopes.files {
        if let Some(dir) = std::path::Path::new(pattern).parent() {
            let dir = crate::paths::normalize(&ws.source.join(dir));
            if dir.is_dir() && !dir.starts_with(&ws.source) {
                paths.push((dir, true));
            }
        }
    }
    paths.retain(|(p, _)| p.exists());
    paths.sort();
    paths.dedup();
    paths
}

/// Opens `url` in the desktop's browser; a failure is only reported.
fn open(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program).arg(url).spawn() {
        super::warn(&format!("cannot open the browser ({program}): {e}"));
    }
}
