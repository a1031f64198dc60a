//! The names a scope file uses, against what it defines: `scope-unknown-module` (an include),
//! `scope-unknown-testcase` (a target), `scope-unknown-version` (a timeline entry) and
//! `scope-missing-parameter` (the parameters of an include against its module's).

use super::ScopeContext;
use super::structure::{first_by_id, related};
use crate::diagnostic::{Diagnostic, Span};
use crate::document::frontmatter::Node;
use crate::lint::closest;
use crate::rules::RuleId;
use crate::scopes::{Include, Module, ScopeFile};
use std::collections::HashMap;

pub(super) fn check(cx: &ScopeContext<'_>, out: &mut Vec<Diagnostic>) {
    for file in cx.files {
        let scope = &file.scope;
        let modules = first_by_id(scope.modules.iter().map(|m| (m.id.value.as_str(), m)));
        let testcases = first_by_id(scope.testcases.iter().map(|t| (t.id.value.as_str(), t)));
        let versions = first_by_id(scope.versions.iter().map(|v| (v.version.value.as_str(), v)));
        let undefined = |rule, span, message: String| {
            file.diag(rule, span, message)
                .with_label("not defined in this file")
        };

        for include in scope.versions.iter().flat_map(|v| &v.include) {
            let id = &include.module;
            match modules.get(id.value.as_str()) {
                Some(module) => parameters(file, include, module, out),
                None => out.push(
                    undefined(
                        RuleId::ScopeUnknownModule,
                        id.span,
                        format!("no module of this file has the id `{}`", id.value),
                    )
                    .with_help(
                        did_you_mean(&id.value, modules.keys().copied()).unwrap_or_else(|| {
                            "define the module under `modules:` or include one that is defined"
                                .to_owned()
                        }),
                    ),
                ),
            }
        }
        for module in &scope.modules {
            for tc in module.targets.iter().flat_map(|t| &t.testcases) {
                if testcases.contains_key(tc.value.as_str()) {
                    continue;
                }
                out.push(
                    undefined(
                        RuleId::ScopeUnknownTestcase,
                        tc.span,
                        format!(
                            "the module `{}` names the test case `{}`, which no script defines",
                            module.id.value, tc.value
                        ),
                    )
                    .with_help(
                        did_you_mean(&tc.value, testcases.keys().copied()).unwrap_or_else(|| {
                            "define the test case under the `testcases:` of a script, or remove \
                             it from the target"
                                .to_owned()
                        }),
                    ),
                );
            }
        }
        for (name, _) in scope.timeline.iter().flat_map(|e| &e.versions) {
            if versions.contains_key(name.value.as_str()) {
                continue;
            }
            // A deleted version is the likely cause: the process is said with any suggestion.
            let process = "a version may be deleted only once no timeline entry names it: \
                           restore its descriptor under `versions:`, or correct the name";
            let help = match did_you_mean(&name.value, versions.keys().copied()) {
                Some(near) => format!("{near} Else: {process}"),
                None => process.to_owned(),
            };
            out.push(
                undefined(
                    RuleId::ScopeUnknownVersion,
                    name.span,
                    format!(
                        "the timeline gives a validity to the version `{}`, which `versions:` \
                         does not define",
                        name.value
                    ),
                )
                .with_help(help),
            );
        }
    }
}

/// "did you mean" the defined name closest to `written`, if one is close. Only names with the
/// same digits count: `scs-0100-v2` for `scs-0100-v1`, or `v1` for `v0`, would name another
/// version, not correct a typo.
fn did_you_mean<'a>(written: &str, defined: impl Iterator<Item = &'a str>) -> Option<String> {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let own = digits(written);
    // Sorted, so that of two equally close names the same one is suggested every run.
    let mut defined: Vec<&str> = defined.filter(|d| digits(d) == own).collect();
    defined.sort_unstable();
    closest(written, defined).map(|near| format!("did you mean `{near}`?"))
}

/// `scope-missing-parameter`: an include gives a value to each parameter of its module, and to
/// no other.
fn parameters(file: &ScopeFile, include: &Include, module: &Module, out: &mut Vec<Diagnostic>) {
    let id = &include.module;
    let given: HashMap<&str, &str> = include
        .parameters
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let missing: Vec<&str> = module
        .parameters
        .iter()
        .map(String::as_str)
        .filter(|p| !given.contains_key(p))
        .collect();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|p| format!("`{p}`")).collect();
        let example: Vec<String> = missing.iter().map(|p| format!("{p}: …")).collect();
        out.push(
            file.diag(
                RuleId::ScopeMissingParameter,
                id.span,
                format!(
                    "the include of `{}` gives no value for the parameter{} {}",
                    id.value,
                    if missing.len() == 1 { "" } else { "s" },
                    list.join(", ")
                ),
            )
            .with_label("parameter value missing")
            .with_related(related(
                file,
                module.id.span,
                "the module that declares the parameters",
            ))
            .with_help(format!(
                "write the include as `ref: {}` with `parameters: {{{}}}`",
                id.value,
                example.join(", ")
            )),
        );
    }
    for (name, _) in &include.parameters {
        if module.parameters.contains(name) {
            continue;
        }
        let span = parameter_key(file, include, name).unwrap_or(id.span);
        let help = match closest(name, module.parameters.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None if module.parameters.is_empty() => format!(
                "`{}` declares no parameters: remove `parameters:` from the include",
                module.id.value
            ),
            None => format!(
                "`{}` declares: {}",
                module.id.value,
                module
                    .parameters
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push(
            file.diag(
                RuleId::ScopeMissingParameter,
                span,
                format!(
                    "the include of `{}` gives the parameter `{name}`, which the module does not \
                     declare",
                    id.value
                ),
            )
            .with_label("unknown parameter")
            .with_related(related(file, module.id.span, "the module"))
            .with_help(help),
        );
    }
}

/// The key `name` under `parameters:` of the include (the model keeps names, not their places).
fn parameter_key(file: &ScopeFile, include: &Include, name: &str) -> Option<Span> {
    let root = file.root.as_ref()?;
    let includes = root
        .entry("versions")
        .map(|(_, v)| items(v))
        .unwrap_or_default()
        .iter()
        .flat_map(|v| {
            v.entry("include")
                .map(|(_, i)| items(i))
                .unwrap_or_default()
        });
    let node = includes.into_iter().find(|n| n.span == include.span)?;
    let (_, params) = node.entry("parameters")?;
    params
        .entries()
        .iter()
        .find(|(k, _)| crate::document::frontmatter::key_text(k) == name)
        .map(|(k, _)| k.span)
}

fn items(node: &Node) -> &[Node] {
    match &node.value {
        crate::document::frontmatter::Value::Seq(items) => items,
        _ => &[],
    }
}
