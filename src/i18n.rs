//! Every word keiko shows, in every language it speaks. The words are data:
//! one Fluent file per language, `i18n/TAG/keiko.ftl`, embedded in the
//! binary by build.rs (Japanese first). A message is a type made from the
//! Japanese file (`msg::TooSmall { w, h }`): `lang.t(msg::TooSmall { w, h })`
//! formats it in `lang`, falling back to Japanese, then English, where a
//! language lacks it. Framework text (competencies, statements) comes from
//! the framework file, not from here.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use keiko_core::lang::Lang;

/// Something keiko tells the user, in any of its languages: the core's
/// errors and findings get their words here, where every word of the
/// interface lives.
pub trait Localized {
    fn message(&self, lang: Lang) -> String;
}
pub use crate::languages::{available, detect, files, find, listed, tags};
use crate::tui::action::Action;

include!(concat!(env!("OUT_DIR"), "/words.rs"));

/// A message, with its arguments: formats in a language.
pub trait Message {
    /// `&'static str` for a message without arguments, else `String`.
    type Out;
    fn format(self, lang: Lang) -> Self::Out;
}

/// A value a message takes: text or a number (a number chooses plural forms).
pub trait Arg {
    fn value(&self) -> FluentValue<'_>;
}

impl Arg for str {
    fn value(&self) -> FluentValue<'_> {
        FluentValue::from(self)
    }
}

impl Arg for String {
    fn value(&self) -> FluentValue<'_> {
        FluentValue::from(self.as_str())
    }
}

impl Arg for std::borrow::Cow<'_, str> {
    fn value(&self) -> FluentValue<'_> {
        FluentValue::from(self.as_ref())
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn value(&self) -> FluentValue<'_> {
        (**self).value()
    }
}

macro_rules! number_args {
    ($($t:ty)*) => {$(
        impl Arg for $t {
            /// Beyond 2^53 a Fluent number (an f64) would round: such a
            /// number is shown as its digits.
            fn value(&self) -> FluentValue<'_> {
                if (*self as f64).abs() < 9_007_199_254_740_992.0 {
                    FluentValue::from(*self)
                } else {
                    FluentValue::from(self.to_string())
                }
            }
        }
    )*};
}
number_args!(u8 u16 u32 u64 u128 usize i32 i64);

/// One language's messages.
struct Language {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    /// The messages without arguments, formatted once.
    plain: HashMap<String, String>,
}

static LANGUAGES: LazyLock<Vec<Language>> =
    LazyLock::new(|| files().iter().filter_map(|(tag, text)| load(tag, text)).collect());

fn load(tag: &str, text: &str) -> Option<Language> {
    let lang = Lang::new(tag)?;
    // A file with errors keeps what parses (tests/i18n.rs wants none).
    let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, _)| partial);
    let ids: Vec<String> = resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().unwrap_or_default()]);
    // keiko makes arguments safe for the terminal itself; U+2068/U+2069 would show as <U+2068>.
    bundle.set_use_isolating(false);
    // A message twice: the first one counts (tests/i18n.rs wants none).
    let _ = bundle.add_resource(resource);
    let mut plain = HashMap::new();
    for id in ids {
        let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else { continue };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors).into_owned();
        if errors.is_empty() {
            plain.insert(id, text);
        }
    }
    Some(Language { lang, bundle, plain })
}

/// Where a message is looked for: `lang`, then Japanese, then English.
fn chain(lang: Lang) -> impl Iterator<Item = &'static Language> {
    [lang, Lang::JA, Lang::EN].into_iter().filter_map(|l| LANGUAGES.iter().find(|language| language.lang == l))
}

/// A message without arguments (the generated `msg` types call this).
fn plain(lang: Lang, id: &'static str) -> &'static str {
    chain(lang).find_map(|language| language.plain.get(id)).map_or(id, String::as_str)
}

/// A message with arguments (the generated `msg` types call this). A
/// language whose message fails to format (an argument it does not know)
/// gives way to the next.
fn format(lang: Lang, id: &str, args: &FluentArgs) -> String {
    let mut first = None;
    for language in chain(lang) {
        match try_format_in(language, id, args) {
            Some(Ok(text)) => return text,
            Some(Err((text, _))) => {
                first.get_or_insert(text);
            }
            None => {}
        }
    }
    first.unwrap_or_else(|| id.to_string())
}

type Formatted = Result<String, (String, Vec<String>)>;

fn try_format_in(language: &Language, id: &str, args: &FluentArgs) -> Option<Formatted> {
    let pattern = language.bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = language.bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
    Some(if errors.is_empty() { Ok(text) } else { Err((text, errors.iter().map(|e| e.to_string()).collect())) })
}

/// One message of one language, no fallback: the text, or what went wrong
/// (for the tests, which format every message of every language).
pub fn try_format(lang: Lang, id: &str, args: &FluentArgs) -> Result<String, String> {
    let language = LANGUAGES.iter().find(|l| l.lang == lang).ok_or_else(|| format!("no language {lang}"))?;
    match try_format_in(language, id, args) {
        Some(Ok(text)) => Ok(text),
        Some(Err((text, errors))) => Err(format!("{lang} {id}: {} (gave {text:?})", errors.join("; "))),
        None => Err(format!("{lang} {id}: no such message")),
    }
}

/// Every message id with the arguments it takes (the Japanese file's).
pub fn messages() -> &'static [(&'static str, &'static [&'static str])] {
    MESSAGES
}

/// What keiko says, in a language: `lang.t(msg::AppTitle)`, and the words
/// of its own types (actions, history verbs, sort orders).
pub trait Words: Copy {
    fn t<M: Message>(self, message: M) -> M::Out;
    /// "レベル2" / "Level 2".
    fn level(self, n: u8) -> String;
    fn action_hint(self, action: Action) -> &'static str;
    fn action_help(self, action: Action) -> &'static str;
    fn history_verb(self, what: &keiko_core::model::workbook::Verb) -> std::borrow::Cow<'_, str>;
    fn undone(self, change: &keiko_core::model::workbook::Change, target: &str, role: &str) -> String;
    fn not_undone(self, target: &str) -> String;
    fn sort_label(self, sort: keiko_core::team::SortBy) -> &'static str;
    fn finish_next(self, finish: &keiko_core::model::progress::Finish) -> String;
}

impl Words for Lang {
    fn t<M: Message>(self, message: M) -> M::Out {
        message.format(self)
    }

    fn level(self, n: u8) -> String {
        self.t(msg::LevelN { n })
    }

