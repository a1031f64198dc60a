//! TODO(scopes): documents checks.

use super::ScopeContext;
use crate::diagnostic::Diagnostic;

pub(super) fn check(_cx: &ScopeContext<'_>, _out: &mut Vec<Diagnostic>) {}
