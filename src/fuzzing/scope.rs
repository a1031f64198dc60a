//! Target `scope`: a certificate scope file read, validated and cross-checked against the sample
//! corpus (every scope rule, the certification model, every validity lookup). Invariants: every
//! span of the YAML tree and of the findings in the scope file lies within its text on character
//! boundaries; nothing panics.

use super::{check_node, check_span};
use crate::config::Config;
use crate::corpus::Corpus;
use crate::diagnostic::Span;
use crate::scopes::ScopeFile;
use std::path::PathBuf;
use std::sync::LazyLock;

const FILE: &str = "scopes/fuzz.yaml";

/// The sample corpus, loaded once: the documents the fuzzed scope file is checked against.
static SAMPLE: LazyLock<Option<(Corpus, Config)>> = LazyLock::new(|| {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("standards-src");
    let config = Config::load(&root.join("normwerk.toml")).ok()?;
    let corpus = Corpus::load(&root, &config.profile).ok()?;
    Some((corpus, config))
});

pub fn scope(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let file = ScopeFile::parse(PathBuf::from(FILE), FILE.into(), FILE.into(), text);
    if let Some(root) = &file.root {
        check_node(&file.text, Span::new(0, file.text.len()), root, 0);
    }
    let Some((corpus, config)) = &*SAMPLE else {
        return;
    };
    let files = [file];
    let findings = crate::lint::scopes::check_files(corpus, config, &files);
    for d in findings.iter().filter(|d| d.file == FILE) {
        if let Some(span) = d.span {
            check_span(&files[0].text, span, d.rule.as_str());
        }
    }
    for resolved in crate::certification::resolve_files(corpus, &config.profile, &files) {
        let scope = resolved.scope();
        for period in scope.periods() {
            for v in &scope.versions {
                let _ = scope.validity_on(&v.version.value, period.start);
            }
        }
        for v in &resolved.versions {
            let _ = v.documents();
        }
    }
}
