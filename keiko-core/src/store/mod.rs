//! A workbook file: where it lives, its format (schemas, migrations, what a
//! newer keiko wrote kept), the lock, reading, and durable atomic writes.
//! In a team, who may write which file is `team::access`'s to say.
//!
//! Every change is a read-latest → apply → atomic write under an exclusive
//! lock on a sidecar file (`workbook.toml.lock`), so a learner and a coach
//! working on one workbook at once never lose each other's changes.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::model::framework::Framework;
use crate::model::workbook::{Change, FrameworkRef, SCHEMA, Stamp, Workbook};
pub use crate::os::files::{OsError, ReadFileError, read_regular_file};
use crate::os::files::{open_for_reading, read_opened};
use crate::text::line_col;

/// The largest workbook keiko reads or writes. Parsing costs up to ~80 bytes
/// of memory per byte of TOML (many tiny values), so this keeps opening the
/// worst-shaped workbook of this size under ~200 MB: measured (2026-12-04,
/// `/usr/bin/time -v keiko status`, release build) 191 MB peak RSS for 2 MiB
/// of empty level tables, 163 MB for a 2 MiB array of one-character items
/// under a key keiko does not know (kept, so read in full), 7 MB for a 1 MB
/// note; a 40 MB workbook cost 1.8 GB. Real workbooks are tens of
/// KB; a 1 MB note fits.
pub const MAX_WORKBOOK_BYTES: u64 = 2 * 1024 * 1024;

/// How long a change waits for another keiko's lock before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// What keiko was doing when the operating system refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    ReadWorkbook,
    WriteWorkbook,
    OpenLockFile,
    LockWorkbook,
    CreateDirectory,
}

/// Why the operating system (or the file's shape) stopped an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    Os(OsError),
    /// The workbook's directory may not be written.
    DirectoryNotWritable(PathBuf),
    /// A directory named through `..` that does not exist: never created.
    DirectoryMissing(PathBuf),
    LockIsSymlink,
    LockNotAFile,
    /// A single-file bind mount: a rename cannot replace it.
    MountPoint,
    /// The lock file or workbook was replaced again and again while waiting.
    LockKeepsChanging,
    /// Another program held the lock for longer than keiko waits: how
    /// long keiko waited, and who holds it when the system tells.
    LockHeld {
        wait: Duration,
        holder: Option<LockHolder>,
    },
    /// The lock file is another account's: only its writer may hold it.
    LockNotOurs {
        owner: String,
    },
}

/// A process holding a lock keiko waited for, as `/proc` tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockHolder {
    pub pid: u32,
    /// The login of the process's real uid (`uid N` for one without a
    /// name); `None` when its `/proc/PID` could not be read.
    pub login: Option<String>,
    /// The command's name (`/proc/PID/comm`): what the process calls
    /// itself, which it may set to anything.
    pub command: Option<String>,
}

/// What is wrong inside a file that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Corruption {
    /// The TOML parser's own words (a type error, a syntax error, an unknown key).
    Toml(String),
    /// A format version keiko never wrote.
    UnknownSchema(u32),
    /// Not UTF-8: the offset of the first bad byte.
    NotUtf8 { offset: usize },
}

/// Why a workbook could not be read or written. Every variant names the
/// file; the words, in either language, are `Localized::message` (in i18n).
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// The operating system refused (permissions, missing directory, disk full…).
    Io { path: PathBuf, op: Op, cause: Cause },
    /// Not valid TOML, or not a workbook's shape.
    Corrupt { path: PathBuf, line: usize, col: usize, what: Corruption },
    /// Written by a keiko that knows a newer format (a newer major schema):
    /// `found`, and the version of the keiko that wrote it when the file says.
    NewerSchema { path: PathBuf, found: u32, by: Option<String> },
    /// The path is a symbolic link; keiko never writes through one. `target`
    /// is the real path to use instead, when it could be found.
    Symlink { path: PathBuf, target: Option<PathBuf> },
    /// The path is not a regular file (a directory, a device).
    NotAFile { path: PathBuf },
    /// The file is larger than keiko reads (`MAX_WORKBOOK_BYTES`); not read.
    TooLarge { path: PathBuf, size: u64 },
    /// The change would make the workbook larger than keiko can read back; not written.
    WouldBeTooLarge { path: PathBuf, size: u64 },
    /// Not an error but a warning: the change is saved (renamed into place),
    /// but the directory could not be synced, so a power loss could undo it.
    NotDurable { path: PathBuf, cause: OsError },
    /// In a team: the file fails the rule its readers apply (someone else's,
    /// a second name, changed since written…); keiko will not build on it.
    NotYours { path: PathBuf, why: Box<crate::model::workbook::Unverified> },
}

impl StoreError {
    pub fn path(&self) -> &Path {
        match self {
            StoreError::Io { path, .. }
            | StoreError::Corrupt { path, .. }
            | StoreError::NewerSchema { path, .. }
            | StoreError::Symlink { path, .. }
            | StoreError::NotAFile { path }
            | StoreError::TooLarge { path, .. }
            | StoreError::WouldBeTooLarge { path, .. }
            | StoreError::NotDurable { path, .. }
            | StoreError::NotYours { path, .. } => path,
        }
    }

    /// A symbolic link, with the real path to suggest found now (never when
    /// the error is shown: showing does no I/O).
    fn symlink(path: &Path) -> StoreError {
        StoreError::Symlink { path: path.to_path_buf(), target: fs::canonicalize(path).ok() }
    }
}

/// A path quoted for a POSIX shell, so the advice can be pasted as it is.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// What identifies one version of the file on disk, to notice changes
/// made by another process: as git's index does, device, inode, size, and
/// the change and modification times to the nanosecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(from = "FingerprintArray", into = "FingerprintArray")]
pub struct Fingerprint {
    dev: u64,
    inode: u64,
    len: u64,
    mtime: i64,
    mtime_nsec: i64,
    ctime: i64,
    ctime_nsec: i64,
}

/// A fingerprint as the summary cache keeps it: seven numbers, no names.
type FingerprintArray = (u64, u64, u64, i64, i64, i64, i64);

impl From<FingerprintArray> for Fingerprint {
    fn from((dev, inode, len, mtime, mtime_nsec, ctime, ctime_nsec): FingerprintArray) -> Fingerprint {
        Fingerprint { dev, inode, len, mtime, mtime_nsec, ctime, ctime_nsec }
    }
}

impl From<Fingerprint> for FingerprintArray {
    fn from(f: Fingerprint) -> FingerprintArray {
        (f.dev, f.inode, f.len, f.mtime, f.mtime_nsec, f.ctime, f.ctime_nsec)
    }
}

pub fn fingerprint(path: &Path) -> Option<Fingerprint> {
    fs::metadata(path).ok().map(|meta| Fingerprint::of_metadata(&meta))
}

/// The workbook path: `--file`, else `KEIKO_FILE`, else the data directory
/// (`$XDG_DATA_HOME/keiko/workbook.toml` on Linux); `None` without a home directory.
pub fn resolve_path(flag: Option<PathBuf>, env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(path) = flag {
        return Some(path);
    }
    if let Some(path) = env("KEIKO_FILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "keiko").map(|dirs| dirs.data_dir().join("workbook.toml"))
}

/// The version of this keiko, written into every workbook it writes
/// (`keiko = "0.1.0"`): a keiko that cannot read the file names it.
pub const KEIKO_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The steps of the workbook format: each brings a file of schema `from` to
/// `from + 1`. A file of an older schema is brought up to date in memory,
/// step by step, and written in the current schema at its next change
/// (never before: reading writes nothing). A new schema is one more step
/// here, and one test of it.
///
/// `schema` is the format's major version: it changes only when an older
/// keiko would misread a file. What a newer keiko adds (a field, a table, a
/// history verb) keeps the schema: an older keiko reads the rest and keeps
/// the new parts through its rewrites (`to_toml_keeping`).
pub const MIGRATIONS: &[(u32, Step)] = &[(1, Step::Workbook(schema_1_to_2))];

/// What one migration step works on.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    /// The file reads as the next schema as it is: the step fixes up the
    /// workbook read (the cheap way: a coach reads thousands of old files).
    Workbook(fn(&mut Workbook)),
    /// The file's TOML must change before it can be read (a key renamed or
    /// moved): the step works on the table, before the workbook is read.
    Table(fn(&mut toml::Table)),
}

/// Schema 1 to 2: schema 2 names the keiko that wrote the file
/// (`keiko = "…"`, written at every save) and has readers keep what they do
/// not know. A keiko of schema 1 refused any key it did not know, so the
/// new `keiko` key needed a new schema for it to say "newer" rather than
/// "corrupt". Nothing a schema-1 file holds changes meaning.
fn schema_1_to_2(_workbook: &mut Workbook) {}

/// The steps from `schema` on.
fn steps_from(schema: u32) -> impl Iterator<Item = &'static Step> {
    MIGRATIONS.iter().filter(move |(from, _)| *from >= schema).map(|(_, step)| step)
}

