//! Time as the workbook stores it (UTC, whole seconds, RFC 3339) and as
//! people read it (their local time zone).

/// A point in time as TOML writes it: `2026-11-28T09:12:00Z`.
pub type Time = toml::value::Datetime;

/// The current time, in whole seconds, UTC. A clock set beyond what a
/// workbook can hold reads as the nearest time it can: `check_clock` refuses
/// to start with such a clock, so this matters only if it jumps while keiko runs.
pub fn now() -> Time {
    time_from_unix(unix_seconds_at(std::time::SystemTime::now()))
}

/// The first and last second a workbook time can be: TOML dates start at
/// year 0, and jiff's timestamps end at 9999-12-30T22:00:00Z.
const FIRST_SECOND: i64 = -62_167_219_200;
const LAST_SECOND: i64 = 253_402_207_200;

/// Whole seconds since the Unix epoch at `t`, unless `t` is outside the times
/// a workbook can hold.
fn recordable_seconds(t: std::time::SystemTime) -> Option<i64> {
    let seconds = match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).ok()?,
        // Before 1970: round down, as whole seconds after it do.
        Err(before) => {
            let d = before.duration();
            0i64.checked_sub(i64::try_from(d.as_secs()).ok()?)?.checked_sub(i64::from(d.subsec_nanos() > 0))?
        }
    };
    (FIRST_SECOND..=LAST_SECOND).contains(&seconds).then_some(seconds)
}

/// Whole seconds since the Unix epoch at `t`, kept within the times a workbook can hold.
pub fn unix_seconds_at(t: std::time::SystemTime) -> i64 {
    recordable_seconds(t).unwrap_or(if t < std::time::UNIX_EPOCH { FIRST_SECOND } else { LAST_SECOND })
}

/// The system clock is set to a time keiko cannot write into a workbook
/// (after 9999-12-30): better a clear refusal than a false time in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockOutOfRange;

/// `Err` when the system clock, read at `t`, is out of the workbook's range.
pub fn check_clock(t: std::time::SystemTime) -> Result<(), ClockOutOfRange> {
    recordable_seconds(t).map(|_| ()).ok_or(ClockOutOfRange)
}

/// The workbook time `seconds` after the Unix epoch; a time outside the
/// years 0000–9999 becomes the nearest one inside.
pub fn time_from_unix(seconds: i64) -> Time {
    let seconds = seconds.clamp(FIRST_SECOND, LAST_SECOND);
    let stamp = jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let t = jiff::tz::Offset::UTC.to_datetime(stamp);
    // Within the clamp, every field fits its TOML type; written as TOML parses `…T09:12:00Z`.
    let field = |n: i8| u8::try_from(n).unwrap_or(0);
    Time {
        date: Some(toml::value::Date {
            year: u16::try_from(t.year()).unwrap_or(0),
            month: field(t.month()),
            day: field(t.day()),
        }),
        time: Some(toml::value::Time {
            hour: field(t.hour()),
            minute: field(t.minute()),
            second: Some(field(t.second())),
            nanosecond: None,
        }),
        offset: Some(toml::value::Offset::Z),
    }
}

/// Seconds since the Unix epoch; `None` for a hand-written date without a
/// time or offset. Counted from the fields, not through text: a team's
/// summaries read millions of times.
pub fn unix_seconds(time: &Time) -> Option<i64> {
    use toml::value::Offset;
    let (Some(d), Some(t), Some(offset)) = (time.date, time.time, time.offset) else { return seconds_by_text(time) };
    // Checked as a date, counted in days without a calendar: Hinnant's days-from-civil.
    jiff::civil::Date::new(i16::try_from(d.year).ok()?, i8::try_from(d.month).ok()?, i8::try_from(d.day).ok()?).ok()?;
    let (y, m, day) = (i64::from(d.year) - i64::from(d.month <= 2), i64::from(d.month), i64::from(d.day));
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let midnight = (era * 146_097 + day_of_era - 719_468) * 86_400;
    let offset = match offset {
        Offset::Z => 0,
        Offset::Custom { minutes } => i64::from(minutes) * 60,
    };
    let clock = i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second.unwrap_or(0));
    Some(midnight + clock - offset)
}

