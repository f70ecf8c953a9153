//! `keiko team init`, `keiko team add` and `keiko team check`: setting up
//! and auditing a team directory on a shared host.
//!
//! `init` and `add` run as root and are idempotent: each prints one line per
//! thing it looked at, saying what it changed or that it was already so.
//! `check` runs as anyone who can read the team: what it finds on disk is
//! gathered into `Facts`, and `audit` (pure, unit-tested on made-up facts)
//! turns them into findings, each with the command that fixes it.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use std::os::fd::OwnedFd;

use keiko_core::model::workbook::Unverified;
use keiko_core::os::files::OsError;
use keiko_core::os::identity;
use keiko_core::store::{shell_quote, write_file_atomically};
use keiko_core::team::dir::{self as team_dir, SystemConfig, TEAM_FILE, TeamDir, TeamFile, WORKBOOK_FILE, modes};
use keiko_core::team::fs::{self as team_fs, DirState};

/// A line `init` or `add` prints: what it did, or what was already so.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    GroupCreated(String),
    GroupExists(String),
    CoachAdded { login: String, group: String },
    CoachInGroup { login: String, group: String },
    DirCreated(PathBuf),
    DirFixed(PathBuf),
    DirOk(PathBuf),
    TeamFileWritten(PathBuf),
    TeamFileOk(PathBuf),
    SystemConfigWritten(PathBuf),
    SystemConfigOk(PathBuf),
    RosterAdded(String),
    RosterUpdated(String),
    RosterOk(String),
}

impl Done {
    /// Whether this line reports a change (not "already so").
    pub fn changed(&self) -> bool {
        matches!(
            self,
            Done::GroupCreated(_)
                | Done::CoachAdded { .. }
                | Done::DirCreated(_)
                | Done::DirFixed(_)
                | Done::TeamFileWritten(_)
                | Done::SystemConfigWritten(_)
                | Done::RosterAdded(_)
                | Done::RosterUpdated(_)
        )
    }
}

/// Why `init` or `add` would not start, or stopped.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminError {
    NeedsRoot {
        command: String,
    },
    /// Logins refused: not usable as a directory name, or with no account.
    BadLogins {
        not_plain: Vec<String>,
        missing: Vec<String>,
    },
    BadGroupName(String),
    NoTeam {
        config: PathBuf,
    },
    GroupMissing(String),
    NotADirectory(PathBuf),
    /// A file or directory could not be read or changed.
    Io {
        path: PathBuf,
        error: OsError,
    },
    Invalid {
        path: PathBuf,
        error: String,
    },
    /// The team is of another layout (`team migrate`).
    Layout {
        path: PathBuf,
        found: u32,
    },
    /// A system group (below the login range) named as the team's.
    SystemGroup {
        group: String,
        gid: u32,
    },
    /// The group named has members who are not this team's coaches.
    GroupHasOthers {
        group: String,
        others: Vec<String>,
    },
    /// A system account (below the login range) named as a learner.
    SystemAccount {
        login: String,
        uid: u32,
    },
    /// A coach named as a learner, or learners named as coaches: a coach
    /// who is also a learner would sign off their own levels.
    BothCoachAndLearner(Vec<String>),
    /// A system tool (`groupadd`, `gpasswd`) failed; its own words.
    Failed {
        what: String,
        error: String,
    },
}

/// Options of `keiko team init`.
pub struct Init {
    pub dir: PathBuf,
    pub coaches: Vec<String>,
    pub name: Option<String>,
    pub group: Option<String>,
    /// Use `group` even if it is a system group or has other members.
    pub force: bool,
}

/// Options of `keiko team add`.
pub struct Add {
    pub login: String,
    pub name: Option<String>,
    pub reading: Option<String>,
    pub team: Option<PathBuf>,
}

fn env(key: &str) -> Option<String> {
    std::env::var(key).ok()
}

/// The command line as typed, to suggest it again with `sudo` in front.
fn command_line() -> String {
    let words: Vec<String> = std::env::args()
        .enumerate()
        .map(|(i, arg)| if i == 0 { "keiko".to_string() } else { arg })
        .map(|arg| {
            let plain = !arg.is_empty()
                && arg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ',' | '=' | ':'));
            if plain { arg } else { shell_quote(&arg) }
        })
        .collect();
    words.join(" ")
}

/// Refuses, naming the command to run instead, unless run as root.
pub fn needs_root() -> Result<(), AdminError> {
    if identity::is_root() { Ok(()) } else { Err(AdminError::NeedsRoot { command: command_line() }) }
}

pub(super) fn io_failed(path: &Path, error: io::Error) -> AdminError {
    AdminError::Io { path: path.to_path_buf(), error: OsError::from(&error) }
}

/// Runs a system tool (`groupadd`, `gpasswd`); its own output is kept back.
fn run(program: &str, args: &[&str]) -> Result<(), AdminError> {
    let what = format!("{program} {}", args.join(" "));
    let output = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| AdminError::Failed { what: what.clone(), error: e.to_string() })?;
    if output.status.success() {
        Ok(())
    } else {
        let error = String::from_utf8_lossy(&output.stderr).trim().to_string();
        Err(AdminError::Failed { what, error })
    }
}

/// Logins refused: not plain, or with no account.
fn check_logins<'a>(logins: impl IntoIterator<Item = &'a String>) -> Result<(), AdminError> {
    let (mut not_plain, mut missing) = (Vec::new(), Vec::new());
    for login in logins {
        if !team_dir::is_plain_login(login) {
            not_plain.push(login.clone());
        } else if identity::user_ids(login).is_none() {
            missing.push(login.clone());
        }
    }
    if not_plain.is_empty() && missing.is_empty() { Ok(()) } else { Err(AdminError::BadLogins { not_plain, missing }) }
}