/// A file's TOML brought up to the current schema (`MIGRATIONS`); the
/// error a file of no schema any keiko wrote, or of a newer one, gets.
fn migrated(text: &str, path: &Path) -> Result<toml::Table, StoreError> {
    let mut table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        StoreError::Corrupt {
            path: path.to_path_buf(),
            line,
            col,
            what: Corruption::Toml(e.message().trim().to_string()),
        }
    })?;
    let schema = table.get("schema").and_then(toml::Value::as_integer).unwrap_or(0);
    let schema = u32::try_from(schema).unwrap_or(0);
    if schema > SCHEMA {
        return Err(newer(&table, schema, path));
    }
    if schema < MIGRATIONS.first().map_or(SCHEMA, |(from, _)| *from) {
        let (line, col) = position_of_key(text, "schema");
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            line,
            col,
            what: Corruption::UnknownSchema(schema),
        });
    }
    for step in steps_from(schema) {
        if let Step::Table(step) = step {
            step(&mut table);
        }
    }
    table.insert("schema".into(), toml::Value::Integer(i64::from(SCHEMA)));
    Ok(table)
}

/// The refusal of a file of a newer schema, naming the keiko that wrote it.
fn newer(file: &toml::Table, found: u32, path: &Path) -> StoreError {
    let by = file.get("keiko").and_then(toml::Value::as_str).map(str::to_string);
    StoreError::NewerSchema { path: path.to_path_buf(), found, by }
}

/// Parses workbook TOML; `path` only names the file in errors. A file of
/// the current schema is read directly (the fast path: a coach's summary
/// reads thousands); one of an older schema is migrated first.
pub fn parse(text: &str, path: &Path) -> Result<Workbook, StoreError> {
    match toml::from_str::<Workbook>(text) {
        Ok(workbook) if workbook.schema == SCHEMA => Ok(workbook),
        // Steps that need no change to the TOML work on what was read.
        Ok(mut workbook)
            if (1..SCHEMA).contains(&workbook.schema)
                && steps_from(workbook.schema).all(|step| matches!(step, Step::Workbook(_))) =>
        {
            migrate(&mut workbook);
            Ok(workbook)
        }
        Ok(_) => parse_migrated(text, path),
        Err(e) => {
            // A newer format may fail to parse as this one: say so rather than
            // report a confusing type error. An older one may parse once migrated.
            if let Ok(table) = text.parse::<toml::Table>() {
                match table.get("schema").and_then(toml::Value::as_integer) {
                    Some(found) if found > i64::from(SCHEMA) => {
                        return Err(newer(&table, u32::try_from(found).unwrap_or(u32::MAX), path));
                    }
                    Some(found) if found >= 1 && found < i64::from(SCHEMA) => {
                        if let Ok(workbook) = parse_migrated(text, path) {
                            return Ok(workbook);
                        }
                    }
                    _ => {}
                }
            }
            let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                line,
                col,
                what: Corruption::Toml(e.message().trim().to_string()),
            })
        }
    }
}

/// A file of another schema than this keiko's, migrated and read.
fn parse_migrated(text: &str, path: &Path) -> Result<Workbook, StoreError> {
    let schema = schema_of(text);
    let table = migrated(text, path)?;
    let mut workbook = table.try_into::<Workbook>().map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        line: 1,
        col: 1,
        what: Corruption::Toml(e.message().trim().to_string()),
    })?;
    workbook.schema = schema;
    migrate(&mut workbook);
    Ok(workbook)
}

/// The schema a file says it is of (0 when it does not say).
fn schema_of(text: &str) -> u32 {
    #[derive(serde::Deserialize)]
    struct Probe {
        schema: u32,
    }
    toml::from_str::<Probe>(text).map_or(0, |p| p.schema)
}

/// The workbook steps (`Step::Workbook`) from its schema on; then it is of this one.
fn migrate(workbook: &mut Workbook) {
    for step in steps_from(workbook.schema) {
        if let Step::Workbook(step) = step {
            step(workbook);
        }
    }
    workbook.schema = SCHEMA;
}

/// Parses a workbook as a coach's summary needs it, at a fraction of the
/// cost for one with a long history. Everything before the history (where
/// keiko writes it: last, oldest entry first) is parsed as TOML; the history's
/// entries, most of a heavy workbook's bytes, are read line by line as keiko
/// writes them (`at = …`, `by = "…"`, `what = "…"`, `target = "…"`). A file
/// laid out otherwise (hand-edited) is parsed in full. Lenient on a history
/// that is broken: the summary then keeps its last entry only, and the error
/// shows when the learner is opened (a full read).
///
/// For a file `parse` reads, the result is `parse`'s, but for the history's
/// `by` (no summary names who made a change), which is empty when the
/// history was read line by line.
pub fn parse_for_summary(text: &str, path: &Path) -> Result<Workbook, StoreError> {
    const HISTORY: &str = "\n[[history]]\n";
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Tail {
        history: Vec<crate::model::workbook::HistoryEntry>,
    }
    let Some(first) = text.find(HISTORY) else { return parse(text, path) };
    // The first `[[history]]` line may be inside a note (a multi-line
    // string): the part before it then ends inside the string and does not
    // parse. Only the whole file can tell a broken workbook from that.
    let Ok(mut workbook) = parse(&text[..first + 1], path) else { return parse(text, path) };
    if !workbook.history.is_empty() {
        return parse(text, path);
    }
    if let Some(history) = scan_history(&text[first + HISTORY.len()..]) {
        workbook.history = history;
        return Ok(workbook);
    }
    let last = text.rfind(HISTORY).unwrap_or(first);
    match (parse(text, path), toml::from_str::<Tail>(&text[last + 1..])) {
        (Ok(full), _) => Ok(full),
        (Err(_), Ok(tail)) if tail.history.len() == 1 => {
            workbook.history = tail.history;
            Ok(workbook)
        }
        (Err(e), _) => Err(e),
    }
}

/// The history's entries, read as keiko writes them: `None` at the first
/// line written any other way (the caller then parses the TOML). `text`
/// starts with the first entry's fields. One pass over the lines: a heavy
/// workbook's history is 500 entries, a team's tens of thousands of files.
fn scan_history(text: &str) -> Option<Vec<crate::model::workbook::HistoryEntry>> {
    /// A string keiko wrote without escapes; anything else is left to TOML.
    fn plain(value: &str) -> Option<&str> {
        value.strip_prefix('"')?.strip_suffix('"').filter(|s| !s.bytes().any(|b| b == b'\\' || b == b'"'))
    }
    #[derive(Default)]
    struct Fields<'a> {
        at: Option<crate::clock::Time>,
        what: Option<&'a str>,
        target: &'a str,
        undo: bool,
    }
    let finish = |f: Fields| crate::model::workbook::HistoryEntry::from_fields(f.at?, "", f.what?, f.target, f.undo);
    let mut entries = Vec::with_capacity(crate::model::workbook::HISTORY_LIMIT);
    let mut fields = Fields::default();
    let mut rest = text;
    while !rest.is_empty() {
        // Short lines: a plain loop beats setting up a searcher for each.
        let end = rest.bytes().position(|b| b == b'\n').unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or_default();
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line == "[[history]]" {
            entries.push(finish(std::mem::take(&mut fields))?);
            continue;
        }
        if line.is_empty() {
            continue;
        }
        // `key = value`, spaced exactly as keiko writes it; else TOML reads it.
        let equals = line.bytes().position(|b| b == b'=')?;
        let (key, value) = (line[..equals].strip_suffix(' ')?, line[equals + 1..].strip_prefix(' ')?);
        match key {
            "at" => fields.at = Some(crate::clock::parse_utc_second(value).or_else(|| value.parse().ok())?),
            // Checked, not kept: no summary names who made a change.
            "by" => plain(value).map(|_| ())?,
            "what" => fields.what = Some(plain(value)?),
            "target" => fields.target = plain(value)?,
            "undo" if value == "true" => fields.undo = true,
            _ => return None,
        }
    }
    entries.push(finish(fields)?);
    Some(entries)
}

fn position_of_key(text: &str, key: &str) -> (usize, usize) {
    text.lines().position(|l| l.trim_start().starts_with(key)).map_or((1, 1), |i| (i + 1, 1))
}

/// Serializes a workbook as hand-readable TOML (multi-line notes as `"""`
/// strings), naming this keiko right after the schema. A workbook read is
/// in the current schema whatever the file's was (`parse` migrates it).
pub fn to_toml(workbook: &Workbook) -> String {
    let body = toml::to_string_pretty(workbook).expect("a workbook always serializes");
    // `schema` is the first field, so the first line.
    let (first, rest) = body.split_once('\n').unwrap_or((&body, ""));
    format!("{first}\nkeiko = \"{KEIKO_VERSION}\"\n{rest}")
}

