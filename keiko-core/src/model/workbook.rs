//! The learner's state: checks, notes, reflections, coach sign-offs and
//! comments, and the history of changes. Pure data; `store` reads and writes it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::framework::Framework;

/// The workbook format this keiko reads and writes: its major version (see
/// `store::MIGRATIONS` for what each step changed). A file of an older
/// schema is migrated; one of a newer schema is refused, naming its keiko.
pub const SCHEMA: u32 = 2;

/// History keeps this many newest entries, so the file cannot grow without limit.
pub const HISTORY_LIMIT: usize = 500;

use crate::clock::Time;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub schema: u32,
    #[serde(default)]
    pub framework: FrameworkRef,
    /// Left out when empty (a coach's file has none).
    #[serde(default, skip_serializing_if = "Profile::is_empty")]
    pub profile: Profile,
    /// Keyed by statement id (`SM-5.2.1`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub statements: BTreeMap<String, StatementState>,
    /// Keyed by competency id (`SM-5`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub competencies: BTreeMap<String, CompetencyState>,
    /// Oldest first; at most `HISTORY_LIMIT` entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
    /// In a coach's file (team mode): the login of the learner it is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub learner: String,
    /// Team mode: coaches' records of this learner that could not be used
    /// at all (broken, from a newer keiko…), each with why: shown, never
    /// dropped in silence. Never in a file.
    #[serde(skip)]
    pub unread_records: Vec<UnreadRecord>,
}

/// A coach's record of a learner (team mode) that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadRecord {
    /// The coach whose record it is.
    pub coach: String,
    pub why: Unreadable,
}

/// Why a coach's record could not be used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Not valid TOML, or not a record's shape: where, and the parser's words.
    Broken { line: usize, col: usize, words: String },
    /// Not UTF-8 text.
    NotUtf8,
    /// Written by a keiko of a newer schema (and which keiko, if it says).
    NewerSchema { found: u32, by: Option<String> },
    /// Larger than a workbook may be: not read.
    TooLarge { size: u64 },
    /// A symbolic link or not a regular file: not read.
    NotAFile,
    /// The system refused to open or read it.
    Os(crate::os::files::OsError),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FrameworkRef {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub version: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// How the name is read (furigana, e.g. "なかむら はると"): a coach's
    /// team is sorted by it. Empty when not given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reading: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatementState {
    #[serde(default)]
    pub checked: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_at: Option<Time>,
    /// Evidence for the statement, in the learner's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompetencyState {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reflection: String,
    /// Review state per level, keyed by the level number ("2").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub levels: BTreeMap<String, LevelState>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
}

/// A level's review: the learner's request, and the coach's answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LevelState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_requested: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signoff: Option<Verdict>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned: Option<Verdict>,
    /// Sign-offs and returns no one vouches for (team mode): shown, with
    /// the reason, but never counted. Never in a file.
    #[serde(skip)]
    pub unverified: Vec<(VerdictKind, Verdict)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictKind {
    SignOff,
    Return,
}

impl Profile {
    fn is_empty(&self) -> bool {
        self == &Profile::default()
    }
}

impl LevelState {
    fn is_empty(&self) -> bool {
        self == &LevelState::default()
    }
}

/// Whether a coach's record can be trusted to be that coach's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Trust {
    /// A plain workbook, outside team mode: counted, labelled "no team".
    #[default]
    NoTeam,
    /// In a team, in a file the kernel says only that coach can write.
    Verified,
    /// In a team, but nothing vouches for it: shown, never counted.
    Unverified(Box<Unverified>),
}

/// Why a coach's record in a team is not trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unverified {
    /// Written into the learner's own workbook, which the learner can write.
    InLearnersFile,
    /// The team file is not owned by root or the team directory's owner.
    TeamFileOwner { owner: String },
    /// The team file can be written by its group or by others.
    TeamFileWritable,
    /// The coach's file is a symbolic link or not a regular file.
    NotARegularFile,
    /// The file is named for one login but owned by another.
    OwnerIsNotNamed { owner: String, named: String },
    /// The coach's file can be written by its group or by others.
    FileWritable,
    /// The login is not (or no longer) a coach in the team file.
    NotACoach { login: String },
    /// The file says it is for another learner (copied from elsewhere).
    ForAnotherLearner { named: String },
    /// The file has more than one name (a hard link).
    Linked { links: u64 },
    /// A time in the file is later than this host's clock allows.
    FromTheFuture,
    /// A coach's verdict on their own levels (a coach who is also a learner).
    OwnLevels,
    /// The team file can no longer be read or is not valid (its words).
    TeamFileInvalid { reason: String },
}

