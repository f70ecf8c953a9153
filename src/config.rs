//! The user's settings file, `$XDG_CONFIG_HOME/keiko/config.toml`: the
//! language, ASCII drawing and key bindings per screen. A file with errors is
//! reported (each error at its `LINE:COL`) and set aside as a whole: keiko
//! then runs on its defaults rather than not at all.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::tui::keymap::{Action, Binding, Key, KeyTable, Section};
use keiko_core::lang::Lang;
use keiko_core::os::files::{ReadFileError, read_regular_file};

/// A config file is a few lines; anything this large is not one.
pub const MAX_CONFIG_BYTES: u64 = 256 * 1024;

/// What the file sets; `None` where it is silent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub lang: Option<Lang>,
    pub ascii: Option<bool>,
    /// A team directory to work in, over the system config's (team mode).
    pub team: Option<PathBuf>,
    pub keys: KeyTable,
}

/// One problem in the file, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the file could not be read at all.
    pub line: usize,
    pub col: usize,
    pub problem: Mistake,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mistake {
    /// The file cannot be read (permissions, a directory, too large, not UTF-8).
    Unreadable(ReadFileError),
    NotUtf8,
    /// Not valid TOML: the parser's own (English) words.
    Syntax(String),
    /// A top-level key keiko does not know.
    UnknownSetting(String),
    /// `lang` is not a language keiko speaks.
    BadLang,
    /// A value of the wrong type: the key and what it should be.
    WrongType {
        key: String,
        expected: Expected,
    },
    UnknownScreen(String),
    /// An action the screen does not have; the ones it has.
    UnknownAction {
        screen: Section,
        action: String,
        known: Vec<Action>,
    },
    UnknownKey(String),
    /// Two actions on one key of a screen.
    Clash {
        screen: Section,
        key: String,
        first: Action,
        second: Action,
    },
}

/// The type a value should have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Lang,
    Bool,
    Table,
    Keys,
    Path,
}

/// Where the config file is (whether or not it exists).
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "keiko").map(|dirs| dirs.config_dir().join("config.toml"))
}

/// Reads the config file at `path`. A missing file is no error.
pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
    let at = |problem| vec![ConfigError { path: path.to_path_buf(), line: 0, col: 0, problem }];
    let bytes = match read_regular_file(path, MAX_CONFIG_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadFileError::Os(e)) if e.kind == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => return Err(at(Mistake::Unreadable(e))),
    };
    let text = String::from_utf8(bytes).map_err(|_| at(Mistake::NotUtf8))?;
    parse(&text, path)
}

/// Parses a config file's text; `path` only names the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<Config, Vec<ConfigError>> {
    let mut errors = Vec::new();
    let mut error = |span: Range<usize>, problem| {
        let (line, col) = keiko_core::text::line_col(text, span.start);
        errors.push(ConfigError { path: path.to_path_buf(), line, col, problem });
    };
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(e) => {
            error(e.span().unwrap_or(0..0), Mistake::Syntax(e.message().to_string()));
            return Err(errors);
        }
    };
    let mut config = Config::default();
    for (name, value) in &table {
        match name.get_ref().as_ref() {
            "lang" => match value.get_ref().as_str() {
                Some(tag) => match crate::languages::find(tag) {
                    Some(lang) => config.lang = Some(lang),
                    None => error(value.span(), Mistake::BadLang),
                },
                None => error(value.span(), wrong_type("lang", Expected::Lang)),
            },
            "ascii" => match value.get_ref().as_bool() {
                Some(ascii) => config.ascii = Some(ascii),
                None => error(value.span(), wrong_type("ascii", Expected::Bool)),
            },
            "team" => match value.get_ref().as_str() {
                Some(dir) if !dir.is_empty() => config.team = Some(PathBuf::from(dir)),
                _ => error(value.span(), wrong_type("team", Expected::Path)),
            },
            "keys" => match value.get_ref().as_table() {
                Some(screens) => keys(screens, &mut config.keys, &mut error),
                None => error(value.span(), wrong_type("keys", Expected::Table)),
            },
            other => error(name.span(), Mistake::UnknownSetting(other.to_string())),
        }
    }
    // Errors in the order of the file, whatever order the table keeps.
    errors.sort_by_key(|e| (e.line, e.col));
    if errors.is_empty() { Ok(config) } else { Err(errors) }
}

fn wrong_type(key: &str, expected: Expected) -> Mistake {
    Mistake::WrongType { key: key.to_string(), expected }
}

