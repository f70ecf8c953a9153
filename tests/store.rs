//! The workbook store as its users rely on it: nothing lost, nothing torn,
//! bad files left alone, permissions kept, concurrent writers merged.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;

use keiko::clock::time_from_unix;
use keiko::framework::Framework;
use keiko::store::{Store, StoreError};
use keiko::workbook::{Change, Stamp};
use proptest::prelude::*;

fn stamp(by: &str) -> Stamp {
    Stamp { by: by.into(), at: time_from_unix(1_796_000_000) }
}

fn store_at(path: &Path) -> Store {
    Store::new(path, &Framework::bundled())
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_new_workbook_is_private_in_a_private_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keiko").join("workbook.toml");
    let store = store_at(&path);
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp("a"), false).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
}

#[test]
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

#[test]
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

#[test]
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

#[test]
fn invalid_toml_is_refused_with_its_position() {
    assert_refused_untouched(b"schema = 1\n[profile\nname = 'x'\n", |e| {
        matches!(e, StoreError::Corrupt { line: 2, col: 9, .. })
    });
}

#[test]
fn wrong_types_are_refused_with_their_position() {
    assert_refused_untouched(b"schema = 1\n\n[statements.\"SM-5.1.1\"]\nchecked = \"yes\"\n", |e| {
        matches!(e, StoreError::Corrupt { line: 4, col: 11, .. })
    });
}

#[test]
fn a_newer_schema_is_refused() {
    assert_refused_untouched(b"schema = 7\n", |e| matches!(e, StoreError::NewerSchema { found: 7, .. }));
}

#[test]
fn a_binary_file_is_refused() {
    assert_refused_untouched(
        b"schema = 1\n\x00\xff\xfe\x89PNG",
        |e| matches!(e, StoreError::Corrupt { line: 2, message, .. } if message.contains("not UTF-8")),
    );
}

#[test]
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
    assert!(err.to_string().contains("real.toml"), "the message names the real path: {err}");
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read(&real).unwrap(), before);
    // Reading through the link is harmless and works.
    assert!(store_at(&link).read().unwrap().unwrap().is_checked("SM-5.1.1"));
}

#[test]
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

#[test]
fn two_writers_at_once_lose_nothing() {
    // 600 statements: each writer checks its own 300 at the same time as the other.
    let framework = Arc::new(Framework::parse(&keiko::framework::synthetic_toml(25, 6), "synthetic").unwrap());
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
    assert_eq!(wb.history.len(), keiko::workbook::HISTORY_LIMIT.min(600));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any note a learner can type or paste comes back exactly as written.
    #[test]
    fn notes_survive_save_and_load(note in note_strategy()) {
        let dir = tempfile::tempdir().unwrap();
        let store = store_at(&dir.path().join("w.toml"));
        store.apply(&Change::Note { id: "SM-5.1.1".into(), text: note.clone() }, &stamp("a"), false).unwrap();
        store.apply(&Change::Reflection { competency: "SM-5".into(), text: note.clone() }, &stamp("a"), false).unwrap();
        let wb = store.read().unwrap().unwrap();
        prop_assert_eq!(wb.note("SM-5.1.1"), note.as_str());
        prop_assert_eq!(wb.reflection("SM-5"), note.as_str());
    }
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

#[test]
fn the_readmes_example_workbook_is_valid() {
    let readme = include_str!("../README.md");
    let start = readme.find("```toml\nschema = 1").expect("the README has an example workbook") + 8;
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let wb = keiko::store::parse(example, Path::new("README.md")).unwrap();
    assert!(wb.is_checked("SM-5.1.1"));
    assert_eq!(wb.level_state("SM-5", 1).unwrap().signoff.as_ref().unwrap().by, "coach-b");
    assert!(wb.unknown_ids(&Framework::bundled()).is_empty());
}