/// The text to write for `after`, made from the file `original` (as read,
/// which parsed as `before`), keeping whatever this keiko does not know:
/// the fields and tables a newer keiko wrote, with their values, where they
/// were (in a table this keiko also writes), through every rewrite.
///
/// How, and why this way: the workbook's structs stay as they are (no
/// catch-all field in each), so reading, which a coach's summary does ten
/// thousand times, costs what it did. Only a write compares: the file as
/// read (`original`, migrated as `parse` migrated it) against what this
/// keiko understood of it (`before` written again, `known`). Any key in
/// `original` and not in `known`, at any depth, is copied into the new text
/// at the same place, if that place is still there. Elements of arrays of
/// tables (`[[history]]`, `[[competencies.X.comments]]`) are matched by
/// their known part, not their index: the history loses its oldest entries
/// and gains new ones. A key this keiko knows and removed on purpose is in
/// `known`, so it is never brought back. The new text is keiko's own, with
/// the kept keys inserted by a TOML editor: a table that was wholly
/// unknown goes before the history, which stays last for the summary's
/// quick read. A file keiko wrote itself, with nothing unknown in it, is
/// what `before` writes: then there is nothing to compare.
pub fn to_toml_keeping(original: &str, before: &Workbook, after: &Workbook) -> String {
    keeping(original, before, after).0
}

/// `to_toml_keeping`, and whether anything was carried over.
fn keeping(original: &str, before: &Workbook, after: &Workbook) -> (String, bool) {
    let written = to_toml(after);
    if original == to_toml(before) {
        return (written, false);
    }
    // `original` parsed as `before`, so it parses and migrates.
    let Ok(original) = migrated(original, Path::new("")) else { return (written, false) };
    let known = known_table(before);
    if original == known {
        return (written, false);
    }
    let Ok(mut doc) = written.parse::<toml_edit::DocumentMut>() else { return (written, false) };
    let root = doc.as_table_mut();
    let keys_before: Vec<String> = root.iter().map(|(k, _)| k.to_string()).collect();
    let carried = carry_over(&original, &known, &known_table(after), root, false);
    if !carried {
        return (written, false);
    }
    // Whole tables this keiko does not know go before the history, which
    // the summary's quick read expects last.
    let history = root.get("history").and_then(toml_edit::Item::as_array_of_tables);
    if let Some(before_history) = history.and_then(|h| h.iter().next()).and_then(toml_edit::Table::position) {
        for (key, item) in root.iter_mut() {
            if keys_before.iter().any(|k| k == key.get()) {
                continue;
            }
            match item {
                toml_edit::Item::Table(table) => table.set_position(Some(before_history - 1)),
                toml_edit::Item::ArrayOfTables(tables) => {
                    tables.iter_mut().for_each(|t| t.set_position(Some(before_history - 1)));
                }
                _ => {}
            }
        }
    }
    (doc.to_string(), true)
}

/// What this keiko writes of `workbook`, as a table: the keys it knows.
fn known_table(workbook: &Workbook) -> toml::Table {
    let mut table = toml::Table::try_from(workbook).unwrap_or_default();
    table.insert("keiko".into(), toml::Value::String(KEIKO_VERSION.into()));
    table
}

/// Copies into `new` (what is written, an inline table when `inline`) every
/// key of `original` that `known` lacks, at any depth; `after` is `new` as a
/// table, to match elements of arrays of tables by. Whether it copied any.
fn carry_over(
    original: &toml::Table,
    known: &toml::Table,
    after: &toml::Table,
    new: &mut dyn toml_edit::TableLike,
    inline: bool,
) -> bool {
    let mut carried = false;
    for (key, value) in original {
        let Some(known_value) = known.get(key) else {
            if !new.contains_key(key) {
                new.insert(key, if inline { toml_edit::Item::Value(edit_value(value)) } else { edit_item(value) });
                carried = true;
            }
            continue;
        };
        if value == known_value {
            continue;
        }
        let (Some(after_value), Some(slot)) = (after.get(key), new.get_mut(key)) else { continue };
        match (value, known_value, after_value) {
            (toml::Value::Table(o), toml::Value::Table(k), toml::Value::Table(a)) => {
                let inline = slot.is_inline_table();
                if let Some(table) = slot.as_table_like_mut() {
                    carried |= carry_over(o, k, a, table, inline);
                }
            }
            (toml::Value::Array(o), toml::Value::Array(k), toml::Value::Array(a)) => {
                if let Some(tables) = slot.as_array_of_tables_mut() {
                    carried |= carry_over_elements(o, k, a, tables);
                }
            }
            _ => {}
        }
    }
    carried
}

/// `carry_over` for an array of tables: each element of `original` goes to
/// the element of `new` whose known part is the same (`known` is
/// `original`'s, `after` is `new`'s), looked for from where the last one
/// was found, so that equal entries keep their order; an element no
/// longer there takes its unknown keys with it.
fn carry_over_elements(
    original: &[toml::Value],
    known: &[toml::Value],
    after: &[toml::Value],
    new: &mut toml_edit::ArrayOfTables,
) -> bool {
    let mut carried = false;
    let mut used = vec![false; after.len()];
    let mut next = 0;
    for (o, k) in original.iter().zip(known) {
        let Some(j) = (next..after.len()).chain(0..next).find(|&j| !used[j] && after[j] == *k) else { continue };
        used[j] = true;
        next = j + 1;
        if let (toml::Value::Table(o), toml::Value::Table(k), toml::Value::Table(a), Some(table)) =
            (o, k, &after[j], new.get_mut(j))
            && o != k
        {
            carried |= carry_over(o, k, a, table, false);
        }
    }
    carried
}

/// A value read as `toml` gives it, as the TOML editor writes it: tables
/// as `[tables]`, arrays of tables as `[[tables]]`.
fn edit_item(value: &toml::Value) -> toml_edit::Item {
    match value {
        toml::Value::Table(table) => {
            let mut out = toml_edit::Table::new();
            out.set_position(None);
            for (key, value) in table {
                out.insert(key, edit_item(value));
            }
            // A table of tables alone needs no header of its own.
            let tables_alone = out.iter().all(|(_, item)| item.is_table() || item.is_array_of_tables());
            out.set_implicit(tables_alone);
            toml_edit::Item::Table(out)
        }
        toml::Value::Array(array) if !array.is_empty() && array.iter().all(toml::Value::is_table) => {
            let mut out = toml_edit::ArrayOfTables::new();
            for element in array {
                if let toml_edit::Item::Table(table) = edit_item(element) {
                    out.push(table);
                }
            }
            toml_edit::Item::ArrayOfTables(out)
        }
        value => toml_edit::Item::Value(edit_value(value)),
    }
}

/// A value as the TOML editor writes it inline.
fn edit_value(value: &toml::Value) -> toml_edit::Value {
    match value {
        toml::Value::String(s) => s.as_str().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => (*f).into(),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => (*d).into(),
        toml::Value::Array(array) => toml_edit::Value::Array(array.iter().map(edit_value).collect()),
        toml::Value::Table(table) => {
            toml_edit::Value::InlineTable(table.iter().map(|(k, v)| (k.clone(), edit_value(v))).collect())
        }
    }
}

/// One workbook file.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    /// The framework a new workbook is made with.
    framework: FrameworkRef,
    /// How long a change waits for another program's lock.
    lock_wait: Duration,
    /// A warning about the last change that was saved all the same (see `take_warning`).
    warning: Arc<Mutex<Option<StoreError>>>,
    /// The text this store last wrote, when it carried nothing over: a file
    /// still holding it has nothing this keiko does not know, so the next
    /// change need not compare (`to_toml_keeping`). Saves writing the
    /// workbook twice for each change of a session.
    plain: Arc<Mutex<Option<String>>>,
    /// In a team: the mode every write gives the file, and its lock file's.
    modes: Option<Modes>,
    /// In a team: the lock file, where only this writer can create or open
    /// it. The file itself is then not locked: anyone who may read a file
    /// can `flock` it, and so could stop its writer.
    lock_at: Option<PathBuf>,
    /// In a team: the uid whose file this must be. It is then read without
    /// following a link, and only as a regular file with one name owned by
    /// this uid, writable by no one else.
    owner: Option<u32>,
}

/// Fixed modes for a file and its lock (team mode), whatever the umask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modes {
    pub file: u32,
    pub lock: u32,
}

/// The locks a change holds: the sidecar lock file, and the workbook file
/// itself. Released when dropped.
struct Locked {
    _sidecar: File,
    /// The workbook as locked: the change reads this very file.
    workbook: File,
}

impl Store {
    /// A store for the workbook at `path`, made with `framework` when new.
    pub fn new(path: impl Into<PathBuf>, framework: &Framework) -> Store {
        Store {
            path: path.into(),
            framework: FrameworkRef { id: framework.id.clone(), version: framework.version.clone() },
            lock_wait: LOCK_WAIT,
            warning: Arc::default(),
            plain: Arc::default(),
            modes: None,
            lock_at: None,
            owner: None,
        }
    }

    /// The same store, reading and building only on a file of `uid`'s (see `owner`).
    pub fn owned_by(mut self, uid: u32) -> Store {
        self.owner = Some(uid);
        self
    }

    /// Whether an opened file is the one `owned_by` asks for.
    fn check_owner(&self, meta: &fs::Metadata) -> Result<(), StoreError> {
        use crate::model::workbook::Unverified;
        let Some(uid) = self.owner else { return Ok(()) };
        let why = if meta.uid() != uid {
            let name = |uid| crate::os::identity::login_of(uid).unwrap_or_else(|| format!("uid {uid}"));
            Unverified::OwnerIsNotNamed { owner: name(meta.uid()), named: name(uid) }
        } else if !meta.is_file() {
            Unverified::NotARegularFile
        } else if meta.nlink() != 1 {
            Unverified::Linked { links: meta.nlink() }
        } else if meta.mode() & 0o022 != 0 {
            Unverified::FileWritable
        } else {
            return Ok(());
        };
        Err(StoreError::NotYours { path: self.path.clone(), why: Box::new(why) })
    }