/// The team file at `path`, if there is one.
pub(super) fn read_team_file(path: &Path) -> Result<Option<TeamFile>, AdminError> {
    match fs::read_to_string(path) {
        Ok(text) => {
            TeamFile::parse(&text).map(Some).map_err(|error| AdminError::Invalid { path: path.to_path_buf(), error })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_failed(path, e)),
    }
}

/// Writes the team file atomically when its text or owner or mode is not
/// as it should be (root:root 0644).
pub(super) fn write_team_file(path: &Path, team: &TeamFile) -> Result<Done, AdminError> {
    let text = team.to_toml();
    let meta = fs::symlink_metadata(path).ok();
    let same_text = fs::read_to_string(path).is_ok_and(|t| t == text);
    let right = meta.as_ref().is_some_and(|m| {
        m.file_type().is_file() && m.uid() == 0 && m.gid() == 0 && m.mode() & 0o7777 == modes::TEAM_FILE
    });
    if same_text && right {
        return Ok(Done::TeamFileOk(path.to_path_buf()));
    }
    write_file_atomically(path, text.as_bytes(), modes::TEAM_FILE).map_err(|e| io_failed(path, e))?.ok();
    // An existing file kept its mode and group: set both as they should be.
    std::os::unix::fs::lchown(path, Some(0), Some(0)).map_err(|e| io_failed(path, e))?;
    fs::set_permissions(path, fs::Permissions::from_mode(modes::TEAM_FILE)).map_err(|e| io_failed(path, e))?;
    Ok(Done::TeamFileWritten(path.to_path_buf()))
}

/// Makes `name` in the open directory `parent` (at `parent_path`) a
/// directory owned `uid:gid` with `mode`, through descriptors (`team_fs`).
fn dir_at(
    parent: &OwnedFd,
    parent_path: &Path,
    name: &str,
    (uid, gid, mode): (u32, u32, u32),
) -> Result<(OwnedFd, Done), AdminError> {
    let path = parent_path.join(name);
    let (fd, state) = team_fs::ensure_dir_at(parent, name, uid, gid, mode).map_err(|e| {
        if e.raw_os_error() == Some(libc::ENOTDIR) || e.raw_os_error() == Some(libc::ELOOP) {
            AdminError::NotADirectory(path.clone())
        } else {
            io_failed(&path, e)
        }
    })?;
    let done = match state {
        DirState::Created => Done::DirCreated(path),
        DirState::Fixed => Done::DirFixed(path),
        DirState::AlreadySo => Done::DirOk(path),
    };
    Ok((fd, done))
}

/// The team directory, opened (created when `create`) as `root:gid` 0751.
pub(super) fn team_root(dir: &Path, gid: u32, create: bool) -> Result<(OwnedFd, Done), AdminError> {
    let parent = dir.parent().ok_or_else(|| AdminError::NotADirectory(dir.to_path_buf()))?;
    let name = dir.file_name().and_then(|n| n.to_str()).ok_or_else(|| AdminError::NotADirectory(dir.to_path_buf()))?;
    if create {
        fs::create_dir_all(parent).map_err(|e| io_failed(parent, e))?;
    }
    let parent_fd = team_fs::open_dir(parent).map_err(|e| io_failed(parent, e))?;
    dir_at(&parent_fd, parent, name, (0, gid, modes::TEAM_DIR))
}

/// The directories every team has (`learners/`, `verdicts/`, `locks/`, the
/// quarantine), and each coach's lock directory.
pub(super) fn team_tree(
    root: &OwnedFd,
    dir: &Path,
    team: &TeamFile,
    gid: u32,
    report: &mut impl FnMut(&Done),
) -> Result<(), AdminError> {
    for name in [team_dir::LEARNERS, team_dir::VERDICTS] {
        report(&dir_at(root, dir, name, (0, gid, modes::TREE))?.1);
    }
    let (locks, done) = dir_at(root, dir, team_dir::LOCKS, (0, gid, modes::TREE))?;
    report(&done);
    report(&dir_at(root, dir, team_dir::QUARANTINE, (0, 0, modes::QUARANTINE))?.1);
    for coach in &team.coaches {
        let Some((uid, _)) = identity::user_ids(coach) else { continue };
        report(&dir_at(&locks, &dir.join(team_dir::LOCKS), coach, (uid, gid, modes::LOCK_DIR))?.1);
    }
    Ok(())
}

/// A learner's two directories: their own (`learners/LOGIN`, theirs to
/// write) and the coaches' records of them (`verdicts/LOGIN`, root's, which
/// they may read through its ACL).
pub(super) fn learner_dirs(
    root: &OwnedFd,
    dir: &Path,
    login: &str,
    uid: u32,
    gid: u32,
    report: &mut impl FnMut(&Done),
) -> Result<(), AdminError> {
    let learners =
        team_fs::open_dir_at(root, team_dir::LEARNERS).map_err(|e| io_failed(&dir.join(team_dir::LEARNERS), e))?;
    report(&dir_at(&learners, &dir.join(team_dir::LEARNERS), login, (uid, gid, modes::LEARNER_DIR))?.1);
    let verdicts_path = dir.join(team_dir::VERDICTS);
    let verdicts = team_fs::open_dir_at(root, team_dir::VERDICTS).map_err(|e| io_failed(&verdicts_path, e))?;
    let (records, done) = dir_at(&verdicts, &verdicts_path, login, (0, gid, modes::VERDICT_DIR))?;
    let path = verdicts_path.join(login);
    if team_fs::reader_may_read(&records, uid) != Some(true) {
        team_fs::grant_reader(&records, uid).map_err(|e| io_failed(&path, e))?;
        // Setting an ACL sets the group bits (its mask): the mode again, setgid and sticky with it.
        team_fs::set_owner_and_mode(&records, 0, Some(gid), modes::VERDICT_DIR).map_err(|e| io_failed(&path, e))?;
        report(&if matches!(done, Done::DirCreated(_)) { done } else { Done::DirFixed(path) });
    } else {
        report(&done);
    }
    Ok(())
}

