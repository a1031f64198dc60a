//! `scope-unused-module` and `scope-unused-testcase`: what no version includes and no module
//! names. Not wrong (a module may wait for the next version), but scs-0003 allows deleting it, so
//! it is worth a look.

use super::ScopeContext;
use crate::diagnostic::Diagnostic;
use crate::rules::RuleId;
use std::collections::HashSet;

pub(super) fn check(cx: &ScopeContext<'_>, out: &mut Vec<Diagnostic>) {
    for file in cx.files {
        let scope = &file.scope;
        let included: HashSet<&str> = scope
            .versions
            .iter()
            .flat_map(|v| &v.include)
            .map(|i| i.module.value.as_str())
            .collect();
        let named: HashSet<&str> = scope
            .modules
            .iter()
            .flat_map(|m| &m.targets)
            .flat_map(|t| &t.testcases)
            .map(|t| t.value.as_str())
            .collect();
        for module in &scope.modules {
            if included.contains(module.id.value.as_str()) {
                continue;
            }
            out.push(
                file.diag(
                    RuleId::ScopeUnusedModule,
                    module.id.span,
                    format!("no version includes the module `{}`", module.id.value),
                )
                .with_label("unused module")
                .with_help(
                    "include it in a version (the next draft version, if it is meant for \
                     certification), or delete it: scs-0003 allows deleting a module no version \
                     references (\"garbage collection\"; git keeps it)",
                ),
            );
        }
        for tc in &scope.testcases {
            if named.contains(tc.id.value.as_str()) {
                continue;
            }
            out.push(
                file.diag(
                    RuleId::ScopeUnusedTestcase,
                    tc.id.span,
                    format!(
                        "no module's target names the test case `{}`, so no version runs it",
                        tc.id.value
                    ),
                )
                .with_label("unused test case")
                .with_help(
                    "name it in a target of a module (`main`, `recommended`, `preview`), or \
                     delete it with what only it uses: scs-0003 allows this \"garbage \
                     collection\" of content nothing references (git keeps it)",
                ),
            );
        }
    }
}
