//! Adopting a corpus that already has findings. A baseline (`normwerk baseline`, the file
//! `normwerk-baseline.json`) records today's findings; `lint --baseline FILE` then reports only
//! the others, and names the recorded ones that are gone so that they can be dropped.
//! `lint --base REV --only-new` does the same against the findings the corpus had at REV.
//!
//! A finding is known by its rule, its file and the text it points at (the first line of its
//! span, its white space collapsed), not by its line: lines move when text above them changes.
//! Equal keys are counted, so that a second equal finding is new.

use crate::diagnostic::{Diagnostic, Sources};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The format's version, for readers of the file.
pub const VERSION: u32 = 1;

/// The default file name, in the working directory.
pub const FILE: &str = "normwerk-baseline.json";

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {path}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the baseline {path} is not a normwerk baseline: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The findings recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub baseline_version: u32,
    pub generator: String,
    pub findings: Vec<Entry>,
}

/// One recorded finding (or several equal ones).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    /// Relative to the baseline file's folder, `/`-separated.
    pub file: String,
    /// The text the finding points at: the first line of its span, white space collapsed
    /// (empty for a finding about a whole file).
    pub content: String,
    /// How many equal findings.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
    /// The message when it was recorded, for the reader (not matched: it may name lines).
    pub message: String,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

type Key = (String, String, String);

impl Entry {
    fn key(&self) -> Key {
        (self.rule.clone(), self.file.clone(), self.content.clone())
    }
}

/// How file paths are written in a baseline: relative to its folder, so that it holds from
/// wherever the lint runs.
#[derive(Debug, Clone)]
pub struct Paths {
    folder: PathBuf,
    cwd: PathBuf,
}

impl Paths {
    /// Paths relative to the folder of the baseline file `file`.
    pub fn of(file: &Path) -> Paths {
        let cwd = std::env::current_dir().unwrap_or_default();
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let absolute = |p: &Path| {
            let p = if p.is_absolute() {
                p.to_owned()
            } else {
                cwd.join(p)
            };
            p.canonicalize().unwrap_or(p)
        };
        Paths {
            folder: absolute(folder),
            cwd: absolute(&cwd),
        }
    }

    /// Paths as the lint shows them (for comparing two runs of one invocation).
    pub fn as_shown() -> Paths {
        Paths {
            folder: PathBuf::new(),
            cwd: PathBuf::new(),
        }
    }

    fn file(&self, shown: &str) -> String {
        if self.folder.as_os_str().is_empty() {
            return shown.to_owned();
        }
        let path = Path::new(shown);
        let absolute = if path.is_absolute() {
            path.to_owned()
        } else {
            self.cwd.join(path)
        };
        // Through links as the baseline's folder is (a workspace reached by a link, macOS's /tmp).
        let absolute = absolute
            .canonicalize()
            .unwrap_or_else(|_| crate::paths::normalize(&absolute));
        crate::paths::relative(&self.folder, &absolute)
    }

    /// Whether the recorded file `entry` is one of the files or folders `asked` (all of them
    /// when none is asked): only those can be found fixed by a run.
    pub fn covers(&self, asked: &[PathBuf], entry: &str) -> bool {
        asked.is_empty()
            || asked.iter().any(|a| {
                let a = self.file(&a.display().to_string());
                a == entry || a == "." || a.is_empty() || entry.starts_with(&format!("{a}/"))
            })
    }
}

/// Records `findings` (whose texts are in `sources`).
pub fn record(findings: &[Diagnostic], sources: &Sources<'_>, paths: &Paths) -> Baseline {
    let mut counted: HashMap<Key, Entry> = HashMap::new();
    for d in findings {
        let entry = Entry {
            rule: d.rule.as_str().to_owned(),
            file: paths.file(&d.file),
            content: d.pointed_text(sources),
            count: 1,
            message: d.message.clone(),
        };
        counted
            .entry(entry.key())
            .and_modify(|e| e.count += 1)
            .or_insert(entry);
    }
    let mut findings: Vec<Entry> = counted.into_values().collect();
    findings.sort();
    Baseline {
        baseline_version: VERSION,
        generator: format!("normwerk {}", env!("CARGO_PKG_VERSION")),
        findings,
    }
}

