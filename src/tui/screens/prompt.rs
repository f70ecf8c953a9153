//! A coach's one-line comment when signing off a level (`s`, comment
//! optional) or returning it as "not yet" (`x`, comment required).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe};
use crate::text::{fit, width};
use crate::tui::app::{App, StatusKind, Transition};
use crate::tui::keymap::Action;
use crate::workbook::Change;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    SignOff,
    Return,
}

pub struct Prompt {
    pub verdict: Verdict,
    pub competency: String,
    pub level: u8,
    pub text: String,
}

impl Prompt {
    pub fn new(verdict: Verdict, competency: String, level: u8) -> Prompt {
        Prompt {
            verdict,
            competency,
            level,
            text: String::new(),
        }
    }

    pub fn key(&mut self, key: KeyEvent) -> Transition {
        match key.code {
            KeyCode::Char(c) => self.text.push(c),
            KeyCode::Backspace => {
                self.text.pop();
            }
            _ => {}
        }
        Transition::Stay
    }

    pub fn paste(&mut self, text: &str) -> Transition {
        self.text.push_str(&text.replace(['\r', '\n'], " "));
        Transition::Stay
    }

    pub fn action(&mut self, app: &mut App, action: Action) -> Transition {
        let s = app.s();
        match action {
            Action::Cancel => Transition::Pop,
            Action::Confirm if self.verdict == Verdict::Return && self.text.trim().is_empty() => {
                app.set_status(StatusKind::Error, s.comment_required);
                Transition::Stay
            }
            Action::Confirm => {
                let (competency, level, comment) = (
                    self.competency.clone(),
                    self.level,
                    self.text.trim().to_string(),
                );
                let change = match self.verdict {
                    Verdict::SignOff => Change::SignOff {
                        competency,
                        level,
                        comment,
                    },
                    Verdict::Return => Change::Return {
                        competency,
                        level,
                        comment,
                    },
                };
                if app.change(change).is_err() {
                    return Transition::Stay;
                }
                let done = if self.verdict == Verdict::SignOff {
                    s.signed_off_now
                } else {
                    s.returned_now
                };
                app.set_status(
                    StatusKind::Success,
                    done.replace("{level}", &app.ui.lang.level(self.level)),
                );
                Transition::Pop
            }
            _ => Transition::Stay,
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, state: &Prompt) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let title = match state.verdict {
        Verdict::SignOff => s.signoff_prompt,
        Verdict::Return => s.return_prompt,
    };
    let title = format!(
        " {} {} {} ",
        title,
        safe(&state.competency),
        app.ui.lang.level(state.level)
    );
    let rect = common::dialog(frame, area, area.width.saturating_sub(4).min(76), 4);
    let block = common::block(&app.ui, Line::styled(title, theme.title()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let columns = inner.width as usize;
    let text = safe(&state.text);
    // Long comments scroll so the end, where typing happens, stays in view.
    let shown: String = {
        let mut chars: Vec<char> = text.chars().collect();
        while width(&chars.iter().collect::<String>()) + 2 > columns && !chars.is_empty() {
            chars.remove(0);
        }
        chars.into_iter().collect()
    };
    let hint = match state.verdict {
        Verdict::SignOff => s.comment_optional,
        Verdict::Return => s.comment_needed,
    };
    let lines = vec![
        Line::from(vec![
            Span::raw(" "),
            Span::styled(fit(&shown, columns.saturating_sub(1)), theme.selected()),
        ]),
        Line::styled(
            format!(" {}", fit(hint, columns.saturating_sub(1))),
            theme.dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    let x = (inner.x as usize + 1 + width(&shown))
        .min((inner.x + inner.width).saturating_sub(1) as usize);
    frame.set_cursor_position(Position::new(x as u16, inner.y));
}
