//! Team mode: the team directory's layout, its team file (coaches and
//! roster), the rule that decides whether a coach's record is that coach's,
//! and the merge of a learner's workbook with every coach's record of it.
//!
//! ```text
//! TEAM/                      root:GROUP 0751   learners pass through, coaches list
//!   team.toml                root:root 0644    layout, coaches, roster
//!   learners/                root:GROUP 0751
//!     LOGIN/                 LOGIN:GROUP 2750  only the learner writes; coaches read
//!       workbook.toml        LOGIN 0640        checks, notes, reflections, requests
//!       workbook.toml.lock   LOGIN 0600        the learner's lock
//!   verdicts/                root:GROUP 0751
//!     LOGIN/                 root:GROUP 3770   + ACL: LOGIN may read, not write
//!       COACH.toml           COACH 0640        COACH's sign-offs, returns, comments
//!   locks/                   root:GROUP 0751
//!     COACH/                 COACH:GROUP 0700  COACH's locks
//!   quarantine/              root:root 0700    what `team check --fix` took out
//! ```
//! The kernel is the trust boundary: each file has one writer, its owner,
//! and what someone must not change never lives in a directory they can
//! write (a directory's owner can always rename and unlink in it).

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::workbook::{Trust, Unverified, VerdictKind, Workbook};

pub const TEAM_FILE: &str = "team.toml";
pub const WORKBOOK_FILE: &str = "workbook.toml";
/// The layout `team.toml` names (`layout = 2`): the one above. A team file
/// without it is of the first layout, where coaches' files lived in the
/// learner's own directory; keiko refuses it until `keiko team migrate`.
pub const LAYOUT: u32 = 2;
pub const LEARNERS: &str = "learners";
pub const VERDICTS: &str = "verdicts";
pub const LOCKS: &str = "locks";
pub const QUARANTINE: &str = "quarantine";
/// The group of a team's coaches in a team file that names none (the first
/// teams); `team init` gives each new team its own (`group_for`).
pub const DEFAULT_GROUP: &str = "keiko-coaches";

/// A new team's own group: `keiko-` and the team directory's name (so a
/// coach of one team on a host cannot read another team's learners).
pub fn group_for(dir: &Path) -> String {
    let name: String = dir
        .file_name()
        .map(|n| n.to_string_lossy().chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-')).collect())
        .unwrap_or_default();
    // groupadd takes at most 32 characters.
    let group = format!("keiko-{}", name.trim_start_matches('-'));
    let group: String = group.chars().take(32).collect();
    if group == "keiko-" { DEFAULT_GROUP.to_string() } else { group }
}

/// The modes team mode gives what it makes; `team check` expects them.
pub mod modes {
    pub const TEAM_DIR: u32 = 0o751;
    pub const TEAM_FILE: u32 = 0o644;
    /// `learners/`, `verdicts/`, `locks/`: passed through, listed by the group.
    pub const TREE: u32 = 0o751;
    /// The learner's alone to write; setgid keeps new files in the coaches' group.
    pub const LEARNER_DIR: u32 = 0o2750;
    pub const WORKBOOK: u32 = 0o640;
    /// Root's: every coach creates their own file; sticky stops one coach
    /// from replacing another's; setgid keeps each file in the group.
    pub const VERDICT_DIR: u32 = 0o3770;
    pub const COACH_FILE: u32 = 0o640;
    /// A coach's own locks: nobody else can open, so nobody else can hold, one.
    pub const LOCK_DIR: u32 = 0o700;
    pub const LOCK: u32 = 0o600;
    pub const QUARANTINE: u32 = 0o700;
}

/// `team.toml`: who coaches, and who learns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamFile {
    /// The layout of the team directory (`LAYOUT`); 1 when not given.
    #[serde(default = "first_layout")]
    pub layout: u32,
    /// The team's name, shown in the coach's title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The group the coaches are in; learners' directories belong to it.
    #[serde(default = "default_group")]
    pub group: String,
    /// Logins whose sign-offs count.
    #[serde(default)]
    pub coaches: Vec<String>,
    #[serde(default, rename = "learner", skip_serializing_if = "Vec::is_empty")]
    pub learners: Vec<RosterEntry>,
}

fn first_layout() -> u32 {
    1
}

impl Default for TeamFile {
    fn default() -> TeamFile {
        TeamFile {
            layout: LAYOUT,
            name: String::new(),
            group: default_group(),
            coaches: Vec::new(),
            learners: Vec::new(),
        }
    }
}

