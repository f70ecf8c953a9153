//! The app's state and how messages change it. No terminal in here: keys
//! arrive as messages, the view draws from this state, and every change to a
//! workbook goes through the store at once.

use crate::i18n::{Words, msg};
use crossterm::event::{KeyEvent, MouseEvent, MouseEventKind};
use keiko_core::model::workbook::VerdictKind;

use super::keymap::{Action, KeyTable, ScreenKind};
pub use super::model::{Model, Status, StatusKind, TeamView, Ui, list_move, moved, scroll_list, scrolled};
use super::screens::editor::NoteTarget;
pub use super::screens::{Screen, Transition};
use super::screens::{
    competency::CompetencyScreen, help::Help, history::History, overview::Overview, search::Search, welcome::Welcome,
};
use crate::i18n::Localized;
use keiko_core::clock::Time;
use keiko_core::model::framework::Framework;
use keiko_core::model::progress;
use keiko_core::model::workbook::{Change, Workbook};
use keiko_core::store::{Fingerprint, Storage};

/// Where the workbook on screen is stored, and which version of it the
/// model holds. Only the app touches it: screens return changes instead.
pub struct Doc {
    pub store: Box<dyn Storage>,
    fingerprint: Option<Fingerprint>,
}

impl Doc {
    pub fn new(store: impl Storage + 'static) -> Doc {
        Doc { fingerprint: store.fingerprint(), store: Box::new(store) }
    }
}

/// Everything that can happen to the app.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A workbook file may have changed on disk.
    FileChanged,
    /// Coach review: what changed in the team's files, read off the screen's thread.
    TeamChanged(Box<keiko_core::team::TeamChanges>),
}

/// What the terminal edge must do after a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing visible changed.
    None,
    Draw,
    /// Clear the screen and draw everything again (`Ctrl-L`).
    Redraw,
    /// Give the terminal back and stop, as `Ctrl-Z` does in any full-screen program.
    Suspend,
    Quit,
}

/// The learner's workbook app, or a coach's review of many: the model the
/// screens see, the stack of screens, and the one place that runs what the
/// screens ask for against the store.
pub struct App {
    pub model: Model,
    /// Where the workbook on screen is stored.
    pub doc: Option<Doc>,
    /// Bottom-to-top stack of screens; the top one gets the keys.
    pub screens: Vec<Screen>,
    /// The learner's own edits and their inverses, newest last.
    undo: Vec<Undo>,
    /// Text that could not be saved when keiko was ending.
    pub unsaved: Vec<Unsaved>,
    /// A change was saved, but not all of what makes it durable worked: shown
    /// once the message is handled, over the screen's own status.
    warning: Option<String>,
}

impl std::ops::Deref for App {
    type Target = Model;
    fn deref(&self) -> &Model {
        &self.model
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut Model {
        &mut self.model
    }
}

const UNDO_LIMIT: usize = 200;

/// A change the learner made, and the change that takes it back.
struct Undo {
    forward: Change,
    inverse: Change,
}

/// Typed text that is not in the workbook: what it is (in the user's
/// language), the text, and why it could not be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    pub what: String,
    pub text: String,
    pub error: String,
}

impl App {
    /// The learner's app on one workbook. Opens the welcome screen when the
    /// profile has no role yet.
    pub fn learner(
        ui: Ui,
        framework: Framework,
        store: impl Storage + 'static,
        workbook: Workbook,
        actor: String,
    ) -> App {
        let first = if workbook.profile.role.is_none() {
            Screen::Welcome(Welcome::new(&workbook))
        } else {
            Screen::Overview(Overview::default())
        };
        let mut app = App::empty(ui, framework, actor, false);
        app.model.read_only = store.check_writable().err();
        app.model.workbook = Some(workbook);
        app.doc = Some(Doc::new(store));
        app.screens.push(first);
        if let Some(reason) = app.read_only.as_ref().map(|e| e.message(app.ui.lang)) {
            app.set_status(StatusKind::Error, reason);
        }
        app
    }

    pub fn empty(ui: Ui, framework: Framework, actor: String, coach: bool) -> App {
        App {
            model: Model {
                ui,
                framework,
                actor,
                login: keiko_core::os::identity::real_login(),
                team_role: None,
                coach,
                workbook: None,
                read_only: None,
                team: None,
                keys: KeyTable::default(),
                status: None,
                size: (80, 24),
                clock: keiko_core::clock::now,
            },
            doc: None,
            screens: Vec::new(),
            undo: Vec::new(),
            unsaved: Vec::new(),
            warning: None,
        }
    }

