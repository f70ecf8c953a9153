//! A yes/no question over the screen, before a step the user may not mean:
//! asking for review of a level with unchecked statements, or a coach
//! signing off a level with nothing checked and no request.

use crate::i18n::{Words, msg};
use keiko_core::model::workbook::VerdictKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, wrapped};
use crate::tui::keymap::Action;
use crate::tui::model::{Model, Status, StatusKind};
use crate::tui::screens::prompt::Prompt;
use crate::tui::screens::{Screen, Transition};
use keiko_core::model::workbook::Change;

/// What a yes goes on to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// The learner asks for review of this level.
    RequestReview { competency: String, level: u8 },
    /// The coach goes on to the sign-off prompt for this level.
    SignOff { competency: String, level: u8 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The question, naming what is unchecked.
    pub question: String,
    pub then: Then,
}

impl Confirm {
    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        match action {
            Action::Cancel => Transition::Pop,
            Action::Confirm => match self.then.clone() {
                Then::RequestReview { competency, level } => {
                    let text = app.s().t(msg::ReviewRequestedNow { level: &app.ui.lang.level(level) });
                    let change = Change::RequestReview { competency, level, requested: true };
                    let saved = Status { kind: StatusKind::Success, text };
                    Transition::Apply { change, saved: Some(saved), then: Box::new(Transition::Pop) }
                }
                Then::SignOff { competency, level } => {
                    Transition::Replace(Screen::Prompt(Prompt::new(VerdictKind::SignOff, competency, level)))
                }
            },
            _ => Transition::Stay,
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, state: &Confirm) {
    let theme = Theme::of(&app.ui);
    let box_width = area.width.saturating_sub(4).min(76);
    let lines = wrapped(&state.question, box_width.saturating_sub(4) as usize);
    let rect = common::dialog(frame, area, box_width, lines.len() as u16 + 2);
    let block = common::block(&app.ui, Line::styled(format!(" {} ", app.s().t(msg::ConfirmTitle)), theme.title()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let lines: Vec<Line> = lines.into_iter().map(|l| Line::raw(format!(" {l}"))).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