    /// Opens the file to read it: in a team never through a link.
    fn open(&self) -> io::Result<File> {
        if self.owner.is_none() {
            return open_for_reading(&self.path);
        }
        OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
            .open(&self.path)
    }

    /// The same store, taking its lock at `lock` (see `lock_at`).
    pub fn with_lock_at(mut self, lock: impl Into<PathBuf>) -> Store {
        self.lock_at = Some(lock.into());
        self
    }

    /// The same store, giving the file and its lock these modes at every
    /// write (team mode: a mode loosened by hand is put right at once).
    pub fn with_modes(mut self, modes: Modes) -> Store {
        self.modes = Some(modes);
        self
    }

    /// The same store, waiting at most `wait` for another program's lock (5 s by default).
    pub fn with_lock_wait(mut self, wait: Duration) -> Store {
        self.lock_wait = wait;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A warning about the last saved change, once: the change is on disk,
    /// but not everything that makes it durable succeeded.
    pub fn take_warning(&self) -> Option<StoreError> {
        self.warning.lock().ok()?.take()
    }

    fn lock_path(&self) -> PathBuf {
        if let Some(lock) = &self.lock_at {
            return lock.clone();
        }
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

    /// `x.toml/` or `x.toml/.` names a directory, never a file, even when
    /// none exists yet.
    fn names_a_directory(&self) -> bool {
        let bytes = self.path.as_os_str().as_bytes();
        self.path.file_name().is_none() || bytes.ends_with(b"/") || bytes.ends_with(b"/.")
    }

    fn io_error(&self, op: Op, e: &io::Error) -> StoreError {
        StoreError::Io { path: self.path.clone(), op, cause: Cause::Os(OsError::from(e)) }
    }

    /// The workbook on disk; `None` when there is no file yet.
    pub fn read(&self) -> Result<Option<Workbook>, StoreError> {
        if self.names_a_directory() {
            return Err(StoreError::NotAFile { path: self.path.clone() });
        }
        match self.open() {
            Ok(file) => {
                self.check_owner(&file.metadata().map_err(|e| self.io_error(Op::ReadWorkbook, &e))?)?;
                self.read_from(&file).map(Some)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(StoreError::symlink(&self.path)),
            Err(e) => Err(self.io_error(Op::ReadWorkbook, &e)),
        }
    }

    /// Reads and parses the workbook from an open file, within the size limit.
    fn read_from(&self, file: &File) -> Result<Workbook, StoreError> {
        parse(&self.read_text(file)?, &self.path)
    }

    /// An open file's text, within the size limit.
    fn read_text(&self, file: &File) -> Result<String, StoreError> {
        let bytes = read_opened(file, MAX_WORKBOOK_BYTES).map_err(|e| match e {
            ReadFileError::Os(e) => {
                StoreError::Io { path: self.path.clone(), op: Op::ReadWorkbook, cause: Cause::Os(e) }
            }
            ReadFileError::NotAFile => StoreError::NotAFile { path: self.path.clone() },
            ReadFileError::TooLarge(size) => StoreError::TooLarge { path: self.path.clone(), size },
        })?;
        String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let (line, col) = line_col(&String::from_utf8_lossy(&e.as_bytes()[..valid]), valid);
            StoreError::Corrupt { path: self.path.clone(), line, col, what: Corruption::NotUtf8 { offset: valid } }
        })
    }

    /// The workbook as a summary needs it (see `parse_for_summary`), and
    /// the identity of the very file read; `None` when there is no file.
    pub fn read_for_summary(&self) -> Result<Option<(Workbook, Fingerprint)>, StoreError> {
        if self.names_a_directory() {
            return Err(StoreError::NotAFile { path: self.path.clone() });
        }
        let file = match self.open() {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(StoreError::symlink(&self.path)),
            Err(e) => return Err(self.io_error(Op::ReadWorkbook, &e)),
        };
        let meta = file.metadata().map_err(|e| self.io_error(Op::ReadWorkbook, &e))?;
        self.check_owner(&meta)?;
        let fingerprint = Some(Fingerprint::of_metadata(&meta));
        let text = self.read_text(&file)?;
        let workbook = parse_for_summary(&text, &self.path)?;
        Ok(fingerprint.map(|f| (workbook, f)))
    }

    /// The workbook on disk, or a new empty one when there is no file yet.
    pub fn read_or_new(&self) -> Result<Workbook, StoreError> {
        Ok(self.read()?.unwrap_or_else(|| self.new_workbook()))
    }

    fn new_workbook(&self) -> Workbook {
        Workbook::made_with(self.framework.clone())
    }

    /// Refuses paths keiko must not or cannot write: symbolic links, mount
    /// points, and files or directories the user may not write.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        self.check_writable_in(&mut HashMap::new())
    }

    /// The file's identity (as `fingerprint`) and `check_writable`'s answer,
    /// with one look at the file for both (`statx`), where a team of
    /// thousands would otherwise cost five system calls a workbook. A file
    /// `known_writable` with the identity it has now is not asked again.
    pub fn identity_and_writable(
        &self,
        dirs: &mut HashMap<PathBuf, Option<OsError>>,
        known_writable: Option<Fingerprint>,
    ) -> (Option<Fingerprint>, Result<(), StoreError>) {
        let Some(info) = statx_nofollow(&self.path) else {
            // Gone or unreadable: the careful path says which.
            return (fingerprint(&self.path), self.check_writable_in(dirs));
        };
        let kind = u32::from(info.stx_mode) & libc::S_IFMT;
        if kind != libc::S_IFREG || self.names_a_directory() {
            // Links and special files are rare: the careful path.
            return (fingerprint(&self.path), self.check_writable_in(dirs));
        }
        let identity = Fingerprint {
            dev: libc::makedev(info.stx_dev_major, info.stx_dev_minor),
            inode: info.stx_ino,
            len: info.stx_size,
            mtime: info.stx_mtime.tv_sec,
            mtime_nsec: i64::from(info.stx_mtime.tv_nsec),
            ctime: info.stx_ctime.tv_sec,
            ctime_nsec: i64::from(info.stx_ctime.tv_nsec),
        };
        let write_error = |cause| StoreError::Io { path: self.path.clone(), op: Op::WriteWorkbook, cause };
        // A file found writable as it was then is writable as it is now:
        // a change of its mode, owner or ACLs changes its ctime.
        let file_writable = if known_writable == Some(identity) { Ok(()) } else { access_writable(&self.path) };
        let writable = if let Err(e) = file_writable {
            Err(write_error(Cause::Os(OsError::from(&e))))
        } else if mount_root(&info) {
            Err(write_error(Cause::MountPoint))
        } else {
            self.check_dir_writable(dirs)
        };
        (Some(identity), writable)
    }

