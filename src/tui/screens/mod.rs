//! One file per screen: its state, how it answers actions, and how it is drawn.

pub mod common;
pub mod competency;
pub mod editor;
pub mod help;
pub mod history;
pub mod overview;
pub mod prompt;
pub mod requests;
pub mod role_picker;
pub mod search;
pub mod team;
pub mod text_box;
pub mod welcome;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, Screen};

/// Smaller than this, keiko shows "terminal too small" instead of its screens.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Draws the app: the topmost full screen, then any dialogs above it.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area, app);
        return;
    }
    let base = app.screens.iter().rposition(|s| !s.is_overlay()).unwrap_or(0);
    // Dialogs keep clear of the bottom row, where their own key hints go.
    let dialog_area = Rect { height: area.height - 1, ..area };
    for (i, screen) in app.screens[base..].iter().enumerate() {
        draw_screen(frame, if i == 0 { area } else { dialog_area }, app, screen);
    }
    // A dialog's own keys replace the hints of the screen under it.
    if let Some(top) = app.screens.last().filter(|s| s.is_overlay()) {
        let bar = Rect { y: area.y + area.height - 1, height: 1, ..area };
        frame.render_widget(ratatui::widgets::Clear, bar);
        common::draw_hints(frame, bar, app, top.kind());
    }
}

fn draw_screen(frame: &mut Frame, area: Rect, app: &App, screen: &Screen) {
    match screen {
        Screen::Welcome(s) => welcome::draw(frame, area, app, s),
        Screen::Overview(s) => overview::draw(frame, area, app, s),
        Screen::Competency(s) => competency::draw(frame, area, app, s),
        Screen::Editor(s) => editor::draw(frame, area, app, s),
        Screen::Help(s) => help::draw(frame, area, app, s),
        Screen::Search(s) => search::draw(frame, area, app, s),
        Screen::History(s) => history::draw(frame, area, app, s),
        Screen::RolePicker(s) => role_picker::draw(frame, area, app, s),
        Screen::Team(s) => team::draw(frame, area, app, s),
        Screen::Requests(s) => requests::draw(frame, area, app, s),
        Screen::Prompt(s) => prompt::draw(frame, area, app, s),
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, app: &App) {
    let text = app.s().too_small.replace("{w}", &MIN_WIDTH.to_string()).replace("{h}", &MIN_HEIGHT.to_string());
    let lines: Vec<Line> = common::wrapped(&text, area.width as usize).into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(lines), area);
}
