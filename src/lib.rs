//! normwerk: lint, track and publish technical standards kept as Markdown files with YAML
//! frontmatter in git.
//!
//! The pipeline is one load, one model, many views: [`corpus::Corpus::load`] reads every document
//! once into a [`document::Document`]; [`lint::lint`] turns the model into
//! [`diagnostic::Diagnostic`] values; [`report`] renders them.

pub mod asof;
pub mod author;
pub mod canonical;
pub mod catalog;
pub mod certification;
pub mod cli;
pub mod config;
pub mod confined;
pub mod corpus;
pub mod diagnostic;
pub mod document;
pub mod edit;
/// The fuzz harness: the bodies of the `cargo fuzz` targets in `fuzz/`, replayed by the tests.
#[doc(hidden)]
pub mod fuzzing;
pub mod index;
pub mod lifecycle;
pub mod lint;
pub mod lsp;
pub mod markdown;
pub mod output;
pub mod paths;
pub mod publish;
pub mod query;
pub mod release;
pub mod report;
pub mod rules;
pub mod schemas;
pub mod scopes;
pub mod serve;
pub mod site;
pub mod urls;
pub mod workspace;