    /// Uses these key bindings instead of the defaults.
    pub fn with_keys(mut self, keys: KeyTable) -> App {
        self.keys = keys;
        self
    }

    /// Fixes the clock, for tests and snapshots.
    pub fn with_clock(mut self, clock: fn() -> Time) -> App {
        self.model.clock = clock;
        self
    }

    /// Draws the screens from the model.
    pub fn draw(&self, frame: &mut ratatui::Frame) {
        super::screens::draw(frame, &self.model, &self.screens);
    }

    pub fn top_kind(&self) -> Option<ScreenKind> {
        self.screens.last().map(Screen::kind)
    }

    /// Handles one message; returns what the terminal must do.
    pub fn update(&mut self, msg: Msg) -> Effect {
        let effect = self.handle(msg);
        match self.warning.take() {
            Some(warning) => {
                self.model.set_status(StatusKind::Error, warning);
                if effect == Effect::None { Effect::Draw } else { effect }
            }
            None => effect,
        }
    }

    fn handle(&mut self, msg: Msg) -> Effect {
        match msg {
            Msg::Resize(w, h) => {
                if self.size != (w, h) {
                    for screen in &mut self.screens {
                        if let Screen::Editor(editor) = screen {
                            editor.relayout();
                        }
                    }
                }
                self.size = (w, h);
                Effect::Draw
            }
            Msg::FileChanged => self.reload(),
            Msg::TeamChanged(changes) => {
                if super::screens::team::apply_changes(&mut self.model, *changes) {
                    Effect::Draw
                } else {
                    Effect::None
                }
            }
            Msg::Key(key) => self.on_key(key),
            Msg::Paste(text) => self.with_top(|screen, app| match screen {
                Screen::Editor(e) => e.paste(&text),
                Screen::Search(s) => s.paste(app, &text),
                Screen::Welcome(w) => w.paste(&text),
                Screen::Prompt(p) => p.paste(app, &text),
                _ => Transition::Stay,
            }),
            Msg::Mouse(mouse) => self.on_mouse(mouse),
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Effect {
        if key.kind == crossterm::event::KeyEventKind::Release {
            return Effect::None;
        }
        let Some(kind) = self.top_kind() else {
            return Effect::Quit;
        };
        // Every key goes through the table; on a text screen an unbound key is text.
        let action = self.keys.action(kind, self.coach, &key);
        if action == Some(Action::Suspend) {
            return Effect::Suspend;
        }
        self.status = None;
        match action {
            Some(Action::Quit) => {
                self.flush();
                Effect::Quit
            }
            Some(Action::Redraw) => Effect::Redraw,
            Some(action) => self.on_action(action),
            // Typing needs the editor alone: it stays on the stack, so no copy of its text is kept aside.
            None if let Some(Screen::Editor(e)) = self.screens.last_mut() => {
                e.key(key);
                Effect::Draw
            }
            None if kind.takes_text() => self.with_top(|screen, app| match screen {
                Screen::Editor(e) => e.key(key),
                Screen::Search(s) => s.key(app, key),
                Screen::Welcome(w) => w.key(key),
                Screen::Prompt(p) => p.key(app, key),
                _ => Transition::Stay,
            }),
            // An unbound key: nothing to do, but a status message may have been cleared.
            None => Effect::Draw,
        }
    }

    /// Runs an action: first the screen's own, then the ones that work everywhere.
    pub fn on_action(&mut self, action: Action) -> Effect {
        match action {
            Action::Help => {
                let help = Help::new(self.top_kind().unwrap_or(ScreenKind::Overview));
                self.apply_transition(Transition::Push(Screen::Help(help)))
            }
            Action::Search => self.apply_transition(Transition::Push(Screen::Search(Search::new(&self.model)))),
            Action::History => self.apply_transition(Transition::Push(Screen::History(History::default()))),
            Action::Undo => {
                self.undo_last();
                Effect::Draw
            }
            Action::NextToPractise => self.go_to_next_to_practise(),
            action => self.with_top(|screen, app| match screen {
                Screen::Welcome(s) => s.action(app, action),
                Screen::Overview(s) => s.action(app, action),
                Screen::Competency(s) => s.action(app, action),
                Screen::Editor(s) => s.action(app, action),
                Screen::Help(s) => s.action(app, action),
                Screen::Search(s) => s.action(app, action),
                Screen::History(s) => s.action(app, action),
                Screen::RolePicker(s) => s.action(app, action),
                Screen::Team(s) => s.action(app, action),
                Screen::Requests(s) => s.action(app, action),
                Screen::Problems(s) => s.action(app, action),
                Screen::Matrix(s) => s.action(app, action),
                Screen::Holders(s) => s.action(app, action),
                Screen::Prompt(s) => s.action(app, action),
                Screen::Confirm(s) => s.action(app, action),
                Screen::Chart(s) => s.action(app, action),
            }),
        }
    }

    /// Lets the top screen handle something with the app at hand, then
    /// carries out the transition it asks for.
    fn with_top(&mut self, f: impl FnOnce(&mut Screen, &mut Model) -> Transition) -> Effect {
        let Some(mut top) = self.screens.pop() else {
            return Effect::Quit;
        };
        // The screen goes back on the stack even if handling panics, so the
        // text of an open editor is still there to be saved on the way out.
        let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut top, &mut self.model)));
        self.screens.push(top);
        let transition = handled.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        self.apply_transition(transition)
    }

    pub fn apply_transition(&mut self, transition: Transition) -> Effect {
        match transition {
            Transition::Stay => {}
            Transition::Pop => {
                if self.screens.len() > 1 {
                    self.screens.pop();
                } else {
                    return Effect::Quit;
                }
            }
            Transition::Push(screen) => self.screens.push(screen),
            Transition::Open(screens) => {
                self.screens.truncate(1);
                self.screens.extend(screens);
            }
            Transition::Replace(screen) => {
                self.screens.pop();
                self.screens.push(screen);
            }
            Transition::Apply { change, saved, then } => {
                if self.change(change).is_err() {
                    return Effect::Draw;
                }
                if let Some(saved) = saved {
                    self.model.status = Some(saved);
                }
                return self.apply_transition(*then);
            }
            Transition::SaveText { target, text, original, then } => {
                if self.save_text(&target, text, &original).is_err() {
                    // Not saved: the editor stays open with every character typed.
                    return Effect::Draw;
                }
                return self.apply_transition(*then);
            }
            Transition::OpenCompetency(screen) => return self.apply_transition(self.open(screen)),
            Transition::OpenMember { path, then } => {
                let team = self.model.team.as_ref().map(|t| &t.team);
                let member = team.and_then(|t| t.members.iter().find(|m| m.path == path));
                // In a team the coach writes only their own file beside the learner's.
                let store: Box<dyn keiko_core::store::Storage> =
                    match (team.and_then(|t| t.mode.as_deref()), member.and_then(|m| m.login.as_deref())) {
                        (Some(team), Some(learner)) => Box::new(keiko_core::team::access::TeamStore::for_coach(
                            team.clone(),
                            learner,
                            &self.model.login,
                            &self.model.framework,
                        )),
                        _ => Box::new(keiko_core::store::Store::new(&path, &self.model.framework)),
                    };
                // The team keeps summaries only: the whole workbook is read now.
                self.model.workbook = match store.read() {
                    Ok(workbook) => workbook,
                    Err(e) => {
                        self.model.set_status(StatusKind::Error, e.message(self.model.ui.lang));
                        return Effect::Draw;
                    }
                };
                self.model.read_only = store.check_writable().err();
                self.doc = Some(Doc::new(store));
                if let Some(reason) = self.model.read_only.as_ref().map(|e| e.message(self.model.ui.lang)) {
                    let message = format!("{}: {reason}", self.s().t(msg::ReadOnly));
                    self.model.set_status(StatusKind::Error, message);
                }
                let mut screens = vec![Screen::Overview(Overview::default())];
                screens.extend(then);
                return self.apply_transition(Transition::Open(screens));
            }
        }
        Effect::Draw
    }

    /// What is typed but not yet in the workbook: the text of every changed
    /// editor, and a coach's unconfirmed sign-off or return comment.
    pub fn pending_texts(&self) -> Vec<Unsaved> {
        self.screens.iter().filter_map(|screen| self.pending_text(screen, String::new())).collect()
    }

    fn pending_text(&self, screen: &Screen, error: String) -> Option<Unsaved> {
        let s = self.s();
        let (what, text) = match screen {
            Screen::Editor(editor) if editor.is_modified() => {
                let what = match &editor.target {
                    NoteTarget::Statement(id) => s.t(msg::TypedNote { id }),
                    NoteTarget::Reflection(id) => s.t(msg::TypedReflection { id }),
                    NoteTarget::Comment(id) => s.t(msg::TypedComment { id }),
                };
                (what, editor.text())
            }
            Screen::Prompt(prompt) if !prompt.text.trim().is_empty() => {
                let (verdict, competency, level) = prompt.verdict()?;
                let what = format!("{competency} {}", self.ui.lang.level(level));
                let what = match verdict {
                    VerdictKind::SignOff => s.t(msg::TypedSignoffComment { what }),
                    VerdictKind::Return => s.t(msg::TypedReturnComment { what }),
                };
                (what, prompt.text.clone())
            }
            _ => return None,
        };
        Some(Unsaved { what, text, error })
    }

    /// Saves what is typed but not yet saved, and closes the editors it came
    /// from, so that it is saved exactly once. Called before quitting, on
    /// hang-up and on termination. An unconfirmed sign-off or return is not
    /// made: its comment joins `unsaved`, as does text that cannot be saved,
    /// for the terminal edge to rescue into a file.
    pub fn flush(&mut self) {
        let mut kept = Vec::new();
        for screen in std::mem::take(&mut self.screens) {
            match &screen {
                Screen::Editor(editor) if editor.is_modified() => {
                    if let Err(error) = self.save_text(&editor.target, editor.text(), editor.original())
                        && let Some(unsaved) = self.pending_text(&screen, error)
                    {
                        self.unsaved.push(unsaved);
                    }
                }
                Screen::Prompt(prompt) if prompt.verdict().is_some() && !prompt.text.trim().is_empty() => {
                    if let Some(unsaved) = self.pending_text(&screen, self.s().t(msg::NotConfirmed).to_string()) {
                        self.unsaved.push(unsaved);
                    }
                }
                _ => kept.push(screen),
            }
        }
        self.screens = kept;
    }

    /// Applies a change through the store: the latest file is read, changed
    /// and written under the lock. The learner's own edits can be undone.
    pub fn change(&mut self, change: Change) -> Result<bool, String> {
        self.change_from(|_| change)
    }

    /// Like `change`, with the change made from the latest workbook on disk.
    fn change_from(&mut self, make: impl FnOnce(&Workbook) -> Change) -> Result<bool, String> {
        let stamp = self.model.stamp();
        if let Some(reason) = &self.model.read_only {
            let reason = reason.message(self.model.ui.lang);
            self.model.set_status(StatusKind::Error, reason.clone());
            return Err(reason);
        }
        let doc = self.doc.as_mut().ok_or("no workbook is open")?;
        let result = doc.store.update_seen(|wb| {
            let change = make(wb);
            let inverse = wb.inverse(&change);
            let changed = wb.apply(&change, &stamp, false);
            (changed, change, inverse)
        });
        match result {
            Ok((workbook, (changed, change, inverse), fingerprint)) => {
                doc.fingerprint = fingerprint;
                self.warning = doc.store.take_warning().map(|w| w.message(self.model.ui.lang));
                if let Some(team) = self.model.team.as_mut() {
                    team.team.update_member(&self.model.framework, doc.store.path(), &workbook);
                }
                self.model.workbook = Some(workbook);
                if changed
                    && !self.model.coach
                    && let Some(inverse) = inverse
                {
                    self.undo.push(Undo { forward: change, inverse });
                    let excess = self.undo.len().saturating_sub(UNDO_LIMIT);
                    self.undo.drain(..excess);
                }
                Ok(changed)
            }
            Err(e) => {
                let message = e.message(self.model.ui.lang);
                self.model.set_status(StatusKind::Error, message.clone());
                Err(message)
            }
        }
    }

    /// Saves a note, reflection or comment; shows what happened. If someone
    /// else changed the same note since the editor opened (`original`), both
    /// texts are kept, theirs below ours.
    pub fn save_text(&mut self, target: &NoteTarget, text: String, original: &str) -> Result<(), String> {
        let marker = self.s().t(msg::KeptOtherVersion);
        let mut conflict = false;
        let changed = self.change_from(|wb| {
            let current = match target {
                NoteTarget::Statement(id) => wb.note(id),
                NoteTarget::Reflection(competency) => wb.reflection(competency),
                NoteTarget::Comment(_) => original,
            };
            conflict = current != original && current != text;
            let text = if conflict { format!("{text}\n\n{marker}\n{current}") } else { text };
            match target {
                NoteTarget::Statement(id) => Change::Note { id: id.clone(), text },
                NoteTarget::Reflection(competency) => Change::Reflection { competency: competency.clone(), text },
                NoteTarget::Comment(competency) => Change::Comment { competency: competency.clone(), text },
            }
        })?;
        if conflict {
            self.model.set_status(StatusKind::Info, self.s().t(msg::ConflictKept));
        } else if changed {
            self.model.set_status(StatusKind::Success, self.s().t(msg::Saved));
        }
        Ok(())
    }

    /// `u`: takes back the learner's last change, unless it was changed
    /// again since (by another session or a coach).
    fn undo_last(&mut self) {
        if self.coach {
            return;
        }
        let Some(undo) = self.undo.pop() else {
            self.model.set_status(StatusKind::Info, self.s().t(msg::NothingToUndo));
            return;
        };
        let stamp = self.model.stamp();
        let Some(doc) = self.doc.as_mut() else { return };
        let result = doc.store.update_seen(|wb| wb.still_holds(&undo.forward) && wb.apply(&undo.inverse, &stamp, true));
        match result {
            Ok((workbook, undone, fingerprint)) => {
                doc.fingerprint = fingerprint;
                self.warning = doc.store.take_warning().map(|w| w.message(self.model.ui.lang));
                self.model.workbook = Some(workbook);
                let what = super::screens::history::describe_undo(&self.model, &undo.inverse, undone);
                self.set_status(if undone { StatusKind::Success } else { StatusKind::Info }, what);
            }
            Err(e) => {
                self.undo.push(undo);
                self.model.set_status(StatusKind::Error, e.message(self.ui.lang));
            }
        }
    }

    /// `g`: the first unchecked statement at or below the target, in order.
    fn go_to_next_to_practise(&mut self) -> Effect {
        if self.coach {
            return Effect::None;
        }
        let Some(workbook) = self.workbook() else {
            return Effect::None;
        };
        match progress::next_to_practise(&self.framework, workbook) {
            Some(at) => {
                let screen = CompetencyScreen::at(at);
                self.apply_transition(Transition::Open(vec![Screen::Competency(screen)]))
            }
            None => {
                self.model.set_status(StatusKind::Success, self.s().t(msg::AllDone));
                Effect::Draw
            }
        }
    }

    /// Opens a competency screen from the home screen: for a coach, on top
    /// of the learner's overview, so `Esc` goes back there first.
    fn open(&self, screen: CompetencyScreen) -> Transition {
        let selected = screen.competency;
        let competency = Screen::Competency(screen);
        if self.coach {
            let overview = Screen::Overview(super::screens::overview::Overview { selected, offset: 0 });
            Transition::Open(vec![overview, competency])
        } else {
            Transition::Open(vec![competency])
        }
    }

    fn reload(&mut self) -> Effect {
        let Some(doc) = self.doc.as_mut() else { return Effect::None };
        // Read again only when the file changed since we last saw it.
        let now = doc.store.fingerprint();
        if now == doc.fingerprint {
            return Effect::None;
        }
        doc.fingerprint = now;
        match doc.store.read() {
            Ok(Some(workbook)) if Some(&workbook) != self.model.workbook.as_ref() => {
                let before = self.model.workbook.replace(workbook);
                if !self.model.coach
                    && let Some(news) = before.and_then(|before| self.coach_news(&before))
                {
                    self.model.set_status(StatusKind::Success, news);
                }
                Effect::Draw
            }
            Ok(_) => Effect::None,
            Err(e) => {
                let message = e.message(self.model.ui.lang);
                self.model.set_status(StatusKind::Error, message);
                Effect::Draw
            }
        }
    }

    /// What a coach did since `before`, in words, for the learner's status line.
    fn coach_news(&self, before: &Workbook) -> Option<String> {
        let s = self.s();
        let after = self.workbook()?;
        for (id, state) in &after.competencies {
            let old = before.competencies.get(id);
            for (level, now) in &state.levels {
                let was = old.and_then(|c| c.levels.get(level));
                let level = level.parse().map_or_else(|_| level.clone(), |n| self.ui.lang.level(n));
                if let Some(v) = &now.signoff
                    && was.and_then(|w| w.signoff.as_ref()) != Some(v)
                {
                    return Some(s.t(msg::NewsSignoff { by: &v.by, what: &format!("{id} {level}") }));
                }
                if let Some(v) = &now.returned
                    && was.and_then(|w| w.returned.as_ref()) != Some(v)
                {
                    return Some(s.t(msg::NewsReturned { by: &v.by, what: &format!("{id} {level}") }));
                }
            }
            if state.comments.len() > old.map_or(0, |c| c.comments.len())
                && let Some(comment) = state.comments.last()
            {
                return Some(s.t(msg::NewsComment { by: &comment.by, what: id }));
            }
        }
        None
    }

    fn on_mouse(&mut self, mouse: MouseEvent) -> Effect {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.on_action(Action::Down),
            MouseEventKind::ScrollUp => self.on_action(Action::Up),
            MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
                let (column, row) = (mouse.column, mouse.row);
                self.with_top(|screen, app| match screen {
                    Screen::Overview(s) => s.click(app, row),
                    Screen::Competency(s) => s.click(app, row),
                    Screen::RolePicker(s) => s.click(app, row, column),
                    Screen::Team(s) => s.click(app, row),
                    _ => Transition::Stay,
                })
            }
            _ => Effect::None,
        }
    }
}
