//! The only code that touches a workbook file: where it lives, the lock,
//! reading, and durable atomic writes.
//!
//! Every change is a read-latest → apply → atomic write under an exclusive
//! lock on a sidecar file (`workbook.toml.lock`), so a learner and a coach
//! working on one workbook at once never lose each other's changes.

use std::ffi::CString;
use std::fmt;
use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::framework::Framework;
use crate::text::line_col;
use crate::workbook::{Change, FrameworkRef, SCHEMA, Stamp, Workbook};

/// A workbook larger than this is not one keiko wrote; refuse rather than
/// try to load it into memory.
const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;

/// How long a change waits for another keiko's lock before giving up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Why a workbook could not be read or written. Every variant names the file.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// The operating system refused (permissions, missing directory, disk full…).
    Io { path: PathBuf, action: &'static str, message: String },
    /// Not valid TOML, or not a workbook's shape.
    Corrupt { path: PathBuf, line: usize, col: usize, message: String },
    /// Written by a keiko that knows a newer format.
    NewerSchema { path: PathBuf, found: u32 },
    /// The path is a symbolic link; keiko never writes through one.
    Symlink { path: PathBuf },
    /// The path is not a regular file (a directory, a device).
    NotAFile { path: PathBuf },
}

impl StoreError {
    pub fn path(&self) -> &Path {
        match self {
            StoreError::Io { path, .. }
            | StoreError::Corrupt { path, .. }
            | StoreError::NewerSchema { path, .. }
            | StoreError::Symlink { path }
            | StoreError::NotAFile { path } => path,
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Io { path, action, message } => {
                write!(f, "{}: cannot {action}: {message}", path.display())
            }
            StoreError::Corrupt { path, line, col, message } => {
                let shown = path.display();
                let quoted = shell_quote(&shown.to_string());
                let aside = shell_quote(&format!("{shown}.broken"));
                write!(
                    f,
                    "{shown}:{line}:{col}: {message}\n\
                     keiko has not changed this file. To keep it and start a new workbook, move it aside:\n    \
                     mv {quoted} {aside}"
                )
            }
            StoreError::NewerSchema { path, found } => write!(
                f,
                "{}: this workbook has format version {found}, newer than this keiko understands ({SCHEMA}); \
                 it was left unchanged. Use a newer keiko to open it.",
                path.display()
            ),
            StoreError::Symlink { path } => write!(
                f,
                "{}: is a symbolic link; keiko never writes through a link. Use --file with the real path ({}).",
                path.display(),
                fs::canonicalize(path).map_or_else(|_| "its target".to_string(), |p| p.display().to_string())
            ),
            StoreError::NotAFile { path } => {
                write!(f, "{}: is not a regular file", path.display())
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// A path quoted for a POSIX shell, so the advice can be pasted as it is.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The OS error in words, without the "(os error 13)" tail.
pub fn describe_io_error(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_lowercase(),
        None => text,
    }
}

/// What identifies one version of the file on disk, to notice changes
/// made by another process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    inode: u64,
    len: u64,
    mtime: i64,
    mtime_nsec: i64,
}

pub fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let meta = fs::metadata(path).ok()?;
    Some(Fingerprint { inode: meta.ino(), len: meta.len(), mtime: meta.mtime(), mtime_nsec: meta.mtime_nsec() })
}

/// The workbook path: `--file`, else `KEIKO_FILE`, else the data directory
/// (`$XDG_DATA_HOME/keiko/workbook.toml` on Linux).
pub fn resolve_path(flag: Option<PathBuf>, env: impl Fn(&str) -> Option<String>) -> Result<PathBuf, String> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(path) = env("KEIKO_FILE").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "keiko")
        .map(|dirs| dirs.data_dir().join("workbook.toml"))
        .ok_or_else(|| "cannot find a home directory for the workbook; set KEIKO_FILE or use --file".to_string())
}

