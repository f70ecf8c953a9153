//! One table: which key does what on which screen. The app looks keys up
//! here, and the help screen and the hint bar are generated from it, so they
//! cannot drift apart. The table is a value: the defaults below, with the
//! user's config file applied over them (`crate::config`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::action::Action;

/// The screens, as far as keys are concerned. `Screen::kind` in `app.rs` is
/// the one mapping from a screen to its kind.
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
    /// Coach review: every file not read.
    Problems,
    /// Coach review: the skills matrix, and who holds a competency at a level.
    Matrix,
    Holders,
    Prompt,
    /// A yes/no question before a step the user may not mean.
    Confirm,
    /// Progress week by week.
    Chart,
}

impl ScreenKind {
    /// Screens with a text field: a key the table does not bind there is
    /// typed into the text (characters, and editing keys such as Backspace).
    pub fn takes_text(self) -> bool {
        matches!(self, ScreenKind::Welcome | ScreenKind::Editor | ScreenKind::Search | ScreenKind::Prompt)
    }
}

/// A part of the table: one screen as keys see it. A coach's overview,
/// competency and history screens have keys of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Welcome,
    Overview,
    Competency,
    Editor,
    Viewer,
    Help,
    Search,
    History,
    RolePicker,
    Team,
    Requests,
    Problems,
    Prompt,
    CoachOverview,
    CoachCompetency,
    CoachHistory,
    Confirm,
    Matrix,
    Holders,
    Chart,
}

impl Section {
    pub const ALL: [Section; 20] = [
        Section::Welcome,
        Section::Overview,
        Section::Competency,
        Section::Editor,
        Section::Viewer,
        Section::Help,
        Section::Search,
        Section::History,
        Section::RolePicker,
        Section::Team,
        Section::Requests,
        Section::Problems,
        Section::Prompt,
        Section::CoachOverview,
        Section::CoachCompetency,
        Section::CoachHistory,
        Section::Confirm,
        Section::Matrix,
        Section::Holders,
        Section::Chart,
    ];

    pub fn of(kind: ScreenKind, coach: bool) -> Section {
        match (kind, coach) {
            (ScreenKind::Welcome, _) => Section::Welcome,
            (ScreenKind::Overview, false) => Section::Overview,
            (ScreenKind::Overview, true) => Section::CoachOverview,
            (ScreenKind::Competency, false) => Section::Competency,
            (ScreenKind::Competency, true) => Section::CoachCompetency,
            (ScreenKind::Editor, _) => Section::Editor,
            (ScreenKind::Viewer, _) => Section::Viewer,
            (ScreenKind::Help, _) => Section::Help,
            (ScreenKind::Search, _) => Section::Search,
            (ScreenKind::History, false) => Section::History,
            (ScreenKind::History, true) => Section::CoachHistory,
            (ScreenKind::RolePicker, _) => Section::RolePicker,
            (ScreenKind::Team, _) => Section::Team,
            (ScreenKind::Requests, _) => Section::Requests,
            (ScreenKind::Problems, _) => Section::Problems,
            (ScreenKind::Prompt, _) => Section::Prompt,
            (ScreenKind::Confirm, _) => Section::Confirm,
            (ScreenKind::Matrix, _) => Section::Matrix,
            (ScreenKind::Holders, _) => Section::Holders,
            (ScreenKind::Chart, _) => Section::Chart,
        }
    }

