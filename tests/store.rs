//! The workbook store as its users rely on it: nothing lost, nothing torn,
//! bad files left alone, permissions kept, concurrent writers merged.

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::sync::Arc;

use keiko::i18n::Localized;
use keiko_core::clock::time_from_unix;
use keiko_core::lang::Lang;
use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::{Change, Stamp};
use keiko_core::store::{Corruption, Store, StoreError};
use proptest::prelude::*;

fn stamp(by: &str) -> Stamp {
    Stamp::new(by, time_from_unix(1_796_000_000))
}

fn store_at(path: &Path) -> Store {
    Store::new(path, &Framework::bundled())
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn a_new_workbook_is_private_in_a_private_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keiko").join("workbook.toml");
    let store = store_at(&path);
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp("a"), false).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
}

fn a_new_workbook_in_a_shared_team_directory_follows_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    fs::create_dir(&team).unwrap();
    fs::set_permissions(&team, fs::Permissions::from_mode(0o2770)).unwrap();
    let path = team.join("aoki.toml");
    store_at(&path).apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp("a"), false).unwrap();
    // The test process's umask is typically 022: group may read, not write.
    let umask = u32::from_str_radix(
        fs::read_to_string("/proc/self/status").unwrap().lines().find(|l| l.starts_with("Umask:")).unwrap()[6..].trim(),
        8,
    )
    .unwrap();
    assert_eq!(mode(&path), 0o666 & !umask);
    assert_eq!(mode(&path.with_file_name("aoki.toml.lock")), 0o666 & !umask);
}

fn a_rewrite_keeps_the_files_permission_bits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let store = store_at(&path);
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp("a"), false).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o660)).unwrap();
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: false }, &stamp("a"), false).unwrap();
    assert_eq!(mode(&path), 0o660);
    assert!(!store.read().unwrap().unwrap().is_checked("SM-5.1.1"));
}

fn no_temporary_files_are_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_at(&dir.path().join("w.toml"));
    for i in 0..5 {
        store.apply(&Change::Note { id: "SM-5.1.1".into(), text: format!("{i}") }, &stamp("a"), false).unwrap();
    }
    let mut names: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["w.toml", "w.toml.lock"]);
}

/// Each bad file gives its own error and keeps its bytes.
fn assert_refused_untouched(contents: &[u8], expect: impl Fn(&StoreError) -> bool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    fs::write(&path, contents).unwrap();
    let store = store_at(&path);
    let read = store.read().unwrap_err();
    assert!(expect(&read), "unexpected error {read:?}");
    let write = store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp("a"), false).unwrap_err();
    assert_eq!(read, write);
    assert_eq!(fs::read(&path).unwrap(), contents, "the file's bytes changed");
}

fn invalid_toml_is_refused_with_its_position() {
    assert_refused_untouched(b"schema = 1\n[profile\nname = 'x'\n", |e| {
        matches!(e, StoreError::Corrupt { line: 2, col: 9, .. })
    });
}

fn wrong_types_are_refused_with_their_position() {
    assert_refused_untouched(b"schema = 1\n\n[statements.\"SM-5.1.1\"]\nchecked = \"yes\"\n", |e| {
        matches!(e, StoreError::Corrupt { line: 4, col: 11, .. })
    });
}

fn a_newer_schema_is_refused() {
    assert_refused_untouched(b"schema = 7\n", |e| matches!(e, StoreError::NewerSchema { found: 7, .. }));
}

fn a_binary_file_is_refused() {
    assert_refused_untouched(b"schema = 1\n\x00\xff\xfe\x89PNG", |e| {
        matches!(e, StoreError::Corrupt { line: 2, what: Corruption::NotUtf8 { .. }, .. })
    });
}