impl Trust {
    /// Whether a sign-off with this trust counts toward anything.
    pub fn counts(&self) -> bool {
        !matches!(self, Trust::Unverified(_))
    }
}

/// Who did something, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamp {
    /// A display name, or a login where there is no other name.
    pub by: String,
    /// The login of the account that did it, when `by` is a display name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub login: String,
    pub at: Time,
}

impl Stamp {
    pub fn new(by: impl Into<String>, at: Time) -> Stamp {
        Stamp { by: by.into(), login: String::new(), at }
    }

    /// Done by the account `login`, shown as `name`.
    pub fn of(login: impl Into<String>, name: impl Into<String>, at: Time) -> Stamp {
        Stamp { by: name.into(), login: login.into(), at }
    }

    /// The login that did it: history names accounts, not labels.
    pub fn login(&self) -> &str {
        if self.login.is_empty() { &self.by } else { &self.login }
    }
}

/// A coach's sign-off or return of a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The coach's display name (a label).
    pub by: String,
    /// The coach's login, from the operating system: who it really was.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub login: String,
    pub at: Time,
    #[serde(default)]
    pub comment: String,
    /// For a sign-off: the level's statements the learner had checked at the
    /// time. Unchecking one of them later makes the sign-off stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Vec<String>>,
    #[serde(skip)]
    pub trust: Trust,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub login: String,
    pub at: Time,
    pub text: String,
    #[serde(skip)]
    pub trust: Trust,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StoredEntry", into = "StoredEntry")]
pub struct HistoryEntry {
    pub at: Time,
    pub by: String,
    pub what: Verb,
    pub target: Target,
    /// True when the change undid an earlier one.
    pub undo: bool,
}

impl HistoryEntry {
    /// An entry from its fields as the file writes them (a summary's quick
    /// read of a long history); `None` when they do not make one.
    pub fn from_fields(at: Time, by: &str, what: &str, target: &str, undo: bool) -> Option<HistoryEntry> {
        let what = Verb::named(what);
        let target = what.target(target).ok()?;
        Some(HistoryEntry { at, by: by.to_string(), what, target, undo })
    }
}

/// What was done, as the file names it (`what = "sign-off"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verb {
    Check,
    Uncheck,
    Note,
    Reflection,
    Profile,
    /// The display name alone changed.
    Name,
    RequestReview,
    WithdrawRequest,
    SignOff,
    Return,
    Comment,
    /// A verb this keiko does not know (a newer keiko's, such as
    /// `due-date`), as the file writes it: kept and written back, shown
    /// as it is, counted nowhere.
    Other(String),
}

/// What a change was done to. Which kind follows from the verb; the file
/// writes it as one string: `SM-5.1.1`, `SM-5`, `SM-5 L2`, or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Statement(String),
    Competency(String),
    Level {
        competency: String,
        level: u8,
    },
    /// The learner's profile: the file writes no target.
    Profile,
    /// The target of a verb this keiko does not know, as the file writes it.
    Other(String),
}

impl Verb {
    /// The verb the file names `name`; one this keiko does not know is `Other`.
    pub fn named(name: &str) -> Verb {
        match name {
            "check" => Verb::Check,
            "uncheck" => Verb::Uncheck,
            "note" => Verb::Note,
            "reflection" => Verb::Reflection,
            "profile" => Verb::Profile,
            "name" => Verb::Name,
            "request-review" => Verb::RequestReview,
            "withdraw-request" => Verb::WithdrawRequest,
            "sign-off" => Verb::SignOff,
            "return" => Verb::Return,
            "comment" => Verb::Comment,
            other => Verb::Other(other.to_string()),
        }
    }