    /// A few words for the hint bar.
    fn action_hint(self, action: Action) -> &'static str {
        match action {
            Action::Quit => self.t(msg::HintQuit),
            Action::Suspend => self.t(msg::HintSuspend),
            Action::Help => self.t(msg::HintHelp),
            Action::Undo => self.t(msg::HintUndo),
            Action::Search => self.t(msg::HintSearch),
            Action::NextToPractise => self.t(msg::HintNextToPractise),
            Action::History => self.t(msg::HintHistory),
            Action::Redraw => self.t(msg::HintRedraw),
            Action::Up | Action::Down => self.t(msg::HintMove),
            Action::PageUp | Action::PageDown => self.t(msg::HintPage),
            Action::Home | Action::End => self.t(msg::HintFirstLast),
            Action::Open => self.t(msg::HintOpen),
            Action::Back => self.t(msg::HintBack),
            Action::ChangeRole => self.t(msg::HintChangeRole),
            Action::Rename => self.t(msg::HintRename),
            Action::Toggle => self.t(msg::HintToggle),
            Action::NextLevel | Action::PrevLevel => self.t(msg::HintLevel),
            Action::EditNote => self.t(msg::HintEditNote),
            Action::EditReflection => self.t(msg::HintEditReflection),
            Action::RequestReview => self.t(msg::HintRequestReview),
            Action::SaveClose => self.t(msg::HintSaveClose),
            Action::Close => self.t(msg::HintClose),
            Action::Confirm => self.t(msg::HintConfirm),
            Action::Cancel => self.t(msg::HintCancel),
            Action::NextField => self.t(msg::HintNextField),
            Action::SignOff => self.t(msg::HintSignOff),
            Action::ReturnLevel => self.t(msg::HintReturnLevel),
            Action::Comment => self.t(msg::HintComment),
            Action::Sort => self.t(msg::HintSort),
            Action::Requests => self.t(msg::HintRequests),
            Action::Filter => self.t(msg::HintFilter),
            Action::Problems => self.t(msg::HintProblems),
            Action::Matrix => self.t(msg::HintMatrix),
            Action::ColumnLeft | Action::ColumnRight => self.t(msg::HintColumn),
            Action::LevelUp | Action::LevelDown => self.t(msg::HintLevelN),
            Action::SortColumn => self.t(msg::HintSortColumn),
            Action::Holders => self.t(msg::HintHolders),
            Action::Chart | Action::TeamChart => self.t(msg::HintChart),
        }
    }

    /// A sentence for the help screen.
    fn action_help(self, action: Action) -> &'static str {
        match action {
            Action::Quit => self.t(msg::HelpQuit),
            Action::Suspend => self.t(msg::HelpSuspend),
            Action::Help => self.t(msg::HelpHelp),
            Action::Undo => self.t(msg::HelpUndo),
            Action::Search => self.t(msg::HelpSearch),
            Action::NextToPractise => self.t(msg::HelpNextToPractise),
            Action::History => self.t(msg::HelpHistory),
            Action::Redraw => self.t(msg::HelpRedraw),
            Action::Up => self.t(msg::HelpUp),
            Action::Down => self.t(msg::HelpDown),
            Action::PageUp => self.t(msg::HelpPageUp),
            Action::PageDown => self.t(msg::HelpPageDown),
            Action::Home => self.t(msg::HelpHome),
            Action::End => self.t(msg::HelpEnd),
            Action::Open => self.t(msg::HelpOpen),
            Action::Back => self.t(msg::HelpBack),
            Action::ChangeRole => self.t(msg::HelpChangeRole),
            Action::Rename => self.t(msg::HelpRename),
            Action::Toggle => self.t(msg::HelpToggle),
            Action::NextLevel => self.t(msg::HelpNextLevel),
            Action::PrevLevel => self.t(msg::HelpPrevLevel),
            Action::EditNote => self.t(msg::HelpEditNote),
            Action::EditReflection => self.t(msg::HelpEditReflection),
            Action::RequestReview => self.t(msg::HelpRequestReview),
            Action::SaveClose => self.t(msg::HelpSaveClose),
            Action::Close => self.t(msg::HelpClose),
            Action::Confirm => self.t(msg::HelpConfirm),
            Action::Cancel => self.t(msg::HelpCancel),
            Action::NextField => self.t(msg::HelpNextField),
            Action::SignOff => self.t(msg::HelpSignOff),
            Action::ReturnLevel => self.t(msg::HelpReturnLevel),
            Action::Comment => self.t(msg::HelpComment),
            Action::Sort => self.t(msg::HelpSort),
            Action::Requests => self.t(msg::HelpRequests),
            Action::Filter => self.t(msg::HelpFilter),
            Action::Problems => self.t(msg::HelpProblems),
            Action::Matrix => self.t(msg::HelpMatrix),
            Action::ColumnLeft => self.t(msg::HelpColumnLeft),
            Action::ColumnRight => self.t(msg::HelpColumnRight),
            Action::LevelUp => self.t(msg::HelpLevelUp),
            Action::LevelDown => self.t(msg::HelpLevelDown),
            Action::SortColumn => self.t(msg::HelpSortColumn),
            Action::Holders => self.t(msg::HelpHolders),
            Action::Chart => self.t(msg::HelpChart),
            Action::TeamChart => self.t(msg::HelpTeamChart),
        }
    }

    /// A history verb (`check`, `sign-off`, …) in words.
    /// A verb this keiko does not know (a newer keiko's) is its name in the file.
    fn history_verb(self, what: &keiko_core::model::workbook::Verb) -> std::borrow::Cow<'_, str> {
        use keiko_core::model::workbook::Verb;
        std::borrow::Cow::Borrowed(match what {
            Verb::Check => self.t(msg::VerbCheck),
            Verb::Uncheck => self.t(msg::VerbUncheck),
            Verb::Note => self.t(msg::VerbNote),
            Verb::Reflection => self.t(msg::VerbReflection),
            Verb::Profile => self.t(msg::VerbProfile),
            Verb::Name => self.t(msg::VerbName),
            Verb::RequestReview => self.t(msg::VerbRequestReview),
            Verb::WithdrawRequest => self.t(msg::VerbWithdrawRequest),
            Verb::SignOff => self.t(msg::VerbSignOff),
            Verb::Return => self.t(msg::VerbReturn),
            Verb::Comment => self.t(msg::VerbComment),
            Verb::Other(name) => name,
        })
    }

    /// The status line after `u`: the state the undo left, not the change it
    /// took back ("SM-5.1.1 is checked again"). `change` is the change the
    /// undo made; `target` names what it changed and `role` the role grade
    /// it set, both made safe for the screen.
    fn undone(self, change: &keiko_core::model::workbook::Change, target: &str, role: &str) -> String {
        use keiko_core::model::workbook::Change;
        let state = match change {
            Change::Check { checked: true, .. } => self.t(msg::UndoneChecked { target }),
            Change::Check { checked: false, .. } => self.t(msg::UndoneUnchecked { target }),
            Change::Note { text, .. } if text.is_empty() => self.t(msg::UndoneNoteEmpty { target }),
            Change::Note { .. } => self.t(msg::UndoneNote { target }),
            Change::Reflection { text, .. } if text.is_empty() => self.t(msg::UndoneReflectionEmpty { target }),
            Change::Reflection { .. } => self.t(msg::UndoneReflection { target }),
            Change::Profile { name: Some(name), role: None, .. } => self.t(msg::UndoneName { name }),
            Change::Profile { role: None, .. } => self.t(msg::UndoneNoRole).to_string(),
            Change::Profile { .. } => self.t(msg::UndoneRole { role }),
            Change::RequestReview { requested: true, .. } => self.t(msg::UndoneRequested { target }),
            Change::RequestReview { .. } => self.t(msg::UndoneWithdrawn { target }),
            _ => self.t(msg::UndoneOther { target }),
        };
        self.t(msg::UndoneLine { state })
    }

    /// The status line when `u` cannot undo: `target` changed again since.
    fn not_undone(self, target: &str) -> String {
        self.t(msg::NotUndone { target })
    }

    /// How the team overview is sorted, in words.
    fn sort_label(self, sort: keiko_core::team::SortBy) -> &'static str {
        use keiko_core::team::SortBy;
        match sort {
            SortBy::Name => self.t(msg::SortName),
            SortBy::Progress => self.t(msg::SortProgress),
            SortBy::LastActivity => self.t(msg::SortLastActivity),
            SortBy::Requests => self.t(msg::SortRequests),
        }
    }

    /// What could come next once every target is reached (issue 10).
    fn finish_next(self, finish: &keiko_core::model::progress::Finish) -> String {
        if !finish.not_signed_off.is_empty() {
            self.t(msg::FinishAskReview { n: finish.not_signed_off.len() })
        } else if !finish.above_target.is_complete() {
            let left = finish.above_target.total - finish.above_target.done;
            self.t(msg::FinishAboveTarget { n: left })
        } else {
            self.t(msg::FinishEverything).to_string()
        }
    }
}

/// The Markdown team overview's columns: name, role, file, checked,
/// total, percent, sign-offs, open requests, last activity.
pub fn team_export_columns(lang: Lang) -> [&'static str; 9] {
    [
        lang.t(msg::TeamExportColumnName),
        lang.t(msg::TeamExportColumnRole),
        lang.t(msg::TeamExportColumnFile),
        lang.t(msg::TeamExportColumnChecked),
        lang.t(msg::TeamExportColumnTotal),
        lang.t(msg::TeamExportColumnPercent),
        lang.t(msg::TeamExportColumnSignoffs),
        lang.t(msg::TeamExportColumnOpenRequests),
        lang.t(msg::TeamExportColumnLastActivity),
    ]
}

