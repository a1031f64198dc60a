//! A whole lint run as the command line asks for it: the paths grouped by the corpus they
//! belong to, each corpus linted with its own configuration, the change from `--base` and the
//! dates against history added, and the findings narrowed to the files asked for.

use super::normative::Stabilised;
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Severity, Sources};
use crate::lifecycle::HistoryError;
use crate::rules::{Group, RuleId};
use crate::workspace::{Selection, Workspace, WorkspaceError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LintError {
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error("cannot read {path}")]
    Path {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Schema(#[from] super::SchemaError),
    #[error(transparent)]
    History(#[from] HistoryError),
}

/// What to lint and which history-based checks to add.
#[derive(Debug, Clone, Default)]
pub struct LintRequest {
    /// Files or folders; none means the source folder.
    pub paths: Vec<PathBuf>,
    /// Also judge the change from this revision to the working tree.
    pub base: Option<String>,
    /// Also cross-check lifecycle dates against history.
    pub history: bool,
    /// With `base`: of the static findings, only those the documents did not have at `base`.
    pub only_new: bool,
    /// Checks of things beside the documents, run for each whole source folder linted: the
    /// releases' checks, given by the caller (releases are made with the lint's own judgement, so
    /// the lint cannot depend on them).
    pub folder_checks: Vec<FolderCheck>,
}

/// A check of a source folder as a whole, with its configuration.
pub type FolderCheck = fn(&Path, &crate::config::Config) -> Vec<Diagnostic>;

/// The findings of a run and the corpora they point into.
#[derive(Debug)]
pub struct LintRun {
    /// Sorted by file and position within each corpus, levelled by the configuration.
    pub diagnostics: Vec<Diagnostic>,
    pub corpora: Vec<Corpus>,
    /// How many documents were checked (the files asked for, or every document of a folder).
    pub documents: usize,
    /// How many scope files were checked (likewise).
    pub scope_files: usize,
    /// What the reader should know beside the findings: files asked for that are not documents
    /// and were not linted (with the reason), `[[overrides]]` patterns that match no file.
    pub warnings: Vec<String>,
}

impl LintRun {
    /// The texts findings point into, by displayed path.
    pub fn sources(&self) -> Sources<'_> {
        self.corpora.iter().flat_map(Corpus::sources).collect()
    }

    /// Whether a finding at `level` or above was made.
    pub fn fails_at(&self, level: Severity) -> bool {
        self.diagnostics.iter().any(|d| d.severity >= level)
    }
}

/// Runs the lint over what `request` names.
pub fn run(selection: &Selection, request: &LintRequest) -> Result<LintRun, LintError> {
    let mut run = LintRun {
        diagnostics: Vec::new(),
        corpora: Vec::new(),
        documents: 0,
        scope_files: 0,
        warnings: Vec::new(),
    };
    for (ws, only) in roots(selection, &request.paths)? {
        let root = &ws.source;
        let corpus = ws.load().map_err(WorkspaceError::from)?;
        let mut found = super::lint(&corpus, &ws.config)?;
        let profile = &ws.config.profile;
        // One walk of the history serves `--history` and the statements at stabilisation that
        // `--base` may need.
        let walk = crate::lifecycle::WalkOptions {
            scope_files: corpus.scopes.iter().map(|s| s.rel_path.clone()).collect(),
            ..Default::default()
        };
        let mut stabilised = match request.history {
            true => {
                Stabilised::walked(root, profile, crate::lifecycle::walk(root, profile, &walk)?)
            }
            false => Stabilised::new(root, profile),
        };
        if let Some(rev) = &request.base {
            let base = crate::lifecycle::base_files(root, rev, profile)?;
            if request.only_new {
                found = new_since(found, &corpus, &ws.config, &base, rev)?;
            }
            let mut change = super::change::check(&corpus, &ws.config, &base, &mut stabilised);
            if let Some(e) = stabilised.take_error() {
                return Err(e.into());
            }
            let day = crate::asof::today();
            change.extend(super::scope_history::from_base(
                &corpus,
                root,
                rev,
                day,
                &profile.prefix,
            )?);
            let change = super::apply_levels(&corpus, &ws.config, change);
            let judged = |r: RuleId| r.rule().group == Group::Change;
            found.extend(super::suppressed(
                &corpus, &ws.config, change, judged, false,
            ));
            found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        if let Some(history) = stabilised.history().filter(|_| request.history) {
            super::versions::drop_gaps_known_to(&corpus, history, &profile.prefix, &mut found);
            let mut dates = super::dates::check(&corpus, history, &profile.statuses);
            dates.extend(super::scope_history::from_history(&corpus, history));
            let dates = super::apply_levels(&corpus, &ws.config, dates);
            let judged = |r: RuleId| r.rule().group == Group::Lifecycle;
            found.extend(super::suppressed(&corpus, &ws.config, dates, judged, false));
            found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        if only.is_none() && !request.folder_checks.is_empty() {
            let more = request
                .folder_checks
                .iter()
                .flat_map(|check| check(root, &ws.config))
                .collect();
            let more = super::apply_levels(&corpus, &ws.config, more);
            let judged = |r: RuleId| r.rule().group == Group::Release;
            found.extend(super::suppressed(&corpus, &ws.config, more, judged, false));
            found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        if let Some(files) = &only {
            let wanted = Wanted::new(files);
            found.retain(|d| wanted.contains(&d.file));
            let passed_over = not_linted(&corpus, files, &found);
            let scope_files = files.iter().filter(|f| is_scope_file(&corpus, f)).count();
            run.documents += files.len() - passed_over.len() - scope_files;
            run.scope_files += scope_files;
            run.warnings.extend(passed_over);
        } else {
            run.documents += corpus.documents.len();
            run.scope_files += corpus.scopes.len();
        }
        let files: Vec<&str> = corpus
            .documents
            .iter()
            .map(|d| d.rel_path.as_str())
            .chain(corpus.scopes.iter().map(|s| s.rel_path.as_str()))
            .collect();
        let config_file = ws.config.path.as_ref().map_or_else(
            || "the configuration".to_owned(),
            |p| p.display().to_string(),
        );
        run.warnings
            .extend(ws.config.unmatched_patterns(&files).into_iter().map(|p| {
                format!(
                    "{config_file}: the [[overrides]] pattern `{p}` matches no file of {}",
                    root.display()
                )
            }));
        run.diagnostics.extend(found);
        run.corpora.push(corpus);
    }
    Ok(run)
}

/// Of `found` (the static findings of `corpus`), those the documents did not have at the base,
/// whose files are `base`: matched as a baseline matches them (rule, file, the text pointed at).
fn new_since(
    found: Vec<Diagnostic>,
    corpus: &Corpus,
    config: &crate::config::Config,
    base: &[crate::lifecycle::BaseFile],
    rev: &str,
) -> Result<Vec<Diagnostic>, LintError> {
    let texts = base
        .iter()
        .map(|f| (f.rel_path.clone(), f.text.clone()))
        .collect();
    // The scope files of today as they were at the base (those it did not have are left out).
    let paths: Vec<String> = corpus.scopes.iter().map(|f| f.rel_path.clone()).collect();
    let scopes = crate::lifecycle::repo::repository_files_at(&corpus.root, rev, &paths)?
        .into_iter()
        .zip(&corpus.scopes)
        .filter_map(|(text, f)| {
            let text = text?;
            Some(crate::scopes::ScopeFile::parse(
                f.path.clone(),
                f.rel_path.clone(),
                f.display.clone(),
                text,
            ))
        })
        .collect();
    let before = Corpus::from_texts(&corpus.root, &config.profile, texts, scopes)
        .map_err(WorkspaceError::from)?;
    let had = super::lint(&before, config)?;
    let paths = super::baseline::Paths::as_shown();
    let mut baseline = super::baseline::record(&had, &before.sources(), &paths);
    // A document renamed since the base (paired as `--base` pairs renames) had its findings
    // under its old name.
    let renamed: std::collections::HashMap<String, &str> =
        super::change::pair_with_base(corpus, base)
            .iter()
            .zip(&corpus.documents)
            .filter_map(|(pair, d)| {
                let old = base.get((*pair)?)?;
                (old.rel_path != d.rel_path).then(|| {
                    (
                        corpus.root.join(&old.rel_path).display().to_string(),
                        d.display.as_str(),
                    )
                })
            })
            .collect();
    for entry in &mut baseline.findings {
        if let Some(now) = renamed.get(&entry.file) {
            entry.file = (*now).to_owned();
        }
    }
    let sources = corpus.sources();
    Ok(super::baseline::split(found, &sources, &baseline, &paths).0)
}

/// The files asked for of which the run says nothing: not `*.md`, or a template or README.
fn not_linted(corpus: &Corpus, files: &[PathBuf], found: &[Diagnostic]) -> Vec<String> {
    let real = |p: &Path| p.canonicalize().ok();
    let documents: Vec<PathBuf> = corpus
        .documents
        .iter()
        .filter_map(|d| real(&d.path))
        .collect();
    let skipped: Vec<PathBuf> = corpus.skipped.iter().filter_map(|p| real(p)).collect();
    files
        .iter()
        .filter(|f| !is_scope_file(corpus, f))
        .filter(|f| {
            let r = real(f);
            let named = f.display().to_string();
            !r.as_ref().is_some_and(|r| documents.contains(r))
                && !found
                    .iter()
                    .any(|d| d.file == named || real(Path::new(&d.file)) == r)
        })
        .map(|f| {
            let hidden = f
                .file_name()
                .is_some_and(|n| crate::paths::is_hidden(&n.to_string_lossy()));
            let why = if real(f).is_some_and(|r| skipped.contains(&r)) {
                "it is a template or a README, which are not documents"
            } else if hidden {
                "files and folders whose names start with `.` are not part of the corpus"
            } else if f.is_dir() {
                "it is a folder"
            } else if f.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                "only `*.md` files are documents, and it is no scope file of the standards folder \
                 in use (name that folder with `--source` to lint a scope file with it)"
            } else {
                "only `*.md` files are documents"
            };
            format!("{} was not linted: {why}", f.display())
        })
        .collect()
}

/// Whether `file` is one of the scope files of `corpus` (the same file, however named).
fn is_scope_file(corpus: &Corpus, file: &Path) -> bool {
    let Ok(real) = file.canonicalize() else {
        return false;
    };
    corpus
        .scopes
        .iter()
        .any(|s| s.path.canonicalize().is_ok_and(|p| p == real))
}

/// A corpus to lint, and the files of it whose findings are kept (`None`: all).
type Root = (Workspace, Option<Vec<PathBuf>>);

/// The requested paths grouped by the folder whose corpus they belong to: a folder is a corpus
/// of its own (`None`: all its documents); a file is linted with its folder's other documents,
/// which are loaded so that references are checked, but only its own findings are kept.
fn roots(selection: &Selection, paths: &[PathBuf]) -> Result<Vec<Root>, LintError> {
    if paths.is_empty() {
        let hint = "pass a folder (`normwerk lint path/to/Standards`), ";
        return Ok(vec![(selection.workspace(hint)?, None)]);
    }
    let mut roots: BTreeMap<PathBuf, Option<Vec<PathBuf>>> = BTreeMap::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|source| LintError::Path {
            path: p.clone(),
            source,
        })?;
        if meta.is_dir() && !p.to_string_lossy().ends_with(".md") {
            roots.insert(p.clone(), None);
        } else if let Some(source) = scope_file_source(selection, p) {
            // A scope file lies outside the source folder: it is linted with the corpus whose
            // profile names it (`normwerk lint Tests/scs-compatible-iaas.yaml` from a hook).
            let entry = roots.entry(source).or_insert_with(|| Some(Vec::new()));
            if let Some(files) = entry {
                files.push(p.clone());
            }
        } else {
            let parent = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let entry = roots
                .entry(parent.to_owned())
                .or_insert_with(|| Some(Vec::new()));
            if let Some(files) = entry {
                files.push(p.clone());
            }
        }
    }
    roots
        .into_iter()
        .map(|(root, only)| Ok((selection.workspace_at(&root)?, only)))
        .collect()
}

/// For a file that is not Markdown: the source folder of the workspace whose profile names it as
/// a scope file (the default workspace: `--source`, the configuration, `Standards`).
fn scope_file_source(selection: &Selection, file: &Path) -> Option<PathBuf> {
    if file.extension().is_some_and(|e| e == "md") {
        return None;
    }
    let ws = selection.workspace("").ok()?;
    let real = file.canonicalize().ok()?;
    crate::scopes::paths(&ws.source, &ws.config.profile)
        .iter()
        .any(|p| p.canonicalize().is_ok_and(|p| p == real))
        .then_some(ws.source)
}

/// The files asked for, as written and as canonical paths (computed once per run).
struct Wanted {
    names: Vec<String>,
    canonical: Vec<PathBuf>,
}

impl Wanted {
    fn new(files: &[PathBuf]) -> Wanted {
        Wanted {
            names: files.iter().map(|f| f.display().to_string()).collect(),
            canonical: files.iter().filter_map(|f| f.canonicalize().ok()).collect(),
        }
    }

    /// Whether a finding's file is one of them, as written or as the same file.
    fn contains(&self, file: &str) -> bool {
        self.names.iter().any(|n| n == file)
            || Path::new(file)
                .canonicalize()
                .is_ok_and(|c| self.canonical.contains(&c))
    }
}
