//! The command-line subcommands: status, export, review --export, framework check/show, path,
//! completions, man, and team administration (init, add, check, migrate).
//! Each prints to stdout and returns an error message for the user on failure.

pub mod export;
pub mod framework_cmd;
pub mod manual;
pub mod review;
pub mod status;
pub mod team_cmd;
pub mod team_fix;
pub mod xlsx;

use crate::i18n::{Words, msg};
use std::io::Write;
use std::path::PathBuf;

use crate::glyphs::Glyphs;
use crate::i18n::Lang;
use crate::i18n::Localized;
use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::{Change, Stamp, Workbook};
use keiko_core::store::{Storage, Store};
use keiko_core::text::terminal_safe;

/// The global options every command shares.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub file: Option<PathBuf>,
    pub framework: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub role: Option<String>,
    pub name: Option<String>,
    pub reading: Option<String>,
    pub ascii: bool,
    /// The config file's settings (the defaults when it has none, or errors).
    pub config: crate::config::Config,
}

/// What a command runs with: language, framework, the learner's store, who is acting.
pub struct Context {
    pub lang: Lang,
    pub glyphs: &'static Glyphs,
    pub framework: Framework,
    /// The user's workbook: a file, or (team mode) their place in a team.
    pub store: Box<dyn Storage>,
    /// Team mode: the team the user's workbook is in.
    pub team: Option<keiko_core::team::access::LiveTeam>,
    /// Who is making changes, for history: the login name.
    pub user: String,
    /// The app's key bindings: the defaults with the config file's over them.
    pub keys: crate::tui::keymap::KeyTable,
}

fn env(key: &str) -> Option<String> {
    std::env::var(key).ok()
}

/// The login name, for the history's "who": the password database's name
/// for our real user id, never `$USER` or `$LOGNAME`, which anyone can set.
pub fn login_name() -> String {
    keiko_core::os::identity::real_login()
}

/// `--lang`, else `KEIKO_LANG`, else the config file's `lang`, else the locale.
/// `--lang`: one of the languages keiko speaks (`--help` and the shell
/// completions list them); another is refused with the list.
pub fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(crate::i18n::tags()).try_map(|tag| {
        crate::i18n::find(&tag).ok_or_else(|| format!("no language {tag}: the languages are {}", crate::i18n::listed()))
    })
}

pub fn language(options: &Options) -> Lang {
    let from_env = env("KEIKO_LANG").is_some_and(|v| !v.is_empty());
    crate::i18n::detect(options.lang.or(if from_env { None } else { options.config.lang }), env)
}

/// `--ascii`, else `KEIKO_ASCII` (`0` is off), else the config file's
/// `ascii`, else ASCII where the locale is not UTF-8.
pub fn ascii_mode(options: &Options) -> bool {
    match env("KEIKO_ASCII").filter(|v| !v.is_empty()) {
        _ if options.ascii => true,
        Some(value) => value != "0",
        None => options.config.ascii.unwrap_or_else(|| !utf8_locale(env)),
    }
}

/// Whether the locale's character set is UTF-8: the first of `LC_ALL`,
/// `LC_CTYPE`, `LANG` that is set decides (`ja_JP.UTF-8`, `C.utf8`). No
/// locale at all is the C locale, which is ASCII, as `C` and `POSIX` are;
/// `ja_JP.eucJP` cannot show UTF-8 blocks either.
pub fn utf8_locale(env: impl Fn(&str) -> Option<String>) -> bool {
    let Some(locale) = ["LC_ALL", "LC_CTYPE", "LANG"].iter().find_map(|k| env(k).filter(|v| !v.is_empty())) else {
        return false;
    };
    let codeset = locale.split_once('.').map_or("", |(_, rest)| rest.split('@').next().unwrap_or(""));
    codeset.replace('-', "").eq_ignore_ascii_case("utf8")
}

/// Whether the terminal says it cannot draw (`TERM=dumb`: Emacs's shell,
/// some CI logs): no cursor moves, so no full-screen app.
pub fn dumb_terminal() -> bool {
    env("TERM").is_some_and(|t| t == "dumb")
}

