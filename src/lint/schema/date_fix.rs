//! The fix of an `invalid-date` whose day is clear from what was written: the ISO form in place
//! of the author's, in the author's quotes if any (quoted and plain dates are both fine).

use crate::diagnostic::{Applicability, Fix, Span};
use crate::document::parse_iso_date;

/// A fix for the date `value`, written as `written` (with its quotes) at `span`; `None` when the
/// day is not clear (`2024-02-30`, `3/5/2024`, `next spring`).
pub(super) fn fix(value: &str, written: &str, span: Span) -> Option<Fix> {
    let (iso, applicability, how) = iso_form(value)?;
    let quote = written.chars().next().filter(|c| matches!(c, '"' | '\''));
    let replacement = match quote {
        Some(q) => format!("{q}{iso}{q}"),
        None => iso.clone(),
    };
    Some(Fix::replace(
        format!("write `{iso}`{how}"),
        span,
        replacement,
        applicability,
    ))
}

/// The ISO day of `value`, whether writing it changes only the form, and what the reader should
/// know of the change.
fn iso_form(value: &str) -> Option<(String, Applicability, &'static str)> {
    let trimmed = value.trim();
    if parse_iso_date(trimmed).is_some() {
        return Some((trimmed.to_owned(), Applicability::Safe, ""));
    }
    // Year first, month before day, one separator: `2024-3-5`, `2024/03/05`, `2024.03.05`.
    if let Some(day) = numbers(trimmed, &['-', '/', '.'])
        .and_then(|[y, m, d]| (y.len() == 4).then(|| day(y, m, d))?)
    {
        return Some((day, Applicability::Safe, ""));
    }
    // A time of day after the date (`2024-03-05T10:00:00+01:00`): its zone may move the day.
    if let Some((date, time)) = trimmed.split_at_checked(10)
        && time.starts_with(['T', 't', ' '])
        && parse_iso_date(date).is_some()
    {
        return Some((
            date.to_owned(),
            Applicability::Unsafe,
            " (the time of day and its zone are dropped)",
        ));
    }
    // Day first with dots, as German writes dates (`5.3.2024`): the reading is an assumption.
    if let Some(day) = numbers(trimmed, &['.'])
        .and_then(|[d, m, y]| (y.len() == 4 && d.len() <= 2).then(|| day(y, m, d))?)
    {
        return Some((
            day,
            Applicability::Unsafe,
            " (read as day.month.year, as German writes dates)",
        ));
    }
    None
}

/// Three runs of ASCII digits joined by one of `separators`, the same twice.
fn numbers<'a>(text: &'a str, separators: &[char]) -> Option<[&'a str; 3]> {
    let sep = text.chars().find(|c| !c.is_ascii_digit())?;
    if !separators.contains(&sep) {
        return None;
    }
    let mut parts = text.split(sep);
    let three = [parts.next()?, parts.next()?, parts.next()?];
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && three.iter().all(|p| digits(p))).then_some(three)
}

/// `YYYY-MM-DD` of a real day.
fn day(y: &str, m: &str, d: &str) -> Option<String> {
    let date = jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?;
    Some(date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clear_days_are_written_in_iso_form() {
        for (value, iso, safe) in [
            (" 2024-03-05 ", "2024-03-05", true),
            ("2024-3-5", "2024-03-05", true),
            ("2024/03/05", "2024-03-05", true),
            ("2024.12.31", "2024-12-31", true),
            ("2024-03-05T23:30:00-05:00", "2024-03-05", false),
            ("2024-03-05 10:00", "2024-03-05", false),
            ("5.3.2024", "2024-03-05", false),
            ("29.02.2024", "2024-02-29", false),
        ] {
            let Some((got, applicability, _)) = iso_form(value) else {
                panic!("no fix for {value}");
            };
            assert_eq!(got, iso, "{value}");
            assert_eq!(applicability == Applicability::Safe, safe, "{value}");
        }
    }

    #[test]
    fn unclear_days_get_no_fix() {
        for value in [
            "2024-02-30",
            "3/5/2024",
            "2024-03",
            "2024-W10-5",
            "next spring",
            "2024-3/5",
            "2024-03-05-01",
            "29.02.2023",
            "",
        ] {
            assert_eq!(iso_form(value), None, "{value}");
        }
    }

    #[test]
    fn quotes_are_kept() {
        let span = Span::new(0, 10);
        let fix = |v: &str, w: &str| {
            fix(v, w, span).and_then(|f| f.replacement().map(|(_, r)| r.to_owned()))
        };
        assert_eq!(
            fix("2024/3/5", "'2024/3/5'").as_deref(),
            Some("'2024-03-05'")
        );
        assert_eq!(
            fix("2024/3/5", "\"2024/3/5\"").as_deref(),
            Some("\"2024-03-05\"")
        );
        assert_eq!(fix("2024/3/5", "2024/3/5").as_deref(), Some("2024-03-05"));
    }
}
