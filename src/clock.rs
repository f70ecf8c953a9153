//! Time as the workbook stores it (UTC, whole seconds, RFC 3339) and as
//! people read it (their local time zone).

/// A point in time as TOML writes it: `2026-11-28T09:12:00Z`.
pub type Time = toml::value::Datetime;

/// The current time, in whole seconds, UTC.
pub fn now() -> Time {
    time_from_unix(jiff::Timestamp::now().as_second())
}

pub fn time_from_unix(seconds: i64) -> Time {
    let stamp = jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    stamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string().parse().expect("an RFC 3339 UTC time is a TOML datetime")
}

/// Seconds since the Unix epoch; `None` for a hand-written date without a time or offset.
pub fn unix_seconds(time: &Time) -> Option<i64> {
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

fn local(time: &Time, format: &str) -> String {
    let zone = if DISPLAY_UTC.load(std::sync::atomic::Ordering::Relaxed) {
        jiff::tz::TimeZone::UTC
    } else {
        jiff::tz::TimeZone::system()
    };
    match time.to_string().parse::<jiff::Timestamp>() {
        Ok(t) => t.to_zoned_datetime(zone).strftime(format).to_string(),
        // A hand-edited local date or time: show it as written.
        Err(_) => time.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_through_unix_seconds() {
        let t = time_from_unix(1_796_000_000);
        assert_eq!(t.to_string(), "2026-11-30T00:53:20Z");
        assert_eq!(unix_seconds(&t), Some(1_796_000_000));
    }

    #[test]
    fn a_date_without_time_is_shown_as_written() {
        let t: Time = "2026-11-28".parse().unwrap();
        assert_eq!(unix_seconds(&t), None);
        assert_eq!(local_date(&t), "2026-11-28");
    }
}
