//! Navigation views: the track's sidebar, previous and next standard, the version switcher of a
//! document page and its contents as a nested list.

use super::{StandardView, VersionView};
use crate::site::markdown::TocEntry;
use serde::Serialize;
use std::collections::HashMap;

/// A standard as the sidebar and the previous/next links show it.
#[derive(Serialize, Clone)]
pub struct NavEntry {
    pub id: String,
    pub title: String,
    /// The state of the version the standard is known by (the one in force, else the newest).
    pub state: &'static str,
    pub reference_file_id: String,
}

/// How many standards the sidebar shows on either side of the current one: 27 rows in all, so
/// that every standard of the largest SCS track (26) is listed on each of its pages.
pub const SIDEBAR_REACH: usize = 13;

/// The part of a track's standards a sidebar shows, and how many it leaves out on either side.
#[derive(Serialize, Clone, Copy)]
pub struct SidebarWindow<'a> {
    pub entries: &'a [NavEntry],
    pub hidden_before: usize,
    pub hidden_after: usize,
}

/// The standards before and after one in number order within its track.
#[derive(Serialize, Clone, Default)]
pub struct Neighbours {
    pub previous: Option<NavEntry>,
    pub next: Option<NavEntry>,
}

/// The sidebars of all tracks and the neighbours of all standards, computed once per build.
#[derive(Default)]
pub struct Nav {
    sidebars: HashMap<String, Vec<NavEntry>>,
    neighbours: HashMap<String, Neighbours>,
    by_id: HashMap<String, usize>,
}

impl Nav {
    pub fn new(standards: &[StandardView]) -> Nav {
        let mut nav = Nav::default();
        for (i, s) in standards.iter().enumerate() {
            nav.by_id.insert(s.id.clone(), i);
            nav.sidebars
                .entry(s.track.clone())
                .or_default()
                .push(NavEntry {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    state: s.state,
                    reference_file_id: s.reference_file_id.clone(),
                });
        }
        for list in nav.sidebars.values_mut() {
            // Ids are `prefix-NNNN`: their order is the numbers' order.
            list.sort_by(|a, b| a.id.cmp(&b.id));
        }
        for list in nav.sidebars.values() {
            for (i, e) in list.iter().enumerate() {
                let at = |j: Option<usize>| j.and_then(|j| list.get(j)).cloned();
                nav.neighbours.insert(
                    e.id.clone(),
                    Neighbours {
                        previous: at(i.checked_sub(1)),
                        next: at(i.checked_add(1)),
                    },
                );
            }
        }
        nav
    }

    /// The standards of a track in number order (empty for a track without any), at most
    /// [`SIDEBAR_REACH`] on either side of `current`: every page carries its sidebar, so a track
    /// of a thousand standards would otherwise put a thousand rows into each of its pages.
    pub fn sidebar(&self, track: &str, current: Option<&str>) -> SidebarWindow<'_> {
        let all = self.sidebars.get(track).map_or(&[][..], Vec::as_slice);
        let at = current
            .and_then(|id| all.iter().position(|e| e.id == id))
            .unwrap_or(0);
        // As many as the reach allows, the window shifted inwards at the track's ends.
        let width = 2 * SIDEBAR_REACH + 1;
        let start = at
            .saturating_sub(SIDEBAR_REACH)
            .min(all.len().saturating_sub(width));
        let end = start.saturating_add(width).min(all.len());
        SidebarWindow {
            entries: all.get(start..end).unwrap_or_default(),
            hidden_before: start,
            hidden_after: all.len().saturating_sub(end),
        }
    }

    pub fn neighbours(&self, standard_id: &str) -> Option<&Neighbours> {
        self.neighbours.get(standard_id)
    }

    /// The position of a standard in the list it was made from.
    pub fn index_of(&self, standard_id: &str) -> Option<usize> {
        self.by_id.get(standard_id).copied()
    }
}

/// The version switcher of a document page: every version of its standard with its state, and
/// the newest and the one in force when the page shows another.
#[derive(Serialize)]
pub struct Switcher<'a> {
    /// The version number of the page's document (`None` for a supplement).
    pub current: Option<u32>,
    pub versions: &'a [VersionView],
    pub latest: Option<&'a VersionView>,
    pub in_force: Option<&'a VersionView>,
}