fn a_symlinked_workbook_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    let link = dir.path().join("link.toml");
    let store = store_at(&real);
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp("a"), false).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let before = fs::read(&real).unwrap();
    let err =
        store_at(&link).apply(&Change::Check { id: "SM-5.2.1".into(), checked: true }, &stamp("a"), false).unwrap_err();
    assert!(matches!(err, StoreError::Symlink { .. }), "{err:?}");
    assert!(err.message(Lang::EN).contains("real.toml"), "the message names the real path: {err:?}");
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read(&real).unwrap(), before);
    // Reading through the link is harmless and works.
    assert!(store_at(&link).read().unwrap().unwrap().is_checked("SM-5.1.1"));
}

fn ids_the_framework_does_not_know_survive_a_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    fs::write(&path, "schema = 1\n\n[statements.\"OLD-1.1.1\"]\nchecked = true\nnote = \"前の版のメモ\"\n").unwrap();
    let store = store_at(&path);
    let (wb, _) = store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp("a"), false).unwrap();
    assert_eq!(wb.unknown_ids(&Framework::bundled()), ["OLD-1.1.1"]);
    let reread = store.read().unwrap().unwrap();
    assert_eq!(reread.note("OLD-1.1.1"), "前の版のメモ");
    assert!(reread.is_checked("OLD-1.1.1"));
}

