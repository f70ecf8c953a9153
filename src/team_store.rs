//! A learner's workbook in a team, as one of its writers sees it: the
//! learner, who writes `workbook.toml`, or a coach, who writes only
//! `coach-LOGIN.toml` beside it. Either sees the learner's evidence with
//! every coach's verdicts merged in (`team_dir::merge`), each verdict with
//! the trust the kernel's file ownership gives it.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::hash::{Hash, Hasher};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::files::{ReadFileError, read_opened, read_regular_file};
use crate::framework::Framework;
use crate::identity;
use crate::store::{self, Fingerprint, Modes, Storage, Store, StoreError};
use crate::team_dir::{self, CoachRecord, Ownership, RosterEntry, TeamDir, TeamFile, modes};
use crate::workbook::{Trust, Unverified, Workbook};

/// Why a team cannot be used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamError {
    /// The team file cannot be read (missing, permissions, not a file).
    Unreadable { path: PathBuf, error: ReadFileError },
    /// The team file is not valid: the parser's words.
    Invalid { path: PathBuf, reason: String },
    /// The user has no place in the team (`keiko team add` was not run).
    NotInTeam { team: PathBuf, login: String },
}

/// A team directory and its team file, with whether the file can be trusted.
#[derive(Debug, Clone)]
pub struct Team {
    pub dir: TeamDir,
    pub file: TeamFile,
    /// `Err` when the team file itself fails the rule: no sign-off counts.
    pub trusted: Result<(), Unverified>,
    /// Where each login is on the roster (`file.learners`): a center's roster holds thousands.
    roster: HashMap<String, usize>,
}

