//! `keiko team check --fix` and `keiko team migrate`: root puts a team
//! right, through descriptors (`team_fs`). Every step opens what it changes
//! with `O_NOFOLLOW` from its directory's descriptor and decides on the
//! `fstat` of what it opened, so a learner who swaps a file for a link
//! between the check and the fix changes nothing outside the team. Nothing
//! is given to the account it is named after when someone else wrote it,
//! nothing is moved into anyone's home, and nothing is overwritten: what
//! does not belong is moved into the team's root-only `quarantine/`, under
//! a name no other file there has.

use std::io::{Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

use rustix::fs::{Mode, OFlags};

use super::team_cmd::{
    AdminError, Done, io_failed, learner_dirs, needs_root, read_team_file, team_of, team_root, team_tree,
    write_team_file,
};
use keiko_core::os::identity;
use keiko_core::store;
use keiko_core::team::dir::{self as team_dir, LAYOUT, TEAM_FILE, TeamDir, TeamFile, WORKBOOK_FILE, modes};
use keiko_core::team::fs as team_fs;

/// One thing `--fix` or `migrate` did.
#[derive(Debug, Clone, PartialEq)]
pub enum Fixed {
    /// A directory created or put right.
    Dir(Done),
    /// Moved into the quarantine (`to`), with why.
    Quarantined { path: PathBuf, to: PathBuf, why: Why },
    /// A file's mode (and group) put right, on the file itself.
    Mode { path: PathBuf, mode: u32 },
    /// The learner was given read access to a coach's record (its ACL).
    Readable(PathBuf),
    /// A coach's record of the first layout, checked and rewritten by root in its new place.
    Moved { from: PathBuf, to: PathBuf },
    /// A learner's directory moved into `learners/`.
    LearnerMoved { from: PathBuf, to: PathBuf },
    /// A lock file of the first layout, removed.
    Removed(PathBuf),
    /// The team file now names the new layout.
    Layout(PathBuf),
}

/// Why something was taken out of the team.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// A symbolic link, a directory, a FIFO…: nothing keiko puts there.
    NotAFile,
    /// Not a file keiko puts there.
    Stray,
    /// Owned by someone other than its writer.
    NotTheWriters { owner: String },
    /// More than one name.
    Linked,
    /// A temp file of a keiko that was killed.
    LeftOver,
    /// A coach's record that fails the rule (`Unverified`).
    Fails(Box<keiko_core::model::workbook::Unverified>),
    /// Not on the roster.
    NotOnRoster,
    /// A first-layout coach's file changed (renamed back, edited, chmod)
    /// after keiko last wrote it.
    ChangedSinceWritten,
}

/// How long after its newest entry a first-layout coach's file may last
/// have changed and still be carried over by `migrate`.
const FIRST_LAYOUT_GRACE_SECONDS: i64 = 60;

/// Temp files younger than this may be a keiko writing right now.
const LEFT_OVER_SECONDS: i64 = 3600;

/// Where things go, and how they are named there.
struct Quarantine {
    fd: OwnedFd,
    path: PathBuf,
    stamp: String,
}

impl Quarantine {
    fn open(root: &OwnedFd, dir: &Path) -> Result<Quarantine, AdminError> {
        let path = dir.join(team_dir::QUARANTINE);
        let fd = team_fs::open_dir_at(root, team_dir::QUARANTINE).map_err(|e| io_failed(&path, e))?;
        let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S").to_string();
        Ok(Quarantine { fd, path, stamp })
    }

    /// Moves `name` out of `dir` (at `dir_path`; `tag` says whose it was).
    fn take(&self, dir: impl AsFd, dir_path: &Path, name: &str, tag: &str, why: Why) -> Result<Fixed, AdminError> {
        let path = dir_path.join(name);
        let target = format!("{}-{tag}-{}", self.stamp, name.trim_start_matches('.'));
        let to = team_fs::quarantine(dir, name, &self.fd, &target).map_err(|e| io_failed(&path, e))?;
        Ok(Fixed::Quarantined { path, to: self.path.join(to), why })
    }
}

fn now() -> i64 {
    keiko_core::clock::unix_seconds(&keiko_core::clock::now()).unwrap_or(i64::MAX)
}