/// Whether `login` is in `group`: listed in it, or its primary group.
fn in_group(login: &str, gid: u32, members: &[String]) -> bool {
    members.iter().any(|m| m == login) || identity::user_ids(login).is_some_and(|(_, primary)| primary == gid)
}

/// `keiko team init DIR --coaches LOGIN,…`. Each step is reported through
/// `report` as it is done, so a failure halfway still shows what was done.
pub fn init(args: &Init, mut report: impl FnMut(&Done)) -> Result<(), AdminError> {
    needs_root()?;
    check_logins(&args.coaches)?;
    let dir = std::path::absolute(&args.dir).map_err(|e| io_failed(&args.dir, e))?;
    let team_dir = TeamDir::new(&dir);
    // Everything that can refuse does so before anything is changed.
    let existing = match fs::symlink_metadata(&dir) {
        Ok(meta) if meta.is_dir() => read_team_file(&team_dir.team_file())?,
        Ok(_) => return Err(AdminError::NotADirectory(dir)),
        Err(_) => None,
    };
    if let Some(found) = existing.as_ref().map(|t| t.layout).filter(|&l| l != team_dir::LAYOUT) {
        return Err(AdminError::Layout { path: team_dir.team_file(), found });
    }
    let config_path = team_dir::system_config_path(env);
    let config = read_system_config(&config_path)?;
    let group = args
        .group
        .clone()
        .or_else(|| existing.as_ref().map(|t| t.group.clone()))
        .unwrap_or_else(|| team_dir::group_for(&dir));
    if !team_dir::is_plain_login(&group) {
        return Err(AdminError::BadGroupName(group));
    }
    let both: Vec<String> =
        args.coaches.iter().filter(|c| existing.as_ref().is_some_and(|t| t.learner(c).is_some())).cloned().collect();
    if !both.is_empty() {
        return Err(AdminError::BothCoachAndLearner(both));
    }
    if let Some(gid) = identity::group_id(&group).filter(|_| !args.force) {
        if gid < identity::login_range_start().1 {
            return Err(AdminError::SystemGroup { group, gid });
        }
        let coaches =
            |login: &String| args.coaches.contains(login) || existing.as_ref().is_some_and(|t| t.is_coach(login));
        let others: Vec<String> = identity::group_members(&group).into_iter().filter(|m| !coaches(m)).collect();
        if !others.is_empty() {
            return Err(AdminError::GroupHasOthers { group, others });
        }
    }

    let gid = match identity::group_id(&group) {
        Some(gid) => {
            report(&Done::GroupExists(group.clone()));
            gid
        }
        None => {
            run("groupadd", &[&group])?;
            report(&Done::GroupCreated(group.clone()));
            identity::group_id(&group).ok_or_else(|| AdminError::GroupMissing(group.clone()))?
        }
    };
    for login in &args.coaches {
        let done = Done::CoachInGroup { login: login.clone(), group: group.clone() };
        if in_group(login, gid, &identity::group_members(&group)) {
            report(&done);
        } else {
            run("gpasswd", &["-a", login, &group])?;
            report(&Done::CoachAdded { login: login.clone(), group: group.clone() });
        }
    }

    let (root, done) = team_root(&dir, gid, true)?;
    report(&done);

    let mut team = existing.unwrap_or_default();
    team.group = group;
    if let Some(name) = &args.name {
        team.name = name.clone();
    }
    for login in &args.coaches {
        if !team.is_coach(login) {
            team.coaches.push(login.clone());
        }
    }
    team_tree(&root, &dir, &team, gid, &mut report)?;
    report(&write_team_file(&team_dir.team_file(), &team)?);

    report(&write_system_config(&config_path, config, &dir)?);
    Ok(())
}

