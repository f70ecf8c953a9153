//! `?`: every binding of the screen below, generated from the key map.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme};
use crate::text::{fit, width};
use crate::tui::app::{App, Transition, list_move};
use crate::tui::keymap::{self, Action, ScreenKind};

pub struct Help {
    /// The screen whose keys are listed.
    pub of: ScreenKind,
    pub scroll: usize,
}

impl Help {
    pub fn new(of: ScreenKind) -> Help {
        Help { of, scroll: 0 }
    }

    pub fn action(&mut self, app: &mut App, action: Action) -> Transition {
        let count = keymap::bindings(self.of, app.coach).len();
        if let Some(scroll) = list_move(action, self.scroll, count, 5) {
            self.scroll = scroll;
            return Transition::Stay;
        }
        match action {
            Action::Back => Transition::Pop,
            _ => Transition::Stay,
        }
    }
}

/// The help lines: keys and what they do.
pub fn lines(app: &App, of: ScreenKind) -> Vec<(String, &'static str)> {
    keymap::bindings(of, app.coach)
        .into_iter()
        .map(|b| (keymap::keys_label(b), app.ui.lang.action_help(b.action)))
        .collect()
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, state: &Help) {
    let theme = Theme::of(&app.ui);
    let entries = lines(app, state.of);
    let key_width = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let text_width = entries.iter().map(|(_, t)| width(t)).max().unwrap_or(0);
    let rect = common::dialog(
        frame,
        area,
        (key_width + text_width + 7) as u16,
        entries.len() as u16 + 2,
    );
    let title = format!(" {} ", app.s().help_title);
    let block = common::block(&app.ui, title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let visible = inner.height as usize;
    let first = state.scroll.min(entries.len().saturating_sub(visible));
    let lines: Vec<Line> = entries
        .iter()
        .skip(first)
        .map(|(keys, text)| {
            Line::from(vec![
                Span::styled(format!(" {}", fit(keys, key_width)), theme.key()),
                Span::raw(format!("  {text}")),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
