//! The ways a session ends or pauses, on the built binary in a pty: a
//! dropped connection on every screen, signals while a save waits for the
//! lock, Ctrl-L, Ctrl-Z and `fg`, and a coach's comment open at the end.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::{DOWN, ENTER, Pty, contains_bytes};
use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::Workbook;
use keiko_core::store::Store;

const EN: [(&str, &str); 1] = [("LANG", "en_US.UTF-8")];

fn workbook_path(home: &Path) -> PathBuf {
    home.join("data/keiko/workbook.toml")
}

fn on_disk(path: &Path) -> Workbook {
    Store::new(path, &Framework::bundled()).read().unwrap().unwrap()
}

/// Rescue files under `dir`, with their contents.
fn rescue_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("keiko-unsaved-")))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// Holds the workbook's lock, as another keiko in the middle of a write
/// would, for `seconds`.
fn hold_lock(workbook: &Path, seconds: u64) -> std::thread::JoinHandle<()> {
    let mut name = workbook.file_name().unwrap().to_os_string();
    name.push(".lock");
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(workbook.with_file_name(name));
    let lock = lock.unwrap();
    lock.lock().unwrap();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(seconds));
        drop(lock);
    })
}

/// The learner's app on a fresh workbook, with the role set.
fn learner(home: &Path) -> Pty {
    let keiko = Pty::spawn(&["--role", "OP", "--name", "Aoki"], home, &EN, 80, 24);
    keiko.wait_for("To target");
    keiko
}

/// Ends the terminal and checks that keiko ends as after a hang-up: at once,
/// with status 129, not by a signal (an abort), and without a core file.
fn assert_hang_up_ends_cleanly(mut keiko: Pty, home: &Path, screen: &str) {
    keiko.settle(Duration::from_millis(100));
    keiko.hang_up();
    let closed = Instant::now();
    let status = keiko.wait_exit(5);
    assert!(closed.elapsed() < Duration::from_secs(1), "{screen}: took {:?} to end", closed.elapsed());
    assert_eq!((status.signal(), status.exit_code()), (None, 129), "{screen}: ended with {status:?}");
    let cores: Vec<_> = std::fs::read_dir(home)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("core"))
        .collect();
    assert!(cores.is_empty(), "{screen}: left {cores:?}");
}

/// Types `keys`, waits for the screen that `shows`, then hangs up there.
fn hang_up_on(mut keiko: Pty, keys: &[&str], shows: &str, home: &Path, screen: &str) {
    for key in keys {
        keiko.send(key);
    }
    keiko.wait_for(shows);
    assert_hang_up_ends_cleanly(keiko, home, screen);
}

#[test]
fn a_hang_up_on_any_learner_screen_ends_keiko_cleanly() {
    let screens: [(&str, &[&str], &str); 7] = [
        ("overview", &[], "SM-9"),
        ("progress chart", &["p"], "Progress over time"),
        ("competency", &[ENTER], "Level 1"),
        ("help", &["?"], "Keys"),
        ("history", &["H"], "History"),
        ("search", &["/"], "Search"),
        ("role picker", &["r"], "Supervisor"),
    ];
    for (screen, keys, shows) in screens {
        let home = tempfile::tempdir().unwrap();
        hang_up_on(learner(home.path()), keys, shows, home.path(), screen);
    }
}

#[test]
fn a_hang_up_on_any_coach_screen_ends_keiko_cleanly() {
    let team = common::team_dir();
    let dir = team.path().to_str().unwrap();
    let screens: [(&str, &[&str], &str); 7] = [
        ("team", &[], "waiting 1"),
        ("skills matrix", &["m"], "Skills matrix"),
        ("who holds a level", &["m", "l", ENTER], "hold level 1 or above"),
        ("team chart", &["t"], "Learners at target over time"),
        ("waiting list", &["w"], "Waiting for review"),
        ("learner's level", &["w", ENTER], "review requested"),
        ("sign-off prompt", &["w", ENTER, "s"], "Sign off SM-5 Level 1"),
    ];
    for (screen, keys, shows) in screens {
        let home = tempfile::tempdir().unwrap();
        let coach = Pty::spawn(&["review", "--coach", "tanaka", dir], home.path(), &EN, 100, 30);
        coach.wait_for("waiting 1");
        hang_up_on(coach, keys, shows, home.path(), screen);
    }
}