    /// As `check_writable`, asking the system about each directory once
    /// (`dirs` remembers the answers): a team of thousands shares a few.
    pub fn check_writable_in(&self, dirs: &mut HashMap<PathBuf, Option<OsError>>) -> Result<(), StoreError> {
        if self.names_a_directory() {
            return Err(StoreError::NotAFile { path: self.path.clone() });
        }
        let write_error = |cause| StoreError::Io { path: self.path.clone(), op: Op::WriteWorkbook, cause };
        match fs::symlink_metadata(&self.path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(StoreError::symlink(&self.path));
            }
            Ok(meta) if !meta.is_file() => {
                return Err(StoreError::NotAFile { path: self.path.clone() });
            }
            // Someone else's file in a team: say so, not merely that it cannot be written.
            Ok(meta) if self.check_owner(&meta).is_err() => return self.check_owner(&meta),
            Ok(_) => {
                if let Err(e) = access_writable(&self.path) {
                    return Err(write_error(Cause::Os(OsError::from(&e))));
                }
                // A file mounted in place (a single-file bind mount) cannot be
                // replaced by a rename: every save would fail with "busy".
                if is_mount_point(&self.path) {
                    return Err(write_error(Cause::MountPoint));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(self.io_error(Op::ReadWorkbook, &e)),
        }
        self.check_dir_writable(dirs)
    }

    /// Whether keiko may make files in the workbook's directory (`dirs`
    /// remembers the answer for each directory).
    fn check_dir_writable(&self, dirs: &mut HashMap<PathBuf, Option<OsError>>) -> Result<(), StoreError> {
        let write_error = |cause| StoreError::Io { path: self.path.clone(), op: Op::WriteWorkbook, cause };
        let dir = self.dir();
        let refused = match dirs.get(&dir) {
            Some(known) => *known,
            None => {
                let refused = if dir.exists() { access_writable(&dir).err().map(OsError::from) } else { None };
                dirs.insert(dir.clone(), refused);
                refused
            }
        };
        match refused {
            None => Ok(()),
            Some(e) if e.kind == io::ErrorKind::ReadOnlyFilesystem => Err(write_error(Cause::Os(e))),
            Some(_) => Err(write_error(Cause::DirectoryNotWritable(dir))),
        }
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
        self.update_guarded(&|_, _| Ok(()), edit)
    }

    /// `update_seen`, building only on a file `guard` accepts: it is given
    /// the very file read (its `fstat`) and what it holds, under the lock,
    /// before anything is changed (team mode: the writer's own file, passing
    /// the rule its readers apply).
    pub fn update_guarded<R>(
        &self,
        guard: &dyn Fn(&fs::Metadata, &Workbook) -> Result<(), StoreError>,
        edit: impl FnOnce(&mut Workbook) -> R,
    ) -> Result<(Workbook, R, Option<Fingerprint>), StoreError> {
        self.check_writable()?;
        let locked = self.lock()?;
        let existing = locked.workbook.metadata().map_err(|e| self.io_error(Op::ReadWorkbook, &e))?;
        self.check_owner(&existing)?;
        let original = self.read_text(&locked.workbook)?;
        let before = parse(&original, &self.path)?;
        guard(&existing, &before)?;
        let mut workbook = before.clone();
        let result = edit(&mut workbook);
        if workbook != before {
            let mut plain = self.plain.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let (text, carried) = match plain.as_deref() {
                Some(written) if written == original => (to_toml(&workbook), false),
                _ => keeping(&original, &before, &workbook),
            };
            if text.len() as u64 > MAX_WORKBOOK_BYTES {
                return Err(StoreError::WouldBeTooLarge { path: self.path.clone(), size: text.len() as u64 });
            }
            *plain = None;
            self.write(&text, &existing)?;
            *plain = (!carried).then_some(text);
        }
        Ok((workbook, result, fingerprint(&self.path)))
    }

    /// Applies one change; returns the workbook on disk and whether it changed.
    pub fn apply(&self, change: &Change, stamp: &Stamp, undo: bool) -> Result<(Workbook, bool), StoreError> {
        self.update(|wb| wb.apply(change, stamp, undo))
    }

    /// Writes the workbook atomically. The change is made once the rename is
    /// done: a failed directory sync after it is a warning, not an error.
    fn write(&self, text: &str, existing: &fs::Metadata) -> Result<(), StoreError> {
        let existing = Some(existing).filter(|_| self.modes.is_none());
        self.written(self.write_atomic(text, existing, true))
    }

    /// What `write_atomic` did, as the user should hear it.
    fn written(&self, result: io::Result<io::Result<()>>) -> Result<(), StoreError> {
        let synced = result.map_err(|e| match e.raw_os_error() {
            // Renaming over a mount point: a single-file bind mount.
            Some(libc::EBUSY) => {
                StoreError::Io { path: self.path.clone(), op: Op::WriteWorkbook, cause: Cause::MountPoint }
            }
            _ => self.io_error(Op::WriteWorkbook, &e),
        })?;
        if let Err(e) = synced
            && let Ok(mut warning) = self.warning.lock()
        {
            *warning = Some(StoreError::NotDurable { path: self.path.clone(), cause: OsError::from(&e) });
        }
        Ok(())
    }

    /// Takes the locks for a change: first the sidecar lock file (what every
    /// keiko agrees on), then the workbook file itself, creating an empty
    /// workbook first when there is none. Each lock counts only if the path
    /// still names the file locked: a lock file deleted (and recreated by
    /// another keiko) while we waited guards nothing. The workbook lock makes
    /// deleting the lock file harmless even while it is held: the workbook is
    /// only ever replaced by a holder of its lock, and a waiter on the old
    /// file then sees that the path names a new one.
    fn lock(&self) -> Result<Locked, StoreError> {
        let dir = self.dir();
        if !dir.exists() {
            self.create_dir(&dir)?;
        }
        let lock_path = self.lock_path();
        let deadline = Instant::now() + self.lock_wait;
        loop {
            if Instant::now() > deadline {
                return Err(StoreError::Io { path: lock_path, op: Op::LockWorkbook, cause: Cause::LockKeepsChanging });
            }
            let sidecar = self.open_lock_file(&lock_path)?;
            self.wait_for_lock(&sidecar, &lock_path, deadline)?;
            if !still_names(&lock_path, &sidecar) {
                continue;
            }
            let workbook = match OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
                .open(&self.path)
            {
                Ok(file) => file,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    // Created empty, then changed like any workbook; another
                    // keiko creating it at the same moment is no error.
                    match self.write_atomic(&to_toml(&self.new_workbook()), None, false) {
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                        other => self.written(other)?,
                    }
                    continue;
                }
                Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                    return Err(StoreError::symlink(&self.path));
                }
                Err(e) => return Err(self.io_error(Op::ReadWorkbook, &e)),
            };
            if !workbook.metadata().is_ok_and(|m| m.is_file()) {
                return Err(StoreError::NotAFile { path: self.path.clone() });
            }
            if self.lock_at.is_none() {
                self.wait_for_lock(&workbook, &lock_path, deadline)?;
            }
            if still_names(&self.path, &workbook) {
                return Ok(Locked { _sidecar: sidecar, workbook });
            }
        }
    }

    /// Creates the workbook's missing directory (the data directory on first
    /// use). A path through `..` is not created: `sub/../x.toml` would make
    /// `sub`, which the user never asked for.
    fn create_dir(&self, dir: &Path) -> Result<(), StoreError> {
        if dir.components().any(|c| c == Component::ParentDir) {
            let cause = Cause::DirectoryMissing(dir.to_path_buf());
            return Err(StoreError::Io { path: self.path.clone(), op: Op::CreateDirectory, cause });
        }
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| self.io_error(Op::CreateDirectory, &e))
    }

    /// Opens (creating it if need be) the sidecar lock file: never through a
    /// symbolic link, never anything but a regular file (a FIFO would block).
    /// A lock file we own follows the workbook's mode and group whatever our
    /// umask, so whoever may write the workbook may also take its lock.
    fn open_lock_file(&self, lock_path: &Path) -> Result<File, StoreError> {
        let lock_error = |cause| StoreError::Io { path: lock_path.to_path_buf(), op: Op::OpenLockFile, cause };
        let workbook = fs::metadata(&self.path).ok().filter(|_| self.modes.is_none());
        let mode = match self.modes {
            Some(modes) => modes.lock,
            None => workbook.as_ref().map_or_else(|| self.new_file_mode(), |m| m.mode() & 0o666),
        };
        let open = |write: bool| {
            OpenOptions::new()
                .read(true)
                .write(write)
                .create(write)
                .truncate(false)
                .mode(mode)
                .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
                .open(lock_path)
        };
        // A coach may only be able to read a learner's plain workbook's lock
        // file; flock works on it all the same. A team's lock is its writer's alone.
        let file = open(true)
            .or_else(|e| {
                if e.kind() == io::ErrorKind::PermissionDenied && self.lock_at.is_none() { open(false) } else { Err(e) }
            })
            .map_err(|e| match e.raw_os_error() {
                Some(libc::ELOOP) => lock_error(Cause::LockIsSymlink),
                _ => lock_error(Cause::Os(OsError::from(&e))),
            })?;
        let meta = file.metadata().map_err(|e| lock_error(Cause::Os(OsError::from(&e))))?;
        if !meta.is_file() {
            return Err(lock_error(Cause::LockNotAFile));
        }
        let euid = rustix::process::geteuid().as_raw();
        if self.lock_at.is_some() && meta.uid() != euid {
            let owner = crate::os::identity::login_of(meta.uid()).unwrap_or_else(|| format!("uid {}", meta.uid()));
            return Err(lock_error(Cause::LockNotOurs { owner }));
        }
        if meta.uid() == euid {
            let mode = match &workbook {
                // Group first (chown can clear mode bits); group bits only for the workbook's group.
                Some(workbook) => {
                    let _ = std::os::unix::fs::fchown(&file, None, Some(workbook.gid()));
                    let same_group = file.metadata().is_ok_and(|m| m.gid() == workbook.gid());
                    workbook.mode() & if same_group { 0o666 } else { 0o606 }
                }
                None => mode,
            };
            if meta.mode() & 0o7777 != mode {
                let _ = file.set_permissions(Permissions::from_mode(mode));
            }
        }
        Ok(file)
    }

    /// Waits for the exclusive lock on `file` until `deadline`. Writes take
    /// milliseconds; a lock held far longer is a stuck process, and waiting
    /// forever would hang the app (and an exit that saves a note).
    fn wait_for_lock(&self, file: &File, lock_path: &Path, deadline: Instant) -> Result<(), StoreError> {
        let lock_error = |cause| StoreError::Io { path: lock_path.to_path_buf(), op: Op::LockWorkbook, cause };
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(()),
                Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(lock_error(Cause::LockHeld { wait: self.lock_wait, holder: lock_holder(file) }));
                }
                Err(fs::TryLockError::Error(e)) => return Err(lock_error(Cause::Os(OsError::from(&e)))),
            }
        }
    }

    /// A new workbook is private (0600), except in a shared team directory
    /// (one with the setgid bit), where the user's umask decides, so that
    /// `umask 007` makes it readable and writable by the team's group.
    fn new_file_mode(&self) -> u32 {
        if let Some(modes) = self.modes {
            return modes.file;
        }
        let shared = fs::metadata(self.dir()).is_ok_and(|m| m.mode() & 0o2000 != 0);
        if shared { 0o666 & !current_umask() } else { 0o600 }
    }

    /// Writes the workbook atomically (see `write_atomically`); a new one
    /// gets `new_file_mode`. With `replace` false, a new workbook goes into
    /// place only if none appeared meanwhile.
    fn write_atomic(&self, text: &str, existing: Option<&fs::Metadata>, replace: bool) -> io::Result<io::Result<()>> {
        write_atomically(&self.path, text.as_bytes(), existing, || self.new_file_mode(), replace)
    }
}