/// The system config at `path`; the default when there is none.
fn read_system_config(path: &Path) -> Result<SystemConfig, AdminError> {
    match fs::read_to_string(path) {
        Ok(text) => SystemConfig::parse(&text).map_err(|error| AdminError::Invalid { path: path.to_path_buf(), error }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(SystemConfig::default()),
        Err(e) => Err(io_failed(path, e)),
    }
}

/// Writes `team = "DIR"` into the system config, keeping its other settings.
fn write_system_config(path: &Path, mut config: SystemConfig, dir: &Path) -> Result<Done, AdminError> {
    if config.team.as_deref() == Some(dir) {
        return Ok(Done::SystemConfigOk(path.to_path_buf()));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.exists()
    {
        fs::create_dir_all(parent).map_err(|e| io_failed(parent, e))?;
        fs::set_permissions(parent, fs::Permissions::from_mode(0o755)).map_err(|e| io_failed(parent, e))?;
    }
    config.team = Some(dir.to_path_buf());
    write_file_atomically(path, config.to_toml().as_bytes(), 0o644).map_err(|e| io_failed(path, e))?.ok();
    Ok(Done::SystemConfigWritten(path.to_path_buf()))
}

/// The team directory `add` and `check` work on: the one named, else the system config's.
pub(super) fn team_of(named: Option<&Path>) -> Result<PathBuf, AdminError> {
    if let Some(dir) = named {
        return std::path::absolute(dir).map_err(|e| io_failed(dir, e));
    }
    let config = team_dir::system_config_path(env);
    read_system_config(&config)?.team.ok_or(AdminError::NoTeam { config })
}

/// `keiko team add LOGIN`. `role` is the framework's code, already checked.
pub fn add(args: &Add, role: Option<String>, mut report: impl FnMut(&Done)) -> Result<(), AdminError> {
    needs_root()?;
    check_logins([&args.login])?;
    let missing = || AdminError::BadLogins { not_plain: Vec::new(), missing: vec![args.login.clone()] };
    let (uid, _) = identity::user_ids(&args.login).ok_or_else(missing)?;
    if uid < identity::login_range_start().0 {
        return Err(AdminError::SystemAccount { login: args.login.clone(), uid });
    }
    let dir = TeamDir::new(team_of(args.team.as_deref())?);
    let path = dir.team_file();
    let mut team = read_team_file(&path)?
        .ok_or_else(|| AdminError::Io { path: path.clone(), error: OsError::of(libc::ENOENT) })?;
    if team.layout != team_dir::LAYOUT {
        return Err(AdminError::Layout { path, found: team.layout });
    }
    if team.is_coach(&args.login) {
        return Err(AdminError::BothCoachAndLearner(vec![args.login.clone()]));
    }
    let gid = identity::group_id(&team.group).ok_or_else(|| AdminError::GroupMissing(team.group.clone()))?;

    let (root, _) = team_root(&dir.root, gid, false)?;
    team_tree(&root, &dir.root, &team, gid, &mut |_| {})?;
    learner_dirs(&root, &dir.root, &args.login, uid, gid, &mut report)?;

    let done = match team.learners.iter_mut().find(|l| l.login == args.login) {
        Some(entry) => {
            let before = entry.clone();
            if let Some(name) = &args.name {
                entry.name = name.clone();
            }
            if let Some(reading) = &args.reading {
                entry.reading = reading.clone();
            }
            if role.is_some() {
                entry.role = role;
            }
            if *entry == before { Done::RosterOk(args.login.clone()) } else { Done::RosterUpdated(args.login.clone()) }
        }
        None => {
            team.learners.push(team_dir::RosterEntry {
                login: args.login.clone(),
                name: args.name.clone().unwrap_or_default(),
                reading: args.reading.clone().unwrap_or_default(),
                role,
            });
            Done::RosterAdded(args.login.clone())
        }
    };
    if done.changed() {
        write_team_file(&path, &team)?;
    }
    report(&done);
    Ok(())
}

// ---------------------------------------------------------------- check

/// What `lstat` says of one thing in the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    pub uid: u32,
    pub gid: u32,
    /// Permission bits (`0o7777`).
    pub mode: u32,
    pub kind: Kind,
    pub links: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Symlink,
    Other,
}

impl Node {
    fn of(meta: &fs::Metadata) -> Node {
        let t = meta.file_type();
        let kind = if t.is_symlink() {
            Kind::Symlink
        } else if t.is_dir() {
            Kind::Dir
        } else if t.is_file() {
            Kind::File
        } else {
            Kind::Other
        };
        Node { uid: meta.uid(), gid: meta.gid(), mode: meta.mode() & 0o7777, kind, links: meta.nlink() }
    }
}

/// The outcome of looking at something.
#[derive(Debug, Clone, PartialEq)]
pub enum Seen<T> {
    Found(T),
    Missing,
    /// Permission denied, or another error.
    Failed(OsError),
}

impl<T> Seen<T> {
    fn from(result: io::Result<T>) -> Seen<T> {
        match result {
            Ok(found) => Seen::Found(found),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Seen::Missing,
            Err(e) => Seen::Failed(OsError::from(&e)),
        }
    }
}

/// A directory's entries, by name, as `lstat` sees them.
pub type Entries = Seen<Vec<(String, Node)>>;

/// Everything `check` found in a team, and what the account databases say.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub root: PathBuf,
    pub root_node: Seen<Node>,
    pub team_file: Seen<Node>,
    pub team_text: Seen<String>,
    /// The listing of each directory looked into, by its path in the team
    /// (`""` the team directory, `"learners"`, `"learners/op-a"`, …).
    pub listings: BTreeMap<String, Entries>,
    /// For each `verdicts/LOGIN` and each file in it (by path in the team):
    /// whether the learner may read it by its ACL.
    pub learner_reads: BTreeMap<String, bool>,
    /// The team's group's gid, when the group exists.
    pub group_gid: Option<u32>,
    pub group_members: Vec<String>,
    /// The uid and primary gid of each login named anywhere, when it has an account.
    pub users: BTreeMap<String, (u32, u32)>,
    /// The login of each uid seen, when it has one.
    pub logins: BTreeMap<u32, String>,
    /// The name of each gid seen, when it has one.
    pub groups: BTreeMap<u32, String>,
}

/// Something wrong in a team.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    CannotLook {
        path: PathBuf,
        error: OsError,
    },
    TeamDirMissing(PathBuf),
    NotADirectory(PathBuf),
    TeamFileMissing(PathBuf),
    TeamFileInvalid {
        path: PathBuf,
        error: String,
    },
    /// The team is of the first layout: `team migrate` moves it.
    OldLayout(PathBuf),
    GroupMissing(String),
    /// Owner or group is not what team mode gives it.
    Owner {
        path: PathBuf,
        found: String,
        want: String,
    },
    Mode {
        path: PathBuf,
        found: u32,
        want: u32,
    },
    NotPlain(String),
    NoAccount(String),
    NotInGroup {
        login: String,
        group: String,
    },
    LearnerDirMissing {
        login: String,
        path: PathBuf,
    },
    NotOnRoster(PathBuf),
    Symlink(PathBuf),
    Stray(PathBuf),
    /// A file with more than one name.
    Linked(PathBuf),
    /// A directory every team has is not there.
    Missing(PathBuf),
    /// Someone in the team's group who is not one of its coaches.
    NotACoachInGroup {
        login: String,
        group: String,
    },
    /// A login both on the roster and a coach.
    BothCoachAndLearner(String),
    /// A coach's record that is not that coach's (owned by someone else),
    /// or of a login the team file does not list.
    Unverifiable {
        path: PathBuf,
        coach: String,
        owner: String,
        listed: bool,
    },
    /// The learner cannot read the coaches' records of them (their ACL).
    LearnerCannotRead {
        login: String,
        path: PathBuf,
    },
}

