//! Calendar dates as study files give them, and the one clock that reaches the output.
//!
//! Reports are byte-identical across reruns, so the wall clock never reaches them: the date of
//! the analysis comes from the study file, or from `SOURCE_DATE_EPOCH` (the reproducible-builds
//! convention: seconds since 1970-01-01 UTC) when a caller wants to stamp a run.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A day, or a month where that is all a study knows ("FGD kelurahan: Oktober 2021").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CalendarDate {
    /// Year, e.g. 2021.
    pub year: i32,
    /// Month, 1-12.
    pub month: u8,
    /// Day of the month, when known.
    pub day: Option<u8>,
}

/// Days in each month of a common year.
const MONTH_DAYS: [u8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    if month == 2 && is_leap(year) {
        29
    } else {
        MONTH_DAYS[usize::from(month - 1)]
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl CalendarDate {
    /// A whole day; `None` if it does not exist.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)).then_some(
            CalendarDate {
                year,
                month,
                day: Some(day),
            },
        )
    }

    /// Parses `2021-10-04` or `2021-10` (month only).
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "write a date as YYYY-MM-DD (e.g. 2021-10-04), or YYYY-MM for a month; got {text:?}"
            )
        };
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, width: usize| -> Result<u32, String> {
            if s.len() == width && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        match parts.as_slice() {
            [y, m] | [y, m, _] => {
                let year = i32::try_from(number(y, 4)?).map_err(|_| bad())?;
                let month = u8::try_from(number(m, 2)?).map_err(|_| bad())?;
                if !(1..=12).contains(&month) {
                    return Err(format!("month {month} does not exist in {text:?}"));
                }
                let day = match parts.get(2) {
                    None => None,
                    Some(d) => {
                        let day = u8::try_from(number(d, 2)?).map_err(|_| bad())?;
                        if !(1..=days_in_month(year, month)).contains(&day) {
                            return Err(format!("day {day} does not exist in {text:?}"));
                        }
                        Some(day)
                    }
                };
                Ok(CalendarDate { year, month, day })
            }
            _ => Err(bad()),
        }
    }

    /// The UTC day of a Unix timestamp (Hinnant's `civil_from_days`).
    pub fn from_unix_seconds(seconds: i64) -> Self {
        let z = seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CalendarDate {
            year,
            month,
            day: Some(day),
        }
    }

    /// The date `SOURCE_DATE_EPOCH` names, if the variable is set. A value that is not a whole
    /// number of seconds is an error, not silently ignored.
    pub fn from_source_date_epoch() -> Result<Option<Self>, String> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Err(_) => Ok(None),
            Ok(value) => value
                .trim()
                .parse::<i64>()
                .map(|s| Some(Self::from_unix_seconds(s)))
                .map_err(|_| {
                    format!(
                        "SOURCE_DATE_EPOCH = {value:?} is not a number of seconds since \
                         1970-01-01 UTC: unset it, or set it e.g. to $(date -d 2021-10-04 +%s)"
                    )
                }),
        }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday, for a whole day.
    pub fn weekday(self) -> Option<u8> {
        let day = self.day?;
        let days = days_from_civil(self.year, self.month, day);
        // 1970-01-01 was a Thursday (3).
        Some((days + 3).rem_euclid(7) as u8)
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

impl TryFrom<String> for CalendarDate {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text)
    }
}

impl From<CalendarDate> for String {
    fn from(date: CalendarDate) -> String {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_months_and_refuses_what_does_not_exist() {
        assert_eq!(
            CalendarDate::parse("2021-10-04"),
            Ok(CalendarDate::ymd(2021, 10, 4).unwrap())
        );
        let month = CalendarDate::parse("2021-10").unwrap();
        assert_eq!((month.year, month.month, month.day), (2021, 10, None));
        assert_eq!(month.to_string(), "2021-10");
        assert!(CalendarDate::parse("2024-02-29").is_ok());
        for bad in [
            "2023-02-29",
            "2021-13",
            "2021-1-4",
            "04-10-2021",
            "",
            "2021/10/04",
        ] {
            assert!(CalendarDate::parse(bad).is_err(), "{bad}");
        }
    }

    /// Unix timestamps checked with GNU `date -u -d @N +%F`.
    #[test]
    fn unix_seconds_give_the_utc_day() {
        let cases = [
            (0, "1970-01-01"),
            (1_633_305_600, "2021-10-04"),
            (1_709_164_800, "2024-02-29"),
            (-86_400, "1969-12-31"),
            (1_796_342_399, "2026-12-03"),
        ];
        for (seconds, day) in cases {
            assert_eq!(CalendarDate::from_unix_seconds(seconds).to_string(), day);
        }
    }

    /// Weekdays from a calendar: 2021-10-04 and 2026-12-07 were/are Mondays, 1970-01-01 a
    /// Thursday, 2000-02-29 a Tuesday.
    #[test]
    fn weekdays() {
        let day = |y, m, d| CalendarDate::ymd(y, m, d).unwrap().weekday();
        assert_eq!(day(2021, 10, 4), Some(0));
        assert_eq!(day(2026, 12, 7), Some(0));
        assert_eq!(day(1970, 1, 1), Some(3));
        assert_eq!(day(2000, 2, 29), Some(1));
        assert_eq!(CalendarDate::parse("2021-10").unwrap().weekday(), None);
    }
}