fn seconds_by_text(time: &Time) -> Option<i64> {
    time.to_string().parse::<jiff::Timestamp>().ok().map(|t| t.as_second())
}

/// `2026-11-28 18:12` in the system's time zone (`TZ` is honoured).
pub fn local_datetime(time: &Time) -> String {
    local(time, "%Y-%m-%d %H:%M")
}

/// `11-28 18:12` in the system's time zone: recent activity, compactly.
pub fn local_short(time: &Time) -> String {
    local(time, "%m-%d %H:%M")
}

/// `2026-11-28` in the system's time zone.
pub fn local_date(time: &Time) -> String {
    local(time, "%Y-%m-%d")
}

/// Shows times in UTC instead of the local zone: for tests and snapshots
/// that must read the same on every machine.
pub fn display_in_utc() {
    DISPLAY_UTC.store(true, std::sync::atomic::Ordering::Relaxed);
}

static DISPLAY_UTC: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The zone times are shown in: the system's, or UTC after `display_in_utc`.
pub fn display_zone() -> jiff::tz::TimeZone {
    if DISPLAY_UTC.load(std::sync::atomic::Ordering::Relaxed) { jiff::tz::TimeZone::UTC } else { system_zone() }
}

fn local(time: &Time, format: &str) -> String {
    let zone = display_zone();
    match time.to_string().parse::<jiff::Timestamp>() {
        Ok(t) => t.to_zoned_datetime(zone).strftime(format).to_string(),
        // A hand-edited local date or time: show it as written.
        Err(_) => time.to_string(),
    }
}

/// The system's time zone, looked up once. jiff's own look-up lists every
/// file of the zoneinfo directory the first time (a millisecond, before the
/// app's first frame can show a date); the usual `TZ` (unset, a zone's name
/// or a file) needs one file read. Anything else (a POSIX rule) is jiff's.
fn system_zone() -> jiff::tz::TimeZone {
    static ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();
    let file = || zone_file(std::env::var("TZ").ok().as_deref(), std::env::var_os("TZDIR"));
    ZONE.get_or_init(|| file().unwrap_or_else(jiff::tz::TimeZone::system)).clone()
}

/// The zone `tz` (the `TZ` variable) names by file, looked for in `tzdir`.
fn zone_file(tz: Option<&str>, tzdir: Option<std::ffi::OsString>) -> Option<jiff::tz::TimeZone> {
    use std::path::PathBuf;
    let (name, path) = match tz.map(|tz| tz.strip_prefix(':').unwrap_or(tz)) {
        None => ("Local", PathBuf::from("/etc/localtime")),
        Some(path) if path.starts_with('/') => (path, PathBuf::from(path)),
        Some(name) if !name.is_empty() && !name.split('/').any(|part| part == "..") => {
            (name, PathBuf::from(tzdir.unwrap_or_else(|| "/usr/share/zoneinfo".into())).join(name))
        }
        Some(_) => return None,
    };
    jiff::tz::TimeZone::tzif(name, &std::fs::read(path).ok()?).ok()
}