/// Writes `bytes` to `path` as keiko writes a workbook (an export, say):
/// atomically and durably. A regular file already there keeps its mode and
/// group; a new one gets `mode`. The outer error means nothing changed; the
/// inner one that the file is in place but the directory sync failed.
pub fn write_file_atomically(path: &Path, bytes: &[u8], mode: u32) -> io::Result<io::Result<()>> {
    let existing = fs::symlink_metadata(path).ok().filter(|m| m.is_file());
    write_atomically(path, bytes, existing.as_ref(), || mode, true)
}

/// Temp file in the same directory, fsync, rename over (or, unless
/// `replace`, into place only if no file is there), fsync the directory: a
/// crash at any moment leaves the old file or the new one, never a torn one.
/// The file takes the mode and group of `existing`, else `new_mode()`.
fn write_atomically(
    path: &Path,
    bytes: &[u8],
    existing: Option<&fs::Metadata>,
    new_mode: impl FnOnce() -> u32,
    replace: bool,
) -> io::Result<io::Result<()>> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    // Hidden and not ending in .toml, so a team directory scan skips it.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .permissions(Permissions::from_mode(0o600))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Some(meta) = existing {
        // Keep the group first (chown can clear mode bits), then the mode.
        // When the group cannot be kept (we are not a member), the group
        // bits are not given to our own group instead.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), None, Some(meta.gid()));
        let same_group = tmp.as_file().metadata()?.gid() == meta.gid();
        let mode = if same_group { meta.mode() & 0o777 } else { meta.mode() & 0o707 };
        tmp.as_file().set_permissions(Permissions::from_mode(mode))?;
    } else {
        tmp.as_file().set_permissions(Permissions::from_mode(new_mode()))?;
    }
    tmp.as_file().sync_all()?;
    if replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(File::open(dir).and_then(|d| d.sync_all()))
}

/// Where a workbook lives, as the app sees it: a file (`Store`), or memory
/// (`MemoryStore`, for the state-machine and property tests and the fuzz
/// target, where a change costs no fsync).
pub trait Storage {
    /// The file the workbook is (or would be) in; names it in messages.
    fn path(&self) -> &Path;
    /// The workbook as stored; `None` when there is none yet.
    fn read(&self) -> Result<Option<Workbook>, StoreError>;
    /// Why changes cannot be saved, if they cannot.
    fn check_writable(&self) -> Result<(), StoreError>;
    /// Applies `edit` to the latest workbook and saves it when it changed,
    /// as one step no other writer can come between. Returns the workbook as
    /// stored, and its fingerprint as this update left it.
    fn update_with(&self, edit: &mut dyn FnMut(&mut Workbook)) -> Result<(Workbook, Option<Fingerprint>), StoreError>;
    /// What identifies the stored version now, to notice changes by others.
    fn fingerprint(&self) -> Option<Fingerprint>;
    /// A warning about the last saved change, once (see `Store::take_warning`).
    fn take_warning(&self) -> Option<StoreError> {
        None
    }
}

impl Storage for Box<dyn Storage> {
    fn path(&self) -> &Path {
        (**self).path()
    }

    fn read(&self) -> Result<Option<Workbook>, StoreError> {
        (**self).read()
    }

    fn check_writable(&self) -> Result<(), StoreError> {
        (**self).check_writable()
    }

    fn update_with(&self, edit: &mut dyn FnMut(&mut Workbook)) -> Result<(Workbook, Option<Fingerprint>), StoreError> {
        (**self).update_with(edit)
    }

    fn fingerprint(&self) -> Option<Fingerprint> {
        (**self).fingerprint()
    }

    fn take_warning(&self) -> Option<StoreError> {
        (**self).take_warning()
    }
}

impl<'a> dyn Storage + 'a {
    /// `update_with`, for an edit that returns something.
    pub fn update_seen<R>(
        &self,
        edit: impl FnOnce(&mut Workbook) -> R,
    ) -> Result<(Workbook, R, Option<Fingerprint>), StoreError> {
        let mut edit = Some(edit);
        let mut result = None;
        let (workbook, fingerprint) = self.update_with(&mut |wb| {
            if let Some(edit) = edit.take() {
                result = Some(edit(wb));
            }
        })?;
        Ok((workbook, result.expect("update_with runs the edit once"), fingerprint))
    }

    /// Applies one change; returns the workbook as stored and whether it changed.
    pub fn apply(&self, change: &Change, stamp: &Stamp, undo: bool) -> Result<(Workbook, bool), StoreError> {
        self.update_seen(|wb| wb.apply(change, stamp, undo)).map(|(workbook, changed, _)| (workbook, changed))
    }
}

impl Storage for Store {
    fn path(&self) -> &Path {
        Store::path(self)
    }

    fn read(&self) -> Result<Option<Workbook>, StoreError> {
        Store::read(self)
    }

    fn check_writable(&self) -> Result<(), StoreError> {
        Store::check_writable(self)
    }

    fn update_with(&self, edit: &mut dyn FnMut(&mut Workbook)) -> Result<(Workbook, Option<Fingerprint>), StoreError> {
        self.update_seen(edit).map(|(workbook, (), fingerprint)| (workbook, fingerprint))
    }

    fn fingerprint(&self) -> Option<Fingerprint> {
        fingerprint(&self.path)
    }

    fn take_warning(&self) -> Option<StoreError> {
        Store::take_warning(self)
    }
}

/// A workbook kept in memory as the TOML text a file would hold, so every
/// change is serialized and read back as on disk, without the disk. Clones
/// share the workbook, as two processes share a file.
#[derive(Debug, Clone)]
pub struct MemoryStore {
    path: PathBuf,
    framework: FrameworkRef,
    /// The text, and how many times it was written (the fingerprint).
    state: Arc<Mutex<(Option<String>, u64)>>,
}

impl MemoryStore {
    /// An empty store; `path` only names the workbook in messages.
    pub fn new(path: impl Into<PathBuf>, framework: &Framework) -> MemoryStore {
        MemoryStore {
            path: path.into(),
            framework: FrameworkRef { id: framework.id.clone(), version: framework.version.clone() },
            state: Arc::default(),
        }
    }

    /// The stored text, as a file would hold it.
    pub fn text(&self) -> Option<String> {
        self.state.lock().ok()?.0.clone()
    }
}

impl Storage for MemoryStore {
    fn path(&self) -> &Path {
        &self.path
    }

    fn read(&self) -> Result<Option<Workbook>, StoreError> {
        match self.text() {
            Some(text) => parse(&text, &self.path).map(Some),
            None => Ok(None),
        }
    }

    fn check_writable(&self) -> Result<(), StoreError> {
        Ok(())
    }

    fn update_with(&self, edit: &mut dyn FnMut(&mut Workbook)) -> Result<(Workbook, Option<Fingerprint>), StoreError> {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let before = match &state.0 {
            Some(text) => parse(text, &self.path)?,
            None => Workbook::made_with(self.framework.clone()),
        };
        let mut workbook = before.clone();
        edit(&mut workbook);
        if workbook != before || state.0.is_none() {
            let text = match &state.0 {
                Some(original) => to_toml_keeping(original, &before, &workbook),
                None => to_toml(&workbook),
            };
            if text.len() as u64 > MAX_WORKBOOK_BYTES {
                return Err(StoreError::WouldBeTooLarge { path: self.path.clone(), size: text.len() as u64 });
            }
            *state = (Some(text), state.1 + 1);
        }
        Ok((workbook, Some(Fingerprint::version(state.1))))
    }

    fn fingerprint(&self) -> Option<Fingerprint> {
        let state = self.state.lock().ok()?;
        state.0.as_ref().map(|_| Fingerprint::version(state.1))
    }
}

impl Fingerprint {
    /// A fingerprint standing for many files' (see `team_store`).
    /// `newest` is the latest modification time among them.
    pub fn of_hash(hash: u64, newest: (i64, i64)) -> Fingerprint {
        Fingerprint { inode: hash, mtime: newest.0, mtime_nsec: newest.1, ..Fingerprint::default() }
    }

    pub fn of_metadata(meta: &fs::Metadata) -> Fingerprint {
        Fingerprint {
            dev: meta.dev(),
            inode: meta.ino(),
            len: meta.len(),
            mtime: meta.mtime(),
            mtime_nsec: meta.mtime_nsec(),
            ctime: meta.ctime(),
            ctime_nsec: meta.ctime_nsec(),
        }
    }

    /// The modification time (seconds, nanoseconds): the latest of the
    /// files for a fingerprint of many.
    pub fn mtime(&self) -> (i64, i64) {
        (self.mtime, self.mtime_nsec)
    }

