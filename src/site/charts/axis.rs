//! The time axis: whole years around the dates a chart shows, and dates as x positions.

use jiff::civil::Date;

/// Whole days from `from` to `to` (negative when `to` is earlier), by jiff's calendar.
pub fn days_between(from: Date, to: Date) -> i64 {
    to.duration_since(from).as_secs() / 86_400
}

/// From 1 January of the first year to 1 January after the last, mapped onto `[left, right]`.
#[derive(Debug, Clone, Copy)]
pub struct Axis {
    pub first_year: i16,
    /// Exclusive: the axis ends on 1 January of this year.
    pub end_year: i16,
    start: Date,
    days: i64,
    pub left: f64,
    pub right: f64,
}

impl Axis {
    /// The years that hold every date of `dates` (at least one year).
    pub fn around(dates: impl IntoIterator<Item = Date>, left: f64, right: f64) -> Axis {
        let years: Vec<i16> = dates.into_iter().map(|d| d.year()).collect();
        let first_year = years.iter().copied().min().unwrap_or(2000);
        let last = years.iter().copied().max().unwrap_or(first_year);
        let end_year = last.saturating_add(1).max(first_year.saturating_add(1));
        // Past the calendar's end (year 9999) the axis ends with it.
        let jan1 = |y: i16| Date::new(y, 1, 1).unwrap_or(Date::MAX);
        let start = jan1(first_year);
        Axis {
            first_year,
            end_year,
            start,
            days: days_between(start, jan1(end_year)).max(1),
            left,
            right,
        }
    }

    /// The x of the start of day `d` (clamped to the axis).
    pub fn x(&self, d: Date) -> f64 {
        let share = days_between(self.start, d) as f64 / self.days as f64;
        self.left + share.clamp(0.0, 1.0) * (self.right - self.left)
    }

    /// The x of 1 January of `year`.
    pub fn year_x(&self, year: i16) -> f64 {
        Date::new(year, 1, 1).map_or(self.left, |d| self.x(d))
    }

    /// The years of the axis that get a grid line, each with the x of its start and of its
    /// middle, and whether its label is shown: every year up to eight years, else every second,
    /// fifth, tenth, … so that about eight are labelled, and then only those have a line (a
    /// span of a century would otherwise draw a hundred lines).
    pub fn years(&self) -> Vec<(i16, f64, f64, bool)> {
        let count = i32::from(self.end_year) - i32::from(self.first_year);
        let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]
            .into_iter()
            .find(|step| count <= 8 * step)
            .unwrap_or(5000);
        (self.first_year..self.end_year)
            .filter_map(|y| {
                let label = i32::from(y) % step == 0;
                // Up to sixteen years every year has its line, as before the steps grew.
                if !label && count > 16 {
                    return None;
                }
                let (a, b) = (self.year_x(y), self.year_x(y.saturating_add(1)));
                Some((y, a, (a + b) / 2.0, label))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn days_are_counted_across_leap_years() {
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
        assert_eq!(days_between(d("2024-01-01"), d("2025-01-01")), 366);
        assert_eq!(days_between(d("2022-01-01"), d("2023-01-01")), 365);
        assert_eq!(days_between(d("2023-01-01"), d("2022-01-01")), -365);
    }

    #[test]
    fn dates_map_linearly_onto_whole_years() {
        let axis = Axis::around([d("2024-06-30"), d("2023-02-01")], 100.0, 831.0);
        assert_eq!((axis.first_year, axis.end_year), (2023, 2025));
        assert_eq!(axis.x(d("2023-01-01")), 100.0);
        assert_eq!(axis.x(d("2025-01-01")), 831.0);
        // 365 of 731 days.
        assert!((axis.x(d("2024-01-01")) - (100.0 + 365.0)).abs() < 1e-9);
        // Outside the axis: clamped.
        assert_eq!(axis.x(d("2020-01-01")), 100.0);
        assert_eq!(axis.x(d("2030-01-01")), 831.0);
    }

    #[test]
    fn one_date_gives_one_year_and_many_years_thin_their_labels() {
        let axis = Axis::around([d("2026-11-27")], 0.0, 10.0);
        assert_eq!((axis.first_year, axis.end_year), (2026, 2027));
        let none = Axis::around([], 0.0, 10.0);
        assert_eq!(none.end_year - none.first_year, 1);
        let long = Axis::around([d("2001-05-01"), d("2012-05-01")], 0.0, 10.0);
        let shown: Vec<i16> = long.years().iter().filter(|y| y.3).map(|y| y.0).collect();
        assert_eq!(shown, [2002, 2004, 2006, 2008, 2010, 2012]);
        assert_eq!(long.years().len(), 12, "every year has its line");
        let century = Axis::around([d("2026-05-01"), d("2154-05-01")], 0.0, 10.0);
        let lines: Vec<(i16, bool)> = century.years().iter().map(|y| (y.0, y.3)).collect();
        assert_eq!(
            lines,
            [2040, 2060, 2080, 2100, 2120, 2140].map(|y| (y, true)),
            "a line only where a label is"
        );
    }
}
