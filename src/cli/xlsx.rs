//! `keiko review --export xlsx -o FILE.xlsx`: the team as an Excel report
//! for a manager's meeting. Four sheets: a summary, the skills matrix, every
//! learner × statement, and the team's progress week by week with a chart.
//!
//! Every text from a workbook or the framework goes in with `write_string`:
//! Excel shows a string cell as it is and never runs it as a formula, so a
//! name like `=HYPERLINK(…)` stays a name (no `'` needed, unlike CSV).

use std::collections::HashSet;
use std::path::Path;

use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormatFormula, Format, Workbook as Xlsx, Worksheet, XlsxError, column_number_to_name,
};

use crate::clock::{Time, local_date, unix_seconds};
use crate::framework::Framework;
use crate::i18n::xlsx_words as words;
use crate::lang::{Lang, Localized};
use crate::team::{Member, SortBy, Team, visible};
use crate::workbook::{Target, Verb};

/// Rows in one Excel sheet.
const MAX_ROWS: u32 = 1_048_576;
/// What one Excel cell holds, in UTF-16 units (an emoji is two).
const MAX_CELL: usize = 32_767;
/// Weeks the progress sheet goes back at most: a year.
const MAX_WEEKS: i64 = 52;

/// Makes the report and writes it to `path` (atomically, private when new).
pub fn write(framework: &Framework, team: &Team, title: &str, lang: Lang, path: &Path) -> Result<(), String> {
    let bytes = report(framework, team, title, lang, crate::clock::now())?;
    super::export::write_bytes(path, &bytes, lang)
}

/// The report's bytes. `title` names the team (its name, else the paths).
pub fn report(framework: &Framework, team: &Team, title: &str, lang: Lang, now: Time) -> Result<Vec<u8>, String> {
    let statements: usize = framework.competencies.iter().map(|c| c.statements().count()).sum();
    let rows = team.members.len() * statements + 1;
    if rows > MAX_ROWS as usize {
        return Err(words::too_many_rows(lang, rows, MAX_ROWS));
    }
    build(framework, team, title, lang, now).map_err(|e| words::cannot_make(lang, &e.to_string()))
}

/// What the team's name is in the summary: the team file's name in team
/// mode, else the paths the coach named.
pub fn title(team: &Team, paths: &[std::path::PathBuf]) -> String {
    match &team.mode {
        Some(t) if !t.file.name.trim().is_empty() => t.file.name.clone(),
        _ => paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
    }
}

fn build(framework: &Framework, team: &Team, title: &str, lang: Lang, now: Time) -> Result<Vec<u8>, XlsxError> {
    let order = visible(&team.members, "", SortBy::Name);
    let members: Vec<&Member> = order.iter().map(|&i| &team.members[i]).collect();
    let [summary_name, matrix_name, statements_name, progress_name] = words::sheets(lang);
    let mut book = Xlsx::new();
    summary(book.add_worksheet().set_name(summary_name)?, framework, team, title, lang, &now)?;
    matrix(book.add_worksheet().set_name(matrix_name)?, framework, &members, lang)?;
    // One row per learner × statement: streamed (rows go to an unnamed
    // temporary file as written), not held in memory, for a team of thousands.
    statements(book.add_worksheet_with_constant_memory()?.set_name(statements_name)?, framework, &members, lang)?;
    progress(book.add_worksheet().set_name(progress_name)?, progress_name, framework, &members, lang, &now)?;
    book.save_to_buffer()
}

/// Text from a file, cut to what one cell holds (a longer note is cut, not refused).
fn text(s: &str) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL {
            return &s[..i];
        }
    }
    s
}

fn bold() -> Format {
    Format::new().set_bold()
}

fn header(sheet: &mut Worksheet, names: &[String]) -> Result<(), XlsxError> {
    for (col, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, text(name), &bold())?;
    }
    Ok(())
}

