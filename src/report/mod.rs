//! Renderers of findings and of the other commands' answers: one file per output format, all
//! over the same data. A lint output format is a file with a `render` function and one line in
//! [`LINT_FORMATS`].

pub mod concise;
mod github;
mod gitlab;
pub mod history;
mod human;
mod json;
mod junit;
pub mod query;
pub mod query_scopes;
pub mod rules;
mod sarif;
pub mod scope_history;

use crate::diagnostic::{Diagnostic, Sources};

pub use json::{LintReport, TOOL, Tool};

/// What a lint run hands to a renderer.
#[derive(Debug)]
pub struct LintOutput<'a> {
    pub diagnostics: &'a [Diagnostic],
    /// How many documents were checked.
    pub documents: usize,
    /// How many scope files were checked.
    pub scope_files: usize,
    /// The texts findings point into (for snippets).
    pub sources: Sources<'a>,
    /// Whether the output may use colour.
    pub color: bool,
}

/// A lint output format: its name on the command line, its help, its renderer.
#[derive(Debug, Clone, Copy)]
pub struct LintFormat {
    pub name: &'static str,
    pub help: &'static str,
    pub render: fn(&LintOutput<'_>) -> String,
}

/// The lint output formats, the first the default. Registration: one line each.
pub const LINT_FORMATS: &[LintFormat] = &[
    LintFormat {
        name: "human",
        help: "rustc-style diagnostics with the source snippet",
        render: human::render,
    },
    LintFormat {
        name: "concise",
        help: "One line per finding: `file:line:col: severity[rule]: message`",
        render: concise::render,
    },
    LintFormat {
        name: "json",
        help: "A JSON document, see `schemas/lint-report.schema.json`",
        render: json::render,
    },
    LintFormat {
        name: "github",
        help: "GitHub Actions workflow commands, shown as annotations on pull requests",
        render: github::render,
    },
    LintFormat {
        name: "sarif",
        help: "SARIF 2.1.0, for code-scanning services",
        render: sarif::render,
    },
    LintFormat {
        name: "gitlab",
        help: "GitLab Code Quality (Code Climate issues), shown in merge requests",
        render: gitlab::render,
    },
    LintFormat {
        name: "junit",
        help: "JUnit XML, for CI test dashboards",
        render: junit::render,
    },
];

impl LintFormat {
    /// The format of this name.
    pub fn named(name: &str) -> Option<&'static LintFormat> {
        LINT_FORMATS.iter().find(|f| f.name == name)
    }
}
