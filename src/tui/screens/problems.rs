//! `p` in the team overview: every file that could not be read, with its
//! full path and the reason, where the box under the table has room for a
//! few only.

use crate::i18n::{Words, msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe};
use crate::i18n::Localized;
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, scroll_list, scrolled};
use crate::tui::screens::Transition;
use keiko_core::text::{fit, width};

#[derive(Debug, Default)]
pub struct Problems {
    pub selected: usize,
    pub offset: usize,
}

/// Rows of one file: its path, then its reason.
const ROWS: usize = 2;

/// Files visible at once: the page less the header, the frame, the status and hint rows.
fn visible(app: &Model) -> usize {
    usize::from(app.size.1).saturating_sub(5) / ROWS
}

impl Problems {
    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let count = app.team.as_ref().map_or(0, |t| t.team.problems.len());
        if scroll_list(action, &mut self.selected, &mut self.offset, count, visible(app)) {
            return Transition::Stay;
        }
        match action {
            Action::Back => Transition::Pop,
            _ => Transition::Stay,
        }
    }
}

/// A path cut from its start, so the file's name stays: `..am/broken.toml`.
fn fit_path(path: &str, columns: usize) -> String {
    if width(path) <= columns {
        return path.to_string();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 2;
    for c in path.chars().rev() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > columns {
            break;
        }
        tail.push(c);
    }
    format!("..{}", tail.into_iter().rev().collect::<String>())
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, screen: &Problems) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let Some(state) = &app.team else { return };
    let team = &state.team;
    let page = common::page(frame, area, app, ScreenKind::Problems, 1);
    let title = vec![Span::styled(format!(" {}", s.t(msg::NotRead)), theme.title())];
    frame.render_widget(
        Paragraph::new(common::header_line(app, title, format!("{} ", team.problems.len()), area.width as usize)),
        page.header,
    );
    let block = common::block(&app.ui, "");
    let inner = block.inner(page.body);
    frame.render_widget(block, page.body);
    let columns = inner.width as usize;
    let mut lines = Vec::new();
    // The count of files skipped (not `.toml`) first: it does not scroll away.
    if team.skipped > 0 {
        let text = s.t(msg::SkippedFiles { n: team.skipped });
        lines.push(Line::styled(fit(&format!(" {text}"), columns), theme.dim()));
    }
    // Each file: its path, then its reason wrapped below it (a reason may be long).
    let indent = "    ";
    let items: Vec<(String, Vec<String>)> = team
        .problems
        .iter()
        .map(|problem| {
            let path = fit_path(&safe(&problem.path.display().to_string()), columns.saturating_sub(2));
            let reason = problem.reason.message(app.ui.lang);
            let reason = common::wrapped(&reason, columns.saturating_sub(indent.len()).max(1));
            (path, reason)
        })
        .collect();
    let room = usize::from(inner.height).saturating_sub(lines.len());
    let height =
        |range: std::ops::RangeInclusive<usize>| -> usize { items[range].iter().map(|(_, r)| 1 + r.len()).sum() };
    // From the offset the keys left, on until the selected file shows in full.
    let selected = screen.selected.min(items.len().saturating_sub(1));
    let mut offset = scrolled(screen.offset, selected, room / ROWS).min(selected);
    while offset < selected && height(offset..=selected) > room {
        offset += 1;
    }
    for (i, (path, reason)) in items.iter().enumerate().skip(offset) {
        if lines.len() >= usize::from(inner.height) {
            break;
        }
        let line = Line::raw(fit(&format!("{}{path}", common::marker(i == selected)), columns));
        lines.push(if i == selected { line.patch_style(theme.selected()) } else { line });
        lines.extend(reason.iter().map(|r| Line::raw(format!("{indent}{r}"))));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_path_keeps_its_file_name() {
        assert_eq!(fit_path("/srv/keiko/team/broken.toml", 14), "../broken.toml");
        assert_eq!(fit_path("/srv/a.toml", 20), "/srv/a.toml");
        assert_eq!(fit_path("/srv/チーム/壊れた.toml", 13), "..壊れた.toml");
    }
}