pub fn switcher<'a>(standard: &'a StandardView, file_id: &str) -> Switcher<'a> {
    let this = standard.versions.iter().find(|v| v.file_id == file_id);
    let current = this.map(|v| v.version);
    let in_force = |v: &VersionView| matches!(v.state, "effective" | "future-deprecated");
    let other = |v: &&VersionView| v.file_id != file_id;
    Switcher {
        current,
        versions: &standard.versions,
        latest: standard.versions.last().filter(other),
        // A page of a version in force needs no link to another one (two may be, for a while).
        in_force: standard
            .versions
            .iter()
            .rev()
            .find(|v| in_force(v))
            .filter(other)
            .filter(|_| !this.is_some_and(in_force)),
    }
}

/// A heading of the on-page contents and the headings below it.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct TocNode {
    pub anchor: String,
    pub text: String,
    #[serde(skip)]
    level: u8,
    pub children: Vec<TocNode>,
}

/// Three levels are shown nested; deeper headings join the third.
const TOC_DEPTH: usize = 3;

/// The headings of a body as a tree: each below the nearest higher-level heading before it.
pub fn toc_tree(entries: &[TocEntry]) -> Vec<TocNode> {
    let mut roots = Vec::new();
    for e in entries {
        insert(&mut roots, e, 1);
    }
    roots
}

fn insert(list: &mut Vec<TocNode>, e: &TocEntry, depth: usize) {
    match list.last_mut() {
        Some(last) if e.level > last.level && depth < TOC_DEPTH => {
            insert(&mut last.children, e, depth + 1);
        }
        _ => list.push(TocNode {
            anchor: e.anchor.clone(),
            text: e.text.clone(),
            level: e.level,
            children: Vec::new(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(level: u8, text: &str) -> TocEntry {
        TocEntry {
            level,
            text: text.to_owned(),
            anchor: text.to_lowercase(),
        }
    }

    fn shape(nodes: &[TocNode]) -> String {
        nodes
            .iter()
            .map(|n| format!("{}({})", n.text, shape(&n.children)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn headings_nest_under_the_nearest_higher_one_up_to_three_levels() {
        let toc = toc_tree(&[
            entry(2, "A"),
            entry(3, "B"),
            entry(4, "C"),
            entry(5, "D"),
            entry(3, "E"),
            entry(2, "F"),
            entry(4, "G"),
        ]);
        assert_eq!(shape(&toc), "A(B(C() D()) E()) F(G())");
    }

    #[test]
    fn a_body_starting_below_its_top_level_keeps_every_heading() {
        let toc = toc_tree(&[entry(3, "A"), entry(2, "B"), entry(3, "C")]);
        assert_eq!(shape(&toc), "A() B(C())");
    }
}

#[cfg(test)]
mod sidebar_tests {
    use super::*;

    fn nav(n: usize) -> Nav {
        let mut nav = Nav::default();
        let list = (0..n)
            .map(|i| NavEntry {
                id: format!("scs-{i:04}"),
                title: String::new(),
                state: "effective",
                reference_file_id: String::new(),
            })
            .collect();
        nav.sidebars.insert("IaaS".to_owned(), list);
        nav
    }

    #[test]
    fn a_small_track_is_shown_whole_and_a_large_one_around_the_current_standard() {
        let small = nav(26);
        let w = small.sidebar("IaaS", Some("scs-0025"));
        assert_eq!(
            (w.entries.len(), w.hidden_before, w.hidden_after),
            (26, 0, 0)
        );
        let large = nav(1000);
        let w = large.sidebar("IaaS", Some("scs-0500"));
        assert_eq!(w.entries.len(), 2 * SIDEBAR_REACH + 1);
        assert_eq!(w.entries.first().map(|e| e.id.as_str()), Some("scs-0487"));
        assert_eq!((w.hidden_before, w.hidden_after), (487, 1000 - 514));
        let w = large.sidebar("IaaS", None);
        assert_eq!(
            (w.entries.len(), w.hidden_before),
            (2 * SIDEBAR_REACH + 1, 0)
        );
        let w = large.sidebar("IaaS", Some("scs-0999"));
        assert_eq!(
            (w.entries.len(), w.hidden_after),
            (2 * SIDEBAR_REACH + 1, 0)
        );
        assert!(large.sidebar("KaaS", Some("scs-0001")).entries.is_empty());
    }
}