/// An operating-system error in words: the kinds keiko meets by name (a
/// language may word them); any other keeps the system's own (English) words.
pub fn os_error(error: &keiko_core::os::files::OsError, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let kind = match error.kind {
        K::PermissionDenied => "permission-denied",
        K::NotFound => "not-found",
        K::ReadOnlyFilesystem => "read-only-filesystem",
        K::StorageFull => "storage-full",
        K::QuotaExceeded => "quota-exceeded",
        K::AlreadyExists => "already-exists",
        K::IsADirectory => "is-a-directory",
        K::NotADirectory => "not-a-directory",
        K::ResourceBusy => "resource-busy",
        K::InvalidFilename => "invalid-filename",
        K::Interrupted => "interrupted",
        _ => "other",
    };
    lang.t(msg::OsError { kind, system: error.system_words() })
}

impl Localized for keiko_core::store::StoreError {
    fn message(&self, lang: Lang) -> String {
        use keiko_core::store::{Cause, Corruption, MAX_WORKBOOK_BYTES, Op, StoreError, shell_quote};
        let path = self.path().display().to_string();
        let limit = MAX_WORKBOOK_BYTES;
        match self {
            StoreError::Io { op, cause, .. } => {
                let doing = match op {
                    Op::ReadWorkbook => lang.t(msg::StoreReadWorkbook),
                    Op::WriteWorkbook => lang.t(msg::StoreWriteWorkbook),
                    Op::OpenLockFile => lang.t(msg::StoreOpenLockFile),
                    Op::LockWorkbook => lang.t(msg::StoreLockWorkbook),
                    Op::CreateDirectory => lang.t(msg::StoreCreateDirectory),
                };
                let why = match cause {
                    Cause::Os(e) => os_error(e, lang),
                    Cause::DirectoryNotWritable(dir) => {
                        lang.t(msg::StoreDirectoryNotWritable { dir: dir.display().to_string() })
                    }
                    Cause::DirectoryMissing(dir) => {
                        lang.t(msg::StoreDirectoryMissing { dir: dir.display().to_string() })
                    }
                    Cause::LockIsSymlink => lang.t(msg::StoreLockIsSymlink).to_string(),
                    Cause::LockNotAFile => lang.t(msg::StoreLockNotAFile).to_string(),
                    Cause::MountPoint => lang.t(msg::StoreMountPoint).to_string(),
                    Cause::LockKeepsChanging => lang.t(msg::StoreLockKeepsChanging).to_string(),
                    Cause::LockNotOurs { owner } => lang.t(msg::StoreLockNotOurs { owner }),
                    Cause::LockHeld { wait, holder } => {
                        let wait = if wait.subsec_millis() == 0 && wait.as_secs() > 0 {
                            lang.t(msg::Seconds { n: wait.as_secs() })
                        } else {
                            lang.t(msg::Milliseconds { n: wait.as_millis() })
                        };
                        match holder {
                            Some(holder) => lang.t(msg::StoreLockHeldBy { holder: lock_holder(holder), wait }),
                            None => lang.t(msg::StoreLockHeld { wait }),
                        }
                    }
                };
                format!("{path}: {doing}: {why}")
            }
            StoreError::Corrupt { line, col, what, .. } => {
                let what = match what {
                    // The TOML reader's words are English only: in Japanese they go in brackets after ours.
                    Corruption::Toml(words) => lang.t(msg::StoreTomlSyntax { words }),
                    Corruption::UnknownSchema(version) => lang.t(msg::StoreUnknownSchema { version: *version }),
                    Corruption::NotUtf8 { offset } => lang.t(msg::StoreNotUtf8 { offset: *offset }),
                };
                let quoted = shell_quote(&path);
                let aside = shell_quote(&format!("{path}.broken"));
                let advice = lang.t(msg::StoreCorruptAdvice);
                format!("{path}:{line}:{col}: {what}\n{advice}\n    mv {quoted} {aside}")
            }
            StoreError::NewerSchema { found, by, .. } => {
                let current = keiko_core::store::KEIKO_VERSION;
                let found = *found;
                match by {
                    // The version is the file's text: made safe for the terminal.
                    Some(by) => {
                        let by = keiko_core::text::terminal_safe(by, false);
                        lang.t(msg::StoreNewerSchemaBy { path, by, found, current })
                    }
                    None => lang.t(msg::StoreNewerSchema { path, found, current }),
                }
            }
            StoreError::Symlink { target, .. } => {
                let target = match target {
                    Some(t) => t.display().to_string(),
                    None => lang.t(msg::StoreSymlinkTarget).to_string(),
                };
                lang.t(msg::StoreSymlink { path, target })
            }
            StoreError::NotAFile { .. } => lang.t(msg::StoreNotAFile { path }),
            StoreError::TooLarge { size, .. } => lang.t(msg::StoreTooLarge { path, size: *size, limit }),
            StoreError::WouldBeTooLarge { size, .. } => lang.t(msg::StoreWouldBeTooLarge { path, size: *size, limit }),
            StoreError::NotYours { why, .. } => lang.t(msg::StoreNotYours { path, why: why.message(lang) }),
            StoreError::NotDurable { cause, .. } => lang.t(msg::StoreNotDurable { path, why: os_error(cause, lang) }),
        }
    }
}

impl Localized for keiko_core::team::Unusable {
    /// One line, without the path (the list of files names it).
    fn message(&self, lang: Lang) -> String {
        use keiko_core::team::Unusable;
        match self {
            Unusable::NotAWorkbook => lang.t(msg::UnusableNotAWorkbook).into(),
            Unusable::Missing => lang.t(msg::UnusableMissing).into(),
            Unusable::Os(e) => os_error(e, lang),
            Unusable::Store(e) => {
                if let keiko_core::store::StoreError::Io { cause: keiko_core::store::Cause::Os(os), .. } = &**e {
                    return os_error(os, lang);
                }
                // The store's words, first line, without the leading path.
                let full = e.message(lang);
                let first = full.lines().next().unwrap_or("");
                let prefix = format!("{}:", e.path().display());
                first.strip_prefix(&prefix).unwrap_or(first).trim_start().to_string()
            }
        }
    }
}

/// Who holds a lock, in the same words in every language: `tanaka (keiko,
/// pid 1234)`, or as much of it as keiko could tell. The command's name is
/// whatever the process set: it never reaches the terminal as it is.
fn lock_holder(holder: &keiko_core::store::LockHolder) -> String {
    let pid = format!("pid {}", holder.pid);
    let inside = match &holder.command {
        Some(command) => format!("{}, {pid}", keiko_core::text::terminal_safe(command, false)),
        None => pid,
    };
    match &holder.login {
        Some(login) => format!("{} ({inside})", keiko_core::text::terminal_safe(login, false)),
        None => inside,
    }
}

impl Localized for keiko_core::team::access::TeamError {
    fn message(&self, lang: Lang) -> String {
        use keiko_core::team::access::TeamError;
        match self {
            TeamError::Unreadable { path, error } => {
                lang.t(msg::TeamFileUnreadable { path: path.display().to_string(), why: read_file_error(error, lang) })
            }
            TeamError::Invalid { path, reason } => {
                lang.t(msg::TeamFileInvalid { path: path.display().to_string(), reason })
            }
            // `team add` takes a plain login only: an account without a name
            // in the password database, or with another kind of name, needs
            // the administrator to give it one first.
            TeamError::NotInTeam { team, login } => {
                let team = team.display().to_string();
                match keiko_core::os::identity::unnamed_uid(login) {
                    Some(uid) => lang.t(msg::TeamUnnamedAccount { uid, team }),
                    None if !keiko_core::team::dir::is_plain_login(login) => {
                        lang.t(msg::TeamLoginNotPlain { login, team })
                    }
                    None => lang.t(msg::TeamNotInTeam { login, team }),
                }
            }
            TeamError::Layout { path, found } => {
                let dir = keiko_core::store::shell_quote(&path.parent().unwrap_or(path).display().to_string());
                let (path, found, layout) = (path.display().to_string(), *found, keiko_core::team::dir::LAYOUT);
                lang.t(msg::TeamOldLayout { path, found, layout, dir })
            }
        }
    }
}