    /// The section's name in the config file: `[keys.NAME]`.
    pub fn name(self) -> &'static str {
        match self {
            Section::Welcome => "welcome",
            Section::Overview => "overview",
            Section::Competency => "competency",
            Section::Editor => "editor",
            Section::Viewer => "viewer",
            Section::Help => "help",
            Section::Search => "search",
            Section::History => "history",
            Section::RolePicker => "role-picker",
            Section::Team => "team",
            Section::Requests => "requests",
            Section::Problems => "problems",
            Section::Prompt => "prompt",
            Section::CoachOverview => "coach-overview",
            Section::CoachCompetency => "coach-competency",
            Section::CoachHistory => "coach-history",
            Section::Confirm => "confirm",
            Section::Matrix => "matrix",
            Section::Holders => "holders",
            Section::Chart => "chart",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn takes_text(self) -> bool {
        matches!(self, Section::Welcome | Section::Editor | Section::Search | Section::Prompt)
    }
}

/// One key: a code and the Ctrl, Alt and Shift modifiers held with it.
///
/// A printable character carries its Shift in the character itself (`R`,
/// `?`): terminals differ in whether they also report SHIFT, so for
/// characters the SHIFT bit is not compared. `Shift-Tab` is `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const MODS: KeyModifiers = KeyModifiers::CONTROL.union(KeyModifiers::ALT).union(KeyModifiers::SHIFT);

const fn key(code: KeyCode) -> Key {
    Key { code, mods: NONE }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
}

/// Named keys, as the config file writes them (any case), and how help shows them.
const NAMES: &[(&str, KeyCode)] = &[
    ("Space", KeyCode::Char(' ')),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
];

/// Other spellings the config file accepts.
const ALIASES: &[(&str, KeyCode)] = &[
    ("Escape", KeyCode::Esc),
    ("Return", KeyCode::Enter),
    ("Del", KeyCode::Delete),
    ("Ins", KeyCode::Insert),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
];

/// `Ctrl-Alt-Shift-` as `mods` has them, then `name`.
fn with_modifiers(mods: KeyModifiers, name: &str) -> String {
    let prefixes = [(KeyModifiers::CONTROL, "Ctrl-"), (KeyModifiers::ALT, "Alt-"), (KeyModifiers::SHIFT, "Shift-")];
    prefixes.iter().filter(|(m, _)| mods.contains(*m)).map(|(_, prefix)| *prefix).collect::<String>() + name
}

impl Key {
    /// The key in a canonical form, so that two spellings of one key compare equal.
    fn normal(code: KeyCode, mods: KeyModifiers) -> Key {
        let mods = mods & MODS;
        match code {
            KeyCode::Char(c) => {
                // Ctrl-C arrives as 'c' with CONTROL; Shift-r as 'R'.
                let c = if mods.contains(KeyModifiers::SHIFT) { c.to_ascii_uppercase() } else { c };
                let c = if mods == KeyModifiers::CONTROL { c.to_ascii_lowercase() } else { c };
                Key { code: KeyCode::Char(c), mods: mods - KeyModifiers::SHIFT }
            }
            KeyCode::BackTab => Key { code, mods: mods - KeyModifiers::SHIFT },
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                Key { code: KeyCode::BackTab, mods: mods - KeyModifiers::SHIFT }
            }
            _ => Key { code, mods },
        }
    }

    pub fn matches(&self, event: &KeyEvent) -> bool {
        Key::normal(self.code, self.mods) == Key::normal(event.code, event.modifiers)
    }

    /// Parses a key as the config file writes it: `q`, `R`, `?`, `Enter`,
    /// `F5`, `PageDown`, `Space`, `Ctrl-l`, `Alt-Enter`, `Shift-Tab`.
    pub fn parse(text: &str) -> Option<Key> {
        let mut mods = NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (modifier, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            // `Ctrl-` alone would leave nothing: `-` is then the key.
            if rest.len() == len {
                break;
            }
            mods |= modifier;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => {
                let named = NAMES.iter().chain(ALIASES).find(|(name, _)| name.eq_ignore_ascii_case(rest));
                match named {
                    Some(&(_, code)) => code,
                    None => {
                        let n: u8 = rest.strip_prefix(['F', 'f'])?.parse().ok()?;
                        if !(1..=24).contains(&n) {
                            return None;
                        }
                        KeyCode::F(n)
                    }
                }
            }
        };
        Some(Key::normal(code, mods))
    }

    /// How the config file writes the key; `parse` reads it back.
    pub fn config_name(&self) -> String {
        let key = Key::normal(self.code, self.mods);
        let name = match key.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMES.iter().find(|(_, c)| *c == code).map_or_else(|| format!("{code:?}"), |(n, _)| n.to_string()),
        };
        with_modifiers(key.mods, &name)
    }

    /// How the key is written in help and hints: plain text, no arrows
    /// (they are ambiguous-width on East Asian terminals).
    pub fn label(&self) -> String {
        let key = Key::normal(self.code, self.mods);
        let name = match key.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if key.mods.contains(KeyModifiers::CONTROL) => c.to_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMES.iter().find(|(_, c)| *c == code).map_or_else(|| format!("{code:?}"), |(n, _)| n.to_string()),
        };
        with_modifiers(key.mods, &name)
    }
}

