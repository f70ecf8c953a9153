//! Progress over time, read off a workbook's history: week by week in the
//! local time zone (ISO weeks, Monday first). Pure: the zone and the clock
//! come in as arguments, so the same history gives the same weeks anywhere.

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::clock::{Time, unix_seconds};
use crate::model::framework::Framework;
use crate::model::progress::Overall;
use crate::model::workbook::{Target, Verb, Workbook};

/// A week, counted from the one starting Monday 1970-01-05 (negative before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week(pub i64);

/// Series go back at most this many weeks from the clock's: more would not fit on a screen,
/// and a hand-edited date in the year 0 would otherwise make millions of them.
pub const MAX_WEEKS: i64 = 156;

/// Sparklines of activity show this many weeks, ending with the clock's.
pub const ACTIVITY_WEEKS: usize = 12;

const EPOCH_MONDAY: Date = jiff::civil::date(1970, 1, 5);
const WEEK_SECONDS: i64 = 7 * 86_400;

impl Week {
    /// The local week `time` falls in; `None` for a hand-written date without a time or offset.
    pub fn of(time: &Time, zone: &TimeZone) -> Option<Week> {
        let utc = unix_seconds(time)?;
        let stamp = jiff::Timestamp::from_second(utc).ok()?;
        // Local seconds counted as if UTC, from the Monday 1970-01-05 local midnight.
        let local = utc + i64::from(zone.to_offset(stamp).seconds());
        Some(Week((local - 4 * 86_400).div_euclid(WEEK_SECONDS)))
    }

    /// The week a local date falls in.
    pub fn of_date(date: Date) -> Week {
        Week(date.duration_since(EPOCH_MONDAY).as_secs().div_euclid(WEEK_SECONDS))
    }

    /// The week's Monday.
    pub fn monday(self) -> Date {
        let offset = jiff::SignedDuration::from_secs(self.0.saturating_mul(WEEK_SECONDS));
        EPOCH_MONDAY.checked_add(offset).unwrap_or(EPOCH_MONDAY)
    }

    /// `11-23`: the Monday, short, as axis labels show it.
    pub fn label(self) -> String {
        self.monday().strftime("%m-%d").to_string()
    }
}

/// One week of a series: the value at its end (or over it, for activity).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub week: Week,
    pub value: usize,
}

/// The statements in levels up to each competency's target for the learner's role.
fn toward<'a>(framework: &'a Framework, workbook: &Workbook) -> BTreeSet<&'a str> {
    crate::model::progress::toward_target(framework, workbook.profile.role.as_deref()).map(|s| s.id.as_str()).collect()
}

/// The statements toward the target, and each check or uncheck of one by week, oldest first.
fn checks<'a>(
    framework: &'a Framework,
    workbook: &Workbook,
    zone: &TimeZone,
) -> (BTreeSet<&'a str>, Vec<(Week, Verb, String)>) {
    let toward = toward(framework, workbook);
    let entries = workbook
        .history
        .iter()
        .filter(|h| matches!(h.what, Verb::Check | Verb::Uncheck))
        .filter_map(|h| match &h.target {
            Target::Statement(id) if toward.contains(id.as_str()) => {
                Some((Week::of(&h.at, zone)?, h.what.clone(), id.clone()))
            }
            _ => None,
        })
        .collect();
    (toward, entries)
}

/// The weeks a series covers: from the first history entry's to the clock's
/// (at most `MAX_WEEKS`), or to the newest entry's if the clock is behind it.
fn span(workbook: &Workbook, zone: &TimeZone, now: &Time) -> Option<(Week, Week)> {
    let weeks: Vec<Week> = workbook.history.iter().filter_map(|h| Week::of(&h.at, zone)).collect();
    let first = *weeks.iter().min()?;
    let last = Week::of(now, zone).into_iter().chain(weeks.iter().copied()).max()?;
    Some((first.max(Week(last.0 - MAX_WEEKS + 1)), last))
}

