//! A learner's workbook in a team, as one of its writers sees it: the
//! learner, who writes `learners/LOGIN/workbook.toml`, or a coach, who
//! writes only `verdicts/LOGIN/COACH.toml`. Either sees the learner's evidence with
//! every coach's verdicts merged in (`team_dir::merge`), each verdict with
//! the trust the kernel's file ownership gives it.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::hash::{Hash, Hasher};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::model::framework::Framework;
use crate::model::workbook::{Trust, UnreadRecord, Unreadable, Unverified, Workbook};
use crate::os::files::{ReadFileError, read_opened, read_regular_file};
use crate::os::identity;
use crate::store::{self, Fingerprint, Modes, Storage, Store, StoreError};
use crate::team::dir::{self as team_dir, CoachRecord, Ownership, RosterEntry, TeamDir, TeamFile, modes};

/// Why a team cannot be used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamError {
    /// The team file cannot be read (missing, permissions, not a file).
    Unreadable { path: PathBuf, error: ReadFileError },
    /// The team file is not valid: the parser's words.
    Invalid { path: PathBuf, reason: String },
    /// The user has no place in the team (`keiko team add` was not run).
    NotInTeam { team: PathBuf, login: String },
    /// The team directory is of another layout (the first: `team migrate`).
    Layout { path: PathBuf, found: u32 },
}

/// A team directory and its team file, with whether the file can be
/// trusted. The team file is read again whenever it changes (its identity,
/// looked at on each use), so open apps follow a change of coaches, mode or
/// validity: clones share what was read.
#[derive(Debug, Clone)]
pub struct LiveTeam {
    pub dir: TeamDir,
    state: Arc<RwLock<Arc<TeamState>>>,
    /// A snapshot (`snapshot`): the team file as read then, not looked at again.
    frozen: bool,
}

/// The team file as last read.
#[derive(Debug)]
pub struct TeamState {
    pub file: TeamFile,
    /// `Err` when the team file itself fails the rule: no sign-off counts.
    pub trusted: Result<(), Unverified>,
    /// Where each login is on the roster (`file.learners`): a center's roster holds thousands.
    roster: HashMap<String, usize>,
    /// The team file's identity when read.
    seen: Option<Fingerprint>,
}

impl TeamState {
    /// What the roster says of `login`, if it lists them.
    pub fn roster_entry(&self, login: &str) -> Option<&RosterEntry> {
        self.roster.get(login).map(|&i| &self.file.learners[i])
    }

    /// Reads and judges the team file at `root`.
    fn read(root: &Path) -> Result<TeamState, TeamError> {
        let path = root.join(team_dir::TEAM_FILE);
        let seen = store::fingerprint(&path);
        let bytes = read_regular_file(&path, store::MAX_WORKBOOK_BYTES)
            .map_err(|error| TeamError::Unreadable { path: path.clone(), error })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| TeamError::Invalid { path: path.clone(), reason: "not UTF-8".into() })?;
        let file = TeamFile::parse(&text).map_err(|reason| TeamError::Invalid { path: path.clone(), reason })?;
        if file.layout != team_dir::LAYOUT {
            return Err(TeamError::Layout { path, found: file.layout });
        }
        let trusted = match (Ownership::read(&path), Ownership::read(root)) {
            (Ok(team_file), Ok(root)) => team_dir::check_team_file(team_file, root.uid, identity::login_of),
            _ => Err(Unverified::TeamFileWritable),
        };
        // The first entry of a login stands, as a search from the top would find.
        let mut roster = HashMap::new();
        for (i, entry) in file.learners.iter().enumerate().rev() {
            roster.insert(entry.login.clone(), i);
        }
        Ok(TeamState { file, trusted, roster, seen })
    }
}

impl LiveTeam {
    pub fn open(root: &Path) -> Result<LiveTeam, TeamError> {
        let state = TeamState::read(root)?;
        Ok(LiveTeam { dir: TeamDir::new(root), state: Arc::new(RwLock::new(Arc::new(state))), frozen: false })
    }

    /// The team with its team file as it is now, not looked at again: one
    /// look for a whole scan of thousands of learners, not three each.
    pub fn snapshot(&self) -> LiveTeam {
        LiveTeam { dir: self.dir.clone(), state: Arc::new(RwLock::new(self.state())), frozen: true }
    }