/// Keys for one action on one screen, and whether the hint bar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    pub hint: bool,
}

impl Binding {
    /// "j/Down" style label for all keys of a binding.
    pub fn keys_label(&self) -> String {
        self.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
    }
}

/// The default tables are made of these parts.
type Part = &'static [(&'static [Key], Action, bool)];

const LIST: Part = &[
    (&[key(KeyCode::Down), ch('j')], Action::Down, false),
    (&[key(KeyCode::Up), ch('k')], Action::Up, false),
    (&[key(KeyCode::PageDown)], Action::PageDown, false),
    (&[key(KeyCode::PageUp)], Action::PageUp, false),
    (&[key(KeyCode::Home)], Action::Home, false),
    (&[key(KeyCode::End)], Action::End, false),
];

/// Keys that work on every screen, also while typing.
const ALWAYS: Part = &[
    (&[ctrl('c')], Action::Quit, false),
    (&[ctrl('l')], Action::Redraw, false),
    (&[ctrl('z')], Action::Suspend, false),
];

/// Keys that work on every screen of the learner's app where nothing is being typed.
const GLOBAL: Part = &[
    (&[ch('g')], Action::NextToPractise, true),
    (&[ch('/')], Action::Search, true),
    (&[ch('u')], Action::Undo, false),
    (&[ch('H')], Action::History, false),
    (&[ch('?')], Action::Help, true),
    (&[ch('q'), ctrl('c')], Action::Quit, true),
];

const COACH_GLOBAL: Part = &[(&[ch('?')], Action::Help, true), (&[ch('q'), ctrl('c')], Action::Quit, true)];

const OVERVIEW: Part = &[
    (&[key(KeyCode::Enter)], Action::Open, true),
    (&[ch('r')], Action::ChangeRole, true),
    (&[ch('N')], Action::Rename, true),
    (&[ch('p')], Action::Chart, true),
];

const COACH_OVERVIEW: Part = &[
    (&[key(KeyCode::Enter)], Action::Open, true),
    (&[ch('H')], Action::History, false),
    (&[ch('p')], Action::Chart, true),
    (&[key(KeyCode::Esc)], Action::Back, true),
];

const COMPETENCY: Part = &[
    (&[ch(' ')], Action::Toggle, true),
    (&[key(KeyCode::Tab), key(KeyCode::Right), ch('l')], Action::NextLevel, true),
    (&[key(KeyCode::BackTab), key(KeyCode::Left), ch('h')], Action::PrevLevel, false),
    (&[ch('e')], Action::EditNote, true),
    // Before Esc so the hint bar names it at 80 columns; the reflection's hint gives way first.
    (&[ch('v')], Action::RequestReview, true),
    (&[key(KeyCode::Esc)], Action::Back, true),
    (&[ch('R')], Action::EditReflection, true),
];

const COACH_COMPETENCY: Part = &[
    (&[key(KeyCode::Tab), key(KeyCode::Right), ch('l')], Action::NextLevel, true),
    (&[key(KeyCode::BackTab), key(KeyCode::Left), ch('h')], Action::PrevLevel, false),
    (&[ch('s')], Action::SignOff, true),
    (&[ch('x')], Action::ReturnLevel, true),
    (&[ch('c')], Action::Comment, true),
    (&[ch('e')], Action::EditNote, false),
    (&[ch('R')], Action::EditReflection, false),
    (&[ch('H')], Action::History, false),
    (&[key(KeyCode::Esc)], Action::Back, true),
];

const EDITOR: Part = &[(&[key(KeyCode::Esc)], Action::SaveClose, true)];

const VIEWER: Part = &[(&[key(KeyCode::Esc)], Action::Close, true)];

const HISTORY: Part = &[(&[key(KeyCode::Enter)], Action::Open, true), (&[key(KeyCode::Esc)], Action::Back, true)];

const HELP: Part = &[(&[key(KeyCode::Esc), ch('?')], Action::Back, true), (&[ch('q'), ctrl('c')], Action::Quit, true)];