/// Team mode's words that are not errors of a type.
pub mod team_words {
    use super::{Lang, Words, msg};

    /// In the team's summary line: coaches' records that could not be used
    /// (opening the learner names each, with why).
    pub fn records_not_read(lang: Lang) -> &'static str {
        lang.t(msg::TeamRecordsNotRead)
    }

    /// On a level: how many sign-offs or returns nobody vouches for.
    pub fn unverified_count(lang: Lang, n: usize) -> String {
        lang.t(msg::TeamUnverifiedCount { n })
    }

    /// In the team table: a learner on the roster without a workbook yet.
    pub fn not_started(lang: Lang) -> &'static str {
        lang.t(msg::TeamNotStarted)
    }

    pub fn no_team(lang: Lang) -> String {
        lang.t(msg::TeamNoTeam).to_string()
    }

    /// A coach added to the team's group after logging in: the session does not have the group yet.
    pub fn log_in_again(lang: Lang, group: &str) -> String {
        lang.t(msg::TeamLogInAgain { group })
    }

    pub fn role_set_by_team(lang: Lang, role: &str) -> String {
        lang.t(msg::TeamRoleSetByTeam { role })
    }
}

/// The skills matrix and its list of who holds a level.
pub mod matrix_words {
    use super::{Lang, Words, msg};
    use keiko_core::team::matrix::SignOff;

    pub fn title(lang: Lang) -> &'static str {
        lang.t(msg::MatrixTitle)
    }

    /// The coverage line's label: how many of `total` hold level `n` or above.
    pub fn coverage(lang: Lang, n: u8, total: usize) -> String {
        lang.t(msg::MatrixCoverage { n, total })
    }

    /// The header's word for the level counted, and the keys that change it.
    pub fn counting(lang: Lang, n: u8) -> String {
        lang.t(msg::MatrixCounting { n })
    }

    /// The order: the name column (A to Z, or back), or a competency's (highest first, or lowest).
    pub fn order(lang: Lang, column: &str, name: bool, reverse: bool) -> String {
        let way = match (name, reverse) {
            (true, false) => lang.t(msg::MatrixAToZ),
            (true, true) => lang.t(msg::MatrixZToA),
            (false, false) => lang.t(msg::MatrixHighestFirst),
            (false, true) => lang.t(msg::MatrixLowestFirst),
        };
        format!("{column} ({way})")
    }

    /// Competency columns shown when they do not all fit: `first`-`last` of `total`.
    pub fn columns(lang: Lang, first: usize, last: usize, total: usize) -> String {
        lang.t(msg::MatrixColumns { first, last, total })
    }

    /// The holders list's count: `n` of `total` hold the level or above.
    pub fn holders(lang: Lang, n: usize, total: usize, level: u8) -> String {
        lang.t(msg::MatrixHolders { n, total, level })
    }

    pub fn nobody(lang: Lang) -> &'static str {
        lang.t(msg::MatrixNobody)
    }

    /// Column titles of the holders list.
    pub fn login(lang: Lang) -> &'static str {
        lang.t(msg::MatrixLogin)
    }

    pub fn level(lang: Lang) -> &'static str {
        lang.t(msg::MatrixLevel)
    }

    pub fn signoff(lang: Lang) -> &'static str {
        lang.t(msg::MatrixSignoff)
    }

    /// What the marks of the matrix's cells mean.
    pub fn legend(lang: Lang) -> &'static str {
        lang.t(msg::MatrixLegend)
    }

    /// A holder's sign-off of the level asked about.
    pub fn signoff_state(lang: Lang, state: SignOff) -> String {
        match state {
            SignOff::Signed(level) => lang.t(msg::MatrixSignedOff { level }),
            SignOff::Stale(level) => lang.t(msg::MatrixStale { level }),
            SignOff::Unverified(level) => lang.t(msg::MatrixUnverified { level }),
            SignOff::NotSignedOff => lang.t(msg::MatrixNotSignedOff).into(),
        }
    }
}

/// The chart of progress over time, and the team table's activity column.
pub mod chart_words {
    use super::{Lang, Words, msg};

    pub fn learner_title(lang: Lang) -> &'static str {
        lang.t(msg::ChartLearnerTitle)
    }

    pub fn team_title(lang: Lang) -> &'static str {
        lang.t(msg::ChartTeamTitle)
    }

    /// What the bars count, under the title.
    pub fn learner_measure(lang: Lang) -> &'static str {
        lang.t(msg::ChartLearnerMeasure)
    }

    pub fn team_measure(lang: Lang) -> &'static str {
        lang.t(msg::ChartTeamMeasure)
    }

    /// The label of the target line.
    pub fn target(lang: Lang, n: usize) -> String {
        lang.t(msg::ChartTarget { n })
    }

    /// Instead of an empty chart.
    pub fn nothing_yet(lang: Lang) -> &'static str {
        lang.t(msg::ChartNothingYet)
    }

    pub fn nothing_yet_learner(lang: Lang) -> &'static str {
        lang.t(msg::ChartNothingYetLearner)
    }

    pub fn nothing_yet_team(lang: Lang) -> &'static str {
        lang.t(msg::ChartNothingYetTeam)
    }

    /// The team table's column of changes per week.
    pub fn activity_heading(lang: Lang) -> &'static str {
        lang.t(msg::ChartActivityHeading)
    }
}

/// `review --export csv|md`'s words that are not column names.
pub mod review_export_words {
    use super::{Lang, Words, msg};

    /// After the Markdown overview's summary line: the files not read, listed below the table.
    pub fn not_read(lang: Lang, n: usize) -> String {
        lang.t(msg::ReviewExportNotRead { n })
    }
}

/// The Excel report (`review --export xlsx`): sheet names, headers, labels.
pub mod xlsx_words {
    use super::{Lang, Words, msg};

    /// The four sheets: summary, matrix, statements, progress.
    pub fn sheets(lang: Lang) -> [&'static str; 4] {
        [
            lang.t(msg::XlsxSheetSummary),
            lang.t(msg::XlsxSheetMatrix),
            lang.t(msg::XlsxSheetStatements),
            lang.t(msg::XlsxSheetProgress),
        ]
    }

    /// The summary's labels: team, framework, date, learners, at target,
    /// reviews waiting, returned, stale sign-offs, files not read.
    pub fn summary(lang: Lang) -> [&'static str; 9] {
        [
            lang.t(msg::XlsxSummaryTeam),
            lang.t(msg::XlsxSummaryFramework),
            lang.t(msg::XlsxSummaryDate),
            lang.t(msg::XlsxSummaryLearners),
            lang.t(msg::XlsxSummaryAtTarget),
            lang.t(msg::XlsxSummaryReviewsWaiting),
            lang.t(msg::XlsxSummaryReturned),
            lang.t(msg::XlsxSummaryStale),
            lang.t(msg::XlsxSummaryNotRead),
        ]
    }

    /// Beside the summary's "files not read" label, over its list: why, and
    /// the learner the file is for (the path's label is the list's).
    pub fn not_read_columns(lang: Lang) -> [&'static str; 3] {
        [lang.t(msg::XlsxNotReadWhy), lang.t(msg::XlsxNotReadLearner), lang.t(msg::XlsxNotReadLogin)]
    }

    /// The legend of the matrix's marks: below, at and above target (the app's matrix marks).
    pub fn marks(lang: Lang) -> [&'static str; 3] {
        [lang.t(msg::XlsxMarkBelow), lang.t(msg::XlsxMarkAt), lang.t(msg::XlsxMarkAbove)]
    }

    /// Headers: competency, its name (the summary's legend).
    pub fn competency(lang: Lang) -> [&'static str; 2] {
        [lang.t(msg::XlsxCompetency), lang.t(msg::XlsxCompetencyName)]
    }

    /// The matrix's first columns: name, login, role.
    pub fn matrix(lang: Lang) -> [&'static str; 3] {
        [lang.t(msg::XlsxMatrixName), lang.t(msg::XlsxMatrixLogin), lang.t(msg::XlsxMatrixRole)]
    }

