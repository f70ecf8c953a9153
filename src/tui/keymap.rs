//! One table: which key does what on which screen. The app looks keys up
//! here, and the help screen and the hint bar are generated from it, so they
//! cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Undo,
    Search,
    NextToPractise,
    History,
    Redraw,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Open,
    Back,
    ChangeRole,
    Toggle,
    NextLevel,
    PrevLevel,
    EditNote,
    EditReflection,
    RequestReview,
    /// Save the text being edited and close the editor.
    SaveClose,
    /// Close what is only being read.
    Close,
    /// Confirm a choice or a prompt.
    Confirm,
    /// Close a dialog without doing anything.
    Cancel,
    /// Move focus to the next field of a form.
    NextField,
    // Coach review
    SignOff,
    ReturnLevel,
    Comment,
    Sort,
    Requests,
    Filter,
}

/// The screens, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenKind {
    Welcome,
    Overview,
    Competency,
    Editor,
    /// The note editor, read-only: a coach reading a learner's note.
    Viewer,
    Help,
    Search,
    History,
    RolePicker,
    Team,
    Requests,
    Prompt,
}

impl ScreenKind {
    /// Screens where printable keys are text being typed, not commands.
    pub fn takes_text(self) -> bool {
        matches!(self, ScreenKind::Welcome | ScreenKind::Editor | ScreenKind::Search | ScreenKind::Prompt)
    }
}

/// One key, as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), ctrl: true }
}

impl Key {
    fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        if alt || ctrl != self.ctrl {
            return false;
        }
        match (self.code, event.code) {
            // Shift is how `?` and `R` are typed; some terminals report it, some do not.
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && !event.modifiers.contains(KeyModifiers::SHIFT),
        }
    }

    /// How the key is written in help and hints: plain text, no arrows
    /// (they are ambiguous-width on East Asian terminals).
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl { format!("Ctrl-{}", name.to_uppercase()) } else { name }
    }
}

/// Keys for one action, and whether the hint bar shows it.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub hint: bool,
}

const fn bind(keys: &'static [Key], action: Action, hint: bool) -> Binding {
    Binding { keys, action, hint }
}

const LIST: &[Binding] = &[
    bind(&[key(KeyCode::Down), ch('j')], Action::Down, false),
    bind(&[key(KeyCode::Up), ch('k')], Action::Up, false),
    bind(&[key(KeyCode::PageDown)], Action::PageDown, false),
    bind(&[key(KeyCode::PageUp)], Action::PageUp, false),
    bind(&[key(KeyCode::Home)], Action::Home, false),
    bind(&[key(KeyCode::End)], Action::End, false),
];

/// Keys that work on every screen where nothing is being typed.
const GLOBAL: &[Binding] = &[
    bind(&[ch('g')], Action::NextToPractise, true),
    bind(&[ch('/')], Action::Search, true),
    bind(&[ch('u')], Action::Undo, false),
    bind(&[ch('H')], Action::History, false),
    bind(&[ch('?')], Action::Help, true),
    bind(&[ch('q'), ctrl('c')], Action::Quit, true),
    bind(&[ctrl('l')], Action::Redraw, false),
];

/// On the history screen itself, `H` has nothing more to open.
const GLOBAL_BUT_HISTORY: &[Binding] = &[
    bind(&[ch('g')], Action::NextToPractise, false),
    bind(&[ch('/')], Action::Search, false),
    bind(&[ch('u')], Action::Undo, false),
    bind(&[ch('?')], Action::Help, true),
    bind(&[ch('q'), ctrl('c')], Action::Quit, true),
    bind(&[ctrl('l')], Action::Redraw, false),
];

const COACH_GLOBAL: &[Binding] = &[
    bind(&[ch('?')], Action::Help, true),
    bind(&[ch('q'), ctrl('c')], Action::Quit, true),
    bind(&[ctrl('l')], Action::Redraw, false),
];

const OVERVIEW: &[Binding] =
    &[bind(&[key(KeyCode::Enter)], Action::Open, true), bind(&[ch('r')], Action::ChangeRole, true)];

const COACH_OVERVIEW: &[Binding] = &[
    bind(&[key(KeyCode::Enter)], Action::Open, true),
    bind(&[ch('H')], Action::History, false),
    bind(&[key(KeyCode::Esc)], Action::Back, true),
];

