//! `r` on the overview: choose another role grade. Progress follows at once.

use crate::i18n::{Words, msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe};
use crate::i18n::Lang;
use crate::tui::keymap::Action;
use crate::tui::model::{Model, Status, StatusKind, list_move};
use crate::tui::screens::Transition;
use keiko_core::model::workbook::Change;
use keiko_core::text::{fit, width};

pub struct RolePicker {
    pub selected: usize,
}

impl RolePicker {
    pub fn new(app: &Model) -> RolePicker {
        let current = app.role().and_then(|r| app.framework.roles.iter().position(|x| x.code == r));
        RolePicker { selected: current.unwrap_or(0) }
    }

    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let count = app.framework.roles.len();
        if let Some(selected) = list_move(action, self.selected, count, count) {
            self.selected = selected;
            return Transition::Stay;
        }
        match action {
            Action::Confirm => {
                let role = &app.framework.roles[self.selected];
                let (code, name) = (role.code.clone(), role.name.get(app.ui.lang).to_string());
                let text = format!("{}: {code} {}", app.s().t(msg::RoleChanged), safe(&name));
                let change = Change::Profile { name: None, role: Some(code) };
                let saved = Some(Status { kind: StatusKind::Success, text });
                Transition::Apply { change, saved, then: Box::new(Transition::Pop) }
            }
            Action::Cancel => Transition::Pop,
            _ => Transition::Stay,
        }
    }

    pub fn click(&mut self, app: &mut Model, row: u16, _column: u16) -> Transition {
        let (w, h) = app.size;
        let rect = area(app, Rect::new(0, 0, w, h));
        let first = rect.y + 1;
        if let Some(offset) = row.checked_sub(first) {
            let role = role_at_row(usize::from(offset));
            if role < app.framework.roles.len() {
                self.selected = role;
            }
        }
        Transition::Stay
    }
}

/// Two lines per role: the code and name in the UI language, then the name
/// in the other language. The selected one has the `>` marker, and is
/// highlighted when the list has focus.
pub fn role_lines(app: &Model, selected: usize, focused: bool, columns: usize) -> Vec<Line<'static>> {
    let theme = Theme::of(&app.ui);
    let lang = app.ui.lang;
    let other = if lang == Lang::JA { Lang::EN } else { Lang::JA };
    let code_width = app.framework.roles.iter().map(|r| width(&r.code)).max().unwrap_or(2);
    let mut lines = Vec::new();
    for (i, role) in app.framework.roles.iter().enumerate() {
        let first = format!(
            "{}{}  {}",
            common::marker(i == selected),
            fit(&safe(&role.code), code_width),
            safe(role.name.get(lang))
        );
        let line = Line::raw(common::fit_ellipsis(&first, columns));
        lines.push(if i == selected && focused { line.patch_style(theme.selected()) } else { line });
        let translated = role.name.get(other);
        let second = if translated == role.name.get(lang) { String::new() } else { safe(translated) };
        lines.push(Line::styled(
            common::fit_ellipsis(&format!("{}{second}", " ".repeat(code_width + 4)), columns),
            theme.dim(),
        ));
    }
    lines
}

/// The role a row of `role_lines` shows, counting from its first row.
pub fn role_at_row(row: usize) -> usize {
    row / 2
}

fn area(app: &Model, screen: Rect) -> Rect {
    let widest = role_lines(app, 0, true, 200).iter().map(|l| width(l.to_string().trim_end())).max();
    let w = widest.unwrap_or(30) as u16 + 4;
    let h = 2 * app.framework.roles.len() as u16 + 2;
    let w = w.min(screen.width);
    let h = h.min(screen.height);
    Rect { x: screen.x + (screen.width - w) / 2, y: screen.y + (screen.height - h) / 2, width: w, height: h }
}

pub fn draw(frame: &mut Frame, screen: Rect, app: &Model, state: &RolePicker) {
    let rect = area(app, screen);
    let rect = common::dialog(frame, rect, rect.width, rect.height);
    let block = common::block(&app.ui, format!(" {} ", app.s().t(msg::ChooseRole)));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // Two lines a role; scroll so the selected one shows when they do not all fit.
    let fitting = usize::from(inner.height / 2).max(1);
    let first = state.selected.saturating_sub(fitting - 1);
    let lines: Vec<Line> =
        role_lines(app, state.selected, true, inner.width as usize).into_iter().skip(2 * first).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