    /// A competency's two matrix columns: `SM-5 achieved`, `SM-5 target`.
    pub fn levels(lang: Lang, id: &str) -> [String; 2] {
        [lang.t(msg::XlsxAchieved { id }), lang.t(msg::XlsxTarget { id })]
    }

    /// The statements sheet's columns.
    pub fn statements(lang: Lang) -> [&'static str; 9] {
        [
            lang.t(msg::XlsxStatementsLearner),
            lang.t(msg::XlsxStatementsLogin),
            lang.t(msg::XlsxStatementsCompetency),
            lang.t(msg::XlsxStatementsLevel),
            lang.t(msg::XlsxStatementsStatementId),
            lang.t(msg::XlsxStatementsStatement),
            lang.t(msg::XlsxStatementsChecked),
            lang.t(msg::XlsxStatementsCheckedAt),
            lang.t(msg::XlsxStatementsNote),
        ]
    }

    /// The progress sheet's columns: week (its Monday), learners at target, learners.
    pub fn progress(lang: Lang) -> [&'static str; 3] {
        [lang.t(msg::XlsxProgressWeek), lang.t(msg::XlsxProgressAtTarget), lang.t(msg::XlsxProgressLearners)]
    }

    pub fn chart_title(lang: Lang) -> &'static str {
        lang.t(msg::XlsxChartTitle)
    }

    /// `-o` missing: a workbook file is never written to the terminal.
    pub fn needs_output(lang: Lang) -> &'static str {
        lang.t(msg::XlsxNeedsOutput)
    }

    /// More learner × statement rows than one Excel sheet holds.
    pub fn too_many_rows(lang: Lang, rows: usize, limit: u32) -> String {
        lang.t(msg::XlsxTooManyRows { rows, limit })
    }

    pub fn cannot_make(lang: Lang, error: &str) -> String {
        lang.t(msg::XlsxCannotMake { error })
    }
}

impl Localized for keiko_core::model::workbook::Trust {
    /// How a coach's record is labelled: verified, no team, or why not.
    fn message(&self, lang: Lang) -> String {
        use keiko_core::model::workbook::Trust;
        match self {
            Trust::Verified => lang.t(msg::TrustVerified).into(),
            Trust::NoTeam => lang.t(msg::TrustNoTeam).into(),
            Trust::Unverified(why) => lang.t(msg::TrustUnverified { why: why.message(lang) }),
        }
    }
}

impl Localized for keiko_core::model::workbook::Unverified {
    fn message(&self, lang: Lang) -> String {
        use keiko_core::model::workbook::Unverified;
        match self {
            Unverified::InLearnersFile => lang.t(msg::UnverifiedInLearnersFile).into(),
            Unverified::TeamFileOwner { owner } => lang.t(msg::UnverifiedTeamFileOwner { owner }),
            Unverified::TeamFileWritable => lang.t(msg::UnverifiedTeamFileWritable).into(),
            Unverified::NotARegularFile => lang.t(msg::UnverifiedNotARegularFile).into(),
            Unverified::OwnerIsNotNamed { owner, named } => lang.t(msg::UnverifiedOwnerIsNotNamed { named, owner }),
            Unverified::FileWritable => lang.t(msg::UnverifiedFileWritable).into(),
            Unverified::NotACoach { login } => lang.t(msg::UnverifiedNotACoach { login }),
            Unverified::ForAnotherLearner { named } => lang.t(msg::UnverifiedForAnotherLearner { named }),
            Unverified::Linked { links } => lang.t(msg::UnverifiedLinked { links: *links }),
            Unverified::OwnLevels => lang.t(msg::UnverifiedOwnLevels).into(),
            Unverified::TeamFileInvalid { reason } => {
                let reason = keiko_core::text::terminal_safe(reason, false);
                lang.t(msg::UnverifiedTeamFileInvalid { reason })
            }
            Unverified::FromTheFuture => lang.t(msg::UnverifiedFromTheFuture).into(),
        }
    }
}

impl Localized for keiko_core::model::workbook::UnreadRecord {
    /// "tanaka's record cannot be used (…): its sign-offs, returns and comments are not shown".
    fn message(&self, lang: Lang) -> String {
        use keiko_core::model::workbook::Unreadable;
        let coach = keiko_core::text::terminal_safe(&self.coach, false);
        let why = match &self.why {
            Unreadable::Broken { line, col, words } => {
                let words = keiko_core::text::terminal_safe(words, false);
                lang.t(msg::UnreadBroken { line: *line, col: *col, words })
            }
            Unreadable::NotUtf8 => lang.t(msg::NotUtf8).into(),
            Unreadable::NewerSchema { found, by } => {
                let current = keiko_core::store::KEIKO_VERSION;
                let by = match by {
                    Some(by) => format!("keiko {}", keiko_core::text::terminal_safe(by, false)),
                    None => lang.t(msg::UnreadNewerKeiko).to_string(),
                };
                lang.t(msg::UnreadNewerSchema { by, found: *found, current })
            }
            Unreadable::TooLarge { size } => lang.t(msg::UnreadTooLarge { size: *size }),
            Unreadable::NotAFile => lang.t(msg::UnreadNotAFile).into(),
            Unreadable::Os(e) => os_error(e, lang),
        };
        lang.t(msg::UnreadRecord { coach, why })
    }
}

impl Localized for keiko_core::clock::ClockOutOfRange {
    fn message(&self, lang: Lang) -> String {
        lang.t(msg::ClockOutOfRange).to_string()
    }
}

/// Why a file could not be read, in words (a framework file, a review PATH).
pub fn read_file_error(error: &keiko_core::os::files::ReadFileError, lang: Lang) -> String {
    use keiko_core::os::files::ReadFileError;
    match error {
        ReadFileError::Os(e) => os_error(e, lang),
        ReadFileError::NotAFile => lang.t(msg::NotARegularFile).into(),
        ReadFileError::TooLarge(size) => {
            lang.t(msg::FileTooLarge { size: *size, limit: keiko_core::model::framework::MAX_FRAMEWORK_BYTES })
        }
    }
}

impl Localized for keiko_core::model::framework::Rule {
    /// One problem, naming the id it is about.
    fn message(&self, lang: Lang) -> String {
        use keiko_core::model::framework::Rule;
        match self {
            Rule::EmptyFrameworkId => lang.t(msg::RuleEmptyFrameworkId).into(),
            Rule::NoRoles => lang.t(msg::RuleNoRoles).into(),
            Rule::InvalidRoleCode(code) => lang.t(msg::RuleInvalidRoleCode { code: format!("{code:?}") }),
            Rule::DuplicateRoleCode(code) => lang.t(msg::RuleDuplicateRoleCode { code }),
            Rule::NoCompetencies => lang.t(msg::RuleNoCompetencies).into(),
            Rule::InvalidCompetencyId(id) => lang.t(msg::RuleInvalidCompetencyId { id: format!("{id:?}") }),
            Rule::DuplicateCompetencyId(id) => lang.t(msg::RuleDuplicateCompetencyId { id }),
            Rule::EmptyCompetencyName(id) => lang.t(msg::RuleEmptyCompetencyName { id }),
            Rule::NoLevels(id) => lang.t(msg::RuleNoLevels { id }),
            Rule::LevelOutOfOrder { competency, found, expected } => {
                lang.t(msg::RuleLevelOutOfOrder { competency, found: *found, expected: *expected })
            }
            Rule::EmptyLevel { competency, level } => lang.t(msg::RuleEmptyLevel { competency, level: *level }),
            Rule::InvalidStatementId { competency, statement } => {
                lang.t(msg::RuleInvalidStatementId { competency, statement: format!("{statement:?}") })
            }
            Rule::DuplicateStatementId(id) => lang.t(msg::RuleDuplicateStatementId { id }),
            Rule::EmptyStatement(id) => lang.t(msg::RuleEmptyStatement { id }),
            Rule::UnknownRoleInTargets { competency, role } => {
                lang.t(msg::RuleUnknownRoleInTargets { competency, role })
            }
            Rule::TargetOutsideLevels { competency, role, target, top } => {
                lang.t(msg::RuleTargetOutsideLevels { competency, role, target: *target, top: *top })
            }
            Rule::MissingTarget { competency, role } => lang.t(msg::RuleMissingTarget { competency, role }),
        }
    }
}