const COMPETENCY: &[Binding] = &[
    bind(&[ch(' ')], Action::Toggle, true),
    bind(&[key(KeyCode::Tab), key(KeyCode::Right), ch('l')], Action::NextLevel, true),
    bind(&[key(KeyCode::BackTab), key(KeyCode::Left), ch('h')], Action::PrevLevel, false),
    bind(&[ch('e')], Action::EditNote, true),
    bind(&[ch('R')], Action::EditReflection, true),
    bind(&[ch('v')], Action::RequestReview, false),
    bind(&[key(KeyCode::Esc)], Action::Back, true),
];

const COACH_COMPETENCY: &[Binding] = &[
    bind(&[key(KeyCode::Tab), key(KeyCode::Right), ch('l')], Action::NextLevel, true),
    bind(&[key(KeyCode::BackTab), key(KeyCode::Left), ch('h')], Action::PrevLevel, false),
    bind(&[ch('s')], Action::SignOff, true),
    bind(&[ch('x')], Action::ReturnLevel, true),
    bind(&[ch('c')], Action::Comment, true),
    bind(&[ch('e')], Action::EditNote, false),
    bind(&[ch('R')], Action::EditReflection, false),
    bind(&[ch('H')], Action::History, false),
    bind(&[key(KeyCode::Esc)], Action::Back, true),
];

const EDITOR: &[Binding] =
    &[bind(&[key(KeyCode::Esc)], Action::SaveClose, true), bind(&[ctrl('c')], Action::Quit, false)];

const VIEWER: &[Binding] = &[bind(&[key(KeyCode::Esc)], Action::Close, true)];

const HISTORY: &[Binding] =
    &[bind(&[key(KeyCode::Enter)], Action::Open, true), bind(&[key(KeyCode::Esc)], Action::Back, true)];

const HELP: &[Binding] =
    &[bind(&[key(KeyCode::Esc), ch('?')], Action::Back, true), bind(&[ch('q'), ctrl('c')], Action::Quit, true)];

const SEARCH: &[Binding] = &[
    bind(&[key(KeyCode::Enter)], Action::Open, true),
    bind(&[key(KeyCode::Down)], Action::Down, true),
    bind(&[key(KeyCode::Up)], Action::Up, false),
    bind(&[key(KeyCode::PageDown)], Action::PageDown, false),
    bind(&[key(KeyCode::PageUp)], Action::PageUp, false),
    bind(&[key(KeyCode::Esc)], Action::Back, true),
];

const PICKER: &[Binding] =
    &[bind(&[key(KeyCode::Enter)], Action::Confirm, true), bind(&[key(KeyCode::Esc), ch('q')], Action::Cancel, true)];

const WELCOME: &[Binding] = &[
    bind(&[key(KeyCode::Tab), key(KeyCode::BackTab)], Action::NextField, true),
    bind(&[key(KeyCode::Down)], Action::Down, false),
    bind(&[key(KeyCode::Up)], Action::Up, false),
    bind(&[key(KeyCode::Home)], Action::Home, false),
    bind(&[key(KeyCode::End)], Action::End, false),
    bind(&[key(KeyCode::Enter)], Action::Confirm, true),
    bind(&[key(KeyCode::Esc)], Action::Quit, true),
];

const PROMPT: &[Binding] =
    &[bind(&[key(KeyCode::Enter)], Action::Confirm, true), bind(&[key(KeyCode::Esc)], Action::Cancel, true)];

const TEAM: &[Binding] = &[
    bind(&[key(KeyCode::Enter)], Action::Open, true),
    bind(&[ch('o')], Action::Sort, true),
    bind(&[ch('/')], Action::Filter, true),
    bind(&[ch('w')], Action::Requests, true),
    bind(&[key(KeyCode::Esc)], Action::Back, false),
];

const REQUESTS: &[Binding] =
    &[bind(&[key(KeyCode::Enter)], Action::Open, true), bind(&[key(KeyCode::Esc)], Action::Back, true)];

