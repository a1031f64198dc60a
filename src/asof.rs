//! The day every state is computed for, and where it came from: `--as-of` (parsed by the command
//! line), else `SOURCE_DATE_EPOCH`, else today. Resolved once per run; the catalog holds it.

use jiff::civil::Date;
use serde::Serialize;
use std::fmt;

#[derive(Debug, thiserror::Error)]
#[error("SOURCE_DATE_EPOCH={0:?} is not a number of seconds since 1970")]
pub struct AsOfError(String);

/// Where the as-of date came from, so that output can say which date it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AsOfSource {
    Flag,
    SourceDateEpoch,
    Today,
}

/// The as-of date with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf {
    pub date: Date,
    pub source: AsOfSource,
}

impl AsOf {
    /// `flag`, else `SOURCE_DATE_EPOCH` from the environment (a UTC date), else today (UTC).
    pub fn resolve(flag: Option<Date>) -> Result<AsOf, AsOfError> {
        let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
        AsOf::resolve_with(flag, epoch.as_deref())
    }

    /// As [`AsOf::resolve`], with the value of `SOURCE_DATE_EPOCH` given.
    pub fn resolve_with(
        flag: Option<Date>,
        source_date_epoch: Option<&str>,
    ) -> Result<AsOf, AsOfError> {
        if let Some(date) = flag {
            return Ok(AsOf::from(date));
        }
        if let Some(e) = source_date_epoch.filter(|e| !e.is_empty()) {
            let ts = e
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|s| jiff::Timestamp::from_second(s).ok())
                .ok_or_else(|| AsOfError(e.to_owned()))?;
            return Ok(AsOf {
                date: ts.to_zoned(jiff::tz::TimeZone::UTC).date(),
                source: AsOfSource::SourceDateEpoch,
            });
        }
        Ok(AsOf {
            date: jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date(),
            source: AsOfSource::Today,
        })
    }

    /// How the date was chosen, for a page footer.
    pub fn describe_source(self) -> &'static str {
        match self.source {
            AsOfSource::Flag => "set with --as-of",
            AsOfSource::SourceDateEpoch => "from SOURCE_DATE_EPOCH",
            AsOfSource::Today => "the day of the build",
        }
    }
}

/// A date given explicitly.
impl From<Date> for AsOf {
    fn from(date: Date) -> AsOf {
        AsOf {
            date,
            source: AsOfSource::Flag,
        }
    }
}

impl fmt::Display for AsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.date.fmt(f)
    }
}

/// Parses `--as-of` (and other day arguments): exactly `YYYY-MM-DD`, a real day.
pub fn parse_day(text: &str) -> Result<Date, String> {
    crate::document::parse_iso_date(text).ok_or_else(|| "not a date (write YYYY-MM-DD)".to_owned())
}

/// The day of a run that takes no `--as-of` (the lint): `SOURCE_DATE_EPOCH` when it is valid,
/// else today (UTC), as [`AsOf::resolve`] decides; an invalid `SOURCE_DATE_EPOCH` is not an
/// error here, since nothing the lint finds depends on the day, only how it is ordered and told.
pub fn today() -> Date {
    AsOf::resolve(None).map_or_else(
        |_| {
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
        },
        |a| a.date,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().expect("a date")
    }

    #[test]
    fn sources() {
        let flag = AsOf::resolve_with(Some(date("2025-01-01")), Some("0")).expect("resolves");
        assert_eq!(
            (flag.date, flag.source),
            (date("2025-01-01"), AsOfSource::Flag)
        );
        let epoch = AsOf::resolve_with(None, Some("1735689600")).expect("resolves");
        assert_eq!(
            (epoch.date, epoch.source),
            (date("2025-01-01"), AsOfSource::SourceDateEpoch)
        );
        assert!(AsOf::resolve_with(None, Some("soon")).is_err());
        assert_eq!(
            AsOf::resolve_with(None, None).expect("resolves").source,
            AsOfSource::Today
        );
        assert!(parse_day("1.1.2025").is_err());
        assert!(parse_day("2025-02-30").is_err());
    }
}