impl Localized for keiko_core::model::framework::FrameworkError {
    /// One line per problem, each starting with the file's path.
    fn message(&self, lang: Lang) -> String {
        use keiko_core::model::framework::FrameworkError;
        match self {
            FrameworkError::Io { path, cause } => {
                lang.t(msg::FrameworkUnreadable { path, why: read_file_error(cause, lang) })
            }
            FrameworkError::Syntax { path, line, col, parser } => {
                let what = parser.clone().unwrap_or_else(|| lang.t(msg::NotUtf8).into());
                format!("{path}:{line}:{col}: {what}")
            }
            FrameworkError::Invalid { path, problems } => {
                problems.iter().map(|p| format!("{path}: {}", p.message(lang))).collect::<Vec<_>>().join("\n")
            }
        }
    }
}

// The config file's errors (keys and settings from `config.toml`).

impl Localized for crate::config::ConfigError {
    /// `PATH:LINE:COL: what is wrong` (just `PATH: …` when the file cannot be read).
    fn message(&self, lang: Lang) -> String {
        use crate::config::{Expected, Mistake};
        let names = |actions: &[Action]| actions.iter().map(|a| a.name()).collect::<Vec<_>>().join(", ");
        let what = match &self.problem {
            Mistake::Unreadable(keiko_core::os::files::ReadFileError::TooLarge(size)) => {
                lang.t(msg::ConfigTooLarge { size: *size })
            }
            Mistake::Unreadable(cause) => lang.t(msg::ConfigUnreadable { why: read_file_error(cause, lang) }),
            Mistake::NotUtf8 => lang.t(msg::NotUtf8).into(),
            Mistake::Syntax(parser) => parser.trim().to_string(),
            Mistake::UnknownSetting(key) => lang.t(msg::ConfigUnknownSetting { key }),
            Mistake::BadLang => lang.t(msg::ConfigBadLang { languages: listed() }),
            Mistake::WrongType { key, expected } => {
                let expected = match expected {
                    Expected::Lang => lang.t(msg::ConfigExpectedLang { languages: listed() }),
                    Expected::Bool => lang.t(msg::ConfigExpectedBool).into(),
                    Expected::Table => lang.t(msg::ConfigExpectedTable).into(),
                    Expected::Keys => lang.t(msg::ConfigExpectedKeys).into(),
                    Expected::Path => lang.t(msg::ConfigExpectedPath).into(),
                };
                lang.t(msg::ConfigWrongType { key, expected })
            }
            Mistake::UnknownScreen(name) => {
                let screens = crate::tui::keymap::Section::ALL.map(|s| s.name()).join(", ");
                lang.t(msg::ConfigUnknownScreen { name, screens })
            }
            Mistake::UnknownAction { screen, action, known } => {
                lang.t(msg::ConfigUnknownAction { screen: screen.name(), action, actions: names(known) })
            }
            Mistake::UnknownKey(key) => lang.t(msg::ConfigUnknownKey { key }),
            Mistake::Clash { screen, key, first, second } => {
                lang.t(msg::ConfigClash { screen: screen.name(), key, first: first.name(), second: second.name() })
            }
        };
        let path = keiko_core::text::terminal_safe(&self.path.display().to_string(), false);
        let what = keiko_core::text::terminal_safe(&what, false);
        if self.line == 0 { format!("{path}: {what}") } else { format!("{path}:{}:{}: {what}", self.line, self.col) }
    }
}

/// `keiko config path` without a home directory to put it in.
pub fn no_config_dir(lang: Lang) -> &'static str {
    lang.t(msg::ConfigNoDir)
}

/// Said once after a config file's errors.
pub fn config_ignored(lang: Lang) -> &'static str {
    lang.t(msg::ConfigIgnored)
}

// ---- `keiko team init/add/check` (src/cli/team_cmd.rs) ----

fn shown(path: &std::path::Path) -> String {
    keiko_core::text::terminal_safe(&path.display().to_string(), false)
}

impl Localized for crate::cli::team_cmd::Done {
    fn message(&self, lang: Lang) -> String {
        use crate::cli::team_cmd::Done;
        match self {
            Done::GroupCreated(group) => lang.t(msg::DoneGroupCreated { group }),
            Done::GroupExists(group) => lang.t(msg::DoneGroupExists { group }),
            Done::CoachAdded { login, group } => lang.t(msg::DoneCoachAdded { login, group }),
            Done::CoachInGroup { login, group } => lang.t(msg::DoneCoachInGroup { login, group }),
            Done::DirCreated(p) => lang.t(msg::DoneDirCreated { path: shown(p) }),
            Done::DirFixed(p) => lang.t(msg::DoneDirFixed { path: shown(p) }),
            Done::DirOk(p) => lang.t(msg::DoneDirOk { path: shown(p) }),
            Done::TeamFileWritten(p) => lang.t(msg::DoneTeamFileWritten { path: shown(p) }),
            Done::TeamFileOk(p) => lang.t(msg::DoneTeamFileOk { path: shown(p) }),
            Done::SystemConfigWritten(p) => lang.t(msg::DoneSystemConfigWritten { path: shown(p) }),
            Done::SystemConfigOk(p) => lang.t(msg::DoneSystemConfigOk { path: shown(p) }),
            Done::RosterAdded(login) => lang.t(msg::DoneRosterAdded { login }),
            Done::RosterUpdated(login) => lang.t(msg::DoneRosterUpdated { login }),
            Done::RosterOk(login) => lang.t(msg::DoneRosterOk { login }),
        }
    }
}

impl Localized for crate::cli::team_cmd::AdminError {
    fn message(&self, lang: Lang) -> String {
        use crate::cli::team_cmd::AdminError;
        let list = |logins: &[String]| {
            logins.iter().map(|l| keiko_core::text::terminal_safe(l, false)).collect::<Vec<_>>().join(", ")
        };
        match self {
            AdminError::NeedsRoot { command } => lang.t(msg::AdminNeedsRoot { command }),
            AdminError::BadLogins { not_plain, missing } => {
                let mut parts = Vec::new();
                if !missing.is_empty() {
                    parts.push(lang.t(msg::AdminNoSuchAccount { logins: list(missing) }));
                }
                if !not_plain.is_empty() {
                    parts.push(lang.t(msg::AdminNotPlain { logins: list(not_plain) }));
                }
                parts.join("\n")
            }
            AdminError::BadGroupName(g) => {
                lang.t(msg::AdminBadGroupName { group: keiko_core::text::terminal_safe(g, false) })
            }
            AdminError::NoTeam { config } => lang.t(msg::AdminNoTeam { config: shown(config) }),
            AdminError::GroupMissing(group) => lang.t(msg::AdminGroupMissing { group }),
            AdminError::NotADirectory(p) => lang.t(msg::AdminNotADirectory { path: shown(p) }),
            AdminError::Io { path, error } => format!("{}: {}", shown(path), os_error(error, lang)),
            AdminError::Invalid { path, error } => {
                lang.t(msg::AdminInvalid { path: shown(path), error: keiko_core::text::terminal_safe(error, false) })
            }
            AdminError::Layout { path, found } => {
                keiko_core::team::access::TeamError::Layout { path: path.clone(), found: *found }.message(lang)
            }
            AdminError::SystemGroup { group, gid } => lang.t(msg::AdminSystemGroup { group, gid: *gid }),
            AdminError::GroupHasOthers { group, others } => {
                lang.t(msg::AdminGroupHasOthers { group, others: list(others) })
            }
            AdminError::SystemAccount { login, uid } => lang.t(msg::AdminSystemAccount { login, uid: *uid }),
            AdminError::BothCoachAndLearner(logins) => lang.t(msg::AdminBothCoachAndLearner { logins: list(logins) }),
            AdminError::Failed { what, error } => {
                let (what, error) =
                    (keiko_core::text::terminal_safe(what, false), keiko_core::text::terminal_safe(error, false));
                lang.t(msg::AdminFailed { what, error })
            }
        }
    }
}