    /// The team file as it is now: read again when its identity changed.
    /// A team file that became unreadable or invalid keeps its coaches and
    /// roster, but vouches for nothing until it is put right.
    pub fn state(&self) -> Arc<TeamState> {
        let current = self.state.read().map(|s| Arc::clone(&s)).unwrap_or_else(|e| Arc::clone(&e.into_inner()));
        if self.frozen {
            return current;
        }
        let now = store::fingerprint(&self.dir.team_file());
        if current.seen == now && now.is_some() {
            return current;
        }
        let fresh = match TeamState::read(&self.dir.root) {
            Ok(state) => state,
            Err(error) => TeamState {
                file: current.file.clone(),
                trusted: Err(Unverified::TeamFileInvalid { reason: team_error_words(&error) }),
                roster: current.roster.clone(),
                seen: now,
            },
        };
        let fresh = Arc::new(fresh);
        if let Ok(mut state) = self.state.write() {
            *state = Arc::clone(&fresh);
        }
        fresh
    }

    /// Every coach's record of `learner`, each with its trust. Only the
    /// files of coaches the team file lists are read, whatever else the
    /// directory holds. A file that cannot be used (a link, unreadable,
    /// broken, from a newer keiko) is not among them: `records_read` names it.
    pub fn records(&self, learner: &str) -> Vec<CoachRecord> {
        self.records_read(learner).0
    }

    /// `records`, and the records that could not be used at all, each with
    /// why: shown to the learner and the coaches, never dropped in silence.
    pub fn records_read(&self, learner: &str) -> (Vec<CoachRecord>, Vec<UnreadRecord>) {
        let state = self.state();
        self.records_among(&state, learner, coach_files(&self.dir, &state, learner))
    }

    fn records_among(
        &self,
        state: &TeamState,
        learner: &str,
        files: Vec<(String, PathBuf)>,
    ) -> (Vec<CoachRecord>, Vec<UnreadRecord>) {
        let now = crate::clock::unix_seconds(&crate::clock::now()).unwrap_or(i64::MAX);
        let mut unread = Vec::new();
        let mut records: Vec<CoachRecord> = files
            .into_iter()
            .filter_map(|(coach, path)| {
                let (file, record) = match read_record(&path) {
                    Ok(found) => found?,
                    Err(why) => {
                        unread.push(UnreadRecord { coach, why });
                        return None;
                    }
                };
                let trust = match &state.trusted {
                    Err(why) => Trust::Unverified(Box::new(why.clone())),
                    Ok(()) => match team_dir::verify_coach_file(
                        &state.file,
                        file,
                        &record,
                        &coach,
                        learner,
                        now,
                        identity::login_of,
                    ) {
                        Ok(()) => Trust::Verified,
                        Err(why) => Trust::Unverified(Box::new(why)),
                    },
                };
                Some(CoachRecord { coach, record, trust })
            })
            .collect();
        records.sort_by(|a, b| a.coach.cmp(&b.coach));
        unread.sort_by(|a, b| a.coach.cmp(&b.coach));
        (records, unread)
    }

    /// The learner's workbook as a reader opens it: never through a link,
    /// and only a file of the learner's own (the owner of their directory,
    /// which only they and root can write in).
    /// `None` when the learner has no directory yet (not started).
    fn learner_store(&self, learner: &str, framework: &Framework) -> Result<Option<Store>, StoreError> {
        let dir = self.dir.learner_dir(learner);
        let owner = match std::fs::symlink_metadata(&dir) {
            Ok(meta) => meta.uid(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                let cause = store::Cause::Os((&e).into());
                return Err(StoreError::Io { path: dir, op: store::Op::ReadWorkbook, cause });
            }
        };
        Ok(Some(Store::new(self.dir.workbook(learner), framework).owned_by(owner)))
    }

    /// The learner's workbook merged with every coach's record; `None` when
    /// the learner has not started and no coach wrote anything.
    pub fn merged(&self, learner: &str, framework: &Framework) -> Result<Option<Workbook>, StoreError> {
        let own = match self.learner_store(learner, framework)? {
            Some(store) => store.read()?,
            None => None,
        };
        Ok(self.merged_with(learner, framework, own, self.records_read(learner)))
    }