/// Parses workbook TOML; `path` only names the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<Workbook, StoreError> {
    let corrupt = |line, col, message: String| StoreError::Corrupt { path: path.to_path_buf(), line, col, message };
    match toml::from_str::<Workbook>(text) {
        Ok(workbook) if workbook.schema == SCHEMA => Ok(workbook),
        Ok(workbook) if workbook.schema > SCHEMA => {
            Err(StoreError::NewerSchema { path: path.to_path_buf(), found: workbook.schema })
        }
        Ok(workbook) => {
            let (line, col) = position_of_key(text, "schema");
            Err(corrupt(line, col, format!("unknown workbook format version {}", workbook.schema)))
        }
        Err(e) => {
            // A newer format may fail to parse as this one: say so rather than
            // report a confusing type error.
            if let Some(found) = schema_of(text).filter(|&s| s > SCHEMA) {
                return Err(StoreError::NewerSchema { path: path.to_path_buf(), found });
            }
            let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            Err(corrupt(line, col, e.message().trim().to_string()))
        }
    }
}

fn schema_of(text: &str) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct Probe {
        schema: u32,
    }
    toml::from_str::<Probe>(text).ok().map(|p| p.schema)
}

fn position_of_key(text: &str, key: &str) -> (usize, usize) {
    text.lines().position(|l| l.trim_start().starts_with(key)).map_or((1, 1), |i| (i + 1, 1))
}

/// Serializes a workbook as hand-readable TOML (multi-line notes as `"""` strings).
pub fn to_toml(workbook: &Workbook) -> String {
    toml::to_string_pretty(workbook).expect("a workbook always serializes")
}

/// One workbook file.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    /// The framework a new workbook is made with.
    framework: FrameworkRef,
}

