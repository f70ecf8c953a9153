//! One file per screen: its state, how it answers actions, and how it is drawn.

pub mod chart;
pub mod common;
pub mod competency;
pub mod confirm;
pub mod editor;
pub mod help;
pub mod history;
pub mod holders;
pub mod matrix;
pub mod overview;
pub mod problems;
pub mod prompt;
pub mod requests;
pub mod role_picker;
pub mod search;
pub mod team;
pub mod text_box;
pub mod welcome;

use crate::i18n::{Words, msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::keymap::ScreenKind;
use crate::tui::model::{Model, Status};
use chart::Chart;
use competency::CompetencyScreen;
use confirm::Confirm;
use editor::{Editor, NoteTarget};
use help::Help;
use history::History;
use holders::Holders;
use keiko_core::model::workbook::Change;
use matrix::Matrix;
use overview::Overview;
use problems::Problems;
use prompt::Prompt;
use requests::Requests;
use role_picker::RolePicker;
use search::Search;
use team::TeamScreen;
use welcome::Welcome;

/// A screen on the stack.
pub enum Screen {
    Welcome(Welcome),
    Overview(Overview),
    Competency(CompetencyScreen),
    Editor(Box<Editor>),
    Help(Help),
    Search(Search),
    History(History),
    RolePicker(RolePicker),
    Team(TeamScreen),
    Requests(Requests),
    Problems(Problems),
    Matrix(Matrix),
    Holders(Holders),
    Prompt(Prompt),
    Confirm(Confirm),
    Chart(Chart),
}

impl Screen {
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Welcome(_) => ScreenKind::Welcome,
            Screen::Overview(_) => ScreenKind::Overview,
            Screen::Competency(_) => ScreenKind::Competency,
            Screen::Editor(e) if e.read_only => ScreenKind::Viewer,
            Screen::Editor(_) => ScreenKind::Editor,
            Screen::Help(_) => ScreenKind::Help,
            Screen::Search(_) => ScreenKind::Search,
            Screen::History(_) => ScreenKind::History,
            Screen::RolePicker(_) => ScreenKind::RolePicker,
            Screen::Team(_) => ScreenKind::Team,
            Screen::Requests(_) => ScreenKind::Requests,
            Screen::Problems(_) => ScreenKind::Problems,
            Screen::Matrix(_) => ScreenKind::Matrix,
            Screen::Holders(_) => ScreenKind::Holders,
            Screen::Prompt(_) => ScreenKind::Prompt,
            Screen::Confirm(_) => ScreenKind::Confirm,
            Screen::Chart(_) => ScreenKind::Chart,
        }
    }

    /// Dialogs drawn over the screen below them.
    pub fn is_overlay(&self) -> bool {
        matches!(self, Screen::Help(_) | Screen::RolePicker(_) | Screen::Prompt(_) | Screen::Confirm(_))
    }
}

/// What a screen asks for after handling input: where to go, and what to
/// change. The app runs it; a screen never touches the store.
pub enum Transition {
    Stay,
    /// Close this screen.
    Pop,
    /// Open a screen on top of this one.
    Push(Screen),
    /// Close everything but the home screen, then open these, in order.
    Open(Vec<Screen>),
    /// Put this screen in place of the current one.
    Replace(Screen),
    /// Make this change to the workbook on screen. Once it is saved, show
    /// `saved` and go on with `then`; if it cannot be, stay (the app shows why).
    Apply {
        change: Change,
        saved: Option<Status>,
        then: Box<Transition>,
    },
    /// Save the text of a note, a reflection or a coach's comment, keeping
    /// both texts if the same note changed meanwhile (`original` is the text
    /// the editor opened with); then go on with `then`, or stay if not saved.
    SaveText {
        target: NoteTarget,
        text: String,
        original: String,
        then: Box<Transition>,
    },
    /// Open a competency from the home screen (for a coach, over the learner's overview).
    OpenCompetency(CompetencyScreen),
    /// Coach review: open this learner's workbook, then these screens over their overview.
    OpenMember {
        path: std::path::PathBuf,
        then: Vec<Screen>,
    },
}

impl Transition {
    /// Coach review: opens member `member`'s workbook (marked as the open
    /// one), then `then` over their overview.
    pub fn open_member(model: &mut Model, member: usize, then: Vec<Screen>) -> Transition {
        let Some(state) = model.team.as_mut() else { return Transition::Stay };
        let Some(m) = state.team.members.get(member) else { return Transition::Stay };
        state.open = Some(member);
        Transition::OpenMember { path: m.path.clone(), then }
    }
}

/// Smaller than this, keiko shows "terminal too small" instead of its screens.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Draws the screens: the topmost full screen, then any dialogs above it.
pub fn draw(frame: &mut Frame, app: &Model, screens: &[Screen]) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area, app);
        return;
    }
    let base = screens.iter().rposition(|s| !s.is_overlay()).unwrap_or(0);
    // Dialogs keep clear of the bottom row, where their own key hints go.
    let dialog_area = Rect { height: area.height - 1, ..area };
    for (i, screen) in screens[base..].iter().enumerate() {
        draw_screen(frame, if i == 0 { area } else { dialog_area }, app, screen);
    }
    // A dialog's own keys replace the hints of the screen under it.
    if let Some(top) = screens.last().filter(|s| s.is_overlay()) {
        let bar = Rect { y: area.y + area.height - 1, height: 1, ..area };
        frame.render_widget(ratatui::widgets::Clear, bar);
        common::draw_hints(frame, bar, app, top.kind());
    }
}

fn draw_screen(frame: &mut Frame, area: Rect, app: &Model, screen: &Screen) {
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
        Screen::Problems(s) => problems::draw(frame, area, app, s),
        Screen::Matrix(s) => matrix::draw(frame, area, app, s),
        Screen::Holders(s) => holders::draw(frame, area, app, s),
        Screen::Prompt(s) => prompt::draw(frame, area, app, s),
        Screen::Confirm(s) => confirm::draw(frame, area, app, s),
        Screen::Chart(s) => chart::draw(frame, area, app, s),
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, app: &Model) {
    let text = app.s().t(msg::TooSmall { w: MIN_WIDTH, h: MIN_HEIGHT });
    let lines: Vec<Line> = common::wrapped(&text, area.width as usize).into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(lines), area);
}
