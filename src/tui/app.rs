//! The app's state and how messages change it. No terminal in here: keys
//! arrive as messages, the view draws from this state, and every change to a
//! workbook goes through the store at once.

use crossterm::event::{KeyEvent, MouseEvent, MouseEventKind};

use super::keymap::{Action, KeyTable, ScreenKind};
use super::screens::editor::NoteTarget;
use super::screens::prompt::Verdict;
use super::screens::{
    competency::CompetencyScreen, editor::Editor, help::Help, history::History, overview::Overview, prompt::Prompt,
    requests::Requests, role_picker::RolePicker, search::Search, team::TeamScreen, team::TeamState, welcome::Welcome,
};
use crate::clock::Time;
use crate::framework::{Framework, StatementRef};
use crate::glyphs::Glyphs;
use crate::i18n::{Lang, Strings};
use crate::lang::Localized;
use crate::progress;
use crate::store::{Fingerprint, Storage, StoreError};
use crate::workbook::{Change, Stamp, Workbook};

/// How things are drawn: language, symbols, colour.
#[derive(Clone, Copy)]
pub struct Ui {
    pub lang: Lang,
    pub glyphs: &'static Glyphs,
    /// False under `NO_COLOR`: attributes only, never a colour.
    pub color: bool,
}

impl Ui {
    pub fn s(&self) -> &'static Strings {
        self.lang.strings()
    }
}

/// One open workbook: its store, the latest state read from disk, and
/// whether keiko may write it.
pub struct Doc {
    pub store: Box<dyn Storage>,
    pub workbook: Workbook,
    fingerprint: Option<Fingerprint>,
    /// Why changes cannot be saved, when they cannot.
    pub read_only: Option<StoreError>,
}

impl Doc {
    pub fn new(store: impl Storage + 'static, workbook: Workbook) -> Doc {
        let fingerprint = store.fingerprint();
        let read_only = store.check_writable().err();
        Doc { store: Box::new(store), workbook, fingerprint, read_only }
    }

    /// Re-reads the file if it changed on disk since we last saw it.
    /// Returns the workbook as it was before, when it changed.
    fn reload(&mut self) -> Result<Option<Workbook>, StoreError> {
        let now = self.store.fingerprint();
        if now == self.fingerprint {
            return Ok(None);
        }
        self.fingerprint = now;
        match self.store.read() {
            Ok(Some(workbook)) if workbook != self.workbook => {
                Ok(Some(std::mem::replace(&mut self.workbook, workbook)))
            }
            Ok(_) => Ok(None),
            Err(e) => Err(e),
        }
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
    TeamChanged(Box<crate::team::TeamChanges>),
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
}

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
    Prompt(Prompt),
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
            Screen::Prompt(_) => ScreenKind::Prompt,
        }
    }

    /// Dialogs drawn over the screen below them.
    pub fn is_overlay(&self) -> bool {
        matches!(self, Screen::Help(_) | Screen::RolePicker(_) | Screen::Prompt(_))
    }
}

/// What a screen asks for after handling input.
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
    Quit,
}

/// The learner's workbook app, or a coach's review of many.
pub struct App {
    pub ui: Ui,
    pub framework: Framework,
    /// Who makes changes: the learner's login name, or the coach's name.
    pub actor: String,
    /// Coach review: the learner's own checks and notes are read-only.
    pub coach: bool,
    /// The workbook on screen.
    pub doc: Option<Doc>,
    /// Coach review: the team of learners.
    pub team: Option<TeamState>,
    /// Bottom-to-top stack of screens; the top one gets the keys.
    pub screens: Vec<Screen>,
    /// Which key does what: the defaults, or the config file's bindings.
    pub keys: KeyTable,
    pub status: Option<Status>,
    /// Terminal size, for paging and mouse clicks.
    pub size: (u16, u16),
    /// The learner's own edits and their inverses, newest last.
    undo: Vec<Undo>,
    /// Text that could not be saved when keiko was ending.
    pub unsaved: Vec<Unsaved>,
    /// A change was saved, but not all of what makes it durable worked: shown
    /// once the message is handled, over the screen's own status.
    warning: Option<String>,
    clock: fn() -> Time,
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
    pub fn learner(ui: Ui, framework: Framework, doc: Doc, actor: String) -> App {
        let first = if doc.workbook.profile.role.is_none() {
            Screen::Welcome(Welcome::new(&doc.workbook))
        } else {
            Screen::Overview(Overview::default())
        };
        let mut app = App::empty(ui, framework, actor, false);
        app.doc = Some(doc);
        app.screens.push(first);
        if let Some(reason) = app.doc.as_ref().and_then(|d| d.read_only.as_ref()).map(|e| e.message(app.ui.lang)) {
            app.set_status(StatusKind::Error, reason);
        }
        app
    }