fn login_or_uid(uid: u32) -> String {
    identity::login_of(uid).unwrap_or_else(|| format!("uid {uid}"))
}

/// Opens `name` in `dir` and says what it is, without following a link:
/// `None` for a link (or what cannot be opened), else the file and its stat.
fn look(dir: impl AsFd, name: &str) -> Option<(OwnedFd, rustix::fs::Stat)> {
    let fd = team_fs::open_file_at(dir, name).ok()?;
    let stat = rustix::fs::fstat(&fd).ok()?;
    Some((fd, stat))
}

fn is_regular(stat: &rustix::fs::Stat) -> bool {
    stat.st_mode & libc::S_IFMT == libc::S_IFREG
}

/// The team's file, of the layout keiko writes.
fn open_team(dir: &Path) -> Result<(TeamFile, u32), AdminError> {
    let path = dir.join(TEAM_FILE);
    let team =
        read_team_file(&path)?.ok_or_else(|| io_failed(&path, std::io::Error::from_raw_os_error(libc::ENOENT)))?;
    let gid = identity::group_id(&team.group).ok_or_else(|| AdminError::GroupMissing(team.group.clone()))?;
    Ok((team, gid))
}

/// `keiko team check --fix [DIR]`: applies every fix `check` would print
/// for what lives where someone else can write, and the directories' owners,
/// modes and ACLs. Returns the team directory and what was done.
pub fn fix(named: Option<&Path>, mut report: impl FnMut(&Fixed)) -> Result<PathBuf, AdminError> {
    needs_root()?;
    let dir = team_of(named)?;
    let (team, gid) = open_team(&dir)?;
    if team.layout != LAYOUT {
        return Err(AdminError::Layout { path: dir.join(TEAM_FILE), found: team.layout });
    }
    let (root, done) = team_root(&dir, gid, false)?;
    let mut dirs = |done: &Done| {
        if done.changed() {
            report(&Fixed::Dir(done.clone()));
        }
    };
    dirs(&done);
    team_tree(&root, &dir, &team, gid, &mut dirs)?;
    let quarantine = Quarantine::open(&root, &dir)?;
    let mut done = Vec::new();

    // The team directory holds the team file and the trees, nothing else.
    let keep = [TEAM_FILE, team_dir::LEARNERS, team_dir::VERDICTS, team_dir::LOCKS, team_dir::QUARANTINE];
    for name in team_fs::list(&root).map_err(|e| io_failed(&dir, e))? {
        if !keep.contains(&name.as_str()) && !name.starts_with(".team.toml") {
            done.push(quarantine.take(&root, &dir, &name, "team", Why::Stray)?);
        }
    }
    let paths = TeamDir::new(&dir);
    for tree in [team_dir::LEARNERS, team_dir::VERDICTS, team_dir::LOCKS] {
        let known = |name: &str| match tree {
            team_dir::LOCKS => team.is_coach(name),
            _ => team.learner(name).is_some() && identity::user_ids(name).is_some(),
        };
        let path = dir.join(tree);
        let fd = team_fs::open_dir_at(&root, tree).map_err(|e| io_failed(&path, e))?;
        for name in team_fs::list(&fd).map_err(|e| io_failed(&path, e))? {
            if !known(&name) || !team_dir::is_plain_login(&name) {
                done.push(quarantine.take(&fd, &path, &name, tree, Why::NotOnRoster)?);
            }
        }
    }
    for learner in &team.learners {
        let login = &learner.login;
        let Some((uid, _)) = identity::user_ids(login).filter(|_| team_dir::is_plain_login(login)) else { continue };
        learner_dirs(&root, &dir, login, uid, gid, &mut dirs)?;
        let own_path = paths.learner_dir(login);
        let own = team_fs::open_dir(&own_path).map_err(|e| io_failed(&own_path, e))?;
        for name in team_fs::list(&own).map_err(|e| io_failed(&own_path, e))? {
            if let Some(fixed) = fix_learner_file(&own, &own_path, &name, uid, gid, login, &quarantine)? {
                done.push(fixed);
            }
        }
        let records_path = paths.verdict_dir(login);
        let records = team_fs::open_dir(&records_path).map_err(|e| io_failed(&records_path, e))?;
        for name in team_fs::list(&records).map_err(|e| io_failed(&records_path, e))? {
            done.extend(fix_record(&records, &records_path, &name, &team, login, uid, &quarantine)?);
        }
    }
    for fixed in &done {
        report(fixed);
    }
    Ok(dir)
}