#[test]
fn ctrl_l_redraws_every_cell_and_keeps_running() {
    let home = tempfile::tempdir().unwrap();
    let mut keiko = learner(home.path());
    for (screen, key, shows) in [("overview", "", "SM-9"), ("competency", ENTER, "Level 1")] {
        if !key.is_empty() {
            keiko.send(key);
        }
        keiko.wait_for(shows);
        keiko.settle(Duration::from_millis(100));
        let from = keiko.output_len();
        keiko.send("\x0c");
        keiko.settle(Duration::from_millis(200));
        let redraw = keiko.output_since(from);
        assert!(keiko.child.try_wait().unwrap().is_none(), "{screen}: Ctrl-L ended keiko");
        assert!(contains_bytes(&redraw, b"\x1b[2J"), "{screen}: the screen was not cleared");
        // Every cell is drawn again, not just the changed ones.
        assert!(contains_bytes(&redraw, shows.as_bytes()), "{screen}: not drawn again");
        // Nothing asked the terminal for its cursor position.
        assert!(!contains_bytes(&redraw, b"\x1b[6n"), "{screen}: asked for the cursor position");
        assert!(keiko.contents().contains(shows), "{}", keiko.contents());
    }
    keiko.send("q");
    assert!(keiko.wait_exit(5).success());
}

#[test]
fn ctrl_l_on_the_team_screen_redraws_and_keeps_running() {
    let team = common::team_dir();
    let home = tempfile::tempdir().unwrap();
    let mut coach = Pty::spawn(&["review", team.path().to_str().unwrap()], home.path(), &EN, 100, 30);
    coach.wait_for("waiting 1");
    coach.settle(Duration::from_millis(100));
    let from = coach.output_len();
    coach.send("\x0c");
    coach.settle(Duration::from_millis(200));
    assert!(coach.child.try_wait().unwrap().is_none(), "Ctrl-L ended keiko");
    assert!(contains_bytes(&coach.output_since(from), b"\x1b[2J"));
    coach.send("q");
    assert!(coach.wait_exit(5).success());
}

/// Ctrl-Z gives the terminal back (no alternate screen, no mouse reports,
/// cooked mode) and stops; after `SIGCONT` the screen is drawn again and keys
/// work at once. Here keiko is its own session, so the test plays the shell.
#[test]
fn ctrl_z_suspends_and_a_continue_redraws() {
    let home = tempfile::tempdir().unwrap();
    let mut keiko = learner(home.path());
    for (how, suspend) in [("Ctrl-Z", None), ("kill -TSTP", Some(libc::SIGTSTP))] {
        keiko.settle(Duration::from_millis(100));
        let from = keiko.output_len();
        match suspend {
            None => keiko.send("\x1a"),
            Some(signal) => keiko.signal(signal),
        }
        keiko.wait_state("stopped", |s| s == 'T');
        keiko.settle(Duration::from_millis(100));
        let left = keiko.output_since(from);
        assert!(contains_bytes(&left, b"\x1b[?1049l"), "{how}: still on the alternate screen");
        assert!(contains_bytes(&left, b"\x1b[?1000l"), "{how}: mouse reporting left on");
        assert!(contains_bytes(&left, b"\x1b[?25h"), "{how}: cursor left hidden");

        let from = keiko.output_len();
        keiko.signal(libc::SIGCONT);
        keiko.wait_state("running", |s| s != 'T');
        keiko.wait_for("SM-9");
        keiko.settle(Duration::from_millis(100));
        let back = keiko.output_since(from);
        assert!(contains_bytes(&back, b"\x1b[?1049h"), "{how}: not back on the alternate screen");
        assert!(contains_bytes(&back, b"\x1b[2J"), "{how}: not redrawn");
    }
    // Raw mode again: one key without Enter moves the selection.
    keiko.send(DOWN);
    keiko.wait_until("SM-6 selected", |s| s.contains("> SM-6"));
    keiko.send("q");
    assert!(keiko.wait_exit(5).success());
}

/// Types a note and leaves the editor open.
fn open_note(keiko: &mut Pty, text: &str) {
    keiko.send(ENTER);
    keiko.wait_for("Level 1");
    keiko.send("e");
    keiko.wait_for("Edit note");
    keiko.send(text);
    keiko.wait_for(text);
}

#[test]
fn sigterm_while_another_keiko_holds_the_lock_saves_the_note_once_the_lock_is_free() {
    let home = tempfile::tempdir().unwrap();
    let mut keiko = learner(home.path());
    open_note(&mut keiko, "typed while locked");
    let holder = hold_lock(&workbook_path(home.path()), 3);
    keiko.signal(libc::SIGTERM);
    let status = keiko.wait_exit(10);
    holder.join().unwrap();
    assert_eq!(status.exit_code(), 128 + 15);
    assert_eq!(on_disk(&workbook_path(home.path())).note("SM-5.1.1"), "typed while locked");
    keiko.wait_for("the note on SM-5.1.1 was saved in the workbook");
    // The rescue copy made before waiting for the lock is gone once the note is safe.
    assert!(rescue_files(&home.path().join("data/keiko")).is_empty());
}

