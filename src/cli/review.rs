//! `keiko review --export csv|md PATH...`: the team overview without the app.

use crate::i18n::{Words, msg};
use std::borrow::Cow;
use std::fmt::Write;

use rayon::prelude::*;

use super::export::{cell, csv_cell};
use crate::i18n::Localized;
use keiko_core::lang::Lang;
use keiko_core::model::framework::Framework;
use keiko_core::team::{SortBy, Team, visible};
use keiko_core::text::terminal_safe;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TeamFormat {
    Csv,
    Md,
}

/// What `review --export` makes: the overview as text, or the Excel report
/// (`cli::xlsx`, written only to a file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Export {
    Csv,
    Md,
    Xlsx,
}

/// The overview as text cells: a header and one row per learner. CSV gives
/// each competency two numeric columns (`SM-5_achieved`, `SM-5_target`:
/// a spreadsheet reads a cell like `1/2` as a date); Markdown, read by
/// people, one `1/2` column with words in the user's language. Times are
/// RFC 3339 in UTC in both (`2026-11-28T09:12:00Z`), as in the JSON export.
/// CSV has a row for each file that could not be used too (status
/// `not_read`, the reason in the last column, `problem`); Markdown lists
/// them under the table (`render`).
fn rows<'a>(framework: &'a Framework, team: &'a Team, format: TeamFormat, lang: Lang) -> (Row<'a>, Vec<Row<'a>>) {
    let [name, role, file, checked, total, percent, signoffs, requests, last] = match format {
        TeamFormat::Csv => CSV_COLUMNS,
        TeamFormat::Md => crate::i18n::team_export_columns(lang),
    };
    let mut header: Row = vec![Cell::from(name)];
    if format == TeamFormat::Csv {
        header.extend([Cell::from("login"), Cell::from("status")]);
    }
    header.extend([role, file, checked, total, percent].map(Cell::from));
    for c in &framework.competencies {
        match format {
            TeamFormat::Csv => {
                header.extend([format!("{}_achieved", c.id), format!("{}_target", c.id)].map(Cell::from))
            }
            TeamFormat::Md => header.push(Cell::from(c.id.as_str())),
        }
    }
    header.extend([signoffs, requests, last].map(Cell::from));
    if format == TeamFormat::Csv {
        header.push(Cell::from("problem"));
    }
    let mut rows: Vec<Row> = visible(&team.members, "", SortBy::Name)
        .into_par_iter()
        .map(|i| {
            let m = &team.members[i];
            let s = &m.summary;
            let login = m.login.as_deref().unwrap_or_default();
            let mut row = match format {
                TeamFormat::Csv => vec![Cell::from(s.name.as_str()), Cell::from(login), Cell::from(state(s))],
                // People read a login beside the name it tells apart.
                TeamFormat::Md if login.is_empty() => vec![Cell::from(s.name.as_str())],
                TeamFormat::Md => vec![Cell::from(format!("{} ({login})", s.name))],
            };
            row.extend([
                Cell::from(s.role.as_deref().unwrap_or_default()),
                Cell::Text(m.path.to_string_lossy()),
                Cell::Number(s.progress.done),
                Cell::Number(s.progress.total),
                Cell::Number(s.progress.percent()),
            ]);
            for &(achieved, target) in &s.levels {
                match format {
                    TeamFormat::Csv => row.extend([Cell::Number(achieved.into()), Cell::Number(target.into())]),
                    TeamFormat::Md => row.push(Cell::from(format!("{achieved}/{target}"))),
                }
            }
            row.push(Cell::Number(s.signoffs));
            row.push(Cell::Number(s.requests.len()));
            row.push(Cell::from(s.last_activity.as_ref().map(|t| t.to_string()).unwrap_or_default()));
            if format == TeamFormat::Csv {
                row.push(Cell::from(""));
            }
            row
        })
        .collect();
    if format == TeamFormat::Csv {
        // A learner keiko could not read is a row too, never silently missing:
        // who (as far as the file's place tells), where, and why; no figures.
        for p in &team.problems {
            let (name, login) = team.unread_learner(p);
            let mut row = vec![Cell::Text(name), Cell::from(login.unwrap_or_default()), Cell::from("not_read")];
            row.extend([Cell::from(""), Cell::Text(p.path.to_string_lossy())]);
            row.resize_with(header.len() - 1, || Cell::from(""));
            row.push(Cell::from(p.reason.message(lang)));
            rows.push(row);
        }
    }
    (header, rows)
}

