//! Reading a published index: checked in order (readable, JSON, `api_version`, schema), so that
//! the message names the first thing that is wrong and where.

use super::{API_VERSION, Index, SCHEMA};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum IndexFileError {
    #[error("{path}: cannot read: {reason}")]
    Read {
        path: PathBuf,
        reason: crate::confined::Refusal,
    },
    #[error("{path}: not JSON")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error(
        "{path}: api_version {found} is not supported; this normwerk reads api_version {supported}"
    )]
    ApiVersion {
        path: PathBuf,
        found: String,
        supported: u32,
    },
    #[error("{path}: not a normwerk index ({} problem(s)):\n{}", .problems.len(), .problems.join("\n"))]
    Invalid {
        path: PathBuf,
        problems: Vec<String>,
    },
}

/// Reads and checks a published index: JSON, then its `api_version`, then the schema, so that
/// the message names the first thing that is wrong.
pub fn read_index(path: &Path) -> Result<Index, IndexFileError> {
    // A regular file only (a FIFO would block), of a size an index can have: 10,000 documents
    // with their history make about 15 MB.
    let bytes =
        crate::confined::read_regular(path, 1 << 30).map_err(|reason| IndexFileError::Read {
            path: path.to_owned(),
            reason,
        })?;
    parse_index(&bytes, path)
}

/// Checks the bytes of an index read from `path` (named in the errors) as [`read_index`] does.
pub fn parse_index(bytes: &[u8], path: &Path) -> Result<Index, IndexFileError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|source| IndexFileError::Json {
            path: path.to_owned(),
            source,
        })?;
    let version = value.get("api_version");
    if version.and_then(serde_json::Value::as_u64) != Some(u64::from(API_VERSION)) {
        return Err(IndexFileError::ApiVersion {
            path: path.to_owned(),
            found: version.map_or_else(|| "(missing)".to_owned(), ToString::to_string),
            supported: API_VERSION,
        });
    }
    let invalid = |problems: Vec<String>| IndexFileError::Invalid {
        path: path.to_owned(),
        problems,
    };
    for (key, what) in [("standard", "standard's"), ("scope", "scope's")] {
        if value.get(key).is_some() && value.get("standards").is_none() {
            return Err(invalid(vec![format!(
                "  this is one {what} file (api/v1/{key}s/…); query reads the whole index, api/v1/index.json"
            )]));
        }
    }
    let problems: Vec<String> = schema_problems(SCHEMA, &value, 10)
        .map_err(|e| invalid(vec![e]))?
        .into_iter()
        .map(|p| format!("  {p}"))
        .collect();
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    serde_json::from_value(value).map_err(|e| invalid(vec![format!("  {e}")]))
}

/// The first `shown` ways `value` breaks the JSON Schema `schema` (draft 2020-12), each as
/// `at /pointer: message`; `Err` when the schema itself (one of normwerk's) does not compile.
pub fn schema_problems(
    schema: &str,
    value: &serde_json::Value,
    shown: usize,
) -> Result<Vec<String>, String> {
    let schema: serde_json::Value = serde_json::from_str(schema)
        .map_err(|e| format!("the built-in schema is not JSON: {e}"))?;
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .map_err(|e| format!("the built-in schema does not compile: {e}"))?;
    Ok(validator
        .iter_errors(value)
        .take(shown)
        .map(|e| {
            let at = e.instance_path().as_str().to_owned();
            format!("at {}: {e}", if at.is_empty() { "/" } else { &at })
        })
        .collect())
}
