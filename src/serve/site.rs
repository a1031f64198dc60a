//! One build of the preview: the site made in memory from the source folder as it is now, the
//! lint's findings by page, or why there is no site.

use crate::asof::AsOf;
use crate::diagnostic::Severity;
use crate::publish::{PublishError, PublishOptions};
use crate::site::{BuildOptions, Incremental};
use crate::workspace::Selection;
use std::collections::HashMap;
use std::sync::Arc;

/// What the server serves until the next build.
#[derive(Debug, Default)]
pub struct Built {
    /// The files of the last site that could be made, by path.
    pub files: Arc<HashMap<String, Arc<[u8]>>>,
    /// The process findings of each document page, by page path (`standards/<id>/index.html`).
    pub findings: HashMap<String, Vec<Finding>>,
    /// Why the last build made no site (the files are the build before it, if any).
    pub error: Option<String>,
    /// Counts the builds, for the pages' reload.
    pub generation: u64,
    /// The lint's findings as terminal lines, to tell which are new since the build before.
    pub lines: Vec<String>,
    /// The history walked for this build, with what it depends on (the commit checked out and
    /// the profile): the next build takes it when neither changed.
    pub history: Option<(String, crate::lifecycle::History)>,
    /// How many files this build made, and whether only those a change affected.
    pub made: (usize, bool),
}

/// One finding as the page's overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub rule: &'static str,
    pub line: Option<usize>,
    pub message: String,
}

/// How to build: where, for which day, with or without history.
#[derive(Debug, Clone)]
pub struct BuildSettings {
    pub selection: Selection,
    pub as_of: Option<jiff::civil::Date>,
    pub no_history: bool,
}

/// Builds the site as the folder is now. `before` is the last build: its files are kept when
/// this one fails; `incremental` keeps what the last one made, so that only what a change
/// affects is made again. The lint's findings are returned as lines for the terminal.
pub fn build(
    settings: &BuildSettings,
    before: &Built,
    incremental: &mut Incremental,
) -> (Built, Vec<String>) {
    let mut built = Built {
        generation: before.generation + 1,
        ..Built::default()
    };
    match try_build(settings, before, &mut built, incremental) {
        Ok(lines) => {
            built.lines = lines.clone();
            (built, lines)
        }
        Err(error) => {
            built.files = before.files.clone();
            built.findings = before.findings.clone();
            built.lines = before.lines.clone();
            built.history = before.history.clone();
            let lines = vec![format!("error: {error}")];
            built.error = Some(error);
            (built, lines)
        }
    }
}

/// An error with its causes, as `error: …: …` says it.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}

fn try_build(
    settings: &BuildSettings,
    before: &Built,
    built: &mut Built,
    incremental: &mut Incremental,
) -> Result<Vec<String>, String> {
    let ws = settings.selection.workspace("").map_err(|e| chain(&e))?;
    let corpus = incremental.load(&ws).map_err(|e| chain(&e))?;
    let as_of = AsOf::resolve(settings.as_of).map_err(|e| chain(&e))?;
    // The history depends on the commits and the profile only: walked again when either changed.
    let key = match crate::lifecycle::checkout(&corpus.root) {
        Ok(Some(c)) => c
            .commit
            .map(|head| format!("{head} {:?}", ws.config.profile)),
        _ => None,
    };
    let known = before
        .history
        .as_ref()
        .filter(|(k, _)| key.as_ref() == Some(k))
        .map(|(_, h)| h.clone());
    let opts = PublishOptions {
        no_history: settings.no_history,
        history: known,
        ..Default::default()
    };
    let publication = match crate::publish::prepare(&corpus, &ws.config, as_of, &opts) {
        Ok(p) => p,
        Err(PublishError::Blocked(findings)) => {
            return Err(format!(
                "{} problem(s) stop the site:\n{}",
                findings.len(),
                findings
                    .iter()
                    .map(crate::report::concise::line)
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
        Err(e) => return Err(chain(&e)),
    };
    built.history = key.zip(publication.history.clone());
    let mut site_opts = BuildOptions::resolve(None, None, &ws.config);
    site_opts.findings = true;
    // The site's own lint run: its findings are the overlays' and the terminal's.
    let made = incremental
        .render(&publication, &ws.config, &site_opts)
        .map_err(|e| chain(&e))?;
    drop(publication);
    let findings = made.findings;
    built.files = made.files;
    built.made = (made.made, made.partial);
    let page_of: HashMap<&str, String> = corpus
        .documents
        .iter()
        .map(|d| {
            (
                d.display.as_str(),
                format!("{}index.html", crate::urls::document(d)),
            )
        })
        .collect();
    for d in &findings {
        if let Some(page) = page_of.get(d.file.as_str()) {
            built
                .findings
                .entry(page.clone())
                .or_default()
                .push(Finding {
                    severity: d.severity,
                    rule: d.rule.as_str(),
                    line: d.start.map(|p| p.line),
                    message: d.message.clone(),
                });
        }
    }
    incremental.keep_corpus(corpus);
    Ok(made.lines)
}

/// What the terminal shows of a build: the error of a failed one; else the findings that are
/// new since the build before (whichever file they are in: an edit of one document can break a
/// reference to it) and how many were fixed.
pub fn changed_lines(before: &Built, after: &Built, lines: &[String]) -> Vec<String> {
    if after.error.is_some() {
        return lines.to_vec();
    }
    let old: std::collections::HashSet<&String> = before.lines.iter().collect();
    let new: std::collections::HashSet<&String> = lines.iter().collect();
    let mut out: Vec<String> = lines.iter().filter(|l| !old.contains(l)).cloned().collect();
    let fixed = before.lines.iter().filter(|l| !new.contains(l)).count();
    if fixed > 0 {
        out.push(format!("{fixed} finding(s) fixed"));
    }
    out
}