impl Localized for crate::cli::team_cmd::Problem {
    fn message(&self, lang: Lang) -> String {
        use crate::cli::team_cmd::Problem;
        match self {
            Problem::CannotLook { path, error } => {
                lang.t(msg::ProblemCannotLook { path: shown(path), error: os_error(error, lang) })
            }
            Problem::TeamDirMissing(p) => lang.t(msg::ProblemTeamDirMissing { path: shown(p) }),
            Problem::NotADirectory(p) => lang.t(msg::ProblemNotADirectory { path: shown(p) }),
            Problem::TeamFileMissing(p) => lang.t(msg::ProblemTeamFileMissing { path: shown(p) }),
            Problem::TeamFileInvalid { path, error } => lang.t(msg::ProblemTeamFileInvalid {
                path: shown(path),
                error: keiko_core::text::terminal_safe(error, false),
            }),
            Problem::GroupMissing(group) => lang.t(msg::ProblemGroupMissing { group }),
            Problem::Owner { path, found, want } => lang.t(msg::ProblemOwner { path: shown(path), found, want }),
            Problem::Mode { path, found, want } => lang.t(msg::ProblemMode {
                path: shown(path),
                found: format!("{found:04o}"),
                want: format!("{want:04o}"),
            }),
            Problem::NotPlain(l) => lang.t(msg::ProblemNotPlain { login: keiko_core::text::terminal_safe(l, false) }),
            Problem::NoAccount(login) => lang.t(msg::ProblemNoAccount { login }),
            Problem::NotInGroup { login, group } => lang.t(msg::ProblemNotInGroup { login, group }),
            Problem::LearnerDirMissing { login, path } => {
                lang.t(msg::ProblemLearnerDirMissing { login, path: shown(path) })
            }
            Problem::NotOnRoster(p) => lang.t(msg::ProblemNotOnRoster { path: shown(p) }),
            Problem::Symlink(p) => lang.t(msg::ProblemSymlink { path: shown(p) }),
            Problem::Stray(p) => lang.t(msg::ProblemStray { path: shown(p) }),
            Problem::Unverifiable { path, coach, owner, listed: false } => {
                lang.t(msg::ProblemUnverifiableNotListed { path: shown(path), coach, owner })
            }
            Problem::OldLayout(p) => lang.t(msg::ProblemOldLayout { path: shown(p) }),
            Problem::Linked(p) => lang.t(msg::ProblemLinked { path: shown(p) }),
            Problem::NotACoachInGroup { login, group } => lang.t(msg::ProblemNotACoachInGroup { login, group }),
            Problem::BothCoachAndLearner(login) => lang.t(msg::ProblemBothCoachAndLearner { login }),
            Problem::Missing(p) => lang.t(msg::ProblemMissing { path: shown(p) }),
            Problem::LearnerCannotRead { login, path } => {
                lang.t(msg::ProblemLearnerCannotRead { login, path: shown(path) })
            }
            Problem::Unverifiable { path, coach, owner, listed: true } => {
                lang.t(msg::ProblemUnverifiableListed { path: shown(path), coach, owner })
            }
        }
    }
}

impl Localized for crate::cli::team_fix::Fixed {
    fn message(&self, lang: Lang) -> String {
        use crate::cli::team_fix::{Fixed, Why};
        match self {
            Fixed::Dir(done) => done.message(lang),
            Fixed::Quarantined { path, to, why } => {
                let why = match why {
                    Why::NotAFile => lang.t(msg::NotARegularFile).to_string(),
                    Why::Stray => lang.t(msg::QuarantineStray).to_string(),
                    Why::NotTheWriters { owner } => lang.t(msg::QuarantineNotTheWriters { owner }),
                    Why::Linked => lang.t(msg::QuarantineLinked).to_string(),
                    Why::LeftOver => lang.t(msg::QuarantineLeftOver).to_string(),
                    Why::Fails(why) => why.message(lang),
                    Why::NotOnRoster => lang.t(msg::QuarantineNotOnRoster).to_string(),
                    Why::ChangedSinceWritten => lang.t(msg::QuarantineChangedSinceWritten).to_string(),
                };
                lang.t(msg::FixedQuarantined { path: shown(path), to: shown(to), why })
            }
            Fixed::Mode { path, mode } => lang.t(msg::FixedMode { path: shown(path), mode: format!("{mode:04o}") }),
            Fixed::Readable(path) => lang.t(msg::FixedReadable { path: shown(path) }),
            Fixed::Moved { from, to } => lang.t(msg::FixedMoved { from: shown(from), to: shown(to) }),
            Fixed::LearnerMoved { from, to } => lang.t(msg::FixedLearnerMoved { from: shown(from), to: shown(to) }),
            Fixed::Removed(path) => lang.t(msg::FixedRemoved { path: shown(path) }),
            Fixed::Layout(path) => {
                lang.t(msg::FixedLayout { path: shown(path), layout: keiko_core::team::dir::LAYOUT })
            }
        }
    }
}

/// The report of `keiko team check`: one line per problem with the command
/// that fixes it, and their number; or "no problems".
pub fn team_check_report(root: &std::path::Path, findings: &[crate::cli::team_cmd::Finding], lang: Lang) -> String {
    if findings.is_empty() {
        return format!("{}\n", lang.t(msg::CheckNoProblems { root: shown(root) }));
    }
    let mut out = String::new();
    for finding in findings {
        let fix = keiko_core::text::terminal_safe(&finding.fix, false);
        let problem = keiko_core::text::terminal_safe(&finding.problem.message(lang), false);
        out += &format!("{}\n", lang.t(msg::CheckFix { problem, fix }));
    }
    out + &format!("{}\n", lang.t(msg::CheckCount { n: findings.len() }))
}

