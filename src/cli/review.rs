//! `keiko review --export csv|md PATH...`: the team overview without the app.

use super::export::{cell, csv_cell};
use crate::framework::Framework;
use crate::lang::{Lang, Localized};
use crate::team::{SortBy, Team, visible};
use crate::text::terminal_safe;

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
fn rows(framework: &Framework, team: &Team, format: TeamFormat, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let [name, role, file, checked, total, percent, signoffs, requests, last] = match format {
        TeamFormat::Csv => CSV_COLUMNS,
        TeamFormat::Md => lang.strings().team_export_columns,
    };
    let mut header: Vec<String> = vec![name.to_string()];
    if format == TeamFormat::Csv {
        header.extend(["login".to_string(), "status".to_string()]);
    }
    header.extend([role, file, checked, total, percent].iter().map(|s| s.to_string()));
    for c in &framework.competencies {
        match format {
            TeamFormat::Csv => header.extend([format!("{}_achieved", c.id), format!("{}_target", c.id)]),
            TeamFormat::Md => header.push(c.id.clone()),
        }
    }
    header.extend([signoffs, requests, last].iter().map(|s| s.to_string()));
    let rows = visible(&team.members, "", SortBy::Name)
        .into_iter()
        .map(|i| {
            let m = &team.members[i];
            let s = &m.summary;
            let login = m.login.clone().unwrap_or_default();
            let mut row = match format {
                TeamFormat::Csv => vec![s.name.clone(), login, state(s).to_string()],
                // People read a login beside the name it tells apart.
                TeamFormat::Md if login.is_empty() => vec![s.name.clone()],
                TeamFormat::Md => vec![format!("{} ({login})", s.name)],
            };
            row.extend([
                s.role.clone().unwrap_or_default(),
                m.path.display().to_string(),
                s.progress.done.to_string(),
                s.progress.total.to_string(),
                s.progress.percent().to_string(),
            ]);
            for (achieved, target) in &s.levels {
                match format {
                    TeamFormat::Csv => row.extend([achieved.to_string(), target.to_string()]),
                    TeamFormat::Md => row.push(format!("{achieved}/{target}")),
                }
            }
            row.push(s.signoffs.to_string());
            row.push(s.requests.len().to_string());
            row.push(s.last_activity.as_ref().map(|t| t.to_string()).unwrap_or_default());
            row
        })
        .collect();
    (header, rows)
}

/// A learner's state for scripts: `not_started` (on the roster, no
/// workbook yet), `at_target` or `in_progress`.
fn state(s: &crate::team::Summary) -> &'static str {
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
            let mut writer = csv::Writer::from_writer(Vec::new());
            // Names, file names and the framework's ids all come from files.
            for row in std::iter::once(header).chain(rows) {
                let row: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
                writer.write_record(&row).expect("writing to memory");
            }
            String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
        }
        TeamFormat::Md => {
            let s = lang.strings();
            let summary = s
                .team_export_summary
                .replace("{learners}", &team.members.len().to_string())
                .replace("{at_target}", &team.at_target().to_string())
                .replace("{waiting}", &team.open_requests().to_string());
            let mut out = format!("# {} {}\n\n{summary}\n\n", s.app_title, s.team_title);
            out += &format!("| {} |\n", header.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
            out += &format!("|{}\n", "---|".repeat(header.len()));
            for row in rows {
                out += &format!("| {} |\n", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
            }
            if !team.problems.is_empty() {
                out += &format!("\n## {}\n\n", s.not_read);
                for p in &team.problems {
                    out +=
                        &format!("- {}: {}\n", code_span(&p.path.display().to_string()), cell(&p.reason.message(lang)));
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
