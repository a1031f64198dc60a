//! Finding and reading the scope files a profile names (`[profile.scopes] files`): paths relative
//! to the source folder, with `*`, `?` and `[…]` allowed in the file name. They are read like
//! documents: only regular files, only inside the git work tree that holds the source folder
//! (else inside the source folder's parent), only up to the document size limit.

use super::Scope;
use crate::config::{Limits, Profile};
use crate::confined::Folder;
use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::document::frontmatter::{Node, parse_yaml};
use crate::paths;
use crate::rules::RuleId;
use std::path::{Path, PathBuf};

/// One scope file, read once and kept with its text.
#[derive(Debug, Clone)]
pub struct ScopeFile {
    pub path: PathBuf,
    /// Path relative to the folder scope files are confined to (the repository), `/`-separated:
    /// the path in git history.
    pub rel_path: String,
    /// Path as shown in diagnostics.
    pub display: String,
    pub text: String,
    lines: std::sync::OnceLock<LineIndex>,
    /// The YAML tree, when it parses.
    pub root: Option<Node>,
    pub scope: Scope,
    /// A YAML syntax error, or a file that is no mapping.
    pub load_findings: Vec<Diagnostic>,
}

impl ScopeFile {
    /// Reads a scope file from its text; never fails: problems become `load_findings`.
    pub fn parse(path: PathBuf, rel_path: String, display: String, text: String) -> ScopeFile {
        let mut file = ScopeFile {
            path,
            rel_path,
            display,
            text,
            lines: std::sync::OnceLock::new(),
            root: None,
            scope: Scope::default(),
            load_findings: Vec::new(),
        };
        let start = usize::from(file.text.starts_with('\u{feff}')) * 3;
        match parse_yaml(&file.text, Span::new(start, file.text.len())) {
            Ok(Some(root)) if matches!(root.value, crate::document::frontmatter::Value::Map(_)) => {
                file.scope = Scope::from_node(&root);
                file.root = Some(root);
            }
            Ok(other) => {
                let span = other.map_or(Span::new(0, 0), |n| n.span);
                let d = file
                    .diag(
                        RuleId::ScopeSchema,
                        span,
                        "the scope file is not a mapping of keys to values",
                    )
                    .with_help("a scope file (scs-0003) starts with keys such as `name:`, `uuid:`, `versions:`");
                file.load_findings.push(d);
            }
            Err(e) => {
                let d = file
                    .diag(
                        RuleId::YamlSyntax,
                        e.span,
                        format!("the scope file is not valid YAML: {}", e.message),
                    )
                    .with_label("here");
                file.load_findings.push(d);
            }
        }
        file
    }

    /// Line starts of the text, built on first use.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// A diagnostic at a span of this file.
    pub fn diag(&self, rule: RuleId, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(rule, &self.display, &self.text, self.lines(), span, message)
    }

    /// The file name (`scs-compatible-iaas.yaml`).
    pub fn file_name(&self) -> &str {
        paths::file_name(&self.rel_path)
    }

    /// The scope's id for pages and the index: the file name without its extension.
    pub fn id(&self) -> &str {
        let name = self.file_name();
        name.rsplit_once('.').map_or(name, |(stem, _)| stem)
    }
}

/// Reads the scope files `profile` names for the source folder `root`; what cannot be read is a
/// finding naming the file. A pattern that matches nothing is not an error (a body may have no
/// scope files yet).
pub fn load(root: &Path, profile: &Profile, limits: &Limits) -> (Vec<ScopeFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut findings = Vec::new();
    if profile.scopes.files.is_empty() {
        return (files, findings);
    }
    let confine = confining_folder(root);
    let Ok(folder) = Folder::new(&confine) else {
        return (files, findings);
    };
    let mut seen: Vec<PathBuf> = Vec::new();
    for pattern in &profile.scopes.files {
        for path in matches(root, pattern) {
            let display = path.display().to_string();
            let refuse = |reason: String| {
                Diagnostic::file(
                    RuleId::Unreadable,
                    &display,
                    format!("cannot read the scope file: {reason}"),
                )
            };
            let real = match folder.regular_file(&path) {
                Ok(real) => real,
                Err(reason) => {
                    findings.push(refuse(reason.to_string()));
                    continue;
                }
            };
            // A link may not lead into a hidden folder (`.git`) that the path as written does not
            // name.
            if let Some(hidden) = folder.hidden_part(&real).filter(|h| {
                let written = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
                !written.components().any(|c| c.as_os_str() == h.as_str())
            }) {
                findings.push(refuse(format!(
                    "it leads into the hidden folder or file `{hidden}`"
                )));
                continue;
            }
            if seen.contains(&real) {
                continue;
            }
            seen.push(real.clone());
            let text = match folder.read_text(&real, limits.document_bytes) {
                Ok(t) => t,
                Err(reason) => {
                    let setting = match reason {
                        crate::confined::Refusal::TooLarge { .. } => {
                            " (`[limits] document_bytes` in normwerk.toml)"
                        }
                        _ => "",
                    };
                    findings.push(refuse(format!("{reason}{setting}")));
                    continue;
                }
            };
            let rel_path = paths::relative(folder.real_path(), &real);
            files.push(ScopeFile::parse(path, rel_path, display, text));
        }
    }
    (files, findings)
}

/// The files the profile names as scope files of the source folder `root`, not yet read.
pub fn paths(root: &Path, profile: &Profile) -> Vec<PathBuf> {
    profile
        .scopes
        .files
        .iter()
        .flat_map(|pattern| matches(root, pattern))
        .collect()
}

/// The folder scope files must lie in: the git work tree holding `root`, else `root`'s parent.
fn confining_folder(root: &Path) -> PathBuf {
    let absolute = paths::normalize(&std::path::absolute(root).unwrap_or_else(|_| root.to_owned()));
    paths::work_tree(&absolute)
        .or_else(|| absolute.parent())
        .unwrap_or(&absolute)
        .to_owned()
}

/// The files a pattern names, sorted: the folder part is taken as written (relative to `root`),
/// the file name may hold wildcards.
fn matches(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let written = Path::new(pattern);
    let (dir, name) = match (written.parent(), written.file_name()) {
        (Some(d), Some(n)) => (d, n.to_string_lossy().into_owned()),
        _ => return Vec::new(),
    };
    let dir = paths::normalize(&root.join(dir));
    let Ok(glob) = globset::GlobBuilder::new(&name)
        .literal_separator(true)
        .build()
    else {
        return Vec::new();
    };
    let glob = glob.compile_matcher();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            !paths::is_hidden(&n) && glob.is_match(&n)
        })
        .map(|e| dir.join(e.file_name()))
        .collect();
    found.sort();
    found
}