/// `[keys.SCREEN] action = "Key"` or `["Key", ...]`: each binding replaces
/// the action's default keys on that screen.
fn keys(screens: &DeTable, table: &mut KeyTable, error: &mut impl FnMut(Range<usize>, Mistake)) {
    for (name, value) in screens {
        let Some(screen) = Section::from_name(name.get_ref()) else {
            error(name.span(), Mistake::UnknownScreen(name.get_ref().to_string()));
            continue;
        };
        let Some(actions) = value.get_ref().as_table() else {
            error(value.span(), wrong_type(&format!("keys.{}", screen.name()), Expected::Table));
            continue;
        };
        // Where the user bound each key, to name the place of a clash.
        let mut written: Vec<(Key, Action, Range<usize>)> = Vec::new();
        for (action_name, value) in actions {
            let bindings = table.section_mut(screen);
            let Some(binding) = bindings.iter_mut().find(|b| b.action.name() == action_name.get_ref()) else {
                let known = bindings.iter().map(|b| b.action).collect();
                let action = action_name.get_ref().to_string();
                error(action_name.span(), Mistake::UnknownAction { screen, action, known });
                continue;
            };
            let items: Vec<&Spanned<DeValue>> = match value.get_ref() {
                DeValue::String(_) => vec![value],
                DeValue::Array(array) => array.iter().collect(),
                _ => Vec::new(),
            };
            let key_name = || format!("keys.{}.{}", screen.name(), binding.action.name());
            if !value.get_ref().is_str() && !value.get_ref().is_array() {
                error(value.span(), wrong_type(&key_name(), Expected::Keys));
                continue;
            }
            let mut keys = Vec::new();
            for item in items {
                match item.get_ref().as_str() {
                    Some(text) => match Key::parse(text) {
                        Some(key) => {
                            keys.push(key);
                            written.push((key, binding.action, item.span()));
                        }
                        None => error(item.span(), Mistake::UnknownKey(text.to_string())),
                    },
                    None => error(item.span(), wrong_type(&key_name(), Expected::Keys)),
                }
            }
            binding.keys = keys;
        }
        clashes(screen, table.section(screen), &written, error);
    }
}

/// Reports each key of a screen bound to two actions, at the place the user wrote it.
fn clashes(
    screen: Section,
    bindings: &[Binding],
    written: &[(Key, Action, Range<usize>)],
    error: &mut impl FnMut(Range<usize>, Mistake),
) {
    for (i, b) in bindings.iter().enumerate() {
        for key in &b.keys {
            let Some(first) = bindings[..i].iter().find(|o| o.keys.iter().any(|k| same(k, key))) else {
                continue;
            };
            // A clash comes from the file: one of the two was written there
            // (the later one, when both were).
            let at = |action| written.iter().find(|(k, a, _)| same(k, key) && *a == action).map(|w| w.2.clone());
            let span = at(b.action).or_else(|| at(first.action)).unwrap_or(0..0);
            error(span, Mistake::Clash { screen, key: key.config_name(), first: first.action, second: b.action });
        }
    }
}

fn same(a: &Key, b: &Key) -> bool {
    a.config_name() == b.config_name()
}

