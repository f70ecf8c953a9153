//! `keiko review --export xlsx -o FILE.xlsx`: the team as an Excel report
//! for a manager's meeting. Four sheets: a summary, the skills matrix, every
//! learner × statement, and the team's progress week by week with a chart.
//!
//! Every text from a workbook or the framework goes in with `write_string`:
//! Excel shows a string cell as it is and never runs it as a formula, so a
//! name like `=HYPERLINK(…)` stays a name (no `'` needed, unlike CSV).

use std::borrow::Cow;
use std::path::Path;

use rayon::prelude::*;
use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormatFormula, Format, Workbook as Xlsx, Worksheet, XlsxError, column_number_to_name,
};

use crate::i18n::Localized;
use crate::i18n::xlsx_words as words;
use keiko_core::clock::{Time, local_date};
use keiko_core::lang::Lang;
use keiko_core::model::framework::Framework;
use keiko_core::team::matrix::Mark;
use keiko_core::team::{Member, SortBy, Team, visible};

/// Rows in one Excel sheet.
const MAX_ROWS: u32 = 1_048_576;
/// What one Excel cell holds, in UTF-16 units (an emoji is two).
const MAX_CELL: usize = 32_767;
/// Weeks the progress sheet goes back at most: a year.
const MAX_WEEKS: i64 = 52;

/// Makes the report and writes it to `path` (atomically, private when new).
pub fn write(framework: &Framework, team: &Team, title: &str, lang: Lang, path: &Path) -> Result<(), String> {
    let bytes = report(framework, team, title, lang, keiko_core::clock::now())?;
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
        Some(t) if !t.state().file.name.trim().is_empty() => t.state().file.name.clone(),
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
    let sheet = book.add_worksheet_with_constant_memory()?.set_name(statements_name)?;
    statements(sheet, framework, team, &members, lang)?;
    progress(book.add_worksheet().set_name(progress_name)?, progress_name, &members, lang, &now)?;
    book.save_to_buffer()
}

/// Text from a file as a cell shows it: controls and bidi overrides as the
/// terminal and every other output show them (`^[`, `<U+202E>`; tabs and
/// line breaks kept), so a name cannot read backwards in Excel; then cut to
/// what one cell holds (a longer note is cut, not refused).
fn text(s: &str) -> Cow<'_, str> {
    if s.chars().any(keiko_core::text::is_unsafe_char) {
        let mut shown = keiko_core::text::terminal_safe(s, true);
        shown.truncate(cell_length(&shown));
        Cow::Owned(shown)
    } else {
        Cow::Borrowed(&s[..cell_length(s)])
    }
}

/// How many bytes of `s` fit in one cell.
fn cell_length(s: &str) -> usize {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL {
            return i;
        }
    }
    s.len()
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
    sheet.set_column_width(2, 20)?;
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
    // Every file not read, with why and (as far as its place tells) whose:
    // a learner keiko could not read is never silently missing.
    if !team.problems.is_empty() {
        row += 1;
        label(sheet, row, not_read)?;
        for (col, name) in words::not_read_columns(lang).into_iter().enumerate() {
            sheet.write_string_with_format(row, 1 + col as u16, name, &bold())?;
        }
        for p in &team.problems {
            row += 1;
            let (name, login) = team.unread_learner(p);
            sheet.write_string(row, 0, text(&p.path.display().to_string()))?;
            sheet.write_string(row, 1, text(&p.reason.message(lang)))?;
            sheet.write_string(row, 2, text(&name))?;
            if let Some(login) = login {
                sheet.write_string(row, 3, text(login))?;
            }
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
fn mark_format(mark: Mark) -> Format {
    Format::new().set_num_format(format!("0\" {}\"", mark.glyph()))
}

fn matrix(sheet: &mut Worksheet, framework: &Framework, members: &[&Member], lang: Lang) -> Result<(), XlsxError> {
    let mut names: Vec<String> = words::matrix(lang).iter().map(|s| s.to_string()).collect();
    for c in &framework.competencies {
        names.extend(words::levels(lang, &c.id));
    }
    header(sheet, &names)?;
    let marks = [Mark::Below, Mark::At, Mark::Above].map(mark_format);
    for (i, m) in members.iter().enumerate() {
        let row = 1 + i as u32;
        let s = &m.summary;
        sheet.write_string(row, 0, text(&s.name))?;
        sheet.write_string(row, 1, text(m.login.as_deref().unwrap_or_default()))?;
        sheet.write_string(row, 2, text(s.role.as_deref().unwrap_or_default()))?;
        for (ci, &(achieved, target)) in s.levels.iter().enumerate() {
            let col = 3 + 2 * ci as u16;
            let mark = &marks[Mark::of(achieved, target) as usize];
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

/// Every learner × statement. The team keeps summaries only: each learner's
/// workbook is read here, one at a time, and let go once its rows are written.
fn statements(
    sheet: &mut Worksheet,
    framework: &Framework,
    team: &Team,
    members: &[&Member],
    lang: Lang,
) -> Result<(), XlsxError> {
    header(sheet, &words::statements(lang).map(String::from))?;
    let mut row = 0;
    // Read on all cores, a run at a time (memory stays bounded), written in order.
    let read = members.chunks(64).flat_map(|run| {
        let workbooks: Vec<_> = run.par_iter().map(|m| team.workbook_of(framework, m)).collect();
        run.iter().zip(workbooks)
    });
    for (m, wb) in read {
        let wb = match wb {
            Ok(wb) => wb,
            Err(e) => {
                // Read when the summary was made, unreadable now: say so in its row.
                row += 1;
                sheet.write_string(row, 0, text(&m.summary.name))?;
                sheet.write_string(row, 1, text(m.login.as_deref().unwrap_or_default()))?;
                sheet.write_string(row, 5, text(&crate::i18n::Localized::message(&e, lang)))?;
                continue;
            }
        };
        let wb = &wb;
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
    members: &[&Member],
    lang: Lang,
    now: &Time,
) -> Result<(), XlsxError> {
    header(sheet, &words::progress(lang).map(String::from))?;
    // The same figures as the app's team chart (`t`), from each learner's summary.
    let zone = keiko_core::clock::display_zone();
    let learners = members.iter().map(|m| {
        let s = &m.summary;
        (s.at_target, s.at_target_since.as_ref(), !s.activity.is_empty())
    });
    let series = keiko_core::model::weekly::team_at_target(learners, &zone, now);
    let series = &series[series.len().saturating_sub(MAX_WEEKS as usize)..];
    let weeks: Vec<(jiff::civil::Date, i64)> = series.iter().map(|p| (p.week.monday(), 0)).collect();
    let at_target: Vec<usize> = series.iter().map(|p| p.value).collect();
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
        // Made visible first, then cut: the escapes count too.
        let hidden = "\u{202e}".repeat(10_000);
        assert_eq!(text(&hidden).len(), MAX_CELL);
        assert!(text(&hidden).starts_with("<U+202E><U+202E>"));
    }
}