/// Reads the config file into `options`. Its errors are told once, on
/// stderr, and keiko goes on with the defaults.
pub fn load_config(options: &mut Options) {
    let Some(path) = crate::config::path() else {
        return;
    };
    match crate::config::load(&path) {
        Ok(config) => options.config = config,
        Err(errors) => {
            // Without the file's `lang`: the flag, the environment and the locale still say.
            let lang = language(options);
            for error in &errors {
                warn(&error.message(lang));
            }
            warn(crate::i18n::config_ignored(lang));
        }
    }
}

/// The active framework: `--framework PATH`, else the bundled one.
pub fn load_framework(path: Option<&PathBuf>, lang: Lang) -> Result<Framework, String> {
    match path {
        Some(path) => Framework::load(path).map_err(|e| framework_cmd::error_message(&e, lang)),
        None => Ok(Framework::bundled()),
    }
}

pub fn workbook_path(options: &Options) -> Result<PathBuf, String> {
    keiko_core::store::resolve_path(options.file.clone(), env)
        .ok_or_else(|| language(options).t(msg::NoHomeDirectory).to_string())
}

/// The file the user's own workbook is (or will be) in: in a team, their
/// `workbook.toml` there.
pub fn own_workbook_path(options: &Options) -> Result<PathBuf, String> {
    match place(options)? {
        Place::File(path) => Ok(path),
        Place::Team(root) => Ok(keiko_core::team::dir::TeamDir::new(root).workbook(&login_name())),
    }
}

/// Where the user's workbook is: a file of their own, or their place in a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    File(PathBuf),
    Team(PathBuf),
}

/// `--file`, else `KEIKO_FILE`, else the user's config file's `team`, else
/// the system config's `team`, else the data directory's workbook.
pub fn place(options: &Options) -> Result<Place, String> {
    if options.file.is_some() || env("KEIKO_FILE").is_some_and(|f| !f.is_empty()) {
        return workbook_path(options).map(Place::File);
    }
    if let Some(team) = &options.config.team {
        return Ok(Place::Team(team.clone()));
    }
    if let Some(team) = system_team(language(options))? {
        return Ok(Place::Team(team));
    }
    workbook_path(options).map(Place::File)
}

/// The team directory the user's or the system's config names.
pub fn team_dir(options: &Options) -> Result<Option<PathBuf>, String> {
    match &options.config.team {
        Some(team) => Ok(Some(team.clone())),
        None => system_team(language(options)),
    }
}

pub fn no_team_message(lang: Lang) -> String {
    crate::i18n::team_words::no_team(lang)
}

/// The team directory the system config names, if there is one. A config
/// that is there but cannot be read or understood is an error: keiko does
/// not guess where the user's workbook should go.
pub fn system_team(lang: Lang) -> Result<Option<PathBuf>, String> {
    let path = keiko_core::team::dir::system_config_path(env);
    let bytes = match keiko_core::os::files::read_regular_file(&path, crate::config::MAX_CONFIG_BYTES) {
        Ok(bytes) => bytes,
        Err(keiko_core::os::files::ReadFileError::Os(e)) if e.kind == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {}", path.display(), crate::i18n::read_file_error(&e, lang))),
    };
    let text = String::from_utf8_lossy(&bytes);
    let config = keiko_core::team::dir::SystemConfig::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(config.team)
}

impl Context {
    /// Also refuses a system clock keiko cannot write into a workbook: every
    /// command with a context may record or show the time.
    pub fn new(options: &Options) -> Result<Context, String> {
        Context::open(options, true)
    }

    /// A context for a coach's review, which opens no workbook of its own:
    /// a coach need not be a learner of the team.
    pub fn for_review(options: &Options) -> Result<Context, String> {
        Context::open(options, false)
    }

