//! A spinner on standard error for work that takes more than a second (`build`, `history`,
//! `release`), only when standard error is a terminal and `--quiet` is not given: a log or a
//! pipe gets nothing.

use std::io::IsTerminal as _;
use std::sync::mpsc::{Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

/// Shown after this long.
const AFTER: Duration = Duration::from_secs(1);

/// The spinner of one piece of work; it disappears when dropped.
pub struct Progress {
    done: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts `what` ("building the site"): a spinner with it and the time taken appears once
    /// the work has taken a second.
    pub fn start(what: &str) -> Progress {
        if super::quiet() || !std::io::stderr().is_terminal() {
            return Progress {
                done: None,
                thread: None,
            };
        }
        let (done, wait) = channel::<()>();
        let what = what.to_owned();
        let thread = std::thread::spawn(move || {
            if wait.recv_timeout(AFTER).is_ok() {
                return;
            }
            let bar = indicatif::ProgressBar::new_spinner().with_elapsed(AFTER);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.set_message(what);
            bar.enable_steady_tick(Duration::from_millis(100));
            // Until the work ends (a message, or the sender dropped).
            let _ = wait.recv();
            bar.finish_and_clear();
        });
        Progress {
            done: Some(done),
            thread: Some(thread),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(done) = self.done.take() {
            let _ = done.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
