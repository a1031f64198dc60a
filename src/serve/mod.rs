//! `normwerk serve`: the site built in memory and served on loopback while the source folder,
//! the templates and the configuration are watched; each change builds it again, and open pages
//! reload (server-sent events, from a few lines of script added to pages only here). A build
//! that fails keeps the last site, with an overlay saying why; a document page with findings
//! shows them in an overlay; the terminal gets the findings of the documents that changed.
//! Nothing is written to disk.

mod http;
mod inject;
mod site;

pub use site::BuildSettings;

use notify::{EventKind, RecursiveMode, Watcher as _};
use site::Built;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot serve: {0}")]
    Server(String),
    #[error("cannot watch {path}: {message}")]
    Watch { path: PathBuf, message: String },
}

/// Where to listen, what to build.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    /// The port asked for; when it is taken, the system picks a free one.
    pub port: u16,
    pub settings: BuildSettings,
    /// What a change of rebuilds the site, each folder with its subfolders or alone.
    pub watched: Vec<(PathBuf, bool)>,
}

/// A preview being served.
pub struct Server {
    http: tiny_http::Server,
    pub addr: SocketAddr,
    state: Arc<RwLock<Arc<Built>>>,
    clients: Arc<Mutex<Vec<Sender<u64>>>>,
    settings: BuildSettings,
    watcher: notify::RecommendedWatcher,
    changes: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    /// What the last build made, for the next one to make only what changed.
    incremental: crate::site::Incremental,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish()
    }
}

/// How long a burst of file events is gathered before one build (an editor's save is several).
const DEBOUNCE: Duration = Duration::from_millis(100);

impl Server {
    /// Listens on the address (another port if the one asked for is taken) and builds the site
    /// once; `report` gets the lines for the terminal.
    pub fn start(opts: ServeOptions, report: &dyn Fn(&str)) -> Result<Server, ServeError> {
        let asked = SocketAddr::new(opts.bind, opts.port);
        let listener = match TcpListener::bind(asked) {
            Ok(l) => l,
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                report(&format!("port {} is taken; a free one is used", opts.port));
                let any = SocketAddr::new(opts.bind, 0);
                TcpListener::bind(any).map_err(|source| ServeError::Bind { addr: any, source })?
            }
            Err(source) => {
                return Err(ServeError::Bind {
                    addr: asked,
                    source,
                });
            }
        };
        let addr = listener.local_addr().map_err(|source| ServeError::Bind {
            addr: asked,
            source,
        })?;
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| ServeError::Server(e.to_string()))?;
        let (events, changes) = channel::<notify::Result<notify::Event>>();
        let mut watcher =
            notify::recommended_watcher(events).map_err(|e| ServeError::Server(e.to_string()))?;
        for (path, recursive) in &opts.watched {
            let mode = if *recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            watcher.watch(path, mode).map_err(|e| ServeError::Watch {
                path: path.clone(),
                message: e.to_string(),
            })?;
        }
        // Watched before the first build: an edit made while it runs builds again.
        let mut incremental = crate::site::Incremental::default();
        let (first, lines) = site::build(&opts.settings, &Built::default(), &mut incremental);
        match &first.error {
            Some(error) => report(&format!("error: {error}")),
            None => report(&format!(
                "built {} files; {} finding(s) (`normwerk lint` lists them)",
                first.files.len(),
                lines.len()
            )),
        }
        Ok(Server {
            http,
            addr,
            state: Arc::new(RwLock::new(Arc::new(first))),
            clients: Arc::default(),
            settings: opts.settings,
            watcher,
            changes,
            incremental,
        })
    }

    /// Serves until `stop` is set, building again on each change of what `watched` names (each
    /// folder with its subfolders, or alone).
    pub fn run(
        self,
        stop: &AtomicBool,
        report: Arc<dyn Fn(&str) + Send + Sync>,
    ) -> Result<(), ServeError> {
        let (state, clients, settings) = (
            Arc::clone(&self.state),
            Arc::clone(&self.clients),
            self.settings.clone(),
        );
        let rebuild_report = Arc::clone(&report);
        let changes = self.changes;
        let mut incremental = self.incremental;
        std::thread::spawn(move || {
            while let Ok(first) = changes.recv() {
                if !is_change(&first) {
                    continue;
                }
                // An editor's save is several events: gather them, then build once.
                while changes.recv_timeout(DEBOUNCE).is_ok() {}
                let before = Arc::clone(&state.read().unwrap_or_else(PoisonError::into_inner));
                let started = std::time::Instant::now();
                let (after, lines) = site::build(&settings, &before, &mut incremental);
                for line in site::changed_lines(&before, &after, &lines) {
                    rebuild_report(&line);
                }
                rebuild_report(&format!(
                    "rebuilt in {} ms{}",
                    started.elapsed().as_millis(),
                    match (&after.error, after.made) {
                        (Some(_), _) => " (failed: the last site is served)".to_owned(),
                        (None, (n, true)) => format!(" ({n} files made again)"),
                        (None, _) => String::new(),
                    }
                ));
                let generation = after.generation;
                *state.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(after);
                clients
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .retain(|c| c.send(generation).is_ok());
            }
        });
        while !stop.load(Ordering::Relaxed) {
            let request = match self.http.recv_timeout(Duration::from_millis(100)) {
                Ok(Some(r)) => r,
                Ok(None) => continue,
                Err(e) => return Err(ServeError::Server(e.to_string())),
            };
            if request.url().split('?').next() == Some(inject::EVENTS) {
                // Listening before the current build is read: a build that ends in between is
                // still announced.
                let (tx, rx) = channel();
                self.clients
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(tx);
                let current = self
                    .state
                    .read()
                    .unwrap_or_else(PoisonError::into_inner)
                    .generation;
                std::thread::spawn(move || http::events(request, rx, current));
            } else {
                let built = Arc::clone(&self.state.read().unwrap_or_else(PoisonError::into_inner));
                std::thread::spawn(move || http::respond(request, &built));
            }
        }
        // Ends the event streams: their receivers see the senders gone.
        self.clients
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        drop(self.watcher);
        Ok(())
    }
}

/// Whether an event changes a source: not a read (building opens every file), not an ignored
/// file.
fn is_change(event: &notify::Result<notify::Event>) -> bool {
    match event {
        Ok(e) => !matches!(e.kind, EventKind::Access(_)) && e.paths.iter().any(|p| !ignored(p)),
        Err(_) => false,
    }
}

/// A file event that is no change of a source: git's own files, an editor's swap or backup
/// file (`.name.swp`, `name~`). Only the file's own name and `.git` count: the watched folder
/// itself may lie below a hidden one.
fn ignored(path: &std::path::Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || path.components().any(|c| c.as_os_str() == ".git")
}