/// One entry of a learner's own directory: their workbook and its lock
/// (put right on the file itself when theirs), else quarantined.
fn fix_learner_file(
    dir: &OwnedFd,
    dir_path: &Path,
    name: &str,
    uid: u32,
    gid: u32,
    login: &str,
    quarantine: &Quarantine,
) -> Result<Option<Fixed>, AdminError> {
    let path = dir_path.join(name);
    let tag = format!("{}-{login}", team_dir::LEARNERS);
    let Some((fd, stat)) = look(dir, name).filter(|(_, stat)| is_regular(stat)) else {
        return quarantine.take(dir, dir_path, name, &tag, Why::NotAFile).map(Some);
    };
    let lock = format!("{WORKBOOK_FILE}.lock");
    let why = if stat.st_uid != uid {
        Why::NotTheWriters { owner: login_or_uid(stat.st_uid) }
    } else if stat.st_nlink != 1 {
        Why::Linked
    } else if name == WORKBOOK_FILE || name == lock {
        let want = if name == WORKBOOK_FILE { modes::WORKBOOK } else { modes::LOCK };
        if stat.st_mode & 0o7777 == want && stat.st_gid == gid {
            return Ok(None);
        }
        team_fs::set_owner_and_mode(&fd, uid, Some(gid), want).map_err(|e| io_failed(&path, e))?;
        return Ok(Some(Fixed::Mode { path, mode: want }));
    } else if name.starts_with('.') && name.ends_with(".tmp") {
        if now() - stat.st_ctime < LEFT_OVER_SECONDS {
            return Ok(None);
        }
        Why::LeftOver
    } else {
        Why::Stray
    };
    quarantine.take(dir, dir_path, name, &tag, why).map(Some)
}

/// One entry of the coaches' records of a learner: a listed coach's own
/// record is put right (mode, the learner's read); an unlisted coach's own
/// record is kept (it counts again if they are listed again); anything
/// else is quarantined.
fn fix_record(
    dir: &OwnedFd,
    dir_path: &Path,
    name: &str,
    team: &TeamFile,
    login: &str,
    reader: u32,
    quarantine: &Quarantine,
) -> Result<Vec<Fixed>, AdminError> {
    let path = dir_path.join(name);
    let tag = format!("{}-{login}", team_dir::VERDICTS);
    let Some((fd, stat)) = look(dir, name).filter(|(_, stat)| is_regular(stat)) else {
        return Ok(vec![quarantine.take(dir, dir_path, name, &tag, Why::NotAFile)?]);
    };
    let owner = identity::login_of(stat.st_uid);
    let owners_coach = owner.as_deref().is_some_and(|o| team.is_coach(o));
    if name.starts_with('.') && name.ends_with(".tmp") && owners_coach {
        if now() - stat.st_ctime < LEFT_OVER_SECONDS {
            return Ok(Vec::new());
        }
        return Ok(vec![quarantine.take(dir, dir_path, name, &tag, Why::LeftOver)?]);
    }
    let Some(coach) = team_dir::coach_of_file_name(name) else {
        return Ok(vec![quarantine.take(dir, dir_path, name, &tag, Why::Stray)?]);
    };
    if owner.as_deref() != Some(coach) {
        let why = Why::NotTheWriters { owner: login_or_uid(stat.st_uid) };
        return Ok(vec![quarantine.take(dir, dir_path, name, &tag, why)?]);
    }
    if !team.is_coach(coach) {
        return Ok(Vec::new());
    }
    if stat.st_nlink != 1 {
        return Ok(vec![quarantine.take(dir, dir_path, name, &tag, Why::Linked)?]);
    }
    let mut done = Vec::new();
    if stat.st_mode & 0o7777 != modes::COACH_FILE {
        rustix::fs::fchmod(&fd, Mode::from_raw_mode(modes::COACH_FILE)).map_err(|e| io_failed(&path, e.into()))?;
        done.push(Fixed::Mode { path: path.clone(), mode: modes::COACH_FILE });
    }
    if team_fs::reader_may_read(&fd, reader) != Some(true) {
        team_fs::grant_file_reader(&fd, reader).map_err(|e| io_failed(&path, e))?;
        done.push(Fixed::Readable(path));
    }
    Ok(done)
}