    fn open(options: &Options, own_workbook: bool) -> Result<Context, String> {
        let lang = language(options);
        keiko_core::clock::check_clock(std::time::SystemTime::now()).map_err(|e| e.message(lang))?;
        let framework = load_framework(options.framework.as_ref(), lang)?;
        let user = login_name();
        let (store, team): (Box<dyn Storage>, _) = match place(options)? {
            Place::Team(_) if !own_workbook => {
                (Box::new(Store::new(workbook_path(options).unwrap_or_default(), &framework)), None)
            }
            Place::File(path) => (Box::new(Store::new(path, &framework)), None),
            Place::Team(root) => {
                let team = keiko_core::team::access::LiveTeam::open(&root).map_err(|e| e.message(lang))?;
                let store = keiko_core::team::access::TeamStore::for_learner(team.clone(), &user, &framework)
                    .map_err(|e| e.message(lang))?;
                (Box::new(store), Some(team))
            }
        };
        Ok(Context {
            lang,
            glyphs: Glyphs::get(ascii_mode(options)),
            framework,
            store,
            team,
            user,
            keys: options.config.keys.clone(),
        })
    }

    /// The learner's workbook, after applying `--role`/`--name`/`--reading` to its profile.
    /// Warns (on stderr) about ids the framework does not know. A missing file
    /// reads as an empty workbook and is only created when something is set.
    pub fn open_workbook(&self, options: &Options) -> Result<Workbook, String> {
        let changes = self.profile_change(options)?;
        let workbook = match changes.is_empty() {
            false => {
                let stamp = Stamp::new(self.user.clone(), keiko_core::clock::now());
                // The stored profile before and after, read under the same lock as
                // the change (a team's roster may show another).
                let (workbook, (before, after), _) = self
                    .store
                    .update_seen(|wb| {
                        let before = wb.profile.clone();
                        for change in &changes {
                            wb.apply(change, &stamp, false);
                        }
                        (before, wb.profile.clone())
                    })
                    .map_err(|e| e.message(self.lang))?;
                if let Some(warning) = self.store.take_warning() {
                    warn(&warning.message(self.lang));
                }
                for told in self.profile_changes(&before, &after) {
                    warn(&told);
                }
                workbook
            }
            true => match self.store.read().map_err(|e| e.message(self.lang))? {
                Some(workbook) => workbook,
                None => Workbook::new(&self.framework),
            },
        };
        for warning in self.warnings(&workbook) {
            warn(&warning);
        }
        Ok(workbook)
    }

    /// One line per field `--role`/`--name`/`--reading` changed on disk: "role changed: OP → SV".
    fn profile_changes(
        &self,
        before: &keiko_core::model::workbook::Profile,
        after: &keiko_core::model::workbook::Profile,
    ) -> Vec<String> {
        let s = self.lang;
        let shown = |text: Option<&str>, unset: &str| match text {
            Some(text) if !text.is_empty() => terminal_safe(text, false),
            _ => unset.to_string(),
        };
        let mut told = Vec::new();
        if before.role != after.role {
            let (from, to) =
                (shown(before.role.as_deref(), s.t(msg::NoRole)), shown(after.role.as_deref(), s.t(msg::NoRole)));
            told.push(s.t(msg::CliRoleChanged { from: &from, to: &to }));
        }
        if before.name != after.name {
            let (from, to) = (shown(Some(&before.name), s.t(msg::NoName)), shown(Some(&after.name), s.t(msg::NoName)));
            told.push(s.t(msg::CliNameChanged { from: &from, to: &to }));
        }
        if before.reading != after.reading {
            let (from, to) =
                (shown(Some(&before.reading), s.t(msg::NoReading)), shown(Some(&after.reading), s.t(msg::NoReading)));
            told.push(s.t(msg::CliReadingChanged { from: &from, to: &to }));
        }
        told
    }

    /// The profile changes `--role`/`--name`/`--reading` ask for (none when
    /// none is given); an error for an unknown role.
    pub fn profile_change(&self, options: &Options) -> Result<Vec<Change>, String> {
        let role = match &options.role {
            Some(code) => Some(self.resolve_role(code)?),
            None => None,
        };
        let team_role = self.team.as_ref().and_then(|t| t.roster_entry(&self.user)?.role.clone());
        if let (Some(role), Some(team_role)) = (&role, &team_role)
            && role != team_role
        {
            return Err(crate::i18n::team_words::role_set_by_team(self.lang, &terminal_safe(team_role, false)));
        }
        let mut changes = Vec::new();
        if role.is_some() || options.name.is_some() {
            changes.push(Change::Profile { name: options.name.clone(), role });
        }
        if let Some(reading) = &options.reading {
            changes.push(Change::Reading { reading: reading.clone() });
        }
        Ok(changes)
    }

