//! `?`: every binding of the screen below, generated from the key table in force.

use crate::i18n::{Words, msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, wrapped};
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, list_move};
use crate::tui::screens::Transition;
use keiko_core::text::width;

pub struct Help {
    /// The screen whose keys are listed.
    pub of: ScreenKind,
    pub scroll: usize,
}

impl Help {
    pub fn new(of: ScreenKind) -> Help {
        Help { of, scroll: 0 }
    }

    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let count = lines(app, self.of).len();
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
pub fn lines(app: &Model, of: ScreenKind) -> Vec<(String, &'static str)> {
    app.keys
        .bindings(of, app.coach)
        .iter()
        // An action the config file left without keys cannot be pressed.
        .filter(|b| !b.keys.is_empty())
        .map(|b| (b.keys_label(), app.ui.lang.action_help(b.action)))
        .collect()
}

/// What the marks in tables mean, for the screens that show them.
fn legend(app: &Model, of: ScreenKind) -> Option<String> {
    if of == ScreenKind::Matrix {
        return Some(format!("{}: {}", app.s().t(msg::Marks), crate::i18n::matrix_words::legend(app.ui.lang)));
    }
    if !matches!(of, ScreenKind::Overview | ScreenKind::Competency | ScreenKind::Team) {
        return None;
    }
    let (s, g) = (app.s(), app.ui.glyphs);
    // The team table tells a returned level and a stale sign-off apart.
    let attention = if of == ScreenKind::Team {
        format!("{} {}  {} {}", g.attention, s.t(msg::Returned), super::team::STALE, s.t(msg::Stale))
    } else {
        format!("{} {}", g.attention, s.t(msg::MarkAttention))
    };
    Some(format!(
        "{}: {} {}  {} {}  {} {}  {attention}  {} {}",
        s.t(msg::Marks),
        g.note,
        s.t(msg::MarkNote),
        g.signoff,
        s.t(msg::SignedOff),
        g.request,
        s.t(msg::ReviewRequested),
        g.done,
        s.t(msg::MarkDone)
    ))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, state: &Help) {
    let theme = Theme::of(&app.ui);
    let mut entries = lines(app, state.of);
    let legend = legend(app, state.of);
    let key_width = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let text_width = entries.iter().map(|(_, t)| width(t)).max().unwrap_or(0);
    let box_width = (key_width + text_width + 7).max(legend.as_deref().map_or(0, width) + 4).min(area.width as usize);
    let legend: Vec<String> = legend.map_or_else(Vec::new, |l| wrapped(&l, box_width.saturating_sub(4)));
    let box_height = entries.len() + 2 + if legend.is_empty() { 0 } else { legend.len() + 1 };
    let rect = common::dialog(frame, area, box_width as u16, box_height as u16);
    let block = common::block(&app.ui, format!(" {} ", app.s().t(msg::HelpTitle)));
    let inner = block.inner(rect);
    let visible = inner.height as usize;
    let mut lines: Vec<Line> = entries
        .drain(..)
        .map(|(keys, text)| {
            Line::from(vec![
                Span::styled(format!(" {}", common::fit_ellipsis(&keys, key_width)), theme.key()),
                Span::raw(format!("  {text}")),
            ])
        })
        .collect();
    if !legend.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(legend.into_iter().map(|l| Line::styled(format!(" {l}"), theme.dim())));
    }
    let first = state.scroll.min(lines.len().saturating_sub(visible));
    let hidden_below = first + visible < lines.len();
    // Say which keys scroll, from the key table in force.
    let keys: Vec<String> = [Action::Down, Action::PageDown]
        .iter()
        .filter_map(|a| app.keys.bindings(ScreenKind::Help, app.coach).iter().find(|b| b.action == *a))
        .filter_map(|b| b.keys.first().map(|k| k.label()))
        .collect();
    let more = if keys.is_empty() {
        format!(" {} ", app.s().t(msg::More))
    } else {
        format!(" {}: {} ", app.s().t(msg::More), app.s().t(msg::HelpScroll { keys: &keys.join("/") }))
    };
    let block = if hidden_below { block.title_bottom(Line::from(more.clone()).right_aligned()) } else { block };
    let block = if first > 0 { block.title_top(Line::from(more).right_aligned()) } else { block };
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines.into_iter().skip(first).collect::<Vec<_>>()), inner);
}
