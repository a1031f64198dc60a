//! End-to-end tests: each drives the `normwerk` binary on fixture corpora.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

mod architecture;
mod cli;
mod common;
mod fuzz_seeds;
mod history;
mod index;
mod malformed;
mod profile;
mod real_corpus;
mod reports;
mod rules;
mod site;