const SEARCH: Part = &[
    (&[key(KeyCode::Enter)], Action::Open, true),
    (&[key(KeyCode::Down)], Action::Down, true),
    (&[key(KeyCode::Up)], Action::Up, false),
    (&[key(KeyCode::PageDown)], Action::PageDown, false),
    (&[key(KeyCode::PageUp)], Action::PageUp, false),
    (&[key(KeyCode::Esc)], Action::Back, true),
];

const PICKER: Part =
    &[(&[key(KeyCode::Enter)], Action::Confirm, true), (&[key(KeyCode::Esc), ch('q')], Action::Cancel, true)];

const WELCOME: Part = &[
    (&[key(KeyCode::Tab), key(KeyCode::BackTab)], Action::NextField, true),
    (&[key(KeyCode::Down)], Action::Down, false),
    (&[key(KeyCode::Up)], Action::Up, false),
    (&[key(KeyCode::Home)], Action::Home, false),
    (&[key(KeyCode::End)], Action::End, false),
    (&[key(KeyCode::Enter)], Action::Confirm, true),
    (&[key(KeyCode::Esc)], Action::Quit, true),
];

const CONFIRM: Part =
    &[(&[ch('y'), key(KeyCode::Enter)], Action::Confirm, true), (&[ch('n'), key(KeyCode::Esc)], Action::Cancel, true)];

const PROMPT: Part = &[(&[key(KeyCode::Enter)], Action::Confirm, true), (&[key(KeyCode::Esc)], Action::Cancel, true)];

const TEAM: Part = &[
    (&[key(KeyCode::Enter)], Action::Open, true),
    (&[ch('o')], Action::Sort, true),
    (&[ch('/')], Action::Filter, true),
    (&[ch('w')], Action::Requests, true),
    // Not in the hint bar: the box of unread files names it when it has more than it shows.
    (&[ch('p')], Action::Problems, false),
    (&[ch('m')], Action::Matrix, true),
    (&[ch('t')], Action::TeamChart, true),
    (&[key(KeyCode::Esc)], Action::Back, false),
];

const REQUESTS: Part = &[(&[key(KeyCode::Enter)], Action::Open, true), (&[key(KeyCode::Esc)], Action::Back, true)];

const PROBLEMS: Part = &[(&[key(KeyCode::Esc)], Action::Back, true)];

const MATRIX: Part = &[
    (&[key(KeyCode::Enter)], Action::Holders, true),
    (&[key(KeyCode::Right), ch('l')], Action::ColumnRight, true),
    (&[key(KeyCode::Left), ch('h')], Action::ColumnLeft, false),
    (&[ch('+')], Action::LevelUp, true),
    (&[ch('-')], Action::LevelDown, false),
    (&[ch('o')], Action::SortColumn, true),
    (&[key(KeyCode::Esc)], Action::Back, true),
];

const HOLDERS: Part = &[(&[key(KeyCode::Enter)], Action::Open, true), (&[key(KeyCode::Esc)], Action::Back, true)];
const CHART: Part = &[(&[key(KeyCode::Esc)], Action::Back, true)];

/// A screen's default bindings: its parts, most specific first; an action
/// met again gains the part's keys (`Ctrl-C` joins `q` for quit).
fn defaults(section: Section) -> Vec<Binding> {
    let parts: &[Part] = match section {
        Section::Welcome => &[WELCOME],
        Section::Overview => &[OVERVIEW, LIST, GLOBAL],
        Section::CoachOverview => &[COACH_OVERVIEW, LIST, COACH_GLOBAL],
        Section::Competency => &[COMPETENCY, LIST, GLOBAL],
        Section::CoachCompetency => &[COACH_COMPETENCY, LIST, COACH_GLOBAL],
        Section::Editor => &[EDITOR],
        Section::Viewer => &[VIEWER, LIST, COACH_GLOBAL],
        Section::Help => &[HELP, LIST],
        Section::Search => &[SEARCH],
        Section::History => &[HISTORY, LIST, GLOBAL],
        Section::CoachHistory => &[HISTORY, LIST, COACH_GLOBAL],
        Section::RolePicker => &[PICKER, LIST],
        Section::Team => &[TEAM, LIST, COACH_GLOBAL],
        Section::Requests => &[REQUESTS, LIST, COACH_GLOBAL],
        Section::Problems => &[PROBLEMS, LIST, COACH_GLOBAL],
        Section::Matrix => &[MATRIX, LIST, COACH_GLOBAL],
        Section::Holders => &[HOLDERS, LIST, COACH_GLOBAL],
        Section::Prompt => &[PROMPT],
        Section::Confirm => &[CONFIRM],
        // The learner's keys that work everywhere; a coach's quit and help.
        Section::Chart => &[CHART, COACH_GLOBAL],
    };
    let mut bindings: Vec<Binding> = Vec::new();
    for &(keys, action, hint) in parts.iter().copied().chain([ALWAYS]).flatten() {
        match bindings.iter_mut().find(|b| b.action == action) {
            Some(b) => {
                for k in keys {
                    if !b.keys.contains(k) {
                        b.keys.push(*k);
                    }
                }
            }
            None => bindings.push(Binding { action, keys: keys.to_vec(), hint }),
        }
    }
    if section == Section::History {
        // On the history screen itself `H` has nothing more to open, and its
        // own keys fill the hint bar.
        bindings.retain(|b| b.action != Action::History);
        for b in &mut bindings {
            b.hint &= !matches!(b.action, Action::NextToPractise | Action::Search);
        }
    }
    bindings
}