impl Store {
    /// A store for the workbook at `path`, made with `framework` when new.
    pub fn new(path: impl Into<PathBuf>, framework: &Framework) -> Store {
        Store {
            path: path.into(),
            framework: FrameworkRef { id: framework.id.clone(), version: framework.version.clone() },
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        self.path.with_file_name(name)
    }

    fn dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    fn io_error(&self, action: &'static str, e: &io::Error) -> StoreError {
        StoreError::Io { path: self.path.clone(), action, message: describe_io_error(e) }
    }

    /// The workbook on disk; `None` when there is no file yet.
    pub fn read(&self) -> Result<Option<Workbook>, StoreError> {
        let meta = match fs::metadata(&self.path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(self.io_error("read the workbook", &e)),
        };
        if !meta.is_file() {
            return Err(StoreError::NotAFile { path: self.path.clone() });
        }
        if meta.len() > MAX_WORKBOOK_BYTES {
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                line: 1,
                col: 1,
                message: format!("the file is {} bytes, too large to be a workbook", meta.len()),
            });
        }
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(self.io_error("read the workbook", &e)),
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let (line, col) = line_col(&String::from_utf8_lossy(&e.as_bytes()[..valid]), valid);
            StoreError::Corrupt {
                path: self.path.clone(),
                line,
                col,
                message: format!("not UTF-8 text (invalid byte at offset {valid}); is this a workbook?"),
            }
        })?;
        parse(&text, &self.path).map(Some)
    }

    /// The workbook on disk, or a new empty one when there is no file yet.
    pub fn read_or_new(&self) -> Result<Workbook, StoreError> {
        Ok(self.read()?.unwrap_or_else(|| Workbook::made_with(self.framework.clone())))
    }

    /// Refuses paths keiko must not write: symbolic links, and files or
    /// directories the user has no write permission for.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        match fs::symlink_metadata(&self.path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(StoreError::Symlink { path: self.path.clone() });
            }
            Ok(meta) if !meta.is_file() => {
                return Err(StoreError::NotAFile { path: self.path.clone() });
            }
            Ok(_) => {
                if !access_writable(&self.path) {
                    return Err(StoreError::Io {
                        path: self.path.clone(),
                        action: "write the workbook",
                        message: "permission denied".into(),
                    });
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(self.io_error("read the workbook", &e)),
        }
        let dir = self.dir();
        if dir.exists() && !access_writable(&dir) {
            return Err(StoreError::Io {
                path: self.path.clone(),
                action: "write the workbook",
                message: format!("the directory {} is not writable", dir.display()),
            });
        }
        Ok(())
    }

    /// Applies `edit` to the latest workbook on disk and writes it back
    /// atomically, all under the lock. Nothing is written when `edit` leaves
    /// the workbook as it was. Returns the workbook as now on disk.
    pub fn update<R>(&self, edit: impl FnOnce(&mut Workbook) -> R) -> Result<(Workbook, R), StoreError> {
        self.update_seen(edit).map(|(workbook, result, _)| (workbook, result))
    }

    /// `update`, also returning the fingerprint of the file as this update
    /// left it, taken under the lock so another process's later write is
    /// never mistaken for ours.
    pub fn update_seen<R>(
        &self,
        edit: impl FnOnce(&mut Workbook) -> R,
    ) -> Result<(Workbook, R, Option<Fingerprint>), StoreError> {
        self.check_writable()?;
        let _lock = self.lock()?;
        let existing = match fs::metadata(&self.path) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(self.io_error("read the workbook", &e)),
        };
        let before = self.read_or_new()?;
        let mut workbook = before.clone();
        let result = edit(&mut workbook);
        if workbook != before || existing.is_none() {
            self.write_atomic(&to_toml(&workbook), existing.as_ref())
                .map_err(|e| self.io_error("write the workbook", &e))?;
        }
        Ok((workbook, result, fingerprint(&self.path)))
    }

    /// Applies one change; returns the workbook on disk and whether it changed.
    pub fn apply(&self, change: &Change, stamp: &Stamp, undo: bool) -> Result<(Workbook, bool), StoreError> {
        self.update(|wb| wb.apply(change, stamp, undo))
    }

    /// Takes the exclusive lock on the sidecar lock file, waiting for another
    /// keiko to finish its write. Released when the returned file is dropped.
    fn lock(&self) -> Result<File, StoreError> {
        let dir = self.dir();
        if !dir.exists() {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(&dir)
                .map_err(|e| self.io_error("create the workbook's directory", &e))?;
        }
        // The lock file is shared like the workbook: same permission bits.
        let mode = fs::metadata(&self.path).map_or_else(|_| self.new_file_mode(), |m| m.mode() & 0o666);
        let lock_path = self.lock_path();
        let open = |write: bool| {
            OpenOptions::new()
                .read(true)
                .write(write)
                .create(write)
                .truncate(false)
                .mode(mode)
                .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
                .open(&lock_path)
        };
        // A coach may only be able to read a learner's lock file; flock works on it all the same.
        let file = open(true)
            .or_else(|e| if e.kind() == io::ErrorKind::PermissionDenied { open(false) } else { Err(e) })
            .map_err(|e| StoreError::Io {
                path: lock_path.clone(),
                action: "open the lock file",
                message: describe_io_error(&e),
            })?;
        // A lock file we own follows the workbook's mode and group, so whoever
        // may write the workbook may also take its lock.
        if let (Ok(lock_meta), Ok(meta)) = (file.metadata(), fs::metadata(&self.path))
            && lock_meta.uid() == meta.uid()
        {
            let _ = std::os::unix::fs::fchown(&file, None, Some(meta.gid()));
            let _ = file.set_permissions(Permissions::from_mode(meta.mode() & 0o666));
        }
        // Writes take milliseconds; a lock held far longer is a stuck process,
        // and waiting forever would hang the app (and an exit that saves a note).
        let deadline = std::time::Instant::now() + LOCK_WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Io {
                        path: lock_path,
                        action: "lock the workbook",
                        message: format!("another program has held the lock for over {} seconds", LOCK_WAIT.as_secs()),
                    });
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(StoreError::Io {
                        path: lock_path,
                        action: "lock the workbook",
                        message: describe_io_error(&e),
                    });
                }
            }
        }
    }

    /// A new workbook is private (0600), except in a shared team directory
    /// (one with the setgid bit), where the user's umask decides, so that
    /// `umask 007` makes it readable and writable by the team's group.
    fn new_file_mode(&self) -> u32 {
        let shared = fs::metadata(self.dir()).is_ok_and(|m| m.mode() & 0o2000 != 0);
        if shared { 0o666 & !current_umask() } else { 0o600 }
    }

    /// Temp file in the same directory, fsync, rename over, fsync the directory:
    /// a crash at any moment leaves the old file or the new one, never a torn one.
    fn write_atomic(&self, text: &str, existing: Option<&fs::Metadata>) -> io::Result<()> {
        let dir = self.dir();
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        // Hidden and not ending in .toml, so a team directory scan skips it.
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .permissions(Permissions::from_mode(0o600))
            .tempfile_in(&dir)?;
        tmp.write_all(text.as_bytes())?;
        if let Some(meta) = existing {
            // Keep the group first (chown can clear mode bits), then the mode.
            // When the group cannot be kept (we are not a member), the group
            // bits are not given to our own group instead.
            let _ = std::os::unix::fs::fchown(tmp.as_file(), None, Some(meta.gid()));
            let same_group = tmp.as_file().metadata()?.gid() == meta.gid();
            let mode = if same_group { meta.mode() & 0o777 } else { meta.mode() & 0o707 };
            tmp.as_file().set_permissions(Permissions::from_mode(mode))?;
        } else {
            tmp.as_file().set_permissions(Permissions::from_mode(self.new_file_mode()))?;
        }
        tmp.as_file().sync_all()?;
        tmp.persist(&self.path).map_err(|e| e.error)?;
        File::open(&dir)?.sync_all()
    }
}