    /// The verb's name in the file (`sign-off`).
    pub fn name(&self) -> &str {
        match self {
            Verb::Check => "check",
            Verb::Uncheck => "uncheck",
            Verb::Note => "note",
            Verb::Reflection => "reflection",
            Verb::Profile => "profile",
            Verb::Name => "name",
            Verb::RequestReview => "request-review",
            Verb::WithdrawRequest => "withdraw-request",
            Verb::SignOff => "sign-off",
            Verb::Return => "return",
            Verb::Comment => "comment",
            Verb::Other(name) => name,
        }
    }

    /// The kind of target this verb is done to, read from the file's text.
    fn target(&self, text: &str) -> Result<Target, String> {
        Ok(match self {
            Verb::Check | Verb::Uncheck | Verb::Note => Target::Statement(text.to_string()),
            Verb::Reflection | Verb::Comment => Target::Competency(text.to_string()),
            Verb::RequestReview | Verb::WithdrawRequest | Verb::SignOff | Verb::Return => {
                let level = text.rsplit_once(" L").and_then(|(id, n)| Some((id, n.parse::<u8>().ok()?)));
                let (competency, level) = level.ok_or_else(|| format!("a level is written `SM-5 L2`, not {text:?}"))?;
                Target::Level { competency: competency.to_string(), level }
            }
            Verb::Profile | Verb::Name => Target::Profile,
            Verb::Other(_) => Target::Other(text.to_string()),
        })
    }
}

impl Serialize for Verb {
    fn serialize<S: serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Verb {
    fn deserialize<D: serde::Deserializer<'de>>(input: D) -> Result<Verb, D::Error> {
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = Verb;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a verb such as \"check\"")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Verb, E> {
                Ok(Verb::named(name))
            }
        }
        input.deserialize_str(Name)
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Statement(id) | Target::Competency(id) | Target::Other(id) => f.write_str(id),
            Target::Level { competency, level } => write!(f, "{competency} L{level}"),
            Target::Profile => Ok(()),
        }
    }
}

/// A history entry as the file holds it.
#[derive(Serialize, Deserialize)]
struct StoredEntry {
    at: Time,
    by: String,
    what: Verb,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    target: String,
    #[serde(default, skip_serializing_if = "is_false")]
    undo: bool,
}

impl TryFrom<StoredEntry> for HistoryEntry {
    type Error = String;

    fn try_from(e: StoredEntry) -> Result<HistoryEntry, String> {
        Ok(HistoryEntry { target: e.what.target(&e.target)?, at: e.at, by: e.by, what: e.what, undo: e.undo })
    }
}

impl From<HistoryEntry> for StoredEntry {
    fn from(e: HistoryEntry) -> StoredEntry {
        StoredEntry { target: e.target.to_string(), at: e.at, by: e.by, what: e.what, undo: e.undo }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One change to a workbook. Every edit, from the learner or a coach, is one of these,
/// so the store can apply it to the latest file under its lock.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Profile {
        name: Option<String>,
        role: Option<String>,
    },
    Check {
        id: String,
        checked: bool,
    },
    Note {
        id: String,
        text: String,
    },
    Reflection {
        competency: String,
        text: String,
    },
    RequestReview {
        competency: String,
        level: u8,
        requested: bool,
    },
    /// `statements`: the level's statement ids, to record which were checked when signed off.
    SignOff {
        competency: String,
        level: u8,
        comment: String,
        statements: Vec<String>,
    },
    Return {
        competency: String,
        level: u8,
        comment: String,
    },
    Comment {
        competency: String,
        text: String,
    },
    /// The reading of the learner's name (furigana); empty clears it.
    Reading {
        reading: String,
    },
}

