//! First run: a display name and a role grade, then the overview.

use crate::i18n::{Words, msg};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe, wrapped};
use super::role_picker::role_lines;
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, Status, StatusKind, list_move};
use crate::tui::screens::overview::Overview;
use crate::tui::screens::{Screen, Transition};
use keiko_core::model::workbook::{Change, Workbook};
use keiko_core::text::width;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Role,
}

pub struct Welcome {
    pub name: String,
    pub role: usize,
    pub focus: Field,
}

impl Welcome {
    pub fn new(wb: &Workbook) -> Welcome {
        Welcome { name: wb.profile.name.clone(), role: 0, focus: Field::Name }
    }

    pub fn key(&mut self, key: KeyEvent) -> Transition {
        if self.focus == Field::Name {
            match key.code {
                KeyCode::Char(c) if !super::common::is_command(&key) => self.name.push(c),
                KeyCode::Backspace => {
                    self.name.pop();
                }
                _ => {}
            }
        }
        Transition::Stay
    }

    pub fn paste(&mut self, text: &str) -> Transition {
        if self.focus == Field::Name {
            let first_line = text.split(['\r', '\n']).next().unwrap_or("");
            self.name.extend(first_line.chars().filter(|c| !c.is_control()));
        }
        Transition::Stay
    }

    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let count = app.framework.roles.len();
        match action {
            Action::NextField => {
                self.focus = if self.focus == Field::Name { Field::Role } else { Field::Name };
            }
            Action::Up | Action::Down | Action::Home | Action::End => {
                self.focus = Field::Role;
                self.role = list_move(action, self.role, count, 1).unwrap_or(self.role);
            }
            Action::Confirm if self.focus == Field::Name => self.focus = Field::Role,
            Action::Confirm => return self.finish(app),
            _ => {}
        }
        Transition::Stay
    }

    fn finish(&mut self, app: &mut Model) -> Transition {
        let name = if self.name.trim().is_empty() { app.actor.clone() } else { self.name.trim().to_string() };
        let role = app.framework.roles[self.role].code.clone();
        let change = Change::Profile { name: Some(name), role: Some(role) };
        let saved = Some(Status { kind: StatusKind::Success, text: app.s().t(msg::WelcomeDone).to_string() });
        let then = Box::new(Transition::Replace(Screen::Overview(Overview::default())));
        Transition::Apply { change, saved, then }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, state: &Welcome) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let page = common::page(frame, area, app, ScreenKind::Welcome, 1);
    frame.render_widget(
        Paragraph::new(Line::styled(format!(" {}", s.t(msg::WelcomeTitle)), theme.title())),
        page.header,
    );
    let columns = page.body.width.saturating_sub(2) as usize;
    let rows = page.body.height as usize;

    let label = format!(" {}: ", s.t(msg::DisplayName));
    let name = safe(&state.name);
    let name_style = if state.focus == Field::Name { theme.selected() } else { theme.dim() };
    let field_width = columns.saturating_sub(width(&label)).min(30);
    let padding = " ".repeat(field_width.saturating_sub(width(&name)));
    let name_line = Line::from(vec![
        Span::styled(label.clone(), theme.title()),
        Span::styled(format!("{name}{padding}"), name_style),
    ]);
    let hint = if state.name.is_empty() {
        Line::styled(format!(" {}", s.t(msg::DisplayNameHint { user: &safe(&app.actor) })), theme.dim())
    } else {
        Line::raw("")
    };
    let intro: Vec<Line> =
        wrapped(s.t(msg::WelcomeIntro), columns).into_iter().map(|l| Line::raw(format!(" {l}"))).collect();
    let mut roles: Vec<Line> = role_lines(app, state.role, state.focus == Field::Role, columns)
        .into_iter()
        .map(|line| {
            let mut spans = vec![Span::raw(" ")];
            spans.extend(line.spans);
            Line::from(spans).style(line.style)
        })
        .collect();

    // Always: the name, the role list's title and one line per role. Then,
    // as far as there is room, in this order: the name's hint, the roles'
    // names in the other language, a blank row, the introduction. What is
    // left scrolls the role list to the selected role.
    let fixed = 2 + roles.len() / 2;
    let fits = |rows_wanted: usize| fixed + rows_wanted <= rows;
    let hint_rows = usize::from(fits(1));
    let per_role = if fits(hint_rows + roles.len() / 2) { 2 } else { 1 };
    let extra = hint_rows + (per_role - 1) * roles.len() / 2;
    let blank_rows = usize::from(hint_rows == 1 && fits(extra + 1));
    let intro_rows = if fits(extra + blank_rows + intro.len() + 2) { intro.len() + 2 } else { 0 };
    if per_role == 1 {
        roles = roles.into_iter().step_by(2).collect();
    }
    let room = rows.saturating_sub(2 + hint_rows + blank_rows + intro_rows).max(1);
    let first = (state.role * per_role + per_role).saturating_sub(room);

    let mut lines = Vec::new();
    if intro_rows > 0 {
        lines.push(Line::raw(""));
        lines.extend(intro);
        lines.push(Line::raw(""));
    }
    lines.push(name_line);
    let name_row = lines.len() - 1;
    if hint_rows > 0 {
        lines.push(hint);
    }
    if blank_rows > 0 {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(format!(" {}:", s.t(msg::ChooseRole)), theme.title()));
    lines.extend(roles.into_iter().skip(first));
    frame.render_widget(Paragraph::new(lines), page.body);
    if state.focus == Field::Name {
        let x = page.body.x as usize + width(&label) + width(&name);
        let y = page.body.y as usize + name_row;
        if x < (area.x + area.width) as usize && y < (page.body.y + page.body.height) as usize {
            frame.set_cursor_position(Position::new(x as u16, y as u16));
        }
    }
}