#[test]
fn sigterm_while_the_lock_stays_held_puts_the_note_in_a_rescue_file_and_says_where() {
    let home = tempfile::tempdir().unwrap();
    let mut keiko = learner(home.path());
    open_note(&mut keiko, "kept in the rescue file");
    let holder = hold_lock(&workbook_path(home.path()), 8);
    keiko.signal(libc::SIGTERM);
    let status = keiko.wait_exit(10);
    assert_eq!(status.exit_code(), 128 + 15);
    let rescued = rescue_files(&home.path().join("data/keiko"));
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    let (path, text) = &rescued[0];
    assert!(text.contains("# the note on SM-5.1.1\nkept in the rescue file\n"), "{text}");
    keiko.wait_for("could not be saved");
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    keiko.wait_until("the rescue file named", |s| s.replace('\n', "").contains(&name));
    holder.join().unwrap();
    assert_eq!(on_disk(&workbook_path(home.path())).note("SM-5.1.1"), "");
}

#[test]
fn a_hang_up_while_the_lock_stays_held_leaves_the_note_in_a_rescue_file() {
    let home = tempfile::tempdir().unwrap();
    let mut keiko = learner(home.path());
    open_note(&mut keiko, "the line dropped");
    let holder = hold_lock(&workbook_path(home.path()), 8);
    keiko.hang_up();
    let status = keiko.wait_exit(10);
    assert_eq!((status.signal(), status.exit_code()), (None, 129));
    let rescued = rescue_files(&home.path().join("data/keiko"));
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert!(rescued[0].1.contains("the line dropped"), "{}", rescued[0].1);
    holder.join().unwrap();
}

/// The coach's comment editor open when keiko ends, by every way it can end:
/// the comment is saved exactly once.
#[test]
fn a_coach_comment_open_at_the_end_is_saved_exactly_once() {
    for (how, end) in [("Ctrl-C", "ctrl-c"), ("SIGTERM", "term"), ("hang-up", "hup")] {
        let team = common::team_dir();
        let home = tempfile::tempdir().unwrap();
        let dir = team.path().to_str().unwrap();
        let mut coach = Pty::spawn(&["review", "--coach", "tanaka", dir], home.path(), &EN, 100, 30);
        coach.wait_for("waiting 1");
        coach.send("w");
        coach.send(ENTER);
        coach.wait_for("review requested");
        coach.send("c");
        coach.wait_for("Comment");
        coach.send("one comment only");
        coach.wait_for("one comment only");
        match end {
            "ctrl-c" => coach.send("\x03"),
            "term" => coach.signal(libc::SIGTERM),
            _ => coach.hang_up(),
        }
        coach.wait_exit(10);
        let workbook = on_disk(&team.path().join("aoki.toml"));
        let comments = &workbook.competencies["SM-5"].comments;
        assert_eq!(comments.len(), 1, "{how}: {comments:?}");
        assert_eq!(comments[0].text, "one comment only");
        let recorded = workbook.history.iter().filter(|h| h.what == keiko_core::model::workbook::Verb::Comment).count();
        assert_eq!(recorded, 1, "{how}: the history records the comment {recorded} times");
    }
}

/// A sign-off is made only when confirmed: its half-typed comment is not
/// applied at the end, and goes to a rescue file in the coach's own data
/// directory, never among the learners' files.
#[test]
fn a_half_typed_sign_off_comment_is_rescued_not_applied() {
    let team = common::team_dir();
    let home = tempfile::tempdir().unwrap();
    let dir = team.path().to_str().unwrap();
    let mut coach = Pty::spawn(&["review", "--coach", "tanaka", dir], home.path(), &EN, 100, 30);
    coach.wait_for("waiting 1");
    coach.send("w");
    coach.send(ENTER);
    coach.send("s");
    coach.wait_for("Sign off SM-5 Level 1");
    coach.send("half a thought");
    coach.wait_for("half a thought");
    coach.signal(libc::SIGTERM);
    coach.wait_exit(10);
    assert!(on_disk(&team.path().join("aoki.toml")).level_state("SM-5", 1).unwrap().signoff.is_none());
    let rescued = rescue_files(&home.path().join("data/keiko"));
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert!(rescued[0].1.contains("signing off SM-5 Level 1 (not signed off)\nhalf a thought"), "{}", rescued[0].1);
    assert!(rescue_files(team.path()).is_empty());
    coach.wait_for("could not be saved");
}

/// Without a terminal keiko refuses to start, and leaves no trace: no data
/// directory, no workbook, even with flags that would set the profile.
#[test]
fn without_a_terminal_keiko_refuses_and_creates_nothing() {
    let home = tempfile::tempdir().unwrap();
    for args in [&[][..], &["--role", "OP", "--name", "Aoki"][..]] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_keiko"))
            .args(args)
            .env_clear()
            .env("KEIKO_SYSTEM_CONFIG", common::NO_SYSTEM_CONFIG)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("LANG", "ja_JP.UTF-8")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.contains("端末が必要です") && stderr.contains("keiko status"), "{stderr}");
        assert!(!home.path().join("data").exists(), "{args:?}: created the data directory");
    }
}