impl Change {
    /// The history verb and target of this change.
    pub fn describe(&self) -> (Verb, Target) {
        let level = |competency: &str, level: &u8| Target::Level { competency: competency.to_string(), level: *level };
        match self {
            Change::Profile { name: Some(_), role: None, .. } => (Verb::Name, Target::Profile),
            Change::Profile { .. } | Change::Reading { .. } => (Verb::Profile, Target::Profile),
            Change::Check { id, checked: true } => (Verb::Check, Target::Statement(id.clone())),
            Change::Check { id, checked: false } => (Verb::Uncheck, Target::Statement(id.clone())),
            Change::Note { id, .. } => (Verb::Note, Target::Statement(id.clone())),
            Change::Reflection { competency, .. } => (Verb::Reflection, Target::Competency(competency.clone())),
            Change::RequestReview { competency, level: l, requested } => {
                (if *requested { Verb::RequestReview } else { Verb::WithdrawRequest }, level(competency, l))
            }
            Change::SignOff { competency, level: l, .. } => (Verb::SignOff, level(competency, l)),
            Change::Return { competency, level: l, .. } => (Verb::Return, level(competency, l)),
            Change::Comment { competency, .. } => (Verb::Comment, Target::Competency(competency.clone())),
        }
    }
}

impl Change {
    /// A sign-off of `level` of competency `competency` in `framework`.
    pub fn sign_off(framework: &Framework, competency: &str, level: u8, comment: &str) -> Change {
        let statements = framework
            .competency(competency)
            .and_then(|c| c.levels.iter().find(|l| l.level == level))
            .map(|l| l.statements.iter().map(|s| s.id.clone()).collect())
            .unwrap_or_default();
        Change::SignOff { competency: competency.to_string(), level, comment: comment.to_string(), statements }
    }
}

impl Workbook {
    /// An empty workbook for a framework.
    pub fn new(framework: &Framework) -> Workbook {
        Workbook::made_with(FrameworkRef { id: framework.id.clone(), version: framework.version.clone() })
    }

    /// An empty workbook made with the framework `framework` names.
    pub fn made_with(framework: FrameworkRef) -> Workbook {
        Workbook {
            schema: SCHEMA,
            framework,
            profile: Profile::default(),
            statements: BTreeMap::new(),
            competencies: BTreeMap::new(),
            history: Vec::new(),
            learner: String::new(),
            unread_records: Vec::new(),
        }
    }

    pub fn is_checked(&self, statement_id: &str) -> bool {
        self.statements.get(statement_id).is_some_and(|s| s.checked)
    }

    pub fn note(&self, statement_id: &str) -> &str {
        self.statements.get(statement_id).map_or("", |s| s.note.as_str())
    }

    pub fn reflection(&self, competency_id: &str) -> &str {
        self.competencies.get(competency_id).map_or("", |c| c.reflection.as_str())
    }

    pub fn level_state(&self, competency_id: &str, level: u8) -> Option<&LevelState> {
        self.competencies.get(competency_id)?.levels.get(&level.to_string())
    }

    pub fn comments(&self, competency_id: &str) -> &[Comment] {
        self.competencies.get(competency_id).map_or(&[], |c| c.comments.as_slice())
    }

    /// The change that would put back what `change` is about to replace.
    /// Only the learner's own edits (checks, notes, reflections, profile) can be undone.
    pub fn inverse(&self, change: &Change) -> Option<Change> {
        match change {
            Change::Check { id, .. } => Some(Change::Check { id: id.clone(), checked: self.is_checked(id) }),
            Change::Note { id, .. } => Some(Change::Note { id: id.clone(), text: self.note(id).to_string() }),
            Change::Reflection { competency, .. } => Some(Change::Reflection {
                competency: competency.clone(),
                text: self.reflection(competency).to_string(),
            }),
            // A rename puts back the name only, so its undo reads as one.
            Change::Profile { name: Some(_), role: None, .. } => {
                Some(Change::Profile { name: Some(self.profile.name.clone()), role: None })
            }
            Change::Profile { .. } => {
                Some(Change::Profile { name: Some(self.profile.name.clone()), role: self.profile.role.clone() })
            }
            Change::Reading { .. } => Some(Change::Reading { reading: self.profile.reading.clone() }),
            Change::RequestReview { competency, level, .. } => Some(Change::RequestReview {
                competency: competency.clone(),
                level: *level,
                requested: self.level_state(competency, *level).is_some_and(|l| l.review_requested.is_some()),
            }),
            _ => None,
        }
    }

