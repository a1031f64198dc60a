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

    /// The standards of a track in number order (empty for a track without any): the data of
    /// the track's sidebar script (pages/sidebar.rs).
    pub fn track(&self, track: &str) -> &[NavEntry] {
        self.sidebars.get(track).map_or(&[][..], Vec::as_slice)
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