    /// As `merged`, with the learner's workbook read only as far as a
    /// coach's summary needs (`Store::read_for_summary`): a team of
    /// thousands is summarised at the cost of the part before each history.
    /// `listing`, when given, is the learner's files as `listing` found them
    /// (for the fingerprint): the records directory is then not listed again.
    pub fn merged_for_summary(
        &self,
        learner: &str,
        framework: &Framework,
        listing: Option<Listing>,
    ) -> Result<Option<Workbook>, StoreError> {
        let own = match self.learner_store(learner, framework)? {
            Some(store) => store.read_for_summary()?,
            None => None,
        };
        if let Some(listing) = listing {
            let records = self.records_among(&self.state(), learner, listing.files);
            return Ok(self.merged_with(learner, framework, own.map(|(workbook, _)| workbook), records));
        }
        Ok(self.merged_with(learner, framework, own.map(|(workbook, _)| workbook), self.records_read(learner)))
    }

    fn merged_with(
        &self,
        learner: &str,
        framework: &Framework,
        own: Option<Workbook>,
        (records, unread): (Vec<CoachRecord>, Vec<UnreadRecord>),
    ) -> Option<Workbook> {
        if own.is_none() && records.is_empty() && unread.is_empty() {
            return None;
        }
        let own = own.unwrap_or_else(|| Workbook::new(framework));
        let mut merged = team_dir::merge(own, &records);
        merged.unread_records = unread;
        Some(self.with_roster(learner, merged))
    }

    /// What the roster says of `login`, if it lists them.
    pub fn roster_entry(&self, login: &str) -> Option<RosterEntry> {
        self.state().roster_entry(login).cloned()
    }

    /// The workbook as the team shows it: the role the roster sets, and the
    /// roster's name (else the login) where the learner gave none.
    pub fn with_roster(&self, login: &str, mut workbook: Workbook) -> Workbook {
        let state = self.state();
        let entry = state.roster_entry(login);
        if let Some(role) = entry.and_then(|e| e.role.clone()) {
            workbook.profile.role = Some(role);
        }
        if workbook.profile.reading.trim().is_empty()
            && let Some(reading) = entry.map(|e| e.reading.clone()).filter(|r| !r.is_empty())
        {
            workbook.profile.reading = reading;
        }
        if workbook.profile.name.trim().is_empty() {
            workbook.profile.name = entry.map(|e| e.name.clone()).filter(|n| !n.is_empty()).unwrap_or(login.into());
        }
        workbook
    }

    /// One fingerprint for all a learner's files: changes when the
    /// workbook, any listed coach's record or the team file changes. `None`
    /// when the learner's directory is not there (not started).
    pub fn fingerprint(&self, learner: &str) -> Option<Fingerprint> {
        self.listing(learner).map(|listing| listing.fingerprint)
    }

    /// The learner's files and their fingerprint, found once for both the
    /// fingerprint and `merged_for_summary`.
    pub fn listing(&self, learner: &str) -> Option<Listing> {
        let dir = std::fs::symlink_metadata(self.dir.learner_dir(learner)).ok()?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let mut newest = (i64::MIN, 0);
        (dir.ino(), dir.uid(), dir.mode()).hash(&mut hasher);
        // The team file as read (looked at anew by `state`): what is shown follows it.
        let state = self.state();
        state.seen.hash(&mut hasher);
        let files = coach_files(&self.dir, &state, learner);
        let workbook = self.dir.workbook(learner);
        for path in [&workbook].into_iter().chain(files.iter().map(|(_, path)| path)) {
            let fingerprint = store::fingerprint(path);
            if let Some(f) = fingerprint {
                newest = newest.max(f.mtime());
            }
            fingerprint.hash(&mut hasher);
        }
        Some(Listing { fingerprint: Fingerprint::of_hash(hasher.finish(), newest), files })
    }
}

/// What a learner's files were when looked at: their fingerprint, and the
/// coaches' records to read.
pub struct Listing {
    pub fingerprint: Fingerprint,
    files: Vec<(String, PathBuf)>,
}

/// How many records of logins the team file does not list are read for a
/// learner: only coaches can create files in `verdicts/LOGIN`, but one of
/// them could create thousands; what a reader does stays bounded.
pub const MAX_UNLISTED_RECORDS: usize = 16;

/// How many entries of a learner's records directory a reader looks at, at
/// most: whatever a coach puts there, one learner costs a bounded listing.
pub const MAX_RECORD_ENTRIES: usize = 256;