fn two_writers_at_once_lose_nothing() {
    // 600 statements: each writer checks its own 300 at the same time as the other.
    let framework =
        Arc::new(Framework::parse(&keiko_core::model::framework::synthetic_toml(25, 6), "synthetic").unwrap());
    let ids: Vec<String> =
        framework.competencies.iter().flat_map(|c| c.statements()).map(|(_, s)| s.id.clone()).collect();
    assert_eq!(ids.len(), 600);
    let dir = tempfile::tempdir().unwrap();
    let path = Arc::new(dir.path().join("w.toml"));
    let writers: Vec<_> = ids
        .chunks(300)
        .zip(["learner", "coach"])
        .map(|(mine, who)| {
            let (path, framework, mine) = (Arc::clone(&path), Arc::clone(&framework), mine.to_vec());
            std::thread::spawn(move || {
                let store = Store::new(path.as_path(), &framework);
                for id in mine {
                    store.apply(&Change::Check { id, checked: true }, &stamp(who), false).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let wb = Store::new(path.as_path(), &framework).read().unwrap().unwrap();
    let missing: Vec<&String> = ids.iter().filter(|id| !wb.is_checked(id)).collect();
    assert!(missing.is_empty(), "lost changes: {missing:?}");
    // 600 changes were recorded; the history keeps the newest, up to its limit.
    assert_eq!(wb.history.len(), keiko_core::model::workbook::HISTORY_LIMIT.min(600));
}

/// Any note a learner can type or paste comes back exactly as written.
fn notes_survive_save_and_load() {
    proptest!(ProptestConfig { cases: 64, ..ProptestConfig::default() }, |(note in note_strategy())| {
        let dir = tempfile::tempdir().unwrap();
        let store = store_at(&dir.path().join("w.toml"));
        store.apply(&Change::Note { id: "SM-5.1.1".into(), text: note.clone() }, &stamp("a"), false).unwrap();
        store.apply(&Change::Reflection { competency: "SM-5".into(), text: note.clone() }, &stamp("a"), false).unwrap();
        let wb = store.read().unwrap().unwrap();
        prop_assert_eq!(wb.note("SM-5.1.1"), note.as_str());
        prop_assert_eq!(wb.reflection("SM-5"), note.as_str());
    });
}

fn note_strategy() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        "\"",
        "'",
        "\\",
        "\"\"\"",
        "'''",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\u{0}",
        "\u{1b}[2J",
        "\u{7f}",
        "\u{9b}",
        "\u{202e}",
        "顧客の声を記録した",
        "😀",
        "👩‍💻",
        "\u{feff}",
        "# not a comment",
        "[table]",
        " ",
    ]);
    prop_oneof![
        4 => prop::collection::vec(prop_oneof![tricky.prop_map(String::from), any::<char>().prop_map(String::from)], 0..40)
            .prop_map(|parts| parts.concat()),
        1 => any::<String>(),
        // 100 KB notes.
        1 => (any::<char>(), 0usize..4).prop_map(|(c, n)| {
            let unit = format!("顧客{c}\n\"x\"\\ ");
            unit.repeat(100 * 1024 / unit.len() + n)
        }),
    ]
}

fn the_readmes_example_workbook_is_valid() {
    let readme = include_str!("../README.md");
    let start = readme.find("```toml\nschema = 2").expect("the README has an example workbook") + 8;
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let wb = keiko_core::store::parse(example, Path::new("README.md")).unwrap();
    assert!(wb.is_checked("SM-5.1.1"));
    let signoff = wb.level_state("SM-5", 1).unwrap().signoff.clone().unwrap();
    assert_eq!((signoff.by.as_str(), signoff.login.as_str()), ("坂本", "coach-b"));
    assert!(wb.unknown_ids(&Framework::bundled()).is_empty());
}

fn deleting_the_lock_file_while_two_writers_work_loses_nothing() {
    // Each writer checks its own 150 statements while another thread deletes the
    // lock file over and over, as `while true; do rm -f w.toml.lock; done` would.
    let framework =
        Arc::new(Framework::parse(&keiko_core::model::framework::synthetic_toml(25, 6), "synthetic").unwrap());
    let ids: Vec<String> =
        framework.competencies.iter().flat_map(|c| c.statements()).map(|(_, s)| s.id.clone()).take(300).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = Arc::new(dir.path().join("w.toml"));
    let lock = dir.path().join("w.toml.lock");
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let deleter = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let mut deleted = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if fs::remove_file(&lock).is_ok() {
                    deleted += 1;
                }
            }
            deleted
        })
    };
    let writers: Vec<_> = ids
        .chunks(150)
        .zip(["learner", "coach"])
        .map(|(mine, who)| {
            let (path, framework, mine) = (Arc::clone(&path), Arc::clone(&framework), mine.to_vec());
            std::thread::spawn(move || {
                let store = Store::new(path.as_path(), &framework);
                for id in mine {
                    store.apply(&Change::Check { id, checked: true }, &stamp(who), false).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(deleter.join().unwrap() > 10, "the lock file was deleted while the writers worked");
    let wb = Store::new(path.as_path(), &framework).read().unwrap().unwrap();
    let missing: Vec<&String> = ids.iter().filter(|id| !wb.is_checked(id)).collect();
    assert!(missing.is_empty(), "{} of 300 changes lost: {missing:?}", missing.len());
}

/// Runs the built keiko (a copy `program` every user can reach) as user `uid`
/// with group `gid` only, under `umask`: umask is process-wide, so it is set
/// in the child.
fn keiko_as(program: &Path, uid: u32, gid: u32, umask: &str, args: &[&str]) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    std::process::Command::new("/bin/sh")
        .args(["-c", &format!("umask {umask}; exec \"$0\" \"$@\""), program.to_str().unwrap()])
        .args(args)
        .uid(uid)
        .gid(gid)
        .current_dir("/")
        .env_clear()
        .env("HOME", "/nonexistent")
        .env("USER", format!("u{uid}"))
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

fn a_lock_file_made_under_a_strict_umask_still_lets_the_team_in() {
    // Two throwaway users (bare ids: the kernel needs no password entry) in
    // one group, sharing a setgid directory as the README shows.
    let (aoki, baba, team_group) = (61_001, 61_002, 61_000);
    let nobody = common::Nobody::new();
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let team = dir.path().join("team");
    fs::create_dir(&team).unwrap();
    std::os::unix::fs::chown(&team, None, Some(team_group)).unwrap();
    fs::set_permissions(&team, fs::Permissions::from_mode(0o2770)).unwrap();
    let path = team.join("aoki.toml");
    let lock = team.join("aoki.toml.lock");
    let file = path.to_str().unwrap();

    let o = keiko_as(&nobody.program, aoki, team_group, "007", &["--file", file, "--role", "OP", "status"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(mode(&path), 0o660);
    // The lock file is removed (by hand, a clean-up script); a teammate with
    // a strict umask makes the next change and so recreates it.
    fs::remove_file(&lock).unwrap();
    let o = keiko_as(&nobody.program, baba, team_group, "077", &["--file", file, "--name", "馬場", "status"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(mode(&lock), 0o660, "the lock file follows the workbook's mode, not the umask");
    assert_eq!(fs::metadata(&lock).unwrap().gid(), team_group);
    // The workbook's owner can still save.
    let o = keiko_as(&nobody.program, aoki, team_group, "007", &["--file", file, "--name", "青木", "status"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(store_at(&path).read().unwrap().unwrap().profile.name, "青木");
}

fn a_lock_file_keeps_following_the_workbooks_mode_and_group() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let store = store_at(&path);
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp("a"), false).unwrap();
    let lock = dir.path().join("w.toml.lock");
    assert_eq!(mode(&lock), 0o600);
    // Shared later with the group: the next change shares the lock file too.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o660)).unwrap();
    store.apply(&Change::Check { id: "SM-5.2.1".into(), checked: true }, &stamp("a"), false).unwrap();
    assert_eq!(mode(&lock), 0o660);
}

fn a_workbook_over_the_size_limit_is_refused_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    // A sparse file: its size is there, its bytes cost nothing.
    fs::File::create(&path).unwrap().set_len(3 << 30).unwrap();
    let err = store_at(&path).read().unwrap_err();
    assert_eq!(err, StoreError::TooLarge { path: path.clone(), size: 3 << 30 });
    assert!(err.message(Lang::EN).contains("more than a workbook can be"), "{err:?}");
    let write = store_at(&path).apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp("a"), false);
    assert_eq!(write.unwrap_err(), err);
    assert_eq!(fs::metadata(&path).unwrap().len(), 3 << 30);
}

fn a_workbook_of_exactly_the_size_limit_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let head = "schema = 1\n\n[statements.\"SM-5.1.1\"]\nnote = \"\"\"\n";
    let tail = "\"\"\"\n";
    let limit = keiko_core::store::MAX_WORKBOOK_BYTES as usize;
    let note = "x".repeat(limit - head.len() - tail.len());
    fs::write(&path, format!("{head}{note}{tail}")).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().len(), keiko_core::store::MAX_WORKBOOK_BYTES);
    assert_eq!(store_at(&path).read().unwrap().unwrap().note("SM-5.1.1").len(), note.len());
}

fn a_change_that_would_outgrow_the_size_limit_is_refused_and_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let store = store_at(&path);
    store.apply(&Change::Note { id: "SM-5.1.1".into(), text: "a".repeat(1 << 20) }, &stamp("a"), false).unwrap();
    let before = fs::read(&path).unwrap();
    let big = Change::Note { id: "SM-5.2.1".into(), text: "b".repeat(1 << 20) + "\n" };
    let err = store.apply(&big, &stamp("a"), false).unwrap_err();
    assert!(matches!(err, StoreError::WouldBeTooLarge { .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), before, "the workbook keiko could no longer read was not written");
}

fn reading_a_fifo_or_a_device_neither_blocks_nor_reads_it() {
    use keiko_core::store::{ReadFileError, read_regular_file};
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    // No writer: opening it the usual way would wait forever.
    assert!(matches!(read_regular_file(&fifo, 1 << 20), Err(ReadFileError::NotAFile)));
    assert!(matches!(read_regular_file(Path::new("/dev/zero"), 1 << 20), Err(ReadFileError::NotAFile)));
    assert!(matches!(store_at(&fifo).read(), Err(StoreError::NotAFile { .. })));
    let small = dir.path().join("small.toml");
    fs::write(&small, "0123456789").unwrap();
    assert!(matches!(read_regular_file(&small, 9), Err(ReadFileError::TooLarge(10))));
    assert_eq!(read_regular_file(&small, 10).unwrap(), b"0123456789");
}

/// The fixtures of `tests/fixtures/`: every schema keiko has shipped, as
/// that keiko wrote it, and a newer keiko's file of this schema.
fn fixture(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// A TOML value at a path of keys (`a/b/0/c`: numbers index arrays).
fn value_at(text: &str, path: &str) -> Option<toml::Value> {
    let mut value = toml::Value::Table(text.parse().unwrap());
    for key in path.split('/') {
        value = match (&value, key.parse::<usize>()) {
            (toml::Value::Array(array), Ok(i)) => array.get(i)?.clone(),
            _ => value.get(key)?.clone(),
        };
    }
    Some(value)
}

fn every_schema_keiko_has_shipped_is_read_and_written_in_this_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let one = fixture("schema-1.toml");
    fs::write(&path, &one).unwrap();
    let store = store_at(&path);
    let wb = store.read().unwrap().unwrap();
    assert_eq!(wb.schema, keiko_core::model::workbook::SCHEMA);
    assert_eq!(wb.profile.name, "オペレーターA");
    assert_eq!(wb.profile.reading, "おぺれーたーえー");
    assert!(wb.note("SM-5.1.1").starts_with("先週の解約希望3件"));
    let sm5 = wb.level_state("SM-5", 1).unwrap().signoff.as_ref().unwrap();
    assert_eq!((sm5.login.as_str(), sm5.comment.as_str()), ("coach-b", "根拠が明確です"));
    assert!(wb.level_state("SM-6", 1).unwrap().returned.is_some());
    assert!(wb.level_state("SM-5", 2).unwrap().review_requested.is_some());
    assert_eq!(wb.comments("SM-5").len(), 1);
    assert_eq!(wb.history.len(), 17);
    assert!(wb.history.iter().any(|h| h.undo));
    // The coach's quick read agrees, and reading wrote nothing.
    let mut quick = keiko_core::store::parse_for_summary(&one, &path).unwrap();
    for (entry, whole) in quick.history.iter_mut().zip(&wb.history) {
        entry.by = whole.by.clone();
    }
    assert_eq!(quick, wb);
    assert_eq!(fs::read_to_string(&path).unwrap(), one);
    // The next change writes the current schema, naming this keiko; nothing is lost.
    store.apply(&Change::Check { id: "SM-7.1.1".into(), checked: true }, &stamp("op-a"), false).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let head =
        format!("schema = {}\nkeiko = \"{}\"\n", keiko_core::model::workbook::SCHEMA, keiko_core::store::KEIKO_VERSION);
    assert!(text.starts_with(&head), "{text}");
    let mut again = store.read().unwrap().unwrap();
    assert!(again.is_checked("SM-7.1.1"));
    again.history.pop();
    again.statements.remove("SM-7.1.1");
    assert_eq!(again, wb);
}

fn fields_a_newer_keiko_wrote_survive_a_change_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    fs::write(&path, fixture("newer-fields.toml")).unwrap();
    let store = store_at(&path);
    let wb = store.read().unwrap().unwrap();
    assert_eq!(wb.history[2].what, keiko_core::model::workbook::Verb::Other("due-date".into()));
    for change in [
        Change::Check { id: "SM-6.1.1".into(), checked: true },
        Change::Note { id: "SM-5.1.1".into(), text: "書き直した".into() },
        Change::Profile { name: Some("B".into()), role: None },
    ] {
        store.apply(&change, &stamp("op-a"), false).unwrap();
    }
    let text = fs::read_to_string(&path).unwrap();
    let kept = [
        ("timezone", "\"Asia/Tokyo\""),
        ("profile/team_since", "2026-04-01"),
        ("statements/SM-5.1.1/evidence/0", "\"https://intra.example/calls/123\""),
        ("competencies/SM-5/levels/1/due", "2027-01-31"),
        ("competencies/SM-5/levels/1/signoff/method", "\"observed a call\""),
        ("competencies/SM-5/comments/0/pinned", "true"),
        ("goals/SM-6/by", "2027-03-31"),
        ("history/0/device", "\"phone\""),
        ("history/2/what", "\"due-date\""),
        ("history/2/target", "\"SM-5 L1\""),
        ("history/2/due", "2027-01-31"),
    ];
    for (at, value) in kept {
        assert_eq!(value_at(&text, at).map(|v| v.to_string()).as_deref(), Some(value), "{at}:\n{text}");
    }
    // What this keiko knows it wrote; the history is still last.
    assert_eq!(value_at(&text, "statements/SM-5.1.1/note").unwrap().as_str(), Some("書き直した"));
    assert_eq!(value_at(&text, "profile/name").unwrap().as_str(), Some("B"));
    assert_eq!(value_at(&text, "keiko").unwrap().as_str(), Some(keiko_core::store::KEIKO_VERSION));
    assert!(text.rfind("[goals").unwrap() < text.find("[[history]]").unwrap(), "{text}");
    assert_eq!(value_at(&text, "history").unwrap().as_array().unwrap().len(), 6);
}

/// A session's store remembers the text it wrote, to skip the comparison:
/// a newer keiko writing between two of its changes is still kept.
fn a_newer_keiko_writing_between_two_changes_of_a_session_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let store = store_at(&path);
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp("op-a"), false).unwrap();
    store.apply(&Change::Check { id: "SM-5.1.2".into(), checked: true }, &stamp("op-a"), false).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("[statements.\"SM-5.1.1\"]\n", "[statements.\"SM-5.1.1\"]\ndue = 2027-01-31\n");
    fs::write(&path, text).unwrap();
    store.apply(&Change::Check { id: "SM-5.1.3".into(), checked: true }, &stamp("op-a"), false).unwrap();
    store.apply(&Change::Check { id: "SM-5.1.4".into(), checked: true }, &stamp("op-a"), false).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(value_at(&text, "statements/SM-5.1.1/due").is_some_and(|v| v.is_datetime()), "{text}");
}

fn a_newer_major_schema_is_refused_naming_both_keikos() {
    let text = b"schema = 3\nkeiko = \"0.9.0\"\nstatements = \"a shape this keiko cannot read\"\n";
    assert_refused_untouched(text, |e| {
        let words = e.message(Lang::EN);
        matches!(e, StoreError::NewerSchema { found: 3, .. })
            && words.contains(&format!(
                "written by keiko 0.9.0 (schema 3); this is keiko {}: upgrade keiko",
                keiko_core::store::KEIKO_VERSION
            ))
            && !words.contains("corrupt")
    });
}

fn main() -> std::process::ExitCode {
    common::run_tests(
        tests![
            a_new_workbook_is_private_in_a_private_directory,
            a_new_workbook_in_a_shared_team_directory_follows_the_umask,
            a_rewrite_keeps_the_files_permission_bits,
            no_temporary_files_are_left_behind,
            invalid_toml_is_refused_with_its_position,
            wrong_types_are_refused_with_their_position,
            a_newer_schema_is_refused,
            every_schema_keiko_has_shipped_is_read_and_written_in_this_one,
            fields_a_newer_keiko_wrote_survive_a_change_elsewhere,
            a_newer_major_schema_is_refused_naming_both_keikos,
            a_newer_keiko_writing_between_two_changes_of_a_session_is_kept,
            a_binary_file_is_refused,
            a_symlinked_workbook_is_never_written_through,
            ids_the_framework_does_not_know_survive_a_rewrite,
            two_writers_at_once_lose_nothing,
            notes_survive_save_and_load,
            the_readmes_example_workbook_is_valid,
            deleting_the_lock_file_while_two_writers_work_loses_nothing,
            a_lock_file_keeps_following_the_workbooks_mode_and_group,
            a_workbook_over_the_size_limit_is_refused_without_being_read,
            a_workbook_of_exactly_the_size_limit_is_read,
            a_change_that_would_outgrow_the_size_limit_is_refused_and_the_file_kept,
            reading_a_fifo_or_a_device_neither_blocks_nor_reads_it
        ],
        tests![a_lock_file_made_under_a_strict_umask_still_lets_the_team_in],
        "runs keiko as two other users",
    )
}