fn default_group() -> String {
    DEFAULT_GROUP.to_string()
}

/// One learner on the roster. The team sets the role when it gives one;
/// the learner cannot change it then.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterEntry {
    pub login: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The name's reading (furigana), for sorting.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reading: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl TeamFile {
    pub fn parse(text: &str) -> Result<TeamFile, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a team file always serializes")
    }

    pub fn is_coach(&self, login: &str) -> bool {
        self.coaches.iter().any(|c| c == login)
    }

    pub fn learner(&self, login: &str) -> Option<&RosterEntry> {
        self.learners.iter().find(|l| l.login == login)
    }
}

/// Where the system-wide config is: `KEIKO_SYSTEM_CONFIG` (for tests and
/// packagers), else `/etc/keiko/config.toml`.
pub fn system_config_path(env: impl Fn(&str) -> Option<String>) -> PathBuf {
    env("KEIKO_SYSTEM_CONFIG").filter(|p| !p.is_empty()).map_or_else(|| PathBuf::from(SYSTEM_CONFIG), PathBuf::from)
}

pub const SYSTEM_CONFIG: &str = "/etc/keiko/config.toml";

/// The system-wide config: which team directory this host's users are in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<PathBuf>,
}

impl SystemConfig {
    pub fn parse(text: &str) -> Result<SystemConfig, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a system config always serializes")
    }
}

/// Paths in a team directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamDir {
    pub root: PathBuf,
}

impl TeamDir {
    pub fn new(root: impl Into<PathBuf>) -> TeamDir {
        TeamDir { root: root.into() }
    }

    pub fn team_file(&self) -> PathBuf {
        self.root.join(TEAM_FILE)
    }

    pub fn learners(&self) -> PathBuf {
        self.root.join(LEARNERS)
    }

    pub fn learner_dir(&self, login: &str) -> PathBuf {
        self.learners().join(login)
    }

    pub fn workbook(&self, login: &str) -> PathBuf {
        self.learner_dir(login).join(WORKBOOK_FILE)
    }

    pub fn verdicts(&self) -> PathBuf {
        self.root.join(VERDICTS)
    }

    /// Where the coaches' records of `learner` are.
    pub fn verdict_dir(&self, learner: &str) -> PathBuf {
        self.verdicts().join(learner)
    }

    pub fn coach_file(&self, learner: &str, coach: &str) -> PathBuf {
        self.verdict_dir(learner).join(coach_file_name(coach))
    }

    pub fn locks(&self) -> PathBuf {
        self.root.join(LOCKS)
    }

    pub fn lock_dir(&self, coach: &str) -> PathBuf {
        self.locks().join(coach)
    }

    /// The lock a coach's keiko takes to write their record of `learner`.
    pub fn coach_lock(&self, learner: &str, coach: &str) -> PathBuf {
        self.lock_dir(coach).join(format!("{learner}.lock"))
    }

    pub fn quarantine(&self) -> PathBuf {
        self.root.join(QUARANTINE)
    }

    /// A learner's directory in the first layout (`TEAM/LOGIN`).
    pub fn first_layout_dir(&self, login: &str) -> PathBuf {
        self.root.join(login)
    }
}

pub fn coach_file_name(coach: &str) -> String {
    format!("{coach}.toml")
}

/// The coach a record's file name is for: `LOGIN.toml` → `LOGIN`.
pub fn coach_of_file_name(name: &str) -> Option<&str> {
    name.strip_suffix(".toml").filter(|login| is_plain_login(login))
}

/// The coach a first-layout file name is for: `coach-LOGIN.toml` → `LOGIN`.
pub fn coach_of_first_layout_name(name: &str) -> Option<&str> {
    name.strip_prefix("coach-")?.strip_suffix(".toml").filter(|login| !login.is_empty())
}

/// Whether `login` can name a directory in the team: no path tricks.
pub fn is_plain_login(login: &str) -> bool {
    !login.is_empty()
        && !login.starts_with(['.', '-'])
        && login.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// What the kernel says of a file: its owner and mode, as `lstat` sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ownership {
    pub uid: u32,
    /// Permission bits (`0o7777`).
    pub mode: u32,
    /// A regular file, not a symbolic link or anything else.
    pub regular: bool,
    /// When the inode last changed (written, renamed, chmod): seconds.
    pub changed: i64,
    /// How many names the file has: a record has exactly one.
    pub links: u64,
}