/// Every screen's bindings: the defaults, or what the config file made of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyTable {
    sections: Vec<Vec<Binding>>,
}

impl Default for KeyTable {
    fn default() -> KeyTable {
        KeyTable { sections: Section::ALL.into_iter().map(defaults).collect() }
    }
}

impl KeyTable {
    pub fn section(&self, section: Section) -> &[Binding] {
        &self.sections[section as usize]
    }

    pub fn section_mut(&mut self, section: Section) -> &mut Vec<Binding> {
        &mut self.sections[section as usize]
    }

    /// Every binding of a screen, in the order help lists them.
    pub fn bindings(&self, kind: ScreenKind, coach: bool) -> &[Binding] {
        self.section(Section::of(kind, coach))
    }

    /// The action a key asks for on a screen, if any. On a screen with a
    /// text field, a key that is not bound is text (`None`).
    pub fn action(&self, kind: ScreenKind, coach: bool, event: &KeyEvent) -> Option<Action> {
        self.bindings(kind, coach).iter().find(|b| b.keys.iter().any(|k| k.matches(event))).map(|b| b.action)
    }

    /// The hint bar's entries for a screen: first key and action.
    pub fn hints(&self, kind: ScreenKind, coach: bool) -> Vec<(String, Action)> {
        self.bindings(kind, coach)
            .iter()
            .filter(|b| b.hint)
            .filter_map(|b| Some((b.keys.first()?.label(), b.action)))
            .collect()
    }

