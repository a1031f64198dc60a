//! The rows of a scope's chart: a row per scope version, oldest first, with its validity in each
//! period of the scope's timeline (consecutive periods of one validity drawn as one bar).

use super::{Bar, Chart, Kind, Lane, Row};
use crate::site::scope_views::ScopeView;
use jiff::civil::Date;

fn kind(validity: &str) -> Option<Kind> {
    match validity {
        "effective" => Some(Kind::Effective),
        "warn" => Some(Kind::Warn),
        "draft" => Some(Kind::Draft),
        "deprecated" => Some(Kind::Deprecated),
        // Outside the timeline, or a code scs-0003 does not define: nothing to draw.
        _ => None,
    }
}

pub fn scope_chart(scope: &ScopeView, as_of: Date) -> Chart {
    let day = |s: &str| s.parse::<Date>().ok();
    let rows = scope
        .versions
        .iter()
        .enumerate()
        .rev()
        .map(|(i, v)| {
            let mut bars: Vec<Bar> = Vec::new();
            let mut listed = false;
            // The periods are newest first; walk them oldest first.
            for p in scope.periods.iter().rev() {
                let Some(start) = day(&p.start) else { continue };
                let Some(cell) = p.cells.get(i) else { continue };
                // Unlisted counts as deprecated, but not before the version first appears.
                listed |= cell.listed;
                let Some(k) = kind(cell.validity).filter(|_| listed) else {
                    continue;
                };
                let end = day(&p.end);
                match bars.last_mut() {
                    Some(last) if last.kind == k && last.to == Some(start) => last.to = end,
                    _ => bars.push(Bar {
                        kind: k,
                        from: Some(start),
                        to: end,
                    }),
                }
            }
            Row {
                label: v.name.clone(),
                href: None,
                lanes: vec![Lane {
                    name: v.name.clone(),
                    bars,
                }],
            }
        })
        .collect();
    Chart {
        id: "scope-chart",
        title: format!("Validity of the versions of {} over time", scope.name),
        desc: format!(
            "Each version's validity in each period of the scope's timeline, with {as_of}, the \
             date of this page, marked. The timeline table below gives the same dates."
        ),
        rows,
        as_of,
        bar_titles: true,
        summary: false,
    }
}