    /// The framework's role code for `code` (any case), or a message listing the valid ones.
    pub fn resolve_role(&self, code: &str) -> Result<String, String> {
        resolve_role(&self.framework, code, self.lang)
    }

    /// Problems worth telling the user about that do not stop keiko.
    pub fn warnings(&self, workbook: &Workbook) -> Vec<String> {
        let s = self.lang;
        let mut warnings = Vec::new();
        let unknown = workbook.unknown_ids(&self.framework);
        if !unknown.is_empty() {
            let unknown: Vec<String> = unknown.iter().map(|id| terminal_safe(id, false)).collect();
            warnings.push(format!("{}: {}: {}", s.t(msg::Warning), s.t(msg::UnknownIds), unknown.join(", ")));
        }
        for unread in &workbook.unread_records {
            warnings.push(format!("{}: {}", s.t(msg::Warning), unread.message(self.lang)));
        }
        if let Some(role) = &workbook.profile.role
            && self.framework.role(role).is_none()
        {
            let (role, roles) = (terminal_safe(role, false), terminal_safe(&self.framework.role_codes(), false));
            let text = s.t(msg::WarnUnknownRole { role, roles });
            warnings.push(format!("{}: {text}", s.t(msg::Warning)));
        }
        warnings
    }

    /// "OP オペレーター" / "OP Operator", or "(no role yet)".
    pub fn role_label(&self, workbook: &Workbook) -> String {
        match workbook.profile.role.as_deref().and_then(|r| self.framework.role(r)) {
            Some(role) => format!("{} {}", role.code, role.name.get(self.lang)),
            None => self.lang.t(msg::NoRole).to_string(),
        }
    }

    pub fn display_name<'a>(&self, workbook: &'a Workbook) -> &'a str {
        if workbook.profile.name.is_empty() { self.lang.t(msg::NoName) } else { &workbook.profile.name }
    }
}

/// Notes on stderr that the workbook at `path` does not exist yet, if that
/// is still true: status and export once they read it (they never create
/// it), the app when it ends (its first change creates it).
pub fn note_if_missing(lang: Lang, path: &std::path::Path) {
    if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        let path = terminal_safe(&path.display().to_string(), false);
        warn(&lang.t(msg::MissingWorkbook { path: &path }));
    }
}

/// Prints command output, which the commands made safe to show: text from a
/// file carries no control or escape sequences, whoever reads it (a file
/// `cat` later shows, `ssh host keiko …`).
///
/// When the reader has gone (`keiko export | head -1`), keiko ends quietly
/// as git and cat do: killed by SIGPIPE, which a shell reports as status 141.
/// Rust ignores SIGPIPE, so a write only fails with EPIPE; the default
/// action is put back and the signal raised, as git's `write_or_die` does.
pub fn print(text: &str, lang: Lang) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    // Whatever a command missed, no control character reaches the output.
    match out.write_all(terminal_safe(text, true).as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            let _ = signal_hook::low_level::emulate_default_handler(libc::SIGPIPE);
            // Only if SIGPIPE is blocked: the status a shell would have shown.
            std::process::exit(128 + libc::SIGPIPE)
        }
        other => other.map_err(|e| {
            let error = crate::i18n::os_error(&keiko_core::os::files::OsError::from(&e), lang);
            lang.t(msg::CannotWriteOutput { error: &error })
        }),
    }
}

/// A message for the user on stderr, `keiko: ` first, made safe to show.
/// Lines stay (a message may list several problems): whoever builds the
/// message makes each piece of text from a file one line. Never fails: a
/// closed or broken stderr leaves nobody to tell.
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "keiko: {}", terminal_safe(message, true));
}

/// `framework`'s role code for `code` (any case), or a message listing the valid ones.
pub fn resolve_role(framework: &Framework, code: &str, lang: Lang) -> Result<String, String> {
    framework.find_role(code).map(|r| r.code.clone()).ok_or_else(|| {
        let codes = framework.role_codes();
        lang.t(msg::UnknownRole { code: &terminal_safe(code, false), codes: &codes })
    })
}
