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

use crate::files::OsError;
use crate::identity;
use crate::store::{shell_quote, write_file_atomically};
use crate::team_dir::{self, SystemConfig, TEAM_FILE, TeamDir, TeamFile, WORKBOOK_FILE, modes};
use crate::workbook::Unverified;

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

fn io_failed(path: &Path, error: io::Error) -> AdminError {
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
fn read_team_file(path: &Path) -> Result<Option<TeamFile>, AdminError> {
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
fn write_team_file(path: &Path, team: &TeamFile) -> Result<Done, AdminError> {
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

/// Makes `dir` a directory owned `uid:gid` with `mode`: created, fixed, or already so.
fn ensure_dir(dir: &Path, uid: u32, gid: u32, mode: u32) -> Result<Done, AdminError> {
    let created = match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_dir() => false,
        Ok(_) => return Err(AdminError::NotADirectory(dir.to_path_buf())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir(dir).map_err(|e| io_failed(dir, e))?;
            true
        }
        Err(e) => return Err(io_failed(dir, e)),
    };
    let meta = fs::symlink_metadata(dir).map_err(|e| io_failed(dir, e))?;
    let mut fixed = false;
    if meta.uid() != uid || meta.gid() != gid {
        std::os::unix::fs::lchown(dir, Some(uid), Some(gid)).map_err(|e| io_failed(dir, e))?;
        fixed = true;
    }
    // After chown, which may clear the setgid bit.
    if fixed || meta.mode() & 0o7777 != mode {
        fs::set_permissions(dir, fs::Permissions::from_mode(mode)).map_err(|e| io_failed(dir, e))?;
        fixed = fixed || meta.mode() & 0o7777 != mode;
    }
    Ok(match (created, fixed) {
        (true, _) => Done::DirCreated(dir.to_path_buf()),
        (false, true) => Done::DirFixed(dir.to_path_buf()),
        (false, false) => Done::DirOk(dir.to_path_buf()),
    })
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
    let config_path = team_dir::system_config_path(env);
    let config = read_system_config(&config_path)?;
    let group = args
        .group
        .clone()
        .or_else(|| existing.as_ref().map(|t| t.group.clone()))
        .unwrap_or_else(|| team_dir::DEFAULT_GROUP.to_string());
    if !team_dir::is_plain_login(&group) {
        return Err(AdminError::BadGroupName(group));
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

    if let Some(parent) = dir.parent() {
        fs::create_dir_all(parent).map_err(|e| io_failed(parent, e))?;
    }
    report(&ensure_dir(&dir, 0, gid, modes::TEAM_DIR)?);

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
fn team_of(named: Option<&Path>) -> Result<PathBuf, AdminError> {
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
    let dir = TeamDir::new(team_of(args.team.as_deref())?);
    let path = dir.team_file();
    let mut team = read_team_file(&path)?
        .ok_or_else(|| AdminError::Io { path: path.clone(), error: OsError::of(libc::ENOENT) })?;
    let gid = identity::group_id(&team.group).ok_or_else(|| AdminError::GroupMissing(team.group.clone()))?;

    report(&ensure_dir(&dir.learner_dir(&args.login), uid, gid, modes::LEARNER_DIR)?);

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
        Node { uid: meta.uid(), gid: meta.gid(), mode: meta.mode() & 0o7777, kind }
    }
}

/// The outcome of looking at something.
#[derive(Debug, Clone, PartialEq)]
pub enum Look<T> {
    Found(T),
    Missing,
    /// Permission denied, or another error.
    Failed(OsError),
}

impl<T> Look<T> {
    fn from(result: io::Result<T>) -> Look<T> {
        match result {
            Ok(found) => Look::Found(found),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Look::Missing,
            Err(e) => Look::Failed(OsError::from(&e)),
        }
    }
}

/// Everything `check` found in a team, and what the account databases say.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub root: PathBuf,
    pub root_node: Look<Node>,
    pub team_file: Look<Node>,
    pub team_text: Look<String>,
    /// The team directory's entries, by name.
    pub entries: Look<Vec<(String, Node)>>,
    /// Each learner directory's entries (for the directories on the roster).
    pub learner_entries: BTreeMap<String, Look<Vec<(String, Node)>>>,
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
    /// A coach file whose name is not a listed coach, or owned by someone else.
    Unverifiable {
        path: PathBuf,
        coach: String,
        owner: String,
        listed: bool,
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

/// Where stray things go: out of the team, readable by root alone.
fn move_away(path: &Path) -> String {
    format!("mv {} /root/", q(path))
}

/// The problems in a team, each with its fix, in the order to fix them.
pub fn audit(facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut find = |problem: Problem, fix: String| out.push(Finding { problem, fix });
    let root = &facts.root;
    let again = format!("sudo keiko team check {}", q(root));
    let init = format!("sudo keiko team init {} --coaches LOGIN", q(root));
    let root_node = match &facts.root_node {
        Look::Found(node) if node.kind == Kind::Dir => *node,
        Look::Found(_) => {
            find(Problem::NotADirectory(root.clone()), init);
            return out;
        }
        Look::Missing => {
            find(Problem::TeamDirMissing(root.clone()), init);
            return out;
        }
        Look::Failed(error) => {
            find(Problem::CannotLook { path: root.clone(), error: *error }, again);
            return out;
        }
    };
    let team_path = root.join(TEAM_FILE);
    let team = match (&facts.team_file, &facts.team_text) {
        (Look::Missing, _) => {
            find(Problem::TeamFileMissing(team_path.clone()), init.clone());
            None
        }
        (Look::Failed(error), _) | (_, Look::Failed(error)) => {
            find(Problem::CannotLook { path: team_path.clone(), error: *error }, again.clone());
            None
        }
        (Look::Found(node), text) => {
            let ownership =
                team_dir::Ownership { uid: node.uid, mode: node.mode, regular: node.kind == Kind::File, changed: 0 };
            let login_of = |uid: u32| facts.logins.get(&uid).cloned();
            if node.kind != Kind::File {
                find(Problem::Stray(team_path.clone()), format!("{} && {init}", move_away(&team_path)));
            } else if let Err(Unverified::TeamFileOwner { .. }) =
                team_dir::check_team_file(ownership, root_node.uid, login_of)
            {
                // The rule's other half (writable by others) is the mode check below.
                let found = owner_and_group(facts, node);
                find(
                    Problem::Owner { path: team_path.clone(), found, want: "root:root".into() },
                    format!("chown root:root {}", q(&team_path)),
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
                Look::Found(text) => match TeamFile::parse(text) {
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
    let group = team.as_ref().map_or(team_dir::DEFAULT_GROUP.to_string(), |t| t.group.clone());
    let group = group.as_str();
    let gid = facts.group_gid;
    if gid.is_none() {
        find(Problem::GroupMissing(group.to_string()), format!("groupadd {group}"));
    }
    if root_node.uid != 0 || Some(root_node.gid) != gid {
        find(
            Problem::Owner {
                path: root.clone(),
                found: owner_and_group(facts, &root_node),
                want: format!("root:{group}"),
            },
            format!("chown root:{group} {}", q(root)),
        );
    }
    if root_node.mode != modes::TEAM_DIR {
        find(
            Problem::Mode { path: root.clone(), found: root_node.mode, want: modes::TEAM_DIR },
            format!("chmod {:04o} {}", modes::TEAM_DIR, q(root)),
        );
    }
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

    let entries = match &facts.entries {
        Look::Found(entries) => entries.as_slice(),
        Look::Missing => &[],
        Look::Failed(error) => {
            find(Problem::CannotLook { path: root.clone(), error: *error }, again.clone());
            &[]
        }
    };
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
        let path = root.join(login);
        let node = entries.iter().find(|(name, _)| name == login).map(|(_, node)| *node);
        let node = match node {
            Some(node) if node.kind == Kind::Dir => node,
            Some(_) => {
                find(
                    Problem::NotADirectory(path.clone()),
                    format!("{} && sudo keiko team add {login}", move_away(&path)),
                );
                continue;
            }
            None => {
                find(Problem::LearnerDirMissing { login: login.clone(), path }, format!("sudo keiko team add {login}"));
                continue;
            }
        };
        if node.uid != uid || Some(node.gid) != gid {
            find(
                Problem::Owner {
                    path: path.clone(),
                    found: owner_and_group(facts, &node),
                    want: format!("{login}:{group}"),
                },
                format!("chown {login}:{group} {}", q(&path)),
            );
        }
        if node.mode != modes::LEARNER_DIR {
            find(
                Problem::Mode { path: path.clone(), found: node.mode, want: modes::LEARNER_DIR },
                format!("chmod {:04o} {}", modes::LEARNER_DIR, q(&path)),
            );
        }
        match facts.learner_entries.get(login) {
            Some(Look::Found(files)) => audit_learner_dir(facts, &team, login, uid, &path, files, &mut find),
            Some(Look::Failed(error)) => find(Problem::CannotLook { path: path.clone(), error: *error }, again.clone()),
            _ => {}
        }
    }

    for (name, node) in entries {
        let path = root.join(name);
        if name == TEAM_FILE || is_temp_file(name) || team.learner(name).is_some() {
            continue;
        }
        match node.kind {
            Kind::Symlink => find(Problem::Symlink(path.clone()), format!("rm {}", q(&path))),
            Kind::Dir if facts.users.contains_key(name) && team_dir::is_plain_login(name) => {
                find(Problem::NotOnRoster(path), format!("sudo keiko team add {name}"))
            }
            Kind::Dir => find(Problem::NotOnRoster(path.clone()), move_away(&path)),
            _ => find(Problem::Stray(path.clone()), move_away(&path)),
        }
    }
    out
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

/// The files in one learner's directory.
fn audit_learner_dir(
    facts: &Facts,
    team: &TeamFile,
    login: &str,
    uid: u32,
    dir: &Path,
    files: &[(String, Node)],
    find: &mut impl FnMut(Problem, String),
) {
    let group = &team.group;
    let owner_of = |uid: u32| facts.logins.get(&uid).cloned().unwrap_or_else(|| format!("uid {uid}"));
    for (name, node) in files {
        let path = dir.join(name);
        if is_temp_file(name) {
            continue;
        }
        if node.kind == Kind::Symlink {
            find(Problem::Symlink(path.clone()), format!("rm {}", q(&path)));
            continue;
        }
        if node.kind != Kind::File {
            find(Problem::Stray(path.clone()), move_away(&path));
            continue;
        }
        if name == WORKBOOK_FILE {
            if node.uid != uid || Some(node.gid) != facts.group_gid {
                find(
                    Problem::Owner {
                        path: path.clone(),
                        found: owner_and_group(facts, node),
                        want: format!("{login}:{group}"),
                    },
                    format!("chown {login}:{group} {}", q(&path)),
                );
            }
            // The coaches read it through the group; nobody else may.
            if node.mode & 0o066 != 0o040 {
                find(
                    Problem::Mode { path: path.clone(), found: node.mode, want: modes::WORKBOOK },
                    format!("chmod {:04o} {}", modes::WORKBOOK, q(&path)),
                );
            }
        } else if let Some(coach) = team_dir::coach_of_file_name(name) {
            let owner = owner_of(node.uid);
            let listed = team.is_coach(coach);
            if !listed || owner != coach {
                // Never chown such a file to the coach: that would vouch for what someone else wrote.
                let problem = Problem::Unverifiable { path: path.clone(), coach: coach.to_string(), owner, listed };
                find(problem, move_away(&path));
            } else if node.mode & 0o022 != 0 {
                find(
                    Problem::Mode { path: path.clone(), found: node.mode, want: modes::COACH_FILE },
                    format!("chmod {:04o} {}", modes::COACH_FILE, q(&path)),
                );
            }
        } else if let Some(locked) = name.strip_suffix(".lock") {
            let writer = if locked == WORKBOOK_FILE {
                Some(login)
            } else {
                team_dir::coach_of_file_name(locked).filter(|c| team.is_coach(c))
            };
            match writer {
                Some(writer) if facts.users.get(writer).is_some_and(|&(u, _)| u == node.uid) => {}
                Some(writer) => find(
                    Problem::Owner {
                        path: path.clone(),
                        found: owner_and_group(facts, node),
                        want: writer.to_string(),
                    },
                    format!("chown {writer} {}", q(&path)),
                ),
                None => find(Problem::Stray(path.clone()), move_away(&path)),
            }
        } else {
            find(Problem::Stray(path.clone()), move_away(&path));
        }
    }
}

/// Reads what `audit` needs from the disk and the account databases.
pub fn gather(root: &Path) -> Facts {
    let lstat = |path: &Path| Look::from(fs::symlink_metadata(path).map(|m| Node::of(&m)));
    let list = |dir: &Path| {
        Look::from(fs::read_dir(dir).and_then(|entries| {
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
    let team_text = Look::from(fs::read_to_string(&team_path));
    let team = match &team_text {
        Look::Found(text) => TeamFile::parse(text).ok(),
        _ => None,
    };
    let group = team.as_ref().map_or(team_dir::DEFAULT_GROUP, |t| t.group.as_str());
    let root_node = lstat(root);
    let entries =
        if matches!(root_node, Look::Found(Node { kind: Kind::Dir, .. })) { list(root) } else { Look::Missing };
    let mut learner_entries = BTreeMap::new();
    let mut names: Vec<String> = Vec::new();
    if let Some(team) = &team {
        names.extend(team.coaches.iter().cloned());
        for learner in &team.learners {
            names.push(learner.login.clone());
            let dir = root.join(&learner.login);
            if team_dir::is_plain_login(&learner.login)
                && matches!(lstat(&dir), Look::Found(Node { kind: Kind::Dir, .. }))
            {
                learner_entries.insert(learner.login.clone(), list(&dir));
            }
        }
    }
    let mut nodes = Vec::new();
    if let Look::Found(entries) = &entries {
        for (name, node) in entries {
            names.push(name.clone());
            nodes.push(*node);
        }
    }
    for files in learner_entries.values() {
        if let Look::Found(files) = files {
            for (name, node) in files {
                nodes.push(*node);
                if let Some(coach) = team_dir::coach_of_file_name(name.trim_end_matches(".lock")) {
                    names.push(coach.to_string());
                }
            }
        }
    }
    let team_file = lstat(&team_path);
    for node in [&root_node, &team_file] {
        if let Look::Found(node) = node {
            nodes.push(*node);
        }
    }
    let users = names.into_iter().filter_map(|n| identity::user_ids(&n).map(|ids| (n, ids))).collect();
    let logins = nodes.iter().filter_map(|n| identity::login_of(n.uid).map(|l| (n.uid, l))).collect();
    let groups = nodes.iter().filter_map(|n| identity::group_name(n.gid).map(|g| (n.gid, g))).collect();
    Facts {
        root: root.to_path_buf(),
        root_node,
        team_file,
        team_text,
        entries,
        learner_entries,
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