/// The records of `learner` to read: where each listed coach's would be,
/// and (shown unverified: "not a coach") up to `MAX_UNLISTED_RECORDS` of
/// logins no longer listed, such as a coach taken out of the team file.
fn coach_files(dir: &TeamDir, state: &TeamState, learner: &str) -> Vec<(String, PathBuf)> {
    let coaches = state.file.coaches.iter().filter(|c| team_dir::is_plain_login(c));
    let mut files: Vec<(String, PathBuf)> =
        coaches.map(|coach| (coach.clone(), dir.coach_file(learner, coach))).collect();
    let mut others: Vec<String> = std::fs::read_dir(dir.verdict_dir(learner))
        .into_iter()
        .flatten()
        .take(MAX_RECORD_ENTRIES)
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name();
            let login = team_dir::coach_of_file_name(name.to_str()?)?;
            (!state.file.is_coach(login)).then(|| login.to_string())
        })
        .collect();
    others.sort();
    others.truncate(MAX_UNLISTED_RECORDS);
    files.extend(others.into_iter().map(|login| {
        let path = dir.coach_file(learner, &login);
        (login, path)
    }));
    files
}

/// A team file's fault, in words for the reason a verdict is unverified.
fn team_error_words(error: &TeamError) -> String {
    match error {
        TeamError::Unreadable { .. } => "unreadable".into(),
        TeamError::Invalid { reason, .. } => reason.clone(),
        TeamError::Layout { found, .. } => format!("layout {found}"),
        TeamError::NotInTeam { .. } => String::new(),
    }
}

/// Reads a coach's file without following a link, with the owner and mode
/// of the very file read; `None` when there is none (the coach wrote
/// nothing), and why when it cannot be used.
fn read_record(path: &Path) -> Result<Option<(Ownership, Workbook)>, Unreadable> {
    let file: File = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(Unreadable::NotAFile),
        Err(e) => return Err(Unreadable::Os((&e).into())),
    };
    let ownership = Ownership::of(&file.metadata().map_err(|e| Unreadable::Os((&e).into()))?);
    let bytes = read_opened(&file, store::MAX_WORKBOOK_BYTES).map_err(|e| match e {
        ReadFileError::Os(e) => Unreadable::Os(e),
        ReadFileError::NotAFile => Unreadable::NotAFile,
        ReadFileError::TooLarge(size) => Unreadable::TooLarge { size },
    })?;
    let text = String::from_utf8(bytes).map_err(|_| Unreadable::NotUtf8)?;
    let record = store::parse(&text, path).map_err(|e| match e {
        StoreError::NewerSchema { found, by, .. } => Unreadable::NewerSchema { found, by },
        StoreError::Corrupt { line, col, what: store::Corruption::Toml(words), .. } => {
            Unreadable::Broken { line, col, words }
        }
        StoreError::Corrupt { line, col, what: store::Corruption::UnknownSchema(n), .. } => {
            Unreadable::Broken { line, col, words: format!("unknown workbook format version {n}") }
        }
        other => Unreadable::Broken { line: 1, col: 1, words: format!("{other:?}") },
    })?;
    Ok(Some((ownership, record)))
}

fn effective_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Who writes through a `TeamStore`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Writer {
    Learner,
    Coach(String),
}

/// A learner's workbook in a team, for the learner or for one coach.
pub struct TeamStore {
    team: LiveTeam,
    learner: String,
    writer: Writer,
    /// The learner's workbook.
    workbook: Store,
    /// The file this account writes: the workbook, or the coach's file.
    own: Store,
    framework: Framework,
}

impl TeamStore {
    /// The learner `login`'s own workbook: refused when the team has no
    /// directory for them.
    pub fn for_learner(team: LiveTeam, login: &str, framework: &Framework) -> Result<TeamStore, TeamError> {
        if !team_dir::is_plain_login(login) || !team.dir.learner_dir(login).is_dir() {
            return Err(TeamError::NotInTeam { team: team.dir.root.clone(), login: login.to_string() });
        }
        let modes = Modes { file: modes::WORKBOOK, lock: modes::LOCK };
        // The lock beside the workbook: the learner's directory is theirs alone to write in.
        let store = || Store::new(team.dir.workbook(login), framework).with_modes(modes).owned_by(effective_uid());
        Ok(TeamStore {
            own: store().with_lock_at(team.dir.learner_dir(login).join(format!("{}.lock", team_dir::WORKBOOK_FILE))),
            workbook: store(),
            learner: login.to_string(),
            writer: Writer::Learner,
            framework: framework.clone(),
            team,
        })
    }