// ---------------------------------------------------------------- migrate

/// `keiko team migrate [DIR]`: moves a team of the first layout (coaches'
/// files in the learners' own directories) to the layout of `team_dir`.
/// Each learner's directory moves into `learners/`; each coach's file there
/// that passes the rule is read through its descriptor and written anew by
/// root as the coach's record in `verdicts/LOGIN/` (owner, mode and ACL set
/// on the new file); everything else is quarantined. The team file names
/// the new layout last.
pub fn migrate(named: Option<&Path>, mut report: impl FnMut(&Fixed)) -> Result<PathBuf, AdminError> {
    needs_root()?;
    let dir = team_of(named)?;
    let (mut team, gid) = open_team(&dir)?;
    if team.layout == LAYOUT {
        return Ok(dir);
    }
    if team.layout != 1 {
        return Err(AdminError::Layout { path: dir.join(TEAM_FILE), found: team.layout });
    }
    let (root, _) = team_root(&dir, gid, false)?;
    team.layout = LAYOUT;
    team_tree(&root, &dir, &team, gid, &mut |done| {
        if done.changed() {
            report(&Fixed::Dir(done.clone()))
        }
    })?;
    let quarantine = Quarantine::open(&root, &dir)?;
    let paths = TeamDir::new(&dir);
    let learners = team_fs::open_dir_at(&root, team_dir::LEARNERS).map_err(|e| io_failed(&paths.learners(), e))?;
    let keep = [TEAM_FILE, team_dir::LEARNERS, team_dir::VERDICTS, team_dir::LOCKS, team_dir::QUARANTINE];
    for name in team_fs::list(&root).map_err(|e| io_failed(&dir, e))? {
        if keep.contains(&name.as_str()) || name.starts_with(".team.toml") {
            continue;
        }
        let account = identity::user_ids(&name).filter(|_| team.learner(&name).is_some());
        let is_dir = team_fs::open_dir_at(&root, &name).is_ok();
        let Some((uid, _)) = account.filter(|_| is_dir && team_dir::is_plain_login(&name)) else {
            report(&quarantine.take(&root, &dir, &name, "team", Why::NotOnRoster)?);
            continue;
        };
        // Root's own directory, so nobody can swap it: moved whole, then made the learner's alone.
        let from = paths.first_layout_dir(&name);
        rustix::fs::renameat_with(&root, name.as_str(), &learners, name.as_str(), rustix::fs::RenameFlags::NOREPLACE)
            .map_err(|e| io_failed(&from, e.into()))?;
        report(&Fixed::LearnerMoved { from, to: paths.learner_dir(&name) });
        learner_dirs(&root, &dir, &name, uid, gid, &mut |done| {
            if done.changed() {
                report(&Fixed::Dir(done.clone()))
            }
        })?;
        for fixed in migrate_learner(&paths, &team, &name, uid, gid, &quarantine)? {
            report(&fixed);
        }
    }
    write_team_file(&paths.team_file(), &team)?;
    report(&Fixed::Layout(paths.team_file()));
    Ok(dir)
}