/// The findings not in `baseline` (in their order), and the baseline's entries that no finding
/// matched any more (with how many of their count are gone).
pub fn split(
    findings: Vec<Diagnostic>,
    sources: &Sources<'_>,
    baseline: &Baseline,
    paths: &Paths,
) -> (Vec<Diagnostic>, Vec<Entry>) {
    let mut left: HashMap<Key, usize> = HashMap::new();
    for e in &baseline.findings {
        *left.entry(e.key()).or_default() += e.count;
    }
    let new = findings
        .into_iter()
        .filter(|d| {
            let key = (
                d.rule.as_str().to_owned(),
                paths.file(&d.file),
                d.pointed_text(sources),
            );
            match left.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        })
        .collect();
    let fixed = baseline
        .findings
        .iter()
        .filter_map(|e| {
            let gone = left.get(&e.key()).copied().unwrap_or(0).min(e.count);
            (gone > 0).then(|| Entry {
                count: gone,
                ..e.clone()
            })
        })
        .collect();
    (new, dedup(fixed))
}

/// Entries of one key once (a baseline written by hand may repeat one).
fn dedup(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.dedup_by(|a, b| a.key() == b.key());
    entries
}

/// Reads a baseline file.
pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
    let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
        path: path.to_owned(),
        source,
    })?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    if baseline.baseline_version != VERSION {
        return Err(BaselineError::Invalid {
            path: path.to_owned(),
            message: format!(
                "its version is {}, this normwerk reads version {VERSION}",
                baseline.baseline_version
            ),
        });
    }
    Ok(baseline)
}

/// The file's text: pretty JSON, one entry per finding, sorted (it is reviewed in diffs).
pub fn to_json(baseline: &Baseline) -> String {
    let mut text = serde_json::to_string_pretty(baseline).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;
    use crate::rules::RuleId;

    fn finding(file: &str, text: &str, at: &str) -> Diagnostic {
        let start = text.find(at).unwrap();
        let mut d = Diagnostic::file(RuleId::InvalidValue, file, "bad");
        d.span = Some(Span::new(start, start + at.len()));
        d
    }

    #[test]
    fn lines_moving_keep_a_finding_known_and_a_second_equal_one_is_new() {
        let before = "---\nstatus: stable\n---\n";
        let after = "---\ntitle: x\nstatus:   stable\n---\nstatus: stable\n";
        let sources: Sources<'_> = [("a.md", before)].into_iter().collect();
        let baseline = record(
            &[finding("a.md", before, "status: stable")],
            &sources,
            &Paths::as_shown(),
        );
        assert_eq!(baseline.findings[0].content, "status: stable");
        let sources: Sources<'_> = [("a.md", after)].into_iter().collect();
        let now = vec![
            finding("a.md", after, "status:   stable"),
            finding("a.md", after, "\nstatus: stable\n").clone(),
        ];
        let (new, fixed) = split(now, &sources, &baseline, &Paths::as_shown());
        assert_eq!(new.len(), 1);
        assert!(fixed.is_empty());
        // Both gone: the entry is fixed.
        let (new, fixed) = split(Vec::new(), &sources, &baseline, &Paths::as_shown());
        assert!(new.is_empty());
        assert_eq!(fixed.len(), 1);
    }

    #[test]
    fn a_span_of_nothing_points_at_the_rest_of_its_line() {
        let text = "---\ntitle: x\n---\n";
        let mut d = Diagnostic::file(RuleId::MissingField, "a.md", "missing");
        d.span = Some(Span::new(4, 4));
        let sources: Sources<'_> = [("a.md", text)].into_iter().collect();
        assert_eq!(d.pointed_text(&sources), "title: x");
    }
}