/// The last line of `keiko team init` and `keiko team add`.
pub fn team_summary(done: &[crate::cli::team_cmd::Done], lang: Lang) -> String {
    match done.iter().filter(|d| d.changed()).count() {
        0 => lang.t(msg::SummaryNothingChanged).into(),
        n => lang.t(msg::SummaryChanges { n }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_flag_wins_over_everything() {
        let env = env_of(&[("KEIKO_LANG", "ja"), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(detect(Some(Lang::EN), env), Lang::EN);
    }

    #[test]
    fn keiko_lang_wins_over_the_locale() {
        let env = env_of(&[("KEIKO_LANG", "en"), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(detect(None, env), Lang::EN);
    }

    #[test]
    fn locale_variables_are_read_in_posix_order() {
        let env = env_of(&[("LC_ALL", "ja_JP.UTF-8"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(detect(None, env), Lang::JA);
        let env = env_of(&[("LC_MESSAGES", "C"), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(detect(None, env), Lang::EN);
        let env = env_of(&[("LANG", "ja_JP.UTF-8")]);
        assert_eq!(detect(None, env), Lang::JA);
        assert_eq!(detect(None, env_of(&[])), Lang::EN);
    }

    /// A lock keiko gave up on names who holds it, as far as keiko could
    /// tell; a command's name never reaches the terminal as it is.
    #[test]
    fn a_lock_held_too_long_names_its_holder() {
        use keiko_core::store::{Cause, LockHolder, Op, StoreError};
        let held = |holder: Option<LockHolder>| {
            let cause = Cause::LockHeld { wait: std::time::Duration::from_secs(5), holder };
            StoreError::Io { path: "/t/w.toml.lock".into(), op: Op::LockWorkbook, cause }
        };
        let holder = |login: Option<&str>, command: Option<&str>| {
            Some(LockHolder { pid: 1234, login: login.map(String::from), command: command.map(String::from) })
        };
        let en = held(holder(Some("tanaka"), Some("keiko"))).message(Lang::EN);
        assert_eq!(
            en,
            "/t/w.toml.lock: cannot lock the workbook: the lock has been held by tanaka (keiko, pid 1234) for over 5 seconds"
        );
        let ja = held(holder(Some("tanaka"), Some("keiko"))).message(Lang::JA);
        assert!(ja.ends_with("tanaka (keiko, pid 1234) が5秒を超えてロックを保持しています"), "{ja}");
        let en = held(holder(None, None)).message(Lang::EN);
        assert!(en.ends_with("held by pid 1234 for over 5 seconds"), "{en}");
        let en = held(holder(Some("uid 4242"), None)).message(Lang::EN);
        assert!(en.ends_with("held by uid 4242 (pid 1234) for over 5 seconds"), "{en}");
        let en = held(holder(Some("tanaka"), Some("ke\u{1b}[2Jiko\n"))).message(Lang::EN);
        assert!(en.ends_with("held by tanaka (ke^[[2Jiko^J, pid 1234) for over 5 seconds"), "{en}");
        let en = held(None).message(Lang::EN);
        assert!(en.ends_with("another program has held the lock for over 5 seconds"), "{en}");
    }

    /// An account the team has no place for is told what the administrator
    /// can do: `team add` for a plain login; for an account without a name
    /// (`uid N`) or with a name `team add` refuses, a login name first.
    #[test]
    fn an_account_without_a_plain_name_is_not_sent_to_team_add() {
        use keiko_core::team::access::TeamError;
        let not_in = |login: &str| TeamError::NotInTeam { team: "/srv/keiko/team".into(), login: login.into() };
        let en = not_in("op-a").message(Lang::EN);
        assert!(en.contains("`sudo keiko team add op-a`"), "{en}");
        for login in ["uid 12345", "jane@corp.example"] {
            let (en, ja) = (not_in(login).message(Lang::EN), not_in(login).message(Lang::JA));
            assert!(!en.contains("team add") && !ja.contains("team add"), "{en} / {ja}");
            assert!(en.contains("cannot place it in the team /srv/keiko/team"), "{en}");
            assert!(ja.contains("keiko はチーム /srv/keiko/team に置けません"), "{ja}");
        }
        let en = not_in("uid 12345").message(Lang::EN);
        assert!(en.starts_with("this account (uid 12345) has no name in the password database"), "{en}");
        assert!(en.ends_with("ask your administrator to give the account a login name"), "{en}");
        assert!(not_in("uid 12345").message(Lang::JA).contains("パスワードデータベース上の名前がない"));
        let en = not_in("jane@corp.example").message(Lang::EN);
        assert!(en.starts_with("the login jane@corp.example is not a plain name"), "{en}");
    }

    /// Every error keiko reports has words in both languages: Japanese
    /// that is Japanese, never the English text passed through.
    #[test]
    fn every_store_error_speaks_both_languages() {
        use keiko_core::os::files::OsError;
        use keiko_core::store::{Cause, Corruption, Op, StoreError};
        use std::path::PathBuf;
        let path = PathBuf::from("/t/w.toml");
        let io = |op, cause| StoreError::Io { path: path.clone(), op, cause };
        let mut errors = Vec::new();
        for op in [Op::ReadWorkbook, Op::WriteWorkbook, Op::OpenLockFile, Op::LockWorkbook, Op::CreateDirectory] {
            for cause in [
                Cause::Os(OsError::of(libc::EACCES)),
                Cause::Os(OsError::of(libc::EROFS)),
                Cause::Os(OsError::of(libc::ENOSPC)),
                Cause::DirectoryNotWritable("/t".into()),
                Cause::DirectoryMissing("/t/..".into()),
                Cause::LockIsSymlink,
                Cause::LockNotAFile,
                Cause::MountPoint,
                Cause::LockKeepsChanging,
                Cause::LockHeld { wait: std::time::Duration::from_secs(5), holder: None },
                Cause::LockHeld {
                    wait: std::time::Duration::from_millis(200),
                    holder: Some(keiko_core::store::LockHolder {
                        pid: 1234,
                        login: Some("tanaka".into()),
                        command: Some("keiko".into()),
                    }),
                },
                Cause::LockNotOurs { owner: "op-a".into() },
            ] {
                errors.push(io(op, cause));
            }
        }
        for what in [Corruption::UnknownSchema(0), Corruption::NotUtf8 { offset: 3 }] {
            errors.push(StoreError::Corrupt { path: path.clone(), line: 1, col: 1, what });
        }
        errors.extend([
            StoreError::NewerSchema { path: path.clone(), found: 3, by: Some("0.9.0".into()) },
            StoreError::NewerSchema { path: path.clone(), found: 3, by: None },
            StoreError::Symlink { path: path.clone(), target: None },
            StoreError::NotAFile { path: path.clone() },
            StoreError::TooLarge { path: path.clone(), size: 1 << 30 },
            StoreError::WouldBeTooLarge { path: path.clone(), size: 1 << 30 },
            StoreError::NotDurable { path: path.clone(), cause: OsError::of(libc::EIO) },
            StoreError::NotYours {
                path: path.clone(),
                why: Box::new(keiko_core::model::workbook::Unverified::FromTheFuture),
            },
        ]);
        let japanese = |text: &str| text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c));
        for error in errors {
            let (ja, en) = (error.message(Lang::JA), error.message(Lang::EN));
            assert!(japanese(&ja), "no Japanese: {ja}");
            assert!(!japanese(&en), "Japanese in English: {en}");
            assert!(ja.starts_with("/t/w.toml") && en.starts_with("/t/w.toml"), "{ja} / {en}");
        }
    }

    #[test]
    fn a_frameworks_problems_are_named_by_the_competency_or_statement() {
        use keiko_core::model::framework::{FrameworkError, Rule};
        let problems = [
            Rule::TargetOutsideLevels { competency: "C-1".into(), role: "OP".into(), target: 3, top: 1 },
            Rule::EmptyStatement("C-1.1.1".into()),
            Rule::UnknownRoleInTargets { competency: "C-1".into(), role: "XX".into() },
            Rule::DuplicateCompetencyId("C-1".into()),
            Rule::NoLevels("C-1".into()),
        ];
        let all = problems.iter().map(|p| p.message(Lang::EN)).collect::<Vec<_>>().join("\n");
        assert!(all.contains("C-1: target level 3 for OP is outside"), "{all}");
        assert!(all.contains("C-1: target names unknown role XX"), "{all}");
        assert!(all.contains("C-1.1.1: empty statement"), "{all}");
        assert!(all.contains("C-1: duplicate competency id"), "{all}");
        assert!(all.contains("C-1: the competency has no levels"), "{all}");
        let ja = problems.iter().map(|p| p.message(Lang::JA)).collect::<Vec<_>>().join("\n");
        assert!(ja.contains("C-1.1.1: 行動の文が空です"), "{ja}");
        let one = FrameworkError::Invalid {
            path: "f.toml".into(),
            problems: vec![Rule::DuplicateStatementId("C-1.1.1".into())],
        };
        assert_eq!(one.message(Lang::EN), "f.toml: C-1.1.1: duplicate statement id");
    }

    #[test]
    fn a_corrupt_workbook_is_named_with_its_position_and_how_to_move_it() {
        let err =
            keiko_core::store::parse("schema = 1\nprofile = [\n", std::path::Path::new("/tmp/w.toml")).unwrap_err();
        let text = err.message(Lang::EN);
        assert!(text.starts_with("/tmp/w.toml:2:12: unclosed array"), "{text}");
        assert!(text.contains("mv '/tmp/w.toml' '/tmp/w.toml.broken'"), "{text}");
    }

    #[test]
    fn a_clock_after_9999_12_30_is_refused_with_the_date() {
        for lang in [Lang::JA, Lang::EN] {
            let refused = keiko_core::clock::ClockOutOfRange.message(lang);
            assert!(refused.contains("9999-12-30"), "{refused}");
        }
    }

    #[test]
    fn why_a_file_is_not_a_learner_never_repeats_its_path() {
        use keiko_core::store::StoreError;
        use keiko_core::team::Unusable;
        let path = std::path::PathBuf::from("/team/learners/op-a/pipe.toml");
        let reasons = [
            Unusable::Store(Box::new(StoreError::NotAFile { path: path.clone() })),
            Unusable::Store(Box::new(StoreError::TooLarge { path: path.clone(), size: 3 << 30 })),
        ];
        for reason in &reasons {
            for lang in [Lang::JA, Lang::EN] {
                let words = reason.message(lang);
                assert!(!words.is_empty() && !words.contains("pipe.toml"), "the path is repeated: {words}");
            }
        }
    }
}