    /// Whether the workbook still holds what `change` set: nothing changed
    /// it since, so undoing it takes back only that change.
    pub fn still_holds(&self, change: &Change) -> bool {
        match change {
            Change::Check { id, checked } => self.is_checked(id) == *checked,
            Change::Note { id, text } => self.note(id) == text,
            Change::Reflection { competency, text } => self.reflection(competency) == text,
            Change::Profile { name, role } => {
                name.as_ref().is_none_or(|n| n.trim() == self.profile.name)
                    && role.as_ref().is_none_or(|r| self.profile.role.as_ref() == Some(r))
            }
            Change::RequestReview { competency, level, requested } => {
                self.level_state(competency, *level).is_some_and(|l| l.review_requested.is_some()) == *requested
            }
            Change::Reading { reading } => reading.trim() == self.profile.reading,
            _ => false,
        }
    }

    /// Applies a change and records it in history. Returns false, and records
    /// nothing, when the change would not alter anything.
    pub fn apply(&mut self, change: &Change, stamp: &Stamp, undo: bool) -> bool {
        let changed = self.apply_without_history(change, stamp);
        if changed {
            let (what, target) = change.describe();
            self.history.push(HistoryEntry { at: stamp.at, by: stamp.login().to_string(), what, target, undo });
            let excess = self.history.len().saturating_sub(HISTORY_LIMIT);
            self.history.drain(..excess);
        }
        changed
    }

    fn apply_without_history(&mut self, change: &Change, stamp: &Stamp) -> bool {
        match change {
            Change::Profile { name, role } => {
                let mut profile = self.profile.clone();
                if let Some(name) = name {
                    profile.name = name.trim().to_string();
                }
                if role.is_some() {
                    profile.role = role.clone();
                }
                replace(&mut self.profile, profile)
            }
            Change::Check { id, checked } => {
                let entry = self.statements.entry(id.clone()).or_default();
                if entry.checked == *checked {
                    return false;
                }
                entry.checked = *checked;
                entry.checked_at = checked.then_some(stamp.at);
                self.drop_empty_statement(id);
                true
            }
            Change::Note { id, text } => {
                let entry = self.statements.entry(id.clone()).or_default();
                let changed = replace(&mut entry.note, text.clone());
                self.drop_empty_statement(id);
                changed
            }
            Change::Reflection { competency, text } => {
                let entry = self.competencies.entry(competency.clone()).or_default();
                let changed = replace(&mut entry.reflection, text.clone());
                self.drop_empty_competency(competency);
                changed
            }
            Change::RequestReview { competency, level, requested } => {
                let request = requested.then(|| stamp.clone());
                let changed = self.with_level(competency, *level, |l| {
                    if l.review_requested.is_some() == *requested {
                        return false;
                    }
                    l.review_requested = request;
                    true
                });
                self.drop_empty_competency(competency);
                changed
            }
            Change::SignOff { competency, level, comment, statements } => {
                let checked: Vec<String> = statements.iter().filter(|id| self.is_checked(id)).cloned().collect();
                self.with_level(competency, *level, |l| {
                    l.signoff = Some(Verdict { checked: Some(checked), ..verdict(stamp, comment) });
                    l.returned = None;
                    l.review_requested = None;
                    true
                })
            }
            Change::Return { competency, level, comment } => self.with_level(competency, *level, |l| {
                l.returned = Some(verdict(stamp, comment));
                l.signoff = None;
                l.review_requested = None;
                true
            }),
            Change::Reading { reading } => replace(&mut self.profile.reading, reading.trim().to_string()),
            Change::Comment { competency, text } => {
                if text.trim().is_empty() {
                    return false;
                }
                let entry = self.competencies.entry(competency.clone()).or_default();
                entry.comments.push(Comment {
                    by: stamp.by.clone(),
                    login: stamp.login.clone(),
                    at: stamp.at,
                    text: text.clone(),
                    trust: Trust::default(),
                });
                true
            }
        }
    }

    fn with_level(&mut self, competency: &str, level: u8, f: impl FnOnce(&mut LevelState) -> bool) -> bool {
        let entry = self.competencies.entry(competency.to_string()).or_default();
        let key = level.to_string();
        let state = entry.levels.entry(key.clone()).or_default();
        let changed = f(state);
        if state.is_empty() {
            entry.levels.remove(&key);
        }
        changed
    }