/// The files of one learner's directory, now in `learners/LOGIN`.
fn migrate_learner(
    paths: &TeamDir,
    team: &TeamFile,
    login: &str,
    uid: u32,
    gid: u32,
    quarantine: &Quarantine,
) -> Result<Vec<Fixed>, AdminError> {
    let own_path = paths.learner_dir(login);
    let own = team_fs::open_dir(&own_path).map_err(|e| io_failed(&own_path, e))?;
    let records_path = paths.verdict_dir(login);
    let records = team_fs::open_dir(&records_path).map_err(|e| io_failed(&records_path, e))?;
    let tag = format!("{}-{login}", team_dir::LEARNERS);
    let mut done = Vec::new();
    for name in team_fs::list(&own).map_err(|e| io_failed(&own_path, e))? {
        let path = own_path.join(name.as_str());
        let Some(coach) = team_dir::coach_of_first_layout_name(name.trim_end_matches(".lock")) else {
            // The workbook and anything else: as `--fix` leaves a learner's directory.
            done.extend(fix_learner_file(&own, &own_path, &name, uid, gid, login, quarantine)?);
            continue;
        };
        if name.ends_with(".lock") {
            team_fs::remove_at(&own, &name).map_err(|e| io_failed(&path, e))?;
            done.push(Fixed::Removed(path));
            continue;
        }
        match read_first_layout_record(&own, &name, team, coach, login) {
            Ok((text, coach_uid)) => {
                let to = paths.coach_file(login, coach);
                write_record(&records, &to, &text, coach_uid, gid, uid)?;
                team_fs::remove_at(&own, &name).map_err(|e| io_failed(&path, e))?;
                done.push(Fixed::Moved { from: path, to });
            }
            Err(why) => done.push(quarantine.take(&own, &own_path, &name, &tag, why)?),
        }
    }
    Ok(done)
}

/// A coach's file of the first layout, read through its descriptor: its
/// text and its coach's uid, when it passes the rule a reader applies.
fn read_first_layout_record(
    dir: &OwnedFd,
    name: &str,
    team: &TeamFile,
    coach: &str,
    learner: &str,
) -> Result<(String, u32), Why> {
    let Some((fd, stat)) = look(dir, name).filter(|(_, stat)| is_regular(stat)) else { return Err(Why::NotAFile) };
    let mut text = String::new();
    let mut file = std::fs::File::from(fd);
    let read = (&mut file).take(store::MAX_WORKBOOK_BYTES + 1).read_to_string(&mut text);
    if read.is_err() || text.len() as u64 > store::MAX_WORKBOOK_BYTES {
        return Err(Why::Stray);
    }
    let record = store::parse(&text, Path::new(name)).map_err(|_| Why::Stray)?;
    let ownership = team_dir::Ownership {
        uid: stat.st_uid,
        mode: stat.st_mode & 0o7777,
        regular: true,
        changed: stat.st_ctime,
        links: stat.st_nlink,
    };
    team_dir::verify_coach_file(team, ownership, &record, coach, learner, now(), identity::login_of)
        .map_err(|why| Why::Fails(Box::new(why)))?;
    // In the first layout the learner could keep an old file of the coach's
    // aside and rename it back: its inode then changed long after its newest
    // entry (keiko writes and renames within seconds). Such a file is not
    // carried into the new layout, where it could no longer be told apart.
    if team_dir::newest_time(&record).is_none_or(|newest| stat.st_ctime > newest + FIRST_LAYOUT_GRACE_SECONDS) {
        return Err(Why::ChangedSinceWritten);
    }
    Ok((text, stat.st_uid))
}

/// Writes a coach's record as a new file in `records` (at `to`): made by
/// root under a temporary name, given to the coach with mode 0640 and the
/// learner's read ACL, synced, then renamed into place (never over a file).
fn write_record(records: &OwnedFd, to: &Path, text: &str, coach: u32, gid: u32, reader: u32) -> Result<(), AdminError> {
    let name = to.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let temp = format!(".{name}.migrate.tmp");
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = rustix::fs::openat(records, temp.as_str(), flags, Mode::from_raw_mode(0o600))
        .map_err(|e| io_failed(to, e.into()))?;
    let mut file = std::fs::File::from(fd);
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| team_fs::set_owner_and_mode(&file, coach, Some(gid), modes::COACH_FILE))
        .and_then(|()| team_fs::grant_file_reader(&file, reader))
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            rustix::fs::renameat_with(records, temp.as_str(), records, name, rustix::fs::RenameFlags::NOREPLACE)
                .map_err(Into::into)
        });
    if let Err(e) = written {
        let _ = team_fs::remove_at(records, &temp);
        return Err(io_failed(to, e));
    }
    let _ = rustix::fs::fsync(records);
    Ok(())
}