type Row<'a> = Vec<Cell<'a>>;

/// A cell of the overview: text, much of it from files (made safe where
/// it is written), or a number.
enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(usize),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Cell<'_> {
    fn from(text: String) -> Self {
        Cell::Text(Cow::Owned(text))
    }
}

impl std::fmt::Display for Cell<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Text(text) => f.write_str(text),
            Cell::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A learner's state for scripts: `not_started` (on the roster, no
/// workbook yet), `at_target` or `in_progress`.
fn state(s: &keiko_core::team::Summary) -> &'static str {
    match (s.not_started, s.at_target) {
        (true, _) => "not_started",
        (false, true) => "at_target",
        (false, false) => "in_progress",
    }
}

/// The CSV's column names: for scripts, the same in every language.
const CSV_COLUMNS: [&str; 9] =
    ["name", "role", "file", "checked", "total", "percent", "signoffs", "open_requests", "last_activity"];

pub fn render(framework: &Framework, team: &Team, format: TeamFormat, lang: Lang) -> String {
    let (header, rows) = rows(framework, team, format, lang);
    match format {
        TeamFormat::Csv => {
            let write = |rows: &[Row]| {
                let mut writer = csv::Writer::from_writer(Vec::new());
                let mut digits = String::new();
                for row in rows {
                    for cell in row {
                        match cell {
                            // Names, file names and the framework's ids all come from files.
                            Cell::Text(text) => writer.write_field(csv_cell(text).as_bytes()),
                            Cell::Number(n) => {
                                digits.clear();
                                let _ = write!(digits, "{n}");
                                writer.write_field(&digits)
                            }
                        }
                        .expect("writing to memory");
                    }
                    writer.write_record(None::<&[u8]>).expect("writing to memory");
                }
                writer.into_inner().expect("writing to memory")
            };
            // Thousands of learners: runs of rows written on all cores, kept in order.
            let runs: Vec<Vec<u8>> =
                std::iter::once(write(&[header])).chain(rows.par_chunks(256).map(write).collect::<Vec<_>>()).collect();
            String::from_utf8(runs.concat()).expect("UTF-8 in, UTF-8 out")
        }
        TeamFormat::Md => {
            let s = lang;
            let (learners, at_target, waiting) = (team.members.len(), team.at_target(), team.open_requests());
            let summary = s.t(msg::TeamExportSummary { learners, at_target, waiting });
            let not_read = match team.problems.len() {
                0 => String::new(),
                n => crate::i18n::review_export_words::not_read(lang, n),
            };
            let mut out = format!("# {} {}\n\n{summary}{not_read}\n\n", s.t(msg::AppTitle), s.t(msg::TeamTitle));
            out += &format!("| {} |\n", header.iter().map(|c| cell(&c.to_string())).collect::<Vec<_>>().join(" | "));
            out += &format!("|{}\n", "---|".repeat(header.len()));
            for row in rows {
                out += &format!("| {} |\n", row.iter().map(|c| cell(&c.to_string())).collect::<Vec<_>>().join(" | "));
            }
            if !team.problems.is_empty() {
                out += &format!("\n## {}\n\n", s.t(msg::NotRead));
                for p in &team.problems {
                    // In a team, whose workbook it is: the file's name alone would not say.
                    let who = match team.unread_learner(p) {
                        (name, Some(login)) => format!("{} ({}) ", cell(&name), cell(login)),
                        _ => String::new(),
                    };
                    let path = code_span(&p.path.display().to_string());
                    out += &format!("- {who}{path}: {}\n", cell(&p.reason.message(lang)));
                }
            }
            out
        }
    }
}

/// A file name as Markdown code: fenced by more backticks than it holds, so
/// that no name can end the code early; controls shown as `^[`.
fn code_span(text: &str) -> String {
    let text = terminal_safe(text, false);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // A space keeps a backtick at either end apart from the fence.
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}