impl Ownership {
    pub fn of(meta: &std::fs::Metadata) -> Ownership {
        Ownership {
            uid: meta.uid(),
            mode: meta.mode() & 0o7777,
            regular: meta.file_type().is_file(),
            changed: meta.ctime(),
            links: meta.nlink(),
        }
    }

    /// `lstat` of `path`: a symbolic link is seen as one, never followed.
    pub fn read(path: &Path) -> std::io::Result<Ownership> {
        std::fs::symlink_metadata(path).map(|m| Ownership::of(&m))
    }

    fn writable_by_others(&self) -> bool {
        self.mode & 0o022 != 0
    }
}

/// Whether the team file can be trusted: owned by root or the team
/// directory's owner, and writable by its owner alone (as sshd's
/// StrictModes asks of `authorized_keys`).
pub fn check_team_file(
    team_file: Ownership,
    team_dir_owner: u32,
    login_of: impl Fn(u32) -> Option<String>,
) -> Result<(), Unverified> {
    if team_file.uid != 0 && team_file.uid != team_dir_owner {
        return Err(Unverified::TeamFileOwner { owner: owner_name(team_file.uid, &login_of) });
    }
    if team_file.writable_by_others() || !team_file.regular {
        return Err(Unverified::TeamFileWritable);
    }
    Ok(())
}

/// How far ahead of this host's clock a time may be (another host's clock,
/// a leap): anything later was not written now, and is refused.
pub const CLOCK_SKEW_SECONDS: i64 = 300;

/// The rule for a coach's file: its owner is the login its name gives,
/// that login is a coach in the (trusted) team file, only the owner can
/// write it, it has one name, it is for the learner whose record it is, and
/// no time in it is later than `now` (beyond the skew). Where it lives
/// (`verdicts/LOGIN`, root's and sticky) no one but its owner can rename,
/// replace or remove it.
pub fn verify_coach_file(
    team: &TeamFile,
    file: Ownership,
    record: &Workbook,
    named_coach: &str,
    learner: &str,
    now: i64,
    login_of: impl Fn(u32) -> Option<String>,
) -> Result<(), Unverified> {
    let written_for = record.learner.as_str();
    if !file.regular {
        return Err(Unverified::NotARegularFile);
    }
    let owner = owner_name(file.uid, &login_of);
    if owner != named_coach {
        return Err(Unverified::OwnerIsNotNamed { owner, named: named_coach.to_string() });
    }
    if file.writable_by_others() {
        return Err(Unverified::FileWritable);
    }
    if file.links != 1 {
        return Err(Unverified::Linked { links: file.links });
    }
    if !team.is_coach(named_coach) {
        return Err(Unverified::NotACoach { login: named_coach.to_string() });
    }
    if written_for != learner {
        return Err(Unverified::ForAnotherLearner { named: written_for.to_string() });
    }
    if named_coach == learner {
        return Err(Unverified::OwnLevels);
    }
    if newest_time(record).is_some_and(|newest| newest > now + CLOCK_SKEW_SECONDS) {
        return Err(Unverified::FromTheFuture);
    }
    Ok(())
}

/// The latest time anywhere in a coach's record: its history, verdicts and
/// comments (a verdict dated later than its entry would otherwise win).
pub fn newest_time(record: &Workbook) -> Option<i64> {
    let seconds = |t: &crate::clock::Time| crate::clock::unix_seconds(t);
    let history = record.history.iter().filter_map(|h| seconds(&h.at));
    let verdicts = record.competencies.values().flat_map(|c| {
        let levels = c.levels.values().flat_map(|l| [&l.signoff, &l.returned]).flatten().map(|v| &v.at);
        levels.chain(c.comments.iter().map(|c| &c.at)).filter_map(seconds).collect::<Vec<_>>()
    });
    history.chain(verdicts).max()
}

fn owner_name(uid: u32, login_of: &impl Fn(u32) -> Option<String>) -> String {
    login_of(uid).unwrap_or_else(|| format!("uid {uid}"))
}

/// One coach's record of a learner, read from `coach-LOGIN.toml`, with the
/// verdict of the rule on it.
#[derive(Debug, Clone)]
pub struct CoachRecord {
    pub coach: String,
    pub record: Workbook,
    pub trust: Trust,
}

