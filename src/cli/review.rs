//! `keiko review --export csv|md PATH...`: the team overview without the app.

use super::export::{cell, csv_cell};
use crate::clock::local_datetime;
use crate::framework::Framework;
use crate::lang::{Lang, Localized};
use crate::team::{SortBy, Team, visible};
use crate::text::terminal_safe;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TeamFormat {
    Csv,
    Md,
}

/// One row of the overview, as text cells.
fn rows(framework: &Framework, team: &Team) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> =
        ["name", "role", "file", "checked", "total", "percent"].iter().map(|s| s.to_string()).collect();
    header.extend(framework.competencies.iter().map(|c| c.id.clone()));
    header.extend(["signoffs", "open_requests", "last_activity"].iter().map(|s| s.to_string()));
    let rows = visible(&team.members, "", SortBy::Name)
        .into_iter()
        .map(|i| {
            let m = &team.members[i];
            let s = &m.summary;
            let mut row = vec![
                s.name.clone(),
                s.role.clone().unwrap_or_default(),
                m.path.display().to_string(),
                s.progress.done.to_string(),
                s.progress.total.to_string(),
                s.progress.percent().to_string(),
            ];
            row.extend(s.levels.iter().map(|(achieved, target)| format!("{achieved}/{target}")));
            row.push(s.signoffs.to_string());
            row.push(s.requests.len().to_string());
            row.push(s.last_activity.as_ref().map(|t| t.to_string()).unwrap_or_default());
            row
        })
        .collect();
    (header, rows)
}

pub fn render(framework: &Framework, team: &Team, format: TeamFormat, lang: Lang) -> String {
    let (header, rows) = rows(framework, team);
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
            let mut out = format!(
                "# keiko team review\n\n{} learners, {} at target, {} reviews waiting\n\n",
                team.members.len(),
                team.at_target(),
                team.open_requests()
            );
            out += &format!("| {} |\n", header.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
            out += &format!("|{}\n", "---|".repeat(header.len()));
            for row in rows {
                let mut row = row;
                if let Some(last) = row.last_mut()
                    && let Ok(t) = last.parse()
                {
                    *last = local_datetime(&t);
                }
                out += &format!("| {} |\n", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
            }
            if !team.problems.is_empty() {
                out += "\n## Not read\n\n";
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