    /// Coach `coach`'s view of learner `learner`: writes go to the coach's own file.
    pub fn for_coach(team: LiveTeam, learner: &str, coach: &str, framework: &Framework) -> TeamStore {
        let modes = Modes { file: modes::COACH_FILE, lock: modes::LOCK };
        let own = Store::new(team.dir.coach_file(learner, coach), framework)
            .with_modes(modes)
            .with_lock_at(team.dir.coach_lock(learner, coach))
            .owned_by(effective_uid());
        // A learner not started yet has no directory: their workbook is then no one's.
        let workbook = team
            .learner_store(learner, framework)
            .ok()
            .flatten()
            .unwrap_or_else(|| Store::new(team.dir.workbook(learner), framework).owned_by(u32::MAX));
        TeamStore {
            own,
            workbook,
            learner: learner.to_string(),
            writer: Writer::Coach(coach.to_string()),
            framework: framework.clone(),
            team,
        }
    }

    pub fn learner(&self) -> &str {
        &self.learner
    }

    /// The directory whose files make up what this store shows.
    pub fn learner_dir(&self) -> PathBuf {
        self.team.dir.learner_dir(&self.learner)
    }

    pub fn team(&self) -> &LiveTeam {
        &self.team
    }

    /// Whether the coach's keiko may build on its record as read: only a
    /// record its readers would verify (a new, empty one aside). Anything
    /// else (renamed back, edited by hand, dated ahead) is never carried
    /// forward: the change is refused, naming why.
    fn buildable(&self, meta: &std::fs::Metadata, record: &Workbook) -> Result<(), StoreError> {
        let Writer::Coach(coach) = &self.writer else { return Ok(()) };
        if record.history.is_empty() && record.competencies.is_empty() && record.learner.is_empty() {
            return Ok(());
        }
        let now = crate::clock::unix_seconds(&crate::clock::now()).unwrap_or(i64::MAX);
        let file = Ownership::of(meta);
        team_dir::verify_coach_file(
            &self.team.state().file,
            file,
            record,
            coach,
            &self.learner,
            now,
            identity::login_of,
        )
        .map_err(|why| StoreError::NotYours { path: self.own.path().to_path_buf(), why: Box::new(why) })
    }

    fn merged_with(&self, own: Workbook) -> Workbook {
        let (records, unread) = self.team.records_read(&self.learner);
        let mut merged = team_dir::merge(own, &records);
        merged.unread_records = unread;
        self.team.with_roster(&self.learner, merged)
    }
}

impl Storage for TeamStore {
    fn path(&self) -> &Path {
        self.workbook.path()
    }

    /// Never `None`: a learner who has not started is still on the roster.
    fn read(&self) -> Result<Option<Workbook>, StoreError> {
        let merged = self.team.merged(&self.learner, &self.framework)?;
        Ok(Some(merged.unwrap_or_else(|| self.team.with_roster(&self.learner, Workbook::new(&self.framework)))))
    }

    fn check_writable(&self) -> Result<(), StoreError> {
        self.own.check_writable()
    }

    fn update_with(&self, edit: &mut dyn FnMut(&mut Workbook)) -> Result<(Workbook, Option<Fingerprint>), StoreError> {
        match &self.writer {
            Writer::Learner => {
                let (own, ()) = self.own.update(|wb| edit(wb))?;
                Ok((self.merged_with(own), self.fingerprint()))
            }
            Writer::Coach(_) => {
                // The coach's verdict records which statements were checked
                // (to notice later unchecking): it is made on the learner's
                // checks, and only the verdicts are kept in the coach's file.
                let learner = self.workbook.read()?.unwrap_or_else(|| Workbook::new(&self.framework));
                self.own.update_guarded(&|meta, record| self.buildable(meta, record), |record| {
                    record.statements = learner.statements.clone();
                    edit(record);
                    record.statements.clear();
                    record.learner = self.learner.clone();
                })?;
                Ok((self.merged_with(learner), self.fingerprint()))
            }
        }
    }

    fn fingerprint(&self) -> Option<Fingerprint> {
        self.team.fingerprint(&self.learner)
    }

    fn take_warning(&self) -> Option<StoreError> {
        self.own.take_warning()
    }
}