    /// Keeps the file tidy: a statement with nothing in it has no table.
    fn drop_empty_statement(&mut self, id: &str) {
        if self.statements.get(id) == Some(&StatementState::default()) {
            self.statements.remove(id);
        }
    }

    fn drop_empty_competency(&mut self, id: &str) {
        if self.competencies.get(id) == Some(&CompetencyState::default()) {
            self.competencies.remove(id);
        }
    }

    /// Ids in the workbook that the framework does not know. They stay in the
    /// file untouched; callers report them as a warning.
    pub fn unknown_ids(&self, framework: &Framework) -> Vec<String> {
        let statements = self.statements.keys().filter(|id| framework.locate(id).is_none());
        let competencies = self
            .competencies
            .iter()
            .filter(|(id, state)| match framework.competency(id) {
                None => true,
                Some(c) => state.levels.keys().any(|l| l.parse::<u8>().map_or(true, |n| n == 0 || n > c.top_level())),
            })
            .map(|(id, _)| id);
        statements.chain(competencies).cloned().collect()
    }

    /// When this workbook last changed, from its history.
    pub fn last_activity(&self) -> Option<&Time> {
        self.history.last().map(|h| &h.at)
    }
}

fn verdict(stamp: &Stamp, comment: &str) -> Verdict {
    Verdict {
        by: stamp.by.clone(),
        login: stamp.login.clone(),
        at: stamp.at,
        comment: comment.trim().to_string(),
        checked: None,
        trust: Trust::default(),
    }
}

