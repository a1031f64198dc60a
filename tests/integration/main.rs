//! End-to-end tests: each drives the `normwerk` binary on fixture corpora.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "test code: a panic is a test failure"
)]

mod architecture;
mod authoring;
mod bad_input;
mod baseline;
mod cli;
mod cli_reference;
mod common;
mod completions;
mod fix;
mod fuzz_seeds;
mod history;
mod history_fidelity;
mod index;
mod integrations;
mod links;
mod lsp;
mod malformed;
mod normative;
mod process;
mod profile;
mod real_corpus;
#[cfg(unix)]
mod rebuild;
mod release;
mod reports;
mod rules;
mod scope_history;
mod scope_index;
mod scopes;
mod search;
mod serve;
mod site;
mod site_changes;
mod site_design;
mod site_guidance;
mod site_markdown;