    /// The change time (seconds, nanoseconds): a change of mode, owner or
    /// ACL moves it, as does every write.
    pub fn ctime(&self) -> (i64, i64) {
        (self.ctime, self.ctime_nsec)
    }

    /// The fingerprint of the `n`th version of a workbook kept in memory.
    fn version(n: u64) -> Fingerprint {
        Fingerprint { len: n, ..Fingerprint::default() }
    }
}

/// Whether `path` still names the file `file` is open on (it may have been
/// deleted, or replaced by a rename, since it was opened).
fn still_names(path: &Path, file: &File) -> bool {
    match (fs::symlink_metadata(path), file.metadata()) {
        (Ok(now), Ok(locked)) => now.dev() == locked.dev() && now.ino() == locked.ino(),
        _ => false,
    }
}

/// Who holds a lock on `file`, when the system tells: the first holder
/// `/proc/locks` lists for the file's device and inode, with the login of
/// its real uid and its command name. A holder whose pid `/proc/locks`
/// cannot give (an open file description lock, a process of another pid
/// namespace, one that has ended) is not named.
fn lock_holder(file: &File) -> Option<LockHolder> {
    let meta = file.metadata().ok()?;
    let device = (rustix::fs::major(meta.dev()), rustix::fs::minor(meta.dev()));
    let locks = fs::read_to_string("/proc/locks").ok()?;
    let pid = *lock_holders(&locks, device, meta.ino()).first()?;
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok();
    let login = status
        .as_deref()
        .and_then(real_uid_of_status)
        .map(|uid| crate::os::identity::login_of(uid).unwrap_or_else(|| format!("uid {uid}")));
    let command = fs::read(format!("/proc/{pid}/comm"))
        .ok()
        .map(|bytes| String::from_utf8_lossy(bytes.strip_suffix(b"\n").unwrap_or(&bytes)).into_owned());
    Some(LockHolder { pid, login, command })
}

/// The pids holding a lock on the file with `device` (major, minor) and
/// `inode`, in the text of `/proc/locks`: each line is a lock (flock, POSIX,
/// OFD or lease), `N: FLOCK  ADVISORY  WRITE PID MAJ:MIN:INODE START END`,
/// the major and minor in hex and the inode in decimal. A waiter's line
/// (`N: -> FLOCK …`) holds nothing; a pid of 0 or -1 (unknown, an OFD lock) is
/// left out.
fn lock_holders(proc_locks: &str, device: (u32, u32), inode: u64) -> Vec<u32> {
    let same_file = |id: &str| {
        let mut parts = id.split(':');
        let (Some(major), Some(minor), Some(ino), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        u32::from_str_radix(major, 16).ok() == Some(device.0)
            && u32::from_str_radix(minor, 16).ok() == Some(device.1)
            && ino.parse::<u64>().ok() == Some(inode)
    };
    proc_locks
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.get(1) == Some(&"->") {
                return None;
            }
            let at = fields.iter().position(|f| same_file(f))?;
            fields.get(at.checked_sub(1)?)?.parse::<u32>().ok().filter(|&pid| pid > 0)
        })
        .collect()
}

