//! `H`: the workbook's change history, newest first.

use crate::i18n::{Words, msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe, when};
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, scroll_list, scrolled};
use crate::tui::screens::Transition;
use crate::tui::screens::competency::CompetencyScreen;
use keiko_core::model::workbook::Target;
use keiko_core::model::workbook::{Change, HistoryEntry};
use keiko_core::text::width;

#[derive(Debug, Default)]
pub struct History {
    pub selected: usize,
    pub offset: usize,
}

/// Rows of the list at the current terminal size: page minus header, border, status, hints.
fn visible_rows(app: &Model) -> usize {
    usize::from(app.size.1).saturating_sub(5)
}

impl History {
    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let count = app.workbook().map_or(0, |wb| wb.history.len());
        let page = visible_rows(app);
        if scroll_list(action, &mut self.selected, &mut self.offset, count, page) {
            return Transition::Stay;
        }
        match action {
            Action::Back => Transition::Pop,
            Action::Open => {
                let target =
                    app.workbook().and_then(|wb| wb.history.iter().rev().nth(self.selected)).map(|h| h.target.clone());
                match target.and_then(|t| where_is(app, &t)) {
                    Some(screen) => Transition::OpenCompetency(screen),
                    None => Transition::Stay,
                }
            }
            _ => Transition::Stay,
        }
    }
}

/// The screen that shows a history entry's target: a statement, a level
/// or a competency.
fn where_is(app: &Model, target: &Target) -> Option<CompetencyScreen> {
    let (id, level) = match target {
        Target::Statement(id) => return app.framework.locate(id).map(CompetencyScreen::at),
        Target::Level { competency, level } => (competency, Some(*level)),
        Target::Competency(id) => (id, None),
        Target::Profile | Target::Other(_) => return None,
    };
    let competency = app.framework.competencies.iter().position(|c| &c.id == id)?;
    let levels = &app.framework.competencies[competency].levels;
    let level = level.and_then(|n| levels.iter().position(|l| l.level == n)).unwrap_or(0);
    Some(CompetencyScreen { competency, level, selected: 0 })
}

/// Who made a change: the learner's own entries under their display name.
fn who(app: &Model, by: &str) -> String {
    match app.workbook() {
        Some(wb) if !app.coach && by == app.actor && !wb.profile.name.is_empty() => safe(&wb.profile.name),
        _ => safe(by),
    }
}

/// "確認 SM-5.1.1", "元に戻す: メモ SM-5.1.1": a history entry in words.
pub fn describe(app: &Model, entry: &HistoryEntry) -> String {
    let verb = safe(&app.ui.lang.history_verb(&entry.what));
    let undo = if entry.undo { format!("{}: ", app.s().t(msg::Undone)) } else { String::new() };
    // A profile entry names no target: its verb says what changed.
    format!("{undo}{verb} {}", safe(&entry.target.to_string())).trim_end().to_string()
}

/// The status line after `u`: what `inverse` (the change the undo made, or
/// would have made) left, when `undone`; else that it could not.
pub fn describe_undo(app: &Model, inverse: &Change, undone: bool) -> String {
    let lang = app.ui.lang;
    let target = match inverse {
        Change::RequestReview { competency, level, .. } => format!("{} {}", safe(competency), lang.level(*level)),
        change => safe(&change.describe().1.to_string()),
    };
    if !undone {
        return lang.not_undone(&target);
    }
    let role = match inverse {
        Change::Profile { role: Some(code), .. } => match app.framework.role(code) {
            Some(role) => format!("{} {}", safe(&role.code), safe(role.name.get(lang))),
            None => safe(code),
        },
        _ => String::new(),
    };
    lang.undone(inverse, &target, &role)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, state: &History) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let page = common::page(frame, area, app, ScreenKind::History, 1);
    let Some(wb) = app.workbook() else { return };
    let title = vec![Span::styled(format!(" {}", s.t(msg::HistoryTitle)), theme.title())];
    let count = format!("{} ", s.t(msg::HistoryCount { n: wb.history.len() }));
    frame.render_widget(Paragraph::new(common::header_line(app, title, count, area.width as usize)), page.header);
    let block = common::block(&app.ui, "");
    let inner = block.inner(page.body);
    frame.render_widget(block, page.body);
    if wb.history.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled(format!(" {}", s.t(msg::HistoryEmpty)), theme.dim())), inner);
        return;
    }
    let columns = inner.width as usize;
    // Narrow: a shorter time and name, so what changed still shows.
    let narrow = columns < 60;
    let who_width =
        wb.history.iter().map(|h| width(&who(app, &h.by))).max().unwrap_or(4).min(if narrow { 8 } else { 14 });
    let lines: Vec<Line> = wb
        .history
        .iter()
        .rev()
        .enumerate()
        .skip(scrolled(state.offset, state.selected, inner.height as usize))
        .take(inner.height as usize)
        .map(|(i, entry)| {
            let selected = i == state.selected;
            let statement = app
                .framework
                .locate(&entry.target.to_string())
                .map(|at| safe(app.framework.statement(at).text.get(app.ui.lang)))
                .unwrap_or_default();
            let text = format!(
                "{}{}  {}  {}  {statement}",
                common::marker(selected),
                if narrow { keiko_core::clock::local_short(&entry.at) } else { when(&entry.at) },
                common::fit_ellipsis(&who(app, &entry.by), who_width),
                describe(app, entry)
            );
            let line = Line::raw(common::fit_ellipsis(&text, columns));
            if selected { line.patch_style(theme.selected()) } else { line }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