/// Statements checked toward the target at the end of each week. The
/// workbook's checks are the truth at the end: the history is replayed
/// backwards from them, so the last week always shows the current progress,
/// also when the oldest entries were trimmed. Empty when there is nothing
/// to show: no history, or nothing ever checked toward the target.
pub fn checked_by_week(framework: &Framework, workbook: &Workbook, zone: &TimeZone, now: &Time) -> Vec<Point> {
    let Some((first, last)) = span(workbook, zone, now) else { return Vec::new() };
    let (toward, entries) = checks(framework, workbook, zone);
    let mut checked: BTreeSet<&str> = toward.iter().copied().filter(|id| workbook.is_checked(id)).collect();
    if entries.is_empty() && checked.is_empty() {
        return Vec::new();
    }
    let mut pending = entries.iter().rev().peekable();
    let mut series = Vec::new();
    for week in (first.0..=last.0).rev().map(Week) {
        // Undo what happened after this week.
        while let Some((_, verb, id)) = pending.next_if(|(w, _, _)| *w > week) {
            match verb {
                Verb::Check => checked.remove(id.as_str()),
                _ => checked.insert(id.as_str()),
            };
        }
        series.push(Point { week, value: checked.len() });
    }
    series.reverse();
    series
}

/// How many statements count toward the target: the line the chart draws.
pub fn target_total(framework: &Framework, workbook: &Workbook) -> usize {
    crate::model::progress::overall(framework, workbook).to_target.total
}

/// Since when the learner is at every target: the change that completed it,
/// or the oldest entry if the history no longer reaches back to it. `None`
/// when not at target, or when there is no history to date it by.
pub fn at_target_since(framework: &Framework, workbook: &Workbook) -> Option<Time> {
    at_target_since_with(framework, workbook, &crate::model::progress::overall(framework, workbook))
}

/// `at_target_since`, with the workbook's `overall` progress already known.
pub fn at_target_since_with(framework: &Framework, workbook: &Workbook, overall: &Overall) -> Option<Time> {
    if !overall.at_target() {
        return None;
    }
    let total = overall.to_target.total;
    let toward = toward(framework, workbook);
    let mut checked: BTreeSet<&str> = toward.iter().copied().filter(|id| workbook.is_checked(id)).collect();
    for entry in workbook.history.iter().rev() {
        if let Target::Statement(id) = &entry.target
            && let Some(&id) = toward.get(id.as_str())
        {
            match &entry.what {
                Verb::Check => checked.remove(id),
                Verb::Uncheck => checked.insert(id),
                _ => false,
            };
        }
        if checked.len() < total {
            return Some(entry.at);
        }
    }
    workbook.history.first().map(|h| h.at)
}

/// Changes per week, for the weeks with any: (week, changes), oldest first,
/// the newest `ACTIVITY_WEEKS` weeks of the history. Kept by week rather than
/// relative to a clock, so a summary read last week still reads right.
pub fn activity(workbook: &Workbook, zone: &TimeZone) -> Vec<(i64, u16)> {
    let mut weeks: Vec<(i64, u16)> = Vec::new();
    // Only the newest weeks are kept: an entry more than 13 weeks (and a
    // day's offset) before the newest needs no look-up in the zone's rules.
    let newest = workbook.history.iter().filter_map(|h| unix_seconds(&h.at)).max();
    let oldest_kept = newest.map_or(i64::MIN, |n| n - (ACTIVITY_WEEKS as i64 + 1) * WEEK_SECONDS - 2 * 86_400);
    // A newer keiko's verb (kept, shown as written) counts nowhere.
    let known = workbook.history.iter().filter(|h| !matches!(h.what, Verb::Other(_)));
    let recent = known.filter(|h| unix_seconds(&h.at).is_none_or(|s| s >= oldest_kept));
    for week in recent.filter_map(|h| Week::of(&h.at, zone)) {
        match weeks.iter_mut().find(|(w, _)| *w == week.0) {
            Some((_, n)) => *n = n.saturating_add(1),
            None => weeks.push((week.0, 1)),
        }
    }
    weeks.sort();
    let newest = weeks.last().map_or(0, |(w, _)| *w);
    weeks.retain(|(w, _)| *w > newest - ACTIVITY_WEEKS as i64);
    weeks
}

/// The `ACTIVITY_WEEKS` weeks ending with `this_week`, oldest first: changes in each.
pub fn recent_activity(activity: &[(i64, u16)], this_week: Week) -> [u16; ACTIVITY_WEEKS] {
    let mut recent = [0; ACTIVITY_WEEKS];
    for &(week, n) in activity {
        let back = this_week.0 - week;
        if (0..ACTIVITY_WEEKS as i64).contains(&back) {
            recent[ACTIVITY_WEEKS - 1 - back as usize] = n;
        }
    }
    recent
}