/// The real uid in the text of `/proc/PID/status`: the first of the four on
/// its `Uid:` line (real, effective, saved, file system).
fn real_uid_of_status(status: &str) -> Option<u32> {
    status.lines().find_map(|l| l.strip_prefix("Uid:"))?.split_whitespace().next()?.parse().ok()
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

/// Whether the current user may write `path` (checks permissions, ACLs and
/// read-only mounts, by the real user and group, as `access(2)`); the error
/// says which (EACCES, EROFS).
fn access_writable(path: &Path) -> io::Result<()> {
    Ok(rustix::fs::access(path, rustix::fs::Access::WRITE_OK)?)
}

/// `statx` of `path` itself (not a link's target); `None` on any error.
fn statx_nofollow(path: &Path) -> Option<rustix::fs::Statx> {
    let flags = rustix::fs::AtFlags::SYMLINK_NOFOLLOW;
    rustix::fs::statx(rustix::fs::CWD, path, flags, rustix::fs::StatxFlags::BASIC_STATS).ok()
}

/// Whether a `statx` says its file is the root of a mount (a file bind-mounted in place).
fn mount_root(info: &rustix::fs::Statx) -> bool {
    let root = rustix::fs::StatxAttributes::MOUNT_ROOT;
    info.stx_attributes_mask.contains(root) && info.stx_attributes.contains(root)
}

/// Whether `path` is the root of a mount. Unknown (an old kernel, an
/// error) counts as no: the rename then says so.
fn is_mount_point(path: &Path) -> bool {
    statx_nofollow(path).is_some_and(|info| mount_root(&info))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::time_from_unix;

    fn stamp() -> Stamp {
        Stamp::new("op-a", time_from_unix(1_796_000_000))
    }

    #[test]
    fn the_holders_of_a_lock_are_read_off_proc_locks() {
        let locks = "\
1: POSIX  ADVISORY  WRITE 812 00:1b:4012 0 EOF
2: FLOCK  ADVISORY  WRITE 12827 fe:00:10010692 0 EOF
2: -> FLOCK  ADVISORY  WRITE 12833 fe:00:10010692 0 EOF
3: OFDLCK ADVISORY  WRITE -1 fe:00:10010692 0 EOF
4: FLOCK  ADVISORY  READ  0 fe:00:10010692 0 EOF
5: FLOCK  ADVISORY  READ  4242 103:02:10010692 0 EOF
6: FLOCK  ADVISORY  WRITE 77 fe:00:100106920 0 EOF
7: LEASE  ACTIVE    READ  5150 fe:00:10010692 0 EOF
";
        // Major 0xfe, minor 0: the holder and the lease; not the waiter, the
        // OFD lock's -1, the unknown 0, another device or another inode.
        assert_eq!(lock_holders(locks, (0xfe, 0), 10010692), [12827, 5150]);
        assert_eq!(lock_holders(locks, (259, 2), 10010692), [4242]);
        assert_eq!(lock_holders(locks, (0, 0x1b), 4012), [812]);
        assert!(lock_holders(locks, (0xfe, 0), 1).is_empty());
        assert!(lock_holders("", (0xfe, 0), 10010692).is_empty());
        let status = "Name:\tkeiko\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1001\t1002\t1003\t1004\nGid:\t100\n";
        assert_eq!(real_uid_of_status(status), Some(1001));
        assert_eq!(real_uid_of_status("Name:\tkeiko\n"), None);
    }

    #[test]
    fn corrupt_errors_name_the_position() {
        let err = parse("schema = 1\nprofile = [\n", Path::new("/tmp/w.toml")).unwrap_err();
        let StoreError::Corrupt { path, line, col, what: Corruption::Toml(words) } = &err else { panic!("{err:?}") };
        assert_eq!((path.as_path(), *line, *col), (Path::new("/tmp/w.toml"), 2, 12), "{err:?}");
        assert!(words.starts_with("unclosed array"), "{words}");
    }

    #[test]
    fn a_newer_schema_is_named_as_such() {
        let err = parse("schema = 3\nstatements = 5\n", Path::new("w.toml")).unwrap_err();
        assert_eq!(err, StoreError::NewerSchema { path: "w.toml".into(), found: 3, by: None });
        let err = parse("schema = 3\nkeiko = \"0.9.1\"\n", Path::new("w.toml")).unwrap_err();
        assert_eq!(err, StoreError::NewerSchema { path: "w.toml".into(), found: 3, by: Some("0.9.1".into()) });
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

    /// Issue 17: a note holding the line `[[history]]` made the summary read
    /// cut inside the note and call a sound workbook broken, and the learner
    /// dropped out of the coach's exports.
    #[test]
    fn a_note_holding_a_history_line_is_read_by_the_summary_as_in_full() {
        let framework = Framework::bundled();
        let path = Path::new("w.toml");
        let store = MemoryStore::new(path, &framework);
        let storage: &dyn Storage = &store;
        let note = "前回のメモを貼りました:\n[[history]]\nat = 2026-01-01T00:00:00Z\nby = \"x\"\n";
        for text in [note, "[[history]]\n", "[[history]]"] {
            storage.apply(&Change::Note { id: "SM-5.1.1".into(), text: text.into() }, &stamp(), false).unwrap();
            let text = store.text().unwrap();
            assert!(text.contains("\n[[history]]\n"), "{text}");
            let whole = parse(&text, path).unwrap();
            let mut quick = parse_for_summary(&text, path).unwrap();
            for (entry, whole) in quick.history.iter_mut().zip(&whole.history) {
                entry.by = whole.by.clone();
            }
            assert_eq!(quick, whole);
        }
        // With no history at all, the note's line is the only one.
        let mut workbook = parse(&store.text().unwrap(), path).unwrap();
        workbook.history.clear();
        workbook.statements.get_mut("SM-5.1.1").unwrap().note = note.into();
        let text = to_toml(&workbook);
        assert_eq!(parse_for_summary(&text, path).unwrap(), workbook);
    }

    /// A newer keiko's file: what this keiko does not know, at every depth.
    const NEWER: &str = r#"schema = 2
keiko = "0.3.0"
mood = "keen"

[framework]
id = "cmbok-sm"
version = "2026.1"

[profile]
name = "A"
pronouns = "they"

[statements."SM-5.1.1"]
checked = true
checked_at = 2026-11-28T09:12:00Z
note = "kept"
due = 2027-01-31

[statements."SM-5.1.2"]
checked = true
note = "to be cleared"
evidence = "https://example.com/x"

[statements."SM-5.1.3"]
note = "to be dropped"
evidence = "https://example.com/y"

[competencies.SM-5]
reflection = "r"
goal = 3

[competencies.SM-5.levels.1]
due = 2027-02-01

[competencies.SM-5.levels.1.review_requested]
by = "op-a"
at = 2026-11-28T10:05:00Z
channel = "chat"

[competencies.SM-5.plan]
steps = ["a", "b"]

[[competencies.SM-5.comments]]
by = "坂本"
at = 2026-11-28T10:01:00Z
text = "first"
pinned = true

[evidence.SM-5]
links = ["https://example.com/a"]

[[history]]
at = 2026-11-28T09:12:00Z
by = "op-a"
what = "check"
target = "SM-5.1.1"
device = "phone"

[[history]]
at = 2026-11-28T09:13:00Z
by = "op-a"
what = "due-date"
target = "SM-5 L1"
due = 2027-02-01
"#;

    #[test]
    fn what_a_newer_keiko_wrote_is_kept_through_a_rewrite() {
        let path = Path::new("w.toml");
        let before = parse(NEWER, path).unwrap();
        assert_eq!(before.history[1].what, crate::model::workbook::Verb::Other("due-date".into()));
        let mut after = before.clone();
        after.apply(&Change::Check { id: "SM-6.1.1".into(), checked: true }, &stamp(), false);
        after.apply(&Change::Note { id: "SM-5.1.2".into(), text: String::new() }, &stamp(), false);
        // Emptied, a statement's table goes, and what was unknown in it with it.
        after.apply(&Change::Note { id: "SM-5.1.3".into(), text: String::new() }, &stamp(), false);
        let text = to_toml_keeping(NEWER, &before, &after);
        let table: toml::Table = text.parse().unwrap();
        let get = |path: &str| {
            let mut value = toml::Value::Table(table.clone());
            for key in path.split('/') {
                value = match (&value, key.parse::<usize>()) {
                    (toml::Value::Array(array), Ok(i)) => array.get(i)?.clone(),
                    _ => value.get(key)?.clone(),
                };
            }
            Some(value)
        };
        let s = |v: &str| Some(toml::Value::String(v.into()));
        assert_eq!(get("keiko"), s(KEIKO_VERSION), "{text}");
        assert_eq!(get("mood"), s("keen"), "{text}");
        assert_eq!(get("profile/pronouns"), s("they"), "{text}");
        assert!(get("statements/SM-5.1.1/due").is_some_and(|v| v.is_datetime()), "{text}");
        assert_eq!(get("statements/SM-5.1.2/evidence"), s("https://example.com/x"), "{text}");
        assert_eq!(get("statements/SM-5.1.2/note"), None, "a note cleared stays cleared: {text}");
        assert_eq!(get("statements/SM-5.1.3"), None, "{text}");
        assert_eq!(get("competencies/SM-5/goal"), Some(toml::Value::Integer(3)), "{text}");
        assert!(get("competencies/SM-5/levels/1/due").is_some(), "{text}");
        assert_eq!(get("competencies/SM-5/levels/1/review_requested/channel"), s("chat"), "{text}");
        assert_eq!(get("competencies/SM-5/plan/steps/1"), s("b"), "{text}");
        assert_eq!(get("competencies/SM-5/comments/0/pinned"), Some(toml::Value::Boolean(true)), "{text}");
        assert_eq!(get("evidence/SM-5/links/0"), s("https://example.com/a"), "{text}");
        assert_eq!(get("history/0/device"), s("phone"), "{text}");
        assert_eq!(get("history/1/what"), s("due-date"), "{text}");
        assert!(get("history/1/due").is_some(), "{text}");
        assert_eq!(get("history/2/what"), s("check"), "{text}");
        assert_eq!(get("history/2/device"), None, "{text}");
        // The history is still last, for the summary's quick read.
        assert!(text.rfind("[evidence").unwrap() < text.find("[[history]]").unwrap(), "{text}");
        let again = parse(&text, path).unwrap();
        assert_eq!(again, after);
        let mut quick = parse_for_summary(&text, path).unwrap();
        for (entry, whole) in quick.history.iter_mut().zip(&again.history) {
            entry.by = whole.by.clone();
        }
        assert_eq!(quick, again);
        // A second rewrite keeps them too, and changes nothing else.
        let mut third = again.clone();
        third.apply(&Change::Check { id: "SM-6.1.1".into(), checked: false }, &stamp(), false);
        let text3 = to_toml_keeping(&text, &again, &third);
        assert!(text3.contains("pronouns = \"they\"") && text3.contains("device = \"phone\""), "{text3}");
    }

    #[test]
    fn history_entries_keep_their_unknown_keys_as_old_ones_are_trimmed() {
        let path = Path::new("w.toml");
        let mut workbook = Workbook::new(&Framework::bundled());
        for i in 0..crate::model::workbook::HISTORY_LIMIT {
            let checked = i % 2 == 0;
            let at = time_from_unix(1_796_000_000 + i as i64);
            workbook.apply(&Change::Check { id: "SM-5.1.1".into(), checked }, &Stamp::new("op-a", at), false);
        }
        // A newer keiko marked the newest entry.
        let text = to_toml(&workbook) + "device = \"phone\"\n";
        let before = parse(&text, path).unwrap();
        let mut after = before.clone();
        after.apply(&Change::Note { id: "SM-5.1.1".into(), text: "n".into() }, &stamp(), false);
        assert_eq!(after.history.len(), crate::model::workbook::HISTORY_LIMIT);
        let written = to_toml_keeping(&text, &before, &after);
        let table: toml::Table = written.parse().unwrap();
        let history = table["history"].as_array().unwrap();
        let marked: Vec<usize> = (0..history.len()).filter(|&i| history[i].get("device").is_some()).collect();
        assert_eq!(marked, [history.len() - 2], "the entry moved up one place when the oldest went");
    }

    #[test]
    fn a_file_keiko_wrote_is_written_as_keiko_writes_it() {
        let mut workbook = Workbook::new(&Framework::bundled());
        workbook.apply(&Change::Note { id: "SM-5.1.1".into(), text: "a\nb\n".into() }, &stamp(), false);
        let text = to_toml(&workbook);
        assert!(text.starts_with(&format!("schema = {SCHEMA}\nkeiko = \"{KEIKO_VERSION}\"\n")), "{text}");
        let mut after = workbook.clone();
        after.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp(), false);
        assert_eq!(to_toml_keeping(&text, &workbook, &after), to_toml(&after));
    }

    /// One test per migration step (`MIGRATIONS`).
    #[test]
    fn schema_1_is_read_as_schema_2_and_written_as_it_at_the_next_change() {
        let one = "schema = 1\n\n[profile]\nname = \"A\"\n\n[statements.\"SM-5.1.1\"]\nchecked = true\nchecked_at = 2026-11-28T09:12:00Z\n\n[[history]]\nat = 2026-11-28T09:12:00Z\nby = \"op-a\"\nwhat = \"check\"\ntarget = \"SM-5.1.1\"\n";
        let path = Path::new("w.toml");
        let workbook = parse(one, path).unwrap();
        assert_eq!(workbook.schema, 2);
        assert!(workbook.is_checked("SM-5.1.1"));
        assert_eq!(parse_for_summary(one, path).unwrap().schema, 2);
        let mut after = workbook.clone();
        after.apply(&Change::Check { id: "SM-5.1.2".into(), checked: true }, &stamp(), false);
        let text = to_toml_keeping(one, &workbook, &after);
        assert!(text.starts_with(&format!("schema = 2\nkeiko = \"{KEIKO_VERSION}\"\n")), "{text}");
        assert_eq!(parse(&text, path).unwrap(), after);
    }

    #[test]
    fn every_schema_before_this_one_has_a_step() {
        let froms: Vec<u32> = MIGRATIONS.iter().map(|(from, _)| *from).collect();
        assert_eq!(froms, (1..SCHEMA).collect::<Vec<_>>());
    }

    #[test]
    fn a_store_remembers_the_plain_text_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("w.toml"), &Framework::bundled());
        for checked in [true, false, true] {
            store.apply(&Change::Check { id: "SM-5.1.1".into(), checked }, &stamp(), false).unwrap();
            let remembered = store.plain.lock().unwrap().clone();
            assert_eq!(remembered, Some(fs::read_to_string(store.path()).unwrap()));
        }
    }

    #[test]
    fn the_default_path_honours_keiko_file() {
        let env = |k: &str| (k == "KEIKO_FILE").then(|| "/x/w.toml".to_string());
        assert_eq!(resolve_path(None, env).unwrap(), PathBuf::from("/x/w.toml"));
        assert_eq!(resolve_path(Some("a.toml".into()), env).unwrap(), PathBuf::from("a.toml"));
    }
}
