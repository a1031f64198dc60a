//! The rows of a standard's chart (a row per version) and of the overview's (a row per standard,
//! a thin lane per version).

use super::{Bar, Chart, Kind, Lane, Row};
use crate::catalog::{Standard, State, Version};
use crate::urls;
use jiff::civil::Date;

/// When a document entered the repository, when history knows it.
pub type Entered<'f> = &'f dyn Fn(&Version<'_>) -> Option<Date>;

/// The periods of one version: Draft from when it entered the repository (unknown without
/// history) until it was stabilized or rejected, Effective until its deprecation, Deprecated or
/// Rejected from then on. Dates ahead of the as-of date are drawn as announced.
pub fn periods(v: &Version<'_>, entered: Option<Date>) -> Vec<Bar> {
    let f = &v.doc.fields;
    let day = crate::document::DateField::day;
    let (stabilized, deprecated, rejected) = (
        day(&f.stabilized_at),
        day(&f.deprecated_at),
        day(&f.rejected_at),
    );
    let bar = |kind, from, to| Bar { kind, from, to };
    let mut bars = Vec::new();
    let stable = matches!(
        v.state,
        State::FutureEffective | State::Effective | State::FutureDeprecated | State::Deprecated
    );
    let draft_end = match v.state {
        State::Rejected => rejected,
        _ if stable => stabilized,
        _ => None,
    };
    // A document that entered the repository already Stable had no Draft period here.
    let drafted = match (entered, draft_end) {
        (Some(e), Some(end)) => e < end,
        // Stable with no date: in force from the start (as the catalog counts it).
        (_, None) => !stable,
        (None, Some(_)) => true,
    };
    if drafted {
        bars.push(bar(Kind::Draft, entered, draft_end));
    }
    if stable {
        let end =
            deprecated.filter(|_| matches!(v.state, State::FutureDeprecated | State::Deprecated));
        bars.push(bar(Kind::Effective, stabilized, end));
        if let Some(d) = end {
            bars.push(bar(Kind::Deprecated, Some(d), None));
        }
    }
    if v.state == State::Rejected
        && let Some(r) = rejected
    {
        bars.push(bar(Kind::Rejected, Some(r), None));
    }
    bars
}

fn lane(v: &Version<'_>, entered: Entered<'_>) -> Lane {
    Lane {
        name: format!("v{}", v.version),
        bars: periods(v, entered(v)),
    }
}

/// A row per version of `s`, each linking its page.
pub fn standard_chart(s: &Standard<'_>, as_of: Date, entered: Entered<'_>) -> Chart {
    let rows = s
        .versions
        .iter()
        .map(|v| Row {
            label: format!("v{}", v.version),
            href: Some(format!("{}index.html", urls::document(v.doc))),
            lanes: vec![lane(v, entered)],
        })
        .collect();
    Chart {
        id: "standard-chart",
        title: format!("Versions of {} over time", s.id.to_uppercase()),
        desc: format!(
            "Each version's Draft, Effective and Deprecated periods on one time axis, with {as_of}, \
             the date of this page's states, marked. The list below the chart gives the same dates."
        ),
        rows,
        as_of,
        bar_titles: true,
        summary: true,
    }
}

/// A row per standard, a lane per version, each row linking the standard's page.
pub fn overview_chart<'c>(
    standards: impl IntoIterator<Item = &'c Standard<'c>>,
    as_of: Date,
    entered: Entered<'_>,
) -> Chart {
    let rows = standards
        .into_iter()
        .map(|s| Row {
            label: s.id.to_uppercase(),
            href: Some(format!("{}index.html", urls::standard(&s.id))),
            lanes: s.versions.iter().map(|v| lane(v, entered)).collect(),
        })
        .collect();
    Chart {
        id: "overview-chart",
        title: "Standards over time".to_owned(),
        desc: format!(
            "For each standard, a thin line per version with its Draft, Effective and Deprecated \
             periods, with {as_of}, the date of this page's states, marked. The table below lists \
             the versions by state."
        ),
        rows,
        as_of,
        bar_titles: false,
        summary: false,
    }
}