/// Sets `slot` to `value`; true if that changed it.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        false
    } else {
        *slot = value;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::time_from_unix;

    fn stamp(seconds: i64) -> Stamp {
        Stamp::new("op-a", time_from_unix(1_796_000_000 + seconds))
    }

    fn workbook() -> Workbook {
        Workbook::new(&Framework::bundled())
    }

    #[test]
    fn checking_records_the_time_and_history() {
        let mut wb = workbook();
        let check = Change::Check { id: "SM-5.1.1".into(), checked: true };
        assert!(wb.apply(&check, &stamp(0), false));
        assert!(wb.is_checked("SM-5.1.1"));
        assert_eq!(wb.statements["SM-5.1.1"].checked_at, Some(stamp(0).at));
        assert_eq!(wb.history.len(), 1);
        assert_eq!(wb.history[0].what, Verb::Check);
        assert_eq!(wb.history[0].target, Target::Statement("SM-5.1.1".into()));
        // Checking again changes nothing and records nothing.
        assert!(!wb.apply(&check, &stamp(1), false));
        assert_eq!(wb.history.len(), 1);
    }

    #[test]
    fn unchecking_keeps_the_note() {
        let mut wb = workbook();
        let id = "SM-5.1.1".to_string();
        wb.apply(&Change::Check { id: id.clone(), checked: true }, &stamp(0), false);
        wb.apply(&Change::Note { id: id.clone(), text: "記録した".into() }, &stamp(1), false);
        wb.apply(&Change::Check { id: id.clone(), checked: false }, &stamp(2), false);
        assert!(!wb.is_checked(&id));
        assert_eq!(wb.statements[&id].checked_at, None);
        assert_eq!(wb.note(&id), "記録した");
    }

    #[test]
    fn the_inverse_of_a_change_restores_the_old_value() {
        let mut wb = workbook();
        let id = "SM-6.1.1".to_string();
        wb.apply(&Change::Note { id: id.clone(), text: "前".into() }, &stamp(0), false);
        let edit = Change::Note { id: id.clone(), text: "後".into() };
        let undo = wb.inverse(&edit).unwrap();
        wb.apply(&edit, &stamp(1), false);
        wb.apply(&undo, &stamp(2), true);
        assert_eq!(wb.note(&id), "前");
        assert!(wb.history.last().unwrap().undo);
    }

    #[test]
    fn history_is_bounded_and_keeps_the_newest() {
        let mut wb = workbook();
        for i in 0..(HISTORY_LIMIT + 10) {
            let checked = i % 2 == 0;
            wb.apply(&Change::Check { id: "SM-5.1.1".into(), checked }, &stamp(i as i64), false);
        }
        assert_eq!(wb.history.len(), HISTORY_LIMIT);
        assert_eq!(wb.history.last().unwrap().at, stamp((HISTORY_LIMIT + 9) as i64).at);
    }

    #[test]
    fn sign_off_answers_a_review_request_and_return_replaces_it() {
        let mut wb = workbook();
        let c = "SM-5".to_string();
        wb.apply(&Change::RequestReview { competency: c.clone(), level: 1, requested: true }, &stamp(0), false);
        assert!(wb.level_state(&c, 1).unwrap().review_requested.is_some());
        wb.apply(&Change::sign_off(&Framework::bundled(), &c, 1, "良い"), &stamp(1), false);
        let state = wb.level_state(&c, 1).unwrap();
        assert!(state.review_requested.is_none());
        assert_eq!(state.signoff.as_ref().unwrap().comment, "良い");
        wb.apply(&Change::Return { competency: c.clone(), level: 1, comment: "根拠を".into() }, &stamp(2), false);
        let state = wb.level_state(&c, 1).unwrap();
        assert!(state.signoff.is_none());
        assert_eq!(state.returned.as_ref().unwrap().comment, "根拠を");
        let verbs: Vec<Verb> = wb.history.iter().map(|h| h.what.clone()).collect();
        assert_eq!(verbs, [Verb::RequestReview, Verb::SignOff, Verb::Return]);
        assert_eq!(wb.history[1].target, Target::Level { competency: c.clone(), level: 1 });
        // Written to the file as before: `what = "sign-off"`, `target = "SM-5 L1"`.
        let text = toml::to_string(&wb).unwrap();
        assert!(text.contains("what = \"sign-off\"\ntarget = \"SM-5 L1\""), "{text}");
        assert_eq!(toml::from_str::<Workbook>(&text).unwrap(), wb);
    }

    #[test]
    fn a_history_entry_with_an_unknown_verb_is_kept_and_a_bad_level_refused() {
        let entry = |what: &str, target: &str| {
            format!(
                "schema = 2\n[[history]]\nat = 2026-11-28T09:12:00Z\nby = \"op-a\"\nwhat = \"{what}\"\ntarget = \"{target}\"\n"
            )
        };
        assert!(toml::from_str::<Workbook>(&entry("check", "SM-5.1.1")).is_ok());
        // A newer keiko's verb: kept as it is, and written back the same.
        let wb = toml::from_str::<Workbook>(&entry("due-date", "SM-5 L2")).unwrap();
        assert_eq!(wb.history[0].what, Verb::Other("due-date".into()));
        assert_eq!(wb.history[0].target, Target::Other("SM-5 L2".into()));
        let text = toml::to_string(&wb).unwrap();
        assert!(text.contains("what = \"due-date\"\ntarget = \"SM-5 L2\""), "{text}");
        let quick = HistoryEntry::from_fields(wb.history[0].at, "op-a", "due-date", "SM-5 L2", false).unwrap();
        assert_eq!(quick, wb.history[0]);
        assert!(toml::from_str::<Workbook>(&entry("sign-off", "SM-5")).is_err(), "a level needs its number");
    }

    #[test]
    fn empty_comments_are_not_stored() {
        let mut wb = workbook();
        assert!(!wb.apply(&Change::Comment { competency: "SM-5".into(), text: "  ".into() }, &stamp(0), false));
        assert!(wb.comments("SM-5").is_empty());
    }

    #[test]
    fn ids_the_framework_does_not_know_are_reported() {
        let mut wb = workbook();
        wb.apply(&Change::Note { id: "SM-99.1.1".into(), text: "古い".into() }, &stamp(0), false);
        wb.apply(&Change::Note { id: "SM-5.1.1".into(), text: "今".into() }, &stamp(0), false);
        wb.apply(&Change::sign_off(&Framework::bundled(), "SM-5", 7, ""), &stamp(0), false);
        assert_eq!(wb.unknown_ids(&Framework::bundled()), ["SM-99.1.1", "SM-5"]);
    }
}
