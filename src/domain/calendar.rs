//! Working days: weekends and the configured public holidays do not count. Time limits
//! of the law are counted this way (e.g. 25 working days to appraise).

use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use std::collections::HashSet;

pub struct Calendar {
    holidays: HashSet<NaiveDate>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&day)
    }

    /// The day on which `n` working days after `start` have passed (start itself not
    /// counted): the deadline of a limit of `n` working days.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = day.succ_opt().unwrap_or(day);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `start` up to and including `end` (0 when `end <= start`).
    pub fn working_days_between(&self, start: NaiveDate, end: NaiveDate) -> i64 {
        let mut n = 0;
        let mut day = start;
        while day < end {
            day = match day.succ_opt() {
                Some(d) => d,
                None => break,
            };
            if self.is_working_day(day) {
                n += 1;
            }
        }
        n
    }
}

/// The province's calendar day of an instant.
pub fn local_day(at: DateTime<Utc>, tz: chrono_tz::Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// A report submitted after the end of its due day, in the province's time zone, is late.
pub fn is_late(submitted_at: DateTime<Utc>, due_on: NaiveDate, tz: chrono_tz::Tz) -> bool {
    local_day(submitted_at, tz) > due_on
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekends_and_holidays_do_not_count() {
        // 2025-04-30 (Wed) and 2025-05-01 (Thu) are holidays.
        let c = Calendar::new([d("2025-04-30"), d("2025-05-01")]);
        assert_eq!(c.add_working_days(d("2025-04-28"), 1), d("2025-04-29"));
        assert_eq!(c.add_working_days(d("2025-04-29"), 1), d("2025-05-02"));
        assert_eq!(c.add_working_days(d("2025-05-02"), 1), d("2025-05-05"));
        assert_eq!(c.working_days_between(d("2025-04-28"), d("2025-05-05")), 3);
        assert_eq!(c.working_days_between(d("2025-05-05"), d("2025-04-28")), 0);
        // 25 working days from Monday 1 December 2025, no holidays: 5 full weeks.
        assert_eq!(
            Calendar::new([]).add_working_days(d("2025-12-01"), 25),
            d("2026-01-05")
        );
    }

    #[test]
    fn lateness_is_judged_on_the_provinces_clock() {
        let tz = chrono_tz::Asia::Ho_Chi_Minh;
        let due = d("2023-12-10");
        // 23:59:59 on 10 December in Vietnam is 16:59:59 UTC: on time.
        assert!(!is_late(
            Utc.with_ymd_and_hms(2023, 12, 10, 16, 59, 59).unwrap(),
            due,
            tz
        ));
        // 00:00:00 on 11 December in Vietnam is 17:00:00 UTC on the 10th: late.
        assert!(is_late(
            Utc.with_ymd_and_hms(2023, 12, 10, 17, 0, 0).unwrap(),
            due,
            tz
        ));
    }
}
