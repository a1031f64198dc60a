//! What changed between two versions of a scope file, as events.

use super::view::{EntryView, FileView, VersionView};
use super::{Code, ScopeChange};

/// The events of the step from `old` (none: the file's first readable version) to `new`.
pub fn events(old: Option<&FileView>, new: &FileView) -> Vec<ScopeChange> {
    let empty = FileView::default();
    let old = old.unwrap_or(&empty);
    let mut out = Vec::new();
    let gone: Vec<&VersionView> = old
        .versions
        .iter()
        .filter(|v| new.version(&v.name).is_none())
        .collect();
    let mut renamed_to: Vec<&str> = Vec::new();
    for v in &gone {
        let twin = new.versions.iter().find(|n| {
            old.version(&n.name).is_none()
                && !renamed_to.contains(&n.name.as_str())
                && n.same_descriptor(v)
        });
        match twin {
            Some(n) => {
                renamed_to.push(&n.name);
                out.push(ScopeChange::VersionRenamed {
                    from: v.name.clone(),
                    to: n.name.clone(),
                });
            }
            None => out.push(ScopeChange::VersionPruned {
                version: v.name.clone(),
            }),
        }
    }
    for v in &new.versions {
        match old.version(&v.name) {
            None if renamed_to.contains(&v.name.as_str()) => {}
            None => out.push(ScopeChange::VersionAdded {
                version: v.name.clone(),
                stabilized_at: v.stabilized_at.clone(),
                standards: v.standards.iter().chain(&v.others).cloned().collect(),
            }),
            Some(o) => out.extend(changed(o, v)),
        }
    }
    for e in &old.timeline {
        if new.entry(&e.date).is_none() {
            out.push(ScopeChange::TimelineEntryPruned {
                date: e.date.clone(),
            });
        }
    }
    // Oldest first, as they take effect.
    let mut entries: Vec<&EntryView> = new.timeline.iter().collect();
    entries.sort_by(|a, b| a.date.cmp(&b.date));
    for e in entries {
        match old.entry(&e.date) {
            None => out.push(ScopeChange::TimelineEntryAdded {
                date: e.date.clone(),
                codes: codes(e),
            }),
            Some(o) if !o.same_codes(e) => out.push(ScopeChange::TimelineEntryChanged {
                date: e.date.clone(),
                from: codes(o),
                to: codes(e),
            }),
            Some(_) => {}
        }
    }
    out
}

/// The change of one version's descriptor, if any.
fn changed(old: &VersionView, new: &VersionView) -> Option<ScopeChange> {
    if old == new {
        return None;
    }
    if old.stabilized_at.is_none() && new.stabilized_at.is_some() && old.includes == new.includes {
        // Stabilising is the one change a descriptor is meant to receive.
        return Some(ScopeChange::VersionStabilized {
            version: new.name.clone(),
            stabilized_at: new.stabilized_at.clone().unwrap_or_default(),
        });
    }
    let modules = |v: &VersionView| -> Vec<String> {
        v.includes
            .iter()
            .flatten()
            .map(|(m, _)| m.clone())
            .collect()
    };
    let (before, after) = (modules(old), modules(new));
    let both_modular = old.includes.is_some() && new.includes.is_some();
    // Across the change of format, the other requirements are named differently (a module id
    // for a standard's name): only documents are compared then.
    let same_shape = old.includes.is_some() == new.includes.is_some();
    let minus = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|m| !b.contains(m)).cloned().collect()
    };
    let parameters_changed = match (&old.includes, &new.includes) {
        (Some(o), Some(n)) => n
            .iter()
            .filter(|(m, p)| o.iter().any(|(om, op)| om == m && op != p))
            .map(|(m, _)| m.clone())
            .collect(),
        _ => Vec::new(),
    };
    let change = ScopeChange::VersionChanged {
        version: new.name.clone(),
        modules_added: if both_modular {
            minus(&after, &before)
        } else {
            Vec::new()
        },
        modules_removed: if both_modular {
            minus(&before, &after)
        } else {
            Vec::new()
        },
        parameters_changed,
        standards_entered: entered(old, new, same_shape),
        standards_left: entered(new, old, same_shape),
        stabilized_at: (old.stabilized_at != new.stabilized_at)
            .then(|| (old.stabilized_at.clone(), new.stabilized_at.clone())),
    };
    // A change of shape only (the older format rewritten as modules, same standards) is no
    // event.
    match &change {
        ScopeChange::VersionChanged {
            modules_added,
            modules_removed,
            parameters_changed,
            standards_entered,
            standards_left,
            stabilized_at,
            ..
        } if modules_added.is_empty()
            && modules_removed.is_empty()
            && parameters_changed.is_empty()
            && standards_entered.is_empty()
            && standards_left.is_empty()
            && stabilized_at.is_none() =>
        {
            None
        }
        _ => Some(change),
    }
}

/// What `new` requires that `old` did not: documents, and (in the same shape) the others.
fn entered(old: &VersionView, new: &VersionView, same_shape: bool) -> Vec<String> {
    let mut out: Vec<String> = new.standards.difference(&old.standards).cloned().collect();
    if same_shape {
        out.extend(new.others.difference(&old.others).cloned());
    }
    out
}

fn codes(e: &EntryView) -> Vec<Code> {
    e.codes
        .iter()
        .map(|(v, c)| Code {
            version: v.clone(),
            code: c.clone().unwrap_or_default(),
        })
        .collect()
}
