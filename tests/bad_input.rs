//! The bad-input catalogue (README, "When something is wrong"): each kind of
//! bad input not already covered by cli.rs, store.rs, pty.rs or snapshots.rs.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use common::{learner_with, ui};
use keiko::framework::Framework;
use keiko::i18n::Lang;
use keiko::store::{Store, StoreError};
use keiko::tui::keymap::ScreenKind;
use keiko::workbook::Change;

fn keiko(args: &[&str], home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_keiko"));
    cmd.args(args).env_clear().env("HOME", home).env("XDG_DATA_HOME", home.join("data")).env("LANG", "C.UTF-8");
    cmd
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_broken_framework_file_given_with_framework_stops_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("center.toml");
    fs::write(&path, "id = \"c\"\nversion = \"1\"\n[[roles]\ncode = 1\n").unwrap();
    let o = keiko(&["--framework", path.to_str().unwrap(), "status"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("{}:3:9: ", path.display())), "{}", stderr(&o));
}

#[test]
fn a_typo_in_a_hand_edited_workbook_is_refused_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let text = "schema = 1\n\n[statements.\"SM-5.1.1\"]\ncheckd = true\n";
    fs::write(&path, text).unwrap();
    let err = Store::new(&path, &Framework::bundled()).read().unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt { line: 4, message, .. } if message.contains("unknown field `checkd`")),
        "{err}"
    );
    let o = keiko(&["--file", path.to_str().unwrap(), "--role", "OP", "status"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn non_utf8_bytes_in_a_note_are_refused_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let mut bytes = b"schema = 1\n\n[statements.\"SM-5.1.1\"]\nnote = \"caf".to_vec();
    bytes.extend_from_slice(b"\xe9 latin-1\"\n");
    fs::write(&path, &bytes).unwrap();
    let err = Store::new(&path, &Framework::bundled()).read().unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { line: 4, col: 12, .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_one_megabyte_note_is_saved_shown_and_exported() {
    let big: String = "顧客の声を記録した。".repeat(1024 * 1024 / 30 + 1) + "\nEND";
    assert!(big.len() >= 1024 * 1024);
    let mut h = learner_with(ui(Lang::En, false), Some("OP"), |_| {});
    h.keys("Enter e");
    h.app.update(keiko::tui::app::Msg::Paste(big.clone()));
    h.keys("Esc");
    assert_eq!(h.on_disk().note("SM-5.1.1"), big);
    let started = std::time::Instant::now();
    let screen = h.render(80, 24);
    assert!(screen.contains("(e shows all)"), "{screen}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "drawing a 1 MB note took {:?}", started.elapsed());
    let o =
        keiko(&["--file", h.path().to_str().unwrap(), "export", "--format", "json"], h.dir.path()).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["competencies"][0]["levels"][0]["statements"][0]["note"], big.as_str());
}

#[test]
fn a_symlinked_workbook_opens_read_only_in_the_app() {
    let mut h = learner_with(ui(Lang::En, false), Some("OP"), |_| {});
    let real = h.dir.path().join("real.toml");
    fs::rename(h.path(), &real).unwrap();
    std::os::unix::fs::symlink(&real, h.path()).unwrap();
    let framework = Framework::bundled();
    let store = Store::new(h.path(), &framework);
    let doc = keiko::tui::app::Doc::new(store.clone(), store.read_or_new().unwrap());
    h.app = keiko::tui::app::App::learner(ui(Lang::En, false), framework, doc, "op-a".into());
    let before = fs::read(&real).unwrap();
    h.keys("Enter Space");
    assert!(h.app.status.as_ref().unwrap().text.contains("symbolic link"), "{:?}", h.app.status);
    h.keys("e");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency), "no editor to type into and lose");
    assert_eq!(fs::read(&real).unwrap(), before);
}

#[test]
fn an_unwritable_workbook_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    Store::new(&path, &Framework::bundled())
        .apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &common::stamp("a"), false)
        .unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let before = fs::read(&path).unwrap();
    let nobody = common::Nobody::new();
    let o = nobody.command().args(["--file", path.to_str().unwrap(), "--role", "SV", "status"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot write the workbook: permission denied"), "{}", stderr(&o));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_directory_as_the_workbook_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let o = keiko(&["--file", dir.path().to_str().unwrap(), "status"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is not a regular file"), "{}", stderr(&o));
}

#[test]
fn without_a_terminal_the_app_says_what_to_use_instead() {
    let dir = tempfile::tempdir().unwrap();
    let o = keiko(&["--role", "OP"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
    assert!(stderr(&o).contains("keiko status"), "{}", stderr(&o));
}

#[test]
fn a_lock_held_by_a_stuck_process_gives_up_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let store = Store::new(&path, &Framework::bundled());
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &common::stamp("a"), false).unwrap();
    let lock = fs::File::open(dir.path().join("w.toml.lock")).unwrap();
    lock.lock().unwrap();
    let before = fs::read(&path).unwrap();
    let err =
        store.apply(&Change::Check { id: "SM-5.2.1".into(), checked: true }, &common::stamp("a"), false).unwrap_err();
    assert!(err.to_string().contains("held the lock for over 5 seconds"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}
