//! `normwerk query`'s answers: an aligned table for people, one id per line for scripts, or the
//! index's JSON shape.

use crate::query::Answer;

/// The answer as JSON: the entries in the index's own shape.
pub fn render_json(answer: &Answer) -> String {
    crate::index::to_json(answer)
}

/// One id per line.
pub fn render_ids(answer: &Answer) -> String {
    answer
        .versions
        .iter()
        .map(|e| format!("{}\n", e.id))
        .collect()
}

/// An aligned table for people.
pub fn render_table(answer: &Answer) -> String {
    let header = [
        "ID",
        "STATE",
        "STATUS",
        "TYPE",
        "TRACK",
        "STABILIZED",
        "DEPRECATED",
        "REPLACED BY",
        "TITLE",
    ];
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
    let rows: Vec<Vec<String>> = answer
        .versions
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                e.state.as_str().to_owned(),
                dash(&e.status),
                dash(&e.doc_type),
                dash(&e.track),
                dash(&e.stabilized_at),
                dash(&e.deprecated_at),
                if e.successors.is_empty() {
                    "-".to_owned()
                } else {
                    e.successors.join(",")
                },
                dash(&e.title),
            ]
        })
        .collect();
    let mut out = aligned(&header, &rows);
    out.push_str(&format!(
        "{} document(s), states as of {}\n",
        rows.len(),
        answer.as_of
    ));
    out
}

/// Rows under a header, each column as wide as its widest cell; the last column is not padded.
pub(super) fn aligned(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str]| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<w$}  "));
            }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(header);
    for row in rows {
        out.push_str(&line(&row.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    out
}