impl Team {
    pub fn open(root: &Path) -> Result<Team, TeamError> {
        let dir = TeamDir::new(root);
        let path = dir.team_file();
        let bytes = read_regular_file(&path, store::MAX_WORKBOOK_BYTES)
            .map_err(|error| TeamError::Unreadable { path: path.clone(), error })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| TeamError::Invalid { path: path.clone(), reason: "not UTF-8".into() })?;
        let file = TeamFile::parse(&text).map_err(|reason| TeamError::Invalid { path: path.clone(), reason })?;
        let trusted = match (Ownership::read(&path), Ownership::read(root)) {
            (Ok(team_file), Ok(root)) => team_dir::check_team_file(team_file, root.uid, identity::login_of),
            _ => Err(Unverified::TeamFileWritable),
        };
        // The first entry of a login stands, as a search from the top would find.
        let mut roster = HashMap::new();
        for (i, entry) in file.learners.iter().enumerate().rev() {
            roster.insert(entry.login.clone(), i);
        }
        Ok(Team { dir, file, trusted, roster })
    }

    /// Every coach's record of `learner`, each with its trust. A file that
    /// cannot be read safely (a link, unreadable, broken) is left out:
    /// `keiko team check` names it.
    pub fn records(&self, learner: &str) -> Vec<CoachRecord> {
        self.records_among(learner, &self.files_of(learner).unwrap_or_default())
    }

    /// The `*.toml` files in the learner's directory, sorted; `None` when it
    /// cannot be listed. One listing serves the fingerprint and the records.
    fn files_of(&self, learner: &str) -> Option<Vec<PathBuf>> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.learner_dir(learner))
            .ok()?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        Some(files)
    }

    fn records_among(&self, learner: &str, files: &[PathBuf]) -> Vec<CoachRecord> {
        let mut records: Vec<CoachRecord> = files
            .iter()
            .filter_map(|path| {
                let coach = team_dir::coach_of_file_name(path.file_name()?.to_str()?)?.to_string();
                let (file, record) = read_record(path)?;
                let trust = match &self.trusted {
                    Err(why) => Trust::Unverified(Box::new(why.clone())),
                    Ok(()) => match team_dir::verify_coach_file(
                        &self.file,
                        file,
                        &record,
                        &coach,
                        learner,
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
        records
    }

    /// The learner's workbook merged with every coach's record; `None` when
    /// the learner has not started and no coach wrote anything.
    pub fn merged(&self, learner: &str, framework: &Framework) -> Result<Option<Workbook>, StoreError> {
        let own = Store::new(self.dir.workbook(learner), framework).read()?;
        Ok(self.merged_with(learner, framework, own, self.records(learner)))
    }

    /// As `merged`, with the learner's workbook read only as far as a
    /// coach's summary needs (`Store::read_for_summary`), and the coaches'
    /// files as `listing` found them: a team of thousands is summarised at
    /// the cost of the part before each history.
    pub fn merged_for_summary(
        &self,
        learner: &str,
        framework: &Framework,
        listing: Option<&Listing>,
    ) -> Result<Option<Workbook>, StoreError> {
        let own = Store::new(self.dir.workbook(learner), framework).read_for_summary()?;
        let records = self.records_among(learner, listing.map_or(&[], |l| &l.files));
        Ok(self.merged_with(learner, framework, own.map(|(workbook, _)| workbook), records))
    }

    fn merged_with(
        &self,
        learner: &str,
        framework: &Framework,
        own: Option<Workbook>,
        records: Vec<CoachRecord>,
    ) -> Option<Workbook> {
        if own.is_none() && records.is_empty() {
            return None;
        }
        let own = own.unwrap_or_else(|| Workbook::new(framework));
        Some(self.with_roster(learner, team_dir::merge(own, &records)))
    }

    /// What the roster says of `login`, if it lists them.
    pub fn roster_entry(&self, login: &str) -> Option<&RosterEntry> {
        self.roster.get(login).map(|&i| &self.file.learners[i])
    }

    /// The workbook as the team shows it: the role the roster sets, and the
    /// roster's name (else the login) where the learner gave none.
    pub fn with_roster(&self, login: &str, mut workbook: Workbook) -> Workbook {
        let entry = self.roster_entry(login);
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

    /// One fingerprint for the learner's directory: changes when the
    /// workbook, any coach's file or the team file changes.
    pub fn fingerprint(&self, learner: &str) -> Option<Fingerprint> {
        self.listing(learner).map(|listing| listing.fingerprint)
    }

    /// The learner's directory, listed once for both its fingerprint and
    /// `merged_for_summary`; `None` when it cannot be listed (not started).
    pub fn listing(&self, learner: &str) -> Option<Listing> {
        let files = self.files_of(learner)?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let mut newest = (i64::MIN, 0);
        let team_file = self.dir.team_file();
        let mut names: Vec<&Path> = files.iter().map(PathBuf::as_path).chain([team_file.as_path()]).collect();
        names.sort();
        for path in names {
            path.hash(&mut hasher);
            let fingerprint = store::fingerprint(path);
            if let Some(f) = fingerprint {
                newest = newest.max(f.mtime());
            }
            fingerprint.hash(&mut hasher);
        }
        Some(Listing { fingerprint: Fingerprint::of_hash(hasher.finish(), newest), files })
    }
}

/// What a learner's directory held when listed.
pub struct Listing {
    pub fingerprint: Fingerprint,
    /// Its `*.toml` files, sorted.
    files: Vec<PathBuf>,
}

/// Reads a coach's file without following a link, with the owner and mode
/// of the very file read.
fn read_record(path: &Path) -> Option<(Ownership, Workbook)> {
    let file: File = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
        .open(path)
        .ok()?;
    let ownership = Ownership::of(&file.metadata().ok()?);
    let text = String::from_utf8(read_opened(&file, store::MAX_WORKBOOK_BYTES).ok()?).ok()?;
    Some((ownership, store::parse(&text, path).ok()?))
}

/// Who writes through a `TeamStore`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Writer {
    Learner,
    Coach(String),
}

/// A learner's workbook in a team, for the learner or for one coach.
pub struct TeamStore {
    team: Team,
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
    pub fn for_learner(team: Team, login: &str, framework: &Framework) -> Result<TeamStore, TeamError> {
        if !team_dir::is_plain_login(login) || !team.dir.learner_dir(login).is_dir() {
            return Err(TeamError::NotInTeam { team: team.dir.root.clone(), login: login.to_string() });
        }
        let modes = Modes { file: modes::WORKBOOK, lock: modes::LOCK };
        let store = || Store::new(team.dir.workbook(login), framework).with_modes(modes);
        Ok(TeamStore {
            own: store(),
            workbook: store(),
            learner: login.to_string(),
            writer: Writer::Learner,
            framework: framework.clone(),
            team,
        })
    }

    /// Coach `coach`'s view of learner `learner`: writes go to the coach's own file.
    pub fn for_coach(team: Team, learner: &str, coach: &str, framework: &Framework) -> TeamStore {
        let modes = Modes { file: modes::COACH_FILE, lock: modes::LOCK };
        TeamStore {
            own: Store::new(team.dir.coach_file(learner, coach), framework).with_modes(modes),
            workbook: Store::new(team.dir.workbook(learner), framework),
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

    pub fn team(&self) -> &Team {
        &self.team
    }

    fn merged_with(&self, own: Workbook) -> Workbook {
        self.team.with_roster(&self.learner, team_dir::merge(own, &self.team.records(&self.learner)))
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
                self.own.update(|record| {
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