    /// Two actions of one screen on one key: the key, and both actions.
    pub fn clashes(bindings: &[Binding]) -> Option<(Key, Action, Action)> {
        let mut seen: Vec<(Key, Action)> = Vec::new();
        for b in bindings {
            for k in &b.keys {
                let k = Key::normal(k.code, k.mods);
                if let Some(&(_, other)) = seen.iter().find(|(s, a)| *s == k && *a != b.action) {
                    return Some((k, other, b.action));
                }
                seen.push((k, b.action));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_documented_keys_reach_their_actions() {
        let t = KeyTable::default();
        let c = ScreenKind::Competency;
        assert_eq!(t.action(c, false, &press(KeyCode::Char(' '))), Some(Action::Toggle));
        assert_eq!(t.action(c, false, &press(KeyCode::Tab)), Some(Action::NextLevel));
        assert_eq!(t.action(c, false, &KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Action::PrevLevel));
        assert_eq!(
            t.action(c, false, &KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT)),
            Some(Action::EditReflection)
        );
        assert_eq!(t.action(c, false, &press(KeyCode::Char('R'))), Some(Action::EditReflection));
        assert_eq!(t.action(c, false, &press(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(t.action(ScreenKind::Overview, false, &press(KeyCode::Char('?'))), Some(Action::Help));
        assert_eq!(t.action(ScreenKind::Overview, false, &press(KeyCode::Enter)), Some(Action::Open));
    }

    #[test]
    fn typing_is_never_a_command() {
        let t = KeyTable::default();
        for kind in [ScreenKind::Editor, ScreenKind::Search, ScreenKind::Welcome, ScreenKind::Prompt] {
            for c in ['q', '?', 'u', '/', 'g', 'j', 'Q', ' '] {
                assert_eq!(t.action(kind, false, &press(KeyCode::Char(c))), None, "{kind:?} {c}");
            }
        }
        assert_eq!(t.action(ScreenKind::Editor, false, &press(KeyCode::Esc)), Some(Action::SaveClose));
    }

    #[test]
    fn ctrl_c_ctrl_l_and_ctrl_z_work_on_every_screen() {
        let t = KeyTable::default();
        for section in Section::ALL {
            let keys = |a| t.section(section).iter().find(|b| b.action == a).map(|b| b.keys.clone());
            assert!(keys(Action::Quit).unwrap().contains(&ctrl('c')), "{section:?}");
            assert_eq!(keys(Action::Redraw).unwrap(), [ctrl('l')], "{section:?}");
            assert_eq!(keys(Action::Suspend).unwrap(), [ctrl('z')], "{section:?}");
        }
    }

    #[test]
    fn no_key_means_two_things_on_one_screen() {
        let t = KeyTable::default();
        for section in Section::ALL {
            assert_eq!(KeyTable::clashes(t.section(section)), None, "{section:?}");
        }
    }

    #[test]
    fn keys_parse_with_ctrl_alt_and_shift() {
        let k = |code, mods| Some(Key { code, mods });
        assert_eq!(Key::parse("Ctrl-l"), k(KeyCode::Char('l'), KeyModifiers::CONTROL));
        assert_eq!(Key::parse("ctrl-L"), k(KeyCode::Char('l'), KeyModifiers::CONTROL));
        assert_eq!(Key::parse("Alt-Enter"), k(KeyCode::Enter, KeyModifiers::ALT));
        assert_eq!(Key::parse("Shift-Tab"), k(KeyCode::BackTab, NONE));
        assert_eq!(Key::parse("Shift-r"), k(KeyCode::Char('R'), NONE));
        assert_eq!(Key::parse("Shift-Down"), k(KeyCode::Down, KeyModifiers::SHIFT));
        assert_eq!(Key::parse("Ctrl-Alt-Home"), k(KeyCode::Home, KeyModifiers::CONTROL | KeyModifiers::ALT));
        assert_eq!(Key::parse("F5"), k(KeyCode::F(5), NONE));
        assert_eq!(Key::parse("pagedown"), k(KeyCode::PageDown, NONE));
        assert_eq!(Key::parse("Space"), k(KeyCode::Char(' '), NONE));
        assert_eq!(Key::parse("-"), k(KeyCode::Char('-'), NONE));
        assert_eq!(Key::parse("Ctrl--"), k(KeyCode::Char('-'), KeyModifiers::CONTROL));
        assert_eq!(Key::parse("た"), k(KeyCode::Char('た'), NONE));
        for bad in ["", "Enterr", "F0", "F25", "Ctrl-", "Hyper-x", "ab", "\u{1b}"] {
            assert_eq!(Key::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn alt_and_shift_bindings_match_only_with_their_modifiers() {
        let alt_enter = Key::parse("Alt-Enter").unwrap();
        assert!(alt_enter.matches(&KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
        assert!(!alt_enter.matches(&press(KeyCode::Enter)));
        let shift_down = Key::parse("Shift-Down").unwrap();
        assert!(shift_down.matches(&KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT)));
        assert!(!shift_down.matches(&press(KeyCode::Down)));
        assert!(!ch('j').matches(&KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT)));
        // Shift is part of a character: 'R' with or without SHIFT reported, and 'r' with SHIFT.
        let r = Key::parse("R").unwrap();
        for event in [
            press(KeyCode::Char('R')),
            KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT),
            KeyEvent::new(KeyCode::Char('r'), KeyModifiers::SHIFT),
        ] {
            assert!(r.matches(&event), "{event:?}");
        }
        assert!(!r.matches(&press(KeyCode::Char('r'))));
    }

    #[test]
    fn config_names_read_back_as_the_same_key() {
        for section in Section::ALL {
            for b in KeyTable::default().section(section) {
                for k in &b.keys {
                    assert_eq!(Key::parse(&k.config_name()), Some(Key::normal(k.code, k.mods)), "{k:?}");
                }
            }
        }
        assert_eq!(Key::parse("Alt-Shift-F5").unwrap().config_name(), "Alt-Shift-F5");
    }
}