fn summary(
    sheet: &mut Worksheet,
    framework: &Framework,
    team: &Team,
    title: &str,
    lang: Lang,
    now: &Time,
) -> Result<(), XlsxError> {
    let [team_label, framework_label, date, learners, at_target, waiting, returned, stale, not_read] =
        words::summary(lang);
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 48)?;
    let label =
        |sheet: &mut Worksheet, row: u32, name: &str| sheet.write_string_with_format(row, 0, name, &bold()).map(|_| ());
    label(sheet, 0, team_label)?;
    sheet.write_string(0, 1, text(title))?;
    label(sheet, 1, framework_label)?;
    sheet.write_string(1, 1, text(&format!("{} {}", framework.id, framework.version)))?;
    label(sheet, 2, date)?;
    sheet.write_string(2, 1, local_date(now))?;
    let counts = [
        (learners, team.members.len()),
        (at_target, team.at_target()),
        (waiting, team.open_requests()),
        (returned, team.returned()),
        (stale, team.stale()),
        (not_read, team.problems.len()),
    ];
    let mut row = 2;
    for (name, n) in counts {
        row += 1;
        label(sheet, row, name)?;
        sheet.write_number(row, 1, n as f64)?;
    }
    // The competencies' names and the matrix's marks, so the matrix reads without them.
    row += 2;
    let [competency, name] = words::competency(lang);
    label(sheet, row, competency)?;
    sheet.write_string_with_format(row, 1, name, &bold())?;
    for c in &framework.competencies {
        row += 1;
        sheet.write_string(row, 0, text(&c.id))?;
        sheet.write_string(row, 1, text(c.name.get(lang)))?;
    }
    row += 2;
    for (mark, style) in words::marks(lang).into_iter().zip(mark_styles()) {
        sheet.write_string_with_format(row, 0, mark, &style.1)?;
        row += 1;
    }
    if !team.problems.is_empty() {
        row += 1;
        label(sheet, row, not_read)?;
        for p in &team.problems {
            row += 1;
            sheet.write_string(row, 0, text(&p.path.display().to_string()))?;
            sheet.write_string(row, 1, text(&p.reason.message(lang)))?;
        }
    }
    Ok(())
}