/// Learners at target at the end of each week, from each learner's
/// `at_target_since` (and whether they are at target now: one at target with
/// no history to date it by counts in every week). The weeks run from the
/// earliest date, or `ACTIVITY_WEEKS` back, to the clock's. Empty when no
/// learner has done anything yet.
pub fn team_at_target<'a>(
    learners: impl IntoIterator<Item = (bool, Option<&'a Time>, bool)>,
    zone: &TimeZone,
    now: &Time,
) -> Vec<Point> {
    let Some(last) = Week::of(now, zone) else { return Vec::new() };
    let mut since = Vec::new();
    let mut undated = 0;
    let mut active = false;
    for (at_target, at, has_history) in learners {
        active |= has_history;
        match at.and_then(|at| Week::of(at, zone)) {
            Some(week) => since.push(week.min(last)),
            None if at_target => undated += 1,
            None => {}
        }
    }
    if !active && since.is_empty() && undated == 0 {
        return Vec::new();
    }
    let first = since.iter().copied().min().unwrap_or(last).min(Week(last.0 - ACTIVITY_WEEKS as i64 + 1));
    let first = first.max(Week(last.0 - MAX_WEEKS + 1));
    (first.0..=last.0)
        .map(|w| Point { week: Week(w), value: undated + since.iter().filter(|s| s.0 <= w).count() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workbook::{Change, Stamp};

    fn at(text: &str) -> Time {
        text.parse().unwrap()
    }

    fn new_york() -> TimeZone {
        TimeZone::get("America/New_York").unwrap()
    }

    fn setup() -> (Framework, Workbook) {
        let framework = Framework::bundled();
        let mut wb = Workbook::new(&framework);
        let change = Change::Profile { name: None, role: Some("OP".into()) };
        wb.apply(&change, &Stamp::new("op-a", at("2025-12-01T09:00:00Z")), false);
        (framework, wb)
    }

    fn toggle(wb: &mut Workbook, id: &str, checked: bool, when: &str) {
        let change = Change::Check { id: id.into(), checked };
        assert!(wb.apply(&change, &Stamp::new("op-a", at(when)), false));
    }

    #[test]
    fn weeks_start_on_monday_across_a_year_boundary() {
        let utc = TimeZone::UTC;
        // 2026 starts on a Thursday: ISO week 1 of 2026 starts Monday 2025-12-29.
        let wednesday = Week::of(&at("2025-12-31T12:00:00Z"), &utc).unwrap();
        let friday = Week::of(&at("2026-01-02T12:00:00Z"), &utc).unwrap();
        let sunday = Week::of(&at("2026-01-04T23:59:59Z"), &utc).unwrap();
        assert_eq!(wednesday, friday);
        assert_eq!(wednesday, sunday);
        assert_eq!(wednesday.monday(), jiff::civil::date(2025, 12, 29));
        assert_eq!(wednesday.monday().iso_week_date().week(), 1);
        assert_eq!(wednesday.monday().iso_week_date().year(), 2026);
        assert_eq!(wednesday.label(), "12-29");
        let next_monday = Week::of(&at("2026-01-05T00:00:00Z"), &utc).unwrap();
        assert_eq!(next_monday, Week(wednesday.0 + 1));
        // Before 1970, weeks still start on Mondays.
        assert_eq!(Week::of(&at("1969-12-31T12:00:00Z"), &utc).unwrap().monday(), jiff::civil::date(1969, 12, 29));
        // A local date without a time has no week.
        assert_eq!(Week::of(&at("2026-01-02"), &utc), None);
    }

    #[test]
    fn weeks_are_local_also_across_a_daylight_saving_change() {
        let zone = new_york();
        // New York leaves daylight saving time on Sunday 2026-11-01.
        // 04:30Z on Monday 11-02 is still Sunday 23:30 there (UTC-5): the week of 10-26.
        let late_sunday = Week::of(&at("2026-11-02T04:30:00Z"), &zone).unwrap();
        assert_eq!(late_sunday.monday(), jiff::civil::date(2026, 10, 26));
        assert_eq!(
            Week::of(&at("2026-11-02T04:30:00Z"), &TimeZone::UTC).unwrap().monday(),
            jiff::civil::date(2026, 11, 2)
        );
        // 05:00Z is Monday 00:00 there: the next week.
        assert_eq!(Week::of(&at("2026-11-02T05:00:00Z"), &zone).unwrap(), Week(late_sunday.0 + 1));
        // And Monday 10-26 00:30 EDT (UTC-4) is 04:30Z: already the week of 10-26.
        assert_eq!(Week::of(&at("2026-10-26T04:30:00Z"), &zone).unwrap(), late_sunday);
        assert_eq!(Week::of(&at("2026-10-26T03:30:00Z"), &zone).unwrap(), Week(late_sunday.0 - 1));

        // A series over the change: one point per week, no week twice or lost.
        let (framework, mut wb) = setup();
        toggle(&mut wb, "SM-5.1.1", true, "2026-10-26T04:30:00Z");
        toggle(&mut wb, "SM-6.1.1", true, "2026-11-02T04:30:00Z");
        toggle(&mut wb, "SM-6.1.2", true, "2026-11-02T05:00:00Z");
        let series = checked_by_week(&framework, &wb, &zone, &at("2026-11-10T12:00:00Z"));
        let tail: Vec<(String, usize)> = series.iter().rev().take(3).rev().map(|p| (p.week.label(), p.value)).collect();
        assert_eq!(tail, [("10-26".into(), 2), ("11-02".into(), 3), ("11-09".into(), 3)]);
    }

    #[test]
    fn the_series_runs_from_the_first_entry_to_the_clocks_week_and_ends_at_the_current_state() {
        let (framework, mut wb) = setup();
        let zone = TimeZone::UTC;
        assert_eq!(checked_by_week(&framework, &Workbook::new(&framework), &zone, &at("2026-01-01T00:00:00Z")), []);
        // Only a role chosen: nothing to chart yet.
        assert_eq!(checked_by_week(&framework, &wb, &zone, &at("2026-01-01T00:00:00Z")), []);
        toggle(&mut wb, "SM-5.1.1", true, "2025-12-02T09:00:00Z");
        toggle(&mut wb, "SM-5.2.1", true, "2025-12-03T09:00:00Z");
        // Above the target for OP (SM-5 L3): not counted.
        toggle(&mut wb, "SM-5.3.1", true, "2025-12-10T09:00:00Z");
        toggle(&mut wb, "SM-5.2.1", false, "2025-12-17T09:00:00Z");
        toggle(&mut wb, "SM-6.1.1", true, "2026-01-02T09:00:00Z");
        let series = checked_by_week(&framework, &wb, &zone, &at("2026-01-14T09:00:00Z"));
        let values: Vec<(String, usize)> = series.iter().map(|p| (p.week.label(), p.value)).collect();
        assert_eq!(
            values,
            [
                ("12-01".into(), 2),
                ("12-08".into(), 2),
                ("12-15".into(), 1),
                ("12-22".into(), 1),
                ("12-29".into(), 2),
                ("01-05".into(), 2),
                ("01-12".into(), 2),
            ]
        );
        assert_eq!(series.last().unwrap().value, crate::model::progress::overall(&framework, &wb).to_target.done);
    }

    #[test]
    fn a_trimmed_history_is_replayed_from_the_current_state() {
        let (framework, mut wb) = setup();
        let zone = TimeZone::UTC;
        // Checked long ago, before what the history still holds.
        for id in ["SM-5.1.1", "SM-6.1.1", "SM-6.1.2"] {
            toggle(&mut wb, id, true, "2025-06-02T09:00:00Z");
        }
        toggle(&mut wb, "SM-7.1.1", true, "2025-12-01T09:00:00Z");
        toggle(&mut wb, "SM-6.1.2", false, "2025-12-09T09:00:00Z");
        // As if trimmed at the limit: only the last two entries are left.
        let keep = wb.history.len() - 2;
        wb.history.drain(..keep);
        let series = checked_by_week(&framework, &wb, &zone, &at("2025-12-16T09:00:00Z"));
        let values: Vec<usize> = series.iter().map(|p| p.value).collect();
        // The week of 12-01 ends with 4 (the three old checks and SM-7.1.1), then one is unchecked.
        assert_eq!(values, [4, 3, 3]);
        assert_eq!(series[0].week.label(), "12-01");
    }

    #[test]
    fn at_target_since_dates_the_change_that_completed_every_target() {
        let framework = Framework::bundled();
        let mut wb = Workbook::new(&framework);
        assert_eq!(at_target_since(&framework, &wb), None);
        let role = framework.roles.first().map(|r| r.code.clone());
        wb.apply(
            &Change::Profile { name: None, role: role.clone() },
            &Stamp::new("a", at("2026-01-01T00:00:00Z")),
            false,
        );
        let ids: Vec<String> = framework
            .competencies
            .iter()
            .flat_map(|c| {
                let target = c.target(role.as_deref());
                c.statements().filter(move |(l, _)| l.level <= target).map(|(_, s)| s.id.clone())
            })
            .collect();
        for (i, id) in ids.iter().enumerate() {
            toggle(&mut wb, id, true, &format!("2026-02-{:02}T09:00:00Z", i % 20 + 1));
        }
        let last = wb.history.last().unwrap().at;
        assert_eq!(at_target_since(&framework, &wb), Some(last));
        // Unchecked and checked again: since the second time.
        let first_id = ids[0].clone();
        toggle(&mut wb, &first_id, false, "2026-03-01T09:00:00Z");
        assert_eq!(at_target_since(&framework, &wb), None);
        toggle(&mut wb, &first_id, true, "2026-03-02T09:00:00Z");
        assert_eq!(at_target_since(&framework, &wb), Some(at("2026-03-02T09:00:00Z")));
        // With the history trimmed past it: the oldest entry left.
        wb.history.drain(..wb.history.len() - 1);
        assert_eq!(at_target_since(&framework, &wb), Some(at("2026-03-02T09:00:00Z")));
    }

    #[test]
    fn activity_counts_changes_by_week_and_lines_up_with_the_clock() {
        let (_, mut wb) = setup();
        let zone = TimeZone::UTC;
        toggle(&mut wb, "SM-5.1.1", true, "2026-01-05T09:00:00Z");
        toggle(&mut wb, "SM-5.1.1", false, "2026-01-06T09:00:00Z");
        toggle(&mut wb, "SM-5.1.1", true, "2026-01-13T09:00:00Z");
        let weeks = activity(&wb, &zone);
        let w = |d: &str| Week::of(&at(d), &zone).unwrap().0;
        // The role chosen in setup, then the checks.
        assert_eq!(
            weeks,
            [(w("2025-12-01T09:00:00Z"), 1), (w("2026-01-05T00:00:00Z"), 2), (w("2026-01-12T00:00:00Z"), 1)]
        );
        let recent = recent_activity(&weeks, Week::of(&at("2026-01-20T00:00:00Z"), &zone).unwrap());
        assert_eq!(recent[9..], [2, 1, 0]);
        assert_eq!(recent[4], 1, "the week of 12-01");
        assert_eq!(recent[..9].iter().sum::<u16>(), 1);
        // Twelve weeks later it has all scrolled out.
        assert_eq!(recent_activity(&weeks, Week(w("2026-01-12T00:00:00Z") + 12)), [0; ACTIVITY_WEEKS]);
    }

    #[test]
    fn the_team_counts_learners_from_the_week_they_reached_the_target() {
        let zone = TimeZone::UTC;
        let now = at("2026-03-04T09:00:00Z");
        assert_eq!(team_at_target([(false, None, false)], &zone, &now), []);
        let a = at("2026-02-03T09:00:00Z");
        let b = at("2026-02-25T09:00:00Z");
        let series = team_at_target([(true, Some(&a), true), (true, Some(&b), true), (false, None, true)], &zone, &now);
        assert_eq!(series.len(), ACTIVITY_WEEKS);
        let tail: Vec<(String, usize)> = series.iter().rev().take(6).rev().map(|p| (p.week.label(), p.value)).collect();
        assert_eq!(
            tail,
            [
                ("01-26".into(), 0),
                ("02-02".into(), 1),
                ("02-09".into(), 1),
                ("02-16".into(), 1),
                ("02-23".into(), 2),
                ("03-02".into(), 2)
            ]
        );
    }
}
