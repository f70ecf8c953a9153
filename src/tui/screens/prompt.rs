//! A one-line input over the screen: a coach's comment when signing off a
//! level (`s`, comment optional) or returning it as "not yet" (`x`, comment
//! required), the name filter of the team overview (`/`), or the learner's
//! display name (`N` on the overview).

use crate::i18n::{Words, msg};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe};
use crate::tui::keymap::Action;
use crate::tui::model::{Model, Status, StatusKind};
use crate::tui::screens::Transition;
use keiko_core::model::workbook::{Change, VerdictKind};
use keiko_core::text::{fit, width};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Verdict {
        verdict: VerdictKind,
        competency: String,
        level: u8,
    },
    /// Filters the team overview by name as the coach types.
    Filter,
    /// The learner's display name (`N` on the overview).
    Name,
}

pub struct Prompt {
    pub purpose: Purpose,
    pub text: String,
}

impl Prompt {
    pub fn new(verdict: VerdictKind, competency: String, level: u8) -> Prompt {
        Prompt { purpose: Purpose::Verdict { verdict, competency, level }, text: String::new() }
    }

    pub fn filter(current: &str) -> Prompt {
        Prompt { purpose: Purpose::Filter, text: current.to_string() }
    }

    pub fn name(current: &str) -> Prompt {
        Prompt { purpose: Purpose::Name, text: current.to_string() }
    }

    /// The sign-off or return this prompt is for, if it is for one.
    pub fn verdict(&self) -> Option<(VerdictKind, &str, u8)> {
        match &self.purpose {
            Purpose::Verdict { verdict, competency, level } => Some((*verdict, competency, *level)),
            Purpose::Filter | Purpose::Name => None,
        }
    }

    pub fn key(&mut self, app: &mut Model, key: KeyEvent) -> Transition {
        match key.code {
            KeyCode::Char(c) if !super::common::is_command(&key) => self.text.push(c),
            KeyCode::Backspace => {
                self.text.pop();
            }
            _ => {}
        }
        self.changed(app)
    }

    pub fn paste(&mut self, app: &mut Model, text: &str) -> Transition {
        self.text.push_str(&text.replace(['\r', '\n'], " "));
        self.changed(app)
    }

    /// The filter applies as the coach types.
    fn changed(&self, app: &mut Model) -> Transition {
        if self.purpose == Purpose::Filter
            && let Some(team) = app.team.as_mut()
        {
            team.filter = self.text.clone();
            team.resort();
        }
        Transition::Stay
    }

    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        if self.purpose == Purpose::Name {
            return self.rename(app, action);
        }
        let Purpose::Verdict { verdict, competency, level } = self.purpose.clone() else {
            // The filter: Enter keeps it, Esc clears it.
            if action == Action::Cancel {
                self.text.clear();
                self.changed(app);
            }
            return if matches!(action, Action::Confirm | Action::Cancel) { Transition::Pop } else { Transition::Stay };
        };
        let s = app.s();
        match action {
            Action::Cancel => Transition::Pop,
            Action::Confirm if verdict == VerdictKind::Return && self.text.trim().is_empty() => {
                app.set_status(StatusKind::Error, s.t(msg::CommentRequired));
                Transition::Stay
            }
            Action::Confirm => {
                let comment = self.text.trim().to_string();
                let change = match verdict {
                    VerdictKind::SignOff => Change::sign_off(&app.framework, &competency, level, &comment),
                    VerdictKind::Return => Change::Return { competency, level, comment },
                };
                let level = app.ui.lang.level(level);
                let text = match verdict {
                    VerdictKind::SignOff => s.t(msg::SignedOffNow { level }),
                    VerdictKind::Return => s.t(msg::ReturnedNow { level }),
                };
                let saved = Status { kind: StatusKind::Success, text };
                Transition::Apply { change, saved: Some(saved), then: Box::new(Transition::Pop) }
            }
            _ => Transition::Stay,
        }
    }
}

impl Prompt {
    fn rename(&mut self, app: &mut Model, action: Action) -> Transition {
        let s = app.s();
        let name = self.text.trim().to_string();
        match action {
            Action::Cancel => Transition::Pop,
            Action::Confirm if name.is_empty() => {
                app.set_status(StatusKind::Error, s.t(msg::NameRequired));
                Transition::Stay
            }
            Action::Confirm => {
                let text = s.t(msg::NameSaved { name: &name });
                let change = Change::Profile { name: Some(name), role: None };
                let saved = Status { kind: StatusKind::Success, text };
                Transition::Apply { change, saved: Some(saved), then: Box::new(Transition::Pop) }
            }
            _ => Transition::Stay,
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, state: &Prompt) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let (title, hint) = match &state.purpose {
        Purpose::Verdict { verdict, competency, level } => {
            let (title, hint) = match verdict {
                VerdictKind::SignOff => (s.t(msg::SignoffPrompt), s.t(msg::CommentOptional)),
                VerdictKind::Return => (s.t(msg::ReturnPrompt), s.t(msg::CommentNeeded)),
            };
            (format!(" {title} {} {} ", safe(competency), app.ui.lang.level(*level)), hint)
        }
        Purpose::Filter => (format!(" {} ", s.t(msg::FilterPrompt)), s.t(msg::FilterHint)),
        Purpose::Name => (format!(" {} ", s.t(msg::NamePrompt)), s.t(msg::NameHint)),
    };
    let rect = common::dialog(frame, area, area.width.saturating_sub(4).min(76), 4);
    let block = common::block(&app.ui, Line::styled(title, theme.title()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let columns = inner.width as usize;
    let text = safe(&state.text);
    // Long input scrolls so its end, where typing happens, stays in view.
    let mut shown = text.as_str();
    while width(shown) + 2 > columns && !shown.is_empty() {
        let first = shown.chars().next().map_or(0, char::len_utf8);
        shown = &shown[first..];
    }
    let lines = vec![
        Line::from(vec![Span::raw(" "), Span::styled(fit(shown, columns.saturating_sub(1)), theme.selected())]),
        Line::styled(format!(" {}", common::fit_ellipsis(hint, columns.saturating_sub(1))), theme.dim()),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    let x = (inner.x as usize + 1 + width(shown)).min((inner.x + inner.width).saturating_sub(1) as usize);
    frame.set_cursor_position(Position::new(x as u16, inner.y));
}
