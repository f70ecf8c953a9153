//! `H`: the workbook's change history, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe, when};
use crate::text::{fit, width};
use crate::tui::app::{App, Transition, list_move, scrolled};
use crate::tui::keymap::{Action, ScreenKind};
use crate::workbook::{Change, HistoryEntry};

#[derive(Debug, Default)]
pub struct History {
    pub selected: usize,
    pub offset: usize,
}

/// Rows of the list at the current terminal size: page minus header, border, status, hints.
fn visible_rows(app: &App) -> usize {
    usize::from(app.size.1).saturating_sub(5)
}

impl History {
    pub fn action(&mut self, app: &mut App, action: Action) -> Transition {
        let count = app.workbook().map_or(0, |wb| wb.history.len());
        let page = visible_rows(app);
        if let Some(selected) = list_move(action, self.selected, count, page) {
            self.selected = selected;
            self.offset = scrolled(self.offset, selected, page);
            return Transition::Stay;
        }
        match action {
            Action::Back => Transition::Pop,
            _ => Transition::Stay,
        }
    }
}

/// "確認 SM-5.1.1", "元に戻す: メモ SM-5.1.1": a history entry in words.
pub fn describe(app: &App, entry: &HistoryEntry) -> String {
    let verb = app.ui.lang.history_verb(&entry.what);
    let undo = if entry.undo {
        format!("{}: ", app.s().undone)
    } else {
        String::new()
    };
    format!("{undo}{verb} {}", safe(&entry.target))
}

/// A change in words, for the status line after undo.
pub fn describe_change(app: &App, change: &Change) -> String {
    let (what, target) = change.describe();
    format!("{} {}", app.ui.lang.history_verb(what), safe(&target))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, state: &History) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let page = common::page(frame, area, app, ScreenKind::History, 1);
    let Some(wb) = app.workbook() else { return };
    let title = vec![Span::styled(format!(" {}", s.history_title), theme.title())];
    let count = format!("{} ", wb.history.len());
    frame.render_widget(
        Paragraph::new(common::header_line(app, title, count, area.width as usize)),
        page.header,
    );
    let block = common::block(&app.ui, "");
    let inner = block.inner(page.body);
    frame.render_widget(block, page.body);
    if wb.history.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(format!(" {}", s.history_empty), theme.dim())),
            inner,
        );
        return;
    }
    let columns = inner.width as usize;
    let who_width = wb
        .history
        .iter()
        .map(|h| width(&safe(&h.by)))
        .max()
        .unwrap_or(4)
        .min(12);
    let lines: Vec<Line> = wb
        .history
        .iter()
        .rev()
        .enumerate()
        .skip(state.offset)
        .take(inner.height as usize)
        .map(|(i, entry)| {
            let selected = i == state.selected;
            let statement = app
                .framework
                .locate(&entry.target)
                .map(|at| safe(app.framework.statement(at).text.get(app.ui.lang)))
                .unwrap_or_default();
            let text = format!(
                "{}{}  {}  {}  {statement}",
                common::marker(selected),
                when(&entry.at),
                fit(&safe(&entry.by), who_width),
                describe(app, entry)
            );
            let line = Line::raw(fit(&text, columns));
            if selected {
                line.patch_style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