/// `keiko config default`: every screen, every action and its keys, as a
/// commented config file. Saved as the config file, it changes nothing.
pub fn default_file() -> String {
    let table = KeyTable::default();
    let mut out = String::from(
        "# keiko's settings: save as the file `keiko config path` prints.\n\
         # Every line below is a default; keep only the ones you change.\n\
         # Precedence: a flag (--lang, --ascii) beats the environment\n\
         # (KEIKO_LANG, KEIKO_ASCII), which beats this file.\n\
         \n\
         # The language of the interface: \"ja\" or \"en\" (default: the locale).\n\
         # lang = \"en\"\n\
         \n\
         # Borders, bars and marks in ASCII, for terminals that draw boxes double width.\n\
         ascii = false\n\
         \n\
         # A team directory to work in (team mode), over the system-wide\n\
         # /etc/keiko/config.toml's; --file and KEIKO_FILE still win.\n\
         # team = \"/srv/keiko/team\"\n\
         \n\
         # Keys, per screen: action = \"Key\" or [\"Key\", \"Key\"]. A binding replaces\n\
         # the action's keys on that screen; two actions on one key is an error.\n\
         # Keys: a character (q, R, ?), Space, Enter, Esc, Tab, BackTab, Backspace,\n\
         # Delete, Insert, Up, Down, Left, Right, Home, End, PageUp, PageDown, F1-F24,\n\
         # with Ctrl-, Alt- or Shift- before them (Ctrl-l, Alt-Enter, Shift-Tab).\n\
         # A character's Shift is in the character: write R, not Shift-r (both work);\n\
         # terminals differ in whether they report Shift with it, so it is not compared.\n",
    );
    for section in Section::ALL {
        out.push_str(&format!("\n[keys.{}]\n", section.name()));
        if section.takes_text() {
            out.push_str(
                "# A text field: keys not bound here are typed (characters, Enter,\n\
                 # Backspace, arrows...). Binding a character here takes it from the text.\n",
            );
        }
        for b in table.section(section) {
            let keys: Vec<String> = b.keys.iter().map(|k| format!("{:?}", k.config_name())).collect();
            let value = if keys.len() == 1 { keys[0].clone() } else { format!("[{}]", keys.join(", ")) };
            out.push_str(&format!("{} = {value}\n", b.action.name()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::tui::keymap::ScreenKind;

    fn parsed(text: &str) -> Result<Config, Vec<ConfigError>> {
        parse(text, Path::new("config.toml"))
    }

    fn problems(text: &str) -> Vec<(usize, usize, Mistake)> {
        parsed(text).unwrap_err().into_iter().map(|e| (e.line, e.col, e.problem)).collect()
    }

    #[test]
    fn the_default_file_changes_nothing() {
        assert_eq!(parsed(&default_file()), Ok(Config { ascii: Some(false), ..Config::default() }));
    }

    #[test]
    fn lang_ascii_and_a_rebinding_are_read() {
        let config = parsed("lang = \"ja\"\nascii = true\n[keys.overview]\nopen = [\"o\", \"Alt-Enter\"]\n").unwrap();
        assert_eq!((config.lang, config.ascii), (Some(Lang::JA), Some(true)));
        let action = |code, mods| config.keys.action(ScreenKind::Overview, false, &KeyEvent::new(code, mods));
        assert_eq!(action(KeyCode::Char('o'), KeyModifiers::NONE), Some(Action::Open));
        assert_eq!(action(KeyCode::Enter, KeyModifiers::ALT), Some(Action::Open));
        assert_eq!(action(KeyCode::Enter, KeyModifiers::NONE), None);
    }

    #[test]
    fn each_error_is_named_at_its_line_and_column() {
        let text = "colour = 1\nlang = \"fr\"\nascii = \"yes\"\n[keys.nowhere]\n[keys.overview]\nopne = \"o\"\nopen = \"Hyper-x\"\n";
        let found = problems(text);
        assert_eq!(found[0], (1, 1, Mistake::UnknownSetting("colour".into())));
        assert_eq!(found[1], (2, 8, Mistake::BadLang));
        assert_eq!(found[2], (3, 9, wrong_type("ascii", Expected::Bool)));
        assert_eq!(found[3], (4, 7, Mistake::UnknownScreen("nowhere".into())));
        assert!(matches!(&found[4], (6, 1, Mistake::UnknownAction { action, .. }) if action == "opne"));
        assert_eq!(found[5], (7, 8, Mistake::UnknownKey("Hyper-x".into())));
        assert_eq!(found.len(), 6);
    }

    #[test]
    fn a_clash_is_named_where_the_key_was_bound() {
        let found = problems("[keys.overview]\nopen = \"Enter\"\nchange-role = [\"x\", \"Enter\"]\n");
        let clash = Mistake::Clash {
            screen: Section::Overview,
            key: "Enter".into(),
            first: Action::Open,
            second: Action::ChangeRole,
        };
        assert_eq!(found, [(3, 21, clash)]);
        // With a default binding: `q` already quits on the overview.
        assert!(matches!(&problems("[keys.overview]\nopen = \"q\"\n")[..], [(2, 8, Mistake::Clash { .. })]));
    }

    #[test]
    fn wrong_types_and_bad_toml_are_errors() {
        assert!(matches!(&problems("keys = 1\n")[..], [(1, 8, Mistake::WrongType { .. })]));
        assert!(matches!(&problems("[keys]\noverview = 1\n")[..], [(2, 12, Mistake::WrongType { .. })]));
        assert!(matches!(&problems("[keys.overview]\nopen = 5\n")[..], [(2, 8, Mistake::WrongType { .. })]));
        assert!(matches!(&problems("[keys.overview]\nopen = [5]\n")[..], [(2, 9, Mistake::WrongType { .. })]));
        assert!(matches!(&problems("lang = \n")[..], [(1, _, Mistake::Syntax(_))]));
    }

    #[test]
    fn a_missing_file_is_the_defaults_and_a_directory_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&dir.path().join("config.toml")), Ok(Config::default()));
        let errors = load(dir.path()).unwrap_err();
        assert_eq!(errors[0].problem, Mistake::Unreadable(ReadFileError::NotAFile));
    }
}