    pub fn empty(ui: Ui, framework: Framework, actor: String, coach: bool) -> App {
        App {
            ui,
            framework,
            actor,
            coach,
            doc: None,
            team: None,
            screens: Vec::new(),
            keys: KeyTable::default(),
            status: None,
            size: (80, 24),
            undo: Vec::new(),
            unsaved: Vec::new(),
            warning: None,
            clock: crate::clock::now,
        }
    }

    /// Uses these key bindings instead of the defaults.
    pub fn with_keys(mut self, keys: KeyTable) -> App {
        self.keys = keys;
        self
    }

    /// Fixes the clock, for tests and snapshots.
    pub fn with_clock(mut self, clock: fn() -> Time) -> App {
        self.clock = clock;
        self
    }

    pub fn now(&self) -> Time {
        (self.clock)()
    }

    pub fn s(&self) -> &'static Strings {
        self.ui.s()
    }

    pub fn workbook(&self) -> Option<&Workbook> {
        self.doc.as_ref().map(|d| &d.workbook)
    }

    pub fn role(&self) -> Option<&str> {
        self.workbook()?.profile.role.as_deref()
    }

    pub fn top_kind(&self) -> Option<ScreenKind> {
        self.screens.last().map(Screen::kind)
    }

    pub fn set_status(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status { kind, text: text.into() });
    }

    /// Handles one message; returns what the terminal must do.
    pub fn update(&mut self, msg: Msg) -> Effect {
        let effect = self.handle(msg);
        match self.warning.take() {
            Some(warning) => {
                self.set_status(StatusKind::Error, warning);
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
                if super::screens::team::apply_changes(self, *changes) {
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
            Action::Search => self.apply_transition(Transition::Push(Screen::Search(Search::new(self)))),
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
                Screen::Prompt(s) => s.action(app, action),
            }),
        }
    }

    /// Lets the top screen handle something with the app at hand, then
    /// carries out the transition it asks for.
    fn with_top(&mut self, f: impl FnOnce(&mut Screen, &mut App) -> Transition) -> Effect {
        let Some(mut top) = self.screens.pop() else {
            return Effect::Quit;
        };
        // The screen goes back on the stack even if handling panics, so the
        // text of an open editor is still there to be saved on the way out.
        let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut top, self)));
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
            Transition::Quit => {
                self.flush();
                return Effect::Quit;
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
                    NoteTarget::Statement(id) => s.typed_note.replace("{id}", id),
                    NoteTarget::Reflection(id) => s.typed_reflection.replace("{id}", id),
                    NoteTarget::Comment(id) => s.typed_comment.replace("{id}", id),
                };
                (what, editor.text())
            }
            Screen::Prompt(prompt) if !prompt.text.trim().is_empty() => {
                let (verdict, competency, level) = prompt.verdict()?;
                let template = match verdict {
                    Verdict::SignOff => s.typed_signoff_comment,
                    Verdict::Return => s.typed_return_comment,
                };
                let what = template.replace("{what}", &format!("{competency} {}", self.ui.lang.level(level)));
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
                    if let Some(unsaved) = self.pending_text(&screen, self.s().not_confirmed.to_string()) {
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
        let stamp = Stamp { by: self.actor.clone(), at: self.now() };
        let doc = self.doc.as_mut().ok_or("no workbook is open")?;
        if let Some(reason) = &doc.read_only {
            let reason = reason.message(self.ui.lang);
            self.set_status(StatusKind::Error, reason.clone());
            return Err(reason);
        }
        let result = doc.store.update_seen(|wb| {
            let change = make(wb);
            let inverse = wb.inverse(&change);
            let changed = wb.apply(&change, &stamp, false);
            (changed, change, inverse)
        });
        match result {
            Ok((workbook, (changed, change, inverse), fingerprint)) => {
                doc.workbook = workbook;
                doc.fingerprint = fingerprint;
                self.warning = doc.store.take_warning().map(|w| w.message(self.ui.lang));
                if let Some(team) = self.team.as_mut() {
                    team.team.update_member(&self.framework, doc.store.path(), &doc.workbook);
                }
                if changed
                    && !self.coach
                    && let Some(inverse) = inverse
                {
                    self.undo.push(Undo { forward: change, inverse });
                    let excess = self.undo.len().saturating_sub(UNDO_LIMIT);
                    self.undo.drain(..excess);
                }
                Ok(changed)
            }
            Err(e) => {
                let message = e.message(self.ui.lang);
                self.set_status(StatusKind::Error, message.clone());
                Err(message)
            }
        }
    }

    /// Saves a note, reflection or comment; shows what happened. If someone
    /// else changed the same note since the editor opened (`original`), both
    /// texts are kept, theirs below ours.
    pub fn save_text(&mut self, target: &NoteTarget, text: String, original: &str) -> Result<(), String> {
        let marker = self.s().kept_other_version;
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
            self.set_status(StatusKind::Info, self.s().conflict_kept);
        } else if changed {
            self.set_status(StatusKind::Success, self.s().saved);
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
            self.set_status(StatusKind::Info, self.s().nothing_to_undo);
            return;
        };
        let stamp = Stamp { by: self.actor.clone(), at: self.now() };
        let Some(doc) = self.doc.as_mut() else { return };
        let result = doc.store.update_seen(|wb| wb.still_holds(&undo.forward) && wb.apply(&undo.inverse, &stamp, true));
        match result {
            Ok((workbook, undone, fingerprint)) => {
                doc.workbook = workbook;
                doc.fingerprint = fingerprint;
                self.warning = doc.store.take_warning().map(|w| w.message(self.ui.lang));
                let what = super::screens::history::describe_undo(self, &undo.inverse, undone);
                self.set_status(if undone { StatusKind::Success } else { StatusKind::Info }, what);
            }
            Err(e) => {
                self.undo.push(undo);
                self.set_status(StatusKind::Error, e.message(self.ui.lang));
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
                self.set_status(StatusKind::Success, self.s().all_done);
                Effect::Draw
            }
        }
    }

    /// Opens the competency screen on a statement.
    pub fn open_statement(&mut self, at: StatementRef) -> Transition {
        self.open(CompetencyScreen::at(at))
    }

    /// Opens a competency screen from the home screen: for a coach, on top
    /// of the learner's overview, so `Esc` goes back there first.
    pub fn open(&mut self, screen: CompetencyScreen) -> Transition {
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
        let mut changed = false;
        if let Some(doc) = self.doc.as_mut() {
            match doc.reload() {
                Ok(Some(before)) => {
                    changed = true;
                    if !self.coach
                        && let Some(news) = self.coach_news(&before)
                    {
                        self.set_status(StatusKind::Success, news);
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    let message = e.message(self.ui.lang);
                    self.set_status(StatusKind::Error, message);
                    return Effect::Draw;
                }
            }
        }
        if changed { Effect::Draw } else { Effect::None }
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
                    return Some(s.news_signoff.replace("{by}", &v.by).replace("{what}", &format!("{id} {level}")));
                }
                if let Some(v) = &now.returned
                    && was.and_then(|w| w.returned.as_ref()) != Some(v)
                {
                    return Some(s.news_returned.replace("{by}", &v.by).replace("{what}", &format!("{id} {level}")));
                }
            }
            if state.comments.len() > old.map_or(0, |c| c.comments.len())
                && let Some(comment) = state.comments.last()
            {
                return Some(s.news_comment.replace("{by}", &comment.by).replace("{what}", id));
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

/// Moves a selection by `delta` within `len` items, clamped.
pub fn moved(selected: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    selected.saturating_add_signed(delta).min(len - 1)
}

/// Adjusts a scroll offset so that `selected` is among `visible` rows.
pub fn scrolled(offset: usize, selected: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + visible {
        selected + 1 - visible
    } else {
        offset
    }
}

/// Applies a list movement to a selection and its scroll offset, keeping the
/// selection among `page` visible rows. False when `action` is not a movement.
pub fn scroll_list(action: Action, selected: &mut usize, offset: &mut usize, len: usize, page: usize) -> bool {
    match list_move(action, *selected, len, page) {
        Some(moved_to) => {
            *selected = moved_to;
            *offset = scrolled(*offset, moved_to, page);
            true
        }
        None => false,
    }
}

/// The list movement actions, applied to a selection.
pub fn list_move(action: Action, selected: usize, len: usize, page: usize) -> Option<usize> {
    let page = page.max(1) as isize;
    Some(match action {
        Action::Down => moved(selected, 1, len),
        Action::Up => moved(selected, -1, len),
        Action::PageDown => moved(selected, page, len),
        Action::PageUp => moved(selected, -page, len),
        Action::Home => 0,
        Action::End => len.saturating_sub(1),
        _ => return None,
    })
}