/// The process's umask, read without changing it; private when unknown.
fn current_umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("Umask:"))?;
            u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
        })
        .unwrap_or(0o077)
}

/// Whether the current user may write `path` (checks permissions, ACLs and read-only mounts).
fn access_writable(path: &Path) -> bool {
    let Ok(c_path) = CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: c_path is a valid NUL-terminated string that outlives the call.
    unsafe { libc::access(c_path.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::time_from_unix;

    fn stamp() -> Stamp {
        Stamp { by: "op-a".into(), at: time_from_unix(1_796_000_000) }
    }

    #[test]
    fn corrupt_errors_name_the_position_and_how_to_move_the_file() {
        let err = parse("schema = 1\nprofile = [\n", Path::new("/tmp/w.toml")).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("/tmp/w.toml:2:12: unclosed array"), "{text}");
        assert!(text.contains("mv '/tmp/w.toml' '/tmp/w.toml.broken'"), "{text}");
    }

    #[test]
    fn a_newer_schema_is_named_as_such() {
        let err = parse("schema = 2\nstatements = 5\n", Path::new("w.toml")).unwrap_err();
        assert_eq!(err, StoreError::NewerSchema { path: "w.toml".into(), found: 2 });
    }

    #[test]
    fn an_unknown_old_schema_is_corrupt() {
        let err = parse("\nschema = 0\n", Path::new("w.toml")).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { line: 2, .. }), "{err:?}");
    }

    #[test]
    fn notes_are_written_as_multi_line_strings() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("w.toml"), &Framework::bundled());
        let note = Change::Note { id: "SM-5.1.1".into(), text: "一行目\n二行目\n".into() };
        store.apply(&note, &stamp(), false).unwrap();
        let text = fs::read_to_string(store.path()).unwrap();
        assert!(text.contains("note = \"\"\"\n一行目\n二行目\n\"\"\""), "{text}");
    }

    #[test]
    fn an_unchanged_workbook_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("w.toml"), &Framework::bundled());
        let check = Change::Check { id: "SM-5.1.1".into(), checked: true };
        store.apply(&check, &stamp(), false).unwrap();
        let before = fingerprint(store.path()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let (_, changed) = store.apply(&check, &stamp(), false).unwrap();
        assert!(!changed);
        assert_eq!(fingerprint(store.path()).unwrap(), before);
    }

    #[test]
    fn the_default_path_honours_keiko_file() {
        let env = |k: &str| (k == "KEIKO_FILE").then(|| "/x/w.toml".to_string());
        assert_eq!(resolve_path(None, env).unwrap(), PathBuf::from("/x/w.toml"));
        assert_eq!(resolve_path(Some("a.toml".into()), env).unwrap(), PathBuf::from("a.toml"));
    }
}