/// A problem and the command that fixes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub problem: Problem,
    pub fix: String,
}

fn q(path: &Path) -> String {
    shell_quote(&path.display().to_string())
}

/// The problems in a team, each with its fix, in the order to fix them.
///
/// Every printed fix is safe for root to run as it is, whatever a learner
/// or coach does between the check and the fix: `chown -h` and `chmod` only
/// on what lives in a directory no one but root can change (a link put in
/// its place is refused by `chmod`'s… no: so nothing there can be swapped),
/// and for anything in a directory someone else can write, `keiko team
/// check --fix`, which works through descriptors and never follows a link.
pub fn audit(facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut find = |problem: Problem, fix: String| out.push(Finding { problem, fix });
    let root = &facts.root;
    let again = format!("sudo keiko team check {}", q(root));
    let fix_it = format!("sudo keiko team check --fix {}", q(root));
    let init = format!("sudo keiko team init {} --coaches LOGIN", q(root));
    let root_node = match &facts.root_node {
        Seen::Found(node) if node.kind == Kind::Dir => *node,
        Seen::Found(_) => {
            find(Problem::NotADirectory(root.clone()), init);
            return out;
        }
        Seen::Missing => {
            find(Problem::TeamDirMissing(root.clone()), init);
            return out;
        }
        Seen::Failed(error) => {
            find(Problem::CannotLook { path: root.clone(), error: *error }, again);
            return out;
        }
    };
    let team_path = root.join(TEAM_FILE);
    let team = match (&facts.team_file, &facts.team_text) {
        (Seen::Missing, _) => {
            find(Problem::TeamFileMissing(team_path.clone()), init.clone());
            None
        }
        (Seen::Failed(error), _) | (_, Seen::Failed(error)) => {
            find(Problem::CannotLook { path: team_path.clone(), error: *error }, again.clone());
            None
        }
        (Seen::Found(node), text) => {
            let ownership = team_dir::Ownership {
                uid: node.uid,
                mode: node.mode,
                regular: node.kind == Kind::File,
                changed: 0,
                links: node.links,
            };
            let login_of = |uid: u32| facts.logins.get(&uid).cloned();
            if node.kind != Kind::File {
                find(Problem::Stray(team_path.clone()), fix_it.clone());
            } else if let Err(Unverified::TeamFileOwner { .. }) =
                team_dir::check_team_file(ownership, root_node.uid, login_of)
            {
                // The rule's other half (writable by others) is the mode check below.
                let found = owner_and_group(facts, node);
                find(
                    Problem::Owner { path: team_path.clone(), found, want: "root:root".into() },
                    format!("chown -h root:root {}", q(&team_path)),
                );
            }
            // Every learner's keiko reads it: writable by its owner alone, readable by all.
            if node.kind == Kind::File && (node.mode & 0o022 != 0 || node.mode & 0o444 != 0o444) {
                find(
                    Problem::Mode { path: team_path.clone(), found: node.mode, want: modes::TEAM_FILE },
                    format!("chmod 0644 {}", q(&team_path)),
                );
            }
            match text {
                Seen::Found(text) => match TeamFile::parse(text) {
                    Ok(team) => Some(team),
                    Err(error) => {
                        find(
                            Problem::TeamFileInvalid { path: team_path.clone(), error },
                            format!("sudoedit {}", q(&team_path)),
                        );
                        None
                    }
                },
                _ => None,
            }
        }
    };
    if let Some(team) = &team
        && team.layout != team_dir::LAYOUT
    {
        find(Problem::OldLayout(root.clone()), format!("sudo keiko team migrate {}", q(root)));
        return out;
    }
    let group = team.as_ref().map_or(team_dir::DEFAULT_GROUP.to_string(), |t| t.group.clone());
    let group = group.as_str();
    let gid = facts.group_gid;
    if gid.is_none() {
        find(Problem::GroupMissing(group.to_string()), format!("groupadd {group}"));
    }
    root_dir(facts, group, &mut find, root, &root_node, ("root", gid, modes::TEAM_DIR));
    let Some(team) = team else { return out };
    let edit_team = format!("sudoedit {}", q(&team_path));

    for coach in &team.coaches {
        if !team_dir::is_plain_login(coach) {
            find(Problem::NotPlain(coach.clone()), edit_team.clone());
        } else if let Some(&(_, primary)) = facts.users.get(coach) {
            let member = facts.group_members.iter().any(|m| m == coach) || Some(primary) == gid;
            if !member {
                find(
                    Problem::NotInGroup { login: coach.clone(), group: group.to_string() },
                    format!("gpasswd -a {coach} {group}"),
                );
            }
        } else {
            find(Problem::NoAccount(coach.clone()), format!("useradd --create-home {coach}"));
        }
    }

    // The group is the coaches' alone: anyone else in it reads every learner's notes.
    for member in &facts.group_members {
        if !team.is_coach(member) {
            find(
                Problem::NotACoachInGroup { login: member.clone(), group: group.to_string() },
                format!("gpasswd -d {member} {group}"),
            );
        }
    }
    for learner in team.learners.iter().filter(|l| team.is_coach(&l.login)) {
        find(Problem::BothCoachAndLearner(learner.login.clone()), edit_team.clone());
    }

    // The team directory: team.toml, the three trees and the quarantine, nothing else.
    let listing = |rel: &str| match facts.listings.get(rel) {
        Some(Seen::Found(entries)) => Ok(entries.as_slice()),
        Some(Seen::Failed(error)) => Err(Some(*error)),
        _ => Err(None),
    };
    let trees = [
        (team_dir::LEARNERS, gid, modes::TREE),
        (team_dir::VERDICTS, gid, modes::TREE),
        (team_dir::LOCKS, gid, modes::TREE),
        (team_dir::QUARANTINE, Some(0), modes::QUARANTINE),
    ];
    match listing("") {
        Ok(entries) => {
            for (name, node) in entries {
                let path = root.join(name);
                if let Some(&(_, want_gid, mode)) = trees.iter().find(|t| t.0 == name) {
                    if node.kind == Kind::Dir {
                        root_dir(facts, group, &mut find, &path, node, ("root", want_gid, mode));
                    } else {
                        find(Problem::NotADirectory(path), fix_it.clone());
                    }
                } else if name != TEAM_FILE && !is_temp_file(name) {
                    find(Problem::Stray(path), fix_it.clone());
                }
            }
            for (name, _, _) in trees {
                if !entries.iter().any(|(n, _)| n == name) {
                    find(Problem::Missing(root.join(name)), fix_it.clone());
                }
            }
        }
        Err(Some(error)) => find(Problem::CannotLook { path: root.clone(), error }, again.clone()),
        Err(None) => {}
    }

    let in_tree = |tree: &str, find: &mut dyn FnMut(Problem, String)| -> BTreeMap<String, Node> {
        match listing(tree) {
            Ok(entries) => entries.iter().cloned().collect(),
            Err(Some(error)) => {
                find(Problem::CannotLook { path: root.join(tree), error }, again.clone());
                BTreeMap::new()
            }
            Err(None) => BTreeMap::new(),
        }
    };
    let learners = in_tree(team_dir::LEARNERS, &mut find);
    let verdicts = in_tree(team_dir::VERDICTS, &mut find);
    let locks = in_tree(team_dir::LOCKS, &mut find);

    for coach in team.coaches.iter().filter(|c| team_dir::is_plain_login(c)) {
        if !facts.users.contains_key(coach) {
            continue;
        }
        let path = root.join(team_dir::LOCKS).join(coach);
        match locks.get(coach) {
            Some(node) if node.kind == Kind::Dir => {
                root_dir(facts, group, &mut find, &path, node, (coach, gid, modes::LOCK_DIR));
            }
            Some(_) => find(Problem::NotADirectory(path), fix_it.clone()),
            None => find(Problem::Missing(path), fix_it.clone()),
        }
    }

    for learner in &team.learners {
        let login = &learner.login;
        if !team_dir::is_plain_login(login) {
            find(Problem::NotPlain(login.clone()), edit_team.clone());
            continue;
        }
        let Some(&(uid, _)) = facts.users.get(login) else {
            find(Problem::NoAccount(login.clone()), format!("useradd --create-home {login}"));
            continue;
        };
        let add = format!("sudo keiko team add {login} --team {}", q(root));
        let own = root.join(team_dir::LEARNERS).join(login);
        match learners.get(login) {
            Some(node) if node.kind == Kind::Dir => {
                root_dir(facts, group, &mut find, &own, node, (login, gid, modes::LEARNER_DIR));
                audit_learner_files(facts, login, uid, &own, &fix_it, &mut find);
            }
            Some(_) => find(Problem::NotADirectory(own), fix_it.clone()),
            None => find(Problem::LearnerDirMissing { login: login.clone(), path: own }, add.clone()),
        }
        let records = root.join(team_dir::VERDICTS).join(login);
        match verdicts.get(login) {
            Some(node) if node.kind == Kind::Dir => {
                if node.uid != 0 || Some(node.gid) != gid || node.mode != modes::VERDICT_DIR {
                    let want = format!("root:{group}");
                    if node.uid != 0 || Some(node.gid) != gid {
                        find(
                            Problem::Owner { path: records.clone(), found: owner_and_group(facts, node), want },
                            add.clone(),
                        );
                    } else {
                        find(
                            Problem::Mode { path: records.clone(), found: node.mode, want: modes::VERDICT_DIR },
                            add.clone(),
                        );
                    }
                }
                let rel = format!("{}/{login}", team_dir::VERDICTS);
                if facts.learner_reads.get(&rel) == Some(&false) {
                    find(Problem::LearnerCannotRead { login: login.clone(), path: records.clone() }, add.clone());
                }
                audit_records(facts, &team, login, &records, &fix_it, &mut find);
            }
            Some(_) => find(Problem::NotADirectory(records), fix_it.clone()),
            None => find(Problem::LearnerDirMissing { login: login.clone(), path: records }, add.clone()),
        }
    }

    for (tree, entries) in [(team_dir::LEARNERS, &learners), (team_dir::VERDICTS, &verdicts), (team_dir::LOCKS, &locks)]
    {
        for (name, node) in entries {
            let path = root.join(tree).join(name);
            let known = if tree == team_dir::LOCKS { team.is_coach(name) } else { team.learner(name).is_some() };
            if known {
                continue;
            }
            match node.kind {
                Kind::Dir
                    if tree == team_dir::LEARNERS
                        && facts.users.contains_key(name)
                        && team_dir::is_plain_login(name) =>
                {
                    find(Problem::NotOnRoster(path), format!("sudo keiko team add {name} --team {}", q(root)))
                }
                Kind::Symlink => find(Problem::Symlink(path), fix_it.clone()),
                Kind::Dir if tree == team_dir::LEARNERS => find(Problem::NotOnRoster(path), fix_it.clone()),
                _ => find(Problem::Stray(path), fix_it.clone()),
            }
        }
    }
    out
}