/// The learner's workbook as the team sees it: the learner's own evidence
/// and requests, with every coach's sign-offs, returns and comments beside
/// them. Of the trusted verdicts on a level the latest stands; a review
/// request is answered by a verdict made after it. Verdicts nobody vouches
/// for (in the learner's own file, or in a file that fails the rule) are
/// kept apart, to be shown with their reason and never counted.
pub fn merge(learner: Workbook, records: &[CoachRecord]) -> Workbook {
    let mut merged = learner;
    for competency in merged.competencies.values_mut() {
        for level in competency.levels.values_mut() {
            let hand_written =
                [(VerdictKind::SignOff, level.signoff.take()), (VerdictKind::Return, level.returned.take())];
            for (kind, verdict) in hand_written {
                if let Some(mut verdict) = verdict {
                    verdict.trust = Trust::Unverified(Box::new(Unverified::InLearnersFile));
                    level.unverified.push((kind, verdict));
                }
            }
        }
        for comment in &mut competency.comments {
            comment.trust = Trust::Unverified(Box::new(Unverified::InLearnersFile));
        }
    }
    let mut latest: BTreeMap<(String, String), (VerdictKind, crate::model::workbook::Verdict)> = BTreeMap::new();
    for record in records {
        for (id, theirs) in &record.record.competencies {
            let ours = merged.competencies.entry(id.clone()).or_default();
            for comment in &theirs.comments {
                let mut comment = comment.clone();
                comment.login = record.coach.clone();
                comment.trust = record.trust.clone();
                ours.comments.push(comment);
            }
            for (level, state) in &theirs.levels {
                let verdicts = [(VerdictKind::SignOff, &state.signoff), (VerdictKind::Return, &state.returned)];
                for (kind, verdict) in verdicts {
                    let Some(verdict) = verdict else { continue };
                    let mut verdict = verdict.clone();
                    verdict.login = record.coach.clone();
                    verdict.trust = record.trust.clone();
                    if verdict.trust.counts() {
                        let key = (id.clone(), level.clone());
                        if latest.get(&key).is_none_or(|(_, v)| v.at < verdict.at) {
                            latest.insert(key, (kind, verdict));
                        }
                    } else {
                        ours.levels.entry(level.clone()).or_default().unverified.push((kind, verdict));
                    }
                }
            }
        }
        merged.history.extend(record.record.history.iter().cloned());
    }
    for ((id, level), (kind, verdict)) in latest {
        let state = merged.competencies.entry(id).or_default().levels.entry(level).or_default();
        if state.review_requested.as_ref().is_some_and(|r| r.at <= verdict.at) {
            state.review_requested = None;
        }
        match kind {
            VerdictKind::SignOff => state.signoff = Some(verdict),
            VerdictKind::Return => state.returned = Some(verdict),
        }
    }
    for competency in merged.competencies.values_mut() {
        competency.comments.sort_by_key(|c| c.at);
    }
    merged.history.sort_by_key(|h| h.at);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::time_from_unix;
    use crate::model::framework::Framework;
    use crate::model::workbook::{Change, Stamp};

    const ROOT: u32 = 0;
    const COACH: u32 = 1001;
    const LEARNER: u32 = 1002;

    fn login_of(uid: u32) -> Option<String> {
        match uid {
            ROOT => Some("root".into()),
            COACH => Some("tanaka".into()),
            LEARNER => Some("op-a".into()),
            _ => None,
        }
    }

    fn team() -> TeamFile {
        TeamFile { coaches: vec!["tanaka".into()], ..TeamFile::default() }
    }

    /// When the coach's last entry was made, and the file written.
    const WRITTEN: i64 = 1_796_000_000;

    fn file(uid: u32, mode: u32) -> Ownership {
        Ownership { uid, mode, regular: true, changed: WRITTEN + 1, links: 1 }
    }

    /// A coach's record for `written_for`, last written at `WRITTEN`.
    fn written(written_for: &str) -> Workbook {
        let mut record = Workbook::new(&Framework::bundled());
        record.learner = written_for.into();
        let change = Change::sign_off(&Framework::bundled(), "SM-5", 1, "");
        record.apply(&change, &Stamp::of("tanaka", "田中", time_from_unix(WRITTEN)), false);
        record
    }

    fn verify(file: Ownership, named: &str, written_for: &str) -> Result<(), Unverified> {
        verify_coach_file(&team(), file, &written(written_for), named, "op-a", WRITTEN + 2, login_of)
    }

    #[test]
    fn a_coachs_own_file_for_this_learner_is_verified() {
        assert_eq!(verify(file(COACH, 0o644), "tanaka", "op-a"), Ok(()));
        assert_eq!(verify(file(COACH, 0o600), "tanaka", "op-a"), Ok(()));
    }

    #[test]
    fn a_file_owned_by_anyone_but_the_named_coach_is_not() {
        let learners_copy = verify(file(LEARNER, 0o644), "tanaka", "op-a");
        assert_eq!(learners_copy, Err(Unverified::OwnerIsNotNamed { owner: "op-a".into(), named: "tanaka".into() }));
        let unknown = verify(file(4242, 0o644), "tanaka", "op-a");
        assert_eq!(unknown, Err(Unverified::OwnerIsNotNamed { owner: "uid 4242".into(), named: "tanaka".into() }));
    }

    #[test]
    fn a_file_others_can_write_is_not() {
        assert_eq!(verify(file(COACH, 0o664), "tanaka", "op-a"), Err(Unverified::FileWritable));
        assert_eq!(verify(file(COACH, 0o646), "tanaka", "op-a"), Err(Unverified::FileWritable));
    }

    #[test]
    fn a_link_is_not() {
        let link = Ownership { regular: false, ..file(COACH, 0o777) };
        assert_eq!(verify(link, "tanaka", "op-a"), Err(Unverified::NotARegularFile));
    }

    #[test]
    fn a_login_not_listed_as_coach_is_not() {
        let listed = TeamFile { coaches: vec!["aoki".into()], ..TeamFile::default() };
        let result =
            verify_coach_file(&listed, file(COACH, 0o644), &written("op-a"), "tanaka", "op-a", WRITTEN, login_of);
        assert_eq!(result, Err(Unverified::NotACoach { login: "tanaka".into() }));
    }

    #[test]
    fn a_file_copied_from_another_learner_is_not() {
        assert_eq!(
            verify(file(COACH, 0o644), "tanaka", "op-b"),
            Err(Unverified::ForAnotherLearner { named: "op-b".into() })
        );
    }

    #[test]
    fn a_coach_who_is_also_the_learner_vouches_for_nothing_of_their_own() {
        let mut own = written("tanaka");
        own.learner = "tanaka".into();
        let result = verify_coach_file(&team(), file(COACH, 0o640), &own, "tanaka", "tanaka", WRITTEN, login_of);
        assert_eq!(result, Err(Unverified::OwnLevels));
    }

    #[test]
    fn a_file_with_a_second_name_is_not() {
        let linked = Ownership { links: 2, ..file(COACH, 0o640) };
        assert_eq!(verify(linked, "tanaka", "op-a"), Err(Unverified::Linked { links: 2 }));
    }

    #[test]
    fn times_from_the_future_are_refused() {
        // Written "in 2099": its ctime could never be a minute after its newest entry.
        let now = WRITTEN - 3600;
        let result = verify_coach_file(&team(), file(COACH, 0o640), &written("op-a"), "tanaka", "op-a", now, login_of);
        assert_eq!(result, Err(Unverified::FromTheFuture));
        // A few minutes of another clock's skew is not.
        let now = WRITTEN - CLOCK_SKEW_SECONDS;
        let result = verify_coach_file(&team(), file(COACH, 0o640), &written("op-a"), "tanaka", "op-a", now, login_of);
        assert_eq!(result, Ok(()));
        // A verdict dated later than its history entry counts as its time.
        let mut record = written("op-a");
        record.competencies.get_mut("SM-5").unwrap().levels.get_mut("1").unwrap().signoff.as_mut().unwrap().at =
            time_from_unix(WRITTEN + 86_400 * 365);
        let result = verify_coach_file(&team(), file(COACH, 0o640), &record, "tanaka", "op-a", WRITTEN, login_of);
        assert_eq!(result, Err(Unverified::FromTheFuture));
    }

    #[test]
    fn the_team_file_must_be_roots_or_the_directory_owners_and_not_writable_by_others() {
        assert_eq!(check_team_file(file(ROOT, 0o644), ROOT, login_of), Ok(()));
        assert_eq!(check_team_file(file(COACH, 0o644), COACH, login_of), Ok(()));
        assert_eq!(
            check_team_file(file(LEARNER, 0o644), ROOT, login_of),
            Err(Unverified::TeamFileOwner { owner: "op-a".into() })
        );
        assert_eq!(check_team_file(file(ROOT, 0o664), ROOT, login_of), Err(Unverified::TeamFileWritable));
        assert_eq!(check_team_file(file(ROOT, 0o646), ROOT, login_of), Err(Unverified::TeamFileWritable));
    }

    #[test]
    fn coach_file_names() {
        assert_eq!(coach_of_file_name("tanaka.toml"), Some("tanaka"));
        assert_eq!(coach_of_file_name(".toml"), None);
        assert_eq!(coach_of_file_name(".tanaka.toml.x1.tmp"), None);
        assert_eq!(coach_of_first_layout_name("coach-tanaka.toml"), Some("tanaka"));
        assert_eq!(coach_of_first_layout_name("coach-.toml"), None);
        assert!(is_plain_login("op-a") && is_plain_login("suzuki.k"));
        assert!(!is_plain_login("..") && !is_plain_login("a/b") && !is_plain_login("-rf") && !is_plain_login(""));
    }

    #[test]
    fn team_file_round_trips_and_refuses_unknown_keys() {
        let text = "coaches = [\"tanaka\"]\n\n[[learner]]\nlogin = \"op-a\"\nname = \"伊藤 さくら\"\nrole = \"SV\"\n";
        let team = TeamFile::parse(text).unwrap();
        assert_eq!(team.group, DEFAULT_GROUP);
        assert_eq!(team.layout, 1, "a team file without a layout is of the first");
        assert_eq!(team.learner("op-a").unwrap().role.as_deref(), Some("SV"));
        assert_eq!(TeamFile::parse(&team.to_toml()).unwrap(), team);
        assert!(TeamFile::parse("coach = [\"x\"]").is_err());
    }

    fn at(seconds: i64) -> crate::clock::Time {
        time_from_unix(1_796_000_000 + seconds)
    }

    fn record(coach: &str, trust: Trust, edit: impl FnOnce(&mut Workbook)) -> CoachRecord {
        let mut record = Workbook::new(&Framework::bundled());
        edit(&mut record);
        CoachRecord { coach: coach.into(), record, trust }
    }

    fn sign_off(wb: &mut Workbook, seconds: i64) {
        let change = Change::sign_off(&Framework::bundled(), "SM-5", 1, "良い");
        wb.apply(&change, &Stamp::of("ignored", "田中", at(seconds)), false);
    }

    #[test]
    fn merge_counts_only_trusted_verdicts_and_keeps_the_rest_apart() {
        let framework = Framework::bundled();
        let mut learner = Workbook::new(&framework);
        sign_off(&mut learner, 0); // hand-written into the learner's own file
        let request = Change::RequestReview { competency: "SM-5".into(), level: 1, requested: true };
        learner.apply(&request, &Stamp::new("op-a", at(5)), false);

        let forged =
            record("aoki", Trust::Unverified(Box::new(Unverified::NotACoach { login: "aoki".into() })), |wb| {
                sign_off(wb, 20)
            });
        let merged = merge(learner.clone(), &[forged]);
        let level = merged.level_state("SM-5", 1).unwrap();
        assert!(level.signoff.is_none(), "nothing vouched for counts");
        assert!(level.review_requested.is_some(), "and nothing answered the request");
        assert_eq!(level.unverified.len(), 2);
        assert_eq!(level.unverified[0].1.trust, Trust::Unverified(Box::new(Unverified::InLearnersFile)));
        assert_eq!(level.unverified[1].1.login, "aoki", "the login is the file's, not what the file says");

        let real = record("tanaka", Trust::Verified, |wb| sign_off(wb, 10));
        let merged = merge(learner.clone(), &[real]);
        let level = merged.level_state("SM-5", 1).unwrap();
        assert_eq!(level.signoff.as_ref().unwrap().login, "tanaka");
        assert!(level.review_requested.is_none(), "a later sign-off answers the request");
    }

    #[test]
    fn the_latest_trusted_verdict_stands_and_a_later_request_stays_open() {
        let framework = Framework::bundled();
        let mut learner = Workbook::new(&framework);
        learner.apply(
            &Change::RequestReview { competency: "SM-5".into(), level: 1, requested: true },
            &Stamp::new("op-a", at(30)),
            false,
        );
        let first = record("tanaka", Trust::Verified, |wb| sign_off(wb, 10));
        let second = record("aoki", Trust::Verified, |wb| {
            let change = Change::Return { competency: "SM-5".into(), level: 1, comment: "根拠を".into() };
            wb.apply(&change, &Stamp::of("aoki", "青木", at(20)), false);
        });
        let merged = merge(learner.clone(), &[first, second]);
        let level = merged.level_state("SM-5", 1).unwrap();
        assert!(level.signoff.is_none());
        assert_eq!(level.returned.as_ref().unwrap().login, "aoki");
        assert!(level.review_requested.is_some(), "asked again after the return");
    }
}