/// `2026-11-28T09:12:00Z`, the one form keiko writes its times in, read
/// without the general parser (a team's histories hold millions of them);
/// `None` for any other form.
pub fn parse_utc_second(text: &str) -> Option<Time> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z'
    {
        return None;
    }
    let (month, day, hour, minute, second) =
        (digits(5..7)?, digits(8..10)?, digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(toml::value::Datetime {
        date: Some(toml::value::Date { year: digits(0..4)? as u16, month: month as u8, day: day as u8 }),
        time: Some(toml::value::Time {
            hour: hour as u8,
            minute: minute as u8,
            second: Some(second as u8),
            nanosecond: None,
        }),
        offset: Some(toml::value::Offset::Z),
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn seconds_are_counted_from_the_fields_as_the_text_reads() {
        for text in
            ["2026-01-02T12:34:56Z", "2026-01-02T03:00:00+09:00", "1969-07-20T20:17:40-05:30", "2026-01-02T12:34:56.5Z"]
        {
            let time: super::Time = text.parse().unwrap();
            assert_eq!(super::unix_seconds(&time), super::seconds_by_text(&time), "{text}");
        }
    }

    #[test]
    fn the_quick_read_of_a_time_is_the_parsers() {
        for text in ["2026-11-28T09:12:00Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:60Z"] {
            assert_eq!(parse_utc_second(text), Some(text.parse::<Time>().unwrap()), "{text}");
        }
        for other in [
            "2026-11-28T09:12:00.5Z",
            "2026-11-28T09:12:00+09:00",
            "2026-11-28",
            "2026-13-28T09:12:00Z",
            "２026-11-28T09:12:00Z",
        ] {
            assert_eq!(parse_utc_second(other), None, "{other}");
        }
    }

    use super::*;

    #[test]
    fn a_zone_named_in_tz_is_read_from_its_file_and_a_rule_is_left_to_jiff() {
        let at = "2026-11-28T09:12:00Z".parse::<jiff::Timestamp>().unwrap();
        let offset = |tz: &str| zone_file(Some(tz), None).map(|zone| zone.to_offset(at).seconds());
        assert_eq!(offset("Asia/Tokyo"), Some(9 * 3600));
        assert_eq!(offset(":Europe/Paris"), Some(3600));
        assert_eq!(offset("/usr/share/zoneinfo/America/New_York"), Some(-5 * 3600));
        assert_eq!(offset("JST-9"), None, "a POSIX rule");
        assert_eq!(offset("../zoneinfo/Asia/Tokyo"), None);
        assert_eq!(offset(""), None);
    }

    #[test]
    fn times_round_trip_through_unix_seconds() {
        let t = time_from_unix(1_796_000_000);
        assert_eq!(t.to_string(), "2026-11-30T00:53:20Z");
        assert_eq!(unix_seconds(&t), Some(1_796_000_000));
    }

    #[test]
    fn a_time_is_what_toml_reads_from_the_same_text() {
        let text = "2026-11-20T09:12:00Z";
        let seconds = unix_seconds(&text.parse().unwrap()).unwrap();
        assert_eq!(time_from_unix(seconds), text.parse::<Time>().unwrap());
    }

    #[test]
    fn times_outside_the_years_0000_to_9999_never_panic() {
        assert_eq!(LAST_SECOND, jiff::Timestamp::MAX.as_second());
        assert_eq!(time_from_unix(i64::MAX).to_string(), "9999-12-30T22:00:00Z");
        assert_eq!(time_from_unix(-377_705_116_800).to_string(), "0000-01-01T00:00:00Z");
        assert_eq!(time_from_unix(i64::MIN).to_string(), "0000-01-01T00:00:00Z");
    }

    #[test]
    fn a_clock_after_9999_12_30_is_refused_with_a_message() {
        use std::time::{Duration, UNIX_EPOCH};
        let year_10000 = UNIX_EPOCH + Duration::from_secs(253_402_300_800);
        let refused = crate::lang::Localized::message(&check_clock(year_10000).unwrap_err(), crate::lang::Lang::EN);
        assert!(refused.contains("9999-12-30"), "{refused}");
        let ja = crate::lang::Localized::message(&check_clock(year_10000).unwrap_err(), crate::lang::Lang::JA);
        assert!(ja.contains("9999-12-30"));
        assert_eq!(unix_seconds_at(year_10000), LAST_SECOND);
        let today = UNIX_EPOCH + Duration::from_secs(1_796_000_000);
        assert_eq!(check_clock(today), Ok(()));
        assert_eq!(unix_seconds_at(today), 1_796_000_000);
        assert_eq!(unix_seconds_at(UNIX_EPOCH - Duration::from_millis(1500)), -2);
    }

    #[test]
    fn a_date_without_time_is_shown_as_written() {
        let t: Time = "2026-11-28".parse().unwrap();
        assert_eq!(unix_seconds(&t), None);
        assert_eq!(local_date(&t), "2026-11-28");
    }
}