/// A directory in one of root's own (the team directory, its trees, a
/// learner's or coach's own directory in them): nobody else can swap it for
/// something else, so plain `chown -h` and `chmod` are safe fixes.
fn root_dir(
    facts: &Facts,
    group: &str,
    find: &mut impl FnMut(Problem, String),
    path: &Path,
    node: &Node,
    (owner, want_gid, mode): (&str, Option<u32>, u32),
) {
    let want_group = if want_gid == Some(0) { "root" } else { group };
    let owner_uid = if owner == "root" { Some(0) } else { facts.users.get(owner).map(|u| u.0) };
    if owner_uid != Some(node.uid) || want_gid != Some(node.gid) {
        let want = format!("{owner}:{want_group}");
        find(
            Problem::Owner { path: path.to_path_buf(), found: owner_and_group(facts, node), want: want.clone() },
            format!("chown -h {want} {}", q(path)),
        );
    }
    if node.mode != mode {
        find(
            Problem::Mode { path: path.to_path_buf(), found: node.mode, want: mode },
            format!("chmod {mode:04o} {}", q(path)),
        );
    }
}

/// keiko's own temp files (`.NAME.XXXXXX.tmp`), there only while it writes.
fn is_temp_file(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

fn owner_and_group(facts: &Facts, node: &Node) -> String {
    let owner = facts.logins.get(&node.uid).cloned().unwrap_or_else(|| node.uid.to_string());
    let group = facts.groups.get(&node.gid).cloned().unwrap_or_else(|| node.gid.to_string());
    format!("{owner}:{group}")
}

/// The files in a learner's own directory: their workbook and its lock,
/// theirs, and nothing else. Only `--fix` touches them: the learner can
/// swap any of them for a link between the check and a printed command.
fn audit_learner_files(
    facts: &Facts,
    login: &str,
    uid: u32,
    dir: &Path,
    fix_it: &str,
    find: &mut impl FnMut(Problem, String),
) {
    let rel = format!("{}/{login}", team_dir::LEARNERS);
    let files = match facts.listings.get(&rel) {
        Some(Seen::Found(files)) => files,
        Some(Seen::Failed(error)) => {
            find(Problem::CannotLook { path: dir.to_path_buf(), error: *error }, fix_it.to_string());
            return;
        }
        _ => return,
    };
    let lock = format!("{WORKBOOK_FILE}.lock");
    for (name, node) in files {
        let path = dir.join(name);
        if is_temp_file(name) && node.uid == uid {
            continue;
        }
        if node.kind == Kind::Symlink {
            find(Problem::Symlink(path), fix_it.to_string());
        } else if node.kind != Kind::File || (name != WORKBOOK_FILE && *name != lock) {
            find(Problem::Stray(path), fix_it.to_string());
        } else if node.uid != uid {
            // Never given to the learner: it is someone else's writing.
            find(
                Problem::Owner { path, found: owner_and_group(facts, node), want: login.to_string() },
                fix_it.to_string(),
            );
        } else if node.links != 1 {
            find(Problem::Linked(path), fix_it.to_string());
        } else {
            let want = if name == WORKBOOK_FILE { modes::WORKBOOK } else { modes::LOCK };
            // The coaches read the workbook through the group; nobody else may, and only its owner writes.
            let bad = if name == WORKBOOK_FILE {
                node.mode & 0o066 != 0o040 || Some(node.gid) != facts.group_gid
            } else {
                node.mode & 0o077 != 0
            };
            if bad {
                find(Problem::Mode { path, found: node.mode, want }, fix_it.to_string());
            }
        }
    }
}

/// The coaches' records of one learner: `COACH.toml` of listed coaches,
/// each owned by that coach, with one name, not writable by others, and
/// readable by the learner.
fn audit_records(
    facts: &Facts,
    team: &TeamFile,
    login: &str,
    dir: &Path,
    fix_it: &str,
    find: &mut impl FnMut(Problem, String),
) {
    let rel = format!("{}/{login}", team_dir::VERDICTS);
    let files = match facts.listings.get(&rel) {
        Some(Seen::Found(files)) => files,
        Some(Seen::Failed(error)) => {
            find(Problem::CannotLook { path: dir.to_path_buf(), error: *error }, fix_it.to_string());
            return;
        }
        _ => return,
    };
    for (name, node) in files {
        let path = dir.join(name);
        let coach = team_dir::coach_of_file_name(name);
        let coach_uid = coach.and_then(|c| facts.users.get(c)).map(|u| u.0);
        if is_temp_file(name) && facts.logins.get(&node.uid).is_some_and(|l| team.is_coach(l)) {
            continue;
        }
        if node.kind == Kind::Symlink {
            find(Problem::Symlink(path), fix_it.to_string());
            continue;
        }
        let Some(coach) = coach.filter(|_| node.kind == Kind::File) else {
            find(Problem::Stray(path), fix_it.to_string());
            continue;
        };
        let owner = facts.logins.get(&node.uid).cloned().unwrap_or_else(|| format!("uid {}", node.uid));
        if coach_uid != Some(node.uid) {
            // Never chowned to the coach: that would vouch for what someone else wrote.
            find(
                Problem::Unverifiable { path, coach: coach.to_string(), owner, listed: team.is_coach(coach) },
                fix_it.to_string(),
            );
        } else if !team.is_coach(coach) {
            // Their own record, kept: it counts again if they are listed again.
            find(
                Problem::Unverifiable { path, coach: coach.to_string(), owner, listed: false },
                format!("sudoedit {}", q(&facts.root.join(TEAM_FILE))),
            );
        } else if node.links != 1 {
            find(Problem::Linked(path), fix_it.to_string());
        } else if node.mode & 0o022 != 0 || node.mode & 0o040 == 0 {
            find(Problem::Mode { path, found: node.mode, want: modes::COACH_FILE }, fix_it.to_string());
        } else if facts.learner_reads.get(&format!("{rel}/{name}")) == Some(&false) {
            find(Problem::LearnerCannotRead { login: login.to_string(), path }, fix_it.to_string());
        }
    }
}

/// Reads what `audit` needs from the disk and the account databases.
pub fn gather(root: &Path) -> Facts {
    let lstat = |path: &Path| Seen::from(fs::symlink_metadata(path).map(|m| Node::of(&m)));
    let list = |dir: &Path| -> Entries {
        Seen::from(fs::read_dir(dir).and_then(|entries| {
            let mut found = Vec::new();
            for entry in entries {
                let entry = entry?;
                let node = Node::of(&entry.metadata()?);
                found.push((entry.file_name().to_string_lossy().into_owned(), node));
            }
            found.sort_by(|a, b| a.0.cmp(&b.0));
            Ok(found)
        }))
    };
    let team_path = root.join(TEAM_FILE);
    let team_text = Seen::from(fs::read_to_string(&team_path));
    let team = match &team_text {
        Seen::Found(text) => TeamFile::parse(text).ok(),
        _ => None,
    };
    let group = team.as_ref().map_or(team_dir::DEFAULT_GROUP, |t| t.group.as_str());
    let root_node = lstat(root);
    let is_dir = |look: &Seen<Node>| matches!(look, Seen::Found(Node { kind: Kind::Dir, .. }));
    let mut listings = BTreeMap::new();
    let mut learner_reads = BTreeMap::new();
    let mut names: Vec<String> = Vec::new();
    if is_dir(&root_node) {
        listings.insert(String::new(), list(root));
        for tree in [team_dir::LEARNERS, team_dir::VERDICTS, team_dir::LOCKS] {
            if is_dir(&lstat(&root.join(tree))) {
                listings.insert(tree.to_string(), list(&root.join(tree)));
            }
        }
    }
    if let Some(team) = &team {
        names.extend(team.coaches.iter().cloned());
        for learner in team.learners.iter().filter(|l| team_dir::is_plain_login(&l.login)) {
            let login = &learner.login;
            names.push(login.clone());
            let reader = identity::user_ids(login).map(|ids| ids.0);
            for tree in [team_dir::LEARNERS, team_dir::VERDICTS] {
                let rel = format!("{tree}/{login}");
                let dir = root.join(&rel);
                if !is_dir(&lstat(&dir)) {
                    continue;
                }
                let listing = list(&dir);
                if tree == team_dir::VERDICTS
                    && let Some(reader) = reader
                {
                    let may_read = |path: &Path| {
                        let fd = rustix::fs::open(
                            path,
                            rustix::fs::OFlags::RDONLY
                                | rustix::fs::OFlags::NOFOLLOW
                                | rustix::fs::OFlags::NONBLOCK
                                | rustix::fs::OFlags::CLOEXEC,
                            rustix::fs::Mode::empty(),
                        )
                        .ok()?;
                        Some(team_fs::reader_may_read(&fd, reader).unwrap_or(false))
                    };
                    if let Some(reads) = may_read(&dir) {
                        learner_reads.insert(rel.clone(), reads);
                    }
                    if let Seen::Found(files) = &listing {
                        for (name, _) in files.iter().filter(|(_, n)| n.kind == Kind::File) {
                            if let Some(reads) = may_read(&dir.join(name)) {
                                learner_reads.insert(format!("{rel}/{name}"), reads);
                            }
                        }
                    }
                }
                listings.insert(rel, listing);
            }
        }
    }
    let mut nodes = Vec::new();
    for (rel, listing) in &listings {
        if let Seen::Found(entries) = listing {
            for (name, node) in entries {
                nodes.push(*node);
                if rel.as_str() == team_dir::LEARNERS || rel.as_str() == team_dir::LOCKS {
                    names.push(name.clone());
                }
                if let Some(coach) = team_dir::coach_of_file_name(name) {
                    names.push(coach.to_string());
                }
            }
        }
    }
    let team_file = lstat(&team_path);
    for node in [&root_node, &team_file] {
        if let Seen::Found(node) = node {
            nodes.push(*node);
        }
    }
    names.sort();
    names.dedup();
    let users = names.into_iter().filter_map(|n| identity::user_ids(&n).map(|ids| (n, ids))).collect();
    let mut logins = BTreeMap::new();
    let mut groups = BTreeMap::new();
    for node in nodes {
        if let std::collections::btree_map::Entry::Vacant(e) = logins.entry(node.uid)
            && let Some(login) = identity::login_of(node.uid)
        {
            e.insert(login);
        }
        if let std::collections::btree_map::Entry::Vacant(e) = groups.entry(node.gid)
            && let Some(group) = identity::group_name(node.gid)
        {
            e.insert(group);
        }
    }
    Facts {
        root: root.to_path_buf(),
        root_node,
        team_file,
        team_text,
        listings,
        learner_reads,
        group_gid: identity::group_id(group),
        group_members: identity::group_members(group),
        users,
        logins,
        groups,
    }
}

/// `keiko team check [DIR]`: the findings in the team named or configured.
pub fn check(named: Option<&Path>) -> Result<(PathBuf, Vec<Finding>), AdminError> {
    let root = team_of(named)?;
    let findings = audit(&gather(&root));
    Ok((root, findings))
}
