//! `scope-not-in-force` and `scope-not-stable`: a scope version that can be certified against in
//! a period of the timeline (effective, warn) must be stable at its start and include only
//! documents in force throughout it. Every period is checked; the one of today first.

use super::ScopeContext;
use crate::catalog::state_of;
use crate::certification::{Resolved, ResolvedVersion};
use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::rules::RuleId;
use crate::scopes::{Period, ScopeFile};
use jiff::civil::Date;

pub(super) fn check(cx: &ScopeContext<'_>, out: &mut Vec<Diagnostic>) {
    let today = cx.today;
    for scope in &cx.scopes {
        let periods = ordered_periods(scope, today);
        for version in &scope.versions {
            let name = version.version.version.value.as_str();
            let certifying: Vec<&Period<'_>> = periods
                .iter()
                .filter(|p| p.entry.validity(name).is_some_and(|v| v.certifies()))
                .collect();
            if certifying.is_empty() {
                continue;
            }
            not_stable(scope.file, version, &certifying, out);
            for included in &version.includes {
                let Some(doc) = included.document else {
                    continue;
                };
                let failing: Vec<(Date, &Period<'_>)> = certifying
                    .iter()
                    .filter_map(|p| first_day_out_of_force(cx, doc, p).map(|d| (d, *p)))
                    .collect();
                let Some((day, period)) = failing.first() else {
                    continue;
                };
                let state = state_of(doc, &cx.config.profile, *day);
                let code = period.entry.validity(name).map_or("", |v| v.as_str());
                let module = &included.include.module.value;
                let others = match failing.len() - 1 {
                    0 => String::new(),
                    1 => " (and in 1 other period)".to_owned(),
                    n => format!(" (and in {n} other periods)"),
                };
                let d = scope
                    .file
                    .diag(
                        RuleId::ScopeNotInForce,
                        included.include.module.span,
                        format!(
                            "`{name}` is {code} {}, but it includes `{}` (module `{module}`), which is not in force on {day}: {}{others}",
                            describe(period),
                            doc.file_name,
                            state.as_str(),
                        ),
                    )
                    .with_label(format!("{} on {day}", state.as_str()))
                    .with_help(
                        "a version that can be certified against may include only documents in force (Stable, not yet deprecated); include the version in force, or end the period of this scope version in the timeline",
                    )
                    .with_related(Related {
                        file: doc.display.clone(),
                        span: doc.fields.status.as_ref().map(|s| s.span),
                        start: doc
                            .fields
                            .status
                            .as_ref()
                            .map(|s| doc.lines().position(&doc.text, s.span.start)),
                        message: format!("`{}` is {} on {day}", doc.file_name, state.as_str()),
                    });
                out.push(d);
            }
        }
    }
}

/// The periods of the timeline, the one containing `today` first, then the later ones, then the
/// earlier ones newest first: the finding that matters now is reported.
pub(super) fn ordered_periods<'s>(scope: &'s Resolved<'_>, today: Date) -> Vec<Period<'s>> {
    let mut periods = scope.scope().periods();
    periods.sort_by_key(|p| {
        let current = p.start <= today && p.end.is_none_or(|e| today < e);
        let future = p.start > today;
        (
            !current,
            !future,
            if future { p.start } else { Date::MAX },
            std::cmp::Reverse(p.start),
        )
    });
    periods
}

/// "from 2024-12-19 to 2025-01-31", "from 2024-12-19 on".
pub(super) fn describe(p: &Period<'_>) -> String {
    match p.end.and_then(|e| e.yesterday().ok()) {
        Some(last) => format!("from {} to {last}", p.start),
        None => format!("from {} on", p.start),
    }
}

/// The first day of the period on which `doc` is not in force: the start, or the day within the
/// period on which its deprecation takes effect.
fn first_day_out_of_force(cx: &ScopeContext<'_>, doc: &Document, p: &Period<'_>) -> Option<Date> {
    let profile = &cx.config.profile;
    let in_force = |day: Date| state_of(doc, profile, day).is_in_force();
    if !in_force(p.start) {
        return Some(p.start);
    }
    let deprecated = doc.fields.deprecated_at.as_ref().and_then(|d| d.date)?;
    let within = deprecated > p.start && p.end.is_none_or(|e| deprecated < e);
    (within && !in_force(deprecated)).then_some(deprecated)
}

/// `scope-not-stable`: the version has no `stabilized_at`, or one after the start of the first
/// period in which it certifies ("it MUST be stable at the start of the period").
fn not_stable(
    file: &ScopeFile,
    version: &ResolvedVersion<'_>,
    certifying: &[&Period<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let v = version.version;
    let name = v.version.value.as_str();
    let Some(earliest) = certifying.iter().min_by_key(|p| p.start) else {
        return;
    };
    let code = earliest.entry.validity(name).map_or("", |c| c.as_str());
    let code_span = earliest
        .entry
        .versions
        .iter()
        .find(|(n, _)| n.value == name)
        .map_or(earliest.entry.span, |(_, c)| c.span);
    let d = match (&v.stabilized_at, v.stabilized_on()) {
        (None, _) => file
            .diag(
                RuleId::ScopeNotStable,
                code_span,
                format!(
                    "`{name}` is {code} from {}, but it has no `stabilized_at`: it is not stable",
                    earliest.start
                ),
            )
            .with_label("not stable")
            .with_help(format!(
                "stabilise `{name}` (add `stabilized_at:` to its version descriptor) or give it `draft` in this period"
            )),
        (Some(at), Some(day)) if day > earliest.start => file
            .diag(
                RuleId::ScopeNotStable,
                code_span,
                format!(
                    "`{name}` is {code} from {}, but it is stable only from {day}",
                    earliest.start
                ),
            )
            .with_label(format!("stable only from {day}"))
            .with_help("a version can be certified against only once it is stable: move the period, or correct `stabilized_at`")
            .with_related(Related {
                file: file.display.clone(),
                span: Some(at.span),
                start: Some(file.lines().position(&file.text, at.span.start)),
                message: format!("`stabilized_at` of `{name}`"),
            }),
        _ => return,
    };
    out.push(d);
}