/// Every binding of a screen, most specific first.
pub fn bindings(kind: ScreenKind, coach: bool) -> Vec<&'static Binding> {
    let global = if coach { COACH_GLOBAL } else { GLOBAL };
    let tables: &[&'static [Binding]] = match (kind, coach) {
        (ScreenKind::Welcome, _) => &[WELCOME],
        (ScreenKind::Overview, false) => &[OVERVIEW, LIST, global],
        (ScreenKind::Overview, true) => &[COACH_OVERVIEW, LIST, global],
        (ScreenKind::Competency, false) => &[COMPETENCY, LIST, global],
        (ScreenKind::Competency, true) => &[COACH_COMPETENCY, LIST, global],
        (ScreenKind::Editor, _) => &[EDITOR],
        (ScreenKind::Viewer, _) => &[VIEWER, LIST, COACH_GLOBAL],
        (ScreenKind::Help, _) => &[HELP, LIST],
        (ScreenKind::Search, _) => &[SEARCH],
        (ScreenKind::History, false) => &[HISTORY, LIST, GLOBAL_BUT_HISTORY],
        (ScreenKind::History, true) => &[HISTORY, LIST, COACH_GLOBAL],
        (ScreenKind::RolePicker, _) => &[PICKER, LIST],
        (ScreenKind::Team, _) => &[TEAM, LIST, COACH_GLOBAL],
        (ScreenKind::Requests, _) => &[REQUESTS, LIST, COACH_GLOBAL],
        (ScreenKind::Prompt, _) => &[PROMPT],
    };
    tables.iter().flat_map(|t| t.iter()).collect()
}

/// The action a key asks for on a screen, if any.
pub fn action(kind: ScreenKind, coach: bool, event: &KeyEvent) -> Option<Action> {
    // On text screens a plain character is text, whatever the table says.
    if kind.takes_text()
        && matches!(event.code, KeyCode::Char(_))
        && !event.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    bindings(kind, coach).into_iter().find(|b| b.keys.iter().any(|k| k.matches(event))).map(|b| b.action)
}

/// The hint bar's entries for a screen: first key and action.
pub fn hints(kind: ScreenKind, coach: bool) -> Vec<(String, Action)> {
    bindings(kind, coach).into_iter().filter(|b| b.hint).map(|b| (b.keys[0].label(), b.action)).collect()
}

/// "j/Down" style label for all keys of a binding.
pub fn keys_label(binding: &Binding) -> String {
    binding.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_documented_keys_reach_their_actions() {
        let c = ScreenKind::Competency;
        assert_eq!(action(c, false, &press(KeyCode::Char(' '))), Some(Action::Toggle));
        assert_eq!(action(c, false, &press(KeyCode::Tab)), Some(Action::NextLevel));
        assert_eq!(action(c, false, &KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Action::PrevLevel));
        assert_eq!(
            action(c, false, &KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT)),
            Some(Action::EditReflection)
        );
        assert_eq!(action(c, false, &press(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(action(ScreenKind::Overview, false, &press(KeyCode::Char('?'))), Some(Action::Help));
        assert_eq!(action(ScreenKind::Overview, false, &press(KeyCode::Enter)), Some(Action::Open));
    }

    #[test]
    fn typing_is_never_a_command() {
        for kind in [ScreenKind::Editor, ScreenKind::Search, ScreenKind::Welcome, ScreenKind::Prompt] {
            for c in ['q', '?', 'u', '/', 'g', 'j'] {
                assert_eq!(action(kind, false, &press(KeyCode::Char(c))), None, "{kind:?} {c}");
            }
        }
        assert_eq!(action(ScreenKind::Editor, false, &press(KeyCode::Esc)), Some(Action::SaveClose));
    }

    #[test]
    fn no_key_means_two_things_on_one_screen() {
        let kinds = [
            ScreenKind::Welcome,
            ScreenKind::Overview,
            ScreenKind::Competency,
            ScreenKind::Editor,
            ScreenKind::Viewer,
            ScreenKind::Help,
            ScreenKind::Search,
            ScreenKind::History,
            ScreenKind::RolePicker,
            ScreenKind::Team,
            ScreenKind::Requests,
            ScreenKind::Prompt,
        ];
        for kind in kinds {
            for coach in [false, true] {
                let mut seen: Vec<(Key, Action)> = Vec::new();
                for b in bindings(kind, coach) {
                    for k in b.keys {
                        if let Some((_, other)) = seen.iter().find(|(s, _)| s == k) {
                            panic!("{kind:?}: {} is bound to {other:?} and {:?}", k.label(), b.action);
                        }
                        seen.push((*k, b.action));
                    }
                }
            }
        }
    }
}