/// Below, at and above target: the mark after the level (a number format,
/// so the cell stays a number to sort and filter by) and the colour.
fn mark_styles() -> [(&'static str, Format); 3] {
    [
        ("<", Format::new().set_font_color("9C0006").set_background_color("FFC7CE")),
        ("=", Format::new().set_font_color("006100").set_background_color("C6EFCE")),
        (">", Format::new().set_font_color("1F4E78").set_background_color("BDD7EE")),
    ]
}

/// The number formats of an achieved level below, at and above target:
/// the level and its mark (`1 -`), readable without colour; the marks are
/// the app's skills matrix's.
fn mark_formats() -> [Format; 3] {
    ["-", "=", "+"].map(|mark| Format::new().set_num_format(format!("0\" {mark}\"")))
}

fn matrix(sheet: &mut Worksheet, framework: &Framework, members: &[&Member], lang: Lang) -> Result<(), XlsxError> {
    let mut names: Vec<String> = words::matrix(lang).iter().map(|s| s.to_string()).collect();
    for c in &framework.competencies {
        names.extend(words::levels(lang, &c.id));
    }
    header(sheet, &names)?;
    let marks = mark_formats();
    for (i, m) in members.iter().enumerate() {
        let row = 1 + i as u32;
        let s = &m.summary;
        sheet.write_string(row, 0, text(&s.name))?;
        sheet.write_string(row, 1, text(m.login.as_deref().unwrap_or_default()))?;
        sheet.write_string(row, 2, text(s.role.as_deref().unwrap_or_default()))?;
        for (ci, &(achieved, target)) in s.levels.iter().enumerate() {
            let col = 3 + 2 * ci as u16;
            let mark = match achieved.cmp(&target) {
                std::cmp::Ordering::Less => &marks[0],
                std::cmp::Ordering::Equal => &marks[1],
                std::cmp::Ordering::Greater => &marks[2],
            };
            sheet.write_number_with_format(row, col, f64::from(achieved), mark)?;
            sheet.write_number(row, col + 1, f64::from(target))?;
        }
    }
    let last_row = members.len() as u32;
    let last_col = (names.len() - 1) as u16;
    if !members.is_empty() {
        // Colours that follow the cells: a target changed in Excel recolours its row.
        for ci in 0..framework.competencies.len() {
            let col = 3 + 2 * ci as u16;
            let (a, t) = (column_number_to_name(col), column_number_to_name(col + 1));
            for (op, style) in mark_styles() {
                let rule =
                    ConditionalFormatFormula::new().set_rule(format!("={a}2{op}{t}2").as_str()).set_format(style);
                sheet.add_conditional_format(1, col, last_row, col, &rule)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.set_column_width(0, 20)?;
    sheet.set_column_width(1, 12)?;
    Ok(())
}

fn statements(sheet: &mut Worksheet, framework: &Framework, members: &[&Member], lang: Lang) -> Result<(), XlsxError> {
    header(sheet, &words::statements(lang).map(String::from))?;
    let mut row = 0;
    for m in members {
        let wb = &m.workbook;
        for c in &framework.competencies {
            for (level, st) in c.statements() {
                row += 1;
                let state = wb.statements.get(&st.id);
                sheet.write_string(row, 0, text(&m.summary.name))?;
                sheet.write_string(row, 1, text(m.login.as_deref().unwrap_or_default()))?;
                sheet.write_string(row, 2, text(&c.id))?;
                sheet.write_number(row, 3, f64::from(level.level))?;
                sheet.write_string(row, 4, text(&st.id))?;
                sheet.write_string(row, 5, text(st.text.get(lang)))?;
                sheet.write_boolean(row, 6, state.is_some_and(|s| s.checked))?;
                if let Some(at) = state.and_then(|s| s.checked_at.as_ref()) {
                    sheet.write_string(row, 7, at.to_string())?;
                }
                let note = wb.note(&st.id);
                if !note.is_empty() {
                    sheet.write_string(row, 8, text(note))?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, row, 8)?;
    sheet.set_column_width(0, 20)?;
    sheet.set_column_width(5, 60)?;
    sheet.set_column_width(7, 21)?;
    sheet.set_column_width(8, 60)?;
    Ok(())
}

fn progress(
    sheet: &mut Worksheet,
    sheet_name: &str,
    framework: &Framework,
    members: &[&Member],
    lang: Lang,
    now: &Time,
) -> Result<(), XlsxError> {
    header(sheet, &words::progress(lang).map(String::from))?;
    let weeks = weeks(members, now);
    let mut at_target = vec![0usize; weeks.len()];
    let ends: Vec<i64> = weeks.iter().map(|(_, end)| *end).collect();
    for m in members {
        for (count, yes) in at_target.iter_mut().zip(at_target_by_week(framework, m, &ends)) {
            *count += usize::from(yes);
        }
    }
    for (i, ((monday, _), n)) in weeks.iter().zip(&at_target).enumerate() {
        let row = 1 + i as u32;
        sheet.write_string(row, 0, monday.to_string())?;
        sheet.write_number(row, 1, *n as f64)?;
        sheet.write_number(row, 2, members.len() as f64)?;
    }
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 18)?;
    let last = weeks.len() as u32;
    let mut chart = Chart::new(ChartType::Line);
    chart.title().set_name(words::chart_title(lang));
    for col in [1, 2] {
        chart
            .add_series()
            .set_name((sheet_name, 0, col))
            .set_categories((sheet_name, 1, 0, last, 0))
            .set_values((sheet_name, 1, col, last, col));
    }
    chart.y_axis().set_min(0);
    sheet.insert_chart(1, 4, &chart)?;
    Ok(())
}

// The week-by-week figures below are computed here, simply, for the report
// alone; the app's charts have their own (src/weekly.rs). They can be unified.

/// The weeks to show, oldest first: each week's Monday (local time) and the
/// Unix second it ends at (the next Monday's start, or now for this week).
/// From the week of the team's oldest history entry, a year at most.
fn weeks(members: &[&Member], now: &Time) -> Vec<(jiff::civil::Date, i64)> {
    let zone = jiff::tz::TimeZone::system();
    let now_s = unix_seconds(now).unwrap_or(0);
    let Ok(now_z) = jiff::Timestamp::from_second(now_s).map(|t| t.to_zoned_datetime(zone.clone())) else {
        return Vec::new();
    };
    let monday_of = |d: jiff::civil::Date| d.checked_sub(jiff::Span::new().days(d.weekday().to_monday_zero_offset()));
    let Ok(this_monday) = monday_of(now_z.date()) else { return Vec::new() };
    let oldest = members
        .iter()
        .flat_map(|m| m.workbook.history.first())
        .filter_map(|h| unix_seconds(&h.at))
        .min()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(|t| t.to_zoned_datetime(zone.clone()).date());
    let back = oldest
        .and_then(|d| monday_of(d).ok())
        .and_then(|m| m.until(this_monday).ok())
        .map_or(0, |span| i64::from(span.get_days()) / 7)
        .clamp(0, MAX_WEEKS - 1);
    (0..=back)
        .rev()
        .filter_map(|k| {
            let monday = this_monday.checked_sub(jiff::Span::new().weeks(k)).ok()?;
            let end = if k == 0 {
                now_s
            } else {
                monday
                    .checked_add(jiff::Span::new().weeks(1))
                    .ok()?
                    .to_zoned_datetime(zone.clone())
                    .ok()?
                    .timestamp()
                    .as_second()
            };
            Some((monday, end))
        })
        .collect()
}

/// Whether a learner was at target at the end of each week (`ends`, oldest
/// first): their checks now, with the history's later checks and unchecks
/// undone, newest first. Before the oldest entry the history keeps, the
/// checks are taken as they were just before it.
fn at_target_by_week(framework: &Framework, member: &Member, ends: &[i64]) -> Vec<bool> {
    let wb = &member.workbook;
    let role = member.summary.role.as_deref();
    let mut checked: HashSet<&str> = framework
        .competencies
        .iter()
        .flat_map(|c| c.statements())
        .map(|(_, s)| s.id.as_str())
        .filter(|id| wb.is_checked(id))
        .collect();
    let at_target = |checked: &HashSet<&str>| {
        framework.competencies.iter().all(|c| {
            let target = c.target(role);
            c.statements().filter(|(level, _)| level.level <= target).all(|(_, s)| checked.contains(s.id.as_str()))
        })
    };
    // A hand-written time that is no instant cannot be placed in a week: left out.
    let mut history = wb.history.iter().rev().filter_map(|h| Some((unix_seconds(&h.at)?, h))).peekable();
    let mut result = vec![false; ends.len()];
    for (i, &end) in ends.iter().enumerate().rev() {
        while let Some((_, h)) = history.next_if(|(at, _)| *at > end) {
            match (&h.target, h.what) {
                (Target::Statement(id), Verb::Check) => checked.remove(id.as_str()),
                (Target::Statement(id), Verb::Uncheck) => checked.insert(id.as_str()),
                _ => false,
            };
        }
        result[i] = at_target(&checked);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_to_what_a_cell_holds_in_utf16_units() {
        assert_eq!(text("青木 花子"), "青木 花子");
        let emoji = "😀".repeat(20_000);
        let cut = text(&emoji);
        assert_eq!(cut.encode_utf16().count(), 32_766, "the next emoji would not fit");
        let plain = "a".repeat(40_000);
        assert_eq!(text(&plain).len(), MAX_CELL);
    }
}
